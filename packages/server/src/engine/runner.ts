import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Store } from '../store/index.js';
import { claimJobsToRun, nextClaimCursor, type ClaimedToRun } from '../store/sql/claimJobs.js';
import { completeJobs, failJob, releaseJobs, renewLeases, type Completion } from '../store/sql/finishJobs.js';
import type { ArtifactStorage } from './artifacts.js';
import { errorJson, NonRetryableError } from './errors.js';
import type { EventBus } from './event-bus.js';
import type { JobTypeRegistry } from './job-types.js';
import type { JobTypeDefinition } from './handlers.js';
import {
  AbortReason,
  JobTimeoutError,
  RunningJob,
  type RunnerLogger,
  type RunningJobDeps,
} from './running-job.js';

export type { RunnerLogger } from './running-job.js';

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
  events: EventBus;
  artifacts: ArtifactStorage;
  types: JobTypeRegistry;
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

/**
 * Runs in-process job handlers: claims due jobs in batches, runs them under leases renewed by a
 * heartbeat, completes them in batches, and on close hands unfinished jobs back to the queue.
 * (Lease sweeps and pruning are periodic duties: see maintenance/.)
 *
 * At most `concurrency` handlers run at once. The runner claims ahead: while they run it keeps up
 * to `concurrency` more jobs claimed and ready (of types without a per-type limit), and claims
 * again as soon as fewer than half of those are left, so handlers never wait for a claim round trip
 * and each claim statement takes a batch. A claim that finds fewer jobs than it asked for stops
 * the claiming until a `queued` event, a job ending, or the backstop poll.
 */
export class JobRunner {
  readonly owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private readonly types: JobTypeRegistry;
  /** Every job this runner holds the lease of: ready, running, or ended but not yet written. */
  private readonly held = new Map<string, RunningJob>();
  /** Claimed jobs waiting for a free slot, in claim order. */
  private ready: RunningJob[] = [];
  /** Handlers running now. */
  private active = 0;
  /** Ready or running jobs of each type that has a per-type concurrency limit. */
  private readonly pendingOfType = new Map<string, number>();
  private readonly limitedTypes: JobTypeDefinition[];
  private readonly unlimitedTypes: string[];
  private completions: Array<{ completion: Completion; running: RunningJob }> = [];
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
  /** Where the next claim's rotation across workspaces resumes (see claimJobs). */
  private claimCursor = '';
  private stopping = false;
  private started = false;
  private idleWaiters: Array<() => void> = [];
  private timers: NodeJS.Timeout[] = [];
  private unsubscribe: (() => void) | undefined;

  private readonly runningDeps: RunningJobDeps;

  constructor(private readonly options: RunnerOptions) {
    this.runningDeps = {
      store: options.store,
      events: options.events,
      artifacts: options.artifacts,
      owner: this.owner,
      logger: options.logger,
      holds: (id) => this.held.has(id),
    };
    this.types = options.types;
    const types = [...options.types.values()];
    this.limitedTypes = types.filter((t) => t.concurrency !== undefined);
    this.unlimitedTypes = types.filter((t) => t.concurrency === undefined).map((t) => t.name);
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
        for (const id of event.ids) this.abortHeld(id);
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
    // Let the event loop turn first. On SQLite a claim and quick handlers settle in microtasks
    // alone, so without this a backlog of no-op jobs ran to its end before the completions
    // (flushed from a setImmediate) or a request were served: a job of another workspace that
    // ran at once was written as ended only after the whole backlog, and the API stalled.
    await new Promise((resolve) => setImmediate(resolve));
    if (this.stopping) return;
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
    const after = this.claimCursor;
    const rows = await claimJobsToRun(this.options.store, {
      types,
      workspaceId: null,
      limit,
      owner: this.owner,
      leaseMs: this.options.leaseMs,
      after,
    });
    this.claimCursor = nextClaimCursor(after, rows);
    if (rows.length === 0) return rows;
    const claimedAt = Date.now();
    for (const row of rows) {
      const running = new RunningJob(row, claimedAt, this.runningDeps);
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

  private run(running: RunningJob): void {
    running.started = true;
    this.active++;
    if (running.abortReason) {
      // Aborted (or its lease lost) while it waited for a slot: it ends as if the handler had stopped.
      this.settle(running, { ok: false, error: running.abortReason });
      return;
    }
    const timeoutMs = running.row.timeout_ms;
    if (timeoutMs) {
      // The signal fires; the attempt ends now even if the handler ignores it (it may still run,
      // but its slot is free and what it writes is refused).
      running.timeoutTimer = setTimeout(() => {
        running.timedOut = true;
        running.abort(new AbortReason('timeout'));
        this.settle(running, { ok: false, error: new JobTimeoutError(timeoutMs) });
      }, timeoutMs);
    }
    let outcome: Promise<unknown>;
    try {
      outcome = Promise.resolve(this.types.get(running.row.type)!.handler(running.context()));
    } catch (error) {
      outcome = Promise.reject(error);
    }
    outcome.then(
      (result) => this.settle(running, { ok: true, result }),
      (error: unknown) => this.settle(running, { ok: false, error }),
    );
  }

  private settle(
    running: RunningJob,
    outcome: { ok: true; result: unknown } | { ok: false; error: unknown },
  ): void {
    if (running.settled) return; // it timed out first: the handler's own end changes nothing
    running.settle();
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
        completion: { id: running.row.id, result, ...running.reported() },
      });
      this.scheduleFlush();
    } else if (!running.releasing) this.track(this.recordFailure(running, outcome.error));
    // (Stopped by close(): it stays held, and close() hands it back to the queue.)
    if (this.active === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    this.pump();
  }

