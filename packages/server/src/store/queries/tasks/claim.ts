import { sql } from 'kysely';
import type { Db, Store } from '../../index.js';
import type { TaskRow } from './read.js';
import { insertTaskEvents, type EventActor } from './assignment.js';

/**
 * The claim queue of a project (or of one of its batches), and the lease of a claimed task.
 *
 * The next task for a member: pending, in an active batch, assigned to nobody or to that member,
 * not skipped by that member, not gold (those are handed out by `claimGoldTask`, each member answering
 * them on their own); highest priority first, then oldest (ids follow creation order).
 *
 * Cost: the queue is the partial index `tasks_claim_idx (project_id, priority desc, id) where
 * status = 'pending'` (`tasks_claim_batch_idx` for one batch), read in its order from its head,
 * so a claim reads the few index entries before the first task it may take, whatever the size of
 * the project: the ones assigned to other members, skipped by this one, locked by a concurrent
 * claim, or in a batch that is not active. Tasks that are not pending are not in the index at all.
 * On 200,000 pending tasks the read is about 0.1 ms on PostgreSQL (one index entry read), a whole
 * claim 4.5 ms (0.2 ms on SQLite).
 *
 * PostgreSQL: the candidate is read `FOR UPDATE SKIP LOCKED`, so concurrent claims (in any
 * process) take different tasks without waiting for each other; SQLite has one writer, and the
 * claim runs in one transaction. On both, the update checks the status again (compare-and-set),
 * so a task is never handed to two members.
 */
export async function claimNextTask(
  store: Store,
  db: Db,
  claim: {
    projectId: string;
    batchId: string | null;
    memberId: string;
    leaseMs: number;
    who: EventActor;
    at: number;
  },
): Promise<{ task: TaskRow; seeded: boolean } | undefined> {
  const { projectId, batchId, memberId, at } = claim;
  const lock = store.dialect.locksRows ? sql`for update of t skip locked` : sql``;
  const queue =
    batchId === null
      ? sql`t.project_id = ${projectId}`
      : sql`t.batch_id = ${batchId} and t.project_id = ${projectId}`;
  // A candidate another claim took between the read and the update is tried again (SQLite never).
  for (let attempt = 0; attempt < 5; attempt++) {
    const { rows } = await sql<Pick<TaskRow, 'id' | 'data' | 'prediction_data'>>`
      select t.id, t.data, t.prediction_data from tasks t
      where ${queue} and t.status = 'pending'
        and (t.assignee_id is null or t.assignee_id = ${memberId})
        and not exists (select 1 from task_skips s where s.task_id = t.id and s.member_id = ${memberId})
        and not exists (select 1 from gold_tasks g where g.task_id = t.id)
        and exists (select 1 from batches b where b.id = t.batch_id and b.state = 'active')
      order by t.priority desc, t.id
      limit 1
      ${lock}`.execute(db);
    const candidate = rows[0];
    if (!candidate) return undefined;
    // Pre-labels: a task claimed while its data is still empty starts from its prediction's data.
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
    if (!task) continue;
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
 * Ends a live lease held by `memberId`: submit (`complete`, or `to_review` at the first review
 * stage when the project has stages, with the data given) or skip (back to
 * `pending`, unassigned from the member, remembered so the queue does not hand it back to them).
 * False when the lease expired or another member holds the task: nothing changed.
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
): Promise<boolean> {
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
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) return false;
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
        details:
          end.data !== undefined || reviewStage !== null
            ? {
                ...(end.data !== undefined ? { fields: ['data'] } : {}),
                ...(reviewStage !== null ? { reviewStage } : {}),
              }
            : null,
      },
    ],
    end.who,
    at,
  );
  return true;
}

function isEmptyObject(json: string): boolean {
  // Both backends hand JSON back as text; PostgreSQL's jsonb may space it differently.
  return json.replace(/\s/g, '') === '{}';
}

/** JSON read back from either backend, as the text a JSON column takes. */
function jsonText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
