import type { Readable } from 'node:stream';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Principal } from '../../auth/principal.js';
import type { JobContext, JobEngine, JobTypeDefinition } from '../../engine/index.js';
import { builtinJobType } from '../../engine/index.js';
import { NonRetryableError } from '../../engine/index.js';
import { ApiError, badField, notFound, type FieldError } from '../../errors/problem.js';
import { isoTime } from '../../time.js';
import type { ParsedList } from '../../http/list.js';
import { newId } from '../../ids.js';
import type { Store } from '../../store/index.js';
import {
  addBatchRowCounts,
  batchesByIds,
  batchesInStates,
  deleteBatchRow,
  findBatch,
  findBatchesOfDataset,
  findDataset,
  insertBatch,
  listBatches,
  setBatchStates,
  type BatchRow,
  type DatasetRow,
} from '../../store/queries/datasets.js';
import { findOrphanBatches } from '../../store/queries/batch-recovery.js';
import { abortRequested } from '../../store/queries/inline-jobs.js';
import { deleteBatchTasks } from '../../store/queries/tasks.js';
import {
  batchRowIdRange,
  conflictingKeys,
  copyRowChunk,
  deleteBatchRowRange,
  deleteBatchRows,
  resolveConflicts,
  rowsByIds,
  scanRows,
  type StoredValue,
} from '../../store/rows/index.js';
import type { BatchState } from '../../store/tables.js';
import { findColumn, parseColumns, type DatasetService } from '../datasets/service.js';
import type { Column } from '../datasets/schema.js';
import { convertStored } from '../datasets/values.js';
import { jobCreated, toJob, type JobService } from '../jobs/service.js';
import { recordAudit } from '../audit/service.js';
import type { WebhookService } from '../webhooks/service.js';
import { insertJobs, type JobRow } from '../../store/queries/jobs.js';
import type { Job } from '../jobs/schema.js';
import {
  arrayRecords,
  csvConverter,
  ErrorReport,
  ingestRecords,
  objectConverter,
  RowSink,
  uploadRecords,
  type RowErrorPolicy,
  type RowError,
  type UploadFormat,
} from './ingest.js';
import { JobFailure, runInlineJob, type WorkContext } from '../../engine/index.js';
import type { AppendBatchInput, Batch, MergeInput } from './schema.js';

export function toBatch(row: BatchRow, columnCount: number): Batch {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    projectId: row.project_id,
    datasetId: row.dataset_id,
    name: row.name,
    state: row.state,
    source: JSON.parse(row.source) as Batch['source'],
    rowCount: row.row_count,
    errorCount: row.error_count,
    columnCount,
    strategy: row.strategy,
    jobId: row.job_id,
    createdBy: row.created_by,
    createdAt: isoTime(row.created_at),
    updatedAt: isoTime(row.updated_at),
  };
}

const STATES: readonly BatchState[] = ['pending', 'active', 'suspended', 'draft', 'deleting'];
/** Row ids per delete statement when a batch goes: small steps keep request latency flat. */
/**
 * Rows removed per statement when a batch goes. On SQLite every other request waits for the one
 * connection while a step runs, so steps stay short there; PostgreSQL runs them beside the reads.
 */
const DELETE_STEPS = { sqlite: 1_000, postgres: 5_000 } as const;
const SCAN_STEP = 5_000;
/** Rows per INSERT … SELECT on PostgreSQL, where reads do not wait for it. */
const COPY_STEP_POSTGRES = 50_000;

/** Built-in job types of batches. Their arguments are set by this service, never by callers. */
export const BATCH_JOB_TYPES = {
  ingest: 'batch.ingest',
  append: 'batch.append',
  state: 'batch.state',
  delete: 'batch.delete',
  merge: 'batch.merge',
  commit: 'batch.commit',
  close: 'batch.close',
  fromSearch: 'dataset.from_search',
} as const;

interface AppendArgs {
  targetDatasetId: string;
  sourceDatasetId: string;
  /** Where rows go: the target, or the new dataset. null with validateOnly. */
  batchId: string | null;
  /** With newDataset: the dataset written into (the target's rows are copied first). */
  newDatasetId: string | null;
  /** Source column id → target column id, for every mapped column. */
  mapping: { source: string; target: string }[];
  validateOnly: boolean;
  deleteSource: boolean;
  onRowError: RowErrorPolicy;
  /** How to open the batch (and new dataset) again when a retry finds them removed. */
  reopen?: {
    batchName: string;
    source: Record<string, unknown>;
    createdBy: string | null;
    newDatasetName?: string;
  };
}

interface AppendResume {
  phase: 'base' | 'append';
  afterId: number;
}

/** Where the batch ids of a request are: the body (`/ids/3`) or the path or query. */
interface IdsAt {
  in: FieldError['in'];
  pointer(index: number): string;
}
const bodyIds = (base: string): IdsAt => ({ in: 'body', pointer: (i) => `${base}/${i}` });

function invalidState(
  batches: readonly BatchRow[],
  action: string,
  allowed: readonly BatchState[],
  at: IdsAt,
  ids: readonly string[],
): ApiError {
  const errors: FieldError[] = batches.map((b) => ({
    in: at.in,
    pointer: at.pointer(ids.indexOf(b.id)),
    message: `batch ${b.id} is ${b.state}; ${action} needs ${allowed.join(' or ')}`,
  }));
  return new ApiError(
    'invalid_batch_state',
    `Cannot ${action} ${batches.map((b) => `${b.id} (${b.state})`).join(', ')}: allowed from ${allowed.join(' or ')} only.`,
    { errors },
  );
}

/** Batch ids given in the query string (`?ids=a,b`). */
export const queryIds: IdsAt = { in: 'query', pointer: () => '/ids' };

export class BatchService {
  constructor(
    private readonly store: Store,
    private readonly datasets: DatasetService,
    private readonly deps: {
      readonly jobs: JobService;
      readonly engine: JobEngine;
      readonly webhooks: WebhookService;
    },
    private readonly leaseMs: number,
  ) {}

  async get(principal: Principal, id: string): Promise<Batch> {
    const row = await findBatch(this.store.db, id, principal.workspaceId);
    if (!row) throw notFound('Batch', id);
    const dataset = await findDataset(this.store.db, row.dataset_id, null);
    return toBatch(row, dataset ? parseColumns(dataset).length : 0);
  }

