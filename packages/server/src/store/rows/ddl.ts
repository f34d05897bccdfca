import { sql, type Kysely } from 'kysely';
import type { Db, Store } from '../index.js';
import type { ColumnType } from '../tables.js';
import type { RowsBackend } from './backend.js';
import { ident, type RowColumn } from './types.js';

/** Rows tables: created, widened, indexed, locked and dropped (their rows: write.ts, read.ts). */

function physicalType(store: Store, type: ColumnType): string {
  const types = store.dialect.columnTypes;
  switch (type) {
    case 'text':
    case 'date':
      return 'text';
    case 'numeric':
      return types.real;
    case 'boolean':
      return types.boolean;
    case 'json':
      return types.json;
  }
}

export async function createRowsTable(store: Store, db: Db, table: string, columns: readonly RowColumn[]) {
  const idColumn = store.dialect.rows.idColumn;
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
export async function convertRowsTablesToBatchKeys(db: Kysely<unknown>, rows: RowsBackend): Promise<void> {
  const datasets = await sql<{
    rows_table: string;
  }>`select rows_table from datasets order by id`.execute(db);
  for (const { rows_table } of datasets.rows) {
    const t = ident(rows_table);
    await rows.convertTableToBatchKeys(db, t);
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
  await store.dialect.rows.lockTable(db, table);
}

export async function dropRowsTable(db: Db, table: string) {
  await sql.raw(`drop table if exists ${ident(table)}`).execute(db);
}
