import type BetterSqlite3 from 'better-sqlite3';
import type { ColumnDataType, Dialect, RawBuilder, SqlBool } from 'kysely';
import type pg from 'pg';
import type { ExportBackend } from './export/index.js';
import type { ArtifactChunksBackend } from './artifact-chunks/index.js';
import type { LabelExportBackend } from './labels/index.js';
import type { TasksBackend } from './queries/tasks/backend.js';
import type { RowsBackend } from './rows/backend.js';

export type DialectName = 'sqlite' | 'postgres';

/**
 * What differs between the two backends, and nothing else. Everything above this interface is
 * written once against Kysely and runs on both (see sqlite.ts and postgres.ts, the same shape).
 */
export interface StoreDialect {
  readonly name: DialectName;
  /** The Kysely dialect, with connection settings applied. */
  readonly kysely: Dialect;
  /**
   * PostgreSQL: connections for keyset pages of tasks (single queries outside transactions), with
   * `enable_sort` off for their whole session (see `listTasks` for why). Setting it per page took a
   * transaction and a SET, three round trips more than the page's one. Absent on SQLite: pages
   * read on the one connection. (A second SQLite connection on a worker thread was tried and
   * measured: on two cores it made the load benchmark's p99 worse, 91 ms against 51 ms.)
   */
  readonly pagesKysely?: Dialect;
  /**
   * Settings for the length of a migration run on `db`, undone by the function it returns.
   * SQLite: processes racing to migrate one file wait for the first one's whole run, which on a
   * loaded machine takes longer than the usual busy timeout.
   */
  readonly duringMigration?: (
    db: Parameters<RawBuilder<unknown>['execute']>[0],
  ) => Promise<() => Promise<void>>;
  /**
   * True when a migration run that failed with `error` may simply be run again: SQLite answers
   * "database is locked" to a process racing another one's run when waiting could deadlock; the
   * failed run was rolled back, and the next one sees what the winner applied.
   */
  readonly migrationMayRetry?: (error: unknown) => boolean;
  /**
   * SQLite: takes `count` new numbers for `numeric_id` of `table` (migration 0012) from its counter
   * row, so an insert carries them and needs neither the trigger nor a read-back. Absent on
   * PostgreSQL, where the identity column numbers rows and the insert's RETURNING reads them.
   */
  readonly takeNumericIds?: (
    db: Parameters<RawBuilder<unknown>['execute']>[0],
    table: string,
    count: number,
  ) => Promise<number[]>;
  /** A short description for logs and start-up messages, without credentials. */
  readonly description: string;
  /** True when `error` is a unique-constraint violation reported by the driver. */
  isUniqueViolation(error: unknown): boolean;
  /**
   * What a failed query says about the caller's name pattern in it: it ran out of time, or the
   * database refused the pattern; undefined for any other failure.
   */
  patternFailure(error: unknown): 'too_expensive' | 'invalid' | undefined;
  /**
   * How long a query may spend on a caller's name pattern: on SQLite, milliseconds of matching in
   * one synchronous stretch (2,000 by default); on PostgreSQL, the statement timeout of reads with
   * a pattern (10,000 by default).
   */
  readonly patternBudgetMs: number;
  /**
   * PostgreSQL: a statement capping each later statement of the current transaction at
   * `patternBudgetMs` (`statement_timeout`), for reads whose cost a caller's pattern decides.
   * Absent on SQLite, whose regexp function keeps the budget itself (sqlite.ts).
   */
  readonly limitPatternStatement?: RawBuilder<unknown>;
  /** The database clock in epoch milliseconds: leases and run times never depend on app clocks. */
  readonly nowMs: RawBuilder<number>;
  /** A uniform random number in [0, 1), for jitter computed in SQL. */
  readonly random: RawBuilder<number>;
  /**
   * The driver underneath, for bulk row writes that Kysely would slow down (prepared statements
   * reused across a chunk on SQLite, COPY on PostgreSQL) and for the job engine's hot statements on
   * SQLite (store/sql/prepared.ts); nothing else uses it. On SQLite the handle exists once Kysely
   * has opened its connection; use it only while holding that connection (`db.connection().execute`),
   * so no other query interleaves with it.
   */
  readonly driver:
    | { kind: 'sqlite'; database(): BetterSqlite3.Database | undefined }
    | {
        kind: 'postgres';
        pool: pg.Pool;
        /**
         * Connections held for as long as a consumer takes to read a stream (an export's COPY):
         * apart from `pool`, so that exports waiting on their artifact writes (which take `pool`'s
         * connections) can never hold all of those.
         */
        streamPool: pg.Pool;
      };
  /**
   * Cross-process notifications (PostgreSQL LISTEN/NOTIFY). Absent on SQLite, whose store has a
   * single process: in-process events are enough there.
   */
  readonly notifications?: {
    listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
    notify(channel: string, payload: string): Promise<void>;
  };
  /**
   * Calls `listener` with the jobs that left `waiting` (released to `queued`, or ended because a
   * dependency did not succeed), as the triggers of migration 0017 report them: in this process on
   * SQLite (a user function the trigger calls), in every process on PostgreSQL (a notification at
   * commit). Hints to wake runners and waiters, like every event. Returns the unsubscribe function.
   */
  watchSettledJobs(listener: (jobs: SettledJob[]) => void): Promise<() => Promise<void>>;
  /**
   * Resolves once every helper thread the backend started has stopped touching the database
   * (awaited by `Store.close`, after the connections are closed), so a closed store's files can be
   * removed. Absent when the backend has none.
   */
  afterClose?(): Promise<void>;
  /** How this backend writes task exports (store/export/). */
  readonly taskExport: ExportBackend;
  /** How this backend reads tasks for label exports (store/labels/). */
  readonly labelExport: LabelExportBackend;
  /** How this backend writes and reads artifacts' bytes kept in the database (store/artifact-chunks/). */
  readonly artifactChunks: ArtifactChunksBackend;
  /** How this backend writes dataset rows and their tables (store/rows/). */
  readonly rows: RowsBackend;
  /** How this backend writes tasks in bulk and reads their JSON (store/queries/tasks/). */
  readonly tasks: TasksBackend;
  /** Column types of the schema (migrations, rows tables). */
  readonly columnTypes: ColumnTypes;
  /** SQL spelt differently on each backend, in the small pieces queries are made of. */
  readonly syntax: Syntax;
  /**
   * Rows a transaction reads to change (`select … for update`) are locked: true on PostgreSQL;
   * SQLite has one writer, so a transaction needs no row locks (and has no FOR UPDATE).
   */
  readonly locksRows: boolean;
  /**
   * Processes on other hosts can share this store (PostgreSQL); a SQLite file is one host's, so
   * whatever sits beside it on disk (artifacts) is seen by every process that opens it.
   */
  readonly multiHost: boolean;
  /** Sizes of the steps of long row jobs, measured per backend (see sqlite.ts, postgres.ts). */
  readonly steps: StepSizes;
}

