import type { Generated } from 'kysely';
/**
 * Row types of every table, as stored. Timestamps are integer milliseconds since the epoch on both
 * backends (SQLite INTEGER, PostgreSQL BIGINT); JSON columns are read back as JSON text on both.
 */
export interface WorkspacesTable {
  id: string;
  /** Persistent integer id, unique in its table, assigned by the database (migration 0012). */
  numeric_id?: number | undefined;
  name: string;
  /** Its share of claims against other workspaces with queued jobs of a type (migration 0016). */
  claim_weight?: number | undefined;
  created_at: number;
  updated_at: number;
}

export interface ProjectsTable {
  id: string;
  /** Persistent integer id, unique in its table, assigned by the database (migration 0012). */
  numeric_id?: number | undefined;
  workspace_id: string;
  name: string;
  description: string | null;
  task_schema: string | null;
  /** The last draft number given to a merge's draft batch in this project (migration 0013). */
  draft_seq?: number | undefined;
  /** JSON object `{reviewStages, excludeSelfReview}`; null: no review stages (migration 0021). */
  workflow?: string | null | undefined;
  created_at: number;
  updated_at: number;
}

export type Role = 'admin' | 'editor' | 'viewer' | 'worker';

export interface CredentialColumns {
  id: string;
  /** null: an instance-wide credential (the bootstrap admin key and what it creates with workspaceId null). */
  workspace_id: string | null;
  name: string;
  role: Role;
  /** SHA-256 (hex) of the secret; the secret itself is never stored. */
  secret_hash: string;
  created_at: number;
  created_by: string | null;
  revoked_at: number | null;
}

export interface ApiKeysTable extends CredentialColumns {
  /** The last four characters of the token, to tell keys apart in lists. */
  hint: string;
  expires_at: number | null;
  last_used_at: number | null;
  /** The member (a person) this key acts for (migration 0020); null for a plain credential. */
  member_id?: string | null | undefined;
}

export type MemberRole = 'annotator' | 'reviewer' | 'manager';

/** A person working in a workspace (migration 0020). Removed members stay for history: `removed_at`. */
export interface MembersTable {
  id: string;
  workspace_id: string;
  name: string;
  /** Lower-cased; unique among the workspace's members not removed. */
  email: string;
  role: MemberRole;
  created_by: string | null;
  created_at: number;
  updated_at: number;
  removed_at: number | null;
}

/** A task a member skipped from the claim queue: the queue never hands it to them again. */
export interface TaskSkipsTable {
  task_id: string;
  member_id: string;
  reason: string;
  at: number;
}

export type ApiClientsTable = CredentialColumns;

export interface IdempotencyKeysTable {
  /** The credential that sent the request: keys are never shared between credentials. */
  scope: string;
  key: string;
  request_hash: string;
  /** null while the first request is still being processed. */
  response_status: number | null;
  response_headers: string | null;
  response_body: string | null;
  created_at: number;
  expires_at: number;
}

export interface SettingsTable {
  name: string;
  value: string;
  created_at: number;
}

/**
 * `waiting`: for its dependencies (released to `queued` when they end); `skipped`: a dependency did
 * not succeed and the job said to skip; `expired`: not started before its `start_before`.
 */
export type JobStatus =
  'waiting' | 'queued' | 'running' | 'succeeded' | 'failed' | 'aborted' | 'skipped' | 'expired';

/** Statuses a job leaves only by a retry. */
export const ENDED_JOB_STATUSES = ['succeeded', 'failed', 'aborted', 'skipped', 'expired'] as const;
/** Statuses of a job that has not ended (a flow with one of them is running). */
export const UNFINISHED_JOB_STATUSES = ['waiting', 'queued', 'running'] as const;

