import { sql } from 'kysely';
import type { Store } from '../index.js';
import type { JobsTable } from '../tables.js';
import { claimSqlite } from './claimJobsSqlite.js';

export interface ClaimOptions {
  /** Types the claimer handles. */
  types: readonly string[];
  /** Only jobs of this workspace (remote workers of a workspace); null: every workspace. */
  workspaceId: string | null;
  limit: number;
  owner: string;
  leaseMs: number;
  /**
   * Where the rotation across workspaces resumes: workspaces after this id are visited first,
   * then the others from the first ('' or absent: from the first). Keep it with
   * {@link nextClaimCursor} from one claim to the next.
   */
  after?: string;
}

/**
 * Claims up to `limit` due jobs and starts a new attempt on each, under a lease, sharing them
 * fairly across workspaces. In four steps, each bounded by `limit` and never by the backlog:
 *
 * 1. queues: per type (not paused instance-wide), the workspaces with queued jobs of it, found by
 *    skipping from one to the next along the claim index (type, workspace_id, priority desc,
 *    run_at, id): at most `limit` unpaused ones after `after`, then at most `limit` from the first
 *    (the wrap-around). A paused (type, workspace) costs one probe; its jobs are never read.
 * 2. heads: each queue's first due unkeyed jobs in priority order, at most its share of `limit`
 *    (by the workspaces' `claim_weight`): one range of the index each (key ''). And its keys that
 *    may start a job now (queued jobs, a free slot, the rate window open), oldest turn first, read
 *    off `job_keys_ready_idx` so a blocked key is never visited: each key's first due jobs up to its
 *    free slots, together at most the queue's share. A key given its turn with nothing due is
 *    moved to when its first job is.
 * 3. pick: rounds across workspaces — each round takes `claim_weight` jobs of every workspace, in
 *    rotation order — until `limit`. So a workspace's backlog takes its share, never the claim.
 * 4. start the picked jobs.
 *
 * Cost: a few index probes per queue and per ready key, never a step per blocked key or per
 * queued job (bench/results/keys.md).
 *
 * PostgreSQL: one statement, the heads read with SKIP LOCKED, so concurrent claimers take disjoint
 * rows without waiting. (Its plan costs about 0.5 ms against 0.15 ms for the claim by age it
 * replaced; as a named statement its generic plan ran slower still in the jobs benchmark.) SQLite has one writer at a time: the same steps, each a statement prepared
 * once per connection, in one immediate transaction.
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

/**
 * Where the next claim resumes the rotation: the last workspace (in rotation order) this one took
 * jobs from, so every workspace it visited and served is behind the cursor and the ones it did
 * not reach come first next time.
 */
export function nextClaimCursor(after: string, rows: ReadonlyArray<{ workspace_id: string }>): string {
  let last: { wrapped: boolean; id: string } | undefined;
  for (const { workspace_id: id } of rows) {
    const wrapped = id <= after;
    if (!last || (wrapped && !last.wrapped) || (wrapped === last.wrapped && id > last.id))
      last = { wrapped, id };
  }
  return last?.id ?? after;
}

export type Columns = 'job' | 'run';

async function claim<T extends ClaimedToRun>(
  store: Store,
  options: ClaimOptions,
  columns: Columns,
): Promise<T[]> {
  if (options.limit <= 0 || options.types.length === 0) return [];
  // A type named twice would be walked twice.
  const types =
    new Set(options.types).size < options.types.length ? [...new Set(options.types)] : options.types;
  const claim = { ...options, types, after: options.after ?? '' };
  const rows =
    store.dialect.driver.kind === 'sqlite'
      ? await claimSqlite<T>(store, claim, columns, RUN_COLUMNS)
      : await claimPostgres<T>(store, claim, columns);
  return rows.sort((a, b) => b.priority - a.priority || a.run_at - b.run_at || (a.id < b.id ? -1 : 1));
}

