import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { Principal } from '../../auth/principal.js';
import type { JobEngine } from '../../engine/index.js';
import type { JobEvent } from '../../engine/events.js';
import { failureJson } from '../../engine/runner.js';
import { ApiError, badField, notFound, type FieldError } from '../../errors/problem.js';
import { splitList, type ParsedList } from '../../http/list.js';
import { isoTime } from '../../time.js';
import { newId } from '../../ids.js';
import { recordAudit, type AuditChange } from '../audit/service.js';
import { parseJson, type Db, type Store } from '../../store/index.js';
import { claimJobs } from '../../store/sql/claimJobs.js';
import { completeJobs, failJob, renewLeases, type Completion } from '../../store/sql/finishJobs.js';
import {
  deleteFinishedJob,
  deleteJobType,
  findArtifact,
  findInFlightByUniqueKey,
  findJob,
  findJobHolders,
  findJobs,
  findJobType,
  insertJobs,
  listAllArtifacts,
  listArtifacts,
  listJobs,
  listJobTypes,
  requestAbort,
  requeueFinished,
  saveRunningState,
  upsertJobType,
  type JobArtifactRow,
  type JobRow,
} from '../../store/queries/jobs.js';
import { findDefinition } from '../../store/queries/definitions.js';
import { findProject } from '../../store/queries/projects.js';
import { requireFilterProject } from '../projects/service.js';
import type { JobStatus } from '../../store/tables.js';
import { listScope, resolveTargetWorkspace } from '../workspaces/service.js';
import {
  JOB_STATUSES,
  type CompleteManyInput,
  type CompleteManyItem,
  type CreateJobInput,
  type Job,
} from './schema.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const FINISHED: readonly JobStatus[] = ['succeeded', 'failed', 'aborted'];
const DEFAULT_MAX_ATTEMPTS = 3;
const DEFAULT_BACKOFF = { initialMs: 1000, maxMs: 5 * 60_000 };

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

/** Milliseconds since `startedAt` (an attempt's start), for the job-duration metric. */
function since(startedAt: number | null): number {
  return startedAt === null ? 0 : Math.max(0, Date.now() - startedAt);
}

export function toJob(row: JobRow, artifacts: readonly JobArtifactRow[] = []): Job {
  const progress = parseJson<{
    done: number;
    total?: number | null;
    unit?: string | null;
    message?: string | null;
  }>(row.progress);
  return {
    id: row.id,
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
    definitionId: row.definition_id,
    uniqueKey: row.unique_key,
    createdBy: row.created_by,
    createdAt: isoTime(row.created_at),
    updatedAt: isoTime(row.updated_at),
    startedAt: isoTime(row.started_at),
    finishedAt: isoTime(row.finished_at),
  };
}

/** Lookups shared by the jobs of one batch. */
export interface PrepareCache {
  workspaces: Map<string, Promise<string>>;
  schemas: Map<string, Promise<Record<string, unknown> | null>>;
}

export interface JobFilterQuery {
  workspaceId?: string | undefined;
  projectId?: string | undefined;
  type?: string | undefined;
  status?: string | undefined;
  definitionId?: string | undefined;
  createdAfter?: string | undefined;
  createdBefore?: string | undefined;
}

/** Jobs: creation with type and argument checks, reads and waits, abort/retry/delete, remote workers. */
export class JobService {
  private readonly ajv = addFormats(new Ajv({ strict: false, allErrors: true, useDefaults: true }));
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(
    private readonly store: Store,
    private readonly engine: JobEngine,
  ) {}

