import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, openStore, startServer, type Store } from '@batchyard/server';
import { createTestDatabase, testDialects, type TestDatabase } from '../../../test/support/index.js';

const execFileAsync = promisify(execFile);
const root = new URL('../../..', import.meta.url).pathname;

describe.each(testDialects())('store on %s', (dialect) => {
  let database: TestDatabase;
  const stores: Store[] = [];
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterAll(async () => {
    for (const store of stores) await store.close().catch(() => undefined);
    await database?.drop();
  });
  const open = () => {
    const store = openStore(database.url, { poolSize: 2 });
    stores.push(store);
    return store;
  };

  it('applies migrations once even when several processes start together, then reports none pending', async () => {
    // Real processes: SQLite's locking blocks the whole thread, so racers must not share one.
    const script = `
      import { openStore } from '@batchyard/server';
      const store = openStore(process.argv[1], { poolSize: 2 });
      const applied = await store.migrate();
      await store.close();
      console.log(JSON.stringify(applied));`;
    const racers = await Promise.all(
      [1, 2, 3].map(() =>
        execFileAsync(process.execPath, ['--input-type=module', '-e', script, database.url], { cwd: root }),
      ),
    );
    const applied = racers.map((r) => JSON.parse(r.stdout) as string[]);
    const later = open();
    const state = await later.migrationState();
    // Exactly one racer applied each migration; the others waited and found it done.
    expect(applied.flat().sort()).toEqual([...state.applied].sort());
    expect(state.pending).toEqual([]);
    expect(state.applied).toContain('0001_foundation');
    expect(await later.migrate()).toEqual([]);
    await later.ping();
  });

  it('enforces foreign keys and unique names in the database itself', async () => {
    const store = open();
    await store.migrate();
    const now = Date.now();
    await expect(
      store.db
        .insertInto('projects')
        .values({
          id: 'prj_orphan',
          workspace_id: 'ws_missing',
          name: 'x',
          description: null,
          task_schema: null,
          created_at: now,
          updated_at: now,
        })
        .execute(),
    ).rejects.toThrow();
    await store.db
      .insertInto('workspaces')
      .values({ id: 'ws_a', name: 'same', created_at: now, updated_at: now })
      .execute();
    const duplicate = store.db
      .insertInto('workspaces')
      .values({ id: 'ws_b', name: 'same', created_at: now, updated_at: now })
      .execute();
    await expect(duplicate).rejects.toSatisfy((error: unknown) => store.isUniqueViolation(error));
  });
});

describe('store on sqlite, closing', () => {
  it('leaves nothing behind once close resolves: its files can be removed and stay removed', async () => {
    // The WAL checkpointer runs on a worker thread. One that started after close (a second or so
    // on a loaded machine) opened the database path with O_CREAT and recreated test.db in a
    // directory being removed: ENOTEMPTY in a CI teardown. Closing right after the first statement
    // is that race every time: the thread has not started yet.
    for (let round = 0; round < 3; round++) {
      const dir = mkdtempSync(join(tmpdir(), 'batchyard-close-'));
      try {
        const store = openStore(`sqlite:${join(dir, 'test.db')}`, { poolSize: 2 });
        await store.ping();
        await store.close();
        for (const file of readdirSync(dir)) rmSync(join(dir, file));
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(readdirSync(dir)).toEqual([]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });
});

describe.each(testDialects())('startServer on %s', (dialect) => {
  it('creates the admin key once, stores it with mode 0600, and says where it is on later starts', async () => {
    const database = await createTestDatabase(dialect);
    const dataDirs = [
      mkdtempSync(join(tmpdir(), 'batchyard-serve-')),
      mkdtempSync(join(tmpdir(), 'batchyard-serve-')),
    ];
    try {
      const config = (dataDir: string) =>
        loadConfig(
          { dataDir, databaseUrl: database.url, port: 0, logLevel: 'silent', jwtSecret: 's'.repeat(40) },
          {},
        );
      // Two processes on one database (PostgreSQL's multi-process case): exactly one creates the key.
      // SQLite is one process per file by design, so only PostgreSQL starts its two at once.
      const [first, second] =
        dialect === 'postgres'
          ? await Promise.all(dataDirs.map((dir) => startServer(config(dir))))
          : [await startServer(config(dataDirs[0]!)), await startServer(config(dataDirs[1]!))];
      const created = [first!, second!].filter((s) => s.createdAdminKey !== null);
      expect(created).toHaveLength(1);
      const owner = created[0]!;
      expect(readFileSync(owner.adminKeyPath, 'utf8').trim()).toBe(owner.createdAdminKey);
      expect(statSync(owner.adminKeyPath).mode & 0o777).toBe(0o600);
      const me = await fetch(`${owner.url}/v1/me`, {
        headers: { authorization: `Bearer ${owner.createdAdminKey}` },
      });
      expect(await me.json()).toMatchObject({ role: 'admin', workspaceId: null });
      await Promise.all([first!.close(), second!.close()]);

      const again = await startServer(
        config(dataDirs[dataDirs.indexOf(owner.adminKeyPath.slice(0, -'/admin-key'.length))]!),
      );
      expect(again.createdAdminKey).toBeNull();
      expect(existsSync(again.adminKeyPath)).toBe(true);
      expect((await fetch(`${again.url}/readyz`)).status).toBe(200);
      await again.close();
    } finally {
      await database.drop();
      for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
    }
  });
});
