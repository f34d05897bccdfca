// `npm run bench -- jobs`: Batchyard's job engine beside BullMQ, pg-boss and graphile-worker, in one
// run on this machine. One file per system (batchyard.mjs, bullmq.mjs, pg-boss.mjs,
// graphile-worker.mjs), the phases in phases.mjs; the metrics, the knobs (BENCH_JOBS, BENCH_RUNS,
// BENCH_SYSTEMS, …) and each peer's settings are explained in docs/benchmarks.md#jobs.
import { performance } from 'node:perf_hooks';
import { agent } from '../lib/common.mjs';
import {
  fmt,
  limitTarget,
  machineText,
  markdownTable,
  postgresSettings,
  ratio,
  ratioTarget,
  resultSet,
  runHeader,
  targetLines,
  writeResults,
} from '../lib/report.mjs';
import { batchyard, settings as batchyardSettings } from './batchyard.mjs';
import { bullmq, redisInfo, settings as bullmqSettings } from './bullmq.mjs';
import { graphileWorker, settings as graphileWorkerSettings } from './graphile-worker.mjs';
import { pgBoss, settings as pgBossSettings } from './pg-boss.mjs';
import { fairness, FAIR_A_BOUND } from './fairness.mjs';
import { measure, percentile } from './phases.mjs';
import { cpuTotal } from '../lib/server.mjs';
import { KEYED_TARGET, KEYS } from '../keys/settings.mjs';
import {
  BATCH,
  FAIR_B_JOBS,
  FAIR_BACKLOGS,
  N,
  PG_BASE,
  PICKUP_INTERVAL_MS,
  PICKUP_JOBS,
  PICKUP_SECONDS,
  RUNS,
  WAIT_HANDLER_MS,
  WAIT_JOBS,
  WARMUP_JOBS,
  log,
  postgres,
} from './settings.mjs';

const SETTINGS = {
  jobs: N,
  runs: RUNS,
  enqueueBatch: BATCH,
  pickup: { intervalMs: PICKUP_INTERVAL_MS, seconds: PICKUP_SECONDS, jobs: PICKUP_JOBS },
  wait: { jobs: WAIT_JOBS, handlerSleepMs: WAIT_HANDLER_MS },
  fairness: { backlogs: FAIR_BACKLOGS, bJobs: FAIR_B_JOBS, aBound: FAIR_A_BOUND },
  batchyard: batchyardSettings,
  bullmq: bullmqSettings,
  pgBoss: pgBossSettings,
  graphileWorker: graphileWorkerSettings,
  postgres: PG_BASE,
};

const now = () => performance.now();
const median = (values) => percentile(values, 50);
const round = (value, digits = 1) => (value === null ? null : Number(value.toFixed(digits)));

const METRICS = [
  { key: 'enqueue_per_s', title: 'Bulk enqueue (jobs/s, higher is better)', unit: 'jobs/s' },
  {
    key: 'processed_per_s',
    title: 'Processing, drain of a full queue (jobs/s, higher is better)',
    unit: 'jobs/s',
  },
  {
    key: 'cpu_us_per_job',
    title:
      'CPU a job drained (µs, this process and the store server processes — PostgreSQL or Redis; lower is better)',
    unit: 'µs',
  },
  { key: 'pickup_p50_ms', title: 'Pick-up latency p50 (ms, lower is better)', unit: 'ms' },
  { key: 'pickup_p99_ms', title: 'Pick-up latency p99 (ms, lower is better)', unit: 'ms' },
  { key: 'wait_p50_ms', title: 'Wait-for-end latency p50 (ms, lower is better)', unit: 'ms' },
  { key: 'wait_p99_ms', title: 'Wait-for-end latency p99 (ms, lower is better)', unit: 'ms' },
  ...FAIR_BACKLOGS.flatMap((n) => [
    {
      key: `fair_b_wait_ms_${n}`,
      title: `Fairness: ${FAIR_B_JOBS} jobs of workspace B behind ${n.toLocaleString('en-US')} of A — B's wait for its last (ms, lower is better)`,
      unit: 'ms',
    },
    {
      key: `fair_a_during_b_${n}`,
      title: `Fairness: behind ${n.toLocaleString('en-US')} of A — A's jobs that ended while B waited (jobs, lower is better; bound ${FAIR_A_BOUND})`,
      unit: 'jobs',
    },
  ]),
];
/** Batchyard systems the fairness bound is measured on (in-process runners on each store). */
const FAIR_SYSTEMS = ['batchyard-embedded', 'batchyard-postgres'];
const PEERS = ['bullmq', 'pg-boss', 'graphile-worker'];
const PG_PEERS = ['pg-boss', 'graphile-worker'];
const WAIT_P99_TARGET_MS = 20;

