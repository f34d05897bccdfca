import type { Principal } from '../../auth/principal.js';
import { ApiError, notFound } from '../../errors/problem.js';
import type { Store } from '../../store/index.js';
import { findGoldClaim, saveGoldDraft, setGold, type GoldAnswerRow } from '../../store/queries/gold.js';
import { findTask, type TaskRow } from '../../store/queries/tasks.js';
import { recordAudit } from '../audit/service.js';

/**
 * Gold tasks: tasks with a known answer (`gold.data`), handed to members in their claim queues at
 * the project's `goldRate`, each member answering on their own (claims.ts); the answer is scored
 * against the known one (agreement.ts) for the quality report.
 */

/** Who may see a task's known answer: not annotators, not worker keys (everyone else who reads tasks). */
export function canSeeGold(principal: Principal): boolean {
  return principal.role !== 'worker' && principal.member?.role !== 'annotator';
}

/**
 * Every how many claims of a member a gold task is handed out: round(1/goldRate), 0 for none.
 * A counter rather than a coin: the rate holds exactly, and tests can count on it.
 */
export function goldInterval(goldRate: number): number {
  return goldRate > 0 ? Math.max(1, Math.round(1 / goldRate)) : 0;
}

/**
 * A gold task as its claimer sees it, the same as a real claim would show it: in progress under
 * the member's lease (the stored task never changes), its data seeded from its prediction when empty.
 */
export function goldClaimView(task: TaskRow, memberId: string, leaseExpiresAt: number, at: number): TaskRow {
  const seeded = task.prediction_data !== null && jsonText(task.data).replace(/\s/g, '') === '{}';
  return {
    ...task,
    data: seeded ? jsonText(task.prediction_data) : jsonText(task.data),
    status: 'in_progress',
    lease_member_id: memberId,
    lease_expires_at: leaseExpiresAt,
    updated_at: at,
  };
}

/** A gold task as the member holding `claim` sees it: their draft, when they saved one. */
function claimedView(task: TaskRow, claim: GoldAnswerRow): TaskRow {
  const view = goldClaimView(
    claim.data === null ? task : { ...task, data: jsonText(claim.data), prediction_data: null },
    claim.member_id,
    Number(claim.lease_expires_at),
    Number(claim.claimed_at),
  );
  return claim.data === null ? view : { ...view, prediction_data: task.prediction_data };
}

/** A gold task after the member's submit or skip, as a real one would look to them. */
export function goldEndView(task: TaskRow, outcome: 'submit' | 'skip', to: TaskRow['status'], data?: string) {
  return {
    ...task,
    ...(data !== undefined ? { data } : {}),
    status: outcome === 'skip' ? ('pending' as const) : to,
    lease_member_id: null,
    lease_expires_at: null,
    updated_at: Date.now(),
  };
}

/** JSON read back from either backend, as text. */
export function jsonText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export class TaskGold {
  constructor(
    private readonly store: Store,
    /** The known answer's data checked against the task schema (JSON text). */
    private readonly checkedData: (
      projectId: string,
      input: { data?: Record<string, unknown> | undefined; dataCheck?: boolean | undefined },
    ) => Promise<string>,
  ) {}

  /** Sets (or with null removes) the known answer of a task. */
  async set(
    principal: Principal,
    id: string,
    input: { data: Record<string, unknown> | null; dataCheck?: boolean | undefined },
  ): Promise<void> {
    const task = await findTask(this.store.db, id, principal.workspaceId);
    if (!task) throw notFound('Task', id);
    const data =
      input.data === null
        ? null
        : await this.checkedData(task.project_id, { data: input.data, dataCheck: input.dataCheck });
    const now = Date.now();
    await this.store.transaction(async (trx) => {
      await setGold(trx, task, data, now);
      await recordAudit(trx, principal, {
        action: data === null ? 'task.gold_remove' : 'task.gold_set',
        resourceType: 'task',
        resourceId: task.id,
        workspaceId: task.workspace_id,
        summary: { gold: data !== null },
      });
    });
  }

  /**
   * The task as the calling member sees it while they hold a live claim of it as a gold task (the
   * stored one shows no claim); undefined otherwise. One primary-key read, members only.
   */
  async memberView(principal: Principal, task: TaskRow): Promise<TaskRow | undefined> {
    const member = principal.member;
    if (!member) return undefined;
    const claim = await findGoldClaim(this.store.db, task.id, member.id);
    if (!claim || claim.lease_expires_at === null || Number(claim.lease_expires_at) <= Date.now())
      return undefined;
    return claimedView(task, claim);
  }

  /**
   * Saves the calling member's work in progress (`PATCH` with `data`) on a gold task they hold,
   * as a draft their submit starts from; the task itself does not change. Undefined when the
   * member holds no gold claim of it (the ordinary update applies).
   */
  async saveDraft(
    principal: Principal,
    task: TaskRow,
    input: { data?: Record<string, unknown> | undefined; dataCheck?: boolean | undefined },
  ): Promise<TaskRow | undefined> {
    const member = principal.member;
    if (!member || !(await findGoldClaim(this.store.db, task.id, member.id))) return undefined;
    const now = Date.now();
    if (input.data !== undefined) {
      const data = await this.checkedData(task.project_id, input);
      if (!(await saveGoldDraft(this.store.db, task.id, member.id, data, now)))
        throw new ApiError(
          'task_lease_lost',
          `Your claim on task ${task.id} expired or another member holds it now; nothing was changed.`,
        );
    }
    return this.memberView(principal, task);
  }
}

/** The error of a gold-only option used by a caller that may not see gold. */
export function goldHidden(pointer: string, where: 'query' | 'body'): ApiError {
  return new ApiError('insufficient_role', 'Gold tasks are hidden from annotators and worker keys.', {
    errors: [{ in: where, pointer, message: 'only managers, reviewers and non-member keys see gold tasks' }],
  });
}
