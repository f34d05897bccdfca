import type { Principal, Role } from '../../auth/principal.js';
import { failureJson, NonRetryableError, type JobContext, type JobEngine } from '../../engine/index.js';
import type { Store } from '../../store/index.js';
import {
  bulkItemCounts,
  bulkItemsPage,
  countMatchingJobs,
  insertBulkItems,
  lastBulkTarget,
  matchingJobsPage,
  recordedTargets,
  type BulkMatch,
  type JobBulkItemRow,
} from '../../store/queries/job-bulk.js';
import {
  deleteFinishedJobs,
  listAllArtifacts,
  requestAbortMany,
  requeueFinishedMany,
} from '../../store/queries/jobs.js';
import { recordAudit } from '../audit/service.js';
import { BULK_ACTIONS, isEnded, type BulkAction, type BulkFilter } from './schema.js';

/** Jobs acted on per transaction: one keyset page. */
const CHUNK = 1000;
export const BULK_RESULTS_ARTIFACT = 'results.jsonl';

/** Why a job the filter matched was left alone: the error code of the same single-job action. */
const SKIP_REASON: Record<BulkAction, string> = {
  abort: 'job_finished',
  retry: 'job_not_retryable',
  delete: 'job_not_finished',
};

/** Why this job was left alone: what the single-job action would have answered. */
function skipReason(
  action: BulkAction,
  job: { status: string; flow_id?: string | null | undefined },
): string {
  if (action === 'delete' && job.flow_id && isEnded(job.status)) return 'job_in_flow';
  // Retry refuses an ended job whose dependency did not succeed (it would fail again at once).
  if (action === 'retry' && isEnded(job.status) && job.status !== 'succeeded')
    return 'dependencies_not_succeeded';
  return SKIP_REASON[action];
}

/** What `jobs.bulk` jobs carry (written by JobBulk.start, never by callers). */
export interface BulkArguments {
  action: BulkAction;
  filter: BulkFilter;
  /** Who asked: the changes are audited in their name. */
  actor: { kind: Principal['kind']; id: string; name: string; role: Role };
  requestId: string | null;
}

export interface BulkResult {
  action: BulkAction;
  matched: number;
  applied: number;
  skipped: number;
  /** Skipped jobs by reason (error codes). */
  skippedBy: Record<string, number>;
  /** The artifact with one line per job: {id, outcome, status, reason?}. */
  results: string;
}

type Chunk = { count: number; last: string | undefined; applied: number };

/**
 * The `jobs.bulk` job. It walks the matching jobs in id order, a page at a time; each page's
 * changes, per-job results and audit entries are written in one transaction, so the results are
 * the checkpoint: a retry goes on after the last job recorded and never acts twice. Only jobs
 * created before the bulk job match, so what it re-queues or anything created meanwhile stays out.
 */
export async function runJobBulk(store: Store, engine: JobEngine, ctx: JobContext): Promise<BulkResult> {
  const args = ctx.arguments as unknown as BulkArguments;
  const { filter, action } = args;
  // Only JobBulk.start writes these; a job made any other way does nothing.
  if (!BULK_ACTIONS.includes(action) || typeof args.actor?.id !== 'string' || typeof filter !== 'object') {
    throw new NonRetryableError('These are not the arguments of a bulk job made by POST /v1/jobs/bulk.', {
      code: 'invalid_arguments',
    });
  }
  const match: BulkMatch = {
    workspaceId: ctx.workspaceId,
    beforeId: ctx.id,
    ids: filter.ids,
    types: filter.types,
    statuses: filter.statuses,
    definitionId: filter.definitionId,
    flowId: filter.flowId,
    projectId: filter.projectId,
    createdGte: filter.createdGte ? Date.parse(filter.createdGte) : undefined,
    createdLt: filter.createdLt ? Date.parse(filter.createdLt) : undefined,
  };
  const principal: Principal = {
    ...args.actor,
    workspaceId: ctx.workspaceId,
    ...(args.requestId ? { requestId: args.requestId } : {}),
  };
  let after = (await lastBulkTarget(store.db, ctx.id)) ?? '';
  let done = (await bulkItemCounts(store.db, ctx.id)).reduce((sum, c) => sum + c.n, 0);
  const total = done + (await countMatchingJobs(store.db, match, after));
  ctx.progress({ done, total, unit: 'jobs', message: `${action}: ${done} of ${total}` });
  while (!ctx.signal.aborted) {
    const chunk = await applyChunk(store, engine, ctx.id, principal, action, match, after);
    if (chunk.count === 0) break;
    after = chunk.last!;
    done += chunk.count;
    ctx.count('applied', chunk.applied);
    ctx.count('skipped', chunk.count - chunk.applied);
    const shown = Math.max(done, total);
    ctx.progress({ done, total: shown, unit: 'jobs', message: `${action}: ${done} of ${shown}` });
    if (chunk.count < CHUNK) break;
  }
  if (!ctx.signal.aborted && filter.ids)
    ctx.count('skipped', await recordNotMatched(store, ctx.id, filter.ids));
  // The results written so far are readable even when the bulk job is aborted midway.
  const aborted = (ctx.signal.reason as { kind?: string } | undefined)?.kind === 'aborted';
  if (ctx.signal.aborted && !aborted) ctx.signal.throwIfAborted();
  await ctx.writeArtifact(BULK_RESULTS_ARTIFACT, 'application/x-ndjson', resultLines(store, ctx.id));
  ctx.signal.throwIfAborted();
  const counts = await bulkItemCounts(store.db, ctx.id);
  const skippedBy: Record<string, number> = {};
  let applied = 0;
  let skipped = 0;
  for (const c of counts) {
    if (c.outcome === 'applied') applied += c.n;
    else {
      skipped += c.n;
      skippedBy[c.reason ?? 'unknown'] = (skippedBy[c.reason ?? 'unknown'] ?? 0) + c.n;
    }
  }
  return { action, matched: applied + skipped, applied, skipped, skippedBy, results: BULK_RESULTS_ARTIFACT };
}

