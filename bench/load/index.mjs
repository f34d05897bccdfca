// `npm run bench -- load`: a mixed API workload against one Batchyard server, on the embedded store
// and on PostgreSQL, with autocannon. Writes bench/results/load.json and load.md and prints the table.
//
// Per store, one server (bench/lib/server.mjs: buildApp + listen in a child process, in-process job
// runner) holds a project with BENCH_LOAD_TASKS seeded tasks. Then autocannon runs BENCH_CONNECTIONS
// connections (pipelining 1, as fast as they go) for BENCH_SECONDS; each connection cycles through:
//   1. GET  /v1/tasks?projectId=…&statuses=pending&filter=data.priority:eq:<0–9>&limit=50
//   2. GET  /v1/tasks/{a random seeded task}
//   3. POST /v1/batches/{id}/tasks with 10 new tasks (names unique per connection and step)
//   4. POST /v1/jobs {type: system.noop}
//   5. GET  /v1/jobs/{the job of step 4}?wait=10 (answers when the job has ended)
// Reported: requests/s, p50/p90/p99/max latency, errors (connection errors, timeouts, answers ≥ 400),
// 5xx answers and SQLite busy errors among them (any problem whose code or detail names a busy or
// locked database). Reference on the same server and settings: GET /healthz (no store) — the floor
// of this machine with the load generator on it.
//
// Environment: BENCH_STORES (sqlite,postgres), BENCH_PG (postgres://postgres@127.0.0.1:5432),
// BENCH_CONNECTIONS (64), BENCH_SECONDS (60), BENCH_LOAD_TASKS (100000), BENCH_SERVER_NODE_ARGS.
import os from 'node:os';
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { envInt, httpJson, postgresAdmin, waitJob } from './lib/common.mjs';
import { procCpuS, startBenchServer } from './lib/server.mjs';

