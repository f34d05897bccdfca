import { PassThrough, type Readable } from 'node:stream';
import type { Principal } from '../../auth/principal.js';
import type { JobEngine } from '../../engine/index.js';
import { ApiError, notFound } from '../../errors/problem.js';
import { badTextMessage, findBadText } from '../../http/text-guard.js';
import { newId } from '../../ids.js';
import type { Store } from '../../store/index.js';
import type { AuditRow } from '../../store/queries/audit.js';
import { findBatchWithTaskSchema, type BatchWithTaskSchema } from '../../store/queries/datasets.js';
import { insertGold } from '../../store/queries/gold.js';
import {
  insertTasksAtomically,
  TaskParentMissingError,
  uncheckedNames,
  type TaskRow,
} from '../../store/queries/tasks.js';
import { auditRow } from '../audit/service.js';
import { UnparsedLine, jsonArrayRecords, jsonlRecords } from '../batches/records.js';
import { runInlineJob } from '../../engine/index.js';
import type { Job } from '../jobs/schema.js';
import type { JobService } from '../jobs/service.js';
import type { WebhookService } from '../webhooks/service.js';
import type { CreateTasksInput, NewTask, PredictionInputType } from './schema.js';
import { firstDataError, type TaskValidators } from './validators.js';
import { isWorkableBatch } from './workflow.js';

/** A prediction as its task columns (all null: none). */
export function predictionColumns(
  prediction: PredictionInputType | null | undefined,
): Pick<TaskRow, 'prediction_model_version' | 'prediction_score' | 'prediction_data'> {
  return {
    prediction_model_version: prediction?.modelVersion ?? null,
    prediction_score: prediction?.score ?? null,
    prediction_data: prediction?.data === undefined ? null : JSON.stringify(prediction.data),
  };
}

/** Tasks an import checks and inserts at a time. */
const IMPORT_CHUNK = 5000;

/** What became of one task of a create or an import. */
export interface ItemResult {
  index: number;
  name: string;
  status: 'created' | 'skipped' | 'failed';
  id?: string;
  error?: { code: string; message: string; pointer?: string };
}

/** Creating tasks: a list in one request, or an import streamed as a `tasks.import` job. */
export class TaskCreation {
  constructor(
    private readonly store: Store,
    private readonly deps: {
      readonly jobs: JobService;
      readonly engine: JobEngine;
      readonly webhooks: WebhookService;
    },
    private readonly leaseMs: number,
    private readonly validators: TaskValidators,
  ) {}

  /** The batch tasks go into: it must be in this workspace and active or draft. */
  async workableBatch(principal: Pick<Principal, 'workspaceId'>, batchId: string) {
    const batch = await findBatchWithTaskSchema(this.store.db, batchId, principal.workspaceId);
    if (!batch) throw notFound('Batch', batchId);
    if (!isWorkableBatch(batch.state)) {
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

  /**
   * Creates tasks in a batch with a result per item: created, skipped (a name the batch has, with
   * onExisting=skip) or failed (duplicate in the request, existing name, data not matching the
   * project's task schema). Items that fail never stop the others.
   */
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
   * request or import). `seenInImport` holds the names an import (or a `tasks.from_rows` job) already
   * went through, so that duplicates across its chunks are duplicates in one request.
   */
  async createIn(
    batch: BatchWithTaskSchema,
    actor: string | null,
    items: readonly { index: number; task: NewTask }[],
    input: Pick<CreateTasksInput, 'dataCheck' | 'uniqueCheck' | 'onExisting'>,
    seenInImport?: Set<string>,
    audit: AuditRow | null = null,
  ): Promise<ItemResult[]> {
    const dataCheck = input.dataCheck ?? true;
    const uniqueCheck = input.uniqueCheck ?? true;
    const onExisting = input.onExisting ?? 'error';
    const validate =
      dataCheck && batch.task_schema
        ? this.validators.forProject(batch.project_id, batch.project_updated_at, batch.task_schema)
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
          const { at, message } = firstDataError(validate);
          fail(
            r,
            'data_invalid',
            `data${at ? ` at ${at}` : ''} ${message ?? 'does not match the task schema'}`,
            `/tasks/${results[i]!.index}/data${at}`,
          );
        } else if (t.gold && !validate(t.gold.data)) {
          // The known answer is an answer: it meets the schema the members' answers meet.
          const { at, message } = firstDataError(validate);
          fail(
            r,
            'data_invalid',
            `gold.data${at ? ` at ${at}` : ''} ${message ?? 'does not match the task schema'}`,
            `/tasks/${results[i]!.index}/gold/data${at}`,
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
    const gold: { task: TaskRow; data: string }[] = [];
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
        priority: t.priority ?? 0,
        assignee_id: null,
        lease_member_id: null,
        lease_expires_at: null,
        ...predictionColumns(t.prediction),
      };
      r.id = row.id;
      rows.push(row);
      if (t.gold) gold.push({ task: row, data: JSON.stringify(t.gold.data) });
    }
    const inserted = await insertTasksAtomically(
      this.store,
      rows,
      audit,
      gold.length === 0
        ? undefined
        : (db, ids) =>
            insertGold(
              db,
              gold.filter((g) => ids.has(g.task.id)),
              now,
            ),
    ).catch((error: unknown) => {
      // The batch was deleted after it was read: nothing was written.
      if (error instanceof TaskParentMissingError) throw notFound('Batch', batch.id);
      throw error;
    });
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
              } else if (this.validators.newTask(record)) pending.push({ index, task: record as NewTask });
              else {
                counts.failed++;
                const e = this.validators.newTask.errors?.[0];
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
}