  private async recordFailure(running: RunningJob, error: unknown): Promise<void> {
    const { row } = running;
    try {
      if (running.logged) await running.flushLogs();
      const outcome = await failJob(this.options.store, this.owner, {
        id: row.id,
        error: errorJson(error),
        retryable: !(error instanceof NonRetryableError),
        ...running.reported(),
      });
      this.options.events.publish({ kind: 'changed', ids: [row.id] });
      this.options.events.publish({ kind: 'queued', types: [row.type] });
      if (outcome) {
        const { status } = outcome;
        const log = running.logger();
        if (status === 'queued') log.info({ err: error, status }, 'job attempt failed; it will be retried');
        else if (status === 'aborted') log.info({ status }, 'job aborted');
        else log.warn({ err: error, status }, 'job failed');
        if (status !== 'queued') this.finished([{ running, status: status as FinishedJob['status'] }]);
      }
    } catch (err) {
      // The lease will expire and another attempt will run: nothing is lost.
      running.logger().error({ err }, 'recording a job failure failed');
    }
    this.forget(running);
  }

  private finished(jobs: Array<{ running: RunningJob; status: FinishedJob['status'] }>): void {
    const now = Date.now();
    // Only worth a line below info (a busy runner ends thousands of jobs a second), and a job
    // logger is made only when the line is wanted.
    if (this.options.logger.isLevelEnabled?.('debug')) {
      for (const { running, status } of jobs) {
        running.logger().debug({ status, durationMs: now - running.claimedAt }, 'job ended');
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

  private forget(running: RunningJob): void {
    this.held.delete(running.row.id);
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
      // Lines must be in before the outcome: the attempt's end refuses later ones.
      let logged: Array<Promise<void>> | undefined;
      for (const { running } of batch) if (running.logged) (logged ??= []).push(running.flushLogs());
      if (logged) await Promise.all(logged);
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

  private async heartbeat(): Promise<void> {
    const ids = [...this.held.keys()];
    if (ids.length === 0) return;
    const held = await renewLeases(this.options.store, this.owner, ids, this.options.leaseMs);
    const heldIds = new Set(held.map((h) => h.id));
    for (const id of ids) {
      const running = this.held.get(id);
      // An ended job may have been completed meanwhile: only one still running can lose its lease.
      if (running && !running.settled && !heldIds.has(id)) running.loseLease();
    }
    for (const row of held) if (row.abort_requested === 1) this.abortHeld(row.id);
  }

  /** Signals a held job's handler; one claimed ahead and still waiting for a slot ends now. */
  private abortHeld(id: string): void {
    const running = this.held.get(id);
    if (!running) return;
    running.abort(new AbortReason('aborted'));
    const waiting = this.ready.indexOf(running);
    if (waiting >= 0) {
      this.ready.splice(waiting, 1);
      this.run(running); // settles at once: it has an abort reason
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
      running.abort(new AbortReason('shutdown'));
    }
    await this.handlersEnded(graceMs);
    const left = [...this.held.values()].filter((r) => r.started && !r.settled);
    for (const running of left) {
      running.releasing = true;
      running.abort(new AbortReason('shutdown'));
    }
    if (left.length > 0) await this.handlersEnded(2_000);
    while (this.writes.size > 0) await Promise.allSettled([...this.writes]);
    await this.flushCompletions();
    await Promise.all([...this.held.values()].filter((r) => r.logged).map((r) => r.flushLogs()));
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
