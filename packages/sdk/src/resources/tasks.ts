import { APIUserAbortError, BadRequestError, BatchyardError } from '../core/errors.js';
import { newIdempotencyKey, pathId, type Query, type RequestOptions } from '../core/http.js';
import type { PagePromise } from '../core/pagination.js';
import { APIResource } from '../core/resource.js';
import { StreamBody } from '../core/stream-body.js';
import { UPLOAD_CONTENT_TYPES, prepareUpload } from '../core/upload.js';
import type { operations } from '../generated/api.js';
import { JobHandle } from '../jobs/handle.js';
import type { Job, UploadProgress } from '../types.js';

type JsonBody<
  O extends keyof operations,
  S extends keyof operations[O]['responses'],
> = operations[O]['responses'][S] extends { content: { 'application/json': infer B } } ? B : never;
type RequestBody<O extends keyof operations> = operations[O] extends {
  requestBody: { content: { 'application/json': infer B } };
}
  ? B
  : never;

/** A task; `data`, `initialData` and `history` are there only when asked for (`include`). */
export type Task = JsonBody<'getTask', 200>;
/** pending → in_progress → complete → to_review → reviewed (redo: back to pending). */
export type TaskStatus = Task['status'];
/** One logged move of a task: from, to, action (transition, review, redo, redo_reset), actor, reason, time. */
export type TaskEvent = NonNullable<Task['history']>[number];
/** One task to create: `{ name, resources?, data?, properties?: { score?, custom? } }`. */
export type NewTask = RequestBody<'createTasks'>['tasks'][number];
/** The outcome of one item of tasks.create: `index` is its place in the whole input. */
export type TaskItemResult = JsonBody<'createTasks', 200>['results'][number];
/** Per-task outcome of a review, redo, transition or properties call by ids. */
export type TaskBulkResult = JsonBody<'reviewTasks', 200>;
export type TaskUpdateParams = RequestBody<'updateTask'>;
/** Fields an export can hold (default: all but initialData). */
export type TaskExportField = NonNullable<RequestBody<'exportTasks'>['fields']>[number];
export type TaskExportFormat = RequestBody<'exportTasks'>['format'];

/** Filter operators: symbols or their word forms. `in` takes an array; `like` uses `%` and `_`. */
export type TaskFilterOperator =
  '=' | 'eq' | '!=' | 'ne' | '>' | 'gt' | '>=' | 'gte' | '<' | 'lt' | '<=' | 'lte' | 'in' | 'like';

/** A condition on `data.<path>`, `properties.score`, `properties.<custom path>`, `createdAt` or `updatedAt`. */
export interface TaskWhere {
  field: string;
  operator: TaskFilterOperator;
  value: unknown;
}

/** Comparisons on one field: `{ gte: 3, lt: 10 }`, `{ in: ['a', 'b'] }`, `{ like: 'a%' }`. */
export type TaskComparison = {
  [K in 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'like']?: unknown;
};

/** A value to equal, or comparisons. */
export type TaskFieldCondition = string | number | boolean | null | Date | TaskComparison;

/** A time range (ISO 8601 strings or Dates). */
export interface TimeRange {
  gt?: Date | string;
  gte?: Date | string;
  lt?: Date | string;
  lte?: Date | string;
}

/** Which tasks: lists, exports and bulk operations take the same filter. */
export interface TaskFilter {
  projectId: string;
  batchIds?: readonly string[];
  statuses?: readonly TaskStatus[];
  ids?: readonly string[];
  names?: readonly string[];
  nameRegex?: string;
  /** By `data` path (dots for nested fields): `{ label: 'cat', 'meta.size': { gte: 3 } }`. */
  data?: Record<string, TaskFieldCondition>;
  /** By property: `{ score: { gt: 0.5 }, team: 'red' }` (other keys are custom properties). */
  properties?: Record<string, TaskFieldCondition>;
  /** Further conditions, each `{ field, operator, value }`. */
  where?: readonly TaskWhere[];
  createdAt?: TimeRange;
  updatedAt?: TimeRange;
}

export type TaskInclude = 'data' | 'history';

