import { eventActor, type Principal } from '../../auth/principal.js';
import { ApiError, badField, notFound } from '../../errors/problem.js';
import { newId } from '../../ids.js';
import type { Store } from '../../store/index.js';
import { findMember } from '../../store/queries/members.js';
import { findProject } from '../../store/queries/projects.js';
import { annotatedBy, applyVerdict, batchStates, findTask, type TaskRow } from '../../store/queries/tasks.js';
import type { TaskStatus } from '../../store/tables.js';
import { recordAudit } from '../audit/service.js';
import { workflowOf } from '../projects/service.js';
import type { WebhookService } from '../webhooks/service.js';
import type { Job } from '../jobs/schema.js';
import type { JobService } from '../jobs/service.js';
import type { BulkItem, BulkSummary } from './bulk.js';
import { bodyFilter } from './filter.js';
import type { TaskFilterInput, VerdictInput, VerdictsInput } from './schema.js';
import { isWorkableBatch } from './workflow.js';

/** A verdict as a `tasks.bulk` job's operation. */
export type VerdictOperation = { kind: 'verdict' } & VerdictInput;

/**
 * The credential a verdict job acts as, from its arguments, held to the job's workspace whatever
 * the arguments say (a job made without its route touches nothing of another workspace).
 */
export function jobPrincipal(
  saved: Omit<Principal, 'member'> & { member: Principal['member'] | null },
  workspaceId: string | null,
): Principal {
  return { ...saved, workspaceId, member: saved.member ?? undefined };
}

/**
 * Review stages: a reviewer's verdict on a task waiting at a stage of its project's workflow.
 * Accept moves it to the next stage (`reviewed` after the last); reject sends it back to the
 * member who submitted it (`pending`, assigned to them, data kept, the reason on the task).
 */
export class TaskReview {
  constructor(
    private readonly store: Store,
    private readonly deps: { readonly jobs: JobService; readonly webhooks: WebhookService },
  ) {}

  /**
   * The same verdict on tasks picked by ids (at most 1,000: each in its own transaction, answered
   * at once; a refused task does not stop the others, and one id answers for itself: its refusal
   * is the request's error) or by a filter (a `tasks.bulk` job, whose statuses default to
   * to_review so that a filter on a project does not refuse every task not in review).
   */
  async verdicts(
    principal: Principal,
    input: VerdictsInput,
  ): Promise<{ sync: true; result: BulkSummary } | { sync: false; job: Job }> {
    const { ids, filter, ...verdict } = input;
    if ((ids === undefined) === (filter === undefined))
      throw badField('body', '/ids', 'give either ids or filter (one of them)');
    if (verdict.verdict === 'reject' && !verdict.reason?.trim())
      throw badField('body', '/reason', 'say why the tasks are rejected (the annotators see it)');
    if (filter) {
      const selection: TaskFilterInput = { ...filter, statuses: filter.statuses ?? ['to_review'] };
      const checked = await bodyFilter(this.store, principal, selection, '/filter');
      const project = (await findProject(this.store.db, checked.projectId, principal.workspaceId))!;
      const operation: VerdictOperation = { kind: 'verdict', ...verdict };
      const { job } = await this.deps.jobs.create(principal, {
        type: 'tasks.bulk',
        workspaceId: project.workspace_id,
        projectId: project.id,
        title: `Tasks: ${verdict.verdict}`,
        arguments: {
          filter: selection,
          operation,
          reason: verdict.reason ?? null,
          actor: principal.id,
          memberId: principal.member?.id ?? null,
          // The job gives each verdict as this credential (its member, self-review, audit entries).
          principal: {
            kind: principal.kind,
            id: principal.id,
            name: principal.name,
            workspaceId: principal.workspaceId,
            role: principal.role,
            member: principal.member ?? null,
          },
        },
        maxAttempts: 3,
      });
      return { sync: false, job };
    }
    const seen = new Set<string>();
    ids!.forEach((id, i) => {
      if (seen.has(id)) throw badField('body', `/ids/${i}`, `task ${id} is named twice`);
      seen.add(id);
    });
    const results = await this.applyVerdicts(principal, ids!, verdict, ids!.length === 1);
    const applied = results.filter((r) => r.status === 'applied').length;
    return { sync: true, result: { applied, refused: results.length - applied, results } };
  }

