// `npm run bench -- batches`: Batchyard's batch ingestion, append, suspend/restore and delete, each
// beside its physical baseline on the same backend, in one run on this machine. Batchyard in
// batchyard.mjs, the peers in sqlite-peer.mjs and postgres-peer.mjs; the metrics, the knobs
// (BENCH_ROWS, BENCH_STORES, BENCH_TRIES, …) and what limits each figure are explained in
// docs/benchmarks.md#batches.
import { createRequire } from 'node:module';
import { agent, sleep } from '../lib/common.mjs';
import {
  COMPARISON_COLUMNS,
  comparisonRow,
  fmt,
  limitTarget,
  machineText,
  markdownTable,
  postgresSettings,
  ratioTarget,
  resultSet,
  runHeader,
  targetLines,
  writeResults,
} from '../lib/report.mjs';
import { cpuText, cpuTotal } from '../lib/server.mjs';
import { batchyard, sdkClient, startServer } from './batchyard.mjs';
import { makeRows } from './data.mjs';
import * as postgresPeer from './postgres-peer.mjs';
import {
  CLIENT,
  COLUMNS,
  CONNECTIONS,
  GET_RATE,
  IDLE_SECONDS,
  N,
  PG_BASE,
  SOURCE,
  STORES,
  TARGETS,
  TRIES,
  log,
  postgres,
} from './settings.mjs';
import * as sqlitePeer from './sqlite-peer.mjs';

const require = createRequire(import.meta.url);

const SETTINGS = {
  rows: N,
  tries: TRIES,
  columns: COLUMNS,
  source: SOURCE,
  client: CLIENT,
  getLoad: {
    client: 'bench/lib/common.mjs pacedLoad (open loop, latency from the due time)',
    clients: CONNECTIONS,
    requestsPerS: GET_RATE,
  },
  betterSqlite3: require('better-sqlite3/package.json').version,
  pg: require('pg/package.json').version,
  pgCopyStreams: require('pg-copy-streams/package.json').version,
  postgres: PG_BASE,
  server:
    'child process: buildApp + listen on 127.0.0.1, logger off, rate limit off, in-process job runner (jobConcurrency 10), pool 10',
};

const PEERS = { sqlite: sqlitePeer, postgres: postgresPeer };
const OURS = { sqlite: 'batchyard-embedded', postgres: 'batchyard-postgres' };
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? null : sorted[Math.floor((sorted.length - 1) / 2)];
};

// ---------------------------------------------------------------------------------------------
// Main

log(`building ${N.toLocaleString('en-US')} rows`);
const ROWS = makeRows(N);

const startedAt = new Date();
const machine = machineText();
if (STORES.includes('postgres')) SETTINGS.postgresSettings = await postgresSettings(postgres.adminQuery);
const probe = await startServer('sqlite').catch((error) => ({ error }));
if (!probe.error) {
  SETTINGS.client =
    CLIENT === 'sdk'
      ? (await sdkClient(probe.base, probe.token))
        ? 'SDK: client.batches.create(datasetId, source, { name, onRowError: "fail" })'
        : 'SDK without batches.create: not measured'
      : 'raw: fetch POST /v1/datasets/{id}/batches/upload (JSON Lines, streamed body, 1 MiB chunks); NOT the SDK';
  await probe.stop();
}
log(`${machine}; N=${N}, stores: ${STORES.join(', ')}; client: ${SETTINGS.client}`);

const results = resultSet(['rows/s']);
const value = results.value;
const details = {};
for (const backend of STORES) {
  const { names, ingestAndAppend } = PEERS[backend];
  log(`${backend}: peer`);
  const peer = await ingestAndAppend(ROWS);
  if (backend === 'sqlite') await sleep(500);
  details[names.ingest] = peer;
  results.push(names.ingest, true, 'ingest_rows_per_s', N / (peer.ingestMs / 1000), 'rows/s');
  results.push(names.append, true, 'append_rows_per_s', N / (peer.appendMs / 1000), 'rows/s');
  log(
    `${backend}: peer ingest ${Math.round(N / (peer.ingestMs / 1000))} rows/s (CPU a row: ${cpuText(peer.ingestCpu)}), append ${Math.round(N / (peer.appendMs / 1000))} rows/s`,
  );
  log(`${backend}: batchyard`);
  const out = await batchyard(backend, ROWS);
  details[OURS[backend]] = out;
  const push = (metric, v, unit) => results.push(OURS[backend], false, metric, v, unit);
  push('ingest_rows_per_s', out.ingest?.rowsPerS, 'rows/s');
  push('append_rows_per_s', out.append?.rowsPerS, 'rows/s');
  push('suspend_ms', median((out.suspend ?? []).map((s) => s.ms)), 'ms');
  push('restore_ms', median((out.restore ?? []).map((s) => s.ms)), 'ms');
  push('delete_ms', out.delete?.ms, 'ms');
  push('delete_get_p50_ms', out.delete?.p50, 'ms');
  push('delete_get_p99_ms', out.delete?.p99, 'ms');
  push('delete_get_errors', out.delete?.errors, 'count');
}

// ---------------------------------------------------------------------------------------------
// Report

