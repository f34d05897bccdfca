// `npm run bench -- tasks`: Batchyard's task creation, export and filtered lists at N tasks, each
// beside its physical baseline on the same backend, in one run on this machine. Writes
// bench/results/tasks.json and bench/results/tasks.md and prints the table.
//
// Per store (the embedded SQLite store, then PostgreSQL), one Batchyard server (buildApp + listen on
// 127.0.0.1, fresh SQLite file or fresh database, in-process job runner) runs in a child process;
// this process is the client (the SDK, plain HTTP for the job calls, autocannon).
//
//   create_tasks_per_s  N tasks into one batch through the SDK, uniqueness check on, the project's
//                       task schema checked: client.tasks.create(batchId, tasks, { chunkSize }) (chunks
//                       of 5,000 as POST /v1/batches/{id}/tasks, two in flight); tasks / (that call's
//                       time). Peers: the same rows (ids, JSON text of data/resources/custom made in
//                       the timed loop) inserted with better-sqlite3 into a table of the tasks shape
//                       with its UNIQUE (batch_id, unique_name) index, one transaction, one prepared
//                       statement; on PostgreSQL one COPY (pg-copy-streams, text format) into the same
//                       shape with the same unique index.
//   export_<fmt>_*      The server is restarted on the same data first (the creation's peak does not
//                       count). POST /v1/tasks/export {filter: {projectId, batchIds}, format} (jsonl,
//                       csv), then GET /v1/jobs/{id}?wait=30 until it ends: tasks / (request → the
//                       answer that shows the end); then the download of the artifact, its lines
//                       counted: tasks / (request → last byte). The server's peak RSS is VmHWM of
//                       /proc/<pid>/status, reset (clear_refs 5) just before each export. Peers: a
//                       better-sqlite3 SELECT of the peer's rows written as JSONL to a file; on
//                       PostgreSQL COPY (SELECT … as JSON text) TO STDOUT into a file.
//   list_*              autocannon, 32 connections, BENCH_LIST_SECONDS each, on GET /v1/tasks?projectId=…
//                       &statuses=pending&filter=data.priority:eq:3&limit=50 (and filter=
//                       data.priority:gte:8): requests/s, p50, p99, errors. Peer: the SQL the server
//                       runs for that page, run directly on Batchyard's database (better-sqlite3 / pg)
//                       by one client, BENCH_PEER_QUERIES times: p50, p99.
//
// Environment: BENCH_TASKS (1000000), BENCH_STORES (sqlite,postgres), BENCH_PG
// (postgres://postgres@127.0.0.1:5432), BENCH_CHUNK (5000, the SDK's chunkSize), BENCH_CONNECTIONS
// (32), BENCH_LIST_SECONDS (20), BENCH_PEER_QUERIES (2000), BENCH_FORMATS (jsonl,csv), BENCH_CLIENT
// (sdk | raw: raw posts the chunks itself, for development only), BENCH_PHASES (create,export,list),
// BENCH_SERVER_NODE_ARGS (extra node flags for the server process, e.g. --cpu-prof), BENCH_KEEP (1: keep
// the server's database and data directory, for development).
import http from 'node:http';
import os from 'node:os';
import { createRequire } from 'node:module';
import {
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  agent,
  envChoice,
  envInt,
  httpJson,
  pacedLoadInChild,
  postgresAdmin,
  serverMs,
  sleep,
  waitJob,
} from './lib/common.mjs';
import { childMemory, procCpuS, startBenchServer } from './lib/server.mjs';

const here = new URL('.', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const env = process.env;

// ---------------------------------------------------------------------------------------------
// Settings

const int = envInt;
const choice = envChoice;
const list = (name, fallback, options) => {
  const values = (env[name] || fallback)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const v of values)
    if (!options.includes(v)) throw new Error(`${name}: "${v}" is not one of ${options.join(', ')}`);
  return values;
};

