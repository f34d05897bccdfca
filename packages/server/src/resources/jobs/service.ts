import type { Principal } from '../../auth/principal.js';
import { idsOfNumeric } from '../../store/queries/numeric-ids.js';
import type { BusEvent, JobEngine } from '../../engine/index.js';
import { failureJson } from '../../engine/index.js';
import { ApiError, badField, notFound } from '../../errors/problem.js';
import { splitList, type ParsedList } from '../../http/list.js';
import { isoTime } from '../../time.js';
import { auditRow, recordAudit, type AuditChange } from '../audit/service.js';
import { PauseSet } from '../job-types/pauses.js';
import { parseJson, type Db, type Store } from '../../store/index.js';
import {
  deleteFinishedJob,
  findArtifact,
  findInFlightByUniqueKey,
  findJob,
  findJobs,
  insertJobs,
  insertJobsAudited,
  findJobNotingArtifacts,
  listAllArtifacts,
  listArtifacts,
  listJobs,
  requestAbort,
  requeueFinished,
  type JobArtifactRow,
  type JobRow,
} from '../../store/queries/jobs.js';
import { findDefinition } from '../../store/queries/definitions.js';
import { findFlow } from '../../store/queries/flows.js';
import { requireFilterProject } from '../projects/service.js';
import { ENDED_JOB_STATUSES, type JobStatus } from '../../store/tables.js';
import { listScope } from '../workspaces/service.js';
import { checkDependsOn, dependenciesOf, tieToDependencies } from './dependencies.js';
import { JobPreparer, type PrepareCache } from './prepare.js';
import { JOB_STATUSES, type CreateJobInput, type Dependency, type Job } from './schema.js';
import { dependencyResults } from '../../store/queries/job-dependencies.js';

export type { PrepareCache } from './prepare.js';

const FINISHED: readonly JobStatus[] = ENDED_JOB_STATUSES;

/** The audit entry of a job created by a request: its type, title and argument names (not values). */
export function jobCreated(row: JobRow): AuditChange {
  return {
    action: 'job.create',
    resourceType: 'job',
    resourceId: row.id,
    workspaceId: row.workspace_id,
    summary: {
      type: row.type,
      title: row.title,
      arguments: Object.keys(JSON.parse(row.arguments) as object),
      ...(row.definition_id ? { definitionId: row.definition_id } : {}),
    },
  };
}

/** `paused`: queued, and its type is paused in its workspace or instance-wide (see {@link PauseSet}). */
export function toJob(row: JobRow, artifacts: readonly JobArtifactRow[] = [], paused = false): Job {
  const progress = parseJson<{
    done: number;
    total?: number | null;
    unit?: string | null;
    message?: string | null;
  }>(row.progress);
  return {
    id: row.id,
    numericId: row.numeric_id as number,
    workspaceId: row.workspace_id,
    projectId: row.project_id,
    type: row.type,
    title: row.title,
    description: row.description,
    arguments: JSON.parse(row.arguments) as Record<string, unknown>,
    status: row.status,
    priority: row.priority,
    runAt: isoTime(row.run_at),
    attempt: row.attempt,
    maxAttempts: row.max_attempts,
    timeoutMs: row.timeout_ms ?? null,
    progress: progress && {
      done: progress.done,
      total: progress.total ?? null,
      unit: progress.unit ?? null,
      message: progress.message ?? null,
      percent: progress.total
        ? Math.min(100, Math.round((10000 * progress.done) / progress.total) / 100)
        : null,
    },
    counters: JSON.parse(row.counters) as Record<string, number>,
    warnings: JSON.parse(row.warnings) as string[],
    result: parseJson(row.result),
    error: parseJson(row.error),
    artifacts: artifacts.map((a) => ({
      name: a.name,
      contentType: a.content_type,
      size: a.size_bytes,
      url: `/v1/jobs/${row.id}/artifacts/${encodeURIComponent(a.name)}`,
      createdAt: isoTime(a.created_at),
    })),
    abortRequested: row.abort_requested === 1,
    dependencyCount: row.dependency_count ?? 0,
    concurrencyKey: row.concurrency_key || null,
    pendingDependencies: row.status === 'waiting' ? (row.pending_dependencies ?? 0) : 0,
    onDependencyFailure: row.on_dependency_failure ?? 'fail',
    startBefore: row.start_before == null ? null : isoTime(row.start_before),
    flowId: row.flow_id ?? null,
    flowKey: row.flow_key ?? null,
    paused,
    definitionId: row.definition_id,
    uniqueKey: row.unique_key,
    createdBy: row.created_by,
    createdAt: isoTime(row.created_at),
    updatedAt: isoTime(row.updated_at),
    startedAt: isoTime(row.started_at),
    finishedAt: isoTime(row.finished_at),
  };
}

