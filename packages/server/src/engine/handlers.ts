import type { ArtifactSource } from './artifacts.js';
import type { JobLogLevel } from './job-logs.js';

export interface JobProgress {
  done: number;
  total?: number | null;
  unit?: string | null;
  message?: string | null;
}

export interface JobArtifactInfo {
  name: string;
  contentType: string;
  size: number;
}

/** A logger whose every line carries the job's `jobId`, `jobType`, `workspaceId` and `attempt`. */
export interface JobLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/**
 * `ctx.log`: called, it appends a line to the job's own log (`GET /v1/jobs/{id}/logs`, what users
 * of the job read); its methods write to the server's logger, bound to the job (what operators read).
 */
export interface JobLog extends JobLogger {
  (level: JobLogLevel, message: string, fields?: Record<string, unknown>): void;
}

/** A job that this job depends on, as it ended (see JobContext.dependencies). */
export interface JobDependencyResult {
  id: string;
  type: string;
  /** Its name in the flow both were created in, or null. */
  flowKey: string | null;
  status: string;
  /** What it returned, when it succeeded; null otherwise. */
  result: unknown;
  error: { code: string; message: string; details?: unknown } | null;
}

/** What an in-process handler gets for one attempt of one job. */
export interface JobContext<Args = Record<string, unknown>> {
  readonly id: string;
  readonly type: string;
  readonly workspaceId: string;
  readonly projectId: string | null;
  readonly arguments: Args;
  /** 1 for the first attempt. */
  readonly attempt: number;
  readonly maxAttempts: number;
  /** Fires when the job is aborted, its lease is lost, or the process shuts down. */
  readonly signal: AbortSignal;
  /** What an earlier attempt saved with `saveCheckpoint`, or null. */
  readonly checkpoint: unknown;
  /** Reports progress; saved and broadcast a few times a second at most. */
  progress(progress: JobProgress): void;
  /** Adds `by` (default 1) to a named counter. */
  count(name: string, by?: number): void;
  warn(message: string): void;
  /** Saves resume state now: a retry of this job starts with it as `checkpoint`. */
  saveCheckpoint(value: unknown): Promise<void>;
  /**
   * `log(level, message, fields?)` appends a line to the job's log (saved a few times a second, and
   * when the attempt ends; the newest 1,000 lines are kept). `log.info(obj, msg)` and the other
   * methods write to the process's logger, bound to this job.
   */
  readonly log: JobLog;
  /**
   * The jobs this job depends on, with their results (read when called; empty without
   * dependencies). With `onDependencyFailure: "run"`, some may have failed.
   */
  dependencies(): Promise<JobDependencyResult[]>;
  /** Streams an artifact (an export file, a report) into storage; downloadable by URL. */
  writeArtifact(name: string, contentType: string, source: ArtifactSource): Promise<JobArtifactInfo>;
}

export type JobHandler = (context: JobContext) => Promise<unknown>;

export interface JobTypeDefinition {
  name: string;
  description: string;
  /** JSON Schema of the arguments (validated when the job is created). */
  argumentsSchema?: Record<string, unknown>;
  handler: JobHandler;
  /** Default `timeoutMs` of its jobs: an attempt running longer fails with code `timeout`. */
  timeoutMs?: number;
  /**
   * Limits on each concurrency key of its jobs, across every process (a definition's own limits
   * win); without them a key runs one job at a time.
   */
  keyLimits?: { maxRunning?: number; rate?: { max: number; windowMs: number } | null };
  /** At most this many jobs of this type run at once in one process. */
  concurrency?: number;
  /**
   * A resource's own job type (`builtinJobType`): its arguments name resources its service already
   * checked, so only that service creates it; callers cannot name it and remote workers cannot claim it.
   */
  internal?: boolean;
}
