import type { Store } from '../store/index.js';
import { findJob, saveRunningState } from '../store/queries/jobs.js';
import { claimJobs, nextClaimCursor } from '../store/sql/claimJobs.js';
import { completeJobs, failJob, renewLeases, type Completion } from '../store/sql/finishJobs.js';
import type { JobsTable } from '../store/tables.js';
import { failureJson } from './errors.js';
import { appendWorkerLogs, type JobLogInput } from './job-logs.js';
import type { BusEvent, EventBus } from './event-bus.js';
import type { FinishedJob } from './runner.js';
import { JobTimeoutError } from './running-job.js';

/** A job a remote worker holds, as its resource read it (for the duration metric). */
export interface HeldJob {
  id: string;
  type: string;
  started_at: number | null;
}

/** What a remote worker reports with a completion; undefined keeps the stored value. */
export interface WorkerCompletion {
  id: string;
  result?: unknown;
  counters?: Record<string, number> | undefined;
  warnings?: string[] | undefined;
}

/** Milliseconds since `startedAt` (an attempt's start), for the job-duration metric. */
function since(startedAt: number | null): number {
  return startedAt === null ? 0 : Math.max(0, Date.now() - startedAt);
}

function toCompletion(item: WorkerCompletion): Completion {
  return {
    id: item.id,
    result: item.result === undefined ? null : JSON.stringify(item.result),
    counters: item.counters ? JSON.stringify(item.counters) : undefined,
    warnings: item.warnings ? JSON.stringify(item.warnings) : undefined,
  };
}

/**
 * The remote-worker protocol (claim, heartbeat, complete, fail) over the engine's statements, the
 * same ones the in-process runner uses. Callers check who may act on which job; this writes the
 * outcome, tells waiters and runners, and reports ended jobs to the metrics.
 */
export class RemoteWorkers {
  /** Where the next instance-wide claim's rotation across workspaces resumes (see claimJobs). */
  private claimCursor = '';

  constructor(
    private readonly store: Store,
    private readonly events: EventBus,
    private readonly reportFinished: (jobs: readonly FinishedJob[]) => void,
  ) {}

  /** The lease owner of worker `workerId` of credential `credentialId`. */
  owner(credentialId: string, workerId: string): string {
    return `remote:${credentialId}:${workerId}`;
  }

  /** Claims due jobs of `types` in a workspace, waiting up to `waitMs` for one to be due. */
  async claim(
    claim: {
      types: string[];
      /** Only jobs of this workspace; null: every workspace (an instance credential). */
      workspaceId: string | null;
      limit: number;
      owner: string;
      leaseMs: number;
      waitMs: number;
    },
    signal?: AbortSignal,
  ): Promise<JobsTable[]> {
    const deadline = Date.now() + claim.waitMs;
    const wanted = (e: BusEvent) => e.kind === 'queued' && e.types.some((t) => claim.types.includes(t));
    for (;;) {
      let woken = false;
      const unsubscribe = this.events.subscribe((e) => {
        if (wanted(e)) woken = true;
      });
      try {
        const after = this.claimCursor;
        const rows = await claimJobs(this.store, {
          types: claim.types,
          workspaceId: claim.workspaceId,
          limit: claim.limit,
          owner: claim.owner,
          leaseMs: claim.leaseMs,
          after,
        });
        if (claim.workspaceId === null) this.claimCursor = nextClaimCursor(after, rows);
        if (rows.length > 0) {
          this.events.publish({ kind: 'changed', ids: rows.map((r) => r.id) });
          return rows;
        }
        const left = deadline - Date.now();
        if (left <= 0 || signal?.aborted) return [];
        // Due-time jobs (runAt, backoff) wake nobody: the 1 s cap re-checks them.
        if (!woken) await this.events.waitFor(wanted, Math.min(left, 1000), signal);
      } finally {
        unsubscribe();
      }
    }
  }

