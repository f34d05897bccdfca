import { BatchyardError } from '../core/errors.js';
import type { Query, RequestOptions } from '../core/http.js';
import { pathId } from '../internal/http.js';
import type { PagePromise } from '../core/pagination.js';
import { APIResource } from '../core/resource.js';
import { filterParam } from '../internal/row-filters.js';
import type { Row, RowFilter, RowListParams } from '../types.js';

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
