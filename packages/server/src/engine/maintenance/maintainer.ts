import type { Db, Store } from '../../store/index.js';
import type { JobRow } from '../../store/queries/jobs.js';
import type { ArtifactStorage } from '../artifacts.js';
import type { EventBus } from '../event-bus.js';
import type { FinishedJob, RunnerLogger } from '../runner.js';
import { auditRetention } from './audit-retention.js';
import { batchSweep } from './batch-sweep.js';
import { changedJobs } from './changed-jobs.js';
import { cronFiring } from './cron.js';
import { idempotencyPruning } from './idempotency-pruning.js';
import { jobPruning } from './job-pruning.js';
import { leaseSweep } from './lease-sweep.js';

/**
 * What the engine asks of the resources, registered by the app once it has built them: the engine
 * imports no resource, so resource-specific work reaches it as these callbacks.
 */
export interface EngineHooks {
  /** Writes the audit entry of a job that `actor` created (inline jobs insert their own row). */
  recordJobCreated?: (trx: Db, actor: unknown, row: JobRow) => Promise<void>;
  /** Removes batches left behind by jobs that ended without cleaning up. */
  sweepBatches?: () => Promise<unknown>;
  /** Fires the scheduled definitions that are due. */
  fireDueSchedules?: () => Promise<unknown>;
  /** Deletes audit-log entries older than their retention. */
  pruneAuditLog?: () => Promise<unknown>;
  /** Told the ids of jobs that changed, a few times a second (webhooks' job.finished events). */
  jobsChanged?: (ids: string[]) => Promise<unknown>;
}

/** What every duty may use. */
export interface MaintenanceContext {
  store: Store;
  events: EventBus;
  artifacts: ArtifactStorage;
  logger: RunnerLogger;
  hooks: EngineHooks;
  /** This process runs handlers (a `serve` with the worker on, or a `worker`). */
  runHandlers: boolean;
  leaseMs: number;
  /** Finished jobs older than this are deleted. */
  retentionMs: number;
  /** Told of the jobs a sweep ended (for metrics). */
  onFinished: (jobs: readonly FinishedJob[]) => void;
}

/** A started duty: `stop` ends it (and waits for a round in progress, where that matters). */
export interface RunningDuty {
  stop(): Promise<void> | void;
}

/** One periodic duty: starts in this process and returns its stop, or returns undefined when it does not run here. */
export type Duty = (context: MaintenanceContext) => RunningDuty | undefined;

/** Every periodic duty of a process, each in its own file. */
const DUTIES: readonly Duty[] = [
  leaseSweep,
  jobPruning,
  batchSweep,
  cronFiring,
  idempotencyPruning,
  auditRetention,
  changedJobs,
];

/** Runs `task` every `ms` (a timer that does not keep the process alive); a failed round is logged. */
export function every(
  ms: number,
  task: () => Promise<unknown>,
  onError: (err: unknown) => void,
): RunningDuty {
  const timer = setInterval(() => {
    task().catch(onError);
  }, ms);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/** Starts and stops every periodic duty of the process (River's maintainer, Oban's plugins). */
export class Maintainer {
  private running: RunningDuty[] | undefined;

  start(context: MaintenanceContext): void {
    if (this.running) return;
    this.running = DUTIES.map((duty) => duty(context)).filter((d): d is RunningDuty => d !== undefined);
  }

  async stop(): Promise<void> {
    const running = this.running ?? [];
    this.running = undefined;
    await Promise.all(running.map((duty) => duty.stop()));
  }
}
