import { eventActor, type Principal } from '../../auth/principal.js';
import { ApiError, badField } from '../../errors/problem.js';
import { newId } from '../../ids.js';
import type { Store } from '../../store/index.js';
import { findMember } from '../../store/queries/members.js';
import { findProject, projectWorkflows } from '../../store/queries/projects.js';
import {
  batchStates,
  moveTask,
  setAssignee,
  setTaskProperties,
  tasksByIds,
  type EventActor,
} from '../../store/queries/tasks.js';
import type { TaskStatus } from '../../store/tables.js';
import { recordAudit } from '../audit/service.js';
import type { Job } from '../jobs/schema.js';
import type { JobService } from '../jobs/service.js';
import type { WebhookService } from '../webhooks/service.js';
import { activeMember } from '../members/service.js';
import { workflowOf } from '../projects/service.js';
import type { TaskFilterInput } from './schema.js';
import { bodyFilter } from './filter.js';
import { isWorkableBatch, plannedMove, type Operation } from './workflow.js';

/** Bulk operations on this many tasks at most run in the request; a filter always runs as a job. */
export const SYNC_LIMIT = 1000;

const REFUSAL_CODES = [
  'invalid_task_transition',
  'batch_not_workable',
  'task_changed',
  'not_found',
  'member_removed',
] as const;

/** A single task's refusal as the request's own error (the same code a bulk result reports). */
function refusalError(error: { code: string; message: string }): ApiError {
  const code = REFUSAL_CODES.find((c) => c === error.code) ?? 'task_changed';
  return new ApiError(code, error.message, {
    errors: [{ in: 'body', pointer: '/ids/0', message: error.message }],
  });
}

/** One task's result in a bulk operation: applied, or refused with a code. */
export interface BulkItem {
  id: string;
  status: 'applied' | 'refused';
  from?: TaskStatus;
  to?: TaskStatus;
  error?: { code: string; message: string };
}

/** A bulk operation's outcome: counts, and each task's result. */
export interface BulkSummary {
  applied: number;
  refused: number;
  results: BulkItem[];
}

/** Review, redo, transition and properties, on tasks picked by ids or by a filter. */
export class TaskBulk {
  constructor(
    private readonly store: Store,
    private readonly deps: { readonly jobs: JobService; readonly webhooks: WebhookService },
  ) {}

  /**
   * Applies an operation to tasks picked by ids (at most 1000: answered at once) or by a filter (a
   * `tasks.bulk` job). Each task is applied or refused on its own, with a code.
   */
  async bulk(
    principal: Principal,
    selection: {
      ids?: string[] | undefined;
      filter?: TaskFilterInput | undefined;
      reason?: string | undefined;
    },
    operation: Operation,
  ): Promise<{ sync: true; result: BulkSummary } | { sync: false; job: Job }> {
    if (operation.kind === 'assign')
      await activeMember(this.store.db, principal, operation.memberId, { in: 'body', pointer: '/memberId' });
    if ((selection.ids === undefined) === (selection.filter === undefined)) {
      throw badField('body', '/ids', 'give either ids or filter (one of them)');
    }
    if (operation.kind === 'properties' && operation.score === undefined && operation.custom === undefined) {
      throw badField('body', '/score', 'nothing to change: give score and/or custom');
    }

    const reason = selection.reason ?? null;
    if (selection.ids) {
      const ids = [...new Set(selection.ids)];
      const items = await this.applyTo(
        ids,
        principal.workspaceId,
        eventActor(principal),
        reason,
        operation,
        principal,
      );
      // One task asked for is one answer: its refusal is the request's error, not a 200 saying "refused 1".
      const only = items.length === 1 ? items[0] : undefined;
      if (only?.status === 'refused' && only.error) throw refusalError(only.error);
      return { sync: true, result: this.summary(items) };
    }
    const filter = await bodyFilter(this.store, principal, selection.filter!, '/filter');
    const { job } = await this.deps.jobs.create(principal, {
      type: 'tasks.bulk',
      workspaceId: (await findProject(this.store.db, filter.projectId, principal.workspaceId))!.workspace_id,
      projectId: filter.projectId,
      title: `Tasks: ${operation.kind}`,
      arguments: {
        filter: selection.filter,
        operation,
        reason,
        actor: principal.id,
        memberId: principal.member?.id ?? null,
      },
      maxAttempts: 3,
    });
    return { sync: false, job };
  }

  private summary(items: BulkItem[]): BulkSummary {
    const applied = items.filter((i) => i.status === 'applied').length;
    return { applied, refused: items.length - applied, results: items };
  }

  /** Applies the operation to each task, then tells webhooks of the moves made. */
  async applyTo(
    ids: readonly string[],
    workspaceId: string | null,
    actor: EventActor,
    reason: string | null,
    operation: Operation,
    principal?: Principal,
  ): Promise<BulkItem[]> {
    const items = await this.applyInTransaction(ids, workspaceId, actor, reason, operation, principal);
    const moved = items.filter((i) => i.status === 'applied' && i.to !== undefined);
    if (moved.length > 0) {
      const projects = new Map<string, BulkItem[]>();
      const found = await tasksByIds(
        this.store.db,
        moved.map((i) => i.id),
        null,
      );
      const projectOf = new Map(found.map((t) => [t.id, t.project_id]));
      for (const item of moved) {
        const project = projectOf.get(item.id)!;
        const list = projects.get(project) ?? [];
        list.push(item);
        projects.set(project, list);
      }
      await this.deps.webhooks.emitSafely(
        'task.status_changed',
        [...projects].map(([projectId, list]) => ({
          projectId,
          key: `status:${list[0]!.id}:${newId('msg')}`,
          data: {
            action: operation.kind,
            reason,
            changes: list.map((i) => ({ id: i.id, from: i.from, to: i.to })),
          },
        })),
      );
    }
    return items;
  }

