import type { Query, RequestOptions } from '../core/http.js';
import { pathId } from '../internal/http.js';
import type { PagePromise } from '../core/pagination.js';
import { APIResource } from '../core/resource.js';
import { readEvents } from '../internal/sse.js';
import { JobHandle, type JobWaitOptions } from '../jobs/handle.js';
import { jobLogPage, type JobLogsOptions } from '../jobs/logs.js';
import type {
  FieldName,
  Job,
  JobBulkItem,
  JobBulkParams,
  JobCreateParams,
  JobDependency,
  JobGetParams,
  JobKey,
  JobKeyListParams,
  JobListParams,
  JobLogLine,
  JobLogPage,
  JobType,
  JobTypeDeleteParams,
  JobTypeListParams,
  JobTypePauseParams,
  JobTypePutParams,
  Selected,
} from '../types.js';

/** Built-in job types and the workspace's custom ones (run by remote workers). */
export class JobTypes extends APIResource {
  async list(params: JobTypeListParams = {}, options?: RequestOptions): Promise<JobType[]> {
    const page = await this.client.request<{ data: JobType[] }>('GET', '/v1/job-types', {
      ...options,
      query: params,
    });
    return page.data;
  }

  /**
   * Registers (or updates) a custom type, optionally with a JSON Schema for its arguments and
   * `keyLimits` on each concurrency key of its jobs (`{maxRunning, rate: {max, windowMs}}`).
   */
  put(name: string, body: JobTypePutParams = {}, options?: RequestOptions): Promise<JobType> {
    return this.client.request('PUT', `/v1/job-types/${pathId(name)}`, { ...options, body });
  }

  /** The type's concurrency keys holding queued or running jobs in the workspace, busiest first. */
  async keys(name: string, params: JobKeyListParams = {}, options?: RequestOptions): Promise<JobKey[]> {
    const page = await this.client.request<{ data: JobKey[] }>('GET', `/v1/job-types/${pathId(name)}/keys`, {
      ...options,
      query: params,
    });
    return page.data;
  }

  async delete(name: string, params: JobTypeDeleteParams = {}, options?: RequestOptions): Promise<void> {
    await this.client.request('DELETE', `/v1/job-types/${pathId(name)}`, { ...options, query: params });
  }

  /**
   * Pauses a type: its queued jobs stay queued (shown `paused: true`) and are not claimed, by
   * runners or remote workers, until it is resumed; running ones finish normally. In the
   * credential's workspace (or `workspaceId`), or `{instanceWide: true}` for an instance admin.
   */
  pause(name: string, params: JobTypePauseParams = {}, options?: RequestOptions): Promise<JobType> {
    return this.client.request('POST', `/v1/job-types/${pathId(name)}/pause`, { ...options, body: params });
  }

  /** Resumes a paused type: its queued jobs are claimed again at once. */
  resume(name: string, params: JobTypePauseParams = {}, options?: RequestOptions): Promise<JobType> {
    return this.client.request('POST', `/v1/job-types/${pathId(name)}/resume`, { ...options, body: params });
  }
}

export class Jobs extends APIResource {
  readonly types: JobTypes = new JobTypes(this.client);

  /** Creates a job (or, with a `uniqueKey` matching one in flight, returns that one). */
  async create(body: JobCreateParams, options?: RequestOptions): Promise<JobHandle> {
    const job = await this.client.request<Job>('POST', '/v1/jobs', { ...options, body });
    return new JobHandle(this.client, job.id, job);
  }

  /** Creates up to 1000 jobs at once, all or none. */
  async createMany(jobs: readonly JobCreateParams[], options?: RequestOptions): Promise<JobHandle[]> {
    const { data } = await this.client.request<{ data: Job[] }>('POST', '/v1/jobs/batch', {
      ...options,
      body: { jobs },
    });
    return data.map((job) => new JobHandle(this.client, job.id, job));
  }

  /**
   * Aborts, retries or deletes every job a filter selects, as a `jobs.bulk` job: `await (await
   * client.jobs.bulk({ action: 'abort', filter: { types: ['report'], statuses: ['queued'] } })).wait()`.
   * Its result ({@link JobBulkResult}) counts what was applied and skipped; {@link bulkResults}
   * reads each job's outcome.
   */
  async bulk(params: JobBulkParams, options?: RequestOptions): Promise<JobHandle> {
    const job = await this.client.request<Job>('POST', '/v1/jobs/bulk', { ...options, body: params });
    return new JobHandle(this.client, job.id, job);
  }

