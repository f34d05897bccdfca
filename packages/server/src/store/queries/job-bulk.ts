import type { Db } from '../index.js';
import type { JobBulkItemsTable, JobStatus } from '../tables.js';

export type JobBulkItemRow = JobBulkItemsTable;

/** The jobs a bulk action walks: its criteria, in one workspace, created before the bulk job. */
export interface BulkMatch {
  workspaceId: string;
  /** Only jobs with a smaller id (created earlier): the bulk job, and what it re-queues later, stay out. */
  beforeId: string;
  ids?: readonly string[] | undefined;
  types?: readonly string[] | undefined;
  statuses?: readonly JobStatus[] | undefined;
  definitionId?: string | undefined;
  projectId?: string | undefined;
  createdGte?: number | undefined;
  createdLt?: number | undefined;
  flowId?: string | undefined;
}

function matching(db: Db, match: BulkMatch, afterId: string) {
  let query = db
    .selectFrom('jobs')
    .where('workspace_id', '=', match.workspaceId)
    .where('id', '<', match.beforeId)
    .where('id', '>', afterId);
  if (match.ids) query = query.where('id', 'in', [...match.ids]);
  if (match.types?.length) query = query.where('type', 'in', [...match.types]);
  if (match.statuses?.length) query = query.where('status', 'in', [...match.statuses]);
  if (match.definitionId !== undefined) query = query.where('definition_id', '=', match.definitionId);
  if (match.projectId !== undefined) query = query.where('project_id', '=', match.projectId);
  if (match.flowId !== undefined) query = query.where('flow_id', '=', match.flowId);
  if (match.createdGte !== undefined) query = query.where('created_at', '>=', match.createdGte);
  if (match.createdLt !== undefined) query = query.where('created_at', '<', match.createdLt);
  return query;
}

/** Which of `ids` are jobs of the workspace. */
export async function jobIdsInWorkspace(
  db: Db,
  workspaceId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('jobs')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', [...ids])
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** The next `limit` matching jobs after `afterId`, in id order (a keyset walk: constant memory). */
export function matchingJobsPage(db: Db, match: BulkMatch, afterId: string, limit: number) {
  return matching(db, match, afterId)
    .select(['id', 'type', 'status', 'workspace_id', 'flow_id'])
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** How many jobs after `afterId` match (the bulk job's progress total). */
export async function countMatchingJobs(db: Db, match: BulkMatch, afterId: string): Promise<number> {
  const row = await matching(db, match, afterId)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertBulkItems(db: Db, rows: readonly JobBulkItemRow[]): Promise<void> {
  // 5 values a row: 1,000 rows stay far below SQLite's bound-parameter limit.
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insertInto('job_bulk_items')
      .values(rows.slice(i, i + 1000))
      .onConflict((oc) => oc.columns(['job_id', 'target_id']).doNothing())
      .execute();
  }
}

/** The last target a bulk job recorded: where a retry goes on. */
export async function lastBulkTarget(db: Db, jobId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('job_bulk_items')
    .select((eb) => eb.fn.max('target_id').as('last'))
    .where('job_id', '=', jobId)
    .executeTakeFirst();
  return row?.last ?? undefined;
}

/** A bulk job's items after `afterId`, in target id order. */
export function bulkItemsPage(db: Db, jobId: string, afterId: string, limit: number) {
  return db
    .selectFrom('job_bulk_items')
    .selectAll()
    .where('job_id', '=', jobId)
    .where('target_id', '>', afterId)
    .orderBy('target_id')
    .limit(limit)
    .execute();
}

/** A bulk job's item counts by outcome and reason. */
export async function bulkItemCounts(
  db: Db,
  jobId: string,
): Promise<Array<{ outcome: string; reason: string | null; n: number }>> {
  const rows = await db
    .selectFrom('job_bulk_items')
    .select(['outcome', 'reason', (eb) => eb.fn.countAll<number>().as('n')])
    .where('job_id', '=', jobId)
    .groupBy(['outcome', 'reason'])
    .execute();
  return rows.map((r) => ({ outcome: r.outcome, reason: r.reason, n: Number(r.n) }));
}

/** Which of `targetIds` a bulk job has recorded. */
export async function recordedTargets(
  db: Db,
  jobId: string,
  targetIds: readonly string[],
): Promise<Set<string>> {
  if (targetIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('job_bulk_items')
    .select('target_id')
    .where('job_id', '=', jobId)
    .where('target_id', 'in', [...targetIds])
    .execute();
  return new Set(rows.map((r) => r.target_id));
}
