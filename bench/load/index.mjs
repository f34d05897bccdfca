// `npm run bench -- load`: a mixed API workload against one Batchyard server, on the embedded store
// and on PostgreSQL, with autocannon; GET /healthz on the same server is the reference. The workload
// is in workload.mjs; what it sends, the knobs (BENCH_STORES, BENCH_SECONDS, …) and what limits the
// figures are explained in docs/benchmarks.md#load.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { httpJson, pacedLoadInChild, waitJob } from '../lib/common.mjs';
import { machineText, markdownTable, runHeader, targetLines, writeResults } from '../lib/report.mjs';
import { forkServer, postgresCpuS, procCpuS, startBenchServer, stopChild } from '../lib/server.mjs';
import {
  CONNECTIONS,
  PACED_RATE,
  PACED_SECONDS,
  SCALE_SECONDS,
  SECONDS,
  SEED_TASKS,
  SERVER_NODE_ARGS,
  STEP_SECONDS,
  STORES,
  TARGET_P99_MS,
  TARGET_PG_RATIO,
  WARMUP_SECONDS,
  log,
  postgres,
} from './settings.mjs';
import { STEP_NAMES, cannon, percentiles, seed, summary, workload } from './workload.mjs';

const require = createRequire(import.meta.url);
const { adminQuery, createDatabase, dropDatabase, settle } = postgres;
const machine = machineText();
const PACED_MIX = new URL('./paced-mix.mjs', import.meta.url).pathname;

/**
 * The mix, closed loop, spread over the API processes at `bases` (the connections split evenly),
 * for `seconds`: requests/s in all, latency percentiles over every answer, and the CPU per request
 * of the API processes (`pids`) and of PostgreSQL's.
 */
async function scaleRun(bases, pids, requests, seconds) {
  const api0 = pids.map(procCpuS);
  const pg0 = postgresCpuS();
  const t0 = performance.now();
  const runs = await Promise.all(
    bases.map((base) => cannon(base, requests, seconds, Math.round(CONNECTIONS / bases.length))),
  );
  const wallS = (performance.now() - t0) / 1000;
  const apiCpuS = pids.reduce((sum, pid, i) => sum + procCpuS(pid) - api0[i], 0);
  const pgCpuS = postgresCpuS() - pg0;
  const total = runs.reduce((sum, r) => sum + r.result.requests.total, 0);
  const latencies = percentiles(runs.flatMap((r) => r.seen.byStep.flat()));
  return {
    processes: bases.length,
    requestsPerS: runs.reduce((sum, r) => sum + r.result.requests.average, 0),
    p50: latencies.p50,
    p99: latencies.p99,
    errors: runs.reduce((sum, r) => sum + r.result.errors + r.result.timeouts + r.result.non2xx, 0),
    apiCpuUsPerRequest: total ? (apiCpuS * 1e6) / total : null,
    postgresCpuUsPerRequest: total ? (pgCpuS * 1e6) / total : null,
    cpuSecondsPerSecond: (apiCpuS + pgCpuS) / wallS,
  };
}

