import { createHash } from 'node:crypto';
import pg from 'pg';

/**
 * Named prepared statements for the pools' connections.
 *
 * node-postgres sends every text query as an unnamed statement, so PostgreSQL parses and plans it
 * on every call. Under the load benchmark's mix that was about a third of PostgreSQL's CPU
 * (profiled with perf: parse and analyse 12 %, planning 21 %), most of it for statements that run
 * thousands of times with new values. A statement seen twice on a connection is sent as a named
 * one from then on: PostgreSQL parses it once per connection and, when its generic plan costs no
 * more than the custom ones (`plan_cache_mode` auto), plans it once too.
 *
 * Bounds: texts are remembered per connection, at most `limit` named statements and as many texts
 * seen once; past the bound a text goes unnamed as before (no eviction, so no statement is ever
 * closed under a query in flight). `maxUses` on the pools (store/postgres.ts) starts a fresh
 * connection now and then, so a connection's set follows what the process runs now.
 */
export interface StatementCacheOptions {
  /** Named statements per connection (0 turns naming off). */
  limit: number;
}

/** A PostgreSQL error that a named statement can meet after a schema change (0A000). */
const RESULT_TYPE_CHANGED = 'cached plan must not change result type';
/** invalid_sql_statement_name: node-postgres closes a statement whose values fail to bind. */
const STATEMENT_GONE = '26000';

type QueryCallback = (error: Error | null, result?: pg.QueryResult) => void;

interface ReadyForQuery {
  status?: string;
}

export function statementCachingClient(options: StatementCacheOptions): typeof pg.Client {
  if (options.limit <= 0) return pg.Client;
  const limit = options.limit;
  return class StatementCachingClient extends pg.Client {
    /** text → statement name, for texts prepared on this connection. */
    readonly #named = new Map<string, string>();
    /** Texts seen once, not yet named (bounded like `#named`). */
    readonly #seenOnce = new Set<string>();
    #serial = 0;
    /** Transaction status from the last ReadyForQuery ('I' idle, 'T' in a transaction, 'E' failed). */
    #status = 'I';

    constructor(config?: string | pg.ClientConfig) {
      super(config);
      const connection = (
        this as unknown as { connection: { on(event: string, f: (m: ReadyForQuery) => void): void } }
      ).connection;
      connection.on('readyForQuery', (message) => {
        if (typeof message.status === 'string') this.#status = message.status;
      });
      const plain = this.query.bind(this) as (...args: unknown[]) => unknown;
      (this as { query: unknown }).query = (...args: unknown[]): unknown => {
        const [text, values, callback] = args;
        if (typeof text !== 'string' || !(values === undefined || Array.isArray(values)) || args.length > 3) {
          return plain(...args);
        }
        const name = this.#nameFor(text);
        if (name === undefined) return plain(...args);
        const config = { name, text, values: values as unknown[] | undefined };
        const retryable = this.#status === 'I';
        if (typeof callback === 'function') {
          (plain(config) as Promise<pg.QueryResult>).then(
            (result) => (callback as QueryCallback)(null, result),
            (error: Error) => {
              if (!this.#forgetOnSchemaChange(text, error) || !retryable)
                return (callback as QueryCallback)(error);
              (plain(text, values) as Promise<pg.QueryResult>).then(
                (result) => (callback as QueryCallback)(null, result),
                (again: Error) => (callback as QueryCallback)(again),
              );
            },
          );
          return undefined;
        }
        return (plain(config) as Promise<pg.QueryResult>).catch((error: Error) => {
          if (!this.#forgetOnSchemaChange(text, error) || !retryable) throw error;
          return plain(text, values);
        });
      };
    }

    #nameFor(text: string): string | undefined {
      const known = this.#named.get(text);
      if (known !== undefined) return known;
      if (!this.#seenOnce.has(text)) {
        if (this.#seenOnce.size < limit) this.#seenOnce.add(text);
        return undefined;
      }
      if (this.#named.size >= limit) return undefined;
      this.#seenOnce.delete(text);
      // The serial keeps names unique on this connection even if a text is forgotten and comes back
      // (its old statement may still exist on the server).
      const name = `by${(this.#serial++).toString(36)}_${createHash('sha1').update(text).digest('base64url').slice(0, 12)}`;
      this.#named.set(text, name);
      return name;
    }

    /**
     * After a migration changed a table's columns, a statement prepared before (`select *`) fails
     * with 0A000 until it is prepared again: forget it so the next call prepares a new one.
     */
    #forgetOnSchemaChange(text: string, error: Error): boolean {
      const code = (error as { code?: unknown }).code;
      const stale =
        (code === '0A000' && error.message.includes(RESULT_TYPE_CHANGED)) || code === STATEMENT_GONE;
      if (!stale) return false;
      this.#named.delete(text);
      return true;
    }
  };
}
