import { eventActor, type Principal } from '../../auth/principal.js';
import { ApiError, badField, notFound } from '../../errors/problem.js';
import { newId } from '../../ids.js';
import type { Store } from '../../store/index.js';
import { findBatch } from '../../store/queries/datasets.js';
import {
  claimGoldTask,
  claimsCounted,
  countClaim,
  endGoldClaim,
  findGoldClaim,
  goldOf,
  renewGoldLease,
} from '../../store/queries/gold.js';
import { findProject } from '../../store/queries/projects.js';
import {
  claimConsensusTask,
  claimNextTaskAudited,
  submitLeaseAudited,
  findLeasedTask,
  claimNextTask,
  endLease,
  findTask,
  holdsConsensusLease,
  releaseExpiredConsensusLeases,
  releaseExpiredLeases,
  renewConsensusLease,
  renewLease,
  skipConsensusLease,
  type TaskRow,
} from '../../store/queries/tasks.js';
import { auditRow, recordAudit } from '../audit/service.js';
import { workflowOf } from '../projects/service.js';
import type { WebhookService } from '../webhooks/service.js';
import { agreementScore } from './agreement.js';
import { goldClaimView, goldEndView, goldInterval, jsonText } from './gold.js';
import type { TaskConsensus } from './consensus.js';
import type { ClaimTaskInput, SubmitTaskInput } from './schema.js';
import { isWorkableBatch } from './workflow.js';

/** A claim's lease when the request names none, and the bounds of the one it names. */
export const DEFAULT_LEASE_SECONDS = 300;
export const MAX_LEASE_SECONDS = 3600;

/**
 * Claim queues: a member takes the next workable task of a project (or batch) under a lease,
 * renews it with heartbeats, and ends it by submitting or skipping the task. An expired lease
 * returns the task to the queue (the next claim in its project releases it).
 */
export class TaskClaims {
  constructor(
    private readonly store: Store,
    private readonly deps: { readonly webhooks: WebhookService },
    /** The task's data checked against its project's task schema (JSON text). */
    private readonly checkedData: (
      projectId: string,
      input: { data?: Record<string, unknown> | undefined; dataCheck?: boolean | undefined },
    ) => Promise<string>,
    /** Leases of tasks collecting several members' annotations (consensus projects). */
    private readonly consensus: TaskConsensus,
  ) {}

  /** The member a claim acts for: only a member's key works from a queue. */
  private memberOf(principal: Principal) {
    if (!principal.member) {
      throw new ApiError(
        'member_credential_required',
        'Claim queues hand tasks to people: use an API key created for a member (memberId).',
      );
    }
    return principal.member;
  }

  /**
   * Claims the next task for the calling member: the row as the claim left it, and whether it is a
   * gold task (whose member view is read again; any other row is the answer as it is).
   */
  async claim(
    principal: Principal,
    input: ClaimTaskInput,
  ): Promise<{ row: TaskRow; gold: boolean } | undefined> {
    const project = await findProject(this.store.db, input.projectId, principal.workspaceId);
    if (!project) {
      throw new ApiError('not_found', `Project ${input.projectId} was not found.`, {
        errors: [{ in: 'body', pointer: '/projectId', message: 'no such project in this workspace' }],
      });
    }
    if (input.batchId !== undefined) {
      const batch = await findBatch(this.store.db, input.batchId, principal.workspaceId);
      if (!batch || batch.project_id !== project.id) {
        throw new ApiError('not_found', `Batch ${input.batchId} was not found in project ${project.id}.`, {
          errors: [{ in: 'body', pointer: '/batchId', message: 'no such batch in this project' }],
        });
      }
    }
    const member = this.memberOf(principal);
    const leaseMs = (input.leaseSeconds ?? DEFAULT_LEASE_SECONDS) * 1000;
    const every = goldInterval(workflowOf(project).goldRate);
    const now = Date.now();
    const required = workflowOf(project).annotationsPerTask;
    const claimed =
      every === 0 && required <= 1
        ? await this.claimPlain(principal, project.workspace_id, {
            projectId: project.id,
            batchId: input.batchId ?? null,
            memberId: member.id,
            leaseMs,
            who: eventActor(principal),
            at: now,
          })
        : await this.claimWithGoldOrPlaces(principal, project, member.id, input.batchId ?? null, {
            leaseMs,
            every,
            required,
            now,
          });
    if (!claimed) return undefined;
    if (claimed.gold) return { row: claimed.task, gold: true };
    // A consensus task with places left stays pending (in the queue) while members work on it.
    if (claimed.task.status !== 'pending')
      await this.statusChanged(claimed.task, 'claim', 'pending', claimed.task.status, null);
    // A consensus lease is the member's own: the task shows it as theirs.
    const row =
      claimed.task.lease_member_id === null
        ? { ...claimed.task, lease_member_id: member.id, lease_expires_at: now + leaseMs }
        : claimed.task;
    return { row, gold: false };
  }

