import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDialects, type TestServer } from '../../../../test/support/index.js';
import { call, finishedJob, workspaceWithKey } from '../helpers.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const P = '/compat/isahit';

describe.each(testDialects())('isahit adapter on %s', (dialect) => {
  let server: TestServer;
  let admin: string;
  let viewer: string;
  let other: string;
  let projectId: string;
  let otherProjectId: string;
  let batchId: string;
  let otherBatchId: string;
  let client: { id: string; clientSecret: string };

  const isahit = (method: 'GET' | 'POST' | 'PATCH', url: string, token?: string, body?: unknown) =>
    call(server.app, { method, url: `${P}${url}`, token, body });
  const native = (method: 'GET' | 'POST' | 'PATCH', url: string, token: string, body?: unknown) =>
    call(server.app, { method, url, token, body });
  const login = (form: string) =>
    server.app.inject({
      method: 'POST',
      url: `${P}/api/user-manager/auth/login`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form,
    });
  const setup = async (token: string, name: string) => {
    const project = await native('POST', '/v1/projects', token, {
      name,
      taskSchema: { type: 'object', properties: { text: { type: 'string' } }, additionalProperties: false },
    });
    const dataset = await native('POST', '/v1/datasets', token, {
      projectId: project.body.id,
      name: 'base',
      columns: [{ name: 'v', type: 'numeric' }],
    });
    const job = await native('POST', `/v1/datasets/${dataset.body.id}/batches`, token, {
      name: 'b',
      rows: [{ v: 1 }],
    });
    const done = await finishedJob(server.app, token, job.body.id);
    return { projectId: project.body.id as string, batchId: done.result.batchId as string };
  };
  const taskCount = async () =>
    (await native('GET', `/v1/tasks?projectId=${projectId}&limit=500`, admin)).body.data.length as number;
  const expectIsahitError = (res: Awaited<ReturnType<typeof call>>, status: number) => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(typeof res.body.message).toBe('string');
    expect(res.body.statusCode).toBe(status);
  };

  beforeAll(async () => {
    server = await startTestServer(dialect);
    const ws = await workspaceWithKey(server.app, server.adminToken, 'isahit-edge');
    admin = ws.token;
    viewer = (
      await call(server.app, {
        method: 'POST',
        url: '/v1/keys',
        token: server.adminToken,
        body: { name: 'viewer', role: 'viewer', workspaceId: ws.workspace.id },
      })
    ).body.token;
    other = (await workspaceWithKey(server.app, server.adminToken, 'isahit-edge-other')).token;
    client = (
      await call(server.app, {
        method: 'POST',
        url: '/v1/clients',
        token: server.adminToken,
        body: { name: 'lab', role: 'editor', workspaceId: ws.workspace.id },
      })
    ).body;
    ({ projectId, batchId } = await setup(admin, 'mine'));
    ({ projectId: otherProjectId, batchId: otherBatchId } = await setup(other, 'theirs'));
  }, 60_000);
  afterAll(async () => server?.close());

  it('logs in with a form: exactly 201 and a long enough token; 401 and 400 otherwise, never echoing the secret', async () => {
    const ok = await login(`access_id=${client.id}&secret_key=${encodeURIComponent(client.clientSecret)}`);
    expect(ok.statusCode).toBe(201);
    const token = ok.json();
    expect(token.expires_in).toBeGreaterThanOrEqual(600);
    const projects = await isahit(
      'GET',
      `/api/project-manager/projects?ids=${projectId}`,
      token.access_token,
    );
    expect(projects.status).toBe(200);
    expect(projects.body.docs.map((p: any) => p._id)).toEqual([projectId]);

    const bad = await login(`access_id=${client.id}&secret_key=not-the-secret-xyz`);
    expect(bad.statusCode).toBe(401);
    expect(bad.body).not.toContain('not-the-secret-xyz');
    expect(JSON.parse(bad.body).message).toBeTypeOf('string');
    expect((await login('access_id=only')).statusCode).toBe(400);
  });

  it('refuses missing or wrong credentials with 401, and a viewer writing with 403', async () => {
    expectIsahitError(await isahit('GET', `/api/task-manager/tasks?projectId=${projectId}`), 401);
    expectIsahitError(await isahit('GET', `/api/task-manager/tasks?projectId=${projectId}`, 'nope'), 401);
    const before = await taskCount();
    expectIsahitError(
      await isahit('POST', `/api/task-manager/batches/${batchId}/tasks`, viewer, {
        name: 'v',
        resources: [],
      }),
      403,
    );
    expect(await taskCount()).toBe(before);
    // Reading is fine for a viewer.
    expect((await isahit('GET', `/api/task-manager/tasks?projectId=${projectId}`, viewer)).status).toBe(200);
  });

  it("answers another workspace's ids with isahit's not-found and changes nothing there", async () => {
    expectIsahitError(
      await isahit(
        'GET',
        `/api/project-configuration-manager/projects/${otherProjectId}/project-configuration`,
        admin,
      ),
      404,
    );
    expectIsahitError(await isahit('GET', `/api/task-manager/tasks?projectId=${otherProjectId}`, admin), 404);
    expectIsahitError(
      await isahit('PATCH', `/api/task-manager/batches/${otherBatchId}/tasks-duplicate`, admin, {
        names: ['a'],
      }),
      404,
    );
    expectIsahitError(
      await isahit('POST', '/api/data-manager/import-data/json', admin, {
        batchId: otherBatchId,
        name: 'a',
        body: { text: 'x' },
      }),
      404,
    );
    expectIsahitError(
      await isahit('POST', `/api/task-manager/batches/${otherBatchId}/tasks`, admin, {
        name: 'a',
        resources: [],
      }),
      404,
    );
    const theirs = await native('POST', `/v1/batches/${otherBatchId}/tasks`, other, {
      tasks: [{ name: 't' }],
    });
    const theirId = theirs.body.results[0].id as string;
    expectIsahitError(
      await isahit(
        'PATCH',
        `/api/task-manager/tasks/${theirId}/to-review?projectId=${otherProjectId}`,
        admin,
      ),
      404,
    );
    expectIsahitError(
      await isahit('PATCH', `/api/task-manager/tasks/${theirId}/reset?projectId=${projectId}`, admin),
      404,
    );
    const props = await isahit('PATCH', `/api/task-manager/projects/${projectId}/tasks/properties`, admin, {
      taskIds: [theirId],
      score: 9,
    });
    expect(props.body).toEqual({ updated: 0 });
    const projects = await isahit('GET', `/api/project-manager/projects?ids=${otherProjectId}`, admin);
    expect(projects.body).toMatchObject({ docs: [], totalDocs: 0, hasNextPage: false });
    const after = await native('GET', `/v1/tasks/${theirId}`, other);
    expect(after.body).toMatchObject({ status: 'pending', properties: { score: null } });
  });

  it('answers bad input with a 400 and a message, changing nothing', async () => {
    const before = await taskCount();
    const cases: [string, string, unknown][] = [
      [`/api/task-manager/batches/${batchId}/tasks`, 'POST', { name: 'x', dataId: 'idata_!!notbase64' }],
      [`/api/task-manager/batches/${batchId}/tasks`, 'POST', { name: '', resources: [] }],
      [`/api/task-manager/batches/${batchId}/tasks`, 'POST', { name: 'x', properties: { score: 'high' } }],
      [`/api/task-manager/batches/${batchId}/tasks`, 'POST', { name: 'x', resources: 'nope' }],
      ['/api/data-manager/import-data/json', 'POST', { batchId, name: 'x', body: [1, 2] }],
      [`/api/task-manager/batches/${batchId}/tasks-duplicate`, 'PATCH', { names: 'a' }],
      [
        `/api/task-manager/projects/${projectId}/tasks/properties`,
        'PATCH',
        { taskIds: Array(201).fill('t') },
      ],
    ];
    for (const [url, method, body] of cases) {
      expectIsahitError(await isahit(method as 'POST', url, admin, body), 400);
    }
    for (const query of [
      'statuses=done',
      'page=0',
      'limit=1000',
      'createdAt=~2020',
      'nameLike=(a',
      'page=100000',
    ]) {
      expectIsahitError(
        await isahit('GET', `/api/task-manager/tasks?projectId=${projectId}&${query}`, admin),
        400,
      );
    }
    // Data the project's schema refuses (a field it does not have), sent past the client's check.
    const imported = await isahit('POST', '/api/data-manager/import-data/json', admin, {
      batchId,
      name: 'x',
      body: { nope: 1 },
    });
    expect(imported.status).toBe(200);
    expectIsahitError(
      await isahit('POST', `/api/task-manager/batches/${batchId}/tasks`, admin, {
        name: 'x',
        resources: [],
        dataId: imported.body.initialDataId,
      }),
      400,
    );
    // Too large a data body is refused before anything is held.
    const huge = await isahit('POST', '/api/data-manager/import-data/json', admin, {
      batchId,
      name: 'x',
      body: { text: 'a'.repeat(300 * 1024) },
    });
    expect(huge.status).toBe(413);
    expect(await taskCount()).toBe(before);
    // An unknown path under the family is isahit's 404, in JSON (not the dashboard's HTML).
    expectIsahitError(await isahit('GET', '/api/nothing-here', admin), 404);
  });

  it('creates once: a create sent twice (a retry) makes one task, the second is refused', async () => {
    const before = await taskCount();
    const imported = await isahit('POST', '/api/data-manager/import-data/json', admin, {
      batchId,
      name: 'retry',
      body: { text: 'hello' },
    });
    const body = { name: 'retry', resources: [], properties: null, dataId: imported.body.initialDataId };
    const first = await isahit('POST', `/api/task-manager/batches/${batchId}/tasks`, admin, body);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ name: 'retry', status: 'pending', data: { body: { text: 'hello' } } });
    expectIsahitError(await isahit('POST', `/api/task-manager/batches/${batchId}/tasks`, admin, body), 400);
    expect(await taskCount()).toBe(before + 1);
    const dup = await isahit('PATCH', `/api/task-manager/batches/${batchId}/tasks-duplicate`, admin, {
      names: ['retry', 'fresh', 'retry'],
    });
    expect(dup.body).toEqual({ duplicate: ['retry'] });
    // A review sent twice: the first moves the task, the second is refused (no second move).
    const id = first.body._id as string;
    await native('POST', '/v1/tasks/transition', admin, { ids: [id], to: 'in_progress' });
    await native('POST', '/v1/tasks/transition', admin, { ids: [id], to: 'complete' });
    const review = await isahit(
      'PATCH',
      `/api/task-manager/tasks/${id}/to-review?projectId=${projectId}`,
      admin,
    );
    expect(review.status).toBe(200);
    expect(review.body.status).toBe('to-review');
    expectIsahitError(
      await isahit('PATCH', `/api/task-manager/tasks/${id}/to-review?projectId=${projectId}`, admin),
      400,
    );
    const history = await native('GET', `/v1/tasks/${id}?include=history`, admin);
    expect(history.body.history.filter((h: any) => h.action === 'review')).toHaveLength(1);
  });

  it('serves the project configuration generated from the task schema, and true page totals', async () => {
    const config = await isahit(
      'GET',
      `/api/project-configuration-manager/projects/${projectId}/project-configuration`,
      admin,
    );
    expect(config.body).toEqual({
      projectType: 'form',
      metadata: {
        inputsLayout: [[[{ id: 'text', type: 'text', submit: true, label: 'text', required: false }]]],
        toolOptions: { sequence: false },
      },
    });
    const tasks = Array.from({ length: 7 }, (_, i) => ({ name: `page-${i}` }));
    await native('POST', `/v1/batches/${batchId}/tasks`, admin, { tasks });
    const total = await taskCount();
    const page2 = await isahit(
      'GET',
      `/api/task-manager/tasks?projectId=${projectId}&page=2&limit=3&nameLike=^page-`,
      admin,
    );
    expect(page2.body).toMatchObject({
      totalDocs: 7,
      limit: 3,
      totalPages: 3,
      page: 2,
      pagingCounter: 4,
      hasPrevPage: true,
      hasNextPage: true,
      prevPage: 1,
      nextPage: 3,
    });
    expect(page2.body.docs.map((t: any) => t.name)).toEqual(['page-3', 'page-4', 'page-5']);
    expect(page2.body.docs[0].data).toBeUndefined();
    const all = await isahit('GET', `/api/task-manager/tasks?projectId=${projectId}&limit=100`, admin);
    expect(all.body.totalDocs).toBe(total);
  });

  it('has the same duplicate check and form natively, scoped to the workspace', async () => {
    await native('POST', `/v1/batches/${batchId}/tasks`, admin, { tasks: [{ name: 'native-dup' }] });
    const dup = await native('POST', `/v1/batches/${batchId}/tasks/duplicates`, admin, {
      names: ['native-dup', 'nobody', 'native-dup'],
    });
    expect(dup.status).toBe(200);
    expect(dup.body).toEqual({ duplicates: ['native-dup'] });
    const theirs = await native('POST', `/v1/batches/${otherBatchId}/tasks/duplicates`, admin, {
      names: ['a'],
    });
    expect(theirs.status).toBe(404);
    expect(theirs.headers['content-type']).toMatch(/problem\+json/);
    expect(
      (await native('POST', `/v1/batches/${batchId}/tasks/duplicates`, admin, { names: [] })).status,
    ).toBe(400);
    const form = await native('GET', `/v1/projects/${projectId}/form`, viewer);
    expect(form.status).toBe(200);
    expect(form.body.metadata.inputsLayout[0][0][0]).toMatchObject({ id: 'text', type: 'text' });
    expect((await native('GET', `/v1/projects/${otherProjectId}/form`, admin)).status).toBe(404);
  });
});
