import type { ArtifactSource } from './artifacts.js';

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
  /** The process's logger, bound to this job (made on first use). */
  readonly log: JobLogger;
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
  /** At most this many jobs of this type run at once in one process. */
  concurrency?: number;
  /**
   * A resource's own job type (`builtinJobType`): its arguments name resources its service already
   * checked, so only that service creates it; callers cannot name it and remote workers cannot claim it.
   */
  internal?: boolean;
}

/** Throw this from a handler to fail the job at once, without the remaining attempts. */
export class NonRetryableError extends Error {
  readonly code: string;
  readonly details: unknown;
  constructor(message: string, options: { code?: string; details?: unknown } = {}) {
    super(message);
    this.name = 'NonRetryableError';
    this.code = options.code ?? 'non_retryable';
    this.details = options.details;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Built-in diagnostic job types: `system.noop` (does nothing: for health checks and benchmarks)
 * and `system.sleep` (waits in steps while reporting progress and checkpointing: for trying out
 * waiting, progress, abort and resume end to end).
 */
export const SYSTEM_JOB_TYPES: JobTypeDefinition[] = [
  {
    name: 'system.noop',
    description: 'Does nothing and succeeds at once.',
    argumentsSchema: { type: 'object', additionalProperties: false, properties: {} },
    handler: async () => null,
  },
  {
    name: 'system.sleep',
    description:
      'Sleeps for `ms` milliseconds in `steps` steps, reporting progress and checkpointing after each.',
    argumentsSchema: {
      type: 'object',
      additionalProperties: false,
      required: ['ms'],
      properties: {
        ms: { type: 'integer', minimum: 0, maximum: 86_400_000 },
        steps: { type: 'integer', minimum: 1, maximum: 10_000, default: 10 },
        failTimes: {
          type: 'integer',
          minimum: 0,
          description:
            'Fail this many attempts first, halfway (retries and `retry` included; at least maxAttempts makes the job fail).',
        },
      },
    },
    handler: async (ctx) => {
      const {
        ms,
        steps = 10,
        failTimes = 0,
      } = ctx.arguments as { ms: number; steps?: number; failTimes?: number };
      // The checkpoint keeps the steps done and the planned failures so far, so `failTimes` counts
      // every attempt that failed, automatic retries and `retry` alike (a number: older checkpoints).
      const saved = ctx.checkpoint as { step?: number; failed?: number } | number | null | undefined;
      const start = typeof saved === 'number' ? saved : (saved?.step ?? 0);
      let failed = typeof saved === 'object' && saved !== null ? (saved.failed ?? 0) : 0;
      const failAt = Math.ceil(steps / 2);
      const failIfPlanned = async (done: number) => {
        if (done < failAt || failed >= failTimes) return;
        failed++;
        await ctx.saveCheckpoint({ step: done, failed });
        throw new Error(`planned failure of attempt ${ctx.attempt}`);
      };
      await failIfPlanned(start); // an attempt that resumes past the failure point
      for (let step = start; step < steps; step++) {
        await sleep(ms / steps, ctx.signal);
        ctx.progress({ done: step + 1, total: steps, unit: 'steps' });
        await ctx.saveCheckpoint({ step: step + 1, failed });
        await failIfPlanned(step + 1);
      }
      return { sleptMs: ms, steps, resumedAt: start };
    },
  },
];
