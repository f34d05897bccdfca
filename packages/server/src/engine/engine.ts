import type { Store } from '../store/index.js';
import { DatabaseArtifactStorage, FileArtifactStorage, type ArtifactStorage } from './artifacts.js';
import { EventBus } from './event-bus.js';
import type { JobTypeDefinition } from './handlers.js';
import { JobTypeRegistry } from './job-types.js';
import { pruneOldJobs } from './maintenance/job-pruning.js';
import type { EngineHooks } from './hooks.js';
import type { MaintenanceContext } from './maintenance/duty.js';
import { Maintainer } from './maintenance/maintainer.js';
import { JobRunner, type FinishedJob, type RunnerLogger } from './runner.js';
import { RemoteWorkers } from './workers.js';

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

/**
 * The job engine of one process: the event bus, artifact storage, the known job types, the
 * remote-worker protocol, the periodic duties and (optionally) a runner.
 */
export class JobEngine {
  readonly events: EventBus;
  readonly artifacts: ArtifactStorage;
  /** Built-in and in-process job types, by name. */
  readonly types: JobTypeRegistry;
  readonly runner: JobRunner | undefined;
  /** Claims, heartbeats and outcomes of remote workers. */
  readonly workers: RemoteWorkers;
  /** What the resources do for the engine; set by the app (see {@link connect}). */
  readonly hooks: EngineHooks = {};
  private readonly finishedListeners = new Set<(jobs: readonly FinishedJob[]) => void>();
  /**
   * Lease sweeps, pruning, schedules and the other duties, run by every process, API-only ones
   * included (each duty decides where it runs): a deployment of API processes and remote workers
   * alone must not lose a job (a dead remote worker's jobs come back only when someone sweeps).
   */
  private readonly maintainer = new Maintainer();
  private readonly maintenance: MaintenanceContext;

  constructor(options: EngineOptions) {
    this.events = new EventBus(options.store);
    const storage =
      options.artifactStorage === 'auto' ? options.store.defaultArtifactStorage : options.artifactStorage;
    this.artifacts =
      storage === 'database'
        ? new DatabaseArtifactStorage(options.store)
        : new FileArtifactStorage(options.dataDir);
    this.types = new JobTypeRegistry(options.jobTypes ?? []);
    const reportFinished = (jobs: readonly FinishedJob[]) => this.reportFinished(jobs);
    this.runner = options.runHandlers
      ? new JobRunner({
          store: options.store,
          events: this.events,
          artifacts: this.artifacts,
          types: this.types,
          concurrency: options.concurrency,
          leaseMs: options.leaseMs,
          pollMs: options.pollMs,
          logger: options.logger,
          onFinished: reportFinished,
        })
      : undefined;
    this.workers = new RemoteWorkers(options.store, this.events, reportFinished);
    this.maintenance = {
      store: options.store,
      events: this.events,
      artifacts: this.artifacts,
      logger: options.logger,
      hooks: this.hooks,
      runHandlers: options.runHandlers,
      leaseMs: options.leaseMs,
      retentionMs: options.retentionMs,
      onFinished: reportFinished,
    };
  }

  /** Registers what the resources do for the engine (audit entries, resource sweeps, schedules), before start. */
  connect(hooks: EngineHooks): void {
    Object.assign(this.hooks, hooks);
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
    this.maintainer.start(this.maintenance);
  }

  /** Deletes finished jobs older than the retention, with their artifacts (hourly on its own). */
  prune(): Promise<void> {
    return pruneOldJobs(this.maintenance);
  }

  /** Stops the duties, hands unfinished jobs back (see JobRunner.close), then stops listening. */
  async close(graceMs?: number): Promise<void> {
    await this.maintainer.stop();
    await this.runner?.close(graceMs);
    await this.events.close();
  }
}
