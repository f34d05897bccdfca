import { sql } from 'kysely';
import type { Db, Store } from '../index.js';
import { fetchKeysetPage, type SortColumn } from '../pagination.js';
import { dropRowsTable } from '../rows/index.js';
import type { BatchesTable, BatchState, DatasetsTable } from '../tables.js';
import { readAssignedNumericIds } from './numeric-ids.js';
import { inList } from './in-list.js';

export type DatasetRow = DatasetsTable;
export type BatchRow = BatchesTable;
/** A dataset with the figures computed from its batches. */
export type DatasetWithCounts = DatasetRow & { row_count: number; batch_count: number };

const rowCount = sql<number>`coalesce((select sum(b.row_count) from batches b where b.dataset_id = datasets.id and b.state = 'active'), 0)`;
const batchCount = sql<number>`(select count(*) from batches b where b.dataset_id = datasets.id and b.state <> 'deleting')`;

export async function insertDataset(db: Db, row: DatasetRow): Promise<void> {
  await db.insertInto('datasets').values(row).execute();
  await readAssignedNumericIds(db, 'datasets', [row]);
}

function withCounts(db: Db) {
  return db
    .selectFrom('datasets')
    .selectAll('datasets')
    .select([rowCount.as('row_count'), batchCount.as('batch_count')]);
}

function numbers(row: DatasetWithCounts): DatasetWithCounts {
  return { ...row, row_count: Number(row.row_count), batch_count: Number(row.batch_count) };
}

/** `workspaceId` null: any workspace (instance credentials). */
export async function findDataset(
  db: Db,
  id: string,
  workspaceId: string | null,
): Promise<DatasetWithCounts | undefined> {
  let query = withCounts(db).where('datasets.id', '=', id);
  if (workspaceId !== null) query = query.where('datasets.workspace_id', '=', workspaceId);
  const row = await query.executeTakeFirst();
  return row && numbers(row);
}

/**
 * Reads the dataset row in transaction `db`, locked where the backend locks rows so column changes
 * and batch creation do not interleave (SQLite's one writer already keeps them apart).
 */
export async function lockDataset(store: Store, db: Db, id: string): Promise<DatasetRow | undefined> {
  let query = db.selectFrom('datasets').selectAll().where('id', '=', id);
  if (store.dialect.locksRows) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function listDatasets(
  db: Db,
  filter: { workspaceId: string | null; projectId?: string | undefined },
  sort: SortColumn[],
  after: readonly unknown[] | null,
  limit: number,
) {
  let query = withCounts(db);
  if (filter.workspaceId !== null) query = query.where('datasets.workspace_id', '=', filter.workspaceId);
  if (filter.projectId !== undefined) query = query.where('datasets.project_id', '=', filter.projectId);
  const page = await fetchKeysetPage<DatasetWithCounts>(query, sort, after, limit);
  return { ...page, rows: page.rows.map(numbers) };
}

export async function updateDataset(
  db: Db,
  id: string,
  changes: Partial<Pick<DatasetRow, 'name' | 'description' | 'columns' | 'key_column' | 'next_column'>> & {
    updated_at: number;
  },
): Promise<void> {
  await db.updateTable('datasets').set(changes).where('id', '=', id).execute();
}

export async function deleteDatasetRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('datasets').where('id', '=', id).execute();
}

/** Inserts a batch with the next row key of its dataset; returns the row as stored. */
export async function insertBatch(db: Db, values: Omit<BatchRow, 'row_key'>): Promise<BatchRow> {
  const { batch_keys } = await db
    .updateTable('datasets')
    .set((eb) => ({ batch_keys: eb('batch_keys', '+', 1) }))
    .where('id', '=', values.dataset_id)
    .returning('batch_keys')
    .executeTakeFirstOrThrow();
  const row = { ...values, row_key: Number(batch_keys) };
  await db.insertInto('batches').values(row).execute();
  await readAssignedNumericIds(db, 'batches', [row]);
  return row;
}

export async function findBatch(
  db: Db,
  id: string,
  workspaceId: string | null,
): Promise<BatchRow | undefined> {
  let query = db.selectFrom('batches').selectAll().where('id', '=', id);
  if (workspaceId !== null) query = query.where('workspace_id', '=', workspaceId);
  const row = await query.executeTakeFirst();
  return row && batchNumbers(row);
}

/** A batch with its project's task schema and when the project last changed (the schema's version). */
export type BatchWithTaskSchema = BatchRow & { task_schema: string | null; project_updated_at: number };

/**
 * {@link findBatch} with what creating tasks in it needs of its project, joined in one statement
 * (reading the project apart was one more round trip per task create on PostgreSQL).
 */