  /**
   * The plain queue (no gold due, one annotation a task): the store releases expired leases, takes
   * the head and writes its event and this audit entry (one statement per step on PostgreSQL).
   */
  private async claimPlain(
    principal: Principal,
    workspaceId: string,
    claim: Parameters<typeof claimNextTaskAudited>[1],
  ): Promise<{ task: TaskRow; gold: boolean } | undefined> {
    const {
      resource_id: _task,
      summary: _summary,
      ...entry
    } = auditRow(principal, {
      action: 'task.claim',
      resourceType: 'task',
      resourceId: '',
      workspaceId,
    });
    const task = await claimNextTaskAudited(this.store, claim, {
      ...entry,
      summary: { leaseSeconds: claim.leaseMs / 1000 },
    });
    return task && { task, gold: false };
  }

  /** A claim in a project with gold tasks or several annotations a task: one transaction. */
  private claimWithGoldOrPlaces(
    principal: Principal,
    project: { id: string },
    memberId: string,
    batchId: string | null,
    { leaseMs, every, required, now }: { leaseMs: number; every: number; required: number; now: number },
  ): Promise<{ task: TaskRow; seeded: boolean; gold: boolean } | undefined> {
    return this.store.transaction(async (trx) => {
      await releaseExpiredLeases(this.store, trx, project.id, now);
      // Consensus places exist only while the project collects several annotations a task; any
      // left from before a settings change are released by the lease sweep (15 s).
      if (required > 1) await releaseExpiredConsensusLeases(this.store, trx, project.id, now);
      const queue = { projectId: project.id, batchId, memberId, leaseMs };
      // Gold is due on every `every`-th claim; when none is left for the member, a real task.
      const due = every > 0 && ((await claimsCounted(trx, project.id, memberId)) + 1) % every === 0;
      const gold = due ? await claimGoldTask(this.store, trx, { ...queue, at: now }) : undefined;
      const claim = { ...queue, who: eventActor(principal), at: now };
      const result = gold
        ? { task: goldClaimView(gold, memberId, now + leaseMs, now), seeded: false }
        : required > 1
          ? await claimConsensusTask(this.store, trx, { ...claim, required })
          : await claimNextTask(this.store, trx, claim);
      if (result) {
        if (every > 0) await countClaim(trx, project.id, memberId);
        await recordAudit(trx, principal, {
          action: 'task.claim',
          resourceType: 'task',
          resourceId: result.task.id,
          workspaceId: result.task.workspace_id,
          summary: { leaseSeconds: leaseMs / 1000, seeded: result.seeded, ...(gold ? { gold: true } : {}) },
        });
      }
      return result && { ...result, gold: gold !== undefined };
    });
  }

  /** The task a lease call names: 404 outside the caller's workspace, then the member check. */
  private async leasedTask(principal: Principal, id: string) {
    const task = await findTask(this.store.db, id, principal.workspaceId);
    if (!task) throw notFound('Task', id);
    return { task, member: this.memberOf(principal) };
  }

