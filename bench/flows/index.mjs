// `npm run bench -- flows`: job dependencies — a fan-in (WIDTH parents, then one job that waits for
// all of them) and a fan-out (one job, then WIDTH jobs that wait for it) — in Batchyard on the
// embedded store and on PostgreSQL, beside BullMQ's FlowProducer (Redis) for the fan-in, in one run
// on this machine. Explained in docs/benchmarks.md#flows.
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
import { batchyard, settings as batchyardSettings } from './batchyard.mjs';
import { bullmq, settings as bullmqSettings } from './bullmq.mjs';
import { CONCURRENCY, PG_BASE, RUNS, WIDTH, log, postgres } from './settings.mjs';
import { marksOf, resetMarks } from './timing.mjs';

const now = () => performance.now();
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : null;
};

const fanIn = () => {
  const jobs = {};
  const parents = [];
  for (let i = 0; i < WIDTH; i++) {
    jobs[`p${i}`] = { role: 'parent' };
    parents.push(`p${i}`);
  }
  jobs.sink = { role: 'sink', dependsOn: parents };
  return jobs;
};
const fanOut = () => {
  const jobs = { root: { role: 'root' } };
  for (let i = 0; i < WIDTH; i++) jobs[`d${i}`] = { role: 'dependent', dependsOn: ['root'] };
  return jobs;
};

const METRICS = [
  {
    key: 'fanin_per_s',
    title: `Fan-in: ${WIDTH} parents and their sink, jobs/s from create to the sink's end`,
    unit: 'jobs/s',
  },
  {
    key: 'fanin_release_ms',
    title: "Fan-in release: the last parent's end to the sink's start (ms)",
    unit: 'ms',
  },
  {
    key: 'fanout_release_ms',
    title: `Fan-out release: the root's end to the first of its ${WIDTH} dependents starting (the statement that ends the root releases them all) (ms)`,
    unit: 'ms',
  },
  {
    key: 'fanout_all_started_ms',
    title: `Fan-out: the root's end to the last of its ${WIDTH} dependents starting (bounded by running them ${CONCURRENCY} at a time) (ms)`,
    unit: 'ms',
  },
];

async function measureSystem(system) {
  const runs = [];
  await system.setup();
  try {
    // One warm-up of each graph, not counted.
    for (let r = 0; r <= RUNS; r++) {
      const run = {};
      resetMarks();
      const t0 = now();
      await system.runGraph(fanIn());
      const parents = marksOf('parent');
      const [sink] = marksOf('sink');
      if (parents.length !== WIDTH || !sink)
        throw new Error(`${system.name}: fan-in ran ${parents.length} parents`);
      run.fanin_per_s = ((WIDTH + 1) * 1000) / (sink.end - t0);
      run.fanin_release_ms = sink.start - Math.max(...parents.map((p) => p.end));
      if (system.fanOut !== false) {
        resetMarks();
        await system.runGraph(fanOut());
        const [root] = marksOf('root');
        const dependents = marksOf('dependent');
        if (dependents.length !== WIDTH) throw new Error(`${system.name}: fan-out ran ${dependents.length}`);
        run.fanout_release_ms = Math.min(...dependents.map((d) => d.start)) - root.end;
        run.fanout_all_started_ms = Math.max(...dependents.map((d) => d.start)) - root.end;
      }
      if (r > 0) runs.push(run);
      log(
        `${system.name} run ${r}${r === 0 ? ' (warm-up)' : ''}: ${JSON.stringify(Object.fromEntries(Object.entries(run).map(([k, v]) => [k, Math.round(v * 10) / 10])))}`,
      );
    }
  } finally {
    await system.teardown();
  }
  return runs;
}

const systems = [
  batchyard({ name: 'batchyard-embedded' }),
  batchyard({ name: 'batchyard-postgres', postgres: true }),
  bullmq(),
];
const wanted = process.env.BENCH_SYSTEMS?.split(',').map((s) => s.trim());
const startedAt = new Date();
const machine = machineText();
const settings = {
  width: WIDTH,
  runs: RUNS,
  concurrency: CONCURRENCY,
  postgres: PG_BASE,
  batchyard: batchyardSettings,
  bullmq: bullmqSettings,
};
try {
  settings.postgresSettings = await postgresSettings(postgres.adminQuery);
} catch (error) {
  log('PostgreSQL not reachable:', error.message);
}
const results = resultSet(['jobs/s']);
const details = {};
for (const system of systems.filter((s) => !wanted || wanted.includes(s.name))) {
  const runs = await measureSystem(system);
  details[system.name] = { runs };
  for (const m of METRICS) {
    const values = runs.map((r) => r[m.key]).filter((v) => v !== undefined);
    if (values.length)
      results.push(system.name, system.peer, m.key, median(values), m.unit, {
        runs: values.map((v) => Number(v.toFixed(1))),
      });
  }
}

const tables = [];
for (const m of METRICS) {
  const rows = systems.filter((s) => results.value(s.name, m.key) !== null);
  if (rows.length === 0) continue;
  const peer = results.value('bullmq', m.key);
  tables.push(
    `### ${m.title}`,
    '',
    ...markdownTable(
      [
        ['system', 'left'],
        [m.unit, 'right'],
        ['÷ bullmq', 'right'],
      ],
      rows.map((s) => [
        s.peer ? s.name : `**${s.name}**`,
        fmt(results.value(s.name, m.key), m.unit),
        s.peer ? '—' : ratio(results.value(s.name, m.key), peer),
      ]),
    ),
    '',
  );
}
const targets = [];
for (const ours of ['batchyard-embedded', 'batchyard-postgres']) {
  targets.push(
    limitTarget(
      `${ours}: release of ${WIDTH} dependents ≤ 50 ms after the job they wait for ends (fan-out)`,
      results.value(ours, 'fanout_release_ms'),
      50,
      'max',
      'ms',
    ),
  );
  targets.push(
    limitTarget(
      `${ours}: a fan-in's sink starts ≤ 50 ms after its last parent ends`,
      results.value(ours, 'fanin_release_ms'),
      50,
      'max',
      'ms',
    ),
  );
}
const md = [
  ...runHeader({
    name: 'flows',
    title: 'Flows benchmark',
    startedAt,
    machine,
    services: [
      `PostgreSQL ${settings.postgresSettings?.server_version ?? '?'}`,
      `Redis (${bullmqSettings.redis})`,
    ],
  }),
  `Fan-in: ${WIDTH} no-op parents and one sink that waits for all of them, created as one flow (BullMQ: one FlowProducer tree, the sink as parent). Fan-out: one root and ${WIDTH} no-op jobs that wait for it (no BullMQ form). Times are taken in the handlers (this process's clock). Median of ${RUNS} runs after a warm-up; per-run values in flows.json. Handlers run ${CONCURRENCY} at a time in every system.`,
  '',
  ...tables,
  '## Targets',
  '',
  ...targetLines(targets),
  '',
];
writeResults({
  name: 'flows',
  startedAt,
  machine,
  settings,
  results: results.list,
  targets,
  details,
  md,
  tables,
});
process.exit(0);
