/**
 * Which backends the tests run on. SQLite always; PostgreSQL at BATCHYARD_TEST_POSTGRES_URL, which
 * defaults to the local server. Set it to `off` to run SQLite only (the run then says so loudly).
 * When it is set and the server is unreachable, the suite fails: it never skips silently.
 */
export const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export function testPostgresUrl(): string | null {
  const value = process.env.BATCHYARD_TEST_POSTGRES_URL ?? DEFAULT_POSTGRES_URL;
  return value === 'off' ? null : value;
}

export type TestDialect = 'sqlite' | 'postgres';

export function testDialects(): TestDialect[] {
  return testPostgresUrl() === null ? ['sqlite'] : ['sqlite', 'postgres'];
}
