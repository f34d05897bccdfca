import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Store } from '../store/index.js';
import { claimJobsToRun, type ClaimedToRun } from '../store/sql/claimJobs.js';
import {
  completeJobs,
  failJob,
  recoverExpiredLeases,
  releaseJobs,
  renewLeases,
  type Completion,
} from '../store/sql/finishJobs.js';
import { deleteJobs, listAllArtifacts, oldFinishedJobIds, saveRunningState } from '../store/queries/jobs.js';
import { saveJobArtifact, type ArtifactStorage } from './artifacts.js';
import type { JobEvents } from './events.js';
import {
  NonRetryableError,
  type JobContext,
  type JobLogger,
  type JobProgress,
  type JobTypeDefinition,
} from './handlers.js';

/** The process's logger (pino's shape): `child` binds fields to every line of a job's logger. */
export interface RunnerLogger extends JobLogger {
  child(bindings: Record<string, unknown>): RunnerLogger;
  isLevelEnabled?(level: string): boolean;
}

/** A job that an attempt ended (not one sent back to the queue for a retry). */
export interface FinishedJob {
  id: string;
  type: string;
  status: 'succeeded' | 'failed' | 'aborted';
  /** From the start of the attempt that ended it. */
  durationMs: number;
}

export interface RunnerOptions {
  store: Store;
  events: JobEvents;
  artifacts: ArtifactStorage;
  types: readonly JobTypeDefinition[];
  /** Jobs running at once in this process. */
  concurrency: number;
  /** How long an attempt stays ours without a heartbeat; renewed every third of it. */
  leaseMs: number;
  /** Backstop poll when no notification arrives. */
  pollMs: number;
  logger: RunnerLogger;
  /** Told of the jobs that ended (for metrics). */
  onFinished?: (jobs: readonly FinishedJob[]) => void;
}

interface Running {
  row: ClaimedToRun;
  /** When this runner claimed it (the attempt's start). */
  claimedAt: number;
  /** The job's logger, made on first use. */
  log: RunnerLogger | undefined;
  /** Created when the handler first reads `signal` (most never do), or when an abort comes first. */
  controller: AbortController | undefined;
  /** Why the job must stop, when that was decided before `signal` existed. */
  abortReason: AbortReason | undefined;
  /** The handler was called. */
  started: boolean;
  /** The handler ended (its outcome is being written, or waits for the next completion flush). */
  settled: boolean;
  /** Another process took the job over: this attempt's outcome must not be written. */
  leaseLost: boolean;
  /** The process is shutting down: a failure hands the job back instead of failing it. */
  releasing: boolean;
  /** Parsed from the row on first use only: most handlers report nothing. */
  progress: JobProgress | null | undefined;
  counters: Record<string, number> | undefined;
  warnings: string[] | undefined;
  dirty: boolean;
  lastSaved: number;
  saveTimer: NodeJS.Timeout | undefined;
}

const PROGRESS_SAVE_MS = 250;
export const SWEEP_MS = 5_000;
export const PRUNE_MS = 60 * 60_000;

export class AbortReason extends Error {
  constructor(readonly kind: 'aborted' | 'lease_lost' | 'shutdown') {
    super(
      kind === 'aborted'
        ? 'The job was aborted.'
        : kind === 'lease_lost'
          ? 'The lease was lost.'
          : 'The worker is shutting down.',
    );
    this.name = 'AbortError';
  }
}

/**
 * A failure as stored JSON. Messages often quote the input that failed (a CSV header, a value), and
 * PostgreSQL's jsonb cannot hold U+0000: it is written as U+FFFD so the failure is always recorded.
 */
export function failureJson(failure: { code: string; message: string; details?: unknown }): string {
  return JSON.stringify(failure, (_key, value: unknown) =>
    typeof value === 'string' && value.includes('\u0000') ? value.replaceAll('\u0000', '\ufffd') : value,
  );
}