function targetList() {
  const out = [];
  for (const backend of STORES) {
    const ours = OURS[backend];
    const peer = PEERS[backend].names.ingest;
    const factor = backend === 'sqlite' ? TARGETS.ingestSqlite : TARGETS.ingestPostgres;
    out.push(
      ratioTarget(
        `${ours} ingest ≥ ${factor}× ${peer} rows/s`,
        value(ours, 'ingest_rows_per_s'),
        value(peer, 'ingest_rows_per_s'),
        factor,
        'rows/s',
      ),
    );
    for (const action of ['suspend', 'restore'])
      out.push(
        limitTarget(
          `${ours} ${action} ≤ ${TARGETS.stateMs} ms (median)`,
          value(ours, `${action}_ms`),
          TARGETS.stateMs,
          'max',
          'ms',
        ),
      );
    const errs = value(ours, 'delete_get_errors');
    out.push(
      limitTarget(
        `${ours} GET p99 ≤ ${TARGETS.deleteP99Ms} ms during the delete${errs ? ` (and ${errs} errors)` : ''}`,
        value(ours, 'delete_get_p99_ms'),
        TARGETS.deleteP99Ms,
        'max',
        'ms',
      ),
    );
    if (errs) out.at(-1).met = false;
  }
  return out;
}

function tables() {
  const lines = [];
  for (const backend of STORES) {
    const ours = OURS[backend];
    const names = PEERS[backend].names;
    const d = details[ours] ?? {};
    const rows = [];
    for (const [metric, kind] of [
      ['ingest_rows_per_s', 'ingest'],
      ['append_rows_per_s', 'append'],
    ])
      rows.push(
        comparisonRow(
          `${kind} ${N.toLocaleString('en-US')} rows (rows/s)`,
          'rows/s',
          value(ours, metric),
          names[kind],
          value(names[kind], metric),
        ),
      );
    const peerIngest = details[names.ingest];
    rows.push([
      'ingest: CPU a row (µs), each process of the run',
      d.ingest?.cpu ? cpuText(d.ingest.cpu) : '—',
      names.ingest,
      peerIngest?.ingestCpu ? cpuText(peerIngest.ingestCpu) : '—',
      d.ingest?.cpu && peerIngest?.ingestCpu
        ? `${fmt(cpuTotal(d.ingest.cpu), 'µs')} against ${fmt(cpuTotal(peerIngest.ingestCpu), 'µs')} in all`
        : '',
    ]);
    const all = (k) => (d[k] ?? []).map((s) => fmt(s.ms, 'ms')).join(', ');
    const ms = (metric) => fmt(value(ours, metric), 'ms');
    rows.push(
      [
        `suspend (ms, median of ${TRIES})`,
        ms('suspend_ms'),
        'target',
        `≤ ${TARGETS.stateMs}`,
        `tries: ${all('suspend')}`,
      ],
      [
        `restore (ms, median of ${TRIES})`,
        ms('restore_ms'),
        'target',
        `≤ ${TARGETS.stateMs}`,
        `tries: ${all('restore')}`,
      ],
      [
        `delete of the ${N.toLocaleString('en-US')}-row batch (ms)`,
        ms('delete_ms'),
        '—',
        '—',
        d.delete ? `${fmt(d.delete.rowsPerS, 'rows/s')} rows/s` : '',
      ],
      ['GET p50 during the delete (ms)', ms('delete_get_p50_ms'), '—', '—', ''],
      [
        'GET p99 during the delete (ms)',
        ms('delete_get_p99_ms'),
        'target',
        `≤ ${TARGETS.deleteP99Ms}`,
        `max ${fmt(d.delete?.max, 'ms')}`,
      ],
      [
        'GET requests / errors during the delete',
        d.delete ? `${d.delete.requests.toLocaleString('en-US')} / ${d.delete.errors}` : '—',
        '—',
        '—',
        '',
      ],
    );
    lines.push(`### ${backend === 'sqlite' ? 'Embedded store (SQLite)' : 'PostgreSQL'}`, '');
    lines.push(...markdownTable(COMPARISON_COLUMNS, rows), '');
    if (d.errors?.length) lines.push(...d.errors.map((e) => `- error: ${e}`), '');
  }
  return lines;
}

const targets = targetList();
const tableLines = tables();
const pgSettings = SETTINGS.postgresSettings;
const idleLine = (b) => {
  const i = details[OURS[b]]?.idleGets;
  const h = details[OURS[b]]?.healthz;
  return i
    ? `${b} p50 ${fmt(i.p50, 'ms')} ms, p99 ${fmt(i.p99, 'ms')} ms (\`GET /healthz\` p50 ${fmt(h?.p50, 'ms')} ms, p99 ${fmt(h?.p99, 'ms')} ms)`
    : `${b} —`;
};
const md = [
  ...runHeader({
    name: 'batches',
    title: 'Batches benchmark',
    startedAt,
    machine,
    services: pgSettings
      ? [`PostgreSQL ${pgSettings.server_version} (synchronous_commit=${pgSettings.synchronous_commit})`]
      : [],
  }),
  `N = ${N.toLocaleString('en-US')} rows of 6 columns (id numeric, name text, price numeric, day date, active boolean, note text), the same rows for every system.`,
  '',
  ...tableLines,
  '## Targets',
  '',
  ...targetLines(targets),
  '',
  '## Settings',
  '',
  `- **Ingest**: ${SETTINGS.client}; the rows are ${SOURCE === 'array' ? 'an array' : 'an async generator'} of row objects built before the clock starts.`,
  `- **Suspend / restore**: ${TRIES} tries each, alternating; the median is reported.`,
  `- **Delete under load**: ${CONNECTIONS} paced clients, ${GET_RATE} requests/s in all. The same GETs for ${IDLE_SECONDS} s with nothing else running just before: ${STORES.map(idleLine).join('; ')}.`,
  `- **Peers**: better-sqlite3 ${SETTINGS.betterSqlite3}, pg ${SETTINGS.pg}, pg-copy-streams ${SETTINGS.pgCopyStreams}.`,
  '',
];

writeResults({
  name: 'batches',
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
