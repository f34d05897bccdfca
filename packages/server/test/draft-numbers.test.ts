import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { call, undoMigrationsFrom0013, finishedJob, workspaceWithKey } from './helpers.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * A merge's draft batch gets a number in its project when the merge starts and keeps it for life
 * (commit, retry); numbers are never reused. Migration 0013 numbers the drafts made before it.
 */
describe.each(testDialects())('draft numbers on %s', (dialect) => {
  let server: TestServer;
  let token: string;

  const api = (method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown) =>
    call(server.app, { method, url, token, body });
  const settle = async (res: { status: number; body: any }) => {
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    return finishedJob(server.app, token, res.body.id as string);
  };
  const columns = [
    { name: 'sku', type: 'text' },
    { name: 'qty', type: 'numeric' },
  ];
  /** A project with a keyed target holding sku `a` and a source holding `a` and `b`. */
  const projectWithDatasets = async (name: string) => {
    const project = (await api('POST', '/v1/projects', { name })).body;
    const dataset = async (n: string, keyColumn?: string) =>
      (await api('POST', '/v1/datasets', { projectId: project.id, name: n, columns, keyColumn })).body;
    const target = await dataset(`${name}-target`, 'sku');
    const source = await dataset(`${name}-source`);
    const base = await settle(
      await api('POST', `/v1/datasets/${target.id}/batches`, { rows: [{ sku: 'a', qty: 1 }] }),
    );
    await settle(
      await api('POST', `/v1/datasets/${source.id}/batches`, {
        rows: [
          { sku: 'a', qty: 10 },
          { sku: 'b', qty: 20 },
        ],
      }),
    );
    const merge = (strategy: string) =>
      api('POST', `/v1/datasets/${target.id}/merge`, { source: { datasetId: source.id }, strategy });
    return { target, baseBatchId: base.result.batchId as string, merge };
  };
  const batch = async (id: string) => (await api('GET', `/v1/batches/${id}`)).body;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    token = (await workspaceWithKey(server.app, server.adminToken, 'drafts')).token;
  });
  afterAll(async () => server?.close());

  it('numbers drafts per project for life, and migration 0013 numbers older ones', async () => {
    const a = await projectWithDatasets('a');
    const b = await projectWithDatasets('b');
    expect((await batch(a.baseBatchId)).draftNumber).toBeNull(); // not a draft

    const first = await settle(await a.merge('skip'));
    const second = await settle(await a.merge('override'));
    const inB = await settle(await b.merge('skip'));
    expect([first.result.draftNumber, second.result.draftNumber, inB.result.draftNumber]).toEqual([1, 2, 1]);
    expect(await batch(first.result.draftBatchId)).toMatchObject({ state: 'draft', draftNumber: 1 });

    // Committed: the number stays. Closed: it is not given again.
    await settle(await api('POST', `/v1/batches/${first.result.draftBatchId}/commit`));
    expect(await batch(first.result.draftBatchId)).toMatchObject({ state: 'active', draftNumber: 1 });
    await settle(await api('POST', `/v1/batches/${second.result.draftBatchId}/close`));
    const third = await settle(await a.merge('skip'));
    expect(third.result.draftNumber).toBe(3);

    // A failed merge keeps the number it was given through its retry.
    const conflicting = await settle(await b.merge('abort'));
    expect(conflicting).toMatchObject({ status: 'failed', error: { code: 'merge_conflict' } });
    await settle(await api('DELETE', `/v1/batches/${b.baseBatchId}`));
    expect((await api('POST', `/v1/jobs/${conflicting.id}/retry`)).status).toBe(200);
    const retried = await finishedJob(server.app, token, conflicting.id);
    expect(retried).toMatchObject({ status: 'succeeded', result: { draftNumber: 2 } });

    // The native draft list.
    const drafts = (await api('GET', `/v1/datasets/${a.target.id}/batches?states=draft`)).body.data;
    expect(drafts.map((d: any) => d.draftNumber)).toEqual([3]);

    // Undo 0013 (and the migrations after it) and run them again: the remaining drafts of each
    // project are numbered in creation order.
    const db = server.store.db;
    await undoMigrationsFrom0013(db);
    await sql`delete from batchyard_migrations where name >= '0013_draft_numbers'`.execute(db);
    expect(await server.store.migrate()).toEqual([
      '0013_draft_numbers',
      '0014_job_timeouts',
      '0016_claim_rules',
    ]);
    expect((await batch(first.result.draftBatchId)).draftNumber).toBe(1);
    expect((await batch(third.result.draftBatchId)).draftNumber).toBe(2);
    expect((await batch(inB.result.draftBatchId)).draftNumber).toBe(1);
    expect((await batch(retried.result.draftBatchId)).draftNumber).toBe(2);
    expect((await batch(a.baseBatchId)).draftNumber).toBeNull();
    // Each project's counter goes on after its highest number.
    expect((await settle(await a.merge('skip'))).result.draftNumber).toBe(3);
    expect((await settle(await b.merge('skip'))).result.draftNumber).toBe(3);
  }, 120_000);
});
