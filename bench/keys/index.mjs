// `npm run bench -- keys`: what per-key concurrency limits cost. On each store (embedded SQLite,
// PostgreSQL), with the jobs benchmark's in-process handlers: the drain of a full queue with no key
// and with the same jobs spread over KEYS keys (limit 1 each), beside graphile-worker plain and with
// as many named job queues; then the claim's cost on a backlog where every key but one is at its
// limit, beside a plain backlog. Knobs and how to read the figures: docs/benchmarks.md#keys.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  fmt,
  limitTarget,
  machineText,
  markdownTable,
  postgresSettings,
  ratio,
  resultSet,
  runHeader,
  targetLines,
  writeResults,
} from '../lib/report.mjs';
import { batchyard, settings as batchyardSettings } from '../jobs/batchyard.mjs';
import { graphileWorker, settings as graphileWorkerSettings } from '../jobs/graphile-worker.mjs';
import { clearJobHandler } from '../jobs/handler.mjs';
import { percentile, throughputRun } from '../jobs/phases.mjs';
import { BATCH, DRAIN_TIMEOUT_MS, N, PG_BASE, RUNS, WARMUP_JOBS, postgres } from '../jobs/settings.mjs';
import { claimCost } from './claims.mjs';
import { CLAIM_LIMIT, CLAIM_WARMUP, CLAIMS, KEY_BACKLOG, KEYED_TARGET, KEYS, log } from './settings.mjs';

const now = () => performance.now();
const median = (values) => percentile(values, 50);
const round = (value, digits = 1) => (value === null ? null : Number(value.toFixed(digits)));
const n = (value) => value.toLocaleString('en-US');

const SETTINGS = {
  jobs: N,
  runs: RUNS,
  keys: KEYS,
  enqueueBatch: BATCH,
  keyBacklog: KEY_BACKLOG,
  claims: { timed: CLAIMS, warmup: CLAIM_WARMUP, limit: CLAIM_LIMIT },
  batchyard: { ...batchyardSettings, remote: undefined, keyLimit: 'default (maxRunning 1)' },
  graphileWorker: graphileWorkerSettings,
  postgres: PG_BASE,
};

/** The pairs drained: each system plain and keyed, the runs alternating between the two. */
const PAIRS = [
  {
    name: 'batchyard-embedded',
    store: 'sqlite',
    plain: () => batchyard({ name: 'batchyard-embedded' }),
    keyed: () => batchyard({ name: 'batchyard-embedded-keyed', keys: KEYS }),
  },
  {
    name: 'batchyard-postgres',
    store: 'postgres',
    plain: () => batchyard({ name: 'batchyard-postgres', postgres: true }),
    keyed: () => batchyard({ name: 'batchyard-postgres-keyed', postgres: true, keys: KEYS }),
  },
  {
    name: 'graphile-worker',
    peer: true,
    plain: () => graphileWorker(),
    keyed: () => graphileWorker({ name: 'graphile-worker-queues', queues: KEYS }),
  },
];
const OURS = PAIRS.filter((p) => !p.peer).map((p) => p.name);
const wanted = process.env.BENCH_SYSTEMS ? process.env.BENCH_SYSTEMS.split(',').map((s) => s.trim()) : null;
const pairs = PAIRS.filter((p) => !wanted || wanted.includes(p.name));

