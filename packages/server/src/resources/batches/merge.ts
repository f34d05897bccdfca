import type { Principal } from '../../auth/principal.js';
import { NonRetryableError, type JobContext } from '../../engine/index.js';
import { ApiError, notFound } from '../../errors/problem.js';
import {
  addBatchRowCounts,
  batchesInStates,
  findBatch,
  setBatchStates,
  type BatchRow,
} from '../../store/queries/batches.js';
import { findDataset, type DatasetRow } from '../../store/queries/datasets.js';
import { takeDraftNumber } from '../../store/queries/projects.js';
import { conflictingKeys, resolveConflicts, scanRows, type StoredValue } from '../../store/rows/index.js';
import { findColumn, parseColumns } from '../datasets/columns.js';
import type { Job } from '../jobs/schema.js';
import {
  announceStates,
  BATCH_JOB_TYPES,
  enqueueJob,
  insertPrepared,
  openBatch,
  prepareJob,
  SCAN_STEP,
  type BatchContext,
} from './context.js';
import { failedForGood, stopIfAborted, toHandlerError } from './failures.js';
import { JobFailure } from '../../engine/index.js';
import { batchesOf, bodyIds, invalidState, purge } from './lifecycle.js';
import { RowSink } from './row-sink.js';
import type { MergeInput } from './schema.js';

/** Squash-and-merge: checks the columns match and starts batch.merge, which writes one draft batch. */
export async function merge(
  cx: BatchContext,
  principal: Principal,
  targetId: string,
  input: MergeInput,
): Promise<Job> {
  const target = await cx.datasets.get(principal, targetId);
  const source = await findDataset(cx.store.db, input.source.datasetId, principal.workspaceId);
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
    const { batches } = await batchesOf(
      cx,
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
    batchIds = (await batchesInStates(cx.store.db, source.id, ['active'])).map((b) => b.id);
  }
  const row = await prepareJob(
    cx,
    principal,
    target,
    BATCH_JOB_TYPES.merge,
    {},
    `Merge ${source.name} into ${target.name} (${input.strategy})`,
  );
  const draftNumber = await takeDraftNumber(cx.store.db, target.project_id);
  const draft = await openBatch(cx, principal.id, target, {
    name: input.name,
    source: { kind: 'merge', datasetId: source.id, batchIds },
    jobId: row.id,
    strategy: input.strategy,
    draftNumber,
  });
  row.arguments = JSON.stringify({
    targetDatasetId: target.id,
    sourceDatasetId: source.id,
    batchIds,
    mapping,
    strategy: input.strategy,
    draftBatchId: draft.id,
    reopen: { batchName: draft.name, createdBy: principal.id, draftNumber },
  });
  return insertPrepared(cx, row, principal);
}