  /** Each job's outcome in a finished bulk job (its results.jsonl), read as it downloads. */
  async *bulkResults(id: string, options?: RequestOptions): AsyncGenerator<JobBulkItem> {
    const response = await this.downloadArtifact(id, 'results.jsonl', options);
    if (!response.body) return;
    const decoder = new TextDecoder();
    let pending = '';
    const reader = response.body.getReader();
    let finished = false;
    try {
      while (!finished) {
        const { done, value } = await reader.read();
        finished = done;
        pending += done ? decoder.decode() : decoder.decode(value, { stream: true });
        const lines = pending.split('\n');
        pending = done ? '' : lines.pop()!;
        for (const line of lines) if (line.trim()) yield JSON.parse(line) as JobBulkItem;
      }
    } finally {
      // A caller that stops early leaves the rest of the download unread: close it.
      if (!finished) await reader.cancel().catch(() => undefined);
    }
  }

  get<F extends FieldName<Job> = keyof Job>(
    id: string,
    params: JobGetParams<F> = {},
    options?: RequestOptions,
  ): Promise<Selected<Job, F>> {
    return this.client.request('GET', `/v1/jobs/${pathId(id)}`, { ...options, query: params as Query });
  }

  /** Jobs by workspace, project, type(s), status(es), definition and creation range. */
  list<F extends FieldName<Job> = keyof Job>(
    params: JobListParams<F> = {},
    options?: RequestOptions,
  ): PagePromise<Selected<Job, F>> {
    return this.client.getPage('/v1/jobs', params as Query, options);
  }

  /**
   * Every job the caller sees (in `projectId` when given) as it is created or changes, from the
   * server's event stream: `for await (const job of client.jobs.events())`. Runs until the server
   * closes the stream or `options.signal` aborts (then it throws APIUserAbortError).
   * `options.onReady` is called once the server has subscribed: changes made after it are all seen.
   */
  async *events(
    params: { projectId?: string } = {},
    options: RequestOptions & { onReady?: () => void } = {},
  ): AsyncGenerator<Job> {
    const { onReady, ...requestOptions } = options;
    const controller = new AbortController();
    const outer = options.signal;
    const onAbort = () => controller.abort(outer?.reason);
    if (outer?.aborted) onAbort();
    outer?.addEventListener('abort', onAbort, { once: true });
    try {
      const response = await this.client.requestRaw('GET', '/v1/jobs/events', {
        ...requestOptions,
        signal: controller.signal,
        query: params,
        headers: { accept: 'text/event-stream' },
      });
      for await (const event of readEvents(response, controller.signal)) {
        if (event.name === 'ready') onReady?.();
        else if (event.name === 'job') yield JSON.parse(event.data) as Job;
      }
    } finally {
      outer?.removeEventListener('abort', onAbort);
      controller.abort();
    }
  }

  abort(id: string, options?: RequestOptions): Promise<Job> {
    return this.handle(id).abort(options);
  }

  retry(id: string, options?: RequestOptions): Promise<Job> {
    return this.handle(id).retry(options);
  }

  /** The jobs a job depends on, each with its status and (once it succeeded) its result. */
  async dependencies(id: string, options?: RequestOptions): Promise<JobDependency[]> {
    const page = await this.client.request<{ data: JobDependency[] }>(
      'GET',
      `/v1/jobs/${pathId(id)}/dependencies`,
      options,
    );
    return page.data;
  }

  /** Deletes a finished job and its artifacts. */
  async delete(id: string, options?: RequestOptions): Promise<void> {
    await this.client.request('DELETE', `/v1/jobs/${pathId(id)}`, options);
  }

  /** A handle on a job by id, without a request. */
  handle(id: string): JobHandle {
    return new JobHandle(this.client, id);
  }

  /** Waits for the job to end (see JobHandle.wait). */
  wait(id: string, options?: JobWaitOptions): Promise<Job> {
    return this.handle(id).wait(options);
  }

  /** A job's log lines, oldest first; with `follow`, until the job has ended (see JobHandle.logs). */
  logs(id: string, options?: JobLogsOptions): AsyncGenerator<JobLogLine> {
    return this.handle(id).logs(options);
  }

  /** One page of a job's log lines after `after` (at most `limit`, default 100, max 1000). */
  logPage(
    id: string,
    params?: { after?: number; limit?: number },
    options?: RequestOptions,
  ): Promise<JobLogPage> {
    return jobLogPage(this.client, id, params, options);
  }

  /** An artifact's download, as a Response with its body unread. */
  downloadArtifact(id: string, name: string, options?: RequestOptions): Promise<Response> {
    return this.client.requestRaw('GET', `/v1/jobs/${pathId(id)}/artifacts/${pathId(name)}`, {
      ...options,
      headers: { accept: '*/*', ...options?.headers },
    });
  }
}
