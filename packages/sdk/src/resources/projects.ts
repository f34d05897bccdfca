import type { RequestOptions } from '../core/http.js';
import { pathId } from '../internal/http.js';
import type { PagePromise } from '../core/pagination.js';
import { APIResource } from '../core/resource.js';
import type {
  FieldName,
  Project,
  ProjectCreateParams,
  ProjectDeleteParams,
  ProjectGetParams,
  ProjectListParams,
  ProjectUpdateParams,
  Selected,
} from '../types.js';

export class Projects extends APIResource {
  /** Creates a project; `workspaceId` defaults to the credential's workspace. */
  create(body: ProjectCreateParams, options?: RequestOptions): Promise<Project> {
    return this.client.request('POST', '/v1/projects', { ...options, body });
  }

  /** Projects this credential can see, of one workspace with `workspaceId`. */
  list<F extends FieldName<Project> = keyof Project>(
    params: ProjectListParams<F> = {},
    options?: RequestOptions,
  ): PagePromise<Selected<Project, F>> {
    return this.client.getPage('/v1/projects', params, options);
  }

  get<F extends FieldName<Project> = keyof Project>(
    id: string,
    params: ProjectGetParams<F> = {},
    options?: RequestOptions,
  ): Promise<Selected<Project, F>> {
    return this.client.request('GET', `/v1/projects/${pathId(id)}`, { ...options, query: params });
  }

  update(id: string, body: ProjectUpdateParams, options?: RequestOptions): Promise<Project> {
    return this.client.request('PATCH', `/v1/projects/${pathId(id)}`, { ...options, body });
  }

  /** Deletes a project; one that still holds data needs `force: true`. */
  async delete(id: string, params: ProjectDeleteParams = {}, options?: RequestOptions): Promise<void> {
    await this.client.request('DELETE', `/v1/projects/${pathId(id)}`, { ...options, query: params });
  }
}