export interface JobFilterQuery {
  workspaceId?: string | undefined;
  projectId?: string | undefined;
  type?: string | undefined;
  status?: string | undefined;
  definitionId?: string | undefined;
  flowId?: string | undefined;
  createdAfter?: string | undefined;
  createdBefore?: string | undefined;
}

/** Jobs: creation with type and argument checks, reads and waits, abort/retry/delete, artifacts. */
export class JobService {
  /** The checks of new jobs (also used by definitions and the resources' own job types). */
  readonly preparer: JobPreparer;

  constructor(
    private readonly store: Store,
    private readonly engine: JobEngine,
  ) {
    this.preparer = new JobPreparer(store, engine);
  }

  /** See {@link JobPreparer.argumentsSchemaFor}. */
  argumentsSchemaFor(workspaceId: string, type: string, pointer?: string) {
    return this.preparer.argumentsSchemaFor(workspaceId, type, pointer);
  }

  /** See {@link JobPreparer.checkArgumentsAgainst}. */
  checkArgumentsAgainst(
    schema: Record<string, unknown>,
    type: string,
    args: Record<string, unknown>,
    pointer: string,
  ) {
    this.preparer.checkArgumentsAgainst(schema, type, args, pointer);
  }

  /** See {@link JobPreparer.prepare}. */
  prepare(...args: Parameters<JobPreparer['prepare']>): Promise<JobRow> {
    return this.preparer.prepare(...args);
  }

  /** See {@link JobPreparer.prepareForCaller}. */
  prepareForCaller(...args: Parameters<JobPreparer['prepareForCaller']>): Promise<JobRow> {
    return this.preparer.prepareForCaller(...args);
  }

  /** See {@link JobPreparer.refuseInternalType}. */
  refuseInternalType(...args: Parameters<JobPreparer['refuseInternalType']>): void {
    this.preparer.refuseInternalType(...args);
  }

  /** `create` for `POST /v1/jobs`, where the caller names the type: built-in types are refused. */
  createForCaller(principal: Principal, input: CreateJobInput): Promise<{ job: Job; created: boolean }> {
    this.preparer.refuseInternalType(input.type);
    return this.create(principal, input);
  }

  /** Tells runners and waiting workers that a job of this type is due (or, not queued, that it exists). */
  announce(row: JobRow): void {
    if (row.status === 'queued')
      this.engine.events.publish({ kind: 'queued', types: [row.type], ids: [row.id] });
    else this.engine.events.publish({ kind: 'changed', ids: [row.id] });
  }

  async create(principal: Principal, input: CreateJobInput): Promise<{ job: Job; created: boolean }> {
    const row = await this.preparer.prepare(principal, input);
    if (input.dependsOn) checkDependsOn(input.dependsOn, '/dependsOn');
    if (row.unique_key !== null) {
      const existing = await findInFlightByUniqueKey(this.store.db, row.workspace_id, row.unique_key);
      if (existing) return { job: await this.toJobWithPause(existing), created: false };
    }
    try {
      if (input.dependsOn?.length) {
        const dependsOn = input.dependsOn;
        await this.store.transaction(async (trx) => {
          const writeEdges = await tieToDependencies(this.store, trx, row, dependsOn, '/dependsOn');
          await insertJobs(this.store, trx, [row]);
          await writeEdges();
          await recordAudit(trx, principal, jobCreated(row));
        });
      } else {
        // The common case: the job and its audit entry in one statement where the store can.
        await insertJobsAudited(this.store, [row], [auditRow(principal, jobCreated(row))]);
      }
    } catch (error) {
      // Another request with the same unique key won the race: answer with its job.
      if (row.unique_key !== null && this.store.isUniqueViolation(error)) {
        const existing = await findInFlightByUniqueKey(this.store.db, row.workspace_id, row.unique_key);
        if (existing) return { job: await this.toJobWithPause(existing), created: false };
      }
      throw error;
    }
    this.announce(row);
    return { job: await this.toJobWithPause(row), created: true };
  }

