import type { Principal } from '../../auth/principal.js';
import { NonRetryableError, type JobContext } from '../../engine/index.js';
import { ApiError, notFound, type FieldError } from '../../errors/problem.js';
import {
  deleteBatchRow,
  findBatch,
  findBatchesOfDataset,
  purgeBatch,
  setBatchStates,
  type BatchRow,
} from '../../store/queries/batches.js';
import { findDataset } from '../../store/queries/datasets.js';
import type { BatchState } from '../../store/tables.js';
import type { Job } from '../jobs/schema.js';
import {
  announceStates,
  BATCH_JOB_TYPES,
  enqueueJob,
  insertPrepared,
  prepareJob,
  type BatchContext,
} from './context.js';

/**
 * A batch's life: pending while written, then active (read) or draft (a merge waiting for its
 * commit); active and suspended flip without touching a row; any of them → deleting → gone.
 */
export const STATES: readonly BatchState[] = ['pending', 'active', 'suspended', 'draft', 'deleting'];

/** Where the batch ids of a request are: the body (`/ids/3`) or the path or query. */
export interface IdsAt {
  in: FieldError['in'];
  pointer(index: number): string;
}
export const bodyIds = (base: string): IdsAt => ({ in: 'body', pointer: (i) => `${base}/${i}` });

/** Batch ids given in the query string (`?ids=a,b`). */
export const queryIds: IdsAt = { in: 'query', pointer: () => '/ids' };

