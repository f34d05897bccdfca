import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { SqliteDialect } from 'kysely';
import type { StoreDialect } from './dialect.js';

export function sqliteDialect(filename: string): StoreDialect {
  const path = filename === ':memory:' ? filename : resolve(filename);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  return {
    name: 'sqlite',
    description: `sqlite:${path}`,
    kysely: new SqliteDialect({
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
    isUniqueViolation: (error) =>
      typeof error === 'object' &&
      error !== null &&
      'code' in error &&
      (error.code === 'SQLITE_CONSTRAINT_UNIQUE' || error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'),
  };
}
