import { BatchyardError } from '../../core/errors.js';
import type { Query, RequestOptions } from '../../core/http.js';
import type { PagePromise } from '../../core/pagination.js';
import { APIResource } from '../../core/resource.js';
import { pathId } from '../../internal/http.js';
import { saveResponse } from '../../internal/save-file.js';
import { StreamBody } from '../../internal/stream-body.js';
import { UPLOAD_CONTENT_TYPES, prepareUpload } from '../../internal/upload.js';
import { JobHandle } from '../../jobs/handle.js';
import type { Job } from '../../types.js';
import { createTasks } from './create.js';
import { TaskJobError } from './errors.js';
import { bodyFilter, listQuery } from './filter.js';
import type {
  NewTask,
  Task,
  TaskAnnotation,
  TaskBulkParams,
  TaskBulkOutcome,
  TaskBulkResult,
  TaskClaimParams,
  TaskCreateParams,
  TaskCreateResult,
  TaskExportParams,
  TaskExportResult,
  TaskFromRowsParams,
  TaskGoldParams,
  TaskImportParams,
  TaskImportSource,
  TaskInclude,
  TaskListParams,
  TaskPropertiesParams,
  TaskRedoParams,
  TaskSelection,
  TaskStatus,
  TaskSubmitParams,
  TaskUpdateParams,
  TaskVerdictParams,
  TaskVerdictsParams,
} from './types.js';

/** The export formats whose artifact is a zip (binary: saved to a file, never read as text). */
const ZIP_FORMATS: ReadonlySet<string> = new Set(['yolo', 'voc', 'masks']);

/** Bulk creation (chunked or streamed), filtered lists, the review workflow, properties and exports. */
export class Tasks extends APIResource {
  /**
   * Creates tasks in a batch from an array or an (async) iterable, in chunks of `chunkSize`
   * (default 5,000) sent as consecutive requests, two at most in flight. Each chunk carries its
   * own `Idempotency-Key`, so it is retried safely. A name repeated anywhere in the input is
   * `duplicate_in_request` for every later repeat (the server reports repeats inside one chunk,
   * the SDK those across chunks, without sending them). Resolves to the counts and one result
   * per item, `index` being its place in the input.
   */
  async create(
    batchId: string,
    items: readonly NewTask[] | Iterable<NewTask> | AsyncIterable<NewTask>,
    params: TaskCreateParams = {},
    options: RequestOptions = {},
  ): Promise<TaskCreateResult> {
    return createTasks(this.client, batchId, items, params, options);
  }

  /**
   * Imports tasks from a file (`{ path }`: .jsonl, .ndjson or .json, Node.js only) or from an array
   * or (async) iterable sent as JSON Lines, streamed in one request of any size. Resolves once the
   * server has every task, with the handle of the finished `tasks.import` job: its result is a
   * TaskImportResult, its `failures.jsonl` artifact lists the failed items.
   */
  async import(
    batchId: string,
    source: TaskImportSource,
    params: TaskImportParams = {},
    options?: RequestOptions,
  ): Promise<JobHandle> {
    const { onExisting, uniqueCheck, dataCheck, format, onProgress, signal } = params;
    if (typeof source === 'string') {
      throw new BatchyardError('Pass { path }, an array or an (async) iterable of tasks.');
    }
    const upload = await prepareUpload(source as never, format, onProgress);
    if (upload.format === 'csv') {
      throw new BatchyardError(
        'Tasks are imported from JSON Lines (.jsonl, .ndjson) or a JSON array (.json).',
      );
    }
    const body = new StreamBody(UPLOAD_CONTENT_TYPES[upload.format], () => upload.open());
    const job = await this.client.request<Job>('POST', `/v1/batches/${pathId(batchId)}/tasks/import`, {
      ...options,
      ...(signal ? { signal } : {}),
      query: { onExisting, uniqueCheck, dataCheck, format: upload.format },
      body,
    });
    return new JobHandle(this.client, job.id, job);
  }

