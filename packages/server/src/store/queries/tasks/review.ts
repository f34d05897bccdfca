import type { Db } from '../../index.js';
import type { TaskStatus } from '../../tables.js';
import { insertTaskEvents, type EventActor } from './assignment.js';

/**
 * A reviewer's verdict on a task waiting at review stage `stage` (compare-and-set on the status
 * and the stage, so two reviewers never both move it): accept moves it to the next stage, or to
 * `reviewed` after the last; reject sends it back to `pending`, assigned to `assignTo` (its
 * submitter; null keeps the assignee) with the rejection kept on the task. The history records
 * the verdict. False when the task moved on meanwhile: nothing changed.
 */
export async function applyVerdict(
  db: Db,
  v: {
    taskId: string;
    stage: string | null;
    verdict: 'accept' | 'reject';
    to: TaskStatus;
    nextStage: string | null;
    reason: string | null;
    /** The rejection as the task keeps it (JSON text), on reject. */
    rejection?: string | undefined;
    assignTo?: string | null | undefined;
    who: EventActor;
    at: number;
  },
): Promise<boolean> {
  let update = db
    .updateTable('tasks')
    .set({
      status: v.to,
      review_stage: v.nextStage,
      updated_at: v.at,
      ...(v.rejection !== undefined ? { last_rejection: v.rejection } : {}),
      ...(v.assignTo ? { assignee_id: v.assignTo } : {}),
    })
    .where('id', '=', v.taskId)
    .where('status', '=', 'to_review');
  update =
    v.stage === null ? update.where('review_stage', 'is', null) : update.where('review_stage', '=', v.stage);
  const result = await update.executeTakeFirst();
  if (result.numUpdatedRows === 0n) return false;
  // Handed back to its submitter: a task they had skipped since is theirs to claim again.
  if (v.assignTo)
    await db
      .deleteFrom('task_skips')
      .where('task_id', '=', v.taskId)
      .where('member_id', '=', v.assignTo)
      .execute();
  await insertTaskEvents(
    db,
    [
      {
        taskId: v.taskId,
        from: 'to_review',
        to: v.to,
        action: 'verdict',
        reason: v.reason,
        details: {
          verdict: v.verdict,
          stage: v.stage,
          ...(v.nextStage !== null ? { nextStage: v.nextStage } : {}),
          ...(v.assignTo ? { assigneeId: v.assignTo } : {}),
        },
      },
    ],
    v.who,
    v.at,
  );
  return true;
}
