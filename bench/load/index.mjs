// `npm run bench -- load`: a mixed API workload against one Batchyard server, on the embedded store
// and on PostgreSQL, with autocannon; GET /healthz on the same server is the reference. The workload
// is in workload.mjs; what it sends, the knobs (BENCH_STORES, BENCH_SECONDS, …) and what limits the
// figures are explained in docs/benchmarks.md#load.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { httpJson, waitJob } from '../lib/common.mjs';
import { machineText, markdownTable, runHeader, targetLines, writeResults } from '../lib/report.mjs';
import { procCpuS, startBenchServer } from '../lib/server.mjs';
import {
  CONNECTIONS,
  SECONDS,
  SEED_TASKS,
  SERVER_NODE_ARGS,
  STEP_SECONDS,
  STORES,
  TARGET_P99_MS,
  WARMUP_SECONDS,
  log,
  postgres,
} from './settings.mjs';
import { STEP_NAMES, cannon, percentiles, seed, summary, workload } from './workload.mjs';

const require = createRequire(import.meta.url);
const { adminQuery, createDatabase, dropDatabase, settle } = postgres;
const machine = machineText();

function startServer(backend) {
  return startBenchServer({
    backend,
    label: 'load',
    pg: { createDatabase, dropDatabase },
    execArgv: SERVER_NODE_ARGS,
    log,
  });
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
const ratio = (a, b) => (a && b ? `${(a / b).toFixed(2)}×` : '—');
const table = [];
for (const backend of STORES) {
  const d = details[backend];
  const m = d.mixed ?? {};
  const h = d.healthz ?? {};
  table.push(
    `### ${backend === 'sqlite' ? 'Embedded store (SQLite)' : 'PostgreSQL'}`,
    '',
    ...markdownTable(
      [
        ['measure', 'left'],
        ['mixed workload', 'right'],
        ['GET /healthz (no store), same settings', 'right'],
        ['ratio', 'right'],
        ['target', 'left'],
      ],
      [
        ['requests/s', fmt(m.requestsPerS), fmt(h.requestsPerS), ratio(m.requestsPerS, h.requestsPerS), ''],
        ['p50 (ms)', fmt(m.p50, 1), fmt(h.p50, 1), '', ''],
        ['p90 (ms)', fmt(m.p90, 1), fmt(h.p90, 1), '', ''],
        ['p99 (ms)', fmt(m.p99, 1), fmt(h.p99, 1), ratio(m.p99, h.p99), `≤ ${TARGET_P99_MS}`],
        ['max (ms)', fmt(m.max, 1), fmt(h.max, 1), '', ''],
        [
          'requests / errors (timeouts, answers ≥ 400)',
          `${fmt(m.requests)} / ${fmt(m.errors)} (${fmt(m.timeouts)}, ${fmt(m.non2xx)})`,
          `${fmt(h.requests)} / ${fmt(h.errors)}`,
          '',
          '0 errors',
        ],
        [
          'answers ≥ 500 / of them busy or locked database',
          `${fmt(m.fiveHundreds)} / ${fmt(m.busy)}`,
          '',
          '',
          '0 busy',
        ],
        [`server CPU (s) in the ${SECONDS} s`, fmt(d.serverCpuS, 1), '', '', ''],
      ],
    ),
    '',
    ...(m.steps
      ? [
          'Each step of the mix on its own (measured by the load client from sending to the answer):',
          '',
          ...markdownTable(
            [
              ['step', 'left'],
              ['requests', 'right'],
              ['p50 (ms)', 'right'],
              ['p99 (ms)', 'right'],
              ['max (ms)', 'right'],
            ],
            m.steps.map((s) => [s.name, fmt(s.count), fmt(s.p50, 1), fmt(s.p99, 1), fmt(s.max, 1)]),
          ),
          '',
        ]
      : []),
    ...(d.alone
      ? [
          `Each step alone after the mix (${STEP_SECONDS} s each, same ${CONNECTIONS} connections; server CPU counts every thread of the server process):`,
          '',
          ...markdownTable(
            [
              ['step alone', 'left'],
              ['requests/s', 'right'],
              ['p99 (ms)', 'right'],
              ['errors', 'right'],
              ['server CPU per request (µs)', 'right'],
            ],
            d.alone.map((a) => [
              a.name,
              fmt(a.requestsPerS),
              fmt(a.p99, 1),
              fmt(a.errors),
              fmt(a.cpuUsPerRequest),
            ]),
          ),
          '',
        ]
      : []),
    ...(d.errors.length ? [...d.errors.map((e) => `- error: ${e}`), ''] : []),
  );
}
const md = [
  ...runHeader({
    name: 'load',
    title: 'Load benchmark',
    startedAt,
    machine,
    services: pgVersion ? [`PostgreSQL ${pgVersion}`] : [],
  }),
  ...table,
  '## Targets',
  '',
  ...targetLines(targets),
  '',
  '## Settings',
  '',
  `- **Server**: ${SEED_TASKS.toLocaleString('en-US')} tasks seeded through the SDK in one batch before the load.`,
  `- **Load**: autocannon ${require('autocannon/package.json').version}, ${CONNECTIONS} connections, pipelining 1, ${WARMUP_SECONDS} s of warm-up not counted, then ${SECONDS} s; the \`GET /healthz\` reference with the same ${CONNECTIONS} connections for 10 s.`,
  `- Closed loop: with ${CONNECTIONS} connections always waiting, the latency is about ${CONNECTIONS} ÷ throughput (Little's law); the p99 target therefore asks for well over ${Math.round(CONNECTIONS / (TARGET_P99_MS / 1000)).toLocaleString('en-US')} requests/s of this mix.`,
  '',
];
writeResults({
  name: 'load',
  startedAt,
  machine,
  settings: { connections: CONNECTIONS, seconds: SECONDS, seedTasks: SEED_TASKS, stores: STORES },
  results,
  targets,
  details,
  md,
  tables: table,
});
