import type { Principal } from '../../auth/principal.js';
import { NonRetryableError, type JobContext } from '../../engine/index.js';
import { ApiError } from '../../errors/problem.js';
import { findBatch, setBatchStates } from '../../store/queries/batches.js';
import { findDataset } from '../../store/queries/datasets.js';
import { rowsByIds, type StoredValue } from '../../store/rows/index.js';
import {
  announceStates,
  insertPrepared,
  openBatch,
  prepareJob,
  type BatchContext,
} from '../batches/context.js';
import { stopIfAborted, toHandlerError } from '../batches/failures.js';
import { RowSink } from '../batches/row-sink.js';
import type { Job } from '../jobs/schema.js';
import { parseColumns } from './columns.js';
import { SEARCH_JOB_TYPE, searchResultIds } from './search.js';

/**
 * The job type that makes a dataset from a search's rows: a new dataset with the origin's columns
 * and one batch holding the rows found. Its arguments are set here, never by callers.
 */
export const FROM_SEARCH_JOB_TYPE = 'dataset.from_search';

/** Creates the dataset and its pending batch now, and starts the job that fills them. */
export async function fromSearch(
  cx: BatchContext,
  principal: Principal,
  input: { searchJobId: string; name: string; description?: string | null | undefined },
): Promise<Job> {
  const job = await cx.deps.jobs.getRow(principal, input.searchJobId).catch(() => undefined);
  if (!job || job.type !== SEARCH_JOB_TYPE) {
    throw new ApiError('not_found', `Search job ${input.searchJobId} was not found.`, {
      errors: [{ in: 'body', pointer: '/searchJobId', message: 'no such search job' }],
    });
  }
  if (job.status !== 'succeeded') {
    throw new ApiError('job_not_finished', `Search job ${job.id} is ${job.status}; it must have succeeded.`, {
      errors: [{ in: 'body', pointer: '/searchJobId', message: `the search is ${job.status}` }],
    });
  }
  const { datasetId } = JSON.parse(job.arguments) as { datasetId: string };
  const origin = await cx.datasets.get(principal, datasetId);
  const columns = parseColumns(origin);
  const created = await cx.store.transaction((trx) =>
    cx.datasets.insert(trx, {
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
  const row = await prepareJob(
    cx,
    principal,
    created,
    FROM_SEARCH_JOB_TYPE,
    {},
    `Dataset ${created.name} from search ${job.id}`,
  );
  const batch = await openBatch(cx, principal.id, created, {
    source: { kind: 'search', jobId: job.id, datasetId: origin.id },
    jobId: row.id,
  });
  row.arguments = JSON.stringify({
    searchJobId: job.id,
    originDatasetId: origin.id,
    datasetId: created.id,
    batchId: batch.id,
  });
  return insertPrepared(cx, row, principal);
}

/** dataset.from_search: copies the rows the search found into the new dataset's batch, resumably. */
export async function runFromSearch(cx: BatchContext, ctx: JobContext): Promise<unknown> {
  const args = ctx.arguments as {
    searchJobId: string;
    originDatasetId: string;
    datasetId: string;
    batchId: string;
  };
  const origin = await findDataset(cx.store.db, args.originDatasetId, ctx.workspaceId);
  const created = await findDataset(cx.store.db, args.datasetId, ctx.workspaceId);
  const batch = await findBatch(cx.store.db, args.batchId, ctx.workspaceId);
  const cleanup = async () => {
    if (created) await cx.store.transaction((trx) => cx.datasets.drop(trx, created));
  };
  if (!origin || !created || !batch || batch.state !== 'pending') {
    await cleanup();
    throw new NonRetryableError('The searched dataset or the new one went away.', { code: 'gone' });
  }
  const columns = parseColumns(created);
  const ids = await searchResultIds(cx.store, cx.deps.engine, args.searchJobId, ctx.workspaceId);
  const resume = batch.resume ? (JSON.parse(batch.resume) as { next: number }) : { next: 0 };
  const sink = new RowSink(
    cx.store,
    created.rows_table,
    columns.map((c) => c.id),
    batch.id,
  );
  try {
    for (let i = resume.next; i < ids.length; i += 1000) {
      await stopIfAborted(cx.store, ctx);
      const rows = await rowsByIds(
        cx.store,
        origin.rows_table,
        { kind: 'active', datasetId: origin.id },
        columns,
        ids.slice(i, i + 1000),
      );
      for (const r of rows) sink.add(columns.map((c) => (r[c.id] ?? null) as StoredValue));
      await sink.flush({ next: i + 1000 });
      ctx.progress({ done: Math.min(i + 1000, ids.length), total: ids.length, unit: 'rows' });
    }
    const moved = await setBatchStates(cx.store.db, [batch.id], ['pending'], 'active', { resume: null });
    await announceStates(cx, moved, 'pending', 'active', ctx.id);
    const fresh = await findBatch(cx.store.db, batch.id, null);
    return { datasetId: created.id, batchId: batch.id, rowCount: fresh?.row_count ?? sink.written };
  } catch (error) {
    if (ctx.signal.aborted || error instanceof NonRetryableError || ctx.attempt >= ctx.maxAttempts)
      await cleanup();
    throw toHandlerError(error);
  }
}