export interface TaskListParams extends TaskFilter {
  /** Heavy fields to add: `data` (with initialData), `history`. */
  include?: readonly TaskInclude[];
  /** `field` or `field:desc` of id, createdAt, updatedAt, name, status (comma-separated). */
  sort?: string;
  /** Page size (1–1000, default 50). */
  limit?: number;
  cursor?: string;
  /** Only these fields (and `id`), e.g. `['name', 'status']`. */
  fields?: readonly string[];
}

/** How tasks.create and tasks.import treat names and data. */
export interface TaskCreateOptions {
  /** A name the batch already has: `error` (default) or `skip`. */
  onExisting?: 'error' | 'skip';
  /** false: do not check names against the batch (repeats inside the input are still errors). */
  uniqueCheck?: boolean;
  /** false: do not check `data` against the project's task schema. */
  dataCheck?: boolean;
}

export interface TaskCreateProgress {
  /** Items of the input handled so far (answered by the server, or refused by the SDK). */
  sent: number;
  created: number;
  skipped: number;
  failed: number;
  /** Items in the input, when known (an array). */
  total?: number;
}

export interface TaskCreateParams extends TaskCreateOptions {
  /** Tasks per request (1–10,000, default 5,000). */
  chunkSize?: number;
  /** Called after each chunk is answered. */
  onProgress?: (progress: TaskCreateProgress) => void;
  /** Aborting it stops sending (chunks already answered stay created). */
  signal?: AbortSignal;
}

export interface TaskCreateResult {
  created: number;
  skipped: number;
  failed: number;
  /** One per input item, in input order. */
  results: TaskItemResult[];
}

/** Where tasks.import reads from: a .jsonl / .ndjson / .json file, or rows sent as JSON Lines. */
export type TaskImportSource =
  { path: string } | readonly NewTask[] | Iterable<NewTask> | AsyncIterable<NewTask>;

export interface TaskImportParams extends TaskCreateOptions {
  /** Format of a file (default: from its extension). */
  format?: 'json' | 'jsonl';
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
}

/** Result of a `tasks.import` job; failed items are in its `failures.jsonl` artifact. */
export interface TaskImportResult {
  batchId: string;
  total: number;
  created: number;
  skipped: number;
  failed: number;
}

/** Result of a `tasks.bulk` job (an operation by filter). */
export interface TaskBulkJobResult {
  matched: number;
  applied: number;
  refused: number;
  /** The first 1,000 refused tasks, with why. */
  refusals: TaskBulkResult['results'];
}

/** Result of a `tasks.export` job. */
export interface TaskExportResult {
  count: number;
  format: TaskExportFormat;
  artifact: string;
}

/** The tasks a bulk operation applies to: up to 1,000 ids (answered at once), or a filter (a job). */
export type TaskSelection = { ids: readonly string[]; filter?: never } | { filter: TaskFilter; ids?: never };

export interface TaskBulkParams {
  /** Logged with each move. */
  reason?: string;
  /** With a filter: false returns the job's handle instead of waiting for its result. */
  wait?: boolean;
  /** With a filter: called as the job progresses. */
  onProgress?: (job: Job) => void;
}

/** What a bulk call resolves to: the per-task result (ids), the job's result, or its handle (`wait: false`). */
export type TaskBulkOutcome<S extends TaskSelection, P> = S extends { ids: readonly string[] }
  ? TaskBulkResult
  : P extends { wait: false }
    ? JobHandle
    : TaskBulkJobResult;

export interface TaskRedoParams extends TaskBulkParams {
  /** Reset `data` to the initial data (default false: keep it). */
  reset?: boolean;
}

export interface TaskPropertiesParams extends Omit<TaskBulkParams, 'reason'> {
  score?: number | null;
  custom?: {
    /** Keys to set. */
    set?: Record<string, unknown>;
    /** The whole custom object. */
    replace?: Record<string, unknown>;
    /** Keys to drop. */
    remove?: readonly string[];
  };
}

