import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { call, workspaceWithKey } from './helpers.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns a value other than undefined, or fails after `ms`. */
async function eventually<T>(what: string, ms: number, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

/**
 * PostgreSQL connections that the database drops (a restart, a failover, an administrator's
 * pg_terminate_backend) while the server uses them: the process lives on, the work in flight
 * fails or is retried, and LISTEN comes back.
 */
describe.runIf(testDialects().includes('postgres'))('dropped PostgreSQL connections', () => {
  let server: TestServer;
  let token: string;
  let projectId: string;
  let admin: pg.Client;
  /** What the process met unhandled (an 'error' event nobody listens to ends a real server). */
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => uncaught.push(error);

  const api = (method: 'GET' | 'POST', url: string, body?: unknown) =>
    call(server.app, { method, url, token, body });
  /** Ends every connection to the test database but the admin one; returns how many. */
  const terminateAll = async () =>
    (
      await admin.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
      )
    ).rowCount ?? 0;

  beforeAll(async () => {
    process.on('uncaughtException', onUncaught);
    process.on('unhandledRejection', onUncaught);
    // A short lease: an attempt whose failure could not be written (its connection was dropped
    // too) comes back after the lease, the engine's fallback.
    server = await startTestServer('postgres', { leaseSeconds: 5 });
    admin = new pg.Client({ connectionString: server.databaseUrl });
    await admin.connect();
    token = (await workspaceWithKey(server.app, server.adminToken, 'pg-conn-ws')).token;
    projectId = (await api('POST', '/v1/projects', { name: 'p' })).body.id;
    const ds = await api('POST', '/v1/datasets', {
      projectId,
      name: 'd',
      columns: [{ name: 'v', type: 'numeric' }],
    });
    const job = await api('POST', `/v1/datasets/${ds.body.id}/batches`, { rows: [] });
    const batchId = await eventually('the batch', 30_000, async () => {
      const res = await api('GET', `/v1/jobs/${job.body.id}?wait=5`);
      return res.body.status === 'succeeded' ? (res.body.result.batchId as string) : undefined;
    });
    for (let chunk = 0; chunk < 3; chunk++) {
      const made = await api('POST', `/v1/batches/${batchId}/tasks`, {
        tasks: Array.from({ length: 10_000 }, (_, i) => ({
          name: `t-${chunk}-${i}`,
          data: { text: 'x'.repeat(200), n: i },
        })),
      });
      expect(made.body.created).toBe(10_000);
    }
  }, 120_000);
  afterAll(async () => {
    process.off('uncaughtException', onUncaught);
    process.off('unhandledRejection', onUncaught);
    await admin?.end().catch(() => undefined);
    await server?.close();
  });

  it('survives every backend being terminated during an export: the job fails or retries, requests and LISTEN come back', async () => {
    const exported = await api('POST', '/v1/tasks/export', { filter: { projectId }, format: 'jsonl' });
    expect(exported.status).toBe(202);
    const jobId = exported.body.id as string;
    await eventually('the export to run', 20_000, async () => {
      const row = await admin.query('select status from jobs where id = $1', [jobId]);
      return row.rows[0]?.status === 'running' ? true : undefined;
    });
    // Terminate everything, again and again for a while: connections in a COPY, in a transaction,
    // idle in the pools, the LISTEN one, and those opened again meanwhile.
    let terminated = 0;
    for (let round = 0; round < 25; round++) {
      terminated += await terminateAll();
      await sleep(20);
    }
    expect(terminated).toBeGreaterThan(0);
    expect(uncaught).toEqual([]);

    // The process still answers, and new requests reach the database again.
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    await eventually('a task list to succeed', 20_000, async () => {
      const res = await api('GET', `/v1/tasks?projectId=${projectId}&limit=1`);
      return res.status === 200 ? true : undefined;
    });
    // The export did not stay running: it failed, or it was retried (a later attempt, or queued
    // for one with the error of the broken attempt).
    const job = await eventually('the export to leave "running"', 60_000, async () => {
      const res = await api('GET', `/v1/jobs/${jobId}?wait=2`);
      if (res.status !== 200) return undefined;
      const j = res.body;
      if (j.status === 'failed' || (j.status === 'succeeded' && j.attempt >= 2)) return j;
      if (j.status === 'queued' && j.attempt >= 1 && j.error) return j;
      return undefined;
    });
    expect(['failed', 'succeeded', 'queued']).toContain(job.status);
    // LISTEN reconnected: a backend of this database is listening again.
    await eventually('LISTEN to reconnect', 20_000, async () => {
      const res = await admin.query(
        "select 1 from pg_stat_activity where datname = current_database() and query ilike 'listen %'",
      );
      return (res.rowCount ?? 0) > 0 ? true : undefined;
    });
    expect(uncaught).toEqual([]);
  }, 120_000);
});
