import type BetterSqlite3 from 'better-sqlite3';
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { FilterOperator } from '../../filters.js';
import type { Db, Store } from '../index.js';
import { FilterTooExpensiveError, InvalidNamePatternError } from '../name-pattern.js';
import { fetchKeysetPage, type SortColumn } from '../pagination.js';
import type { Database, TaskEventsTable, TasksTable, TaskStatus } from '../tables.js';
import { insertAuditEntries, type AuditRow } from './audit.js';

export type TaskRow = TasksTable;
export type TaskEventRow = Omit<TaskEventsTable, 'id'> & { id: number };

export type FieldOperator = FilterOperator;
export type FieldValue = string | number | boolean | null;

/** One comparison on a task field: a path into `data` or `custom`, the score, or a timestamp. */
export interface FieldCondition {
  target: 'data' | 'custom' | 'score' | 'created_at' | 'updated_at';
  /** Path segments into the JSON object (data and custom only). */
  path: string[];
  operator: FieldOperator;
  value: FieldValue | FieldValue[];
}

export interface TaskFilter {
  projectId: string;
  /** null: instance credentials, any workspace. */
  workspaceId: string | null;
  batchIds?: readonly string[] | undefined;
  statuses?: readonly TaskStatus[] | undefined;
  ids?: readonly string[] | undefined;
  names?: readonly string[] | undefined;
  nameRegex?: string | undefined;
  conditions: readonly FieldCondition[];
}

const SEGMENT = /^[A-Za-z0-9_-]+$/;

type TasksEb = ExpressionBuilder<Database, 'tasks'>;

/** The SQL of a JSON path into a JSON column: `json_extract` on SQLite, `#>` (jsonb) on PostgreSQL. */
function jsonAt(store: Store, column: 'data' | 'custom', path: readonly string[], asText: boolean) {
  for (const segment of path) if (!SEGMENT.test(segment)) throw new Error(`unsafe path segment ${segment}`);
  if (store.dialectName === 'postgres') {
    const pgPath = `{${path.join(',')}}`;
    return asText ? sql`(${sql.ref(column)} #>> ${pgPath})` : sql`(${sql.ref(column)} #> ${pgPath})`;
  }
  return sql`json_extract(${sql.ref(column)}, ${`$.${path.map((p) => `"${p}"`).join('.')}`})`;
}

function bindValue(store: Store, condition: FieldCondition, value: FieldValue) {
  const json = condition.target === 'data' || condition.target === 'custom';
  if (json && store.dialectName === 'postgres') return sql`cast(${JSON.stringify(value)} as jsonb)`;
  if (typeof value === 'boolean' && store.dialectName === 'sqlite') return sql`${value ? 1 : 0}`;
  return sql`${value}`;
}

function conditionSql(store: Store, c: FieldCondition) {
  const json = c.target === 'data' || c.target === 'custom';
  const left =
    c.target === 'data' || c.target === 'custom'
      ? jsonAt(store, c.target, c.path, c.operator === 'like')
      : sql.ref(c.target);
  if (c.operator === 'in') {
    const values = (Array.isArray(c.value) ? c.value : [c.value]).filter((v) => v !== null);
    if (values.length === 0) return sql<SqlBool>`1 = 0`;
    return sql<SqlBool>`${left} in (${sql.join(values.map((v) => bindValue(store, c, v)))})`;
  }
  const value = Array.isArray(c.value) ? (c.value[0] ?? null) : c.value;
  if (value === null) {
    if (c.operator === '=') return sql<SqlBool>`${left} is null`;
    if (c.operator === '!=') return sql<SqlBool>`${left} is not null`;
    return sql<SqlBool>`1 = 0`;
  }
  if (c.operator === 'like') {
    return store.dialectName === 'postgres'
      ? sql<SqlBool>`${left} ilike ${String(value)}`
      : sql<SqlBool>`${left} like ${String(value)}`;
  }
  if (json && store.dialectName === 'postgres' && c.operator !== '=' && c.operator !== '!=') {
    // jsonb orders values of different types by type: a number never compares below a string.
    // Compare only values of the same JSON type, as SQL would.
    const type = typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'string';
    return sql<SqlBool>`(jsonb_typeof(${left}) = ${type} and ${left} ${sql.raw(c.operator)} ${bindValue(store, c, value)})`;
  }
  if (c.operator === '!=') {
    return sql<SqlBool>`(${left} <> ${bindValue(store, c, value)} or ${left} is null)`;
  }
  return sql<SqlBool>`${left} ${sql.raw(c.operator)} ${bindValue(store, c, value)}`;
}

