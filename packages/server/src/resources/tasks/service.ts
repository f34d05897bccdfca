import { PassThrough, type Readable } from 'node:stream';
import { Ajv, type ValidateFunction } from 'ajv';
import { WORD_OPERATORS } from '../../filters.js';
import addFormatsModule from 'ajv-formats';
import type { Principal } from '../../auth/principal.js';
import type { JobContext, JobEngine, JobTypeDefinition } from '../../engine/index.js';
import { builtinJobType } from '../../engine/index.js';
import { NonRetryableError } from '../../engine/index.js';
import { ApiError, badField, notFound, type FieldError } from '../../errors/problem.js';
import type { ParsedList } from '../../http/list.js';
import { badTextMessage, findBadText } from '../../http/text-guard.js';
import { isoTime } from '../../time.js';
import { newId } from '../../ids.js';
import { auditRow, changedFields, recordAudit } from '../audit/service.js';
import type { AuditRow } from '../../store/queries/audit.js';
import type { Store } from '../../store/index.js';
import { findBatch, type BatchRow } from '../../store/queries/datasets.js';
import {
  FilterTooExpensiveError,
  InvalidNamePatternError,
  namePatternProblem,
} from '../../store/name-pattern.js';
import { findProject } from '../../store/queries/projects.js';
import {
  batchStates,
  findTask,
  insertTasksAtomically,
  listTasks,
  moveTask,
  setTaskProperties,
  updateTaskContent,
  taskEvents,
  taskIdsPage,
  uncheckedNames,
  tasksByIds,
  type FieldCondition,
  type FieldValue,
  type LightTaskRow,
  type TaskEventRow,
  type TaskFilter,
  type TaskRow,
} from '../../store/queries/tasks.js';
import type { TaskStatus } from '../../store/tables.js';
import { parseFilterParams } from '../datasets/filters.js';
import type { RowFilterInput } from '../datasets/schema.js';
import type { Job } from '../jobs/schema.js';
import type { JobService } from '../jobs/service.js';
import type { WebhookService } from '../webhooks/service.js';
import { UnparsedLine, jsonArrayRecords, jsonlRecords } from '../batches/records.js';
import { runInlineJob } from '../../engine/index.js';
import {
  TASK_STATUSES,
  NewTaskSchema,
  type CreateTasksInput,
  type NewTask,
  type PropertiesInput,
  type Task,
  type ExportTasksInput,
  type TaskFilterInput,
  type UpdateTaskInput,
} from './schema.js';
import { DEFAULT_EXPORT_FIELDS, runTaskExport } from './export.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

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
    createdBy: row.created_by,
    createdAt: taskTime(row.created_at),
    updatedAt: taskTime(row.updated_at),
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
      reason: e.reason,
      at: isoTime(e.at),
    }));
  }
  return task;
}

/** Which transition each bulk operation makes, and from where. */
type Operation =
  | { kind: 'transition'; to: TaskStatus }
  | { kind: 'review' }
  | { kind: 'redo'; reset: boolean }
  | { kind: 'properties'; score?: number | null | undefined; custom?: PropertiesInput['custom'] };

/** Allowed moves of `transition` (review and redo have their own). */
const TRANSITIONS: Record<TaskStatus, readonly TaskStatus[]> = {
  pending: ['in_progress'],
  in_progress: ['complete', 'pending'],
  complete: ['to_review'],
  to_review: ['reviewed'],
  reviewed: [],
};
const REDO_FROM: readonly TaskStatus[] = ['complete', 'to_review', 'reviewed'];
/** Bulk operations on this many tasks at most run in the request; a filter always runs as a job. */
const SYNC_LIMIT = 1000;
const WORKABLE_BATCH_STATES = new Set(['active', 'draft']);

const REFUSAL_CODES = ['invalid_task_transition', 'batch_not_workable', 'task_changed', 'not_found'] as const;