  private validatorFor(schema: Record<string, unknown>): ValidateFunction {
    const key = JSON.stringify(schema);
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(schema);
      this.validators.set(key, validate);
    }
    return validate;
  }

  /** The JSON Schema for a type's arguments, or throws unknown_job_type. */
  async argumentsSchemaFor(
    workspaceId: string,
    type: string,
    pointer = '/type',
  ): Promise<Record<string, unknown> | null> {
    const builtIn = this.engine.types.get(type);
    if (builtIn) return builtIn.argumentsSchema ?? null;
    const registered = await findJobType(this.store.db, workspaceId, type);
    if (!registered) {
      throw new ApiError(
        'unknown_job_type',
        `Job type "${type}" is neither built in nor registered in this workspace.`,
        {
          errors: [{ in: 'body', pointer, message: 'is not a known job type' }],
        },
      );
    }
    return parseJson<Record<string, unknown>>(registered.arguments_schema);
  }

  /** Validates (and fills defaults into) job arguments; field errors point under `pointer`. */
  checkArgumentsAgainst(
    schema: Record<string, unknown>,
    type: string,
    args: Record<string, unknown>,
    pointer: string,
  ): void {
    const validate = this.validatorFor(schema);
    if (validate(args)) return;
    const errors: FieldError[] = (validate.errors ?? []).map((e) => {
      let at = e.instancePath;
      if (e.keyword === 'additionalProperties') at += `/${String(e.params.additionalProperty)}`;
      if (e.keyword === 'required') at += `/${String(e.params.missingProperty)}`;
      return {
        in: 'body',
        pointer: `${pointer}${at}`,
        message:
          e.keyword === 'additionalProperties' ? 'is not a known argument' : (e.message ?? 'is invalid'),
      };
    });
    throw new ApiError(
      'validation_failed',
      `Arguments do not match job type "${type}": ${errors[0]?.pointer} ${errors[0]?.message}`,
      {
        errors,
      },
    );
  }

  /**
   * Checks a new job (workspace, type, arguments, project) and builds its row, without writing.
   * `arguments` get the defaults of the type's schema filled in.
   */
  async prepare(
    principal: Principal,
    input: CreateJobInput & { definitionId?: string },
    pointers = { type: '/type', arguments: '/arguments' },
    cache?: PrepareCache,
  ): Promise<JobRow> {
    const workspaceKey = input.workspaceId ?? '';
    let workspace = cache?.workspaces.get(workspaceKey);
    if (!workspace) {
      workspace = resolveTargetWorkspace(this.store, principal, input.workspaceId);
      cache?.workspaces.set(workspaceKey, workspace);
    }
    const workspaceId = await workspace;
    const schemaKey = `${workspaceId} ${input.type}`;
    let schema = cache?.schemas.get(schemaKey);
    if (!schema) {
      schema = this.argumentsSchemaFor(workspaceId, input.type, pointers.type);
      cache?.schemas.set(schemaKey, schema);
    }
    const args = structuredClone(input.arguments ?? {});
    const argumentsSchema = await schema;
    if (argumentsSchema) this.checkArgumentsAgainst(argumentsSchema, input.type, args, pointers.arguments);
    if (input.projectId !== undefined && !(await findProject(this.store.db, input.projectId, workspaceId))) {
      throw new ApiError('not_found', `Project ${input.projectId} was not found.`, {
        errors: [{ in: 'body', pointer: '/projectId', message: 'no such project in this workspace' }],
      });
    }
    const backoff = input.backoff ?? DEFAULT_BACKOFF;
    if (backoff.maxMs < backoff.initialMs)
      throw badField('body', '/backoff/maxMs', 'must be at least initialMs');
    const now = Date.now();
    return {
      id: newId('job'),
      workspace_id: workspaceId,
      project_id: input.projectId ?? null,
      type: input.type,
      title: input.title ?? null,
      description: input.description ?? null,
      arguments: JSON.stringify(args),
      status: 'queued',
      priority: input.priority ?? 0,
      run_at: input.runAt ? Date.parse(input.runAt) : now,
      attempt: 0,
      max_attempts: input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      backoff_base_ms: backoff.initialMs,
      backoff_max_ms: backoff.maxMs,
      progress: null,
      counters: '{}',
      warnings: '[]',
      result: null,
      error: null,
      checkpoint: null,
      definition_id: input.definitionId ?? null,
      unique_key: input.uniqueKey ?? null,
      created_by: principal.id,
      created_at: now,
      updated_at: now,
      started_at: null,
      finished_at: null,
      lease_owner: null,
      lease_expires_at: null,
      abort_requested: 0,
    };
  }

  /** Whether `type` is a resource's own job type (batch.*, tasks.*, webhook.deliver, dataset.search, …). */
  isInternalType(type: string): boolean {
    return this.engine.types.get(type)?.internal === true;
  }

  /**
   * Refuses a resource's own job type where a caller names the type: its arguments name batches,
   * datasets, tasks or deliveries that only its resource's routes check, so it is made only there.
   */
  refuseInternalType(type: string, pointer = '/type', location: 'body' | 'query' = 'body'): void {
    if (!this.isInternalType(type)) return;
    throw new ApiError(
      'internal_job_type',
      `"${type}" is a built-in job type: only its own routes create it, and remote workers cannot claim it.`,
      {
        errors: [
          { in: location, pointer, message: 'is a built-in job type that only its own routes create' },
        ],
      },
    );
  }

  /** `prepare` for a type the caller named (a definition's run or schedule): built-in types are refused. */
  prepareForCaller(
    principal: Principal,
    input: CreateJobInput & { definitionId?: string },
    pointers = { type: '/type', arguments: '/arguments' },
  ): Promise<JobRow> {
    this.refuseInternalType(input.type, pointers.type);
    return this.prepare(principal, input, pointers);
  }

  /** `create` for `POST /v1/jobs`, where the caller names the type: built-in types are refused. */
  createForCaller(principal: Principal, input: CreateJobInput): Promise<{ job: Job; created: boolean }> {
    this.refuseInternalType(input.type);
    return this.create(principal, input);
  }

  /** Tells runners and waiting workers that a job of this type is due. */
  announce(row: JobRow): void {
    this.engine.events.publish({ kind: 'queued', types: [row.type], ids: [row.id] });
  }

  async create(principal: Principal, input: CreateJobInput): Promise<{ job: Job; created: boolean }> {
    const row = await this.prepare(principal, input);
    if (row.unique_key !== null) {
      const existing = await findInFlightByUniqueKey(this.store.db, row.workspace_id, row.unique_key);
      if (existing) return { job: toJob(existing), created: false };
    }
    try {
      await this.store.transaction(async (trx) => {
        await insertJobs(trx, [row]);
        await recordAudit(trx, principal, jobCreated(row));
      });
    } catch (error) {
      // Another request with the same unique key won the race: answer with its job.
      if (row.unique_key !== null && this.store.isUniqueViolation(error)) {
        const existing = await findInFlightByUniqueKey(this.store.db, row.workspace_id, row.unique_key);
        if (existing) return { job: toJob(existing), created: false };
      }
      throw error;
    }
    this.announce(row);
    return { job: toJob(row), created: true };
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
      this.refuseInternalType(input.type, `/jobs/${index}/type`);
      if (input.uniqueKey !== undefined) {
        throw badField(
          'body',
          `/jobs/${index}/uniqueKey`,
          'is not supported in batch creation; create such jobs one by one',
        );
      }
      rows.push(
        await this.prepare(
          principal,
          input,
          { type: `/jobs/${index}/type`, arguments: `/jobs/${index}/arguments` },
          cache,
        ),
      );
    }
    await this.store.transaction(async (trx) => {
      for (let i = 0; i < rows.length; i += 200) {
        const chunk = rows.slice(i, i + 200);
        await insertJobs(trx, chunk);
        await recordAudit(trx, principal, chunk.map(jobCreated));
      }
    });
    this.engine.events.publish({
      kind: 'queued',
      types: [...new Set(rows.map((r) => r.type))],
      ids: rows.map((r) => r.id),
    });
    return rows.map((row) => toJob(row));
  }

  async getRow(principal: Principal, id: string): Promise<JobRow> {
    const row = await findJob(this.store.db, id, principal.workspaceId);
    if (!row) throw notFound('Job', id);
    return row;
  }

  async withArtifacts(row: JobRow): Promise<Job> {
    return toJob(row, await listArtifacts(this.store.db, [row.id]));
  }

  /**
   * The job, after waiting up to `waitSeconds` for it to finish. Subscribes before reading, so an
   * end that happens between the read and the wait is never missed.
   */
  async get(principal: Principal, id: string, waitSeconds = 0, signal?: AbortSignal): Promise<Job> {
    const deadline = Date.now() + waitSeconds * 1000;
    for (;;) {
      let changed = false;
      // Only a change that may be the end matters here (not a claim or progress).
      const mayHaveEnded = (e: JobEvent) => e.kind === 'changed' && !e.running && e.ids.includes(id);
      const unsubscribe = this.engine.events.subscribe((e) => {
        if (mayHaveEnded(e)) changed = true;
      });
      try {
        const row = await this.getRow(principal, id);
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

  /** Calls `listener` whenever job `id` changes; returns the unsubscribe function. */
  /**
   * Calls `listener` with the ids of jobs created or changed (any workspace: the reader filters),
   * gathered over `intervalMs` so that a burst of progress makes one call.
   */
  onAnyChange(listener: (ids: string[]) => void, intervalMs: number): () => void {
    let pending = new Set<string>();
    let timer: NodeJS.Timeout | undefined;
    const unsubscribe = this.engine.events.subscribe((e) => {
      if (e.kind === 'abort' || !e.ids?.length) return;
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
    return rows.map((row) => toJob(row));
  }

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
    const row = await this.changeAudited(principal, 'job.retry', current, (trx) =>
      requeueFinished(this.store, id, trx),
    );
    if (!row) {
      throw new ApiError(
        'job_not_retryable',
        `Job ${id} is ${current.status}; only failed or aborted jobs can be retried.`,
      );
    }
    this.engine.events.publish({ kind: 'queued', types: [row.type] });
    this.engine.events.publish({ kind: 'changed', ids: [id] });
    return this.withArtifacts(row);
  }

  async delete(principal: Principal, id: string): Promise<void> {
    const current = await this.getRow(principal, id);
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

  async artifact(principal: Principal, id: string, name: string) {
    await this.getRow(principal, id);
    const artifact = await findArtifact(this.store.db, id, name);
    if (!artifact) throw notFound('Artifact', `${name} of job ${id}`);
    return { artifact, stream: this.engine.artifacts.read(artifact.id) };
  }

  // Job types

  async listTypes(principal: Principal, workspaceId: string | undefined) {
    const scope = listScope(principal, workspaceId);
    const builtIn = [...this.engine.types.values()].map((t) => ({
      name: t.name,
      workspaceId: null,
      builtIn: true,
      description: t.description,
      argumentsSchema: t.argumentsSchema ?? null,
    }));
    const registered = (await listJobTypes(this.store.db, scope)).map((t) => ({
      name: t.name,
      workspaceId: t.workspace_id as string | null,
      builtIn: false,
      description: t.description,
      argumentsSchema: parseJson<Record<string, unknown>>(t.arguments_schema),
    }));
    return [...builtIn, ...registered];
  }

  async putType(
    principal: Principal,
    name: string,
    input: {
      workspaceId?: string;
      description?: string | null;
      argumentsSchema?: Record<string, unknown> | null;
    },
  ) {
    if (this.engine.types.has(name))
      throw new ApiError('builtin_job_type', `"${name}" is a built-in job type.`);
    const workspaceId = await resolveTargetWorkspace(this.store, principal, input.workspaceId);
    if (input.argumentsSchema) {
      try {
        this.ajv.compile(input.argumentsSchema);
      } catch (error) {
        throw badField('body', '/argumentsSchema', `is not a valid JSON Schema: ${(error as Error).message}`);
      }
    }
    const now = Date.now();
    const existing = await findJobType(this.store.db, workspaceId, name);
    await this.store.transaction(async (trx) => {
      await upsertJobType(trx, {
        workspace_id: workspaceId,
        name,
        description: input.description ?? null,
        arguments_schema: input.argumentsSchema ? JSON.stringify(input.argumentsSchema) : null,
        created_at: existing?.created_at ?? now,
        updated_at: now,
      });
      await recordAudit(trx, principal, {
        action: existing ? 'job_type.update' : 'job_type.create',
        resourceType: 'job_type',
        resourceId: name,
        workspaceId,
        summary: { argumentsSchema: input.argumentsSchema ? 'set' : null },
      });
    });
    return {
      name,
      workspaceId: workspaceId as string | null,
      builtIn: false,
      description: input.description ?? null,
      argumentsSchema: input.argumentsSchema ?? null,
    };
  }

  async deleteType(principal: Principal, name: string, workspaceId: string | undefined): Promise<void> {
    if (this.engine.types.has(name))
      throw new ApiError('builtin_job_type', `"${name}" is a built-in job type.`);
    const scope = await resolveTargetWorkspace(this.store, principal, workspaceId);
    await this.store.transaction(async (trx) => {
      if (!(await deleteJobType(trx, scope, name))) throw notFound('Job type', name);
      await recordAudit(trx, principal, {
        action: 'job_type.delete',
        resourceType: 'job_type',
        resourceId: name,
        workspaceId: scope,
      });
    });
  }

  // Remote workers

  private static owner(principal: Principal, workerId: string): string {
    return `remote:${principal.id}:${workerId}`;
  }

  /** Claims jobs of `types` for a remote worker, waiting up to `waitSeconds` for one to be due. */
  async claim(
    principal: Principal,
    input: { types: string[]; workerId: string; limit?: number; waitSeconds?: number; leaseSeconds?: number },
    signal?: AbortSignal,
  ) {
    // Remote workers run custom types only: a built-in job's result is what its resource trusts.
    input.types.forEach((type, index) => this.refuseInternalType(type, `/types/${index}`));
    const owner = JobService.owner(principal, input.workerId);
    const leaseMs = (input.leaseSeconds ?? 30) * 1000;
    const deadline = Date.now() + (input.waitSeconds ?? 0) * 1000;
    for (;;) {
      let woken = false;
      const unsubscribe = this.engine.events.subscribe((e) => {
        if (e.kind === 'queued' && e.types.some((t) => input.types.includes(t))) woken = true;
      });
      try {
        const rows = await claimJobs(this.store, {
          types: input.types,
          workspaceId: principal.workspaceId,
          limit: input.limit ?? 1,
          owner,
          leaseMs,
        });
        if (rows.length > 0) {
          this.engine.events.publish({ kind: 'changed', ids: rows.map((r) => r.id) });
          return rows.map((row) => ({
            ...toJob(row),
            checkpoint: parseJson(row.checkpoint),
            leaseExpiresAt: isoTime(row.lease_expires_at ?? Date.now() + leaseMs),
          }));
        }
        const left = deadline - Date.now();
        if (left <= 0 || signal?.aborted) return [];
        // Due-time jobs (runAt, backoff) wake nobody: the 1 s cap re-checks them.
        if (!woken) {
          await this.engine.events.waitFor(
            (e) => e.kind === 'queued' && e.types.some((t) => input.types.includes(t)),
            Math.min(left, 1000),
            signal,
          );
        }
      } finally {
        unsubscribe();
      }
    }
  }

  private async heldRow(principal: Principal, id: string, workerId: string): Promise<JobRow> {
    const row = await this.getRow(principal, id);
    if (row.status !== 'running' || row.lease_owner !== JobService.owner(principal, workerId)) {
      throw new ApiError('lease_lost', `Worker "${workerId}" does not hold job ${id} (it is ${row.status}).`);
    }
    return row;
  }

  async heartbeat(
    principal: Principal,
    id: string,
    input: {
      workerId: string;
      leaseSeconds?: number;
      progress?: { done: number; total?: number | null; unit?: string | null; message?: string | null };
      counters?: Record<string, number>;
      warnings?: string[];
      checkpoint?: unknown;
    },
  ) {
    await this.heldRow(principal, id, input.workerId);
    const owner = JobService.owner(principal, input.workerId);
    const update = {
      progress: input.progress ? JSON.stringify(input.progress) : undefined,
      counters: input.counters ? JSON.stringify(input.counters) : undefined,
      warnings: input.warnings ? JSON.stringify(input.warnings) : undefined,
      checkpoint: input.checkpoint !== undefined ? JSON.stringify(input.checkpoint) : undefined,
    };
    if (Object.values(update).some((v) => v !== undefined)) {
      if (!(await saveRunningState(this.store, id, owner, update)))
        throw new ApiError('lease_lost', `Job ${id} is no longer held.`);
      this.engine.events.publish({ kind: 'changed', ids: [id] });
    }
    const [held] = await renewLeases(this.store, owner, [id], (input.leaseSeconds ?? 30) * 1000);
    if (!held) throw new ApiError('lease_lost', `Job ${id} is no longer held.`);
    return { abort: held.abort_requested === 1, leaseExpiresAt: isoTime(held.lease_expires_at) };
  }

  async complete(
    principal: Principal,
    id: string,
    input: { workerId: string; result?: unknown; counters?: Record<string, number>; warnings?: string[] },
  ) {
    const held = await this.heldRow(principal, id, input.workerId);
    const done = await completeJobs(this.store, JobService.owner(principal, input.workerId), [
      {
        id,
        result: input.result === undefined ? null : JSON.stringify(input.result),
        counters: input.counters ? JSON.stringify(input.counters) : undefined,
        warnings: input.warnings ? JSON.stringify(input.warnings) : undefined,
      },
    ]);
    if (done.length === 0) throw new ApiError('lease_lost', `Job ${id} is no longer held.`);
    this.engine.events.publish({ kind: 'changed', ids: [id] });
    this.engine.reportFinished([
      { id, type: held.type, status: done[0]!.status, durationMs: since(held.started_at) },
    ]);
    return this.withArtifacts(await this.getRow(principal, id));
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
    const owner = JobService.owner(principal, input.workerId);
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
    const completions: Completion[] = [];
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
          result: item.result === undefined ? null : JSON.stringify(item.result),
          counters: item.counters ? JSON.stringify(item.counters) : undefined,
          warnings: item.warnings ? JSON.stringify(item.warnings) : undefined,
        });
      }
    }
    const ended = new Map((await completeJobs(this.store, owner, completions)).map((e) => [e.id, e.status]));
    if (ended.size > 0) {
      this.engine.events.publish({ kind: 'changed', ids: [...ended.keys()] });
      this.engine.reportFinished(
        [...ended].map(([id, status]) => {
          const row = holders.get(id)!;
          return { id, type: row.type, status, durationMs: since(row.started_at) };
        }),
      );
    }
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
    const outcome = await failJob(this.store, JobService.owner(principal, input.workerId), {
      id,
      error: failureJson({
        code: input.error.code ?? 'worker_error',
        message: input.error.message,
        ...(input.error.details !== undefined ? { details: input.error.details } : {}),
      }),
      retryable: input.retryable ?? true,
      counters: input.counters ? JSON.stringify(input.counters) : undefined,
      warnings: input.warnings ? JSON.stringify(input.warnings) : undefined,
    });
    if (!outcome) throw new ApiError('lease_lost', `Job ${id} is no longer held.`);
    this.engine.events.publish({ kind: 'changed', ids: [id] });
    if (outcome.status === 'queued') this.engine.events.publish({ kind: 'queued', types: [row.type] });
    else {
      const status = outcome.status as 'failed' | 'aborted';
      this.engine.reportFinished([{ id, type: row.type, status, durationMs: since(row.started_at) }]);
    }
    return this.withArtifacts(await this.getRow(principal, id));
  }
}
