import { sql } from 'kysely';
import type { Store } from '../index.js';
import type { JobsTable } from '../tables.js';
import { SQLITE_NOW_MS, withPrepared } from './prepared.js';

export interface ClaimOptions {
  /** Types the claimer handles; null: any type. */
  types: readonly string[] | null;
  /** Only jobs of this workspace (remote workers of a workspace); null: every workspace. */
  workspaceId: string | null;
  limit: number;
  owner: string;
  leaseMs: number;
}

/**
 * Claims up to `limit` due jobs in priority order and starts a new attempt on each, under a lease.
 *
 * Each type is read on its own from the claim index (type, priority desc, run_at, id), which hands
 * out its first `limit` due jobs in claim order without sorting; the best `limit` of those per-type
 * heads are the best `limit` overall. (One `type in (…)` scan would read and sort every queued job
 * of those types: a claim would cost time in proportion to the backlog.)
 *
 * PostgreSQL: a lateral subquery per type with SKIP LOCKED, so concurrent claimers take disjoint
 * rows without waiting. SQLite has one writer at a time, so the same statement without row locks
 * is already exclusive; there it is a statement prepared once per connection.
 */
export function claimJobs(store: Store, options: ClaimOptions): Promise<JobsTable[]> {
  return claim(store, options, 'job');
}

/** The columns a runner needs to run a claimed job (reading all of them costs more than the claim). */
export const RUN_COLUMNS = [
  'id',
  'type',
  'workspace_id',
  'project_id',
  'arguments',
  'attempt',
  'max_attempts',
  'checkpoint',
  'counters',
  'warnings',
  'priority',
  'run_at',
  'timeout_ms',
] as const;
export type ClaimedToRun = Pick<JobsTable, (typeof RUN_COLUMNS)[number]>;

/** {@link claimJobs} for an in-process runner: the same claim, answering only {@link RUN_COLUMNS}. */
export function claimJobsToRun(store: Store, options: ClaimOptions): Promise<ClaimedToRun[]> {
  return claim(store, options, 'run');
}

type Columns = 'job' | 'run';

async function claim<T extends ClaimedToRun>(
  store: Store,
  options: ClaimOptions,
  columns: Columns,
): Promise<T[]> {
  if (options.limit <= 0 || options.types?.length === 0) return [];
  // A type named twice would take two of the `limit` places with the same jobs.
  const types =
    options.types && new Set(options.types).size < options.types.length
      ? [...new Set(options.types)]
      : options.types;
  const claim = { ...options, types };
  const rows =
    store.dialect.driver.kind === 'sqlite'
      ? await claimSqlite<T>(store, claim, columns)
      : await claimPostgres<T>(store, claim, columns);
  return rows.sort((a, b) => b.priority - a.priority || a.run_at - b.run_at || (a.id < b.id ? -1 : 1));
}

async function claimPostgres<T>(store: Store, options: ClaimOptions, columns: Columns): Promise<T[]> {
  const { nowMs } = store.dialect;
  const workspaceFilter =
    options.workspaceId === null ? sql`` : sql`and jobs.workspace_id = ${options.workspaceId}`;
  // A job past its startBefore never starts, even before the deadline sweep ends it `expired`.
  const notExpired = sql`and (start_before is null or start_before > ${nowMs})`;
  const set = sql`status = 'running', attempt = attempt + 1, lease_owner = ${options.owner},
    lease_expires_at = ${nowMs} + ${options.leaseMs}, started_at = coalesce(started_at, ${nowMs}), attempt_started_at = ${nowMs},
    updated_at = ${nowMs}, abort_requested = 0`;
  const picked =
    options.types === null
      ? sql`select id from jobs where status = 'queued' and run_at <= ${nowMs} ${workspaceFilter} ${notExpired}
          order by priority desc, run_at, id
          limit ${options.limit}
          for update skip locked`
      : sql`select head.id from unnest(${[...options.types]}::text[]) as wanted(type)
          cross join lateral (
            select id, priority, run_at from jobs
            where status = 'queued' and jobs.type = wanted.type and run_at <= ${nowMs} ${workspaceFilter} ${notExpired}
            order by priority desc, run_at, id
            limit ${options.limit}
            for update skip locked
          ) as head
          order by head.priority desc, head.run_at, head.id
          limit ${options.limit}`;
  const returning = columns === 'job' ? sql`jobs.*` : sql.join(RUN_COLUMNS.map((c) => sql.ref(`jobs.${c}`)));
  const { rows } = await sql<T>`
    with picked as (${picked})
    update jobs set ${set} from picked where jobs.id = picked.id
    returning ${returning}`.execute(store.db);
  return rows;
}

const sqliteTexts = new Map<string, string>();

/** The SQLite statement that picks the ids to claim for `typeCount` types (null: any type). */
function sqlitePickText(typeCount: number | null, workspace: boolean): string {
  const key = `${typeCount ?? 'any'}:${workspace}`;
  let text = sqliteTexts.get(key);
  if (text === undefined) {
    const inWorkspace = workspace ? 'and workspace_id = @workspaceId' : '';
    const head = (type: string) =>
      `select * from (select id, priority, run_at from jobs
        where status = 'queued' ${type} and run_at <= ${SQLITE_NOW_MS} ${inWorkspace}
          and (start_before is null or start_before > ${SQLITE_NOW_MS})
        order by priority desc, run_at, id limit @limit)`;
    const heads =
      typeCount === null
        ? head('')
        : Array.from({ length: typeCount }, (_, i) => head(`and type = @t${i}`)).join(' union all ');
    text = `select id from (${heads}) order by priority desc, run_at, id limit @limit`;
    sqliteTexts.set(key, text);
  }
  return text;
}

/** Starts an attempt on the jobs whose ids are the JSON array `@ids`. */
function sqliteStartText(columns: Columns): string {
  const now = SQLITE_NOW_MS;
  return `update jobs set status = 'running', attempt = attempt + 1, lease_owner = @owner,
      lease_expires_at = ${now} + @leaseMs, started_at = coalesce(started_at, ${now}), attempt_started_at = ${now},
      updated_at = ${now}, abort_requested = 0
    where id in (select value from json_each(@ids))
    returning ${columns === 'job' ? '*' : RUN_COLUMNS.join(', ')}`;
}
const SQLITE_START = { job: sqliteStartText('job'), run: sqliteStartText('run') };

/**
 * Picks, then starts, in one write transaction (other processes may share the file). The pick is a
 * plain read of the claim index; most claims find nothing (a runner asks whenever a job is queued
 * or ends), and an UPDATE … WHERE id IN (that read) cost about 1 ms even then, 300 times the read.
 */
function claimSqlite<T>(store: Store, options: ClaimOptions, columns: Columns): Promise<T[]> {
  const pick: Record<string, string | number> = { limit: options.limit };
  if (options.workspaceId !== null) pick.workspaceId = options.workspaceId;
  options.types?.forEach((type, i) => (pick[`t${i}`] = type));
  const pickText = sqlitePickText(options.types?.length ?? null, options.workspaceId !== null);
  return withPrepared(store, (c) =>
    c.immediate(() => {
      const ids = c.statement(pickText).pluck().all(pick) as string[];
      if (ids.length === 0) return [];
      return c
        .statement(SQLITE_START[columns])
        .all({ owner: options.owner, leaseMs: options.leaseMs, ids: JSON.stringify(ids) }) as T[];
    }),
  );
}
