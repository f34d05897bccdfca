import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DialectName } from '../dialect.js';
import type { FilterOperator } from '../../filters.js';
import type { Db, Store } from '../index.js';
import type { ColumnType } from '../tables.js';
import { copyRowsPostgres, textListPostgres } from './postgres.js';
import { insertRowsSqlite, textListSqlite } from './sqlite.js';

/**
 * A dataset's rows live in a table of their own (`rows_<ulid>`), with one typed physical column per
 * dataset column (named by the column id, `c<n>`), plus `_id` (row id, never reused) and `_batch`,
 * the batch's `row_key`: a small integer given at its creation, unique in its dataset and never
 * reused (an integer costs about a third less per inserted row than the 30-character batch id, in
 * the table and its index). Real columns keep ingestion close to a plain insert and let filters
 * and sorts use the database's own comparisons. A dataset's visible rows are those whose batch is
 * `active`: suspending or restoring a batch flips its state and never rewrites a row. Callers
 * name batches by id; the keys stay in this layer.
 */
export interface RowColumn {
  id: string;
  type: ColumnType;
}

/**
 * A row's values in storage form, in the order of the columns given with them: text, dates (ISO
 * 8601 text) and json (JSON text) are strings, numerics numbers, booleans booleans, missing null.
 */
export type StoredValue = string | number | boolean | null;

export type RowFilterOperator = FilterOperator;
export interface RowFilter {
  column: RowColumn;
  operator: RowFilterOperator;
  /** Storage form; an array for `in`. */
  value: StoredValue | StoredValue[];
}

/** Which rows of the table a read covers. */
export type RowScope =
  { kind: 'active'; datasetId: string } | { kind: 'batches'; batchIds: readonly string[] };

export interface RowSort {
  column: RowColumn | null; // null: by row id only
  direction: 'asc' | 'desc';
}

export interface StoredRow {
  _id: number;
  /** The batch id (mapped from the stored key). */
  _batch: string;
  [columnId: string]: unknown;
}

const IDENT = /^[a-z0-9_]+$/;
/** Table and column names come from our own ids; anything else never reaches SQL. */
function ident(name: string): string {
  if (!IDENT.test(name)) throw new Error(`unsafe identifier ${JSON.stringify(name)}`);
  return name;
}

function physicalType(store: Store, type: ColumnType): string {
  const pg = store.dialectName === 'postgres';
  switch (type) {
    case 'text':
    case 'date':
      return 'text';
    case 'numeric':
      return pg ? 'double precision' : 'real';
    case 'boolean':
      return pg ? 'boolean' : 'integer';
    case 'json':
      return pg ? 'jsonb' : 'text';
  }
}

export async function createRowsTable(store: Store, db: Db, table: string, columns: readonly RowColumn[]) {
  const idColumn =
    store.dialectName === 'postgres'
      ? '_id bigint generated always as identity primary key'
      : '_id integer primary key autoincrement';
  const defs = columns.map((c) => `${ident(c.id)} ${physicalType(store, c.type)}`);
  await sql
    .raw(`create table ${ident(table)} (${[idColumn, '_batch integer not null', ...defs].join(', ')})`)
    .execute(db);
  await sql.raw(`create index ${ident(table)}_batch_idx on ${ident(table)} (_batch)`).execute(db);
}

/**
 * Migration 0010: rows tables created before batch keys carried the batch id in `_batch`. Each
 * batch gets the next key of its dataset (in id order, i.e. creation order), and each rows table
 * is rewritten with the keys; rows of no batch (none unless a purge was cut short) are not kept,
 * being visible nowhere. Row ids stay as they were, and so does the id sequence (ids are never
 * reused: search results and cursors name them).
 */