/** Applies the action to the next page of matching jobs, with their results and audit entries. */
async function applyChunk(
  store: Store,
  engine: JobEngine,
  bulkJobId: string,
  principal: Principal,
  action: BulkAction,
  match: BulkMatch,
  after: string,
): Promise<Chunk> {
  const error = failureJson({
    code: 'aborted',
    message: `Aborted by ${principal.name} (${principal.id}) in bulk job ${bulkJobId}.`,
    details: { abortedBy: { id: principal.id, name: principal.name, kind: principal.kind }, bulkJobId },
  });
  const outcome = await store.transaction(async (trx) => {
    const page = await matchingJobsPage(trx, match, after, CHUNK);
    const ids = page.map((job) => job.id);
    let changed: Array<{ id: string; status: string; type: string }> = [];
    let artifactIds: string[] = [];
    if (action === 'abort') changed = await requestAbortMany(store, ids, error, trx);
    else if (action === 'retry') changed = await requeueFinishedMany(store, ids, trx);
    else {
      const artifacts = await listAllArtifacts(trx, ids);
      const deleted = new Set(await deleteFinishedJobs(trx, ids));
      changed = page.filter((job) => deleted.has(job.id));
      artifactIds = artifacts.filter((a) => deleted.has(a.job_id)).map((a) => a.id);
    }
    const changedIds = new Set(changed.map((job) => job.id));
    const items: JobBulkItemRow[] = page.map((job) => ({
      job_id: bulkJobId,
      target_id: job.id,
      outcome: changedIds.has(job.id) ? 'applied' : 'skipped',
      reason: changedIds.has(job.id) ? null : skipReason(action, job),
      status: job.status,
    }));
    await insertBulkItems(trx, items);
    await recordAudit(
      trx,
      principal,
      page
        .filter((job) => changedIds.has(job.id))
        .map((job) => ({
          action: `job.${action}`,
          resourceType: 'job',
          resourceId: job.id,
          workspaceId: job.workspace_id,
          summary: { type: job.type, was: job.status, bulkJobId },
        })),
    );
    return { page, changed, artifactIds };
  });
  const { page, changed, artifactIds } = outcome;
  // Told after the commit, as the single-job actions do.
  if (action === 'abort') {
    const running = changed.filter((job) => job.status === 'running').map((job) => job.id);
    if (running.length > 0) engine.events.publish({ kind: 'abort', ids: running });
  }
  if (action === 'retry' && changed.length > 0) {
    engine.events.publish({ kind: 'queued', types: [...new Set(changed.map((job) => job.type))] });
  }
  if (action !== 'delete' && changed.length > 0) {
    engine.events.publish({ kind: 'changed', ids: changed.map((job) => job.id) });
  }
  if (artifactIds.length > 0) await engine.artifacts.delete(artifactIds);
  return { count: page.length, last: page.at(-1)?.id, applied: changed.length };
}

/** Ids the filter named whose job did not match (other criteria, or deleted meanwhile): skipped, not_matched. */
async function recordNotMatched(store: Store, bulkJobId: string, ids: readonly string[]): Promise<number> {
  const recorded = await recordedTargets(store.db, bulkJobId, ids);
  const missing = ids.filter((id) => !recorded.has(id));
  await insertBulkItems(
    store.db,
    missing.map((id) => ({
      job_id: bulkJobId,
      target_id: id,
      outcome: 'skipped',
      reason: 'not_matched',
      status: null,
    })),
  );
  return missing.length;
}

/** The results as JSON lines, read a page at a time (constant memory). */
async function* resultLines(store: Store, bulkJobId: string): AsyncGenerator<string> {
  let after = '';
  for (;;) {
    const page = await bulkItemsPage(store.db, bulkJobId, after, CHUNK);
    if (page.length === 0) return;
    yield page
      .map(
        (item) =>
          JSON.stringify({
            id: item.target_id,
            outcome: item.outcome,
            status: item.status,
            ...(item.reason ? { reason: item.reason } : {}),
          }) + '\n',
      )
      .join('');
    after = page.at(-1)!.target_id;
    if (page.length < CHUNK) return;
  }
}
