import { parseJson, type Store } from '../store/index.js';
import { dependencyResults } from '../store/queries/job-dependencies.js';
import type { ClaimedToRun } from '../store/sql/claimJobs.js';
import type { Completion } from '../store/sql/finishJobs.js';
import { saveRunningState } from '../store/queries/jobs.js';
import { saveJobArtifact, type ArtifactStorage } from './artifacts.js';
import type { EventBus } from './event-bus.js';
import type { JobContext, JobLog, JobLogger, JobProgress } from './handlers.js';
import { JobLogBuffer, type JobLogLevel } from './job-logs.js';

/** The process's logger (pino's shape): `child` binds fields to every line of a job's logger. */
export interface RunnerLogger extends JobLogger {
  child(bindings: Record<string, unknown>): RunnerLogger;
  isLevelEnabled?(level: string): boolean;
}

const PROGRESS_SAVE_MS = 250;
/** Job log lines are saved at most this often while the handler runs, and when its attempt ends. */
const LOG_SAVE_MS = 250;

const ABORT_MESSAGES = {
  aborted: 'The job was aborted.',
  lease_lost: 'The lease was lost.',
  shutdown: 'The worker is shutting down.',
  timeout: 'The attempt ran past its timeout.',
} as const;

export class AbortReason extends Error {
  constructor(readonly kind: keyof typeof ABORT_MESSAGES) {
    super(ABORT_MESSAGES[kind]);
    this.name = 'AbortError';
  }
}

/** An attempt that ran past its job's `timeoutMs`: a retryable failure with code `timeout`. */
export class JobTimeoutError extends Error {
  readonly code = 'timeout';
  constructor(timeoutMs: number) {
    super(`The attempt ran past the job's timeout of ${timeoutMs} ms.`);
    this.name = 'JobTimeoutError';
  }
}

/** What a held attempt needs from its runner. */
export interface RunningJobDeps {
  store: Store;
  events: EventBus;
  artifacts: ArtifactStorage;
  /** The runner's lease owner. */
  owner: string;
  logger: RunnerLogger;
  /** Whether the runner still holds the job (a save after it let go writes nothing). */
  holds(id: string): boolean;
}

/**
 * One attempt a runner holds the lease of: ready, running, or ended but not yet written. Keeps what
 * its handler reported and saves it a few times a second; builds the handler's context.
 */
export class RunningJob {
  /** The job's logger, made on first use. */
  private log: RunnerLogger | undefined;
  /** Created when the handler first reads `signal` (most never do), or when an abort comes first. */
  private controller: AbortController | undefined;
  /** Why the job must stop, when that was decided before `signal` existed. */
  abortReason: AbortReason | undefined;
  /** The handler was called. */
  started = false;
  /** The handler ended (its outcome is being written, or waits for the next completion flush). */
  settled = false;
  /** Another process took the job over: this attempt's outcome must not be written. */
  leaseLost = false;
  /** The process is shutting down: a failure hands the job back instead of failing it. */
  releasing = false;
  /** Ended by its timeout while the handler may still run: what the handler writes is refused. */
  timedOut = false;
  /** Fires the attempt's timeout (set when the handler starts). */
  timeoutTimer: NodeJS.Timeout | undefined;
  /** Parsed from the row on first use only: most handlers report nothing. */
  private progress: JobProgress | null | undefined;
  private counters: Record<string, number> | undefined;
  private warnings: string[] | undefined;
  private dirty = false;
  private lastSaved = 0;
  private saveTimer: NodeJS.Timeout | undefined;
  /** Job log lines not saved yet: made by the first line (a job that never logs costs nothing). */
  private logs: JobLogBuffer | undefined;
  private logTimer: NodeJS.Timeout | undefined;
  /** The last log write: writes go one after the other, so lines keep their order. */
  private logWrite: Promise<void> | undefined;
  private lateLinesNoted = false;

  constructor(
    readonly row: ClaimedToRun,
    /** When the runner claimed it (the attempt's start). */
    readonly claimedAt: number,
    private readonly deps: RunningJobDeps,
  ) {}

  /** The job's logger: the process's, bound to the job's id, type, workspace and attempt. */
  logger(): RunnerLogger {
    const { row } = this;
    return (this.log ??= this.deps.logger.child({
      jobId: row.id,
      jobType: row.type,
      workspaceId: row.workspace_id,
      attempt: row.attempt,
    }));
  }

  abort(reason: AbortReason): void {
    if (this.controller) this.controller.abort(reason);
    else this.abortReason ??= reason;
  }

  signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.abortReason) this.controller.abort(this.abortReason);
    }
    return this.controller.signal;
  }

  /** The handler ended: no more progress saves (its log lines are saved with its outcome). */
  settle(): void {
    this.settled = true;
    clearTimeout(this.saveTimer);
    clearTimeout(this.timeoutTimer);
    clearTimeout(this.logTimer);
  }

  /** The handler wrote job log lines: they must be saved before its outcome (see flushLogs). */
  get logged(): boolean {
    return this.logs !== undefined;
  }

  /** Appends a line to the job's log; refused once the attempt has ended or lost its lease. */
  private appendLog(level: JobLogLevel, message: string, fields?: Record<string, unknown>): void {
    if (this.settled || this.leaseLost) {
      // Like a late checkpoint, a late line must not land in the job (a new attempt may hold it).
      if (!this.lateLinesNoted) this.logger().debug({}, 'job log lines after the attempt ended are dropped');
      this.lateLinesNoted = true;
      return;
    }
    (this.logs ??= new JobLogBuffer()).add(level, message, fields);
    this.logTimer ??= setTimeout(() => {
      this.logTimer = undefined;
      void this.flushLogs();
    }, LOG_SAVE_MS);
  }

  /**
   * Saves the lines written so far (after any write in flight), if this runner still holds the
   * attempt; the runner calls it before it writes the attempt's outcome.
   */
  flushLogs(): Promise<void> {
    clearTimeout(this.logTimer);
    this.logTimer = undefined;
    const logs = this.logs;
    if (!logs) return Promise.resolve();
    const { store, owner, events } = this.deps;
    const write = (this.logWrite ?? Promise.resolve()).then(async () => {
      if (logs.size === 0) return;
      try {
        if (await logs.flush(store, this.row.id, owner)) {
          events.publish({ kind: 'logs', ids: [this.row.id] });
        } else if (!this.settled) this.loseLease();
      } catch (err) {
        this.logger().warn({ err }, 'saving job log lines failed');
      }
    });
    this.logWrite = write;
    return write;
  }

  /** `ctx.log`: a call appends to the job's log; its methods are the process's logger for the job. */
  private jobLog(): JobLog {
    const write = (level: JobLogLevel, message: string, fields?: Record<string, unknown>) =>
      this.appendLog(level, message, fields);
    return Object.assign(write, {
      debug: (obj: object, msg?: string) => this.logger().debug(obj, msg),
      info: (obj: object, msg?: string) => this.logger().info(obj, msg),
      warn: (obj: object, msg?: string) => this.logger().warn(obj, msg),
      error: (obj: object, msg?: string) => this.logger().error(obj, msg),
    });
  }

  /** What the handler reported that may not be saved yet; undefined keeps the stored value. */
  reported(): Pick<Completion, 'progress' | 'counters' | 'warnings'> {
    return {
      progress: this.progress ? JSON.stringify(this.progress) : undefined,
      counters: this.counters ? JSON.stringify(this.counters) : undefined,
      warnings: this.warnings ? JSON.stringify(this.warnings) : undefined,
    };
  }

  loseLease(): void {
    if (this.leaseLost) return;
    this.leaseLost = true;
    this.abort(new AbortReason('lease_lost'));
    this.logger().warn({}, 'lost the lease of a running job; another attempt owns it now');
  }

  private markDirty(): void {
    this.dirty = true;
    if (this.saveTimer) return;
    const wait = Math.max(0, this.lastSaved + PROGRESS_SAVE_MS - Date.now());
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      void this.saveState();
    }, wait);
  }

  private async saveState(): Promise<void> {
    if (!this.dirty || this.settled || !this.deps.holds(this.row.id)) return;
    this.dirty = false;
    this.lastSaved = Date.now();
    const { progress, counters, warnings } = this.reported();
    const held = await saveRunningState(this.deps.store, this.row.id, this.deps.owner, {
      progress,
      counters,
      warnings,
    }).catch((err: unknown) => {
      this.logger().warn({ err }, 'saving job progress failed');
      return true;
    });
    if (!held) this.loseLease();
    else this.deps.events.publish({ kind: 'changed', ids: [this.row.id], running: true });
  }

  /** What the handler gets for this attempt. */
  context(): JobContext {
    const { row, deps } = this;
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the context's getters read it
    const running = this;
    let args: Record<string, unknown> | undefined;
    let checkpoint: { value: unknown } | undefined;
    let log: JobLog | undefined;
    return {
      id: row.id,
      type: row.type,
      workspaceId: row.workspace_id,
      projectId: row.project_id,
      get arguments() {
        return (args ??= JSON.parse(row.arguments) as Record<string, unknown>);
      },
      attempt: row.attempt,
      maxAttempts: row.max_attempts,
      get signal() {
        return running.signal();
      },
      get log() {
        return (log ??= running.jobLog());
      },
      get checkpoint() {
        checkpoint ??= { value: row.checkpoint === null ? null : JSON.parse(row.checkpoint) };
        return checkpoint.value;
      },
      progress: (progress) => {
        this.progress = progress;
        this.markDirty();
      },
      count: (name, by = 1) => {
        const all = (this.counters ??= JSON.parse(row.counters) as Record<string, number>);
        all[name] = (all[name] ?? 0) + by;
        this.markDirty();
      },
      warn: (message) => {
        (this.warnings ??= JSON.parse(row.warnings) as string[]).push(message);
        this.markDirty();
      },
      dependencies: async () => {
        const rows = (await dependencyResults(deps.store.db, [row.id])).get(row.id) ?? [];
        return rows.map((d) => ({
          id: d.id,
          type: d.type,
          flowKey: d.flow_key,
          status: d.status,
          result: d.status === 'succeeded' ? parseJson(d.result) : null,
          error: parseJson(d.error),
        }));
      },
      saveCheckpoint: async (value) => {
        // A handler that ignored its timeout must not write into the job (a new attempt may hold it).
        if (this.timedOut) throw new AbortReason('timeout');
        const held = await saveRunningState(deps.store, row.id, deps.owner, {
          checkpoint: JSON.stringify(value ?? null),
        });
        if (!held) this.loseLease();
      },
      writeArtifact: async (name, contentType, source) => {
        if (this.timedOut) throw new AbortReason('timeout');
        const saved = await saveJobArtifact(deps.store, deps.artifacts, row, name, contentType, source);
        deps.events.publish({ kind: 'changed', ids: [row.id], running: true });
        return saved;
      },
    };
  }
}
