import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, testDialects } from '../../../test/support/index.js';
import { DatabaseArtifactStorage, saveJobArtifact } from '../src/engine/artifacts.js';
import { exportTasks } from '../src/store/export/index.js';
import { openStore, type Store } from '../src/store/index.js';
import { insertJobs } from '../src/store/queries/jobs.js';
import { insertTasksAtomically } from '../src/store/queries/tasks.js';
import { jobRow, PROJECT, seedDataset, seedProject, taskRow, WORKSPACE } from './store-fixtures.js';

/**
 * PostgreSQL: exports stream their tasks through a COPY that holds a connection until the export
 * ends, and store their artifact through other connections meanwhile. More exports at once than
 * the process has pool connections must all end (they hung for good when both came from one pool,
 * and every request of the process with them).
 */
describe.runIf(testDialects().includes('postgres'))('exports at once beyond the pool on PostgreSQL', () => {
  let setup: Store;
  let url: string;
  let drop: () => Promise<void>;
  let small: Store | undefined;
  const job = jobRow({ type: 'tasks.export', status: 'running' });

  beforeAll(async () => {
    const created = await createTestStore('postgres');
    ({ url, drop } = created);
    setup = created.store as unknown as Store;
    await seedProject(setup.db);
    await seedDataset(setup.db, 'ds_exports', 'rows_exports', [], ['bat_exports']);
    await insertJobs(setup, setup.db, [job]);
    // About 1 MB of export: four 256 KB chunks, written while each export's COPY is still open.
    const text = 'x'.repeat(400);
    const rows = Array.from({ length: 2500 }, (_, i) => taskRow('bat_exports', `t-${i}`, { i, text }));
    await insertTasksAtomically(setup, rows, null);
  });
  afterAll(async () => {
    await small?.close();
    await drop?.();
  });

  it('ends six exports started together on a pool of two connections, every artifact whole', async () => {
    small = openStore(url, { poolSize: 2 });
    const store = small;
    const storage = new DatabaseArtifactStorage(store);
    const filter = { projectId: PROJECT, workspaceId: WORKSPACE, conditions: [] };
    const exportOnce = async (i: number) => {
      async function* text() {
        for await (const piece of exportTasks(store, filter, 'jsonl', ['id', 'name', 'data']))
          yield piece.bytes;
      }
      return saveJobArtifact(store, storage, job, `export-${i}.jsonl`, 'application/x-ndjson', text());
    };
    const all = Promise.all(Array.from({ length: 6 }, (_, i) => exportOnce(i)));
    const hung = new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 30_000).unref());
    const saved = await Promise.race([all, hung]);
    expect(saved).not.toBe('hung');
    const sizes = (saved as { size: number }[]).map((s) => s.size);
    expect(sizes[0]).toBeGreaterThan(4 * 256 * 1024);
    expect(new Set(sizes)).toEqual(new Set([sizes[0]]));
    const artifacts = await store.db
      .selectFrom('job_artifacts')
      .select(['id', 'size_bytes'])
      .where('job_id', '=', job.id)
      .execute();
    expect(artifacts.map((a) => a.size_bytes)).toEqual(sizes.map(() => sizes[0]));
    const lines = [];
    for await (const chunk of storage.read(artifacts[0]!.id)) lines.push(chunk as Buffer);
    expect(Buffer.concat(lines).toString().split('\n').length).toBe(2501);
  }, 60_000);
});
