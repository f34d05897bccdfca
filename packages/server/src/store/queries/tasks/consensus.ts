import { sql } from 'kysely';
import type { Db, Store } from '../../index.js';
import type { TaskAnnotationsTable, TaskStatus } from '../../tables.js';
import { insertTaskEvents, type EventActor } from './assignment.js';
import { leaseWholeTask, nextCandidate } from './claim.js';
import type { TaskRow } from './read.js';

/**
 * Consensus: a task of a project with `annotationsPerTask` N > 1 collects N annotations from N
 * different members. While it collects, each member at work holds a lease row of its own
 * (`task_leases`), and `consensus_slots` counts the places taken (leases held + annotations made):
 * the task stays `pending` (claimable) while a place is free and is `in_progress` when all N are
 * taken. Every change of the count is a compare-and-set on the task's row (`consensus_slots < N`),
 * so concurrent claims in any number of processes never take more than N places: PostgreSQL
 * serialises updates of one row and re-checks the condition on the row as the first one left it.
 * Once the task has N annotations (`annotation_count >= N`) it is claimed as any other task.
 */

export type AnnotationRow = TaskAnnotationsTable;

/**
 * The next task for a member in a consensus project: as `claimNextTask`, among the tasks that
 * still collect annotations with a free place the member has not annotated nor holds, or that are
 * done collecting (rework after a redo or a rejection, claimed whole).
 */
export async function claimConsensusTask(
  store: Store,
  db: Db,
  claim: {
    projectId: string;
    batchId: string | null;
    memberId: string;
    required: number;
    leaseMs: number;
    who: EventActor;
    at: number;
  },
): Promise<{ task: TaskRow; seeded: boolean } | undefined> {
  const { projectId, batchId, memberId, required: n, at } = claim;
  const eligible = sql`(t.assignee_id is null or t.assignee_id = ${memberId})
    and not exists (select 1 from task_skips s where s.task_id = t.id and s.member_id = ${memberId})
    and not exists (select 1 from gold_tasks g where g.task_id = t.id)
    and (t.annotation_count >= ${n} or (t.consensus_slots < ${n}
      and not exists (select 1 from task_annotations a where a.task_id = t.id and a.member_id = ${memberId})
      and not exists (select 1 from task_leases l where l.task_id = t.id and l.member_id = ${memberId})))`;
  // A place another claim took between the read and the update is tried again (SQLite never). No
  // row lock: up to N members take places on the same task at once, counted by compare-and-set.
  for (let attempt = 0; attempt < 8; attempt++) {
    const candidate = await nextCandidate<
      Pick<TaskRow, 'id' | 'data' | 'prediction_data' | 'annotation_count'>
    >(store, db, {
      projectId,
      batchId,
      columns: sql`t.id, t.data, t.prediction_data, t.annotation_count`,
      eligible,
      lock: false,
    });
    if (!candidate) return undefined;
    const seeded = candidate.prediction_data !== null && isEmptyObject(candidate.data);
    if (Number(candidate.annotation_count) >= n) {
      // Done collecting: the whole task, under the task's own lease.
      const whole = await leaseWholeTask(db, candidate, claim);
      if (!whole) continue;
      return whole;
    }
    // A place: the member's lease first (a second claim of the same member waits here, then finds it
    // taken), then the count, compare-and-set.
    const leased = await db
      .insertInto('task_leases')
      .values({
        task_id: candidate.id,
        member_id: memberId,
        project_id: projectId,
        expires_at: at + claim.leaseMs,
      })
      .onConflict((oc) => oc.columns(['task_id', 'member_id']).doNothing())
      .returning('task_id')
      .executeTakeFirst();
    if (!leased) continue;
    const task = await db
      .updateTable('tasks')
      .set({
        consensus_slots: sql<number>`consensus_slots + 1`,
        status: sql<TaskStatus>`case when consensus_slots + 1 >= ${n} then 'in_progress' else 'pending' end`,
        updated_at: at,
      })
      .where('id', '=', candidate.id)
      .where('status', '=', 'pending')
      .where('consensus_slots', '<', n)
      .where('annotation_count', '<', n)
      .returningAll()
      .executeTakeFirst();
    if (!task) {
      await dropLease(db, candidate.id, memberId);
      continue;
    }
    await claimEvent(db, claim, task.id, task.status, {
      leaseExpiresAt: at + claim.leaseMs,
      seeded,
      consensus: { places: Number(task.consensus_slots), of: n },
    });
    // Each annotator starts from the task's data as created (or its prediction), never another's work.
    return { task: seeded ? { ...task, data: jsonText(candidate.prediction_data) } : task, seeded };
  }
  return undefined;
}

function claimEvent(
  db: Db,
  claim: { who: EventActor; at: number },
  taskId: string,
  to: TaskStatus,
  details: Record<string, unknown>,
) {
  return insertTaskEvents(
    db,
    [{ taskId, from: 'pending', to, action: 'claim', details }],
    claim.who,
    claim.at,
  );
}