/** One table per metric: every system's figure, and each Batchyard figure ÷ that row's. */
function tables(results, systems) {
  const ours = systems.filter((s) => !s.peer && !s.keyed).map((s) => s.name);
  const lines = [];
  for (const m of METRICS) {
    const rows = systems.filter((s) => results.value(s.name, m.key) !== null);
    if (rows.length === 0) continue;
    const cols = ours.filter((o) => results.value(o, m.key) !== null);
    const columns = [
      ['system', 'left'],
      [m.unit, 'right'],
      ...cols.map((o) => [`${o.replace('batchyard-', '')} ÷ this`, 'right']),
    ];
    const cells = rows.map((s) => {
      const v = results.value(s.name, m.key);
      const ratios = cols.map((o) => (o === s.name ? '—' : ratio(results.value(o, m.key), v)));
      return [s.peer ? s.name : `**${s.name}**`, fmt(v, m.unit), ...ratios];
    });
    lines.push(`### ${m.title}`, '', ...markdownTable(columns, cells), '');
  }
  const split = systems.flatMap((s) => {
    const runs = details[s.name]?.runs ?? [];
    if (runs.length === 0) return [];
    // The run whose CPU a job is the median: its split by process.
    const sorted = [...runs].sort((a, b) => cpuTotal(a.cpu_us_per_job) - cpuTotal(b.cpu_us_per_job));
    const cpu = sorted[Math.floor((sorted.length - 1) / 2)].cpu_us_per_job;
    return [[s.peer ? s.name : `**${s.name}**`, fmt(cpu.client, 'µs'), fmt(cpu.postgres ?? cpu.redis, 'µs')]];
  });
  if (split.length > 0)
    lines.push(
      '### CPU a job drained, by process (the run of median CPU)',
      '',
      ...markdownTable(
        [
          ['system', 'left'],
          ['this process (µs)', 'right'],
          ['PostgreSQL or Redis (µs)', 'right'],
        ],
        split,
      ),
      '',
    );
  return lines;
}

