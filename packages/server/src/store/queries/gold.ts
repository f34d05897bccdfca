import { sql } from 'kysely';
import type { Db, Store } from '../index.js';
import type { GoldAnswersTable } from '../tables.js';
import type { TaskRow } from './tasks/read.js';

/**
 * Gold tasks: a task's known answer, each member's claim of and answer to it, and the claim
 * counter that decides when a member's next claim is a gold one.
 */

export type GoldAnswerRow = GoldAnswersTable;

/** Sets (data: JSON text) or removes (null) the known answer of a task. */
export async function setGold(
  db: Db,
  task: Pick<TaskRow, 'id' | 'workspace_id' | 'project_id'>,
  data: string | null,
  at: number,
): Promise<void> {
  if (data === null) {
    await db.deleteFrom('gold_tasks').where('task_id', '=', task.id).execute();
    // Open gold claims end with it (answers stay): the task is an ordinary one from now on.
    await db
      .deleteFrom('gold_answers')
      .where('task_id', '=', task.id)
      .where('status', '=', 'claimed')
      .execute();
    return;
  }
  await db
    .insertInto('gold_tasks')
    .values({
      task_id: task.id,
      workspace_id: task.workspace_id,
      project_id: task.project_id,
      data,
      created_at: at,
      updated_at: at,
    })
    .onConflict((oc) => oc.column('task_id').doUpdateSet({ data, updated_at: at }))
    .execute();
}

/** Known answers of the tasks created together (ids that were not inserted are left out). */
export async function insertGold(
  db: Db,
  rows: readonly { task: Pick<TaskRow, 'id' | 'workspace_id' | 'project_id'>; data: string }[],
  at: number,
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    if (chunk.length === 0) continue;
    await db
      .insertInto('gold_tasks')
      .values(
        chunk.map((r) => ({
          task_id: r.task.id,
          workspace_id: r.task.workspace_id,
          project_id: r.task.project_id,
          data: r.data,
          created_at: at,
          updated_at: at,
        })),
      )
      .execute();
  }
}

/** The known answers (JSON text) of those of `taskIds` that are gold. */
export async function goldOf(db: Db, taskIds: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (let i = 0; i < taskIds.length; i += 500) {
    const chunk = taskIds.slice(i, i + 500);
    if (chunk.length === 0) continue;
    const rows = await db
      .selectFrom('gold_tasks')
      .select(['task_id', 'data'])
      .where('task_id', 'in', chunk)
      .execute();
    for (const r of rows) found.set(r.task_id, typeof r.data === 'string' ? r.data : JSON.stringify(r.data));
  }
  return found;
}

/** Counts a claim that handed `memberId` a task, in the claim's transaction; returns the count. */
export async function countClaim(db: Db, projectId: string, memberId: string): Promise<number> {
  const row = await db
    .insertInto('gold_counters')
    .values({ project_id: projectId, member_id: memberId, claims: 1 })
    .onConflict((oc) =>
      oc.columns(['project_id', 'member_id']).doUpdateSet({ claims: sql<number>`gold_counters.claims + 1` }),
    )
    .returning('claims')
    .executeTakeFirstOrThrow();
  return Number(row.claims);
}

/** How many claims `memberId` made in a project (counted while the project has a gold rate). */
export async function claimsCounted(db: Db, projectId: string, memberId: string): Promise<number> {
  const row = await db
    .selectFrom('gold_counters')
    .select('claims')
    .where('project_id', '=', projectId)
    .where('member_id', '=', memberId)
    .executeTakeFirst();
  return Number(row?.claims ?? 0);
}

/**
 * Hands `memberId` a gold task of the project (or batch) they have not answered, skipped or
 * claimed yet (a claim whose lease expired may be taken again), in an active batch, in the order
 * of the claim queue. The task does not change: the claim is the member's row in gold_answers.
 * Gold tasks are few per project, so this reads the project's gold rows, not its queue.
 */
