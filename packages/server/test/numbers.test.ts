import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { call, expectProblem, finishedJob, workspaceWithKey } from './helpers.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Numbers JSON cannot hold (1e400 parses as Infinity) are refused where they enter, with the
 * pointer of the field, and a non-finite number already stored never turns a read into a 500.
 */
describe.each(testDialects())('non-finite numbers on %s', (dialect) => {
  let server: TestServer;
  let token: string;
  let workerToken: string;
  let projectId: string;
  let batchId: string;

  /** Sends `text` as the raw JSON body (JSON.stringify would turn Infinity into null first). */
  const raw = (method: 'POST' | 'PATCH', url: string, text: string, as = token) =>
    call(server.app, { method, url, token: as, body: text });
  const api = (method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown, as = token) =>
    call(server.app, { method, url, token: as, body });
  let seq = 0;
  const newTask = async (extra: Record<string, unknown> = {}) => {
    const res = await api('POST', `/v1/batches/${batchId}/tasks`, {
      tasks: [{ name: `t${++seq}`, ...extra }],
    });
    expect(res.status).toBe(200);
    return res.body.results[0].id as string;
  };

  beforeAll(async () => {
    server = await startTestServer(dialect);
    token = (await workspaceWithKey(server.app, server.adminToken, 'numbers-ws')).token;
    workerToken = (await api('POST', '/v1/keys', { name: 'w', role: 'worker' })).body.token;
    projectId = (await api('POST', '/v1/projects', { name: 'p' })).body.id;
    const ds = await api('POST', '/v1/datasets', {
      projectId,
      name: 'd',
      columns: [
        { name: 'v', type: 'numeric' },
        { name: 'j', type: 'json' },
      ],
    });
    const job = await api('POST', `/v1/datasets/${ds.body.id}/batches`, { rows: [] });
    batchId = (await finishedJob(server.app, token, job.body.id)).result.batchId;
  });
  afterAll(async () => server?.close());

  it('refuses 1e400 and -1e400 anywhere in a task create, naming the field, and creates nothing', async () => {
    const before = (await api('GET', `/v1/tasks?projectId=${projectId}&limit=1000`)).body.data.length;
    const score = await raw(
      'POST',
      `/v1/batches/${batchId}/tasks`,
      '{"tasks":[{"name":"s","properties":{"score":1e400}}]}',
    );
    expectProblem(score, 400, 'validation_failed', { in: 'body', pointer: '/tasks/0/properties/score' });
    const nested = await raw(
      'POST',
      `/v1/batches/${batchId}/tasks`,
      '{"tasks":[{"name":"ok"},{"name":"d","data":{"a":{"b":[1,2,-1e400]}}}]}',
    );
    expectProblem(nested, 400, 'validation_failed', { in: 'body', pointer: '/tasks/1/data/a/b/2' });
    const custom = await raw(
      'POST',
      `/v1/batches/${batchId}/tasks`,
      '{"tasks":[{"name":"c","properties":{"custom":{"x/y":1e999}}}]}',
    );
    expectProblem(custom, 400, 'validation_failed', {
      in: 'body',
      pointer: '/tasks/0/properties/custom/x~1y',
    });
    expect((await api('GET', `/v1/tasks?projectId=${projectId}&limit=1000`)).body.data).toHaveLength(before);
  });

  it('refuses a non-finite number in a task filter, naming the filter', async () => {
    for (const filter of ['properties.score:gt:1e400', 'data.x:eq:-1e999', 'properties.score:in:[1,1e400]']) {
      const res = await api('GET', `/v1/tasks?projectId=${projectId}&filter=${encodeURIComponent(filter)}`);
      expectProblem(res, 400, 'validation_failed', { in: 'query', pointer: '/filter/0' });
      expect(res.body.errors[0].message).toMatch(/finite/);
    }
  });

  it('refuses a non-finite score in a properties update', async () => {
    const id = await newTask({ properties: { score: 1 } });
    const res = await raw('POST', '/v1/tasks/properties', `{"ids":["${id}"],"score":1e400}`);
    expectProblem(res, 400, 'validation_failed', { in: 'body', pointer: '/score' });
    expect((await api('GET', `/v1/tasks/${id}`)).body.properties.score).toBe(1);
  });

  it('refuses a non-finite value in a json column of a batch', async () => {
    const ds = await api('POST', '/v1/datasets', {
      projectId,
      name: 'json-col',
      columns: [{ name: 'j', type: 'json' }],
    });
    const res = await raw('POST', `/v1/datasets/${ds.body.id}/batches`, '{"rows":[{"j":{"n":1e400}}]}');
    expectProblem(res, 400, 'validation_failed', { in: 'body', pointer: '/rows/0/j/n' });
  });

  it('refuses a non-finite sheet value and leaves the sheet as it was', async () => {
    const taskId = await newTask();
    const created = await api('POST', `/v1/tasks/${taskId}/sheet`, {
      columns: [{ id: 'p1', name: 'P1' }],
      rows: [{ id: 'r1', name: 'R1', values: { p1: 2 } }],
    });
    expect(created.status).toBe(201);
    const bad = await raw(
      'PATCH',
      `/v1/tasks/${taskId}/sheet/values`,
      '{"patches":[{"rowId":"r1","colId":"p1","operation":"update","newValue":1e400}]}',
    );
    expectProblem(bad, 400, 'validation_failed', { in: 'body', pointer: '/patches/0/newValue' });
    const sheet = await api('GET', `/v1/tasks/${taskId}/sheet`);
    expect(sheet.status).toBe(200);
    expect(sheet.body.rows[0].values.p1.value).toBe(2);
  });

  it('refuses non-finite counters in a heartbeat and a non-finite result on complete', async () => {
    const type = `ext.numbers${dialect}`;
    const registered = await call(server.app, {
      method: 'PUT',
      url: `/v1/job-types/${type}`,
      token,
      body: { description: 'numbers' },
    });
    expect(registered.status).toBe(200);
    const job = await api('POST', '/v1/jobs', { type, arguments: {} });
    expect(job.status).toBe(202);
    const claimed = await api('POST', '/v1/workers/claim', { types: [type], workerId: 'w1' }, workerToken);
    expect(claimed.body.data[0].id).toBe(job.body.id);

    const beat = await raw(
      'POST',
      `/v1/jobs/${job.body.id}/heartbeat`,
      '{"workerId":"w1","counters":{"pixels":1e400}}',
      workerToken,
    );
    expectProblem(beat, 400, 'validation_failed', { in: 'body', pointer: '/counters/pixels' });
    const done = await raw(
      'POST',
      `/v1/jobs/${job.body.id}/complete`,
      '{"workerId":"w1","result":{"total":-1e400}}',
      workerToken,
    );
    expectProblem(done, 400, 'validation_failed', { in: 'body', pointer: '/result/total' });
    const read = await api('GET', `/v1/jobs/${job.body.id}`);
    expect(read.body.status).toBe('running');
    expect(read.body.counters).toEqual({});
  });

  it('refuses a non-finite number in a task import item, per item', async () => {
    const res = await call(server.app, {
      method: 'POST',
      url: `/v1/batches/${batchId}/tasks/import`,
      token,
      headers: { 'content-type': 'application/x-ndjson' },
      body: '{"name":"imp-ok"}\n{"name":"imp-bad","properties":{"score":1e400}}\n',
    });
    expect(res.status).toBe(202);
    expect(res.body.result).toMatchObject({ created: 1, failed: 1 });
    const names = (await api('GET', `/v1/tasks?projectId=${projectId}&names=imp-ok,imp-bad`)).body.data.map(
      (t: any) => t.name,
    );
    expect(names).toEqual(['imp-ok']);
  });

  it('reads a task whose stored score is not finite (written before this check) without a 500', async () => {
    const id = await newTask({ properties: { score: 3 } });
    const infinity = dialect === 'postgres' ? sql`'Infinity'::double precision` : sql`9e999`;
    await sql`update tasks set score = ${infinity} where id = ${id}`.execute(server.store.db);
    const one = await api('GET', `/v1/tasks/${id}`);
    expect(one.status).toBe(200);
    expect(one.body.properties.score).toBeNull();
    const page = await api('GET', `/v1/tasks?projectId=${projectId}&ids=${id}`);
    expect(page.status).toBe(200);
    expect(page.body.data[0].properties.score).toBeNull();
  });

  it('reads a sheet whose stored value is not finite without a 500', async () => {
    const taskId = await newTask();
    await api('POST', `/v1/tasks/${taskId}/sheet`, {
      columns: [{ id: 'p1', name: 'P1' }],
      rows: [{ id: 'r1', name: 'R1', values: { p1: 2 } }],
    });
    const infinity = dialect === 'postgres' ? sql`'-Infinity'::double precision` : sql`-9e999`;
    await sql`update sheet_values set value = ${infinity} where task_id = ${taskId}`.execute(server.store.db);
    const sheet = await api('GET', `/v1/tasks/${taskId}/sheet`);
    expect(sheet.status).toBe(200);
    expect(sheet.body.rows[0].values.p1.value).toBeNull();
  });
});