  /**
   * Creates up to 1000 jobs in one transaction: all or none. Every job is checked first; errors
   * point into `/jobs/<index>`. uniqueKey is not accepted here (it needs a per-job answer).
   */
  async createMany(principal: Principal, inputs: readonly CreateJobInput[]): Promise<Job[]> {
    const rows: JobRow[] = [];
    // One workspace and one schema lookup per batch, not per job.
    const cache: PrepareCache = { workspaces: new Map(), schemas: new Map() };
    for (const [index, input] of inputs.entries()) {
      this.preparer.refuseInternalType(input.type, `/jobs/${index}/type`);
      if (input.dependsOn) checkDependsOn(input.dependsOn, `/jobs/${index}/dependsOn`);
      if (input.uniqueKey !== undefined) {
        throw badField(
          'body',
          `/jobs/${index}/uniqueKey`,
          'is not supported in batch creation; create such jobs one by one',
        );
      }
      rows.push(
        await this.preparer.prepare(
          principal,
          input,
          { type: `/jobs/${index}/type`, arguments: `/jobs/${index}/arguments` },
          cache,
        ),
      );
    }
    await this.store.transaction(async (trx) => {
      const edges: Array<() => Promise<void>> = [];
      for (const [index, row] of rows.entries()) {
        const dependsOn = inputs[index]?.dependsOn;
        if (dependsOn?.length) {
          edges.push(await tieToDependencies(this.store, trx, row, dependsOn, `/jobs/${index}/dependsOn`));
        }
      }
      for (let i = 0; i < rows.length; i += 200) {
        const chunk = rows.slice(i, i + 200);
        await insertJobs(this.store, trx, chunk);
        await recordAudit(trx, principal, chunk.map(jobCreated));
      }
      for (const write of edges) await write();
    });
    const queued = rows.filter((r) => r.status === 'queued');
    if (queued.length > 0) {
      this.engine.events.publish({
        kind: 'queued',
        types: [...new Set(queued.map((r) => r.type))],
        ids: queued.map((r) => r.id),
      });
    }
    const others = rows.filter((r) => r.status !== 'queued');
    if (others.length > 0) this.engine.events.publish({ kind: 'changed', ids: others.map((r) => r.id) });
    const pauses = await this.pausesFor(rows);
    return rows.map((row) => toJob(row, [], pauses?.holds(row)));
  }

  /** The pauses that hold some of these jobs (null when none is queued: nothing to read). */
  async pausesFor(rows: readonly JobRow[]): Promise<PauseSet | null> {
    const queued = rows.filter((r) => r.status === 'queued');
    if (queued.length === 0) return null;
    return PauseSet.load(
      this.store.db,
      queued.map((r) => r.workspace_id),
    );
  }

  private async toJobWithPause(row: JobRow, artifacts: readonly JobArtifactRow[] = []): Promise<Job> {
    const pauses = await this.pausesFor([row]);
    return toJob(row, artifacts, pauses?.holds(row));
  }

  async getRow(principal: Principal, id: string): Promise<JobRow> {
    const row = await findJob(this.store.db, id, principal.workspaceId);
    if (!row) throw notFound('Job', id);
    return row;
  }

  /** The job with its artifacts (read unless the row says it has none). */
  async withArtifacts(row: JobRow & { has_artifacts?: boolean }): Promise<Job> {
    const { has_artifacts: hasArtifacts, ...job } = row;
    return this.toJobWithPause(
      job,
      hasArtifacts === false ? [] : await listArtifacts(this.store.db, [row.id]),
    );
  }

  /**
   * The job, after waiting up to `waitSeconds` for it to finish. Subscribes before reading, so an
   * end that happens between the read and the wait is never missed.
   */

  /** The ids of the principal's workspace's jobs by numeric id; numbers not found are left out. */
  idsByNumericId(principal: Principal, numericIds: readonly number[]): Promise<Map<number, string>> {
    return idsOfNumeric(this.store.db, 'jobs', principal.workspaceId, numericIds);
  }

