import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { call, expectProblem, workspaceWithKey } from './helpers.js';

describe.each(testDialects())('workspaces and projects on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(async () => server?.close());

  it('creates, gets, renames, lists and deletes a workspace', async () => {
    const { app, adminToken: token } = server;
    const created = await call(app, { method: 'POST', url: '/v1/workspaces', token, body: { name: 'crud' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'crud', id: expect.stringMatching(/^ws_[0-9a-z]{26}$/) });
    const id = created.body.id;

    const got = await call(app, { method: 'GET', url: `/v1/workspaces/${id}`, token });
    expect(got.body).toEqual(created.body);

    const projected = await call(app, { method: 'GET', url: `/v1/workspaces/${id}?fields=name`, token });
    expect(projected.body).toEqual({ id, name: 'crud' });

    const renamed = await call(app, {
      method: 'PATCH',
      url: `/v1/workspaces/${id}`,
      token,
      body: { name: 'crud2' },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('crud2');
    expect(Date.parse(renamed.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(created.body.updatedAt));

    const duplicate = await call(app, {
      method: 'POST',
      url: '/v1/workspaces',
      token,
      body: { name: 'crud2' },
    });
    expectProblem(duplicate, 409, 'name_taken', { in: 'body', pointer: '/name' });

    expect((await call(app, { method: 'DELETE', url: `/v1/workspaces/${id}`, token })).status).toBe(204);
    expectProblem(await call(app, { method: 'GET', url: `/v1/workspaces/${id}`, token }), 404, 'not_found');
  });

  it('paginates with cursors in any sort order without skipping or repeating', async () => {
    const { app, adminToken: token } = server;
    const { workspace } = await workspaceWithKey(app, token, 'paging');
    const names = ['delta', 'alpha', 'echo', 'charlie', 'bravo', 'alpha2', 'foxtrot'];
    for (const name of names) {
      const r = await call(app, {
        method: 'POST',
        url: '/v1/projects',
        token,
        body: { name, workspaceId: workspace.id },
      });
      expect(r.status).toBe(201);
    }
    const walk = async (sort: string) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const q = new URLSearchParams({
          workspaceId: workspace.id,
          limit: '3',
          sort,
          ...(cursor ? { cursor } : {}),
        });
        const page = await call(app, { method: 'GET', url: `/v1/projects?${q}`, token });
        expect(page.status).toBe(200);
        expect(page.body.data.length).toBeLessThanOrEqual(3);
        seen.push(...page.body.data.map((p: { name: string }) => p.name));
        cursor = page.body.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(3);
      return seen;
    };
    expect(await walk('name')).toEqual([...names].sort());
    expect(await walk('name:desc')).toEqual([...names].sort().reverse());
    expect(await walk('createdAt')).toEqual(names);
    expect(await walk('id:desc')).toEqual([...names].reverse());

    const first = await call(app, {
      method: 'GET',
      url: `/v1/projects?workspaceId=${workspace.id}&limit=2&sort=name`,
      token,
    });
    const wrongSort = await call(app, {
      method: 'GET',
      url: `/v1/projects?workspaceId=${workspace.id}&sort=createdAt&cursor=${first.body.nextCursor}`,
      token,
    });
    expectProblem(wrongSort, 400, 'invalid_cursor');
    expectProblem(
      await call(app, { method: 'GET', url: '/v1/projects?cursor=garbage!', token }),
      400,
      'invalid_cursor',
    );
    expectProblem(
      await call(app, { method: 'GET', url: '/v1/projects?sort=secret', token }),
      400,
      'validation_failed',
      {
        in: 'query',
        pointer: '/sort',
      },
    );
    expectProblem(
      await call(app, { method: 'GET', url: '/v1/projects?fields=name,nope', token }),
      400,
      'validation_failed',
      {
        in: 'query',
        pointer: '/fields',
      },
    );
    const projected = await call(app, {
      method: 'GET',
      url: `/v1/projects?workspaceId=${workspace.id}&fields=name&limit=1000`,
      token,
    });
    expect(projected.body.data).toHaveLength(names.length);
    for (const item of projected.body.data) expect(Object.keys(item).sort()).toEqual(['id', 'name']);
  });

  it('keeps each workspace in its own box: other workspaces are 404, lists only show its own', async () => {
    const { app, adminToken } = server;
    const a = await workspaceWithKey(app, adminToken, 'iso-a');
    const b = await workspaceWithKey(app, adminToken, 'iso-b');
    const pa = await call(app, {
      method: 'POST',
      url: '/v1/projects',
      token: a.token,
      body: { name: 'secret' },
    });
    expect(pa.status).toBe(201);
    expect(pa.body.workspaceId).toBe(a.workspace.id);

    for (const [method, url, body] of [
      ['GET', `/v1/projects/${pa.body.id}`],
      ['PATCH', `/v1/projects/${pa.body.id}`, { name: 'stolen' }],
      ['DELETE', `/v1/projects/${pa.body.id}`],
      ['GET', `/v1/workspaces/${a.workspace.id}`],
      ['PATCH', `/v1/workspaces/${a.workspace.id}`, { name: 'stolen' }],
      ['GET', `/v1/keys/${a.key.id}`],
      ['DELETE', `/v1/keys/${a.key.id}`],
      ['GET', `/v1/projects?workspaceId=${a.workspace.id}`],
      ['GET', `/v1/keys?workspaceId=${a.workspace.id}`],
      ['POST', '/v1/projects', { name: 'intruder', workspaceId: a.workspace.id }],
      ['POST', '/v1/keys', { name: 'intruder', role: 'admin', workspaceId: a.workspace.id }],
    ] as const) {
      const r = await call(app, { method, url, token: b.token, ...(body ? { body } : {}) });
      expectProblem(r, 404, 'not_found');
    }
    const unchanged = await call(app, { method: 'GET', url: `/v1/projects/${pa.body.id}`, token: a.token });
    expect(unchanged.body.name).toBe('secret');

    const listB = await call(app, { method: 'GET', url: '/v1/workspaces', token: b.token });
    expect(listB.body.data.map((w: { id: string }) => w.id)).toEqual([b.workspace.id]);
    const projectsB = await call(app, { method: 'GET', url: '/v1/projects', token: b.token });
    expect(projectsB.body.data).toEqual([]);
  });

  it('enforces roles: viewers read only, workers reach no data routes, workspace admins cannot make workspaces', async () => {
    const { app, adminToken } = server;
    const { workspace, token: wsAdmin } = await workspaceWithKey(app, adminToken, 'roles');
    const mk = async (role: string) =>
      (await call(app, { method: 'POST', url: '/v1/keys', token: wsAdmin, body: { name: role, role } })).body
        .token as string;
    const viewer = await mk('viewer');
    const editor = await mk('editor');
    const worker = await mk('worker');

    const project = await call(app, {
      method: 'POST',
      url: '/v1/projects',
      token: editor,
      body: { name: 'p' },
    });
    expect(project.status).toBe(201);
    expect(
      (await call(app, { method: 'GET', url: `/v1/projects/${project.body.id}`, token: viewer })).status,
    ).toBe(200);
    expectProblem(
      await call(app, { method: 'POST', url: '/v1/projects', token: viewer, body: { name: 'v' } }),
      403,
      'insufficient_role',
    );
    expectProblem(
      await call(app, { method: 'DELETE', url: `/v1/projects/${project.body.id}`, token: viewer }),
      403,
      'insufficient_role',
    );
    expectProblem(
      await call(app, { method: 'GET', url: '/v1/projects', token: worker }),
      403,
      'insufficient_role',
    );
    expectProblem(
      await call(app, { method: 'POST', url: '/v1/keys', token: editor, body: { name: 'x', role: 'admin' } }),
      403,
      'insufficient_role',
    );
    expectProblem(
      await call(app, { method: 'POST', url: '/v1/workspaces', token: wsAdmin, body: { name: 'x' } }),
      403,
      'instance_admin_required',
    );
    expectProblem(
      await call(app, {
        method: 'POST',
        url: '/v1/keys',
        token: wsAdmin,
        body: { name: 'x', role: 'admin', workspaceId: null },
      }),
      403,
      'instance_admin_required',
    );
    const me = await call(app, { method: 'GET', url: '/v1/me', token: worker });
    expect(me.body).toMatchObject({ role: 'worker', workspaceId: workspace.id, kind: 'key' });
    expect(
      (await call(app, { method: 'GET', url: `/v1/projects/${project.body.id}`, token: viewer })).body.name,
    ).toBe('p');
  });

  it('refuses to delete a workspace that has projects unless forced', async () => {
    const { app, adminToken: token } = server;
    const { workspace, token: wsToken } = await workspaceWithKey(app, token, 'full');
    const project = await call(app, {
      method: 'POST',
      url: '/v1/projects',
      token: wsToken,
      body: { name: 'keep' },
    });
    expectProblem(
      await call(app, { method: 'DELETE', url: `/v1/workspaces/${workspace.id}`, token }),
      409,
      'workspace_not_empty',
    );
    expect((await call(app, { method: 'GET', url: `/v1/projects/${project.body.id}`, token })).status).toBe(
      200,
    );
    expect(
      (await call(app, { method: 'DELETE', url: `/v1/workspaces/${workspace.id}?force=true`, token })).status,
    ).toBe(204);
    expectProblem(
      await call(app, { method: 'GET', url: `/v1/projects/${project.body.id}`, token }),
      404,
      'not_found',
    );
    // The workspace's credentials went with it.
    expectProblem(await call(app, { method: 'GET', url: '/v1/me', token: wsToken }), 401, 'invalid_token');
  });

  it('stores and updates project descriptions and task schemas', async () => {
    const { app, adminToken: token } = server;
    const { workspace } = await workspaceWithKey(app, token, 'schemas');
    const taskSchema = { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] };
    const created = await call(app, {
      method: 'POST',
      url: '/v1/projects',
      token,
      body: { name: 'labelling', workspaceId: workspace.id, description: 'images', taskSchema },
    });
    expect(created.body).toMatchObject({ description: 'images', taskSchema });
    const cleared = await call(app, {
      method: 'PATCH',
      url: `/v1/projects/${created.body.id}`,
      token,
      body: { taskSchema: null, description: null },
    });
    expect(cleared.body).toMatchObject({ description: null, taskSchema: null, name: 'labelling' });
    expectProblem(
      await call(app, { method: 'POST', url: '/v1/projects', token, body: { name: 'no-ws' } }),
      400,
      'validation_failed',
      {
        in: 'body',
        pointer: '/workspaceId',
      },
    );
    expectProblem(
      await call(app, {
        method: 'POST',
        url: '/v1/projects',
        token,
        body: { name: 'labelling', workspaceId: workspace.id },
      }),
      409,
      'name_taken',
    );
    // A project with jobs holds data: delete refuses unless forced, and force takes the jobs too.
    const job = await call(app, {
      method: 'POST',
      url: '/v1/jobs',
      token,
      body: { type: 'system.noop', workspaceId: workspace.id, projectId: created.body.id },
    });
    expect(job.status).toBe(202);
    expectProblem(
      await call(app, { method: 'DELETE', url: `/v1/projects/${created.body.id}`, token }),
      409,
      'project_not_empty',
    );
    expect((await call(app, { method: 'GET', url: `/v1/projects/${created.body.id}`, token })).status).toBe(
      200,
    );
    expect(
      (await call(app, { method: 'DELETE', url: `/v1/projects/${created.body.id}?force=true`, token }))
        .status,
    ).toBe(204);
    expectProblem(
      await call(app, { method: 'GET', url: `/v1/jobs/${job.body.id}`, token }),
      404,
      'not_found',
    );
  });
});
