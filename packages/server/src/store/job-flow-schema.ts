import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { StoreDialect } from './dialect.js';
import { ENDED_JOB_STATUSES, UNFINISHED_JOB_STATUSES } from './tables.js';

/**
 * How deep a chain of dependencies may be. A dependency that fails ends its waiting dependents in
 * the same statement, by a trigger that fires again for each of them (migration 0017): each level
 * is a nested trigger call, and PostgreSQL's stack (and SQLite's trigger depth) bound how many.
 */
export const MAX_DEPENDENCY_DEPTH = 50;

/** SQLite's user function that the triggers call for each job leaving `waiting` (see sqlite.ts). */
export const SQLITE_SETTLED_FUNCTION = 'batchyard_job_settled';
/** PostgreSQL's channel that the triggers notify for each job leaving `waiting`. */
export const SETTLED_CHANNEL = 'batchyard_settled';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
const ENDED = list(ENDED_JOB_STATUSES);
const UNFINISHED = list(UNFINISHED_JOB_STATUSES);

/**
 * Migration 0017: job dependencies, flows and start deadlines.
 *
 * Dependencies are settled in the store, by triggers, in the statement that ends a job, whichever
 * way it ends (completed, failed, aborted, expired, its lease lost): a job that ends counts down
 * each waiting dependent (released to `queued` at zero) or, when it did not succeed, ends the
 * dependent `failed` or `skipped` by its `on_dependency_failure` (`run` counts down instead). A
 * job ended that way fires the same trigger for its own dependents. A flow's counts of unfinished
 * and succeeded jobs, and so its status, follow each status change of its jobs the same way.
 *
 * PostgreSQL: each statement of a trigger function reads a fresh snapshot (READ COMMITTED), so a
 * dependent committed after the ending statement began is still found, and two parents ending at
 * once count a dependent down one after the other on its row lock. SQLite has one writer.
 */
