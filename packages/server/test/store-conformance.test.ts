import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, testDialects } from '../../../test/support/index.js';
import { exportTasks, type ExportField, type ExportFormat } from '../src/store/export/index.js';
import type { Store } from '../src/store/index.js';
import { fetchKeysetPage, type KeysetPage } from '../src/store/pagination.js';
import { lockDataset } from '../src/store/queries/datasets.js';
import { insertJobs, requestAbort } from '../src/store/queries/jobs.js';
import {
  findTask,
  insertTasksAtomically,
  listTasks,
  type TaskFilter,
  type TaskRow,
} from '../src/store/queries/tasks.js';
import {
  batchRowIdRange,
  countRows,
  createRowsTable,
  deleteBatchRowRange,
  insertRowChunk,
  lockRowsTable,
  queryRows,
  type RowColumn,
  type RowFilter,
  type StoredValue,
} from '../src/store/rows/index.js';
import { claimJobs } from '../src/store/sql/claimJobs.js';
import { completeJobs, failJob } from '../src/store/sql/finishJobs.js';
import { jobRow, PROJECT, seedDataset, seedProject, T0, taskRow, WORKSPACE } from './store-fixtures.js';

/**
 * One suite for every backend, against the store's own functions (no HTTP): what the rest of the
 * server relies on the store for must hold the same on SQLite and PostgreSQL (River's
 * riverdrivertest, for our two dialects).
 */
