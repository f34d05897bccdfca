import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, testDialects, type TestServer } from '../support/index.js';
import { runPython } from '../support/seed-clients.js';
import { api, compatTenant, seedClientSuite, type CompatTenant } from './support.js';

const script = fileURLToPath(new URL('./python/tensorbay_jobs.py', import.meta.url));
const columns = [
  { name: 'key', type: 'text' },
  { name: 'category', type: 'text' },
];

async function waitJob(server: TestServer, token: string, id: string) {
  for (let i = 0; i < 200; i++) {
    const job = await api<{ status: string }>(server, token, 'GET', `/v1/jobs/${id}`);
    if (job.status !== 'queued' && job.status !== 'running') return job;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`job ${id} did not finish`);
}

/** A dataset with one batch of rows; answers the dataset and the batch. */
async function datasetWithRows(
  server: TestServer,
  token: string,
  projectId: string,
  name: string,
  rows: object[],
) {
  const dataset = await api<{ id: string }>(server, token, 'POST', '/v1/datasets', {
    projectId,
    name,
    columns,
    keyColumn: 'key',
  });
  const job = await api<{ id: string }>(server, token, 'POST', `/v1/datasets/${dataset.id}/batches`, {
    rows,
  });
  const done = await waitJob(server, token, job.id);
  expect(done.status).toBe('succeeded');
  const batches = await api<{ data: { id: string }[] }>(
    server,
    token,
    'GET',
    `/v1/datasets/${dataset.id}/batches`,
  );
  return { dataset, batchId: batches.data[0]!.id };
}

seedClientSuite('tensorbay 1.24.2, unmodified, against /compat/tensorbay', (python) => {
  for (const dialect of testDialects()) {
    let server: TestServer;
    let tenant: CompatTenant;
    let other: CompatTenant;
    let main: { dataset: { id: string }; batchId: string };

    beforeAll(async () => {
      // One job at a time: the script parks a sleep job in the only slot to catch a merge queued.
      server = await startTestServer(dialect, { jobConcurrency: 1 });
      tenant = await compatTenant(server, 'tb');
      other = await compatTenant(server, 'tb-other');
      const project = await api<{ id: string }>(server, tenant.apiKey, 'POST', '/v1/projects', {
        name: 'tb',
      });
      main = await datasetWithRows(server, tenant.apiKey, project.id, 'cats', [
        { key: 'k1', category: 'cat' },
      ]);
      await datasetWithRows(server, tenant.apiKey, project.id, 'cats.dev', [
        { key: 'k1', category: 'cat' },
        { key: 'k2', category: 'dog' },
      ]);
      const otherProject = await api<{ id: string }>(server, other.apiKey, 'POST', '/v1/projects', {
        name: 'x',
      });
      await datasetWithRows(server, other.apiKey, otherProject.id, 'secret', [{ key: 'z', category: 'cat' }]);
    }, 60_000);
    afterAll(() => server?.close());

    it(`[${dialect}] every seed-page call works from the real client`, async () => {
      const run = await runPython(python, script, {
        TB_BASE: server.url,
        TB_KEY: tenant.apiKey,
        TB_DATASET: 'cats',
        TB_OTHER_DATASET: 'secret',
        TB_MAIN_BATCH: main.batchId,
      });
      expect(run.code, run.stderr).toBe(0);
      const r = run.result as any; // eslint-disable-line @typescript-eslint/no-explicit-any

      expect(r.datasetCommitId).toMatch(/^[0-9a-f]{32}$/);
      expect(r.datasetBranch).toBe('main');
      expect(r.otherWorkspace).toBe('ResourceNotExistError');

      expect(r.abortStrategy.status).toBe('FAILED');
      expect(r.abortStrategy.errorMessage).not.toBe('');
      expect(r.retried).toEqual({ status: 'SUCCESS', draftNumber: 1, draftTitle: 'merge dev strictly' });

      expect(r.created.title).toBe('dev->main(override)');
      expect(r.created.arguments).toMatchObject({
        title: 'merge dev',
        sourceBranchName: 'dev',
        strategy: 'override',
      });
      expect(Number.isInteger(r.created.createdAt)).toBe(true);
      expect(r.merged).toMatchObject({
        status: 'SUCCESS',
        errorMessage: '',
        draftNumber: 2,
        draftTitle: 'merge dev',
        draftBranch: 'main',
        draftStatus: 'OPEN',
      });
      expect(Number.isInteger(r.merged.finishedAt)).toBe(true);
      expect(r.got).toMatchObject({
        jobId: r.created.jobId,
        jobType: 'squashAndMerge',
        status: 'SUCCESS',
        title: 'dev->main(override)',
        arguments: {
          title: 'merge dev',
          sourceBranchName: 'dev',
          targetBranchName: 'main',
          strategy: 'override',
        },
      });

      const ids = r.jobIds as { failed: string; merged: string; aborted: string };
      expect(r.aborted.status).toBe('ABORTED');
      const uniq = (list: string[]) => [...new Set(list)].sort();
      expect(r.listed).toEqual(uniq([ids.failed, ids.merged, ids.aborted]));
      expect(r.listedSuccess).toEqual(uniq([ids.failed, ids.merged]));
      expect(r.listedAfterDelete).toEqual(uniq([ids.failed, ids.merged]));
      expect(r.deletedGet).toBe('ResourceNotExistError');

      // The native API sees the same jobs and drafts.
      const merged = await api(server, tenant.apiKey, 'GET', `/v1/jobs/${ids.merged}`);
      expect(merged).toMatchObject({ type: 'batch.merge', status: 'succeeded' });
      await api(server, tenant.apiKey, 'GET', `/v1/jobs/${ids.aborted}`, undefined, 404);

      expect(r.search).toMatchObject({ status: 'SUCCESS', errorMessage: '', result: true, got: 'SUCCESS' });
      expect(r.search.listed).toEqual([r.searchJobId]);
      const search = await api(server, tenant.apiKey, 'GET', `/v1/jobs/${r.searchJobId}`);
      expect(search.result).toMatchObject({ count: 1 });

      // create_dataset started a from-search job: the new dataset holds the one matching row.
      let found: { name: string; rowCount: number } | undefined;
      for (let i = 0; i < 100 && !found; i++) {
        const list = await api<{ data: { name: string; rowCount: number }[] }>(
          server,
          tenant.apiKey,
          'GET',
          '/v1/datasets?limit=100',
        );
        found = list.data.find((d) => d.name === 'cats_found');
        if (!found) await new Promise((res) => setTimeout(res, 100));
      }
      expect(found?.rowCount).toBe(1);
    }, 170_000);
  }
});