function targets(results) {
  const out = [];
  const best = (names, metric, higher) => {
    const vals = names.map((n) => ({ n, v: results.value(n, metric) })).filter((x) => x.v !== null);
    if (vals.length === 0) return null;
    return vals.reduce((a, b) => ((higher ? b.v > a.v : b.v < a.v) ? b : a));
  };
  const rate = (label, ours, names, factor) => {
    const b = best(names, 'processed_per_s', true);
    out.push(
      ratioTarget(label, results.value(ours, 'processed_per_s'), b?.v ?? null, factor, 'jobs/s', b?.n),
    );
  };
  rate('batchyard-embedded processed/s ≥ 3× the best peer', 'batchyard-embedded', PEERS, 3);
  rate('batchyard-postgres processed/s ≥ 1.2× the best PostgreSQL peer', 'batchyard-postgres', PG_PEERS, 1.2);
  const pickup = (label, ours, names) => {
    const v = results.value(ours, 'pickup_p99_ms');
    const b = best(names, 'pickup_p99_ms', false);
    if (v === null || b === null) return out.push({ label, status: 'not measured' });
    const met = v < b.v;
    out.push({
      label,
      met,
      detail: `${fmt(v, 'ms')} ms vs best ${b.n} ${fmt(b.v, 'ms')} ms (${met ? `${fmt(b.v - v, 'ms')} ms lower` : `${fmt(v - b.v, 'ms')} ms too high`})`,
    });
  };
  for (const plain of ['batchyard-embedded', 'batchyard-postgres'])
    out.push(
      ratioTarget(
        `${plain} keyed drain (${KEYS.toLocaleString('en-US')} keys, 1 running each) ≥ ${KEYED_TARGET}× its plain drain`,
        results.value(`${plain}-keyed`, 'processed_per_s'),
        results.value(plain, 'processed_per_s'),
        KEYED_TARGET,
        'jobs/s',
        plain,
      ),
    );
  pickup('batchyard-embedded pick-up p99 below every peer', 'batchyard-embedded', PEERS);
  pickup('batchyard-postgres pick-up p99 below every PostgreSQL peer', 'batchyard-postgres', PG_PEERS);
  for (const ours of FAIR_SYSTEMS)
    for (const n of FAIR_BACKLOGS)
      out.push(
        limitTarget(
          `${ours} fairness: A's jobs ending while B's ${FAIR_B_JOBS} wait ≤ ${FAIR_A_BOUND}, with ${n.toLocaleString('en-US')} queued in A`,
          results.value(ours, `fair_a_during_b_${n}`),
          FAIR_A_BOUND,
          'max',
          'jobs',
        ),
      );
  for (const ours of ['batchyard-embedded', 'batchyard-postgres'])
    out.push(
      limitTarget(
        `${ours} wait p99 ≤ ${WAIT_P99_TARGET_MS} ms`,
        results.value(ours, 'wait_p99_ms'),
        WAIT_P99_TARGET_MS,
        'max',
        'ms',
      ),
    );
  return out;
}

// ---------------------------------------------------------------------------------------------
// Main

const ALL = [
  () => batchyard({ name: 'batchyard-embedded' }),
  () => batchyard({ name: 'batchyard-embedded-keyed', keys: KEYS }),
  () => batchyard({ name: 'batchyard-postgres', postgres: true }),
  () => batchyard({ name: 'batchyard-postgres-keyed', postgres: true, keys: KEYS }),
  () => batchyard({ name: 'batchyard-remote', remote: true }),
  () => bullmq(),
  () => pgBoss(),
  () => graphileWorker(),
];
const wanted = process.env.BENCH_SYSTEMS ? process.env.BENCH_SYSTEMS.split(',').map((s) => s.trim()) : null;
const systems = ALL.map((make) => make()).filter((s) => !wanted || wanted.includes(s.name));

const startedAt = new Date();
const machine = machineText();
const redis = redisInfo();
try {
  SETTINGS.postgresSettings = await postgresSettings(postgres.adminQuery);
} catch (error) {
  log('PostgreSQL not reachable:', error.message);
}
SETTINGS.redis = redis;
log(`${machine}; N=${N}, runs=${RUNS}, systems: ${systems.map((s) => s.name).join(', ')}`);