/** The WHERE of a task filter, shared by lists, bulk operations and exports. */
export function taskWhere(store: Store, filter: TaskFilter) {
  return (eb: TasksEb): Expression<SqlBool> => {
    const parts: Expression<SqlBool>[] = [eb('tasks.project_id', '=', filter.projectId)];
    if (filter.workspaceId !== null) parts.push(eb('tasks.workspace_id', '=', filter.workspaceId));
    if (filter.batchIds) parts.push(eb('tasks.batch_id', 'in', [...filter.batchIds, '']));
    if (filter.statuses) parts.push(eb('tasks.status', 'in', [...filter.statuses]));
    if (filter.ids) parts.push(eb('tasks.id', 'in', [...filter.ids, '']));
    if (filter.names) parts.push(eb('tasks.name', 'in', [...filter.names, '']));
    if (filter.nameRegex !== undefined) {
      parts.push(
        store.dialectName === 'postgres'
          ? sql<SqlBool>`tasks.name ~ ${filter.nameRegex}`
          : sql<SqlBool>`regexp(${filter.nameRegex}, tasks.name)`,
      );
    }
    // Tasks of a batch being deleted are gone for every reader already.
    parts.push(
      sql<SqlBool>`tasks.batch_id not in (select id from batches where state = 'deleting' and project_id = ${filter.projectId})`,
    );
    for (const c of filter.conditions) parts.push(conditionSql(store, c));
    return eb.and(parts);
  };
}

/** Every task column but the heavy ones (data, initial data), which lists return only when asked. */
const LIGHT_COLUMNS = [
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
] as const;

export type LightTaskRow = Pick<TaskRow, (typeof LIGHT_COLUMNS)[number]> &
  Partial<Pick<TaskRow, 'data' | 'initial_data'>>;

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
) {
  const columns = withData ? [...LIGHT_COLUMNS, 'data' as const, 'initial_data' as const] : LIGHT_COLUMNS;
  return patternBound(store, filter, store.pagesDb, (db) =>
    fetchKeysetPage<LightTaskRow>(
      db.selectFrom('tasks').select(columns).where(taskWhere(store, filter)),
      sort,
      after,
      limit,
    ),
  );
}

/**
 * Runs `read` (one statement), bounded in time when the filter has a name pattern: on PostgreSQL
 * with a statement timeout in a transaction of its own (two round trips more, only for patterns);
 * SQLite's regexp function keeps its own budget. A pattern's failure comes out as
 * FilterTooExpensiveError or InvalidNamePatternError.
 */
async function patternBound<T>(
  store: Store,
  filter: TaskFilter,
  db: Kysely<Database>,
  read: (db: Db) => Promise<T>,
): Promise<T> {
  if (filter.nameRegex === undefined) return read(db);
  const limit = store.dialect.limitPatternStatement;
  try {
    if (!limit) return await read(db);
    return await db.transaction().execute(async (trx) => {
      await limit.execute(trx);
      return read(trx);
    });
  } catch (error) {
    const failure = store.dialect.patternFailure(error);
    if (failure === 'too_expensive' && !(error instanceof FilterTooExpensiveError)) {
      throw new FilterTooExpensiveError(
        `The name pattern ran for more than ${store.dialect.patternBudgetMs} ms; narrow the filter (batchIds, statuses, a simpler pattern).`,
      );
    }
    if (failure === 'invalid') throw new InvalidNamePatternError((error as Error).message);
    throw error;
  }
}

