import type { ExpressionBuilder } from 'kysely';
import type { Db, Store } from '../../index.js';
import { fetchKeysetPage, type SortColumn } from '../../pagination.js';
import type { Database, TaskEventsTable, TasksTable } from '../../tables.js';
import { patternBound, taskWhere, type TaskFilter } from './filter.js';

/** Tasks read: keyset pages, single tasks, their events, ids a filter selects. */

export type TaskRow = TasksTable;
export type TaskEventRow = Omit<TaskEventsTable, 'id'> & { id: number };

/** Every task column but the heavy ones (data, initial data), which lists return only when asked. */
export const LIGHT_COLUMNS = [
  'id',
  'workspace_id',
  'project_id',
  'batch_id',
  'name',
  'unique_name',
  'resources',
  'score',
  'custom',
  'status',
  'created_by',
  'created_at',
  'updated_at',
  'priority',
  'assignee_id',
  'lease_member_id',
  'lease_expires_at',
  'prediction_model_version',
  'prediction_score',
] as const;

/** Every task column, in the order bulk inserts write them. */
export const TASK_COLUMNS = [
  ...LIGHT_COLUMNS,
  'data',
  'initial_data',
  'prediction_data',
] as const satisfies readonly (keyof TaskRow)[];

/** Review columns (migration 0021): read with every task, written only by the review workflow. */
export const REVIEW_COLUMNS = [
  'review_stage',
  'review_submitter',
  'last_rejection',
  // Consensus (migration 0022), read with every task too.
  'annotation_count',
  'agreement_score',
  'chosen_annotation_id',
  'chosen_by',
] as const;

export type LightTaskRow = Pick<TaskRow, (typeof LIGHT_COLUMNS)[number]> &
  Partial<Pick<TaskRow, 'data' | 'initial_data' | 'prediction_data' | (typeof REVIEW_COLUMNS)[number]>> & {
    /** The known answer (JSON text) of a gold task, when read with the task; null: not gold. */
    gold_data?: string | null;
  };

/**
 * The known answer of the task as a column of the same statement (a scalar subquery on the gold
 * table's primary key): reading it apart cost a second round trip per task read or list page.
 */
function goldColumn(eb: ExpressionBuilder<Database, 'tasks'>) {
  return eb
    .selectFrom('gold_tasks')
    .select('gold_tasks.data')
    .whereRef('gold_tasks.task_id', '=', 'tasks.id')
    .as('gold_data');
}

/** `gold_data` as JSON text whichever way the backend returns its JSON column (text or parsed). */
function goldAsText<Row extends { gold_data?: unknown }>(row: Row): Row & { gold_data?: string | null } {
  if (row.gold_data === undefined || row.gold_data === null || typeof row.gold_data === 'string')
    return row as Row & { gold_data?: string | null };
  return { ...row, gold_data: JSON.stringify(row.gold_data) };
}

/**
 * A page of tasks. On PostgreSQL list and export pages run with enable_sort off: without fresh
 * statistics (right after a large import, or with autovacuum off) the planner may fetch and sort
 * every match for each page; an index read in the page's order stops after the page. Sorts that no
 * index serves still run.
 */
export async function listTasks(
  store: Store,
  filter: TaskFilter,
  withData: boolean,
  sort: SortColumn[],
  after: readonly unknown[] | null,
  limit: number,
  withGold = false,
) {
  const columns = withData
    ? [
        ...LIGHT_COLUMNS,
        ...REVIEW_COLUMNS,
        'data' as const,
        'initial_data' as const,
        'prediction_data' as const,
      ]
    : [...LIGHT_COLUMNS, ...REVIEW_COLUMNS];
  const page = await patternBound(store, filter, store.pagesDb, (db) => {
    const query = db.selectFrom('tasks').select(columns).where(taskWhere(store, filter));
    return fetchKeysetPage<LightTaskRow>(withGold ? query.select(goldColumn) : query, sort, after, limit);
  });
  return withGold ? { ...page, rows: page.rows.map(goldAsText) } : page;
}

