import type BetterSqlite3 from 'better-sqlite3';
import { sql, type SqlBool } from 'kysely';
import { sqliteDatabase } from '../../driver.js';
import { TaskParentMissingError, type TasksBackend } from './backend.js';
import type { FieldValue } from './filter.js';
import { TASK_COLUMNS } from './read.js';

const INSERT_TASK_SQL = `insert into tasks (${TASK_COLUMNS.join(', ')}) values (${TASK_COLUMNS.map(() => '?').join(', ')}) on conflict (batch_id, unique_name) do nothing`;
const insertStatements = new WeakMap<object, BetterSqlite3.Statement<unknown[]>>();

const jsonPath = (path: readonly string[]) => `$.${path.map((p) => `"${p}"`).join('.')}`;

/** The json_type names of a filter value's JSON type. */
const jsonTypes = (value: FieldValue) =>
  typeof value === 'number' ? ['integer', 'real'] : typeof value === 'boolean' ? ['true', 'false'] : ['text'];

export const sqliteTasks: TasksBackend = {
  jsonAt: (column, path) => sql`json_extract(${sql.ref(column)}, ${jsonPath(path)})`,
  // json_extract gives SQL values: compare with the value itself (booleans as 0 and 1).
  jsonValue: (value) => sql`${typeof value === 'boolean' ? (value ? 1 : 0) : value}`,
  // SQLite orders every text above every number ("10" > 5), and json_extract turns booleans into
  // 0 and 1: the JSON type check makes it answer as PostgreSQL's jsonb comparison does.
  compareJson: (left, operator, value, bound, at) =>
    sql<SqlBool>`(json_type(${sql.ref(at.column)}, ${jsonPath(at.path)}) in (${sql.join(jsonTypes(value))}) and ${left} ${sql.raw(operator)} ${bound})`,
  rowsPerInsert: null,
  // One prepared statement per task: Kysely would compile and prepare each multi-row insert again.
  // The caller's transaction holds the one connection: these statements run inside it.
  insert: async (store, _db, rows) => {
    const inserted = new Set<string>();
    const raw = sqliteDatabase(store);
    let insert = insertStatements.get(raw);
    if (!insert) insertStatements.set(raw, (insert = raw.prepare(INSERT_TASK_SQL)));
    const params: unknown[] = new Array<unknown>(TASK_COLUMNS.length);
    try {
      for (const row of rows) {
        for (let i = 0; i < TASK_COLUMNS.length; i++) params[i] = row[TASK_COLUMNS[i]!];
        if (insert.run(params).changes > 0) inserted.add(row.id);
      }
    } catch (error) {
      // The batch or project is gone (deleted since it was read); the caller's transaction rolls back.
      if ((error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY')
        throw new TaskParentMissingError(
          `The batch or project of task ${String(params[0])} no longer exists.`,
        );
      throw error;
    }
    return inserted;
  },
};