const N = int('BENCH_TASKS', 1_000_000);
const CHUNK = int('BENCH_CHUNK', 5000);
const CONNECTIONS = int('BENCH_CONNECTIONS', 32);
const LIST_SECONDS = int('BENCH_LIST_SECONDS', 20);
/** Requests per second of each of the paced clients (the open-loop list run). */
const CLIENT_RATE = int('BENCH_CLIENT_RATE', 10);
const PEER_QUERIES = int('BENCH_PEER_QUERIES', 2000);
const FORMATS = list('BENCH_FORMATS', 'jsonl,csv', ['jsonl', 'csv']);
const CLIENT = choice('BENCH_CLIENT', ['sdk', 'raw']);
const PHASES = list('BENCH_PHASES', 'create,export,list', ['create', 'export', 'list']);
const STORES = list('BENCH_STORES', 'sqlite,postgres', ['sqlite', 'postgres']);
const PG_BASE = (env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, '');
const SERVER_NODE_ARGS = (env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
/** Development: keep the server's database and data directory (BENCH_KEEP=1). */
const KEEP = env.BENCH_KEEP === '1';
const WARMUP_SECONDS = 2;
const TARGETS = {
  createPerS: 50_000,
  createRatio: 0.4,
  exportPerS: 200_000,
  exportRssMb: 250,
  listP99Ms: 20,
};

/** The task schema of the bench project: every task's data is checked against it. */
const TASK_SCHEMA = {
  type: 'object',
  properties: {
    text: { type: 'string' },
    priority: { type: 'integer', minimum: 0 },
    category: { type: 'string' },
    flagged: { type: 'boolean' },
    n: { type: 'integer' },
  },
  required: ['text', 'priority'],
};
const LISTS = [
  {
    label: 'status=pending + data.priority = 3',
    query: 'statuses=pending&filter=data.priority:eq:3&limit=50',
  },
  {
    label: 'status=pending + data.priority ≥ 8',
    query: 'statuses=pending&filter=data.priority:gte:8&limit=50',
  },
];

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

const pg = (await import('pg')).default;
const BetterSqlite3 = require('better-sqlite3');
const { from: copyFrom, to: copyTo } = require('pg-copy-streams');
const { monotonicFactory } = require('ulid');
const autocannon = require('autocannon');

const now = () => performance.now();
const log = (...args) => console.error(`[tasks ${new Date().toISOString().slice(11, 19)}]`, ...args);
const quantile = (sorted, q) =>
  sorted.length === 0 ? null : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
const mb = (bytes) => bytes / 2 ** 20;

// ---------------------------------------------------------------------------------------------
// The tasks: the same N tasks for every system, built once before anything is timed.

const CATEGORIES = ['news', 'sport', 'science', 'culture', 'economy'];
function makeTask(i) {
  return {
    name: `t-${i}`,
    data: {
      text: `Task ${i}: read the paragraph and label what it is about, plain text.`,
      priority: i % 10,
      category: CATEGORIES[i % CATEGORIES.length],
      flagged: i % 7 === 0,
      n: i,
    },
    properties: { score: (i % 100) / 100 },
  };
}
log(`building ${N.toLocaleString('en-US')} tasks`);
const TASKS = Array.from({ length: N }, (_, i) => makeTask(i));

// ---------------------------------------------------------------------------------------------
// PostgreSQL helpers

const { adminQuery, createDatabase, dropDatabase, settle: settlePostgres } = postgresAdmin(PG_BASE);

// ---------------------------------------------------------------------------------------------
// HTTP (node:http, keep-alive)

/** Downloads a path and counts its bytes and its lines (LF bytes). */
function httpCount(base, path, token) {
  return new Promise((resolve, reject) => {
    const req = http.get(
      `${base}${path}`,
      { agent, headers: { authorization: `Bearer ${token}` } },
      (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          reject(new Error(`GET ${path}: ${res.statusCode}`));
          return;
        }
        let bytes = 0;
        let lines = 0;
        res.on('data', (c) => {
          bytes += c.length;
          for (let i = c.indexOf(10); i !== -1; i = c.indexOf(10, i + 1)) lines++;
        });
        res.on('end', () => resolve({ bytes, lines }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
  });
}

// ---------------------------------------------------------------------------------------------
// Creation clients

async function sdkClient(base, token) {
  const { Batchyard } = await import('@batchyard/sdk');
  const client = new Batchyard({ baseUrl: base, token, timeoutMs: 600_000, maxRetries: 0 });
  if (!client.tasks || typeof client.tasks.create !== 'function') return null;
  return client;
}

/** Development stand-in for the SDK: chunks posted to POST /v1/batches/{id}/tasks, two in flight. */
async function rawCreate(base, token, batchId, tasks) {
  const counts = { created: 0, skipped: 0, failed: 0 };
  const inFlight = [];
  const absorb = (r) => {
    counts.created += r.created;
    counts.skipped += r.skipped;
    counts.failed += r.failed;
  };
  for (let i = 0; i < tasks.length; i += CHUNK) {
    inFlight.push(
      httpJson(base, 'POST', `/v1/batches/${batchId}/tasks`, token, { tasks: tasks.slice(i, i + CHUNK) }),
    );
    if (inFlight.length >= 2) absorb(await inFlight.shift());
  }
  while (inFlight.length) absorb(await inFlight.shift());
  return counts;
}

// ---------------------------------------------------------------------------------------------
// Batchyard server (child process)

/** /proc/<pid>/status fields in MB (VmRSS, VmHWM). */
function procMemory(pid) {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
}
/** Resets the peak RSS (VmHWM) of a process to its current RSS; false where the kernel refuses. */
function resetPeak(pid) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}
function startServer(backend) {
  return startBenchServer({
    backend,
    label: 'tasks',
    pg: { createDatabase, dropDatabase },
    execArgv: SERVER_NODE_ARGS,
    keep: KEEP,
    log,
  });
}

// ---------------------------------------------------------------------------------------------
// Batchyard

async function batchyard(backend) {
  const out = { errors: [] };
  const server = await startServer(backend);
  const { token } = server;
  const call = (method, path, body) => httpJson(server.base, method, path, token, body);
  try {
    const project = await call('POST', '/v1/projects', { name: 'bench', taskSchema: TASK_SCHEMA });
    const ds = await call('POST', '/v1/datasets', {
      projectId: project.id,
      name: 'base',
      columns: [{ name: 'v', type: 'numeric' }],
    });
    let job = await call('POST', `/v1/datasets/${ds.id}/batches`, { name: 'tasks', rows: [{ v: 1 }] });
    job = await waitJob(server.base, token, job);
    const batchId = job.result.batchId;
    out.ids = { projectId: project.id, batchId };

    // 1. Create
    if (PHASES.includes('create')) {
      if (backend === 'postgres') await settlePostgres();
      const client = CLIENT === 'sdk' ? await sdkClient(server.base, token) : null;
      if (CLIENT === 'sdk' && !client)
        throw new Error('the SDK has no tasks.create (BENCH_CLIENT=raw to develop)');
      let lastLog = now();
      const serverCpu0 = procCpuS(server.pid);
      const clientCpu0 = process.cpuUsage();
      const t0 = now();
      const result = client
        ? await client.tasks.create(batchId, TASKS, {
            chunkSize: CHUNK,
            onProgress: (p) => {
              if (now() - lastLog < 5000) return;
              lastLog = now();
              log(
                `${backend}: ${p.sent.toLocaleString('en-US')} sent, ${p.created.toLocaleString('en-US')} created`,
              );
            },
          })
        : await rawCreate(server.base, token, batchId, TASKS);
      const ms = now() - t0;
      const clientCpu = process.cpuUsage(clientCpu0);
      if (result.created !== N)
        throw new Error(
          `create: ${result.created} created, ${result.skipped} skipped, ${result.failed} failed`,
        );
      out.create = {
        ms,
        perS: N / (ms / 1000),
        serverCpuS: procCpuS(server.pid) - serverCpu0,
        clientCpuS: (clientCpu.user + clientCpu.system) / 1e6,
        serverPeakRssMb: procMemory(server.pid).hwmMb,
      };
      log(
        `${backend}: create ${Math.round(out.create.perS)} tasks/s (${ms.toFixed(0)} ms; server CPU ${out.create.serverCpuS.toFixed(1)} s, client CPU ${out.create.clientCpuS.toFixed(1)} s)`,
      );
    }

    // 2. Export
    if (PHASES.includes('export')) {
      await server.restart();
      await sleep(500);
      out.export = {};
      for (const format of FORMATS) {
        if (backend === 'postgres') await settlePostgres();
        const before = procMemory(server.pid);
        const peakReset = resetPeak(server.pid);
        const t0 = now();
        job = await call('POST', '/v1/tasks/export', {
          filter: { projectId: project.id, batchIds: [batchId] },
          format,
        });
        job = await waitJob(server.base, token, job);
        const jobMs = now() - t0;
        const peak = procMemory(server.pid);
        const heap = await childMemory(server.child);
        const download = await httpCount(server.base, `/v1/jobs/${job.id}/artifacts/tasks.${format}`, token);
        const allMs = now() - t0;
        const expected = format === 'csv' ? N + 1 : N;
        if (job.result.count !== N || download.lines !== expected)
          throw new Error(
            `export ${format}: count ${job.result.count}, ${download.lines} lines (want ${expected})`,
          );
        out.export[format] = {
          jobMs,
          allMs,
          serverMs: serverMs(job),
          queuedMs: Date.parse(job.startedAt) - Date.parse(job.createdAt),
          perS: N / (jobMs / 1000),
          withDownloadPerS: N / (allMs / 1000),
          bytes: download.bytes,
          rssBeforeMb: before.rssMb,
          peakRssMb: peak.hwmMb,
          peakReset,
          heapUsedAfterMb: mb(heap.heapUsed),
        };
        log(
          `${backend}: export ${format} ${Math.round(out.export[format].perS)} tasks/s to the job's end, ${Math.round(out.export[format].withDownloadPerS)} with the download (${(download.bytes / 2 ** 20).toFixed(0)} MB); job ${out.export[format].queuedMs} ms queued, ${out.export[format].serverMs} ms in all; server RSS ${before.rssMb.toFixed(0)} → peak ${peak.hwmMb.toFixed(0)} MB`,
        );
      }
    }

    // 3. Lists under load
    if (PHASES.includes('list')) {
      out.list = [];
      if (backend === 'postgres') await settlePostgres();
      for (const spec of LISTS) {
        const path = `/v1/tasks?projectId=${project.id}&${spec.query}`;
        const page = await call('GET', path);
        if (page.data.length !== 50) throw new Error(`list ${spec.query}: ${page.data.length} tasks`);
        const cannon = (duration) =>
          autocannon({
            url: `${server.base}${path}`,
            connections: CONNECTIONS,
            duration,
            headers: { authorization: `Bearer ${token}` },
          });
        await cannon(WARMUP_SECONDS);
        const r = await cannon(LIST_SECONDS);
        // Paced: the same 32 clients, each sending CLIENT_RATE requests a second (a user or script
        // that reads a page, then works on it), so the latency is the server's, not the queue's.
        const paced = await pacedLoadInChild({
          base: server.base,
          paths: [path],
          token,
          clients: CONNECTIONS,
          ratePerClient: CLIENT_RATE,
          seconds: LIST_SECONDS,
        });
        const entry = {
          label: spec.label,
          path: path.replace(project.id, '{projectId}'),
          requestsPerS: r.requests.average,
          requests: r.requests.total,
          p50: r.latency.p50,
          p90: r.latency.p90,
          p99: r.latency.p99,
          max: r.latency.max,
          errors: r.errors + r.timeouts + r.non2xx,
          windowS: r.duration,
          paced: {
            offeredPerS: CONNECTIONS * CLIENT_RATE,
            requestsPerS: paced.requestsPerS,
            p50: paced.p50,
            p90: paced.p90,
            p99: paced.p99,
            max: paced.max,
            errors: paced.errors,
          },
        };
        entry.peer = await listPeer(backend, server, project.id, spec);
        out.list.push(entry);
        log(
          `${backend}: list [${spec.label}] ${Math.round(entry.requestsPerS)} req/s, p50 ${entry.p50} ms, p99 ${entry.p99} ms, ${entry.errors} errors; paced ${entry.paced.offeredPerS} req/s: p50 ${entry.paced.p50?.toFixed(1)} ms, p99 ${entry.paced.p99?.toFixed(1)} ms, ${entry.paced.errors} errors; direct query p50 ${entry.peer.p50.toFixed(2)} ms, p99 ${entry.peer.p99.toFixed(2)} ms`,
        );
      }
    }
  } catch (error) {
    out.errors.push(error.message);
    log(`${backend}: failed: ${error.stack}`);
  } finally {
    await server.stop();
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The list peer: the page's SQL straight on Batchyard's database, one client

const LIGHT_COLUMNS =
  'id, workspace_id, project_id, batch_id, name, unique_name, resources, score, custom, status, created_by, created_at, updated_at';
/** The SQL the server runs for a list page (taskWhere + keyset page of 50 + 1), on each backend. */
function listSql(backend, spec) {
  const eq = spec.query.includes(':eq:');
  if (backend === 'sqlite') {
    return {
      text: `select ${LIGHT_COLUMNS} from tasks where project_id = ? and workspace_id = ? and status in (?) and batch_id not in (select id from batches where state = 'deleting' and project_id = ?) and json_extract(data, '$."priority"') ${eq ? '=' : '>='} ? order by id asc limit 51`,
      value: eq ? 3 : 8,
    };
  }
  return {
    text: eq
      ? `select ${LIGHT_COLUMNS} from tasks where project_id = $1 and workspace_id = $2 and status in ($3) and batch_id not in (select id from batches where state = 'deleting' and project_id = $4) and (data #> '{priority}') = cast($5 as jsonb) order by id asc limit 51`
      : `select ${LIGHT_COLUMNS} from tasks where project_id = $1 and workspace_id = $2 and status in ($3) and batch_id not in (select id from batches where state = 'deleting' and project_id = $4) and (jsonb_typeof(data #> '{priority}') = 'number' and (data #> '{priority}') >= cast($5 as jsonb)) order by id asc limit 51`,
    value: eq ? '3' : '8',
  };
}

async function listPeer(backend, server, projectId, spec) {
  const { text, value } = listSql(backend, spec);
  const times = [];
  if (backend === 'sqlite') {
    const db = new BetterSqlite3(join(server.dataDir, 'batchyard.db'), { readonly: true });
    try {
      const workspaceId = db
        .prepare('select workspace_id from projects where id = ?')
        .get(projectId).workspace_id;
      const stmt = db.prepare(text);
      const args = [projectId, workspaceId, 'pending', projectId, value];
      if (stmt.all(...args).length !== 51) throw new Error(`list peer: not 51 rows for ${spec.query}`);
      for (let i = 0; i < PEER_QUERIES; i++) {
        const t0 = now();
        stmt.all(...args);
        times.push(now() - t0);
      }
    } finally {
      db.close();
    }
  } else {
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    try {
      await client.query('set enable_sort = off'); // as the server runs its list pages
      const { rows } = await client.query('select workspace_id from projects where id = $1', [projectId]);
      const args = [projectId, rows[0].workspace_id, 'pending', projectId, value];
      const query = { name: `list-${spec.query.includes(':eq:') ? 'eq' : 'gte'}`, text, values: args };
      if ((await client.query(query)).rows.length !== 51) throw new Error(`list peer: not 51 rows`);
      for (let i = 0; i < PEER_QUERIES; i++) {
        const t0 = now();
        await client.query(query);
        times.push(now() - t0);
      }
    } finally {
      await client.end();
    }
  }
  times.sort((a, b) => a - b);
  return { queries: times.length, p50: quantile(times, 0.5), p99: quantile(times, 0.99), max: times.at(-1) };
}

// ---------------------------------------------------------------------------------------------
// Peers: physical baselines of creation and export

const TABLE_COLUMNS = [
  'id',
  'workspace_id',
  'project_id',
  'batch_id',
  'name',
  'unique_name',
  'resources',
  'data',
  'initial_data',
  'score',
  'custom',
  'status',
  'created_by',
  'created_at',
  'updated_at',
];
const SQLITE_TABLE = `create table tasks (id text primary key, workspace_id text not null, project_id text not null, batch_id text not null, name text not null, unique_name text, resources text not null, data text not null, initial_data text not null, score real, custom text not null, status text not null, created_by text, created_at integer not null, updated_at integer not null)`;
const PG_TABLE = `create table tasks (id text primary key, workspace_id text not null, project_id text not null, batch_id text not null, name text not null, unique_name text, resources jsonb not null, data jsonb not null, initial_data jsonb not null, score double precision, custom jsonb not null, status text not null, created_by text, created_at bigint not null, updated_at bigint not null)`;
const UNIQUE_INDEX = 'create unique index tasks_batch_name_unique on tasks (batch_id, unique_name)';
const PEER_IDS = { ws: 'ws_peer', prj: 'prj_peer', bat: 'bat_peer', key: 'key_peer' };

/** The row of task i as the server stores it: JSON text for data, resources and custom. */
function peerRow(nextId, t, at) {
  const data = JSON.stringify(t.data);
  return [
    `tsk_${nextId().toLowerCase()}`,
    PEER_IDS.ws,
    PEER_IDS.prj,
    PEER_IDS.bat,
    t.name,
    t.name,
    '[]',
    data,
    data,
    t.properties.score,
    JSON.stringify({}),
    'pending',
    PEER_IDS.key,
    at,
    at,
  ];
}

async function sqlitePeer() {
  const dir = mkdtempSync(join(os.tmpdir(), 'bench-tasks-peer-'));
  const db = new BetterSqlite3(join(dir, 'peer.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec(SQLITE_TABLE);
    db.exec(UNIQUE_INDEX);
    const insert = db.prepare(
      `insert into tasks (${TABLE_COLUMNS.join(', ')}) values (${TABLE_COLUMNS.map(() => '?').join(', ')})`,
    );
    const nextId = monotonicFactory();
    let t0 = now();
    const at = Date.now();
    db.transaction(() => {
      for (const t of TASKS) insert.run(peerRow(nextId, t, at));
    })();
    const createMs = now() - t0;
    db.pragma('wal_checkpoint(TRUNCATE)');
    // Export: every row as one JSON line, data spliced in as stored (no parse), written to a file.
    const file = join(dir, 'tasks.jsonl');
    const select = db.prepare(`select ${TABLE_COLUMNS.join(', ')} from tasks where batch_id = ? order by id`);
    t0 = now();
    const stream = createWriteStream(file, { highWaterMark: 1 << 20 });
    let chunk = '';
    let count = 0;
    for (const r of select.iterate(PEER_IDS.bat)) {
      chunk += `{"id":${JSON.stringify(r.id)},"batchId":${JSON.stringify(r.batch_id)},"name":${JSON.stringify(r.name)},"status":${JSON.stringify(r.status)},"data":${r.data},"properties":{"score":${r.score},"custom":${r.custom}},"createdAt":${r.created_at}}\n`;
      if (++count % 2000 === 0) {
        stream.write(chunk);
        chunk = '';
      }
    }
    stream.write(chunk);
    await new Promise((resolve, reject) => stream.end((error) => (error ? reject(error) : resolve())));
    const exportMs = now() - t0;
    if (count !== N) throw new Error(`sqlite peer exported ${count} rows`);
    return { createMs, exportMs, exportBytes: statSync(file).size };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const COPY_SPECIAL = /[\\\t\n\r]/;
const copyText = (s) =>
  COPY_SPECIAL.test(s)
    ? s.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c])
    : s;

async function postgresPeer() {
  const db = await createDatabase('peer');
  const dir = mkdtempSync(join(os.tmpdir(), 'bench-tasks-peer-'));
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    await client.query(PG_TABLE);
    await client.query(UNIQUE_INDEX);
    await settlePostgres();
    const nextId = monotonicFactory();
    const at = Date.now();
    function* lines() {
      let text = '';
      for (const t of TASKS) {
        const r = peerRow(nextId, t, at);
        text += `${r.map((v) => (typeof v === 'string' ? copyText(v) : String(v))).join('\t')}\n`;
        if (text.length > 65536) {
          yield text;
          text = '';
        }
      }
      if (text) yield text;
    }
    let t0 = now();
    await pipeline(
      Readable.from(lines()),
      client.query(copyFrom(`copy tasks (${TABLE_COLUMNS.join(', ')}) from stdin`)),
    );
    const createMs = now() - t0;
    await settlePostgres();
    const file = join(dir, 'tasks.jsonl');
    t0 = now();
    await pipeline(
      client.query(
        copyTo(
          `copy (select json_build_object('id', id, 'batchId', batch_id, 'name', name, 'status', status, 'data', data, 'properties', json_build_object('score', score, 'custom', custom), 'createdAt', created_at)::text from tasks where batch_id = '${PEER_IDS.bat}' order by id) to stdout`,
        ),
      ),
      createWriteStream(file, { highWaterMark: 1 << 20 }),
    );
    const exportMs = now() - t0;
    const text = readFileSync(file);
    let lines2 = 0;
    for (let i = text.indexOf(10); i !== -1; i = text.indexOf(10, i + 1)) lines2++;
    if (lines2 !== N) throw new Error(`postgres peer exported ${lines2} lines`);
    return { createMs, exportMs, exportBytes: text.length };
  } finally {
    await client.end();
    await dropDatabase(db.name);
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Main

const startedAt = new Date();
const cpus = os.cpus();
const machineText = `${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`;
let pgVersion = null;
if (STORES.includes('postgres')) {
  pgVersion = (await adminQuery('show server_version')).rows[0].server_version;
  SETTINGS.postgresSettings = {
    server_version: pgVersion,
    synchronous_commit: (await adminQuery('show synchronous_commit')).rows[0].synchronous_commit,
  };
}
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
log(`${machineText}; N=${N}, stores: ${STORES.join(', ')}; client: ${SETTINGS.client}`);

const results = [];
const details = {};
const push = (system, peer, metric, value, unit) => {
  if (value === null || value === undefined || Number.isNaN(value)) return;
  results.push({ system, peer, metric, value: Number(value.toFixed(unit === 'tasks/s' ? 0 : 2)), unit });
};
const PEER_NAMES = {
  sqlite: {
    create: 'better-sqlite3 insert',
    export: 'better-sqlite3 SELECT → JSONL file',
    list: 'the same SQL on better-sqlite3',
  },
  postgres: {
    create: 'postgres COPY',
    export: 'postgres COPY (SELECT json) TO STDOUT → file',
    list: 'the same SQL on pg',
  },
};
const OURS = { sqlite: 'batchyard-embedded', postgres: 'batchyard-postgres' };
const LIST_KEYS = ['eq', 'gte'];

for (const backend of STORES) {
  const peers = PEER_NAMES[backend];
  if (PHASES.includes('create') || PHASES.includes('export')) {
    log(`${backend}: peer`);
    const peer = backend === 'sqlite' ? await sqlitePeer() : await postgresPeer();
    details[peers.create] = peer;
    push(peers.create, true, 'create_tasks_per_s', N / (peer.createMs / 1000), 'tasks/s');
    push(peers.export, true, 'export_jsonl_tasks_per_s', N / (peer.exportMs / 1000), 'tasks/s');
    log(
      `${backend}: peer create ${Math.round(N / (peer.createMs / 1000))} tasks/s, export ${Math.round(N / (peer.exportMs / 1000))} tasks/s`,
    );
    await sleep(500);
  }
  log(`${backend}: batchyard`);
  const out = await batchyard(backend);
  details[OURS[backend]] = out;
  const name = OURS[backend];
  push(name, false, 'create_tasks_per_s', out.create?.perS, 'tasks/s');
  for (const format of FORMATS) {
    const e = out.export?.[format];
    push(name, false, `export_${format}_tasks_per_s`, e?.perS, 'tasks/s');
    push(name, false, `export_${format}_with_download_tasks_per_s`, e?.withDownloadPerS, 'tasks/s');
    push(name, false, `export_${format}_peak_rss_mb`, e?.peakRssMb, 'MB');
  }
  (out.list ?? []).forEach((l, i) => {
    const k = LIST_KEYS[i];
    push(name, false, `list_${k}_requests_per_s`, l.requestsPerS, 'requests/s');
    push(name, false, `list_${k}_p50_ms`, l.p50, 'ms');
    push(name, false, `list_${k}_p99_ms`, l.p99, 'ms');
    push(name, false, `list_${k}_errors`, l.errors, 'count');
    push(name, false, `list_${k}_paced_p50_ms`, l.paced?.p50, 'ms');
    push(name, false, `list_${k}_paced_p99_ms`, l.paced?.p99, 'ms');
    push(name, false, `list_${k}_paced_errors`, l.paced?.errors, 'count');
    push(peers.list, true, `list_${k}_p50_ms`, l.peer.p50, 'ms');
    push(peers.list, true, `list_${k}_p99_ms`, l.peer.p99, 'ms');
  });
}

// ---------------------------------------------------------------------------------------------
// Report

const value = (system, metric) =>
  results.find((r) => r.system === system && r.metric === metric)?.value ?? null;
const fmt = (v, unit) => {
  if (v === null || v === undefined) return '—';
  if (unit === 'tasks/s' || unit === 'count' || unit === 'requests/s')
    return Math.round(v).toLocaleString('en-US');
  return v < 10 ? v.toFixed(2) : v.toFixed(1);
};
const pct = (a, b) => `${Math.abs((a / b - 1) * 100).toFixed(0)}%`;

function targetList() {
  const out = [];
  const add = (label, v, limit, kind, unit) => {
    if (v === null) return out.push({ label, status: 'not measured' });
    const met = kind === 'min' ? v >= limit : v <= limit;
    const detail =
      kind === 'min'
        ? `${fmt(v, unit)} ${unit} (${met ? `${pct(v, limit)} above` : `${pct(v, limit)} short, ${fmt(limit - v, unit)} ${unit} more needed`})`
        : `${fmt(v, unit)} ${unit} (${met ? `${fmt(limit - v, unit)} ${unit} to spare` : `${fmt(v - limit, unit)} ${unit} over, ${pct(v, limit)}`})`;
    out.push({ label, met, detail });
  };
  for (const backend of STORES) {
    const ours = OURS[backend];
    const peer = PEER_NAMES[backend].create;
    if (PHASES.includes('create')) {
      add(
        `${ours} create ≥ ${fmt(TARGETS.createPerS, 'tasks/s')} tasks/s`,
        value(ours, 'create_tasks_per_s'),
        TARGETS.createPerS,
        'min',
        'tasks/s',
      );
      const v = value(ours, 'create_tasks_per_s');
      const p = value(peer, 'create_tasks_per_s');
      const label = `${ours} create ≥ ${TARGETS.createRatio}× ${peer}`;
      if (v === null || p === null) out.push({ label, status: 'not measured' });
      else {
        const ratio = v / p;
        const met = ratio >= TARGETS.createRatio;
        out.push({
          label,
          met,
          detail: `${fmt(v, 'tasks/s')} vs ${fmt(p, 'tasks/s')} tasks/s = ${ratio.toFixed(2)}× (${met ? `${pct(ratio, TARGETS.createRatio)} above` : `${pct(ratio, TARGETS.createRatio)} short, ${fmt(p * TARGETS.createRatio - v, 'tasks/s')} tasks/s more needed`})`,
        });
      }
    }
    for (const format of PHASES.includes('export') ? FORMATS : []) {
      add(
        `${ours} export ${format} ≥ ${fmt(TARGETS.exportPerS, 'tasks/s')} tasks/s (to the job's end)`,
        value(ours, `export_${format}_tasks_per_s`),
        TARGETS.exportPerS,
        'min',
        'tasks/s',
      );
      add(
        `${ours} export ${format} ≥ ${fmt(TARGETS.exportPerS, 'tasks/s')} tasks/s (with the download)`,
        value(ours, `export_${format}_with_download_tasks_per_s`),
        TARGETS.exportPerS,
        'min',
        'tasks/s',
      );
      add(
        `${ours} export ${format}: server peak RSS ≤ ${TARGETS.exportRssMb} MB`,
        value(ours, `export_${format}_peak_rss_mb`),
        TARGETS.exportRssMb,
        'max',
        'MB',
      );
    }
    (details[ours]?.list ?? []).forEach((l, i) => {
      const pacedErrs = value(ours, `list_${LIST_KEYS[i]}_paced_errors`);
      add(
        `${ours} list [${l.label}] p99 ≤ ${TARGETS.listP99Ms} ms, ${CONNECTIONS} clients at ${CLIENT_RATE} requests/s each${pacedErrs ? ` (and ${pacedErrs} errors)` : ''}`,
        value(ours, `list_${LIST_KEYS[i]}_paced_p99_ms`),
        TARGETS.listP99Ms,
        'max',
        'ms',
      );
      if (pacedErrs) out.at(-1).met = false;
      const errs = value(ours, `list_${LIST_KEYS[i]}_errors`);
      add(
        `${ours} list [${l.label}] p99 ≤ ${TARGETS.listP99Ms} ms, ${CONNECTIONS} connections as fast as they go (saturation)${errs ? ` (and ${errs} errors)` : ''}`,
        value(ours, `list_${LIST_KEYS[i]}_p99_ms`),
        TARGETS.listP99Ms,
        'max',
        'ms',
      );
      if (errs) out.at(-1).met = false;
    });
  }
  return out;
}

function tables() {
  const lines = [];
  for (const backend of STORES) {
    const ours = OURS[backend];
    const peers = PEER_NAMES[backend];
    const d = details[ours] ?? {};
    lines.push(`### ${backend === 'sqlite' ? 'Embedded store (SQLite)' : 'PostgreSQL'}`, '');
    lines.push(
      '| measure | Batchyard | peer | peer figure | Batchyard ÷ peer | target |',
      '|---|---:|---|---:|---:|---|',
    );
    const ratio = (v, p) => (v !== null && p ? `${(v / p).toFixed(2)}×` : '—');
    if (d.create || PHASES.includes('create')) {
      const v = value(ours, 'create_tasks_per_s');
      const p = value(peers.create, 'create_tasks_per_s');
      lines.push(
        `| create ${N.toLocaleString('en-US')} tasks, SDK over HTTP (tasks/s) | ${fmt(v, 'tasks/s')} | ${peers.create} | ${fmt(p, 'tasks/s')} | ${ratio(v, p)} | ≥ ${fmt(TARGETS.createPerS, 'tasks/s')} and ≥ ${TARGETS.createRatio}× |`,
      );
    }
    const peerExport = value(peers.export, 'export_jsonl_tasks_per_s');
    for (const format of PHASES.includes('export') ? FORMATS : []) {
      const e = d.export?.[format];
      const v = value(ours, `export_${format}_tasks_per_s`);
      const w = value(ours, `export_${format}_with_download_tasks_per_s`);
      lines.push(
        `| export ${format}, request → job end (tasks/s) | ${fmt(v, 'tasks/s')} | ${peers.export} | ${fmt(peerExport, 'tasks/s')} | ${ratio(v, peerExport)} | ≥ ${fmt(TARGETS.exportPerS, 'tasks/s')} |`,
        `| export ${format}, request → downloaded (tasks/s) | ${fmt(w, 'tasks/s')} | | | ${ratio(w, peerExport)} | ≥ ${fmt(TARGETS.exportPerS, 'tasks/s')} |`,
        `| export ${format}: server peak RSS (MB) | ${fmt(value(ours, `export_${format}_peak_rss_mb`), 'MB')} | | | ${e ? `RSS before ${fmt(e.rssBeforeMb, 'MB')} MB; ${fmt(mb(e.bytes), 'MB')} MB file` : ''} | ≤ ${TARGETS.exportRssMb} |`,
      );
    }
    (d.list ?? []).forEach((l, i) => {
      const k = LIST_KEYS[i];
      lines.push(
        `| list [${l.label}] p99 (ms), ${CONNECTIONS} clients × ${CLIENT_RATE} requests/s | ${fmt(l.paced?.p99 ?? null, 'ms')} | ${peers.list}, 1 client, p99 | ${fmt(l.peer.p99, 'ms')} | ${ratio(l.paced?.p99 ?? null, l.peer.p99)} | ≤ ${TARGETS.listP99Ms} |`,
        `| list [${l.label}] p50 (ms), paced | ${fmt(l.paced?.p50 ?? null, 'ms')} | 1 client, p50 | ${fmt(l.peer.p50, 'ms')} | ${ratio(l.paced?.p50 ?? null, l.peer.p50)} | |`,
        `| list [${l.label}] paced: requests/s / errors | ${fmt(l.paced?.requestsPerS ?? null, 'requests/s')} / ${l.paced?.errors ?? '—'} | | | | |`,
        `| list [${l.label}] p99 (ms), ${CONNECTIONS} connections, saturated | ${fmt(l.p99, 'ms')} | ${peers.list}, 1 client, p99 | ${fmt(l.peer.p99, 'ms')} | ${ratio(l.p99, l.peer.p99)} | ≤ ${TARGETS.listP99Ms} |`,
        `| list [${l.label}] p50 (ms), saturated | ${fmt(l.p50, 'ms')} | 1 client, p50 | ${fmt(l.peer.p50, 'ms')} | ${ratio(l.p50, l.peer.p50)} | |`,
        `| list [${l.label}] saturated: requests/s / errors | ${fmt(value(ours, `list_${k}_requests_per_s`), 'requests/s')} / ${l.errors} | | | | |`,
      );
    });
    lines.push('');
    if (d.errors?.length) lines.push(...d.errors.map((e) => `- error: ${e}`), '');
  }
  return lines;
}

/** What limits each figure: from profiles and EXPLAINs taken while developing (100,000 and 1,000,000 tasks). */
const LIMITS = [
  "- **Create, embedded**: the server uses about 22 µs of CPU a task (22 s for 1,000,000) and the SDK client about 6 µs, on the same 2 shared cores; 50,000 tasks/s would need both under 20 µs together. In a profile the insert itself is about 40% of the server's time: the tasks table is 6 B-trees (rowid table, id key, the unique (batch_id, unique_name) and 3 more indexes) with 2 foreign keys, the peer's 3 B-trees and none; the rest is Fastify's JSON parse and body check, the name and schema checks, building rows, the answer's serialisation and GC. Since the last run ids come from a pooled-random ULID (the `ulid` package made one crypto call per character) and Kysely's statements are prepared once per connection.",
  "- **Create, PostgreSQL**: the server waits on PostgreSQL (18 s of server CPU in 43 s). EXPLAIN ANALYZE of one 5,000-row insert: about 35 µs a row reading the JSON rows into jsonb columns, and 16 µs a row in the two foreign-key triggers, plus index upkeep for 5 indexes; the peer's COPY has 2 indexes and no triggers. 0.4× would need the foreign keys gone (a batch lock per chunk could replace them): not done this round.",
  "- **Export, embedded**: SQLite builds each JSON line itself (json_quote and the stored JSON text spliced in) and returns a page of 2,000 as one UTF-8 blob, so JavaScript touches no row; the file write and the job's progress are the rest. The CSV export still parses each task's data in JavaScript to flatten it into columns (building CSV in SQL measured 40% slower), and first reads every row's data keys for its header (json_each over all rows, about 1.4 s at 1,000,000).",
  "- **Export, PostgreSQL**: one `COPY (…) TO STDOUT (format binary)` in one read-only snapshot: PostgreSQL builds each line (or each CSV cell), and JavaScript only compacts jsonb's text to what JSON.stringify writes, byte by byte, so the output is the embedded store's. The artifact goes to the database (256 KB bytea chunks, the default on PostgreSQL so that every process can serve it); the same export to a file measured 183,000 tasks/s, so the database write is now the limit (lz4 compression of the chunk column measured 1.3–1.4× faster: not done). The peak RSS is set by garbage Buffers that V8 frees once external memory passes its soft limit (about 64 MB), not by the export's size.",
  "- **Lists**: a request costs the server about 1 ms of CPU: authentication, the project lookup, the query (0.4–0.7 ms, the peer column), 50 tasks mapped and serialised. Paced at 320 requests/s, a request answers in 1–3 ms (p50) and the p99 stays within the target except for PostgreSQL's own jitter (its direct query p99 is 4–9 ms). Saturated, the 32 connections queue on one event loop and SQLite's one connection: the latency is about 32 ÷ throughput, so p99 ≤ 20 ms there would need well over 1,600 requests/s with autocannon on the same 2 cores. On PostgreSQL without statistics (autovacuum is off on this server) list pages run with enable_sort off, so the planner reads the index in id order instead of sorting every match.",
];

const targets = targetList();
const json = {
  benchmark: 'tasks',
  machine: machineText,
  date: startedAt.toISOString(),
  settings: SETTINGS,
  results,
  targets,
  details,
};
const targetLines = targets.map(
  (t) =>
    `- ${t.status ? '**not measured**' : t.met ? '**met**' : '**missed**'} — ${t.label}${t.detail ? `: ${t.detail}` : ''}`,
);
const createLine = (b) => {
  const c = details[OURS[b]]?.create;
  return c
    ? `${b}: ${fmt(c.ms / 1000, 's')} s, server CPU ${fmt(c.serverCpuS, 's')} s, client CPU ${fmt(c.clientCpuS, 's')} s, server peak RSS ${fmt(c.serverPeakRssMb, 'MB')} MB`
    : `${b}: —`;
};
const md = [
  '# Tasks benchmark',
  '',
  `Run ${startedAt.toISOString()} on ${machineText}${pgVersion ? `; PostgreSQL ${pgVersion} (synchronous_commit=${SETTINGS.postgresSettings.synchronous_commit}) on the same host` : ''}. Produced by \`npm run bench -- tasks\` (bench/tasks.mjs); every figure below comes from this one run.`,
  '',
  `N = ${N.toLocaleString('en-US')} tasks in one batch, the same tasks for every system: \`{name: 't-<i>', data: {text (about 70 characters), priority: i % 10, category, flagged, n}, properties: {score}}\`.`,
  '',
  ...tables(),
  '## Targets',
  '',
  ...targetLines,
  '',
  ...(LIMITS.length
    ? ['## What limits the figures (profiles taken while developing, same machine)', '', ...LIMITS, '']
    : []),
  '## Settings',
  '',
  `- **Server**: one Batchyard server per store in a child process of the benchmark (\`buildApp\` + \`listen\` on 127.0.0.1; logger off, rate limit off, in-process job runner with the default jobConcurrency 10, pool 10); a fresh SQLite file in a temp dir (WAL, synchronous=NORMAL: the embedded store's defaults) or a fresh PostgreSQL database. The benchmark process is the client (the machine has ${cpus.length} cores, shared).`,
  `- **Create**: ${SETTINGS.client}, uniqueness check on (the default), onExisting=error; the project has a task schema (text string, priority integer ≥ 0, …) that every task's data is checked against; the tasks are an array built before the clock starts; the time runs from the call to its resolution (every result checked: ${N.toLocaleString('en-US')} created). CPU during the create (/proc/<pid>/stat for the server, process.cpuUsage for the client): ${STORES.map(createLine).join('; ')}.`,
  `- **Peers (create)**: better-sqlite3 ${SETTINGS.betterSqlite3}: a fresh file with the same pragmas (WAL, synchronous=NORMAL), \`${SQLITE_TABLE}\` with \`${UNIQUE_INDEX}\`; one transaction, one prepared statement, \`run()\` per task; the timed loop makes each row as the server does (a monotonic ULID id, \`JSON.stringify\` of data, stored twice as data and initial_data). PostgreSQL: a fresh database, the same table with jsonb for the JSON columns, the same unique index, one \`COPY … FROM STDIN\` in text format through pg-copy-streams ${SETTINGS.pgCopyStreams}, the text made from the same tasks in 64 KiB pieces. Batchyard's tasks table also has the (project_id, id), (project_id, status, id) and (batch_id, id) indexes, foreign keys, and its request handling (HTTP, JSON parse, the schema and name checks, per-item results).`,
  `- **Export**: the server is restarted on the same data before the exports; for each format, \`POST /v1/tasks/export {filter: {projectId, batchIds: [the batch]}, format}\` (default fields), then \`GET /v1/jobs/{id}?wait=30\` until it ends, then \`GET /v1/jobs/{id}/artifacts/tasks.<format>\` with its lines counted (N, or N + 1 with the CSV header). Server peak RSS: VmHWM from /proc/<pid>/status, reset with \`echo 5 > /proc/<pid>/clear_refs\` just before each export. Peers, on the peer's table of the same rows: better-sqlite3 \`select … order by id\` iterated, each row written as one JSON line with data spliced in as stored, to a file (1 MiB buffers); PostgreSQL \`COPY (select json_build_object(…)::text from tasks … order by id) TO STDOUT\` through pg-copy-streams into a file.`,
  `- **Lists**: autocannon ${SETTINGS.autocannon.version}, ${CONNECTIONS} connections (pipelining 1), ${WARMUP_SECONDS} s of warm-up not counted, then per URL two runs of ${LIST_SECONDS} s: *paced* (the target's figure), ${CONNECTIONS} clients (one keep-alive connection each, bench/lib/common.mjs pacedLoad in a process of its own, so the benchmark's 1,000,000 tasks in memory and their garbage collections cannot delay them) each sending a request every ${Math.round(1000 / CLIENT_RATE)} ms, phases spread evenly (${CONNECTIONS * CLIENT_RATE} requests/s in all), latency from the time a request was due (a client still waiting on its previous answer sends late and that wait counts); autocannon's rate mode is not used for it because each connection sends its per-second quota back to back and its coordinated-omission correction assumes a 1 ms interval; and *saturated* (autocannon), the ${CONNECTIONS} connections as fast as they go (each sends its next request when its answer arrives, so the latency there is the queue of ${CONNECTIONS} requests ÷ throughput); URLs: ${LISTS.map((l) => `\`GET /v1/tasks?projectId={projectId}&${l.query}\``).join(' and ')}; every task is pending, so the status matches all ${N.toLocaleString('en-US')} tasks and the data filter 1 in 10 (priority = 3) or 2 in 10 (priority ≥ 8). Errors = connection errors + timeouts + non-2xx. Peer: the SQL the server runs for that page (the task filter, including its \`batch_id not in (batches being deleted)\`, \`order by id limit 51\`) run directly on Batchyard's own database after the load (better-sqlite3 read-only connection / one pg connection, prepared, with enable_sort off as the server runs it), one client, ${PEER_QUERIES} times in a row.`,
  `- PostgreSQL: a \`checkpoint\` and a 200 ms pause before each timed phase, so one phase's writes do not checkpoint inside the next.`,
  `- Command: \`npm run bench -- tasks\` (environment: BENCH_TASKS, BENCH_STORES, BENCH_PG, BENCH_CHUNK, BENCH_CONNECTIONS, BENCH_LIST_SECONDS, BENCH_PEER_QUERIES, BENCH_FORMATS, BENCH_CLIENT, BENCH_PHASES, BENCH_SERVER_NODE_ARGS, BENCH_KEEP).`,
  '',
];

mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', 'tasks.json'), `${JSON.stringify(json, null, 2)}\n`);
writeFileSync(join(here, 'results', 'tasks.md'), md.join('\n'));
console.log(['', ...tables(), 'Targets:', ...targetLines, ''].join('\n'));
log(`wrote bench/results/tasks.json and tasks.md (${(performance.now() / 1000).toFixed(0)} s)`);
agent.destroy();
process.exit(0);
