import { sql, type RawBuilder } from 'kysely';
import type { Db, Store } from '../../index.js';
import { insertAuditEntries, type AuditRow } from '../audit.js';
import type { TaskRow } from './read.js';
import { insertTaskEvents, type EventActor } from './assignment.js';

/** A member's claim from a project's queue (or one batch's), with its lease and who makes it. */
export interface QueueClaim {
  projectId: string;
  batchId: string | null;
  memberId: string;
  leaseMs: number;
  who: EventActor;
  at: number;
}

/**
 * The claim queue of a project (or of one of its batches), and the lease of a claimed task.
 *
 * The next task for a member: pending, in an active batch, assigned to nobody or to that member,
 * not skipped by that member, not gold (those are handed out by `claimGoldTask`, each member answering
 * them on their own); highest priority first, then oldest (ids follow creation order).
 *
 * Cost: the project's active batches are read first (`batches_project_state_idx`), then each
 * one's queue, the partial index `tasks_claim_batch_idx (batch_id, priority desc, id) where status
 * = 'pending'`, from its head (`nextCandidate`): a claim reads the few index entries before the
 * first task it may take (assigned to other members, skipped by this one, locked by a concurrent
 * claim), and never the tasks of suspended, draft or pending batches. Tasks that are not pending
 * are not in the index at all. On 200,000 pending tasks the read is about 0.1 ms on PostgreSQL, a
 * whole claim 4.5 ms (0.2 ms on SQLite).
 *
 * It used to read the project's whole queue (`tasks_claim_idx`) and step over the tasks of
 * inactive batches one by one. With 50,000 pending tasks in a suspended batch ahead of an active
 * one (`npx tsx bench/claims/suspended-batch.ts sqlite|postgres`, 2-core machine under load):
 * PostgreSQL 30 ms and 2,252 buffers before, 1.3 ms (0.07 ms in EXPLAIN ANALYZE, 13 buffers)
 * after; SQLite 20 to 26 ms before, 0.02 ms after.
 *
 * PostgreSQL: the candidate is read `FOR UPDATE SKIP LOCKED`, so concurrent claims (in any
 * process) take different tasks without waiting for each other; SQLite has one writer, and the
 * claim runs in one transaction. On both, the update checks the status again (compare-and-set),
 * so a task is never handed to two members.
 */
export async function claimNextTask(
  store: Store,
  db: Db,
  claim: QueueClaim,
): Promise<{ task: TaskRow; seeded: boolean } | undefined> {
  const { projectId, batchId, memberId, at } = claim;
  const eligible = sql`(t.assignee_id is null or t.assignee_id = ${memberId})
    and not exists (select 1 from task_skips s where s.task_id = t.id and s.member_id = ${memberId})
    and not exists (select 1 from gold_tasks g where g.task_id = t.id)`;
  // A candidate another claim took between the read and the update is tried again (SQLite never).
  for (let attempt = 0; attempt < 5; attempt++) {
    const candidate = await nextCandidate<Pick<TaskRow, 'id' | 'data' | 'prediction_data'>>(store, db, {
      projectId,
      batchId,
      columns: sql`t.id, t.data, t.prediction_data`,
      eligible,
      lock: true,
    });
    if (!candidate) return undefined;
    const claimed = await leaseWholeTask(db, candidate, { ...claim, memberId, at });
    if (!claimed) continue;
    return claimed;
  }
  return undefined;
}

/**
 * The plain claim (no gold due, one annotation a task) with its audit entry (`audit`, whose
 * resource is the task taken and whose summary gains `seeded`): the project's expired leases
 * released, then the next task leased to the member with its history event. Returns the task as
 * leased, or undefined when the queue has nothing for the member.
 *
 * PostgreSQL: one call of `batchyard_claim_task` (store/task-claim-function.ts), one round trip
 * with plans kept per connection. It was nine round trips (BEGIN, a SELECT each for expired
 * leases, the batches and the head, the UPDATE, two INSERTs, COMMIT), each costing this process
 * a socket write and a wake-up and PostgreSQL a plan: what bounds claims per second under 64
 * members (docs/benchmarks.md#tasks). SQLite: one transaction of the same steps (its statements
 * cost no round trip).
 */