export interface TaskExportParams {
  format: TaskExportFormat;
  filter: TaskFilter;
  fields?: readonly TaskExportField[];
  /** Resolve to the content as a string instead of saving a file. */
  inMemory?: boolean;
  /** Folder to save into (default: the current directory; created when missing). */
  outputFolder?: string;
  /** File name (default `tasks-<jobId>.<format>`). */
  outputFilename?: string;
  /** Called as the export job progresses. */
  onProgress?: (job: Job) => void;
  signal?: AbortSignal;
}

/** A job this SDK waited for ended failed or aborted. */
export class TaskJobError extends BatchyardError {
  override name = 'TaskJobError';
  readonly job: Job;
  constructor(job: Job) {
    super(
      `Job ${job.id} (${job.type}) ${job.status}` +
        (job.error ? `: ${job.error.message} (${job.error.code})` : '.'),
    );
    this.job = job;
  }
}

const DEFAULT_CHUNK = 5000;
const MAX_CHUNK = 10_000;
/** Create requests in flight at once. */
const IN_FLIGHT = 2;
/** Times a chunk is sent again without the items the server found malformed. */
const MAX_REFUSED_ROUNDS = 5;

const WORD_OPERATORS: Record<TaskFilterOperator, string> = {
  '=': 'eq',
  eq: 'eq',
  '!=': 'ne',
  ne: 'ne',
  '>': 'gt',
  gt: 'gt',
  '>=': 'gte',
  gte: 'gte',
  '<': 'lt',
  lt: 'lt',
  '<=': 'lte',
  lte: 'lte',
  in: 'in',
  like: 'like',
};
const COMPARISON_KEYS = new Set(['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'like']);
const RANGE_KEYS = ['gt', 'gte', 'lt', 'lte'] as const;

/** One chunk of tasks.create: what goes out, and where each item sits in the input. */
interface Chunk {
  items: unknown[];
  /** Input index of each item sent. */
  indexes: number[];
  /** Items the SDK refused itself (repeated or missing names), already numbered. */
  local: TaskItemResult[];
  /** Input items this chunk covers (sent or refused). */
  size: number;
}

interface ChunkReader {
  next(): Chunk | undefined | Promise<Chunk | undefined>;
  close(): void;
}

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
    const path = `/v1/batches/${pathId(batchId)}/tasks`;
    const { onExisting, uniqueCheck, dataCheck, onProgress } = params;
    const chunkSize = params.chunkSize ?? DEFAULT_CHUNK;
    if (!Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > MAX_CHUNK) {
      throw new BatchyardError(`\`chunkSize\` must be a whole number from 1 to ${MAX_CHUNK}.`);
    }
    const signal = params.signal ?? options.signal;
    // The settings, serialised once; each body is `{"tasks":[...],<settings>}`.
    const settings = JSON.stringify({ onExisting, uniqueCheck, dataCheck }).slice(1, -1);
    const reader = chunkReader(items, chunkSize);
    const total = Array.isArray(items) ? items.length : undefined;
    const baseKey = options.idempotencyKey;
    let chunkNumber = 0;

    const progress: TaskCreateProgress = { sent: 0, created: 0, skipped: 0, failed: 0 };
    if (total !== undefined) progress.total = total;
    const parts: TaskItemResult[][] = [];

    const send = async (chunk: Chunk, key: string): Promise<TaskItemResult[]> => {
      let answered: TaskItemResult[] = [];
      let { items, indexes } = chunk;
      const local = chunk.local;
      // A request with a malformed item (an unknown key, a resource that is not a string...) is
      // refused whole: those items fail, and the rest of the chunk is sent again (a new key, as the
      // body differs). Each round drops at least one item; a few rounds at most are expected.
      for (let round = 0; items.length > 0; round++) {
        const json = JSON.stringify(items);
        const body = settings ? `{"tasks":${json},${settings}}` : `{"tasks":${json}}`;
        try {
          const response = await this.client.request<TaskCreateResult>('POST', path, {
            ...options,
            ...(signal ? { signal } : {}),
            idempotencyKey: round === 0 ? key : `${key}:${round}`,
            headers: { ...options.headers, 'content-type': 'application/json' },
            body,
          });
          answered = response.results;
          for (const result of answered) result.index = indexes[result.index] ?? result.index;
          break;
        } catch (error) {
          const bad = round < MAX_REFUSED_ROUNDS ? malformedItems(error, items.length) : undefined;
          if (!bad) throw error;
          const keptItems: unknown[] = [];
          const keptIndexes: number[] = [];
          items.forEach((item, i) => {
            const at = indexes[i]!;
            const problem = bad.get(i);
            if (!problem) {
              keptItems.push(item);
              keptIndexes.push(at);
              return;
            }
            local.push({
              index: at,
              name: String((item as { name?: unknown }).name ?? ''),
              status: 'failed',
              error: {
                code: 'invalid_task',
                message: `${problem.rest || 'the task'} ${problem.message}`.trim(),
                pointer: `/tasks/${at}${problem.rest}`,
              },
            });
          });
          items = keptItems;
          indexes = keptIndexes;
        }
      }
      if (local.length === 0) return answered;
      local.sort((a, b) => a.index - b.index);
      return mergeByIndex(answered, local);
    };
    const absorb = (chunk: Chunk, results: TaskItemResult[]) => {
      for (const result of results) {
        if (result.status === 'created') progress.created++;
        else if (result.status === 'skipped') progress.skipped++;
        else progress.failed++;
      }
      progress.sent += chunk.size;
      parts.push(results);
      onProgress?.({ ...progress });
    };

    const inFlight: { chunk: Chunk; done: Promise<TaskItemResult[]> }[] = [];
    try {
      for (;;) {
        if (signal?.aborted) break;
        const next = reader.next();
        const chunk = next instanceof Promise ? await next : next;
        if (chunk === undefined) break;
        const key = baseKey !== undefined ? `${baseKey}:${chunkNumber}` : newIdempotencyKey();
        chunkNumber++;
        const done = send(chunk, key);
        // Awaited in order below; a failure meanwhile must not be an unhandled rejection.
        done.catch(() => undefined);
        inFlight.push({ chunk, done });
        if (inFlight.length >= IN_FLIGHT) {
          const first = inFlight.shift()!;
          absorb(first.chunk, await first.done);
        }
      }
      while (inFlight.length > 0) {
        const first = inFlight.shift()!;
        absorb(first.chunk, await first.done);
      }
    } finally {
      reader.close();
    }
    if (signal?.aborted) throw new APIUserAbortError(undefined, { cause: signal.reason });
    const results = parts.length === 1 ? parts[0]! : ([] as TaskItemResult[]).concat(...parts);
    return { created: progress.created, skipped: progress.skipped, failed: progress.failed, results };
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
   * One page of a project's tasks matching the filter; `for await` walks every page. `data` and
   * `history` come back only when listed in `include`.
   */
  list(params: TaskListParams, options?: RequestOptions): PagePromise<Task> {
    const { include, sort, limit, cursor, fields, ...filter } = params;
    const { query, filters } = listQuery(filter);
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

  /** Replaces a task's data (checked against the task schema unless `dataCheck: false`) or resources. */
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

  /**
   * Exports the tasks a filter selects (a `tasks.export` job, waited for with `onProgress`), then
   * resolves to the content (`inMemory: true`) or saves it, streamed to disk, to
   * `outputFolder/outputFilename` (default `./tasks-<jobId>.<format>`) and resolves to that path.
   */
  async export(params: TaskExportParams, options?: RequestOptions): Promise<string> {
    const { format, filter, fields, inMemory, onProgress, signal } = params;
    if (inMemory && (params.outputFolder !== undefined || params.outputFilename !== undefined)) {
      throw new BatchyardError('Pass either `inMemory` or an output folder / file name, not both.');
    }
    const body: Record<string, unknown> = { filter: bodyFilter(filter), format };
    if (fields !== undefined) body.fields = [...fields];
    const started = await this.client.request<Job>('POST', '/v1/tasks/export', {
      ...options,
      ...(signal ? { signal } : {}),
      body,
    });
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
    const fileName = params.outputFilename ?? `tasks-${job.id}.${format}`;
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

/**
 * The items a 400 validation_failed names, by their place in the request (with the rest of the
 * pointer and the message); undefined when the error is about anything else.
 */
function malformedItems(
  error: unknown,
  count: number,
): Map<number, { rest: string; message: string }> | undefined {
  if (!(error instanceof BadRequestError) || error.code !== 'validation_failed') return undefined;
  if (error.errors.length === 0) return undefined;
  const bad = new Map<number, { rest: string; message: string }>();
  for (const field of error.errors) {
    const match = field.in === 'body' ? /^\/tasks\/(\d+)(\/.*)?$/.exec(field.pointer ?? '') : null;
    if (!match) return undefined;
    const i = Number(match[1]);
    if (i >= count) return undefined;
    // The first reason given for an item is kept (anyOf adds less helpful ones after it).
    if (!bad.has(i)) bad.set(i, { rest: match[2] ?? '', message: field.message });
  }
  return bad;
}

/** Merges two lists sorted by index. */
function mergeByIndex(a: TaskItemResult[], b: TaskItemResult[]): TaskItemResult[] {
  const out: TaskItemResult[] = new Array<TaskItemResult>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i]!.index <= b[j]!.index ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

/** Reads the input a chunk at a time, refusing repeated and missing names on the way. */
function chunkReader(
  items: readonly NewTask[] | Iterable<NewTask> | AsyncIterable<NewTask>,
  size: number,
): ChunkReader {
  // Names already taken by an earlier item (a Set: the cheapest lookup for a million names).
  const seen = new Set<string>();
  let index = 0;
  let chunk: Chunk = { items: [], indexes: [], local: [], size: 0 };
  /** Adds one input item to the current chunk. */
  const add = (item: unknown) => {
    const at = index++;
    chunk.size++;
    const name = typeof item === 'object' && item !== null ? (item as { name?: unknown }).name : undefined;
    if (typeof name !== 'string' || name.length === 0) {
      chunk.local.push({
        index: at,
        name: typeof name === 'string' ? name : '',
        status: 'failed',
        error: { code: 'invalid_task', message: 'A task is an object with a non-empty `name`.' },
      });
      return;
    }
    const before = seen.size;
    seen.add(name);
    if (seen.size === before) {
      chunk.local.push({
        index: at,
        name,
        status: 'failed',
        error: {
          code: 'duplicate_in_request',
          message: `"${name}" is the name of an earlier item of this input.`,
        },
      });
      return;
    }
    chunk.items.push(item);
    chunk.indexes.push(at);
  };
  const take = (): Chunk | undefined => {
    const full = chunk;
    chunk = { items: [], indexes: [], local: [], size: 0 };
    return full.size > 0 ? full : undefined;
  };

  if (Array.isArray(items)) {
    const array = items as readonly unknown[];
    return {
      next() {
        const end = Math.min(array.length, index + size);
        while (index < end) add(array[index]);
        return take();
      },
      close() {},
    };
  }
  if (isAsyncIterable(items)) {
    let iterator: AsyncIterator<unknown> | undefined;
    let done = false;
    return {
      async next() {
        iterator ??= items[Symbol.asyncIterator]();
        while (!done && chunk.size < size) {
          const step = await iterator.next();
          if (step.done) done = true;
          else add(step.value);
        }
        return take();
      },
      close() {
        if (!done && iterator) {
          done = true;
          void iterator.return?.()?.catch(() => undefined);
        }
      },
    };
  }
  if (isIterable(items)) {
    let iterator: Iterator<unknown> | undefined;
    let done = false;
    return {
      next() {
        iterator ??= items[Symbol.iterator]();
        while (!done && chunk.size < size) {
          const step = iterator.next();
          if (step.done) done = true;
          else add(step.value);
        }
        return take();
      },
      close() {
        if (!done && iterator) {
          done = true;
          iterator.return?.();
        }
      },
    };
  }
  throw new BatchyardError('`items` must be an array or an (async) iterable of tasks.');
}

function isIterable(value: unknown): value is Iterable<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function'
  );
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function'
  );
}

function checkProjectId(filter: TaskFilter): void {
  if (
    typeof filter !== 'object' ||
    filter === null ||
    typeof filter.projectId !== 'string' ||
    !filter.projectId
  ) {
    throw new BatchyardError('A task filter needs a `projectId`.');
  }
}

function timestamp(value: unknown, field: string): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new BatchyardError(`${field}: invalid Date.`);
    return value.toISOString();
  }
  if (typeof value !== 'string') throw new BatchyardError(`${field}: expected a Date or an ISO 8601 string.`);
  return value;
}

