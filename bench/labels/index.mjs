// `npm run bench -- labels`: the COCO and YOLO label exports of N tasks with boxes (default
// 1,000,000), per store, each beside its physical baseline on the same backend (the same tasks read
// straight from the server's database and written as the same file with the least JavaScript), in
// one run on this machine. Batchyard in batchyard.mjs, the peers in sqlite-peer.mjs and
// postgres-peer.mjs; the metrics, the knobs and what limits each figure are in
// docs/benchmarks.md#labels. (rss.mjs, run on its own, measures the memory of all four label
// formats with polygons and masks too.)
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { agent, sleep } from '../lib/common.mjs';
import {
  COMPARISON_COLUMNS,
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
import { exportLabels, loadTasks, startServer } from './batchyard.mjs';
import { totalLabels } from './data.mjs';
import * as postgresPeer from './postgres-peer.mjs';
import {
  CHUNK,
  FORMATS,
  HEALTHZ_MS,
  N,
  PG_BASE,
  RUNS,
  SERVER_NODE_ARGS,
  STORES,
  TARGETS,
  log,
  postgres,
} from './settings.mjs';
import * as sqlitePeer from './sqlite-peer.mjs';

const require = createRequire(import.meta.url);
const PEERS = { sqlite: sqlitePeer, postgres: postgresPeer };
const OURS = { sqlite: 'batchyard-embedded', postgres: 'batchyard-postgres' };
const LABELS = totalLabels(N);
const mb = (bytes) => bytes / 2 ** 20;

const SETTINGS = {
  tasks: N,
  labels: LABELS,
  chunk: CHUNK,
  formats: FORMATS,
  runs: RUNS,
  betterSqlite3: require('better-sqlite3/package.json').version,
  pg: require('pg/package.json').version,
  pgCopyStreams: require('pg-copy-streams/package.json').version,
  postgres: PG_BASE,
  serverNodeArgs: SERVER_NODE_ARGS,
  server:
    'child process: buildApp + listen on 127.0.0.1, logger off, rate limit off, in-process job runner, pool 10',
};

/** The peer's export: its time, CPU (ours, and PostgreSQL's) and file size. */
async function runPeer(backend, server, projectId, format) {
  const dir = mkdtempSync(join(os.tmpdir(), 'bench-labels-peer-'));
  try {
    const path = join(dir, format === 'coco' ? 'tasks.coco.json' : 'tasks.yolo.zip');
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const written = await PEERS[backend].exportLabels(server, projectId, format, path, new Date());
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    return {
      ms,
      perS: N / (ms / 1000),
      cpuS: (cpu.user + cpu.system) / 1e6,
      pgCpuS: null,
      bytes: statSync(path).size,
      ...written,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** VACUUM (ANALYZE) of the tasks table on the server's database. */
async function vacuum(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('vacuum (analyze) tasks');
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------
// Main

const startedAt = new Date();
const machine = machineText();
if (STORES.includes('postgres')) SETTINGS.postgresSettings = await postgresSettings(postgres.adminQuery);
log(`${machine}; N=${N}, ${LABELS} boxes; stores: ${STORES.join(', ')}; formats: ${FORMATS.join(', ')}`);

const results = resultSet(['tasks/s']);
const value = results.value;
const details = {};
let failed = false;
for (const backend of STORES) {
  const ours = OURS[backend];
  const peer = PEERS[backend].name;
  const d = (details[ours] = { errors: [], exports: {} });
  const server = await startServer(backend);
  try {
    log(`${backend}: loading ${N.toLocaleString('en-US')} tasks`);
    const load = await loadTasks(server, N);
    d.load = load;
    results.push(ours, false, 'load_tasks_per_s', load.perS, 'tasks/s');
    log(
      `${backend}: loaded in ${(load.ms / 1000).toFixed(1)} s (${Math.round(load.perS)} tasks/s, server CPU ${load.serverCpuS.toFixed(1)} s)`,
    );
    // The load's dead tuples and statistics are dealt with before the timing (autovacuum would
    // otherwise run during an export, not during the peer's).
    if (backend === 'postgres') await vacuum(server.url);
    // A fresh process for the exports: what the load left in the heap is not theirs.
    await server.restart();
    await sleep(500);
    for (const format of FORMATS) {
      const runs = [];
      for (let r = 0; r < RUNS; r++) {
        if (backend === 'postgres') await postgres.settle();
        const e = await exportLabels(server, load.projectId, format);
        e.perS = N / (e.jobMs / 1000);
        if (e.result.images !== N || e.result.labels !== LABELS)
          throw new Error(`${backend} ${format}: ${e.result.images} images, ${e.result.labels} labels`);
        if (backend === 'postgres') await postgres.settle();
        const p = await runPeer(backend, server, load.projectId, format);
        if (p.bytes !== e.bytes)
          d.errors.push(`${format}: the peer's file has ${p.bytes} bytes, Batchyard's ${e.bytes}`);
        runs.push({ ours: e, peer: p });
        log(
          `${backend} ${format}: ${Math.round(e.perS)} tasks/s (${(e.jobMs / 1000).toFixed(1)} s, server CPU ${e.serverCpuS.toFixed(1)} s${e.pgCpuS === null ? '' : `, PostgreSQL CPU ${e.pgCpuS.toFixed(1)} s`}), /healthz p99 ${e.healthz.p99.toFixed(1)} max ${e.healthz.max.toFixed(0)} ms, RSS ${e.rssBeforeMb.toFixed(0)} → peak ${e.peakRssMb.toFixed(0)} MB, ${mb(e.bytes).toFixed(0)} MB; ` +
            `peer ${Math.round(p.perS)} tasks/s (${(p.ms / 1000).toFixed(1)} s, CPU ${p.cpuS.toFixed(1)} s${p.pgCpuS === null ? '' : `, PostgreSQL CPU ${p.pgCpuS.toFixed(1)} s`})`,
        );
      }
      const best = runs.reduce((a, b) => (b.ours.perS > a.ours.perS ? b : a)).ours;
      const bestPeer = runs.map((r) => r.peer).reduce((a, b) => (b.perS > a.perS ? b : a));
      d.exports[format] = { runs, best, bestPeer };
      results.push(ours, false, `export_${format}_tasks_per_s`, best.perS, 'tasks/s');
      results.push(
        ours,
        false,
        `export_${format}_peak_rss_mb`,
        Math.max(...runs.map((r) => r.ours.peakRssMb)),
        'MB',
      );
      results.push(ours, false, `export_${format}_server_cpu_s`, best.serverCpuS, 's');
      results.push(ours, false, `export_${format}_healthz_p99_ms`, best.healthz.p99, 'ms');
      results.push(ours, false, `export_${format}_healthz_max_ms`, best.healthz.max, 'ms');
      results.push(peer, true, `export_${format}_tasks_per_s`, bestPeer.perS, 'tasks/s');
    }
  } catch (error) {
    failed = true;
    d.errors.push(String(error?.stack ?? error));
    log(`${backend}: ${error?.stack ?? error}`);
  } finally {
    await server.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// Report

const targets = [];
for (const backend of STORES) {
  const ours = OURS[backend];
  for (const format of FORMATS) {
    targets.push(
      limitTarget(
        `${ours} export ${format} ≥ ${fmt(TARGETS.perS, 'tasks/s')} tasks/s`,
        value(ours, `export_${format}_tasks_per_s`),
        TARGETS.perS,
        'min',
        'tasks/s',
      ),
      limitTarget(
        `${ours} export ${format}: server peak RSS ≤ ${TARGETS.rssMb} MB`,
        value(ours, `export_${format}_peak_rss_mb`),
        TARGETS.rssMb,
        'max',
        'MB',
      ),
    );
  }
}

const tableLines = [];
for (const backend of STORES) {
  const ours = OURS[backend];
  const peer = PEERS[backend].name;
  const d = details[ours];
  const rows = [];
  if (d.load)
    rows.push([
      `load ${N.toLocaleString('en-US')} tasks, POST /v1/batches/{id}/tasks × ${CHUNK.toLocaleString('en-US')} (tasks/s)`,
      fmt(d.load.perS, 'tasks/s'),
      '',
      '',
      `${fmt(d.load.ms / 1000, 's')} s, server CPU ${fmt(d.load.serverCpuS, 's')} s`,
      '',
    ]);
  for (const format of FORMATS) {
    const e = d.exports[format];
    if (!e) continue;
    const v = value(ours, `export_${format}_tasks_per_s`);
    const p = value(peer, `export_${format}_tasks_per_s`);
    const pgCpu = (x) => (x.pgCpuS === null ? '' : `, PostgreSQL ${fmt(x.pgCpuS, 's')}`);
    rows.push(
      [
        `export ${format}, request → job end (tasks/s)`,
        fmt(v, 'tasks/s'),
        peer,
        fmt(p, 'tasks/s'),
        ratio(v, p),
        `≥ ${fmt(TARGETS.perS, 'tasks/s')}`,
      ],
      [
        `export ${format}: CPU (s)`,
        `server ${fmt(e.best.serverCpuS, 's')}${pgCpu(e.best)}`,
        '',
        `${fmt(e.bestPeer.cpuS, 's')}${pgCpu(e.bestPeer)}`,
        '',
        '',
      ],
      [
        `export ${format}: GET /healthz meanwhile, p50 / p99 / max (ms)`,
        `${fmt(e.best.healthz.p50, 'ms')} / ${fmt(e.best.healthz.p99, 'ms')} / ${fmt(e.best.healthz.max, 'ms')}`,
        '',
        '',
        `${e.best.healthz.n} requests, one every ${HEALTHZ_MS} ms`,
        '',
      ],
      [
        `export ${format}: server peak RSS (MB)`,
        fmt(value(ours, `export_${format}_peak_rss_mb`), 'MB'),
        '',
        '',
        `RSS before ${fmt(e.best.rssBeforeMb, 'MB')} MB; ${fmt(mb(e.best.bytes), 'MB')} MB file${e.bestPeer.bytes === e.best.bytes ? ', the same size as the peer’s' : ''}`,
        `≤ ${TARGETS.rssMb}`,
      ],
    );
  }
  tableLines.push(`### ${backend === 'sqlite' ? 'Embedded store (SQLite)' : 'PostgreSQL'}`, '');
  tableLines.push(...markdownTable([...COMPARISON_COLUMNS, ['target', 'left']], rows), '');
  if (d.errors.length) tableLines.push(...d.errors.map((e) => `- error: ${e.split('\n')[0]}`), '');
}

const pgSettings = SETTINGS.postgresSettings;
const md = [
  ...runHeader({
    name: 'labels',
    title: 'Label exports benchmark',
    startedAt,
    machine,
    services: pgSettings
      ? [`PostgreSQL ${pgSettings.server_version} (synchronous_commit=${pgSettings.synchronous_commit})`]
      : [],
  }),
  `N = ${N.toLocaleString('en-US')} tasks in one batch, ${LABELS.toLocaleString('en-US')} boxes: task _i_ is \`img-<i>\` with \`resources: ["s3://bucket/images/img-<i>.jpg"]\` and \`data: {image: {width, height}, labels: [{class, bbox: [x, y, w, h]}, …]}\`, an image of 640 × 480, 1280 × 720 or 1920 × 1080 with 1–3 boxes of 5 classes (bench/labels/data.mjs). Exports without \`classes\` (discovered). Figures: the best of ${RUNS} run(s) each.`,
  '',
  ...tableLines,
  '## Targets',
  '',
  ...targetLines(targets),
  '',
  '## Settings',
  '',
  `- **Peers**: better-sqlite3 ${SETTINGS.betterSqlite3}, pg ${SETTINGS.pg}, pg-copy-streams ${SETTINGS.pgCopyStreams}, reading Batchyard's own database after the load, in the benchmark's process.`,
  `- **Server**: ${SETTINGS.server}${SERVER_NODE_ARGS.length ? `; node ${SERVER_NODE_ARGS.join(' ')}` : ''}.`,
  '',
];

writeResults({
  name: 'labels',
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
process.exit(failed ? 1 : 0);
