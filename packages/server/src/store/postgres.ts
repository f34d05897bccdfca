import { PostgresDialect } from 'kysely';
import pg from 'pg';
import type { StoreDialect } from './dialect.js';

const INT8_OID = 20;
const JSON_OID = 114;
const JSONB_OID = 3802;

// Per-pool type parsers (never the global ones): millisecond timestamps are BIGINT and fit in a
// double; JSON comes back as text so both backends hand the same thing to the row mappers.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID) return (value: string) => Number(value);
    if (oid === JSON_OID || oid === JSONB_OID) return (value: string) => value;
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

export function postgresDialect(
  connectionString: string,
  options: { poolSize?: number; onIdleError?: (error: Error) => void } = {},
): StoreDialect {
  const url = new URL(connectionString);
  url.password = url.password ? '***' : '';
  const pool = new pg.Pool({ connectionString, max: options.poolSize ?? 10, types });
  // An idle connection dropped by the server (restart, failover) must not crash the process: the
  // pool discards it and the next query opens a new one.
  pool.on('error', (error) => options.onIdleError?.(error));
  return {
    name: 'postgres',
    description: url.toString(),
    kysely: new PostgresDialect({ pool }),
    isUniqueViolation: (error) =>
      typeof error === 'object' && error !== null && 'code' in error && error.code === '23505',
  };
}
