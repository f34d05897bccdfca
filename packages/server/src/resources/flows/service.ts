import type { Principal } from '../../auth/principal.js';
import type { BusEvent, JobEngine } from '../../engine/index.js';
import { failureJson } from '../../engine/index.js';
import { ApiError, badField, notFound } from '../../errors/problem.js';
import { splitList, type ParsedList } from '../../http/list.js';
import { newId } from '../../ids.js';
import { parseJson, type Store } from '../../store/index.js';
import {
  abortFlow,
  deleteFlow,
  findFlow,
  flowEdges,
  flowJobIds,
  flowJobs,
  insertFlow,
  listFlows,
  retryFlow,
  type FlowRow,
} from '../../store/queries/flows.js';
import { listAllArtifacts, type JobRow } from '../../store/queries/jobs.js';
import type { FlowStatus, JobDependenciesTable } from '../../store/tables.js';
import { isoTime } from '../../time.js';
import { recordAudit } from '../audit/service.js';
import type { PrepareCache } from '../jobs/prepare.js';
import type { JobService } from '../jobs/service.js';
import { requireFilterProject } from '../projects/service.js';
import { listScope } from '../workspaces/service.js';
import { checkFlowGraph } from './graph.js';
import { FLOW_STATUSES, type CreateFlowInput, type Flow } from './schema.js';

type FlowJobs = NonNullable<Flow['jobs']>;

/** A flow as the API shows it; `jobs` (the graph) only on a single flow. */
export function toFlow(row: FlowRow, jobs?: FlowJobs): Flow {
  const ended = row.job_count - row.unfinished;
  const running = jobs?.filter((j) => j.status === 'running') ?? [];
  const runningShare = running.reduce((sum, j) => sum + (j.percent ?? 0) / 100, 0);
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    projectId: row.project_id,
    name: row.name,
    status: row.status,
    abortRequested: row.abort_requested === 1,
    progress: {
      total: row.job_count,
      unfinished: row.unfinished,
      succeeded: row.succeeded,
      percent: Math.round((10000 * (ended + runningShare)) / Math.max(1, row.job_count)) / 100,
    },
    ...(jobs ? { jobs } : {}),
    createdBy: row.created_by,
    createdAt: isoTime(row.created_at),
    updatedAt: isoTime(row.updated_at),
    finishedAt: isoTime(row.finished_at),
  };
}

/**
 * Flows: named graphs of jobs created together, all or nothing; their status follows their jobs
 * (kept by the store's triggers), and they are waited on, aborted, retried and deleted as one.
 */
export class FlowService {
  constructor(
    private readonly store: Store,
    private readonly engine: JobEngine,
    private readonly jobs: JobService,
  ) {}

  async create(principal: Principal, input: CreateFlowInput): Promise<Flow> {
    const { order, depth } = checkFlowGraph(input.jobs);
    const cache: PrepareCache = { workspaces: new Map(), schemas: new Map() };
    const dependents = new Set(Object.values(input.jobs).flatMap((job) => job.dependsOn ?? []));
    const flowId = newId('flw');
    const rows = new Map<string, JobRow>();
    for (const key of order) {
      const job = input.jobs[key]!;
      const pointer = `/jobs/${key}`;
      this.jobs.refuseInternalType(job.type, `${pointer}/type`);
      const { dependsOn = [], onDependencyFailure, ...rest } = job;
      const row = await this.jobs.prepare(
        principal,
        { ...rest, onDependencyFailure, workspaceId: input.workspaceId, projectId: input.projectId },
        { type: `${pointer}/type`, arguments: `${pointer}/arguments` },
        cache,
      );
      row.flow_id = flowId;
      row.flow_key = key;
      row.dependency_count = dependsOn.length;
      row.pending_dependencies = dependsOn.length;
      row.dependency_depth = depth.get(key)!;
      row.has_dependents = dependents.has(key) ? 1 : 0;
      if (dependsOn.length > 0) row.status = 'waiting';
      rows.set(key, row);
    }
    const first = rows.get(order[0]!)!;
    const now = Date.now();
    const flow: FlowRow = {
      id: flowId,
      workspace_id: first.workspace_id,
      project_id: first.project_id,
      name: input.name,
      status: 'running',
      job_count: rows.size,
      unfinished: rows.size,
      succeeded: 0,
      abort_requested: 0,
      created_by: principal.id,
      created_at: now,
      updated_at: now,
      finished_at: null,
    };
    const edges: JobDependenciesTable[] = [];
    for (const [key, job] of Object.entries(input.jobs)) {
      for (const dep of job.dependsOn ?? []) {
        edges.push({ depends_on_id: rows.get(dep)!.id, job_id: rows.get(key)!.id });
      }
    }
    const jobRows = [...rows.values()];
    await this.store.transaction(async (trx) => {
      await insertFlow(this.store, trx, flow, jobRows, edges);
      await recordAudit(trx, principal, {
        action: 'flow.create',
        resourceType: 'flow',
        resourceId: flowId,
        workspaceId: flow.workspace_id,
        summary: { name: flow.name, jobs: jobRows.length, types: [...new Set(jobRows.map((r) => r.type))] },
      });
    });
    const queued = jobRows.filter((r) => r.status === 'queued');
    this.engine.events.publish({
      kind: 'queued',
      types: [...new Set(queued.map((r) => r.type))],
      ids: queued.map((r) => r.id),
    });
    const waiting = jobRows.filter((r) => r.status !== 'queued').map((r) => r.id);
    if (waiting.length > 0) this.engine.events.publish({ kind: 'changed', ids: waiting });
    return this.withJobs(flow);
  }

