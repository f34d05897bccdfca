import { sql } from 'kysely';
import type { Db, Store } from '../index.js';
import type { JobKeysTable } from '../tables.js';

export interface KeyLimitColumns {
  key_max_running: number | null;
  key_rate_max: number | null;
  key_rate_window_ms: number | null;
}

const limitsSet = (limits: KeyLimitColumns) => ({
  max_running: limits.key_max_running ?? 1,
  rate_max: limits.key_rate_max,
  rate_window_ms: limits.key_rate_window_ms,
});

/**
 * A type's new key limits, on every key of it in the workspace at once (a key's limits are the
 * latest set on it, by a new job or by this). A key whose limit rises may start jobs at the next
 * claim; one whose limit falls lets its running jobs finish.
 */
export async function setTypeKeyLimits(
  db: Db,
  workspaceId: string,
  type: string,
  limits: KeyLimitColumns,
): Promise<void> {
  await db
    .updateTable('job_keys')
    .set(limitsSet(limits))
    .where('type', '=', type)
    .where('workspace_id', '=', workspaceId)
    .execute();
}

/** A definition's new key limits, on the keys its unfinished instances hold. */
export async function setDefinitionKeyLimits(
  db: Db,
  definition: { id: string; workspace_id: string; type: string },
  limits: KeyLimitColumns,
): Promise<void> {
  await db
    .updateTable('job_keys')
    .set(limitsSet(limits))
    .where('type', '=', definition.type)
    .where('workspace_id', '=', definition.workspace_id)
    .where(
      'key',
      'in',
      db
        .selectFrom('jobs')
        .select(sql<string>`concurrency_key`.as('concurrency_key'))
        .where('definition_id', '=', definition.id)
        .where('concurrency_key', '<>', '')
        .where('status', 'in', ['waiting', 'queued', 'running']),
    )
    .execute();
}

/** One key's counts, limits and turn, or undefined when no job ever had it. */
export function findJobKey(
  db: Db,
  workspaceId: string,
  type: string,
  key: string,
): Promise<JobKeysTable | undefined> {
  return db
    .selectFrom('job_keys')
    .selectAll()
    .where('type', '=', type)
    .where('workspace_id', '=', workspaceId)
    .where('key', '=', key)
    .executeTakeFirst();
}

/** A workspace's keys with queued or running jobs, busiest first (at most `limit`). */
export function listBusyJobKeys(
  db: Db,
  workspaceId: string,
  type: string | undefined,
  limit: number,
): Promise<JobKeysTable[]> {
  let query = db
    .selectFrom('job_keys')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where((eb) => eb.or([eb('queued', '>', 0), eb('running', '>', 0)]));
  if (type !== undefined) query = query.where('type', '=', type);
  return query
    .orderBy(sql`queued + running`, 'desc')
    .orderBy('type')
    .orderBy('key')
    .limit(limit)
    .execute();
}

/** Forgets keys with no jobs left whose rate window has closed (their row only held counts of 0). */
export async function pruneIdleJobKeys(db: Db, now: number): Promise<number> {
  const result = await db
    .deleteFrom('job_keys')
    .where('queued', '=', 0)
    .where('running', '=', 0)
    .where((eb) =>
      eb.or([
        eb('rate_window_ms', 'is', null),
        eb(sql<number>`window_started_at + rate_window_ms`, '<', now),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * PostgreSQL: vacuums `job_keys` now. Every statement that creates, starts or ends keyed jobs
 * writes a new version of each key row it touches (never a HOT update: `next_at` is indexed, the
 * counts are in the ready index's predicate), and a dead version keeps its older `next_at`, so
 * the claim's probe of `job_keys_ready_idx` steps over it until a vacuum: 15,000 buffers a claim
 * after a 100,000-job keyed enqueue, 55 after (bench/results/keys.md). Autovacuum visits a
 * database once a minute at best; this small table is cheap to vacuum far more often (a table
 * with nothing to reclaim is skipped by its visibility map). Nothing to do on SQLite, which
 * updates rows in place.
 */
export async function vacuumJobKeys(store: Store): Promise<void> {
  if (store.dialect.name !== 'postgres') return;
  await sql`vacuum (skip_locked) job_keys`.execute(store.db);
}
