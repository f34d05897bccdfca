import type BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { sqliteDatabase } from '../../driver.js';
import type { TasksBackend } from './backend.js';
import { TASK_COLUMNS } from './read.js';

const INSERT_TASK_SQL = `insert into tasks (${TASK_COLUMNS.join(', ')}) values (${TASK_COLUMNS.map(() => '?').join(', ')}) on conflict (batch_id, unique_name) do nothing`;
const insertStatements = new WeakMap<object, BetterSqlite3.Statement<unknown[]>>();

export const sqliteTasks: TasksBackend = {
  jsonAt: (column, path) =>
    sql`json_extract(${sql.ref(column)}, ${`$.${path.map((p) => `"${p}"`).join('.')}`})`,
  // json_extract gives SQL values: compare with the value itself (booleans as 0 and 1).
  jsonValue: (value) => sql`${typeof value === 'boolean' ? (value ? 1 : 0) : value}`,
  compareJson: (left, operator, _value, bound) => sql`${left} ${sql.raw(operator)} ${bound}`,
  rowsPerInsert: null,
  // One prepared statement per task: Kysely would compile and prepare each multi-row insert again.
  // The caller's transaction holds the one connection: these statements run inside it.
  insert: async (store, _db, rows) => {
    const inserted = new Set<string>();
    const raw = sqliteDatabase(store);
    let insert = insertStatements.get(raw);
    if (!insert) insertStatements.set(raw, (insert = raw.prepare(INSERT_TASK_SQL)));
    const params: unknown[] = new Array<unknown>(TASK_COLUMNS.length);
    for (const row of rows) {
      for (let i = 0; i < TASK_COLUMNS.length; i++) params[i] = row[TASK_COLUMNS[i]!];
      if (insert.run(params).changes > 0) inserted.add(row.id);
    }
    return inserted;
  },
};
