import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { newId } from '../ids.js';
import type { Store } from '../store/index.js';
import { claimJobs } from '../store/sql/claimJobs.js';
import {
  completeJobs,
  failJob,
  recoverExpiredLeases,
  releaseJobs,
  renewLeases,
  type Completion,
} from '../store/sql/finishJobs.js';
import {
  deleteArtifactRow,
  findArtifact,
  insertArtifact,
  listAllArtifacts,
  pruneFinishedJobs,
  saveRunningState,
  setArtifactSize,
} from '../store/queries/jobs.js';
import type { JobsTable } from '../store/tables.js';
import type { ArtifactStorage } from './artifacts.js';
import type { JobEvents } from './events.js';
import { NonRetryableError, type JobContext, type JobProgress, type JobTypeDefinition } from './handlers.js';

export interface RunnerLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
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
  /** Finished jobs older than this are deleted. */
  retentionMs: number;
  logger: RunnerLogger;
}

interface Running {
  row: JobsTable;
  controller: AbortController;
  /** Another process took the job over: this attempt's outcome must not be written. */
  leaseLost: boolean;
  /** The process is shutting down: a failure hands the job back instead of failing it. */
  releasing: boolean;
  progress: JobProgress | null;
  counters: Record<string, number>;
  warnings: string[];
  dirty: boolean;
  lastSaved: number;
  saveTimer: NodeJS.Timeout | undefined;
  done: Promise<void>;
}

const PROGRESS_SAVE_MS = 250;
const SWEEP_MS = 5_000;
const PRUNE_MS = 60 * 60_000;

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

export function errorJson(error: unknown): string {
  if (error instanceof NonRetryableError) {
    return JSON.stringify({
      code: error.code,
      message: error.message,
      ...(error.details !== undefined ? { details: error.details } : {}),
    });
  }
  if (error instanceof Error) {
    const { code } = error as { code?: unknown };
    return JSON.stringify({
      code: typeof code === 'string' ? code : 'handler_error',
      message: error.message,
    });
  }
  return JSON.stringify({ code: 'handler_error', message: String(error) });
}

/**
 * Runs in-process job handlers: claims due jobs in batches, runs them under leases renewed by a
 * heartbeat, completes them in batches, recovers other processes' expired leases, prunes old jobs,
 * and on close hands unfinished jobs back to the queue.
 */
