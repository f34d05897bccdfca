import type { Db } from '../../index.js';
import type { TaskStatus } from '../../tables.js';

/** Who an event names: the credential, and the member it acts for. */
export interface EventActor {
  actor: string | null;
  memberId: string | null;
}

/** Logs an action on a task that did not move it (or did: `from` and `to` differ). */
export async function insertTaskEvents(
  db: Db,
  events: readonly {
    taskId: string;
    from: TaskStatus | null;
    to: TaskStatus;
    action: string;
    reason?: string | null;
    details?: Record<string, unknown> | null;
  }[],
  who: EventActor,
  at: number,
): Promise<void> {
  if (events.length === 0) return;
  await db
    .insertInto('task_events')
    .values(
      events.map((e) => ({
        task_id: e.taskId,
        from_status: e.from,
        to_status: e.to,
        action: e.action,
        actor: who.actor,
        member_id: who.memberId,
        reason: e.reason ?? null,
        details: e.details ? JSON.stringify(e.details) : null,
        at,
      })),
    )
    .execute();
}

/**
 * Sets (or clears, with null) a task's assignee. An explicit assignment also forgets that the
 * member skipped the task, so the queue may hand it to them again. Returns false when the task is gone.
 */
export async function setAssignee(
  db: Db,
  task: { id: string; status: TaskStatus },
  assigneeId: string | null,
  who: EventActor,
  at: number,
): Promise<boolean> {
  const result = await db
    .updateTable('tasks')
    .set({ assignee_id: assigneeId, updated_at: at })
    .where('id', '=', task.id)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) return false;
  if (assigneeId !== null)
    await db
      .deleteFrom('task_skips')
      .where('task_id', '=', task.id)
      .where('member_id', '=', assigneeId)
      .execute();
  await insertTaskEvents(
    db,
    [
      {
        taskId: task.id,
        from: task.status,
        to: task.status,
        action: assigneeId === null ? 'unassign' : 'assign',
        details: { assigneeId },
      },
    ],
    who,
    at,
  );
  return true;
}

/**
 * A removed member's work goes back: tasks assigned to it are unassigned, and those it holds a
 * claim on return to `pending` (their data as the member left it). Returns how many tasks changed.
 */
export async function releaseMemberTasks(
  db: Db,
  memberId: string,
  who: EventActor,
  at: number,
): Promise<number> {
  const held = await db
    .updateTable('tasks')
    .set({ status: 'pending', lease_member_id: null, lease_expires_at: null, updated_at: at })
    .where('lease_member_id', '=', memberId)
    .where('status', '=', 'in_progress')
    .returning(['id'])
    .execute();
  await insertTaskEvents(
    db,
    held.map((t) => ({
      taskId: t.id,
      from: 'in_progress' as const,
      to: 'pending' as const,
      action: 'release',
      reason: 'member removed',
      details: { memberId },
    })),
    who,
    at,
  );
  // Leases on tasks that moved on (submitted) hold nothing any more.
  await db
    .updateTable('tasks')
    .set({ lease_member_id: null, lease_expires_at: null })
    .where('lease_member_id', '=', memberId)
    .execute();
  const assigned = await db
    .updateTable('tasks')
    .set({ assignee_id: null, updated_at: at })
    .where('assignee_id', '=', memberId)
    .returning(['id', 'status'])
    .execute();
  await insertTaskEvents(
    db,
    assigned.map((t) => ({
      taskId: t.id,
      from: t.status,
      to: t.status,
      action: 'unassign',
      reason: 'member removed',
      details: { assigneeId: null },
    })),
    who,
    at,
  );
  return new Set([...held, ...assigned].map((t) => t.id)).size;
}
