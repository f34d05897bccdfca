import { sql } from 'kysely';
import type { Db, Store } from '../index.js';
import type { JobDependenciesTable, JobStatus } from '../tables.js';

export interface DependencyState {
  id: string;
  status: JobStatus;
  dependency_depth: number;
}

/**
 * Marks the jobs `ids` of `workspaceId` as having dependents and answers their status, as one
 * statement that locks them (in id order on PostgreSQL). The lock is what keeps a new dependent
 * right: a dependency ending at the same time either committed first (its status here is the
 * ended one, so it is not counted) or waits for this transaction, and its trigger then finds the
 * new dependent. Ids not found (unknown, or another workspace's) are left out of the answer.
 */
export async function lockDependencies(
  store: Store,
  db: Db,
  workspaceId: string,
  ids: readonly string[],
): Promise<DependencyState[]> {
  if (ids.length === 0) return [];
  const list = store.dialect.syntax.textList(ids);
  const wanted = store.dialect.locksRows
    ? sql`select id from jobs where id in ${list} and workspace_id = ${workspaceId} order by id for update`
    : sql`select id from jobs where id in ${list} and workspace_id = ${workspaceId}`;
  const { rows } = await sql<DependencyState>`
    update jobs set has_dependents = 1 where id in (${wanted})
    returning id, status, dependency_depth`.execute(db);
  return rows.map((r) => ({ ...r, dependency_depth: Number(r.dependency_depth) }));
}

export async function insertDependencies(db: Db, edges: readonly JobDependenciesTable[]): Promise<void> {
  for (let i = 0; i < edges.length; i += 1000) {
    await db
      .insertInto('job_dependencies')
      .values(edges.slice(i, i + 1000))
      .execute();
  }
}

export interface DependencyResultRow {
  id: string;
  type: string;
  flow_key: string | null;
  status: JobStatus;
  result: string | null;
  error: string | null;
  finished_at: number | null;
}

/** The jobs that `jobIds` depend on, with what they ended with, keyed by dependent. */
export async function dependencyResults(
  db: Db,
  jobIds: readonly string[],
): Promise<Map<string, DependencyResultRow[]>> {
  const byJob = new Map<string, DependencyResultRow[]>();
  if (jobIds.length === 0) return byJob;
  const rows = await db
    .selectFrom('job_dependencies as d')
    .innerJoin('jobs as p', 'p.id', 'd.depends_on_id')
    .select(['d.job_id', 'p.id', 'p.type', 'p.flow_key', 'p.status', 'p.result', 'p.error', 'p.finished_at'])
    .where('d.job_id', 'in', [...jobIds])
    .orderBy('d.job_id')
    .orderBy('p.id')
    .execute();
  for (const { job_id, ...row } of rows) {
    const list = byJob.get(job_id) ?? [];
    list.push({ ...row, flow_key: row.flow_key ?? null });
    byJob.set(job_id, list);
  }
  return byJob;
}

/**
 * Jobs that never started before their `start_before` end `expired` (their dependents settle by
 * the 0017 triggers in the same statement). Returns what it ended.
 */
export async function expireJobs(
  store: Store,
): Promise<Array<{ id: string; type: string; workspace_id: string }>> {
  const { nowMs } = store.dialect;
  const json = store.dialect.name === 'postgres' ? sql`::jsonb` : sql``;
  const error = JSON.stringify({
    code: 'expired',
    message: 'The job did not start before its startBefore time.',
  });
  const { rows } = await sql<{ id: string; type: string; workspace_id: string }>`
    update jobs set status = 'expired', error = ${error}${json}, finished_at = ${nowMs}, updated_at = ${nowMs}
    where start_before is not null and status in ('waiting', 'queued') and start_before <= ${nowMs}
    returning id, type, workspace_id`.execute(store.db);
  return rows;
}
