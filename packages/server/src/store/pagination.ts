import { sql, type SelectQueryBuilder } from 'kysely';

export interface SortColumn {
  column: string;
  direction: 'asc' | 'desc';
}

export interface KeysetPage<Row> {
  rows: Row[];
  /** True when at least one more row follows the last one returned. */
  hasMore: boolean;
}

/**
 * Keyset pagination: rows strictly after `after` (the sort values of the previous page's last row)
 * in `sort` order. `sort` must end with a unique column (the id) so the order is total; the
 * comparison is spelled out as (a > x) or (a = x and b > y) ... so it works on both backends and
 * with mixed directions.
 */
export async function fetchKeysetPage<Row>(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query: SelectQueryBuilder<any, any, Row>,
  sort: SortColumn[],
  after: readonly unknown[] | null,
  limit: number,
): Promise<KeysetPage<Row>> {
  let q = query;
  if (after) {
    q = q.where((eb) =>
      eb.or(
        sort.map((field, i) =>
          eb.and([
            ...sort.slice(0, i).map((previous, j) => eb(sql.ref(previous.column), '=', after[j])),
            eb(sql.ref(field.column), field.direction === 'asc' ? '>' : '<', after[i]),
          ]),
        ),
      ),
    );
  }
  for (const field of sort) q = q.orderBy(sql.ref(field.column), field.direction);
  const rows = await q.limit(limit + 1).execute();
  const hasMore = rows.length > limit;
  if (hasMore) rows.pop();
  return { rows, hasMore };
}