const here = new URL('.', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const autocannon = require('autocannon');
const env = process.env;

const CONNECTIONS = envInt('BENCH_CONNECTIONS', 64);
const SECONDS = envInt('BENCH_SECONDS', 60);
const SEED_TASKS = envInt('BENCH_LOAD_TASKS', 100_000);
// Each step of the mix alone, with the same connections, to tell what each costs the server.
const STEP_SECONDS = envInt('BENCH_STEP_SECONDS', 10);
const STORES = (env.BENCH_STORES || 'sqlite,postgres').split(',').map((s) => s.trim());
for (const s of STORES) if (!['sqlite', 'postgres'].includes(s)) throw new Error(`BENCH_STORES: ${s}?`);
const PG_BASE = (env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, '');
const SERVER_NODE_ARGS = (env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
const TARGET_P99_MS = 50;
const WARMUP_SECONDS = 3;

const log = (...args) => console.error(`[load ${new Date().toISOString().slice(11, 19)}]`, ...args);
const { adminQuery, createDatabase, dropDatabase, settle } = postgresAdmin(PG_BASE);
const cpus = os.cpus();
const machine = `${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`;

/** A problem answer that reports a busy or locked SQLite database (never expected to reach a client). */
const BUSY = /busy|locked|SQLITE_BUSY/i;

function startServer(backend) {
  return startBenchServer({
    backend,
    label: 'load',
    pg: { createDatabase, dropDatabase },
    execArgv: SERVER_NODE_ARGS,
    log,
  });
}

/** A project with one batch of SEED_TASKS tasks, made through the SDK; returns the ids the load uses. */
async function seed(server) {
  const { Batchyard } = await import('@batchyard/sdk');
  const client = new Batchyard({ baseUrl: server.base, token: server.token, timeoutMs: 600_000 });
  const project = await client.projects.create({ name: 'load' });
  const dataset = await client.datasets.create({
    projectId: project.id,
    name: 'load',
    columns: [{ name: 'v', type: 'numeric' }],
  });
  const batch = await (await client.batches.create(dataset.id, [{ v: 1 }], { name: 'load' })).wait();
  const batchId = batch.result.batchId;
  const tasks = Array.from({ length: SEED_TASKS }, (_, i) => ({
    name: `seed-${i}`,
    data: { text: `task number ${i} of the load benchmark`, priority: i % 10, flagged: i % 3 === 0 },
    properties: { score: (i % 100) / 100 },
  }));
  const created = await client.tasks.create(batchId, tasks, { chunkSize: 5000 });
  const taskIds = created.results.flatMap((r) => (r.id ? [r.id] : []));
  if (taskIds.length !== SEED_TASKS) throw new Error(`seeded ${taskIds.length} tasks, not ${SEED_TASKS}`);
  return { projectId: project.id, batchId, taskIds };
}

/** The mixed workload, one context per connection (its own task-name counter and last job id). */
function workload(server, ids) {
  const auth = { authorization: `Bearer ${server.token}` };
  const json = { ...auth, 'content-type': 'application/json' };
  let connection = 0;
  const pick = (list) => list[Math.floor(Math.random() * list.length)];
  return [
    {
      method: 'GET',
      headers: auth,
      setupRequest: (req, context) => {
        context.connection ??= connection++;
        context.step ??= 0;
        const priority = Math.floor(Math.random() * 10);
        return {
          ...req,
          path: `/v1/tasks?projectId=${ids.projectId}&statuses=pending&filter=data.priority:eq:${priority}&limit=50`,
        };
      },
    },
    {
      method: 'GET',
      headers: auth,
      setupRequest: (req) => ({ ...req, path: `/v1/tasks/${pick(ids.taskIds)}` }),
    },
    {
      method: 'POST',
      headers: json,
      setupRequest: (req, context) => {
        const step = context.step++;
        const tasks = Array.from({ length: 10 }, (_, i) => ({
          name: `load-${context.connection}-${step}-${i}`,
          data: { text: 'made under load', priority: i },
        }));
        return { ...req, path: `/v1/batches/${ids.batchId}/tasks`, body: JSON.stringify({ tasks }) };
      },
    },
    {
      method: 'POST',
      path: '/v1/jobs',
      headers: json,
      body: JSON.stringify({ type: 'system.noop' }),
      onResponse: (status, body, context) => {
        context.jobId = status < 300 ? JSON.parse(body).id : undefined;
      },
    },
    {
      method: 'GET',
      headers: auth,
      // Without a job from step 4 (it failed), the wait reads an id that cannot exist: a 404, counted.
      setupRequest: (req, context) => ({
        ...req,
        path: `/v1/jobs/${context.jobId ?? 'job_missing'}?wait=10`,
      }),
    },
  ];
}

/**
 * autocannon over `requests` for `seconds`. Answers ≥ 500 are counted with their bodies read, so a
 * busy or locked database reported to a client is told apart from other server errors.
 */
async function cannon(base, requests, seconds) {
  const seen = { serverErrors: 0, busy: 0, samples: [], byStep: requests.map(() => []) };
  const watched = requests.map((request, step) => ({
    ...request,
    // Each step's own latency (autocannon reports only the mix): from building the request, which
    // a connection does when its previous answer arrives, to its answer.
    setupRequest: (req, context) => {
      context.sentAt = performance.now();
      return request.setupRequest ? request.setupRequest(req, context) : req;
    },
    onResponse: (status, body, context) => {
      seen.byStep[step].push(performance.now() - context.sentAt);
      if (status >= 500) {
        seen.serverErrors++;
        if (BUSY.test(body)) seen.busy++;
        if (seen.samples.length < 5) seen.samples.push(`${status} ${String(body).slice(0, 300)}`);
      }
      request.onResponse?.(status, body, context);
    },
  }));
  const result = await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: seconds,
    requests: watched,
  });
  return { result, seen };
}

