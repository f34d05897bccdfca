import type { Dialect } from 'kysely';

export type DialectName = 'sqlite' | 'postgres';

/**
 * What differs between the two backends, and nothing else. Everything above this interface is
 * written once against Kysely and runs on both (see sqlite.ts and postgres.ts, the same shape).
 */
export interface StoreDialect {
  readonly name: DialectName;
  /** The Kysely dialect, with connection settings applied. */
  readonly kysely: Dialect;
  /** A short description for logs and start-up messages, without credentials. */
  readonly description: string;
  /** True when `error` is a unique-constraint violation reported by the driver. */
  isUniqueViolation(error: unknown): boolean;
}