async function dropLease(db: Db, taskId: string, memberId: string) {
  await db
    .deleteFrom('task_leases')
    .where('task_id', '=', taskId)
    .where('member_id', '=', memberId)
    .execute();
}

/** Whether a member holds a consensus lease on a task (live or expired but not yet released). */
export async function holdsConsensusLease(db: Db, taskId: string, memberId: string): Promise<boolean> {
  const row = await db
    .selectFrom('task_leases')
    .select('task_id')
    .where('task_id', '=', taskId)
    .where('member_id', '=', memberId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Extends a member's live consensus lease; false when it expired or was released. */
export async function renewConsensusLease(
  db: Db,
  taskId: string,
  memberId: string,
  leaseMs: number,
  at: number,
) {
  const result = await db
    .updateTable('task_leases')
    .set({ expires_at: at + leaseMs })
    .where('task_id', '=', taskId)
    .where('member_id', '=', memberId)
    .where('expires_at', '>', at)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Ends a member's live consensus lease (deleted): false when it expired or was released. */
async function takeLiveLease(db: Db, taskId: string, memberId: string, at: number): Promise<boolean> {
  const result = await db
    .deleteFrom('task_leases')
    .where('task_id', '=', taskId)
    .where('member_id', '=', memberId)
    .where('expires_at', '>', at)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Gives a place back: one fewer taken, and the task claimable again if it was full. */
async function freePlace(db: Db, taskId: string, at: number) {
  return db
    .updateTable('tasks')
    .set({
      consensus_slots: sql<number>`case when consensus_slots > 0 then consensus_slots - 1 else 0 end`,
      status: sql<TaskStatus>`case when status = 'in_progress' and lease_member_id is null then 'pending' else status end`,
      updated_at: at,
    })
    .where('id', '=', taskId)
    .returning(['id', 'status'])
    .executeTakeFirst();
}

/**
 * Records a member's annotation from their live lease (ended). Returns the annotation and how
 * many the task has now, or undefined when the lease expired or was released (nothing changed).
 */
export async function addAnnotation(
  db: Db,
  a: { id: string; task: TaskRow; memberId: string; data: string; who: EventActor; at: number },
): Promise<{ count: number; status: TaskStatus } | undefined> {
  if (!(await takeLiveLease(db, a.task.id, a.memberId, a.at))) return undefined;
  await db
    .insertInto('task_annotations')
    .values({
      id: a.id,
      workspace_id: a.task.workspace_id,
      task_id: a.task.id,
      member_id: a.memberId,
      data: a.data,
      created_at: a.at,
    })
    .execute();
  const row = await db
    .updateTable('tasks')
    .set({ annotation_count: sql<number>`annotation_count + 1`, updated_at: a.at })
    .where('id', '=', a.task.id)
    .returning(['annotation_count', 'status'])
    .executeTakeFirstOrThrow();
  const count = Number(row.annotation_count);
  await insertTaskEvents(
    db,
    [
      {
        taskId: a.task.id,
        from: row.status,
        to: row.status,
        action: 'submit',
        details: { annotationId: a.id, annotations: count },
      },
    ],
    a.who,
    a.at,
  );
  return { count, status: row.status };
}

/** A member gives back their place (skip): remembered so the queue does not hand it back to them. */
export async function skipConsensusLease(
  db: Db,
  s: { taskId: string; memberId: string; reason: string; who: EventActor; at: number },
): Promise<boolean> {
  if (!(await takeLiveLease(db, s.taskId, s.memberId, s.at))) return false;
  const before = await db
    .selectFrom('tasks')
    .select('status')
    .where('id', '=', s.taskId)
    .executeTakeFirstOrThrow();
  const task = await freePlace(db, s.taskId, s.at);
  await db
    .updateTable('tasks')
    .set({ assignee_id: null })
    .where('id', '=', s.taskId)
    .where('assignee_id', '=', s.memberId)
    .execute();
  await db
    .insertInto('task_skips')
    .values({ task_id: s.taskId, member_id: s.memberId, reason: s.reason, at: s.at })
    .onConflict((oc) => oc.columns(['task_id', 'member_id']).doUpdateSet({ reason: s.reason, at: s.at }))
    .execute();
  await insertTaskEvents(
    db,
    [
      {
        taskId: s.taskId,
        from: before.status,
        to: task?.status ?? before.status,
        action: 'skip',
        reason: s.reason,
      },
    ],
    s.who,
    s.at,
  );
  return true;
}

/**
 * Expired consensus leases of a project (null: of every project) give their place back, at most
 * `limit` per call, the oldest first. Returns the tasks that had one.
 */
export async function releaseExpiredConsensusLeases(
  store: Store,
  db: Db,
  projectId: string | null,
  at: number,
  limit = 100,
): Promise<string[]> {
  const lock = store.dialect.locksRows ? sql`for update skip locked` : sql``;
  const project = projectId === null ? sql`` : sql`project_id = ${projectId} and`;
  const { rows } = await sql<{ task_id: string; member_id: string }>`
    select task_id, member_id from task_leases
    where ${project} expires_at <= ${at}
    order by expires_at
    limit ${limit}
    ${lock}`.execute(db);
  const released: string[] = [];
  for (const lease of rows) {
    const gone = await db
      .deleteFrom('task_leases')
      .where('task_id', '=', lease.task_id)
      .where('member_id', '=', lease.member_id)
      .where('expires_at', '<=', at)
      .executeTakeFirst();
    if (gone.numDeletedRows === 0n) continue;
    await releasePlace(
      db,
      lease.task_id,
      'lease_expired',
      null,
      lease.member_id,
      { actor: null, memberId: null },
      at,
    );
    released.push(lease.task_id);
  }
  return released;
}

/** A removed member's consensus leases give their places back. */
export async function releaseMemberConsensusLeases(db: Db, memberId: string, who: EventActor, at: number) {
  const leases = await db
    .deleteFrom('task_leases')
    .where('member_id', '=', memberId)
    .returning('task_id')
    .execute();
  for (const lease of leases)
    await releasePlace(db, lease.task_id, 'release', 'member removed', memberId, who, at);
  return leases.length;
}

async function releasePlace(
  db: Db,
  taskId: string,
  action: string,
  reason: string | null,
  memberId: string,
  who: EventActor,
  at: number,
) {
  const before = await db.selectFrom('tasks').select('status').where('id', '=', taskId).executeTakeFirst();
  const task = await freePlace(db, taskId, at);
  if (!before || !task) return;
  await insertTaskEvents(
    db,
    [
      {
        taskId,
        from: before.status,
        to: task.status,
        action,
        reason,
        details: { memberId, consensus: true },
      },
    ],
    who,
    at,
  );
}

/** A task's annotations, oldest first. */
export async function taskAnnotations(db: Db, taskId: string): Promise<AnnotationRow[]> {
  return db.selectFrom('task_annotations').selectAll().where('task_id', '=', taskId).orderBy('id').execute();
}

export async function findAnnotation(db: Db, taskId: string, id: string): Promise<AnnotationRow | undefined> {
  return db
    .selectFrom('task_annotations')
    .selectAll()
    .where('task_id', '=', taskId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Whether a member annotated a task (they do not review their own work). */
export async function annotatedBy(db: Db, taskId: string, memberId: string): Promise<boolean> {
  const row = await db
    .selectFrom('task_annotations')
    .select('id')
    .where('task_id', '=', taskId)
    .where('member_id', '=', memberId)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The end of collecting: the agreement, the chosen annotation's data on the task, and the status it
 * moves to (compare-and-set on the count the decision was made on). Leases still held (the count
 * required was lowered meanwhile) are ended, so no annotation lands after it. False when the count
 * moved on meanwhile.
 */
export async function settleConsensus(
  db: Db,
  s: {
    taskId: string;
    count: number;
    from: TaskStatus;
    to: TaskStatus;
    reviewStage: string | null;
    score: number;
    chosen: AnnotationRow;
    reason: string;
    details: Record<string, unknown>;
    who: EventActor;
    at: number;
  },
): Promise<boolean> {
  const result = await db
    .updateTable('tasks')
    .set({
      status: s.to,
      data: s.chosen.data,
      agreement_score: s.score,
      chosen_annotation_id: s.chosen.id,
      chosen_by: 'majority',
      review_stage: s.reviewStage,
      review_submitter: s.chosen.member_id,
      updated_at: s.at,
    })
    .where('id', '=', s.taskId)
    // The submit that brought the count to it; a settled task collects again only when the project
    // asks for more annotations since, and then settles again on the new last one.
    .where('annotation_count', '=', s.count)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) return false;
  await db.deleteFrom('task_leases').where('task_id', '=', s.taskId).execute();
  await insertTaskEvents(
    db,
    [{ taskId: s.taskId, from: s.from, to: s.to, action: 'consensus', reason: s.reason, details: s.details }],
    s.who,
    s.at,
  );
  return true;
}

/** A reviewer's choice: the task's data becomes that annotation's, logged (the status stays). */
export async function chooseAnnotation(
  db: Db,
  c: { task: TaskRow; annotation: AnnotationRow; who: EventActor; at: number },
): Promise<void> {
  await db
    .updateTable('tasks')
    .set({
      data: c.annotation.data,
      chosen_annotation_id: c.annotation.id,
      chosen_by: 'reviewer',
      review_submitter: c.annotation.member_id,
      updated_at: c.at,
    })
    .where('id', '=', c.task.id)
    .execute();
  await insertTaskEvents(
    db,
    [
      {
        taskId: c.task.id,
        from: c.task.status,
        to: c.task.status,
        action: 'choose',
        details: { annotationId: c.annotation.id, annotatorId: c.annotation.member_id, fields: ['data'] },
      },
    ],
    c.who,
    c.at,
  );
}

function isEmptyObject(json: string): boolean {
  return json.replace(/\s/g, '') === '{}';
}

function jsonText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