/** A single task's refusal as the request's own error (the same code a bulk result reports). */
function refusalError(error: { code: string; message: string }): ApiError {
  const code = REFUSAL_CODES.find((c) => c === error.code) ?? 'task_changed';
  return new ApiError(code, error.message, {
    errors: [{ in: 'body', pointer: '/ids/0', message: error.message }],
  });
}

interface ItemResult {
  index: number;
  name: string;
  status: 'created' | 'skipped' | 'failed';
  id?: string;
  error?: { code: string; message: string; pointer?: string };
}

interface BulkItem {
  id: string;
  status: 'applied' | 'refused';
  from?: TaskStatus;
  to?: TaskStatus;
  error?: { code: string; message: string };
}

const SEGMENT = /^[A-Za-z0-9_-]+$/;

export class TaskService {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly schemas = new Map<string, ValidateFunction>();

  constructor(
    private readonly store: Store,
    private readonly deps: {
      readonly jobs: JobService;
      readonly engine: JobEngine;
      readonly webhooks: WebhookService;
    },
    private readonly leaseMs: number,
  ) {
    addFormats(this.ajv);
    this.checkTask = this.ajv.compile(NewTaskSchema);
  }

  /** The shape of one task in an import (a create checks it through its route schema). */
  private readonly checkTask: ValidateFunction;

  // ---- Filters ----------------------------------------------------------------------------------

  /** One `field operator value` into a condition; `text` values come from a query string. */
  private condition(
    field: string,
    operatorText: string,
    raw: unknown,
    text: boolean,
    at: { in: FieldError['in']; pointer: string },
  ): FieldCondition {
    const operator = WORD_OPERATORS[operatorText] ?? (operatorText as FieldCondition['operator']);
    if (!Object.values(WORD_OPERATORS).includes(operator)) {
      throw badField(at.in, at.pointer, `unknown operator "${operatorText}"`);
    }
    const parts = field.split('.');
    let target: FieldCondition['target'];
    let path: string[] = [];
    if (field === 'createdAt' || field === 'updatedAt')
      target = field === 'createdAt' ? 'created_at' : 'updated_at';
    else if (field === 'properties.score') target = 'score';
    else if ((parts[0] === 'data' || parts[0] === 'properties') && parts.length >= 2) {
      target = parts[0] === 'data' ? 'data' : 'custom';
      path = parts.slice(1);
      if (target === 'custom' && path[0] === 'custom' && path.length > 1) path = path.slice(1);
      if (!path.every((p) => SEGMENT.test(p))) {
        throw badField(at.in, at.pointer, `"${field}": path segments are letters, digits, _ and -`);
      }
    } else {
      throw badField(
        at.in,
        at.pointer,
        `unknown filter field "${field}"; use data.<path>, properties.score, properties.<path>, createdAt or updatedAt`,
      );
    }
    // `reparse`: a lone query-string value, read as JSON when it parses (`3`, `true`, `"3"`); the
    // elements of an `in` array were JSON already and stay as they are.
    const one = (value: unknown, reparse = text): FieldValue => {
      let v = value;
      if (
        reparse &&
        typeof v === 'string' &&
        target !== 'created_at' &&
        target !== 'updated_at' &&
        operator !== 'like'
      ) {
        try {
          v = JSON.parse(v);
        } catch {
          // a bare word: the string itself
        }
      }
      if (target === 'created_at' || target === 'updated_at') {
        const ms = typeof v === 'string' ? Date.parse(v) : NaN;
        if (Number.isNaN(ms)) throw badField(at.in, at.pointer, `${field} needs an ISO 8601 date-time`);
        return ms;
      }
      if (target === 'score' && v !== null && typeof v !== 'number') {
        throw badField(at.in, at.pointer, 'properties.score compares with a number');
      }
      if (v !== null && typeof v === 'object')
        throw badField(at.in, at.pointer, 'compare with a string, number, boolean or null');
      return v as FieldValue;
    };
    if (operator === 'in') {
      let list = raw;
      if (text && typeof raw === 'string') {
        try {
          list = JSON.parse(raw);
        } catch {
          list = undefined;
        }
      }
      if (!Array.isArray(list)) throw badField(at.in, at.pointer, '"in" needs a JSON array of values');
      return { target, path, operator, value: list.map((v) => one(v, false)) };
    }
    if (operator === 'like' && typeof raw !== 'string')
      throw badField(at.in, at.pointer, '"like" needs a text pattern');
    return { target, path, operator, value: one(raw) };
  }

