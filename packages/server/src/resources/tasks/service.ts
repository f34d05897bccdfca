import type { Readable } from 'node:stream';
import { eventActor, type Principal } from '../../auth/principal.js';
import type { JobEngine, JobTypeDefinition } from '../../engine/index.js';
import { ApiError, badField, notFound } from '../../errors/problem.js';
import { splitList, type ParsedList } from '../../http/list.js';
import { isoTime } from '../../time.js';
import type { Store } from '../../store/index.js';
import { FilterTooExpensiveError, InvalidNamePatternError } from '../../store/name-pattern.js';
import { findBatch } from '../../store/queries/datasets.js';
import { findProject } from '../../store/queries/projects.js';
import {
  batchStates,
  countTasks,
  findTask,
  insertTaskEvents,
  findTaskWithGold,
  listTasks,
  namesInBatch,
  taskEvents,
  updateTaskContent,
  type LightTaskRow,
  type TaskEventRow,
  type TaskFilter,
  type TaskRow,
} from '../../store/queries/tasks.js';
import { changedFields, recordAudit } from '../audit/service.js';
import type { Job } from '../jobs/schema.js';
import type { JobService } from '../jobs/service.js';
import type { WebhookService } from '../webhooks/service.js';
import { TaskBulk, type BulkSummary } from './bulk.js';
import { TaskClaims } from './claims.js';
import { TaskConsensus } from './consensus.js';
import { TaskGold, canSeeGold } from './gold.js';
import { TaskReview } from './review.js';
import { TaskCreation, predictionColumns } from './create.js';
import { DEFAULT_EXPORT_FIELDS } from './export.js';
import { isLabelFormat, LABEL_LIMITS } from './labels/convention.js';
import { readKeypointSpec } from './labels/keypoints.js';
import { bodyFilter, queryFilter, type TaskFilterQuery } from './filter.js';
import { taskJobTypes } from './jobs.js';
import { startFromRows } from './from-rows.js';
import type {
  CreateTasksInput,
  ExportTasksInput,
  Task,
  TaskFilterInput,
  TasksFromRowsInput,
  UpdateTaskInput,
} from './schema.js';
import { TaskValidators, firstDataError } from './validators.js';
import { isWorkableBatch, type Operation } from './workflow.js';

/** The last time `toTask` wrote: the tasks of a page were mostly created (and updated) together. */
const lastTime = { ms: NaN, iso: '' };
const taskTime = (ms: number) =>
  ms === lastTime.ms ? lastTime.iso : ((lastTime.ms = ms), (lastTime.iso = isoTime(ms)));

export function toTask(row: LightTaskRow, events?: readonly TaskEventRow[]): Task {
  const task: Task = {
    id: row.id,
    workspaceId: row.workspace_id,
    projectId: row.project_id,
    batchId: row.batch_id,
    name: row.name,
    resources: JSON.parse(row.resources) as string[],
    status: row.status,
    properties: {
      score: row.score === null ? null : Number(row.score),
      custom: JSON.parse(row.custom) as Record<string, unknown>,
    },
    priority: Number(row.priority),
    assigneeId: row.assignee_id,
    lease:
      row.lease_member_id !== null && row.lease_expires_at !== null
        ? { memberId: row.lease_member_id, expiresAt: isoTime(Number(row.lease_expires_at)) }
        : null,
    prediction:
      row.prediction_model_version === null && row.prediction_score === null && !row.prediction_data
        ? null
        : {
            modelVersion: row.prediction_model_version,
            score: row.prediction_score === null ? null : Number(row.prediction_score),
          },
    reviewStage: row.review_stage ?? null,
    lastRejection: row.last_rejection ? rejectionOf(row.last_rejection) : null,
    agreement: agreementOf(row),
    createdBy: row.created_by,
    createdAt: taskTime(row.created_at),
    updatedAt: taskTime(row.updated_at),
  };
  if (row.prediction_data !== undefined && row.prediction_data !== null)
    task.prediction = {
      ...(task.prediction ?? { modelVersion: null, score: null }),
      data: JSON.parse(row.prediction_data) as Record<string, unknown>,
    };
  if (row.data !== undefined) task.data = JSON.parse(row.data) as Record<string, unknown>;
  if (row.initial_data !== undefined)
    task.initialData = JSON.parse(row.initial_data) as Record<string, unknown>;
  if (events) {
    task.history = events.map((e) => ({
      from: e.from_status,
      to: e.to_status,
      action: e.action,
      actor: e.actor,
      memberId: e.member_id ?? null,
      reason: e.reason,
      details: e.details ? (JSON.parse(e.details) as Record<string, unknown>) : null,
      at: isoTime(e.at),
    }));
  }
  return task;
}