export async function convertRowsTablesToBatchKeys(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const datasets = await sql<{
    rows_table: string;
  }>`select rows_table from datasets order by id`.execute(db);
  for (const { rows_table } of datasets.rows) {
    const t = ident(rows_table);
    if (dialect === 'postgres') {
      const exists =
        await sql`select 1 from pg_tables where tablename = ${t} and schemaname = current_schema()`.execute(
          db,
        );
      if (exists.rows.length === 0) continue;
      await sql.raw(`alter table ${t} add column _batch_key integer`).execute(db);
      await sql
        .raw(`update ${t} set _batch_key = b.row_key from batches b where b.id = ${t}._batch`)
        .execute(db);
      await sql.raw(`delete from ${t} where _batch_key is null`).execute(db);
      // Dropping the column drops its index too.
      await sql.raw(`alter table ${t} drop column _batch`).execute(db);
      await sql.raw(`alter table ${t} rename column _batch_key to _batch`).execute(db);
      await sql.raw(`alter table ${t} alter column _batch set not null`).execute(db);
      await sql.raw(`create index ${t}_batch_idx on ${t} (_batch)`).execute(db);
      continue;
    }
    // SQLite cannot change a column's type: the table is rebuilt under a new name and renamed.
    const columns = await sql<{
      name: string;
      type: string;
    }>`select name, type from pragma_table_info(${t}) order by cid`.execute(db);
    if (columns.rows.length === 0) continue;
    const own = columns.rows.filter((c) => c.name !== '_id' && c.name !== '_batch');
    const defs = own.map((c) => `${ident(c.name)} ${ident(c.type.toLowerCase())}`);
    const names = own.map((c) => ident(c.name));
    const indexes = await sql<{
      sql: string;
    }>`select sql from sqlite_master where type = 'index' and tbl_name = ${t} and sql is not null`.execute(
      db,
    );
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
}

export async function addRowsColumns(store: Store, db: Db, table: string, columns: readonly RowColumn[]) {
  for (const c of columns) {
    await sql
      .raw(`alter table ${ident(table)} add column ${ident(c.id)} ${physicalType(store, c.type)}`)
      .execute(db);
  }
}

export async function createKeyIndex(db: Db, table: string, columnId: string) {
  await sql
    .raw(
      `create index if not exists ${ident(table)}_${ident(columnId)}_key_idx on ${ident(table)} (${ident(columnId)})`,
    )
    .execute(db);
}

/**
 * Takes a rows table for the rest of the transaction, before anything else is touched: a chunk
 * being written holds the table and then updates its batch, so a delete that took the batch rows
 * first and the table second would deadlock with it (PostgreSQL). Taking the table first waits
 * for the chunk in flight; the next chunk finds the table gone. SQLite has one writer: nothing to do.
 */
export async function lockRowsTable(store: Store, db: Db, table: string) {
  if (store.dialectName !== 'postgres') return;
  await sql.raw(`lock table ${ident(table)} in access exclusive mode`).execute(db);
}

export async function dropRowsTable(db: Db, table: string) {
  await sql.raw(`drop table if exists ${ident(table)}`).execute(db);
}

/** What to record on the batch in the same transaction as a chunk of rows. */
export interface ChunkBookkeeping {
  batchId: string;
  addRows: number;
  addErrors: number;
  /** Resume state (JSON text) for a retry of the creating job, or null. */
  resume: string | null;
}

/**
 * Inserts one chunk of rows into `table` under `batchId` and updates the batch's counts and resume
 * state, in one transaction: a crash leaves either both or neither, so a retried job continues
 * from its resume state without duplicating a row.
 */
export async function insertRowChunk(
  store: Store,
  table: string,
  columnIds: readonly string[],
  rows: readonly StoredValue[][],
  book: ChunkBookkeeping,
): Promise<void> {
  ident(table);
  columnIds.forEach(ident);
  if (store.dialect.driver.kind === 'sqlite') {
    const driver = store.dialect.driver;
    await store.db.connection().execute(async () => {
      const raw = driver.database();
      if (!raw) throw new Error('SQLite connection is not open');
      insertRowsSqlite(raw, table, columnIds, rows, book);
    });
  } else {
    await copyRowsPostgres(store.dialect.driver.pool, table, columnIds, rows, book);
  }
}

/** A column copied as it is from one rows table to another (same type). */
export interface CopiedColumn {
  from: string;
  to: string;
}

/**
 * Copies the next rows of `scope` in `source` (at most `limit`, by row id after `afterId`) into
 * `target` under `batchId`, inside the database (INSERT … SELECT), in one transaction with the
 * batch's count and the resume state made from the last row id copied. Returns how many rows went
 * and the last row id, or null when nothing was left.
 */
export async function copyRowChunk(
  store: Store,
  source: string,
  target: string,
  columns: readonly CopiedColumn[],
  scope: RowScope,
  afterId: number,
  limit: number,
  book: { batchId: string; resume: (lastId: number) => string },
): Promise<{ rows: number; lastId: number } | null> {
  const src = sql.table(ident(source));
  const dst = sql.table(ident(target));
  const where = whereRows(store, scope, [], 'and');
  const into = sql.join([sql.raw('_batch'), ...columns.map((c) => sql.ref(ident(c.to)))]);
  return store.transaction(async (trx) => {
    const key = await batchKey(trx, book.batchId);
    const values = sql.join([sql`${key}`, ...columns.map((c) => sql.ref(ident(c.from)))]);
    const bound = await sql<{
      last: number | string | null;
    }>`select max(_id) as last from (select _id from ${src} where ${where} and _id > ${afterId} order by _id limit ${limit}) s`.execute(
      trx,
    );
    const last = bound.rows[0]?.last;
    if (last === null || last === undefined) return null;
    const lastId = Number(last);
    const inserted =
      await sql`insert into ${dst} (${into}) select ${values} from ${src} where ${where} and _id > ${afterId} and _id <= ${lastId} order by _id`.execute(
        trx,
      );
    const rows = Number(inserted.numAffectedRows ?? 0n);
    await sql`update batches set row_count = row_count + ${rows}, resume = ${book.resume(lastId)} where id = ${book.batchId}`.execute(
      trx,
    );
    return { rows, lastId };
  });
}

/** The row key of a batch (see createRowsTable); throws when the batch is gone. */
async function batchKey(db: Db, batchId: string): Promise<number> {
  const result = await sql<{
    row_key: number;
  }>`select row_key from batches where id = ${batchId}`.execute(db);
  const row = result.rows[0];
  if (!row) throw new Error(`batch ${batchId} is gone`);
  return Number(row.row_key);
}

/** A batch's key inside a statement: evaluated once (uncorrelated), so the `_batch` index applies. */
function keyOf(batchId: string): RawBuilder<unknown> {
  return sql`(select row_key from batches where id = ${batchId})`;
}

/**
 * The lowest and highest row ids of a batch, or null when it has no rows. On SQLite each bound is
 * its own subquery: a lone min() or max() is one seek in the (_batch, rowid) index, where both in
 * one select walk every entry of the batch (about 100 ms at 1,000,000 rows, with the API waiting).
 */
export async function batchRowIdRange(
  store: Store,
  db: Db,
  table: string,
  batchId: string,
): Promise<{ min: number; max: number } | null> {
  const t = sql.table(ident(table));
  const result = await sql<{
    lo: number | string | null;
    hi: number | string | null;
  }>`${
    store.dialectName === 'sqlite'
      ? sql`select (select min(_id) from ${t} where _batch = ${keyOf(batchId)}) as lo,
          (select max(_id) from ${t} where _batch = ${keyOf(batchId)}) as hi`
      : sql`select min(_id) as lo, max(_id) as hi from ${t} where _batch = ${keyOf(batchId)}`
  }`.execute(db);
  const row = result.rows[0];
  if (!row || row.lo === null || row.hi === null) return null;
  return { min: Number(row.lo), max: Number(row.hi) };
}

/**
 * Deletes the rows of one batch whose row id is in (`afterId`, `upTo`]; returns how many went.
 * Walking a batch by row-id windows reads each row once; repeated "first n rows of the batch"
 * deletes would step over the rows already deleted (dead index entries on PostgreSQL) every time.
 */
export async function deleteBatchRowRange(
  db: Db,
  table: string,
  batchId: string,
  afterId: number,
  upTo: number,
): Promise<number> {
  const t = sql.table(ident(table));
  const result =
    await sql`delete from ${t} where _id > ${afterId} and _id <= ${upTo} and _batch = ${keyOf(batchId)}`.execute(
      db,
    );
  return Number(result.numAffectedRows ?? 0n);
}

/** Deletes up to `limit` rows of one batch; returns how many went. Small steps keep the API responsive. */
export async function deleteBatchRows(
  db: Db,
  table: string,
  batchId: string,
  limit: number,
): Promise<number> {
  const t = sql.table(ident(table));
  const result =
    await sql`delete from ${t} where _id in (select _id from ${t} where _batch = ${keyOf(batchId)} limit ${limit})`.execute(
      db,
    );
  return Number(result.numAffectedRows ?? 0n);
}

/** A scope whose batches were looked up: their keys, and the id of each key. */
interface KeyScope {
  kind: 'keys';
  keys: number[];
  ids: Map<number, string>;
}

/** Up to this many ids are bound one parameter each; more go as one list parameter. */
const MAX_BOUND_IDS = 500;

/**
 * `(…)` for `id in (…)`: the ids bound one by one, or as one list parameter when there are many
 * (a merge of a whole dataset can name tens of thousands of batches; SQLite takes at most 32,766
 * parameters per statement, PostgreSQL 65,535).
 */
function idList(store: Store, ids: readonly string[]): RawBuilder<unknown> {
  if (ids.length <= MAX_BOUND_IDS) return sql`(${sql.join(ids)})`;
  return store.dialectName === 'postgres' ? textListPostgres(ids) : textListSqlite(ids);
}

function activeCondition(datasetId: string): RawBuilder<unknown> {
  return sql`_batch in (select row_key from batches where dataset_id = ${datasetId} and state = 'active')`;
}

function scopeCondition(store: Store, scope: RowScope | KeyScope): RawBuilder<unknown> {
  if (scope.kind === 'active') return activeCondition(scope.datasetId);
  if (scope.kind === 'keys') {
    if (scope.keys.length === 0) return sql`1 = 0`;
    return sql`_batch in (${sql.join(scope.keys)})`;
  }
  if (scope.batchIds.length === 0) return sql`1 = 0`;
  return sql`_batch in (select row_key from batches where id in ${idList(store, scope.batchIds)})`;
}

/** Above this many active batches, reads keep the subquery instead of a list of keys. */
const MAX_LISTED_BATCHES = 500;

/**
 * The batches of a scope as a list of keys, read first: the planner then sees the values (an
 * empty list answers at once, where the subquery form made PostgreSQL walk the whole table).
 */
async function listScope(store: Store, scope: RowScope): Promise<RowScope | KeyScope> {
  if (scope.kind === 'batches' && scope.batchIds.length === 0) return scope;
  const result = await sql<{ id: string; row_key: number }>`select id, row_key from batches where ${
    scope.kind === 'active'
      ? sql`dataset_id = ${scope.datasetId} and state = 'active'`
      : sql`id in ${idList(store, scope.batchIds)}`
  } limit ${MAX_LISTED_BATCHES + 1}`.execute(store.db);
  if (result.rows.length > MAX_LISTED_BATCHES) return scope;
  const ids = new Map(result.rows.map((r) => [Number(r.row_key), r.id]));
  return { kind: 'keys', keys: [...ids.keys()], ids };
}

/** Replaces the stored batch keys of rows read under `scope` by the batches' ids. */
async function withBatchIds(
  store: Store,
  scope: RowScope | KeyScope,
  rows: { _batch: unknown }[],
): Promise<void> {
  if (rows.length === 0) return;
  let ids: Map<number, string>;
  if (scope.kind === 'keys') ids = scope.ids;
  else {
    // Only a scope of many batches gets here: look up the keys of this page.
    const keys = [...new Set(rows.map((r) => Number(r._batch)))];
    const found = await sql<{ id: string; row_key: number }>`select id, row_key from batches where ${
      scope.kind === 'active'
        ? sql`dataset_id = ${scope.datasetId}`
        : sql`id in ${idList(store, scope.batchIds)}`
    } and row_key in (${sql.join(keys)})`.execute(store.db);
    ids = new Map(found.rows.map((r) => [Number(r.row_key), r.id]));
  }
  for (const row of rows) row._batch = ids.get(Number(row._batch)) ?? null;
}

function bindable(store: Store, value: StoredValue): StoredValue {
  // better-sqlite3 binds no booleans: SQLite keeps them as 0/1.
  if (typeof value === 'boolean' && store.dialectName === 'sqlite') return value ? 1 : 0;
  return value;
}

function filterCondition(store: Store, filter: RowFilter): RawBuilder<unknown> {
  const col = sql.ref(ident(filter.column.id));
  const value = filter.value;
  if (filter.operator === 'in') {
    const values = (Array.isArray(value) ? value : [value]).filter((v) => v !== null);
    if (values.length === 0) return sql`1 = 0`;
    return sql`${col} in (${sql.join(values.map((v) => bindable(store, v)))})`;
  }
  const single = Array.isArray(value) ? (value[0] ?? null) : value;
  if (single === null) {
    if (filter.operator === '=') return sql`${col} is null`;
    if (filter.operator === '!=') return sql`${col} is not null`;
    return sql`1 = 0`;
  }
  const v = bindable(store, single);
  switch (filter.operator) {
    case 'like':
      // Case-insensitive on both: SQLite's LIKE already is (for ASCII), PostgreSQL needs ILIKE.
      return store.dialectName === 'postgres' ? sql`${col} ilike ${v}` : sql`${col} like ${v}`;
    case '!=':
      // SQL's `<>` drops nulls; "not equal to x" includes rows where the value is missing.
      return sql`(${col} <> ${v} or ${col} is null)`;
    default:
      return sql`${col} ${sql.raw(filter.operator)} ${v}`;
  }
}

export function whereRows(
  store: Store,
  scope: RowScope | KeyScope,
  filters: readonly RowFilter[],
  conjunction: 'and' | 'or',
): RawBuilder<unknown> {
  const parts = filters.map((f) => filterCondition(store, f));
  const combined =
    parts.length === 0
      ? sql`1 = 1`
      : sql`(${sql.join(parts, sql.raw(conjunction === 'and' ? ' and ' : ' or '))})`;
  return sql`${scopeCondition(store, scope)} and ${combined}`;
}

export interface RowQuery {
  table: string;
  scope: RowScope;
  filters: readonly RowFilter[];
  conjunction?: 'and' | 'or';
  columns: readonly RowColumn[];
  sort: RowSort;
  /** The sort value and row id of the last row of the previous page. */
  after: { value: StoredValue; id: number } | null;
  limit: number;
}

/**
 * A page of rows in sort order. Rows with no value in the sort column come last in either
 * direction; the row id breaks ties so that the order is total and cursors never skip a row.
 */
export async function queryRows(store: Store, q: RowQuery): Promise<{ rows: StoredRow[]; hasMore: boolean }> {
  const t = sql.table(ident(q.table));
  const select = sql.join([sql.raw('_id'), sql.raw('_batch'), ...q.columns.map((c) => sql.ref(ident(c.id)))]);
  const scope = await listScope(store, q.scope);
  const conditions: RawBuilder<unknown>[] = [whereRows(store, scope, q.filters, q.conjunction ?? 'and')];
  const asc = q.sort.direction === 'asc';
  const cmp = sql.raw(asc ? '>' : '<');
  let order: RawBuilder<unknown>;
  if (q.sort.column === null) {
    if (q.after) conditions.push(sql`_id ${cmp} ${q.after.id}`);
    order = sql.raw(`_id ${q.sort.direction}`);
  } else {
    const col = sql.ref(ident(q.sort.column.id));
    if (q.after) {
      const v = q.after.value === null ? null : bindable(store, q.after.value);
      conditions.push(
        v === null
          ? sql`(${col} is null and _id ${cmp} ${q.after.id})`
          : sql`(${col} is null or ${col} ${cmp} ${v} or (${col} = ${v} and _id ${cmp} ${q.after.id}))`,
      );
    }
    order = sql`(case when ${col} is null then 1 else 0 end), ${col} ${sql.raw(q.sort.direction)}, _id ${sql.raw(q.sort.direction)}`;
  }
  const result =
    await sql<StoredRow>`select ${select} from ${t} where ${sql.join(conditions, sql.raw(' and '))} order by ${order} limit ${q.limit + 1}`.execute(
      store.db,
    );
  const rows = result.rows;
  const hasMore = rows.length > q.limit;
  if (hasMore) rows.pop();
  await withBatchIds(store, scope, rows);
  return { rows, hasMore };
}

/** Rows in row-id order after `afterId`, for jobs that walk a whole dataset or batch in chunks. */
export async function scanRows(
  store: Store,
  table: string,
  scope: RowScope,
  columns: readonly RowColumn[],
  afterId: number,
  limit: number,
  filters: readonly RowFilter[] = [],
  conjunction: 'and' | 'or' = 'and',
): Promise<StoredRow[]> {
  const page = await queryRows(store, {
    table,
    scope,
    filters,
    conjunction,
    columns,
    sort: { column: null, direction: 'asc' },
    after: { value: null, id: afterId },
    limit,
  });
  return page.rows;
}

/** Row ids only, in order, for search jobs (cheaper than whole rows). */
export async function scanRowIds(
  store: Store,
  table: string,
  scope: RowScope,
  filters: readonly RowFilter[],
  conjunction: 'and' | 'or',
  afterId: number,
  limit: number,
): Promise<number[]> {
  const t = sql.table(ident(table));
  const result = await sql<{
    _id: number;
  }>`select _id from ${t} where ${whereRows(store, await listScope(store, scope), filters, conjunction)} and _id > ${afterId} order by _id limit ${limit}`.execute(
    store.db,
  );
  return result.rows.map((r) => Number(r._id));
}

export async function countRows(
  store: Store,
  table: string,
  scope: RowScope,
  filters: readonly RowFilter[] = [],
  conjunction: 'and' | 'or' = 'and',
): Promise<number> {
  const t = sql.table(ident(table));
  const result = await sql<{
    n: number | string;
  }>`select count(*) as n from ${t} where ${whereRows(store, await listScope(store, scope), filters, conjunction)}`.execute(
    store.db,
  );
  return Number(result.rows[0]?.n ?? 0);
}

/** Rows by id among the rows in `scope`, for building a dataset from a search result. */
export async function rowsByIds(
  store: Store,
  table: string,
  scope: RowScope,
  columns: readonly RowColumn[],
  ids: readonly number[],
): Promise<StoredRow[]> {
  if (ids.length === 0) return [];
  const t = sql.table(ident(table));
  const select = sql.join([sql.raw('_id'), sql.raw('_batch'), ...columns.map((c) => sql.ref(ident(c.id)))]);
  const keys = await listScope(store, scope);
  const result =
    await sql<StoredRow>`select ${select} from ${t} where _id in (${sql.join(ids)}) and ${scopeCondition(store, keys)} order by _id`.execute(
      store.db,
    );
  await withBatchIds(store, keys, result.rows);
  return result.rows;
}

/**
 * Key values of the active rows of a dataset that also occur among `batchIds`' rows: the key
 * conflicts a draft would create. Returns at most `limit` keys.
 */
export async function conflictingKeys(
  db: Db,
  table: string,
  datasetId: string,
  keyColumnId: string,
  draftBatchId: string,
  limit: number,
): Promise<StoredValue[]> {
  const t = sql.table(ident(table));
  const key = sql.ref(ident(keyColumnId));
  const result = await sql<{
    k: StoredValue;
  }>`select distinct d.${key} as k from ${t} d where d._batch = ${keyOf(draftBatchId)} and d.${key} is not null and exists (select 1 from ${t} a where a.${key} = d.${key} and ${activeCondition(datasetId)}) limit ${limit}`.execute(
    db,
  );
  return result.rows.map((r) => r.k);
}

/**
 * Resolves a draft's key conflicts with the active rows, inside the commit transaction: `skip`
 * removes the draft's conflicting rows, `override` removes the active rows they replace. Returns
 * how many rows each batch lost, so the caller can fix the counts.
 */
export async function resolveConflicts(
  db: Db,
  table: string,
  datasetId: string,
  keyColumnId: string,
  draftBatchId: string,
  strategy: 'skip' | 'override',
): Promise<Map<string, number>> {
  const t = sql.table(ident(table));
  const key = sql.ref(ident(keyColumnId));
  const active = sql`_batch in (select row_key from batches where dataset_id = ${datasetId} and state = 'active')`;
  const draft = keyOf(draftBatchId);
  const victims =
    strategy === 'skip'
      ? sql`select _id, _batch from ${t} d where d._batch = ${draft} and d.${key} is not null and exists (select 1 from ${t} a where a.${key} = d.${key} and a.${active})`
      : sql`select _id, _batch from ${t} a where a.${active} and a.${key} is not null and exists (select 1 from ${t} d where d._batch = ${draft} and d.${key} = a.${key})`;
  const counts = await sql<{
    id: string;
    n: number | string;
  }>`select b.id, v.n from (select _batch, count(*) as n from (${victims}) v0 group by _batch) v join batches b on b.dataset_id = ${datasetId} and b.row_key = v._batch`.execute(
    db,
  );
  if (counts.rows.length > 0) {
    await sql`delete from ${t} where _id in (select _id from (${victims}) v)`.execute(db);
  }
  return new Map(counts.rows.map((r) => [r.id, Number(r.n)]));
}