/** batch.merge: copies the source batches into the draft (first row of a key wins), resumably. */
export async function runMerge(cx: BatchContext, ctx: JobContext): Promise<unknown> {
  const args = ctx.arguments as {
    targetDatasetId: string;
    sourceDatasetId: string;
    batchIds: string[];
    mapping: { source: string; target: string }[];
    strategy: 'abort' | 'skip' | 'override';
    draftBatchId: string;
    /** draftNumber: absent in merges started before migration 0013. */
    reopen?: { batchName: string; createdBy: string | null; draftNumber?: number };
  };
  const target = await findDataset(cx.store.db, args.targetDatasetId, ctx.workspaceId);
  const source = await findDataset(cx.store.db, args.sourceDatasetId, ctx.workspaceId);
  let draft = await findBatch(cx.store.db, args.draftBatchId, ctx.workspaceId);
  if (target && source && !draft && args.reopen) {
    // A retry of a merge whose failed attempt removed its draft: start the draft again, empty.
    draft = await openBatch(cx, args.reopen.createdBy, target, {
      id: args.draftBatchId,
      name: args.reopen.batchName,
      source: { kind: 'merge', datasetId: source.id, batchIds: args.batchIds },
      jobId: ctx.id,
      strategy: args.strategy,
      draftNumber: args.reopen.draftNumber ?? null,
    });
  }
  const cleanup = async () => {
    if (draft && target) await purge(cx, draft.id, target.rows_table);
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
        cx.store,
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
    cx.store,
    target.rows_table,
    targetColumns.map((c) => c.id),
    draft.id,
  );
  try {
    for (;;) {
      const rows = await scanRows(
        cx.store,
        source.rows_table,
        { kind: 'batches', batchIds: args.batchIds },
        sourceColumns,
        resume.afterId,
        SCAN_STEP,
      );
      await stopIfAborted(cx.store, ctx);
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
        cx.store.db,
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
    await stopIfAborted(cx.store, ctx);
    const moved = await setBatchStates(cx.store.db, [draft.id], ['pending'], 'draft', { resume: null });
    await announceStates(cx, moved, 'pending', 'draft', ctx.id);
    if (moved.length === 0) throw new JobFailure('gone', `Draft ${draft.id} was removed during the merge.`);
    const fresh = await findBatch(cx.store.db, draft.id, null);
    return {
      draftBatchId: draft.id,
      draftNumber: draft.draft_number ?? null,
      datasetId: target.id,
      strategy: args.strategy,
      rowCount: fresh?.row_count ?? sink.written,
      conflicts: conflicts.length,
      duplicateKeysDropped: resume.duplicates,
    };
  } catch (error) {
    if (failedForGood(ctx, error)) await cleanup();
    throw toHandlerError(error);
  }
}

// ---- The draft: commit or close ----------------------------------------------------------------

/** The draft `batchId` the principal can see, with its dataset; refused if it is not a draft. */
async function requireDraft(
  cx: BatchContext,
  principal: Principal,
  batchId: string,
): Promise<{ batch: BatchRow; dataset: DatasetRow }> {
  const batch = await findBatch(cx.store.db, batchId, principal.workspaceId);
  if (!batch) throw notFound('Batch', batchId);
  if (batch.state !== 'draft') {
    throw new ApiError(
      'invalid_batch_state',
      `Batch ${batchId} is ${batch.state}; only a draft can be committed or closed.`,
    );
  }
  const dataset = await cx.datasets.get(principal, batch.dataset_id);
  return { batch, dataset };
}

export async function commit(cx: BatchContext, principal: Principal, batchId: string): Promise<Job> {
  const { batch, dataset } = await requireDraft(cx, principal, batchId);
  return enqueueJob(
    cx,
    principal,
    dataset,
    BATCH_JOB_TYPES.commit,
    { datasetId: dataset.id, batchId },
    `Commit draft ${batch.name} into ${dataset.name}`,
  );
}

/** batch.commit: resolves key conflicts by the draft's strategy and activates it, in one transaction. */
export async function runCommit(cx: BatchContext, ctx: JobContext): Promise<unknown> {
  const { datasetId, batchId } = ctx.arguments as { datasetId: string; batchId: string };
  const dataset = await findDataset(cx.store.db, datasetId, ctx.workspaceId);
  const batch = await findBatch(cx.store.db, batchId, ctx.workspaceId);
  if (!dataset || !batch || batch.state !== 'draft') {
    throw new NonRetryableError(`Batch ${batchId} is no longer a draft.`, { code: 'invalid_batch_state' });
  }
  const strategy = (batch.strategy ?? 'abort') as 'abort' | 'skip' | 'override';
  const key = dataset.key_column;
  let committed: string[] = [];
  const result = await cx.store.transaction(async (trx) => {
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
  await announceStates(cx, committed, 'draft', 'active', ctx.id);
  return result;
}

/** Discards a draft: it leaves every read at once, and batch.close removes its rows. */
export async function close(cx: BatchContext, principal: Principal, batchId: string): Promise<Job> {
  const { batch, dataset } = await requireDraft(cx, principal, batchId);
  const job = await prepareJob(
    cx,
    principal,
    dataset,
    BATCH_JOB_TYPES.close,
    { datasetId: dataset.id, batchIds: [batchId] },
    `Close draft ${batch.name} of ${dataset.name}`,
  );
  const moved = await setBatchStates(cx.store.db, [batchId], ['draft'], 'deleting', { job_id: job.id });
  if (moved.length === 0) throw new ApiError('invalid_batch_state', `Batch ${batchId} is no longer a draft.`);
  const inserted = await insertPrepared(cx, job, principal);
  await announceStates(cx, moved, 'draft', 'deleting', job.id);
  return inserted;
}
