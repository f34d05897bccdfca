import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, testDialects } from '../../../test/support/index.js';
import { EXPORT_FIELD_VALUES, exportTasks, type ExportField } from '../src/store/export/index.js';
import { readerPlan } from '../src/store/export/sqlite.js';
import { openStore, type Store } from '../src/store/index.js';
import { insertTasksAtomically } from '../src/store/queries/tasks.js';
import { PROJECT, seedDataset, seedProject, T0, taskRow, WORKSPACE } from './store-fixtures.js';

/**
 * SQLite: an export past its first page reads the rest on a worker thread with a connection of its
 * own (store/export/sqlite-reader.ts). Its lines must be the main connection's, byte for byte:
 * same SQL functions, same order, every task once.
 */
describe.runIf(testDialects().includes('sqlite'))('SQLite exports read on a thread of their own', () => {
  let store: Store;
  let drop: () => Promise<void>;
  const TASKS = 4_500; // past two pages of 2,000
  const fields = Object.keys(EXPORT_FIELD_VALUES) as ExportField[];
  const filter = { projectId: PROJECT, workspaceId: WORKSPACE, conditions: [] };

  beforeAll(async () => {
    const created = await createTestStore('sqlite');
    ({ drop } = created);
    store = created.store as unknown as Store;
    await seedProject(store.db);
    await seedDataset(store.db, 'ds_reader', 'rows_reader', [], ['bat_reader']);
    // Values whose text SQL alone would write differently: 16-17 digit numbers, exponents,
    // times outside 0000-9999 (the JS_NUMBER and JS_ISO functions the thread registers too).
    const rows = Array.from({ length: TASKS }, (_, i) =>
      taskRow(
        'bat_reader',
        `t-${i}`,
        { i, third: i / 3, big: 1e21 * (i + 1), tiny: 1e-7 * i, text: `"quoted" ünïcode ${i}\n` },
        {
          score: i % 7 === 0 ? null : 0.1 + 0.2 * i,
          custom: JSON.stringify({ k: i % 5 }),
          created_at: i === 17 ? -62198755200001 : T0 + i * 1000,
          updated_at: i === 18 ? 253402300800001 : T0 + i * 1500,
        },
      ),
    );
    await insertTasksAtomically(store, rows, null);
  });
  afterAll(async () => {
    await drop?.();
  });

  const text = async (f: typeof filter & { nameRegex?: string }, format: 'jsonl' | 'json') => {
    const pieces: Buffer[] = [];
    for await (const piece of exportTasks(store, f, format, fields)) pieces.push(piece.bytes);
    return Buffer.concat(pieces).toString();
  };

  it('plans the thread for a file store, and keeps a name pattern (REGEXP) on the main connection', () => {
    const spec = { fields, prefix: '', suffix: '\n' };
    expect(readerPlan(store, filter, spec)).not.toBeNull();
    expect(readerPlan(store, { ...filter, nameRegex: '.*' }, spec)).toBeNull();
  });

  it('writes the main connection’s lines, byte for byte, in id order, every task once', async () => {
    for (const format of ['jsonl', 'json'] as const) {
      const threaded = await text(filter, format);
      // A pattern matching every name keeps the whole export on the main connection.
      const main = await text({ ...filter, nameRegex: '.*' }, format);
      expect(threaded).toBe(main);
      const lines = format === 'jsonl' ? threaded.trimEnd().split('\n') : [];
      const tasks =
        format === 'jsonl'
          ? lines.map((l) => JSON.parse(l) as { id: string; name: string })
          : (JSON.parse(threaded) as { id: string; name: string }[]);
      expect(tasks).toHaveLength(TASKS);
      const ids = tasks.map((t) => t.id);
      expect(new Set(ids).size).toBe(TASKS);
      expect([...ids].sort()).toEqual(ids);
      expect(tasks[4_499]!.name).toBe('t-4499');
    }
  });

  it('stops its thread when the export is dropped half way, and the store still closes', async () => {
    const pieces = exportTasks(store, filter, 'jsonl', fields);
    let seen = 0;
    for await (const piece of pieces) {
      seen += piece.rows;
      if (seen > 2_000) break; // the first page, then one from the thread
    }
    expect(seen).toBe(4_000);
    // The store's own reads go on after it.
    expect((await text(filter, 'jsonl')).split('\n')).toHaveLength(TASKS + 1);
  });

  it('stays on the main connection for an in-memory database', async () => {
    const memory = openStore('sqlite::memory:', { poolSize: 1 });
    try {
      await memory.migrate();
      expect(readerPlan(memory, filter, { fields, prefix: '', suffix: '\n' })).toBeNull();
    } finally {
      await memory.close();
    }
  });
});
