// What planning costs the PostgreSQL claim, and why it is not a prepared statement
// (docs/benchmarks.md#jobs, "The PostgreSQL claim's plan"): a fresh database with 20,000 queued jobs
// in each of two workspaces (K=<keys> spreads them over keys), the exact claim statement the store
// sends (caught from the pg client), then 30 runs each under EXPLAIN ANALYZE as a prepared statement
// with plan_cache_mode force_custom_plan (planned every time, as the store runs it) and
// force_generic_plan (planned once), rolled back. SHOW=force_generic_plan prints that plan.
// `npm run build`, then `node bench/jobs/claim-plan.mjs` (BENCH_PG as for the jobs benchmark).
import pg from 'pg';
import os from 'node:os';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { openStore, buildApp, loadConfig } from '@batchyard/server';
import { claimJobs } from '../../packages/server/dist/store/sql/claimJobs.js';
import { PG_BASE } from './settings.mjs';
const admin = new pg.Client({ connectionString: `${PG_BASE}/postgres` });
await admin.connect();
const name = 'plan_' + Date.now();
await admin.query(`create database ${name}`);
const url = `${PG_BASE}/${name}`;
const store = openStore(url, { poolSize: 2 });
await store.migrate();
const dataDir = mkdtempSync(join(os.tmpdir(), 'plan-'));
const app = await buildApp({
  store,
  logger: false,
  config: loadConfig(
    { dataDir, logLevel: 'silent', jwtSecret: 'x'.repeat(32), worker: false, rateLimitPerMinute: 0 },
    {},
  ),
  jobTypes: [{ name: 't', description: 'x', handler: async () => null }],
});
await app.ready();
const PRINCIPAL = { kind: 'key', id: 'bench', name: 'bench', workspaceId: null, role: 'admin' };
const KEYS = Number(process.env.K ?? 0);
for (const wsName of ['a', 'b']) {
  const workspaceId = (await app.services.workspaces.create(undefined, { name: wsName })).id;
  for (let i = 0; i < 20000; i += 1000)
    await app.services.jobs.createMany(
      PRINCIPAL,
      Array.from({ length: 1000 }, (_, j) => ({
        type: 't',
        workspaceId,
        arguments: { i: i + j },
        ...(KEYS ? { concurrencyKey: `k${(i + j) % KEYS}` } : {}),
      })),
    );
}
let captured;
const orig = pg.Client.prototype.query;
pg.Client.prototype.query = function (text, values, cb) {
  if (typeof text === 'string' && text.includes('with recursive wanted')) captured = { text, values };
  return orig.call(this, text, values, cb);
};
await claimJobs(store, { types: ['t'], workspaceId: null, limit: 50, owner: 'o', leaseMs: 1000 });
pg.Client.prototype.query = orig;
const c = new pg.Client({ connectionString: url });
await c.connect();
await c.query('vacuum analyze jobs');
await c.query('vacuum analyze job_keys');
const types = captured.values.map((v) =>
  Array.isArray(v) ? 'text[]' : typeof v === 'number' ? 'bigint' : 'text',
);
await c.query(`prepare claimstmt(${types.join(',')}) as ${captured.text}`);
const lit = captured.values.map((v) =>
  Array.isArray(v)
    ? `array[${v.map((x) => `'${x}'`).join(',')}]::text[]`
    : typeof v === 'number'
      ? String(v)
      : `'${v}'`,
);
for (const mode of ['force_custom_plan', 'force_generic_plan', 'force_custom_plan', 'force_generic_plan']) {
  await c.query(`set plan_cache_mode = ${mode}`);
  const ex = [],
    pl = [];
  for (let i = 0; i < 30; i++) {
    await c.query('begin');
    const r = await c.query(`explain (analyze, summary on, format json) execute claimstmt(${lit.join(',')})`);
    await c.query('rollback');
    ex.push(r.rows[0]['QUERY PLAN'][0]['Execution Time']);
    pl.push(r.rows[0]['QUERY PLAN'][0]['Planning Time']);
  }
  ex.sort((a, b) => a - b);
  pl.sort((a, b) => a - b);
  console.log(mode, 'exec p50', ex[15].toFixed(3), 'plan p50', pl[15].toFixed(3));
}
if (process.env.SHOW) {
  await c.query(`set plan_cache_mode = ${process.env.SHOW}`);
  await c.query('begin');
  const r = await c.query(`explain (analyze, costs off) execute claimstmt(${lit.join(',')})`);
  await c.query('rollback');
  console.log(r.rows.map((x) => x['QUERY PLAN']).join('\n'));
}
await c.end();
await app.close();
await admin.query(`drop database ${name} with (force)`);
await admin.end();
process.exit(0);
