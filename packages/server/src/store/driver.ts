import type BetterSqlite3 from 'better-sqlite3';
import type pg from 'pg';
import type { Store } from './index.js';

/**
 * The driver under a store, for a backend's own files (store/<concern>/sqlite.ts, postgres.ts) that
 * go past Kysely; they are reached only through their backend's StoreDialect, so these never fail
 * in use. On SQLite, use the handle only while holding Kysely's connection (see StoreDialect.driver).
 */
export function sqliteDatabase(store: Store): BetterSqlite3.Database {
  const driver = store.dialect.driver;
  if (driver.kind !== 'sqlite') throw new Error('not a SQLite store');
  const raw = driver.database();
  if (!raw) throw new Error('SQLite connection is not open');
  return raw;
}

function postgresDriver(store: Store) {
  const driver = store.dialect.driver;
  if (driver.kind !== 'postgres') throw new Error('not a PostgreSQL store');
  return driver;
}

export function postgresPool(store: Store): pg.Pool {
  return postgresDriver(store).pool;
}

/** The pool for connections a stream holds while its consumer reads (see the driver's streamPool). */
export function postgresStreamPool(store: Store): pg.Pool {
  return postgresDriver(store).streamPool;
}
