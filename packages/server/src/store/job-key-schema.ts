import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { StoreDialect } from './dialect.js';

/**
 * Migration 0019: per-key concurrency and rate limits.
 *
 * A job may carry a `concurrency_key` ('' for none). Each (type, workspace, key) with jobs has a
 * row in `job_keys`: how many of its jobs are queued and running, its limits (at most
 * `max_running` at once; at most `rate_max` starts per `rate_window_ms`, the window opening at the
 * first start after the last one closed), and `next_at`, its turn in claims: the time it last
 * started a job (so keys take turns, oldest turn first), pushed past the end of a full rate
 * window, or to when its jobs come due. Triggers keep the counts and windows in the statement
 * that changes a job, whichever way it changes (created, claimed, ended, retried, deleted), so a
 * claim reads the keys that may start a job now straight off `job_keys_ready_idx`, never stepping
 * over a blocked key's jobs.
 *
 * The claim index gains the key after the workspace: a workspace's unkeyed jobs are one range of
 * it (key ''), and each key's jobs another.
 *
 * PostgreSQL: statement-level triggers over transition tables lock a statement's key rows once
 * each, in key order, so two statements finishing jobs of the same keys never wait for each other
 * in a circle (row-level triggers would lock them in whatever order the rows were updated).
 * SQLite: row-level triggers, one writer at a time.
 */
