import type { Store } from '../store/index.js';
import { DatabaseArtifactStorage, FileArtifactStorage, type ArtifactStorage } from './artifacts.js';
import { JobEvents } from './events.js';
import { SYSTEM_JOB_TYPES, type JobTypeDefinition } from './handlers.js';
import {
  JobRunner,
  PRUNE_MS,
  pruneOldJobs,
  SWEEP_MS,
  sweepExpiredLeases,
  type FinishedJob,
  type HousekeepingOptions,
  type RunnerLogger,
} from './runner.js';

export {
  NonRetryableError,
  type JobContext,
  type JobHandler,
  type JobLogger,
  type JobTypeDefinition,
} from './handlers.js';
export type { ArtifactStorage } from './artifacts.js';
export { JobEvents, type JobEvent } from './events.js';
export { JobRunner, type FinishedJob, type RunnerLogger } from './runner.js';

export interface EngineOptions {
  store: Store;
  dataDir: string;
  artifactStorage: 'auto' | 'file' | 'database';
  /** Job types with in-process handlers, besides the built-in ones. */
  jobTypes?: readonly JobTypeDefinition[];
  /** Run handlers in this process (false: API only, workers elsewhere). */
  runHandlers: boolean;
  concurrency: number;
  leaseMs: number;
  pollMs: number;
  retentionMs: number;
  logger: RunnerLogger;
}

/** The job engine of one process: events, artifact storage, the known job types and (optionally) a runner. */
export class JobEngine {
  readonly events: JobEvents;
  readonly artifacts: ArtifactStorage;
  /** Built-in and in-process job types, by name. */
  readonly types: ReadonlyMap<string, JobTypeDefinition>;
  readonly runner: JobRunner | undefined;
  private readonly finishedListeners = new Set<(jobs: readonly FinishedJob[]) => void>();
  /**
   * Lease sweeps and pruning, run by every process, API-only ones included: a deployment of API
   * processes and remote workers alone must not lose a job (a dead remote worker's jobs come back
   * only when someone sweeps). Sweeps are idempotent, so several processes doing them is fine.
   */
  private readonly housekeeping: { options: HousekeepingOptions; sweepMs: number };
  private timers: NodeJS.Timeout[] = [];

  constructor(options: EngineOptions) {
    this.events = new JobEvents(options.store);
    const storage =
      options.artifactStorage === 'auto'
        ? options.store.dialectName === 'postgres'
          ? 'database'
          : 'file'
        : options.artifactStorage;
    this.artifacts =
      storage === 'database'
        ? new DatabaseArtifactStorage(options.store)
        : new FileArtifactStorage(options.dataDir);
    const types = [...SYSTEM_JOB_TYPES, ...(options.jobTypes ?? [])];
    this.types = new Map(types.map((t) => [t.name, t]));
    this.runner = options.runHandlers
      ? new JobRunner({
          store: options.store,
          events: this.events,
          artifacts: this.artifacts,
          types,
          concurrency: options.concurrency,
          leaseMs: options.leaseMs,
          pollMs: options.pollMs,
          logger: options.logger,
          onFinished: (jobs) => this.reportFinished(jobs),
        })
      : undefined;
    this.housekeeping = {
      options: {
        store: options.store,
        events: this.events,
        artifacts: this.artifacts,
        retentionMs: options.retentionMs,
        logger: options.logger,
        onFinished: (jobs) => this.reportFinished(jobs),
      },
      sweepMs: Math.min(SWEEP_MS, Math.floor(options.leaseMs / 2)),
    };
  }

  /** Calls `listener` with the attempts that ended a job (metrics); returns the unsubscribe. */
  onFinished(listener: (jobs: readonly FinishedJob[]) => void): () => void {
    this.finishedListeners.add(listener);
    return () => this.finishedListeners.delete(listener);
  }

  /**
   * Reports jobs whose attempt ended them (succeeded, failed with no retry left, aborted), from
   * this process's runner or from remote workers' completions handled here.
   */
  reportFinished(jobs: readonly FinishedJob[]): void {
    if (jobs.length === 0) return;
    for (const listener of this.finishedListeners) {
      try {
        listener(jobs);
      } catch {
        // An observer (metrics) never breaks the engine.
      }
    }
  }

  async start(): Promise<void> {
    await this.events.start();
    this.runner?.start();
    const house = this.housekeeping;
    if (this.timers.length === 0) {
      const every = (ms: number, task: (o: HousekeepingOptions) => Promise<void>) => {
        const timer = setInterval(() => {
          task(house.options).catch((err: unknown) =>
            house.options.logger.warn({ err }, 'job housekeeping failed'),
          );
        }, ms);
        timer.unref();
        this.timers.push(timer);
      };
      every(house.sweepMs, sweepExpiredLeases);
      every(PRUNE_MS, pruneOldJobs);
    }
  }

  /** Deletes finished jobs older than the retention, with their artifacts (hourly on its own). */
  prune(): Promise<void> {
    return pruneOldJobs(this.housekeeping.options);
  }

  /** Hands unfinished jobs back (see JobRunner.close), then stops listening. */
  async close(graceMs?: number): Promise<void> {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    await this.runner?.close(graceMs);
    await this.events.close();
  }
}