async function runStore(backend) {
  const out = { backend, errors: [] };
  const server = await startServer(backend);
  try {
    log(`${backend}: seeding ${SEED_TASKS.toLocaleString('en-US')} tasks`);
    const ids = await seed(server);
    if (backend === 'postgres') await settle();
    const healthz = await cannon(server.base, [{ method: 'GET', path: '/healthz' }], 10);
    out.healthz = summary(healthz.result);
    log(`${backend}: /healthz ${Math.round(out.healthz.requestsPerS)} req/s, p99 ${out.healthz.p99} ms`);
    await cannon(server.base, workload(server, ids), WARMUP_SECONDS);
    const cpu0 = procCpuS(server.pid);
    const t0 = performance.now();
    const { result, seen } = await cannon(server.base, workload(server, ids), SECONDS);
    out.serverCpuS = procCpuS(server.pid) - cpu0;
    out.wallS = (performance.now() - t0) / 1000;
    out.mixed = summary(result);
    // Answers by status code.
    out.mixed.byStatus = Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {}).map(([code, v]) => [code, v.count]),
    );
    out.mixed.fiveHundreds = seen.serverErrors;
    out.mixed.busy = seen.busy;
    out.mixed.serverErrorSamples = seen.samples;
    out.mixed.steps = STEP_NAMES.map((name, i) => ({ name, ...percentiles(seen.byStep[i]) }));
    const count = await httpJson(
      server.base,
      'GET',
      `/v1/tasks?projectId=${ids.projectId}&limit=1`,
      server.token,
    );
    out.tasksAfter = count.data.length;
    // What each request of the mix costs the server: its steps alone (a job's create and wait go
    // together), server CPU (every thread) per request.
    if (STEP_SECONDS > 0) {
      const requests = workload(server, ids);
      out.alone = [];
      for (const [name, steps] of [
        ['filtered task list', [0]],
        ['task get', [1]],
        ['create 10 tasks', [2]],
        ['job create + wait (per request)', [3, 4]],
      ]) {
        const cpuBefore = procCpuS(server.pid);
        const { result: alone } = await cannon(
          server.base,
          steps.map((i) => requests[i]),
          STEP_SECONDS,
        );
        const cpuS = procCpuS(server.pid) - cpuBefore;
        out.alone.push({
          name,
          requestsPerS: alone.requests.average,
          p99: alone.latency.p99,
          errors: alone.errors + alone.timeouts + alone.non2xx,
          cpuUsPerRequest: alone.requests.total ? (cpuS * 1e6) / alone.requests.total : null,
        });
      }
      log(
        `${backend}: steps alone: ${out.alone.map((a) => `${a.name} ${Math.round(a.requestsPerS)} req/s, ${Math.round(a.cpuUsPerRequest)} µs CPU`).join('; ')}`,
      );
    }
    log(
      `${backend}: mixed ${Math.round(out.mixed.requestsPerS)} req/s, p50 ${out.mixed.p50} ms, p99 ${out.mixed.p99} ms, ${out.mixed.errors} errors (${out.mixed.fiveHundreds} 5xx, ${out.mixed.busy} busy); server CPU ${out.serverCpuS.toFixed(1)} s in ${out.wallS.toFixed(1)} s`,
    );
    // The server must still answer, and a job still run, after the load.
    const job = await waitJob(
      server.base,
      server.token,
      await httpJson(server.base, 'POST', '/v1/jobs', server.token, { type: 'system.noop' }),
    );
    if (job.status !== 'succeeded') throw new Error(`a job after the load ended ${job.status}`);
  } catch (error) {
    out.errors.push(error.message);
    log(`${backend}: failed: ${error.stack}`);
  } finally {
    await server.stop();
  }
  return out;
}

const STEP_NAMES = [
  'GET /v1/tasks (status + data filter)',
  'GET /v1/tasks/{id}',
  'POST /v1/batches/{id}/tasks (10 tasks)',
  'POST /v1/jobs',
  'GET /v1/jobs/{id}?wait=10',
];

function percentiles(latencies) {
  const sorted = Float64Array.from(latencies).sort();
  const at = (q) =>
    sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : null;
  return { count: sorted.length, p50: at(0.5), p99: at(0.99), max: at(1) };
}

function summary(r) {
  return {
    requests: r.requests.total,
    requestsPerS: r.requests.average,
    p50: r.latency.p50,
    p90: r.latency.p90,
    p99: r.latency.p99,
    max: r.latency.max,
    errors: r.errors + r.timeouts + r.non2xx,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
  };
}

// ---------------------------------------------------------------------------------------------

const startedAt = new Date();
let pgVersion = null;
if (STORES.includes('postgres')) pgVersion = (await adminQuery('show server_version')).rows[0].server_version;
log(
  `${machine}; ${CONNECTIONS} connections, ${SECONDS} s, ${SEED_TASKS} seeded tasks; stores: ${STORES.join(', ')}`,
);
const details = {};
for (const backend of STORES) details[backend] = await runStore(backend);

