import { ApiError, badField } from '../../errors/problem.js';
import { splitList } from '../../http/list.js';
import type { Store } from '../../store/index.js';
import type { DatasetRow } from '../../store/queries/datasets.js';
import { queryRows, type StoredRow, type StoredValue } from '../../store/rows/index.js';
import { parseColumns, requireColumn } from './columns.js';
import { parseFilterParams, parseRowFilters } from './filters.js';
import type { Column } from './schema.js';
import { fromStored } from './values.js';

/** A stored row in API form: values by column name, with `_id` and `_batchId`. */
export type ApiRow = { _id: number; _batchId: string } & Record<string, unknown>;

export function toApiRow(columns: readonly Column[], row: StoredRow): ApiRow {
  const out: ApiRow = { _id: Number(row._id), _batchId: row._batch };
  for (const c of columns) out[c.name] = fromStored(c.type, row[c.id]);
  return out;
}

export interface RowPageQuery {
  limit: number;
  cursor?: string | undefined;
  sort?: string | undefined;
  columns?: string | undefined;
  filter?: string | string[] | undefined;
}

/** A page of the active rows of `dataset`: columns, sort, filters and cursor from the query string. */
export async function listRows(store: Store, dataset: DatasetRow, query: RowPageQuery) {
  const columns = parseColumns(dataset);
  let selected = columns;
  if (query.columns !== undefined) {
    selected = (splitList(query.columns) ?? []).map((name) =>
      requireColumn(columns, name, 'query', '/columns'),
    );
  }
  let sortColumn: Column | null = null;
  let direction: 'asc' | 'desc' = 'asc';
  if (query.sort !== undefined) {
    const match = /^(.+?)(?::(asc|desc))?$/.exec(query.sort.trim());
    const name = match?.[1] ?? '';
    direction = (match?.[2] as 'asc' | 'desc' | undefined) ?? 'asc';
    if (name !== '_id') {
      sortColumn = requireColumn(columns, name, 'query', '/sort');
      if (sortColumn.type === 'json') throw badField('query', '/sort', 'json columns cannot be sorted on');
    }
  }
  const sortKey = `${sortColumn?.id ?? '_id'}:${direction}`;
  const filters = parseRowFilters(columns, parseFilterParams(query.filter), 'query', (i) => `/filter/${i}`);
  let after: { value: StoredValue; id: number } | null = null;
  if (query.cursor !== undefined) {
    try {
      const decoded = JSON.parse(Buffer.from(query.cursor, 'base64url').toString('utf8')) as {
        s: string;
        v: StoredValue;
        i: number;
      };
      if (decoded.s !== sortKey || typeof decoded.i !== 'number') throw new Error('other sort');
      after = { value: decoded.v, id: decoded.i };
    } catch {
      throw new ApiError('invalid_cursor', 'The cursor is not one this list produced with this sort.');
    }
  }
  const needed = sortColumn && !selected.includes(sortColumn) ? [...selected, sortColumn] : selected;
  const page = await queryRows(store, {
    table: dataset.rows_table,
    scope: { kind: 'active', datasetId: dataset.id },
    filters,
    columns: needed,
    sort: { column: sortColumn, direction },
    after,
    limit: query.limit,
  });
  const last = page.rows.at(-1);
  const nextCursor =
    page.hasMore && last
      ? Buffer.from(
          JSON.stringify({
            s: sortKey,
            v: sortColumn ? ((last[sortColumn.id] as StoredValue | undefined) ?? null) : null,
            i: Number(last._id),
          }),
        ).toString('base64url')
      : null;
  return { data: page.rows.map((r) => toApiRow(selected, r)), nextCursor };
}