const results = resultSet(['jobs/s']);
const details = {};
for (const system of systems) {
  const t = now();
  const out = await measure(system);
  details[system.name] = { ...out, seconds: round((now() - t) / 1000) };
  const push = (metric, value, unit, runs) =>
    results.push(
      system.name,
      system.peer,
      metric,
      value,
      unit,
      runs ? { runs: runs.map((v) => round(v, 0)) } : {},
    );
  if (out.runs.length > 0) {
    const enq = out.runs.map((r) => r.enqueue_per_s);
    const proc = out.runs.map((r) => r.processed_per_s);
    push('enqueue_per_s', median(enq), 'jobs/s', enq);
    push('processed_per_s', median(proc), 'jobs/s', proc);
    const cpu = out.runs.map((r) => cpuTotal(r.cpu_us_per_job));
    push('cpu_us_per_job', median(cpu), 'µs', cpu);
  }
  push('pickup_p50_ms', out.pickup_p50_ms, 'ms');
  push('pickup_p99_ms', out.pickup_p99_ms, 'ms');
  push('wait_p50_ms', out.wait_p50_ms, 'ms');
  push('wait_p99_ms', out.wait_p99_ms, 'ms');
  if (FAIR_SYSTEMS.includes(system.name) && FAIR_BACKLOGS.length > 0) {
    try {
      const fair = await fairness({ name: system.name, postgres: system.backend === 'postgres' });
      details[system.name].fairness = fair;
      for (const [n, f] of Object.entries(fair)) {
        push(`fair_b_wait_ms_${n}`, round(f.bWaitMs), 'ms');
        push(`fair_a_during_b_${n}`, f.aDuringB, 'jobs');
      }
    } catch (error) {
      log(`${system.name}: fairness failed:`, error.message);
      details[system.name].errors.push(`fairness: ${error.message}`);
    }
  }
}

const targetList = targets(results);
const tableLines = tables(results, systems);
const pgSettings = SETTINGS.postgresSettings;
const md = [
  ...runHeader({
    name: 'jobs',
    title: 'Jobs benchmark',
    startedAt,
    machine,
    services: [
      `PostgreSQL ${pgSettings?.server_version ?? '?'} (synchronous_commit=${pgSettings?.synchronous_commit ?? '?'})`,
      `Redis ${redis.version ?? '?'}`,
    ],
  }),
  `N = ${N.toLocaleString('en-US')} no-op jobs, enqueued in batches of ${BATCH} with no worker running, then drained; throughput figures are the median of ${RUNS} runs (each after a ${WARMUP_JOBS.toLocaleString('en-US')}-job warm-up; per-run values in jobs.json). Pick-up: idle workers, one job enqueued every ${PICKUP_INTERVAL_MS} ms for ${PICKUP_SECONDS} s. Wait: ${WAIT_JOBS} jobs one after another, the handler sleeping ${WAIT_HANDLER_MS} ms. All systems run in this one Node process, one after another.`,
  '',
  "Ratio columns: the Batchyard figure divided by the row's figure (for jobs/s above 1× is better; for latencies below 1× is better).",
  '',
  ...tableLines,
  '## Targets',
  '',
  ...targetLines(targetList),
  '',
  '## Settings',
  '',
  `- **Batchyard**: jobConcurrency ${batchyardSettings.jobConcurrency}, leaseSeconds ${batchyardSettings.leaseSeconds}, PostgreSQL pool ${batchyardSettings.poolSize}.`,
  `- **BullMQ ${bullmqSettings.version}**: one Worker, concurrency ${bullmqSettings.concurrency}; Redis ${redis.version ?? ''} (${redis.persistence ?? 'persistence settings unknown'}).`,
  `- **pg-boss ${pgBossSettings.version}**: ${pgBossSettings.workers} × \`boss.work\` with batchSize ${pgBossSettings.batchSize}, pollingIntervalSeconds ${pgBossSettings.pollingIntervalSeconds}, pool max ${pgBossSettings.max}.`,
  `- **graphile-worker ${graphileWorkerSettings.version}**: concurrency ${graphileWorkerSettings.concurrency}, pool ${graphileWorkerSettings.maxPoolSize}, pollInterval ${graphileWorkerSettings.pollInterval} ms.`,
  '',
];
const errors = Object.entries(details).filter(([, d]) => d.errors.length > 0);
if (errors.length > 0) {
  md.push('## Errors', '');
  for (const [name, d] of errors) for (const e of d.errors) md.push(`- ${name}: ${e}`);
  md.push('');
}

writeResults({
  name: 'jobs',
  startedAt,
  machine,
  settings: SETTINGS,
  results: results.list,
  targets: targetList,
  details,
  md,
  tables: tableLines,
});
agent.destroy();
process.exit(0);