export interface JobsTable {
  id: string;
  /** Persistent integer id, unique in its table, assigned by the database (migration 0012). */
  numeric_id?: number | undefined;
  workspace_id: string;
  project_id: string | null;
  type: string;
  title: string | null;
  description: string | null;
  /** JSON object. */
  arguments: string;
  status: JobStatus;
  /** Higher runs first. */
  priority: number;
  /** Not claimed before this time (delayed jobs, retry backoff). */
  run_at: number;
  /** Attempts started so far (the running one included). */
  attempt: number;
  max_attempts: number;
  /** An attempt running longer fails with code `timeout` (migration 0014); null: no limit. */
  timeout_ms?: number | null | undefined;
  /** When the current (or last) attempt was claimed, by the database clock (migration 0014). */
  attempt_started_at?: number | null | undefined;
  backoff_base_ms: number;
  backoff_max_ms: number;
  /** JSON {done, total, unit, message}. */
  progress: string | null;
  /** JSON object of name → number. */
  counters: string;
  /** JSON array of strings. */
  warnings: string;
  result: string | null;
  /** JSON {code, message, details?, retryable?}. */
  error: string | null;
  /** JSON saved by the handler; handed back to the next attempt. */
  checkpoint: string | null;
  definition_id: string | null;
  unique_key: string | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
  started_at: number | null;
  finished_at: number | null;
  /** Who holds the running attempt: `<process id>` for in-process runners, `remote:<…>` for HTTP workers. */
  lease_owner: string | null;
  lease_expires_at: number | null;
  /** 1 once an abort was asked for a running job; its runner ends it as aborted. */
  abort_requested: number;
  /** The last log line number handed out, dropped lines included (migration 0015). */
  log_seq?: number | undefined;
  /** The flow it was created in, and its name there (migration 0017). */
  flow_id?: string | null | undefined;
  flow_key?: string | null | undefined;
  /** Not started by then: it ends `expired` and never runs (migration 0017). */
  start_before?: number | null | undefined;
  /** Jobs of one key share its limits ('' for none; migration 0019). */
  concurrency_key?: string | undefined;
  /** The key limits it was created with: each new job of a key sets them on the key. */
  key_max_running?: number | null | undefined;
  key_rate_max?: number | null | undefined;
  key_rate_window_ms?: number | null | undefined;
  /** What a dependency that did not succeed does to this job: null (fail), `skip` or `run`. */
  on_dependency_failure?: 'skip' | 'run' | null | undefined;
  /** Jobs it depends on, and how many of them have not ended yet (counted down by the store). */
  dependency_count?: number | undefined;
  pending_dependencies?: number | undefined;
  /** 0 without dependencies, else 1 + the deepest dependency's (bounded, see job-flow-schema.ts). */
  dependency_depth?: number | undefined;
  /** 1 once some job depends on it: ending it settles its dependents (a trigger's condition). */
  has_dependents?: number | undefined;
}

export interface JobDependenciesTable {
  depends_on_id: string;
  job_id: string;
}

export type FlowStatus = 'running' | 'succeeded' | 'failed' | 'aborted';

export interface FlowsTable {
  id: string;
  workspace_id: string;
  project_id: string | null;
  name: string;
  status: FlowStatus;
  job_count: number;
  /** Jobs waiting, queued or running; kept by a trigger on jobs (migration 0017). */
  unfinished: number;
  succeeded: number;
  abort_requested: number;
  created_by: string | null;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
}

/** One line of a job's log (migration 0015); the newest lines of each job are kept. */
export interface JobLogsTable {
  job_id: string;
  /** 1, 2, 3… per job, in the order the lines were written. */
  seq: number;
  at: number;
  level: string;
  message: string;
  /** JSON object, or null. */
  fields: string | null;
  attempt: number;
}

/** A paused job type (migration 0016): its queued jobs stay queued and are not claimed. */
export interface JobTypePausesTable {
  /** null: paused instance-wide. */
  workspace_id: string | null;
  type: string;
  /** The credential that paused it. */
  paused_by: string | null;
  paused_at: number;
}