export function invalidState(
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

/** The batches `ids` of a dataset the principal can see; refused if any is missing. */
export async function batchesOf(
  cx: BatchContext,
  principal: Principal,
  datasetId: string,
  ids: readonly string[],
  at: IdsAt,
) {
  const dataset = await cx.datasets.get(principal, datasetId);
  const unique = [...new Set(ids)];
  const found = await findBatchesOfDataset(cx.store.db, dataset.id, unique);
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

/** Removes a batch's rows, tasks and row in steps, reporting rows removed as the job's progress. */
export function purge(
  cx: BatchContext,
  batchId: string,
  table: string,
  ctx?: Pick<JobContext, 'progress'>,
  done = 0,
): Promise<number> {
  return purgeBatch(
    cx.store,
    batchId,
    table,
    ctx && ((removed) => ctx.progress({ done: removed, unit: 'rows' })),
    done,
  );
}

// ---- Suspend and restore ------------------------------------------------------------------------

/** Suspends (or restores) batches: refused as a whole if any is not in the state it needs. */
export async function setSuspended(
  cx: BatchContext,
  principal: Principal,
  datasetId: string,
  ids: readonly string[],
  suspend: boolean,
): Promise<Job> {
  const { dataset, batches } = await batchesOf(cx, principal, datasetId, ids, bodyIds('/ids'));
  const from: BatchState = suspend ? 'active' : 'suspended';
  const wrong = batches.filter((b) => b.state !== from);
  if (wrong.length > 0)
    throw invalidState(wrong, suspend ? 'suspend' : 'restore', [from], bodyIds('/ids'), ids);
  return enqueueJob(
    cx,
    principal,
    dataset,
    BATCH_JOB_TYPES.state,
    { datasetId, batchIds: batches.map((b) => b.id), to: suspend ? 'suspended' : 'active' },
    `${suspend ? 'Suspend' : 'Restore'} ${batches.length} batch(es) of ${dataset.name}`,
  );
}

/** batch.state: flips batches between active and suspended. */
export async function runState(cx: BatchContext, ctx: JobContext): Promise<unknown> {
  const { batchIds, to } = ctx.arguments as { batchIds: string[]; to: 'suspended' | 'active' };
  if (to !== 'suspended' && to !== 'active') {
    throw new NonRetryableError(`A state job flips to suspended or active, not ${String(to)}.`, {
      code: 'invalid_batch_state',
    });
  }
  const from: BatchState = to === 'suspended' ? 'active' : 'suspended';
  // Only batches of the job's own workspace, whatever the arguments say (defence in depth).
  const own: string[] = [];
  for (const id of batchIds) if (await findBatch(cx.store.db, id, ctx.workspaceId)) own.push(id);
  // One statement: every batch flips together, and rows are never touched.
  const moved = await setBatchStates(cx.store.db, own, [from], to, { job_id: ctx.id });
  await announceStates(cx, moved, from, to, ctx.id);
  const skipped = batchIds.filter((id) => !moved.includes(id));
  if (skipped.length > 0) ctx.warn(`not ${from} any more, left as they were: ${skipped.join(', ')}`);
  return { [to === 'suspended' ? 'suspended' : 'restored']: moved, skipped };
}

// ---- Delete -------------------------------------------------------------------------------------

/** Deletes batches: they leave every read at once (state deleting); the job removes their rows. */
export async function remove(
  cx: BatchContext,
  principal: Principal,
  datasetId: string,
  ids: readonly string[],
  at: IdsAt,
): Promise<Job> {
  const { dataset, batches } = await batchesOf(cx, principal, datasetId, ids, at);
  const allowed: BatchState[] = ['active', 'suspended', 'draft'];
  const wrong = batches.filter((b) => !allowed.includes(b.state));
  if (wrong.length > 0) throw invalidState(wrong, 'delete', allowed, at, ids);
  const job = await prepareJob(
    cx,
    principal,
    dataset,
    BATCH_JOB_TYPES.delete,
    { datasetId, batchIds: batches.map((b) => b.id) },
    `Delete ${batches.length} batch(es) of ${dataset.name}`,
  );
  const moved = await setBatchStates(
    cx.store.db,
    batches.map((b) => b.id),
    allowed,
    'deleting',
    { job_id: job.id },
  );
  if (moved.length !== batches.length) {
    // Another request changed one of them in between: undo ours and report the conflict.
    await setBatchStates(cx.store.db, moved, ['deleting'], 'active');
    throw new ApiError(
      'invalid_batch_state',
      'A batch changed state while the delete was being started; try again.',
    );
  }
  const inserted = await insertPrepared(cx, job, principal);
  for (const state of allowed) {
    await announceStates(
      cx,
      batches.filter((b) => b.state === state),
      state,
      'deleting',
      job.id,
    );
  }
  return inserted;
}

export async function deleteOne(cx: BatchContext, principal: Principal, batchId: string): Promise<Job> {
  const batch = await findBatch(cx.store.db, batchId, principal.workspaceId);
  if (!batch) throw notFound('Batch', batchId);
  return remove(cx, principal, batch.dataset_id, [batchId], { in: 'path', pointer: () => '/id' });
}

/** batch.delete and batch.close: removes the batches this job put in `deleting`, rows first. */
export async function runDelete(cx: BatchContext, ctx: JobContext): Promise<unknown> {
  const { datasetId, batchIds } = ctx.arguments as { datasetId: string; batchIds: string[] };
  const dataset = await findDataset(cx.store.db, datasetId, ctx.workspaceId);
  let rows = 0;
  const deleted: string[] = [];
  for (const id of batchIds) {
    const batch = await findBatch(cx.store.db, id, ctx.workspaceId);
    if (!batch) {
      // A retry after the batch went: done already. On a first attempt it was never ours to delete.
      if (ctx.attempt > 1) deleted.push(id);
      continue;
    }
    // Only batches this job put in `deleting` (by its route): never one another job or state holds.
    if (batch.state !== 'deleting' || batch.job_id !== ctx.id) continue;
    if (dataset) rows = await purge(cx, id, dataset.rows_table, ctx, rows);
    else await deleteBatchRow(cx.store.db, id);
    deleted.push(id);
    await announceStates(cx, [batch], 'deleting', 'deleted', ctx.id);
  }
  return { deleted, rowsDeleted: rows };
}
