// The tasks benchmark's peers on the embedded store's engine, better-sqlite3: the same tasks
// inserted into a table of the tasks shape and exported as JSONL, and a list page's SQL run
// straight on Batchyard's own database.
import os from 'node:os';
import { createRequire } from 'node:module';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { cpuPerUnitUs, cpuWindow } from '../lib/server.mjs';
import {
  LIGHT_COLUMNS,
  PEER_IDS,
  SQLITE_TABLE,
  TABLE_COLUMNS,
  UNIQUE_INDEX,
  claimSql,
  peerRow,
  queryTimes,
} from './data.mjs';
import { PEER_QUERIES } from './settings.mjs';

const require = createRequire(import.meta.url);
const BetterSqlite3 = require('better-sqlite3');
const { monotonicFactory } = require('ulid');
const now = () => performance.now();

export const names = {
  create: 'better-sqlite3 insert',
  export: 'better-sqlite3 SELECT → JSONL file',
  list: 'the same SQL on better-sqlite3',
  claim: "the claim's core UPDATE on better-sqlite3",
};

/** Inserts `tasks` in one transaction, then writes them out as JSON lines; the time of each. */
export async function createAndExport(tasks) {
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
    let cpu = cpuWindow();
    let t0 = now();
    const at = Date.now();
    db.transaction(() => {
      for (const t of tasks) insert.run(peerRow(nextId, t, at));
    })();
    const createMs = now() - t0;
    const createCpu = cpuPerUnitUs(cpu(), tasks.length);
    db.pragma('wal_checkpoint(TRUNCATE)');
    // Export: every row as one JSON line, data spliced in as stored (no parse), written to a file.
    const file = join(dir, 'tasks.jsonl');
    const select = db.prepare(`select ${TABLE_COLUMNS.join(', ')} from tasks where batch_id = ? order by id`);
    cpu = cpuWindow();
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
    const exportCpu = cpuPerUnitUs(cpu(), tasks.length);
    if (count !== tasks.length) throw new Error(`sqlite peer exported ${count} rows`);
    return { createMs, exportMs, exportBytes: statSync(file).size, createCpu, exportCpu };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The SQL the server runs for a list page (taskWhere + keyset page of 50 + 1) on SQLite. */
function listSql(spec) {
  const eq = spec.query.includes(':eq:');
  return {
    text: `select ${LIGHT_COLUMNS} from tasks where project_id = ? and workspace_id = ? and status in (?) and batch_id not in (select id from batches where state = 'deleting' and project_id = ?) and json_extract(data, '$."priority"') ${eq ? '=' : '>='} ? order by id asc limit 51`,
    value: eq ? 3 : 8,
  };
}

/** A list page's SQL on the server's SQLite file, one client, PEER_QUERIES times in a row. */
export function listQuery(server, projectId, spec) {
  const { text, value } = listSql(spec);
  const times = [];
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
  return queryTimes(times);
}

/**
 * The claim's core statement ({@link claimSql}) on the server's SQLite file, one client,
 * PEER_QUERIES times in a row: each takes a different task of the batch, as a claim does.
 */
export function claimQuery(server, batchId) {
  const times = [];
  const db = new BetterSqlite3(join(server.dataDir, 'batchyard.db'));
  try {
    db.pragma('busy_timeout = 5000');
    const memberId = db.prepare('select id from members limit 1').get().id;
    const stmt = db.prepare(claimSql(() => '?', ''));
    for (let i = 0; i < PEER_QUERIES; i++) {
      const at = Date.now();
      const t0 = now();
      const row = stmt.get(memberId, at + 300_000, at, batchId);
      times.push(now() - t0);
      if (!row) throw new Error('claim peer: the queue is empty');
    }
  } finally {
    db.close();
  }
  return queryTimes(times);
}
