import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { sweepExpiredTaskLeases } from '../src/engine/maintenance/task-lease-sweep.js';
import { call, expectProblem, finishedJob, workspaceWithKey } from './helpers.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const sleep = (ms: number) => new Promise((wake) => setTimeout(wake, ms));

describe.each(testDialects())('claim queues on %s', (dialect) => {
  let server: TestServer;
  let admin: string;
  let otherAdmin: string;
  let datasetId: string;
  let memberCount = 0;

  const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown, as = admin) =>
    call(server.app, { method, url, token: as, body });
  /** A project with one active batch holding `tasks`; returns their ids in order. */
  const queue = async (name: string, tasks: unknown[]) => {
    const projectId = (await api('POST', '/v1/projects', { name })).body.id as string;
    datasetId = (
      await api('POST', '/v1/datasets', {
        projectId,
        name: 'base',
        columns: [{ name: 'v', type: 'numeric' }],
      })
    ).body.id;
    const job = await api('POST', `/v1/datasets/${datasetId}/batches`, { name: 'b', rows: [{ v: 1 }] });
    const batchId = (await finishedJob(server.app, admin, job.body.id)).result.batchId as string;
    const created = await api('POST', `/v1/batches/${batchId}/tasks`, { tasks });
    expect(created.body.created).toBe(tasks.length);
    return { projectId, batchId, ids: created.body.results.map((r: any) => r.id) as string[] };
  };
  /** A member of `role` and a key acting for it. */
  const person = async (role = 'annotator') => {
    const name = `person-${++memberCount}`;
    const member = await api('POST', '/v1/members', { name, email: `${name}@example.org`, role });
    const key = await api('POST', '/v1/keys', { name, memberId: member.body.id });
    return { id: member.body.id as string, token: key.body.token as string };
  };
  const claim = (as: string, body: Record<string, unknown>) => api('POST', '/v1/tasks/claim', body, as);

  beforeAll(async () => {
    server = await startTestServer(dialect);
    admin = (await workspaceWithKey(server.app, server.adminToken, 'claims-ws')).token;
    otherAdmin = (await workspaceWithKey(server.app, server.adminToken, 'claims-other')).token;
  });
  afterAll(async () => server?.close());

  it('hands out the highest priority first, then the oldest, under a lease', async () => {
    const { projectId, ids } = await queue('order', [
      { name: 'old-low' },
      { name: 'old-high', priority: 5 },
      { name: 'new-low' },
      { name: 'new-high', priority: 5 },
      { name: 'top', priority: 9 },
    ]);
    const ann = await person();
    const order: string[] = [];
    for (;;) {
      const res = await claim(ann.token, { projectId, leaseSeconds: 60 });
      if (res.status === 204) break;
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'in_progress', lease: { memberId: ann.id } });
      const lease = Date.parse(res.body.lease.expiresAt) - Date.now();
      expect(lease).toBeGreaterThan(50_000);
      expect(lease).toBeLessThanOrEqual(60_000);
      order.push(res.body.name);
    }
    expect(order).toEqual(['top', 'old-high', 'new-high', 'old-low', 'new-low']);
    const task = await api('GET', `/v1/tasks/${ids[4]}?include=history`);
    expect(task.body.history.at(-1)).toMatchObject({
      action: 'claim',
      from: 'pending',
      to: 'in_progress',
      memberId: ann.id,
    });
    const audit = await api('GET', `/v1/audit-log?resourceId=${ids[4]}&action=task.claim`);
    expect(audit.body.data[0].actor.memberId).toBe(ann.id);
  });

  it('takes only tasks assigned to nobody or to the member, of active batches, of the batch asked', async () => {
    const { projectId, batchId, ids } = await queue('eligibility', [
      { name: 'theirs', priority: 3 },
      { name: 'mine', priority: 2 },
      { name: 'open', priority: 1 },
    ]);
    const [me, them] = [await person(), await person()];
    await api('POST', '/v1/tasks/assign', { ids: [ids[0]], memberId: them.id });
    await api('POST', '/v1/tasks/assign', { ids: [ids[1]], memberId: me.id });
    expect((await claim(me.token, { projectId, batchId })).body.name).toBe('mine');
    expect((await claim(me.token, { projectId })).body.name).toBe('open');
    expect((await claim(me.token, { projectId })).status).toBe(204);
    expect((await claim(them.token, { projectId })).body.name).toBe('theirs');

    // A suspended batch's tasks are not workable.
    const other = await queue('suspended', [{ name: 's1' }]);
    const job = await api('POST', `/v1/datasets/${datasetId}/batches/suspend`, { ids: [other.batchId] });
    expect((await finishedJob(server.app, admin, job.body.id)).status).toBe('succeeded');
    expect((await claim(me.token, { projectId: other.projectId })).status).toBe(204);
  });

  it('refuses callers that are not members, and ids of another workspace', async () => {
    const { projectId, batchId, ids } = await queue('refusals', [{ name: 'r' }]);
    expectProblem(await claim(admin, { projectId }), 403, 'member_credential_required');
    const ann = await person();
    expectProblem(await claim(ann.token, { projectId: 'prj_nope' }), 404, 'not_found', {
      in: 'body',
      pointer: '/projectId',
    });
    const foreign = await api('POST', '/v1/projects', { name: 'foreign' }, otherAdmin);
    expectProblem(await claim(ann.token, { projectId: foreign.body.id }), 404, 'not_found');
    const elsewhere = await queue('refusals-2', [{ name: 'x' }]);
    expectProblem(await claim(ann.token, { projectId, batchId: elsewhere.batchId }), 404, 'not_found', {
      in: 'body',
      pointer: '/batchId',
    });
    expectProblem(await claim(ann.token, { projectId, leaseSeconds: 7200 }), 400, 'validation_failed', {
      in: 'body',
      pointer: '/leaseSeconds',
    });
    const viewer = (await api('POST', '/v1/keys', { name: 'viewer', role: 'viewer' })).body.token;
    expectProblem(await claim(viewer, { projectId, batchId }), 403, 'insufficient_role');
    expectProblem(await api('POST', `/v1/tasks/${ids[0]}/submit`, {}), 403, 'member_credential_required');
  });

  it('renews with heartbeats and ends with submit: the task completes with the data given', async () => {
    const { projectId } = await queue('submit', [{ name: 's' }]);
    const ann = await person();
    const claimed = await claim(ann.token, { projectId, leaseSeconds: 5 });
    const id = claimed.body.id;
    const beat = await api('POST', `/v1/tasks/${id}/heartbeat`, { leaseSeconds: 600 }, ann.token);
    expect(beat.status).toBe(200);
    expect(Date.parse(beat.body.lease.expiresAt) - Date.now()).toBeGreaterThan(500_000);
    // Another member cannot renew or submit it.
    const other = await person();
    expectProblem(await api('POST', `/v1/tasks/${id}/heartbeat`, {}, other.token), 409, 'task_lease_lost');
    expectProblem(
      await api('POST', `/v1/tasks/${id}/submit`, { data: { x: 1 } }, other.token),
      409,
      'task_lease_lost',
    );
    const done = await api('POST', `/v1/tasks/${id}/submit`, { data: { label: 'cat' } }, ann.token);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'complete', lease: null, data: { label: 'cat' } });
    const history = (await api('GET', `/v1/tasks/${id}?include=history`)).body.history;
    expect(history.map((h: any) => [h.action, h.from, h.to, h.memberId])).toEqual([
      ['claim', 'pending', 'in_progress', ann.id],
      ['submit', 'in_progress', 'complete', ann.id],
    ]);
    // The lease ended: a second submit is refused.
    expectProblem(await api('POST', `/v1/tasks/${id}/submit`, {}, ann.token), 409, 'task_lease_lost');
  });

  it('refuses a submit into a batch suspended since the claim', async () => {
    const { projectId, batchId, ids } = await queue('suspend-after-claim', [{ name: 'x' }]);
    const ann = await person();
    expect((await claim(ann.token, { projectId })).body.id).toBe(ids[0]);
    const job = await api('POST', `/v1/datasets/${datasetId}/batches/suspend`, { ids: [batchId] });
    expect((await finishedJob(server.app, admin, job.body.id)).status).toBe('succeeded');
    expectProblem(
      await api('POST', `/v1/tasks/${ids[0]}/submit`, { data: { a: 1 } }, ann.token),
      409,
      'batch_not_workable',
    );
    expect((await api('GET', `/v1/tasks/${ids[0]}`)).body.status).toBe('in_progress');
  });

  it('skips with a reason: back to the queue, never straight back to the same member', async () => {
    const { projectId, ids } = await queue('skip', [{ name: 'hard', priority: 1 }, { name: 'easy' }]);
    const ann = await person();
    await api('POST', '/v1/tasks/assign', { ids: [ids[0]], memberId: ann.id });
    const first = await claim(ann.token, { projectId });
    expect(first.body.name).toBe('hard');
    expectProblem(
      await api('POST', `/v1/tasks/${ids[0]}/skip`, { reason: '' }, ann.token),
      400,
      'validation_failed',
      { in: 'body', pointer: '/reason' },
    );
    const skipped = await api('POST', `/v1/tasks/${ids[0]}/skip`, { reason: 'image is blurry' }, ann.token);
    expect(skipped.status).toBe(200);
    // Back to pending, and no longer assigned to the member who gave it back.
    expect(skipped.body).toMatchObject({ status: 'pending', lease: null, assigneeId: null });
    expect((await claim(ann.token, { projectId })).body.name).toBe('easy');
    expect((await claim(ann.token, { projectId })).status).toBe(204);
    const other = await person();
    expect((await claim(other.token, { projectId })).body.name).toBe('hard');
    const history = (await api('GET', `/v1/tasks/${ids[0]}?include=history`)).body.history;
    expect(history.find((h: any) => h.action === 'skip')).toMatchObject({
      reason: 'image is blurry',
      memberId: ann.id,
      from: 'in_progress',
      to: 'pending',
    });
  });

  it('returns a task whose lease expired to the queue, and refuses the late submit', async () => {
    const { projectId, ids } = await queue('expiry', [{ name: 'slow' }]);
    const [slow, fast] = [await person(), await person()];
    expect((await claim(slow.token, { projectId, leaseSeconds: 1 })).body.id).toBe(ids[0]);
    expect((await claim(fast.token, { projectId })).status).toBe(204);
    await sleep(1100);
    expectProblem(await api('POST', `/v1/tasks/${ids[0]}/heartbeat`, {}, slow.token), 409, 'task_lease_lost');
    // The expired lease returns the task: the next claim gets it.
    const taken = await claim(fast.token, { projectId });
    expect(taken.body).toMatchObject({ id: ids[0], lease: { memberId: fast.id } });
    expectProblem(
      await api('POST', `/v1/tasks/${ids[0]}/submit`, { data: { late: true } }, slow.token),
      409,
      'task_lease_lost',
    );
    const history = (await api('GET', `/v1/tasks/${ids[0]}?include=history`)).body.history;
    expect(history.map((h: any) => h.action)).toEqual(['claim', 'lease_expired', 'claim']);
    expect(history[1].details).toEqual({ memberId: slow.id });
    expect((await api('POST', `/v1/tasks/${ids[0]}/submit`, {}, fast.token)).body.status).toBe('complete');
  });

  it('sweeps expired leases back to pending without waiting for a claim', async () => {
    const { ids } = await queue('sweep', [{ name: 'left' }]);
    const projectId = (await api('GET', `/v1/tasks/${ids[0]}`)).body.projectId;
    // The server package's Store (its build's types) and this source file's are the same class.
    const sweep = () => sweepExpiredTaskLeases(server.store as never);
    const gone = await person();
    expect((await claim(gone.token, { projectId, leaseSeconds: 1 })).body.id).toBe(ids[0]);
    expect(await sweep()).toBe(0);
    await sleep(1100);
    expect(await sweep()).toBe(1);
    const task = await api('GET', `/v1/tasks/${ids[0]}?include=history`);
    expect(task.body).toMatchObject({ status: 'pending', lease: null });
    expect(task.body.history.at(-1)).toMatchObject({
      action: 'lease_expired',
      details: { memberId: gone.id },
    });
  });

  it('seeds a claimed task without data from its prediction', async () => {
    const { projectId, ids } = await queue('seeding', [
      { name: 'empty', priority: 2, prediction: { modelVersion: 'm1', score: 0.8, data: { label: 'cat' } } },
      {
        name: 'filled',
        priority: 1,
        data: { label: 'dog' },
        prediction: { score: 0.1, data: { label: 'cow' } },
      },
    ]);
    const ann = await person();
    const first = await claim(ann.token, { projectId });
    expect(first.body).toMatchObject({ id: ids[0], data: { label: 'cat' } });
    const second = await claim(ann.token, { projectId });
    expect(second.body).toMatchObject({ id: ids[1], data: { label: 'dog' } });
    const history = (await api('GET', `/v1/tasks/${ids[0]}?include=history`)).body.history;
    expect(history[0].details).toMatchObject({ seeded: true });
  });

  it('never hands a task to two members: 8 members claiming at once from one queue', async () => {
    const tasks = Array.from({ length: 60 }, (_, i) => ({ name: `c${i}`, priority: i % 3 }));
    const { projectId, ids } = await queue('concurrent', tasks);
    const members = await Promise.all(Array.from({ length: 8 }, () => person()));
    const taken = new Map<string, string>();
    const duplicates: string[] = [];
    await Promise.all(
      members.map(async (m) => {
        for (;;) {
          const res = await claim(m.token, { projectId });
          if (res.status === 204) return;
          expect(res.status).toBe(200);
          if (taken.has(res.body.id)) duplicates.push(res.body.id);
          taken.set(res.body.id, m.id);
          expect((await api('POST', `/v1/tasks/${res.body.id}/submit`, {}, m.token)).status).toBe(200);
        }
      }),
    );
    expect(duplicates).toEqual([]);
    expect([...taken.keys()].sort()).toEqual([...ids].sort());
    const complete = await api('GET', `/v1/tasks?projectId=${projectId}&statuses=complete&limit=1000`);
    expect(complete.body.data).toHaveLength(60);
  });
});
