import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPython } from '../support/seed-clients.js';
import { startTestServer, testDialects, type TestServer } from '../support/index.js';
import { api, compatTenant, seedClientSuite, type CompatTenant } from './support.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const SCRIPT = join(import.meta.dirname, 'python', 'isahit.py');
/** More than one page of 100, so the client pages. */
const COUNT = 130;

seedClientSuite('isahit: the real isahitlab client', (python) => {
  describe.each(testDialects())('on %s', (dialect) => {
    let server: TestServer;
    let tenant: CompatTenant;
    let other: CompatTenant;
    let projectId: string;
    let otherProjectId: string;
    let batchId: string;
    let batch2Id: string;
    let outDir: string;

    const newBatch = async (datasetId: string, name: string) => {
      const job = await api(server, tenant.apiKey, 'POST', `/v1/datasets/${datasetId}/batches`, {
        name,
        rows: [{ v: 1 }],
      });
      for (let i = 0; i < 30; i++) {
        const done = await api(server, tenant.apiKey, 'GET', `/v1/jobs/${job.id}?wait=5`);
        if (done.status === 'succeeded') return done.result.batchId as string;
        if (['failed', 'aborted'].includes(done.status)) throw new Error(JSON.stringify(done));
      }
      throw new Error('batch job did not finish');
    };
    const run = (env: Record<string, string>) =>
      runPython(python, SCRIPT, {
        ISAHIT_ENDPOINT: `${server.url}/compat/isahit/`,
        ISAHIT_ID: tenant.clientId,
        ISAHIT_SECRET: tenant.clientSecret,
        PROJECT_ID: projectId,
        BATCH_ID: batchId,
        BATCH2_ID: batch2Id,
        OTHER_PROJECT_ID: otherProjectId,
        OUT_DIR: outDir,
        COUNT: String(COUNT),
        ...env,
      });

    beforeAll(async () => {
      server = await startTestServer(dialect);
      tenant = await compatTenant(server, 'isahit-ws');
      other = await compatTenant(server, 'isahit-other');
      outDir = mkdtempSync(join(tmpdir(), 'isahit-export-'));
      const project = await api(server, tenant.apiKey, 'POST', '/v1/projects', {
        name: 'labelling',
        taskSchema: {
          type: 'object',
          properties: { text: { type: 'string' }, n: { type: 'integer' } },
          required: ['text'],
          additionalProperties: false,
        },
      });
      projectId = project.id;
      otherProjectId = (await api(server, other.apiKey, 'POST', '/v1/projects', { name: 'theirs' })).id;
      const dataset = await api(server, tenant.apiKey, 'POST', '/v1/datasets', {
        projectId,
        name: 'base',
        columns: [{ name: 'v', type: 'numeric' }],
      });
      batchId = await newBatch(dataset.id, 'b1');
      batch2Id = await newBatch(dataset.id, 'b2');
    }, 60_000);
    afterAll(async () => {
      await server?.close();
      if (outDir) rmSync(outDir, { recursive: true, force: true });
    });

    it('creates, lists, updates, reviews, redoes and exports tasks through the unmodified client', async () => {
      const one = await run({ PHASE: '1' });
      if (one.code !== 0) throw new Error(`phase 1 failed (${one.code}):\n${one.stderr}`);
      const r = one.result as any;
      expect(r.badLogin).toMatch(/^AuthenticationFailed/);
      expect(r.created).toBe(COUNT);
      expect(r.firstCreated).toMatchObject({
        name: 'img-0',
        batchId,
        projectId,
        status: 'pending',
        resources: ['https://example.test/img-0.png'],
        properties: { score: 0, custom: { lang: 'en' } },
        data: { body: { text: 'initial 0', n: 0 } },
      });
      expect(r.firstCreated._id).toMatch(/^tsk_/);
      expect(r.dataCheck).toMatch(/ValidationError/);
      expect(r.duplicateRaised).toMatch(/already exist/);
      expect(r.skippedCreate).toEqual(['extra']);

      // What the server holds, through the native API: the client's creates landed, once each.
      const native = await api(server, tenant.apiKey, 'GET', `/v1/tasks?projectId=${projectId}&limit=500`);
      expect(native.data).toHaveLength(COUNT + 2);
      expect(r.all).toBe(COUNT + 2);
      expect(r.allNames).toEqual(native.data.map((t: any) => t.name).sort());
      expect(r.iterated).toBe(COUNT + 2);
      expect(r.sampleData).toEqual({ text: 'initial 3', n: 3 });
      expect(r.byBatch).toBe(1);
      expect(r.byName).toEqual(['img-1', 'img-2']);
      expect(r.byNameLike).toEqual(['img-10', 'img-11', 'img-12']);
      expect(r.byData).toEqual(['img-7']);
      expect(r.byDataNumber).toEqual(['img-8']);
      expect(r.byProperty).toBe(COUNT / 2);
      expect(r.noData).toEqual({});
      expect(r.createdInRange).toBe(COUNT + 2);
      expect(r.createdAfterFuture).toBe(0);
      expect(r.updatedBeforePast).toBe(0);
      expect(r.pendingBefore).toBe(COUNT + 2);
      expect(r.propertiesUpdated).toBe(3);
      expect(r.afterProperties).toEqual([
        ['img-0', 42, 'de'],
        ['img-1', 42, 'de'],
        ['img-2', 42, 'de'],
      ]);

      // Work img-0..img-3 natively: started, data changed, completed.
      const ids = r.ids as string[];
      const worked = ids.slice(0, 4);
      await api(server, tenant.apiKey, 'POST', '/v1/tasks/transition', { ids: worked, to: 'in_progress' });
      for (const id of worked)
        await api(server, tenant.apiKey, 'PATCH', `/v1/tasks/${id}`, { data: { text: 'worked' } });
      await api(server, tenant.apiKey, 'POST', '/v1/tasks/transition', { ids: worked, to: 'complete' });

      const two = await run({ PHASE: '2', TASK_IDS: ids.join(',') });
      if (two.code !== 0) throw new Error(`phase 2 failed (${two.code}):\n${two.stderr}`);
      const s = two.result as any;
      expect(s.toReview).toBe(2);
      expect(s.toReviewListed).toEqual(['img-0', 'img-1']);
      expect(s.completeListed).toEqual(['img-2', 'img-3']);
      expect(s.redoKeep).toBe(1);
      expect(s.redoReset).toBe(1);
      expect(s.redoData).toEqual({
        'img-2': ['pending', { text: 'worked' }],
        'img-3': ['pending', { text: 'initial 3', n: 3 }],
      });
      expect(s.reviewPending).toMatch(/^ApiBadRequest/);
      const statuses = await api(
        server,
        tenant.apiKey,
        'GET',
        `/v1/tasks?projectId=${projectId}&ids=${ids.slice(0, 4).join(',')}`,
      );
      expect(Object.fromEntries(statuses.data.map((t: any) => [t.name, t.status]))).toEqual({
        'img-0': 'to_review',
        'img-1': 'to_review',
        'img-2': 'pending',
        'img-3': 'pending',
      });
      expect(s.exportFile).toBe(COUNT + 2);
      expect(s.exportMemory).toHaveLength(1);
      expect(JSON.stringify(s.exportMemory)).toContain('other-batch');
      expect(s.otherProjectTasks).toMatch(/^ApiNotFound/);
      expect(s.otherProjectCreate).not.toBeNull();
      // Nothing reached the other workspace.
      const theirs = await api(server, other.apiKey, 'GET', `/v1/tasks?projectId=${otherProjectId}`);
      expect(theirs.data).toEqual([]);
    }, 300_000);
  });
});