export async function findBatchWithTaskSchema(
  db: Db,
  id: string,
  workspaceId: string | null,
): Promise<BatchWithTaskSchema | undefined> {
  let query = db
    .selectFrom('batches')
    .innerJoin('projects', 'projects.id', 'batches.project_id')
    .selectAll('batches')
    .select(['projects.task_schema as task_schema', 'projects.updated_at as project_updated_at'])
    .where('batches.id', '=', id);
  if (workspaceId !== null) query = query.where('batches.workspace_id', '=', workspaceId);
  const row = await query.executeTakeFirst();
  return (
    row && {
      ...batchNumbers(row),
      task_schema: row.task_schema,
      project_updated_at: Number(row.project_updated_at),
    }
  );
}

function batchNumbers(row: BatchRow): BatchRow {
  return { ...row, row_count: Number(row.row_count), error_count: Number(row.error_count) };
}

export async function findBatchesOfDataset(
  db: Db,
  datasetId: string,
  ids: readonly string[],
): Promise<BatchRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('batches')
    .selectAll()
    .where('dataset_id', '=', datasetId)
    .where('id', 'in', [...ids])
    .execute();
  return rows.map(batchNumbers);
}

export async function batchesByIds(db: Db, ids: readonly string[]): Promise<BatchRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('batches')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
  return rows.map(batchNumbers);
}

export async function batchesInStates(
  db: Db,
  datasetId: string,
  states: readonly BatchState[],
): Promise<BatchRow[]> {
  const rows = await db
    .selectFrom('batches')
    .selectAll()
    .where('dataset_id', '=', datasetId)
    .where('state', 'in', [...states])
    .orderBy('id')
    .execute();
  return rows.map(batchNumbers);
}

export interface BatchFilter {
  workspaceId: string | null;
  datasetId: string;
  ids?: readonly string[] | undefined;
  states?: readonly BatchState[] | undefined;
  minRowCount?: number | undefined;
  maxRowCount?: number | undefined;
  createdAfter?: number | undefined;
  createdBefore?: number | undefined;
}

export async function listBatches(
  db: Db,
  filter: BatchFilter,
  sort: SortColumn[],
  after: readonly unknown[] | null,
  limit: number,
) {
  let query = db.selectFrom('batches').selectAll().where('dataset_id', '=', filter.datasetId);
  if (filter.workspaceId !== null) query = query.where('workspace_id', '=', filter.workspaceId);
  if (filter.ids) query = query.where('id', 'in', inList(filter.ids));
  if (filter.states) query = query.where('state', 'in', inList(filter.states));
  if (filter.minRowCount !== undefined) query = query.where('row_count', '>=', filter.minRowCount);
  if (filter.maxRowCount !== undefined) query = query.where('row_count', '<=', filter.maxRowCount);
  if (filter.createdAfter !== undefined) query = query.where('created_at', '>=', filter.createdAfter);
  if (filter.createdBefore !== undefined) query = query.where('created_at', '<', filter.createdBefore);
  const page = await fetchKeysetPage<BatchRow>(query, sort, after, limit);
  return { ...page, rows: page.rows.map(batchNumbers) };
}

/**
 * Moves batches from one state to another, only those still in `from` (compare-and-set: two
 * concurrent requests cannot both flip the same batch). Returns the ids that moved.
 */
export async function setBatchStates(
  db: Db,
  ids: readonly string[],
  from: readonly BatchState[],
  to: BatchState,
  changes: Partial<Pick<BatchRow, 'job_id' | 'resume'>> = {},
): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .updateTable('batches')
    .set({ state: to, updated_at: Date.now(), ...changes })
    .where('id', 'in', [...ids])
    .where('state', 'in', [...from])
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function addBatchRowCounts(db: Db, lost: ReadonlyMap<string, number>): Promise<void> {
  for (const [id, n] of lost) {
    await db
      .updateTable('batches')
      .set((eb) => ({ row_count: eb('row_count', '-', n), updated_at: Date.now() }))
      .where('id', '=', id)
      .execute();
  }
}

export async function deleteBatchRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('batches').where('id', '=', id).execute();
}

/** Batches whose rows are being written or removed: a dataset delete waits for them. */
export async function datasetHasBatches(db: Db, datasetId: string): Promise<boolean> {
  const found = await db
    .selectFrom('batches')
    .select('id')
    .where('dataset_id', '=', datasetId)
    .limit(1)
    .executeTakeFirst();
  return found !== undefined;
}

/**
 * Drops the rows tables of every dataset of a project or workspace, for deletes that cascade:
 * the dataset rows go with their project by foreign key, their own tables must go by hand.
 */
export async function dropRowsTablesOf(
  db: Db,
  owner: { projectId: string } | { workspaceId: string },
): Promise<void> {
  let query = db.selectFrom('datasets').select('rows_table');
  query =
    'projectId' in owner
      ? query.where('project_id', '=', owner.projectId)
      : query.where('workspace_id', '=', owner.workspaceId);
  for (const { rows_table } of await query.execute()) await dropRowsTable(db, rows_table);
}
