// The fairness bound of the jobs benchmark (Batchyard only: the peers have no workspaces to be
// fair across). Workspace A has a backlog of no-op jobs (10,000, then 100,000), workspace B then
// enqueues 100: how long B waits for its last job, and how many of A's jobs end in that time.
// Claims rotate across workspaces, so both figures should stay the same whatever A's backlog;
// claiming by age instead, B would wait for all of A's jobs.
import os from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildApp, loadConfig, openStore } from '@batchyard/server';
import { sleep } from '../lib/common.mjs';
import { BATCH, CONCURRENCY, FAIR_B_JOBS, FAIR_BACKLOGS, log, postgres as pgAdmin } from './settings.mjs';

const now = () => performance.now();
const PRINCIPAL = { kind: 'key', id: 'bench', name: 'bench', workspaceId: null, role: 'admin' };
const TYPE = 'bench.fair';

/** How many of A's jobs may end while B waits: B's 100, plus what the runner holds and one claim. */
export const FAIR_A_BOUND = FAIR_B_JOBS + 3 * CONCURRENCY;

/** Runs the fairness measurement on one store; answers {backlog: {bWaitMs, aDuringB}} per backlog. */
export async function fairness({ name, postgres }) {
  const dataDir = mkdtempSync(join(os.tmpdir(), `bench-fair-${name}-`));
  const db = postgres ? await pgAdmin.createDatabase(`${name}_fair`) : null;
  const store = openStore(db ? db.url : `sqlite:${join(dataDir, 'batchyard.db')}`, { poolSize: 10 });
  let app;
  try {
    await store.migrate();
    app = await buildApp({
      store,
      logger: false,
      config: loadConfig(
        {
          dataDir,
          logLevel: 'silent',
          jwtSecret: 'x'.repeat(32),
          worker: true,
          jobConcurrency: CONCURRENCY,
          rateLimitPerMinute: 0,
          poolSize: 10,
        },
        {},
      ),
      jobTypes: [{ name: TYPE, description: 'does nothing', handler: async () => null }],
    });
    await app.ready();
    const out = {};
    for (const backlog of FAIR_BACKLOGS) out[backlog] = await measureOnce(app, store, backlog);
    return out;
  } finally {
    await app?.close().catch(() => undefined);
    await store.close().catch(() => undefined);
    if (db) await pgAdmin.dropDatabase(db.name);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function measureOnce(app, store, backlog) {
  const { workspaces, jobTypes, jobs } = app.services;
  const a = (await workspaces.create(undefined, { name: `fair-a-${backlog}` })).id;
  const b = (await workspaces.create(undefined, { name: `fair-b-${backlog}` })).id;
  const enqueue = async (workspaceId, n) => {
    for (let i = 0; i < n; i += BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, n - i) }, () => ({ type: TYPE, workspaceId }));
      await jobs.createMany(PRINCIPAL, batch);
    }
  };
  // A's backlog is written while its type is paused there, so it is all queued when B arrives.
  await jobTypes.setPaused(PRINCIPAL, TYPE, { workspaceId: a }, true);
  await enqueue(a, backlog);
  await jobTypes.setPaused(PRINCIPAL, TYPE, { workspaceId: a }, false);
  const t0 = now();
  await enqueue(b, FAIR_B_JOBS);
  const stored = Date.now();
  let last;
  for (;;) {
    const row = await store.db
      .selectFrom('jobs')
      .select((eb) => [eb.fn.countAll().as('n'), eb.fn.max('finished_at').as('last')])
      .where('workspace_id', '=', b)
      .where('status', '=', 'succeeded')
      .executeTakeFirstOrThrow();
    if (Number(row.n) === FAIR_B_JOBS) {
      last = Number(row.last);
      break;
    }
    if (now() - t0 > 120_000) throw new Error(`B has ${row.n} of ${FAIR_B_JOBS} jobs done after 120 s`);
    await sleep(5);
  }
  const bWaitMs = now() - t0;
  const during = await store.db
    .selectFrom('jobs')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('workspace_id', '=', a)
    .where('status', '=', 'succeeded')
    .where('finished_at', '>', stored)
    .where('finished_at', '<=', last)
    .executeTakeFirstOrThrow();
  // Park the rest of A's backlog: the next backlog starts from an idle runner.
  await jobTypes.setPaused(PRINCIPAL, TYPE, { workspaceId: a }, true);
  const result = { bWaitMs, aDuringB: Number(during.n) };
  log(
    `fairness ${backlog} in A: B's last job after ${bWaitMs.toFixed(1)} ms, ${result.aDuringB} of A's meanwhile`,
  );
  return result;
}
