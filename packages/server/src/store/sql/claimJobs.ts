import { sql } from 'kysely';
import type { Store } from '../index.js';
import type { JobsTable } from '../tables.js';

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
 * PostgreSQL: SKIP LOCKED lets concurrent claimers take disjoint rows without waiting. SQLite has
 * one writer at a time, so the same statement without row locks is already exclusive. The CTE on
 * PostgreSQL fences the planner so no more than `limit` rows are updated.
 */
export async function claimJobs(store: Store, options: ClaimOptions): Promise<JobsTable[]> {
  const { nowMs } = store.dialect;
  const typeFilter =
    options.types === null ? sql`` : sql`and type in (${sql.join(options.types.map((t) => sql`${t}`))})`;
  const workspaceFilter =
    options.workspaceId === null ? sql`` : sql`and workspace_id = ${options.workspaceId}`;
  const due = sql`status = 'queued' and run_at <= ${nowMs} ${typeFilter} ${workspaceFilter}`;
  const set = sql`status = 'running', attempt = attempt + 1, lease_owner = ${options.owner},
    lease_expires_at = ${nowMs} + ${options.leaseMs}, started_at = coalesce(started_at, ${nowMs}),
    updated_at = ${nowMs}, abort_requested = 0`;

  const query =
    store.dialect.name === 'postgres'
      ? sql<JobsTable>`
        with picked as (
          select id from jobs where ${due}
          order by priority desc, run_at, id
          limit ${options.limit}
          for update skip locked
        )
        update jobs set ${set} from picked where jobs.id = picked.id
        returning jobs.*`
      : sql<JobsTable>`
        update jobs set ${set}
        where id in (select id from jobs where ${due} order by priority desc, run_at, id limit ${options.limit})
        returning *`;
  const { rows } = await query.execute(store.db);
  return rows.sort((a, b) => b.priority - a.priority || a.run_at - b.run_at || (a.id < b.id ? -1 : 1));
}