/** Every condition of a filter as `{ field, operator, value }` (word operators, Dates as ISO strings). */
export function taskConditions(filter: TaskFilter): TaskWhere[] {
  const out: TaskWhere[] = [];
  const fieldConditions = (prefix: 'data' | 'properties', record: Record<string, TaskFieldCondition>) => {
    for (const [key, condition] of Object.entries(record)) {
      const field = `${prefix}.${key}`;
      if (condition === undefined) continue;
      if (
        typeof condition === 'object' &&
        condition !== null &&
        !(condition instanceof Date) &&
        !Array.isArray(condition)
      ) {
        const entries = Object.entries(condition);
        if (entries.length === 0) throw new BatchyardError(`${field}: no comparison given.`);
        for (const [operator, value] of entries) {
          if (!COMPARISON_KEYS.has(operator)) {
            throw new BatchyardError(
              `${field}: unknown comparison "${operator}"; use eq, ne, gt, gte, lt, lte, in or like.`,
            );
          }
          if (value !== undefined) out.push({ field, operator: operator as TaskFilterOperator, value });
        }
      } else {
        out.push({ field, operator: 'eq', value: condition });
      }
    }
  };
  if (filter.data) fieldConditions('data', filter.data);
  if (filter.properties) fieldConditions('properties', filter.properties);
  for (const field of ['createdAt', 'updatedAt'] as const) {
    const range = filter[field];
    if (!range) continue;
    for (const key of Object.keys(range)) {
      if (!(RANGE_KEYS as readonly string[]).includes(key)) {
        throw new BatchyardError(`${field}: unknown bound "${key}"; use gt, gte, lt or lte.`);
      }
    }
    for (const operator of RANGE_KEYS) {
      const value = range[operator];
      if (value !== undefined) out.push({ field, operator, value: timestamp(value, field) });
    }
  }
  for (const [i, where] of (filter.where ?? []).entries()) {
    if (typeof where !== 'object' || where === null || typeof where.field !== 'string' || !where.field) {
      throw new BatchyardError(`where[${i}]: expected { field, operator, value }.`);
    }
    if (!(where.operator in WORD_OPERATORS)) {
      throw new BatchyardError(`where[${i}]: unknown operator "${String(where.operator)}".`);
    }
    out.push({
      field: where.field,
      operator: where.operator,
      value: where.value instanceof Date ? where.value.toISOString() : where.value,
    });
  }
  for (const condition of out) {
    if (condition.value instanceof Date) condition.value = timestamp(condition.value, condition.field);
  }
  return out;
}