export async function findTask(db: Db, id: string, workspaceId: string | null): Promise<TaskRow | undefined> {
  let query = db.selectFrom('tasks').selectAll().where('id', '=', id);
  if (workspaceId !== null) query = query.where('workspace_id', '=', workspaceId);
  return query.executeTakeFirst();
}

/** {@link findTask} with its known answer (`gold_data`, null when it is not gold) in the same statement. */
export async function findTaskWithGold(
  db: Db,
  id: string,
  workspaceId: string | null,
): Promise<(TaskRow & { gold_data: string | null }) | undefined> {
  let query = db.selectFrom('tasks').selectAll('tasks').select(goldColumn).where('tasks.id', '=', id);
  if (workspaceId !== null) query = query.where('tasks.workspace_id', '=', workspaceId);
  const row = await query.executeTakeFirst();
  return row && { ...goldAsText(row), gold_data: goldAsText(row).gold_data ?? null };
}

export async function taskEvents(db: Db, taskIds: readonly string[]): Promise<TaskEventRow[]> {
  if (taskIds.length === 0) return [];
  const rows = await db
    .selectFrom('task_events')
    .selectAll()
    .where('task_id', 'in', [...taskIds])
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/**
 * Names among `names` that a batch has on tasks created with the uniqueness check off (a partial
 * index holds them). Checked names need no lookup: the unique index refuses them in `insertTasks`.
 */
export async function uncheckedNames(
  db: Db,
  batchId: string,
  names: readonly string[],
): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < names.length; i += 500) {
    const rows = await db
      .selectFrom('tasks')
      .select('name')
      .where('batch_id', '=', batchId)
      .where('unique_name', 'is', null)
      .where('name', 'in', names.slice(i, i + 500))
      .execute();
    for (const r of rows) found.add(r.name);
  }
  return found;
}

/** Ids (with status and batch) of the tasks a filter selects, a page at a time in id order. */
export async function taskIdsPage(store: Store, filter: TaskFilter, afterId: string, limit: number) {
  return patternBound(store, filter, store.db, (db) =>
    db
      .selectFrom('tasks')
      .select(['id', 'status', 'batch_id', 'custom', 'initial_data'])
      .where(taskWhere(store, filter))
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute(),
  );
}

export async function tasksByIds(db: Db, ids: readonly string[], workspaceId: string | null) {
  if (ids.length === 0) return [];
  let query = db
    .selectFrom('tasks')
    .select([
      'id',
      'workspace_id',
      'status',
      'batch_id',
      'project_id',
      'custom',
      'initial_data',
      'review_stage',
    ])
    .where('id', 'in', [...ids]);
  if (workspaceId !== null) query = query.where('workspace_id', '=', workspaceId);
  return query.execute();
}

/** States of the batches named, for the workability check. */
export async function batchStates(db: Db, batchIds: readonly string[]): Promise<Map<string, string>> {
  if (batchIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('batches')
    .select(['id', 'state'])
    .where('id', 'in', [...batchIds])
    .execute();
  return new Map(rows.map((r) => [r.id, r.state]));
}

/** How many tasks a filter selects (page-based lists, isahit's `totalDocs`, need the true total). */
export async function countTasks(store: Store, filter: TaskFilter): Promise<number> {
  return patternBound(store, filter, store.pagesDb, async (db) => {
    const row = await db
      .selectFrom('tasks')
      .select((eb) => eb.fn.countAll().as('n'))
      .where(taskWhere(store, filter))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  });
}

/** The names among `names` that tasks of a batch already have (checked or not), 500 at a time. */
export async function namesInBatch(db: Db, batchId: string, names: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  const unique = [...new Set(names)];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db
      .selectFrom('tasks')
      .select('name')
      .where('batch_id', '=', batchId)
      .where('name', 'in', unique.slice(i, i + 500))
      .execute();
    for (const r of rows) found.add(r.name);
  }
  return found;
}
