import type { Principal } from '../../auth/principal.js';
import { NonRetryableError, type JobContext } from '../../engine/index.js';
import { ApiError, badField } from '../../errors/problem.js';
import { findBatch, rowCopyStep, setBatchStates } from '../../store/queries/batches.js';
import { findDataset, type DatasetRow } from '../../store/queries/datasets.js';
import { copyRowChunk, scanRows, type StoredValue } from '../../store/rows/index.js';
import { parseColumns } from '../datasets/columns.js';
import type { Column } from '../datasets/schema.js';
import { convertStored } from '../datasets/values.js';
import type { Job } from '../jobs/schema.js';
import {
  announceStates,
  BATCH_JOB_TYPES,
  insertPrepared,
  openBatch,
  prepareJob,
  SCAN_STEP,
  type BatchContext,
} from './context.js';
import { ErrorReport, type RowError, type RowErrorPolicy } from './error-report.js';
import { failedForGood, rowsInvalid, stopIfAborted, toHandlerError } from './failures.js';
import { purge } from './lifecycle.js';
import { RowSink } from './row-sink.js';
import type { AppendBatchInput } from './schema.js';

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

/** Checks an append's mapping and starts its batch.append job (with the batch it writes, unless validateOnly). */
export async function append(
  cx: BatchContext,
  principal: Principal,
  targetId: string,
  input: AppendBatchInput,
): Promise<Job> {
  const target = await cx.datasets.get(principal, targetId);
  const source = await findDataset(cx.store.db, input.sourceDatasetId, principal.workspaceId);
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
  const row = await prepareJob(cx, principal, target, BATCH_JOB_TYPES.append, args, title);
  const batchSource = {
    kind: 'dataset',
    datasetId: source.id,
    ...(input.newDataset ? { baseDatasetId: target.id } : {}),
  };
  if (!validateOnly) {
    let into: DatasetRow = target;
    if (input.newDataset) {
      const name = input.newDataset.name;
      into = await cx.store
        .transaction((trx) =>
          cx.datasets.insert(trx, {
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
              errors: [{ in: 'body', pointer: '/newDataset/name', message: 'already taken in this project' }],
            });
          }
          throw error;
        });
      args.newDatasetId = into.id;
    }
    const batch = await openBatch(cx, principal.id, into, {
      name: input.name,
      source: batchSource,
      jobId: row.id,
    });
    args.batchId = batch.id;
    args.reopen = { batchName: batch.name, source: batchSource, createdBy: principal.id };
    if (input.newDataset) args.reopen.newDatasetName = input.newDataset.name;
  }
  row.arguments = JSON.stringify(args);
  return insertPrepared(cx, row, principal);
}

/** batch.append: copies (or converts and checks) the source's active rows into the batch, resumably. */
export async function runAppend(cx: BatchContext, ctx: JobContext): Promise<unknown> {
  const args = ctx.arguments as unknown as AppendArgs;
  const target = await findDataset(cx.store.db, args.targetDatasetId, ctx.workspaceId);
  const source = await findDataset(cx.store.db, args.sourceDatasetId, ctx.workspaceId);
  let into = args.newDatasetId ? await findDataset(cx.store.db, args.newDatasetId, ctx.workspaceId) : target;
  let batch = args.batchId ? await findBatch(cx.store.db, args.batchId, ctx.workspaceId) : undefined;
  if (target && source && args.batchId && !batch && args.reopen) {
    // A retry of an append whose failed attempt removed its half batch: start again, empty.
    const reopen = args.reopen;
    if (args.newDatasetId && !into && reopen.newDatasetName) {
      const name = reopen.newDatasetName;
      into = await cx.store
        .transaction((trx) =>
          cx.datasets.insert(trx, {
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
      batch = await openBatch(cx, reopen.createdBy, into, {
        id: args.batchId,
        name: reopen.batchName,
        source: reopen.source,
        jobId: ctx.id,
      });
    }
  }
  const cleanup = async () => {
    if (batch && into) await purge(cx, batch.id, into.rows_table);
    if (args.newDatasetId && into) await cx.store.transaction((trx) => cx.datasets.drop(trx, into));
  };
  if (!target || !source || !into || (args.batchId && !batch) || (batch && batch.state !== 'pending')) {
    await cleanup();
    throw new NonRetryableError('The source, the target or the batch was deleted while the append waited.', {
      code: 'gone',
    });
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
        cx.store,
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
      const step = rowCopyStep(cx.store);
      const chunk = await copyRowChunk(
        cx.store,
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
        await stopIfAborted(cx.store, ctx);
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
      await stopIfAborted(cx.store, ctx);
      if (chunk === null) break;
      checked += chunk.rows;
      ctx.progress({ done: checked, total: source.row_count, unit: 'rows' });
    }
    const errors: RowError[] = [];
    // Otherwise each value is converted and checked here.
    while (!inSql) {
      const rows = await scanRows(
        cx.store,
        source.rows_table,
        { kind: 'active', datasetId: source.id },
        sourceColumns,
        resume.afterId,
        SCAN_STEP,
      );
      await stopIfAborted(cx.store, ctx);
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
    const fresh = await findBatch(cx.store.db, batch!.id, null);
    await stopIfAborted(cx.store, ctx);
    const moved = await setBatchStates(cx.store.db, [batch!.id], ['pending'], 'active', { resume: null });
    await announceStates(cx, moved, 'pending', 'active', ctx.id);
    if (moved.length === 0)
      throw new NonRetryableError(`Batch ${batch!.id} was removed while it was being created.`, {
        code: 'gone',
      });
    if (args.deleteSource) await cx.store.transaction((trx) => cx.datasets.drop(trx, source));
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
    if (failedForGood(ctx, error)) await cleanup();
    throw toHandlerError(error);
  }
}