const OURS = { sqlite: 'batchyard-embedded', postgres: 'batchyard-postgres' };
const results = [];
const targets = [];
for (const backend of STORES) {
  const d = details[backend];
  const m = d.mixed;
  const push = (system, peer, metric, value, unit) =>
    results.push({ system, peer, metric, value: value ?? null, unit });
  push(OURS[backend], false, 'mixed_requests_per_s', m?.requestsPerS, 'requests/s');
  push(OURS[backend], false, 'mixed_p50_ms', m?.p50, 'ms');
  push(OURS[backend], false, 'mixed_p99_ms', m?.p99, 'ms');
  push(OURS[backend], false, 'mixed_errors', m?.errors, 'count');
  push(
    `${backend} GET /healthz (no store)`,
    true,
    'mixed_requests_per_s',
    d.healthz?.requestsPerS,
    'requests/s',
  );
  push(`${backend} GET /healthz (no store)`, true, 'mixed_p99_ms', d.healthz?.p99, 'ms');
  if (!m) {
    targets.push({ label: `${OURS[backend]} mixed load`, status: 'not measured' });
    continue;
  }
  targets.push({ label: `${OURS[backend]} zero errors`, met: m.errors === 0, detail: `${m.errors} errors` });
  if (backend === 'sqlite')
    targets.push({
      label: `${OURS[backend]} no SQLite busy error reaching a client`,
      met: m.busy === 0,
      detail: `${m.busy} busy or locked answers among ${m.fiveHundreds} answers ≥ 500`,
    });
  targets.push({
    label: `${OURS[backend]} p99 ≤ ${TARGET_P99_MS} ms`,
    met: m.p99 <= TARGET_P99_MS,
    detail: `${m.p99} ms${m.p99 <= TARGET_P99_MS ? '' : ` (${m.p99 - TARGET_P99_MS} ms over)`}`,
  });
}

const fmt = (v, digits = 0) =>
  v === null || v === undefined ? '—' : Number(v).toLocaleString('en-US', { maximumFractionDigits: digits });
