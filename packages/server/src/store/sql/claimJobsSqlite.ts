import type { Store } from '../index.js';
import type { ClaimOptions, Columns } from './claimJobs.js';
import { SQLITE_NOW_MS, withPrepared } from './prepared.js';

// The SQLite side of claimJobs (see there for the four steps): the PostgreSQL statement's steps as
// statements of their own, since SQLite has no LATERAL; one writer at a time makes them exclusive.

const PAUSED_HERE = `exists (select 1 from job_type_pauses p where p.type = walk.type and p.workspace_id = walk.workspace_id)`;
const NEXT_WORKSPACE = (type: string, above: string) =>
  `(select min(j.workspace_id) from jobs j where j.status = 'queued' and j.type = ${type} and ${above})`;
const WANTED = `wanted(type) as (
    select w.value from json_each(@types) as w
    where not exists (select 1 from job_type_pauses p where p.type = w.value and p.workspace_id is null))`;

/** Step 1: the (type, workspace) queues to visit, with each workspace's weight, in rotation order. */
const QUEUES = `with recursive ${WANTED},
  walk(type, part, workspace_id, n) as (
    select wanted.type, 0, ${NEXT_WORKSPACE('wanted.type', 'j.workspace_id > @after')}, 0 from wanted
    union all
    select wanted.type, 1, ${NEXT_WORKSPACE('wanted.type', 'j.workspace_id <= @after')}, 0 from wanted
    union all
    select walk.type, walk.part,
      ${NEXT_WORKSPACE('walk.type', 'j.workspace_id > walk.workspace_id and (walk.part = 0 or j.workspace_id <= @after)')},
      walk.n + case when ${PAUSED_HERE} then 0 else 1 end
    from walk where walk.workspace_id is not null and walk.n < @limit
  )
  select walk.type, walk.workspace_id as workspaceId, walk.part, ws.claim_weight as weight
  from walk join workspaces ws on ws.id = walk.workspace_id
  where not ${PAUSED_HERE}`;

/** Step 1 for one workspace's claim: its unpaused types. */
const QUEUES_OF_WORKSPACE = `with ${WANTED}
  select wanted.type, @workspaceId as workspaceId, 0 as part, 1 as weight from wanted
  where not exists (select 1 from job_type_pauses p where p.type = wanted.type and p.workspace_id = @workspaceId)`;

/** Step 2: one queue's first due unkeyed jobs, or (`@key`) one key's. */
const HEAD = `select id, priority, run_at from jobs
  where status = 'queued' and type = @type and workspace_id = @workspaceId and concurrency_key = @key
    and run_at <= ${SQLITE_NOW_MS} and (start_before is null or start_before > ${SQLITE_NOW_MS})
  order by priority desc, run_at, id limit @quota`;

/**
 * Step 2, keys: a queue's keys that may start a job now, oldest turn first (see claimJobs.ts),
 * each with its first due job in the same statement (most keys give one job a claim: one statement
 * for all of them, not one per key). `id` is null for a key with nothing due.
 */
const READY_KEYS = `select k.key, k.slots, j.id, j.priority, j.run_at from (
    select key, min(max_running - running, case when rate_max is null then max_running
        when ${SQLITE_NOW_MS} >= window_started_at + rate_window_ms then rate_max
        else rate_max - window_starts end) as slots, next_at
    from job_keys indexed by job_keys_ready_idx
    where type = @type and workspace_id = @workspaceId and queued > 0 and running < max_running
      and next_at <= ${SQLITE_NOW_MS}
    order by next_at limit @quota
  ) as k
  left join jobs j on j.id = (select id from jobs
    where status = 'queued' and type = @type and workspace_id = @workspaceId and concurrency_key = k.key
      and run_at <= ${SQLITE_NOW_MS} and (start_before is null or start_before > ${SQLITE_NOW_MS})
    order by priority desc, run_at, id limit 1)
  order by k.next_at`;

/** A key given its turn with no job due waits until its first one is (see claimJobs.ts). */
const IDLE_KEY = `update job_keys set next_at = coalesce((select min(run_at) from jobs
    where status = 'queued' and type = @type and workspace_id = @workspaceId and concurrency_key = @key
      and run_at > ${SQLITE_NOW_MS}), ${SQLITE_NOW_MS} + 1000)
  where type = @type and workspace_id = @workspaceId and key = @key`;

