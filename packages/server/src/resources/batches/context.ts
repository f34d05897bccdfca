import type { Principal } from '../../auth/principal.js';
import type { JobEngine } from '../../engine/index.js';
import { newId } from '../../ids.js';
import type { Store } from '../../store/index.js';
import { batchesByIds, insertBatch, type BatchRow } from '../../store/queries/batches.js';
import type { DatasetRow } from '../../store/queries/datasets.js';
import { insertJobs, type JobRow } from '../../store/queries/jobs.js';
import type { BatchState } from '../../store/tables.js';
import { recordAudit } from '../audit/service.js';
import type { DatasetService } from '../datasets/service.js';
import type { Job } from '../jobs/schema.js';
import { jobCreated, toJob, type JobService } from '../jobs/service.js';
import type { WebhookService } from '../webhooks/service.js';

/** Built-in job types of batches. Their arguments are set by this resource, never by callers. */
export const BATCH_JOB_TYPES = {
  ingest: 'batch.ingest',
  append: 'batch.append',
  state: 'batch.state',
  delete: 'batch.delete',
  merge: 'batch.merge',
  commit: 'batch.commit',
  close: 'batch.close',
} as const;

/** Rows a data job reads per step when it scans a batch or dataset. */
export const SCAN_STEP = 5_000;

/**
 * What every change to batches works with, on the request side and in its job alike. `deps` is
 * read when used, not when built: the engine is made after the services whose job types it runs.
 */
export interface BatchContext {
  readonly store: Store;
  readonly datasets: DatasetService;
  readonly deps: {
    readonly jobs: JobService;
    readonly engine: JobEngine;
    readonly webhooks: WebhookService;
  };
}

/** Opens a batch in `dataset` (pending unless told otherwise) and returns it as stored. */
export async function openBatch(
  cx: BatchContext,
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
    /** A merge's draft: its number in the project (store/queries/projects takeDraftNumber). */
    draftNumber?: number | null;
  },
): Promise<BatchRow> {
  const now = Date.now();
  const id = values.id ?? newId('bat');
  return insertBatch(cx.store.db, {
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
    draft_number: values.draftNumber ?? null,
    job_id: values.jobId,
    resume: null,
    created_by: createdBy,
    created_at: now,
    updated_at: now,
  });
}

/** A built-in job row for `principal`, ready to insert (the caller checks everything before). */
export async function prepareJob(
  cx: BatchContext,
  principal: Principal,
  dataset: DatasetRow,
  type: string,
  args: object,
  title: string,
): Promise<JobRow> {
  return cx.deps.jobs.prepare(principal, {
    type,
    workspaceId: dataset.workspace_id,
    projectId: dataset.project_id,
    arguments: args as Record<string, unknown>,
    title,
    maxAttempts: 5,
  });
}

/** Creates a built-in job at once, for changes that touch nothing before their job runs. */
export async function enqueueJob(
  cx: BatchContext,
  principal: Principal,
  dataset: DatasetRow,
  type: string,
  args: object,
  title: string,
): Promise<Job> {
  const { job } = await cx.deps.jobs.create(principal, {
    type,
    workspaceId: dataset.workspace_id,
    projectId: dataset.project_id,
    arguments: args as Record<string, unknown>,
    title,
    maxAttempts: 5,
  });
  return job;
}

/** Inserts a job prepared by `prepareJob`, with its audit entry in the same transaction. */
export async function insertPrepared(cx: BatchContext, row: JobRow, principal: Principal): Promise<Job> {
  await cx.store.transaction(async (trx) => {
    await insertJobs(cx.store, trx, [row]);
    await recordAudit(trx, principal, jobCreated(row));
  });
  cx.deps.jobs.announce(row);
  return toJob(row);
}

/** Tells webhooks that batches (ids, or rows already read) moved from one state to another. */
export async function announceStates(
  cx: BatchContext,
  batches: readonly string[] | readonly Pick<BatchRow, 'id' | 'project_id' | 'dataset_id'>[],
  from: BatchState,
  to: BatchState | 'deleted',
  jobId: string | null,
): Promise<void> {
  if (batches.length === 0) return;
  const rows =
    typeof batches[0] === 'string'
      ? await batchesByIds(cx.store.db, batches as string[])
      : (batches as BatchRow[]);
  const at = Date.now();
  await cx.deps.webhooks.emitSafely(
    'batch.state_changed',
    rows.map((b) => ({
      projectId: b.project_id,
      key: `batch:${b.id}:${to}:${at}`,
      data: { batchId: b.id, datasetId: b.dataset_id, from, to, jobId },
    })),
  );
}
