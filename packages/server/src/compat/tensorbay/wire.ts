import { createHash } from 'node:crypto';
import type { Dataset } from '../../resources/datasets/schema.js';
import type { Job } from '../../resources/jobs/schema.js';

export const MERGE_TYPE = 'batch.merge';
export const SEARCH_TYPE = 'dataset.search';
/** TensorBay job type → Batchyard job type. */
export const JOB_TYPES: Record<string, string> = { squashAndMerge: MERGE_TYPE, basicSearch: SEARCH_TYPE };

const STATUS: Record<Job['status'], string> = {
  waiting: 'QUEUING',
  queued: 'QUEUING',
  running: 'PROCESSING',
  succeeded: 'SUCCESS',
  failed: 'FAILED',
  expired: 'FAILED',
  aborted: 'ABORTED',
  skipped: 'ABORTED',
};
/** TensorBay status → the native statuses shown as it, comma-separated (a job list's `status`). */
export const NATIVE_STATUS: Record<string, string> = {};
for (const [native, tb] of Object.entries(STATUS)) {
  NATIVE_STATUS[tb] = NATIVE_STATUS[tb] ? `${NATIVE_STATUS[tb]},${native}` : native;
}

/** Unix seconds (the client requires integers). */
export function unixSeconds(iso: string): number {
  return Math.floor(Date.parse(iso) / 1000);
}

/**
 * TensorBay needs a 32-hex commit id; Batchyard has no commits, so the id names the dataset's
 * state: it changes whenever the dataset is updated.
 */
export function commitId(seed: string): string {
  return createHash('md5').update(seed).digest('hex');
}

export function datasetCommitId(dataset: Pick<Dataset, 'id' | 'updatedAt'>): string {
  return commitId(`${dataset.id}:${dataset.updatedAt}`);
}

export function toTensorbayDataset(dataset: Dataset) {
  return {
    id: dataset.id,
    name: dataset.name,
    alias: '',
    type: 0,
    defaultBranch: 'main',
    commitId: datasetCommitId(dataset),
    isPublic: false,
    updateTime: unixSeconds(dataset.updatedAt),
    description: dataset.description ?? '',
  };
}

/** The datasets of one TensorBay dataset: its main and its branches, by id. */
export interface Branches {
  main: Dataset;
  /** dataset id → branch name */
  names: Map<string, string>;
}

export interface MergeArguments {
  targetDatasetId: string;
  sourceDatasetId: string;
  strategy: string;
  draftBatchId: string;
  /** draftNumber: the draft's number in the project (absent in merges from before migration 0013). */
  reopen?: { batchName: string; draftNumber?: number };
}

export interface SearchArguments {
  datasetId: string;
  conjunction: string;
  filters: unknown[];
}

/** The job body TensorBay's client loads (`title`, `jobId`, `jobType`, `arguments`, `createdAt`, `status` required). */
export function toTensorbayJob(job: Job, branches: Branches, draftNumber: number | undefined) {
  const base = {
    jobId: job.id,
    createdAt: unixSeconds(job.createdAt),
    ...(job.startedAt ? { startedAt: unixSeconds(job.startedAt) } : {}),
    ...(job.finishedAt ? { finishedAt: unixSeconds(job.finishedAt) } : {}),
    status: STATUS[job.status],
    errorMessage: job.error?.message ?? '',
    description: '',
  };
  if (job.type === MERGE_TYPE) {
    const args = job.arguments as unknown as MergeArguments;
    const source = branches.names.get(args.sourceDatasetId) ?? args.sourceDatasetId;
    const target = branches.names.get(args.targetDatasetId) ?? args.targetDatasetId;
    return {
      ...base,
      jobType: 'squashAndMerge',
      title: `${source}->${target}(${args.strategy})`,
      arguments: {
        title: args.reopen?.batchName ?? '',
        sourceBranchName: source,
        targetBranchName: target,
        strategy: args.strategy,
      },
      ...(job.status === 'succeeded' && draftNumber !== undefined ? { result: { draftNumber } } : {}),
    };
  }
  const args = job.arguments as unknown as SearchArguments;
  return {
    ...base,
    jobType: 'basicSearch',
    title: job.title ?? '',
    arguments: {
      commit: datasetCommitId(branches.main),
      conjunction: args.conjunction,
      filters: args.filters,
      unit: 'file',
    },
    ...(job.status === 'succeeded'
      ? { result: { searchResultId: job.id, searchResultCommitId: commitId(job.id) } }
      : {}),
  };
}
