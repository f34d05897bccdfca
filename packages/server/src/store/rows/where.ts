import { sql, type RawBuilder } from 'kysely';
import type { Db, Store } from '../index.js';
import { ident, type RowFilter, type RowScope, type StoredValue } from './types.js';

/** Which rows a statement covers: batch keys, scopes and filters as SQL. */

/** The row key of a batch (see createRowsTable); throws when the batch is gone. */
export async function batchKey(db: Db, batchId: string): Promise<number> {
  const result = await sql<{
    row_key: number;
  }>`select row_key from batches where id = ${batchId}`.execute(db);
  const row = result.rows[0];
  if (!row) throw new Error(`batch ${batchId} is gone`);
  return Number(row.row_key);
}

/** A batch's key inside a statement: evaluated once (uncorrelated), so the `_batch` index applies. */
export function keyOf(batchId: string): RawBuilder<unknown> {
  return sql`(select row_key from batches where id = ${batchId})`;
}

/** A scope whose batches were looked up: their keys, and the id of each key. */
export interface KeyScope {
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
  return store.dialect.syntax.textList(ids);
}

export function activeCondition(datasetId: string): RawBuilder<unknown> {
  return sql`_batch in (select row_key from batches where dataset_id = ${datasetId} and state = 'active')`;
}

export function scopeCondition(store: Store, scope: RowScope | KeyScope): RawBuilder<unknown> {
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
export async function listScope(store: Store, scope: RowScope): Promise<RowScope | KeyScope> {
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
export async function withBatchIds(
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

export function bindable(store: Store, value: StoredValue): StoredValue {
  return typeof value === 'boolean' ? store.dialect.syntax.boolean(value) : value;
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
      return store.dialect.syntax.like(col, v);
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
