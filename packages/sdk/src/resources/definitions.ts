import type { Query, RequestOptions } from '../core/http.js';
import { pathId } from '../internal/http.js';
import type { PagePromise } from '../core/pagination.js';
import { APIResource } from '../core/resource.js';
import { JobHandle } from '../jobs/handle.js';
import type {
  Definition,
  DefinitionCreateParams,
  DefinitionGetParams,
  DefinitionInstancesParams,
  DefinitionListParams,
  DefinitionRunParams,
  DefinitionUpdateParams,
  FieldName,
  Job,
  SchedulePreview,
  SchedulePreviewParams,
  Selected,
} from '../types.js';

/** Job definitions: named templates, run by hand or on a cron schedule. */
export class Definitions extends APIResource {
  create(body: DefinitionCreateParams, options?: RequestOptions): Promise<Definition> {
    return this.client.request('POST', '/v1/definitions', { ...options, body });
  }

  /**
   * The next fire times (5 by default) of a cron expression in a time zone, computed by the
   * server's scheduler; a bad expression or time zone is a BadRequestError naming `/schedule` or
   * `/timezone`. Nothing is stored.
   */
  schedulePreview(params: SchedulePreviewParams, options?: RequestOptions): Promise<SchedulePreview> {
    return this.client.request('GET', '/v1/definitions/schedule-preview', { ...options, query: params });
  }

  list<F extends FieldName<Definition> = keyof Definition>(
    params: DefinitionListParams<F> = {},
    options?: RequestOptions,
  ): PagePromise<Selected<Definition, F>> {
    return this.client.getPage('/v1/definitions', params, options);
  }

  get<F extends FieldName<Definition> = keyof Definition>(
    id: string,
    params: DefinitionGetParams<F> = {},
    options?: RequestOptions,
  ): Promise<Selected<Definition, F>> {
    return this.client.request('GET', `/v1/definitions/${pathId(id)}`, { ...options, query: params });
  }

  update(id: string, body: DefinitionUpdateParams, options?: RequestOptions): Promise<Definition> {
    return this.client.request('PATCH', `/v1/definitions/${pathId(id)}`, { ...options, body });
  }

  /** Deletes a definition; its instances stay. */
  async delete(id: string, options?: RequestOptions): Promise<void> {
    await this.client.request('DELETE', `/v1/definitions/${pathId(id)}`, options);
  }

  /**
   * Creates an instance, with `parameters` merged over the definition's. A run over `maxRunning` or
   * `maxStartsPerHour` is RateLimitError (429, code `definition_throttled`): retried when its
   * Retry-After is at most 60 s, thrown at once otherwise.
   */
  async run(id: string, body: DefinitionRunParams = {}, options?: RequestOptions): Promise<JobHandle> {
    const job = await this.client.request<Job>('POST', `/v1/definitions/${pathId(id)}/run`, {
      ...options,
      body,
    });
    return new JobHandle(this.client, job.id, job);
  }

  /** The definition's instances, newest first. */
  instances<F extends FieldName<Job> = keyof Job>(
    id: string,
    params: DefinitionInstancesParams<F> = {},
    options?: RequestOptions,
  ): PagePromise<Selected<Job, F>> {
    return this.client.getPage(`/v1/definitions/${pathId(id)}/instances`, params as Query, options);
  }
}