/** A filter in the body form of bulk operations and exports. */
function bodyFilter(filter: TaskFilter): Record<string, unknown> {
  checkProjectId(filter);
  const out: Record<string, unknown> = { projectId: filter.projectId };
  if (filter.batchIds !== undefined) out.batchIds = [...filter.batchIds];
  if (filter.statuses !== undefined) out.statuses = [...filter.statuses];
  if (filter.ids !== undefined) out.ids = [...filter.ids];
  if (filter.names !== undefined) out.names = [...filter.names];
  if (filter.nameRegex !== undefined) out.nameRegex = filter.nameRegex;
  const where = taskConditions(filter);
  if (where.length > 0) out.where = where.map((w) => ({ ...w, operator: WORD_OPERATORS[w.operator] }));
  return out;
}

/** The query form of a filter: plain parameters, and `field:op:value` filters. */
function listQuery(filter: TaskFilter): { query: Query; filters: string[] } {
  checkProjectId(filter);
  const query: Query = { projectId: filter.projectId };
  const list = (name: string, values: readonly string[] | undefined) => {
    if (values === undefined) return;
    for (const value of values) {
      if (typeof value !== 'string' || value.includes(',')) {
        throw new BatchyardError(`\`${name}\`: values with a comma cannot be sent in a list query.`);
      }
    }
    query[name] = values.join(',');
  };
  list('batchIds', filter.batchIds);
  list('statuses', filter.statuses);
  list('ids', filter.ids);
  list('names', filter.names);
  if (filter.nameRegex !== undefined) query.nameRegex = filter.nameRegex;
  const filters = taskConditions(filter).map((condition) => queryCondition(condition));
  return { query, filters };
}

