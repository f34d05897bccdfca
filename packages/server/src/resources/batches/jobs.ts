import type { JobContext, JobTypeDefinition } from '../../engine/index.js';
import { builtinJobType } from '../../engine/index.js';
import { NonRetryableError } from '../../engine/index.js';
import { deleteBatchRow, findOrphanBatches } from '../../store/queries/batches.js';
import { findDataset } from '../../store/queries/datasets.js';
import { runAppend } from './append.js';
import { BATCH_JOB_TYPES, type BatchContext } from './context.js';
import { purge, runDelete, runState } from './lifecycle.js';
import { runCommit, runMerge } from './merge.js';

/** The job types of batches, each with its handler. */
export function batchJobTypes(cx: BatchContext): JobTypeDefinition[] {
  const T = BATCH_JOB_TYPES;
  return [
    builtinJobType(
      T.ingest,
      'Creates a batch from rows sent with the request (run by that request).',
      (ctx) => runIngestRecovery(cx, ctx),
    ),
    builtinJobType(T.append, 'Appends another dataset’s rows through a column mapping.', (ctx) =>
      runAppend(cx, ctx),
    ),
    builtinJobType(T.state, 'Suspends or restores batches (a state flip).', (ctx) => runState(cx, ctx)),
    builtinJobType(T.delete, 'Deletes batches and their rows.', (ctx) => runDelete(cx, ctx)),
    builtinJobType(T.close, 'Discards a draft batch.', (ctx) => runDelete(cx, ctx)),
    builtinJobType(T.merge, 'Merges batches of a dataset into another as one draft batch.', (ctx) =>
      runMerge(cx, ctx),
    ),
    builtinJobType(T.commit, 'Commits a draft batch, resolving key conflicts by its strategy.', (ctx) =>
      runCommit(cx, ctx),
    ),
  ];
}

// ---- Recovery -------------------------------------------------------------------------------------

/** batch.ingest met by a worker: its request died with the process, so the upload cannot go on. */
async function runIngestRecovery(cx: BatchContext, ctx: JobContext): Promise<never> {
  const batches = await findOrphanBatches(cx.store.db, { jobId: ctx.id });
  for (const batch of batches) {
    const dataset = await findDataset(cx.store.db, batch.dataset_id, null);
    if (dataset) await purge(cx, batch.id, dataset.rows_table);
    else await deleteBatchRow(cx.store.db, batch.id);
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
export async function sweepOrphanBatches(cx: BatchContext): Promise<number> {
  const orphans = await findOrphanBatches(cx.store.db, {});
  for (const batch of orphans) {
    const dataset = await findDataset(cx.store.db, batch.dataset_id, null);
    if (dataset) await purge(cx, batch.id, dataset.rows_table);
    else await deleteBatchRow(cx.store.db, batch.id);
  }
  return orphans.length;
}
