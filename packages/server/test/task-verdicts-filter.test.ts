import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Batchyard } from '@batchyard/sdk';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { call, expectProblem, finishedJob, workspaceWithKey } from './helpers.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** `POST /v1/tasks/verdicts` with a filter: a tasks.bulk job giving each verdict as its caller. */
describe.each(testDialects())('verdicts by filter on %s', (dialect) => {
  let server: TestServer;
  let admin: string;
  let otherAdmin: string;
  let people = 0;

  const api = (method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown, as = admin) =>
    call(server.app, { method, url, token: as, body });
  /** A project with review stages qa and expert, and tasks `names` in one batch. */
  const project = async (name: string, names: string[]) => {
    const projectId = (
      await api('POST', '/v1/projects', { name, workflow: { reviewStages: ['qa', 'expert'] } })
    ).body.id as string;
    const datasetId = (
      await api('POST', '/v1/datasets', { projectId, name: 'd', columns: [{ name: 'v', type: 'numeric' }] })
    ).body.id;
    const job = await api('POST', `/v1/datasets/${datasetId}/batches`, { name: 'b', rows: [{ v: 1 }] });
    const batchId = (await finishedJob(server.app, admin, job.body.id)).result.batchId as string;
    const tasks = await api('POST', `/v1/batches/${batchId}/tasks`, {
      tasks: names.map((n) => ({ name: n })),
    });
    return { projectId, ids: tasks.body.results.map((r: any) => r.id) as string[] };
  };
  /** Moves tasks into review at the first stage (as the admin key, not a member). */
  const toReview = async (ids: string[]) => {
    await api('POST', '/v1/tasks/transition', { ids, to: 'in_progress' });
    await api('POST', '/v1/tasks/transition', { ids, to: 'complete' });
    expect((await api('POST', '/v1/tasks/review', { ids })).body.applied).toBe(ids.length);
  };
  const person = async (role: string) => {
    const name = `person-${++people}`;
    const member = await api('POST', '/v1/members', { name, email: `${name}@example.org`, role });
    const key = await api('POST', '/v1/keys', { name, memberId: member.body.id });
    return { id: member.body.id as string, token: key.body.token as string };
  };
  const task = async (id: string) => (await api('GET', `/v1/tasks/${id}`)).body;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    admin = (await workspaceWithKey(server.app, server.adminToken, 'verdicts-ws')).token;
    otherAdmin = (await workspaceWithKey(server.app, server.adminToken, 'verdicts-other')).token;
  });
  afterAll(async () => server?.close());

  it('accepts every task a filter selects as a job, as the reviewer who asked', async () => {
    const { projectId, ids } = await project('accept', ['a', 'b', 'c', 'd']);
    await toReview(ids.slice(0, 3));
    const rev = await person('reviewer');
    const started = await api(
      'POST',
      '/v1/tasks/verdicts',
      { filter: { projectId, reviewStage: 'qa' }, verdict: 'accept', stage: 'qa' },
      rev.token,
    );
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ type: 'tasks.bulk', status: expect.any(String) });
    const done = await finishedJob(server.app, admin, started.body.id);
    expect(done.status).toBe('succeeded');
    expect(done.result).toEqual({ matched: 3, applied: 3, refused: 0, refusals: [] });
    for (const id of ids.slice(0, 3))
      expect(await task(id)).toMatchObject({ status: 'to_review', reviewStage: 'expert' });
    // The pending task was not selected: statuses default to to_review.
    expect((await task(ids[3]!)).status).toBe('pending');
    // History and audit name the reviewer, as a verdict by id would.
    const history = (await api('GET', `/v1/tasks/${ids[0]}?include=history`)).body.history;
    expect(history.at(-1)).toMatchObject({ action: 'verdict', memberId: rev.id });
    const audit = await api('GET', `/v1/audit-log?action=task.verdict&resourceId=${ids[0]}`);
    expect(audit.body.data).toEqual([
      expect.objectContaining({ actor: expect.objectContaining({ memberId: rev.id }) }),
    ]);

    // The SDK waits for the job and resolves to its result.
    const sdk = new Batchyard({ baseUrl: server.url, token: rev.token });
    const rejected = await sdk.tasks.verdicts(
      { filter: { projectId, reviewStage: 'expert', names: ['a'] } },
      { verdict: 'reject', reason: 'box too loose' },
    );
    expect(rejected).toEqual({ matched: 1, applied: 1, refused: 0, refusals: [] });
    expect(await task(ids[0]!)).toMatchObject({
      status: 'pending',
      lastRejection: { reason: 'box too loose', stage: 'expert' },
    });
    // An array of ids still answers task by task.
    const byIds = await sdk.tasks.verdicts([ids[1]!, ids[2]!], { verdict: 'accept', stage: 'expert' });
    expect(byIds).toMatchObject({ applied: 2, refused: 0 });
  });

  it('reports each refused task: not in review (statuses given), self-review', async () => {
    const { projectId, ids } = await project('refusals', ['p', 'q', 'r']);
    await toReview([ids[0]!]);
    const rev = await person('reviewer');
    // The reviewer submits r through the queue: their own work, which they may not review.
    await api('POST', '/v1/tasks/transition', { ids: [ids[1]!], to: 'in_progress' });
    await api('POST', '/v1/tasks/transition', { ids: [ids[1]!], to: 'pending' });
    const claimed = await api('POST', '/v1/tasks/claim', { projectId }, rev.token);
    expect(claimed.status).toBe(200);
    expect((await api('POST', `/v1/tasks/${claimed.body.id}/submit`, {}, rev.token)).status).toBe(200);
    const started = await api(
      'POST',
      '/v1/tasks/verdicts',
      { filter: { projectId, statuses: ['pending', 'to_review'] }, verdict: 'accept' },
      rev.token,
    );
    expect(started.status).toBe(202);
    const done = await finishedJob(server.app, admin, started.body.id);
    expect(done.result).toMatchObject({ matched: 3, applied: 1, refused: 2 });
    const codes = Object.fromEntries(done.result.refusals.map((r: any) => [r.id, r.error.code]));
    expect(codes[claimed.body.id]).toBe('self_review_forbidden');
    expect(Object.values(codes).sort()).toEqual(['self_review_forbidden', 'task_not_in_review']);
    expect((await task(ids[0]!)).reviewStage).toBe('expert');
  });

  it('refuses bad requests before any task changes', async () => {
    const { projectId, ids } = await project('bad', ['x']);
    await toReview(ids);
    const ann = await person('annotator');
    const verdicts = (body: unknown, as = admin) => api('POST', '/v1/tasks/verdicts', body, as);
    expectProblem(await verdicts({ verdict: 'accept' }), 400, 'validation_failed', {
      in: 'body',
      pointer: '/ids',
    });
    expectProblem(
      await verdicts({ ids, filter: { projectId }, verdict: 'accept' }),
      400,
      'validation_failed',
      { in: 'body', pointer: '/ids' },
    );
    expectProblem(await verdicts({ filter: { projectId }, verdict: 'reject' }), 400, 'validation_failed', {
      in: 'body',
      pointer: '/reason',
    });
    expectProblem(
      await verdicts({
        filter: { projectId, where: [{ field: 'nope', operator: 'eq', value: 1 }] },
        verdict: 'accept',
      }),
      400,
      'validation_failed',
    );
    expectProblem(
      await verdicts({ filter: { projectId }, verdict: 'accept' }, ann.token),
      403,
      'insufficient_role',
    );
    expectProblem(await verdicts({ filter: { projectId }, verdict: 'accept' }, otherAdmin), 404, 'not_found');
    expect(await task(ids[0]!)).toMatchObject({ status: 'to_review', reviewStage: 'qa' });
    const jobs = await api('GET', `/v1/jobs?type=tasks.bulk&projectId=${projectId}`);
    expect(jobs.status).toBe(200);
    expect(jobs.body.data).toEqual([]);
  });
});