export async function addJobKeys(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  const t = dialect.columnTypes;
  await sql`alter table jobs add column concurrency_key text not null default ''`.execute(db);
  // The limits the job was created with (from its definition, its type, or the default of one at
  // a time): each new job of a key sets them on the key.
  await sql`alter table jobs add column key_max_running integer`.execute(db);
  await sql`alter table jobs add column key_rate_max integer`.execute(db);
  await sql`alter table jobs add column key_rate_window_ms integer`.execute(db);
  for (const table of ['job_types', 'job_definitions']) {
    for (const column of ['key_max_running', 'key_rate_max', 'key_rate_window_ms']) {
      await sql.raw(`alter table ${table} add column ${column} integer`).execute(db);
    }
  }
  // The key a definition's instances get unless a run names another (scheduled ticks included).
  await sql`alter table job_definitions add column concurrency_key text`.execute(db);
  await db.schema
    .createIndex('jobs_claim_key_idx')
    .on('jobs')
    .columns(['type', 'workspace_id', 'concurrency_key', 'priority desc', 'run_at', 'id'])
    .where(sql.ref('status'), '=', 'queued')
    .execute();
  await db.schema.dropIndex('jobs_claim_ws_idx').execute();

  await db.schema
    .createTable('job_keys')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('queued', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('running', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_running', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('rate_max', 'integer')
    .addColumn('rate_window_ms', 'integer')
    .addColumn('window_started_at', t.ms, (c) => c.notNull().defaultTo(0))
    .addColumn('window_starts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_at', t.ms, (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('job_keys_pk', ['type', 'workspace_id', 'key'])
    .execute();
  // The keys that may start a job (queued jobs, a free slot), in turn order. A key with no free
  // slot is not in it at all; a key whose rate window is full sits past `now` in it.
  await sql`create index job_keys_ready_idx on job_keys (type, workspace_id, next_at)
    where queued > 0 and running < max_running`.execute(db);

  if (dialect.name === 'postgres') await addPostgresTriggers(db);
  else await addSqliteTriggers(db);
}

/**
 * The SET list that applies one change to a key row: `dq` and `dr` (the change in its queued and
 * running jobs), `started` (jobs it started), `queuedAt` (the earliest run_at among jobs that
 * became queued, or null). Every expression reads the row as it was before the update.
 */
function keySet(
  now: string,
  fn: { max: string; min: string },
  change: { dq: string; dr: string; started: string; queuedAt: string },
  row = '',
): string {
  const { dq, dr, started, queuedAt } = change;
  const [queued, running, rateMax, rateWindowMs, windowStartedAt0, windowStarts0, nextAt0] = [
    'queued',
    'running',
    'rate_max',
    'rate_window_ms',
    'window_started_at',
    'window_starts',
    'next_at',
  ].map((column) => `${row}${column}`);
  const reset = `(${started} > 0 and ${rateWindowMs} is not null and ${now} >= ${windowStartedAt0} + ${rateWindowMs})`;
  const windowStartedAt = `case when ${reset} then ${now} else ${windowStartedAt0} end`;
  const windowStarts = `case when ${rateWindowMs} is null then 0 when ${reset} then ${started} else ${windowStarts0} + ${started} end`;
  const blocked = `case when ${rateMax} is not null and ${windowStarts} >= ${rateMax} then ${windowStartedAt} + ${rateWindowMs} else 0 end`;
  const nextAt = `case when ${started} > 0 then ${fn.max}(${now}, ${blocked})
      when ${queuedAt} is null then ${nextAt0}
      when ${queued} = 0 then ${fn.max}(${queuedAt}, ${blocked})
      else ${fn.min}(${nextAt0}, ${fn.max}(${queuedAt}, ${blocked})) end`;
  return `queued = ${queued} + ${dq}, running = ${running} + ${dr},
    window_started_at = ${windowStartedAt}, window_starts = ${windowStarts}, next_at = ${nextAt}`;
}

const KEY_COLUMNS = `type, workspace_id, key, queued, running, max_running, rate_max, rate_window_ms, next_at`;
/** The limits a new job brings to its key (the latest job's limits win). */
const LIMITS_FROM_NEW = `max_running = excluded.max_running, rate_max = excluded.rate_max,
  rate_window_ms = excluded.rate_window_ms`;

async function addPostgresTriggers(db: Kysely<unknown>): Promise<void> {
  // A small table rewritten by every keyed start and end: vacuumed by the row count of its dead
  // versions, not a share of its size (the engine vacuums it every few seconds too).
  await sql`alter table job_keys set (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000)`.execute(
    db,
  );
  const now = `(extract(epoch from now()) * 1000)::bigint`;
  const fn = { max: 'greatest', min: 'least' };
  const int = (condition: string) => `(${condition})::int`;

  /**
   * One upsert per key of the statement's changed jobs `n`, in key order (so two statements
   * touching the same keys lock them in the same order). `dq`/`dr`/`started` are each job's change
   * in queued and running jobs and its start; excluded.window_starts carries the jobs started,
   * excluded.next_at the earliest newly queued. A new job also sets its limits on the key.
   */
  const upsertKeys = (change: {
    from: string;
    where: string;
    dq: string;
    dr: string;
    started: string;
    newJobs: boolean;
  }) => `insert into job_keys as k (${KEY_COLUMNS}, window_starts)
    select n.type, n.workspace_id, n.concurrency_key, sum(${change.dq}), sum(${change.dr}),
      (array_agg(coalesce(n.key_max_running, 1) order by n.id desc))[1],
      (array_agg(n.key_rate_max order by n.id desc))[1], (array_agg(n.key_rate_window_ms order by n.id desc))[1],
      coalesce(min(case when n.status = 'queued' then n.run_at end), 0),
      sum(${change.started})
    from ${change.from}
    where n.concurrency_key <> '' ${change.where}
    group by n.type, n.workspace_id, n.concurrency_key order by n.type, n.workspace_id, n.concurrency_key
  on conflict (type, workspace_id, key) do update set ${change.newJobs ? `${LIMITS_FROM_NEW},` : ''}
    ${keySet(
      now,
      fn,
      {
        dq: 'excluded.queued',
        dr: 'excluded.running',
        started: 'excluded.window_starts',
        queuedAt: 'nullif(excluded.next_at, 0)',
      },
      'k.',
    )}`;

  // New jobs (counted, never started by their insert).
  await sql
    .raw(
      `create function batchyard_job_keys_insert() returns trigger language plpgsql as $$
begin
  if not exists (select 1 from new_rows where concurrency_key <> '') then return null; end if;
  ${upsertKeys({
    from: 'new_rows n',
    where: '',
    dq: int(`n.status = 'queued'`),
    dr: int(`n.status = 'running'`),
    started: '0',
    newJobs: true,
  })};
  return null;
end $$`,
    )
    .execute(db);

  // Status changes (a key row pruned while its jobs had ended or waited comes back with them; see
  // pruneIdleJobKeys).
  await sql
    .raw(
      `create function batchyard_job_keys_update() returns trigger language plpgsql as $$
begin
  if not exists (select 1 from new_rows where concurrency_key <> '') then return null; end if;
  ${upsertKeys({
    from: 'new_rows n join old_rows o on o.id = n.id',
    where: 'and n.status <> o.status',
    dq: `${int(`n.status = 'queued'`)} - ${int(`o.status = 'queued'`)}`,
    dr: `${int(`n.status = 'running'`)} - ${int(`o.status = 'running'`)}`,
    started: int(`n.status = 'running'`),
    newJobs: false,
  })};
  return null;
end $$`,
    )
    .execute(db);

  const deleted = `select type, workspace_id, concurrency_key as key,
      sum(${int(`status = 'queued'`)}) as dq, sum(${int(`status = 'running'`)}) as dr
    from old_rows where concurrency_key <> '' and status in ('queued', 'running')
    group by type, workspace_id, concurrency_key`;
  await sql
    .raw(
      `create function batchyard_job_keys_delete() returns trigger language plpgsql as $$
begin
  if not exists (select 1 from old_rows where concurrency_key <> '' and status in ('queued', 'running')) then
    return null;
  end if;
  perform 1 from job_keys k where (k.type, k.workspace_id, k.key) in (select type, workspace_id, key from (${deleted}) c)
    order by k.type, k.workspace_id, k.key for update;
  update job_keys set queued = queued - d.dq, running = running - d.dr from (${deleted}) d
    where job_keys.type = d.type and job_keys.workspace_id = d.workspace_id and job_keys.key = d.key;
  return null;
end $$`,
    )
    .execute(db);

  await sql
    .raw(
      `create trigger jobs_keys_insert after insert on jobs referencing new table as new_rows
        for each statement execute function batchyard_job_keys_insert()`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger jobs_keys_update after update on jobs referencing old table as old_rows new table as new_rows
        for each statement execute function batchyard_job_keys_update()`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger jobs_keys_delete after delete on jobs referencing old table as old_rows
        for each statement execute function batchyard_job_keys_delete()`,
    )
    .execute(db);
}

async function addSqliteTriggers(db: Kysely<unknown>): Promise<void> {
  const now = `cast(unixepoch('subsec') * 1000 as integer)`;
  const fn = { max: 'max', min: 'min' };
  // The job's change to its key's row, upserted (see upsertKeys above); a new job also sets its
  // limits on the key.
  const upsertKey = (change: { dq: string; dr: string; started: string; newJob: boolean }) =>
    `insert into job_keys (${KEY_COLUMNS})
      values (new.type, new.workspace_id, new.concurrency_key, ${change.dq}, ${change.dr},
        coalesce(new.key_max_running, 1), new.key_rate_max, new.key_rate_window_ms,
        case when new.status = 'queued' then new.run_at else 0 end)
    on conflict (type, workspace_id, key) do update set ${change.newJob ? `${LIMITS_FROM_NEW},` : ''}
      ${keySet(now, fn, {
        dq: 'excluded.queued',
        dr: 'excluded.running',
        started: change.started,
        queuedAt: `case when new.status = 'queued' then new.run_at end`,
      })}`;
  await sql
    .raw(
      `create trigger jobs_keys_insert after insert on jobs when new.concurrency_key <> ''
      begin
        ${upsertKey({ dq: `new.status = 'queued'`, dr: `new.status = 'running'`, started: '0', newJob: true })};
      end`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger jobs_keys_update after update of status on jobs
        when new.concurrency_key <> '' and new.status <> old.status
      begin
        ${upsertKey({
          dq: `(new.status = 'queued') - (old.status = 'queued')`,
          dr: `(new.status = 'running') - (old.status = 'running')`,
          started: `(new.status = 'running')`,
          newJob: false,
        })};
      end`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger jobs_keys_delete after delete on jobs
        when old.concurrency_key <> '' and old.status in ('queued', 'running')
      begin
        update job_keys set queued = queued - (old.status = 'queued'), running = running - (old.status = 'running')
        where type = old.type and workspace_id = old.workspace_id and key = old.concurrency_key;
      end`,
    )
    .execute(db);
}

/** Undoes {@link addJobKeys} (tests that run migrations again). */
export async function dropJobKeys(
  db: Parameters<RawBuilder<unknown>['execute']>[0],
  dialect: StoreDialect['name'],
): Promise<void> {
  for (const trigger of ['jobs_keys_insert', 'jobs_keys_update', 'jobs_keys_delete']) {
    await sql.raw(`drop trigger ${trigger}${dialect === 'postgres' ? ' on jobs' : ''}`).execute(db);
  }
  if (dialect === 'postgres') {
    for (const fn of [
      'batchyard_job_keys_insert',
      'batchyard_job_keys_update',
      'batchyard_job_keys_delete',
    ]) {
      await sql.raw(`drop function ${fn}()`).execute(db);
    }
  }
  await sql`drop table job_keys`.execute(db);
  await sql`create index jobs_claim_ws_idx on jobs (type, workspace_id, priority desc, run_at, id) where status = 'queued'`.execute(
    db,
  );
  await sql`drop index jobs_claim_key_idx`.execute(db);
  for (const table of ['job_types', 'job_definitions']) {
    for (const column of ['key_max_running', 'key_rate_max', 'key_rate_window_ms']) {
      await sql.raw(`alter table ${table} drop column ${column}`).execute(db);
    }
  }
  await sql`alter table job_definitions drop column concurrency_key`.execute(db);
  for (const column of ['key_rate_window_ms', 'key_rate_max', 'key_max_running', 'concurrency_key']) {
    await sql.raw(`alter table jobs drop column ${column}`).execute(db);
  }
}
