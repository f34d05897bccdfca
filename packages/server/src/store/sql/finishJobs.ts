import { sql } from 'kysely';
import type { Store } from '../index.js';
import { SQLITE_NOW_MS, withPrepared } from './prepared.js';

export interface Completion {
  id: string;
  /** JSON text of the result. */
  result: string | null;
  /** The last progress, which the throttled progress saves may not have written yet. */
  progress?: string | undefined;
  counters?: string | undefined;
  warnings?: string | undefined;
}

/**
 * Ends running attempts held by `owner` as succeeded (or aborted, when an abort was asked for
 * meanwhile), many at once. Returns the jobs it ended with their status: a job whose lease was
 * lost is not touched.
 */
export async function completeJobs(
  store: Store,
  owner: string,
  completions: readonly Completion[],
): Promise<Ended[]> {
  if (completions.length === 0) return [];
  if (store.dialect.driver.kind === 'sqlite') return completeSqlite(store, owner, completions);
  const { nowMs } = store.dialect;
  const values = sql.join(
    completions.map(
      (c) => sql`(${c.id}, ${c.result}, ${c.progress ?? null}, ${c.counters ?? null}, ${c.warnings ?? null})`,
    ),
  );
  const { rows } = await againAfterDeadlock(() =>
    sql<Ended>`
    update jobs set
      status = case when jobs.abort_requested = 1 then 'aborted' else 'succeeded' end,
      result = case when jobs.abort_requested = 1 then null else done.result::jsonb end,
      progress = coalesce(done.progress::jsonb, jobs.progress),
      counters = coalesce(done.counters::jsonb, jobs.counters),
      warnings = coalesce(done.warnings::jsonb, jobs.warnings),
      finished_at = ${nowMs}, updated_at = ${nowMs}, lease_owner = null, lease_expires_at = null
    from (values ${values}) as done(id, result, progress, counters, warnings)
    where jobs.id = done.id and jobs.status = 'running' and jobs.lease_owner = ${owner}
    returning jobs.id, jobs.status`.execute(store.db),
  );
  return rows;
}

/**
 * Runs a statement that ends jobs again when PostgreSQL chose it as a deadlock's victim (it was
 * rolled back whole). Ending jobs touches other rows through the 0017 triggers (dependents, a
 * flow's counts) in an order no statement can fix in advance; without this, the attempts would
 * end only when their leases expire, and run again.
 */
async function againAfterDeadlock<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if ((error as { code?: unknown }).code !== '40P01' || attempt >= 5) throw error;
    }
  }
}

export interface Ended {
  id: string;
  status: 'succeeded' | 'aborted';
}

/** SQLite: ends a held attempt as succeeded, unless an abort was asked for (see SQLITE_COMPLETE_ABORTED). */
const SQLITE_COMPLETE = `
  update jobs set status = 'succeeded', result = ?,
    progress = coalesce(?, progress), counters = coalesce(?, counters), warnings = coalesce(?, warnings),
    finished_at = ${SQLITE_NOW_MS}, updated_at = ${SQLITE_NOW_MS}, lease_owner = null, lease_expires_at = null
  where id = ? and status = 'running' and lease_owner = ? and abort_requested = 0`;

/** SQLite: ends a held attempt that an abort was asked for as aborted, without its result. */
const SQLITE_COMPLETE_ABORTED = `
  update jobs set status = 'aborted', result = null,
    progress = coalesce(?, progress), counters = coalesce(?, counters), warnings = coalesce(?, warnings),
    finished_at = ${SQLITE_NOW_MS}, updated_at = ${SQLITE_NOW_MS}, lease_owner = null, lease_expires_at = null
  where id = ? and status = 'running' and lease_owner = ? and abort_requested = 1`;

/**
 * SQLite: one prepared update per job, all in one transaction (one commit). The abort case is its
 * own statement, tried only when the first one did not match: a RETURNING clause to tell the two
 * apart would double the cost of every completion.
 */
function completeSqlite(store: Store, owner: string, completions: readonly Completion[]): Promise<Ended[]> {
  return withPrepared(store, (c) => {
    const succeed = c.statement(SQLITE_COMPLETE);
    const done: Ended[] = [];
    c.immediate(() => {
      for (const { id, result, progress = null, counters = null, warnings = null } of completions) {
        if (succeed.run(result, progress, counters, warnings, id, owner).changes > 0) {
          done.push({ id, status: 'succeeded' });
        } else if (
          c.statement(SQLITE_COMPLETE_ABORTED).run(progress, counters, warnings, id, owner).changes > 0
        ) {
          done.push({ id, status: 'aborted' });
        }
      }
    });
    return done;
  });
}

export interface Failure {
  id: string;
  /** JSON text {code, message, details?}. */
  error: string;
  retryable: boolean;
  progress?: string | undefined;
  counters?: string | undefined;
  warnings?: string | undefined;
}

/**
 * Ends a running attempt as failed. A retryable failure with attempts left goes back to the queue
 * after a capped exponential backoff with jitter, computed in SQL from the job's own settings:
 * delay = min(max, base · 2^(attempt-1)) · (0.5 + random/2). An abort asked for meanwhile wins.
 */