function startServer(backend) {
  return startBenchServer({
    backend,
    label: 'load',
    pg: { createDatabase, dropDatabase },
    execArgv: SERVER_NODE_ARGS,
    log,
    keep: process.env.BENCH_KEEP === '1',
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
        const pgBefore = backend === 'postgres' ? postgresCpuS() : 0;
        const { result: alone } = await cannon(
          server.base,
          steps.map((i) => requests[i]),
          STEP_SECONDS,
        );
        const cpuS = procCpuS(server.pid) - cpuBefore;
        const pgCpuS = backend === 'postgres' ? postgresCpuS() - pgBefore : null;
        out.alone.push({
          name,
          requestsPerS: alone.requests.average,
          p99: alone.latency.p99,
          errors: alone.errors + alone.timeouts + alone.non2xx,
          cpuUsPerRequest: alone.requests.total ? (cpuS * 1e6) / alone.requests.total : null,
          postgresCpuUsPerRequest:
            pgCpuS !== null && alone.requests.total ? (pgCpuS * 1e6) / alone.requests.total : null,
        });
      }
      log(
        `${backend}: steps alone: ${out.alone.map((a) => `${a.name} ${Math.round(a.requestsPerS)} req/s, ${Math.round(a.cpuUsPerRequest)} µs CPU${a.postgresCpuUsPerRequest !== null ? ` + PostgreSQL ${Math.round(a.postgresCpuUsPerRequest)} µs` : ''}`).join('; ')}`,
      );
    }
    log(
      `${backend}: mixed ${Math.round(out.mixed.requestsPerS)} req/s, p50 ${out.mixed.p50} ms, p99 ${out.mixed.p99} ms, ${out.mixed.errors} errors (${out.mixed.fiveHundreds} 5xx, ${out.mixed.busy} busy); server CPU ${out.serverCpuS.toFixed(1)} s in ${out.wallS.toFixed(1)} s`,
    );
    // Open loop: the same mix paced at PACED_RATE requests/s in all, latency from each request's due
    // time (pacedLoad, in a child process). The task gets pick among 2,000 of the seeded tasks (the
    // ids go to the child on its command line).
    if (PACED_SECONDS > 0) {
      const sample = Array.from({ length: 2000 }, (_, i) => ids.taskIds[(i * 7919) % ids.taskIds.length]);
      const cpu0 = procCpuS(server.pid);
      out.paced = await pacedLoadInChild({
        base: server.base,
        token: server.token,
        clients: CONNECTIONS,
        ratePerClient: PACED_RATE / CONNECTIONS,
        seconds: PACED_SECONDS,
        mix: { module: PACED_MIX, args: { token: server.token, ids: { ...ids, taskIds: sample } } },
      });
      out.paced.offeredPerS = PACED_RATE;
      out.paced.serverCpuS = procCpuS(server.pid) - cpu0;
      log(
        `${backend}: paced ${PACED_RATE} req/s offered, ${Math.round(out.paced.requestsPerS)} sent: p50 ${out.paced.p50?.toFixed(1)} ms, p99 ${out.paced.p99?.toFixed(1)} ms, ${out.paced.errors} errors; steps p99 ${out.paced.steps.map((st) => st.p99?.toFixed(1)).join(' / ')} ms`,
      );
    }
    // Scale-out: the mix with this one API process, then with a second on the same database.
    if (backend === 'postgres' && SCALE_SECONDS > 0) {
      const requests = workload(server, ids);
      out.scale = [await scaleRun([server.base], [server.pid], requests, SCALE_SECONDS)];
      const second = await forkServer(server.url, server.dataDir, SERVER_NODE_ARGS);
      try {
        await cannon(second.base, requests, WARMUP_SECONDS, Math.round(CONNECTIONS / 2));
        out.scale.push(
          await scaleRun([server.base, second.base], [server.pid, second.child.pid], requests, SCALE_SECONDS),
        );
      } finally {
        await stopChild(second.child);
      }
      for (const r of out.scale)
        log(
          `${backend}: ${r.processes} API process(es): ${Math.round(r.requestsPerS)} req/s, p99 ${r.p99?.toFixed(1)} ms, ${r.errors} errors; CPU a request: API ${Math.round(r.apiCpuUsPerRequest)} µs, PostgreSQL ${Math.round(r.postgresCpuUsPerRequest)} µs; ${r.cpuSecondsPerSecond.toFixed(2)} cores busy`,
        );
    }
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
  const paced = d.paced;
  if (paced) {
    push(OURS[backend], false, 'paced_p99_ms', paced.p99, 'ms');
    push(OURS[backend], false, 'paced_requests_per_s', paced.requestsPerS, 'requests/s');
    targets.push({
      label: `${OURS[backend]} p99 ≤ ${TARGET_P99_MS} ms, open loop at ${PACED_RATE} requests/s`,
      met: paced.p99 !== null && paced.p99 <= TARGET_P99_MS && paced.errors === 0,
      detail: `${paced.p99?.toFixed(1)} ms, ${Math.round(paced.requestsPerS)} requests/s sent, ${paced.errors} errors`,
    });
  }
  for (const r of d.scale ?? []) {
    push(`${OURS[backend]} ×${r.processes}`, false, 'scale_requests_per_s', r.requestsPerS, 'requests/s');
    push(`${OURS[backend]} ×${r.processes}`, false, 'scale_p99_ms', r.p99, 'ms');
  }
}
const sqliteRate = details.sqlite?.mixed?.requestsPerS;
const postgresRate = details.postgres?.mixed?.requestsPerS;
if (sqliteRate && postgresRate)
  targets.push({
    label: `batchyard-postgres saturated throughput of the mix ≥ ${TARGET_PG_RATIO}× the embedded store's`,
    met: postgresRate >= TARGET_PG_RATIO * sqliteRate,
    detail: `${Math.round(postgresRate)} vs ${Math.round(sqliteRate)} requests/s = ${(postgresRate / sqliteRate).toFixed(2)}×`,
  });