export async function claimNextTaskAudited(
  store: Store,
  claim: QueueClaim,
  audit: Omit<AuditRow, 'resource_id' | 'summary'> & { summary: Record<string, unknown> },
): Promise<TaskRow | undefined> {
  if (store.dialect.name !== 'postgres') {
    return store.transaction(async (trx) => {
      await releaseExpiredLeases(store, trx, claim.projectId, claim.at);
      const claimed = await claimNextTask(store, trx, claim);
      if (claimed) {
        const { summary, ...entry } = audit;
        const full = { ...summary, seeded: claimed.seeded };
        await insertAuditEntries(trx, [
          { ...entry, resource_id: claimed.task.id, summary: JSON.stringify(full) },
        ]);
      }
      return claimed?.task;
    });
  }
  const { summary, ...entry } = audit;
  const { rows } = await sql<TaskRow>`
    select * from batchyard_claim_task(${claim.projectId}, ${claim.batchId}, ${claim.memberId},
      ${claim.at + claim.leaseMs}, ${claim.at}, ${claim.who.actor}, ${claim.who.memberId},
      ${JSON.stringify({ ...entry, summary })})`.execute(store.db);
  return rows[0];
}

/**
 * Hands a pending task whole to one member under the task's own lease (compare-and-set on
 * `pending`), with its claim in the history. Pre-labels: a task claimed while its data is still
 * empty starts from its prediction's data. Undefined when another claim took it first.
 */
export async function leaseWholeTask(
  db: Db,
  candidate: Pick<TaskRow, 'id' | 'data' | 'prediction_data'>,
  claim: { memberId: string; leaseMs: number; who: EventActor; at: number },
): Promise<{ task: TaskRow; seeded: boolean } | undefined> {
  const { memberId, at } = claim;
  const seeded = candidate.prediction_data !== null && isEmptyObject(candidate.data);
  const task = await db
    .updateTable('tasks')
    .set({
      status: 'in_progress',
      lease_member_id: memberId,
      lease_expires_at: at + claim.leaseMs,
      updated_at: at,
      ...(seeded ? { data: jsonText(candidate.prediction_data) } : {}),
    })
    .where('id', '=', candidate.id)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
  if (!task) return undefined;
  await insertTaskEvents(
    db,
    [
      {
        taskId: task.id,
        from: 'pending',
        to: 'in_progress',
        action: 'claim',
        details: { leaseExpiresAt: at + claim.leaseMs, seeded },
      },
    ],
    claim.who,
    at,
  );
  return { task, seeded };
}

/**
 * The first task of a queue that a member may take (`eligible`, a condition on the task `t`),
 * read batch by batch: only active batches' tasks are workable, and reading each active batch's
 * queue (`tasks_claim_batch_idx`) never reads the tasks of the others. The active batches are put
 * in the order of the first task each holds for the member (one short index read per batch), then
 * the first batch's queue is read (PostgreSQL: `FOR UPDATE SKIP LOCKED` when `lock`), falling to the
 * next batch when a concurrent claim holds all of its candidates.
 */
export async function nextCandidate<T>(
  store: Store,
  db: Db,
  q: {
    projectId: string;
    batchId: string | null;
    columns: RawBuilder<unknown>;
    eligible: RawBuilder<unknown>;
    lock: boolean;
  },
): Promise<T | undefined> {
  const oneBatch = q.batchId === null ? sql`` : sql`and b.id = ${q.batchId}`;
  const { rows: batches } = await sql<{ batch_id: string }>`
    select h.batch_id from (
      select b.id as batch_id,
        (select t.id from tasks t
          where t.batch_id = b.id and t.status = 'pending' and ${q.eligible}
          order by t.priority desc, t.id limit 1) as head
      from batches b
      where b.project_id = ${q.projectId} and b.state = 'active' ${oneBatch}
    ) h
    join tasks c on c.id = h.head
    order by c.priority desc, c.id`.execute(db);
  const lock = q.lock && store.dialect.locksRows ? sql`for update of t skip locked` : sql``;
  for (const { batch_id: batchId } of batches) {
    const { rows } = await sql<T>`
      select ${q.columns} from tasks t
      where t.batch_id = ${batchId} and t.status = 'pending' and ${q.eligible}
      order by t.priority desc, t.id
      limit 1
      ${lock}`.execute(db);
    if (rows[0]) return rows[0];
  }
  return undefined;
}

/**
 * Expired leases of a project (null: of every project) go back to the queue (`pending`), their data
 * as the member left it: at most `limit` per call, the oldest first, skipping those another claim
 * is releasing. Returns their ids. Only leased tasks are in `tasks_lease_idx`, so this reads no other.
 */
