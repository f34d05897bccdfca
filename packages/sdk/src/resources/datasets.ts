import type { Query, RequestOptions } from '../core/http.js';
import { pathId } from '../internal/http.js';
import type { PagePromise } from '../core/pagination.js';
import { APIResource } from '../core/resource.js';
import type {
  Dataset,
  DatasetCreateParams,
  DatasetDeleteParams,
  DatasetGetParams,
  DatasetListParams,
  DatasetUpdateParams,
  FieldName,
  Selected,
} from '../types.js';

/** Datasets: typed columns (text, numeric, date, boolean, json) and an optional key column. */
export class Datasets extends APIResource {
  /** Creates a dataset in a project; `keyColumn` names one of `columns`. */
  create(body: DatasetCreateParams, options?: RequestOptions): Promise<Dataset> {
    return this.client.request('POST', '/v1/datasets', { ...options, body });
  }

  /** Datasets this credential can see, of one project with `projectId`. */
  list<F extends FieldName<Dataset> = keyof Dataset>(
    params: DatasetListParams<F> = {},
    options?: RequestOptions,
  ): PagePromise<Selected<Dataset, F>> {
    return this.client.getPage('/v1/datasets', params as Query, options);
  }

  get<F extends FieldName<Dataset> = keyof Dataset>(
    id: string,
    params: DatasetGetParams<F> = {},
    options?: RequestOptions,
  ): Promise<Selected<Dataset, F>> {
    return this.client.request('GET', `/v1/datasets/${pathId(id)}`, { ...options, query: params as Query });
  }

  /** Renames the dataset, adds columns, renames columns (by id) or sets the key column. */
  update(id: string, body: DatasetUpdateParams, options?: RequestOptions): Promise<Dataset> {
    return this.client.request('PATCH', `/v1/datasets/${pathId(id)}`, { ...options, body });
  }

  /** Deletes a dataset; one that still has batches needs `force: true` (which deletes them and their rows). */
  async delete(id: string, params: DatasetDeleteParams = {}, options?: RequestOptions): Promise<void> {
    await this.client.request('DELETE', `/v1/datasets/${pathId(id)}`, { ...options, query: params });
  }
}
