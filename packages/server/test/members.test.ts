import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { call, expectProblem, finishedJob, workspaceWithKey } from './helpers.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

describe.each(testDialects())('members on %s', (dialect) => {
  let server: TestServer;
  let admin: string;
  let otherAdmin: string;
  let workspaceId: string;

  const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown, as = admin) =>
    call(server.app, { method, url, token: as, body });
  const addMember = async (name: string, role: string, as = admin) => {
    const res = await api('POST', '/v1/members', { name, email: `${name}@example.org`, role }, as);
    expect(res.status).toBe(201);
    return res.body as { id: string };
  };
  const keyFor = async (memberId: string) => {
    const res = await api('POST', '/v1/keys', { name: `key of ${memberId}`, memberId });
    expect(res.status).toBe(201);
    return res.body.token as string;
  };

  beforeAll(async () => {
    server = await startTestServer(dialect);
    const own = await workspaceWithKey(server.app, server.adminToken, 'members-ws');
    admin = own.token;
    workspaceId = own.workspace.id;
    otherAdmin = (await workspaceWithKey(server.app, server.adminToken, 'members-other')).token;
  });
  afterAll(async () => server?.close());

  it('creates, reads, lists, updates and removes members', async () => {
    const created = await api('POST', '/v1/members', {
      name: 'Ada',
      email: 'Ada@Example.org',
      role: 'annotator',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      workspaceId,
      name: 'Ada',
      email: 'ada@example.org',
      role: 'annotator',
      removedAt: null,
    });
    expect(created.body.id).toMatch(/^mem_/);
    const id = created.body.id;

    expect((await api('GET', `/v1/members/${id}`)).body.name).toBe('Ada');
    const updated = await api('PATCH', `/v1/members/${id}`, { role: 'reviewer', name: 'Ada L.' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ role: 'reviewer', name: 'Ada L.' });

    await addMember('grace', 'manager');
    const reviewers = await api('GET', '/v1/members?roles=reviewer');
    expect(reviewers.body.data.map((m: any) => m.id)).toEqual([id]);
    const byEmail = await api('GET', '/v1/members?email=GRACE@example.org');
    expect(byEmail.body.data.map((m: any) => m.name)).toEqual(['grace']);

    expect((await api('DELETE', `/v1/members/${id}`)).status).toBe(204);
    const listed = await api('GET', '/v1/members');
    expect(listed.body.data.map((m: any) => m.id)).not.toContain(id);
    const withRemoved = await api('GET', '/v1/members?includeRemoved=true');
    expect(withRemoved.body.data.find((m: any) => m.id === id).removedAt).not.toBeNull();
    // A removed member's email is free again; the removed one stays for history.
    expect(
      (await api('POST', '/v1/members', { name: 'Ada', email: 'ada@example.org', role: 'annotator' })).status,
    ).toBe(201);
    expectProblem(await api('PATCH', `/v1/members/${id}`, { name: 'x' }), 409, 'member_removed');

    const audit = await api('GET', `/v1/audit-log?resourceType=member&resourceId=${id}`);
    expect(audit.body.data.map((e: any) => e.action).sort()).toEqual([
      'member.create',
      'member.remove',
      'member.update',
    ]);
  });

  it('refuses bad input with the field, and a taken email', async () => {
    expectProblem(
      await api('POST', '/v1/members', { name: 'x', email: 'not-an-email', role: 'annotator' }),
      400,
      'validation_failed',
      { in: 'body', pointer: '/email' },
    );
    expectProblem(
      await api('POST', '/v1/members', { name: 'x', email: 'x@example.org', role: 'owner' }),
      400,
      'validation_failed',
      { in: 'body', pointer: '/role' },
    );
    expectProblem(await api('GET', '/v1/members?roles=owner'), 400, 'validation_failed', {
      in: 'query',
      pointer: '/roles',
    });
    await addMember('dup', 'annotator');
    expectProblem(
      await api('POST', '/v1/members', { name: 'other', email: 'DUP@example.org', role: 'manager' }),
      409,
      'name_taken',
      { in: 'body', pointer: '/email' },
    );
    // The same email in another workspace is another person's business.
    expect(
      (
        await api(
          'POST',
          '/v1/members',
          { name: 'dup', email: 'dup@example.org', role: 'annotator' },
          otherAdmin,
        )
      ).status,
    ).toBe(201);
  });

  it("answers 404 for another workspace's members, everywhere", async () => {
    const foreign = await addMember('foreign', 'annotator', otherAdmin);
    expectProblem(await api('GET', `/v1/members/${foreign.id}`), 404, 'not_found');
    expectProblem(await api('PATCH', `/v1/members/${foreign.id}`, { name: 'x' }), 404, 'not_found');
    expectProblem(await api('DELETE', `/v1/members/${foreign.id}`), 404, 'not_found');
    expectProblem(await api('POST', '/v1/keys', { name: 'steal', memberId: foreign.id }), 404, 'not_found', {
      in: 'body',
      pointer: '/memberId',
    });
    expectProblem(await api('GET', `/v1/members?workspaceId=${foreign.id}`), 404, 'not_found');
    expect((await api('GET', `/v1/members/${foreign.id}`, undefined, otherAdmin)).status).toBe(200);
  });

  it("gives a member's key the editor role narrowed by the member's role", async () => {
    const annotator = await addMember('ann', 'annotator');
    const key = await api('POST', '/v1/keys', { name: 'ann key', memberId: annotator.id });
    expect(key.status).toBe(201);
    expect(key.body).toMatchObject({ role: 'editor', memberId: annotator.id, workspaceId });
    expectProblem(
      await api('POST', '/v1/keys', { name: 'x', memberId: annotator.id, role: 'admin' }),
      400,
      'validation_failed',
      { in: 'body', pointer: '/role' },
    );
    expectProblem(await api('POST', '/v1/keys', { name: 'x' }), 400, 'validation_failed', {
      in: 'body',
      pointer: '/role',
    });
    const annotatorToken = key.body.token as string;
    const me = await api('GET', '/v1/me', undefined, annotatorToken);
    expect(me.body).toMatchObject({ role: 'editor', member: { id: annotator.id, role: 'annotator' } });
    expect((await api('GET', '/v1/me')).body.member).toBeNull();
    // Reads like an editor; writes only where annotators may.
    expect((await api('GET', '/v1/projects', undefined, annotatorToken)).status).toBe(200);
    expectProblem(
      await api('POST', '/v1/projects', { name: 'nope' }, annotatorToken),
      403,
      'insufficient_role',
    );
    expectProblem(await api('GET', '/v1/keys', undefined, annotatorToken), 403, 'insufficient_role');
    expectProblem(
      await api(
        'POST',
        '/v1/members',
        { name: 'y', email: 'y@example.org', role: 'manager' },
        annotatorToken,
      ),
      403,
      'insufficient_role',
    );

    const manager = await keyFor((await addMember('boss', 'manager')).id);
    const project = await api('POST', '/v1/projects', { name: 'by a manager' }, manager);
    expect(project.status).toBe(201);
    const audit = await api('GET', `/v1/audit-log?resourceId=${project.body.id}`);
    expect(audit.body.data[0].actor).toMatchObject({ kind: 'key', memberId: expect.stringMatching(/^mem_/) });

    // A role change reaches the key at once (the authenticator's cache is told).
    expect((await api('PATCH', `/v1/members/${annotator.id}`, { role: 'manager' })).status).toBe(200);
    expect((await api('POST', '/v1/projects', { name: 'promoted' }, annotatorToken)).status).toBe(201);
  });

  it('revokes the keys of a removed member, and makes none for it', async () => {
    const member = await addMember('leaving', 'reviewer');
    const token = await keyFor(member.id);
    expect((await api('GET', '/v1/projects', undefined, token)).status).toBe(200);
    expect((await api('DELETE', `/v1/members/${member.id}`)).status).toBe(204);
    expectProblem(await api('GET', '/v1/projects', undefined, token), 401, 'invalid_token');
    expectProblem(
      await api('POST', '/v1/keys', { name: 'late', memberId: member.id }),
      409,
      'member_removed',
      { in: 'body', pointer: '/memberId' },
    );
  });

  it('records the member in task history and the audit log, and lets reviewers move tasks', async () => {
    const project = await api('POST', '/v1/projects', { name: 'history' });
    const ds = await api('POST', '/v1/datasets', {
      projectId: project.body.id,
      name: 'base',
      columns: [{ name: 'v', type: 'numeric' }],
    });
    const job = await api('POST', `/v1/datasets/${ds.body.id}/batches`, { name: 'b', rows: [{ v: 1 }] });
    const batchId = (await finishedJob(server.app, admin, job.body.id)).result.batchId;
    const created = await api('POST', `/v1/batches/${batchId}/tasks`, { tasks: [{ name: 't' }] });
    const taskId = created.body.results[0].id;
    const reviewer = await addMember('rev', 'reviewer');
    const reviewerToken = await keyFor(reviewer.id);
    const annotatorToken = await keyFor((await addMember('ann2', 'annotator')).id);
    expectProblem(
      await api('POST', '/v1/tasks/transition', { ids: [taskId], to: 'in_progress' }, annotatorToken),
      403,
      'insufficient_role',
    );
    const moved = await api(
      'POST',
      '/v1/tasks/transition',
      { ids: [taskId], to: 'in_progress' },
      reviewerToken,
    );
    expect(moved.status).toBe(200);
    const task = await api('GET', `/v1/tasks/${taskId}?include=history`);
    expect(task.body.history.at(-1)).toMatchObject({
      action: 'transition',
      memberId: reviewer.id,
      from: 'pending',
      to: 'in_progress',
    });
    const audit = await api('GET', `/v1/audit-log?resourceId=${taskId}&action=task.transition`);
    expect(audit.body.data[0].actor.memberId).toBe(reviewer.id);
  });
});