  private async applyInTransaction(
    ids: readonly string[],
    workspaceId: string | null,
    actor: EventActor,
    reason: string | null,
    operation: Operation,
    principal?: Principal,
  ): Promise<BulkItem[]> {
    const found = await tasksByIds(this.store.db, ids, workspaceId);
    const byId = new Map(found.map((t) => [t.id, t]));
    // The assignee, read again here: a job applies the operation long after its request was checked.
    const assignee =
      operation.kind === 'assign' ? await findMember(this.store.db, operation.memberId, null) : undefined;
    const states = await batchStates(this.store.db, [...new Set(found.map((t) => t.batch_id))]);
    // Tasks sent to review wait at their project's first review stage (when it has stages).
    const workflows = await projectWorkflows(this.store.db, [...new Set(found.map((t) => t.project_id))]);
    const firstStage = (projectId: string) =>
      workflowOf({ workflow: workflows.get(projectId) ?? null }).reviewStages[0] ?? null;
    const now = Date.now();
    return this.store.transaction(async (trx) => {
      const items: BulkItem[] = [];
      for (const id of ids) {
        const task = byId.get(id);
        if (!task) {
          items.push({
            id,
            status: 'refused',
            error: { code: 'not_found', message: `Task ${id} was not found.` },
          });
          continue;
        }
        const state = states.get(task.batch_id);
        if (!isWorkableBatch(state)) {
          items.push({
            id,
            status: 'refused',
            error: {
              code: 'batch_not_workable',
              message: `Its batch ${task.batch_id} is ${state ?? 'gone'}.`,
            },
          });
          continue;
        }
        const from = task.status;
        if (operation.kind === 'assign' || operation.kind === 'unassign') {
          const refusal =
            operation.kind === 'unassign'
              ? undefined
              : !assignee || assignee.workspace_id !== task.workspace_id
                ? { code: 'not_found', message: `Member ${operation.memberId} was not found.` }
                : assignee.removed_at !== null
                  ? { code: 'member_removed', message: `Member ${operation.memberId} was removed.` }
                  : undefined;
          if (refusal) {
            items.push({ id, status: 'refused', error: refusal });
            continue;
          }
          const memberId = operation.kind === 'assign' ? operation.memberId : null;
          await setAssignee(trx, { id, status: from }, memberId, actor, now);
          items.push({ id, status: 'applied' });
          continue;
        }
        if (operation.kind === 'properties') {
          const changes: { score?: number | null; custom?: string } = {};
          if (operation.score !== undefined) changes.score = operation.score;
          if (operation.custom) {
            let custom = operation.custom.replace ?? (JSON.parse(task.custom) as Record<string, unknown>);
            custom = { ...custom, ...operation.custom.set };
            for (const key of operation.custom.remove ?? []) delete custom[key];
            changes.custom = JSON.stringify(custom);
          }
          await setTaskProperties(trx, id, changes, now);
          items.push({ id, status: 'applied' });
          continue;
        }
        const { to, action, refusal: moveRefusal } = plannedMove(operation, from);
        // A task at a review stage leaves review by verdicts (or redo), not by a plain transition.
        const refusal =
          moveRefusal ??
          (operation.kind === 'transition' && to === 'reviewed' && task.review_stage
            ? `Task ${id} waits at review stage ${task.review_stage}: a verdict moves it (POST /v1/tasks/${id}/verdict).`
            : undefined);
        if (refusal !== undefined) {
          items.push({
            id,
            status: 'refused',
            from,
            to,
            error: { code: 'invalid_task_transition', message: refusal },
          });
          continue;
        }
        const moved = await moveTask(trx, {
          id,
          from,
          to,
          action,
          actor: actor.actor,
          memberId: actor.memberId,
          reason,
          resetData: operation.kind === 'redo' && operation.reset ? task.initial_data : undefined,
          reviewStage: to === 'to_review' ? firstStage(task.project_id) : null,
          at: now,
        });
        items.push(
          moved
            ? { id, status: 'applied', from, to }
            : {
                id,
                status: 'refused',
                from,
                to,
                error: { code: 'task_changed', message: 'The task changed meanwhile; try again.' },
              },
        );
      }
      // One entry per task changed, with the change made (filters by task id find it).
      await recordAudit(
        trx,
        principal,
        items
          .filter((i) => i.status === 'applied')
          .map((i) => ({
            action: `task.${operation.kind}`,
            resourceType: 'task',
            resourceId: i.id,
            workspaceId: byId.get(i.id)!.workspace_id,
            summary:
              operation.kind === 'assign' || operation.kind === 'unassign'
                ? { assigneeId: operation.kind === 'assign' ? operation.memberId : null }
                : operation.kind === 'properties'
                  ? {
                      score: operation.score,
                      custom: operation.custom ? Object.keys(operation.custom) : undefined,
                    }
                  : {
                      from: i.from,
                      to: i.to,
                      reason,
                      ...(operation.kind === 'redo' ? { reset: operation.reset === true } : {}),
                    },
          })),
      );
      return items;
    });
  }
}
