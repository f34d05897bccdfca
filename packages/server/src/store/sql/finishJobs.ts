import { sql } from 'kysely';
import type { Store } from '../index.js';

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
 * meanwhile), many at once. Returns the ids it ended: a job whose lease was lost is not touched.
 */
export async function completeJobs(
  store: Store,
  owner: string,
  completions: readonly Completion[],
): Promise<string[]> {
  if (completions.length === 0) return [];
  const { nowMs } = store.dialect;
  const values = sql.join(
    completions.map(
      (c) => sql`(${c.id}, ${c.result}, ${c.progress ?? null}, ${c.counters ?? null}, ${c.warnings ?? null})`,
    ),
  );
  const jsonType = store.dialect.name === 'postgres' ? sql`::jsonb` : sql``;
  const query =
    store.dialect.name === 'postgres'
      ? sql<{ id: string }>`
        update jobs set
          status = case when jobs.abort_requested = 1 then 'aborted' else 'succeeded' end,
          result = case when jobs.abort_requested = 1 then null else done.result${jsonType} end,
          progress = coalesce(done.progress${jsonType}, jobs.progress),
          counters = coalesce(done.counters${jsonType}, jobs.counters),
          warnings = coalesce(done.warnings${jsonType}, jobs.warnings),
          finished_at = ${nowMs}, updated_at = ${nowMs}, lease_owner = null, lease_expires_at = null
        from (values ${values}) as done(id, result, progress, counters, warnings)
        where jobs.id = done.id and jobs.status = 'running' and jobs.lease_owner = ${owner}
        returning jobs.id`
      : sql<{ id: string }>`
        with done(id, result, progress, counters, warnings) as (values ${values})
        update jobs set
          status = case when abort_requested = 1 then 'aborted' else 'succeeded' end,
          result = case when abort_requested = 1 then null else (select result from done where done.id = jobs.id) end,
          progress = coalesce((select progress from done where done.id = jobs.id), progress),
          counters = coalesce((select counters from done where done.id = jobs.id), counters),
          warnings = coalesce((select warnings from done where done.id = jobs.id), warnings),
          finished_at = ${nowMs}, updated_at = ${nowMs}, lease_owner = null, lease_expires_at = null
        where id in (select id from done) and status = 'running' and lease_owner = ${owner}
        returning id`;
  const { rows } = await query.execute(store.db);
  return rows.map((r) => r.id);
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
  const { rows } = await sql<{ status: string }>`
    update jobs set
      status = case when abort_requested = 1 then 'aborted' when ${retry} then 'queued' else 'failed' end,
      run_at = case when ${retry} then ${nowMs} + cast(${capped} * (0.5 + ${random} / 2) as bigint) else run_at end,
      finished_at = case when ${retry} then null else ${nowMs} end,
      error = ${failure.error}${json},
      progress = coalesce(${failure.progress ?? null}${json}, progress),
      counters = coalesce(${failure.counters ?? null}${json}, counters),
      warnings = coalesce(${failure.warnings ?? null}${json}, warnings),
      updated_at = ${nowMs}, lease_owner = null, lease_expires_at = null
    where id = ${failure.id} and status = 'running' and lease_owner = ${owner}
    returning status`.execute(store.db);
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
export async function renewLeases(
  store: Store,
  owner: string,
  ids: readonly string[],
  leaseMs: number,
): Promise<Array<{ id: string; abort_requested: number; lease_expires_at: number }>> {
  if (ids.length === 0) return [];
  const { nowMs } = store.dialect;
  const { rows } = await sql<{ id: string; abort_requested: number; lease_expires_at: number }>`
    update jobs set lease_expires_at = ${nowMs} + ${leaseMs}
    where id in (${sql.join(ids.map((id) => sql`${id}`))}) and status = 'running' and lease_owner = ${owner}
    returning id, abort_requested, lease_expires_at`.execute(store.db);
  return rows;
}

/**
 * Attempts whose lease expired belong to a process that died: the job goes back to the queue as a
 * new attempt (or fails, with no attempts left; or ends aborted, if that was asked). Any process
 * may run this; the conditions make it safe to run concurrently.
 */
export async function recoverExpiredLeases(
  store: Store,
): Promise<Array<{ id: string; status: string; workspace_id: string; type: string }>> {
  const { nowMs } = store.dialect;
  const lost = JSON.stringify({
    code: 'lease_expired',
    message: 'The worker running this attempt stopped heartbeating.',
  });
  const json = store.dialect.name === 'postgres' ? sql`::jsonb` : sql``;
  const { rows } = await sql<{ id: string; status: string; workspace_id: string; type: string }>`
    update jobs set
      status = case when abort_requested = 1 then 'aborted' when attempt < max_attempts then 'queued' else 'failed' end,
      finished_at = case when abort_requested = 0 and attempt < max_attempts then null else ${nowMs} end,
      error = ${lost}${json}, run_at = ${nowMs}, updated_at = ${nowMs}, lease_owner = null, lease_expires_at = null
    where status = 'running' and lease_expires_at < ${nowMs}
    returning id, status, workspace_id, type`.execute(store.db);
  return rows;
}
