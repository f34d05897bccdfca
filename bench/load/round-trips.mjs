/* global fetch */
// `node bench/load/round-trips.mjs`: the database round trips each request of the load benchmark's
// mix costs, on PostgreSQL (each query a round trip to the server) and SQLite (statements, for
// comparison). The app listens in this process with its job runner on; a listener put ahead of
// Fastify's on the HTTP server enters an AsyncLocalStorage scope for each request, and a wrapper
// around pg's Client#query (and better-sqlite3's statement methods) counts the queries made in that
// scope, so the runner's claims and the maintenance loops, which run outside it, are not counted.
// Each request is sent 50 times after 10 unmeasured ones (caches warm, as under load); the figure
// is the mean per request.
import { AsyncLocalStorage } from 'node:async_hooks';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { buildApp, loadConfig, openStore } from '@batchyard/server';
import { postgresAdmin } from '../lib/common.mjs';

const require = createRequire(new URL('../../packages/server/package.json', import.meta.url));
const pg = require('pg');
const Database = require('better-sqlite3');
const PG_BASE = (process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, '');
const ROUNDS = 50;
/** BENCH_SHOW=1: also print the statements of each request's last round. */
const SHOW = process.env.BENCH_SHOW === '1';
const WARMUP = 10;

const scope = new AsyncLocalStorage();
const counted = (fn) =>
  function (...args) {
    const counter = scope.getStore();
    if (counter && !counter.answered) {
      counter.queries++;
      if (SHOW)
        counter.texts.push(
          String(typeof args[0] === 'string' ? args[0] : (args[0]?.text ?? this.source ?? '')),
        );
    }
    return fn.apply(this, args);
  };
pg.Client.prototype.query = counted(pg.Client.prototype.query);
const statement = Object.getPrototypeOf(new Database(':memory:').prepare('select 1'));
for (const method of ['run', 'get', 'all', 'iterate']) statement[method] = counted(statement[method]);
// better-sqlite3's Database#exec (begin/commit in Kysely's SQLite driver go through prepare+run).
Database.prototype.exec = counted(Database.prototype.exec);