/** The consensus a task shows: null unless it was annotated by several members. */
function agreementOf(row: LightTaskRow): Task['agreement'] {
  const annotations = Number(row.annotation_count ?? 0);
  const score = row.agreement_score ?? null;
  if (annotations === 0 && score === null) return null;
  return {
    score: score === null ? null : Number(score),
    annotations,
    chosenAnnotationId: row.chosen_annotation_id ?? null,
    chosenBy: (row.chosen_by as 'majority' | 'reviewer' | null | undefined) ?? null,
  };
}

/** A task with its known answer (JSON text; undefined: not gold, or hidden from the caller). */
function withGold(task: Task, gold: string | undefined, withData: boolean): Task {
  if (gold !== undefined) task.gold = withData ? { data: JSON.parse(gold) as Record<string, unknown> } : {};
  return task;
}

/** A stored rejection (`at` in ms) as the task shows it. */
function rejectionOf(json: string): NonNullable<Task['lastRejection']> {
  const r = JSON.parse(json) as { reason: string; stage: string | null; memberId: string | null; at: number };
  return { reason: r.reason, stage: r.stage, memberId: r.memberId, at: isoTime(r.at) };
}

/**
 * Tasks, the request side: reads and content updates here; creating (`create.ts`), bulk operations
 * (`bulk.ts`, with the moves of `workflow.ts`) and filters (`filter.ts`) in their own files.
 */
export class TaskService {
  private readonly validators = new TaskValidators();
  private readonly creation: TaskCreation;
  private readonly bulkOperations: TaskBulk;
  readonly claims: TaskClaims;
  readonly review: TaskReview;
  readonly consensus: TaskConsensus;
  readonly gold: TaskGold;

  constructor(
    private readonly store: Store,
    private readonly deps: {
      readonly jobs: JobService;
      readonly engine: JobEngine;
      readonly webhooks: WebhookService;
    },
    leaseMs: number,
  ) {
    this.creation = new TaskCreation(store, deps, leaseMs, this.validators);
    this.bulkOperations = new TaskBulk(store, deps);
    this.consensus = new TaskConsensus(store);
    this.claims = new TaskClaims(
      store,
      deps,
      (projectId, input) => this.checkedData(projectId, input),
      this.consensus,
    );
    this.review = new TaskReview(store, deps);
    this.gold = new TaskGold(store, (projectId, input) => this.checkedData(projectId, input));
  }

  queryFilter(principal: Principal, query: TaskFilterQuery): Promise<TaskFilter> {
    return queryFilter(this.store, principal, query);
  }

  create(principal: Principal, batchId: string, input: CreateTasksInput) {
    return this.creation.create(principal, batchId, input);
  }

  import(
    principal: Principal,
    batchId: string,
    options: Pick<CreateTasksInput, 'dataCheck' | 'uniqueCheck' | 'onExisting'>,
    format: 'json' | 'jsonl',
    body: Readable,
  ): Promise<Job> {
    return this.creation.import(principal, batchId, options, format, body);
  }

  /** Starts a `tasks.from_rows` job: a task per row of the batch (from-rows.ts). */
  fromRows(principal: Principal, batchId: string, input: TasksFromRowsInput): Promise<Job> {
    return startFromRows(this.store, this.deps.jobs, this.creation, principal, batchId, input);
  }

  bulk(
    principal: Principal,
    selection: {
      ids?: string[] | undefined;
      filter?: TaskFilterInput | undefined;
      reason?: string | undefined;
    },
    operation: Operation,
  ): Promise<{ sync: true; result: BulkSummary } | { sync: false; job: Job }> {
    return this.bulkOperations.bulk(principal, selection, operation);
  }

  // ---- Reading -----------------------------------------------------------------------------------

  async list(principal: Principal, filter: TaskFilter, include: Set<string>, list: ParsedList) {
    // A caller who may see gold gets each task's known answer in the page's own statement.
    const seeGold = canSeeGold(principal);
    const page = await listTasks(
      this.store,
      filter,
      include.has('data'),
      list.sort,
      list.after,
      list.limit,
      seeGold,
    ).catch((error: unknown) => {
      // Lists take their filter from the query string (bulk operations and exports are jobs).
      const at = { in: 'query' as const, pointer: '/nameRegex' };
      if (error instanceof FilterTooExpensiveError)
        throw new ApiError('filter_too_expensive', error.message, {
          errors: [{ ...at, message: 'too expensive to evaluate' }],
        });
      if (error instanceof InvalidNamePatternError) throw badField(at.in, at.pointer, error.message);
      throw error;
    });
    const events = include.has('history')
      ? await taskEvents(
          this.store.db,
          page.rows.map((r) => r.id),
        )
      : null;
    const byTask = new Map<string, TaskEventRow[]>();
    for (const e of events ?? []) {
      const list = byTask.get(e.task_id);
      if (list) list.push(e);
      else byTask.set(e.task_id, [e]);
    }
    return {
      page,
      toItem: ({ gold_data: gold, ...row }: LightTaskRow) =>
        withGold(
          toTask(row, events ? (byTask.get(row.id) ?? []) : undefined),
          seeGold ? (gold ?? undefined) : undefined,
          include.has('data'),
        ),
    };
  }

