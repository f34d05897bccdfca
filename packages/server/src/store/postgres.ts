import { PostgresDialect, sql, type SqlBool } from 'kysely';
import pg from 'pg';
import { postgresArtifactChunks } from './artifact-chunks/postgres.js';
import type { SettledJob, StoreDialect } from './dialect.js';
import { SETTLED_CHANNEL } from './job-flow-schema.js';
import { postgresExport } from './export/postgres.js';
import { statementCachingClient } from './postgres-statements.js';
import { postgresLabelExport } from './labels/postgres.js';
import { postgresTasks } from './queries/tasks/postgres.js';
import { postgresRows, textListPostgres } from './rows/postgres.js';

const INT8_OID = 20;
const FLOAT8_OID = 701;
const JSON_OID = 114;
const JSONB_OID = 3802;

// Per-pool type parsers (never the global ones): millisecond timestamps are BIGINT and fit in a
// double; JSON comes back as text so both backends hand the same thing to the row mappers. A
// double holding Infinity or NaN (stored before bodies were checked for them) reads as null, as
// JSON would have it: the response schemas cannot serialise it and the read would fail.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID) return (value: string) => Number(value);
    if (oid === FLOAT8_OID) return finiteOrNull;
    if (oid === JSON_OID || oid === JSONB_OID) return (value: string) => value;
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/** Named statements per connection (postgres-statements.ts). */
const PREPARED_STATEMENTS = 200;
/** Checkouts a pooled connection serves before a fresh one replaces it (its statements go with it). */
const MAX_USES = 200_000;

/** The default statement timeout of reads with a name pattern. */
const PATTERN_STATEMENT_MS = 10_000;

function finiteOrNull(value: string): number | null {
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}

export function postgresDialect(
  connectionString: string,
  options: {
    poolSize?: number;
    onIdleError?: (error: Error) => void;
    patternBudgetMs?: number;
    /** Named prepared statements per connection; 0 sends every query unnamed. */
    preparedStatements?: number;
  } = {},
): StoreDialect {
  const patternBudgetMs = options.patternBudgetMs ?? PATTERN_STATEMENT_MS;
  const url = new URL(connectionString);
  url.password = url.password ? '***' : '';
  const Client = statementCachingClient({ limit: options.preparedStatements ?? PREPARED_STATEMENTS });
  const newPool = (max: number, config: pg.PoolConfig = {}) =>
    new pg.Pool({ connectionString, Client, maxUses: MAX_USES, types, max, ...config });
  const poolSize = options.poolSize ?? 10;
  const pool = newPool(poolSize);
  // The list pages' and the exports' pools: half as many, two at least.
  const sidePoolSize = Math.max(2, Math.ceil(poolSize / 2));
  const pagesPool = newPool(sidePoolSize, { options: '-c enable_sort=off' });
  // Exports' COPY streams: a connection each for as long as the export runs, while its artifact is
  // written through `pool`. Sharing one pool, as many exports as connections held them all and
  // then waited for one to store their first chunk: every export and request of the process hung
  // (measured: ten exports at once on the default pool of ten). Beyond this many, an export waits
  // for another to end.
  const streamPool = newPool(sidePoolSize);
  for (const p of [pool, pagesPool, streamPool]) survive(p, options.onIdleError);
  return {
    name: 'postgres',
    description: url.toString(),
    kysely: new PostgresDialect({ pool }),
    pagesKysely: new PostgresDialect({ pool: pagesPool }),
    driver: { kind: 'postgres', pool, streamPool },
    afterClose: () => streamPool.end(),
    nowMs: sql<number>`(extract(epoch from now()) * 1000)::bigint`,
    random: sql<number>`random()`,
    notifications: {
      listen: (channel, onMessage) => listen(connectionString, channel, onMessage, options.onIdleError),
      notify: async (channel, payload) => {
        await pool.query('select pg_notify($1, $2)', [channel, payload]);
      },
    },
    watchSettledJobs: (listener) => watchSettledJobs(connectionString, listener, options.onIdleError),
    taskExport: postgresExport,
    labelExport: postgresLabelExport,
    artifactChunks: postgresArtifactChunks,
    rows: postgresRows,
    tasks: postgresTasks,
    columnTypes: {
      ms: 'bigint',
      json: 'jsonb',
      bytes: 'bytea',
      real: 'double precision',
      boolean: 'boolean',
      serial: 'bigserial',
    },
    syntax: {
      json: (text) => sql`cast(${text} as jsonb)`,
      boolean: (value) => value,
      like: (value, pattern) => sql<SqlBool>`${value} ilike ${pattern}`,
      matches: (value, pattern) => sql<SqlBool>`${value} ~ ${pattern}`,
      textList: textListPostgres,
    },
    locksRows: true,
    multiHost: true,
    // Reads run beside a step (no single connection to wait for): bigger steps, fewer round trips.
    steps: { ingestRows: 20_000, deleteRows: 5_000, copyRows: 50_000 },
    isUniqueViolation: (error) => sqlState(error) === '23505',
    // 57014: canceled by statement_timeout; 2201B: invalid_regular_expression (also "too complex").
    patternFailure: (error) =>
      sqlState(error) === '57014' ? 'too_expensive' : sqlState(error) === '2201B' ? 'invalid' : undefined,
    patternBudgetMs,
    limitPatternStatement: sql`select set_config('statement_timeout', ${String(patternBudgetMs)}, true)`,
  };
}

