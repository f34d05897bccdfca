// `npm run bench -- tasks`: Batchyard's task creation, export and filtered lists at N tasks, each
// beside its physical baseline on the same backend, in one run on this machine. Batchyard in
// batchyard.mjs, the peers in sqlite-peer.mjs and postgres-peer.mjs; the metrics, the knobs
// (BENCH_TASKS, BENCH_STORES, BENCH_PHASES, …) and what limits each figure are explained in
// docs/benchmarks.md#tasks.
import { createRequire } from 'node:module';
import { agent, sleep } from '../lib/common.mjs';
import {
  COMPARISON_COLUMNS,
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
import { cpuText, cpuTotal } from '../lib/server.mjs';
import { batchyard, sdkClient, startServer } from './batchyard.mjs';
import { makeTasks } from './data.mjs';
import * as postgresPeer from './postgres-peer.mjs';
import {
  CHUNK,
  CLAIM_MEMBERS,
  CLAIM_SECONDS,
  CLAIM_THINK_MS,
  CLIENT,
  CLIENT_RATE,
  CONNECTIONS,
  FORMATS,
  LISTS,
  LIST_SECONDS,
  N,
  PEER_QUERIES,
  PG_BASE,
  PHASES,
  STORES,
  TARGETS,
  TASK_SCHEMA,
  WARMUP_SECONDS,
  log,
  postgres,
} from './settings.mjs';
import * as sqlitePeer from './sqlite-peer.mjs';

const require = createRequire(import.meta.url);

const SETTINGS = {
  tasks: N,
  chunkSize: CHUNK,
  client: CLIENT,
  phases: PHASES,
  formats: FORMATS,
  taskSchema: TASK_SCHEMA,
  autocannon: {
    version: require('autocannon/package.json').version,
    connections: CONNECTIONS,
    seconds: LIST_SECONDS,
    warmupSeconds: WARMUP_SECONDS,
    pacedClientRate: CLIENT_RATE,
  },
  peerQueries: PEER_QUERIES,
  betterSqlite3: require('better-sqlite3/package.json').version,
  pg: require('pg/package.json').version,
  pgCopyStreams: require('pg-copy-streams/package.json').version,
  postgres: PG_BASE,
  server:
    'child process: buildApp + listen on 127.0.0.1, logger off, rate limit off, in-process job runner (jobConcurrency 10), pool 10',
};

const PEERS = { sqlite: sqlitePeer, postgres: postgresPeer };
const OURS = { sqlite: 'batchyard-embedded', postgres: 'batchyard-postgres' };
const LIST_KEYS = ['eq', 'gte'];
const mb = (bytes) => bytes / 2 ** 20;

// ---------------------------------------------------------------------------------------------
// Main

log(`building ${N.toLocaleString('en-US')} tasks`);
const TASKS = makeTasks(N);

const startedAt = new Date();
const machine = machineText();
if (STORES.includes('postgres')) SETTINGS.postgresSettings = await postgresSettings(postgres.adminQuery);
{
  const probe = await startServer('sqlite');
  try {
    SETTINGS.client =
      CLIENT === 'sdk'
        ? (await sdkClient(probe.base, probe.token))
          ? `SDK: client.tasks.create(batchId, tasks, { chunkSize: ${CHUNK} })`
          : 'SDK without tasks.create: not measured'
        : `raw: POST /v1/batches/{id}/tasks with ${CHUNK} tasks per request, two in flight; NOT the SDK`;
  } finally {
    await probe.stop();
  }
}
log(`${machine}; N=${N}, stores: ${STORES.join(', ')}; client: ${SETTINGS.client}`);

const results = resultSet(['tasks/s']);
const value = results.value;
const details = {};
for (const backend of STORES) {
  const peer = PEERS[backend];
  const peers = peer.names;
  if (PHASES.includes('create') || PHASES.includes('export')) {
    log(`${backend}: peer`);
    const figures = await peer.createAndExport(TASKS);
    details[peers.create] = figures;
    results.push(peers.create, true, 'create_tasks_per_s', N / (figures.createMs / 1000), 'tasks/s');
    results.push(peers.export, true, 'export_jsonl_tasks_per_s', N / (figures.exportMs / 1000), 'tasks/s');
    log(
      `${backend}: peer create ${Math.round(N / (figures.createMs / 1000))} tasks/s (CPU a task: ${cpuText(figures.createCpu)}), export ${Math.round(N / (figures.exportMs / 1000))} tasks/s (${cpuText(figures.exportCpu)})`,
    );
    await sleep(500);
  }
  log(`${backend}: batchyard`);
  const out = await batchyard(backend, TASKS, peer);
  details[OURS[backend]] = out;
  const name = OURS[backend];
  const push = (metric, v, unit) => results.push(name, false, metric, v, unit);
  push('create_tasks_per_s', out.create?.perS, 'tasks/s');
  for (const format of FORMATS) {
    const e = out.export?.[format];
    push(`export_${format}_tasks_per_s`, e?.perS, 'tasks/s');
    push(`export_${format}_with_download_tasks_per_s`, e?.withDownloadPerS, 'tasks/s');
    push(`export_${format}_peak_rss_mb`, e?.peakRssMb, 'MB');
  }
  (out.list ?? []).forEach((l, i) => {
    const k = LIST_KEYS[i];
    push(`list_${k}_requests_per_s`, l.requestsPerS, 'requests/s');
    push(`list_${k}_p50_ms`, l.p50, 'ms');
    push(`list_${k}_p99_ms`, l.p99, 'ms');
    push(`list_${k}_errors`, l.errors, 'count');
    push(`list_${k}_paced_p50_ms`, l.paced?.p50, 'ms');
    push(`list_${k}_paced_p99_ms`, l.paced?.p99, 'ms');
    push(`list_${k}_paced_errors`, l.paced?.errors, 'count');
    results.push(peers.list, true, `list_${k}_p50_ms`, l.peer.p50, 'ms');
    results.push(peers.list, true, `list_${k}_p99_ms`, l.peer.p99, 'ms');
  });
  for (const mode of out.claim ? ['paced', 'saturated'] : []) {
    const c = out.claim[mode];
    push(`claim_${mode}_claims_per_s`, c?.claimsPerS, 'claims/s');
    push(`claim_${mode}_p50_ms`, c?.claim.p50, 'ms');
    push(`claim_${mode}_p99_ms`, c?.claim.p99, 'ms');
    push(`claim_${mode}_submit_p99_ms`, c?.submit.p99, 'ms');
    push(`claim_${mode}_errors`, c ? c.errors + c.duplicates : undefined, 'count');
  }
  if (out.claim?.peer) {
    results.push(peers.claim, true, 'claim_p50_ms', out.claim.peer.p50, 'ms');
    results.push(peers.claim, true, 'claim_p99_ms', out.claim.peer.p99, 'ms');
  }
}

// ---------------------------------------------------------------------------------------------
// Report

function targetList() {
  const out = [];
  const add = (...args) => out.push(limitTarget(...args));
  for (const backend of STORES) {
    const ours = OURS[backend];
    const peer = PEERS[backend].names.create;
    if (PHASES.includes('create')) {
      const v = value(ours, 'create_tasks_per_s');
      const perS = fmt(TARGETS.createPerS, 'tasks/s');
      add(`${ours} create ≥ ${perS} tasks/s`, v, TARGETS.createPerS, 'min', 'tasks/s');
      const label = `${ours} create ≥ ${TARGETS.createRatio}× ${peer}`;
      out.push(ratioTarget(label, v, value(peer, 'create_tasks_per_s'), TARGETS.createRatio, 'tasks/s'));
    }
    const exportPerS = fmt(TARGETS.exportPerS, 'tasks/s');
    for (const format of PHASES.includes('export') ? FORMATS : []) {
      const metric = `export_${format}`;
      for (const [what, key] of [
        ["to the job's end", `${metric}_tasks_per_s`],
        ['with the download', `${metric}_with_download_tasks_per_s`],
      ])
        add(
          `${ours} export ${format} ≥ ${exportPerS} tasks/s (${what})`,
          value(ours, key),
          TARGETS.exportPerS,
          'min',
          'tasks/s',
        );
      const rss = value(ours, `${metric}_peak_rss_mb`);
      add(
        `${ours} export ${format}: server peak RSS ≤ ${TARGETS.exportRssMb} MB`,
        rss,
        TARGETS.exportRssMb,
        'max',
        'MB',
      );
    }
    (details[ours]?.list ?? []).forEach((l, i) => {
      const k = LIST_KEYS[i];
      for (const [how, prefix] of [
        [`${CONNECTIONS} clients at ${CLIENT_RATE} requests/s each`, `list_${k}_paced`],
        [`${CONNECTIONS} connections as fast as they go (saturation)`, `list_${k}`],
      ]) {
        const errs = value(ours, `${prefix}_errors`);
        add(
          `${ours} list [${l.label}] p99 ≤ ${TARGETS.listP99Ms} ms, ${how}${errs ? ` (and ${errs} errors)` : ''}`,
          value(ours, `${prefix}_p99_ms`),
          TARGETS.listP99Ms,
          'max',
          'ms',
        );
        if (errs) out.at(-1).met = false;
      }
    });
    if (details[ours]?.claim) {
      const limit = TARGETS.claimP99Ms[backend];
      for (const [mode, how] of [
        ['paced', `${CLAIM_MEMBERS} members, ${CLAIM_THINK_MS} ms on each task`],
        ['saturated', `${CLAIM_MEMBERS} members claiming and submitting back to back (saturation)`],
      ]) {
        const errs = value(ours, `claim_${mode}_errors`);
        add(
          `${ours} claim-next p99 ≤ ${limit} ms over ${N.toLocaleString('en-US')} pending tasks, ${how}${errs ? ` (and ${errs} errors)` : ''}`,
          value(ours, `claim_${mode}_p99_ms`),
          limit,
          'max',
          'ms',
        );
        if (errs) out.at(-1).met = false;
      }
    }
  }
  return out;
}

/** A table row of CPU per unit of work, ours beside the peer's, with the sums (the last column is empty). */
function cpuRow(label, ours, peerName, peer) {
  return [
    label,
    ours ? cpuText(ours) : '—',
    peerName,
    peer ? cpuText(peer) : '—',
    ours && peer ? `${fmt(cpuTotal(ours), 'µs')} against ${fmt(cpuTotal(peer), 'µs')} in all` : '',
    '',
  ];
}

function tables() {
  const lines = [];
  for (const backend of STORES) {
    const ours = OURS[backend];
    const peers = PEERS[backend].names;
    const d = details[ours] ?? {};
    const rows = [];
    if (d.create || PHASES.includes('create')) {
      const v = value(ours, 'create_tasks_per_s');
      const p = value(peers.create, 'create_tasks_per_s');
      rows.push([
        `create ${N.toLocaleString('en-US')} tasks, SDK over HTTP (tasks/s)`,
        fmt(v, 'tasks/s'),
        peers.create,
        fmt(p, 'tasks/s'),
        ratio(v, p),
        `≥ ${fmt(TARGETS.createPerS, 'tasks/s')} and ≥ ${TARGETS.createRatio}×`,
      ]);
      rows.push(
        cpuRow(
          'create: CPU a task (µs), each process of the run',
          d.create?.cpuPerTask,
          peers.create,
          details[peers.create]?.createCpu,
        ),
      );
    }
    const peerExport = value(peers.export, 'export_jsonl_tasks_per_s');
    const exportTarget = `≥ ${fmt(TARGETS.exportPerS, 'tasks/s')}`;
    for (const format of PHASES.includes('export') ? FORMATS : []) {
      const e = d.export?.[format];
      const v = value(ours, `export_${format}_tasks_per_s`);
      const w = value(ours, `export_${format}_with_download_tasks_per_s`);
      const rss = value(ours, `export_${format}_peak_rss_mb`);
      rows.push(
        [
          `export ${format}, request → job end (tasks/s)`,
          fmt(v, 'tasks/s'),
          peers.export,
          fmt(peerExport, 'tasks/s'),
          ratio(v, peerExport),
          exportTarget,
        ],
        [
          `export ${format}, request → downloaded (tasks/s)`,
          fmt(w, 'tasks/s'),
          '',
          '',
          ratio(w, peerExport),
          exportTarget,
        ],
        [
          `export ${format}: server peak RSS (MB)`,
          fmt(rss, 'MB'),
          '',
          '',
          e ? `RSS before ${fmt(e.rssBeforeMb, 'MB')} MB; ${fmt(mb(e.bytes), 'MB')} MB file` : '',
          `≤ ${TARGETS.exportRssMb}`,
        ],
        cpuRow(
          `export ${format}: CPU a task to the job's end (µs)`,
          e?.cpuPerTask,
          peers.export,
          details[peers.create]?.exportCpu,
        ),
      );
    }
    (d.list ?? []).forEach((l) => {
      const what = `list [${l.label}]`;
      const p99 = `≤ ${TARGETS.listP99Ms}`;
      const paced = l.paced ?? {};
      rows.push(
        [
          `${what} p99 (ms), ${CONNECTIONS} clients × ${CLIENT_RATE} requests/s`,
          fmt(paced.p99, 'ms'),
          `${peers.list}, 1 client, p99`,
          fmt(l.peer.p99, 'ms'),
          ratio(paced.p99, l.peer.p99),
          p99,
        ],
        [
          `${what} p50 (ms), paced`,
          fmt(paced.p50, 'ms'),
          '1 client, p50',
          fmt(l.peer.p50, 'ms'),
          ratio(paced.p50, l.peer.p50),
          '',
        ],
        [
          `${what} paced: requests/s / errors`,
          `${fmt(paced.requestsPerS, 'requests/s')} / ${paced.errors ?? '—'}`,
          '',
          '',
          '',
          '',
        ],
        [
          `${what} p99 (ms), ${CONNECTIONS} connections, saturated`,
          fmt(l.p99, 'ms'),
          `${peers.list}, 1 client, p99`,
          fmt(l.peer.p99, 'ms'),
          ratio(l.p99, l.peer.p99),
          p99,
        ],
        [
          `${what} p50 (ms), saturated`,
          fmt(l.p50, 'ms'),
          '1 client, p50',
          fmt(l.peer.p50, 'ms'),
          ratio(l.p50, l.peer.p50),
          '',
        ],
        [
          `${what} saturated: requests/s / errors`,
          `${fmt(l.requestsPerS, 'requests/s')} / ${l.errors}`,
          '',
          '',
          '',
          '',
        ],
      );
    });
    if (d.claim) {
      const limit = `≤ ${TARGETS.claimP99Ms[backend]}`;
      const peer = d.claim.peer ?? {};
      for (const mode of ['paced', 'saturated']) {
        const c = d.claim[mode];
        if (!c) continue;
        const how =
          mode === 'paced'
            ? `${CLAIM_MEMBERS} members, ${c.thinkMs} ms a task`
            : `${CLAIM_MEMBERS} members, back to back`;
        rows.push(
          [
            `claim-next p99 (ms), ${how}`,
            fmt(c.claim.p99, 'ms'),
            `${peers.claim}, 1 client, p99`,
            fmt(peer.p99, 'ms'),
            ratio(c.claim.p99, peer.p99),
            limit,
          ],
          [
            `claim-next p50 (ms), ${mode}`,
            fmt(c.claim.p50, 'ms'),
            '1 client, p50',
            fmt(peer.p50, 'ms'),
            ratio(c.claim.p50, peer.p50),
            '',
          ],
          [
            `claim-next ${mode}: claims/s / submit p99 (ms) / errors`,
            `${fmt(c.claimsPerS, 'requests/s')} / ${fmt(c.submit.p99, 'ms')} / ${c.errors + c.duplicates}`,
            '',
            '',
            '',
            '',
          ],
        );
      }
    }
    lines.push(`### ${backend === 'sqlite' ? 'Embedded store (SQLite)' : 'PostgreSQL'}`, '');
    lines.push(...markdownTable([...COMPARISON_COLUMNS, ['target', 'left']], rows), '');
    if (d.errors?.length) lines.push(...d.errors.map((e) => `- error: ${e}`), '');
  }
  return lines;
}

const targets = targetList();
const tableLines = tables();
const createLine = (b) => {
  const c = details[OURS[b]]?.create;
  return c
    ? `${b}: ${fmt(c.ms / 1000, 's')} s, server CPU ${fmt(c.serverCpuS, 's')} s, client CPU ${fmt(c.clientCpuS, 's')} s, server peak RSS ${fmt(c.serverPeakRssMb, 'MB')} MB`
    : `${b}: —`;
};
const pgSettings = SETTINGS.postgresSettings;
const md = [
  ...runHeader({
    name: 'tasks',
    title: 'Tasks benchmark',
    startedAt,
    machine,
    services: pgSettings
      ? [`PostgreSQL ${pgSettings.server_version} (synchronous_commit=${pgSettings.synchronous_commit})`]
      : [],
  }),
  `N = ${N.toLocaleString('en-US')} tasks in one batch, the same tasks for every system: \`{name: 't-<i>', data: {text (about 70 characters), priority: i % 10, category, flagged, n}, properties: {score}}\`.`,
  '',
  ...tableLines,
  '## Targets',
  '',
  ...targetLines(targets),
  '',
  '## Settings',
  '',
  `- **Create**: ${SETTINGS.client}; CPU during the create: ${STORES.map(createLine).join('; ')}.`,
  `- **Lists**: autocannon ${SETTINGS.autocannon.version}, ${CONNECTIONS} connections, ${WARMUP_SECONDS} s of warm-up, then per URL ${LIST_SECONDS} s paced (${CONNECTIONS} clients × ${CLIENT_RATE} requests/s) and ${LIST_SECONDS} s saturated; URLs: ${LISTS.map((l) => `\`GET /v1/tasks?projectId={projectId}&${l.query}\``).join(' and ')}; peer query run ${PEER_QUERIES} times.`,
  `- **Claim-next**: ${CLAIM_MEMBERS} members (annotators, each with its own member key and keep-alive connection) in a child process, each a closed loop for ${CLAIM_SECONDS} s: \`POST /v1/tasks/claim {projectId}\`, ${CLAIM_THINK_MS} ms of work (paced) or none (saturated), \`POST /v1/tasks/{id}/submit {}\`; every task taken is checked to be handed out once. Peer: the claim's core statement (\`UPDATE … WHERE id = (SELECT the queue's head … LIMIT 1)\`, \`FOR UPDATE SKIP LOCKED\` on PostgreSQL) on the server's database, ${PEER_QUERIES} times by 1 client.`,
  `- **Peers**: better-sqlite3 ${SETTINGS.betterSqlite3}, pg ${SETTINGS.pg}, pg-copy-streams ${SETTINGS.pgCopyStreams}.`,
  '',
];

writeResults({
  name: 'tasks',
  startedAt,
  machine,
  settings: SETTINGS,
  results: results.list,
  targets,
  details,
  md,
  tables: tableLines,
});
agent.destroy();
process.exit(0);