  /** How many tasks a filter selects: the true total a page-based list reports. */
  count(principal: Principal, filter: TaskFilter): Promise<number> {
    return countTasks(this.store, { ...filter, workspaceId: principal.workspaceId ?? filter.workspaceId });
  }

  /**
   * Which of `names` a batch (in the caller's workspace) already has on a task: what a client checks
   * before creating tasks, to refuse or skip them (isahit's duplicate check).
   */
  async duplicateNames(principal: Principal, batchId: string, names: readonly string[]): Promise<string[]> {
    const batch = await findBatch(this.store.db, batchId, principal.workspaceId);
    if (!batch) throw notFound('Batch', batchId);
    const found = await namesInBatch(this.store.db, batch.id, names);
    return [...new Set(names)].filter((n) => found.has(n));
  }

  async get(principal: Principal, id: string, include: Set<string>): Promise<Task> {
    // A caller who may see gold gets the known answer in the task's own statement.
    const seeGold = canSeeGold(principal);
    const withAnswer = seeGold
      ? await findTaskWithGold(this.store.db, id, principal.workspaceId)
      : await findTask(this.store.db, id, principal.workspaceId);
    if (!withAnswer) throw notFound('Task', id);
    const { gold_data: gold, ...found } = withAnswer as TaskRow & { gold_data?: string | null };
    // A member holding a gold claim of it sees it as claimed, like any task they claimed.
    const row = (await this.gold.memberView(principal, found)) ?? found;
    const light: LightTaskRow = { ...row };
    if (!include.has('data')) {
      delete light.data;
      delete light.initial_data;
      delete light.prediction_data;
    }
    const task = toTask(light, include.has('history') ? await taskEvents(this.store.db, [id]) : undefined);
    return withGold(task, seeGold ? (gold ?? undefined) : undefined, include.has('data'));
  }

  /**
   * A task as the member working on it sees it in a claim-queue answer (`row` may be a gold
   * task's view for that member): never its known answer, so that gold looks like any task.
   */
  claimView(row: TaskRow, include: Set<string>): Task {
    const light: LightTaskRow = { ...row };
    if (!include.has('data')) {
      delete light.data;
      delete light.initial_data;
      delete light.prediction_data;
    }
    return toTask(light);
  }

  /**
   * A task as its claim hands it out: a consensus place's lease is the member's own (not the task's),
   * its data is what the member starts from, and a gold task's known answer is left out.
   */
  async claimed(principal: Principal, row: TaskRow): Promise<Task> {
    // Never the known answer of a gold task: in a queue, gold looks like any task.
    const { gold: _hidden, ...task } = await this.get(principal, row.id, new Set(['data']));
    if (task.lease !== null || row.lease_member_id === null || row.lease_expires_at === null) return task;
    return {
      ...task,
      lease: { memberId: row.lease_member_id, expiresAt: isoTime(Number(row.lease_expires_at)) },
      data: JSON.parse(row.data) as Record<string, unknown>,
    };
  }

