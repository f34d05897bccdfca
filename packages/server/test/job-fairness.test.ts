import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobTypeDefinition } from '@batchyard/server';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { call, workspaceWithKey } from './helpers.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const CONCURRENCY = 20;
const B_JOBS = 100;
/**
 * How many of A's jobs may end between B's jobs being stored and B's last one ending: B's own
 * count (equal weights share each claim half and half) plus what the runner holds when B arrives
 * (its running and claimed-ahead jobs, twice the concurrency) and one more claim. It does not
 * depend on A's backlog. (Claiming by age instead, B would wait for all of A's.)
 */
const A_BOUND = B_JOBS + 3 * CONCURRENCY;
const PRINCIPAL = {
  kind: 'key',
  id: 'fairness',
  name: 'fairness',
  workspaceId: null,
  role: 'admin',
} as const;

const types: JobTypeDefinition[] = [
  { name: 'test.fair', description: 'Does nothing.', handler: async () => null },
];

/**
 * Fair scheduling across workspaces: workspace A has a backlog (10,000, then 100,000 jobs), then B
 * enqueues 100; B's last job ends after a number of A's jobs that does not grow with A's backlog.
 * Both stores: the 100,000-job backlog takes a few seconds to enqueue on SQLite and about 15 s on
 * PostgreSQL, which this suite can afford once per store.
 */
describe.each(testDialects())('fair scheduling across workspaces on %s', (dialect) => {
  let server: TestServer;
  const measured: Record<number, { aBeforeB: number; bWaitMs: number }> = {};

  beforeAll(async () => {
    server = await startTestServer(dialect, { jobConcurrency: CONCURRENCY }, { jobTypes: types });
  });
  afterAll(async () => {
    if (Object.keys(measured).length > 0) console.info(`fairness on ${dialect}`, measured);
    await server?.close();
  });

  async function enqueue(workspaceId: string, count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1000) {
      const jobs = Array.from({ length: Math.min(1000, count - i) }, () => ({
        type: 'test.fair',
        workspaceId,
      }));
      ids.push(...(await server.app.services.jobs.createMany(PRINCIPAL as any, jobs)).map((j) => j.id));
    }
    return ids;
  }

  async function run(backlog: number) {
    const a = await workspaceWithKey(server.app, server.adminToken, `fair-a-${backlog}`);
    const b = await workspaceWithKey(server.app, server.adminToken, `fair-b-${backlog}`);
    const pause = (action: string) =>
      call(server.app, {
        method: 'POST',
        url: `/v1/job-types/test.fair/${action}`,
        token: a.token,
        body: {},
      });
    // A's backlog is built while its type is paused there, so the runner cannot keep up with it
    // as it is written; the resume releases all of it at once, just before B's jobs arrive.
    expect((await pause('pause')).status).toBe(200);
    await enqueue(a.workspace.id, backlog);
    expect((await pause('resume')).status).toBe(200);
    const started = Date.now();
    const bIds = await enqueue(b.workspace.id, B_JOBS);
    const enqueued = Date.now();
    let bLast = 0;
    for (;;) {
      const row = await server.store.db
        .selectFrom('jobs')
        .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('finished_at').as('last')])
        .where('workspace_id', '=', b.workspace.id)
        .where('status', '=', 'succeeded')
        .executeTakeFirstOrThrow();
      if (Number(row.n) === bIds.length) {
        bLast = Number(row.last);
        break;
      }
      if (Date.now() - started > 60_000)
        throw new Error(`B has ${row.n} of ${bIds.length} jobs done after 60 s`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const bWaitMs = Date.now() - started;
    const aRow = await server.store.db
      .selectFrom('jobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('workspace_id', '=', a.workspace.id)
      .where('status', '=', 'succeeded')
      .where('finished_at', '>', enqueued)
      .where('finished_at', '<=', bLast)
      .executeTakeFirstOrThrow();
    // Stop A's rest: the next measurement starts from an idle runner.
    expect((await pause('pause')).status).toBe(200);
    measured[backlog] = { aBeforeB: Number(aRow.n), bWaitMs };
    return measured[backlog]!;
  }

  it('ends B’s 100 jobs after a bounded number of A’s, with 10,000 and with 100,000 queued in A', async () => {
    const small = await run(10_000);
    const large = await run(100_000);
    expect(small.aBeforeB).toBeLessThanOrEqual(A_BOUND);
    expect(large.aBeforeB).toBeLessThanOrEqual(A_BOUND);
    // The same bound in time, loosely (the machine is shared): far below draining A first.
    expect(large.bWaitMs).toBeLessThan(10_000);
  }, 240_000);
});
