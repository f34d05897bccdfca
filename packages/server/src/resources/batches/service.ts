import type { Readable } from 'node:stream';
import { idsOfNumeric } from '../../store/queries/numeric-ids.js';
import type { Principal } from '../../auth/principal.js';
import type { JobEngine, JobTypeDefinition } from '../../engine/index.js';
import { badField, notFound } from '../../errors/problem.js';
import { splitList, type ParsedList } from '../../http/list.js';
import type { Store } from '../../store/index.js';
import { findBatch, listBatches, type BatchRow } from '../../store/queries/batches.js';
import { findDataset } from '../../store/queries/datasets.js';
import type { BatchState } from '../../store/tables.js';
import { isoTime } from '../../time.js';
import { parseColumns } from '../datasets/columns.js';
import type { DatasetService } from '../datasets/service.js';
import type { Job } from '../jobs/schema.js';
import type { JobService } from '../jobs/service.js';
import type { WebhookService } from '../webhooks/service.js';
import { append } from './append.js';
import type { BatchContext } from './context.js';
import type { RowErrorPolicy } from './error-report.js';
import { ingest } from './ingest.js';
import { batchJobTypes, sweepOrphanBatches } from './jobs.js';
import { deleteOne, remove, setSuspended, STATES, type IdsAt } from './lifecycle.js';
import { close, commit, merge } from './merge.js';
import type { UploadFormat } from './records.js';
import type { AppendBatchInput, Batch, MergeInput } from './schema.js';

export function toBatch(row: BatchRow, columnCount: number): Batch {
  return {
    id: row.id,
    numericId: row.numeric_id as number,
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
    draftNumber: row.draft_number ?? null,
    jobId: row.job_id,
    createdBy: row.created_by,
    createdAt: isoTime(row.created_at),
    updatedAt: isoTime(row.updated_at),
  };
}

/**
 * The requests on batches. Reads are answered here; each change is checked in the file of its
 * concern (ingest, append, lifecycle, merge) and done by a job whose handler lives beside it.
 */
export class BatchService {
  private readonly cx: BatchContext;

  constructor(
    private readonly store: Store,
    private readonly datasets: DatasetService,
    deps: {
      readonly jobs: JobService;
      readonly engine: JobEngine;
      readonly webhooks: WebhookService;
    },
    private readonly leaseMs: number,
  ) {
    this.cx = { store, datasets, deps };
  }

  /** The ids of the principal's workspace's batches by numeric id; numbers not found are left out. */
  idsByNumericId(principal: Principal, numericIds: readonly number[]): Promise<Map<number, string>> {
    return idsOfNumeric(this.store.db, 'batches', principal.workspaceId, numericIds);
  }

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
    const states = splitList(query.states);
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
        ids: splitList(query.ids),
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

  /**
   * Streams rows from the request into a new pending batch, as job `batch.ingest` run by this
   * request (see ingest.ts).
   */
  ingest(
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
    return ingest(this.cx, this.leaseMs, principal, datasetId, options, input);
  }

  append(principal: Principal, targetId: string, input: AppendBatchInput): Promise<Job> {
    return append(this.cx, principal, targetId, input);
  }

  setSuspended(
    principal: Principal,
    datasetId: string,
    ids: readonly string[],
    suspend: boolean,
  ): Promise<Job> {
    return setSuspended(this.cx, principal, datasetId, ids, suspend);
  }

  remove(principal: Principal, datasetId: string, ids: readonly string[], at: IdsAt): Promise<Job> {
    return remove(this.cx, principal, datasetId, ids, at);
  }

  deleteOne(principal: Principal, batchId: string): Promise<Job> {
    return deleteOne(this.cx, principal, batchId);
  }

  merge(principal: Principal, targetId: string, input: MergeInput): Promise<Job> {
    return merge(this.cx, principal, targetId, input);
  }

  commit(principal: Principal, batchId: string): Promise<Job> {
    return commit(this.cx, principal, batchId);
  }

  close(principal: Principal, batchId: string): Promise<Job> {
    return close(this.cx, principal, batchId);
  }

  /** Removes batches left behind by jobs that ended without cleaning up (see jobs.ts). */
  sweep(): Promise<number> {
    return sweepOrphanBatches(this.cx);
  }

  jobTypes(): JobTypeDefinition[] {
    return batchJobTypes(this.cx);
  }
}
