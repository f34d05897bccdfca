import type { RawBuilder, SqlBool } from 'kysely';
import type { Db, Store } from '../../index.js';
import type { AuditRow } from '../audit.js';
import type { FieldValue } from './filter.js';
import type { TaskRow } from './read.js';

/**
 * A task named a batch or a project that does not exist (deleted since it was read): nothing of the
 * insert was written. PostgreSQL checks this in the store (migration 0029), SQLite by its foreign keys.
 */
export class TaskParentMissingError extends Error {
  readonly code = '23503';
}

/** What differs per backend for tasks (sqlite.ts, postgres.ts; the store's dialect holds one). */
export interface TasksBackend {
  /** The value at a path of a JSON column (as SQL text when `asText`, for LIKE). */
  jsonAt(column: 'data' | 'custom', path: readonly string[], asText: boolean): RawBuilder<unknown>;
  /** A value bound for a comparison with `jsonAt`. */
  jsonValue(value: FieldValue): RawBuilder<unknown>;
  /**
   * `left <operator> bound` for the JSON value `left` (at `path` of `column`) and an ordering
   * operator (<, <=, >, >=), true only where that value has the JSON type of `value`: a string
   * never orders against a number, on either backend.
   */
  compareJson(
    left: RawBuilder<unknown>,
    operator: string,
    value: FieldValue,
    bound: RawBuilder<unknown>,
    at: { column: 'data' | 'custom'; path: readonly string[] },
  ): RawBuilder<SqlBool>;
  /**
   * How many tasks one insert statement takes, when a statement takes several (it is then atomic
   * on its own, without a transaction); null when each task is its own statement.
   */
  readonly rowsPerInsert: number | null;
  /**
   * Inserts tasks, skipping those whose checked name the batch already holds, inside `db` (a
   * transaction unless the rows fit in one statement); returns the ids inserted. `audit` is
   * written by the same statement, with the count inserted (only when the rows fit in one).
   */
  insert(store: Store, db: Db, rows: readonly TaskRow[], audit: AuditRow | null): Promise<Set<string>>;
  /**
   * The same for many rows at once, outside any transaction of the caller's (its own, with the
   * audit entry): used from `bulkInsertRows` rows up, when the backend has a faster way for them.
   * Undefined when that way is closed here (nothing was written): the caller takes `insert`.
   */
  readonly bulkInsertRows?: number;
  bulkInsert?(
    store: Store,
    rows: readonly TaskRow[],
    audit: AuditRow | null,
  ): Promise<Set<string> | undefined>;
}