  /**
   * Renews a lease. Returns the task as its claimer sees it when it is a gold task they hold
   * (the stored one does not show their claim); undefined for a real task.
   */
  async heartbeat(
    principal: Principal,
    id: string,
    leaseSeconds: number | undefined,
  ): Promise<TaskRow | undefined> {
    const { task, member } = await this.leasedTask(principal, id);
    const leaseMs = (leaseSeconds ?? DEFAULT_LEASE_SECONDS) * 1000;
    const now = Date.now();
    if (await findGoldClaim(this.store.db, task.id, member.id)) {
      if (!(await renewGoldLease(this.store.db, task.id, member.id, leaseMs, now))) throw leaseLost(task);
      return goldClaimView(task, member.id, now + leaseMs, now);
    }
    const renew = (await holdsConsensusLease(this.store.db, task.id, member.id))
      ? renewConsensusLease
      : renewLease;
    if (!(await renew(this.store.db, task.id, member.id, leaseMs, now))) throw leaseLost(task);
    return undefined;
  }

  /**
   * Submits the work (for a gold task, the member's answer). Returns how the route answers: `view`, the task as the member sees it (a
   * gold task they answered, or a task whose lease just ended, as the submit left it), or nothing
   * when the task must be read again (a consensus place).
   */
  async submit(
    principal: Principal,
    id: string,
    input: SubmitTaskInput,
  ): Promise<{ view: TaskRow; gold: boolean } | undefined> {
    // The task, its batch's state, its project's workflow and the member's hold on it: one read
    // (404 outside the caller's workspace first, then the member check, as for every lease call).
    const found = await findLeasedTask(this.store.db, id, principal.workspaceId, principal.member?.id ?? '');
    if (!found) throw notFound('Task', id);
    const member = this.memberOf(principal);
    const { batch_state: state, project_workflow: workflow, consensus_lease, gold_claim, ...task } = found;
    // Work is not saved into a batch that was suspended (or is going away) since the claim.
    if (!isWorkableBatch(state ?? undefined)) {
      throw new ApiError(
        'batch_not_workable',
        `Task ${id} is in batch ${task.batch_id}, which is ${state ?? 'gone'}: restore it to submit.`,
      );
    }
    const data = input.data === undefined ? undefined : await this.checkedData(task.project_id, input);
    if (consensus_lease) {
      const moved = await this.consensus.submit(principal, task, member.id, data, () => leaseLost(task));
      if (moved.to !== moved.from) await this.statusChanged(task, 'consensus', moved.from, moved.to, null);
      return;
    }
    const reviewStage = workflowOf({ workflow }).reviewStages[0] ?? null;
    const goldClaim = gold_claim ? await findGoldClaim(this.store.db, task.id, member.id) : undefined;
    if (goldClaim) {
      // The answer: what is submitted, else the member's saved draft, else the task's data.
      const answer = data ?? (goldClaim.data !== null ? jsonText(goldClaim.data) : jsonText(task.data));
      await this.endGold(principal, task, member.id, { outcome: 'submit', data: answer });
      return {
        view: goldEndView(task, 'submit', reviewStage ? 'to_review' : 'complete', answer),
        gold: true,
      };
    }
    const ended = await this.end(principal, task, member.id, { outcome: 'submit', data, reviewStage });
    return { view: ended, gold: false };
  }

  async skip(principal: Principal, id: string, reason: string): Promise<TaskRow | undefined> {
    const { task, member } = await this.leasedTask(principal, id);
    if (reason.trim() === '') throw badField('body', '/reason', 'say why the task is skipped');
    if (await holdsConsensusLease(this.store.db, task.id, member.id)) {
      const now = Date.now();
      await this.store.transaction(async (trx) => {
        const who = eventActor(principal);
        if (!(await skipConsensusLease(trx, { taskId: task.id, memberId: member.id, reason, who, at: now })))
          throw leaseLost(task);
        await recordAudit(trx, principal, {
          action: 'task.skip',
          resourceType: 'task',
          resourceId: task.id,
          workspaceId: task.workspace_id,
          summary: { reason, consensus: true },
        });
      });
      return undefined;
    }
    if (await findGoldClaim(this.store.db, task.id, member.id)) {
      await this.endGold(principal, task, member.id, { outcome: 'skip', reason });
      return goldEndView(task, 'skip', 'pending');
    }
    await this.end(principal, task, member.id, { outcome: 'skip', reason });
    return undefined;
  }