export function errorJson(error: unknown): string {
  if (error instanceof NonRetryableError) {
    return failureJson({
      code: error.code,
      message: error.message,
      ...(error.details !== undefined ? { details: error.details } : {}),
    });
  }
  if (error instanceof Error) {
    const { code } = error as { code?: unknown };
    return failureJson({
      code: typeof code === 'string' ? code : 'handler_error',
      message: error.message,
    });
  }
  return failureJson({ code: 'handler_error', message: String(error) });
}

/**
 * Runs in-process job handlers: claims due jobs in batches, runs them under leases renewed by a
 * heartbeat, completes them in batches, recovers other processes' expired leases, prunes old jobs,
 * and on close hands unfinished jobs back to the queue.
 *
 * At most `concurrency` handlers run at once. The runner claims ahead: while they run it keeps up
 * to `concurrency` more jobs claimed and ready (of types without a per-type limit), and claims
 * again as soon as fewer than half of those are left, so handlers never wait for a claim round trip
 * and each claim statement takes a batch. A claim that finds fewer jobs than it asked for stops
 * the claiming until a `queued` event, a job ending, or the backstop poll.
 */
export class JobRunner {
  readonly owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private readonly types = new Map<string, JobTypeDefinition>();
  /** Every job this runner holds the lease of: ready, running, or ended but not yet written. */
  private readonly held = new Map<string, Running>();
  /** Claimed jobs waiting for a free slot, in claim order. */
  private ready: Running[] = [];
  /** Handlers running now. */
  private active = 0;
  /** Ready or running jobs of each type that has a per-type concurrency limit. */
  private readonly pendingOfType = new Map<string, number>();
  private readonly limitedTypes: JobTypeDefinition[];
  private readonly unlimitedTypes: string[];
  private completions: Array<{ completion: Completion; running: Running }> = [];
  private flushScheduled = false;
  /** Completion flushes and failure writes in flight (close() waits for them). */
  private readonly writes = new Set<Promise<void>>();
  private claiming: Promise<void> | undefined;
  /** The last claim found every due job: claim again only when told something changed. */
  private drained = false;
  /** Bumped by every reason to claim again, so a claim that raced with one does not set `drained`. */
  private nudges = 0;
  /**
   * The types the next claim looks at: those announced by `queued` events (or a freed slot of a
   * limited type) since the last claim that drained them, or all of them (start, the backstop poll,
   * a claim that filled up). A claim over every type is one index seek per type, about 0.4 ms with
   * the built-in types; a job created under load would otherwise pay that for the one type it has.
   */
  private wanted: Set<string> | 'all' = 'all';
  private stopping = false;
  private started = false;
  private idleWaiters: Array<() => void> = [];
  private timers: NodeJS.Timeout[] = [];
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly options: RunnerOptions) {
    for (const type of options.types) this.types.set(type.name, type);
    this.limitedTypes = options.types.filter((t) => t.concurrency !== undefined);
    this.unlimitedTypes = options.types.filter((t) => t.concurrency === undefined).map((t) => t.name);
  }

  get runningCount(): number {
    return this.held.size;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.unsubscribe = this.options.events.subscribe((event) => {
      if (event.kind === 'queued') {
        const handled = event.types.filter((t) => this.types.has(t));
        if (handled.length > 0) this.nudge(handled);
      } else if (event.kind === 'abort') {
        for (const id of event.ids) {
          const running = this.held.get(id);
          if (running) this.abort(running, new AbortReason('aborted'));
        }
      }
    });
    const every = (ms: number, fn: () => Promise<unknown>, keepAlive = false) => {
      const timer = setInterval(() => {
        fn().catch((err: unknown) => this.options.logger.warn({ err }, 'job runner housekeeping failed'));
      }, ms);
      if (!keepAlive) timer.unref();
      this.timers.push(timer);
    };
    every(Math.max(100, Math.floor(this.options.leaseMs / 3)), () => this.heartbeat());
    // The backstop poll: jobs that became due by time (runAt, backoff) announce themselves to nobody.
    // It also keeps the process alive while the runner is started (a worker process has nothing else).
    every(this.options.pollMs, async () => this.nudge(), true);
    this.pump();
  }

  /** Adds types (or every type) to those the next claim looks at. */
  private want(types: Iterable<string> | 'all'): void {
    if (types === 'all') this.wanted = 'all';
    else if (this.wanted !== 'all') for (const type of types) this.wanted.add(type);
  }

  /** Something may have become due (of these types, or of any): claim again. */
  private nudge(types?: readonly string[]): void {
    this.nudges++;
    this.want(types ?? 'all');
    this.drained = false;
    this.pump();
  }

  /** Starts ready jobs in the free slots, then claims more when the ready ones run low. */
  private pump(): void {
    if (this.stopping || !this.started) return;
    const { concurrency } = this.options;
    while (this.active < concurrency && this.ready.length > 0) this.run(this.ready.shift()!);
    if (this.claiming || this.drained) return;
    const room = 2 * concurrency - this.active - this.ready.length;
    // Claim in batches: top up once half of the claimed-ahead jobs have started (or none is left).
    if (room <= 0 || (this.ready.length > 0 && room < Math.ceil(concurrency / 2))) return;
    const claiming = this.claimMore(Math.min(room, concurrency)).finally(() => {
      this.claiming = undefined;
      this.pump();
    });
    this.claiming = claiming;
  }

  private async claimMore(room: number): Promise<void> {
    const nudges = this.nudges;
    const wanted = this.wanted;
    this.wanted = new Set();
    const unlimited =
      wanted === 'all' ? this.unlimitedTypes : this.unlimitedTypes.filter((t) => wanted.has(t));
    let asked = 0;
    let got = 0;
    try {
      for (const type of this.limitedTypes) {
        if (wanted !== 'all' && !wanted.has(type.name)) continue;
        const limit = Math.min(room, type.concurrency! - (this.pendingOfType.get(type.name) ?? 0));
        if (limit <= 0) continue;
        const rows = await this.claim([type.name], limit);
        asked += limit;
        got += rows.length;
        room -= rows.length;
      }
      if (room > 0 && unlimited.length > 0) {
        const rows = await this.claim(unlimited, room);
        asked += room;
        got += rows.length;
      }
    } catch (err) {
      this.options.logger.error({ err }, 'claiming jobs failed');
      got = -1; // wait for the next nudge (an event, a job ending, or the poll)
    }
    // Nothing claimable (limited types full) or fewer due than asked: wait for the next nudge.
    if (asked === 0 || (got < asked && this.nudges === nudges)) this.drained = true;
    // Otherwise the types asked for may hold more: the next claim looks at them again.
    else this.want(wanted);
  }

  private async claim(types: string[], limit: number): Promise<ClaimedToRun[]> {
    const rows = await claimJobsToRun(this.options.store, {
      types,
      workspaceId: null,
      limit,
      owner: this.owner,
      leaseMs: this.options.leaseMs,
    });
    if (rows.length === 0) return rows;
    const claimedAt = Date.now();
    for (const row of rows) {
      const running: Running = {
        row,
        claimedAt,
        log: undefined,
        controller: undefined,
        abortReason: undefined,
        started: false,
        settled: false,
        leaseLost: false,
        releasing: false,
        progress: undefined,
        counters: undefined,
        warnings: undefined,
        dirty: false,
        lastSaved: 0,
        saveTimer: undefined,
      };
      this.held.set(row.id, running);
      if (this.types.get(row.type)?.concurrency !== undefined)
        this.pendingOfType.set(row.type, (this.pendingOfType.get(row.type) ?? 0) + 1);
      this.ready.push(running);
    }
    // Start what fits now; a claim that arrives after close() began leaves its jobs ready, to be handed back.
    this.pump();
    this.options.events.publish({ kind: 'changed', ids: rows.map((r) => r.id), running: true });
    return rows;
  }

  private run(running: Running): void {
    running.started = true;
    this.active++;
    if (running.abortReason) {
      // Aborted (or its lease lost) while it waited for a slot: it ends as if the handler had stopped.
      this.settle(running, { ok: false, error: running.abortReason });
      return;
    }
    let outcome: Promise<unknown>;
    try {
      outcome = Promise.resolve(this.types.get(running.row.type)!.handler(this.context(running)));
    } catch (error) {
      outcome = Promise.reject(error);
    }
    outcome.then(
      (result) => this.settle(running, { ok: true, result }),
      (error: unknown) => this.settle(running, { ok: false, error }),
    );
  }

  private settle(
    running: Running,
    outcome: { ok: true; result: unknown } | { ok: false; error: unknown },
  ): void {
    running.settled = true;
    clearTimeout(running.saveTimer);
    this.active--;
    const { type } = running.row;
    const pending = this.pendingOfType.get(type);
    if (pending !== undefined) {
      this.pendingOfType.set(type, pending - 1);
      this.drained = false; // a slot of a limited type opened: more of it may be waiting
      this.want([type]);
    }
    let result: string | null = null;
    if (outcome.ok && outcome.result !== undefined) {
      try {
        result = JSON.stringify(outcome.result);
      } catch (error) {
        outcome = { ok: false, error }; // a result that is not JSON fails the attempt
      }
    }
    if (running.leaseLost) this.forget(running);
    else if (outcome.ok) {
      this.completions.push({
        running,
        completion: { id: running.row.id, result, ...this.reported(running) },
      });
      this.scheduleFlush();
    } else if (!running.releasing) this.track(this.recordFailure(running, outcome.error));
    // (Stopped by close(): it stays held, and close() hands it back to the queue.)
    if (this.active === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    this.pump();
  }

  /** What the handler reported that may not be saved yet; undefined keeps the stored value. */
  private reported(running: Running): Pick<Completion, 'progress' | 'counters' | 'warnings'> {
    return {
      progress: running.progress ? JSON.stringify(running.progress) : undefined,
      counters: running.counters ? JSON.stringify(running.counters) : undefined,
      warnings: running.warnings ? JSON.stringify(running.warnings) : undefined,
    };
  }

  private async recordFailure(running: Running, error: unknown): Promise<void> {
    const { row } = running;
    try {
      const outcome = await failJob(this.options.store, this.owner, {
        id: row.id,
        error: errorJson(error),
        retryable: !(error instanceof NonRetryableError),
        ...this.reported(running),
      });
      this.options.events.publish({ kind: 'changed', ids: [row.id] });
      this.options.events.publish({ kind: 'queued', types: [row.type] });
      if (outcome) {
        const { status } = outcome;
        const log = this.logOf(running);
        if (status === 'queued') log.info({ err: error, status }, 'job attempt failed; it will be retried');
        else if (status === 'aborted') log.info({ status }, 'job aborted');
        else log.warn({ err: error, status }, 'job failed');
        if (status !== 'queued') this.finished([{ running, status: status as FinishedJob['status'] }]);
      }
    } catch (err) {
      // The lease will expire and another attempt will run: nothing is lost.
      this.logOf(running).error({ err }, 'recording a job failure failed');
    }
    this.forget(running);
  }

  /** The job's logger: the process's, bound to the job's id, type, workspace and attempt. */
  private logOf(running: Running): RunnerLogger {
    const { row } = running;
    return (running.log ??= this.options.logger.child({
      jobId: row.id,
      jobType: row.type,
      workspaceId: row.workspace_id,
      attempt: row.attempt,
    }));
  }

  private finished(jobs: Array<{ running: Running; status: FinishedJob['status'] }>): void {
    const now = Date.now();
    // Only worth a line below info (a busy runner ends thousands of jobs a second), and a job
    // logger is made only when the line is wanted.
    if (this.options.logger.isLevelEnabled?.('debug')) {
      for (const { running, status } of jobs) {
        this.logOf(running).debug({ status, durationMs: now - running.claimedAt }, 'job ended');
      }
    }
    this.options.onFinished?.(
      jobs.map(({ running, status }) => ({
        id: running.row.id,
        type: running.row.type,
        status,
        durationMs: now - running.claimedAt,
      })),
    );
  }

  private track(write: Promise<void>): void {
    this.writes.add(write);
    void write.finally(() => this.writes.delete(write));
  }

  private forget(running: Running): void {
    this.held.delete(running.row.id);
  }

  private abort(running: Running, reason: AbortReason): void {
    if (running.controller) running.controller.abort(reason);
    else running.abortReason ??= reason;
  }

  private signalOf(running: Running): AbortSignal {
    if (!running.controller) {
      running.controller = new AbortController();
      if (running.abortReason) running.controller.abort(running.abortReason);
    }
    return running.controller.signal;
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.track(this.flushCompletions());
    });
  }

  /** Writes every completion gathered since the last flush in one statement. */
  private async flushCompletions(): Promise<void> {
    const batch = this.completions;
    if (batch.length === 0) return;
    this.completions = [];
    try {
      const ended = await completeJobs(
        this.options.store,
        this.owner,
        batch.map((b) => b.completion),
      );
      if (ended.length > 0) {
        this.options.events.publish({ kind: 'changed', ids: ended.map((e) => e.id) });
        const byId = new Map(batch.map((b) => [b.running.row.id, b.running]));
        this.finished(ended.map((e) => ({ running: byId.get(e.id)!, status: e.status })));
      }
    } catch (err) {
      this.options.logger.error(
        { err, jobs: batch.length },
        'completing jobs failed; their leases will expire and they will run again',
      );
    }
    for (const { running } of batch) this.forget(running);
  }

  private context(running: Running): JobContext {
    const { row } = running;
    const { store, events, artifacts } = this.options;
    const markDirty = () => {
      running.dirty = true;
      if (running.saveTimer) return;
      const wait = Math.max(0, running.lastSaved + PROGRESS_SAVE_MS - Date.now());
      running.saveTimer = setTimeout(() => {
        running.saveTimer = undefined;
        void this.saveState(running);
      }, wait);
    };
    const counters = () => (running.counters ??= JSON.parse(row.counters) as Record<string, number>);
    const warnings = () => (running.warnings ??= JSON.parse(row.warnings) as string[]);
    let args: Record<string, unknown> | undefined;
    let checkpoint: { value: unknown } | undefined;
    const signalOf = (r: Running) => this.signalOf(r);
    const logOf = (r: Running) => this.logOf(r);
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
        return signalOf(running);
      },
      get log() {
        return logOf(running);
      },
      get checkpoint() {
        checkpoint ??= { value: row.checkpoint === null ? null : JSON.parse(row.checkpoint) };
        return checkpoint.value;
      },
      progress: (progress) => {
        running.progress = progress;
        markDirty();
      },
      count: (name, by = 1) => {
        const all = counters();
        all[name] = (all[name] ?? 0) + by;
        markDirty();
      },
      warn: (message) => {
        warnings().push(message);
        markDirty();
      },
      saveCheckpoint: async (value) => {
        const held = await saveRunningState(store, row.id, this.owner, {
          checkpoint: JSON.stringify(value ?? null),
        });
        if (!held) this.loseLease(running);
      },
      writeArtifact: async (name, contentType, source) => {
        const saved = await saveJobArtifact(store, artifacts, row, name, contentType, source);
        events.publish({ kind: 'changed', ids: [row.id], running: true });
        return saved;
      },
    };
  }

  private async saveState(running: Running): Promise<void> {
    if (!running.dirty || running.settled || !this.held.has(running.row.id)) return;
    running.dirty = false;
    running.lastSaved = Date.now();
    const { progress, counters, warnings } = this.reported(running);
    const held = await saveRunningState(this.options.store, running.row.id, this.owner, {
      progress,
      counters,
      warnings,
    }).catch((err: unknown) => {
      this.logOf(running).warn({ err }, 'saving job progress failed');
      return true;
    });
    if (!held) this.loseLease(running);
    else this.options.events.publish({ kind: 'changed', ids: [running.row.id], running: true });
  }

  private loseLease(running: Running): void {
    if (running.leaseLost) return;
    running.leaseLost = true;
    this.abort(running, new AbortReason('lease_lost'));
    this.logOf(running).warn({}, 'lost the lease of a running job; another attempt owns it now');
  }

  private async heartbeat(): Promise<void> {
    const ids = [...this.held.keys()];
    if (ids.length === 0) return;
    const held = await renewLeases(this.options.store, this.owner, ids, this.options.leaseMs);
    const heldIds = new Set(held.map((h) => h.id));
    for (const id of ids) {
      const running = this.held.get(id);
      // An ended job may have been completed meanwhile: only one still running can lose its lease.
      if (running && !running.settled && !heldIds.has(id)) this.loseLease(running);
    }
    for (const row of held) {
      const running = this.held.get(row.id);
      if (running && row.abort_requested === 1) this.abort(running, new AbortReason('aborted'));
    }
  }

  /** Resolves when no handler runs, or after `ms`. */
  private handlersEnded(ms: number): Promise<void> {
    if (this.active === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /**
   * Stops claiming, gives running jobs `graceMs` to finish, then aborts the rest and hands them
   * back to the queue (their attempt does not count), so another process picks them up at once.
   * Jobs claimed ahead that never started go back at once.
   */
  async close(graceMs = 10_000): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.unsubscribe?.();
    await this.claiming;
    const waiting = this.ready.splice(0);
    for (const running of waiting) {
      running.releasing = true;
      this.abort(running, new AbortReason('shutdown'));
    }
    await this.handlersEnded(graceMs);
    const left = [...this.held.values()].filter((r) => r.started && !r.settled);
    for (const running of left) {
      running.releasing = true;
      this.abort(running, new AbortReason('shutdown'));
    }
    if (left.length > 0) await this.handlersEnded(2_000);
    while (this.writes.size > 0) await Promise.allSettled([...this.writes]);
    await this.flushCompletions();
    // Releasing only touches rows this process still holds as running: finished ones stay finished.
    const unfinished = [...this.held.keys()];
    if (unfinished.length > 0) {
      const released = await releaseJobs(this.options.store, this.owner, unfinished);
      const types = [...new Set([...this.held.values()].map((r) => r.row.type))];
      this.held.clear();
      this.options.events.publish({ kind: 'changed', ids: unfinished });
      this.options.events.publish({ kind: 'queued', types });
      this.options.logger.info({ jobs: unfinished, released }, 'handed unfinished jobs back to the queue');
    }
    // Heartbeats went on until here: a long grace period must not cost the leases.
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
  }
}

