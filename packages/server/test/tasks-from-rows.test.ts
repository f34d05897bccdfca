import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Batchyard, BadRequestError, NotFoundError, PermissionDeniedError } from '@batchyard/sdk';
import type { Task, TaskFromRowsResult } from '@batchyard/sdk';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { call, expectProblem, finishedJob, workspaceWithKey } from './helpers.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

describe.each(testDialects())('tasks from a batch’s rows on %s', (dialect) => {
  let server: TestServer;
  let token: string;
  let viewer: string;
  let sdk: Batchyard;
  let projectId: string;
  let datasetId: string;
  let otherBatch: string;

  const api = (method: 'GET' | 'POST', url: string, body?: unknown, as = token) =>
    call(server.app, { method, url, token: as, body });
  const newBatch = async (dataset: string, name: string, rows: unknown[], as = token) => {
    const job = await api('POST', `/v1/datasets/${dataset}/batches`, { name, rows }, as);
    expect(job.status).toBe(202);
    const done = await finishedJob(server.app, as, job.body.id);
    expect(done.status).toBe('succeeded');
    return done.result.batchId as string;
  };
  /** The batch's rows as the rows API answers them (values by column name, row id order). */
  const rowsOf = async (batchId: string) => {
    const res = await api('GET', `/v1/datasets/${datasetId}/rows?limit=1000&sort=_id`);
    expect(res.status).toBe(200);
    return (res.body.data as any[]).filter((r) => r._batchId === batchId);
  };
  const tasksOf = async (batchId: string): Promise<Task[]> => {
    const all: Task[] = [];
    for await (const t of sdk.tasks.list({ projectId, batchIds: [batchId], include: ['data'], limit: 500 }))
      all.push(t);
    return all;
  };
  const run = async (batchId: string, params: Parameters<Batchyard['tasks']['createFromRows']>[1]) => {
    const handle = await sdk.tasks.createFromRows(batchId, params);
    expect(handle.job?.type).toBe('tasks.from_rows');
    const job = await handle.wait();
    expect(job.status).toBe('succeeded');
    return job.result as TaskFromRowsResult;
  };

  const ROWS = [
    {
      name: 'a',
      n: 1.5,
      ok: true,
      day: '2024-03-01',
      meta: { k: [1, 'x'], nested: { z: null } },
      url: 's3://b/a.png',
    },
    { name: 'b', n: 2, ok: false, day: null, meta: null, url: null },
    { name: 'dup', n: 3, ok: true, day: '2024-03-02', meta: [1, 2], url: 's3://b/d1.png' },
    { name: 'dup', n: 4, ok: false, day: '2024-03-03', meta: 'text', url: 's3://b/d2.png' },
    { name: '', n: 5, ok: true, day: '2024-03-04', meta: {}, url: null },
    { name: 'neg', n: -1, ok: true, day: '2024-03-05', meta: {}, url: null },
    { name: 'c', n: 0, ok: null, day: '2024-12-31', meta: 7, url: 'https://x.test/c.jpg' },
  ];

  beforeAll(async () => {
    server = await startTestServer(dialect);
    token = (await workspaceWithKey(server.app, server.adminToken, 'rows-ws')).token;
    const other = (await workspaceWithKey(server.app, server.adminToken, 'rows-other')).token;
    const key = await api('POST', '/v1/keys', { name: 'rows viewer', role: 'viewer' });
    expect(key.status).toBe(201);
    viewer = key.body.token;
    sdk = new Batchyard({ baseUrl: server.url, token });
    const project = await api('POST', '/v1/projects', {
      name: 'from rows',
      // Row "neg" fails it; nulls are allowed where the rows have them.
      taskSchema: { type: 'object', properties: { n: { type: 'number', minimum: 0 } }, required: ['n'] },
    });
    projectId = project.body.id;
    const ds = await api('POST', '/v1/datasets', {
      projectId,
      name: 'typed',
      columns: [
        { name: 'name', type: 'text' },
        { name: 'n', type: 'numeric' },
        { name: 'ok', type: 'boolean' },
        { name: 'day', type: 'date' },
        { name: 'meta', type: 'json' },
        { name: 'url', type: 'text' },
      ],
    });
    expect(ds.status).toBe(201);
    datasetId = ds.body.id;
    // Another workspace's batch, of a dataset with the same columns.
    const otherProject = await api('POST', '/v1/projects', { name: 'elsewhere' }, other);
    const otherDs = await api(
      'POST',
      '/v1/datasets',
      { projectId: otherProject.body.id, name: 'typed', columns: [{ name: 'name', type: 'text' }] },
      other,
    );
    otherBatch = await newBatch(otherDs.body.id, 'theirs', [{ name: 'x' }], other);
  });
  afterAll(async () => server?.close());

  it('creates a task per row with per-row results; data equal to the row values; a second run skips', async () => {
    const batchId = await newBatch(datasetId, 'typed rows', ROWS);
    const result = await run(batchId, { nameColumn: 'name', resourcesColumn: 'url' });
    expect(result).toMatchObject({ batchId, rows: 7, created: 3, skipped: 0, failed: 4 });
    expect(result.failures.map((f) => [f.index, f.name, f.error?.code])).toEqual([
      [2, 'dup', 'duplicate_in_request'],
      [3, 'dup', 'duplicate_in_request'],
      [4, '', 'name_missing'],
      [5, 'neg', 'data_invalid'],
    ]);
    expect(result.failures[3]!.error?.pointer).toBe('/tasks/5/data/n');

    const rows = await rowsOf(batchId);
    expect(rows).toHaveLength(7);
    const tasks = await tasksOf(batchId);
    expect(tasks.map((t) => t.name).sort()).toEqual(['a', 'b', 'c']);
    for (const task of tasks) {
      const row = rows.find((r) => r.name === task.name)!;
      const { _id, _batchId, ...values } = row;
      // Every column, by name, with the rows API's values and types: nothing added or changed.
      expect(task.data).toStrictEqual(values);
      expect(task.resources).toEqual(values.url ? [values.url] : []);
    }
    const a = tasks.find((t) => t.name === 'a')!;
    expect(a.data).toStrictEqual({ ...ROWS[0] });
    expect(tasks.find((t) => t.name === 'c')!.data).toStrictEqual({ ...ROWS[6] });

    // The same rows again, onExisting=skip: every row that made a task is skipped, the others fail again.
    const again = await run(batchId, { nameColumn: 'name', onExisting: 'skip' });
    expect(again).toMatchObject({ rows: 7, created: 0, skipped: 3, failed: 4 });
    // onExisting=error (the default): the existing names are failures.
    const refused = await run(batchId, { nameColumn: 'name' });
    expect(refused).toMatchObject({ rows: 7, created: 0, skipped: 0, failed: 7 });
    expect(refused.failures.filter((f) => f.error?.code === 'name_exists').map((f) => f.name)).toEqual([
      'a',
      'b',
      'c',
    ]);
    expect(await tasksOf(batchId)).toHaveLength(3);

    // The audit log has the creation, as for a create.
    const audit = await api('GET', `/v1/audit-log?resourceId=${batchId}&action=task.create`);
    expect(audit.status).toBe(200);
    expect(audit.body.data.length).toBeGreaterThanOrEqual(1);
  });

  it('names by prefix and row id, copies chosen columns by id or name, skips the schema check when asked', async () => {
    const batchId = await newBatch(datasetId, 'prefixed', ROWS.slice(4));
    const rows = await rowsOf(batchId);
    const result = await run(batchId, { namePrefix: 'row-', dataColumns: ['c2', 'day'], dataCheck: false });
    expect(result).toMatchObject({ rows: 3, created: 3, failed: 0 });
    const tasks = await tasksOf(batchId);
    expect(tasks.map((t) => t.name).sort()).toEqual(rows.map((r) => `row-${r._id}`).sort());
    for (const task of tasks) {
      const row = rows.find((r) => `row-${r._id}` === task.name)!;
      expect(task.data).toStrictEqual({ n: row.n, day: row.day });
      expect(task.resources).toEqual([]);
    }
    // A prefix before the name column's values.
    const named = await run(batchId, {
      nameColumn: 'name',
      namePrefix: 'p-',
      dataColumns: [],
      dataCheck: false,
    });
    expect(named).toMatchObject({ rows: 3, created: 2, failed: 1 });
    expect((await tasksOf(batchId)).map((t) => t.name).sort()).toEqual(
      [...rows.map((r) => `row-${r._id}`), 'p-c', 'p-neg'].sort(),
    );
  });

  it('refuses unknown columns with their pointer, other workspaces with 404, viewers with 403', async () => {
    const batchId = await newBatch(datasetId, 'refusals', ROWS.slice(0, 2));
    const post = (body: unknown, id = batchId, as = token) =>
      api('POST', `/v1/batches/${id}/tasks/from-rows`, body, as);
    expectProblem(await post({ nameColumn: 'nope' }), 400, 'unknown_column', {
      in: 'body',
      pointer: '/nameColumn',
    });
    expectProblem(
      await post({ nameColumn: 'name', dataColumns: ['n', 'ok', 'missing'] }),
      400,
      'unknown_column',
      {
        in: 'body',
        pointer: '/dataColumns/2',
      },
    );
    expectProblem(await post({ nameColumn: 'name', resourcesColumn: 'zzz' }), 400, 'unknown_column', {
      in: 'body',
      pointer: '/resourcesColumn',
    });
    expectProblem(await post({ nameColumn: 'name', resourcesColumn: 'n' }), 400, 'validation_failed', {
      in: 'body',
      pointer: '/resourcesColumn',
    });
    expectProblem(await post({ nameColumn: 'name', dataColumns: ['n', 'N'] }), 400, 'validation_failed', {
      in: 'body',
      pointer: '/dataColumns/1',
    });
    expectProblem(await post({ dataColumns: ['n'] }), 400, 'validation_failed', {
      in: 'body',
      pointer: '/nameColumn',
    });
    expectProblem(await post({ nameColumn: 'name', extra: 1 }), 400, 'validation_failed');
    expectProblem(await post({ nameColumn: 'name' }, otherBatch), 404, 'not_found');
    expectProblem(await post({ nameColumn: 'name' }, 'bat_nothere'), 404, 'not_found');
    expectProblem(await post({ nameColumn: 'name' }, batchId, viewer), 403, 'insufficient_role');

    // The same Idempotency-Key answers with the same job, and starts no second one.
    const once = () =>
      call(server.app, {
        method: 'POST',
        url: `/v1/batches/${batchId}/tasks/from-rows`,
        token,
        body: { nameColumn: 'name', onExisting: 'skip' },
        headers: { 'idempotency-key': 'rows-once' },
      });
    const [k1, k2] = [await once(), await once()];
    expect(k1.status).toBe(202);
    expect(k2.status).toBe(202);
    expect(k2.body.id).toBe(k1.body.id);
    expect((await finishedJob(server.app, token, k1.body.id)).result).toMatchObject({ rows: 2, created: 2 });

    // The SDK's error classes, with the pointer.
    const error = await sdk.tasks
      .createFromRows(batchId, { nameColumn: 'name', dataColumns: ['x'] })
      .catch((e) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.errors[0].pointer).toBe('/dataColumns/0');
    await expect(sdk.tasks.createFromRows(otherBatch, { nameColumn: 'name' })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    const asViewer = new Batchyard({ baseUrl: server.url, token: viewer });
    await expect(asViewer.tasks.createFromRows(batchId, { nameColumn: 'name' })).rejects.toBeInstanceOf(
      PermissionDeniedError,
    );
    // None of the refused requests made a task: only the idempotent run's two are there.
    expect((await tasksOf(batchId)).map((t) => t.name).sort()).toEqual(['a', 'b']);

    // A suspended batch takes no tasks.
    const suspend = await api('POST', `/v1/datasets/${datasetId}/batches/suspend`, { ids: [batchId] });
    expect(suspend.status).toBe(202);
    expect((await finishedJob(server.app, token, suspend.body.id)).status).toBe('succeeded');
    expectProblem(await post({ nameColumn: 'name' }), 409, 'invalid_batch_state');
  });

  it('resumes an aborted job from its checkpoint and never creates a task twice', async () => {
    const count = 10_000;
    const batchId = await newBatch(
      datasetId,
      'large',
      Array.from({ length: count }, (_, i) => ({ name: `r${i}`, n: i })),
    );
    const handle = await sdk.tasks.createFromRows(batchId, { nameColumn: 'name', dataColumns: ['n'] });
    // Aborted once it has done a chunk (or more), then retried: the retry starts from the checkpoint.
    let first: any;
    for (;;) {
      first = (await api('GET', `/v1/jobs/${handle.id}`)).body;
      if (first.status === 'succeeded' || (first.progress?.done ?? 0) > 0) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    const aborted = first.status === 'succeeded' ? first : await handle.abort();
    let result: TaskFromRowsResult;
    if (aborted.status === 'succeeded') {
      // Quicker than the abort (SQLite usually is: its first progress lands after the last chunk).
      result = aborted.result as TaskFromRowsResult;
    } else {
      const mid = await finishedJob(server.app, token, handle.id);
      expect(mid.status).toBe('aborted');
      await handle.retry();
      const done = await handle.wait();
      expect(done.status).toBe('succeeded');
      result = done.result as TaskFromRowsResult;
    }
    expect(result.rows).toBe(count);
    // A chunk cut short before its checkpoint meets its own names again on the retry: name_exists.
    expect(result.created + result.failed).toBe(count);
    expect(result.failures.every((f) => f.error?.code === 'name_exists')).toBe(true);
    const tasks = await tasksOf(batchId);
    expect(tasks).toHaveLength(count);
    expect(new Set(tasks.map((t) => t.name)).size).toBe(count);
  }, 120_000);
});