  private async row(principal: Principal, id: string): Promise<FlowRow> {
    const row = await findFlow(this.store.db, id, principal.workspaceId);
    if (!row) throw notFound('Flow', id);
    return row;
  }

  /** The flow with its graph: each job's key, status, progress and the keys it waits for. */
  private async withJobs(row: FlowRow): Promise<Flow> {
    const [jobs, edges] = await Promise.all([
      flowJobs(this.store.db, row.id),
      flowEdges(this.store.db, row.id),
    ]);
    const keyOf = new Map(jobs.map((j) => [j.id, j.flow_key ?? j.id]));
    const dependsOn = new Map<string, string[]>();
    for (const edge of edges) {
      const list = dependsOn.get(edge.job_id) ?? [];
      list.push(keyOf.get(edge.depends_on_id) ?? edge.depends_on_id);
      dependsOn.set(edge.job_id, list);
    }
    return toFlow(
      row,
      jobs.map((job) => {
        const progress = parseJson<{ done: number; total?: number | null }>(job.progress);
        return {
          key: job.flow_key ?? job.id,
          id: job.id,
          type: job.type,
          status: job.status,
          dependsOn: (dependsOn.get(job.id) ?? []).sort(),
          percent: progress?.total
            ? Math.min(100, Math.round((10000 * progress.done) / progress.total) / 100)
            : null,
          startedAt: isoTime(job.started_at),
          finishedAt: isoTime(job.finished_at),
        };
      }),
    );
  }

  /**
   * The flow, after waiting up to `waitSeconds` for it to end. Subscribes before reading, so an
   * end between the read and the wait is not missed; any change of one of its jobs re-reads it.
   */
  async get(principal: Principal, id: string, waitSeconds = 0, signal?: AbortSignal): Promise<Flow> {
    let row = await this.row(principal, id);
    if (waitSeconds <= 0 || row.status !== 'running') return this.withJobs(row);
    const members = new Set(await flowJobIds(this.store.db, id));
    const deadline = Date.now() + waitSeconds * 1000;
    let changed = false;
    const ofFlow = (e: BusEvent) => e.kind === 'changed' && e.ids.some((j) => members.has(j));
    const unsubscribe = this.engine.events.subscribe((e) => {
      if (ofFlow(e)) changed = true;
    });
    try {
      for (;;) {
        row = await this.row(principal, id);
        const left = deadline - Date.now();
        if (row.status !== 'running' || left <= 0 || signal?.aborted) return this.withJobs(row);
        if (!changed) await this.engine.events.waitFor(ofFlow, Math.min(left, 2000), signal);
        changed = false;
      }
    } finally {
      unsubscribe();
    }
  }

  /** The ids of flow `id`'s jobs (already read by the caller): what its waiters listen for. */
  async memberIds(id: string): Promise<ReadonlySet<string>> {
    return new Set(await flowJobIds(this.store.db, id));
  }

