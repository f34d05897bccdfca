import { sql } from 'kysely';
import type { Db } from '../index.js';
import { activeCondition, keyOf } from './where.js';
import { ident, type StoredValue } from './types.js';

/** Key conflicts between a draft batch and a dataset's active rows: found, then resolved. */

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