export async function findTask(db: Db, id: string, workspaceId: string | null): Promise<TaskRow | undefined> {
  let query = db.selectFrom('tasks').selectAll().where('id', '=', id);
  if (workspaceId !== null) query = query.where('workspace_id', '=', workspaceId);
  return query.executeTakeFirst();
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

const TASK_COLUMNS = [...LIGHT_COLUMNS, 'data', 'initial_data'] as const satisfies readonly (keyof TaskRow)[];

const INSERT_TASK_SQL = `insert into tasks (${TASK_COLUMNS.join(', ')}) values (${TASK_COLUMNS.map(() => '?').join(', ')}) on conflict (batch_id, unique_name) do nothing`;
const insertStatements = new WeakMap<object, BetterSqlite3.Statement<unknown[]>>();

/**
 * Inserts tasks, skipping those whose checked name the batch already holds (another request may
 * have won the race since the names were looked up). Returns the ids actually inserted. Call it in
 * a transaction (`db`). On SQLite one prepared statement runs per task (Kysely would compile and
 * prepare each multi-row insert again); on PostgreSQL one statement per 5,000 rows returns what went in.
 */
/**
 * Inserts the rows atomically: in one transaction, or on PostgreSQL as its one statement when they
 * fit in one (a BEGIN and a COMMIT are two round trips more than the insert).
 */
export function insertTasksAtomically(
  store: Store,
  rows: readonly TaskRow[],
  audit: AuditRow | null = null,
): Promise<Set<string>> {
  if (store.dialectName === 'postgres' && rows.length <= PG_INSERT_ROWS)
    return insertTasks(store, store.db, rows, audit);
  return store.transaction(async (trx) => {
    const inserted = await insertTasks(store, trx, rows);
    if (audit && inserted.size > 0) await insertAuditEntries(trx, [withCreated(audit, inserted.size)]);
    return inserted;
  });
}

/** The audit entry of a create, with how many tasks it created in its summary. */
function withCreated(audit: AuditRow, created: number): AuditRow {
  return { ...audit, summary: JSON.stringify({ ...(JSON.parse(audit.summary) as object), created }) };
}

/**
 * `audit` (PostgreSQL, one chunk): the audit entry is written by the same statement as the tasks,
 * with the count it inserted (nothing when it inserted none).
 */
async function insertTasks(
  store: Store,
  db: Db,
  rows: readonly TaskRow[],
  audit: AuditRow | null = null,
): Promise<Set<string>> {
  const inserted = new Set<string>();
  const driver = store.dialect.driver;
  if (driver.kind === 'sqlite') {
    // The caller's transaction holds the one connection: these statements run inside it.
    const raw = driver.database();
    if (!raw) throw new Error('SQLite connection is not open');
    let insert = insertStatements.get(raw);
    if (!insert) insertStatements.set(raw, (insert = raw.prepare(INSERT_TASK_SQL)));
    const params: unknown[] = new Array<unknown>(TASK_COLUMNS.length);
    for (const row of rows) {
      for (let i = 0; i < TASK_COLUMNS.length; i++) params[i] = row[TASK_COLUMNS[i]!];
      if (insert.run(params).changes > 0) inserted.add(row.id);
    }
    return inserted;
  }
  // PostgreSQL: the rows as one JSON array (JSON columns spliced in as they are), one statement.
  const columns = sql.join(TASK_COLUMNS.map((c) => sql.ref(c)));
  for (let i = 0; i < rows.length; i += PG_INSERT_ROWS) {
    let json = '';
    for (const row of rows.slice(i, i + PG_INSERT_ROWS)) json += `${json ? ',' : '['}${pgRowJson(row)}`;
    const insert = sql`insert into tasks (${columns})
      select ${columns} from json_populate_recordset(null::tasks, ${`${json}]`}::json)
      on conflict (batch_id, unique_name) do nothing returning id`;
    const a = audit;
    const result = await (
      a
        ? sql<Pick<TaskRow, 'id'>>`with ins as (${insert}), aud as (
            insert into audit_log (id, workspace_id, actor_kind, actor_id, actor_name, action, resource_type,
              resource_id, request_id, summary, created_at)
            select ${a.id}, ${a.workspace_id}, ${a.actor_kind}, ${a.actor_id}, ${a.actor_name}, ${a.action},
              ${a.resource_type}, ${a.resource_id}, ${a.request_id},
              ${a.summary}::jsonb || jsonb_build_object('created', count(*)), ${a.created_at}
            from ins having count(*) > 0)
          select id from ins`
        : sql<Pick<TaskRow, 'id'>>`${insert}`
    ).execute(db);
    for (const r of result.rows) inserted.add(r.id);
  }
  return inserted;
}