const table = [];
for (const backend of STORES) {
  const d = details[backend];
  const m = d.mixed ?? {};
  const h = d.healthz ?? {};
  table.push(
    `### ${backend === 'sqlite' ? 'Embedded store (SQLite)' : 'PostgreSQL'}`,
    '',
    '| measure | mixed workload | GET /healthz (no store), same settings | ratio | target |',
    '|---|---:|---:|---:|---|',
    `| requests/s | ${fmt(m.requestsPerS)} | ${fmt(h.requestsPerS)} | ${m.requestsPerS && h.requestsPerS ? `${(m.requestsPerS / h.requestsPerS).toFixed(2)}×` : '—'} | |`,
    `| p50 (ms) | ${fmt(m.p50, 1)} | ${fmt(h.p50, 1)} | | |`,
    `| p90 (ms) | ${fmt(m.p90, 1)} | ${fmt(h.p90, 1)} | | |`,
    `| p99 (ms) | ${fmt(m.p99, 1)} | ${fmt(h.p99, 1)} | ${m.p99 && h.p99 ? `${(m.p99 / h.p99).toFixed(2)}×` : '—'} | ≤ ${TARGET_P99_MS} |`,
    `| max (ms) | ${fmt(m.max, 1)} | ${fmt(h.max, 1)} | | |`,
    `| requests / errors (timeouts, answers ≥ 400) | ${fmt(m.requests)} / ${fmt(m.errors)} (${fmt(m.timeouts)}, ${fmt(m.non2xx)}) | ${fmt(h.requests)} / ${fmt(h.errors)} | | 0 errors |`,
    `| answers ≥ 500 / of them busy or locked database | ${fmt(m.fiveHundreds)} / ${fmt(m.busy)} | | | 0 busy |`,
    `| server CPU (s) in the ${SECONDS} s | ${fmt(d.serverCpuS, 1)} | | | |`,
    '',
    ...(m.steps
      ? [
          'Each step of the mix on its own (measured by the load client from sending to the answer):',
          '',
          '| step | requests | p50 (ms) | p99 (ms) | max (ms) |',
          '|---|---:|---:|---:|---:|',
          ...m.steps.map(
            (s) => `| ${s.name} | ${fmt(s.count)} | ${fmt(s.p50, 1)} | ${fmt(s.p99, 1)} | ${fmt(s.max, 1)} |`,
          ),
          '',
        ]
      : []),
    ...(d.alone
      ? [
          `Each step alone after the mix (${STEP_SECONDS} s each, same ${CONNECTIONS} connections; server CPU counts every thread of the server process):`,
          '',
          '| step alone | requests/s | p99 (ms) | errors | server CPU per request (µs) |',
          '|---|---:|---:|---:|---:|',
          ...d.alone.map(
            (a) =>
              `| ${a.name} | ${fmt(a.requestsPerS)} | ${fmt(a.p99, 1)} | ${fmt(a.errors)} | ${fmt(a.cpuUsPerRequest)} |`,
          ),
          '',
        ]
      : []),
    ...(d.errors.length ? [...d.errors.map((e) => `- error: ${e}`), ''] : []),
  );
}
const targetLines = targets.map(
  (t) =>
    `- ${t.status ? '**not measured**' : t.met ? '**met**' : '**missed**'} — ${t.label}${t.detail ? `: ${t.detail}` : ''}`,
);
const md = [
  '# Load benchmark',
  '',
  `Run ${startedAt.toISOString()} on ${machine}${pgVersion ? `; PostgreSQL ${pgVersion} on the same host` : ''}. Produced by \`npm run bench -- load\` (bench/load.mjs); every figure below comes from this one run.`,
  '',
  ...table,
  '## Targets',
  '',
  ...targetLines,
  '',
  '## What limits the figures',
  '',
  '- **The latency is the queue.** Every step of the mix shows about the same p50 and p99 (the table per step): a request waits for the requests ahead of it on the one event loop, whatever its own cost. With 64 connections that never pause, latency ≈ 64 ÷ throughput, so p99 ≤ 50 ms asks for roughly 2,200 requests/s of this mix or more from one server process. An event-loop delay monitor in the server (`--import` hook on `BENCH_SERVER_NODE_ARGS`) read a p50 of 30–34 ms during the mix on SQLite: each turn of the loop serves every waiting connection once.',
  "- **What a request costs** is the table of steps alone: the filtered list reads about 500 tasks' JSON to find 50 (10% of tasks match a priority) and is the dearest; a job costs a create, a claim, a run, a completion and a wait. The machine has 2 cores and autocannon uses part of one.",
  "- **PostgreSQL**: every query is a round trip, and on this virtual machine the write that sends one costs 200–300 µs of the server's CPU (a CPU profile shows `writev` at 30–56% of the server's time): it wakes a PostgreSQL backend on the other vCPU. PostgreSQL's backends, the server and autocannon share the 2 vCPUs. Turning `synchronous_commit` off changed the task create's throughput by under 15%, so commit fsyncs are not the limit. Round trips per request were cut where it kept behaviour (see docs/benchmarks.md); what remains is about 2 per list, 1 per get, 5 per task create and 5 per job (create, read, wait, artifacts) plus the runner's batched claims and completions.",
  '- **Tried and dropped**: SQLite pages of tasks read by a second connection on a worker thread (beside the event loop). On 2 cores the reader thread competed with the event loop and the load client: p99 went from 51 to 91 ms.',
  '',
  '## Settings',
  '',
  `- **Server**: one Batchyard server per store in a child process (bench/lib/server-child.mjs: \`buildApp\` + \`listen\` on 127.0.0.1, logger off, rate limit off, in-process job runner, pool 10); a fresh SQLite file (WAL, synchronous=NORMAL) or a fresh PostgreSQL database; ${SEED_TASKS.toLocaleString('en-US')} tasks seeded through the SDK in one batch before the load.`,
  `- **Load**: autocannon ${require('autocannon/package.json').version}, ${CONNECTIONS} connections, pipelining 1, each sending its next request when its answer arrives, ${WARMUP_SECONDS} s of warm-up not counted, then ${SECONDS} s. Each connection cycles: a filtered task list (\`statuses=pending&filter=data.priority:eq:<random 0–9>&limit=50\`), a task by a random id, a create of 10 new tasks (unique names), a job create (\`system.noop\`) and its long-poll wait (\`GET /v1/jobs/{id}?wait=10\`, which answers when the job ends, so its latency includes the job's queueing and run). Errors = connection errors + timeouts + answers ≥ 400. The reference is \`GET /healthz\` (touches no store) with the same ${CONNECTIONS} connections for 10 s on the same server: the latency floor of this machine with autocannon on it.`,
  `- Closed loop: with ${CONNECTIONS} connections always waiting, the latency is about ${CONNECTIONS} ÷ throughput (Little's law); the p99 target therefore asks for well over ${Math.round(CONNECTIONS / (TARGET_P99_MS / 1000)).toLocaleString('en-US')} requests/s of this mix.`,
  `- Command: \`npm run bench -- load\` (environment: BENCH_STORES, BENCH_PG, BENCH_CONNECTIONS, BENCH_SECONDS, BENCH_LOAD_TASKS, BENCH_STEP_SECONDS, BENCH_SERVER_NODE_ARGS).`,
  '',
];
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(
  join(here, 'results', 'load.json'),
  `${JSON.stringify({ benchmark: 'load', machine, date: startedAt.toISOString(), settings: { connections: CONNECTIONS, seconds: SECONDS, seedTasks: SEED_TASKS, stores: STORES }, results, targets, details }, null, 2)}\n`,
);
writeFileSync(join(here, 'results', 'load.md'), md.join('\n'));
console.log(['', ...table, 'Targets:', ...targetLines, ''].join('\n'));
log(`wrote bench/results/load.json and load.md (${(performance.now() / 1000).toFixed(0)} s)`);