export interface JobTypesTable {
  workspace_id: string;
  name: string;
  description: string | null;
  /** JSON Schema the job arguments must satisfy (null: any object). */
  arguments_schema: string | null;
  /** Limits of its jobs' concurrency keys (migration 0019); null: the default (one at a time, no rate). */
  key_max_running?: number | null | undefined;
  key_rate_max?: number | null | undefined;
  key_rate_window_ms?: number | null | undefined;
  created_at: number;
  updated_at: number;
}

export interface JobArtifactsTable {
  id: string;
  job_id: string;
  workspace_id: string;
  name: string;
  content_type: string;
  size_bytes: number;
  /** Where the bytes are: the data directory or the artifact_chunks table. */
  storage: 'file' | 'database';
  created_at: number;
}

export interface ArtifactChunksTable {
  artifact_id: string;
  seq: number;
  data: Uint8Array;
}

/** One job's outcome in a `jobs.bulk` job (migration 0018), written with the change it reports. */
export interface JobBulkItemsTable {
  /** The bulk job. */
  job_id: string;
  /** The job acted on (or named by id and not found). */
  target_id: string;
  outcome: 'applied' | 'skipped';
  /** Why it was skipped: an error code (job_finished, job_not_retryable, job_not_finished, not_matched). */
  reason: string | null;
  /** Its status when the bulk job came to it (null when not found). */
  status: string | null;
}

