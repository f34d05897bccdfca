import { sql } from 'kysely';
import type { Db, Store } from '../index.js';
import { insertAuditEntries, type AuditRow } from './audit.js';
import { fetchKeysetPage, type SortColumn } from '../pagination.js';
import {
  ENDED_JOB_STATUSES,
  type JobArtifactsTable,
  type JobStatus,
  type JobsTable,
  type JobTypesTable,
} from '../tables.js';

export type JobRow = JobsTable;
export type JobTypeRow = JobTypesTable;
export type JobArtifactRow = JobArtifactsTable;

/**
 * Inserts jobs, filling in their numeric ids: taken before the insert on SQLite, read from the
 * insert's RETURNING on PostgreSQL. (The trigger plus a read-back cost a fifth of a bulk enqueue.)
 */
export async function insertJobs(store: Store, db: Db, rows: readonly JobRow[]): Promise<void> {
  if (rows.length === 0) return;
  const take = store.dialect.takeNumericIds;
  if (take) {
    const numbers = await take(db, 'jobs', rows.length);
    rows.forEach((row, i) => (row.numeric_id = numbers[i]));
    await db
      .insertInto('jobs')
      .values([...rows])
      .execute();
    return;
  }
  takeAssignedNumbers(
    rows,
    await db
      .insertInto('jobs')
      .values([...rows])
      .returning(['id', 'numeric_id'])
      .execute(),
  );
}

/** Sets each row's numeric id from what its insert's RETURNING answered. */
function takeAssignedNumbers(
  rows: readonly JobRow[],
  assigned: readonly { id: string; numeric_id: number | null | undefined }[],
): void {
  const byId = new Map(assigned.map((r) => [r.id, Number(r.numeric_id)]));
  for (const row of rows) row.numeric_id = byId.get(row.id);
}

/**
 * Inserts jobs with the audit entries of their creation, atomically. On PostgreSQL one statement
 * writes both (a data-modifying WITH): in a transaction, the BEGIN, the audit insert and the COMMIT
 * were three round trips more than the insert, on every `POST /v1/jobs`. Elsewhere, one transaction.
 */
export async function insertJobsAudited(
  store: Store,
  rows: readonly JobRow[],
  audit: readonly AuditRow[],
): Promise<void> {
  if (rows.length === 0) return;
  if (store.dialect.name !== 'postgres' || audit.length === 0) {
    await store.transaction(async (trx) => {
      await insertJobs(store, trx, rows);
      await insertAuditEntries(trx, audit);
    });
    return;
  }
  takeAssignedNumbers(
    rows,
    await store.db
      .with('audit', (db) => db.insertInto('audit_log').values([...audit]))
      .insertInto('jobs')
      .values([...rows])
      .returning(['id', 'numeric_id'])
      .execute(),
  );
}

/** `workspaceId` null: any workspace; otherwise the job must be in it. */
export function findJob(db: Db, id: string, workspaceId: string | null): Promise<JobRow | undefined> {
  let query = db.selectFrom('jobs').selectAll().where('id', '=', id);
  if (workspaceId !== null) query = query.where('workspace_id', '=', workspaceId);
  return query.executeTakeFirst();
}

/**
 * {@link findJob} with whether the job has finished artifacts, as an EXISTS in the same statement:
 * most jobs have none, and their answer then needs no second read (a round trip on PostgreSQL).
 */
export async function findJobNotingArtifacts(
  db: Db,
  id: string,
  workspaceId: string | null,
): Promise<(JobRow & { has_artifacts: boolean }) | undefined> {
  let query = db
    .selectFrom('jobs')
    .selectAll('jobs')
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('job_artifacts')
            .select('job_artifacts.job_id')
            .whereRef('job_artifacts.job_id', '=', 'jobs.id')
            .where('job_artifacts.size_bytes', '>=', 0),
        )
        .as('has_artifacts'),
    )
    .where('jobs.id', '=', id);
  if (workspaceId !== null) query = query.where('jobs.workspace_id', '=', workspaceId);
  const row = await query.executeTakeFirst();
  // SQLite answers the EXISTS with 0 or 1.
  return row && { ...row, has_artifacts: Boolean(row.has_artifacts) };
}