export async function releaseExpiredLeases(
  store: Store,
  db: Db,
  projectId: string | null,
  at: number,
  limit = 100,
): Promise<string[]> {
  const lock = store.dialect.locksRows ? sql`for update skip locked` : sql``;
  const project = projectId === null ? sql`` : sql`project_id = ${projectId} and`;
  const { rows } = await sql<Pick<TaskRow, 'id' | 'lease_member_id'>>`
    select id, lease_member_id from tasks
    where ${project} lease_expires_at is not null and lease_expires_at <= ${at}
      and status = 'in_progress'
    order by lease_expires_at
    limit ${limit}
    ${lock}`.execute(db);
  if (rows.length === 0) return [];
  const released = await db
    .updateTable('tasks')
    .set({ status: 'pending', lease_member_id: null, lease_expires_at: null, updated_at: at })
    .where(
      'id',
      'in',
      rows.map((r) => r.id),
    )
    .where('status', '=', 'in_progress')
    .where('lease_expires_at', '<=', at)
    .returning(['id'])
    .execute();
  const holder = new Map(rows.map((r) => [r.id, r.lease_member_id]));
  await insertTaskEvents(
    db,
    released.map((r) => ({
      taskId: r.id,
      from: 'in_progress' as const,
      to: 'pending' as const,
      action: 'lease_expired',
      details: { memberId: holder.get(r.id) ?? null },
    })),
    { actor: null, memberId: null },
    at,
  );
  return released.map((r) => r.id);
}

/** A task with what a member's lease call on it decides by, read in one statement (see {@link findLeasedTask}). */
export type LeasedTaskRow = TaskRow & {
  /** Its batch's state (null when the batch is gone). */
  batch_state: string | null;
  /** Its project's stored workflow (JSON text). */
  project_workflow: string | null;
  /** The member holds one of its consensus places. */
  consensus_lease: boolean;
  /** The member holds it as a gold task. */
  gold_claim: boolean;
};

/**
 * A task of the workspace (null: any) with, for `memberId`, what a submit or skip decides by: its
 * batch's state, its project's workflow, and whether the member holds a consensus place or a gold
 * claim of it. One statement where there used to be five, the submit's hot path on PostgreSQL.
 */
export async function findLeasedTask(
  db: Db,
  id: string,
  workspaceId: string | null,
  memberId: string,
): Promise<LeasedTaskRow | undefined> {
  const { rows } = await sql<
    TaskRow &
      Omit<LeasedTaskRow, 'consensus_lease' | 'gold_claim'> & {
        consensus_lease: unknown;
        gold_claim: unknown;
      }
  >`
    select t.*,
      (select b.state from batches b where b.id = t.batch_id) as batch_state,
      (select p.workflow from projects p where p.id = t.project_id) as project_workflow,
      exists (select 1 from task_leases l where l.task_id = t.id and l.member_id = ${memberId}) as consensus_lease,
      exists (select 1 from gold_answers g
              where g.task_id = t.id and g.member_id = ${memberId} and g.status = 'claimed') as gold_claim
    from tasks t
    where t.id = ${id} ${workspaceId === null ? sql`` : sql`and t.workspace_id = ${workspaceId}`}`.execute(
    db,
  );
  const row = rows[0];
  // SQLite answers EXISTS with 0 or 1, PostgreSQL with a boolean.
  return (
    row && { ...row, consensus_lease: Boolean(row.consensus_lease), gold_claim: Boolean(row.gold_claim) }
  );
}

/** Extends a live lease held by `memberId`; false when it expired or another member holds the task. */
export async function renewLease(
  db: Db,
  taskId: string,
  memberId: string,
  leaseMs: number,
  at: number,
): Promise<boolean> {
  const result = await db
    .updateTable('tasks')
    .set({ lease_expires_at: at + leaseMs })
    .where('id', '=', taskId)
    .where('status', '=', 'in_progress')
    .where('lease_member_id', '=', memberId)
    .where('lease_expires_at', '>', at)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * A submit's {@link endLease} with its audit entry: on PostgreSQL one data-modifying statement (the
 * update, its history event and the audit entry, written only when the lease was live), where a
 * transaction took five round trips; on SQLite one transaction. Skips go through
 * {@link endLease} (they also remember the skip).
 */