export async function failJob(
  store: Store,
  owner: string,
  failure: Failure,
): Promise<{ status: string } | undefined> {
  const { nowMs, random } = store.dialect;
  const retry = sql`(${failure.retryable ? 1 : 0} = 1 and abort_requested = 0 and attempt < max_attempts)`;
  const exponential = sql`(cast(backoff_base_ms as bigint) * (cast(1 as bigint) << (case when attempt > 21 then 20 else attempt - 1 end)))`;
  const capped = sql`(case when ${exponential} > backoff_max_ms then backoff_max_ms else ${exponential} end)`;
  const json = store.dialect.name === 'postgres' ? sql`::jsonb` : sql``;
  const { rows } = await againAfterDeadlock(() =>
    sql<{ status: string }>`
    update jobs set
      status = case when abort_requested = 1 then 'aborted' when ${retry} then 'queued' else 'failed' end,
      run_at = case when ${retry} then ${nowMs} + cast(${capped} * (0.5 + ${random} / 2) as bigint) else run_at end,
      finished_at = case when ${retry} then null else ${nowMs} end,
      error = case when abort_requested = 1 then coalesce(error, ${failure.error}${json}) else ${failure.error}${json} end,
      progress = coalesce(${failure.progress ?? null}${json}, progress),
      counters = coalesce(${failure.counters ?? null}${json}, counters),
      warnings = coalesce(${failure.warnings ?? null}${json}, warnings),
      updated_at = ${nowMs}, lease_owner = null, lease_expires_at = null
    where id = ${failure.id} and status = 'running' and lease_owner = ${owner}
    returning status`.execute(store.db),
  );
  return rows[0];
}

/** Hands running attempts back to the queue untouched (graceful shutdown): the attempt does not count. */
export async function releaseJobs(store: Store, owner: string, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const { nowMs } = store.dialect;
  const result = await sql`
    update jobs set status = case when abort_requested = 1 then 'aborted' else 'queued' end,
      finished_at = case when abort_requested = 1 then ${nowMs} else null end,
      attempt = attempt - 1, run_at = ${nowMs}, updated_at = ${nowMs}, lease_owner = null, lease_expires_at = null
    where id in (${sql.join(ids.map((id) => sql`${id}`))}) and status = 'running' and lease_owner = ${owner}`.execute(
    store.db,
  );
  return Number(result.numAffectedRows ?? 0n);
}

/**
 * Extends the leases of the running attempts `owner` still holds. Returns, for each, whether an
 * abort was asked for; ids missing from the answer are no longer held (lease lost).
 */
/** A lease renewed; `timed_out` 1: the attempt has run past the job's timeout (by the database clock). */
export interface RenewedLease {
  id: string;
  abort_requested: number;
  lease_expires_at: number;
  timed_out: number;
}

export async function renewLeases(
  store: Store,
  owner: string,
  ids: readonly string[],
  leaseMs: number,
): Promise<RenewedLease[]> {
  if (ids.length === 0) return [];
  if (store.dialect.driver.kind === 'sqlite') {
    const params = { ids: JSON.stringify(ids), owner, leaseMs };
    return withPrepared(store, (c) => c.statement(SQLITE_RENEW).all(params) as RenewedLease[]);
  }
  const { nowMs } = store.dialect;
  const { rows } = await sql<RenewedLease>`
    update jobs set lease_expires_at = ${nowMs} + ${leaseMs}
    where id in (${sql.join(ids.map((id) => sql`${id}`))}) and status = 'running' and lease_owner = ${owner}
    returning id, abort_requested, lease_expires_at,
      case when timeout_ms is not null and attempt_started_at + timeout_ms <= ${nowMs} then 1 else 0 end as timed_out`.execute(
    store.db,
  );
  return rows;
}

const SQLITE_RENEW = `
  update jobs set lease_expires_at = ${SQLITE_NOW_MS} + @leaseMs
  where id in (select value from json_each(@ids)) and status = 'running' and lease_owner = @owner
  returning id, abort_requested, lease_expires_at,
    case when timeout_ms is not null and attempt_started_at + timeout_ms <= ${SQLITE_NOW_MS} then 1 else 0 end as timed_out`;

/**
 * Attempts whose lease expired belong to a process that died: the job goes back to the queue as a
 * new attempt (or fails, with no attempts left; or ends aborted, if that was asked). Any process
 * may run this; the conditions make it safe to run concurrently.
 */
export async function recoverExpiredLeases(
  store: Store,
): Promise<
  Array<{ id: string; status: string; workspace_id: string; type: string; started_at: number | null }>
> {
  const { nowMs } = store.dialect;
  const lost = JSON.stringify({
    code: 'lease_expired',
    message: 'The worker running this attempt stopped heartbeating.',
  });
  const json = store.dialect.name === 'postgres' ? sql`::jsonb` : sql``;
  const { rows } = await sql<{
    id: string;
    status: string;
    workspace_id: string;
    type: string;
    started_at: number | null;
  }>`
    update jobs set
      status = case when abort_requested = 1 then 'aborted' when attempt < max_attempts then 'queued' else 'failed' end,
      finished_at = case when abort_requested = 0 and attempt < max_attempts then null else ${nowMs} end,
      error = case when abort_requested = 1 then coalesce(error, ${lost}${json}) else ${lost}${json} end, run_at = ${nowMs}, updated_at = ${nowMs}, lease_owner = null, lease_expires_at = null
    where status = 'running' and lease_expires_at < ${nowMs}
    returning id, status, workspace_id, type, started_at`.execute(store.db);
  return rows;
}