/** The jobs among `ids` (in `projectId` when given); `workspaceId` as in findJob. */
export async function findJobs(
  db: Db,
  ids: readonly string[],
  workspaceId: string | null,
  projectId?: string,
): Promise<JobRow[]> {
  const found: JobRow[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    let query = db
      .selectFrom('jobs')
      .selectAll()
      .where('id', 'in', ids.slice(i, i + 500));
    if (workspaceId !== null) query = query.where('workspace_id', '=', workspaceId);
    if (projectId !== undefined) query = query.where('project_id', '=', projectId);
    found.push(...(await query.orderBy('id').execute()));
  }
  return found;
}

/** Who holds each of these jobs (for remote workers finishing many at once); `workspaceId` as in findJob. */
export function findJobHolders(
  db: Db,
  ids: readonly string[],
  workspaceId: string | null,
): Promise<Array<Pick<JobRow, 'id' | 'status' | 'lease_owner' | 'type' | 'started_at'>>> {
  if (ids.length === 0) return Promise.resolve([]);
  let query = db
    .selectFrom('jobs')
    .select(['id', 'status', 'lease_owner', 'type', 'started_at'])
    .where('id', 'in', [...ids]);
  if (workspaceId !== null) query = query.where('workspace_id', '=', workspaceId);
  return query.execute();
}

export function findInFlightByUniqueKey(
  db: Db,
  workspaceId: string,
  uniqueKey: string,
): Promise<JobRow | undefined> {
  return db
    .selectFrom('jobs')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('unique_key', '=', uniqueKey)
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirst();
}

export interface JobFilter {
  workspaceId: string | null;
  projectId?: string | undefined;
  types?: string[] | undefined;
  statuses?: JobStatus[] | undefined;
  definitionId?: string | undefined;
  flowId?: string | undefined;
  createdGte?: number | undefined;
  createdLt?: number | undefined;
}

export function listJobs(
  db: Db,
  filter: JobFilter,
  sort: SortColumn[],
  after: readonly unknown[] | null,
  limit: number,
) {
  let query = db.selectFrom('jobs').selectAll();
  if (filter.workspaceId !== null) query = query.where('workspace_id', '=', filter.workspaceId);
  if (filter.projectId !== undefined) query = query.where('project_id', '=', filter.projectId);
  if (filter.types?.length) query = query.where('type', 'in', filter.types);
  if (filter.statuses?.length) query = query.where('status', 'in', filter.statuses);
  if (filter.definitionId !== undefined) query = query.where('definition_id', '=', filter.definitionId);
  if (filter.flowId !== undefined) query = query.where('flow_id', '=', filter.flowId);
  if (filter.createdGte !== undefined) query = query.where('created_at', '>=', filter.createdGte);
  if (filter.createdLt !== undefined) query = query.where('created_at', '<', filter.createdLt);
  return fetchKeysetPage<JobRow>(query, sort, after, limit);
}

/**
 * Aborts a waiting or queued job at once, or flags a running one for its runner. `error` (JSON text: code
 * `aborted`, who asked) is written now in both cases; the statements that end a flagged attempt
 * keep it. Returns the row after.
 */
export async function requestAbort(
  store: Store,
  id: string,
  error: string,
  db: Db = store.db,
): Promise<JobRow | undefined> {
  return (await requestAbortMany(store, [id], error, db))[0];
}