  /**
   * Creates one task per row of a batch, in that batch, without downloading the rows: starts a
   * `tasks.from_rows` job and resolves to its handle (`await handle.wait()`; its result is a
   * TaskFromRowsResult). Unknown columns are refused before the job starts (400 `unknown_column`,
   * pointing at the field).
   */
  async createFromRows(
    batchId: string,
    params: TaskFromRowsParams,
    options?: RequestOptions,
  ): Promise<JobHandle> {
    const body: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(params)) if (value !== undefined) body[name] = value;
    const job = await this.client.request<Job>('POST', `/v1/batches/${pathId(batchId)}/tasks/from-rows`, {
      ...options,
      body,
    });
    return new JobHandle(this.client, job.id, job);
  }

  /**
   * One page of a project's tasks matching the filter; `for await` walks every page. `data` and
   * `history` come back only when listed in `include`.
   */
  list(params: TaskListParams, options?: RequestOptions): PagePromise<Task> {
    const { include, sort, limit, cursor, fields, isGold, ...filter } = params;
    const { query, filters } = listQuery(filter);
    if (isGold !== undefined) query.isGold = isGold;
    // Filters repeat (`filter=a&filter=b`): they go in the path, which every page keeps, while the
    // other parameters (the cursor among them) go through the query.
    const search = new URLSearchParams();
    for (const f of filters) search.append('filter', f);
    const text = search.toString();
    const path = `/v1/tasks${text ? `?${text}` : ''}`;
    if (include !== undefined) query.include = include.join(',');
    if (fields !== undefined) query.fields = fields.join(',');
    if (sort !== undefined) query.sort = sort;
    if (limit !== undefined) query.limit = limit;
    if (cursor !== undefined) query.cursor = cursor;
    return this.client.getPage<Task>(path, query, options);
  }

  /**
   * Every task matching the filter, page after page: the next page is fetched while the current
   * one is consumed, with no pause between pages.
   */
  async *iterate(params: TaskListParams, options?: RequestOptions): AsyncGenerator<Task, void, undefined> {
    let current = await this.list(params, options);
    for (;;) {
      let next: Promise<typeof current> | undefined;
      if (current.hasNextPage()) {
        next = current.getNextPage();
        // Left unread when the loop stops early: its failure is of no interest then.
        next.catch(() => undefined);
      }
      yield* current.data;
      if (!next) return;
      current = await next;
    }
  }

  get(
    id: string,
    params: { include?: readonly TaskInclude[] } = {},
    options?: RequestOptions,
  ): Promise<Task> {
    const query: Query = params.include ? { include: params.include.join(',') } : {};
    return this.client.request('GET', `/v1/tasks/${pathId(id)}`, { ...options, query });
  }

  /**
   * Replaces a task's data (checked against the task schema unless `dataCheck: false`), resources,
   * priority or prediction (`null` clears it).
   */
  update(id: string, body: TaskUpdateParams, options?: RequestOptions): Promise<Task> {
    return this.client.request('PATCH', `/v1/tasks/${pathId(id)}`, { ...options, body });
  }

  /** Sends complete tasks to review (complete → to_review). */
  sendToReview<S extends TaskSelection, P extends TaskBulkParams = TaskBulkParams>(
    selection: S,
    params?: P,
    options?: RequestOptions,
  ): Promise<TaskBulkOutcome<S, P>> {
    const { reason } = params ?? {};
    return this.#bulk('/v1/tasks/review', selection, { reason }, params, options);
  }

  /** Sends complete, to_review or reviewed tasks back to pending, keeping their data or resetting it. */
  sendToRedo<S extends TaskSelection, P extends TaskRedoParams = TaskRedoParams>(
    selection: S,
    params?: P,
    options?: RequestOptions,
  ): Promise<TaskBulkOutcome<S, P>> {
    const { reason, reset } = params ?? {};
    return this.#bulk('/v1/tasks/redo', selection, { reason, reset }, params, options);
  }

  /** Moves tasks along the workflow; moves the machine does not allow are refused per task. */
  transition<S extends TaskSelection, P extends TaskBulkParams = TaskBulkParams>(
    selection: S,
    to: TaskStatus,
    params?: P,
    options?: RequestOptions,
  ): Promise<TaskBulkOutcome<S, P>> {
    const { reason } = params ?? {};
    return this.#bulk('/v1/tasks/transition', selection, { to, reason }, params, options);
  }

  /** Sets the score, and sets, replaces or removes custom properties. */
  updateProperties<S extends TaskSelection, P extends TaskPropertiesParams = TaskPropertiesParams>(
    selection: S,
    params: P,
    options?: RequestOptions,
  ): Promise<TaskBulkOutcome<S, P>> {
    const { score, custom } = params;
    const body: Record<string, unknown> = { score };
    if (custom) body.custom = { ...custom, ...(custom.remove ? { remove: [...custom.remove] } : {}) };
    return this.#bulk('/v1/tasks/properties', selection, body, params, options);
  }

  /** Assigns tasks (by ids, or a filter: a job, waited for unless `wait: false`) to a member. */
  assign<S extends TaskSelection, P extends TaskBulkParams = TaskBulkParams>(
    selection: S,
    memberId: string,
    params?: P,
    options?: RequestOptions,
  ): Promise<TaskBulkOutcome<S, P>> {
    return this.#bulk('/v1/tasks/assign', selection, { memberId }, params, options);
  }

  /** Takes tasks away from their assignee. */
  unassign<S extends TaskSelection, P extends TaskBulkParams = TaskBulkParams>(
    selection: S,
    params?: P,
    options?: RequestOptions,
  ): Promise<TaskBulkOutcome<S, P>> {
    return this.#bulk('/v1/tasks/unassign', selection, {}, params, options);
  }

  /**
   * Claims the next task of a project's queue (optionally one batch) for the member whose key
   * calls: highest priority first, then oldest, under a lease renewed by `heartbeat`. Resolves to
   * the task (with its data) or null when the queue is empty.
   */
  async claim(params: TaskClaimParams, options?: RequestOptions): Promise<Task | null> {
    const task = await this.client.request<Task | undefined>('POST', '/v1/tasks/claim', {
      ...options,
      body: params,
    });
    return task ?? null;
  }

  /** Renews the lease of a claimed task; a lost lease rejects with code `task_lease_lost` (409). */
  heartbeat(id: string, params: { leaseSeconds?: number } = {}, options?: RequestOptions): Promise<Task> {
    return this.client.request('POST', `/v1/tasks/${pathId(id)}/heartbeat`, { ...options, body: params });
  }

  /** Submits the work on a claimed task: it moves to complete and the lease ends. */
  submit(id: string, params: TaskSubmitParams = {}, options?: RequestOptions): Promise<Task> {
    return this.client.request('POST', `/v1/tasks/${pathId(id)}/submit`, { ...options, body: params });
  }

  /**
   * Gives a verdict on a task in review: `{ verdict: 'accept' }` moves it to the next review stage
   * (or `reviewed` after the last); `{ verdict: 'reject', reason }` sends it back to the member who
   * submitted it, with the reason on the task (`lastRejection`).
   */
  verdict(id: string, params: TaskVerdictParams, options?: RequestOptions): Promise<Task> {
    return this.client.request('POST', `/v1/tasks/${pathId(id)}/verdict`, { ...options, body: params });
  }

  /**
   * The same verdict on tasks in review: up to 1,000 ids (an array, or `{ ids }`), answered task by
   * task (`applied`, `refused`, `results`; a refused task does not stop the others, and with one
   * id its refusal is thrown), or `{ filter }` (statuses default to to_review): a job, waited for
   * (its result: `matched`, `applied`, `refused`, `refusals`) unless `wait: false`.
   */
  verdicts(
    ids: readonly string[],
    params: TaskVerdictsParams,
    options?: RequestOptions,
  ): Promise<TaskBulkResult>;
  verdicts<S extends TaskSelection, P extends TaskVerdictsParams>(
    selection: S,
    params: P,
    options?: RequestOptions,
  ): Promise<TaskBulkOutcome<S, P>>;
  verdicts(
    selection: readonly string[] | TaskSelection,
    params: TaskVerdictsParams,
    options?: RequestOptions,
  ): Promise<unknown> {
    const picked: TaskSelection = isIdList(selection) ? { ids: selection } : selection;
    const { verdict, reason, stage } = params;
    return this.#bulk('/v1/tasks/verdicts', picked, { verdict, reason, stage }, params, options);
  }

  /**
   * The annotations of a task in a consensus project (`annotationsPerTask` > 1), oldest first: who
   * made each, its data, and which one the task's data is (`chosen`).
   */
  async annotations(id: string, options?: RequestOptions): Promise<TaskAnnotation[]> {
    const page: { data: TaskAnnotation[] } = await this.client.request(
      'GET',
      `/v1/tasks/${pathId(id)}/annotations`,
      options,
    );
    return page.data;
  }

  /**
   * Chooses one of a task's annotations as its result (reviewers, managers, editors): the task's
   * data becomes that annotation's; its status stays. Resolves to the task, with its data.
   */
  choose(id: string, annotationId: string, options?: RequestOptions): Promise<Task> {
    return this.client.request('POST', `/v1/tasks/${pathId(id)}/annotations/${pathId(annotationId)}/choose`, {
      ...options,
    });
  }

  /**
   * Sets a task's known answer, making it a gold task: members get it from their claim queue at
   * the project's `workflow.goldRate`, each answering on their own, and their answers are scored
   * against it (`quality.report`). `null` makes it an ordinary task again. Annotators never see it.
   */
  setGold(
    id: string,
    data: Record<string, unknown> | null,
    params: Omit<TaskGoldParams, 'data'> = {},
    options?: RequestOptions,
  ): Promise<Task> {
    return this.client.request('PUT', `/v1/tasks/${pathId(id)}/gold`, {
      ...options,
      body: { ...params, data },
    });
  }

  /** Gives a claimed task back (to pending) with a reason; the queue never hands it to this member again. */
  skip(id: string, reason: string, options?: RequestOptions): Promise<Task> {
    return this.client.request('POST', `/v1/tasks/${pathId(id)}/skip`, { ...options, body: { reason } });
  }

  /**
   * Exports the tasks a filter selects (a `tasks.export` job, waited for with `onProgress`), then
   * resolves to the content (`inMemory: true`) or saves it, streamed to disk, to
   * `outputFolder/outputFilename` (default `./tasks-<jobId>.<format>`; `.coco.json`, `.yolo.zip`,
   * `.voc.zip`, `.masks.zip` for the label formats) and resolves to that path. The zip formats
   * (yolo, voc, masks) are always saved to a file. `wait: false` resolves to the job's handle once
   * it is started (the artifact, `job.result.artifact`, is then the caller's to download).
   */
  export(params: TaskExportParams & { wait: false }, options?: RequestOptions): Promise<JobHandle>;
  export(params: TaskExportParams & { wait?: true }, options?: RequestOptions): Promise<string>;
  async export(params: TaskExportParams, options?: RequestOptions): Promise<string | JobHandle> {
    const { format, filter, fields, classes, keypoints, inMemory, onProgress, signal } = params;
    const saves = inMemory || params.outputFolder !== undefined || params.outputFilename !== undefined;
    if (params.wait === false && saves) {
      throw new BatchyardError(
        '`wait: false` returns the job: its artifact is not fetched, so pass no inMemory, outputFolder or outputFilename.',
      );
    }
    if (inMemory && (params.outputFolder !== undefined || params.outputFilename !== undefined)) {
      throw new BatchyardError('Pass either `inMemory` or an output folder / file name, not both.');
    }
    if (inMemory && ZIP_FORMATS.has(format)) {
      throw new BatchyardError(
        `A ${format} export is a zip file: save it (outputFolder/outputFilename), not inMemory.`,
      );
    }
    const body: Record<string, unknown> = { filter: bodyFilter(filter), format };
    if (fields !== undefined) body.fields = [...fields];
    if (classes !== undefined) body.classes = [...classes];
    if (keypoints !== undefined) body.keypoints = keypoints;
    const started = await this.client.request<Job>('POST', '/v1/tasks/export', {
      ...options,
      ...(signal ? { signal } : {}),
      body,
    });
    // The caller follows the job and fetches its artifact (a browser, where nothing is saved to disk).
    if (params.wait === false) return new JobHandle(this.client, started.id, started);
    const job = await new JobHandle(this.client, started.id, started).wait({
      ...(onProgress ? { onProgress } : {}),
      ...(signal ? { signal } : {}),
    });
    if (job.status !== 'succeeded') throw new TaskJobError(job);
    const artifact = (job.result as TaskExportResult | null)?.artifact ?? `tasks.${format}`;
    const response = await this.client.requestRaw(
      'GET',
      `/v1/jobs/${pathId(job.id)}/artifacts/${pathId(artifact)}`,
      { ...(signal ? { signal } : {}), headers: { accept: '*/*' } },
    );
    if (inMemory) return response.text();
    // The artifact's extension: tasks.csv → csv, tasks.coco.json → coco.json.
    const fileName = params.outputFilename ?? `tasks-${job.id}.${artifact.replace(/^tasks\./, '')}`;
    return saveResponse(response, params.outputFolder ?? '.', fileName);
  }

  async #bulk<R>(
    path: string,
    selection: TaskSelection,
    fields: Record<string, unknown>,
    params: TaskBulkParams | undefined,
    options: RequestOptions | undefined,
  ): Promise<R> {
    const body: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(fields)) if (value !== undefined) body[name] = value;
    const hasIds = selection && 'ids' in selection && selection.ids !== undefined;
    const hasFilter = selection && 'filter' in selection && selection.filter !== undefined;
    if (hasIds === hasFilter) throw new BatchyardError('Pass either `ids` or `filter`.');
    if (hasIds) {
      const ids = selection.ids!;
      if (!Array.isArray(ids) || ids.length === 0)
        throw new BatchyardError('`ids` must be a non-empty array.');
      body.ids = [...ids];
    } else {
      body.filter = bodyFilter(selection.filter!);
    }
    const answer = await this.client.request<TaskBulkResult | Job>('POST', path, { ...options, body });
    if (hasIds) return answer as R;
    const started = answer as Job;
    const handle = new JobHandle(this.client, started.id, started);
    if (params?.wait === false) return handle as R;
    const job = await handle.wait({
      ...(params?.onProgress ? { onProgress: params.onProgress } : {}),
      ...(options?.signal ? { signal: options.signal } : {}),
    });
    if (job.status !== 'succeeded') throw new TaskJobError(job);
    return job.result as R;
  }
}

const isIdList = (selection: readonly string[] | TaskSelection): selection is readonly string[] =>
  Array.isArray(selection);
