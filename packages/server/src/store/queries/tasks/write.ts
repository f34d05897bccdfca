import type { Db } from '../../index.js';
import type { TaskStatus } from '../../tables.js';
import type { TaskRow } from './read.js';

/** Changes to single tasks (status moves with their event, properties, content) and batch deletes. */

/** Moves a task from `from` to `to` (compare-and-set on the status) and logs it. */
export async function moveTask(
  db: Db,
  change: {
    id: string;
    from: TaskStatus;
    to: TaskStatus;
    action: string;
    actor: string | null;
    memberId?: string | null | undefined;
    reason: string | null;
    resetData?: string | undefined;
    /** The review stage the task waits at after the move (only `to_review` has one). */
    reviewStage?: string | null | undefined;
    at: number;
  },
): Promise<boolean> {
  const set: Partial<TaskRow> = {
    status: change.to,
    updated_at: change.at,
    review_stage: change.to === 'to_review' ? (change.reviewStage ?? null) : null,
  };
  if (change.resetData !== undefined) set.data = change.resetData;
  // A task leaving in_progress any other way than its claim's submit or skip ends that claim.
  if (change.from === 'in_progress') {
    set.lease_member_id = null;
    set.lease_expires_at = null;
  }
  const result = await db
    .updateTable('tasks')
    .set(set)
    .where('id', '=', change.id)
    .where('status', '=', change.from)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) return false;
  await db
    .insertInto('task_events')
    .values({
      task_id: change.id,
      from_status: change.from,
      to_status: change.to,
      action: change.action,
      actor: change.actor,
      member_id: change.memberId ?? null,
      reason: change.reason,
      details: change.reviewStage ? JSON.stringify({ reviewStage: change.reviewStage }) : null,
      at: change.at,
    })
    .execute();
  return true;
}

export async function setTaskProperties(
  db: Db,
  id: string,
  changes: { score?: number | null; custom?: string },
  at: number,
): Promise<void> {
  await db
    .updateTable('tasks')
    .set({ ...changes, updated_at: at })
    .where('id', '=', id)
    .execute();
}

export async function updateTaskContent(
  db: Db,
  id: string,
  changes: Partial<
    Pick<
      TaskRow,
      'data' | 'resources' | 'priority' | 'prediction_model_version' | 'prediction_score' | 'prediction_data'
    >
  >,
  at: number,
): Promise<void> {
  await db
    .updateTable('tasks')
    .set({ ...changes, updated_at: at })
    .where('id', '=', id)
    .execute();
}

export async function deleteBatchTasks(db: Db, batchId: string, limit: number): Promise<number> {
  const ids = await db
    .selectFrom('tasks')
    .select('id')
    .where('batch_id', '=', batchId)
    .limit(limit)
    .execute();
  if (ids.length === 0) return 0;
  await db
    .deleteFrom('tasks')
    .where(
      'id',
      'in',
      ids.map((r) => r.id),
    )
    .execute();
  return ids.length;
}