/** {@link requestAbort} for several jobs in one statement: the rows of those it applied to. */
export async function requestAbortMany(
  store: Store,
  ids: readonly string[],
  error: string,
  db: Db = store.db,
): Promise<JobRow[]> {
  if (ids.length === 0) return [];
  const { nowMs } = store.dialect;
  const { rows } = await sql<JobRow>`
    update jobs set
      status = case when status = 'running' then status else 'aborted' end,
      error = ${store.dialect.syntax.json(error)},
      finished_at = case when status = 'running' then finished_at else ${nowMs} end,
      abort_requested = case when status = 'running' then 1 else abort_requested end,
      updated_at = ${nowMs}
    where id in (${sql.join(ids)}) and status in ('waiting', 'queued', 'running')
    returning *`.execute(db);
  return rows;
}

/**
 * Re-queues a job that ended without succeeding for a fresh set of attempts, keeping its
 * checkpoint. With dependencies still unfinished it waits for them first; one whose dependency did
 * not succeed is left alone (unless it says `run`). A start deadline already past is dropped
 * (retrying is asking for it to run now). Call it in a transaction: its dependencies stay locked,
 * as for a new dependent (see lockDependencies).
 */
export async function requeueFinished(
  store: Store,
  id: string,
  db: Db = store.db,
): Promise<JobRow | undefined> {
  return (await requeueFinishedMany(store, [id], db))[0];
}

/** {@link requeueFinished} for several jobs in one statement: the rows of those it applied to. */
export async function requeueFinishedMany(
  store: Store,
  ids: readonly string[],
  db: Db = store.db,
): Promise<JobRow[]> {
  if (ids.length === 0) return [];
  const { nowMs } = store.dialect;
  if (store.dialect.locksRows) {
    await sql`select id from jobs where id in (
        select depends_on_id from job_dependencies where job_id in (${sql.join(ids)}))
      order by id for update`.execute(db);
  }
  const ofDependencies = (statuses: string) =>
    sql`(select count(*) from job_dependencies d join jobs p on p.id = d.depends_on_id
      where d.job_id = jobs.id and p.status in (${sql.raw(statuses)}))`;
  const pending = ofDependencies(`'waiting', 'queued', 'running'`);
  const dependencyFailed = sql`${ofDependencies(`'failed', 'aborted', 'skipped', 'expired'`)} > 0`;
  const { rows } = await sql<JobRow>`
    update jobs set status = case when ${pending} > 0 then 'waiting' else 'queued' end,
      pending_dependencies = ${pending},
      attempt = 0, run_at = ${nowMs}, finished_at = null, error = null,
      result = null, abort_requested = 0, updated_at = ${nowMs},
      start_before = case when start_before <= ${nowMs} then null else start_before end
    where id in (${sql.join(ids)}) and status in ('failed', 'aborted', 'skipped', 'expired')
      and (dependency_count = 0 or on_dependency_failure = 'run' or not ${dependencyFailed})
    returning *`.execute(db);
  return rows;
}

export async function deleteFinishedJob(db: Db, id: string): Promise<boolean> {
  return (await deleteFinishedJobs(db, [id])).length > 0;
}

