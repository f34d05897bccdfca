import type { Store } from '../../store/index.js';
import type { ArtifactStorage } from '../artifacts.js';
import type { EventBus } from '../event-bus.js';
import type { EngineHooks } from '../hooks.js';
import type { FinishedJob, RunnerLogger } from '../runner.js';

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