export async function claimGoldTask(
  store: Store,
  db: Db,
  claim: { projectId: string; batchId: string | null; memberId: string; leaseMs: number; at: number },
): Promise<TaskRow | undefined> {
  const { projectId, batchId, memberId, at } = claim;
  const batch = batchId === null ? sql`` : sql`and t.batch_id = ${batchId}`;
  for (let attempt = 0; attempt < 5; attempt++) {
    const { rows } = await sql<TaskRow>`
      select t.* from gold_tasks g join tasks t on t.id = g.task_id
      where g.project_id = ${projectId} ${batch}
        and exists (select 1 from batches b where b.id = t.batch_id and b.state = 'active')
        and not exists (
          select 1 from gold_answers a where a.task_id = g.task_id and a.member_id = ${memberId}
            and (a.status <> 'claimed' or a.lease_expires_at > ${at}))
      order by t.priority desc, t.id
      limit 1`.execute(db);
    const task = rows[0];
    if (!task) return undefined;
    // Compare-and-set: a concurrent claim by the same member may have taken it meanwhile.
    const taken = await db
      .insertInto('gold_answers')
      .values({
        task_id: task.id,
        member_id: memberId,
        workspace_id: task.workspace_id,
        project_id: projectId,
        status: 'claimed',
        lease_expires_at: at + claim.leaseMs,
        data: null,
        score: null,
        reason: null,
        claimed_at: at,
        answered_at: null,
      })
      .onConflict((oc) =>
        oc
          .columns(['task_id', 'member_id'])
          .doUpdateSet({ lease_expires_at: at + claim.leaseMs, claimed_at: at })
          .where('gold_answers.status', '=', 'claimed')
          .where('gold_answers.lease_expires_at', '<=', at),
      )
      .returning('task_id')
      .executeTakeFirst();
    if (taken) return task;
  }
  return undefined;
}

/** `memberId`'s claim of gold task `taskId`, when they have one (live or not). */
export async function findGoldClaim(
  db: Db,
  taskId: string,
  memberId: string,
): Promise<GoldAnswerRow | undefined> {
  return db
    .selectFrom('gold_answers')
    .selectAll()
    .where('task_id', '=', taskId)
    .where('member_id', '=', memberId)
    .where('status', '=', 'claimed')
    .executeTakeFirst();
}

/** Saves a member's work in progress on a gold task they hold; false when the lease expired. */
export async function saveGoldDraft(
  db: Db,
  taskId: string,
  memberId: string,
  data: string,
  at: number,
): Promise<boolean> {
  const result = await db
    .updateTable('gold_answers')
    .set({ data })
    .where('task_id', '=', taskId)
    .where('member_id', '=', memberId)
    .where('status', '=', 'claimed')
    .where('lease_expires_at', '>', at)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Extends a live gold claim; false when it expired (or was answered). */
export async function renewGoldLease(
  db: Db,
  taskId: string,
  memberId: string,
  leaseMs: number,
  at: number,
): Promise<boolean> {
  const result = await db
    .updateTable('gold_answers')
    .set({ lease_expires_at: at + leaseMs })
    .where('task_id', '=', taskId)
    .where('member_id', '=', memberId)
    .where('status', '=', 'claimed')
    .where('lease_expires_at', '>', at)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Ends a live gold claim: answered (with the answer and its score) or skipped (with the reason).
 * False when the lease expired: nothing changed.
 */
export async function endGoldClaim(
  db: Db,
  end: {
    taskId: string;
    memberId: string;
    at: number;
  } & ({ outcome: 'answer'; data: string; score: number } | { outcome: 'skip'; reason: string }),
): Promise<boolean> {
  const result = await db
    .updateTable('gold_answers')
    .set(
      end.outcome === 'answer'
        ? {
            status: 'answered',
            data: end.data,
            score: end.score,
            answered_at: end.at,
            lease_expires_at: null,
          }
        : { status: 'skipped', reason: end.reason, answered_at: null, lease_expires_at: null },
    )
    .where('task_id', '=', end.taskId)
    .where('member_id', '=', end.memberId)
    .where('status', '=', 'claimed')
    .where('lease_expires_at', '>', end.at)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
