import type { FilterOperator } from './core/filters.js';
import type { operations } from './generated/api.js';

type JsonBody<
  O extends keyof operations,
  S extends keyof operations[O]['responses'],
> = operations[O]['responses'][S] extends { content: { 'application/json': infer B } } ? B : never;
type RequestBody<O extends keyof operations> = operations[O] extends {
  requestBody: { content: { 'application/json': infer B } };
}
  ? B
  : never;
type Query<O extends keyof operations> = NonNullable<operations[O]['parameters']['query']>;

/** problem+json (RFC 9457) body of every error answer. */
export type Problem = JsonBody<'getMe', '4XX'>;
/** One bad value of a request: where it was (`in`), its JSON pointer and what is wrong with it. */
export type FieldError = NonNullable<Problem['errors']>[number];

export type Me = JsonBody<'getMe', 200>;
export type Role = Me['role'];
export type Workspace = JsonBody<'createWorkspace', 201>;
export type Project = JsonBody<'createProject', 201>;
/** A person of a workspace: annotator, reviewer or manager. */
export type Member = JsonBody<'createMember', 201>;
export type MemberRole = Member['role'];
export type ApiKey = JsonBody<'revokeApiKey', 200>;
export type ApiKeyWithToken = JsonBody<'createApiKey', 201>;
export type ApiClient = JsonBody<'revokeApiClient', 200>;
export type ApiClientWithSecret = JsonBody<'createApiClient', 201>;
export type AccessToken = JsonBody<'createAccessToken', 200>;

/**
 * What a `fields` projection returns: the whole resource without `fields`, the named fields (and
 * `id`) for literal names, and a partial resource when the names are only known at run time.
 */
export type Selected<T extends { id: string }, F extends string> = string extends F
  ? Partial<T> & Pick<T, 'id'>
  : [Exclude<keyof T, 'id'>] extends [F]
    ? T
    : Pick<T, Extract<F, keyof T> | 'id'>;

/** Field names of a resource, with completion, while still accepting any string. */
export type FieldName<T> = (keyof T & string) | (string & {});

type ListQuery<O extends keyof operations, F extends string> = Omit<Query<O>, 'fields'> & {
  /** Fields to return (`id` always comes back); all fields when absent. */
  fields?: readonly F[];
};

export type WorkspaceCreateParams = RequestBody<'createWorkspace'>;
export type WorkspaceUpdateParams = RequestBody<'updateWorkspace'>;
export type WorkspaceListParams<F extends string = keyof Workspace> = ListQuery<'listWorkspaces', F>;
export type WorkspaceGetParams<F extends string = keyof Workspace> = ListQuery<'getWorkspace', F>;
export type WorkspaceDeleteParams = Query<'deleteWorkspace'>;

/** The quality report: one row per member with activity in `[from, to)`. */
export type QualityReport = JsonBody<'qualityReport', 200>;
/**
 * One member's figures: submitted, activeHours, throughputPerHour, gold `{answered, accuracy}`,
 * agreement, reviews `{verdicts, rejected, rejectionRate}` (null: nothing to measure).
 */
export type MemberQuality = QualityReport['data'][number];
/** Which project, and the range of time the work was done in (ISO strings or Dates). */
export interface QualityParams {
  projectId: string;
  /** Default: 30 days before `to`. */
  from?: string | Date;
  /** Default: now. */
  to?: string | Date;
}

export type ProjectCreateParams = RequestBody<'createProject'>;
export type MemberCreateParams = RequestBody<'createMember'>;
export type MemberUpdateParams = RequestBody<'updateMember'>;
export type MemberListParams<F extends string = keyof Member> = ListQuery<'listMembers', F>;
export type MemberGetParams<F extends string = keyof Member> = ListQuery<'getMember', F>;
export type ProjectUpdateParams = RequestBody<'updateProject'>;
export type ProjectListParams<F extends string = keyof Project> = ListQuery<'listProjects', F>;
export type ProjectGetParams<F extends string = keyof Project> = ListQuery<'getProject', F>;
export type ProjectDeleteParams = Query<'deleteProject'>;

export type ApiKeyCreateParams = RequestBody<'createApiKey'>;
export type ApiKeyListParams<F extends string = keyof ApiKey> = ListQuery<'listApiKeys', F>;
export type ApiKeyGetParams<F extends string = keyof ApiKey> = ListQuery<'getApiKey', F>;

export type ApiClientCreateParams = RequestBody<'createApiClient'>;
export type ApiClientListParams<F extends string = keyof ApiClient> = ListQuery<'listApiClients', F>;
export type ApiClientGetParams<F extends string = keyof ApiClient> = ListQuery<'getApiClient', F>;