  /**
   * Replaces a task's data (the work done on it), resources, priority or prediction; its initial
   * data stays for redo. An annotator's or reviewer's key changes only the tasks assigned to that
   * member or claimed by it.
   */
  async update(principal: Principal, id: string, input: UpdateTaskInput): Promise<Task> {
    const task = await findTask(this.store.db, id, principal.workspaceId);
    if (!task) throw notFound('Task', id);
    const member = principal.member;
    if (
      member &&
      input.resources === undefined &&
      input.priority === undefined &&
      input.prediction === undefined
    ) {
      // Work in progress on a gold task the member holds: their draft, not the task.
      const draft = await this.gold.saveDraft(principal, task, input);
      if (draft) return this.claimView(draft, new Set(['data']));
    }
    if (
      member &&
      member.role !== 'manager' &&
      task.assignee_id !== member.id &&
      task.lease_member_id !== member.id
    ) {
      throw new ApiError(
        'task_not_assigned',
        `Task ${id} is neither assigned to member ${member.id} nor claimed by it.`,
      );
    }
    const state = (await batchStates(this.store.db, [task.batch_id])).get(task.batch_id);
    if (!isWorkableBatch(state)) {
      throw new ApiError(
        'invalid_batch_state',
        `Task ${id} is in batch ${task.batch_id}, which is ${state ?? 'gone'}: its tasks cannot be worked on.`,
      );
    }
    const changes: Parameters<typeof updateTaskContent>[2] = {};
    if (input.data !== undefined) changes.data = await this.checkedData(task.project_id, input);
    if (input.resources !== undefined) changes.resources = JSON.stringify(input.resources);
    if (input.priority !== undefined) changes.priority = input.priority;
    if (input.prediction !== undefined) Object.assign(changes, predictionColumns(input.prediction));
    const now = Date.now();
    const { dataCheck: _check, ...fields } = input;
    await this.store.transaction(async (trx) => {
      await updateTaskContent(trx, id, changes, now);
      await insertTaskEvents(
        trx,
        [
          {
            taskId: id,
            from: task.status,
            to: task.status,
            action: 'update',
            details: changedFields(fields),
          },
        ],
        eventActor(principal),
        now,
      );
      await recordAudit(trx, principal, {
        action: 'task.update',
        resourceType: 'task',
        resourceId: id,
        workspaceId: task.workspace_id,
        summary: changedFields(input),
      });
    });
    return this.get(principal, id, new Set(['data']));
  }

  /** `input.data` as JSON text, checked against the project's task schema unless told not to. */
  async checkedData(
    projectId: string,
    input: { data?: Record<string, unknown> | undefined; dataCheck?: boolean | undefined },
  ): Promise<string> {
    const project = await findProject(this.store.db, projectId, null);
    if ((input.dataCheck ?? true) && project?.task_schema) {
      const validate = this.validators.forProject(project.id, project.updated_at, project.task_schema);
      if (!validate(input.data)) {
        const { at, message } = firstDataError(validate);
        throw badField('body', `/data${at}`, `${message ?? 'does not match'} (the project's task schema)`);
      }
    }
    return JSON.stringify(input.data);
  }

  // ---- Export ------------------------------------------------------------------------------------

  async export(principal: Principal, input: ExportTasksInput): Promise<Job> {
    const labels = isLabelFormat(input.format);
    if (labels && input.fields !== undefined)
      throw badField('body', '/fields', `fields apply to json, jsonl and csv exports, not ${input.format}`);
    if (!labels && input.classes !== undefined)
      throw badField('body', '/classes', 'classes apply to the label formats (coco, yolo, voc, masks) only');
    if (!labels && input.keypoints !== undefined)
      throw badField(
        'body',
        '/keypoints',
        'keypoints apply to the label formats (coco, yolo, voc, masks) only',
      );
    for (const [name, spec] of Object.entries(input.keypoints ?? {})) {
      const checked = readKeypointSpec(spec.names, spec.skeleton);
      const at = `/keypoints/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (typeof checked === 'string') throw badField('body', `${at}/skeleton`, checked);
      if (input.classes && !input.classes.includes(name))
        throw badField('body', at, `class ${JSON.stringify(name)} is not one of the classes to export`);
    }
    if (input.format === 'masks' && (input.classes?.length ?? 0) > LABEL_LIMITS.maskClasses)
      throw badField('body', '/classes', `a masks export holds at most ${LABEL_LIMITS.maskClasses} classes`);
    const filter = await bodyFilter(this.store, principal, input.filter, '/filter');
    const project = (await findProject(this.store.db, filter.projectId, principal.workspaceId))!;
    const { job } = await this.deps.jobs.create(principal, {
      type: 'tasks.export',
      workspaceId: project.workspace_id,
      projectId: project.id,
      title: `Export tasks of ${project.name} as ${input.format}`,
      arguments: {
        filter: input.filter,
        format: input.format,
        ...(labels
          ? {
              ...(input.classes && { classes: input.classes }),
              ...(input.keypoints && { keypoints: input.keypoints }),
            }
          : { fields: input.fields ?? DEFAULT_EXPORT_FIELDS }),
      },
      maxAttempts: 3,
    });
    return job;
  }

  jobTypes(): JobTypeDefinition[] {
    return taskJobTypes(this.store, this.bulkOperations, this.review, this.creation, this.validators);
  }
}

export function parseInclude(include: string | undefined): Set<string> {
  const names = splitList(include) ?? [];
  for (const name of names) {
    if (name !== 'data' && name !== 'history') {
      throw badField('query', '/include', `unknown include "${name}"; use data, history`);
    }
  }
  return new Set(names);
}
