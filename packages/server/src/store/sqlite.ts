import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import {
  sql,
  SqliteAdapter,
  SqliteDialect,
  type DialectAdapter,
  type Kysely,
  type MigrationLockOptions,
} from 'kysely';
import type { StoreDialect } from './dialect.js';

/**
 * Kysely's SQLite adapter takes no migration lock (it assumes one connection). Several processes
 * can open the same file, so the lock here is a write to the lock row as the first statement of
 * the migration transaction: SQLite then lets one writer through and the others wait (busy
 * timeout) and see the migrations already applied.
 */
class LockingSqliteAdapter extends SqliteAdapter {
  // SQLite runs DDL inside transactions; Kysely's adapter says otherwise and would migrate unlocked.
  override get supportsTransactionalDdl(): boolean {
    return true;
  }

  override async acquireMigrationLock(db: Kysely<unknown>, options: MigrationLockOptions): Promise<void> {
    await (db as Kysely<Record<string, { id: string; is_locked: number }>>)
      .updateTable(options.lockTable)
      .set({ is_locked: 1 })
      .where('id', '=', options.lockRowId)
      .execute();
  }

  override async releaseMigrationLock(db: Kysely<unknown>, options: MigrationLockOptions): Promise<void> {
    await (db as Kysely<Record<string, { id: string; is_locked: number }>>)
      .updateTable(options.lockTable)
      .set({ is_locked: 0 })
      .where('id', '=', options.lockRowId)
      .execute();
  }
}

class LockingSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new LockingSqliteAdapter();
  }
}

export function sqliteDialect(filename: string): StoreDialect {
  const path = filename === ':memory:' ? filename : resolve(filename);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  return {
    name: 'sqlite',
    description: `sqlite:${path}`,
    kysely: new LockingSqliteDialect({
      database: async () => {
        const db = new BetterSqlite3(path);
        db.pragma('journal_mode = WAL');
        db.pragma('foreign_keys = ON');
        db.pragma('busy_timeout = 5000');
        // WAL + NORMAL is durable across application crashes; only an OS crash can lose the last commits.
        db.pragma('synchronous = NORMAL');
        return db;
      },
    }),
    nowMs: sql<number>`cast(unixepoch('subsec') * 1000 as integer)`,
    random: sql<number>`((random() & 9007199254740991) / 9007199254740992.0)`,
    isUniqueViolation: (error) =>
      typeof error === 'object' &&
      error !== null &&
      'code' in error &&
      (error.code === 'SQLITE_CONSTRAINT_UNIQUE' || error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'),
  };
}