export interface SettledJob {
  /** Empty for a release on PostgreSQL (its notification names the type only). */
  id: string;
  type: string;
  status: string;
}

export interface ColumnTypes {
  /** Epoch milliseconds. */
  readonly ms: ColumnDataType;
  readonly json: ColumnDataType;
  readonly bytes: ColumnDataType;
  /** A double. */
  readonly real: ColumnDataType;
  readonly boolean: ColumnDataType;
  /** An auto-incrementing 64-bit integer key. */
  readonly serial: ColumnDataType;
}

export interface Syntax {
  /** A JSON text as a bound value of the JSON column type (jsonb on PostgreSQL, text on SQLite). */
  json(text: string): RawBuilder<unknown>;
  /** A boolean as a bound value (SQLite keeps booleans as 0 and 1; better-sqlite3 binds none). */
  boolean(value: boolean): boolean | number;
  /** Case-insensitive LIKE: SQLite's LIKE already is (for ASCII), PostgreSQL needs ILIKE. */
  like(value: RawBuilder<unknown>, pattern: unknown): RawBuilder<SqlBool>;
  /** `value` matches a caller's name pattern (RE2 on SQLite, see sqlite.ts; `~` on PostgreSQL). */
  matches(value: RawBuilder<unknown>, pattern: string): RawBuilder<SqlBool>;
  /** A list of text values as one parameter, for `x in (…)` with any number of values. */
  textList(values: readonly string[]): RawBuilder<unknown>;
}

export interface StepSizes {
  /** Rows of a dataset ingest written per chunk (one transaction each). */
  readonly ingestRows: number;
  /** Rows of a batch deleted per step (each a short transaction, the API keeps answering). */
  readonly deleteRows: number;
  /** Rows copied per step when a dataset is built from another (INSERT … SELECT). */
  readonly copyRows: number;
}