  /**
   * Saves what the worker reported, then renews its lease. Undefined: the worker no longer holds
   * the job (its lease expired, or it ended).
   */
  async heartbeat(
    owner: string,
    id: string,
    leaseMs: number,
    report: {
      progress?: { done: number; total?: number | null; unit?: string | null; message?: string | null };
      counters?: Record<string, number>;
      warnings?: string[];
      checkpoint?: unknown;
      /** Lines for the job's log, already checked against the bounds. */
      logs?: readonly JobLogInput[] | undefined;
    },
  ): Promise<{ abort: boolean; leaseExpiresAt: number } | { timedOut: number } | undefined> {
    if (report.logs?.length) {
      if (!(await appendWorkerLogs(this.store, id, owner, report.logs))) return undefined;
      this.events.publish({ kind: 'logs', ids: [id] });
    }
    const update = {
      progress: report.progress ? JSON.stringify(report.progress) : undefined,
      counters: report.counters ? JSON.stringify(report.counters) : undefined,
      warnings: report.warnings ? JSON.stringify(report.warnings) : undefined,
      checkpoint: report.checkpoint !== undefined ? JSON.stringify(report.checkpoint) : undefined,
    };
    if (Object.values(update).some((v) => v !== undefined)) {
      if (!(await saveRunningState(this.store, id, owner, update))) return undefined;
      this.events.publish({ kind: 'changed', ids: [id] });
    }
    const [held] = await renewLeases(this.store, owner, [id], leaseMs);
    if (!held) return undefined;
    if (held.timed_out === 1) {
      // Past its timeout: the attempt fails with code timeout (retried by the usual policy) and the
      // worker loses the job; its next calls for it are refused.
      const job = await findJob(this.store.db, id, null);
      const timeoutMs = job?.timeout_ms ?? 0;
      await this.fail(
        owner,
        { id, type: job?.type ?? '', started_at: job?.started_at ?? null },
        {
          error: { code: 'timeout', message: new JobTimeoutError(timeoutMs).message },
          retryable: true,
        },
      );
      return { timedOut: timeoutMs };
    }
    return { abort: held.abort_requested === 1, leaseExpiresAt: held.lease_expires_at };
  }

  /**
   * Ends held attempts as succeeded (or aborted, when that was asked meanwhile) in one statement.
   * Returns the status of each job it ended; a job missing from the answer was no longer held.
   */
  async complete(
    owner: string,
    jobs: ReadonlyMap<string, HeldJob>,
    completions: readonly WorkerCompletion[],
  ): Promise<Map<string, 'succeeded' | 'aborted'>> {
    const ended = new Map(
      (await completeJobs(this.store, owner, completions.map(toCompletion))).map((e) => [e.id, e.status]),
    );
    if (ended.size > 0) {
      this.events.publish({ kind: 'changed', ids: [...ended.keys()] });
      this.reportFinished(
        [...ended].map(([id, status]) => {
          const job = jobs.get(id)!;
          return { id, type: job.type, status, durationMs: since(job.started_at) };
        }),
      );
    }
    return ended;
  }

  /**
   * Ends a held attempt as failed; a retryable failure with attempts left is queued again after
   * its backoff. Returns the job's new status, or undefined when the worker no longer held it.
   */
  async fail(
    owner: string,
    job: HeldJob,
    input: {
      error: { code?: string; message: string; details?: unknown };
      retryable?: boolean;
      counters?: Record<string, number>;
      warnings?: string[];
    },
  ): Promise<string | undefined> {
    const outcome = await failJob(this.store, owner, {
      id: job.id,
      error: failureJson({
        code: input.error.code ?? 'worker_error',
        message: input.error.message,
        ...(input.error.details !== undefined ? { details: input.error.details } : {}),
      }),
      retryable: input.retryable ?? true,
      counters: input.counters ? JSON.stringify(input.counters) : undefined,
      warnings: input.warnings ? JSON.stringify(input.warnings) : undefined,
    });
    if (!outcome) return undefined;
    this.events.publish({ kind: 'changed', ids: [job.id] });
    if (outcome.status === 'queued') this.events.publish({ kind: 'queued', types: [job.type] });
    else {
      const status = outcome.status as 'failed' | 'aborted';
      this.reportFinished([{ id: job.id, type: job.type, status, durationMs: since(job.started_at) }]);
    }
    return outcome.status;
  }
}