const PG_INSERT_ROWS = 5000;
const str = (text: string | null) => (text === null ? 'null' : JSON.stringify(text));

/** A task row as a JSON object for json_populate_recordset (data, resources, custom are JSON text). */
function pgRowJson(r: TaskRow): string {
  const score = r.score === null ? 'null' : JSON.stringify(r.score);
  return `{"id":${str(r.id)},"workspace_id":${str(r.workspace_id)},"project_id":${str(r.project_id)},"batch_id":${str(r.batch_id)},"name":${str(r.name)},"unique_name":${str(r.unique_name)},"resources":${r.resources},"score":${score},"custom":${r.custom},"status":${str(r.status)},"created_by":${str(r.created_by)},"created_at":${r.created_at},"updated_at":${r.updated_at},"data":${r.data},"initial_data":${r.initial_data}}`;
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
    .select(['id', 'workspace_id', 'status', 'batch_id', 'project_id', 'custom', 'initial_data'])
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

/** Moves a task from `from` to `to` (compare-and-set on the status) and logs it. */
export async function moveTask(
  db: Db,
  change: {
    id: string;
    from: TaskStatus;
    to: TaskStatus;
    action: string;
    actor: string | null;
    reason: string | null;
    resetData?: string | undefined;
    at: number;
  },
): Promise<boolean> {
  const set: Partial<TaskRow> = { status: change.to, updated_at: change.at };
  if (change.resetData !== undefined) set.data = change.resetData;
  const result = await db
    .updateTable('tasks')
    .set(set)
    .where('id', '=', change.id)
    .where('status', '=', change.from)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) return false;
  await db
    .insertInto('task_events')
    .values({
      task_id: change.id,
      from_status: change.from,
      to_status: change.to,
      action: change.action,
      actor: change.actor,
      reason: change.reason,
      at: change.at,
    })
    .execute();
  return true;
}

export async function setTaskProperties(
  db: Db,
  id: string,
  changes: { score?: number | null; custom?: string },
  at: number,
): Promise<void> {
  await db
    .updateTable('tasks')
    .set({ ...changes, updated_at: at })
    .where('id', '=', id)
    .execute();
}

export async function updateTaskContent(
  db: Db,
  id: string,
  changes: { data?: string; resources?: string },
  at: number,
): Promise<void> {
  await db
    .updateTable('tasks')
    .set({ ...changes, updated_at: at })
    .where('id', '=', id)
    .execute();
}

export async function deleteBatchTasks(db: Db, batchId: string, limit: number): Promise<number> {
  const ids = await db
    .selectFrom('tasks')
    .select('id')
    .where('batch_id', '=', batchId)
    .limit(limit)
    .execute();
  if (ids.length === 0) return 0;
  await db
    .deleteFrom('tasks')
    .where(
      'id',
      'in',
      ids.map((r) => r.id),
    )
    .execute();
  return ids.length;
}