export class JobRunner {
  readonly owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private readonly types = new Map<string, JobTypeDefinition>();
  private readonly running = new Map<string, Running>();
  private readonly completions: Array<{ completion: Completion; running: Running }> = [];
  private flushScheduled = false;
  private stopping = false;
  private wakeUp: (() => void) | undefined;
  private loopDone: Promise<void> | undefined;
  private timers: NodeJS.Timeout[] = [];
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly options: RunnerOptions) {
    for (const type of options.types) this.types.set(type.name, type);
  }

  get runningCount(): number {
    return this.running.size;
  }

  start(): void {
    if (this.loopDone) return;
    this.unsubscribe = this.options.events.subscribe((event) => {
      if (event.kind === 'queued' && event.types.some((t) => this.types.has(t))) this.wake();
      if (event.kind === 'abort') {
        for (const id of event.ids) this.running.get(id)?.controller.abort(new AbortReason('aborted'));
      }
    });
    const every = (ms: number, fn: () => Promise<unknown>) => {
      const timer = setInterval(() => {
        fn().catch((err: unknown) => this.options.logger.warn({ err }, 'job runner housekeeping failed'));
      }, ms);
      timer.unref();
      this.timers.push(timer);
    };
    every(Math.max(100, Math.floor(this.options.leaseMs / 3)), () => this.heartbeat());
    every(Math.min(SWEEP_MS, Math.floor(this.options.leaseMs / 2)), () => this.sweep());
    every(PRUNE_MS, () => this.prune());
    this.loopDone = this.loop();
  }

  private wake(): void {
    const wake = this.wakeUp;
    this.wakeUp = undefined;
    wake?.();
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      let full = false;
      try {
        full = await this.fill();
      } catch (err) {
        this.options.logger.error({ err }, 'claiming jobs failed');
      }
      if (full || this.stopping) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.pollMs);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** Claims as many jobs as there are free slots. True when it filled them all (more may wait). */
  private async fill(): Promise<boolean> {
    let free = this.options.concurrency - this.running.size;
    if (free <= 0) return false;
    const runningOfType = (name: string) =>
      [...this.running.values()].filter((r) => r.row.type === name).length;
    const limited = [...this.types.values()].filter((t) => t.concurrency !== undefined);
    const unlimited = [...this.types.values()].filter((t) => t.concurrency === undefined).map((t) => t.name);
    let claimedAll = 0;
    const requested = free;
    for (const type of limited) {
      const room = Math.min(free, type.concurrency! - runningOfType(type.name));
      if (room <= 0) continue;
      const rows = await this.claim([type.name], room);
      free -= rows.length;
      claimedAll += rows.length;
    }
    if (free > 0 && unlimited.length > 0) {
      const rows = await this.claim(unlimited, free);
      claimedAll += rows.length;
    }
    return claimedAll > 0 && claimedAll === requested;
  }

  private async claim(types: string[], limit: number): Promise<JobsTable[]> {
    const rows = await claimJobs(this.options.store, {
      types,
      workspaceId: null,
      limit,
      owner: this.owner,
      leaseMs: this.options.leaseMs,
    });
    if (rows.length > 0) this.options.events.publish({ kind: 'changed', ids: rows.map((r) => r.id) });
    for (const row of rows) this.run(row);
    return rows;
  }

  private run(row: JobsTable): void {
    const running: Running = {
      row,
      controller: new AbortController(),
      leaseLost: false,
      releasing: false,
      progress: row.progress ? (JSON.parse(row.progress) as JobProgress) : null,
      counters: JSON.parse(row.counters) as Record<string, number>,
      warnings: JSON.parse(row.warnings) as string[],
      dirty: false,
      lastSaved: 0,
      saveTimer: undefined,
      done: Promise.resolve(),
    };
    this.running.set(row.id, running);
    running.done = this.execute(running).finally(() => {
      clearTimeout(running.saveTimer);
    });
  }

  private async execute(running: Running): Promise<void> {
    const { row } = running;
    const type = this.types.get(row.type)!;
    try {
      const result = await type.handler(this.context(running));
      if (running.leaseLost) return this.forget(running);
      this.completions.push({
        running,
        completion: {
          id: row.id,
          result: result === undefined ? null : JSON.stringify(result),
          progress: running.progress ? JSON.stringify(running.progress) : undefined,
          counters: JSON.stringify(running.counters),
          warnings: JSON.stringify(running.warnings),
        },
      });
      this.scheduleFlush();
    } catch (error) {
      if (running.leaseLost || running.releasing) return this.forget(running);
      try {
        await failJob(this.options.store, this.owner, {
          id: row.id,
          error: errorJson(error),
          retryable: !(error instanceof NonRetryableError),
          progress: running.progress ? JSON.stringify(running.progress) : undefined,
          counters: JSON.stringify(running.counters),
          warnings: JSON.stringify(running.warnings),
        });
        this.options.events.publish({ kind: 'changed', ids: [row.id] });
        this.options.events.publish({ kind: 'queued', types: [row.type] });
      } catch (err) {
        // The lease will expire and another attempt will run: nothing is lost.
        this.options.logger.error({ err, jobId: row.id }, 'recording a job failure failed');
      }
      this.forget(running);
    }
  }

  private forget(running: Running): void {
    this.running.delete(running.row.id);
    this.wake();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      void this.flushCompletions();
    });
  }

  /** Writes every completion gathered since the last flush in one statement. */
  private async flushCompletions(): Promise<void> {
    const batch = this.completions.splice(0);
    if (batch.length === 0) return;
    try {
      const ids = await completeJobs(
        this.options.store,
        this.owner,
        batch.map((b) => b.completion),
      );
      if (ids.length > 0) this.options.events.publish({ kind: 'changed', ids });
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
    return {
      id: row.id,
      type: row.type,
      workspaceId: row.workspace_id,
      projectId: row.project_id,
      arguments: JSON.parse(row.arguments) as Record<string, unknown>,
      attempt: row.attempt,
      maxAttempts: row.max_attempts,
      signal: running.controller.signal,
      checkpoint: row.checkpoint === null ? null : JSON.parse(row.checkpoint),
      progress: (progress) => {
        running.progress = progress;
        markDirty();
      },
      count: (name, by = 1) => {
        running.counters[name] = (running.counters[name] ?? 0) + by;
        markDirty();
      },
      warn: (message) => {
        running.warnings.push(message);
        markDirty();
      },
      saveCheckpoint: async (value) => {
        const held = await saveRunningState(store, row.id, this.owner, {
          checkpoint: JSON.stringify(value ?? null),
        });
        if (!held) this.loseLease(running);
      },
      writeArtifact: async (name, contentType, source) => {
        // A retried attempt writing the same name replaces what the earlier attempt left.
        const previous = await findArtifact(store.db, row.id, name, false);
        if (previous) {
          await deleteArtifactRow(store.db, previous.id);
          await artifacts.delete([previous.id]);
        }
        const id = newId('art');
        await insertArtifact(store.db, {
          id,
          job_id: row.id,
          workspace_id: row.workspace_id,
          name,
          content_type: contentType,
          size_bytes: -1,
          storage: artifacts.kind,
          created_at: Date.now(),
        });
        let size: number;
        try {
          size = await artifacts.write(id, source);
        } catch (error) {
          await deleteArtifactRow(store.db, id).catch(() => undefined);
          await artifacts.delete([id]).catch(() => undefined);
          throw error;
        }
        await setArtifactSize(store.db, id, size);
        events.publish({ kind: 'changed', ids: [row.id] });
        return { name, contentType, size };
      },
    };
  }

  private async saveState(running: Running): Promise<void> {
    if (!running.dirty || !this.running.has(running.row.id)) return;
    running.dirty = false;
    running.lastSaved = Date.now();
    const held = await saveRunningState(this.options.store, running.row.id, this.owner, {
      progress: running.progress ? JSON.stringify(running.progress) : undefined,
      counters: JSON.stringify(running.counters),
      warnings: JSON.stringify(running.warnings),
    }).catch((err: unknown) => {
      this.options.logger.warn({ err, jobId: running.row.id }, 'saving job progress failed');
      return true;
    });
    if (!held) this.loseLease(running);
    else this.options.events.publish({ kind: 'changed', ids: [running.row.id] });
  }

  private loseLease(running: Running): void {
    if (running.leaseLost) return;
    running.leaseLost = true;
    running.controller.abort(new AbortReason('lease_lost'));
    this.options.logger.warn(
      { jobId: running.row.id },
      'lost the lease of a running job; another attempt owns it now',
    );
  }

  private async heartbeat(): Promise<void> {
    const ids = [...this.running.keys()];
    if (ids.length === 0) return;
    const held = await renewLeases(this.options.store, this.owner, ids, this.options.leaseMs);
    const heldIds = new Set(held.map((h) => h.id));
    for (const id of ids) {
      const running = this.running.get(id);
      if (running && !heldIds.has(id) && !this.completions.some((c) => c.running === running))
        this.loseLease(running);
    }
    for (const row of held) {
      if (row.abort_requested === 1) this.running.get(row.id)?.controller.abort(new AbortReason('aborted'));
    }
  }

  private async sweep(): Promise<void> {
    const recovered = await recoverExpiredLeases(this.options.store);
    if (recovered.length === 0) return;
    this.options.logger.warn(
      { jobs: recovered.map((r) => r.id) },
      'recovered jobs whose worker stopped heartbeating',
    );
    this.options.events.publish({ kind: 'changed', ids: recovered.map((r) => r.id) });
    this.options.events.publish({ kind: 'queued', types: [...new Set(recovered.map((r) => r.type))] });
  }

  /** Deletes finished jobs older than the retention, with their artifacts. */
  async prune(): Promise<void> {
    const before = Date.now() - this.options.retentionMs;
    const { store, artifacts } = this.options;
    for (;;) {
      const doomed = await store.db
        .selectFrom('jobs')
        .select('id')
        .where('finished_at', '<', before)
        .limit(500)
        .execute();
      if (doomed.length === 0) return;
      const files = await listAllArtifacts(
        store.db,
        doomed.map((d) => d.id),
      );
      await artifacts.delete(files.map((f) => f.id));
      await pruneFinishedJobs(store.db, before, 500);
    }
  }

  /**
   * Stops claiming, gives running jobs `graceMs` to finish, then aborts the rest and hands them
   * back to the queue (their attempt does not count), so another process picks them up at once.
   */
  async close(graceMs = 10_000): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.wake();
    this.unsubscribe?.();
    await this.loopDone;
    const settle = (ms: number) =>
      Promise.race([
        Promise.allSettled([...this.running.values()].map((r) => r.done)),
        new Promise((resolve) => setTimeout(resolve, ms)),
      ]);
    await settle(graceMs);
    const left = [...this.running.values()];
    for (const running of left) {
      running.releasing = true;
      running.controller.abort(new AbortReason('shutdown'));
    }
    if (left.length > 0) await settle(2_000);
    await this.flushCompletions();
    // Releasing only touches rows this process still holds as running: finished ones stay finished.
    const unfinished = [...new Set([...left.map((r) => r.row.id), ...this.running.keys()])];
    if (unfinished.length > 0) {
      const released = await releaseJobs(this.options.store, this.owner, unfinished);
      this.options.events.publish({ kind: 'changed', ids: unfinished });
      this.options.events.publish({ kind: 'queued', types: [...new Set(left.map((r) => r.row.type))] });
      this.options.logger.info({ jobs: unfinished, released }, 'handed unfinished jobs back to the queue');
    }
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
  }
}