  /**
   * Ends a member's claim of a gold task: their answer scored against the known one, or their
   * skip (the queue never hands it to them again). The task itself stays as it is for the others.
   */
  private async endGold(
    principal: Principal,
    task: TaskRow,
    memberId: string,
    end: { outcome: 'submit'; data: string } | { outcome: 'skip'; reason: string },
  ): Promise<void> {
    const now = Date.now();
    const known = (await goldOf(this.store.db, [task.id])).get(task.id);
    await this.store.transaction(async (trx) => {
      const score =
        end.outcome === 'submit'
          ? known === undefined
            ? 0
            : agreementScore(JSON.parse(end.data) as unknown, JSON.parse(known) as unknown)
          : 0;
      const ended = await endGoldClaim(
        trx,
        end.outcome === 'submit'
          ? { taskId: task.id, memberId, at: now, outcome: 'answer', data: end.data, score }
          : { taskId: task.id, memberId, at: now, outcome: 'skip', reason: end.reason },
      );
      if (!ended) throw leaseLost(task);
      await recordAudit(trx, principal, {
        action: `task.${end.outcome}`,
        resourceType: 'task',
        resourceId: task.id,
        workspaceId: task.workspace_id,
        summary: end.outcome === 'submit' ? { gold: true, score } : { gold: true, reason: end.reason },
      });
    });
  }

  private async end(
    principal: Principal,
    task: TaskRow,
    memberId: string,
    end: {
      outcome: 'submit' | 'skip';
      data?: string | undefined;
      reason?: string | undefined;
      reviewStage?: string | null | undefined;
    },
  ): Promise<TaskRow> {
    const to = end.outcome === 'skip' ? 'pending' : end.reviewStage ? 'to_review' : 'complete';
    const now = Date.now();
    const change = {
      action: `task.${end.outcome}`,
      resourceType: 'task',
      resourceId: task.id,
      workspaceId: task.workspace_id,
      summary:
        end.outcome === 'submit'
          ? { from: 'in_progress', to, data: end.data !== undefined, reviewStage: end.reviewStage ?? null }
          : { from: 'in_progress', to: 'pending', reason: end.reason },
    };
    if (end.outcome === 'submit') {
      const submitted = await submitLeaseAudited(
        this.store,
        {
          taskId: task.id,
          memberId,
          data: end.data,
          reviewStage: end.reviewStage ?? null,
          who: eventActor(principal),
          at: now,
        },
        auditRow(principal, change),
      );
      if (!submitted) throw leaseLost(task);
      await this.statusChanged(task, end.outcome, 'in_progress', to, null);
      return submitted;
    }
    const ended = await this.store.transaction(async (trx) => {
      const ended = await endLease(trx, {
        taskId: task.id,
        memberId,
        ...end,
        who: eventActor(principal),
        at: now,
      });
      if (!ended) throw leaseLost(task);
      await recordAudit(trx, principal, change);
      return ended;
    });
    await this.statusChanged(task, end.outcome, 'in_progress', to, end.reason ?? null);
    return ended;
  }

  private statusChanged(task: TaskRow, action: string, from: string, to: string, reason: string | null) {
    return this.deps.webhooks.emitSafely('task.status_changed', [
      {
        projectId: task.project_id,
        key: `status:${task.id}:${newId('msg')}`,
        data: { action, reason, changes: [{ id: task.id, from, to }] },
      },
    ]);
  }
}

function leaseLost(task: TaskRow): ApiError {
  return new ApiError(
    'task_lease_lost',
    `Your claim on task ${task.id} expired or another member holds it now; nothing was changed.`,
  );
}