describe.each(testDialects())('store conformance on %s', (dialect) => {
  let store: Store;
  let drop: () => Promise<void>;
  const workspaceId = WORKSPACE;
  const projectId = PROJECT;

  beforeAll(async () => {
    const created = await createTestStore(dialect);
    // The same module at run time (vitest resolves @batchyard/server to src/); the type checker
    // sees the package's built types, which are not the src/ ones this suite reaches into.
    store = created.store as unknown as Store;
    drop = created.drop;
    await seedProject(store.db);
  });
  afterAll(async () => {
    await drop?.();
  });

  // ---- Jobs (store/sql) ----------------------------------------------------------------------

  const job = jobRow;
  const claim = (type: string, limit: number, owner = 'owner-a') =>
    claimJobs(store, { types: [type], workspaceId: null, limit, owner, leaseMs: 60_000 });

  it('claims due jobs in priority order under a lease, each once', async () => {
    const low = job({ type: 'conf.claim', priority: 0 });
    const high = job({ type: 'conf.claim', priority: 5 });
    const later = job({ type: 'conf.claim', priority: 9, run_at: Date.now() + 3_600_000 });
    await insertJobs(store, store.db, [low, high, later]);
    // Each row learns the numeric id it was stored with (taken first on SQLite, RETURNING on PostgreSQL).
    const numbers = [low, high, later].map((j) => j.numeric_id!);
    expect(numbers[1]).toBe(numbers[0]! + 1);
    expect(numbers[2]).toBe(numbers[0]! + 2);
    const stored = await store.db
      .selectFrom('jobs')
      .select(['id', 'numeric_id'])
      .where('id', '=', high.id)
      .execute();
    expect(stored).toEqual([{ id: high.id, numeric_id: numbers[1] }]);
    const first = await claim('conf.claim', 1);
    expect(first.map((j) => j.id)).toEqual([high.id]);
    expect(first[0]).toMatchObject({ status: 'running', attempt: 1, lease_owner: 'owner-a' });
    expect(first[0]!.lease_expires_at).toBeGreaterThan(Date.now());
    const rest = await claim('conf.claim', 5, 'owner-b');
    // The job not yet due stays queued; the one claimed already is not handed out twice.
    expect(rest.map((j) => j.id)).toEqual([low.id]);
  });

  it('completes held jobs only for their owner, and an abort asked for wins', async () => {
    const [a, b, c] = [job({ type: 'conf.done' }), job({ type: 'conf.done' }), job({ type: 'conf.done' })];
    await insertJobs(store, store.db, [a, b, c]);
    await claim('conf.done', 3);
    await store.db.updateTable('jobs').set({ abort_requested: 1 }).where('id', '=', b.id).execute();
    expect(await completeJobs(store, 'someone-else', [{ id: a.id, result: '{}' }])).toEqual([]);
    const ended = await completeJobs(store, 'owner-a', [
      { id: a.id, result: '{"n":1}' },
      { id: b.id, result: '{"n":2}' },
    ]);
    expect(ended.sort((x, y) => x.id.localeCompare(y.id))).toEqual([
      { id: a.id, status: 'succeeded' },
      { id: b.id, status: 'aborted' },
    ]);
    const rows = await store.db
      .selectFrom('jobs')
      .select(['id', 'status', 'result'])
      .where('id', 'in', [a.id, b.id, c.id])
      .orderBy('id')
      .execute();
    expect(rows.map((r) => [r.status, r.result === null ? null : JSON.parse(r.result)])).toEqual([
      ['succeeded', { n: 1 }],
      ['aborted', null],
      ['running', null],
    ]);
  });

  it('fails a job: back to the queue after a backoff while attempts last, then failed', async () => {
    const j = job({ type: 'conf.fail', max_attempts: 2 });
    await insertJobs(store, store.db, [j]);
    await claim('conf.fail', 1);
    const error = JSON.stringify({ code: 'boom', message: 'ünïcode "quoted"' });
    expect(await failJob(store, 'owner-a', { id: j.id, error, retryable: true })).toEqual({
      status: 'queued',
    });
    const queued = await store.db
      .selectFrom('jobs')
      .selectAll()
      .where('id', '=', j.id)
      .executeTakeFirstOrThrow();
    // base 1,000 ms · 2^0 · (0.5 + random/2): between half a second and a second from now.
    expect(queued.run_at - Date.now()).toBeGreaterThan(0);
    expect(queued.run_at - Date.now()).toBeLessThanOrEqual(1000);
    await store.db.updateTable('jobs').set({ run_at: T0 }).where('id', '=', j.id).execute();
    await claim('conf.fail', 1);
    expect(await failJob(store, 'owner-a', { id: j.id, error, retryable: true })).toEqual({
      status: 'failed',
    });
    const failed = await store.db
      .selectFrom('jobs')
      .selectAll()
      .where('id', '=', j.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(failed.error!)).toEqual(JSON.parse(error));
    expect(failed.attempt).toBe(2);
  });

  it('aborts a queued job at once, writing its error as JSON', async () => {
    const j = job({ type: 'conf.abort' });
    await insertJobs(store, store.db, [j]);
    const row = await requestAbort(store, j.id, JSON.stringify({ code: 'aborted', by: 'me' }));
    expect(row?.status).toBe('aborted');
    expect(JSON.parse(row!.error!)).toEqual({ code: 'aborted', by: 'me' });
    expect(await requestAbort(store, j.id, '{}')).toBeUndefined();
  });

  // ---- Keyset pagination ---------------------------------------------------------------------

  it('pages with a keyset in mixed directions without skipping or repeating a row', async () => {
    const jobs = Array.from({ length: 7 }, (_, i) => job({ type: 'conf.page', priority: i % 3 }));
    await insertJobs(store, store.db, jobs);
    const sort = [
      { column: 'priority', direction: 'desc' as const },
      { column: 'id', direction: 'asc' as const },
    ];
    const seen: string[] = [];
    let after: unknown[] | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const page: KeysetPage<{ id: string; priority: number }> = await fetchKeysetPage(
        store.db.selectFrom('jobs').select(['id', 'priority']).where('type', '=', 'conf.page'),
        sort,
        after,
        3,
      );
      seen.push(...page.rows.map((r) => r.id));
      if (!page.hasMore) break;
      const last = page.rows.at(-1)!;
      after = [last.priority, last.id];
    }
    const expected = [...jobs]
      .sort((a, b) => b.priority - a.priority || a.id.localeCompare(b.id))
      .map((j) => j.id);
    expect(seen).toEqual(expected);
  });

  // ---- Dataset rows --------------------------------------------------------------------------

  const columns: RowColumn[] = [
    { id: 'c1', type: 'text' },
    { id: 'c2', type: 'numeric' },
    { id: 'c3', type: 'boolean' },
    { id: 'c4', type: 'json' },
    { id: 'c5', type: 'date' },
  ];
  const [text, numeric, boolean] = columns as [RowColumn, RowColumn, RowColumn];
  const table = `rows_conf_${dialect}`;
  const datasetId = `ds_conf_${dialect}`;
  const batchIds: string[] = [];
  const sample: StoredValue[][] = [
    ['Alpha', 1.5, true, '{"a":[1,2]}', '2024-01-01'],
    ['beta', -2, false, '{"b":"ü"}', '2024-02-01'],
    ['GAMMA', null, null, null, null],
    ['alphabet', 1e15, true, '[]', '2024-03-01'],
  ];

  it('creates a rows table and writes a chunk with its batch bookkeeping', async () => {
    batchIds.push(`bat_conf_${dialect}_one`, `bat_conf_${dialect}_two`);
    await seedDataset(store.db, datasetId, table, columns, batchIds);
    await createRowsTable(store, store.db, table, columns);
    const ids = columns.map((c) => c.id);
    await insertRowChunk(store, table, ids, sample, {
      batchId: batchIds[0]!,
      addRows: 4,
      addErrors: 1,
      resume: '{"at":4}',
    });
    await insertRowChunk(store, table, ids, sample.slice(0, 2), {
      batchId: batchIds[1]!,
      addRows: 2,
      addErrors: 0,
      resume: null,
    });
    const batch = await store.db
      .selectFrom('batches')
      .selectAll()
      .where('id', '=', batchIds[0]!)
      .executeTakeFirstOrThrow();
    expect(batch).toMatchObject({ row_count: 4, error_count: 1 });
    // JSON columns come back as JSON text: jsonb's own spacing on PostgreSQL, as written on SQLite.
    expect(JSON.parse(batch.resume!)).toEqual({ at: 4 });
    expect(await countRows(store, table, { kind: 'active', datasetId })).toBe(6);
  });

  it('reads rows back in storage form, with batch ids for keys', async () => {
    const page = await queryRows(store, {
      table,
      scope: { kind: 'batches', batchIds: [batchIds[0]!] },
      filters: [],
      columns,
      sort: { column: null, direction: 'asc' },
      after: null,
      limit: 10,
    });
    expect(page.hasMore).toBe(false);
    expect(page.rows.map((r) => r._batch)).toEqual(Array(4).fill(batchIds[0]));
    const values = page.rows.map((r) => [
      r.c1,
      r.c2,
      r.c3 === null ? null : Boolean(r.c3),
      r.c4 === null ? null : JSON.parse(r.c4 as string),
      r.c5,
    ]);
    expect(values).toEqual(
      sample.map((s) => [s[0], s[1], s[2], s[3] === null ? null : JSON.parse(s[3] as string), s[4]]),
    );
  });

  it('filters rows the same way: case-insensitive like, booleans, in, != keeps missing values', async () => {
    const count = (filters: RowFilter[], conjunction: 'and' | 'or' = 'and') =>
      countRows(store, table, { kind: 'batches', batchIds: [batchIds[0]!] }, filters, conjunction);
    expect(await count([{ column: text, operator: 'like', value: 'alpha%' }])).toBe(2);
    expect(await count([{ column: boolean, operator: '=', value: true }])).toBe(2);
    expect(await count([{ column: boolean, operator: '!=', value: true }])).toBe(2);
    expect(await count([{ column: text, operator: 'in', value: ['beta', 'GAMMA', null] }])).toBe(2);
    expect(await count([{ column: numeric, operator: '>', value: 0 }])).toBe(2);
    expect(await count([{ column: numeric, operator: '=', value: null }])).toBe(1);
    expect(
      await count(
        [
          { column: numeric, operator: '<', value: 0 },
          { column: text, operator: '=', value: 'GAMMA' },
        ],
        'or',
      ),
    ).toBe(2);
  });

  it('pages rows by a sort column with missing values last, in either direction', async () => {
    for (const direction of ['asc', 'desc'] as const) {
      const seen: unknown[] = [];
      let after: { value: StoredValue; id: number } | null = null;
      for (;;) {
        const page = await queryRows(store, {
          table,
          scope: { kind: 'active', datasetId },
          filters: [],
          columns,
          sort: { column: numeric, direction },
          after,
          limit: 2,
        });
        seen.push(...page.rows.map((r) => r.c2));
        if (!page.hasMore) break;
        const last = page.rows.at(-1)!;
        after = { value: last.c2 as StoredValue, id: last._id };
      }
      const numbers = [1.5, -2, 1e15, 1.5, -2].sort((a, b) => (direction === 'asc' ? a - b : b - a));
      expect(seen).toEqual([...numbers, null]);
    }
  });

  it('takes a batch scope of many ids as one list parameter', async () => {
    const many = [...Array.from({ length: 700 }, (_, i) => `bat_missing_${i}`), batchIds[1]!];
    expect(await countRows(store, table, { kind: 'batches', batchIds: many })).toBe(2);
  });

  it('locks a rows table in a transaction, then finds and deletes a batch by row-id range', async () => {
    await store.transaction(async (trx) => {
      await lockRowsTable(store, trx, table);
      expect(await lockDataset(store, trx, datasetId)).toMatchObject({ id: datasetId });
    });
    const range = await batchRowIdRange(store, store.db, table, batchIds[1]!);
    expect(range).not.toBeNull();
    expect(range!.max - range!.min).toBe(1);
    expect(await deleteBatchRowRange(store.db, table, batchIds[1]!, range!.min - 1, range!.max)).toBe(2);
    expect(await batchRowIdRange(store, store.db, table, batchIds[1]!)).toBeNull();
  });

  // ---- Tasks ---------------------------------------------------------------------------------

  const taskBatch = `bat_conf_tasks_${dialect}`;
  const task = (name: string, data: unknown, over: Partial<TaskRow> = {}) =>
    taskRow(taskBatch, name, data, over);
  const filter = (over: Partial<TaskFilter> = {}): TaskFilter => ({
    projectId,
    workspaceId,
    batchIds: [taskBatch],
    conditions: [],
    ...over,
  });
  const names = async (f: TaskFilter) =>
    (await listTasks(store, f, false, [{ column: 'id', direction: 'asc' }], null, 100)).rows.map(
      (r) => r.name,
    );

  it('inserts tasks in bulk, skipping names the batch holds, with the audit entry', async () => {
    await seedDataset(store.db, `ds_conf_tasks_${dialect}`, `rows_conf_tasks_${dialect}`, [], [taskBatch]);
    const rows = [
      task(
        'apple',
        { n: 3, kind: 'fruit', ok: true, nested: { deep: 'x' } },
        { score: 0.5, custom: '{"tag":"a"}' },
      ),
      task('banana', { n: 10, kind: 'fruit', ok: false }, { score: 1e-7 }),
      task('Carrot', { m: '10', kind: 'veg' }, { created_by: 'key_1' }),
      task('date', { n: 2.5, kind: 'fruit', text: 'say "hi"\n' }, { initial_data: '{}' }),
    ];
    const audit = {
      id: `aud_conf_${dialect}`,
      workspace_id: workspaceId,
      actor_kind: 'key' as const,
      actor_id: 'key_1',
      actor_name: 'k',
      action: 'tasks.create',
      resource_type: 'batch',
      resource_id: taskBatch,
      request_id: null,
      summary: '{"batch":"b"}',
      created_at: T0,
    };
    expect([...(await insertTasksAtomically(store, rows, audit))].sort()).toEqual(rows.map((r) => r.id));
    const again = task('apple', { n: 0 });
    expect((await insertTasksAtomically(store, [again])).size).toBe(0);
    const entry = await store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '=', audit.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.summary)).toEqual({ batch: 'b', created: 4 });
  });

  it('filters tasks by JSON paths (numbers, strings, booleans, nested), like, in and name patterns', async () => {
    const on = (target: 'data' | 'custom', path: string[], operator: string, value: unknown) =>
      filter({ conditions: [{ target, path, operator: operator as never, value: value as never }] });
    expect(await names(on('data', ['n'], '>', 2))).toEqual(['apple', 'banana', 'date']);
    expect(await names(on('data', ['n'], '<=', 3))).toEqual(['apple', 'date']);
    expect(await names(on('data', ['m'], '=', '10'))).toEqual(['Carrot']);
    expect(await names(on('data', ['n'], '=', 10))).toEqual(['banana']);
    expect(await names(on('data', ['ok'], '=', true))).toEqual(['apple']);
    expect(await names(on('data', ['kind'], 'in', ['veg', 'nothing']))).toEqual(['Carrot']);
    // Ordering compares values of one JSON type only: a string is never above a number.
    expect(await names(on('data', ['m'], '>', 5))).toEqual([]);
    expect(await names(on('data', ['m'], '>', '09'))).toEqual(['Carrot']);
    expect(await names(on('data', ['n'], '<', 'z'))).toEqual([]);
    expect(await names(on('data', ['ok'], '>', false))).toEqual(['apple']);
    expect(await names(on('data', ['n'], '>=', false))).toEqual([]);
    expect(await names(on('data', ['kind'], 'like', 'FRU%'))).toEqual(['apple', 'banana', 'date']);
    expect(await names(on('data', ['nested', 'deep'], '=', 'x'))).toEqual(['apple']);
    expect(await names(on('data', ['kind'], '!=', 'fruit'))).toEqual(['Carrot']);
    expect(await names(on('custom', ['tag'], '=', 'a'))).toEqual(['apple']);
    expect(await names(filter({ nameRegex: '^[a-c]' }))).toEqual(['apple', 'banana']);
    expect(await names(filter({ names: ['date', 'nope'] }))).toEqual(['date']);
  });

  it('keeps JSON and 64-bit millisecond times as they were written', async () => {
    const far = 8_640_000_000_000_000; // the last time a Date holds
    const data = { s: 'ü "q" \\ \u0001', big: 9007199254740991, f: 0.1, arr: [null, true, {}], e: {} };
    const row = task('roundtrip', data, { created_at: far, updated_at: 2 ** 41 + 1, score: -0.125 });
    await insertTasksAtomically(store, [row]);
    const read = (await findTask(store.db, row.id, workspaceId))!;
    expect(JSON.parse(read.data)).toEqual(data);
    expect(read.created_at).toBe(far);
    expect(read.updated_at).toBe(2 ** 41 + 1);
    expect(read.score).toBe(-0.125);
    const [clock] = await store.db.selectNoFrom(store.dialect.nowMs.as('now')).execute();
    expect(Math.abs(Number(clock!.now) - Date.now())).toBeLessThan(5_000);
    await store.db.deleteFrom('tasks').where('id', '=', row.id).execute();
  });

  // ---- Export --------------------------------------------------------------------------------

  const exported = async (format: ExportFormat, fields: ExportField[], f = filter()) => {
    const pieces: Buffer[] = [];
    let rows = 0;
    for await (const piece of exportTasks(store, f, format, fields)) {
      pieces.push(piece.bytes);
      rows += piece.rows;
    }
    return { text: Buffer.concat(pieces).toString(), rows };
  };
  const apiTask = (r: TaskRow) => ({
    id: r.id,
    name: r.name,
    batchId: r.batch_id,
    status: r.status,
    resources: JSON.parse(r.resources) as unknown,
    data: JSON.parse(r.data) as unknown,
    properties: { score: r.score, custom: JSON.parse(r.custom) as unknown },
    createdBy: r.created_by,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  });

  it('exports JSON lines byte for byte as JSON.stringify writes the tasks', async () => {
    const all = await store.db
      .selectFrom('tasks')
      .selectAll()
      .where('batch_id', '=', taskBatch)
      .orderBy('id')
      .execute();
    const fields: ExportField[] = [
      'id',
      'name',
      'batchId',
      'status',
      'resources',
      'data',
      'properties',
      'createdBy',
      'createdAt',
      'updatedAt',
    ];
    const jsonl = await exported('jsonl', fields);
    expect(jsonl.rows).toBe(all.length);
    expect(jsonl.text).toBe(all.map((r) => `${JSON.stringify(apiTask(r))}\n`).join(''));
    const json = await exported('json', ['name', 'createdAt']);
    expect(JSON.parse(json.text)).toEqual(
      all.map((r) => ({ name: r.name, createdAt: new Date(r.created_at).toISOString() })),
    );
    expect(json.text.startsWith('[\n{"name":')).toBe(true);
    expect((await exported('json', ['id'], filter({ names: ['none'] }))).text).toBe('[]\n');
  });

  it('exports CSV with data and custom flattened to a column per key', async () => {
    const csv = await exported('csv', ['name', 'data', 'properties'], filter({ names: ['apple', 'date'] }));
    const [header, ...lines] = csv.text.split('\r\n');
    expect(header).toBe(
      'name,data.kind,data.n,data.nested,data.ok,data.text,properties.score,properties.tag',
    );
    expect(lines).toEqual([
      'apple,fruit,3,"{""deep"":""x""}",true,,0.5,a',
      'date,fruit,2.5,,,"say ""hi""\n",,',
      '',
    ]);
    expect(csv.rows).toBe(2);
  });

  // ---- Errors and types ----------------------------------------------------------------------

  it('tells unique violations from other errors', async () => {
    const duplicate = await store.db
      .insertInto('workspaces')
      .values({ id: 'ws_other', name: 'conf', created_at: T0, updated_at: T0 })
      .execute()
      .catch((error: unknown) => error);
    expect(store.isUniqueViolation(duplicate)).toBe(true);
    const missing = await store.db
      .insertInto('projects')
      .values({
        id: 'prj_x',
        workspace_id: 'ws_missing',
        name: 'x',
        description: null,
        task_schema: null,
        created_at: T0,
        updated_at: T0,
      })
      .execute()
      .catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(Error);
    expect(store.isUniqueViolation(missing)).toBe(false);
    expect(store.isUniqueViolation(new Error('no'))).toBe(false);
  });

  it('says what it is and what differs, without anyone asking its name', () => {
    expect(store.backend).toBe(dialect);
    expect(store.dialect.locksRows).toBe(dialect === 'postgres');
    expect(store.dialect.steps.ingestRows).toBeGreaterThan(0);
  });
});
