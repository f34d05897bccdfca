import { Batchyard } from '../client.js';
import { runWorker } from '../internal/worker-loop.js';
import type { ClaimedJob, JobLogLevel } from '../types.js';

/** Progress as a handler reports it. */
export interface WorkerProgress {
  done: number;
  total?: number | null;
  unit?: string | null;
  message?: string | null;
}

/** What a handler gets besides the job. */
export interface WorkerContext {
  /** Fires when the job should stop: an abort was asked for, the lease was lost, or close() timed out. */
  signal: AbortSignal;
  /** What a previous attempt saved with saveCheckpoint (null when none). */
  checkpoint: unknown;
  /** Reports progress (sent with the next heartbeat). */
  progress(progress: WorkerProgress): void;
  /** Adds `by` (default 1) to the counter `name`. */
  count(name: string, by?: number): void;
  /** Records a warning on the job. */
  warn(message: string): void;
  /** Saves resume state for the next attempt; resolves once the server has it. */
  saveCheckpoint(value: unknown): Promise<void>;
  /**
   * Appends a line to the job's log (`job.logs()`), sent with a heartbeat within a second and
   * before the job is completed or failed. A message past 4,000 characters is cut, and `fields`
   * past 4,096 bytes of JSON are replaced by a note; at most 1,000 unsent lines are kept.
   */
  log(level: JobLogLevel, message: string, fields?: Record<string, unknown>): void;
}

export type WorkerHandler = (job: ClaimedJob, ctx: WorkerContext) => Promise<unknown>;

export interface WorkerOptions {
  /** The client to use (a `worker` or `admin` credential); default: one from the environment. */
  client?: Batchyard;
  /** Job types to claim. */
  types: string[];
  /** Jobs run at once (default 4). */
  concurrency?: number;
  /** Stable name of this worker (default: a random one). */
  workerId?: string;
  /** Lease of each claimed job, renewed by a heartbeat every third of it (default 30, min 5). */
  leaseSeconds?: number;
  /** Long-poll of each claim request, in seconds (default 20, max 30). */
  waitSeconds?: number;
  /** Runs one job; what it returns is the job's result. Throw NonRetryableJobError to fail without retry. */
  handler: WorkerHandler;
  /** Told about errors the worker survives (claim, heartbeat and completion failures). */
  onError?: (error: unknown) => void;
}

export interface Worker {
  readonly workerId: string;
  /** Handlers running now. */
  readonly running: number;
  /** Stops claiming (the pending claim request is aborted) and resolves once running handlers ended. */
  close(): Promise<void>;
  /** Resolves once the worker stopped (after close()). */
  readonly done: Promise<void>;
}

/**
 * Runs jobs of custom types from this process: claims them over HTTP, heartbeats, completes or fails them.
 * Jobs that succeed close together are completed together: one `POST /v1/workers/complete` per batch
 * (sent once the handlers that ended in the same turn of the event loop are gathered, and while one
 * batch is in flight the next one fills up), falling back to one request per job against a server
 * without that endpoint.
 */
export function createWorker(options: WorkerOptions): Worker {
  return runWorker(options.client ?? new Batchyard(), options);
}
