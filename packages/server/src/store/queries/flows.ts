import { sql } from 'kysely';
import type { Db, Store } from '../index.js';
import { fetchKeysetPage, type SortColumn } from '../pagination.js';
import type { FlowsTable, FlowStatus, JobDependenciesTable, JobStatus } from '../tables.js';
import { insertDependencies } from './job-dependencies.js';
import { insertJobs, type JobRow } from './jobs.js';

export type FlowRow = FlowsTable;

/** Writes a flow, its jobs (rows complete: status, counts, flow key) and their edges. */
export async function insertFlow(
  store: Store,
  db: Db,
  flow: FlowRow,
  jobs: readonly JobRow[],
  edges: readonly JobDependenciesTable[],
): Promise<void> {
  await db.insertInto('flows').values(flow).execute();
  for (let i = 0; i < jobs.length; i += 200) await insertJobs(store, db, jobs.slice(i, i + 200));
  await insertDependencies(db, edges);
}

export function findFlow(db: Db, id: string, workspaceId: string | null): Promise<FlowRow | undefined> {
  let query = db.selectFrom('flows').selectAll().where('id', '=', id);
  if (workspaceId !== null) query = query.where('workspace_id', '=', workspaceId);
  return query.executeTakeFirst();
}

export interface FlowFilter {
  workspaceId: string | null;
  projectId?: string | undefined;
  statuses?: FlowStatus[] | undefined;
}

export function listFlows(
  db: Db,
  filter: FlowFilter,
  sort: SortColumn[],
  after: readonly unknown[] | null,
  limit: number,
) {
  let query = db.selectFrom('flows').selectAll();
  if (filter.workspaceId !== null) query = query.where('workspace_id', '=', filter.workspaceId);
  if (filter.projectId !== undefined) query = query.where('project_id', '=', filter.projectId);
  if (filter.statuses?.length) query = query.where('status', 'in', filter.statuses);
  return fetchKeysetPage<FlowRow>(query, sort, after, limit);
}

export interface FlowJobRow {
  id: string;
  flow_key?: string | null | undefined;
  type: string;
  status: JobStatus;
  progress: string | null;
  started_at: number | null;
  finished_at: number | null;
}

/** The jobs of a flow in key order, with what the graph needs. */
export function flowJobs(db: Db, flowId: string): Promise<FlowJobRow[]> {
  return db
    .selectFrom('jobs')
    .select(['id', 'flow_key', 'type', 'status', 'progress', 'started_at', 'finished_at'])
    .where('flow_id', '=', flowId)
    .orderBy('flow_key')
    .execute();
}

/** The edges among a flow's jobs. */
export function flowEdges(db: Db, flowId: string): Promise<JobDependenciesTable[]> {
  return db
    .selectFrom('job_dependencies as d')
    .innerJoin('jobs as j', 'j.id', 'd.job_id')
    .select(['d.depends_on_id', 'd.job_id'])
    .where('j.flow_id', '=', flowId)
    .execute();
}

/**
 * Aborts every unfinished job of a flow, in one transaction: every job is flagged with the abort's
 * error (dependents that the statements below end keep it, see the 0017 triggers), then the flow
 * is marked (so its status becomes `aborted`), then waiting and queued ones end at once. The jobs
 * are locked before the flow, in id order, as a job's completion locks its row before its trigger
 * locks the flow's: the two never wait for each other in a circle.
 * Returns the ids of running jobs (their runners are told) and of those ended here.
 */
export async function abortFlow(
  store: Store,
  db: Db,
  flowId: string,
  error: string,
): Promise<{ running: string[]; ended: string[] }> {
  const { nowMs } = store.dialect;
  const json = store.dialect.syntax.json(error);
  if (store.dialect.locksRows) {
    await sql`select id from jobs where flow_id = ${flowId} and status in ('waiting', 'queued', 'running')
      order by id for update`.execute(db);
  }
  const { rows: flagged } = await sql<{ id: string; status: JobStatus }>`
    update jobs set abort_requested = 1, error = ${json}, updated_at = ${nowMs}
    where flow_id = ${flowId} and status in ('waiting', 'queued', 'running')
    returning id, status`.execute(db);
  await db.updateTable('flows').set({ abort_requested: 1 }).where('id', '=', flowId).execute();
  const { rows: ended } = await sql<{ id: string }>`
    update jobs set status = 'aborted', finished_at = ${nowMs}, updated_at = ${nowMs}
    where flow_id = ${flowId} and status in ('waiting', 'queued')
    returning id`.execute(db);
  return {
    running: flagged.filter((r) => r.status === 'running').map((r) => r.id),
    ended: ended.map((r) => r.id),
  };
}

/**
 * Runs again every job of an ended flow that did not succeed: each waits for its dependencies
 * that did not succeed (they run again too), and those with none left are queued. Succeeded jobs
 * keep their results. Returns the ids of the jobs queued now and of all those run again.
 */
export async function retryFlow(
  store: Store,
  db: Db,
  flowId: string,
): Promise<{ queued: Array<{ id: string; type: string }>; again: string[] }> {
  const { nowMs } = store.dialect;
  await db.updateTable('flows').set({ abort_requested: 0 }).where('id', '=', flowId).execute();
  const { rows: again } = await sql<{ id: string }>`
    update jobs set status = 'waiting', attempt = 0, error = null, result = null, finished_at = null,
      abort_requested = 0, pending_dependencies = 0, run_at = ${nowMs}, updated_at = ${nowMs},
      start_before = case when start_before <= ${nowMs} then null else start_before end
    where flow_id = ${flowId} and status in ('failed', 'aborted', 'skipped', 'expired')
    returning id`.execute(db);
  await sql`
    update jobs set pending_dependencies = (
      select count(*) from job_dependencies d join jobs p on p.id = d.depends_on_id
      where d.job_id = jobs.id and p.status <> 'succeeded')
    where flow_id = ${flowId} and status = 'waiting'`.execute(db);
  const { rows: queued } = await sql<{ id: string; type: string }>`
    update jobs set status = 'queued', updated_at = ${nowMs}
    where flow_id = ${flowId} and status = 'waiting' and pending_dependencies = 0
    returning id, type`.execute(db);
  return { queued, again: again.map((r) => r.id) };
}

/** Deletes a flow and its jobs (their edges and artifact rows go by cascade). */
export async function deleteFlow(db: Db, flowId: string): Promise<void> {
  await db.deleteFrom('jobs').where('flow_id', '=', flowId).execute();
  await db.deleteFrom('flows').where('id', '=', flowId).execute();
}

/** Up to `limit` ids of flows that ended before `before` (epoch ms), for pruning. */
export async function oldFinishedFlowIds(db: Db, before: number, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('flows')
    .select('id')
    .where('status', '<>', 'running')
    .where('finished_at', '<', before)
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** The ids of a flow's jobs (for deleting their artifacts' bytes). */
export async function flowJobIds(db: Db, flowId: string): Promise<string[]> {
  const rows = await db.selectFrom('jobs').select('id').where('flow_id', '=', flowId).execute();
  return rows.map((r) => r.id);
}