async function measure(backend) {
  const dataDir = mkdtempSync(join(os.tmpdir(), `round-trips-${backend}-`));
  const admin = postgresAdmin(PG_BASE);
  const database = backend === 'postgres' ? await admin.createDatabase('round_trips') : null;
  const store = openStore(database ? database.url : `sqlite:${join(dataDir, 'batchyard.db')}`, {
    poolSize: 10,
  });
  await store.migrate();
  const app = await buildApp({
    store,
    logger: false,
    config: loadConfig(
      { dataDir, logLevel: 'silent', jwtSecret: 'x'.repeat(32), rateLimitPerMinute: 0, poolSize: 10 },
      {},
    ),
  });
  await app.ready();
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const counters = new Map();
  app.server.prependListener('request', (req, res) => {
    // Work the request set off (a runner woken by its new job) and that runs after the answer is
    // the job's cost, not the request's: counting stops at the answer.
    const counter = { queries: 0, texts: [], answered: false };
    res.once('finish', () => (counter.answered = true));
    counters.set(req.headers['x-round-trips'], counter);
    scope.enterWith(counter);
  });
  let sent = 0;
  const lastTexts = new Map();
  try {
    let headers = {
      authorization: `Bearer ${await app.services.credentials.bootstrapAdminKey()}`,
      'content-type': 'application/json',
    };
    const call = async (method, url, body, token) => {
      const id = String(++sent);
      const auth = token ? { authorization: `Bearer ${token}` } : {};
      const res = await fetch(base + url, {
        method,
        headers: { ...headers, ...auth, 'x-round-trips': id },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (res.status >= 400) throw new Error(`${method} ${url}: ${res.status} ${text.slice(0, 300)}`);
      const { queries, texts } = counters.get(id);
      counters.delete(id);
      return { body: JSON.parse(text), queries, texts };
    };
    // A workspace key, as in the load benchmark; then its seed, smaller.
    const ws = (await call('POST', '/v1/workspaces', { name: 'rt' })).body;
    const key = (await call('POST', '/v1/keys', { name: 'rt', role: 'admin', workspaceId: ws.id })).body;
    headers = { ...headers, authorization: `Bearer ${key.token}` };
    const project = (await call('POST', '/v1/projects', { name: 'rt' })).body;
    const dataset = (
      await call('POST', '/v1/datasets', {
        projectId: project.id,
        name: 'rt',
        columns: [{ name: 'v', type: 'numeric' }],
      })
    ).body;
    const batchJob = (
      await call('POST', `/v1/datasets/${dataset.id}/batches`, { name: 'rt', rows: [{ v: 1 }] })
    ).body;
    const batchId = (await call('GET', `/v1/jobs/${batchJob.id}?wait=30`)).body.result.batchId;
    const seeded = (
      await call('POST', `/v1/batches/${batchId}/tasks`, {
        tasks: Array.from({ length: 500 }, (_, i) => ({
          name: `seed-${i}`,
          data: { text: `task ${i}`, priority: i % 10, flagged: i % 3 === 0 },
        })),
      })
    ).body;
    const taskIds = seeded.results.map((r) => r.id);
    // An annotator's key for the claim queue.
    const member = (
      await call('POST', '/v1/members', { name: 'ann', email: 'ann@example.org', role: 'annotator' })
    ).body;
    const memberToken = (await call('POST', '/v1/keys', { name: 'ann', memberId: member.id })).body.token;
    let step = 0;
    let lastJob = null;
    let claimed = null;
    const steps = [
      [
        'GET /v1/tasks (status + data filter)',
        () =>
          call(
            'GET',
            `/v1/tasks?projectId=${project.id}&statuses=pending&filter=data.priority:eq:${step % 10}&limit=50`,
          ),
      ],
      ['GET /v1/tasks/{id}', () => call('GET', `/v1/tasks/${taskIds[step % taskIds.length]}`)],
      [
        'POST /v1/batches/{id}/tasks (10 tasks)',
        () =>
          call('POST', `/v1/batches/${batchId}/tasks`, {
            tasks: Array.from({ length: 10 }, (_, i) => ({
              name: `load-${step}-${i}`,
              data: { text: 'x', priority: i },
            })),
          }),
      ],
      [
        'POST /v1/jobs',
        async () => {
          const out = await call('POST', '/v1/jobs', { type: 'system.noop' });
          lastJob = out.body.id;
          return out;
        },
      ],
      ['GET /v1/jobs/{id}?wait=10', () => call('GET', `/v1/jobs/${lastJob}?wait=10`)],
      [
        'POST /v1/tasks/claim (a member)',
        async () => {
          const out = await call('POST', '/v1/tasks/claim', { projectId: project.id }, memberToken);
          claimed = out.body.id;
          return out;
        },
      ],
      ['POST /v1/tasks/{id}/submit', () => call('POST', `/v1/tasks/${claimed}/submit`, {}, memberToken)],
    ];
    const totals = new Map(steps.map(([name]) => [name, 0]));
    for (let round = 0; round < WARMUP + ROUNDS; round++) {
      step = round;
      for (const [name, run] of steps) {
        const { queries, texts } = await run();
        if (SHOW) lastTexts.set(name, texts);
        if (round >= WARMUP) totals.set(name, totals.get(name) + queries);
      }
    }
    if (SHOW)
      for (const [name, texts] of lastTexts)
        console.log(
          `\n## ${backend} ${name}\n${texts.map((t) => `- ${t.replace(/\s+/g, ' ').slice(0, 220)}`).join('\n')}`,
        );
    return new Map([...totals].map(([name, n]) => [name, n / ROUNDS]));
  } finally {
    await app.close();
    await store.close();
    if (database) await admin.dropDatabase(database.name);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const results = {};
for (const backend of (process.env.BENCH_STORES ?? 'postgres,sqlite').split(','))
  results[backend] = await measure(backend);
const names = [...Object.values(results)[0].keys()];
console.log(`| request | ${Object.keys(results).join(' | ')} |`);
console.log(
  `|---|${Object.keys(results)
    .map(() => '---:')
    .join('|')}|`,
);
for (const name of names)
  console.log(
    `| ${name} | ${Object.values(results)
      .map((r) => r.get(name).toFixed(1))
      .join(' | ')} |`,
  );