/** Deletes those of these jobs that are finished (artifact rows go by cascade); their ids. */
export async function deleteFinishedJobs(db: Db, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .deleteFrom('jobs')
    .where('id', 'in', [...ids])
    .where('status', 'in', [...ENDED_JOB_STATUSES])
    .where('flow_id', 'is', null) // a flow's jobs go with their flow
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

export interface RunningUpdate {
  progress?: string | undefined;
  counters?: string | undefined;
  warnings?: string | undefined;
  checkpoint?: string | undefined;
}

/** Saves what a running attempt reports, if `owner` still holds it. False when the lease is lost. */
export async function saveRunningState(
  store: Store,
  id: string,
  owner: string,
  update: RunningUpdate,
): Promise<boolean> {
  const set: Partial<JobRow> = {};
  if (update.progress !== undefined) set.progress = update.progress;
  if (update.counters !== undefined) set.counters = update.counters;
  if (update.warnings !== undefined) set.warnings = update.warnings;
  if (update.checkpoint !== undefined) set.checkpoint = update.checkpoint;
  const result = await store.db
    .updateTable('jobs')
    .set({ ...set, updated_at: store.dialect.nowMs })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('lease_owner', '=', owner)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Up to `limit` ids of jobs that finished before `before` (epoch ms). */
export async function oldFinishedJobIds(db: Db, before: number, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('jobs')
    .select('id')
    .where('finished_at', '<', before)
    .where('flow_id', 'is', null) // a flow's jobs go with their flow (oldFinishedFlowIds)
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Deletes these jobs (their artifact rows go with them, by cascade). */
export async function deleteJobs(db: Db, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db
    .deleteFrom('jobs')
    .where('id', 'in', [...ids])
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export function countJobs(
  db: Db,
  filter: { definitionId: string; statuses?: JobStatus[]; createdGte?: number },
) {
  let query = db
    .selectFrom('jobs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('definition_id', '=', filter.definitionId);
  if (filter.statuses) query = query.where('status', 'in', filter.statuses);
  if (filter.createdGte !== undefined) query = query.where('created_at', '>=', filter.createdGte);
  return query.executeTakeFirstOrThrow().then((r) => Number(r.n));
}

// Job types

export function findJobType(db: Db, workspaceId: string, name: string): Promise<JobTypeRow | undefined> {
  return db
    .selectFrom('job_types')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('name', '=', name)
    .executeTakeFirst();
}

export function listJobTypes(db: Db, workspaceId: string | null): Promise<JobTypeRow[]> {
  let query = db.selectFrom('job_types').selectAll().orderBy('workspace_id').orderBy('name');
  if (workspaceId !== null) query = query.where('workspace_id', '=', workspaceId);
  return query.execute();
}

export async function upsertJobType(db: Db, row: JobTypeRow): Promise<void> {
  await db
    .insertInto('job_types')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'name']).doUpdateSet({
        description: row.description,
        arguments_schema: row.arguments_schema,
        key_max_running: row.key_max_running ?? null,
        key_rate_max: row.key_rate_max ?? null,
        key_rate_window_ms: row.key_rate_window_ms ?? null,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

export async function deleteJobType(db: Db, workspaceId: string, name: string): Promise<boolean> {
  const result = await db
    .deleteFrom('job_types')
    .where('workspace_id', '=', workspaceId)
    .where('name', '=', name)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

// Artifacts

export async function insertArtifact(db: Db, row: JobArtifactRow): Promise<void> {
  await db.insertInto('job_artifacts').values(row).execute();
}

/** Finishes an artifact whose bytes are written: until then its size is -1 and nobody lists it. */
export async function setArtifactSize(db: Db, id: string, size: number): Promise<void> {
  await db.updateTable('job_artifacts').set({ size_bytes: size }).where('id', '=', id).execute();
}

export async function deleteArtifactRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('job_artifacts').where('id', '=', id).execute();
}

/** Every artifact row of these jobs, finished or not (for deleting their bytes). */
export function listAllArtifacts(db: Db, jobIds: readonly string[]): Promise<JobArtifactRow[]> {
  if (jobIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('job_artifacts')
    .selectAll()
    .where('job_id', 'in', [...jobIds])
    .execute();
}

export function listArtifacts(db: Db, jobIds: readonly string[]): Promise<JobArtifactRow[]> {
  if (jobIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('job_artifacts')
    .selectAll()
    .where('job_id', 'in', [...jobIds])
    .where('size_bytes', '>=', 0)
    .orderBy('created_at')
    .execute();
}

/** `finishedOnly`: skip an artifact still being written. */
export function findArtifact(
  db: Db,
  jobId: string,
  name: string,
  finishedOnly = true,
): Promise<JobArtifactRow | undefined> {
  let query = db.selectFrom('job_artifacts').selectAll().where('job_id', '=', jobId).where('name', '=', name);
  if (finishedOnly) query = query.where('size_bytes', '>=', 0);
  return query.executeTakeFirst();
}
