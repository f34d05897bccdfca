import type BetterSqlite3 from 'better-sqlite3';
import type { Store } from '../index.js';

/** The SQLite clock in epoch milliseconds, as text for hand-written statements (see sqliteDialect.nowMs). */
export const SQLITE_NOW_MS = `cast(unixepoch('subsec') * 1000 as integer)`;

/** A SQLite connection whose statements are prepared once and reused. */
export interface PreparedConnection {
  readonly db: BetterSqlite3.Database;
  /** The statement for `text`, prepared on first use and cached with the connection. */
  statement(text: string): BetterSqlite3.Statement;
  /** Runs `fn` in a write transaction (BEGIN IMMEDIATE … COMMIT; ROLLBACK when it throws). */
  immediate<T>(fn: () => T): T;
}

const caches = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

/** True when the store is SQLite, whose job-engine statements go through {@link withPrepared}. */
export function hasPrepared(store: Store): boolean {
  return store.dialect.driver.kind === 'sqlite';
}

/**
 * Runs `fn` with the store's one SQLite connection held (Kysely's connection mutex), so no other
 * query and no open transaction interleaves with its statements. Kysely compiles and prepares every
 * query it runs; the job engine's hot statements (claim, complete, fail, heartbeat) are prepared
 * once per connection here instead. `fn` is synchronous, like better-sqlite3.
 */
export async function withPrepared<T>(store: Store, fn: (connection: PreparedConnection) => T): Promise<T> {
  const { driver } = store.dialect;
  if (driver.kind !== 'sqlite') throw new Error('Prepared statements are for the SQLite store.');
  return store.db.connection().execute(async () => {
    const db = driver.database();
    if (!db) throw new Error('The SQLite connection is not open.');
    let cache = caches.get(db);
    if (!cache) {
      cache = new Map();
      caches.set(db, cache);
    }
    const statements = cache;
    const statement = (text: string) => {
      let prepared = statements.get(text);
      if (!prepared) {
        prepared = db.prepare(text);
        statements.set(text, prepared);
      }
      return prepared;
    };
    return fn({
      db,
      statement,
      immediate(write) {
        statement('begin immediate').run();
        try {
          const out = write();
          statement('commit').run();
          return out;
        } catch (error) {
          if (db.inTransaction) statement('rollback').run();
          throw error;
        }
      },
    });
  });
}
