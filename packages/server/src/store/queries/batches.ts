import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Store } from '../index.js';
import { batchRowIdRange, deleteBatchRowRange, deleteBatchRows } from '../rows/index.js';
import { deleteBatchRow } from './datasets.js';
import { deleteBatchTasks } from './tasks.js';

/**
 * What the batches resource asks of the database. The batch statements themselves are still
 * defined beside the dataset ones (datasets.ts, batch-recovery.ts); they are re-exported here so
 * that the resource has one place to import them from.
 */
export {
  addBatchRowCounts,
  batchesByIds,
  batchesInStates,
  deleteBatchRow,
  findBatch,
  findBatchesOfDataset,
  insertBatch,
  listBatches,
  setBatchStates,
  type BatchFilter,
  type BatchRow,
} from './datasets.js';
export { findOrphanBatches } from './batch-recovery.js';

// The step sizes are the backend's own (`store.dialect.steps`, set in sqlite.ts and postgres.ts).

/** Rows per statement when a batch's rows are copied from another table (`copyRowChunk`). */
export function rowCopyStep(store: Store): number {
  return store.dialect.steps.copyRows;
}

/** Rows per chunk when rows are written into a batch (`insertRowChunk`). */
export function rowChunkSize(store: Store): number {
  return store.dialect.steps.ingestRows;
}

/**
 * Removes a batch's rows in small steps (row-id windows), then its tasks, then the batch.
 * `onProgress` hears the running count of rows removed, starting from `done`; returns that count.
 */
export async function purgeBatch(
  store: Store,
  batchId: string,
  table: string,
  onProgress?: (removed: number) => void,
  done = 0,
): Promise<number> {
  // The dataset (and its table) went first: nothing left to remove.
  const gone = (error: unknown) => {
    if (/no such table|does not exist/.test(String(error))) return null;
    throw error;
  };
  const step = store.dialect.steps.deleteRows;
  let removed = done;
  const range = await batchRowIdRange(store, store.db, table, batchId).catch(gone);
  if (range) {
    for (let after = range.min - 1; after < range.max; after += step) {
      const upTo = Math.min(after + step, range.max);
      removed += (await deleteBatchRowRange(store.db, table, batchId, after, upTo).catch(gone)) ?? 0;
      onProgress?.(removed);
      await yieldToEventLoop();
    }
  }
  // Rows outside the range (none unless written meanwhile) go in steps of the same size.
  for (;;) {
    const n = (await deleteBatchRows(store.db, table, batchId, step).catch(gone)) ?? 0;
    removed += n;
    if (n < step) break;
    onProgress?.(removed);
    await yieldToEventLoop();
  }
  // Its tasks in steps too (the cascade would remove them all in one statement).
  while ((await deleteBatchTasks(store.db, batchId, step)) === step) {
    await yieldToEventLoop();
  }
  await deleteBatchRow(store.db, batchId);
  return removed;
}