const fmt = (v, digits = 0) =>
  v === null || v === undefined ? '—' : Number(v).toLocaleString('en-US', { maximumFractionDigits: digits });
const ratio = (a, b) => (a && b ? `${(a / b).toFixed(2)}×` : '—');
/** Latency by step of the mix: `{name, count, p50, p99, max}` each. */
const stepTable = (steps) =>
  markdownTable(
    [
      ['step', 'left'],
      ['requests', 'right'],
      ['p50 (ms)', 'right'],
      ['p99 (ms)', 'right'],
      ['max (ms)', 'right'],
    ],
    steps.map((s) => [s.name, fmt(s.count), fmt(s.p50, 1), fmt(s.p99, 1), fmt(s.max, 1)]),
  );
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
          ...stepTable(m.steps),
          '',
        ]
      : []),
    ...(d.alone
      ? [
          `Each step alone after the mix (${STEP_SECONDS} s each, same ${CONNECTIONS} connections; server CPU counts every thread of the server process${backend === 'postgres' ? ', PostgreSQL CPU every PostgreSQL process of the machine' : ''}):`,
          '',
          ...markdownTable(
            [
              ['step alone', 'left'],
              ['requests/s', 'right'],
              ['p99 (ms)', 'right'],
              ['errors', 'right'],
              ['server CPU per request (µs)', 'right'],
              ...(backend === 'postgres' ? [['PostgreSQL CPU per request (µs)', 'right']] : []),
            ],
            d.alone.map((a) => [
              a.name,
              fmt(a.requestsPerS),
              fmt(a.p99, 1),
              fmt(a.errors),
              fmt(a.cpuUsPerRequest),
              ...(backend === 'postgres' ? [fmt(a.postgresCpuUsPerRequest)] : []),
            ]),
          ),
          '',
        ]
      : []),
    ...(d.paced
      ? [
          `Open loop: the same mix paced at ${PACED_RATE} requests/s in all over ${CONNECTIONS} clients (each its own connection, a request every ${Math.round(CONNECTIONS * (1000 / PACED_RATE))} ms) for ${PACED_SECONDS} s, after the runs above; latency from each request's due time, so a late send counts (bench/lib/common.mjs pacedLoad):`,
          '',
          ...stepTable([
            ...d.paced.steps,
            {
              ...d.paced,
              name: `**all** (${fmt(d.paced.requestsPerS)} requests/s sent, ${fmt(d.paced.errors)} errors, server CPU ${fmt(d.paced.serverCpuS, 1)} s)`,
              count: d.paced.requests,
            },
          ]),
          '',
        ]
      : []),
    ...(d.scale
      ? [
          `Scale-out: the mix, closed loop, ${CONNECTIONS} connections in all for ${SCALE_SECONDS} s, first against this API process alone, then split evenly over it and a second API process on the same database (each with its job runner). CPU per request counts every thread of the API processes, and every PostgreSQL process of the machine:`,
          '',
          ...markdownTable(
            [
              ['API processes', 'right'],
              ['requests/s', 'right'],
              ['p50 (ms)', 'right'],
              ['p99 (ms)', 'right'],
              ['errors', 'right'],
              ['API CPU a request (µs)', 'right'],
              ['PostgreSQL CPU a request (µs)', 'right'],
              ['cores busy (API + PostgreSQL)', 'right'],
            ],
            d.scale.map((r) => [
              String(r.processes),
              fmt(r.requestsPerS),
              fmt(r.p50, 1),
              fmt(r.p99, 1),
              fmt(r.errors),
              fmt(r.apiCpuUsPerRequest),
              fmt(r.postgresCpuUsPerRequest),
              fmt(r.cpuSecondsPerSecond, 2),
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
  settings: {
    connections: CONNECTIONS,
    seconds: SECONDS,
    seedTasks: SEED_TASKS,
    stores: STORES,
    pacedRate: PACED_RATE,
    pacedSeconds: PACED_SECONDS,
    scaleSeconds: SCALE_SECONDS,
  },
  results,
  targets,
  details,
  md,
  tables: table,
});