/** What lease sweeps and pruning need: every process does them, whether it runs handlers or not. */
export type HousekeepingOptions = Pick<
  RunnerOptions,
  'store' | 'events' | 'artifacts' | 'logger' | 'onFinished'
> & {
  /** Finished jobs older than this are deleted. */
  retentionMs: number;
};
/**
 * Re-queues (or fails, on their last attempt) the running jobs whose lease expired: their worker,
 * in-process or remote, stopped heartbeating. Run by every process, API-only ones included, so
 * that a deployment of API processes and remote workers alone never loses a job.
 */
export async function sweepExpiredLeases(options: HousekeepingOptions): Promise<void> {
  const recovered = await recoverExpiredLeases(options.store);
  if (recovered.length === 0) return;
  options.logger.warn(
    { jobs: recovered.map((r) => r.id) },
    'recovered jobs whose worker stopped heartbeating',
  );
  const now = Date.now();
  options.onFinished?.(
    recovered
      .filter((r) => r.status === 'failed' || r.status === 'aborted')
      .map((r) => ({
        id: r.id,
        type: r.type,
        status: r.status as FinishedJob['status'],
        durationMs: r.started_at === null ? 0 : Math.max(0, now - r.started_at),
      })),
  );
  options.events.publish({ kind: 'changed', ids: recovered.map((r) => r.id) });
  options.events.publish({ kind: 'queued', types: [...new Set(recovered.map((r) => r.type))] });
}

/** Deletes finished jobs older than the retention, with their artifacts, 500 at a time. */
export async function pruneOldJobs(options: HousekeepingOptions): Promise<void> {
  const before = Date.now() - options.retentionMs;
  const { store, artifacts } = options;
  for (;;) {
    const doomed = await oldFinishedJobIds(store.db, before, 500);
    if (doomed.length === 0) return;
    const files = await listAllArtifacts(store.db, doomed);
    await artifacts.delete(files.map((f) => f.id));
    await deleteJobs(store.db, doomed);
  }
}