/**
 * `field:op:value`. The server reads values as JSON when they parse (`3`, `true`, `null`), so a
 * string is sent JSON-quoted to stay a string; `like` patterns and times are sent as they are.
 */
function queryCondition({ field, operator, value }: TaskWhere): string {
  if (field.includes(':')) throw new BatchyardError(`"${field}": a field with ":" cannot be filtered on.`);
  const word = WORD_OPERATORS[operator];
  let text: string;
  if (word === 'in') {
    if (!Array.isArray(value)) throw new BatchyardError(`${field}: "in" needs an array of values.`);
    // The list is one JSON array: its strings stay strings.
    text = JSON.stringify(value.map((v: unknown) => (v instanceof Date ? v.toISOString() : v)));
  } else if (word === 'like' || field === 'createdAt' || field === 'updatedAt') {
    if (typeof value !== 'string') throw new BatchyardError(`${field}: "${operator}" needs a string.`);
    text = value;
  } else if (typeof value === 'string') {
    text = JSON.stringify(value);
  } else if (typeof value === 'number' || typeof value === 'boolean' || value === null) {
    text = String(value);
  } else {
    throw new BatchyardError(`${field}: compare with a string, number, boolean, null or Date.`);
  }
  return `${field}:${word}:${text}`;
}

/** The node:fs and node:path calls a save needs (loaded on demand: the SDK runs in browsers too). */
interface NodeFs {
  promises: {
    mkdir(path: string, options: { recursive: true }): Promise<unknown>;
    open(
      path: string,
      flags: string,
    ): Promise<{
      write(data: Uint8Array): Promise<unknown>;
      close(): Promise<void>;
    }>;
    rename(from: string, to: string): Promise<void>;
    rm(path: string, options: { force: true }): Promise<void>;
  };
}
interface NodePath {
  join(...parts: string[]): string;
}
// Not literals: bundlers for browsers leave them alone, and the SDK's bundles import nothing.
const NODE_FS = 'node:fs';
const NODE_PATH = 'node:path';

