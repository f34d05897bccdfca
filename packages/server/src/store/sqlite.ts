import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import {
  sql,
  SqliteAdapter,
  SqliteDialect,
  type DialectAdapter,
  type Kysely,
  type MigrationLockOptions,
  type SqliteDatabase,
  type SqliteStatement,
  type SqlBool,
} from 'kysely';
import type { RE2JS } from 're2js';
import { sqliteArtifactChunks } from './artifact-chunks/sqlite.js';
import type { SettledJob, StoreDialect } from './dialect.js';
import { SQLITE_SETTLED_FUNCTION } from './job-flow-schema.js';
import { sqliteExport } from './export/sqlite.js';
import { sqliteLabelExport } from './labels/sqlite.js';
import { sqliteTasks } from './queries/tasks/sqlite.js';
import { sqliteRows, textListSqlite } from './rows/sqlite.js';
import { compileNamePattern, FilterTooExpensiveError } from './name-pattern.js';

/**
 * Kysely's SQLite adapter takes no migration lock (it assumes one connection). Several processes
 * can open the same file, so the lock here is a write to the lock row as the first statement of
 * the migration transaction: SQLite then lets one writer through and the others wait (busy
 * timeout) and see the migrations already applied.
 */
const BUSY_TIMEOUT_MS = 5000;
/** How long a process waits for another one's migration run (DDL over every table) to end. */
const MIGRATION_BUSY_TIMEOUT_MS = 120_000;

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

/**
 * Time the regexp function may take in one synchronous stretch of one statement, by default.
 * better-sqlite3 runs a query on the event loop: however linear the matching, a pattern over every
 * name of a large project would hold every other request (/healthz included) for as long as it runs.
 */
const PATTERN_BUDGET_MS = 2000;

/**
 * SQLite has REGEXP syntax but no function behind it: name filters run RE2 (re2js), linear in the
 * name, never backtracking (see name-pattern.ts). Beyond `budgetMs` of matching in one go the
 * statement stops with FilterTooExpensiveError.
 */
function registerRegexp(db: BetterSqlite3.Database, budgetMs: number): void {
  const cache = new Map<string, RE2JS>();
  let deadline: number | undefined;
  let calls = 0;
  db.function('regexp', { deterministic: true }, (pattern: unknown, value: unknown) => {
    if (typeof pattern !== 'string' || typeof value !== 'string') return 0;
    if (deadline === undefined) {
      // One statement's rows are matched in one synchronous stretch; the microtask runs after it.
      deadline = performance.now() + budgetMs;
      queueMicrotask(() => (deadline = undefined));
    } else if ((++calls & 127) === 0 && performance.now() > deadline) {
      throw new FilterTooExpensiveError(
        `The name pattern took more than ${budgetMs} ms of matching; narrow the filter (batchIds, statuses, a simpler pattern).`,
      );
    }
    let re = cache.get(pattern);
    if (!re) {
      if (cache.size > 100) cache.clear();
      cache.set(pattern, (re = compileNamePattern(pattern)));
    }
    return re.test(value) ? 1 : 0;
  });
}

