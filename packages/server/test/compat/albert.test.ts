import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDialects, type TestServer } from '../../../../test/support/index.js';
import { call, finishedJob, workspaceWithKey } from '../helpers.js';

const tas = (taskId: string) => `TAS${taskId.slice('tsk_'.length).toUpperCase()}`;

/** Asserts Albert's error: this status, `{"errors": [message]}` as a JSON object; returns the message. */
function albertError(response: Awaited<ReturnType<typeof call>>, status: number): string {
  expect({ status: response.status, type: response.headers['content-type'] }).toEqual({
    status,
    type: expect.stringMatching(/^application\/json/),
  });
  expect(Object.keys(response.body)).toEqual(['errors']);
  expect(response.body.errors).toEqual([expect.any(String)]);
  return response.body.errors[0] as string;
}

describe.each(testDialects())('Albert adapter on %s', (dialect) => {
  let server: TestServer;
  let token: string;
  let viewer: string;
  let otherToken: string;
  let taskId: string;
  let otherTaskId: string;
  let workspaceId: string;

  const as = (who: string | undefined) => (method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown) =>
    call(server.app, { method, url, token: who, body });
  const albert = (method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown) =>
    as(token)(method, url, body);
  const sheet = async (id = taskId, who = token) =>
    (await call(server.app, { method: 'GET', url: `/v1/tasks/${id}/sheet?limit=1000`, token: who })).body;

  let projects = 0;
  async function newTask(who: string): Promise<string> {
    const api = as(who);
    const project = await api('POST', '/v1/projects', { name: `p${++projects}` });
    const ds = await api('POST', '/v1/datasets', {
      projectId: project.body.id,
      name: 'd',
      columns: [{ name: 'v', type: 'numeric' }],
    });
    const job = await api('POST', `/v1/datasets/${ds.body.id}/batches`, { rows: [] });
    const batchId = (await finishedJob(server.app, who, job.body.id)).result.batchId;
    const made = await api('POST', `/v1/batches/${batchId}/tasks`, { tasks: [{ name: 't' }] });
    return made.body.results[0].id as string;
  }

  beforeAll(async () => {
    server = await startTestServer(dialect);
    const ws = await workspaceWithKey(server.app, server.adminToken, 'albert-ws');
    token = ws.token;
    workspaceId = ws.workspace.id;
    const viewerKey = await call(server.app, {
      method: 'POST',
      url: '/v1/keys',
      token: server.adminToken,
      body: { name: 'viewer', role: 'viewer', workspaceId: ws.workspace.id },
    });
    viewer = viewerKey.body.token;
    otherToken = (await workspaceWithKey(server.app, server.adminToken, 'albert-other')).token;
    taskId = await newTask(token);
    otherTaskId = await newTask(otherToken);
    await as(token)('POST', `/v1/tasks/${taskId}/sheet`, {
      columns: [{ id: 'COL1', name: 'Product 1', lots: [{ id: 'LOT1', name: 'Lot 1' }] }],
      rows: [{ id: 'ROW1', name: 'Water', values: { COL1: 10 } }],
    });
    await as(otherToken)('POST', `/v1/tasks/${otherTaskId}/sheet`, {
      columns: [{ id: 'COL1', name: 'Theirs', lots: [{ id: 'LOT1', name: 'Lot 1' }] }],
      rows: [{ id: 'ROW1', name: 'Theirs', values: { COL1: 5 } }],
    });
  });
  afterAll(async () => server?.close());

  it('answers at the root and under /compat/albert, with the same BatchData', async () => {
    const root = await albert('GET', `/api/v3/batchdata?id=${tas(taskId)}&type=taskId&orderBy=asc`);
    const prefixed = await albert('GET', `/compat/albert/api/v3/batchdata?id=${tas(taskId)}`);
    expect(root.status).toBe(200);
    expect(root.body).toMatchObject({
      albertId: tas(taskId),
      size: 1,
      lastKey: null,
      status: 'active',
      Product: [{ id: 'COL1', colId: 'COL1', name: 'Product 1', Lots: [{ id: 'LOT1', name: 'Lot 1' }] }],
      Rows: [
        {
          rowId: 'ROW1',
          name: 'Water',
          Values: [{ colId: 'COL1', value: '10', type: 'INV' }],
          ChildRows: [],
        },
      ],
    });
    expect(prefixed.body).toEqual(root.body);
  });

  it('refuses bad amounts with a 400 naming them, and changes nothing', async () => {
    const before = await sheet();
    for (const bad of [
      'ten',
      '',
      'NaN',
      'Infinity',
      '1e999',
      '0x10',
      '1,5',
      ' 1',
      '0.10000000000000000001',
    ]) {
      const res = await albert('PATCH', `/api/v3/batchdata/${tas(taskId)}/values`, [
        { Id: { rowId: 'ROW1', colId: 'COL1' }, data: [{ operation: 'add', lotId: 'LOT1', newValue: '3' }] },
        {
          Id: { rowId: 'ROW1', colId: 'COL1' },
          data: [{ operation: 'update', newValue: bad, oldValue: '10' }],
        },
      ]);
      const message = albertError(res, 400);
      expect(message, bad).toContain('1/data/0/newValue');
    }
    expect(await sheet()).toEqual(before);
  });

  it('refuses malformed bodies in Albert shape: not JSON, not an array, unknown fields, too many', async () => {
    const url = `/api/v3/batchdata/${tas(taskId)}/values`;
    const before = await sheet();
    albertError(await albert('PATCH', url, '{"Id":'), 400);
    albertError(await albert('PATCH', url, { Id: { rowId: 'ROW1' } }), 400);
    albertError(await albert('PATCH', url, [{ Id: { rowId: 'ROW1', colId: 'COL1', x: 1 }, data: [] }]), 400);
    albertError(
      await albert('PATCH', url, [{ Id: { rowId: 'ROW1' }, data: [{ operation: 'delete' }] }]),
      400,
    );
    const many = Array.from({ length: 1001 }, () => ({
      Id: { rowId: 'ROW1', colId: 'COL1' },
      data: [{ operation: 'add', newValue: '1' }],
    }));
    albertError(await albert('PATCH', url, many), 400);
    let nested: unknown = [];
    for (let i = 0; i < 2000; i++) nested = [nested];
    albertError(await albert('PATCH', url, nested), 400);
    albertError(await albert('POST', '/api/v3/batchdata', [{ parentId: tas(taskId) }]), 400);
    albertError(await albert('GET', `/api/v3/batchdata?id=${tas(taskId)}&limit=0`), 400);
    albertError(await albert('GET', `/api/v3/batchdata?id=${tas(taskId)}&startKey=abc`), 400);
    albertError(await albert('GET', `/api/v3/batchdata?id=${tas(taskId)}&type=inventoryId`), 400);
    expect(await sheet()).toEqual(before);
  });

  it("another workspace's task, a native id and a malformed id are Albert's 404", async () => {
    const theirs = await sheet(otherTaskId, otherToken);
    for (const id of [tas(otherTaskId), otherTaskId, taskId, 'TAS1', 'TAS' + 'I'.repeat(26)]) {
      const get = await albert('GET', `/api/v3/batchdata?id=${encodeURIComponent(id)}`);
      expect(albertError(get, 404), id).toMatch(/was not found/);
      albertError(await albert('POST', '/api/v3/batchdata', { parentId: id }), 404);
      const patch = await albert('PATCH', `/api/v3/batchdata/${encodeURIComponent(id)}/values`, [
        { Id: { rowId: 'ROW1', colId: 'COL1' }, data: [{ operation: 'update', newValue: '1' }] },
      ]);
      albertError(patch, 404);
    }
    expect(await sheet(otherTaskId, otherToken)).toEqual(theirs);
  });

  it('missing or wrong credentials are 401 in Albert shape; a viewer reads but cannot write', async () => {
    const url = `/api/v3/batchdata?id=${tas(taskId)}`;
    albertError(await as(undefined)('GET', url), 401);
    albertError(await as('byk_not-a-key')('GET', url), 401);
    albertError(
      await call(server.app, { method: 'GET', url, headers: { authorization: `Basic ${token}` } }),
      401,
    );
    expect((await as(viewer)('GET', url)).status).toBe(200);
    const before = await sheet();
    const write = await as(viewer)('PATCH', `/api/v3/batchdata/${tas(taskId)}/values`, [
      { Id: { rowId: 'ROW1', colId: 'COL1' }, data: [{ operation: 'update', newValue: '1' }] },
    ]);
    albertError(write, 403);
    albertError(await as(viewer)('POST', '/api/v3/batchdata', { parentId: tas(otherTaskId) }), 403);
    expect(await sheet()).toEqual(before);
  });

  it('the token endpoint issues a working token for an API client and never echoes the secret', async () => {
    const made = await call(server.app, {
      method: 'POST',
      url: '/v1/clients',
      token: server.adminToken,
      body: { name: 'albert client', role: 'editor', workspaceId },
    });
    expect(made.status).toBe(201);
    const form = (body: string) =>
      server.app.inject({
        method: 'POST',
        url: '/api/v3/login/oauth/token',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: body,
      });
    const secret = made.body.clientSecret as string;
    const ok = await form(
      `grant_type=client_credentials&client_id=${made.body.id}&client_secret=${encodeURIComponent(secret)}`,
    );
    expect(ok.statusCode).toBe(200);
    const issued = ok.json();
    expect(issued).toEqual({
      issued_token_type: 'access_token',
      token_type: 'Bearer',
      access_token: expect.any(String),
      refresh_token: '',
      expires_in: expect.any(Number),
    });
    const read = await as(issued.access_token)('GET', `/api/v3/batchdata?id=${tas(taskId)}`);
    expect(read.status).toBe(200);
    const wrong = await form(
      `grant_type=client_credentials&client_id=${made.body.id}&client_secret=wrong-${secret}`,
    );
    expect(wrong.statusCode).toBe(401);
    expect(Object.keys(wrong.json())).toEqual(['errors']);
    expect(wrong.body).not.toContain(secret);
    const grant = await form(
      `grant_type=password&client_id=${made.body.id}&client_secret=${encodeURIComponent(secret)}`,
    );
    expect(grant.statusCode).toBe(400);
    expect(grant.body).not.toContain(secret);
  });

  it('unknown paths under /api/v3 are 404 in Albert shape, GET included; the rest of the server is untouched', async () => {
    albertError(await albert('GET', '/api/v3/inventories'), 404);
    albertError(await albert('GET', '/compat/albert/api/v3/nothing'), 404);
    const native = await albert('GET', '/v1/no-such-route');
    expect(native.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('a create, its retry-free second call, and GETs (which the client retries) change nothing twice', async () => {
    const fresh = await newTask(token);
    const created = await albert('POST', '/api/v3/batchdata', { parentId: tas(fresh) });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ albertId: tas(fresh), size: 0, Product: [{ id: 'COL1' }] });
    const again = await albert('POST', '/api/v3/batchdata', { parentId: tas(fresh) });
    expect(albertError(again, 400)).toContain('already exist');
    const before = await sheet(fresh);
    const first = await albert('GET', `/api/v3/batchdata?id=${tas(fresh)}`);
    const second = await albert('GET', `/api/v3/batchdata?id=${tas(fresh)}`);
    expect(second.body).toEqual(first.body);
    expect(await sheet(fresh)).toEqual(before);
  });
});
