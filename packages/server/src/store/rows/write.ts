import { sql } from 'kysely';
import type { Db, Store } from '../index.js';
import { batchKey, keyOf, whereRows } from './where.js';
import { ident, type ChunkBookkeeping, type CopiedColumn, type RowScope, type StoredValue } from './types.js';

/** Rows written and deleted: chunks of an ingest, copies between tables, a batch's removal. */

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
  await store.dialect.rows.insertChunk(store, table, columnIds, rows, book);
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

/** The lowest and highest row ids of a batch, or null when it has no rows. */
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
  }>`${store.dialect.rows.rowIdRange(t, keyOf(batchId))}`.execute(db);
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
