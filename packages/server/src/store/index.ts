import { Kysely, Migrator, sql, type Transaction } from 'kysely';
import type { DialectName, StoreDialect } from './dialect.js';
import { migrationProvider } from './migrations.js';
import { postgresDialect } from './postgres.js';
import { sqliteDialect } from './sqlite.js';
import type { Database } from './tables.js';

export type { Database } from './tables.js';
export type { DialectName } from './dialect.js';
export type Db = Kysely<Database> | Transaction<Database>;

export interface MigrationState {
  applied: string[];
  pending: string[];
}

/** The one query layer over SQLite and PostgreSQL. Services get this; SQL lives in ./queries. */
/** How long a process keeps retrying a migration run that lost a race (see migrationMayRetry). */
const MIGRATION_RETRY_MS = 120_000;

export class Store {
  readonly db: Kysely<Database>;
  /** For keyset pages outside transactions: `db` itself, except on PostgreSQL (see StoreDialect). */
  readonly pagesDb: Kysely<Database>;
  readonly dialect: StoreDialect;

  constructor(dialect: StoreDialect) {
    this.dialect = dialect;
    this.db = new Kysely<Database>({ dialect: dialect.kysely });
    this.pagesDb = dialect.pagesKysely ? new Kysely<Database>({ dialect: dialect.pagesKysely }) : this.db;
  }

  /** The backend's name, for what the store reports (/readyz); code never branches on it. */
  get backend(): DialectName {
    return this.dialect.name;
  }

  transaction<T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(fn);
  }

  private migrator(): Migrator {
    return new Migrator({
      db: this.db,
      provider: migrationProvider(this.dialect),
      migrationTableName: 'batchyard_migrations',
      migrationLockTableName: 'batchyard_migrations_lock',
    });
  }

  /**
   * Applies pending migrations. On PostgreSQL Kysely holds an advisory lock for the whole run, so
   * several processes starting together apply each migration once and the others wait, then no-op.
   */
  async migrate(): Promise<string[]> {
    const restore = await this.dialect.duringMigration?.(this.db);
    const deadline = Date.now() + MIGRATION_RETRY_MS;
    let outcome: Awaited<ReturnType<Migrator['migrateToLatest']>>;
    try {
      for (;;) {
        outcome = await this.migrator().migrateToLatest();
        if (!outcome.error || !this.dialect.migrationMayRetry?.(outcome.error) || Date.now() > deadline)
          break;
        await new Promise((wake) => setTimeout(wake, 50 + Math.random() * 200));
      }
    } finally {
      await restore?.();
    }
    const { error, results } = outcome;
    if (error) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName;
      throw new Error(`Migration ${failed ?? ''} failed on ${this.dialect.description}: ${String(error)}`, {
        cause: error,
      });
    }
    return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  }

  async migrationState(): Promise<MigrationState> {
    const migrations = await this.migrator().getMigrations();
    return {
      applied: migrations.filter((m) => m.executedAt !== undefined).map((m) => m.name),
      pending: migrations.filter((m) => m.executedAt === undefined).map((m) => m.name),
    };
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  isUniqueViolation(error: unknown): boolean {
    return this.dialect.isUniqueViolation(error);
  }

  /**
   * Where job artifacts go unless configured: in the database when processes on several machines
   * share it (PostgreSQL), else in files of the data directory.
   */
  get defaultArtifactStorage(): 'file' | 'database' {
    return this.dialect.multiHost ? 'database' : 'file';
  }

  async close(): Promise<void> {
    if (this.pagesDb !== this.db) await this.pagesDb.destroy();
    await this.db.destroy();
    await this.dialect.afterClose?.();
  }
}

export class StoreUrlError extends Error {}

/**
 * Opens the store named by a database URL: `sqlite:<path>` (or `sqlite::memory:`) for the embedded
 * store, `postgres://` / `postgresql://` for PostgreSQL.
 */
export function openStore(
  databaseUrl: string,
  options: {
    poolSize?: number;
    /** PostgreSQL: named prepared statements per connection (0: none). */
    preparedStatements?: number;
    onIdleError?: (error: Error) => void;
    /** How long a query may spend on a name pattern (see StoreDialect.patternBudgetMs). */
    patternBudgetMs?: number;
  } = {},
): Store {
  if (databaseUrl.startsWith('sqlite:')) {
    const path = databaseUrl.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!path) throw new StoreUrlError(`Database URL "${databaseUrl}" has no file path (sqlite:<path>).`);
    return new Store(sqliteDialect(path, options));
  }
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    return new Store(postgresDialect(databaseUrl, options));
  }
  throw new StoreUrlError(
    `Database URL "${databaseUrl}" is not supported: use sqlite:<path> or postgres://user@host:port/database.`,
  );
}

/** Current time in the units the store keeps (epoch milliseconds). */
export function nowMs(): number {
  return Date.now();
}

export function parseJson<T>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}