  /** Calls `listener` whenever one of the jobs `members` (a flow's) changes. */
  onChange(members: ReadonlySet<string>, listener: () => void): () => void {
    return this.engine.events.subscribe((e) => {
      if (e.kind === 'changed' && e.ids.some((j) => members.has(j))) listener();
    });
  }

  async list(
    principal: Principal,
    query: { workspaceId?: string | undefined; projectId?: string | undefined; status?: string | undefined },
    list: ParsedList,
  ) {
    const workspaceId = listScope(principal, query.workspaceId);
    await requireFilterProject(this.store, principal, query.projectId);
    const statuses = splitList(query.status);
    const bad = statuses?.find((s) => !(FLOW_STATUSES as readonly string[]).includes(s));
    if (bad) throw badField('query', '/status', `"${bad}" is not a status; use ${FLOW_STATUSES.join(', ')}`);
    return listFlows(
      this.store.db,
      { workspaceId, projectId: query.projectId, statuses: statuses as FlowStatus[] | undefined },
      list.sort,
      list.after,
      list.limit,
    );
  }

  /** Aborts every unfinished job of the flow: waiting and queued ones at once, running ones signalled. */
  async abort(principal: Principal, id: string): Promise<Flow> {
    const current = await this.row(principal, id);
    if (current.status !== 'running') {
      throw new ApiError(
        'flow_finished',
        `Flow ${id} already ended (${current.status}); there is nothing to abort.`,
      );
    }
    const error = failureJson({
      code: 'aborted',
      message: `Aborted with flow ${id} by ${principal.name} (${principal.id}).`,
      details: { abortedBy: { id: principal.id, name: principal.name, kind: principal.kind }, flowId: id },
    });
    const { running, ended } = await this.store.transaction(async (trx) => {
      const outcome = await abortFlow(this.store, trx, id, error);
      await recordAudit(trx, principal, {
        action: 'flow.abort',
        resourceType: 'flow',
        resourceId: id,
        workspaceId: current.workspace_id,
        summary: { running: outcome.running.length, ended: outcome.ended.length },
      });
      return outcome;
    });
    if (running.length > 0) this.engine.events.publish({ kind: 'abort', ids: running });
    this.engine.events.publish({ kind: 'changed', ids: [...running, ...ended] });
    return this.withJobs(await this.row(principal, id));
  }

  /** Runs again the jobs of an ended flow that did not succeed; succeeded ones keep their results. */
  async retry(principal: Principal, id: string): Promise<Flow> {
    const current = await this.row(principal, id);
    if (current.status === 'running') {
      throw new ApiError('flow_running', `Flow ${id} is still running; retry it once it has ended.`);
    }
    if (current.status === 'succeeded') {
      throw new ApiError(
        'job_not_retryable',
        `Every job of flow ${id} succeeded; there is nothing to retry.`,
      );
    }
    const { queued, again } = await this.store.transaction(async (trx) => {
      const outcome = await retryFlow(this.store, trx, id);
      await recordAudit(trx, principal, {
        action: 'flow.retry',
        resourceType: 'flow',
        resourceId: id,
        workspaceId: current.workspace_id,
        summary: { jobs: outcome.again.length, was: current.status },
      });
      return outcome;
    });
    if (queued.length > 0) {
      this.engine.events.publish({
        kind: 'queued',
        types: [...new Set(queued.map((q) => q.type))],
        ids: queued.map((q) => q.id),
      });
    }
    this.engine.events.publish({ kind: 'changed', ids: again });
    return this.withJobs(await this.row(principal, id));
  }

  /** Deletes an ended flow with its jobs and their artifacts. */
  async delete(principal: Principal, id: string): Promise<void> {
    const current = await this.row(principal, id);
    if (current.status === 'running') {
      throw new ApiError('flow_running', `Flow ${id} is still running; abort it or wait for it to end.`);
    }
    const artifacts = await listAllArtifacts(this.store.db, await flowJobIds(this.store.db, id));
    await this.store.transaction(async (trx) => {
      await deleteFlow(trx, id);
      await recordAudit(trx, principal, {
        action: 'flow.delete',
        resourceType: 'flow',
        resourceId: id,
        workspaceId: current.workspace_id,
        summary: { name: current.name, jobs: current.job_count, status: current.status },
      });
    });
    await this.engine.artifacts.delete(artifacts.map((a) => a.id));
  }
}