async function claimPostgres<T>(
  store: Store,
  options: ClaimOptions & { after: string },
  columns: Columns,
): Promise<T[]> {
  const { nowMs } = store.dialect;
  const { limit, after } = options;
  const pausedHere = (type: string, workspace: string) =>
    sql`exists (select 1 from job_type_pauses p where p.type = ${sql.ref(type)} and p.workspace_id = ${sql.ref(workspace)})`;
  // The next workspace with queued jobs of the type. `attempt >= 0` (always true) reads the row,
  // not the index alone: an index-only scan does not mark the entries of jobs that left the queue
  // as dead, so every claim stepped over them again (0.2 to 0.4 ms a claim after a drain).
  const nextWorkspace = (type: string, above: ReturnType<typeof sql>) =>
    sql`(select j.workspace_id from jobs j where j.status = 'queued' and j.type = ${sql.ref(type)} and ${above}
      and j.attempt >= 0 order by j.workspace_id limit 1)`;
  // Step 1: the (type, workspace) queues this claim visits, with each workspace's weight.
  const queues =
    options.workspaceId !== null
      ? sql`queues as (
          select wanted.type, ${options.workspaceId}::text as workspace_id, 0 as part, 1 as weight, 1 as total
          from wanted where not exists (select 1 from job_type_pauses p
            where p.type = wanted.type and p.workspace_id = ${options.workspaceId}))`
      : sql`walk(type, part, workspace_id, n) as (
          select wanted.type, 0, ${nextWorkspace('wanted.type', sql`j.workspace_id > ${after}`)}, 0 from wanted
          union all
          select wanted.type, 1, ${nextWorkspace('wanted.type', sql`j.workspace_id <= ${after}`)}, 0 from wanted
          union all
          select walk.type, walk.part,
            ${nextWorkspace('walk.type', sql`j.workspace_id > walk.workspace_id and (walk.part = 0 or j.workspace_id <= ${after})`)},
            walk.n + case when ${pausedHere('walk.type', 'walk.workspace_id')} then 0 else 1 end
          from walk where walk.workspace_id is not null and walk.n < ${limit}
        ),
        queues as (
          select walk.type, walk.workspace_id, walk.part, ws.claim_weight as weight,
            sum(ws.claim_weight) over (partition by walk.type) as total
          from walk join workspaces ws on ws.id = walk.workspace_id
          where not ${pausedHere('walk.type', 'walk.workspace_id')})`;
  const set = sql`status = 'running', attempt = attempt + 1, lease_owner = ${options.owner},
    lease_expires_at = ${nowMs} + ${options.leaseMs}, started_at = coalesce(started_at, ${nowMs}), attempt_started_at = ${nowMs},
    updated_at = ${nowMs}, abort_requested = 0`;
  const returning = columns === 'job' ? sql`jobs.*` : sql.join(RUN_COLUMNS.map((c) => sql.ref(`jobs.${c}`)));
  const { rows } = await sql<T>`
    with recursive wanted(type) as (
      select w.type from unnest(${[...options.types]}::text[]) as w(type)
      where not exists (select 1 from job_type_pauses p where p.type = w.type and p.workspace_id is null)
    ),
    ${queues},
    quotas as (
      select queues.*, (${limit} * queues.weight + queues.total - 1) / queues.total as quota from queues
    ),
    unkeyed as (
      select head.*, quotas.part, quotas.weight from quotas cross join lateral (
        select id, workspace_id, priority, run_at from jobs
        where status = 'queued' and jobs.type = quotas.type and jobs.workspace_id = quotas.workspace_id
          and jobs.concurrency_key = '' and run_at <= ${nowMs}
          -- A job past its startBefore never starts, even before the deadline sweep ends it expired.
          and (start_before is null or start_before > ${nowMs})
        order by priority desc, run_at, id
        limit quotas.quota
        for update skip locked
      ) as head
    ),
    -- Keys with queued jobs and a free slot whose turn has come, oldest turn first: each a probe
    -- of job_keys_ready_idx, never a step over a blocked key's jobs. Locked, so two claimers never
    -- fill one key's slots at once; each takes at most its free slots, and a queue's keys together
    -- at most its quota.
    ready as (
      select quotas.type, quotas.workspace_id, quotas.part, quotas.weight, k.key,
        least(k.slots, quotas.quota - (sum(k.slots) over (partition by quotas.type, quotas.workspace_id
          order by k.next_at, k.key rows unbounded preceding) - k.slots)) as take
      from quotas cross join lateral (
        select key, next_at, least(max_running - running, case when rate_max is null then max_running
            when ${nowMs} >= window_started_at + rate_window_ms then rate_max
            else rate_max - window_starts end) as slots
        from job_keys
        where job_keys.type = quotas.type and job_keys.workspace_id = quotas.workspace_id
          and queued > 0 and running < max_running and next_at <= ${nowMs}
        order by next_at
        limit quotas.quota
        for update skip locked
      ) as k
    ),
    keyed as (
      select head.*, ready.part, ready.weight from ready cross join lateral (
        select id, type, workspace_id, concurrency_key, priority, run_at from jobs
        where status = 'queued' and jobs.type = ready.type and jobs.workspace_id = ready.workspace_id
          and jobs.concurrency_key = ready.key and run_at <= ${nowMs}
          and (start_before is null or start_before > ${nowMs})
        order by priority desc, run_at, id
        limit ready.take
        for update skip locked
      ) as head
      where ready.take > 0
    ),
    -- A key given its turn with none of its jobs due (all delayed, or past startBefore) waits
    -- until the first one is, instead of taking the front of every claim. (Data-modifying: it
    -- runs whether or not the rest reads it.)
    idle as (
      update job_keys set next_at = coalesce((select min(run_at) from jobs
          where status = 'queued' and jobs.type = ready.type and jobs.workspace_id = ready.workspace_id
            and jobs.concurrency_key = ready.key and run_at > ${nowMs}), ${nowMs} + 1000)
      from ready
      where ready.take > 0 and job_keys.type = ready.type and job_keys.workspace_id = ready.workspace_id
        and job_keys.key = ready.key
        and not exists (select 1 from keyed where keyed.type = ready.type
          and keyed.workspace_id = ready.workspace_id and keyed.concurrency_key = ready.key)
    ),
    heads as (
      select id, workspace_id, priority, run_at, part, weight from unkeyed
      union all
      select id, workspace_id, priority, run_at, part, weight from keyed
    ),
    picked as (
      select id from (
        select id, workspace_id, part, weight, priority, run_at,
          row_number() over (partition by workspace_id order by priority desc, run_at, id) as rank
        from heads
      ) as ranked
      order by (rank - 1) / weight, part, workspace_id, priority desc, run_at, id
      limit ${limit}
    )
    update jobs set ${set} from picked where jobs.id = picked.id
    returning ${returning}`.execute(store.db);
  return rows;
}
