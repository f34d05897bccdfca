import { sql, type Kysely, type RawBuilder } from 'kysely';
import { postgresPool } from '../driver.js';
import type { RowsBackend } from './backend.js';
import type pg from 'pg';
import type { ChunkBookkeeping, StoredValue } from './types.js';
import { ident } from './types.js';
import { copyRowsIn, copyTextField, onOwnConnection } from '../copy-text.js';

/** One transaction: COPY the chunk's rows, then the batch's counts and resume state. */
export async function copyRowsPostgres(
  pool: pg.Pool,
  table: string,
  columnIds: readonly string[],
  rows: readonly StoredValue[][],
  book: ChunkBookkeeping,
): Promise<void> {
  await onOwnConnection(pool, async (client) => {
    await client.query('begin');
    const found = await client.query<{ row_key: number }>('select row_key from batches where id = $1', [
      book.batchId,
    ]);
    if (found.rows.length === 0) throw new Error(`batch ${book.batchId} is gone`);
    const batch = String(found.rows[0]!.row_key);
    const width = columnIds.length;
    await copyRowsIn(
      client,
      `copy ${table} (_batch${columnIds.map((c) => `, ${c}`).join('')}) from stdin`,
      rows,
      (row) => {
        let line = batch;
        for (let i = 0; i < width; i++) line += '\t' + copyTextField(row[i]);
        return line + '\n';
      },
    );
    await client.query(
      'update batches set row_count = row_count + $1, error_count = error_count + $2, resume = $3 where id = $4',
      [book.addRows, book.addErrors, book.resume, book.batchId],
    );
    await client.query('commit');
  });
}

/** A list of text values as one parameter (an array), for `x in (…)` with any number of values. */
export function textListPostgres(values: readonly string[]): RawBuilder<unknown> {
  return sql`(select unnest(${values}::text[]))`;
}

/** Migration 0010 on PostgreSQL (see convertRowsTablesToBatchKeys). */
async function convertTableToBatchKeys(db: Kysely<unknown>, t: string): Promise<void> {
  const exists =
    await sql`select 1 from pg_tables where tablename = ${t} and schemaname = current_schema()`.execute(db);
  if (exists.rows.length === 0) return;
  await sql.raw(`alter table ${t} add column _batch_key integer`).execute(db);
  await sql.raw(`update ${t} set _batch_key = b.row_key from batches b where b.id = ${t}._batch`).execute(db);
  await sql.raw(`delete from ${t} where _batch_key is null`).execute(db);
  // Dropping the column drops its index too.
  await sql.raw(`alter table ${t} drop column _batch`).execute(db);
  await sql.raw(`alter table ${t} rename column _batch_key to _batch`).execute(db);
  await sql.raw(`alter table ${t} alter column _batch set not null`).execute(db);
  await sql.raw(`create index ${t}_batch_idx on ${t} (_batch)`).execute(db);
}

export const postgresRows: RowsBackend = {
  idColumn: '_id bigint generated always as identity primary key',
  convertTableToBatchKeys,
  lockTable: async (db, table) => {
    await sql.raw(`lock table ${ident(table)} in access exclusive mode`).execute(db);
  },
  insertChunk: (store, table, columnIds, rows, book) =>
    copyRowsPostgres(postgresPool(store), table, columnIds, rows, book),
  rowIdRange: (t, key) => sql`select min(_id) as lo, max(_id) as hi from ${t} where _batch = ${key}`,
};