  async list(
    principal: Principal,
    datasetId: string,
    query: {
      ids?: string | undefined;
      states?: string | undefined;
      minRowCount?: number | undefined;
      maxRowCount?: number | undefined;
      createdAfter?: string | undefined;
      createdBefore?: string | undefined;
    },
    list: ParsedList,
  ) {
    const dataset = await this.datasets.get(principal, datasetId);
    const split = (text: string | undefined) =>
      text === undefined
        ? undefined
        : text
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean);
    const states = split(query.states);
    states?.forEach((state) => {
      if (!STATES.includes(state as BatchState)) {
        throw badField('query', '/states', `unknown state "${state}"; states: ${STATES.join(', ')}`);
      }
    });
    const page = await listBatches(
      this.store.db,
      {
        workspaceId: principal.workspaceId,
        datasetId,
        ids: split(query.ids),
        states: states as BatchState[] | undefined,
        minRowCount: query.minRowCount,
        maxRowCount: query.maxRowCount,
        createdAfter: query.createdAfter === undefined ? undefined : Date.parse(query.createdAfter),
        createdBefore: query.createdBefore === undefined ? undefined : Date.parse(query.createdBefore),
      },
      list.sort,
      list.after,
      list.limit,
    );
    return { page, columnCount: parseColumns(dataset).length };
  }

  private async newBatch(
    createdBy: string | null,
    dataset: DatasetRow,
    values: {
      /** Given when a retry opens again the batch an earlier attempt removed. */
      id?: string;
      name?: string | undefined;
      source: Record<string, unknown>;
      jobId: string | null;
      state?: BatchState;
      strategy?: string | null;
    },
  ): Promise<BatchRow> {
    const now = Date.now();
    const id = values.id ?? newId('bat');
    return insertBatch(this.store.db, {
      id,
      workspace_id: dataset.workspace_id,
      project_id: dataset.project_id,
      dataset_id: dataset.id,
      name: values.name ?? id,
      state: values.state ?? 'pending',
      source: JSON.stringify(values.source),
      row_count: 0,
      error_count: 0,
      strategy: values.strategy ?? null,
      job_id: values.jobId,
      resume: null,
      created_by: createdBy,
      created_at: now,
      updated_at: now,
    });
  }

  /** A built-in job row for `principal`, ready to insert (the service checks everything before). */
  private async jobRow(principal: Principal, dataset: DatasetRow, type: string, args: object, title: string) {
    return this.deps.jobs.prepare(principal, {
      type,
      workspaceId: dataset.workspace_id,
      projectId: dataset.project_id,
      arguments: args as Record<string, unknown>,
      title,
      maxAttempts: 5,
    });
  }

  private async enqueue(
    principal: Principal,
    dataset: DatasetRow,
    type: string,
    args: object,
    title: string,
  ): Promise<Job> {
    const { job } = await this.deps.jobs.create(principal, {
      type,
      workspaceId: dataset.workspace_id,
      projectId: dataset.project_id,
      arguments: args as Record<string, unknown>,
      title,
      maxAttempts: 5,
    });
    return job;
  }

  /** Tells webhooks that batches (ids, or rows already read) moved from one state to another. */
  private async announce(
    batches: readonly string[] | readonly Pick<BatchRow, 'id' | 'project_id' | 'dataset_id'>[],
    from: BatchState,
    to: BatchState | 'deleted',
    jobId: string | null,
  ) {
    if (batches.length === 0) return;
    const rows =
      typeof batches[0] === 'string'
        ? await batchesByIds(this.store.db, batches as string[])
        : (batches as BatchRow[]);
    const at = Date.now();
    await this.deps.webhooks.emitSafely(
      'batch.state_changed',
      rows.map((b) => ({
        projectId: b.project_id,
        key: `batch:${b.id}:${to}:${at}`,
        data: { batchId: b.id, datasetId: b.dataset_id, from, to, jobId },
      })),
    );
  }

  /** Inserts a job this service prepared, with its audit entry in the same transaction. */
  private async insertPrepared(row: JobRow, principal: Principal): Promise<Job> {
    await this.store.transaction(async (trx) => {
      await insertJobs(trx, [row]);
      await recordAudit(trx, principal, jobCreated(row));
    });
    this.deps.jobs.announce(row);
    return toJob(row);
  }

  // ---- Creating a batch from rows sent with the request ----------------------------------------

  /**
   * Streams rows from the request into a new pending batch, as job `batch.ingest` run by this
   * request. Returns the finished job: its result names the batch, its `errors.jsonl` artifact
   * lists bad rows. A failed or aborted ingestion leaves no batch behind.
   */
  async ingest(
    principal: Principal,
    datasetId: string,
    options: {
      name?: string | undefined;
      onRowError?: RowErrorPolicy | undefined;
      total?: number | undefined;
    },
    input:
      { kind: 'api'; rows: readonly unknown[] } | { kind: 'upload'; format: UploadFormat; body: Readable },
  ): Promise<Job> {
    const dataset = await this.datasets.get(principal, datasetId);
    const columns = parseColumns(dataset);
    const policy = options.onRowError ?? 'fail';
    const source = input.kind === 'api' ? { kind: 'api' } : { kind: 'upload', format: input.format };
    const row = await this.jobRow(
      principal,
      dataset,
      BATCH_JOB_TYPES.ingest,
      { datasetId, source, onRowError: policy },
      `Ingest ${input.kind === 'api' ? 'rows' : `a ${input.format} upload`} into ${dataset.name}`,
    );
    const batch = await this.newBatch(principal.id, dataset, { name: options.name, source, jobId: row.id });
    const total = input.kind === 'api' ? input.rows.length : (options.total ?? null);
    const finished = await runInlineJob(
      this.store,
      this.deps.engine,
      this.leaseMs,
      row,
      principal,
      async (ctx) => {
        try {
          const records =
            input.kind === 'api' ? arrayRecords(input.rows) : uploadRecords(input.format, input.body);
          const isCsv = input.kind === 'upload' && input.format === 'csv';
          return await this.fill(ctx, dataset, batch, records, policy, total, (first) =>
            isCsv
              ? { convert: csvConverter(columns, first as string[]), skipFirst: true }
              : { convert: objectConverter(columns), skipFirst: false },
          );
        } catch (error) {
          if (input.kind === 'upload') input.body.resume(); // drain what the client still sends
          throw error;
        }
      },
    );
    const artifacts = await this.deps.jobs.withArtifacts(finished);
    return artifacts;
  }

  /** Writes records into a pending batch, then activates it; on any failure removes it. */
  private async fill(
    ctx: WorkContext,
    dataset: DatasetRow,
    batch: BatchRow,
    records: AsyncIterable<unknown[]>,
    policy: RowErrorPolicy,
    total: number | null,
    makeConverter: Parameters<typeof ingestRecords>[2],
  ) {
    const columns = parseColumns(dataset);
    const report = new ErrorReport(ctx);
    const sink = new RowSink(
      this.store,
      dataset.rows_table,
      columns.map((c) => c.id),
      batch.id,
    );
    try {
      const outcome = await ingestRecords(ctx, records, makeConverter, sink, report, policy, total);
      await report.close();
      if (policy === 'fail' && outcome.errors > 0) throw rowsInvalid(report);
      const moved = await setBatchStates(this.store.db, [batch.id], ['pending'], 'active', { resume: null });
      if (moved.length === 0)
        throw new JobFailure('batch_gone', `Batch ${batch.id} was removed while it was being created.`);
      await this.announce(moved, 'pending', 'active', batch.job_id);
      if (outcome.errors > 0) ctx.warn(`${outcome.errors} bad rows were left out (see errors.jsonl)`);
      return { batchId: batch.id, datasetId: dataset.id, rowCount: sink.written, errorCount: outcome.errors };
    } catch (error) {
      await report.close().catch(() => undefined);
      await this.purge(batch.id, dataset.rows_table);
      throw error;
    }
  }

  /** Removes a batch's rows in small steps (row-id windows), then the batch. */
  async purge(batchId: string, table: string, ctx?: Pick<JobContext, 'progress'>, done = 0): Promise<number> {
    // The dataset (and its table) went first: nothing left to remove.
    const gone = (error: unknown) => {
      if (/no such table|does not exist/.test(String(error))) return null;
      throw error;
    };
    const step = DELETE_STEPS[this.store.dialectName];
    let removed = done;
    const range = await batchRowIdRange(this.store, this.store.db, table, batchId).catch(gone);
    if (range) {
      for (let after = range.min - 1; after < range.max; after += step) {
        const upTo = Math.min(after + step, range.max);
        removed += (await deleteBatchRowRange(this.store.db, table, batchId, after, upTo).catch(gone)) ?? 0;
        ctx?.progress({ done: removed, unit: 'rows' });
        await yieldToEventLoop();
      }
    }
    // Rows outside the range (none unless written meanwhile) go in steps of the same size.
    for (;;) {
      const n = (await deleteBatchRows(this.store.db, table, batchId, step).catch(gone)) ?? 0;
      removed += n;
      if (n < step) break;
      ctx?.progress({ done: removed, unit: 'rows' });
      await yieldToEventLoop();
    }
    // Its tasks in steps too (the cascade would remove them all in one statement).
    while ((await deleteBatchTasks(this.store.db, batchId, step)) === step) {
      await yieldToEventLoop();
    }
    await deleteBatchRow(this.store.db, batchId);
    return removed;
  }

  /** Stops a data job between chunks once an abort was asked, wherever the request arrived. */
  private async stopIfAborted(ctx: JobContext): Promise<void> {
    ctx.signal.throwIfAborted();
    if (await abortRequested(this.store, ctx.id)) throw new JobFailure('aborted', 'The job was aborted.');
  }

  // ---- Append from another dataset -------------------------------------------------------------

  async append(principal: Principal, targetId: string, input: AppendBatchInput): Promise<Job> {
    const target = await this.datasets.get(principal, targetId);
    const source = await findDataset(this.store.db, input.sourceDatasetId, principal.workspaceId);
    if (!source) {
      throw new ApiError('not_found', `Dataset ${input.sourceDatasetId} was not found.`, {
        errors: [{ in: 'body', pointer: '/sourceDatasetId', message: 'no such dataset in this workspace' }],
      });
    }
    if (source.id === target.id)
      throw badField('body', '/sourceDatasetId', 'a dataset cannot be appended to itself');
    const targetColumns = parseColumns(target);
    const sourceColumns = parseColumns(source);
    const mapBy = input.mapBy ?? 'name';
    const lookup = (columns: Column[], key: string) =>
      mapBy === 'id'
        ? columns.find((c) => c.id === key)
        : columns.find((c) => c.name.toLowerCase() === key.toLowerCase());
    const unknown = (what: string, key: string, pointer: string) =>
      new ApiError('unknown_column', `The ${what} dataset has no column with ${mapBy} "${key}".`, {
        errors: [{ in: 'body', pointer, message: `no ${what} column with ${mapBy} "${key}"` }],
      });
    const mapped = new Set<string>();
    const targets = new Set<string>();
    const mapping = input.mapping.map((entry, i) => {
      const from = lookup(sourceColumns, entry.source);
      if (!from) throw unknown('source', entry.source, `/mapping/${i}/source`);
      const to = lookup(targetColumns, entry.target);
      if (!to) throw unknown('target', entry.target, `/mapping/${i}/target`);
      if (mapped.has(from.id))
        throw badField('body', `/mapping/${i}/source`, `source column "${from.name}" is mapped twice`);
      if (targets.has(to.id))
        throw badField('body', `/mapping/${i}/target`, `target column "${to.name}" is mapped twice`);
      if (to.type !== entry.expectedType) {
        throw new ApiError(
          'column_type_mismatch',
          `Target column "${to.name}" is ${to.type}, but the mapping expects ${entry.expectedType}.`,
          {
            errors: [
              {
                in: 'body',
                pointer: `/mapping/${i}/expectedType`,
                message: `target column "${to.name}" is ${to.type}`,
              },
            ],
          },
        );
      }
      mapped.add(from.id);
      targets.add(to.id);
      return { source: from.id, target: to.id };
    });
    const ignored = new Set<string>();
    (input.ignore ?? []).forEach((key, i) => {
      const column = lookup(sourceColumns, key);
      if (!column) throw unknown('source', key, `/ignore/${i}`);
      if (mapped.has(column.id))
        throw badField('body', `/ignore/${i}`, `source column "${column.name}" is both mapped and ignored`);
      ignored.add(column.id);
    });
    const unmapped = sourceColumns.filter((c) => !mapped.has(c.id) && !ignored.has(c.id));
    if (unmapped.length > 0) {
      throw new ApiError(
        'unmapped_source_column',
        `Source column(s) ${unmapped.map((c) => `"${c.name}"`).join(', ')} are neither mapped nor ignored.`,
        {
          errors: [
            {
              in: 'body',
              pointer: '/mapping',
              message: `map or ignore: ${unmapped.map((c) => c.name).join(', ')}`,
            },
          ],
        },
      );
    }
    const validateOnly = input.validateOnly ?? false;
    const args: AppendArgs = {
      targetDatasetId: target.id,
      sourceDatasetId: source.id,
      batchId: null,
      newDatasetId: null,
      mapping,
      validateOnly,
      deleteSource: !validateOnly && (input.deleteSource ?? false),
      onRowError: input.onRowError ?? 'fail',
    };
    const title = validateOnly
      ? `Validate appending ${source.name} to ${target.name}`
      : input.newDataset
        ? `Append ${source.name} to ${target.name} as ${input.newDataset.name}`
        : `Append ${source.name} to ${target.name}`;
    const row = await this.jobRow(principal, target, BATCH_JOB_TYPES.append, args, title);
    const batchSource = {
      kind: 'dataset',
      datasetId: source.id,
      ...(input.newDataset ? { baseDatasetId: target.id } : {}),
    };
    if (!validateOnly) {
      let into: DatasetRow = target;
      if (input.newDataset) {
        const name = input.newDataset.name;
        into = await this.store
          .transaction((trx) =>
            this.datasets.insert(trx, {
              workspaceId: target.workspace_id,
              projectId: target.project_id,
              name,
              description: `${target.name} with ${source.name} appended`,
              columns: targetColumns,
              keyColumn: target.key_column,
              createdBy: principal.id,
              keepIds: true,
            }),
          )
          .catch((error: unknown) => {
            if (error instanceof ApiError && error.code === 'name_taken') {
              throw new ApiError('name_taken', `A dataset named "${name}" already exists in this project.`, {
                errors: [
                  { in: 'body', pointer: '/newDataset/name', message: 'already taken in this project' },
                ],
              });
            }
            throw error;
          });
        args.newDatasetId = into.id;
      }
      const batch = await this.newBatch(principal.id, into, {
        name: input.name,
        source: batchSource,
        jobId: row.id,
      });
      args.batchId = batch.id;
      args.reopen = { batchName: batch.name, source: batchSource, createdBy: principal.id };
      if (input.newDataset) args.reopen.newDatasetName = input.newDataset.name;
    }
    row.arguments = JSON.stringify(args);
    return this.insertPrepared(row, principal);
  }

  private async runAppend(ctx: JobContext): Promise<unknown> {
    const args = ctx.arguments as unknown as AppendArgs;
    const target = await findDataset(this.store.db, args.targetDatasetId, ctx.workspaceId);
    const source = await findDataset(this.store.db, args.sourceDatasetId, ctx.workspaceId);
    let into = args.newDatasetId
      ? await findDataset(this.store.db, args.newDatasetId, ctx.workspaceId)
      : target;
    let batch = args.batchId ? await findBatch(this.store.db, args.batchId, ctx.workspaceId) : undefined;
    if (target && source && args.batchId && !batch && args.reopen) {
      // A retry of an append whose failed attempt removed its half batch: start again, empty.
      const reopen = args.reopen;
      if (args.newDatasetId && !into && reopen.newDatasetName) {
        const name = reopen.newDatasetName;
        into = await this.store
          .transaction((trx) =>
            this.datasets.insert(trx, {
              id: args.newDatasetId!,
              workspaceId: target.workspace_id,
              projectId: target.project_id,
              name,
              description: `${target.name} with ${source.name} appended`,
              columns: parseColumns(target),
              keyColumn: target.key_column,
              createdBy: reopen.createdBy,
              keepIds: true,
            }),
          )
          .then((row) => ({ ...row, row_count: 0, batch_count: 0 }));
      }
      if (into) {
        batch = await this.newBatch(reopen.createdBy, into, {
          id: args.batchId,
          name: reopen.batchName,
          source: reopen.source,
          jobId: ctx.id,
        });
      }
    }
    const cleanup = async () => {
      if (batch && into) await this.purge(batch.id, into.rows_table);
      if (args.newDatasetId && into) await this.store.transaction((trx) => this.datasets.drop(trx, into));
    };
    if (!target || !source || !into || (args.batchId && !batch) || (batch && batch.state !== 'pending')) {
      await cleanup();
      throw new NonRetryableError(
        'The source, the target or the batch was deleted while the append waited.',
        { code: 'gone' },
      );
    }
    const targetColumns = parseColumns(into);
    const sourceColumns = parseColumns(source);
    const mapped = args.mapping.map((m) => {
      const from = sourceColumns.find((c) => c.id === m.source);
      const to = targetColumns.find((c) => c.id === m.target);
      return { from, to, index: targetColumns.findIndex((c) => c.id === m.target) };
    });
    if (mapped.some((m) => !m.from || !m.to)) {
      await cleanup();
      throw new NonRetryableError('A mapped column was removed while the append waited.', { code: 'gone' });
    }
    const resume: AppendResume = batch?.resume
      ? (JSON.parse(batch.resume) as AppendResume)
      : { phase: args.newDatasetId ? 'base' : 'append', afterId: 0 };
    const report = new ErrorReport(ctx);
    const sink = batch
      ? new RowSink(
          this.store,
          into.rows_table,
          targetColumns.map((c) => c.id),
          batch.id,
        )
      : null;
    const policy = args.onRowError;
    const width = targetColumns.length;
    let checked = 0;
    try {
      const total = target.row_count + source.row_count;
      let copied = 0;
      /** Copies rows inside the database, chunk by chunk with the resume state; null when done. */
      const copyChunk = async (
        from: string,
        columns: { from: string; to: string }[],
        datasetId: string,
        phase: AppendResume['phase'],
      ) => {
        const step = this.store.dialectName === 'postgres' ? COPY_STEP_POSTGRES : SCAN_STEP;
        const chunk = await copyRowChunk(
          this.store,
          from,
          into.rows_table,
          columns,
          { kind: 'active', datasetId },
          resume.afterId,
          step,
          { batchId: batch!.id, resume: (lastId) => JSON.stringify({ phase, afterId: lastId }) },
        );
        if (chunk === null) return null;
        resume.afterId = chunk.lastId;
        copied += chunk.rows;
        return chunk;
      };
      if (resume.phase === 'base' && sink) {
        // newDataset: the target's active rows first, as they are (same column ids).
        const same = targetColumns.map((c) => ({ from: c.id, to: c.id }));
        while (await copyChunk(target.rows_table, same, target.id, 'base')) {
          await this.stopIfAborted(ctx);
          ctx.progress({ done: copied, total, unit: 'rows' });
        }
        resume.phase = 'append';
        resume.afterId = 0;
      }
      // Same types on both sides: no value can fail its check, so the rows are copied in SQL.
      const inSql = sink !== null && mapped.every((m) => m.from!.type === m.to!.type);
      const pairs = mapped.map((m) => ({ from: m.from!.id, to: m.to!.id }));
      while (inSql) {
        const chunk = await copyChunk(source.rows_table, pairs, source.id, 'append');
        await this.stopIfAborted(ctx);
        if (chunk === null) break;
        checked += chunk.rows;
        ctx.progress({ done: checked, total: source.row_count, unit: 'rows' });
      }
      const errors: RowError[] = [];
      // Otherwise each value is converted and checked here.
      while (!inSql) {
        const rows = await scanRows(
          this.store,
          source.rows_table,
          { kind: 'active', datasetId: source.id },
          sourceColumns,
          resume.afterId,
          SCAN_STEP,
        );
        await this.stopIfAborted(ctx);
        for (const r of rows) {
          checked++;
          const out: StoredValue[] = new Array<StoredValue>(width).fill(null);
          let ok = true;
          for (const m of mapped) {
            const result = convertStored(m.from!.type, m.to!.type, (r[m.from!.id] ?? null) as StoredValue);
            if (result.ok) out[m.index] = result.value;
            else {
              errors.push({ row: Number(r._id), column: m.from!.name, reason: result.reason });
              ok = false;
            }
          }
          if (ok && sink && !(policy === 'fail' && report.count + errors.length > 0)) sink.add(out);
        }
        if (errors.length > 0) {
          sink?.addErrors(errors.length);
          report.add(errors);
          errors.length = 0;
        }
        const last = rows.at(-1);
        if (last) resume.afterId = Number(last._id);
        if (sink) await sink.flushBehind(resume);
        ctx.progress({ done: checked, total: source.row_count, unit: 'rows' });
        if (rows.length < SCAN_STEP) break;
      }
      await sink?.flush();
      await report.close();
      if (args.validateOnly) {
        return {
          validateOnly: true,
          rowsChecked: checked,
          errorCount: report.count,
          wouldAppend: checked - report.count,
        };
      }
      if (policy === 'fail' && report.count > 0) throw rowsInvalid(report);
      const fresh = await findBatch(this.store.db, batch!.id, null);
      await this.stopIfAborted(ctx);
      const moved = await setBatchStates(this.store.db, [batch!.id], ['pending'], 'active', { resume: null });
      await this.announce(moved, 'pending', 'active', ctx.id);
      if (moved.length === 0)
        throw new NonRetryableError(`Batch ${batch!.id} was removed while it was being created.`, {
          code: 'gone',
        });
      if (args.deleteSource) await this.store.transaction((trx) => this.datasets.drop(trx, source));
      if (report.count > 0)
        ctx.warn(`${report.count} source rows did not fit and were left out (see errors.jsonl)`);
      return {
        batchId: batch!.id,
        datasetId: into.id,
        rowCount: fresh?.row_count ?? sink!.written,
        errorCount: report.count,
        sourceDeleted: args.deleteSource,
      };
    } catch (error) {
      await sink?.settle().catch(() => undefined);
      await report.close().catch(() => undefined);
      // Aborted or failed for good: remove the half-written batch. A crash never gets here: the
      // retry continues from the batch's resume state instead.
      if (
        ctx.signal.aborted ||
        error instanceof JobFailure ||
        error instanceof NonRetryableError ||
        ctx.attempt >= ctx.maxAttempts
      ) {
        await cleanup();
      }
      throw toHandlerError(error);
    }
  }

  // ---- State changes: suspend, restore, delete, commit, close -----------------------------------

  private async batchesOf(principal: Principal, datasetId: string, ids: readonly string[], at: IdsAt) {
    const dataset = await this.datasets.get(principal, datasetId);
    const unique = [...new Set(ids)];
    const found = await findBatchesOfDataset(this.store.db, dataset.id, unique);
    const missing = unique.filter((id) => !found.some((b) => b.id === id));
    if (missing.length > 0) {
      throw new ApiError('not_found', `Batch(es) ${missing.join(', ')} not found in dataset ${datasetId}.`, {
        errors: missing.map((id) => ({
          in: at.in,
          pointer: at.pointer(ids.indexOf(id)),
          message: 'no such batch in this dataset',
        })),
      });
    }
    return { dataset, batches: found, ids: unique };
  }

  /** Suspends (or restores) batches: refused as a whole if any is not in the state it needs. */
  async setSuspended(
    principal: Principal,
    datasetId: string,
    ids: readonly string[],
    suspend: boolean,
  ): Promise<Job> {
    const { dataset, batches } = await this.batchesOf(principal, datasetId, ids, bodyIds('/ids'));
    const from: BatchState = suspend ? 'active' : 'suspended';
    const wrong = batches.filter((b) => b.state !== from);
    if (wrong.length > 0)
      throw invalidState(wrong, suspend ? 'suspend' : 'restore', [from], bodyIds('/ids'), ids);
    return this.enqueue(
      principal,
      dataset,
      BATCH_JOB_TYPES.state,
      { datasetId, batchIds: batches.map((b) => b.id), to: suspend ? 'suspended' : 'active' },
      `${suspend ? 'Suspend' : 'Restore'} ${batches.length} batch(es) of ${dataset.name}`,
    );
  }

  private async runState(ctx: JobContext): Promise<unknown> {
    const { batchIds, to } = ctx.arguments as { batchIds: string[]; to: 'suspended' | 'active' };
    if (to !== 'suspended' && to !== 'active') {
      throw new NonRetryableError(`A state job flips to suspended or active, not ${String(to)}.`, {
        code: 'invalid_batch_state',
      });
    }
    const from: BatchState = to === 'suspended' ? 'active' : 'suspended';
    // Only batches of the job's own workspace, whatever the arguments say (defence in depth).
    const own: string[] = [];
    for (const id of batchIds) if (await findBatch(this.store.db, id, ctx.workspaceId)) own.push(id);
    // One statement: every batch flips together, and rows are never touched.
    const moved = await setBatchStates(this.store.db, own, [from], to, { job_id: ctx.id });
    await this.announce(moved, from, to, ctx.id);
    const skipped = batchIds.filter((id) => !moved.includes(id));
    if (skipped.length > 0) ctx.warn(`not ${from} any more, left as they were: ${skipped.join(', ')}`);
    return { [to === 'suspended' ? 'suspended' : 'restored']: moved, skipped };
  }

  /** Deletes batches: they leave every read at once (state deleting); the job removes their rows. */
  async remove(principal: Principal, datasetId: string, ids: readonly string[], at: IdsAt): Promise<Job> {
    const { dataset, batches } = await this.batchesOf(principal, datasetId, ids, at);
    const allowed: BatchState[] = ['active', 'suspended', 'draft'];
    const wrong = batches.filter((b) => !allowed.includes(b.state));
    if (wrong.length > 0) throw invalidState(wrong, 'delete', allowed, at, ids);
    const job = await this.jobRow(
      principal,
      dataset,
      BATCH_JOB_TYPES.delete,
      { datasetId, batchIds: batches.map((b) => b.id) },
      `Delete ${batches.length} batch(es) of ${dataset.name}`,
    );
    const moved = await setBatchStates(
      this.store.db,
      batches.map((b) => b.id),
      allowed,
      'deleting',
      { job_id: job.id },
    );
    if (moved.length !== batches.length) {
      // Another request changed one of them in between: undo ours and report the conflict.
      await setBatchStates(this.store.db, moved, ['deleting'], 'active');
      throw new ApiError(
        'invalid_batch_state',
        'A batch changed state while the delete was being started; try again.',
      );
    }
    const inserted = await this.insertPrepared(job, principal);
    for (const state of allowed) {
      await this.announce(
        batches.filter((b) => b.state === state),
        state,
        'deleting',
        job.id,
      );
    }
    return inserted;
  }

  async deleteOne(principal: Principal, batchId: string): Promise<Job> {
    const batch = await findBatch(this.store.db, batchId, principal.workspaceId);
    if (!batch) throw notFound('Batch', batchId);
    return this.remove(principal, batch.dataset_id, [batchId], { in: 'path', pointer: () => '/id' });
  }

  private async runDelete(ctx: JobContext): Promise<unknown> {
    const { datasetId, batchIds } = ctx.arguments as { datasetId: string; batchIds: string[] };
    const dataset = await findDataset(this.store.db, datasetId, ctx.workspaceId);
    let rows = 0;
    const deleted: string[] = [];
    for (const id of batchIds) {
      const batch = await findBatch(this.store.db, id, ctx.workspaceId);
      if (!batch) {
        // A retry after the batch went: done already. On a first attempt it was never ours to delete.
        if (ctx.attempt > 1) deleted.push(id);
        continue;
      }
      // Only batches this job put in `deleting` (by its route): never one another job or state holds.
      if (batch.state !== 'deleting' || batch.job_id !== ctx.id) continue;
      if (dataset) rows = await this.purge(id, dataset.rows_table, ctx, rows);
      else await deleteBatchRow(this.store.db, id);
      deleted.push(id);
      await this.announce([batch], 'deleting', 'deleted', ctx.id);
    }
    return { deleted, rowsDeleted: rows };
  }

  private async draft(
    principal: Principal,
    batchId: string,
  ): Promise<{ batch: BatchRow; dataset: DatasetRow }> {
    const batch = await findBatch(this.store.db, batchId, principal.workspaceId);
    if (!batch) throw notFound('Batch', batchId);
    if (batch.state !== 'draft') {
      throw new ApiError(
        'invalid_batch_state',
        `Batch ${batchId} is ${batch.state}; only a draft can be committed or closed.`,
      );
    }
    const dataset = await this.datasets.get(principal, batch.dataset_id);
    return { batch, dataset };
  }

  async commit(principal: Principal, batchId: string): Promise<Job> {
    const { batch, dataset } = await this.draft(principal, batchId);
    return this.enqueue(
      principal,
      dataset,
      BATCH_JOB_TYPES.commit,
      { datasetId: dataset.id, batchId },
      `Commit draft ${batch.name} into ${dataset.name}`,
    );
  }

  private async runCommit(ctx: JobContext): Promise<unknown> {
    const { datasetId, batchId } = ctx.arguments as { datasetId: string; batchId: string };
    const dataset = await findDataset(this.store.db, datasetId, ctx.workspaceId);
    const batch = await findBatch(this.store.db, batchId, ctx.workspaceId);
    if (!dataset || !batch || batch.state !== 'draft') {
      throw new NonRetryableError(`Batch ${batchId} is no longer a draft.`, { code: 'invalid_batch_state' });
    }
    const strategy = (batch.strategy ?? 'abort') as 'abort' | 'skip' | 'override';
    const key = dataset.key_column;
    let committed: string[] = [];
    const result = await this.store.transaction(async (trx) => {
      let replaced = 0;
      let skipped = 0;
      if (key) {
        if (strategy === 'abort') {
          const keys = await conflictingKeys(trx, dataset.rows_table, datasetId, key, batchId, 100);
          if (keys.length > 0) {
            throw new NonRetryableError(
              `The draft has ${keys.length === 100 ? '100 or more' : keys.length} key(s) that active rows already use.`,
              {
                code: 'merge_conflict',
                details: { keys },
              },
            );
          }
        } else {
          const lost = await resolveConflicts(trx, dataset.rows_table, datasetId, key, batchId, strategy);
          for (const [id, n] of lost) {
            if (id === batchId) skipped += n;
            else replaced += n;
          }
          await addBatchRowCounts(trx, lost);
        }
      }
      const moved = await setBatchStates(trx, [batchId], ['draft'], 'active', { job_id: ctx.id });
      committed = moved;
      if (moved.length === 0)
        throw new NonRetryableError(`Batch ${batchId} is no longer a draft.`, {
          code: 'invalid_batch_state',
        });
      return { batchId, datasetId, strategy, rowsReplaced: replaced, rowsSkipped: skipped };
    });
    await this.announce(committed, 'draft', 'active', ctx.id);
    return result;
  }

  async close(principal: Principal, batchId: string): Promise<Job> {
    const { batch, dataset } = await this.draft(principal, batchId);
    const job = await this.jobRow(
      principal,
      dataset,
      BATCH_JOB_TYPES.close,
      { datasetId: dataset.id, batchIds: [batchId] },
      `Close draft ${batch.name} of ${dataset.name}`,
    );
    const moved = await setBatchStates(this.store.db, [batchId], ['draft'], 'deleting', { job_id: job.id });
    if (moved.length === 0)
      throw new ApiError('invalid_batch_state', `Batch ${batchId} is no longer a draft.`);
    const inserted = await this.insertPrepared(job, principal);
    await this.announce(moved, 'draft', 'deleting', job.id);
    return inserted;
  }

  // ---- Squash-and-merge ----------------------------------------------------------------------------

  async merge(principal: Principal, targetId: string, input: MergeInput): Promise<Job> {
    const target = await this.datasets.get(principal, targetId);
    const source = await findDataset(this.store.db, input.source.datasetId, principal.workspaceId);
    if (!source) {
      throw new ApiError('not_found', `Dataset ${input.source.datasetId} was not found.`, {
        errors: [{ in: 'body', pointer: '/source/datasetId', message: 'no such dataset in this workspace' }],
      });
    }
    const targetColumns = parseColumns(target);
    const mapping = parseColumns(source).map((column) => {
      const to = findColumn(targetColumns, column.name);
      if (!to || to.type !== column.type) {
        throw new ApiError(
          'column_type_mismatch',
          to
            ? `Source column "${column.name}" is ${column.type} but the target's is ${to.type}.`
            : `The target has no column "${column.name}" (merge matches columns by name).`,
          {
            errors: [
              {
                in: 'body',
                pointer: '/source/datasetId',
                message: `column "${column.name}" does not match the target`,
              },
            ],
          },
        );
      }
      return { source: column.id, target: to.id };
    });
    let batchIds: string[];
    if (input.source.batchIds) {
      const { batches } = await this.batchesOf(
        principal,
        source.id,
        input.source.batchIds,
        bodyIds('/source/batchIds'),
      );
      const wrong = batches.filter((b) => b.state !== 'active' && b.state !== 'suspended');
      if (wrong.length > 0)
        throw invalidState(
          wrong,
          'merge',
          ['active', 'suspended'],
          bodyIds('/source/batchIds'),
          input.source.batchIds,
        );
      batchIds = batches.map((b) => b.id);
    } else {
      batchIds = (await batchesInStates(this.store.db, source.id, ['active'])).map((b) => b.id);
    }
    const row = await this.jobRow(
      principal,
      target,
      BATCH_JOB_TYPES.merge,
      {},
      `Merge ${source.name} into ${target.name} (${input.strategy})`,
    );
    const draft = await this.newBatch(principal.id, target, {
      name: input.name,
      source: { kind: 'merge', datasetId: source.id, batchIds },
      jobId: row.id,
      strategy: input.strategy,
    });
    row.arguments = JSON.stringify({
      targetDatasetId: target.id,
      sourceDatasetId: source.id,
      batchIds,
      mapping,
      strategy: input.strategy,
      draftBatchId: draft.id,
      reopen: { batchName: draft.name, createdBy: principal.id },
    });
    return this.insertPrepared(row, principal);
  }

  private async runMerge(ctx: JobContext): Promise<unknown> {
    const args = ctx.arguments as {
      targetDatasetId: string;
      sourceDatasetId: string;
      batchIds: string[];
      mapping: { source: string; target: string }[];
      strategy: 'abort' | 'skip' | 'override';
      draftBatchId: string;
      reopen?: { batchName: string; createdBy: string | null };
    };
    const target = await findDataset(this.store.db, args.targetDatasetId, ctx.workspaceId);
    const source = await findDataset(this.store.db, args.sourceDatasetId, ctx.workspaceId);
    let draft = await findBatch(this.store.db, args.draftBatchId, ctx.workspaceId);
    if (target && source && !draft && args.reopen) {
      // A retry of a merge whose failed attempt removed its draft: start the draft again, empty.
      draft = await this.newBatch(args.reopen.createdBy, target, {
        id: args.draftBatchId,
        name: args.reopen.batchName,
        source: { kind: 'merge', datasetId: source.id, batchIds: args.batchIds },
        jobId: ctx.id,
        strategy: args.strategy,
      });
    }
    const cleanup = async () => {
      if (draft && target) await this.purge(draft.id, target.rows_table);
    };
    if (!target || !source || !draft || draft.state !== 'pending') {
      await cleanup();
      throw new NonRetryableError('The source, the target or the draft went away while the merge waited.', {
        code: 'gone',
      });
    }
    const targetColumns = parseColumns(target);
    const sourceColumns = parseColumns(source);
    const index = args.mapping.map((m) => ({
      from: sourceColumns.find((c) => c.id === m.source)!,
      at: targetColumns.findIndex((c) => c.id === m.target),
    }));
    const keyAt = target.key_column ? targetColumns.findIndex((c) => c.id === target.key_column) : -1;
    const resume = draft.resume
      ? (JSON.parse(draft.resume) as { afterId: number; duplicates: number })
      : { afterId: 0, duplicates: 0 };
    const seen = new Set<StoredValue>();
    if (keyAt >= 0 && resume.afterId > 0) {
      // A resumed merge: the keys already in the draft count as seen.
      let after = 0;
      for (;;) {
        const rows = await scanRows(
          this.store,
          target.rows_table,
          { kind: 'batches', batchIds: [draft.id] },
          [targetColumns[keyAt]!],
          after,
          SCAN_STEP,
        );
        for (const r of rows) seen.add((r[target.key_column!] ?? null) as StoredValue);
        if (rows.length < SCAN_STEP) break;
        after = Number(rows.at(-1)!._id);
      }
    }
    const sink = new RowSink(
      this.store,
      target.rows_table,
      targetColumns.map((c) => c.id),
      draft.id,
    );
    try {
      for (;;) {
        const rows = await scanRows(
          this.store,
          source.rows_table,
          { kind: 'batches', batchIds: args.batchIds },
          sourceColumns,
          resume.afterId,
          SCAN_STEP,
        );
        await this.stopIfAborted(ctx);
        for (const r of rows) {
          const out: StoredValue[] = new Array<StoredValue>(targetColumns.length).fill(null);
          for (const m of index) out[m.at] = (r[m.from.id] ?? null) as StoredValue;
          if (keyAt >= 0 && out[keyAt] !== null) {
            const key = out[keyAt]!;
            if (seen.has(key)) {
              // Within the sources, the first row of a key wins, whatever the strategy: the
              // strategy is about keys the target already holds (docs/datasets.md).
              resume.duplicates++;
              continue;
            }
            seen.add(key);
          }
          sink.add(out);
        }
        const last = rows.at(-1);
        if (last) resume.afterId = Number(last._id);
        await sink.flush(resume);
        ctx.progress({ done: sink.written, unit: 'rows' });
        if (rows.length < SCAN_STEP) break;
      }
      let conflicts: StoredValue[] = [];
      if (target.key_column) {
        conflicts = await conflictingKeys(
          this.store.db,
          target.rows_table,
          target.id,
          target.key_column,
          draft.id,
          1_000_000,
        );
        if (args.strategy === 'abort' && conflicts.length > 0) {
          throw new JobFailure(
            'merge_conflict',
            `${conflicts.length} key(s) of the source rows already exist in the target.`,
            {
              keys: conflicts.slice(0, 100),
            },
          );
        }
      }
      await this.stopIfAborted(ctx);
      const moved = await setBatchStates(this.store.db, [draft.id], ['pending'], 'draft', { resume: null });
      await this.announce(moved, 'pending', 'draft', ctx.id);
      if (moved.length === 0) throw new JobFailure('gone', `Draft ${draft.id} was removed during the merge.`);
      const fresh = await findBatch(this.store.db, draft.id, null);
      return {
        draftBatchId: draft.id,
        datasetId: target.id,
        strategy: args.strategy,
        rowCount: fresh?.row_count ?? sink.written,
        conflicts: conflicts.length,
        duplicateKeysDropped: resume.duplicates,
      };
    } catch (error) {
      if (
        ctx.signal.aborted ||
        error instanceof JobFailure ||
        error instanceof NonRetryableError ||
        ctx.attempt >= ctx.maxAttempts
      ) {
        await cleanup();
      }
      throw toHandlerError(error);
    }
  }

  // ---- A dataset from a search result ------------------------------------------------------------

  async fromSearch(
    principal: Principal,
    input: { searchJobId: string; name: string; description?: string | null | undefined },
  ): Promise<Job> {
    const job = await this.deps.jobs.getRow(principal, input.searchJobId).catch(() => undefined);
    if (!job || job.type !== 'dataset.search') {
      throw new ApiError('not_found', `Search job ${input.searchJobId} was not found.`, {
        errors: [{ in: 'body', pointer: '/searchJobId', message: 'no such search job' }],
      });
    }
    if (job.status !== 'succeeded') {
      throw new ApiError(
        'job_not_finished',
        `Search job ${job.id} is ${job.status}; it must have succeeded.`,
        {
          errors: [{ in: 'body', pointer: '/searchJobId', message: `the search is ${job.status}` }],
        },
      );
    }
    const { datasetId } = JSON.parse(job.arguments) as { datasetId: string };
    const origin = await this.datasets.get(principal, datasetId);
    const columns = parseColumns(origin);
    const created = await this.store.transaction((trx) =>
      this.datasets.insert(trx, {
        workspaceId: origin.workspace_id,
        projectId: origin.project_id,
        name: input.name,
        description: input.description ?? `Rows of ${origin.name} found by search ${job.id}`,
        columns,
        keyColumn: origin.key_column,
        createdBy: principal.id,
        keepIds: true,
      }),
    );
    const row = await this.jobRow(
      principal,
      created,
      BATCH_JOB_TYPES.fromSearch,
      {},
      `Dataset ${created.name} from search ${job.id}`,
    );
    const batch = await this.newBatch(principal.id, created, {
      source: { kind: 'search', jobId: job.id, datasetId: origin.id },
      jobId: row.id,
    });
    row.arguments = JSON.stringify({
      searchJobId: job.id,
      originDatasetId: origin.id,
      datasetId: created.id,
      batchId: batch.id,
    });
    return this.insertPrepared(row, principal);
  }

  private async runFromSearch(ctx: JobContext): Promise<unknown> {
    const args = ctx.arguments as {
      searchJobId: string;
      originDatasetId: string;
      datasetId: string;
      batchId: string;
    };
    const origin = await findDataset(this.store.db, args.originDatasetId, ctx.workspaceId);
    const created = await findDataset(this.store.db, args.datasetId, ctx.workspaceId);
    const batch = await findBatch(this.store.db, args.batchId, ctx.workspaceId);
    const cleanup = async () => {
      if (created) await this.store.transaction((trx) => this.datasets.drop(trx, created));
    };
    if (!origin || !created || !batch || batch.state !== 'pending') {
      await cleanup();
      throw new NonRetryableError('The searched dataset or the new one went away.', { code: 'gone' });
    }
    const columns = parseColumns(created);
    const ids = await this.datasets.searchResultIds(args.searchJobId, ctx.workspaceId);
    const resume = batch.resume ? (JSON.parse(batch.resume) as { next: number }) : { next: 0 };
    const sink = new RowSink(
      this.store,
      created.rows_table,
      columns.map((c) => c.id),
      batch.id,
    );
    try {
      for (let i = resume.next; i < ids.length; i += 1000) {
        await this.stopIfAborted(ctx);
        const rows = await rowsByIds(
          this.store,
          origin.rows_table,
          { kind: 'active', datasetId: origin.id },
          columns,
          ids.slice(i, i + 1000),
        );
        for (const r of rows) sink.add(columns.map((c) => (r[c.id] ?? null) as StoredValue));
        await sink.flush({ next: i + 1000 });
        ctx.progress({ done: Math.min(i + 1000, ids.length), total: ids.length, unit: 'rows' });
      }
      const moved = await setBatchStates(this.store.db, [batch.id], ['pending'], 'active', { resume: null });
      await this.announce(moved, 'pending', 'active', ctx.id);
      const fresh = await findBatch(this.store.db, batch.id, null);
      return { datasetId: created.id, batchId: batch.id, rowCount: fresh?.row_count ?? sink.written };
    } catch (error) {
      if (ctx.signal.aborted || error instanceof NonRetryableError || ctx.attempt >= ctx.maxAttempts)
        await cleanup();
      throw toHandlerError(error);
    }
  }

  // ---- Recovery -------------------------------------------------------------------------------------

  /** batch.ingest met by a worker: its request died with the process, so the upload cannot go on. */
  private async runIngestRecovery(ctx: JobContext): Promise<never> {
    const batches = await findOrphanBatches(this.store.db, { jobId: ctx.id });
    for (const batch of batches) {
      const dataset = await findDataset(this.store.db, batch.dataset_id, null);
      if (dataset) await this.purge(batch.id, dataset.rows_table);
      else await deleteBatchRow(this.store.db, batch.id);
    }
    throw new NonRetryableError(
      'The upload was interrupted (the server handling it stopped); nothing of it was kept. Send it again.',
      { code: 'upload_interrupted' },
    );
  }

  /**
   * Backstop for batches whose job ended without its handler cleaning up (a job that ran out of
   * attempts while its worker was down): pending batches of finished jobs are removed, and
   * deleting batches whose job failed are removed now.
   */
  async sweep(): Promise<number> {
    const orphans = await findOrphanBatches(this.store.db, {});
    for (const batch of orphans) {
      const dataset = await findDataset(this.store.db, batch.dataset_id, null);
      if (dataset) await this.purge(batch.id, dataset.rows_table);
      else await deleteBatchRow(this.store.db, batch.id);
    }
    return orphans.length;
  }

  jobTypes(): JobTypeDefinition[] {
    const T = BATCH_JOB_TYPES;
    return [
      builtinJobType(
        T.ingest,
        'Creates a batch from rows sent with the request (run by that request).',
        (ctx) => this.runIngestRecovery(ctx),
      ),
      builtinJobType(T.append, 'Appends another dataset’s rows through a column mapping.', (ctx) =>
        this.runAppend(ctx),
      ),
      builtinJobType(T.state, 'Suspends or restores batches (a state flip).', (ctx) => this.runState(ctx)),
      builtinJobType(T.delete, 'Deletes batches and their rows.', (ctx) => this.runDelete(ctx)),
      builtinJobType(T.close, 'Discards a draft batch.', (ctx) => this.runDelete(ctx)),
      builtinJobType(T.merge, 'Merges batches of a dataset into another as one draft batch.', (ctx) =>
        this.runMerge(ctx),
      ),
      builtinJobType(T.commit, 'Commits a draft batch, resolving key conflicts by its strategy.', (ctx) =>
        this.runCommit(ctx),
      ),
      builtinJobType(T.fromSearch, 'Creates a dataset from the rows a search found.', (ctx) =>
        this.runFromSearch(ctx),
      ),
    ];
  }
}

function rowsInvalid(report: ErrorReport): JobFailure {
  return new JobFailure(
    'rows_invalid',
    `${report.count} row(s) do not fit the dataset's columns; nothing was kept (see errors.jsonl, or use onRowError=skip).`,
    { errorCount: report.count, firstErrors: report.first },
  );
}

/** Our coded failures become non-retryable job errors with their code; the rest retry. */
function toHandlerError(error: unknown): unknown {
  if (error instanceof JobFailure)
    return new NonRetryableError(error.message, { code: error.code, details: error.details });
  return error;
}