/**
 * A connection dropped by the server (restart, failover, pg_terminate_backend) must not crash the
 * process. The pool handles the error of an idle connection (and discards it), but a client
 * emits its error event while checked out too (in a transaction, in the middle of a COPY), where
 * nothing listens: an unhandled 'error' event ends the process. Every client gets a listener of
 * its own for its whole life; the query in flight fails through its promise or stream, the
 * caller releases the client as broken, and the next query opens a new connection.
 */
function survive(pool: pg.Pool, onError: ((error: Error) => void) | undefined): void {
  // The pool re-emits an idle client's error, which the client's own listener reported already
  // (an 'error' event without a listener would throw).
  pool.on('error', () => undefined);
  pool.on('connect', (client) => {
    client.on('error', (error) => onError?.(error));
  });
}

function sqlState(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
}

const RECONNECT_MS = [100, 500, 1000, 2000, 5000];

/**
 * A dedicated connection that LISTENs on `channel` and reconnects when it drops. Notifications are
 * only hints (whoever relies on them also polls), so one missed while reconnecting is harmless.
 */
async function listen(
  connectionString: string,
  channel: string,
  onMessage: (payload: string) => void,
  onError?: (error: Error) => void,
): Promise<() => Promise<void>> {
  let client: pg.Client | undefined;
  let closed = false;
  let failures = 0;

  let reconnecting = false;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString });
    next.on('notification', (message) => {
      if (message.channel === channel && message.payload !== undefined) onMessage(message.payload);
    });
    // A dropped connection reports twice (the server's FATAL message, then the socket's end), and
    // a client that failed to connect reports too: only the current client's first error
    // reconnects, so one LISTEN connection exists at a time.
    next.on('error', (error) => {
      onError?.(error);
      if (next === client) void reconnect();
    });
    try {
      await next.connect();
      await next.query(`listen ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      await next.end().catch(() => undefined);
      throw error;
    }
    if (closed) {
      await next.end().catch(() => undefined);
      return;
    }
    client = next;
    failures = 0;
  };
  const reconnect = async (): Promise<void> => {
    if (reconnecting) return;
    reconnecting = true;
    try {
      const old = client;
      client = undefined;
      await old?.end().catch(() => undefined);
      while (!closed && client === undefined) {
        await new Promise((resolve) =>
          setTimeout(resolve, RECONNECT_MS[Math.min(failures++, RECONNECT_MS.length - 1)]),
        );
        if (closed) return;
        await connect().catch((error: Error) => onError?.(error));
      }
    } finally {
      reconnecting = false;
    }
  };

  await connect();
  return async () => {
    closed = true;
    await client?.end().catch(() => undefined);
  };
}

/**
 * The 0017 triggers notify SETTLED_CHANNEL once per job leaving `waiting`, delivered at commit;
 * a burst (a fan-out released at once) reaches the listener as one call per turn of the event loop.
 */
async function watchSettledJobs(
  connectionString: string,
  listener: (jobs: SettledJob[]) => void,
  onError?: (error: Error) => void,
): Promise<() => Promise<void>> {
  let pending: SettledJob[] = [];
  return listen(
    connectionString,
    SETTLED_CHANNEL,
    (payload) => {
      try {
        // `i` is absent from a release (the type alone wakes runners; see job-flow-schema.ts).
        const { i = '', t, s } = JSON.parse(payload) as { i?: string; t: string; s: string };
        if (pending.length === 0) {
          setImmediate(() => {
            const jobs = pending;
            pending = [];
            listener(jobs);
          });
        }
        pending.push({ id: i, type: t, status: s });
      } catch {
        // Not ours: ignore.
      }
    },
    onError,
  );
}
