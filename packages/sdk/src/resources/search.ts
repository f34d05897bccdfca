import { BatchyardError } from '../core/errors.js';
import type { RequestOptions } from '../core/http.js';
import { pathId } from '../internal/http.js';
import { SYMBOL_OPERATORS } from '../core/filters.js';
import { APIResource } from '../core/resource.js';
import { checkOperator } from '../internal/row-filters.js';
import { JobHandle } from '../jobs/handle.js';
import type { DatasetFromSearchParams, Job, SearchParams } from '../types.js';

/** Search jobs over a dataset's active rows, and datasets made from their results. */
export class Search extends APIResource {
  /**
   * Starts a search job: `filters` (`{ key, operator, value }`, operators as in rows.list) combined
   * with `conjunction` (`and` by default). Its result is a SearchResult: the count, the matching
   * row ids, and the `row-ids.txt` artifact with all of them.
   */
  async run(datasetId: string, params: SearchParams, options?: RequestOptions): Promise<JobHandle> {
    if (!params || !Array.isArray(params.filters)) {
      throw new BatchyardError('`filters` must be an array of { key, operator, value }.');
    }
    const body = {
      ...(params.conjunction !== undefined ? { conjunction: params.conjunction } : {}),
      filters: params.filters.map((filter, i) => ({
        key: filter.key,
        operator: SYMBOL_OPERATORS[checkOperator(filter.operator, `filter ${i + 1}`)],
        value: filter.value instanceof Date ? filter.value.toISOString() : filter.value,
      })),
    };
    const job = await this.client.request<Job>('POST', `/v1/datasets/${pathId(datasetId)}/search`, {
      ...options,
      body,
    });
    return new JobHandle(this.client, job.id, job);
  }

  /** Starts a job that creates a dataset from the rows a succeeded search found. */
  async createDataset(body: DatasetFromSearchParams, options?: RequestOptions): Promise<JobHandle> {
    const job = await this.client.request<Job>('POST', '/v1/datasets/from-search', { ...options, body });
    return new JobHandle(this.client, job.id, job);
  }
}
