import { sql, type RawBuilder } from 'kysely';
import type { Store } from '../index.js';
import { bindable, listScope, scopeCondition, whereRows, withBatchIds } from './where.js';
import {
  ident,
  type RowColumn,
  type RowFilter,
  type RowQuery,
  type RowScope,
  type StoredRow,
} from './types.js';

/** Rows read: keyset pages in any sort order, scans in row-id order, counts, rows by id. */

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
