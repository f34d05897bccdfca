import pg from 'pg';
import { testPostgresUrl } from './env.js';

/** Fails the whole run at once when PostgreSQL tests are on and the server cannot be reached. */
export default async function globalSetup(): Promise<void> {
  const url = testPostgresUrl();
  if (url === null) {
    console.warn(
      '\n*** BATCHYARD_TEST_POSTGRES_URL=off: PostgreSQL tests are NOT running (SQLite only). ***\n',
    );
    return;
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    throw new Error(
      `PostgreSQL for tests is unreachable at ${url} (${(error as Error).message}). Start it, point ` +
        'BATCHYARD_TEST_POSTGRES_URL at a server, or set BATCHYARD_TEST_POSTGRES_URL=off to run SQLite only.',
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}
