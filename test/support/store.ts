import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStore, type Store } from '@batchyard/server';
import { testPostgresUrl, type TestDialect } from './env.js';

export interface TestDatabase {
  dialect: TestDialect;
  /** The database URL, to hand to a server process. */
  url: string;
  /** Drops the database (PostgreSQL) or deletes the file (SQLite). */
  drop(): Promise<void>;
}

/**
 * Removes a SQLite test directory. A file that appears while it is being removed makes rmdir fail
 * with ENOTEMPTY: Node retries the rmdir (only) with maxRetries; if it still fails, the error names
 * what was left. Nothing should appear once the store is closed (Store.close waits for the WAL
 * checkpoint thread, which never creates the file: store.test.ts 'closing').
 */
function removeDir(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  } catch (error) {
    let left: string[] = [];
    try {
      left = readdirSync(dir);
    } catch {
      // gone after all
    }
    throw new Error(
      `could not remove ${dir} (${(error as Error).message}); left in it: ${left.join(', ') || 'nothing'}`,
    );
  }
}

/**
 * A fresh, empty database: a new SQLite file in a temporary directory, or a new PostgreSQL
 * database created on the test server (dropped again by `drop`).
 */
export async function createTestDatabase(dialect: TestDialect): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'batchyard-test-'));
    return {
      dialect,
      url: `sqlite:${join(dir, 'test.db')}`,
      drop: async () => removeDir(dir),
    };
  }
  const adminUrl = testPostgresUrl();
  if (adminUrl === null) throw new Error('PostgreSQL tests are off (BATCHYARD_TEST_POSTGRES_URL=off)');
  const name = `batchyard_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    dialect,
    url: url.toString(),
    drop: () => dropDatabase(adminUrl, name),
  };
}

// Codes worth another try: too many connections for now (53300), the database still in use (55006).
const TRANSIENT = new Set(['53300', '55006']);

/**
 * Drops a test database. On a loaded machine PostgreSQL may refuse for a moment (the connection
 * limit while other test files run, or a terminated backend not yet gone), so it tries a few times;
 * when it still fails, the error names who was connected, so a leaked connection is found.
 */
async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 10_000 });
    try {
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      return;
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      if (attempt < 5 && TRANSIENT.has(code)) {
        await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
        continue;
      }
      const holders = await client
        .query<{ who: string }>(
          `select coalesce(nullif(application_name, ''), 'pid ' || pid) || ' (' || coalesce(state, '?') || ': ' ||
             left(coalesce(query, ''), 80) || ')' as who from pg_stat_activity where datname = $1`,
          [name],
        )
        .then((r) => r.rows.map((row) => row.who).join('; '))
        .catch(() => 'unknown');
      throw new Error(
        `could not drop test database ${name} after ${attempt} tries: ${(error as Error).message} [${code}]; connected: ${holders || 'none'}`,
      );
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

/** A migrated store on a fresh database; `drop` closes it and removes the database. */
export async function createTestStore(
  dialect: TestDialect,
): Promise<{ store: Store; url: string; drop(): Promise<void> }> {
  const database = await createTestDatabase(dialect);
  const store = openStore(database.url, { poolSize: 4 });
  await store.migrate();
  return {
    store,
    url: database.url,
    drop: async () => {
      await store.close();
      await database.drop();
    },
  };
}