export type Job = JsonBody<'createJob', 202>;
export type JobStatus = Job['status'];
export type JobProgress = NonNullable<Job['progress']>;
export type JobError = NonNullable<Job['error']>;
export type JobArtifact = Job['artifacts'][number];
export type JobType = JsonBody<'putJobType', 200>;
/** A page of a job's log: its lines after `after`, and where the log stands. */
export type JobLogPage = JsonBody<'getJobLogs', 200>;
/** One line of a job's log. */
export type JobLogLine = JobLogPage['data'][number];
export type JobLogLevel = JobLogLine['level'];
/** A job as a remote worker claims it: with the checkpoint to resume from and its lease. */
export type ClaimedJob = JsonBody<'claimJobs', 200>['data'][number];
export type Definition = JsonBody<'createDefinition', 201>;
/** A job that another depends on, as it ended (its result once it succeeded). */
export type JobDependency = JsonBody<'listJobDependencies', 200>['data'][number];
/** A flow: a graph of jobs created together; `jobs` (the graph) on a single flow. */
export type Flow = JsonBody<'createFlow', 202>;
export type FlowStatus = Flow['status'];
export type FlowJob = NonNullable<Flow['jobs']>[number];
export type FlowCreateParams = RequestBody<'createFlow'>;
export type FlowJobParams = FlowCreateParams['jobs'][string];
export type FlowListParams<F extends string = keyof Flow> = Omit<ListQuery<'listFlows', F>, 'status'> & {
  status?: FlowStatus | readonly FlowStatus[];
};

/** Filters of a job list: `type` and `status` take one value or several. */
type JobFilters = {
  type?: string | readonly string[];
  status?: JobStatus | readonly JobStatus[];
};

export type JobCreateParams = RequestBody<'createJob'>;
export type JobListParams<F extends string = keyof Job> = Omit<ListQuery<'listJobs', F>, 'type' | 'status'> &
  JobFilters;
export type JobGetParams<F extends string = keyof Job> = Omit<ListQuery<'getJob', F>, 'wait'>;
export type JobTypeListParams = Query<'listJobTypes'>;

/** `client.jobs.bulk()`: an action and the jobs it covers (at least one criterion). */
export type JobBulkParams = RequestBody<'bulkJobs'>;
export type JobBulkAction = JobBulkParams['action'];
export type JobBulkFilter = JobBulkParams['filter'];

/** Result of a `jobs.bulk` job: its counts (each job's outcome is a line of its results.jsonl). */
export interface JobBulkResult {
  action: JobBulkAction;
  matched: number;
  applied: number;
  skipped: number;
  /** Skipped jobs by reason: job_finished, job_not_retryable, job_not_finished, not_matched. */
  skippedBy: Record<string, number>;
  /** The artifact with one line per job. */
  results: string;
}

/** One line of a bulk job's results.jsonl. */
export interface JobBulkItem {
  id: string;
  outcome: 'applied' | 'skipped';
  /** The job's status when the bulk job came to it (null when not matched). */
  status: JobStatus | null;
  reason?: string;
}
export type JobTypePutParams = RequestBody<'putJobType'>;
export type JobTypeDeleteParams = Query<'deleteJobType'>;
/** `{workspaceId?}` (default: the credential's), or `{instanceWide: true}` for an instance admin. */
export type JobTypePauseParams = RequestBody<'pauseJobType'>;
/** A concurrency key of a type: its queued and running jobs, its limits and its next turn. */
export type JobKey = JsonBody<'listJobKeys', 200>['data'][number];
export type JobKeyListParams = Query<'listJobKeys'>;

export type DefinitionCreateParams = RequestBody<'createDefinition'>;
export type DefinitionUpdateParams = RequestBody<'updateDefinition'>;
export type DefinitionRunParams = RequestBody<'runDefinition'>;
/** `{schedule, timezone?, count?, after?}`: the cron expression whose fire times to compute. */
export type SchedulePreviewParams = Query<'previewDefinitionSchedule'>;
/** The next fire times of a schedule, as the server's scheduler computes them. */
export type SchedulePreview = JsonBody<'previewDefinitionSchedule', 200>;
export type DefinitionListParams<F extends string = keyof Definition> = ListQuery<'listDefinitions', F>;
export type DefinitionGetParams<F extends string = keyof Definition> = ListQuery<'getDefinition', F>;
export type DefinitionInstancesParams<F extends string = keyof Job> = Omit<
  ListQuery<'listDefinitionInstances', F>,
  'status'
> &
  Pick<JobFilters, 'status'>;

export type Dataset = JsonBody<'createDataset', 201>;
export type DatasetColumn = Dataset['columns'][number];
export type ColumnType = DatasetColumn['type'];
/** A batch (list and get answer partial ones when `fields` is given). */
export type Batch = Required<JsonBody<'getBatch', 200>>;
export type BatchState = Batch['state'];
/** One row of a dataset: values by column name, with its row id and batch. */
export type Row = JsonBody<'listRows', 200>['data'][number];