export async function submitLeaseAudited(
  store: Store,
  end: {
    taskId: string;
    memberId: string;
    data?: string | undefined;
    reviewStage: string | null;
    who: EventActor;
    at: number;
  },
  audit: AuditRow,
): Promise<TaskRow | undefined> {
  if (store.dialect.name !== 'postgres') {
    return store.transaction(async (trx) => {
      const ended = await endLease(trx, { ...end, outcome: 'submit' });
      if (ended) await insertAuditEntries(trx, [audit]);
      return ended;
    });
  }
  const { taskId, memberId, reviewStage, at, who } = end;
  const to = reviewStage !== null ? 'to_review' : 'complete';
  const details = endDetails(end.data, reviewStage);
  const { rows } = await sql<TaskRow>`
    with u as (
      update tasks set status = ${to}, lease_member_id = null, lease_expires_at = null, updated_at = ${at},
        ${end.data !== undefined ? sql`data = ${end.data}::jsonb,` : sql``}
        review_submitter = ${memberId}, review_stage = ${reviewStage}
      where id = ${taskId} and status = 'in_progress' and lease_member_id = ${memberId}
        and lease_expires_at > ${at}
      returning *
    ), e as (
      insert into task_events (task_id, from_status, to_status, action, actor, member_id, reason, details, at)
      select u.id, 'in_progress', ${to}::text, 'submit', ${who.actor}::text, ${who.memberId}::text, null,
        ${details === null ? null : JSON.stringify(details)}::jsonb, ${at}::bigint
      from u
    ), a as (
      insert into audit_log (id, workspace_id, actor_kind, actor_id, actor_name, action, resource_type,
        resource_id, request_id, actor_member_id, summary, created_at)
      select ${audit.id}::text, ${audit.workspace_id}::text, ${audit.actor_kind}::text, ${audit.actor_id}::text,
        ${audit.actor_name}::text, ${audit.action}::text, ${audit.resource_type}::text, ${audit.resource_id}::text,
        ${audit.request_id}::text, ${audit.actor_member_id}::text, ${audit.summary}::jsonb, ${audit.created_at}::bigint
      from u
    )
    select * from u`.execute(store.db);
  return rows[0];
}

/**
 * Ends a live lease held by `memberId`: submit (`complete`, or `to_review` at the first review
 * stage when the project has stages, with the data given) or skip (back to
 * `pending`, unassigned from the member, remembered so the queue does not hand it back to them).
 * Returns the task as it now is; undefined when the lease expired or another member holds the
 * task: nothing changed.
 */
export async function endLease(
  db: Db,
  end: {
    taskId: string;
    memberId: string;
    outcome: 'submit' | 'skip';
    data?: string | undefined;
    reason?: string | undefined;
    /** A submit into a project with review stages goes to review, waiting at this (first) stage. */
    reviewStage?: string | null | undefined;
    who: EventActor;
    at: number;
  },
): Promise<TaskRow | undefined> {
  const { taskId, memberId, at } = end;
  const reviewStage = end.outcome === 'submit' ? (end.reviewStage ?? null) : null;
  const to = end.outcome === 'submit' ? (reviewStage !== null ? 'to_review' : 'complete') : 'pending';
  const result = await db
    .updateTable('tasks')
    .set((eb) => ({
      status: to,
      lease_member_id: null,
      lease_expires_at: null,
      updated_at: at,
      ...(end.data !== undefined ? { data: end.data } : {}),
      // Who submitted: a rejection hands the task back to them.
      ...(end.outcome === 'submit' ? { review_submitter: memberId, review_stage: reviewStage } : {}),
      ...(end.outcome === 'skip'
        ? {
            assignee_id: eb
              .case()
              .when('assignee_id', '=', memberId)
              .then(sql<string | null>`null`)
              .else(eb.ref('assignee_id'))
              .end(),
          }
        : {}),
    }))
    .where('id', '=', taskId)
    .where('status', '=', 'in_progress')
    .where('lease_member_id', '=', memberId)
    .where('lease_expires_at', '>', at)
    .returningAll()
    .executeTakeFirst();
  if (!result) return undefined;
  if (end.outcome === 'skip') {
    await db
      .insertInto('task_skips')
      .values({ task_id: taskId, member_id: memberId, reason: end.reason ?? '', at })
      .onConflict((oc) => oc.columns(['task_id', 'member_id']).doUpdateSet({ reason: end.reason ?? '', at }))
      .execute();
  }
  await insertTaskEvents(
    db,
    [
      {
        taskId,
        from: 'in_progress',
        to,
        action: end.outcome,
        reason: end.reason ?? null,
        details: endDetails(end.data, reviewStage),
      },
    ],
    end.who,
    at,
  );
  return result;
}

/** A lease end's history details: whether data came with it, and the review stage it waits at. */
function endDetails(data: string | undefined, reviewStage: string | null): Record<string, unknown> | null {
  if (data === undefined && reviewStage === null) return null;
  return {
    ...(data !== undefined ? { fields: ['data'] } : {}),
    ...(reviewStage !== null ? { reviewStage } : {}),
  };
}

function isEmptyObject(json: string): boolean {
  // Both backends hand JSON back as text; PostgreSQL's jsonb may space it differently.
  return json.replace(/\s/g, '') === '{}';
}

/** JSON read back from either backend, as the text a JSON column takes. */
function jsonText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
