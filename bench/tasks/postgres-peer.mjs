// The tasks benchmark's peers on PostgreSQL: the same tasks loaded with one COPY into a table of the
// tasks shape and exported with COPY (SELECT json) TO STDOUT, and a list page's SQL run straight on
// Batchyard's own database.
import os from 'node:os';
import { createRequire } from 'node:module';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { copyText } from '../lib/common.mjs';
import { cpuPerUnitUs, cpuWindow } from '../lib/server.mjs';
import {
  LIGHT_COLUMNS,
  PEER_IDS,
  PG_TABLE,
  TABLE_COLUMNS,
  UNIQUE_INDEX,
  claimSql,
  peerRow,
  queryTimes,
} from './data.mjs';
import { PEER_QUERIES, postgres } from './settings.mjs';

const require = createRequire(import.meta.url);
const { from: copyFrom, to: copyTo } = require('pg-copy-streams');
const { monotonicFactory } = require('ulid');
const { createDatabase, dropDatabase, settle: settlePostgres } = postgres;
const now = () => performance.now();

export const names = {
  create: 'postgres COPY',
  export: 'postgres COPY (SELECT json) TO STDOUT → file',
  list: 'the same SQL on pg',
  claim: "the claim's core UPDATE on pg",
};

/** Loads `tasks` with one COPY into a fresh database, then copies them out as JSON lines; the time of each. */
export async function createAndExport(tasks) {
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
      for (const t of tasks) {
        const r = peerRow(nextId, t, at);
        text += `${r.map((v) => (typeof v === 'string' ? copyText(v) : String(v))).join('\t')}\n`;
        if (text.length > 65536) {
          yield text;
          text = '';
        }
      }
      if (text) yield text;
    }
    let cpu = cpuWindow({ postgres: true });
    let t0 = now();
    await pipeline(
      Readable.from(lines()),
      client.query(copyFrom(`copy tasks (${TABLE_COLUMNS.join(', ')}) from stdin`)),
    );
    const createMs = now() - t0;
    const createCpu = cpuPerUnitUs(cpu(), tasks.length);
    await settlePostgres();
    const file = join(dir, 'tasks.jsonl');
    cpu = cpuWindow({ postgres: true });
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
    const exportCpu = cpuPerUnitUs(cpu(), tasks.length);
    const text = readFileSync(file);
    let lines2 = 0;
    for (let i = text.indexOf(10); i !== -1; i = text.indexOf(10, i + 1)) lines2++;
    if (lines2 !== tasks.length) throw new Error(`postgres peer exported ${lines2} lines`);
    return { createMs, exportMs, exportBytes: text.length, createCpu, exportCpu };
  } finally {
    await client.end();
    await dropDatabase(db.name);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The SQL the server runs for a list page (taskWhere + keyset page of 50 + 1) on PostgreSQL. */
function listSql(spec) {
  const eq = spec.query.includes(':eq:');
  return {
    text: eq
      ? `select ${LIGHT_COLUMNS} from tasks where project_id = $1 and workspace_id = $2 and status in ($3) and batch_id not in (select id from batches where state = 'deleting' and project_id = $4) and (data #> '{priority}') = cast($5 as jsonb) order by id asc limit 51`
      : `select ${LIGHT_COLUMNS} from tasks where project_id = $1 and workspace_id = $2 and status in ($3) and batch_id not in (select id from batches where state = 'deleting' and project_id = $4) and (jsonb_typeof(data #> '{priority}') = 'number' and (data #> '{priority}') >= cast($5 as jsonb)) order by id asc limit 51`,
    value: eq ? '3' : '8',
  };
}

/** A list page's SQL on the server's database, one pg client, PEER_QUERIES times in a row. */
export async function listQuery(server, projectId, spec) {
  const { text, value } = listSql(spec);
  const times = [];
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
  return queryTimes(times);
}

/**
 * The claim's core statement ({@link claimSql}, `FOR UPDATE SKIP LOCKED`) on the server's
 * database, one pg client, PEER_QUERIES times in a row, each taking a different task.
 */
export async function claimQuery(server, batchId) {
  const times = [];
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  try {
    const { rows } = await client.query('select id from members limit 1');
    const query = { name: 'claim', text: claimSql((i) => `$${i}`, 'for update skip locked') };
    for (let i = 0; i < PEER_QUERIES; i++) {
      const at = Date.now();
      const t0 = now();
      const result = await client.query({ ...query, values: [rows[0].id, at + 300_000, at, batchId] });
      times.push(now() - t0);
      if (result.rows.length !== 1) throw new Error('claim peer: the queue is empty');
    }
  } finally {
    await client.end();
  }
  return queryTimes(times);
}
