import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { call, expectProblem, finishedJob, workspaceWithKey } from './helpers.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

describe.each(testDialects())('task priority, assignment and predictions on %s', (dialect) => {
  let server: TestServer;
  let admin: string;
  let otherAdmin: string;
  let projectId: string;
  let datasetId: string;

  const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown, as = admin) =>
    call(server.app, { method, url, token: as, body });
  const newBatch = async (name: string) => {
    const job = await api('POST', `/v1/datasets/${datasetId}/batches`, { name, rows: [{ v: 1 }] });
    return (await finishedJob(server.app, admin, job.body.id)).result.batchId as string;
  };
  const createTasks = async (batchId: string, tasks: unknown[]) => {
    const res = await api('POST', `/v1/batches/${batchId}/tasks`, { tasks });
    expect(res.body.created).toBe(tasks.length);
    return res.body.results.map((r: any) => r.id) as string[];
  };
  const list = async (query: string) => {
    const res = await api('GET', `/v1/tasks?projectId=${projectId}&${query}`);
    expect(res.status).toBe(200);
    return res.body.data as any[];
  };
  const member = async (name: string, role: string, as = admin) => {
    const res = await api('POST', '/v1/members', { name, email: `${name}@example.org`, role }, as);
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  beforeAll(async () => {
    server = await startTestServer(dialect);
    admin = (await workspaceWithKey(server.app, server.adminToken, 'assign-ws')).token;
    otherAdmin = (await workspaceWithKey(server.app, server.adminToken, 'assign-other')).token;
    projectId = (await api('POST', '/v1/projects', { name: 'assignment' })).body.id;
    datasetId = (
      await api('POST', '/v1/datasets', {
        projectId,
        name: 'base',
        columns: [{ name: 'v', type: 'numeric' }],
      })
    ).body.id;
  });
  afterAll(async () => server?.close());

  it('sets priority on create and update, and sorts and filters by it', async () => {
    const batchId = await newBatch('priority');
    const [low, high, none] = await createTasks(batchId, [
      { name: 'low', priority: -5 },
      { name: 'high', priority: 10 },
      { name: 'none' },
    ]);
    expect((await api('GET', `/v1/tasks/${none}`)).body.priority).toBe(0);
    const sorted = await list(`batchIds=${batchId}&sort=priority:desc`);
    expect(sorted.map((t) => t.name)).toEqual(['high', 'none', 'low']);
    const updated = await api('PATCH', `/v1/tasks/${low}`, { priority: 20 });
    expect(updated.status).toBe(200);
    expect(updated.body.priority).toBe(20);
    const top = await list(`batchIds=${batchId}&filter=priority:gte:10&sort=priority`);
    expect(top.map((t) => t.id)).toEqual([high, low]);
    expectProblem(await api('PATCH', `/v1/tasks/${low}`, { priority: 1.5 }), 400, 'validation_failed', {
      in: 'body',
      pointer: '/priority',
    });
    expectProblem(
      await api('GET', `/v1/tasks?projectId=${projectId}&filter=priority:gt:high`),
      400,
      'validation_failed',
    );
    const history = await api('GET', `/v1/tasks/${low}?include=history`);
    expect(history.body.history.at(-1)).toMatchObject({
      action: 'update',
      details: { fields: ['priority'] },
    });
  });

  it('assigns and unassigns by ids, and lists by assignee', async () => {
    const batchId = await newBatch('assign-ids');
    const ids = await createTasks(batchId, [{ name: 'a' }, { name: 'b' }, { name: 'c' }]);
    const ann = await member('assignee-a', 'annotator');
    const assigned = await api('POST', '/v1/tasks/assign', { ids: ids.slice(0, 2), memberId: ann });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ applied: 2, refused: 0 });
    expect((await list(`batchIds=${batchId}&assignee=${ann}`)).map((t) => t.id)).toEqual(ids.slice(0, 2));
    expect((await list(`batchIds=${batchId}&assignee=none`)).map((t) => t.id)).toEqual([ids[2]]);
    const task = await api('GET', `/v1/tasks/${ids[0]}?include=history`);
    expect(task.body.assigneeId).toBe(ann);
    expect(task.body.history.at(-1)).toMatchObject({ action: 'assign', details: { assigneeId: ann } });
    const audit = await api('GET', `/v1/audit-log?resourceId=${ids[0]}&action=task.assign`);
    expect(audit.body.data[0].summary).toEqual({ assigneeId: ann });

    const unassigned = await api('POST', '/v1/tasks/unassign', { ids: [ids[0]] });
    expect(unassigned.body.applied).toBe(1);
    expect((await list(`batchIds=${batchId}&assignee=${ann}`)).map((t) => t.id)).toEqual([ids[1]]);
  });

  it('assigns by filter as a job, with the filter vocabulary of lists', async () => {
    const batchId = await newBatch('assign-filter');
    const ids = await createTasks(batchId, [
      { name: 'f1', priority: 3 },
      { name: 'f2', priority: 3 },
      { name: 'f3', priority: 1 },
    ]);
    const rev = await member('filter-reviewer', 'reviewer');
    const res = await api('POST', '/v1/tasks/assign', {
      filter: { projectId, batchIds: [batchId], where: [{ field: 'priority', operator: 'eq', value: 3 }] },
      memberId: rev,
    });
    expect(res.status).toBe(202);
    const job = await finishedJob(server.app, admin, res.body.id);
    expect(job.result).toMatchObject({ applied: 2, refused: 0 });
    expect((await list(`batchIds=${batchId}&assignee=${rev}`)).map((t) => t.id)).toEqual(ids.slice(0, 2));
    // Unassign what the member holds, by filter on the assignee.
    const back = await api('POST', '/v1/tasks/unassign', { filter: { projectId, assignee: rev } });
    expect(back.status).toBe(202);
    expect((await finishedJob(server.app, admin, back.body.id)).result.applied).toBe(2);
    expect(await list(`assignee=${rev}`)).toEqual([]);
  });

  it("refuses another workspace's member (404) and a removed member (409)", async () => {
    const batchId = await newBatch('assign-refusals');
    const [id] = await createTasks(batchId, [{ name: 'x' }]);
    const foreign = await member('foreign-assignee', 'annotator', otherAdmin);
    expectProblem(await api('POST', '/v1/tasks/assign', { ids: [id], memberId: foreign }), 404, 'not_found', {
      in: 'body',
      pointer: '/memberId',
    });
    expectProblem(
      await api('GET', `/v1/tasks?projectId=${projectId}&assignee=${foreign}`),
      404,
      'not_found',
      {
        in: 'query',
        pointer: '/assignee',
      },
    );
    expectProblem(
      await api('POST', '/v1/tasks/unassign', { filter: { projectId, assignee: foreign } }),
      404,
      'not_found',
      { in: 'body', pointer: '/filter/assignee' },
    );
    const gone = await member('gone-assignee', 'annotator');
    expect((await api('DELETE', `/v1/members/${gone}`)).status).toBe(204);
    expectProblem(
      await api('POST', '/v1/tasks/assign', { ids: [id], memberId: gone }),
      409,
      'member_removed',
      {
        in: 'body',
        pointer: '/memberId',
      },
    );
    expect((await api('GET', `/v1/tasks/${id}`)).body.assigneeId).toBeNull();
  });

  it('unassigns the tasks of a member when it is removed', async () => {
    const batchId = await newBatch('assign-removal');
    const ids = await createTasks(batchId, [{ name: 'r1' }, { name: 'r2' }]);
    const leaving = await member('leaving-assignee', 'annotator');
    await api('POST', '/v1/tasks/assign', { ids, memberId: leaving });
    expect((await api('DELETE', `/v1/members/${leaving}`)).status).toBe(204);
    expect((await list(`batchIds=${batchId}&assignee=none`)).map((t) => t.id)).toEqual(ids);
    // Its past assignments can still be asked about.
    expect(await list(`assignee=${leaving}`)).toEqual([]);
  });

  it('lets annotators change only the tasks assigned to them, and keeps managers free', async () => {
    const batchId = await newBatch('assign-rights');
    const [mine, theirs] = await createTasks(batchId, [{ name: 'mine' }, { name: 'theirs' }]);
    const ann = await member('rights-annotator', 'annotator');
    const annKey = (await api('POST', '/v1/keys', { name: 'ann', memberId: ann })).body.token;
    const mgr = await member('rights-manager', 'manager');
    const mgrKey = (await api('POST', '/v1/keys', { name: 'mgr', memberId: mgr })).body.token;
    await api('POST', '/v1/tasks/assign', { ids: [mine], memberId: ann });
    expect((await api('PATCH', `/v1/tasks/${mine}`, { data: { label: 'cat' } }, annKey)).status).toBe(200);
    expectProblem(
      await api('PATCH', `/v1/tasks/${theirs}`, { data: { label: 'dog' } }, annKey),
      403,
      'task_not_assigned',
    );
    expectProblem(
      await api('POST', '/v1/tasks/assign', { ids: [theirs], memberId: ann }, annKey),
      403,
      'insufficient_role',
    );
    expect((await api('POST', '/v1/tasks/assign', { ids: [theirs], memberId: ann }, mgrKey)).status).toBe(
      200,
    );
    expect((await api('PATCH', `/v1/tasks/${theirs}`, { priority: 2 }, mgrKey)).status).toBe(200);
    const history = await api('GET', `/v1/tasks/${mine}?include=history`);
    expect(history.body.history.at(-1)).toMatchObject({ action: 'update', memberId: ann });
  });

  it('keeps predictions, and sorts and filters by prediction.score and properties.score', async () => {
    const batchId = await newBatch('predictions');
    const ids = await createTasks(batchId, [
      {
        name: 'p1',
        prediction: { modelVersion: 'm1', score: 0.9, data: { label: 'cat' } },
        properties: { score: 1 },
      },
      { name: 'p2', prediction: { modelVersion: 'm1', score: 0.2 }, properties: { score: 3 } },
      { name: 'p3' },
      { name: 'p4', prediction: { modelVersion: 'm2', score: 0.5 }, properties: { score: 2 } },
    ]);
    const light = await api('GET', `/v1/tasks/${ids[0]}`);
    expect(light.body.prediction).toEqual({ modelVersion: 'm1', score: 0.9 });
    const full = await api('GET', `/v1/tasks/${ids[0]}?include=data`);
    expect(full.body.prediction).toEqual({ modelVersion: 'm1', score: 0.9, data: { label: 'cat' } });
    expect((await api('GET', `/v1/tasks/${ids[2]}`)).body.prediction).toBeNull();

    const names = (rows: any[]) => rows.map((t) => t.name);
    expect(names(await list(`batchIds=${batchId}&sort=prediction.score:desc`))).toEqual([
      'p1',
      'p4',
      'p2',
      'p3',
    ]);
    expect(names(await list(`batchIds=${batchId}&sort=prediction.score`))).toEqual(['p2', 'p4', 'p1', 'p3']);
    expect(names(await list(`batchIds=${batchId}&sort=properties.score:desc`))).toEqual([
      'p2',
      'p4',
      'p1',
      'p3',
    ]);
    expect(
      names(await list(`batchIds=${batchId}&filter=prediction.score:gte:0.5&sort=prediction.score`)),
    ).toEqual(['p4', 'p1']);
    // Pages of one, nulls last, across the cursor.
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const res: any = await api(
        'GET',
        `/v1/tasks?projectId=${projectId}&batchIds=${batchId}&sort=prediction.score:desc&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      paged.push(...res.body.data.map((t: any) => t.name));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(['p1', 'p4', 'p2', 'p3']);

    const cleared = await api('PATCH', `/v1/tasks/${ids[0]}`, { prediction: null });
    expect(cleared.body.prediction).toBeNull();
    const set = await api('PATCH', `/v1/tasks/${ids[2]}`, {
      prediction: { score: 0.7, data: { label: 'dog' } },
    });
    expect(set.body.prediction).toEqual({ modelVersion: null, score: 0.7, data: { label: 'dog' } });
    expectProblem(
      await api('PATCH', `/v1/tasks/${ids[2]}`, { prediction: { score: 'high' } }),
      400,
      'validation_failed',
      { in: 'body', pointer: '/prediction/score' },
    );
  });
});
