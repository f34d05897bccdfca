import type { Db } from '../src/store/index.js';
import { insertBatch, insertDataset } from '../src/store/queries/datasets.js';
import type { JobRow } from '../src/store/queries/jobs.js';
import type { TaskRow } from '../src/store/queries/tasks.js';

/** Rows for the store conformance suite, written straight to the tables (no service rules). */

export const T0 = 1_700_000_000_000;
export const WORKSPACE = 'ws_conformance';
export const PROJECT = 'prj_conformance';

export async function seedProject(db: Db): Promise<void> {
  await db
    .insertInto('workspaces')
    .values({ id: WORKSPACE, name: 'conf', created_at: T0, updated_at: T0 })
    .execute();
  await db
    .insertInto('projects')
    .values({
      id: PROJECT,
      workspace_id: WORKSPACE,
      name: 'conf',
      description: null,
      task_schema: null,
      created_at: T0,
      updated_at: T0,
    })
    .execute();
}

let jobSeq = 0;
export const jobRow = (over: Partial<JobRow> = {}): JobRow => ({
  id: `job_conf_${String(++jobSeq).padStart(4, '0')}`,
  workspace_id: WORKSPACE,
  project_id: null,
  type: 'conf.test',
  title: null,
  description: null,
  arguments: '{}',
  status: 'queued',
  priority: 0,
  run_at: T0,
  attempt: 0,
  max_attempts: 3,
  backoff_base_ms: 1000,
  backoff_max_ms: 60_000,
  progress: null,
  counters: '{}',
  warnings: '[]',
  result: null,
  error: null,
  checkpoint: null,
  definition_id: null,
  unique_key: null,
  created_by: null,
  created_at: T0,
  updated_at: T0,
  started_at: null,
  finished_at: null,
  lease_owner: null,
  lease_expires_at: null,
  abort_requested: 0,
  ...over,
});

/** A dataset (its rows table is the caller's to create) and active batches of it, by id. */
export async function seedDataset(
  db: Db,
  id: string,
  table: string,
  columns: unknown,
  batchIds: readonly string[],
): Promise<void> {
  await insertDataset(db, {
    id,
    workspace_id: WORKSPACE,
    project_id: PROJECT,
    name: id,
    description: null,
    columns: JSON.stringify(columns),
    key_column: null,
    next_column: 1,
    rows_table: table,
    batch_keys: 0,
    created_by: null,
    created_at: T0,
    updated_at: T0,
  });
  for (const batchId of batchIds) {
    await insertBatch(db, {
      id: batchId,
      workspace_id: WORKSPACE,
      project_id: PROJECT,
      dataset_id: id,
      name: batchId,
      state: 'active',
      source: '{}',
      row_count: 0,
      error_count: 0,
      strategy: null,
      job_id: null,
      resume: null,
      created_by: null,
      created_at: T0,
      updated_at: T0,
    });
  }
}

let taskSeq = 0;
export const taskRow = (
  batchId: string,
  name: string,
  data: unknown,
  over: Partial<TaskRow> = {},
): TaskRow => ({
  id: `tsk_conf_${String(++taskSeq).padStart(4, '0')}`,
  workspace_id: WORKSPACE,
  project_id: PROJECT,
  batch_id: batchId,
  name,
  unique_name: name,
  resources: '[]',
  data: JSON.stringify(data),
  initial_data: JSON.stringify(data),
  score: null,
  custom: '{}',
  status: 'pending',
  created_by: null,
  created_at: T0,
  updated_at: T0,
  priority: 0,
  assignee_id: null,
  lease_member_id: null,
  lease_expires_at: null,
  prediction_model_version: null,
  prediction_score: null,
  prediction_data: null,
  ...over,
});
