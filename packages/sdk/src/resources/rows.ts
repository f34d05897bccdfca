import { BatchyardError } from '../core/errors.js';
import { pathId, type Query, type RequestOptions } from '../core/http.js';
import type { PagePromise } from '../core/pagination.js';
import { APIResource } from '../core/resource.js';
import type { Row, RowFilter, RowFilterOperator, RowListParams } from '../types.js';

/** Operators in the word form of `column:op:value` query filters. */
const WORD_OPERATORS: Record<RowFilterOperator, string> = {
  '=': 'eq',
  eq: 'eq',
  '!=': 'ne',
  ne: 'ne',
  '>': 'gt',
  gt: 'gt',
  '>=': 'gte',
  gte: 'gte',
  '<': 'lt',
  lt: 'lt',
  '<=': 'lte',
  lte: 'lte',
  in: 'in',
  like: 'like',
};

/** Operators in the symbol form of search bodies. */
export const SYMBOL_OPERATORS: Record<RowFilterOperator, string> = {
  '=': '=',
  eq: '=',
  '!=': '!=',
  ne: '!=',
  '>': '>',
  gt: '>',
  '>=': '>=',
  gte: '>=',
  '<': '<',
  lt: '<',
  '<=': '<=',
  lte: '<=',
  in: 'in',
  like: 'like',
};

export function checkOperator(operator: unknown, where: string): RowFilterOperator {
  if (typeof operator !== 'string' || !Object.hasOwn(WORD_OPERATORS, operator)) {
    throw new BatchyardError(
      `${where}: unknown operator ${JSON.stringify(operator)}; use ${Object.keys(WORD_OPERATORS).join(', ')}.`,
    );
  }
  return operator as RowFilterOperator;
}

/** A filter as a `column:op:value` query parameter (word operators; `in` takes a JSON array). */
export function filterParam(filter: string | RowFilter, index = 0): string {
  const where = `filter ${index + 1}`;
  if (typeof filter === 'string') {
    const first = filter.indexOf(':');
    const second = first < 0 ? -1 : filter.indexOf(':', first + 1);
    if (first <= 0 || second < 0) {
      throw new BatchyardError(`${where}: "${filter}" is not column:operator:value.`);
    }
    const operator = checkOperator(filter.slice(first + 1, second), where);
    return `${filter.slice(0, first)}:${WORD_OPERATORS[operator]}:${filter.slice(second + 1)}`;
  }
  if (typeof filter !== 'object' || filter === null || typeof filter.key !== 'string' || filter.key === '') {
    throw new BatchyardError(`${where}: expected "column:operator:value" or { key, operator, value }.`);
  }
  if (filter.key.includes(':')) {
    throw new BatchyardError(`${where}: a column name with ":" cannot be filtered on in a query.`);
  }
  const operator = checkOperator(filter.operator, where);
  let value: string;
  if (operator === 'in') {
    if (!Array.isArray(filter.value)) throw new BatchyardError(`${where}: "in" needs an array of values.`);
    value = JSON.stringify(filter.value);
  } else {
    value = filterValue(filter.value);
  }
  return `${filter.key}:${WORD_OPERATORS[operator]}:${value}`;
}

function filterValue(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  if (value === null) return 'null';
  return JSON.stringify(value) ?? '';
}

/** The rows of a dataset's active batches. */
export class Rows extends APIResource {
  /**
   * Rows with filters (all must hold), sort and cursor; `for await` walks every page. Filters are
   * `"price:gte:10"` strings or `{ key, operator, value }` objects, operators `=` `!=` `>` `>=` `<`
   * `<=` (or eq, ne, gt, gte, lt, lte), `in` (an array) and `like` (`%` and `_` wildcards).
   */
  list(datasetId: string, params: RowListParams = {}, options?: RequestOptions): PagePromise<Row> {
    const { filter, columns, ...rest } = params;
    const filters =
      filter === undefined ? [] : Array.isArray(filter) ? filter : [filter as string | RowFilter];
    // Filters repeat (`filter=a&filter=b`, each may hold commas): they go in the path, which every
    // page keeps, while the other parameters (the cursor among them) go through the query.
    const search = new URLSearchParams();
    filters.forEach((f: string | RowFilter, i: number) => search.append('filter', filterParam(f, i)));
    const text = search.toString();
    const path = `/v1/datasets/${pathId(datasetId)}/rows${text ? `?${text}` : ''}`;
    const query: Query = { ...(rest as Query) };
    if (columns !== undefined) {
      if (!Array.isArray(columns) || columns.length === 0) {
        throw new BatchyardError('`columns` must be a non-empty array of column names.');
      }
      query.columns = columns.join(',');
    }
    return this.client.getPage(path, query, options);
  }
}