  /**
   * The verdict on each task, one by one: applied, or refused with the code of its ApiError
   * (`single`: the refusal is thrown instead). Any other error is thrown (a job retries).
   */
  async applyVerdicts(
    principal: Principal,
    ids: readonly string[],
    verdict: VerdictInput,
    single = false,
  ): Promise<BulkItem[]> {
    const results: BulkItem[] = [];
    for (const id of ids) {
      try {
        const to = await this.verdict(principal, id, verdict);
        results.push({ id, status: 'applied', from: 'to_review', to });
      } catch (error) {
        if (single || !(error instanceof ApiError)) throw error;
        results.push({ id, status: 'refused', error: { code: error.code, message: error.message } });
      }
    }
    return results;
  }

  /** Returns the status the task moved to. */
  async verdict(principal: Principal, id: string, input: VerdictInput): Promise<TaskStatus> {
    const task = await findTask(this.store.db, id, principal.workspaceId);
    if (!task) throw notFound('Task', id);
    const reason = input.reason?.trim() ? input.reason : null;
    if (input.verdict === 'reject' && reason === null)
      throw badField('body', '/reason', 'say why the task is rejected (the annotator sees it)');
    if (task.status !== 'to_review') {
      throw new ApiError('task_not_in_review', `Task ${id} is ${task.status}, not in review.`);
    }
    const stage = task.review_stage ?? null;
    if (input.stage !== undefined && input.stage !== stage) {
      throw new ApiError(
        'review_stage_mismatch',
        `Task ${id} is at review stage ${stage ?? '(none)'}, not ${input.stage}.`,
        { errors: [{ in: 'body', pointer: '/stage', message: `the task is at ${stage ?? 'no stage'}` }] },
      );
    }
    const state = (await batchStates(this.store.db, [task.batch_id])).get(task.batch_id);
    if (!isWorkableBatch(state)) {
      throw new ApiError(
        'batch_not_workable',
        `Task ${id} is in batch ${task.batch_id}, which is ${state ?? 'gone'}: restore it first.`,
      );
    }
    const project = await findProject(this.store.db, task.project_id, null);
    const workflow = workflowOf(project ?? { workflow: null });
    const member = principal.member;
    const ownWork =
      member !== undefined &&
      (task.review_submitter === member.id || (await annotatedBy(this.store.db, task.id, member.id)));
    if (workflow.excludeSelfReview && member && ownWork) {
      throw new ApiError(
        'self_review_forbidden',
        `Member ${member.id} submitted or annotated task ${id}: another reviewer gives its verdict.`,
      );
    }

    const now = Date.now();
    let to: TaskStatus;
    let nextStage: string | null = null;
    let rejection: string | undefined;
    let assignTo: string | null = null;
    if (input.verdict === 'accept') {
      // A stage removed from the workflow since the task reached it counts as the last.
      const at = stage === null ? -1 : workflow.reviewStages.indexOf(stage);
      nextStage = at >= 0 ? (workflow.reviewStages[at + 1] ?? null) : null;
      to = nextStage !== null ? 'to_review' : 'reviewed';
    } else {
      to = 'pending';
      rejection = JSON.stringify({ reason, stage, memberId: member?.id ?? null, at: now });
      assignTo = await this.submitterToAssign(task);
    }
    const moved = await this.store.transaction(async (trx) => {
      const applied = await applyVerdict(trx, {
        taskId: id,
        stage,
        verdict: input.verdict,
        to,
        nextStage,
        reason,
        rejection,
        assignTo,
        who: eventActor(principal),
        at: now,
      });
      if (!applied) return false;
      await recordAudit(trx, principal, {
        action: 'task.verdict',
        resourceType: 'task',
        resourceId: id,
        workspaceId: task.workspace_id,
        summary: {
          verdict: input.verdict,
          stage,
          from: 'to_review',
          to,
          nextStage,
          reason,
          assigneeId: assignTo,
        },
      });
      return true;
    });
    if (!moved) throw new ApiError('task_changed', `Task ${id} changed meanwhile; read it again.`);
    if (to !== 'to_review') {
      await this.deps.webhooks.emitSafely('task.status_changed', [
        {
          projectId: task.project_id,
          key: `status:${id}:${newId('msg')}`,
          data: { action: 'verdict', reason, changes: [{ id, from: 'to_review', to }] },
        },
      ]);
    }
    return to;
  }

  /** The member a rejected task goes back to: its submitter, unless removed since (null: as it is). */
  private async submitterToAssign(task: TaskRow): Promise<string | null> {
    if (!task.review_submitter) return null;
    const submitter = await findMember(this.store.db, task.review_submitter, task.workspace_id);
    return submitter && submitter.removed_at === null ? submitter.id : null;
  }
}
