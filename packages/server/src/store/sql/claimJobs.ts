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
 * PostgreSQL: one call of the PL/pgSQL function `batchyard_claim_jobs` (store/job-claim-function.ts),
 * whose small statements keep their plans per connection; the heads are read with SKIP LOCKED,
 * so concurrent claimers take disjoint rows without waiting. (As one big statement, the claim was
 * planned on every call: 1.0–1.3 ms of planning for 1.3–1.7 ms of work.) SQLite has one writer at
 * a time: the same steps, each a statement prepared once per connection, in one immediate
 * transaction.
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
  const selected = columns === 'job' ? sql`*` : sql.join(RUN_COLUMNS.map((c) => sql.ref(c)));
  const { rows } = await sql<T>`select ${selected} from batchyard_claim_jobs(
    ${[...options.types]}::text[], ${options.workspaceId}::text, ${options.after}::text,
    ${options.limit}::integer, ${options.owner}::text, ${options.leaseMs}::bigint)`.execute(store.db);
  return rows;
}