/** Streams a download into a file (through `<file>.part`, renamed at the end); resolves to its path. */
async function saveResponse(response: Response, folder: string, fileName: string): Promise<string> {
  let fs: NodeFs;
  let nodePath: NodePath;
  try {
    fs = (await import(NODE_FS)) as NodeFs;
    nodePath = (await import(NODE_PATH)) as NodePath;
  } catch (error) {
    throw new BatchyardError('Saving an export needs node:fs (Node.js); pass `inMemory: true` instead.', {
      cause: error,
    });
  }
  await fs.promises.mkdir(folder, { recursive: true });
  const target = nodePath.join(folder, fileName);
  const partial = `${target}.part`;
  const file = await fs.promises.open(partial, 'w');
  let ok = false;
  try {
    const body = response.body;
    if (body) {
      const reader = body.getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          await file.write(value);
        }
      } catch (error) {
        await reader.cancel().catch(() => undefined);
        throw error;
      }
    }
    ok = true;
  } finally {
    await file.close();
    if (!ok) await fs.promises.rm(partial, { force: true });
  }
  try {
    await fs.promises.rename(partial, target);
  } catch (error) {
    // e.g. the target is a folder (EISDIR): no `.part` file is left behind.
    await fs.promises.rm(partial, { force: true });
    throw error;
  }
  return target;
}
