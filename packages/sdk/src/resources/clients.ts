import type { RequestOptions } from '../core/http.js';
import { pathId } from '../internal/http.js';
import type { PagePromise } from '../core/pagination.js';
import { APIResource } from '../core/resource.js';
import type {
  ApiClient,
  ApiClientCreateParams,
  ApiClientGetParams,
  ApiClientListParams,
  ApiClientWithSecret,
  FieldName,
  Selected,
} from '../types.js';

export class ApiClients extends APIResource {
  /** Creates an OAuth2 API client; `clientSecret` in the answer is shown this once. */
  create(body: ApiClientCreateParams, options?: RequestOptions): Promise<ApiClientWithSecret> {
    return this.client.request('POST', '/v1/clients', { ...options, body });
  }

  /** API clients; `workspaceId: 'none'` lists the instance-wide ones. */
  list<F extends FieldName<ApiClient> = keyof ApiClient>(
    params: ApiClientListParams<F> = {},
    options?: RequestOptions,
  ): PagePromise<Selected<ApiClient, F>> {
    return this.client.getPage('/v1/clients', params, options);
  }

  get<F extends FieldName<ApiClient> = keyof ApiClient>(
    id: string,
    params: ApiClientGetParams<F> = {},
    options?: RequestOptions,
  ): Promise<Selected<ApiClient, F>> {
    return this.client.request('GET', `/v1/clients/${pathId(id)}`, { ...options, query: params });
  }

  /** Revokes an API client: its access tokens stop working at once. */
  revoke(id: string, options?: RequestOptions): Promise<ApiClient> {
    return this.client.request('DELETE', `/v1/clients/${pathId(id)}`, options);
  }
}
