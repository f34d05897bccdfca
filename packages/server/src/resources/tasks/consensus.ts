import { eventActor, type Principal } from '../../auth/principal.js';
import { ApiError, notFound } from '../../errors/problem.js';
import { newId } from '../../ids.js';
import type { Db, Store } from '../../store/index.js';
import { findProject, type ProjectRow } from '../../store/queries/projects.js';
import {
  addAnnotation,
  annotatedBy,
  batchStates,
  chooseAnnotation,
  findAnnotation,
  findTask,
  settleConsensus,
  taskAnnotations,
  type AnnotationRow,
  type TaskRow,
} from '../../store/queries/tasks.js';
import type { TaskStatus } from '../../store/tables.js';
import { isoTime } from '../../time.js';
import { recordAudit } from '../audit/service.js';
import { workflowOf } from '../projects/service.js';
import type { Workflow } from '../projects/schema.js';
import { consensusScore } from './agreement.js';
import type { Annotation } from './schema.js';
import { isWorkableBatch } from './workflow.js';

/**
 * Consensus (project workflow `annotationsPerTask` N > 1): each of N different members submits an
 * annotation of the task; when the N-th lands, the agreement of the N (agreement.ts) is kept on
 * the task, the majority annotation becomes the task's data, and the task completes, or goes to
 * review when the agreement is below the project's `agreementThreshold`. A reviewer may choose
 * another annotation as the result. The claim side (places, leases) is in the store's
 * `tasks/consensus.ts`; `claims.ts` routes a member's lease calls here when the lease is one.
 */
export class TaskConsensus {
  constructor(private readonly store: Store) {}

  /**
   * A member's annotation from their lease (`data`: JSON text, checked; undefined: the task's data
   * as handed out). Settles the task when it is the last. Returns the status the task is in now.
   */
  async submit(
    principal: Principal,
    task: TaskRow,
    memberId: string,
    data: string | undefined,
    leaseLost: () => ApiError,
  ): Promise<{ from: TaskStatus; to: TaskStatus }> {
    const project = await findProject(this.store.db, task.project_id, null);
    const workflow = workflowOf(project ?? { workflow: null });
    const now = Date.now();
    const annotationId = newId('ann');
    return this.store.transaction(async (trx) => {
      const added = await addAnnotation(trx, {
        id: annotationId,
        task,
        memberId,
        data: data ?? startingData(task),
        who: eventActor(principal),
        at: now,
      });
      if (!added) throw leaseLost();
      await recordAudit(trx, principal, {
        action: 'task.submit',
        resourceType: 'task',
        resourceId: task.id,
        workspaceId: task.workspace_id,
        summary: { annotationId, annotations: added.count, of: workflow.annotationsPerTask },
      });
      if (added.count < workflow.annotationsPerTask) return { from: added.status, to: added.status };
      const to = await this.settle(trx, principal, task, added, workflow, now);
      return { from: added.status, to: to ?? added.status };
    });
  }

  /** The end of collecting: the agreement, the majority's data, complete or review. */
  private async settle(
    trx: Db,
    principal: Principal,
    task: TaskRow,
    added: { count: number; status: TaskStatus },
    workflow: Workflow,
    at: number,
  ): Promise<TaskStatus | undefined> {
    const annotations = await taskAnnotations(trx, task.id);
    const { score, majorityIndex } = consensusScore(annotations.map((a) => parsed(a.data)));
    const chosen = annotations[majorityIndex];
    if (!chosen) return undefined;
    const threshold = workflow.agreementThreshold;
    const below = score < threshold;
    const firstStage = workflow.reviewStages[0] ?? null;
    const to: TaskStatus = below || firstStage !== null ? 'to_review' : 'complete';
    const reviewStage = to === 'to_review' ? firstStage : null;
    const reason = below
      ? `agreement ${score} is below the threshold ${threshold}: sent to review`
      : `agreement ${score} meets the threshold ${threshold}`;
    const details = {
      score,
      threshold,
      annotations: annotations.length,
      chosenAnnotationId: chosen.id,
      chosenBy: 'majority',
      ...(reviewStage !== null ? { reviewStage } : {}),
    };
    const settled = await settleConsensus(trx, {
      taskId: task.id,
      count: added.count,
      from: added.status,
      to,
      reviewStage,
      score,
      chosen,
      reason,
      details,
      who: eventActor(principal),
      at,
    });
    if (!settled) return undefined;
    await recordAudit(trx, principal, {
      action: 'task.consensus',
      resourceType: 'task',
      resourceId: task.id,
      workspaceId: task.workspace_id,
      summary: { from: added.status, to, ...details },
    });
    return to;
  }

