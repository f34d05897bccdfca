import type BetterSqlite3 from 'better-sqlite3';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { sqliteDatabase } from '../driver.js';
import type { Store } from '../index.js';
import type { RowsBackend } from './backend.js';
import { ident, type ChunkBookkeeping, type StoredValue } from './types.js';

type Statement = BetterSqlite3.Statement<unknown[]>;

// Prepared once per connection and statement text: Kysely would compile and prepare each insert
// again, which costs more than the insert itself at hundreds of thousands of rows per second.
const prepared = new WeakMap<BetterSqlite3.Database, Map<string, Statement>>();

function statement(raw: BetterSqlite3.Database, text: string): Statement {
  let cache = prepared.get(raw);
  if (!cache) prepared.set(raw, (cache = new Map()));
  let stmt = cache.get(text);
  if (!stmt) cache.set(text, (stmt = raw.prepare(text)));
  return stmt;
}

/** Anonymous parameters per statement (SQLite's historical limit is 999; one more is named). */
const MAX_PARAMS = 998;
/** Rows per multi-row INSERT: the per-statement cost is paid once for all of them. */
const ROWS_PER_STATEMENT = 100;

/** One transaction: the chunk's rows, then the batch's counts and resume state. */
export function insertRowsSqlite(
  raw: BetterSqlite3.Database,
  table: string,
  columnIds: readonly string[],
  rows: readonly StoredValue[][],
  book: ChunkBookkeeping,
): void {
  const width = columnIds.length;
  const many = Math.max(1, Math.min(ROWS_PER_STATEMENT, Math.floor(MAX_PARAMS / width)));
  // The batch key is one named parameter, bound once per statement instead of once per row.
  const head = `insert into ${table} (_batch${columnIds.map((c) => `, ${c}`).join('')}) values `;
  const tuple = `($batch${', ?'.repeat(width)})`;
  const insertOne = statement(raw, head + tuple);
  const insertMany = statement(raw, head + new Array<string>(many).fill(tuple).join(', '));
  const key = statement(raw, 'select row_key from batches where id = ?');
  const update = statement(
    raw,
    'update batches set row_count = row_count + ?, error_count = error_count + ?, resume = ? where id = ?',
  );
  const named = { batch: 0 };
  const one: unknown[] = new Array<unknown>(width);
  const params: unknown[] = new Array<unknown>(width * many);
  const fill = (target: unknown[], at: number, row: readonly StoredValue[]) => {
    for (let i = 0; i < width; i++) {
      const v = row[i] ?? null;
      target[at + i] = typeof v === 'boolean' ? (v ? 1 : 0) : v;
    }
  };
  raw.transaction(() => {
    const found = key.get(book.batchId) as { row_key: number } | undefined;
    if (!found) throw new Error(`batch ${book.batchId} is gone`);
    named.batch = found.row_key;
    let r = 0;
    for (; r + many <= rows.length; r += many) {
      for (let k = 0; k < many; k++) fill(params, k * width, rows[r + k]!);
      insertMany.run(params, named);
    }
    for (; r < rows.length; r++) {
      fill(one, 0, rows[r]!);
      insertOne.run(one, named);
    }
    update.run(book.addRows, book.addErrors, book.resume, book.batchId);
  })();
}

/** A list of text values as one parameter (a JSON array), for `x in (…)` with any number of values. */
export function textListSqlite(values: readonly string[]): RawBuilder<unknown> {
  return sql`(select value from json_each(${JSON.stringify(values)}))`;
}

/** Migration 0010 on SQLite (see convertRowsTablesToBatchKeys). */
async function convertTableToBatchKeys(db: Kysely<unknown>, t: string): Promise<void> {
  // SQLite cannot change a column's type: the table is rebuilt under a new name and renamed.
  const columns = await sql<{
    name: string;
    type: string;
  }>`select name, type from pragma_table_info(${t}) order by cid`.execute(db);
  if (columns.rows.length === 0) return;
  const own = columns.rows.filter((c) => c.name !== '_id' && c.name !== '_batch');
  const defs = own.map((c) => `${ident(c.name)} ${ident(c.type.toLowerCase())}`);
  const names = own.map((c) => ident(c.name));
  const indexes = await sql<{
    sql: string;
  }>`select sql from sqlite_master where type = 'index' and tbl_name = ${t} and sql is not null`.execute(db);
  const next = `${t}__keys`;
  await sql
    .raw(
      `create table ${next} (${['_id integer primary key autoincrement', '_batch integer not null', ...defs].join(', ')})`,
    )
    .execute(db);
  await sql
    .raw(
      `insert into ${next} (${['_id', '_batch', ...names].join(', ')}) select ${['r._id', 'b.row_key', ...names.map((n) => `r.${n}`)].join(', ')} from ${t} r join batches b on b.id = r._batch order by r._id`,
    )
    .execute(db);
  // The old table's sequence, which may be past its highest remaining row id.
  await sql`delete from sqlite_sequence where name = ${next}`.execute(db);
  await sql`insert into sqlite_sequence (name, seq) select ${next}, seq from sqlite_sequence where name = ${t}`.execute(
    db,
  );
  await sql.raw(`drop table ${t}`).execute(db);
  await sql.raw(`alter table ${next} rename to ${t}`).execute(db);
  for (const index of indexes.rows) await sql.raw(index.sql).execute(db);
}

export const sqliteRows: RowsBackend = {
  idColumn: '_id integer primary key autoincrement',
  convertTableToBatchKeys,
  // One writer: a transaction holds the whole database already.
  lockTable: async () => undefined,
  insertChunk: async (store: Store, table, columnIds, rows, book) => {
    // Holding Kysely's connection keeps every other statement out of the chunk's transaction.
    await store.db.connection().execute(async () => {
      insertRowsSqlite(sqliteDatabase(store), table, columnIds, rows, book);
    });
  },
  // Each bound its own subquery: a lone min() or max() is one seek in the (_batch, rowid) index,
  // where both in one select walk every entry of the batch (about 100 ms at 1,000,000 rows).
  rowIdRange: (t, key) =>
    sql`select (select min(_id) from ${t} where _batch = ${key}) as lo, (select max(_id) from ${t} where _batch = ${key}) as hi`,
};
