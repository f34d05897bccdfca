import { sql } from 'kysely';
import type { Store } from '../index.js';
import type { JobStatus } from '../tables.js';

export interface JobCount {
  type: string;
  status: JobStatus;
  count: number;
}

/** Jobs per (type, status), every workspace together, in one grouped query (for /metrics). */
export async function countJobsByTypeAndStatus(store: Store): Promise<JobCount[]> {
  const rows = await store.db
    .selectFrom('jobs')
    .select(['type', 'status', (eb) => eb.fn.countAll<number | string>().as('count')])
    .groupBy(['type', 'status'])
    .execute();
  return rows.map((r) => ({ type: r.type, status: r.status, count: Number(r.count) }));
}

export interface QueueStats {
  type: string;
  /** Queued jobs that are due (run_at ≤ now) and not paused: what workers could claim right now. */
  depth: number;
  /** now − the earliest run_at among them, in milliseconds (database clock). */
  oldestAgeMs: number;
}

/**
 * Due queued jobs per type and the age of the oldest, measured on the database clock like the
 * claim itself. Reads the claim index (status = 'queued', by type then run_at).
 */
export async function queuedJobStats(store: Store): Promise<QueueStats[]> {
  const { nowMs } = store.dialect;
  const rows = await store.db
    .selectFrom('jobs')
    .select((eb) => [
      'type',
      eb.fn.countAll<number | string>().as('depth'),
      sql<number | string>`${nowMs} - min(run_at)`.as('oldest_age_ms'),
    ])
    .where('status', '=', 'queued')
    .where('run_at', '<=', nowMs)
    // Paused ones wait for a resume, not for a worker: no claim would take them now.
    .where(
      sql<boolean>`not exists (select 1 from job_type_pauses p where p.type = jobs.type
        and (p.workspace_id is null or p.workspace_id = jobs.workspace_id))`,
    )
    .groupBy('type')
    .execute();
  return rows.map((r) => ({
    type: r.type,
    depth: Number(r.depth),
    oldestAgeMs: Math.max(0, Number(r.oldest_age_ms)),
  }));
}
