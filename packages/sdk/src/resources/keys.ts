import type { RequestOptions } from '../core/http.js';
import { pathId } from '../internal/http.js';
import type { PagePromise } from '../core/pagination.js';
import { APIResource } from '../core/resource.js';
import type {
  ApiKey,
  ApiKeyCreateParams,
  ApiKeyGetParams,
  ApiKeyListParams,
  ApiKeyWithToken,
  FieldName,
  Selected,
} from '../types.js';

export class ApiKeys extends APIResource {
  /** Creates an API key; `token` in the answer is shown this once. */
  create(body: ApiKeyCreateParams, options?: RequestOptions): Promise<ApiKeyWithToken> {
    return this.client.request('POST', '/v1/keys', { ...options, body });
  }

  /** API keys; `workspaceId: 'none'` lists the instance-wide ones. */
  list<F extends FieldName<ApiKey> = keyof ApiKey>(
    params: ApiKeyListParams<F> = {},
    options?: RequestOptions,
  ): PagePromise<Selected<ApiKey, F>> {
    return this.client.getPage('/v1/keys', params, options);
  }

  get<F extends FieldName<ApiKey> = keyof ApiKey>(
    id: string,
    params: ApiKeyGetParams<F> = {},
    options?: RequestOptions,
  ): Promise<Selected<ApiKey, F>> {
    return this.client.request('GET', `/v1/keys/${pathId(id)}`, { ...options, query: params });
  }

  /** Revokes an API key: it stops working at once. */
  revoke(id: string, options?: RequestOptions): Promise<ApiKey> {
    return this.client.request('DELETE', `/v1/keys/${pathId(id)}`, options);
  }
}