  /** A task's annotations, oldest first (404 outside the caller's workspace). */
  async list(principal: Principal, id: string): Promise<Annotation[]> {
    const task = await findTask(this.store.db, id, principal.workspaceId);
    if (!task) throw notFound('Task', id);
    const rows = await taskAnnotations(this.store.db, task.id);
    return rows.map((a) => toAnnotation(a, task.chosen_annotation_id ?? null));
  }

  /** A reviewer chooses the task's result among its annotations: the task's data becomes it. */
  async choose(principal: Principal, id: string, annotationId: string): Promise<void> {
    const task = await findTask(this.store.db, id, principal.workspaceId);
    if (!task) throw notFound('Task', id);
    const annotation = await findAnnotation(this.store.db, task.id, annotationId);
    if (!annotation) {
      throw new ApiError('not_found', `Annotation ${annotationId} of task ${id} was not found.`, {
        errors: [{ in: 'path', pointer: '/annotationId', message: 'no such annotation of this task' }],
      });
    }
    if (task.agreement_score === null || task.agreement_score === undefined) {
      throw new ApiError(
        'consensus_incomplete',
        `Task ${id} has ${Number(task.annotation_count ?? 0)} annotations and collects more: choose once the last has landed.`,
      );
    }
    const project: ProjectRow | undefined = await findProject(this.store.db, task.project_id, null);
    const member = principal.member;
    if (workflowOf(project ?? { workflow: null }).excludeSelfReview && member) {
      if (await annotatedBy(this.store.db, task.id, member.id)) {
        throw new ApiError(
          'self_review_forbidden',
          `Member ${member.id} annotated task ${id}: another reviewer chooses its result.`,
        );
      }
    }
    const state = (await batchStates(this.store.db, [task.batch_id])).get(task.batch_id);
    if (!isWorkableBatch(state)) {
      throw new ApiError(
        'batch_not_workable',
        `Task ${id} is in batch ${task.batch_id}, which is ${state ?? 'gone'}: restore it first.`,
      );
    }
    const now = Date.now();
    await this.store.transaction(async (trx) => {
      await chooseAnnotation(trx, { task, annotation, who: eventActor(principal), at: now });
      await recordAudit(trx, principal, {
        action: 'task.choose',
        resourceType: 'task',
        resourceId: task.id,
        workspaceId: task.workspace_id,
        summary: {
          annotationId,
          annotatorId: annotation.member_id,
          previous: task.chosen_annotation_id ?? null,
        },
      });
    });
  }
}

/** What an annotator starts from: the task's data, or its prediction's while the data is empty. */
function startingData(task: TaskRow): string {
  const empty = task.data.replace(/\s/g, '') === '{}';
  if (empty && task.prediction_data) {
    return typeof task.prediction_data === 'string'
      ? task.prediction_data
      : JSON.stringify(task.prediction_data);
  }
  return typeof task.data === 'string' ? task.data : JSON.stringify(task.data);
}

function toAnnotation(row: AnnotationRow, chosenId: string | null): Annotation {
  return {
    id: row.id,
    taskId: row.task_id,
    memberId: row.member_id,
    data: parsed(row.data) as Record<string, unknown>,
    chosen: row.id === chosenId,
    createdAt: isoTime(Number(row.created_at)),
  };
}

/** A JSON column as read back (text on both backends; parsed defensively). */
function parsed(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}