export type DatasetCreateParams = RequestBody<'createDataset'>;
export type DatasetUpdateParams = RequestBody<'updateDataset'>;
export type DatasetListParams<F extends string = keyof Dataset> = ListQuery<'listDatasets', F>;
export type DatasetGetParams<F extends string = keyof Dataset> = ListQuery<'getDataset', F>;
export type DatasetDeleteParams = Query<'deleteDataset'>;

/** Row filter operators: symbols or their word forms. `in` takes an array; `like` uses `%` and `_`. */
export type RowFilterOperator = FilterOperator;

/** A condition on a column (by name or id). */
export interface RowFilter {
  key: string;
  operator: RowFilterOperator;
  value: unknown;
}

export interface RowListParams {
  /** Conditions, all of which a row must meet: `"price:gte:10"` strings or RowFilter objects. */
  filter?: string | RowFilter | readonly (string | RowFilter)[];
  /** `column` or `column:desc` (name or id); default: row id. */
  sort?: string;
  /** Columns to return (default: all). */
  columns?: readonly string[];
  /** Page size (1–1000, default 50). */
  limit?: number;
  cursor?: string;
}

export type BatchListParams<F extends string = keyof Batch> = Omit<
  ListQuery<'listBatches', F>,
  'ids' | 'states' | 'createdAfter' | 'createdBefore'
> & {
  ids?: readonly string[];
  states?: readonly BatchState[];
  /** Created at or after this time. */
  createdAfter?: Date | string;
  /** Created before this time. */
  createdBefore?: Date | string;
};
export type BatchGetParams<F extends string = keyof Batch> = ListQuery<'getBatch', F>;
/** `createFromDataset`: append another dataset through a column mapping. */
export type BatchFromDatasetParams = RequestBody<'appendBatch'>;
export type BatchMergeParams = RequestBody<'mergeBatches'>;
export type RowErrorPolicy = NonNullable<BatchFromDatasetParams['onRowError']>;

export interface SearchParams {
  /** How the filters combine (default `and`). */
  conjunction?: 'and' | 'or';
  filters: readonly RowFilter[];
}
export type DatasetFromSearchParams = RequestBody<'createDatasetFromSearch'>;

/** Result of a `batch.ingest` job (batches.create). Bad rows are in its `errors.jsonl` artifact. */
export interface IngestResult {
  batchId: string;
  datasetId: string;
  rowCount: number;
  errorCount: number;
}

/** Result of an append job (batches.createFromDataset): the new batch, or the checks of `validateOnly`. */
export type AppendResult =
  | {
      batchId: string;
      datasetId: string;
      rowCount: number;
      errorCount: number;
      sourceDeleted: boolean;
    }
  | { validateOnly: true; rowsChecked: number; errorCount: number; wouldAppend: number };

/** Result of a squash-and-merge job: the draft batch to commit or close. */
export interface MergeResult {
  draftBatchId: string;
  datasetId: string;
  strategy: BatchMergeParams['strategy'];
  rowCount: number;
  conflicts: number;
  duplicateKeysDropped: number;
}

/** Result of a search job; every matching id is in its `row-ids.txt` artifact. */
export interface SearchResult {
  datasetId: string;
  count: number;
  /** The first 10,000 matching row ids (all of them when `complete`). */
  rowIds: number[];
  complete: boolean;
  artifact: string;
}

/** Upload format of batches.create. */
export type UploadFormat = 'json' | 'jsonl' | 'csv';

/** Where the rows of batches.create come from. Arrays and iterables are sent as JSON Lines. */
export type BatchSource =
  | { path: string }
  | Blob
  | string
  | readonly Record<string, unknown>[]
  | Iterable<Record<string, unknown>>
  | AsyncIterable<Record<string, unknown>>;

/** How far an upload got: called as each chunk goes out. */
export interface UploadProgress {
  /** Rows sent so far (arrays and iterables; 0 for a file or a string, whose rows the server counts). */
  rows: number;
  /** Bytes sent so far. */
  bytes: number;
  /** Size of the whole upload, when known (a file or a string). */
  totalBytes?: number;
}

export interface BatchCreateParams {
  name?: string;
  /** `fail` (default): any bad row fails the batch and nothing is kept; `skip`: bad rows are left out. */
  onRowError?: RowErrorPolicy;
  /** Format of a file or a string (from a file's extension when absent; required for a string that is not a JSON array). */
  format?: UploadFormat;
  /** Rows expected, for the job's progress total (default: an array's length). */
  total?: number;
  onProgress?: (progress: UploadProgress) => void;
  /** Aborting it stops the upload (nothing is kept). */
  signal?: AbortSignal;
}

/** One change made by a credential (the audit log; admins only). */
export type AuditEntry = Required<JsonBody<'listAuditLog', 200>['data'][number]>;
export type AuditLogListParams<F extends string = keyof AuditEntry> = ListQuery<'listAuditLog', F>;
