import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { call, expectProblem, finishedJob, workspaceWithKey } from './helpers.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

describe.each(testDialects())('sheets on %s', (dialect) => {
  let server: TestServer;
  let token: string;
  let other: string;
  let datasetId: string;
  let batchId: string;
  let taskSeq = 0;

  const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown, as = token) =>
    call(server.app, { method, url, token: as, body });
  const settle = (job: { id: string }) => finishedJob(server.app, token, job.id);
  const newTask = async () => {
    const res = await api('POST', `/v1/batches/${batchId}/tasks`, { tasks: [{ name: `t${++taskSeq}` }] });
    return res.body.results[0].id as string;
  };
  const columns = [
    {
      id: 'p1',
      name: 'Product 1',
      lots: [
        { id: 'L1', name: 'Lot 1' },
        { id: 'L2', name: 'Lot 2' },
      ],
    },
    { id: 'p2', name: 'Product 2' },
  ];

  beforeAll(async () => {
    server = await startTestServer(dialect);
    token = (await workspaceWithKey(server.app, server.adminToken, 'sheets-ws')).token;
    other = (await workspaceWithKey(server.app, server.adminToken, 'sheets-other')).token;
    const project = await api('POST', '/v1/projects', { name: 'p' });
    const ds = await api('POST', '/v1/datasets', {
      projectId: project.body.id,
      name: 'd',
      columns: [{ name: 'v', type: 'numeric' }],
    });
    datasetId = ds.body.id;
    batchId = (await settle((await api('POST', `/v1/datasets/${datasetId}/batches`, { rows: [] })).body))
      .result.batchId;
  });
  afterAll(async () => server?.close());

  it('creates a sheet once, with columns, lots, rows and values', async () => {
    const taskId = await newTask();
    const created = await api('POST', `/v1/tasks/${taskId}/sheet`, {
      columns,
      rows: [
        { id: 'water', name: 'Water', values: { p1: { value: 10, lots: { L1: 4, L2: 6 } }, p2: 3 } },
        { name: 'Salt' },
      ],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      taskId,
      size: 2,
      lastKey: null,
      columns: [
        {
          id: 'p1',
          name: 'Product 1',
          lots: [
            { id: 'L1', name: 'Lot 1' },
            { id: 'L2', name: 'Lot 2' },
          ],
        },
        { id: 'p2', name: 'Product 2', lots: [] },
      ],
      rows: [
        {
          id: 'water',
          name: 'Water',
          key: '1',
          values: { p1: { value: 10, lots: { L1: 4, L2: 6 } }, p2: { value: 3, lots: {} } },
        },
        { id: 'row2', name: 'Salt', key: '2', values: {} },
      ],
    });
    expectProblem(await api('POST', `/v1/tasks/${taskId}/sheet`, { columns }), 409, 'sheet_exists');
    expectProblem(await api('GET', `/v1/tasks/${taskId}/sheet`, undefined, other), 404, 'not_found');
    expectProblem(
      await api('POST', `/v1/tasks/${await newTask()}/sheet`, {
        columns,
        rows: [{ name: 'x', values: { p9: 1 } }],
      }),
      400,
      'validation_failed',
      { in: 'body', pointer: '/rows/0/values/p9' },
    );
    expectProblem(
      await api('POST', `/v1/tasks/${await newTask()}/sheet`, { columns: [] }),
      400,
      'validation_failed',
      { in: 'body', pointer: '/columns' },
    );
    expectProblem(await api('GET', `/v1/tasks/${await newTask()}/sheet`), 404, 'not_found');
  });

  it('reads rows with key pagination in both orders', async () => {
    const taskId = await newTask();
    const rows = Array.from({ length: 25 }, (_, i) => ({
      id: `r${i + 1}`,
      name: `Row ${i + 1}`,
      values: { p2: i },
    }));
    await api('POST', `/v1/tasks/${taskId}/sheet`, { columns, rows });
    const walk = async (order: string) => {
      const ids: string[] = [];
      let startKey: string | null = null;
      let pages = 0;
      do {
        const res: any = await api(
          'GET',
          `/v1/tasks/${taskId}/sheet?limit=10&order=${order}${startKey ? `&startKey=${startKey}` : ''}`,
        );
        expect(res.status).toBe(200);
        expect(res.body.size).toBe(25);
        ids.push(...res.body.rows.map((r: any) => r.id));
        startKey = res.body.lastKey;
        pages++;
      } while (startKey);
      expect(pages).toBe(3);
      return ids;
    };
    const asc = await walk('asc');
    expect(asc).toEqual(rows.map((r) => r.id));
    expect(await walk('desc')).toEqual([...asc].reverse());
    const added = await api('PATCH', `/v1/tasks/${taskId}/sheet`, {
      addRows: [{ name: 'Late' }],
      addColumns: [{ id: 'p3', name: 'Product 3' }],
      addLots: [{ columnId: 'p2', lots: [{ id: 'X', name: 'Lot X' }] }],
    });
    expect(added.body.size).toBe(26);
    expect(added.body.columns.map((c: any) => [c.id, c.lots.length])).toEqual([
      ['p1', 2],
      ['p2', 1],
      ['p3', 0],
    ]);
    const last = await api('GET', `/v1/tasks/${taskId}/sheet?order=desc&limit=1`);
    expect(last.body.rows[0]).toMatchObject({ id: 'row26', name: 'Late', key: '26' });
    expectProblem(await api('GET', `/v1/tasks/${taskId}/sheet?startKey=abc`), 400, 'validation_failed', {
      in: 'query',
      pointer: '/startKey',
    });
    expectProblem(
      await api('PATCH', `/v1/tasks/${taskId}/sheet`, { addRows: [{ id: 'r1', name: 'again' }] }),
      400,
      'validation_failed',
      { in: 'body', pointer: '/addRows/0/id' },
    );
  });

  it('patches values atomically; a stale oldValue applies nothing', async () => {
    const taskId = await newTask();
    await api('POST', `/v1/tasks/${taskId}/sheet`, {
      columns,
      rows: [
        { id: 'a', name: 'A', values: { p1: 5 } },
        { id: 'b', name: 'B' },
      ],
    });
    const cell = async (row: string, col: string) =>
      (await api('GET', `/v1/tasks/${taskId}/sheet`)).body.rows.find((r: any) => r.id === row).values[col];
    const patch = (patches: unknown[]) => api('PATCH', `/v1/tasks/${taskId}/sheet/values`, { patches });

    const ok = await patch([
      { rowId: 'a', colId: 'p1', operation: 'update', oldValue: 5, newValue: 7 },
      { rowId: 'a', colId: 'p1', lotId: 'L1', operation: 'add', newValue: 2 },
      { rowId: 'b', colId: 'p2', operation: 'add', newValue: 1 },
    ]);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ applied: 3 });
    expect(await cell('a', 'p1')).toEqual({ value: 7, lots: { L1: 2 } });

    const stale = await patch([
      { rowId: 'b', colId: 'p2', operation: 'update', newValue: 100 },
      { rowId: 'a', colId: 'p1', operation: 'update', oldValue: 5, newValue: 9 },
    ]);
    expectProblem(stale, 409, 'stale_value', { in: 'body', pointer: '/patches/1/oldValue' });
    expect(await cell('b', 'p2')).toEqual({ value: 1, lots: {} }); // the first patch was not applied either

    expectProblem(
      await patch([{ rowId: 'b', colId: 'p2', operation: 'add', newValue: 1 }]),
      409,
      'value_exists',
    );
    expectProblem(await patch([{ rowId: 'b', colId: 'p1', operation: 'delete' }]), 409, 'value_missing');
    expectProblem(
      await patch([{ rowId: 'z', colId: 'p1', operation: 'add', newValue: 1 }]),
      400,
      'validation_failed',
      { in: 'body', pointer: '/patches/0/rowId' },
    );
    expectProblem(
      await patch([{ rowId: 'a', colId: 'p2', lotId: 'L1', operation: 'add', newValue: 1 }]),
      400,
      'validation_failed',
      { in: 'body', pointer: '/patches/0/lotId' },
    );
    expectProblem(await patch([{ rowId: 'a', colId: 'p2', operation: 'add' }]), 400, 'validation_failed', {
      in: 'body',
      pointer: '/patches/0/newValue',
    });
    expectProblem(
      await patch([{ rowId: 'a', colId: 'p2', operation: 'merge', newValue: 1 }]),
      400,
      'validation_failed',
    );

    const deleted = await patch([{ rowId: 'a', colId: 'p1', lotId: 'L1', operation: 'delete', oldValue: 2 }]);
    expect(deleted.status).toBe(200);
    expect(await cell('a', 'p1')).toEqual({ value: 7, lots: {} });
  });

  it('refuses changes while the batch is suspended', async () => {
    const taskId = await newTask();
    await api('POST', `/v1/tasks/${taskId}/sheet`, { columns, rows: [{ id: 'a', name: 'A' }] });
    await settle((await api('POST', `/v1/datasets/${datasetId}/batches/suspend`, { ids: [batchId] })).body);
    expectProblem(
      await api('PATCH', `/v1/tasks/${taskId}/sheet/values`, {
        patches: [{ rowId: 'a', colId: 'p2', operation: 'add', newValue: 1 }],
      }),
      409,
      'invalid_batch_state',
    );
    expect((await api('GET', `/v1/tasks/${taskId}/sheet`)).status).toBe(200);
    await settle((await api('POST', `/v1/datasets/${datasetId}/batches/restore`, { ids: [batchId] })).body);
  });
});
