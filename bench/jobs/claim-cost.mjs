// What one PostgreSQL claim costs the database: a fresh database with 20,000 queued jobs in each
// of two workspaces (K=<keys> spreads them over keys), drained by claims of 50 on one connection
// (each claim's jobs then marked succeeded, as a drain would), timing each claim's wall time and the PostgreSQL backend's CPU time
// (read from /proc, so other load on the machine barely moves it). The A/B for the claim function
// (docs/benchmarks.md#jobs, "The PostgreSQL claim's plan").
// `npm run build`, then `node bench/jobs/claim-cost.mjs` (BENCH_PG as for the jobs benchmark).
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openStore, buildApp, loadConfig } from '@batchyard/server';
import { claimJobs, nextClaimCursor } from '../../packages/server/dist/store/sql/claimJobs.js';
import { postgres } from './settings.mjs';

const KEYS = Number(process.env.K ?? 0);
const PER_WORKSPACE = Number(process.env.N ?? 20000);
const { name, url } = await postgres.createDatabase('claimcost');
const store = openStore(url, { poolSize: 1 });
await store.migrate();
const app = await buildApp({
  store,
  logger: false,
  config: loadConfig(
    {
      dataDir: mkdtempSync(join(os.tmpdir(), 'claimcost-')),
      logLevel: 'silent',
      jwtSecret: 'x'.repeat(32),
      worker: false,
      rateLimitPerMinute: 0,
    },
    {},
  ),
  jobTypes: [{ name: 't', description: 'x', handler: async () => null }],
});
await app.ready();
const PRINCIPAL = { kind: 'key', id: 'bench', name: 'bench', workspaceId: null, role: 'admin' };
for (const wsName of ['a', 'b']) {
  const workspaceId = (await app.services.workspaces.create(undefined, { name: wsName })).id;
  for (let i = 0; i < PER_WORKSPACE; i += 1000)
    await app.services.jobs.createMany(
      PRINCIPAL,
      Array.from({ length: 1000 }, (_, j) => ({
        type: 't',
        workspaceId,
        arguments: { i: i + j },
        // Keyed: 1,000 keys need maxRunning ≥ 1 each; the type's default limit applies.
        ...(KEYS ? { concurrencyKey: `k${(i + j) % KEYS}` } : {}),
      })),
    );
}
await sql`vacuum analyze jobs`.execute(store.db);
const { rows } = await sql`select pg_backend_pid() as pid`.execute(store.db);
const pid = rows[0].pid;
const cpuMs = () => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in ticks of 10 ms
};
let after = '';
let claimed = 0;
let claims = 0;
const walls = [];
let cpu = 0;
for (;;) {
  const start = performance.now();
  const cpuStart = cpuMs();
  const got = await claimJobs(store, {
    types: ['t'],
    workspaceId: null,
    limit: 50,
    owner: 'o',
    leaseMs: 600_000,
    after,
  });
  walls.push(performance.now() - start);
  cpu += cpuMs() - cpuStart; // ticks of 10 ms: summed over hundreds of claims, the rounding evens out
  if (got.length === 0) break;
  // As a drain would: the claimed jobs end, so the queue never holds running jobs it steps over.
  await sql`update jobs set status = 'succeeded', finished_at = 1, lease_owner = null
    where id = any(${got.map((j) => j.id)}::text[])`.execute(store.db);
  after = nextClaimCursor(after, got);
  claimed += got.length;
  claims++;
}
const wall = walls.reduce((a, b) => a + b, 0);
if (process.env.TRACE)
  console.log(
    walls
      .filter((_, i) => i % 50 === 0)
      .map((w) => w.toFixed(1))
      .join(' '),
  );
walls.sort((a, b) => a - b);
const p = (q) => walls[Math.min(walls.length - 1, Math.floor(q * walls.length))].toFixed(3);
console.log(
  JSON.stringify({
    keys: KEYS,
    claimed,
    claims,
    wallMsPerClaim: (wall / claims).toFixed(3),
    p50: p(0.5),
    p99: p(0.99),
    backendCpuMsPerClaim: (cpu / claims).toFixed(3),
    loadavg: os.loadavg()[0].toFixed(1),
  }),
);
await app.close();
await postgres.dropDatabase(name);
process.exit(0);
