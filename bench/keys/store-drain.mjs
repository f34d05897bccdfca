// A store-level drain on the embedded store, for finding where keyed jobs cost more than plain
// ones (docs/benchmarks.md#keys): N jobs (K keys round-robin, 0 for none) enqueued, then claimed L
// at a time through claimJobsToRun and completed through completeJobs, with no runner and no
// handler. Prints wall and CPU time per job; CPU time is what to compare on a busy machine.
// `K=1000 node bench/keys/store-drain.mjs` and `K=0 node bench/keys/store-drain.mjs`, after `npm run build`.
// VARIANT=<module path> runs `default(store, sql)` from that module after the migrations (to try a
// trigger or index variant on the same drain).
import os from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { buildApp, loadConfig, openStore } from '@batchyard/server';
import { claimJobsToRun } from '../../packages/server/dist/store/sql/claimJobs.js';
import { completeJobs } from '../../packages/server/dist/store/sql/finishJobs.js';

const KEYS = Number(process.env.K ?? 1000);
const N = Number(process.env.N ?? 40000);
const LIMIT = Number(process.env.L ?? 50);
const PRINCIPAL = { kind: 'key', id: 'bench', name: 'bench', workspaceId: null, role: 'admin' };
const dataDir = mkdtempSync(join(os.tmpdir(), 'store-drain-'));
const store = openStore(`sqlite:${join(dataDir, 'batchyard.db')}`, { poolSize: 10 });
await store.migrate();
if (process.env.VARIANT) await (await import(process.env.VARIANT)).default(store, sql);
const app = await buildApp({
  store,
  logger: false,
  config: loadConfig(
    { dataDir, logLevel: 'silent', jwtSecret: 'x'.repeat(32), worker: false, rateLimitPerMinute: 0 },
    {},
  ),
  jobTypes: [{ name: 't', description: 'store drain', handler: async () => null }],
});
await app.ready();
const workspaceId = (await app.services.workspaces.create(undefined, { name: 'bench' })).id;
const us = (ms, n) => ((1000 * ms) / n).toFixed(1);

// A warm-up drain of 4,000 jobs, then the measured one.
for (const n of [4000, N]) {
  let t = performance.now();
  for (let i = 0; i < n; i += 1000)
    await app.services.jobs.createMany(
      PRINCIPAL,
      Array.from({ length: Math.min(1000, n - i) }, (_, j) => ({
        type: 't',
        workspaceId,
        arguments: { i: i + j },
        ...(KEYS ? { concurrencyKey: `k${(i + j) % KEYS}` } : {}),
      })),
    );
  const enqueueMs = performance.now() - t;
  let claimMs = 0;
  let completeMs = 0;
  let done = 0;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  while (done < n) {
    t = performance.now();
    const rows = await claimJobsToRun(store, {
      types: ['t'],
      workspaceId: null,
      limit: LIMIT,
      owner: 'o',
      leaseMs: 60_000,
    });
    claimMs += performance.now() - t;
    t = performance.now();
    await completeJobs(
      store,
      'o',
      rows.map((r) => ({ id: r.id, result: null })),
    );
    completeMs += performance.now() - t;
    done += rows.length;
  }
  const totalMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  if (n === N)
    console.log(
      `keys ${KEYS}${process.env.VARIANT ? ` (${process.env.VARIANT})` : ''}: enqueue ${us(enqueueMs, n)} µs/job; ` +
        `claim ${us(claimMs, n)}, complete ${us(completeMs, n)} µs/job; ${Math.round((n / totalMs) * 1000)} jobs/s; ` +
        `CPU ${((cpu.user + cpu.system) / n).toFixed(1)} µs/job`,
    );
}
await app.close();
rmSync(dataDir, { recursive: true, force: true });