  async get(principal: Principal, id: string, waitSeconds = 0, signal?: AbortSignal): Promise<Job> {
    const deadline = Date.now() + waitSeconds * 1000;
    for (;;) {
      let changed = false;
      // Only a change that may be the end matters here (not a claim or progress).
      const mayHaveEnded = (e: BusEvent) => e.kind === 'changed' && !e.running && e.ids.includes(id);
      const unsubscribe = this.engine.events.subscribe((e) => {
        if (mayHaveEnded(e)) changed = true;
      });
      try {
        const row = await findJobNotingArtifacts(this.store.db, id, principal.workspaceId);
        if (!row) throw notFound('Job', id);
        const left = deadline - Date.now();
        if (FINISHED.includes(row.status) || left <= 0 || signal?.aborted) return this.withArtifacts(row);
        if (!changed) {
          await this.engine.events.waitFor(mayHaveEnded, Math.min(left, 2000), signal);
        }
      } finally {
        unsubscribe();
      }
    }
  }

  /**
   * Calls `listener` with the ids of jobs created or changed (any workspace: the reader filters),
   * gathered over `intervalMs` so that a burst of progress makes one call.
   */
  onAnyChange(listener: (ids: string[]) => void, intervalMs: number): () => void {
    let pending = new Set<string>();
    let timer: NodeJS.Timeout | undefined;
    const unsubscribe = this.engine.events.subscribe((e) => {
      // (New log lines are not a change of the job itself.)
      if (e.kind === 'abort' || e.kind === 'logs' || !e.ids?.length) return;
      for (const id of e.ids) pending.add(id);
      timer ??= setTimeout(() => {
        timer = undefined;
        const ids = [...pending];
        pending = new Set();
        listener(ids);
      }, intervalMs);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }

  /** 404 unless the caller sees the project (before a stream of its jobs starts). */
  requireProject(principal: Principal, projectId: string): Promise<void> {
    return requireFilterProject(this.store, principal, projectId);
  }

  /** The jobs among `ids` that the caller sees, in the project when one is given. */
  async visible(principal: Principal, ids: readonly string[], projectId?: string): Promise<Job[]> {
    const rows = await findJobs(this.store.db, ids, principal.workspaceId, projectId);
    const pauses = await this.pausesFor(rows);
    return rows.map((row) => toJob(row, [], pauses?.holds(row)));
  }

  /** Calls `listener` whenever job `id` changes; returns the unsubscribe function. */
  onChange(id: string, listener: () => void): () => void {
    return this.engine.events.subscribe((e) => {
      if (e.kind === 'changed' && e.ids.includes(id)) listener();
    });
  }

  async list(principal: Principal, query: JobFilterQuery, list: ParsedList) {
    const workspaceId = listScope(principal, query.workspaceId);
    await requireFilterProject(this.store, principal, query.projectId);
    if (
      query.definitionId !== undefined &&
      !(await findDefinition(this.store.db, query.definitionId, principal.workspaceId))
    ) {
      throw new ApiError('not_found', `Job definition ${query.definitionId} was not found.`, {
        errors: [
          { in: 'query', pointer: '/definitionId', message: 'no such job definition in this workspace' },
        ],
      });
    }
    if (query.flowId !== undefined && !(await findFlow(this.store.db, query.flowId, principal.workspaceId))) {
      throw new ApiError('not_found', `Flow ${query.flowId} was not found.`, {
        errors: [{ in: 'query', pointer: '/flowId', message: 'no such flow in this workspace' }],
      });
    }
    const statuses = splitList(query.status);
    const bad = statuses?.find((s) => !(JOB_STATUSES as readonly string[]).includes(s));
    if (bad) throw badField('query', '/status', `"${bad}" is not a status; use ${JOB_STATUSES.join(', ')}`);
    const createdGte = query.createdAfter ? Date.parse(query.createdAfter) : undefined;
    const createdLt = query.createdBefore ? Date.parse(query.createdBefore) : undefined;
    if (createdGte !== undefined && createdLt !== undefined && createdLt <= createdGte) {
      throw badField('query', '/createdBefore', 'must be later than createdAfter');
    }
    return listJobs(
      this.store.db,
      {
        workspaceId,
        projectId: query.projectId,
        types: splitList(query.type),
        statuses: statuses as JobStatus[] | undefined,
        definitionId: query.definitionId,
        flowId: query.flowId,
        createdGte,
        createdLt,
      },
      list.sort,
      list.after,
      list.limit,
    );
  }

  async abort(principal: Principal, id: string): Promise<Job> {
    const current = await this.getRow(principal, id);
    const abortedBy = { id: principal.id, name: principal.name, kind: principal.kind };
    const error = failureJson({
      code: 'aborted',
      message: `Aborted by ${principal.name} (${principal.id}).`,
      details: { abortedBy },
    });
    const row = await this.changeAudited(principal, 'job.abort', current, (trx) =>
      requestAbort(this.store, id, error, trx),
    );
    if (!row) {
      throw new ApiError(
        'job_finished',
        `Job ${id} already ended (${current.status}); there is nothing to abort.`,
      );
    }
    if (row.status === 'running') this.engine.events.publish({ kind: 'abort', ids: [id] });
    this.engine.events.publish({ kind: 'changed', ids: [id] });
    return this.withArtifacts(row);
  }

  /** Runs `change` on job `current` and, when it changed the job, its audit entry in the same transaction. */
  private changeAudited(
    principal: Principal,
    action: 'job.abort' | 'job.retry',
    current: JobRow,
    change: (trx: Db) => Promise<JobRow | undefined>,
  ): Promise<JobRow | undefined> {
    return this.store.transaction(async (trx) => {
      const changed = await change(trx);
      if (changed) {
        await recordAudit(trx, principal, {
          action,
          resourceType: 'job',
          resourceId: changed.id,
          workspaceId: changed.workspace_id,
          summary: { type: changed.type, was: current.status },
        });
      }
      return changed;
    });
  }

  async retry(principal: Principal, id: string): Promise<Job> {
    const current = await this.getRow(principal, id);
    const row = await this.changeAudited(principal, 'job.retry', current, async (trx) => {
      const requeued = await requeueFinished(this.store, id, trx);
      if (requeued || (current.dependency_count ?? 0) === 0 || current.status === 'succeeded')
        return requeued;
      // Left alone because a dependency did not succeed (requeueFinished's rule): say which.
      const failed = ((await dependencyResults(trx, [id])).get(id) ?? []).find(
        (d) => FINISHED.includes(d.status) && d.status !== 'succeeded',
      );
      if (failed && current.on_dependency_failure !== 'run') {
        throw new ApiError(
          'dependencies_not_succeeded',
          `Job ${id} depends on ${failed.id}, which ended ${failed.status}: retry that job first, or the whole flow.`,
        );
      }
      return requeued;
    });
    if (!row) {
      throw new ApiError(
        'job_not_retryable',
        `Job ${id} is ${current.status}; only failed, aborted, skipped or expired jobs can be retried.`,
      );
    }
    if (row.status === 'queued') this.engine.events.publish({ kind: 'queued', types: [row.type] });
    this.engine.events.publish({ kind: 'changed', ids: [id] });
    return this.withArtifacts(row);
  }

  async delete(principal: Principal, id: string): Promise<void> {
    const current = await this.getRow(principal, id);
    if (current.flow_id) {
      throw new ApiError(
        'job_in_flow',
        `Job ${id} belongs to flow ${current.flow_id}; delete the flow to delete its jobs.`,
      );
    }
    if (!FINISHED.includes(current.status)) {
      throw new ApiError(
        'job_not_finished',
        `Job ${id} is ${current.status}; abort it or wait for it to end before deleting it.`,
      );
    }
    const artifacts = await listAllArtifacts(this.store.db, [id]);
    await this.store.transaction(async (trx) => {
      if (!(await deleteFinishedJob(trx, id))) throw notFound('Job', id);
      await recordAudit(trx, principal, {
        action: 'job.delete',
        resourceType: 'job',
        resourceId: id,
        workspaceId: current.workspace_id,
        summary: { type: current.type, status: current.status },
      });
    });
    await this.engine.artifacts.delete(artifacts.map((a) => a.id));
  }

  /** What the jobs `ids` (already checked by the caller) depend on, keyed by job. */
  dependenciesOfJobs(ids: readonly string[]): Promise<Map<string, Dependency[]>> {
    return dependenciesOf(this.store.db, ids);
  }

  /** The jobs job `id` depends on, with how each ended. */
  async dependencies(principal: Principal, id: string): Promise<Dependency[]> {
    await this.getRow(principal, id);
    return (await dependenciesOf(this.store.db, [id])).get(id) ?? [];
  }

  async artifact(principal: Principal, id: string, name: string) {
    await this.getRow(principal, id);
    const artifact = await findArtifact(this.store.db, id, name);
    if (!artifact) throw notFound('Artifact', `${name} of job ${id}`);
    return { artifact, stream: this.engine.artifacts.read(artifact.id) };
  }
}
