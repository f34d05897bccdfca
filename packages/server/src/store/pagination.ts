import { sql, type SelectQueryBuilder, type SqlBool } from 'kysely';

export interface SortColumn {
  column: string;
  direction: 'asc' | 'desc';
  /** The column may hold null: nulls sort last in either direction, on both backends. */
  nullable?: boolean;
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
    // With nulls last: after a value come greater values and every null; after a null, only the
    // nulls that follow it by the next columns.
    q = q.where((eb) => {
      const same = (field: SortColumn, value: unknown) =>
        value === null && field.nullable
          ? eb(sql.ref(field.column), 'is', null)
          : eb(sql.ref(field.column), '=', value);
      const beyond = (field: SortColumn, value: unknown) => {
        if (value === null && field.nullable) return sql<SqlBool>`1 = 0`;
        const next = eb(sql.ref(field.column), field.direction === 'asc' ? '>' : '<', value);
        return field.nullable ? eb.or([next, eb(sql.ref(field.column), 'is', null)]) : next;
      };
      return eb.or(
        sort.map((field, i) =>
          eb.and([
            ...sort.slice(0, i).map((previous, j) => same(previous, after[j])),
            beyond(field, after[i]),
          ]),
        ),
      );
    });
  }
  for (const field of sort) {
    q = field.nullable
      ? q.orderBy(sql`${sql.ref(field.column)} ${sql.raw(field.direction)} nulls last`)
      : q.orderBy(sql.ref(field.column), field.direction);
  }
  const rows = await q.limit(limit + 1).execute();
  const hasMore = rows.length > limit;
  if (hasMore) rows.pop();
  return { rows, hasMore };
}
