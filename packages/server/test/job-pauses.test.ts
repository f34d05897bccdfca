import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobTypeDefinition } from '@batchyard/server';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { call, expectProblem, finishedJob, workspaceWithKey } from './helpers.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const types: JobTypeDefinition[] = [
  { name: 'test.pausable', description: 'Does nothing.', handler: async () => ({ ok: true }) },
];

describe.each(testDialects())('job type pauses on %s', (dialect) => {
  let server: TestServer;
  let a: { workspace: { id: string }; token: string };
  let b: { workspace: { id: string }; token: string };
  let tokens: Record<'viewer' | 'worker' | 'editor', string>;

  beforeAll(async () => {
    server = await startTestServer(dialect, {}, { jobTypes: types });
    a = await workspaceWithKey(server.app, server.adminToken, 'pause-a');
    b = await workspaceWithKey(server.app, server.adminToken, 'pause-b');
    const key = async (role: string) =>
      (
        await call(server.app, {
          method: 'POST',
          url: '/v1/keys',
          token: a.token,
          body: { name: role, role },
        })
      ).body.token as string;
    tokens = { viewer: await key('viewer'), worker: await key('worker'), editor: await key('editor') };
  });
  afterAll(async () => server?.close());

  const app = () => server.app;
  const create = async (token: string, body: object = {}) => {
    const res = await call(app(), {
      method: 'POST',
      url: '/v1/jobs',
      token,
      body: { type: 'test.pausable', ...body },
    });
    expect(res.status).toBe(202);
    return res.body;
  };
  const get = async (token: string, id: string) =>
    (await call(app(), { method: 'GET', url: `/v1/jobs/${id}`, token })).body;
  const pause = (token: string, name: string, body: object = {}, action = 'pause') =>
    call(app(), { method: 'POST', url: `/v1/job-types/${name}/${action}`, token, body });
  const resume = (token: string, name: string, body: object = {}) => pause(token, name, body, 'resume');
  const typeIn = async (token: string, name: string) =>
    ((await call(app(), { method: 'GET', url: '/v1/job-types', token })).body.data as any[]).find(
      (t) => t.name === name,
    );
  /** Waits long enough for a runner to have claimed the job, had it been claimable. */
  const stillQueued = async (token: string, id: string) => {
    await sleep(300);
    const job = await get(token, id);
    expect(job).toMatchObject({ status: 'queued', paused: true, attempt: 0 });
    return job;
  };

  it('pauses a type in one workspace only: its jobs stay queued and show it; resume releases them', async () => {
    const paused = await pause(tokens.editor, 'test.pausable');
    expect(paused.status).toBe(200);
    expect(paused.body).toMatchObject({
      name: 'test.pausable',
      builtIn: true,
      paused: true,
      pausedScope: 'workspace',
    });
    expect(await typeIn(a.token, 'test.pausable')).toMatchObject({ paused: true, pausedScope: 'workspace' });
    expect(await typeIn(b.token, 'test.pausable')).toMatchObject({ paused: false, pausedScope: null });

    const held = await create(a.token);
    expect(held).toMatchObject({ status: 'queued', paused: true });
    const other = await create(b.token);
    expect(await finishedJob(app(), b.token, other.id)).toMatchObject({ status: 'succeeded', paused: false });
    await stillQueued(a.token, held.id);
    const listed = await call(app(), {
      method: 'GET',
      url: '/v1/jobs?type=test.pausable&status=queued',
      token: a.token,
    });
    expect(listed.body.data.map((j: any) => [j.id, j.paused])).toEqual([[held.id, true]]);

    // Pausing again changes nothing (and writes no second audit entry).
    expect((await pause(a.token, 'test.pausable')).body.paused).toBe(true);
    const started = Date.now();
    const resumed = await resume(tokens.editor, 'test.pausable');
    expect(resumed.body).toMatchObject({ paused: false, pausedScope: null });
    const done = await finishedJob(app(), a.token, held.id);
    expect(done).toMatchObject({ status: 'succeeded', paused: false });
    // Woken by the resume, not by the backstop poll.
    expect(Date.parse(done.startedAt) - started).toBeLessThan(1000);
    expect((await resume(a.token, 'test.pausable')).body.paused).toBe(false);

    const audit = await call(app(), {
      method: 'GET',
      url: '/v1/audit-log?resourceType=job_type&action=job_type.pause,job_type.resume',
      token: a.token,
    });
    expect(audit.body.data.map((e: any) => [e.action, e.resourceId, e.workspaceId])).toEqual([
      ['job_type.resume', 'test.pausable', a.workspace.id],
      ['job_type.pause', 'test.pausable', a.workspace.id],
    ]);
  });

  it('lets a running job finish when its type is paused', async () => {
    const job = (
      await call(app(), {
        method: 'POST',
        url: '/v1/jobs',
        token: a.token,
        body: { type: 'system.sleep', arguments: { ms: 400, steps: 4 } },
      })
    ).body;
    for (let i = 0; i < 50 && (await get(a.token, job.id)).status !== 'running'; i++) await sleep(20);
    expect((await pause(a.token, 'system.sleep')).status).toBe(200);
    expect(await finishedJob(app(), a.token, job.id)).toMatchObject({ status: 'succeeded', paused: false });
    await resume(a.token, 'system.sleep');
  });

  it('pauses instance-wide for an instance admin; a workspace resume does not lift it', async () => {
    const admin = server.adminToken;
    const res = await pause(admin, 'test.pausable', { instanceWide: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ paused: true, pausedScope: 'instance' });
    const inA = await create(a.token);
    const inB = await create(b.token);
    expect(await typeIn(b.token, 'test.pausable')).toMatchObject({ paused: true, pausedScope: 'instance' });
    await stillQueued(a.token, inA.id);
    await stillQueued(b.token, inB.id);
    // Paused jobs wait for a resume, not for a worker: the queue depth leaves them out.
    const metrics = (await call(app(), { method: 'GET', url: '/metrics' })).text;
    expect(metrics).not.toMatch(/^batchyard_queue_depth\{type="test\.pausable"\} [1-9]/m);
    // A workspace's own resume is no change: the instance-wide pause still holds.
    expect((await resume(a.token, 'test.pausable')).body).toMatchObject({
      paused: true,
      pausedScope: 'instance',
    });
    await stillQueued(a.token, inA.id);
    expect((await resume(admin, 'test.pausable', { instanceWide: true })).body.paused).toBe(false);
    expect(await finishedJob(app(), a.token, inA.id)).toMatchObject({ status: 'succeeded' });
    expect(await finishedJob(app(), b.token, inB.id)).toMatchObject({ status: 'succeeded' });
    const audit = await call(app(), {
      method: 'GET',
      url: '/v1/audit-log?resourceType=job_type&action=job_type.pause',
      token: admin,
    });
    expect(audit.body.data[0]).toMatchObject({ action: 'job_type.pause', workspaceId: null });
  });

  it('skips paused jobs in remote worker claims too, and wakes a waiting worker on resume', async () => {
    expect(
      (await call(app(), { method: 'PUT', url: '/v1/job-types/ext.paused', token: a.token, body: {} }))
        .status,
    ).toBe(200);
    await pause(a.token, 'ext.paused');
    const job = await create(a.token, { type: 'ext.paused' });
    const claim = (waitSeconds: number) =>
      call(app(), {
        method: 'POST',
        url: '/v1/workers/claim',
        token: tokens.worker,
        body: { types: ['ext.paused'], workerId: 'w1', waitSeconds },
      });
    expect((await claim(0)).body.data).toEqual([]);
    const started = Date.now();
    const pending = claim(5);
    await sleep(150);
    await resume(a.token, 'ext.paused');
    const claimed = await pending;
    expect(claimed.body.data.map((j: any) => j.id)).toEqual([job.id]);
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('refuses viewers, workers, other workspaces, unknown types and bad bodies, changing nothing', async () => {
    expectProblem(await pause(tokens.viewer, 'test.pausable'), 403, 'insufficient_role');
    expectProblem(await pause(tokens.worker, 'test.pausable'), 403, 'insufficient_role');
    expectProblem(await resume(tokens.viewer, 'test.pausable'), 403, 'insufficient_role');
    // Instance-wide needs an instance admin; a workspace admin is refused.
    expectProblem(
      await pause(a.token, 'test.pausable', { instanceWide: true }),
      403,
      'instance_admin_required',
    );
    // Another workspace: 404, like a missing one.
    expectProblem(await pause(a.token, 'test.pausable', { workspaceId: b.workspace.id }), 404, 'not_found');
    // A custom type of another workspace is not this one's.
    expect(
      (await call(app(), { method: 'PUT', url: '/v1/job-types/ext.b_only', token: b.token, body: {} }))
        .status,
    ).toBe(200);
    expectProblem(await pause(a.token, 'ext.b_only'), 404, 'not_found');
    expectProblem(await pause(a.token, 'no.such.type'), 404, 'not_found');
    expectProblem(await pause(a.token, 'Bad_Name'), 400, 'validation_failed');
    expectProblem(await pause(a.token, 'test.pausable', { paused: 1 }), 400, 'validation_failed');
    expectProblem(
      await pause(server.adminToken, 'test.pausable', { instanceWide: true, workspaceId: a.workspace.id }),
      400,
      'validation_failed',
      { in: 'body', pointer: '/workspaceId' },
    );
    expectProblem(await pause(server.adminToken, 'test.pausable'), 400, 'validation_failed', {
      in: 'body',
      pointer: '/workspaceId',
    });
    expect(await typeIn(a.token, 'test.pausable')).toMatchObject({ paused: false });
    expect(await typeIn(b.token, 'ext.b_only')).toMatchObject({ paused: false });
    const rows = await server.store.db.selectFrom('job_type_pauses').selectAll().execute();
    expect(rows).toEqual([]);
  });

  it('sets a workspace’s claim weight for an instance admin only', async () => {
    const url = `/v1/workspaces/${a.workspace.id}`;
    expect((await call(app(), { method: 'GET', url, token: a.token })).body.weight).toBe(1);
    expectProblem(
      await call(app(), { method: 'PATCH', url, token: a.token, body: { weight: 5 } }),
      403,
      'instance_admin_required',
    );
    for (const weight of [0, 1001, 1.5, 'x'])
      expectProblem(
        await call(app(), { method: 'PATCH', url, token: server.adminToken, body: { weight } }),
        400,
        'validation_failed',
        { in: 'body', pointer: '/weight' },
      );
    const set = await call(app(), { method: 'PATCH', url, token: server.adminToken, body: { weight: 5 } });
    expect(set.status).toBe(200);
    expect(set.body.weight).toBe(5);
    // A workspace admin may still rename it (the weight stays).
    const renamed = await call(app(), { method: 'PATCH', url, token: a.token, body: { name: 'pause-a2' } });
    expect(renamed.body).toMatchObject({ name: 'pause-a2', weight: 5 });
  });
});