export function sqliteDialect(filename: string, options: { patternBudgetMs?: number } = {}): StoreDialect {
  const patternBudgetMs = options.patternBudgetMs ?? PATTERN_BUDGET_MS;
  const path = filename === ':memory:' ? filename : resolve(filename);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  let opened: BetterSqlite3.Database | undefined;
  const checkpointers: Promise<void>[] = [];
  const settled = settledJobsReporter();
  return {
    name: 'sqlite',
    duringMigration: async (db) => {
      await sql`pragma busy_timeout = ${sql.raw(String(MIGRATION_BUSY_TIMEOUT_MS))}`.execute(db);
      return async () => {
        await sql`pragma busy_timeout = ${sql.raw(String(BUSY_TIMEOUT_MS))}`.execute(db);
      };
    },
    migrationMayRetry: (error) => /^SQLITE_BUSY/.test(String((error as { code?: unknown })?.code ?? '')),
    description: `sqlite:${path}`,
    kysely: new LockingSqliteDialect({
      database: async () => {
        const db = new BetterSqlite3(path);
        db.pragma('journal_mode = WAL');
        db.pragma('foreign_keys = ON');
        // A dependent that a failed dependency ends settles its own dependents (job-flow-schema.ts).
        db.pragma('recursive_triggers = ON');
        db.function(SQLITE_SETTLED_FUNCTION, { deterministic: false }, settled.report);
        db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
        // WAL + NORMAL is durable across application crashes; only an OS crash can lose the last commits.
        db.pragma('synchronous = NORMAL');
        if (path !== ':memory:') checkpointers.push(checkpointInBackground(db, path));
        registerRegexp(db, patternBudgetMs);
        opened = db;
        return cachingStatements(db);
      },
    }),
    driver: { kind: 'sqlite', database: () => opened },
    watchSettledJobs: async (listener) => settled.watch(listener),
    // Bounded: a thread that neither closes nor dies must not hang shutdown.
    afterClose: async () => {
      await Promise.race([Promise.all(checkpointers), delay(AFTER_CLOSE_WAIT_MS, undefined, { ref: false })]);
    },
    nowMs: sql<number>`cast(unixepoch('subsec') * 1000 as integer)`,
    random: sql<number>`((random() & 9007199254740991) / 9007199254740992.0)`,
    taskExport: sqliteExport,
    labelExport: sqliteLabelExport,
    artifactChunks: sqliteArtifactChunks,
    rows: sqliteRows,
    tasks: sqliteTasks,
    columnTypes: {
      ms: 'integer',
      json: 'text',
      bytes: 'blob',
      real: 'real',
      boolean: 'integer',
      serial: 'integer',
    },
    syntax: {
      json: (text) => sql`${text}`,
      boolean: (value) => (value ? 1 : 0),
      like: (value, pattern) => sql<SqlBool>`${value} like ${pattern}`,
      matches: (value, pattern) => sql<SqlBool>`regexp(${pattern}, ${value})`,
      textList: textListSqlite,
    },
    takeNumericIds: async (db, table, count) => {
      // One writer at a time: the counter's update is the whole reservation.
      const { rows } = await sql<{ last: number }>`update numeric_id_counters
        set last_value = last_value + ${count} where table_name = ${table} returning last_value as last`.execute(
        db,
      );
      const first = Number(rows[0]!.last) - count + 1;
      return Array.from({ length: count }, (_, i) => first + i);
    },
    locksRows: false,
    multiHost: false,
    // Every other request waits for the one connection while a step runs: steps stay short.
    steps: { ingestRows: 5_000, deleteRows: 1_000, copyRows: 5_000 },
    patternBudgetMs,
    patternFailure: (error) => (error instanceof FilterTooExpensiveError ? 'too_expensive' : undefined),
    isUniqueViolation: (error) =>
      typeof error === 'object' &&
      error !== null &&
      'code' in error &&
      (error.code === 'SQLITE_CONSTRAINT_UNIQUE' || error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'),
  };
}

/** Distinct statement texts kept prepared per connection (IN lists of many lengths make many). */
const STATEMENT_CACHE_SIZE = 500;

/**
 * A statement as Kysely uses it. Rows are read as arrays and made into objects here: better-sqlite3
 * builds row objects through one V8 call per column, which took 40% of a 50-task page's read
 * (142 µs against 84 µs with arrays, measured on 13 columns).
 */
class RowStatement implements SqliteStatement {
  private names: string[] | undefined;

  constructor(readonly statement: BetterSqlite3.Statement) {
    if (statement.reader) statement.raw(true);
  }

  get reader(): boolean {
    return this.statement.reader;
  }

  private toObject(row: unknown[]): Record<string, unknown> {
    const names = (this.names ??= this.statement.columns().map((c) => c.name));
    const object: Record<string, unknown> = {};
    // Later columns of the same name win, as in better-sqlite3's own objects. A REAL holding
    // ±Infinity (stored before bodies were checked for it) reads as null, as on PostgreSQL.
    for (let i = 0; i < names.length; i++) {
      const value = row[i];
      object[names[i]!] = typeof value === 'number' && !Number.isFinite(value) ? null : value;
    }
    return object;
  }

  all(parameters: ReadonlyArray<unknown>): unknown[] {
    const rows = this.statement.all(parameters) as unknown[][];
    const out = new Array<unknown>(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = this.toObject(rows[i]!);
    return out;
  }

  run(parameters: ReadonlyArray<unknown>) {
    return this.statement.run(parameters);
  }

  *iterate(parameters: ReadonlyArray<unknown>): IterableIterator<unknown> {
    for (const row of this.statement.iterate(parameters) as IterableIterator<unknown[]>) {
      yield this.toObject(row);
    }
  }
}

/**
 * The connection as Kysely sees it, with `prepare` answered from a cache: Kysely prepares every
 * query it runs again, which took about a tenth of the CPU of a task list request (compiling a
 * statement costs more than running a small one). A statement still iterating (a streamed query)
 * is busy and cannot run twice, so a busy one is prepared afresh.
 */
function cachingStatements(db: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, RowStatement>();
  const prepare = (source: string): RowStatement => {
    const cached = cache.get(source);
    if (cached && !cached.statement.busy) return cached;
    const statement = new RowStatement(db.prepare(source));
    if (!cached) {
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      cache.set(source, statement);
    }
    return statement;
  };
  return { prepare, close: () => db.close() };
}

/** How often the background connection checkpoints the WAL. */
const CHECKPOINT_EVERY_MS = 100;
/**
 * Pages in the WAL before the main connection checkpoints by itself (the background one fell
 * behind). During a long burst of writes (a 1,000,000-row delete writes about 30,000 pages in a
 * second) PASSIVE checkpoints cannot restart the WAL, so it grows; at 10,000 pages the main
 * connection's own checkpoint stalled every request for about 100 ms, a few times per burst.
 * 100,000 pages (about 400 MB) is only for a checkpointer that died. The WAL file keeps the size
 * a burst gave it (SQLite reuses it from the start): a journal_size_limit would truncate it in the
 * commit that restarts the WAL, a stall of its own (about 150 ms after a 1,000,000-row append).
 */
const FALLBACK_CHECKPOINT_PAGES = 100_000;

/** How long closing a store waits at most for its checkpoint threads to stop. */
const AFTER_CLOSE_WAIT_MS = 5_000;

const CHECKPOINTER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
// fileMustExist: a thread that starts after its store closed and the file was removed must not
// create an empty database in its place.
const db = new Database(workerData.path, { timeout: 0, fileMustExist: true });
db.pragma('synchronous = NORMAL');
let timer;
const tick = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or closing: the next tick tries again.
  }
  timer = setTimeout(tick, workerData.everyMs);
};
timer = setTimeout(tick, workerData.everyMs);
parentPort.once('message', () => {
  clearTimeout(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Moves WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside the commit
 * that crosses the threshold, and with synchronous=NORMAL it syncs the WAL and the database file:
 * a few milliseconds that every request and job behind that commit waits for. A second connection
 * on a worker thread checkpoints PASSIVE (it never waits for, nor blocks, the writer) every 100 ms
 * instead; the main connection keeps a high threshold of its own as a fallback.
 */
function checkpointInBackground(db: BetterSqlite3.Database, path: string): Promise<void> {
  let worker: Worker;
  try {
    worker = new Worker(CHECKPOINTER_SOURCE, {
      eval: true,
      workerData: {
        driver: createRequire(import.meta.url).resolve('better-sqlite3'),
        path,
        everyMs: CHECKPOINT_EVERY_MS,
      },
    });
  } catch {
    return Promise.resolve(); // no worker threads here: SQLite's own checkpoints stay
  }
  // Settles when the thread has closed its connection (or died): the store's afterClose waits for it.
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.unref();
  worker.on('error', () => db.open && db.pragma('wal_autocheckpoint = 1000'));
  db.pragma(`wal_autocheckpoint = ${FALLBACK_CHECKPOINT_PAGES}`);
  const close = db.close.bind(db);
  db.close = () => {
    // Referenced again so the process lives until the thread has closed its connection.
    worker.ref();
    worker.postMessage('close');
    return close();
  };
  return exited;
}

/**
 * What the 0017 triggers report through their user function, gathered per turn of the event loop
 * and handed to the watchers afterwards (the function runs inside a statement, where nothing may
 * touch the database). A report from a statement that is then rolled back is a harmless hint.
 */
function settledJobsReporter() {
  const watchers = new Set<(jobs: SettledJob[]) => void>();
  let pending: SettledJob[] = [];
  return {
    report: (id: unknown, type: unknown, status: unknown): null => {
      if (watchers.size === 0) return null;
      if (pending.length === 0) {
        setImmediate(() => {
          const jobs = pending;
          pending = [];
          for (const watcher of watchers) watcher(jobs);
        });
      }
      pending.push({ id: String(id), type: String(type), status: String(status) });
      return null;
    },
    watch: (listener: (jobs: SettledJob[]) => void) => {
      watchers.add(listener);
      return async () => {
        watchers.delete(listener);
      };
    },
  };
}
