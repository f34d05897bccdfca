import { mkdtempSync, rmSync } from 'node:fs';
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
 * A fresh, empty database: a new SQLite file in a temporary directory, or a new PostgreSQL
 * database created on the test server (dropped again by `drop`).
 */
export async function createTestDatabase(dialect: TestDialect): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'batchyard-test-'));
    return {
      dialect,
      url: `sqlite:${join(dir, 'test.db')}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
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
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
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
