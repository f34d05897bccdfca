import type { FilterOperator } from '../../core/filters.js';
import type { operations } from '../../generated/api.js';
import type { JobHandle } from '../../jobs/handle.js';
import type { Job, UploadProgress } from '../../types.js';

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
/**
 * One logged action on a task: from, to, action (transition, review, redo, redo_reset, update,
 * assign, unassign, claim, submit, skip, lease_expired, release), actor, memberId, reason, details, time.
 */
export type TaskEvent = NonNullable<Task['history']>[number];
/** One task to create: `{ name, resources?, data?, properties?: { score?, custom? } }`. */
export type NewTask = RequestBody<'createTasks'>['tasks'][number];
/** The outcome of one item of tasks.create: `index` is its place in the whole input. */
export type TaskItemResult = JsonBody<'createTasks', 200>['results'][number];
/** Per-task outcome of a review, redo, transition or properties call by ids. */
export type TaskBulkResult = JsonBody<'reviewTasks', 200>;
export type TaskUpdateParams = RequestBody<'updateTask'>;
/** A model's pre-label on a task: `{ modelVersion?, score?, data? }`. */
export type TaskPrediction = NonNullable<NonNullable<NewTask['prediction']>>;
/** Which queue to claim from: a project, optionally one batch, and the lease (1–3600 s, default 300). */
export type TaskClaimParams = RequestBody<'claimTask'>;
/** The work done on a claimed task: its new `data` (checked unless `dataCheck: false`). */
export type TaskSubmitParams = RequestBody<'submitTask'>;
/**
 * A reviewer's verdict: `accept` (next review stage, or `reviewed` after the last) or `reject`
 * (`reason` required: back to pending, assigned to its submitter); `stage` makes it conditional
 * on the task being at that stage (409 review_stage_mismatch otherwise).
 */
export type TaskVerdictParams = RequestBody<'giveTaskVerdict'>;
/**
 * The same verdict on several tasks: `{ verdict, reason?, stage? }` (the selection apart); with a
 * filter, `wait: false` returns the job's handle and `onProgress` follows it.
 */
export type TaskVerdictsParams = Omit<RequestBody<'giveTaskVerdicts'>, 'ids' | 'filter'> &
  Pick<TaskBulkParams, 'wait' | 'onProgress'>;
/** One member's annotation of a task in a consensus project; `chosen`: the task's data is it. */
export type TaskAnnotation = JsonBody<'listTaskAnnotations', 200>['data'][number];
/** A task's consensus: `{ score, annotations, chosenAnnotationId, chosenBy: 'majority' | 'reviewer' }`. */
export type TaskAgreement = NonNullable<Task['agreement']>;
/** Fields an export can hold (default: all but initialData, reviewStage, priority, assigneeId, prediction and agreement). */
export type TaskExportField = NonNullable<RequestBody<'exportTasks'>['fields']>[number];
export type TaskExportFormat = RequestBody<'exportTasks'>['format'];

/** Filter operators: symbols or their word forms. `in` takes an array; `like` uses `%` and `_`. */
export type TaskFilterOperator = FilterOperator;

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
  /** Tasks assigned to this member id, or to nobody (`'none'`). */
  assignee?: string;
  /** Tasks waiting at this review stage. */
  reviewStage?: string;
  /** By priority: `3`, `{ gte: 1 }`. */
  priority?: TaskFieldCondition;
  /** By the prediction's score: `{ score: { gte: 0.8 } }`. */
  prediction?: { score?: TaskFieldCondition };
  /** By the consensus agreement: `{ score: { lt: 0.8 } }`. */
  agreement?: { score?: TaskFieldCondition };
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

/** A task's known answer: `{ data }` makes it a gold task, `{ data: null }` makes it an ordinary one. */
export type TaskGoldParams = RequestBody<'setTaskGold'>;

export interface TaskListParams extends TaskFilter {
  /** Only gold tasks (true) or only the others (false); not for annotators' keys. */
  isGold?: boolean;
  /** Heavy fields to add: `data` (with initialData), `history`. */
  include?: readonly TaskInclude[];
  /**
   * `field` or `field:desc` of id, createdAt, updatedAt, name, status, priority, properties.score
   * prediction.score or agreement.score (comma-separated; scores without a value come last).
   */
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

/**
 * What `tasks.createFromRows` takes: the columns (ids or names) that name the tasks and fill their
 * `data` and resources. Without `nameColumn`, tasks are named `<namePrefix><row id>`.
 */
export type TaskFromRowsParams = RequestBody<'createTasksFromRows'>;

/** Result of a `tasks.from_rows` job; `index` is the row's place in the batch (row id order). */
export interface TaskFromRowsResult {
  batchId: string;
  rows: number;
  created: number;
  skipped: number;
  failed: number;
  /** The first 100 failed rows, with why. */
  failures: { index: number; name: string; error?: { code: string; message: string; pointer?: string } }[];
}

/** Result of a `tasks.bulk` job (an operation by filter). */
export interface TaskBulkJobResult {
  matched: number;
  applied: number;
  refused: number;
  /** The first 1,000 refused tasks, with why. */
  refusals: TaskBulkResult['results'];
}

/** Result of a `tasks.export` job (the label formats add images, labels, classes and skipped). */
export interface TaskExportResult {
  /** Tasks the filter selected. */
  count: number;
  format: TaskExportFormat;
  artifact: string;
  /** Label formats: images written (tasks with an image and its size). */
  images?: number;
  /** Label formats: labels written. */
  labels?: number;
  /** Label formats: the classes in id order (COCO category i+1, YOLO class i, mask value i+1). */
  classes?: string[];
  /** Label formats: tasks and labels left out, and the first ten with why. */
  skipped?: { tasks: number; labels: number; first: { taskId: string; label?: number; reason: string }[] };
  /** Label formats: labels written with their keypoints, and labels written without the keypoints they have. */
  keypoints?: { written: number; leftOut: number };
  /** YOLO: `[keypoints, 3]` when the zip is a pose dataset, else null. */
  kptShape?: [number, 3] | null;
}

/** A class's keypoint names in order and its skeleton (edges, pairs of 1-based keypoint numbers). */
export interface KeypointNames {
  names: readonly string[];
  skeleton?: readonly (readonly [number, number])[];
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
  /** json, jsonl and csv only. */
  fields?: readonly TaskExportField[];
  /** Label formats only: the classes to export, in id order (default: every class used, sorted). */
  classes?: readonly string[];
  /** Label formats only: keypoint names and skeleton by class (COCO categories' keypoints and skeleton). */
  keypoints?: Record<string, KeypointNames>;
  /** Resolve to the content as a string instead of saving a file (not for yolo, voc, masks: zips). */
  inMemory?: boolean;
  /** Folder to save into (default: the current directory; created when missing). */
  outputFolder?: string;
  /** File name (default `tasks-<jobId>.<format>`, `tasks-<jobId>.coco.json`, `tasks-<jobId>.yolo.zip`, …). */
  outputFilename?: string;
  /** Called as the export job progresses. */
  onProgress?: (job: Job) => void;
  /** `false`: resolve to the started job's handle (no file saved, nothing fetched). */
  wait?: boolean;
  signal?: AbortSignal;
}