/** Step 4: starts an attempt on the jobs whose ids are the JSON array `@ids`. */
function startText(columns: Columns, runColumns: readonly string[]): string {
  const now = SQLITE_NOW_MS;
  return `update jobs set status = 'running', attempt = attempt + 1, lease_owner = @owner,
      lease_expires_at = ${now} + @leaseMs, started_at = coalesce(started_at, ${now}), attempt_started_at = ${now},
      updated_at = ${now}, abort_requested = 0
    where id in (select value from json_each(@ids))
    returning ${columns === 'job' ? '*' : runColumns.join(', ')}`;
}
const startTexts = new Map<Columns, string>();

interface Queue {
  type: string;
  workspaceId: string;
  part: number;
  weight: number;
}
interface ReadyKey {
  key: string;
  slots: number;
  /** Its first due job (null: none is due). */
  id: string | null;
  priority: number | null;
  run_at: number | null;
}
interface Head {
  id: string;
  priority: number;
  run_at: number;
}

/**
 * Picks, then starts, in one write transaction (other processes may share the file). The picks
 * are plain reads of the claim index; most claims find nothing (a runner asks whenever a job is
 * queued or ends), and an UPDATE … WHERE id IN (that read) cost about 1 ms even then, 300 times
 * the read.
 */
export function claimSqlite<T>(
  store: Store,
  options: ClaimOptions & { after: string },
  columns: Columns,
  runColumns: readonly string[],
): Promise<T[]> {
  const { limit } = options;
  const types = JSON.stringify(options.types);
  let start = startTexts.get(columns);
  if (start === undefined) startTexts.set(columns, (start = startText(columns, runColumns)));
  return withPrepared(store, (c) =>
    c.immediate(() => {
      const queues = (
        options.workspaceId === null
          ? c.statement(QUEUES).all({ types, after: options.after, limit })
          : c.statement(QUEUES_OF_WORKSPACE).all({ types, workspaceId: options.workspaceId })
      ) as Queue[];
      if (queues.length === 0) return [];
      const ids = pick(queues, limit, (queue, quota) => {
        const at = { type: queue.type, workspaceId: queue.workspaceId };
        const heads = c.statement(HEAD).all({ ...at, key: '', quota }) as Head[];
        let left = quota;
        for (const ready of c.statement(READY_KEYS).all({ ...at, quota }) as ReadyKey[]) {
          if (left <= 0) break;
          if (ready.id === null) {
            c.statement(IDLE_KEY).run({ ...at, key: ready.key });
            continue;
          }
          const take = Math.min(ready.slots, left);
          // A key with more than one free slot: its next jobs too.
          const jobs =
            take > 1
              ? (c.statement(HEAD).all({ ...at, key: ready.key, quota: take }) as Head[])
              : [{ id: ready.id, priority: ready.priority!, run_at: ready.run_at! }];
          left -= jobs.length;
          heads.push(...jobs);
        }
        return heads;
      });
      if (ids.length === 0) return [];
      return c
        .statement(start)
        .all({ owner: options.owner, leaseMs: options.leaseMs, ids: JSON.stringify(ids) }) as T[];
    }),
  );
}

/** Steps 2 and 3: each queue's share of heads, then rounds across workspaces up to `limit`. */
function pick(queues: Queue[], limit: number, head: (queue: Queue, quota: number) => Head[]): string[] {
  const totals = new Map<string, number>();
  for (const q of queues) totals.set(q.type, (totals.get(q.type) ?? 0) + q.weight);
  const byWorkspace = new Map<string, { queue: Queue; jobs: Head[] }>();
  for (const queue of queues) {
    const total = totals.get(queue.type)!;
    const jobs = head(queue, Math.ceil((limit * queue.weight) / total));
    if (jobs.length === 0) continue;
    const entry = byWorkspace.get(queue.workspaceId);
    if (entry) entry.jobs.push(...jobs);
    else byWorkspace.set(queue.workspaceId, { queue, jobs });
  }
  // One workspace (the usual case): its jobs in priority order are the answer.
  const ranked: Array<{ id: string; round: number; part: number; workspaceId: string; job: Head }> = [];
  for (const { queue, jobs } of byWorkspace.values()) {
    jobs.sort(inPriorityOrder);
    jobs.forEach((job, rank) =>
      ranked.push({
        id: job.id,
        round: Math.floor(rank / queue.weight),
        part: queue.part,
        workspaceId: queue.workspaceId,
        job,
      }),
    );
  }
  if (byWorkspace.size > 1)
    ranked.sort(
      (a, b) =>
        a.round - b.round ||
        a.part - b.part ||
        (a.workspaceId < b.workspaceId ? -1 : a.workspaceId > b.workspaceId ? 1 : 0) ||
        inPriorityOrder(a.job, b.job),
    );
  return ranked.slice(0, limit).map((r) => r.id);
}

function inPriorityOrder(a: Head, b: Head): number {
  return b.priority - a.priority || a.run_at - b.run_at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