/** A warm-up run each, then RUNS runs of each, plain and keyed in turn (so noise hits both alike). */
async function drainPair(pair) {
  // graphile-worker's named queues drain at a few hundred jobs/s here: 50 ms a job before giving up.
  const drainTimeoutMs = Math.max(DRAIN_TIMEOUT_MS, N * 50);
  const systems = { plain: pair.plain(), keyed: pair.keyed() };
  const out = { plain: [], keyed: [], errors: [] };
  const set = [];
  try {
    for (const [variant, system] of Object.entries(systems)) {
      log(`${system.name}: setup`);
      await system.setup();
      set.push(system);
      const warm = await throughputRun(system, WARMUP_JOBS, drainTimeoutMs);
      log(`${system.name}: warm-up ${Math.round(warm.processed_per_s)} jobs/s`);
      out[`${variant}_warmup`] = warm;
    }
    for (let r = 0; r < RUNS; r++)
      for (const [variant, system] of Object.entries(systems)) {
        const run = await throughputRun(system, N, drainTimeoutMs);
        out[variant].push(run);
        log(
          `${system.name}: run ${r + 1}/${RUNS}: enqueue ${Math.round(run.enqueue_per_s)}/s, processed ${Math.round(run.processed_per_s)}/s`,
        );
      }
  } catch (error) {
    out.errors.push(`drain: ${error.message}`);
    log(`${pair.name}: drain failed: ${error.stack}`);
    clearJobHandler();
    for (const system of set) await system.stopWorkers().catch(() => undefined);
  } finally {
    for (const system of set)
      await system.teardown().catch((err) => log(`${system.name}: teardown`, err.message));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Main

const startedAt = new Date();
const loadStart = os.loadavg()[0].toFixed(2);
const machine = machineText();
try {
  SETTINGS.postgresSettings = await postgresSettings(postgres.adminQuery);
} catch (error) {
  log('PostgreSQL not reachable:', error.message);
}
log(
  `${machine}; N=${N}, runs=${RUNS}, keys=${KEYS}, backlog=${KEY_BACKLOG}, systems: ${pairs.map((p) => p.name).join(', ')}`,
);

const results = resultSet(['jobs/s']);
const details = {};
for (const pair of pairs) {
  const t = now();
  const out = await drainPair(pair);
  details[pair.name] = { drain: out, errors: [...out.errors] };
  const peer = Boolean(pair.peer);
  for (const variant of ['plain', 'keyed']) {
    const runs = out[variant];
    if (runs.length === 0) continue;
    for (const [metric, key] of [
      [`${variant}_per_s`, 'processed_per_s'],
      [`${variant}_enqueue_per_s`, 'enqueue_per_s'],
    ]) {
      const values = runs.map((r) => r[key]);
      results.push(pair.name, peer, metric, median(values), 'jobs/s', {
        runs: values.map((v) => round(v, 0)),
      });
    }
  }
  if (!pair.peer) {
    try {
      const claims = await claimCost({ name: pair.name, postgres: pair.store === 'postgres' });
      details[pair.name].claims = claims;
      for (const [variant, c] of [
        ['keyed', claims.keyed],
        ['plain', claims.plain],
      ]) {
        results.push(pair.name, false, `claim_${variant}_p50_ms`, c.p50_ms, 'ms');
        results.push(pair.name, false, `claim_${variant}_p99_ms`, c.p99_ms, 'ms');
        results.push(pair.name, false, `claim_${variant}_jobs`, c.jobs_per_claim, 'jobs/claim');
      }
      for (const [variant, e] of [
        ['keyed', claims.explainKeyed],
        ['plain', claims.explainPlain],
      ])
        if (e) {
          results.push(pair.name, false, `explain_${variant}_buffers`, e.buffers, 'buffers');
          results.push(pair.name, false, `explain_${variant}_ms`, e.planning_ms + e.execution_ms, 'ms');
        }
      if (claims.explainKeyedVacuumed)
        results.push(
          pair.name,
          false,
          'explain_keyed_vacuumed_buffers',
          claims.explainKeyedVacuumed.buffers,
          'buffers',
        );
      if (claims.keyed.check.mismatches > 0)
        details[pair.name].errors.push(
          `job_keys counts wrong on ${claims.keyed.check.mismatches} keys: ${JSON.stringify(claims.keyed.check.firstWrong)}`,
        );
    } catch (error) {
      log(`${pair.name}: claim cost failed: ${error.stack}`);
      details[pair.name].errors.push(`claims: ${error.message}`);
    }
  }
  details[pair.name].seconds = round((now() - t) / 1000);
}

// ---------------------------------------------------------------------------------------------
// Report

const v = (system, metric) => results.value(system, metric);
const keyedRatio = (system) => {
  const plain = v(system, 'plain_per_s');
  const keyed = v(system, 'keyed_per_s');
  return plain && keyed !== null ? keyed / plain : null;
};
const peerName = 'graphile-worker';

const drainColumns = [
  ['system', 'left'],
  ['plain jobs/s', 'right'],
  [`keyed jobs/s (${n(KEYS)} keys)`, 'right'],
  ['keyed ÷ plain', 'right'],
  ['plain enqueue/s', 'right'],
  ['keyed enqueue/s', 'right'],
];
const drainRows = pairs.map((p) => [
  p.peer ? `${p.name} (keyed: named job queues)` : `**${p.name}**`,
  fmt(v(p.name, 'plain_per_s'), 'jobs/s'),
  fmt(v(p.name, 'keyed_per_s'), 'jobs/s'),
  ratio(v(p.name, 'keyed_per_s'), v(p.name, 'plain_per_s')),
  fmt(v(p.name, 'plain_enqueue_per_s'), 'jobs/s'),
  fmt(v(p.name, 'keyed_enqueue_per_s'), 'jobs/s'),
]);
const versusRows = OURS.filter((o) => pairs.some((p) => p.name === o)).map((o) => [
  `**${o}**`,
  fmt(v(o, 'keyed_per_s'), 'jobs/s'),
  fmt(v(peerName, 'keyed_per_s'), 'jobs/s'),
  ratio(v(o, 'keyed_per_s'), v(peerName, 'keyed_per_s')),
  ratio(v(o, 'plain_per_s'), v(peerName, 'plain_per_s')),
]);
const claimRows = OURS.filter((o) => details[o]?.claims).flatMap((o) =>
  ['keyed', 'plain'].map((variant) => [
    `**${o}**`,
    variant === 'keyed'
      ? `keyed: ${n(KEY_BACKLOG)} over ${n(KEYS)} keys, ${n(KEYS - 1)} at their limit`
      : `plain: ${n(KEY_BACKLOG)} unkeyed`,
    fmt(v(o, `claim_${variant}_p50_ms`), 'ms'),
    fmt(v(o, `claim_${variant}_p99_ms`), 'ms'),
    fmt(v(o, `claim_${variant}_jobs`), 'jobs/claim'),
    fmt(v(o, `explain_${variant}_buffers`), 'count'),
    fmt(v(o, `explain_${variant}_ms`), 'ms'),
  ]),
);
const explain = details['batchyard-postgres']?.claims?.explainKeyed;
const explainPlain = details['batchyard-postgres']?.claims?.explainPlain;
const explainVacuumed = details['batchyard-postgres']?.claims?.explainKeyedVacuumed;

const tableLines = [
  '### Drain of a full queue, plain and keyed (jobs/s, higher is better)',
  '',
  ...markdownTable(drainColumns, drainRows),
  '',
  `### Keyed drain beside ${peerName}'s named job queues (jobs/s, higher is better)`,
  '',
  ...markdownTable(
    [
      ['system', 'left'],
      ['keyed jobs/s', 'right'],
      [`${peerName} queues jobs/s`, 'right'],
      ['keyed: ours ÷ its', 'right'],
      ['plain: ours ÷ its', 'right'],
    ],
    versusRows,
  ),
  '',
  `### One claim (limit ${CLAIM_LIMIT}) on a ${n(KEY_BACKLOG)}-job backlog (ms, lower is better)`,
  '',
  ...markdownTable(
    [
      ['store', 'left'],
      ['backlog', 'left'],
      ['p50 ms', 'right'],
      ['p99 ms', 'right'],
      ['jobs a claim', 'right'],
      ['EXPLAIN buffers', 'right'],
      ['EXPLAIN ms (plan + run)', 'right'],
    ],
    claimRows,
  ),
  '',
];

const targetList = OURS.filter((o) => pairs.some((p) => p.name === o)).map((o) => {
  const r = keyedRatio(o);
  const t = limitTarget(`${o} keyed drain ≥ ${KEYED_TARGET}× plain`, r, KEYED_TARGET, 'min', '×');
  return r === null
    ? t
    : {
        ...t,
        detail: `${fmt(v(o, 'keyed_per_s'), 'jobs/s')} vs ${fmt(v(o, 'plain_per_s'), 'jobs/s')} jobs/s = ${r.toFixed(2)}× (needs ${KEYED_TARGET}×; ${t.met ? `${((r / KEYED_TARGET - 1) * 100).toFixed(0)}% above` : `${((1 - r / KEYED_TARGET) * 100).toFixed(0)}% short, i.e. ${fmt(v(o, 'plain_per_s') * KEYED_TARGET - v(o, 'keyed_per_s'), 'jobs/s')} jobs/s more needed`})`,
      };
});

const pgSettings = SETTINGS.postgresSettings;
const md = [
  ...runHeader({
    name: 'keys',
    title: 'Keys benchmark (per-key concurrency limits)',
    startedAt,
    machine,
    services: [
      `PostgreSQL ${pgSettings?.server_version ?? '?'} (synchronous_commit=${pgSettings?.synchronous_commit ?? '?'})`,
    ],
  }),
  ...(process.env.BENCH_NOTE ? [`**${process.env.BENCH_NOTE}**`, ''] : []),
  `Load average (1 min) at the start ${loadStart}, at the end ${os.loadavg()[0].toFixed(2)} (${os.cpus().length} cores).`,
  '',
  `Drain: N = ${n(N)} no-op jobs, enqueued in batches of ${BATCH} with no worker running, then drained by in-process handlers (the jobs benchmark's processing phase); median of ${RUNS} runs each after a ${n(WARMUP_JOBS)}-job warm-up, plain and keyed runs alternating (per-run values in keys.json). Keyed: job i gets key \`k<i mod ${KEYS}>\` under the default key limit (1 running per key); graphile-worker's keyed run puts job i in named job queue \`q<i mod ${KEYS}>\`, which runs one job at a time.`,
  '',
  `Claim cost: ${n(KEY_BACKLOG)} queued jobs over ${n(KEYS)} keys, every key but one holding a running job (started by the store's own claim), so each claim can only take the free key's next job; ${n(CLAIMS)} claims of limit ${CLAIM_LIMIT} timed one by one after ${CLAIM_WARMUP} untimed, each claimed job completed and replaced by a new one of the same key (not timed). Plain: the same on ${n(KEY_BACKLOG)} unkeyed jobs (each claim takes ${CLAIM_LIMIT}). EXPLAIN buffers: shared blocks hit + read by one such claim statement on PostgreSQL, run under EXPLAIN (ANALYZE, BUFFERS) and rolled back.`,
  '',
  ...tableLines,
  '## Targets',
  '',
  ...targetLines(targetList),
  '',
];
if (explain) {
  md.push(
    '## The keyed claim on PostgreSQL, explained',
    '',
    `One claim of limit ${CLAIM_LIMIT} on the blocked backlog took ${explain.claimed_explained} job. The statement touched ${explain.buffers} shared buffers (${explain.shared_hit} hit, ${explain.shared_read} read; ${explain.planning_buffers} more while planning), executed in ${explain.execution_ms} ms after ${explain.planning_ms} ms of planning; the job_keys trigger it fired ran ${explain.triggers.map((t) => `${t.ms} ms`).join(', ') || '—'} (its buffers are not in the plan's count). The plain claim of ${explainPlain?.claimed_explained ?? '—'} jobs: ${explainPlain?.buffers ?? '—'} buffers, ${explainPlain?.execution_ms ?? '—'} ms. After \`vacuum job_keys\` the keyed claim touched ${explainVacuumed?.buffers ?? '—'} buffers (the ready CTE ${readyBuffers(explainVacuumed?.plan) ?? '—'}, against ${readyBuffers(explain.plan) ?? '—'} before). The probe of job_keys_ready_idx and the one key's jobs, before the vacuum:`,
    '',
    '```',
    ...explainExcerpt(explain.plan),
    '```',
    '',
  );
}
md.push(
  '## Settings',
  '',
  `- **Batchyard**: jobConcurrency ${batchyardSettings.jobConcurrency}, leaseSeconds ${batchyardSettings.leaseSeconds}, PostgreSQL pool ${batchyardSettings.poolSize}; key limit: the default (maxRunning 1, no rate).`,
  `- **graphile-worker ${graphileWorkerSettings.version}**: concurrency ${graphileWorkerSettings.concurrency}, pool ${graphileWorkerSettings.maxPoolSize}, pollInterval ${graphileWorkerSettings.pollInterval} ms; keyed: \`queue_name\` in \`add_jobs\`' job_spec.`,
  '',
);
const errors = Object.entries(details).filter(([, d]) => d.errors.length > 0);
if (errors.length > 0) {
  md.push('## Errors', '');
  for (const [name, d] of errors) for (const e of d.errors) md.push(`- ${name}: ${e}`);
  md.push('');
}

/** The buffers of the plan's `CTE ready` (the probe of job_keys_ready_idx). */
function readyBuffers(plan) {
  if (!plan) return null;
  const from = plan.findIndex((line) => line.trim() === 'CTE ready');
  const line = plan.slice(from).find((l) => l.includes('Buffers: shared'));
  return from >= 0 && line
    ? Number(/hit=(\d+)/.exec(line)?.[1] ?? 0) + Number(/read=(\d+)/.exec(line)?.[1] ?? 0)
    : null;
}

/** From the plan's text: the CTEs that read job_keys and the key's jobs (ready, keyed). */
function explainExcerpt(plan) {
  const from = plan.findIndex((line) => line.trim() === 'CTE ready');
  const to = plan.findIndex((line) => line.trim() === 'CTE idle');
  return from >= 0 && to > from ? plan.slice(from, to) : plan;
}

writeResults({
  name: 'keys',
  startedAt,
  machine,
  settings: SETTINGS,
  results: results.list,
  targets: targetList,
  details,
  md,
  tables: tableLines,
});
process.exit(0);
