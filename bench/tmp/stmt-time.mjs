import { createRequire } from 'node:module';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildApp, loadConfig, openStore } from '@batchyard/server';
const require = createRequire(new URL('../../packages/server/package.json', import.meta.url));
const Database = require('better-sqlite3');
const times = new Map();
let on = false;
const timed = (fn) => function (...args) {
  if (!on) return fn.apply(this, args);
  const t0 = performance.now();
  try { return fn.apply(this, args); } finally {
    const k = (this.source ?? String(args[0])).replace(/\s+/g, ' ').slice(0, 110);
    const e = times.get(k) ?? [0, 0]; e[0] += performance.now() - t0; e[1]++; times.set(k, e);
  }
};
const statement = Object.getPrototypeOf(new Database(':memory:').prepare('select 1'));
for (const m of ['run', 'get', 'all', 'iterate']) statement[m] = timed(statement[m]);
const dataDir = mkdtempSync(join(os.tmpdir(), 'st-'));
const store = openStore(`sqlite:${join(dataDir, 'b.db')}`, { poolSize: 10 });
await store.migrate();
const app = await buildApp({ store, logger: false, config: loadConfig({ dataDir, logLevel: 'silent', jwtSecret: 'x'.repeat(32), rateLimitPerMinute: 0 }, {}) });
await app.ready();
const base = await app.listen({ port: 0, host: '127.0.0.1' });
let token = await app.services.credentials.bootstrapAdminKey();
const call = async (method, url, body, as = token) => {
  const res = await fetch(base + url, { method, headers: { authorization: `Bearer ${as}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  if (res.status >= 400) throw new Error(`${method} ${url}: ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
};
const ws = await call('POST', '/v1/workspaces', { name: 'w' });
token = (await call('POST', '/v1/keys', { name: 'k', role: 'admin', workspaceId: ws.id })).token;
const project = await call('POST', '/v1/projects', { name: 'p' });
const ds = await call('POST', '/v1/datasets', { projectId: project.id, name: 'd', columns: [{ name: 'v', type: 'numeric' }] });
const job = await call('POST', `/v1/datasets/${ds.id}/batches`, { name: 'b', rows: [{ v: 1 }] });
const batchId = (await call('GET', `/v1/jobs/${job.id}?wait=30`)).result.batchId;
for (let i = 0; i < 20; i++) await call('POST', `/v1/batches/${batchId}/tasks`, { tasks: Array.from({ length: 1000 }, (_, j) => ({ name: `t${i}-${j}`, data: { n: j } })) });
const member = await call('POST', '/v1/members', { name: 'a', email: 'a@x.org', role: 'annotator' });
const mt = (await call('POST', '/v1/keys', { name: 'a', memberId: member.id })).token;
for (let i = 0; i < 200; i++) { const t = await call('POST', '/v1/tasks/claim', { projectId: project.id }, mt); await call('POST', `/v1/tasks/${t.id}/submit`, {}, mt); }
on = true;
const N = 1000;
const cpu0 = process.cpuUsage();
for (let i = 0; i < N; i++) { const t = await call('POST', '/v1/tasks/claim', { projectId: project.id }, mt); await call('POST', `/v1/tasks/${t.id}/submit`, {}, mt); }
const cpu = process.cpuUsage(cpu0);
on = false;
console.log(`process CPU per task (claim+submit, client fetch included): ${((cpu.user + cpu.system) / 1000 / N).toFixed(3)} ms`);
let total = 0;
for (const [k, [ms, n]] of [...times].sort((a, b) => b[1][0] - a[1][0])) { total += ms; console.log(`${(ms / N * 1000).toFixed(0).padStart(6)} µs/task ${String(n / N).padStart(4)}x ${k}`); }
console.log(`statements: ${(total / N * 1000).toFixed(0)} µs/task`);
await app.close(); await store.close();