export async function addJobFlows(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  const t = dialect.columnTypes;
  await db.schema
    .createTable('flows')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('project_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('job_count', 'integer', (c) => c.notNull())
    .addColumn('unfinished', 'integer', (c) => c.notNull())
    .addColumn('succeeded', 'integer', (c) => c.notNull())
    .addColumn('abort_requested', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text')
    .addColumn('created_at', t.ms, (c) => c.notNull())
    .addColumn('updated_at', t.ms, (c) => c.notNull())
    .addColumn('finished_at', t.ms)
    .execute();
  await db.schema.createIndex('flows_workspace_idx').on('flows').columns(['workspace_id', 'id']).execute();

  for (const column of [
    'flow_id text',
    'flow_key text',
    'start_before bigint',
    'on_dependency_failure text',
    'dependency_count integer not null default 0',
    'pending_dependencies integer not null default 0',
    'dependency_depth integer not null default 0',
    'has_dependents integer not null default 0',
  ]) {
    await sql.raw(`alter table jobs add column ${column}`).execute(db);
  }
  await sql
    .raw(`create index jobs_flow_idx on jobs (flow_id, flow_key) where flow_id is not null`)
    .execute(db);
  // The deadline sweep reads only jobs that have not started yet.
  await sql
    .raw(
      `create index jobs_start_before_idx on jobs (start_before) where start_before is not null and status in ('waiting', 'queued')`,
    )
    .execute(db);
  // A job waiting for its dependencies holds its unique key too.
  await sql`drop index jobs_unique_key_idx`.execute(db);
  await sql
    .raw(
      `create unique index jobs_unique_key_idx on jobs (workspace_id, unique_key) where unique_key is not null and status in ('waiting', 'queued', 'running')`,
    )
    .execute(db);

  await db.schema
    .createTable('job_dependencies')
    .addColumn('depends_on_id', 'text', (c) => c.notNull().references('jobs.id').onDelete('cascade'))
    .addColumn('job_id', 'text', (c) => c.notNull().references('jobs.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('job_dependencies_pk', ['depends_on_id', 'job_id'])
    .execute();
  await db.schema
    .createIndex('job_dependencies_job_idx')
    .on('job_dependencies')
    .columns(['job_id', 'depends_on_id'])
    .execute();

  if (dialect.name === 'postgres') await addPostgresTriggers(db);
  else await addSqliteTriggers(db);
}

/** The error a dependent ends with when `parent` ended without succeeding (JSON built in SQL). */
function dependencyError(json: 'json_object' | 'jsonb_build_object', parent: string): string {
  return `${json}('code', 'dependency_failed', 'message', 'Dependency ' || ${parent}.id || ' ended ' || ${parent}.status || '.', 'details', ${json}('dependency', ${parent}.id, 'status', ${parent}.status))`;
}

/**
 * The flow counters' change for one job's status change, and the flow's status after it
 * (`unfinished` and `succeeded` in an UPDATE's SET read the row before it).
 */
function flowCountsSet(now: string, boolToInt: (condition: string) => string): string {
  const dUnfinished = `(${boolToInt(`new.status in (${UNFINISHED})`)} - ${boolToInt(`old.status in (${UNFINISHED})`)})`;
  const dSucceeded = `(${boolToInt(`new.status = 'succeeded'`)} - ${boolToInt(`old.status = 'succeeded'`)})`;
  const status = `case when unfinished + ${dUnfinished} > 0 then 'running'
      when succeeded + ${dSucceeded} >= job_count then 'succeeded'
      when abort_requested = 1 then 'aborted' else 'failed' end`;
  return `unfinished = unfinished + ${dUnfinished}, succeeded = succeeded + ${dSucceeded},
      status = ${status},
      finished_at = case when unfinished + ${dUnfinished} > 0 then null else coalesce(finished_at, ${now}) end,
      updated_at = ${now}`;
}

const FLOW_COUNTS_CHANGE = `new.flow_id is not null and (
    (old.status in (${UNFINISHED})) <> (new.status in (${UNFINISHED}))
    or (old.status = 'succeeded') <> (new.status = 'succeeded'))`;

async function addPostgresTriggers(db: Kysely<unknown>): Promise<void> {
  const now = `(extract(epoch from now()) * 1000)::bigint`;
  const dependents = `select job_id from job_dependencies where depends_on_id = new.id`;
  await sql
    .raw(
      `create function batchyard_settle_dependents() returns trigger language plpgsql as $$
begin
  -- Lock the waiting dependents in id order: two statements ending parents of the same
  -- dependents then never wait for each other in a circle.
  perform 1 from jobs where status = 'waiting' and id in (${dependents}) order by id for update;
  update jobs set pending_dependencies = pending_dependencies - 1,
      status = case when pending_dependencies <= 1 then 'queued' else status end,
      updated_at = ${now}
    where status = 'waiting' and id in (${dependents})
      and (new.status = 'succeeded' or (on_dependency_failure = 'run' and abort_requested = 0));
  if new.status <> 'succeeded' then
    update jobs set
        status = case when abort_requested = 1 then 'aborted' when on_dependency_failure = 'skip' then 'skipped' else 'failed' end,
        error = case when abort_requested = 1 and error is not null then error else ${dependencyError('jsonb_build_object', 'new')} end,
        finished_at = ${now}, updated_at = ${now}
      where status = 'waiting' and id in (${dependents})
        and (abort_requested = 1 or on_dependency_failure is distinct from 'run');
  end if;
  return null;
end $$`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger jobs_settle_dependents after update of status on jobs for each row
        when (new.has_dependents = 1 and new.status in (${ENDED}) and old.status not in (${ENDED}))
        execute function batchyard_settle_dependents()`,
    )
    .execute(db);

  await sql
    .raw(
      `create function batchyard_job_left_waiting() returns trigger language plpgsql as $$
begin
  -- A release names only the type (identical notifications of one transaction are sent once: a
  -- fan-out of 1,000 wakes each process once); an end by a dependency names the job too.
  if new.status = 'queued' then
    perform pg_notify('batchyard_settled', json_build_object('t', new.type, 's', new.status)::text);
  else
    perform pg_notify('batchyard_settled', json_build_object('i', new.id, 't', new.type, 's', new.status)::text);
  end if;
  return null;
end $$`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger jobs_left_waiting after update of status on jobs for each row
        when (old.status = 'waiting' and new.status <> 'waiting')
        execute function batchyard_job_left_waiting()`,
    )
    .execute(db);

  const int = (condition: string) => `(${condition})::int`;
  await sql
    .raw(
      `create function batchyard_flow_counts() returns trigger language plpgsql as $$
begin
  update flows set ${flowCountsSet(now, int)} where id = new.flow_id;
  return null;
end $$`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger jobs_flow_counts after update of status on jobs for each row
        when (${FLOW_COUNTS_CHANGE})
        execute function batchyard_flow_counts()`,
    )
    .execute(db);
}

async function addSqliteTriggers(db: Kysely<unknown>): Promise<void> {
  const now = `cast(unixepoch('subsec') * 1000 as integer)`;
  const dependents = `select job_id from job_dependencies where depends_on_id = new.id`;
  // Needs `recursive_triggers` on (sqlite.ts), so that a dependent ended here settles its own.
  await sql
    .raw(
      `create trigger jobs_settle_dependents after update of status on jobs
        when new.has_dependents = 1 and new.status in (${ENDED}) and old.status not in (${ENDED})
      begin
        update jobs set pending_dependencies = pending_dependencies - 1,
            status = case when pending_dependencies <= 1 then 'queued' else status end,
            updated_at = ${now}
          where status = 'waiting' and id in (${dependents})
            and (new.status = 'succeeded' or (on_dependency_failure = 'run' and abort_requested = 0));
        update jobs set
            status = case when abort_requested = 1 then 'aborted' when on_dependency_failure = 'skip' then 'skipped' else 'failed' end,
            error = case when abort_requested = 1 and error is not null then error else ${dependencyError('json_object', 'new')} end,
            finished_at = ${now}, updated_at = ${now}
          where new.status <> 'succeeded' and status = 'waiting' and id in (${dependents})
            and (abort_requested = 1 or on_dependency_failure is not 'run');
      end`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger jobs_left_waiting after update of status on jobs
        when old.status = 'waiting' and new.status <> 'waiting'
      begin
        select ${SQLITE_SETTLED_FUNCTION}(new.id, new.type, new.status);
      end`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger jobs_flow_counts after update of status on jobs
        when ${FLOW_COUNTS_CHANGE}
      begin
        update flows set ${flowCountsSet(now, (c) => `(${c})`)} where id = new.flow_id;
      end`,
    )
    .execute(db);
}

/** Undoes {@link addJobFlows} (tests that run migrations again). */
export async function dropJobFlows(
  db: Parameters<RawBuilder<unknown>['execute']>[0],
  dialect: StoreDialect['name'],
): Promise<void> {
  for (const trigger of ['jobs_settle_dependents', 'jobs_left_waiting', 'jobs_flow_counts']) {
    await sql.raw(`drop trigger ${trigger}${dialect === 'postgres' ? ' on jobs' : ''}`).execute(db);
  }
  if (dialect === 'postgres') {
    for (const fn of ['batchyard_settle_dependents', 'batchyard_job_left_waiting', 'batchyard_flow_counts']) {
      await sql.raw(`drop function ${fn}()`).execute(db);
    }
  }
  await sql`drop table job_dependencies`.execute(db);
  await sql`drop index jobs_unique_key_idx`.execute(db);
  await sql
    .raw(
      `create unique index jobs_unique_key_idx on jobs (workspace_id, unique_key) where unique_key is not null and status in ('queued', 'running')`,
    )
    .execute(db);
  await sql`drop index jobs_start_before_idx`.execute(db);
  await sql`drop index jobs_flow_idx`.execute(db);
  for (const column of [
    'flow_id',
    'flow_key',
    'start_before',
    'on_dependency_failure',
    'dependency_count',
    'pending_dependencies',
    'dependency_depth',
    'has_dependents',
  ]) {
    await sql.raw(`alter table jobs drop column ${column}`).execute(db);
  }
  await sql`drop table flows`.execute(db);
}