export interface JobDefinitionsTable {
  id: string;
  workspace_id: string;
  project_id: string | null;
  name: string;
  type: string;
  description: string | null;
  /** JSON object: default arguments, merged under the parameters of each run. */
  parameters: string;
  /** Cron expression (5 or 6 fields); null for a manual definition. */
  schedule: string | null;
  timezone: string;
  enabled: number;
  max_running: number | null;
  max_starts_per_hour: number | null;
  /** Default timeout of its instances (migration 0014). */
  timeout_ms?: number | null | undefined;
  /** The concurrency key of its instances unless a run names another (migration 0019). */
  concurrency_key?: string | null | undefined;
  /** Limits of its jobs' concurrency keys (migration 0019); null: the default (one at a time, no rate). */
  key_max_running?: number | null | undefined;
  key_rate_max?: number | null | undefined;
  key_rate_window_ms?: number | null | undefined;
  /** The next scheduled tick; claimed by compare-and-set so one process fires it. */
  next_run_at: number | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

/** A concurrency key's counts, limits and turn (migration 0019; see job-key-schema.ts). */
export interface JobKeysTable {
  type: string;
  workspace_id: string;
  key: string;
  queued: number;
  running: number;
  max_running: number;
  rate_max: number | null;
  rate_window_ms: number | null;
  window_started_at: number;
  window_starts: number;
  next_at: number;
}

export interface Database {
  workspaces: WorkspacesTable;
  projects: ProjectsTable;
  api_keys: ApiKeysTable;
  api_clients: ApiClientsTable;
  idempotency_keys: IdempotencyKeysTable;
  settings: SettingsTable;
  jobs: JobsTable;
  job_dependencies: JobDependenciesTable;
  flows: FlowsTable;
  job_logs: JobLogsTable;
  job_types: JobTypesTable;
  job_type_pauses: JobTypePausesTable;
  job_keys: JobKeysTable;
  job_artifacts: JobArtifactsTable;
  artifact_chunks: ArtifactChunksTable;
  job_definitions: JobDefinitionsTable;
  job_bulk_items: JobBulkItemsTable;
  datasets: DatasetsTable;
  batches: BatchesTable;
  tasks: TasksTable;
  task_events: TaskEventsTable;
  members: MembersTable;
  task_skips: TaskSkipsTable;
  task_annotations: TaskAnnotationsTable;
  task_leases: TaskLeasesTable;
  gold_tasks: GoldTasksTable;
  gold_answers: GoldAnswersTable;
  gold_counters: GoldCountersTable;
  sheets: SheetsTable;
  sheet_rows: SheetRowsTable;
  sheet_values: SheetValuesTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  audit_log: AuditLogTable;
}

/** One change made by a credential, written in the transaction that made it (resources/audit). */
export interface AuditLogTable {
  id: string;
  /** The workspace the changed resource belongs to (null: instance-level, e.g. instance keys). */
  workspace_id: string | null;
  actor_kind: 'key' | 'client';
  actor_id: string;
  actor_name: string;
  action: string;
  resource_type: string;
  resource_id: string;
  request_id: string | null;
  /** The member the credential acts for (migration 0020). */
  actor_member_id?: string | null | undefined;
  /** JSON object: what changed, secrets never included. */
  summary: string;
  created_at: number;
}

export interface WebhooksTable {
  id: string;
  workspace_id: string;
  project_id: string;
  url: string;
  /** JSON array of event names. */
  events: string;
  /** `whsec_<base64>`: deliveries are signed with it (Standard Webhooks), so it is kept as is. */
  secret: string;
  description: string | null;
  enabled: number;
  max_attempts: number;
  backoff_ms: number;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

export interface WebhookDeliveriesTable {
  id: string;
  webhook_id: string;
  workspace_id: string;
  event: string;
  /** What happened, once: a second emission of the same event to the same webhook is dropped. */
  event_key: string;
  /** JSON: the body sent. */
  payload: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  /** Milliseconds the last attempt's request took, answer or failure (migration 0026; null before). */
  duration_ms: number | null;
  job_id: string | null;
  created_at: number;
  updated_at: number;
  delivered_at: number | null;
}

export interface SheetsTable {
  task_id: string;
  workspace_id: string;
  /** JSON array of {id, name, lots: [{id, name}]}. */
  columns: string;
  /** The position the next added row gets: rows are read in this order. */
  next_seq: number;
  created_at: number;
  updated_at: number;
}

export interface SheetRowsTable {
  task_id: string;
  seq: number;
  id: string;
  name: string;
}

export interface SheetValuesTable {
  task_id: string;
  row_id: string;
  col_id: string;
  /** '' for the column's own value; a lot id for its share in that lot. */
  lot_id: string;
  value: number;
}

export type TaskStatus = 'pending' | 'in_progress' | 'complete' | 'to_review' | 'reviewed';

export interface TasksTable {
  id: string;
  workspace_id: string;
  project_id: string;
  batch_id: string;
  name: string;
  /** The name while the uniqueness check applies (unique per batch); null when created unchecked. */
  unique_name: string | null;
  /** JSON array of strings. */
  resources: string;
  /** JSON object. */
  data: string;
  /** JSON object: `data` as created, for redo with reset. */
  initial_data: string;
  score: number | null;
  /** JSON object. */
  custom: string;
  status: TaskStatus;
  created_by: string | null;
  created_at: number;
  updated_at: number;
  /** Higher first in claim queues (migration 0020). */
  priority: number;
  /** The member the task is assigned to. */
  assignee_id: string | null;
  /** The member holding the claim lease, and until when. */
  lease_member_id: string | null;
  lease_expires_at: number | null;
  prediction_model_version: string | null;
  prediction_score: number | null;
  /** JSON object: a model's pre-label, seeding `data` when the task is claimed with none. */
  prediction_data: string | null;
  /** The review stage a `to_review` task waits at (null: none; migration 0021). */
  review_stage?: string | null | undefined;
  /** The member who last submitted the task: a rejection assigns it back to them. */
  review_submitter?: string | null | undefined;
  /** JSON object `{reason, stage, memberId, at}`: the last rejection. */
  last_rejection?: string | null | undefined;
  /** Consensus (migration 0022): annotations made, and places taken (leases held + annotations). */
  annotation_count?: number | undefined;
  consensus_slots?: number | undefined;
  /** The agreement of the annotations, computed when the last one lands. */
  agreement_score?: number | null | undefined;
  /** The annotation whose data the task holds, and how it was chosen: majority | reviewer. */
  chosen_annotation_id?: string | null | undefined;
  chosen_by?: string | null | undefined;
}

/** One member's annotation of a task in a consensus project (migration 0022). */
export interface TaskAnnotationsTable {
  id: string;
  workspace_id: string;
  task_id: string;
  member_id: string;
  /** JSON object: the data the member submitted. */
  data: string;
  created_at: number;
}

/** A member's lease on a task collecting annotations (several members hold one at once). */
export interface TaskLeasesTable {
  task_id: string;
  member_id: string;
  project_id: string;
  expires_at: number;
}

export interface TaskEventsTable {
  id: Generated<number>;
  task_id: string;
  from_status: TaskStatus | null;
  to_status: TaskStatus;
  /** transition, review, redo, redo_reset, update, assign, unassign, claim, submit, skip, lease_expired, release, verdict, consensus, choose. */
  action: string;
  actor: string | null;
  reason: string | null;
  at: number;
  /** The member acting, when the credential belongs to one (migration 0020). */
  member_id?: string | null | undefined;
  /** JSON object with what the action did beyond the status (an assignee, fields changed). */
  details?: string | null | undefined;
}

/** A gold task's known answer (migration 0023): the task is gold while it has this row. */
export interface GoldTasksTable {
  task_id: string;
  workspace_id: string;
  project_id: string;
  /** JSON object: the answer's `data`. */
  data: string;
  created_at: number;
  updated_at: number;
}

/** One member's go at a gold task: claimed under a lease, then answered (scored) or skipped. */
export interface GoldAnswersTable {
  task_id: string;
  member_id: string;
  workspace_id: string;
  project_id: string;
  status: 'claimed' | 'answered' | 'skipped';
  lease_expires_at: number | null;
  /** JSON object: the member's answer. */
  data: string | null;
  /** agreementScore(answer, gold) in [0, 1]. */
  score: number | null;
  reason: string | null;
  claimed_at: number;
  answered_at: number | null;
}

/** How many tasks a member claimed in a project: every round(1/goldRate)-th claim is gold. */
export interface GoldCountersTable {
  project_id: string;
  member_id: string;
  claims: number;
}

export type ColumnType = 'text' | 'numeric' | 'date' | 'boolean' | 'json';

export interface DatasetsTable {
  id: string;
  /** Persistent integer id, unique in its table, assigned by the database (migration 0012). */
  numeric_id?: number | undefined;
  workspace_id: string;
  project_id: string;
  name: string;
  description: string | null;
  /** JSON array of {id, name, type}; ids are `c<n>` and name the physical columns of `rows_table`. */
  columns: string;
  /** The id of the key column, or null. */
  key_column: string | null;
  /** The number of the next column id (`c<next_column>`): ids are never reused. */
  next_column: number;
  /** The dataset's own rows table (see store/rows). */
  rows_table: string;
  /** The last row key given to one of its batches (keys are never reused). */
  batch_keys: number;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

export type BatchState = 'pending' | 'active' | 'suspended' | 'draft' | 'deleting';

export interface BatchesTable {
  id: string;
  /** Persistent integer id, unique in its table, assigned by the database (migration 0012). */
  numeric_id?: number | undefined;
  workspace_id: string;
  project_id: string;
  dataset_id: string;
  name: string;
  state: BatchState;
  /** JSON {kind: api | upload | dataset | merge | search, ...}. */
  source: string;
  row_count: number;
  /** Rows refused by the type check (reported, not stored). */
  error_count: number;
  /** Drafts: the key-conflict strategy applied when committed. */
  strategy: string | null;
  /** A merge's draft: its number in the project, kept after commit (migration 0013). */
  draft_number?: number | null | undefined;
  /** The job that creates (or last changed) the batch. */
  job_id: string | null;
  /** Resume state of the creating job, written in the same transaction as each chunk of rows. */
  resume: string | null;
  /** What the batch's rows carry in `_batch` (see store/rows): unique in the dataset, never reused. */
  row_key: number;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}
