import type { Principal } from '../../auth/principal.js';
import type { JobEngine, WorkerCompletion } from '../../engine/index.js';
import { ApiError, badField, notFound } from '../../errors/problem.js';
import { parseJson, type Store } from '../../store/index.js';
import { findJobHolders, type JobRow } from '../../store/queries/jobs.js';
import { isoTime } from '../../time.js';
import { toJob, type JobService } from '../jobs/service.js';
import { workerLogLines } from '../job-logs/service.js';
import type { CompleteManyInput, CompleteManyItem, HeartbeatInput } from './schema.js';

/**
 * The remote-worker endpoints: who may act on which job (the worker's workspace, the lease it
 * holds), answered in the API's terms; the protocol itself is the engine's (`engine.workers`).
 */
export class WorkerService {
  constructor(
    private readonly store: Store,
    private readonly engine: JobEngine,
    private readonly jobs: JobService,
  ) {}

  private owner(principal: Principal, workerId: string): string {
    return this.engine.workers.owner(principal.id, workerId);
  }

  /** Claims jobs of `types` for a remote worker, waiting up to `waitSeconds` for one to be due. */
  async claim(
    principal: Principal,
    input: { types: string[]; workerId: string; limit?: number; waitSeconds?: number; leaseSeconds?: number },
    signal?: AbortSignal,
  ) {
    // Remote workers run custom types only: a built-in job's result is what its resource trusts.
    input.types.forEach((type, index) => this.jobs.refuseInternalType(type, `/types/${index}`));
    const leaseMs = (input.leaseSeconds ?? 30) * 1000;
    const rows = await this.engine.workers.claim(
      {
        types: input.types,
        workspaceId: principal.workspaceId,
        limit: input.limit ?? 1,
        owner: this.owner(principal, input.workerId),
        leaseMs,
        waitMs: (input.waitSeconds ?? 0) * 1000,
      },
      signal,
    );
    const withDependencies = rows.filter((row) => (row.dependency_count ?? 0) > 0).map((row) => row.id);
    const dependencies = await this.jobs.dependenciesOfJobs(withDependencies);
    return rows.map((row) => ({
      ...toJob(row),
      checkpoint: parseJson(row.checkpoint),
      leaseExpiresAt: isoTime(row.lease_expires_at ?? Date.now() + leaseMs),
      dependencies: dependencies.get(row.id) ?? [],
    }));
  }

  private async heldRow(principal: Principal, id: string, workerId: string): Promise<JobRow> {
    const row = await this.jobs.getRow(principal, id);
    if (row.status !== 'running' || row.lease_owner !== this.owner(principal, workerId)) {
      throw new ApiError('lease_lost', `Worker "${workerId}" does not hold job ${id} (it is ${row.status}).`);
    }
    return row;
  }

  async heartbeat(principal: Principal, id: string, input: HeartbeatInput) {
    // Every line is checked before anything is written.
    const logs = input.logs ? workerLogLines(input.logs, '/logs') : undefined;
    await this.heldRow(principal, id, input.workerId);
    const owner = this.owner(principal, input.workerId);
    const held = await this.engine.workers.heartbeat(owner, id, (input.leaseSeconds ?? 30) * 1000, {
      ...input,
      logs,
    });
    if (!held) throw new ApiError('lease_lost', `Job ${id} is no longer held.`);
    if ('timedOut' in held) {
      throw new ApiError(
        'job_timeout',
        `Job ${id} ran past its timeout of ${held.timedOut} ms: this attempt failed with code timeout and the worker no longer holds the job; stop working on it.`,
      );
    }
    return { abort: held.abort, leaseExpiresAt: isoTime(held.leaseExpiresAt) };
  }

  async complete(
    principal: Principal,
    id: string,
    input: { workerId: string; result?: unknown; counters?: Record<string, number>; warnings?: string[] },
  ) {
    const held = await this.heldRow(principal, id, input.workerId);
    const owner = this.owner(principal, input.workerId);
    const done = await this.engine.workers.complete(owner, new Map([[id, held]]), [{ ...input, id }]);
    if (done.size === 0) throw new ApiError('lease_lost', `Job ${id} is no longer held.`);
    return this.jobs.withArtifacts(await this.jobs.getRow(principal, id));
  }

  /**
   * Completes many claimed jobs at once (one statement), each under the rules of `complete`: a job
   * of another workspace (or none) is `not_found`, one this worker does not hold is `lease_lost`.
   * Those are answered per job; the others complete. Each job may appear once.
   */
  async completeMany(
    principal: Principal,
    input: CompleteManyInput,
  ): Promise<{ data: CompleteManyItem[]; completed: number }> {
    const seen = new Map<string, number>();
    input.results.forEach(({ jobId }, index) => {
      const first = seen.get(jobId);
      if (first !== undefined) {
        throw badField('body', `/results/${index}/jobId`, `repeats /results/${first}/jobId`);
      }
      seen.set(jobId, index);
    });
    const owner = this.owner(principal, input.workerId);
    const holders = new Map(
      (
        await findJobHolders(
          this.store.db,
          input.results.map((r) => r.jobId),
          principal.workspaceId,
        )
      ).map((row) => [row.id, row]),
    );
    const errors = new Map<string, { code: string; message: string }>();
    const completions: WorkerCompletion[] = [];
    for (const item of input.results) {
      const row = holders.get(item.jobId);
      if (!row) {
        errors.set(item.jobId, { code: 'not_found', message: notFound('Job', item.jobId).message });
      } else if (row.status !== 'running' || row.lease_owner !== owner) {
        errors.set(item.jobId, {
          code: 'lease_lost',
          message: `Worker "${input.workerId}" does not hold job ${item.jobId} (it is ${row.status}).`,
        });
      } else {
        completions.push({
          id: item.jobId,
          result: item.result,
          counters: item.counters,
          warnings: item.warnings,
        });
      }
    }
    const ended = await this.engine.workers.complete(owner, holders, completions);
    const data = input.results.map(({ jobId }): CompleteManyItem => {
      const status = ended.get(jobId);
      if (status) return { jobId, status, error: null };
      return {
        jobId,
        status: null,
        // Held when read, gone when written: the lease expired or the job ended in between.
        error: errors.get(jobId) ?? { code: 'lease_lost', message: `Job ${jobId} is no longer held.` },
      };
    });
    return { data, completed: ended.size };
  }

  async fail(
    principal: Principal,
    id: string,
    input: {
      workerId: string;
      error: { code?: string; message: string; details?: unknown };
      retryable?: boolean;
      counters?: Record<string, number>;
      warnings?: string[];
    },
  ) {
    const row = await this.heldRow(principal, id, input.workerId);
    const status = await this.engine.workers.fail(this.owner(principal, input.workerId), row, input);
    if (!status) throw new ApiError('lease_lost', `Job ${id} is no longer held.`);
    return this.jobs.withArtifacts(await this.jobs.getRow(principal, id));
  }
}
