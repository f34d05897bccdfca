import type { RequestOptions } from '../core/http.js';
import { pathId } from '../internal/http.js';
import type { PagePromise } from '../core/pagination.js';
import { APIResource } from '../core/resource.js';
import type {
  FieldName,
  Selected,
  Workspace,
  WorkspaceCreateParams,
  WorkspaceDeleteParams,
  WorkspaceGetParams,
  WorkspaceListParams,
  WorkspaceUpdateParams,
} from '../types.js';

export class Workspaces extends APIResource {
  /** Creates a workspace (instance admins only). */
  create(body: WorkspaceCreateParams, options?: RequestOptions): Promise<Workspace> {
    return this.client.request('POST', '/v1/workspaces', { ...options, body });
  }

  /** The workspaces this credential can see. */
  list<F extends FieldName<Workspace> = keyof Workspace>(
    params: WorkspaceListParams<F> = {},
    options?: RequestOptions,
  ): PagePromise<Selected<Workspace, F>> {
    return this.client.getPage('/v1/workspaces', params, options);
  }

  get<F extends FieldName<Workspace> = keyof Workspace>(
    id: string,
    params: WorkspaceGetParams<F> = {},
    options?: RequestOptions,
  ): Promise<Selected<Workspace, F>> {
    return this.client.request('GET', `/v1/workspaces/${pathId(id)}`, { ...options, query: params });
  }

  /** Renames it; `weight` (its share of job claims, 1 to 1000) needs an instance admin credential. */
  update(id: string, body: WorkspaceUpdateParams, options?: RequestOptions): Promise<Workspace> {
    return this.client.request('PATCH', `/v1/workspaces/${pathId(id)}`, { ...options, body });
  }

  /** Deletes a workspace; one that still has projects needs `force: true`. */
  async delete(id: string, params: WorkspaceDeleteParams = {}, options?: RequestOptions): Promise<void> {
    await this.client.request('DELETE', `/v1/workspaces/${pathId(id)}`, { ...options, query: params });
  }
}
