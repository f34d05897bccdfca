import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { call, expectProblem, finishedJob, workspaceWithKey } from './helpers.js';

interface Entry {
  id: string;
  workspaceId: string | null;
  actor: { kind: string; id: string; name: string };
  action: string;
  resourceType: string;
  resourceId: string;
  requestId: string | null;
  summary: Record<string, unknown>;
  createdAt: string;
}

describe.each(testDialects())('the audit log on %s', (dialect) => {
  let server: TestServer;
  let a: Awaited<ReturnType<typeof workspaceWithKey>>;
  let b: Awaited<ReturnType<typeof workspaceWithKey>>;
  let editor: string;

  const entries = async (token: string, query = ''): Promise<Entry[]> => {
    const res = await call(server.app, { method: 'GET', url: `/v1/audit-log?limit=1000${query}`, token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.data as Entry[];
  };

  beforeAll(async () => {
    server = await startTestServer(dialect);
    a = await workspaceWithKey(server.app, server.adminToken, 'audit-a');
    b = await workspaceWithKey(server.app, server.adminToken, 'audit-b');
    const key = await call(server.app, {
      method: 'POST',
      url: '/v1/keys',
      token: a.token,
      body: { name: 'a editor', role: 'editor' },
    });
    editor = key.body.token;
  });
  afterAll(async () => server?.close());

  it('records who changed what, with the request id, and never a secret', async () => {
    const { app } = server;
    const created = await call(app, {
      method: 'POST',
      url: '/v1/projects',
      token: editor,
      body: { name: 'audited', description: 'first' },
    });
    expect(created.status).toBe(201);
    const projectId = created.body.id as string;
    await call(app, {
      method: 'PATCH',
      url: `/v1/projects/${projectId}`,
      token: editor,
      body: { description: 'x' },
    });

    const list = await entries(a.token, `&resourceId=${projectId}`);
    expect(list.map((e) => e.action)).toEqual(['project.update', 'project.create']); // newest first
    const [update, create] = list as [Entry, Entry];
    expect(create).toMatchObject({
      workspaceId: a.workspace.id,
      actor: { kind: 'key', name: 'a editor' },
      resourceType: 'project',
      resourceId: projectId,
      requestId: created.headers['x-request-id'],
      summary: { name: 'audited' },
    });
    expect(update.summary).toEqual({ fields: ['description'] });

    // A key's token and a client's secret are shown once, and never land in the log.
    const key = await call(app, {
      method: 'POST',
      url: '/v1/keys',
      token: a.token,
      body: { name: 'bot', role: 'viewer' },
    });
    const client = await call(app, {
      method: 'POST',
      url: '/v1/clients',
      token: a.token,
      body: { name: 'svc', role: 'viewer' },
    });
    expect(client.status).toBe(201);
    await call(app, { method: 'DELETE', url: `/v1/keys/${key.body.id}`, token: a.token });
    const credentials = await entries(a.token, '&resourceType=key,client');
    expect(credentials.map((e) => e.action)).toEqual(
      expect.arrayContaining(['key.revoke', 'client.create', 'key.create']),
    );
    const text = JSON.stringify(await entries(a.token));
    expect(text).not.toContain(key.body.token);
    expect(text).not.toContain(client.body.clientSecret);
  });

  it('writes nothing for reads or for a change that did not happen', async () => {
    const { app } = server;
    const before = (await entries(a.token)).length;
    await call(app, { method: 'GET', url: '/v1/projects', token: editor });
    const taken = await call(app, {
      method: 'POST',
      url: '/v1/projects',
      token: editor,
      body: { name: 'audited' },
    });
    expectProblem(taken, 409, 'name_taken');
    expect((await entries(a.token)).length).toBe(before);
  });

  it('records task creates with the count created, and each task moved in bulk', async () => {
    const { app } = server;
    const project = await call(app, {
      method: 'POST',
      url: '/v1/projects',
      token: editor,
      body: { name: 'labels' },
    });
    const dataset = await call(app, {
      method: 'POST',
      url: '/v1/datasets',
      token: editor,
      body: { projectId: project.body.id, name: 'd', columns: [{ name: 'x', type: 'text' }] },
    });
    expect(dataset.status).toBe(201);
    const upload = await call(app, {
      method: 'POST',
      url: `/v1/datasets/${dataset.body.id}/batches`,
      token: editor,
      body: { name: 'b', rows: [{ x: 'one' }] },
    });
    const batchId = (await finishedJob(app, editor, upload.body.id)).result.batchId as string;
    const tasks = await call(app, {
      method: 'POST',
      url: `/v1/batches/${batchId}/tasks`,
      token: editor,
      body: { tasks: [{ name: 't1' }, { name: 't2' }] },
    });
    expect(tasks.status, JSON.stringify(tasks.body)).toBeLessThan(300);
    const creates = await entries(a.token, `&action=task.create&resourceId=${batchId}`);
    expect(creates).toHaveLength(1);
    expect(creates[0]!.summary).toMatchObject({ requested: 2, created: 2 });

    // The same names again: nothing created, nothing recorded.
    await call(app, {
      method: 'POST',
      url: `/v1/batches/${batchId}/tasks`,
      token: editor,
      body: { tasks: [{ name: 't1' }], onExisting: 'skip' },
    });
    expect(await entries(a.token, `&action=task.create&resourceId=${batchId}`)).toHaveLength(1);

    // Moves in bulk: one entry per task moved, none for a task refused.
    const ids = (tasks.body.results as { id: string }[]).map((r) => r.id);
    for (const to of ['in_progress', 'complete']) {
      const moved = await call(app, {
        method: 'POST',
        url: '/v1/tasks/transition',
        token: editor,
        body: { ids, to },
      });
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    }
    const review = await call(app, {
      method: 'POST',
      url: '/v1/tasks/review',
      token: editor,
      body: { ids: [ids[0]], reason: 'check' },
    });
    expect(review.status, JSON.stringify(review.body)).toBe(200);
    const reviews = await entries(a.token, '&action=task.review');
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({
      resourceType: 'task',
      resourceId: ids[0],
      summary: { from: 'complete', to: 'to_review', reason: 'check' },
    });
    expect(await entries(a.token, `&action=task.transition&resourceId=${ids[1]}`)).toHaveLength(2);
  });

  it('records jobs created, aborted, retried and deleted, and the jobs that resources start', async () => {
    const { app } = server;
    const job = await call(app, {
      method: 'POST',
      url: '/v1/jobs',
      token: editor,
      body: { type: 'system.sleep', arguments: { ms: 60_000, steps: 60 } },
    });
    expect(job.status).toBe(202);
    const id = job.body.id as string;
    const aborted = await call(app, { method: 'POST', url: `/v1/jobs/${id}/abort`, token: editor });
    expect(aborted.status).toBe(200);
    expect((await finishedJob(app, editor, id)).status).toBe('aborted');
    expect((await call(app, { method: 'POST', url: `/v1/jobs/${id}/retry`, token: editor })).status).toBe(
      200,
    );
    await call(app, { method: 'POST', url: `/v1/jobs/${id}/abort`, token: editor });
    expect((await finishedJob(app, editor, id)).status).toBe('aborted');
    expect((await call(app, { method: 'DELETE', url: `/v1/jobs/${id}`, token: editor })).status).toBe(204);
    const trail = await entries(a.token, `&resourceId=${id}`);
    expect(trail.map((e) => e.action)).toEqual([
      'job.delete',
      'job.abort',
      'job.retry',
      'job.abort',
      'job.create',
    ]);
    expect(trail.at(-1)!.summary).toMatchObject({ type: 'system.sleep', arguments: ['ms', 'steps'] });

    // A batch suspended through its own route is a job of its type, recorded with the request.
    const project = await call(app, {
      method: 'POST',
      url: '/v1/projects',
      token: editor,
      body: { name: 'rows' },
    });
    const dataset = await call(app, {
      method: 'POST',
      url: '/v1/datasets',
      token: editor,
      body: { projectId: project.body.id, name: 'r', columns: [{ name: 'x', type: 'text' }] },
    });
    const upload = await call(app, {
      method: 'POST',
      url: `/v1/datasets/${dataset.body.id}/batches`,
      token: editor,
      body: { name: 'b', rows: [{ x: 'one' }] },
    });
    const batchId = (await finishedJob(app, editor, upload.body.id)).result.batchId as string;
    const suspend = await call(app, {
      method: 'POST',
      url: `/v1/datasets/${dataset.body.id}/batches/suspend`,
      token: editor,
      body: { ids: [batchId] },
    });
    expect(suspend.status, JSON.stringify(suspend.body)).toBe(202);
    const started = await entries(a.token, `&resourceId=${suspend.body.id}`);
    expect(started).toHaveLength(1);
    expect(started[0]).toMatchObject({
      action: 'job.create',
      requestId: suspend.headers['x-request-id'],
      summary: { type: 'batch.state' },
    });
    expect(await entries(a.token, `&resourceId=${upload.body.id}`)).toHaveLength(1);
  });

  it('is for admins, each workspace sees its own, and the filters narrow it', async () => {
    const { app } = server;
    expectProblem(
      await call(app, { method: 'GET', url: '/v1/audit-log', token: editor }),
      403,
      'insufficient_role',
    );
    expectProblem(
      await call(app, { method: 'GET', url: `/v1/audit-log?workspaceId=${b.workspace.id}`, token: a.token }),
      404,
      'not_found',
    );
    await call(app, { method: 'POST', url: '/v1/projects', token: b.token, body: { name: 'in b' } });
    const seenByA = await entries(a.token);
    expect(seenByA.length).toBeGreaterThan(0);
    expect(seenByA.every((e) => e.workspaceId === a.workspace.id)).toBe(true);
    const all = await entries(server.adminToken);
    expect(new Set(all.map((e) => e.workspaceId))).toEqual(new Set([a.workspace.id, b.workspace.id]));

    const actor = seenByA.find((e) => e.actor.name === 'a editor')!.actor.id;
    const byActor = await entries(a.token, `&actorId=${actor}`);
    expect(byActor.length).toBeGreaterThan(0);
    expect(byActor.every((e) => e.actor.id === actor)).toBe(true);
    const newest = seenByA[0]!;
    expect(await entries(a.token, `&requestId=${newest.requestId}`)).toContainEqual(newest);
    const after = new Date(Date.parse(newest.createdAt) + 1).toISOString();
    expect(await entries(a.token, `&createdAfter=${encodeURIComponent(after)}`)).toEqual([]);
    expect(
      await entries(
        a.token,
        `&createdBefore=${encodeURIComponent(newest.createdAt)}&action=${newest.action}`,
      ),
    ).not.toContainEqual(newest);

    // Pages walk every entry once, newest first.
    const page1 = await call(app, { method: 'GET', url: '/v1/audit-log?limit=2', token: a.token });
    const page2 = await call(app, {
      method: 'GET',
      url: `/v1/audit-log?limit=2&cursor=${encodeURIComponent(page1.body.nextCursor)}`,
      token: a.token,
    });
    expect([...page1.body.data, ...page2.body.data].map((e: Entry) => e.id)).toEqual(
      seenByA.slice(0, 4).map((e) => e.id),
    );
  });

  it('forgets entries older than the retention', async () => {
    const before = (await entries(server.adminToken)).length;
    expect(before).toBeGreaterThan(0);
    expect(await server.app.services.audit.prune(Date.now())).toBe(0); // 365 days by default
    const removed = await server.app.services.audit.prune(Date.now() + 366 * 86_400_000);
    expect(removed).toBe(before);
    expect(await entries(server.adminToken)).toEqual([]);
  });
});