  private checkRegex(
    pattern: string | undefined,
    where: FieldError['in'],
    pointer: string,
  ): string | undefined {
    if (pattern === undefined) return undefined;
    const problem = namePatternProblem(pattern);
    if (problem !== undefined) throw badField(where, pointer, problem);
    return pattern;
  }

  private checkStatuses(statuses: readonly string[] | undefined, where: FieldError['in'], pointer: string) {
    statuses?.forEach((s) => {
      if (!(TASK_STATUSES as readonly string[]).includes(s)) {
        throw badField(where, pointer, `unknown status "${s}"; statuses: ${TASK_STATUSES.join(', ')}`);
      }
    });
    return statuses as TaskStatus[] | undefined;
  }

  private async project(principal: Principal, projectId: string, where: FieldError['in'], pointer: string) {
    const project = await findProject(this.store.db, projectId, principal.workspaceId);
    if (!project) {
      throw new ApiError('not_found', `Project ${projectId} was not found.`, {
        errors: [{ in: where, pointer, message: 'no such project in this workspace' }],
      });
    }
    return project;
  }

  async queryFilter(
    principal: Principal,
    query: {
      projectId: string;
      batchIds?: string | undefined;
      statuses?: string | undefined;
      ids?: string | undefined;
      names?: string | undefined;
      nameRegex?: string | undefined;
      filter?: string | string[] | undefined;
    },
  ): Promise<TaskFilter> {
    await this.project(principal, query.projectId, 'query', '/projectId');
    const split = (v: string | undefined) =>
      v === undefined
        ? undefined
        : v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean);
    const conditions = parseFilterParams(query.filter).map((f: RowFilterInput, i) =>
      this.condition(f.key, f.operator, f.value, true, { in: 'query', pointer: `/filter/${i}` }),
    );
    return {
      projectId: query.projectId,
      workspaceId: principal.workspaceId,
      batchIds: split(query.batchIds),
      statuses: this.checkStatuses(split(query.statuses), 'query', '/statuses'),
      ids: split(query.ids),
      names: split(query.names),
      nameRegex: this.checkRegex(query.nameRegex, 'query', '/nameRegex'),
      conditions,
    };
  }

  async bodyFilter(principal: Principal, input: TaskFilterInput, base: string): Promise<TaskFilter> {
    await this.project(principal, input.projectId, 'body', `${base}/projectId`);
    return {
      projectId: input.projectId,
      workspaceId: principal.workspaceId,
      batchIds: input.batchIds,
      statuses: input.statuses,
      ids: input.ids,
      names: input.names,
      nameRegex: this.checkRegex(input.nameRegex, 'body', `${base}/nameRegex`),
      conditions: (input.where ?? []).map((w, i) =>
        this.condition(w.field, w.operator, w.value, false, { in: 'body', pointer: `${base}/where/${i}` }),
      ),
    };
  }

  // ---- Creating ----------------------------------------------------------------------------------

  private validatorFor(projectId: string, updatedAt: number, schema: string): ValidateFunction {
    const key = `${projectId}:${updatedAt}`;
    let validate = this.schemas.get(key);
    if (!validate) {
      if (this.schemas.size > 100) this.schemas.clear();
      try {
        validate = this.ajv.compile(JSON.parse(schema) as object);
      } catch (error) {
        throw new ApiError(
          'validation_failed',
          `The project's task schema does not compile: ${(error as Error).message}`,
        );
      }
      this.schemas.set(key, validate);
    }
    return validate;
  }

  /**
   * Creates tasks in a batch with a result per item: created, skipped (a name the batch has, with
   * onExisting=skip) or failed (duplicate in the request, existing name, data not matching the
   * project's task schema). Items that fail never stop the others.
   */
  /** The batch tasks go into: it must be in this workspace and active or draft. */
  private async workableBatch(principal: Principal, batchId: string) {
    const batch = await findBatch(this.store.db, batchId, principal.workspaceId);
    if (!batch) throw notFound('Batch', batchId);
    if (!WORKABLE_BATCH_STATES.has(batch.state)) {
      throw new ApiError(
        'invalid_batch_state',
        `Batch ${batchId} is ${batch.state}; tasks are created in active or draft batches only.`,
        {
          errors: [{ in: 'path', pointer: '/id', message: `batch is ${batch.state}` }],
        },
      );
    }
    return batch;
  }

  async create(principal: Principal, batchId: string, input: CreateTasksInput) {
    const batch = await this.workableBatch(principal, batchId);
    const results = await this.createIn(
      batch,
      principal.id,
      input.tasks.map((task, index) => ({ index, task })),
      input,
      undefined,
      auditRow(principal, {
        action: 'task.create',
        resourceType: 'batch',
        resourceId: batch.id,
        workspaceId: batch.workspace_id,
        summary: { requested: input.tasks.length },
      }),
    );
    const count = (s: ItemResult['status']) => results.filter((r) => r.status === s).length;
    return { created: count('created'), skipped: count('skipped'), failed: count('failed'), results };
  }

  /**
   * Creates tasks in a checked batch, with a result per item (`index` is the item's place in the
   * request or import). `seenInImport` holds the names an import already went through, so that
   * duplicates across its chunks are duplicates in one request.
   */
  private async createIn(
    batch: BatchRow,
    actor: string | null,
    items: readonly { index: number; task: NewTask }[],
    input: Pick<CreateTasksInput, 'dataCheck' | 'uniqueCheck' | 'onExisting'>,
    seenInImport?: Set<string>,
    audit: AuditRow | null = null,
  ): Promise<ItemResult[]> {
    const project = await findProject(this.store.db, batch.project_id, null);
    const dataCheck = input.dataCheck ?? true;
    const uniqueCheck = input.uniqueCheck ?? true;
    const onExisting = input.onExisting ?? 'error';
    const validate =
      dataCheck && project?.task_schema
        ? this.validatorFor(project.id, project.updated_at, project.task_schema)
        : null;

    const tasks = items.map((item) => item.task);
    const results: ItemResult[] = items.map((item) => ({
      index: item.index,
      name: item.task.name,
      status: 'created',
    }));
    const fail = (r: ItemResult, code: string, message: string, pointer?: string) => {
      r.status = 'failed';
      r.error = pointer === undefined ? { code, message } : { code, message, pointer };
    };
    // Where each name first appears, and every place of the names that appear more than once.
    const first = new Map<string, number>();
    const repeated = new Map<string, number[]>();
    tasks.forEach((t, i) => {
      const at = first.get(t.name);
      if (at === undefined) first.set(t.name, i);
      else {
        const list = repeated.get(t.name);
        if (list) list.push(i);
        else repeated.set(t.name, [at, i]);
      }
    });
    for (const [name, indexes] of repeated) {
      for (const i of indexes) {
        fail(
          results[i]!,
          'duplicate_in_request',
          `"${name}" appears ${indexes.length} times in this request (tasks ${indexes.map((i) => results[i]!.index).join(', ')}).`,
          `/tasks/${results[i]!.index}/name`,
        );
      }
    }
    if (seenInImport) {
      tasks.forEach((t, i) => {
        const r = results[i]!;
        if (r.status === 'created' && seenInImport.has(t.name)) {
          fail(
            r,
            'duplicate_in_request',
            `"${t.name}" appears earlier in this import.`,
            `/tasks/${r.index}/name`,
          );
        }
        seenInImport.add(t.name);
      });
    }
    if (validate) {
      tasks.forEach((t, i) => {
        const r = results[i]!;
        if (r.status !== 'created') return;
        if (!validate(t.data ?? {})) {
          const e = validate.errors?.[0];
          let at = e?.instancePath ?? '';
          if (e?.keyword === 'required') at += `/${String(e.params.missingProperty)}`;
          fail(
            r,
            'data_invalid',
            `data${at ? ` at ${at}` : ''} ${e?.message ?? 'does not match the task schema'}`,
            `/tasks/${results[i]!.index}/data${at}`,
          );
        }
      });
    }
    const candidates = results.filter((r) => r.status === 'created');
    // Names the batch holds on checked tasks are refused by the insert (reported below).
    const existing = uniqueCheck
      ? await uncheckedNames(
          this.store.db,
          batch.id,
          candidates.map((r) => r.name),
        )
      : new Set<string>();
    const onExistingName = (r: ItemResult) => {
      if (onExisting === 'skip') r.status = 'skipped';
      else
        fail(
          r,
          'name_exists',
          `Batch ${batch.id} already has a task named "${r.name}".`,
          `/tasks/${r.index}/name`,
        );
    };
    const now = Date.now();
    const rows: TaskRow[] = [];
    for (const [k, r] of results.entries()) {
      if (r.status !== 'created') continue;
      if (existing.has(r.name)) {
        onExistingName(r);
        continue;
      }
      const t = tasks[k]!;
      const data = JSON.stringify(t.data ?? {});
      const row: TaskRow = {
        id: newId('tsk'),
        workspace_id: batch.workspace_id,
        project_id: batch.project_id,
        batch_id: batch.id,
        name: t.name,
        unique_name: uniqueCheck ? t.name : null,
        resources: t.resources === undefined ? '[]' : JSON.stringify(t.resources),
        data,
        initial_data: data,
        score: t.properties?.score ?? null,
        custom: t.properties?.custom === undefined ? '{}' : JSON.stringify(t.properties.custom),
        status: 'pending',
        created_by: actor,
        created_at: now,
        updated_at: now,
      };
      r.id = row.id;
      rows.push(row);
    }
    const inserted = await insertTasksAtomically(this.store, rows, audit);
    for (const r of candidates) {
      // A checked name the batch already had (or a concurrent request won the race for).
      if (r.id !== undefined && r.status === 'created' && !inserted.has(r.id)) {
        delete r.id;
        onExistingName(r);
      }
    }
    const created = results.filter((r) => r.status === 'created');
    if (created.length > 0) {
      await this.deps.webhooks.emitSafely('task.created', [
        {
          projectId: batch.project_id,
          key: `tasks:${created[0]!.id!}`,
          data: { batchId: batch.id, tasks: created.map((r) => ({ id: r.id, name: r.name })) },
        },
      ]);
    }
    return results;
  }

  /**
   * Imports tasks from a streamed JSONL or JSON-array body as job `tasks.import`, run by this
   * request (like batch uploads): chunks of 5,000 go through the same checks as a create, and every
   * failed or skipped task is listed in the job's `failures.jsonl`.
   */
  async import(
    principal: Principal,
    batchId: string,
    options: Pick<CreateTasksInput, 'dataCheck' | 'uniqueCheck' | 'onExisting'>,
    format: 'json' | 'jsonl',
    body: Readable,
  ): Promise<Job> {
    const batch = await this.workableBatch(principal, batchId);
    const row = await this.deps.jobs.prepare(principal, {
      type: 'tasks.import',
      workspaceId: batch.workspace_id,
      projectId: batch.project_id,
      title: `Import tasks into ${batch.name}`,
      arguments: { batchId, format, ...options },
      maxAttempts: 3,
    });
    const finished = await runInlineJob(
      this.store,
      this.deps.engine,
      this.leaseMs,
      row,
      principal,
      async (ctx) => {
        const records = format === 'jsonl' ? jsonlRecords(body) : jsonArrayRecords(body);
        const seen = new Set<string>();
        const counts = { created: 0, skipped: 0, failed: 0 };
        let failures: PassThrough | undefined;
        let writing: Promise<unknown> | undefined;
        const report = (r: ItemResult) => {
          if (!failures) {
            failures = new PassThrough();
            writing = ctx.writeArtifact('failures.jsonl', 'application/x-ndjson', failures);
          }
          failures.write(`${JSON.stringify(r)}\n`);
        };
        let index = 0;
        let pending: { index: number; task: NewTask }[] = [];
        const flush = async () => {
          const results = await this.createIn(batch, principal.id, pending, options, seen);
          pending = [];
          for (const r of results) {
            counts[r.status]++;
            if (r.status !== 'created') report(r);
          }
          ctx.progress({ done: index, unit: 'tasks' });
        };
        try {
          for await (const page of records) {
            ctx.signal.throwIfAborted();
            for (const record of page) {
              // NUL, bad UTF-8, unpaired surrogates, non-finite numbers, deep nesting: the rule of request bodies.
              const bad = findBadText(record);
              if (bad !== undefined) {
                counts.failed++;
                report({
                  index,
                  name: '',
                  status: 'failed',
                  error: {
                    code: 'invalid_task',
                    message: `${bad.pointer} ${badTextMessage(bad)}`,
                    pointer: `/${index}${bad.pointer}`,
                  },
                });
              } else if (record instanceof UnparsedLine) {
                counts.failed++;
                report({
                  index,
                  name: '',
                  status: 'failed',
                  error: {
                    code: 'invalid_json',
                    message: `line ${record.lineNumber ?? index + 1} is not valid JSON: ${record.reason ?? 'it does not parse'}`,
                    pointer: `/${index}`,
                  },
                });
              } else if (this.checkTask(record)) pending.push({ index, task: record as NewTask });
              else {
                counts.failed++;
                const e = this.checkTask.errors?.[0];
                report({
                  index,
                  name:
                    typeof (record as { name?: unknown })?.name === 'string'
                      ? (record as { name: string }).name
                      : '',
                  status: 'failed',
                  error: {
                    code: 'invalid_task',
                    message: `${e?.instancePath || 'the task'} ${e?.message ?? 'is not a task'}`,
                    pointer: `/${index}${e?.instancePath ?? ''}`,
                  },
                });
              }
              index++;
              if (pending.length >= IMPORT_CHUNK) await flush();
            }
          }
          if (pending.length > 0) await flush();
        } finally {
          failures?.end();
          await writing;
        }
        if (counts.failed + counts.skipped > 0)
          ctx.warn(`${counts.failed} failed and ${counts.skipped} skipped (see failures.jsonl)`);
        return { batchId, total: index, ...counts };
      },
    );
    return this.deps.jobs.withArtifacts(finished);
  }

  // ---- Reading -----------------------------------------------------------------------------------

  async list(principal: Principal, filter: TaskFilter, include: Set<string>, list: ParsedList) {
    const page = await listTasks(
      this.store,
      filter,
      include.has('data'),
      list.sort,
      list.after,
      list.limit,
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
      toItem: (row: LightTaskRow) => toTask(row, events ? (byTask.get(row.id) ?? []) : undefined),
    };
  }

  async get(principal: Principal, id: string, include: Set<string>): Promise<Task> {
    const row = await findTask(this.store.db, id, principal.workspaceId);
    if (!row) throw notFound('Task', id);
    const light: LightTaskRow = include.has('data')
      ? row
      : { ...row, data: undefined, initial_data: undefined };
    if (!include.has('data')) {
      delete light.data;
      delete light.initial_data;
    }
    return toTask(light, include.has('history') ? await taskEvents(this.store.db, [id]) : undefined);
  }

  /** Replaces a task's data (the work done on it) or resources; its initial data stays for redo. */
  async update(principal: Principal, id: string, input: UpdateTaskInput): Promise<Task> {
    const task = await findTask(this.store.db, id, principal.workspaceId);
    if (!task) throw notFound('Task', id);
    const state = (await batchStates(this.store.db, [task.batch_id])).get(task.batch_id);
    if (!state || !WORKABLE_BATCH_STATES.has(state)) {
      throw new ApiError(
        'invalid_batch_state',
        `Task ${id} is in batch ${task.batch_id}, which is ${state ?? 'gone'}: its tasks cannot be worked on.`,
      );
    }
    const changes: { data?: string; resources?: string } = {};
    if (input.data !== undefined) {
      const project = await findProject(this.store.db, task.project_id, null);
      if ((input.dataCheck ?? true) && project?.task_schema) {
        const validate = this.validatorFor(project.id, project.updated_at, project.task_schema);
        if (!validate(input.data)) {
          const e = validate.errors?.[0];
          let at = e?.instancePath ?? '';
          if (e?.keyword === 'required') at += `/${String(e.params.missingProperty)}`;
          throw badField(
            'body',
            `/data${at}`,
            `${e?.message ?? 'does not match'} (the project's task schema)`,
          );
        }
      }
      changes.data = JSON.stringify(input.data);
    }
    if (input.resources !== undefined) changes.resources = JSON.stringify(input.resources);
    await this.store.transaction(async (trx) => {
      await updateTaskContent(trx, id, changes, Date.now());
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

  // ---- Bulk operations: review, redo, transition, properties --------------------------------------

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
  ): Promise<{ sync: true; result: ReturnType<TaskService['summary']> } | { sync: false; job: Job }> {
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
        principal.id,
        reason,
        operation,
        principal,
      );
      // One task asked for is one answer: its refusal is the request's error, not a 200 saying "refused 1".
      const only = items.length === 1 ? items[0] : undefined;
      if (only?.status === 'refused' && only.error) throw refusalError(only.error);
      return { sync: true, result: this.summary(items) };
    }
    const filter = await this.bodyFilter(principal, selection.filter!, '/filter');
    const { job } = await this.deps.jobs.create(principal, {
      type: 'tasks.bulk',
      workspaceId: (await findProject(this.store.db, filter.projectId, principal.workspaceId))!.workspace_id,
      projectId: filter.projectId,
      title: `Tasks: ${operation.kind}`,
      arguments: { filter: selection.filter, operation, reason, actor: principal.id },
      maxAttempts: 3,
    });
    return { sync: false, job };
  }

  private summary(items: BulkItem[]) {
    const applied = items.filter((i) => i.status === 'applied').length;
    return { applied, refused: items.length - applied, results: items };
  }

  private async applyTo(
    ids: readonly string[],
    workspaceId: string | null,
    actor: string | null,
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
    actor: string | null,
    reason: string | null,
    operation: Operation,
    principal?: Principal,
  ): Promise<BulkItem[]> {
    const found = await tasksByIds(this.store.db, ids, workspaceId);
    const byId = new Map(found.map((t) => [t.id, t]));
    const states = await batchStates(this.store.db, [...new Set(found.map((t) => t.batch_id))]);
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
        if (!state || !WORKABLE_BATCH_STATES.has(state)) {
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
        let to: TaskStatus;
        let allowed: boolean;
        let action: string = operation.kind;
        if (operation.kind === 'review') {
          to = 'to_review';
          allowed = from === 'complete';
        } else if (operation.kind === 'redo') {
          to = 'pending';
          allowed = REDO_FROM.includes(from);
          if (operation.reset) action = 'redo_reset';
        } else {
          to = operation.to;
          allowed = TRANSITIONS[from].includes(to);
        }
        if (!allowed) {
          items.push({
            id,
            status: 'refused',
            from,
            to,
            error: {
              code: 'invalid_task_transition',
              message: `${operation.kind === 'transition' ? 'A transition' : `A ${operation.kind}`} from ${from} to ${to} is not allowed.`,
            },
          });
          continue;
        }
        const moved = await moveTask(trx, {
          id,
          from,
          to,
          action,
          actor,
          reason,
          resetData: operation.kind === 'redo' && operation.reset ? task.initial_data : undefined,
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
              operation.kind === 'properties'
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

  private async runBulk(ctx: JobContext): Promise<unknown> {
    const args = ctx.arguments as {
      filter: TaskFilterInput;
      operation: Operation;
      reason: string | null;
      actor: string | null;
    };
    const filter = this.jobFilter(args.filter, ctx.workspaceId);
    // Tasks go in id order, a page at a time; the checkpoint is the last id done, so a retry goes on
    // after it and never applies the operation twice to a task (even one it moved out of the filter).
    const saved = ctx.checkpoint as {
      afterId: string;
      applied: number;
      refused: number;
      refusals: BulkItem[];
    } | null;
    let after = saved?.afterId ?? '';
    let applied = saved?.applied ?? 0;
    let refused = saved?.refused ?? 0;
    const refusals: BulkItem[] = saved?.refusals ?? [];
    for (;;) {
      ctx.signal.throwIfAborted();
      const page = await taskIdsPage(this.store, filter, after, SYNC_LIMIT);
      if (page.length === 0) break;
      const items = await this.applyTo(
        page.map((t) => t.id),
        ctx.workspaceId,
        args.actor,
        args.reason,
        args.operation,
      );
      for (const item of items) {
        if (item.status === 'applied') applied++;
        else {
          refused++;
          if (refusals.length < 100) refusals.push(item);
        }
      }
      after = page.at(-1)!.id;
      await ctx.saveCheckpoint({ afterId: after, applied, refused, refusals });
      ctx.progress({ done: applied + refused, unit: 'tasks' });
      if (page.length < SYNC_LIMIT) break;
    }
    return { matched: applied + refused, applied, refused, refusals };
  }

  /** A filter saved in a job's arguments, checked again when the job runs. */
  private jobFilter(input: TaskFilterInput, workspaceId: string): TaskFilter {
    return {
      projectId: input.projectId,
      workspaceId,
      batchIds: input.batchIds,
      statuses: input.statuses,
      ids: input.ids,
      names: input.names,
      nameRegex: input.nameRegex,
      conditions: (input.where ?? []).map((w, i) => {
        try {
          return this.condition(w.field, w.operator, w.value, false, {
            in: 'body',
            pointer: `/filter/where/${i}`,
          });
        } catch (error) {
          throw new NonRetryableError((error as Error).message, { code: 'invalid_filter' });
        }
      }),
    };
  }

  // ---- Export ------------------------------------------------------------------------------------

  async export(principal: Principal, input: ExportTasksInput): Promise<Job> {
    const filter = await this.bodyFilter(principal, input.filter, '/filter');
    const project = (await findProject(this.store.db, filter.projectId, principal.workspaceId))!;
    const { job } = await this.deps.jobs.create(principal, {
      type: 'tasks.export',
      workspaceId: project.workspace_id,
      projectId: project.id,
      title: `Export tasks of ${project.name} as ${input.format}`,
      arguments: {
        filter: input.filter,
        format: input.format,
        fields: input.fields ?? DEFAULT_EXPORT_FIELDS,
      },
      maxAttempts: 3,
    });
    return job;
  }

  jobTypes(): JobTypeDefinition[] {
    return [
      builtinJobType(
        'tasks.import',
        'Imports tasks from a streamed file (run by the request that sends it).',
        async () => {
          throw new NonRetryableError(
            'The import was interrupted (the server handling it stopped). The tasks created before stay; send the file again with onExisting=skip to finish it.',
            { code: 'upload_interrupted' },
          );
        },
      ),
      builtinJobType(
        'tasks.export',
        'Streams the tasks a filter selects into a JSON, JSONL or CSV artifact.',
        (ctx) =>
          runTaskExport(
            this.store,
            ctx,
            this.jobFilter((ctx.arguments as { filter: TaskFilterInput }).filter, ctx.workspaceId),
          ),
      ),
      builtinJobType(
        'tasks.bulk',
        'Reviews, redoes, moves or updates the properties of the tasks a filter selects.',
        (ctx) => this.runBulk(ctx),
      ),
    ];
  }
}

const IMPORT_CHUNK = 5000;

export function parseInclude(include: string | undefined): Set<string> {
  const names = (include ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const name of names) {
    if (name !== 'data' && name !== 'history') {
      throw badField('query', '/include', `unknown include "${name}"; use data, history`);
    }
  }
  return new Set(names);
}
