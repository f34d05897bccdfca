import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { call, expectProblem, finishedJob, workspaceWithKey } from './helpers.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

// Answers are one categorical field, right or clearly wrong: any agreement measure scores them 1 and 0.
const right = (i: number) => ({ category: `c${i}` });
const wrong = (i: number) => ({ category: `not-c${i}` });

describe.each(testDialects())('gold tasks and the quality report on %s', (dialect) => {
  let server: TestServer;
  let admin: string;
  let otherAdmin: string;
  let memberCount = 0;

  const api = (
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
    as = admin,
  ) => call(server.app, { method, url, token: as, body });
  /** A project with `workflow`, one active batch and `tasks` in it; returns ids by name. */
  const project = async (name: string, workflow: unknown, tasks: unknown[], extra: object = {}) => {
    const created = await api('POST', '/v1/projects', { name, workflow, ...extra });
    expect(created.status).toBe(201);
    const projectId = created.body.id as string;
    const datasetId = (
      await api('POST', '/v1/datasets', {
        projectId,
        name: 'base',
        columns: [{ name: 'v', type: 'numeric' }],
      })
    ).body.id;
    const job = await api('POST', `/v1/datasets/${datasetId}/batches`, { name: 'b', rows: [{ v: 1 }] });
    const batchId = (await finishedJob(server.app, admin, job.body.id)).result.batchId as string;
    const made = tasks.length > 0 ? await api('POST', `/v1/batches/${batchId}/tasks`, { tasks }) : null;
    if (made) expect(made.body.failed).toBe(0);
    const ids = new Map<string, string>(
      (made?.body.results ?? []).map((r: any) => [r.name as string, r.id as string]),
    );
    return { projectId, batchId, ids };
  };
  const person = async (role: string, as = admin) => {
    const name = `person-${++memberCount}`;
    const member = await api('POST', '/v1/members', { name, email: `${name}@example.org`, role }, as);
    const key = await api('POST', '/v1/keys', { name, memberId: member.body.id }, as);
    return { id: member.body.id as string, name, token: key.body.token as string };
  };
  const claim = (projectId: string, as: string) => api('POST', '/v1/tasks/claim', { projectId }, as);
  const submit = (id: string, data: unknown, as: string) =>
    api('POST', `/v1/tasks/${id}/submit`, { data }, as);
  const quality = (query: string, as = admin) => api('GET', `/v1/quality?${query}`, undefined, as);
  const rowOf = (report: any, memberId: string) => report.data.find((r: any) => r.memberId === memberId);
  const goldTasks = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ name: `gold-${i}`, data: {}, gold: { data: right(i) } }));

  beforeAll(async () => {
    server = await startTestServer(dialect);
    admin = (await workspaceWithKey(server.app, server.adminToken, 'gold-ws')).token;
    otherAdmin = (await workspaceWithKey(server.app, server.adminToken, 'gold-other')).token;
  });
  afterAll(async () => server?.close());

  it('gold accuracy figures computed from a known answer set', async () => {
    const { projectId, ids } = await project('known', { goldRate: 1 }, goldTasks(10));
    const goldIndex = new Map([...ids].map(([name, id]) => [id, Number(name.split('-')[1])]));
    const [a, b, c] = [await person('annotator'), await person('annotator'), await person('reviewer')];
    // a: 10 of 10 right; b: 7 of 10; c: 2 of 5 (then stops).
    const plan = [
      { who: a, answers: 10, wrongFrom: 10 },
      { who: b, answers: 10, wrongFrom: 7 },
      { who: c, answers: 5, wrongFrom: 2 },
    ];
    for (const { who, answers, wrongFrom } of plan) {
      const seen = new Set<string>();
      for (let n = 0; n < answers; n++) {
        const claimed = await claim(projectId, who.token);
        expect(claimed.status).toBe(200);
        // Looks like any claimed task: no known answer, in progress under the member's lease.
        expect(claimed.body.gold).toBeUndefined();
        expect(claimed.body).toMatchObject({ status: 'in_progress', lease: { memberId: who.id } });
        expect(seen.has(claimed.body.id)).toBe(false);
        seen.add(claimed.body.id);
        const i = goldIndex.get(claimed.body.id)!;
        const done = await submit(claimed.body.id, n < wrongFrom ? right(i) : wrong(i), who.token);
        expect(done.status).toBe(200);
        expect(done.body).toMatchObject({ status: 'complete', lease: null });
        expect(done.body.gold).toBeUndefined();
      }
    }
    // Every gold task answered by a: the queue has nothing more for a (a member never gets one twice).
    expect((await claim(projectId, a.token)).status).toBe(204);
    // The gold tasks themselves never changed.
    const stored = await api('GET', `/v1/tasks?projectId=${projectId}&include=data`);
    expect(stored.body.data).toHaveLength(10);
    for (const t of stored.body.data) {
      expect(t).toMatchObject({ status: 'pending', lease: null, data: {} });
      expect(t.gold).toEqual({ data: right(goldIndex.get(t.id)!) });
    }

    const report = await quality(`projectId=${projectId}`);
    expect(report.status).toBe(200);
    expect(report.body.data).toHaveLength(3);
    expect(rowOf(report.body, a.id)).toMatchObject({
      name: a.name,
      role: 'annotator',
      submitted: 10,
      gold: { answered: 10, accuracy: 1 },
      agreement: null,
      reviews: { verdicts: 0, rejected: 0, rejectionRate: null },
    });
    expect(rowOf(report.body, b.id).gold).toEqual({ answered: 10, accuracy: 0.7 });
    expect(rowOf(report.body, c.id)).toMatchObject({ role: 'reviewer', submitted: 5 });
    expect(rowOf(report.body, c.id).gold).toEqual({ answered: 5, accuracy: 0.4 });
    for (const row of report.body.data) {
      expect(row.activeHours).toBeGreaterThanOrEqual(1);
      expect(row.activeHours).toBeLessThanOrEqual(2);
      expect(row.throughputPerHour).toBe(row.submitted / row.activeHours);
    }
    // One member's row, the same figures.
    const one = await api('GET', `/v1/members/${b.id}/quality?projectId=${projectId}`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual(rowOf(report.body, b.id));
  });

  it('mixes gold tasks into the queue at the gold rate: every round(1/rate)-th claim', async () => {
    const regular = Array.from({ length: 10 }, (_, i) => ({ name: `t-${i}` }));
    const { projectId, ids } = await project('rate', { goldRate: 0.25 }, [...goldTasks(3), ...regular]);
    const gold = new Set(['gold-0', 'gold-1', 'gold-2'].map((n) => ids.get(n)!));
    const who = await person('annotator');
    const kinds: string[] = [];
    for (;;) {
      const claimed = await claim(projectId, who.token);
      if (claimed.status === 204) break;
      kinds.push(gold.has(claimed.body.id) ? 'G' : 'r');
      expect((await submit(claimed.body.id, right(0), who.token)).status).toBe(200);
    }
    // Claims 4, 8 and 12 are gold; the three gold tasks used up, the rest is real work.
    expect(kinds.join('')).toBe('rrrGrrrGrrrGr');
    // Another member's count starts from zero. The real queue is empty: a claim that hands out
    // nothing counts nothing, so gold never comes out of an empty queue (it would give itself away).
    const other = await person('annotator');
    for (let n = 0; n < 5; n++) expect((await claim(projectId, other.token)).status).toBe(204);
  });

  it('a skipped or expired gold claim: skipped ones never come back, expired ones do', async () => {
    const { projectId, ids } = await project('skips', { goldRate: 1 }, goldTasks(2));
    const who = await person('annotator');
    const first = await claim(projectId, who.token);
    expect(first.body.id).toBe(ids.get('gold-0'));
    const skipped = await api('POST', `/v1/tasks/${first.body.id}/skip`, { reason: 'unclear' }, who.token);
    expect(skipped.status).toBe(200);
    expect(skipped.body).toMatchObject({ status: 'pending', lease: null });
    // A heartbeat renews a gold claim like any other; the answered one is then lost.
    const second = await claim(projectId, who.token);
    expect(second.body.id).toBe(ids.get('gold-1'));
    const beat = await api('POST', `/v1/tasks/${second.body.id}/heartbeat`, { leaseSeconds: 1 }, who.token);
    expect(beat.status).toBe(200);
    expect(beat.body).toMatchObject({ status: 'in_progress', lease: { memberId: who.id } });
    await new Promise((r) => setTimeout(r, 1100));
    expectProblem(await submit(second.body.id, right(1), who.token), 409, 'task_lease_lost');
    // The expired claim is handed out again; the skipped one never.
    const again = await claim(projectId, who.token);
    expect(again.body.id).toBe(ids.get('gold-1'));
    expect((await submit(again.body.id, right(1), who.token)).status).toBe(200);
    expect((await claim(projectId, who.token)).status).toBe(204);
    // Submitting twice: the claim is over.
    expectProblem(await submit(again.body.id, right(1), who.token), 409, 'task_lease_lost');
    const report = await quality(`projectId=${projectId}`);
    expect(rowOf(report.body, who.id).gold).toEqual({ answered: 1, accuracy: 1 });
  });

  it('a member holding a gold task reads it as claimed and saves drafts, as with any task', async () => {
    const { projectId, ids } = await project('drafts', { goldRate: 1 }, goldTasks(1));
    const goldId = ids.get('gold-0')!;
    const who = await person('annotator');
    const claimed = await claim(projectId, who.token);
    expect(claimed.body.id).toBe(goldId);
    const read = await api('GET', `/v1/tasks/${goldId}?include=data`, undefined, who.token);
    expect(read.body).toMatchObject({ status: 'in_progress', lease: claimed.body.lease, data: {} });
    expect(read.body.gold).toBeUndefined();
    const saved = await api('PATCH', `/v1/tasks/${goldId}`, { data: right(0) }, who.token);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ status: 'in_progress', data: right(0) });
    expect((await api('GET', `/v1/tasks/${goldId}?include=data`, undefined, who.token)).body.data).toEqual(
      right(0),
    );
    // The stored task did not change; others (and the member after submitting) see it as it is.
    const stored = await api('GET', `/v1/tasks/${goldId}?include=data`);
    expect(stored.body).toMatchObject({ status: 'pending', lease: null, data: {} });
    // A submit without data answers with the saved draft.
    expect((await api('POST', `/v1/tasks/${goldId}/submit`, {}, who.token)).body.data).toEqual(right(0));
    expect((await api('GET', `/v1/tasks/${goldId}`, undefined, who.token)).body.status).toBe('pending');
    expectProblem(
      await api('PATCH', `/v1/tasks/${goldId}`, { data: right(0) }, who.token),
      403,
      'task_not_assigned',
    );
    const report = await quality(`projectId=${projectId}`);
    expect(rowOf(report.body, who.id).gold).toEqual({ answered: 1, accuracy: 1 });
  });

  it('hides gold from annotators in every read; managers filter on it; PUT sets and removes it', async () => {
    const { projectId, ids } = await project('hidden', { goldRate: 0 }, [...goldTasks(2), { name: 'plain' }]);
    const [annotator, manager] = [await person('annotator'), await person('manager')];
    const goldId = ids.get('gold-0')!;
    const byAdmin = await api('GET', `/v1/tasks/${goldId}?include=data`);
    expect(byAdmin.body.gold).toEqual({ data: right(0) });
    expect((await api('GET', `/v1/tasks/${goldId}`)).body.gold).toEqual({});
    const byAnnotator = await api(
      'GET',
      `/v1/tasks/${goldId}?include=data,history`,
      undefined,
      annotator.token,
    );
    expect(byAnnotator.status).toBe(200);
    expect(byAnnotator.body.gold).toBeUndefined();
    expect(JSON.stringify(byAnnotator.body)).not.toContain('"category"');
    const listed = await api(
      'GET',
      `/v1/tasks?projectId=${projectId}&include=data`,
      undefined,
      annotator.token,
    );
    expect(listed.body.data).toHaveLength(3);
    expect(JSON.stringify(listed.body)).not.toContain('"gold":');
    expectProblem(
      await api('GET', `/v1/tasks?projectId=${projectId}&isGold=true`, undefined, annotator.token),
      403,
      'insufficient_role',
      { in: 'query', pointer: '/isGold' },
    );
    const onlyGold = await api(
      'GET',
      `/v1/tasks?projectId=${projectId}&isGold=true`,
      undefined,
      manager.token,
    );
    expect(onlyGold.body.data.map((t: any) => t.id).sort()).toEqual([goldId, ids.get('gold-1')].sort());
    const notGold = await api('GET', `/v1/tasks?projectId=${projectId}&isGold=false`);
    expect(notGold.body.data.map((t: any) => t.id)).toEqual([ids.get('plain')]);
    // Exports never carry the known answer, whoever asks.
    const job = await api('POST', '/v1/tasks/export', { filter: { projectId }, format: 'jsonl' });
    const done = await finishedJob(server.app, admin, job.body.id);
    const artifact = await api('GET', `/v1/jobs/${done.id}/artifacts/tasks.jsonl`);
    expect(artifact.status).toBe(200);
    expect(artifact.text.split('\n').filter(Boolean)).toHaveLength(3);
    expect(artifact.text).not.toContain('"gold":');
    expect(artifact.text).not.toContain('"category"');

    // PUT: editors and managers set it; annotators cannot; null removes it.
    const plainId = ids.get('plain')!;
    expectProblem(
      await api('PUT', `/v1/tasks/${plainId}/gold`, { data: right(9) }, annotator.token),
      403,
      'insufficient_role',
    );
    const set = await api('PUT', `/v1/tasks/${plainId}/gold`, { data: right(9) }, manager.token);
    expect(set.status).toBe(200);
    expect(set.body.gold).toEqual({ data: right(9) });
    const removed = await api('PUT', `/v1/tasks/${goldId}/gold`, { data: null });
    expect(removed.status).toBe(200);
    expect(removed.body.gold).toBeUndefined();
    const nowGold = await api('GET', `/v1/tasks?projectId=${projectId}&isGold=true`);
    expect(nowGold.body.data.map((t: any) => t.id).sort()).toEqual([ids.get('gold-1'), plainId].sort());
    // With no gold rate, gold tasks are not in the queue at all: the only real one left is gold-0.
    const claimed = await claim(projectId, annotator.token);
    expect(claimed.body.id).toBe(goldId);
    expect((await claim(projectId, annotator.token)).status).toBe(204);
  });

  it('rejection rate from real verdicts on each member’s submitted work', async () => {
    const names = Array.from({ length: 4 }, (_, i) => ({ name: `r-${i}` }));
    const { projectId } = await project('reviews', { reviewStages: ['qa'] }, names);
    const [x, reviewer] = [await person('annotator'), await person('reviewer')];
    const submitted: string[] = [];
    for (let n = 0; n < 4; n++) {
      const claimed = await claim(projectId, x.token);
      expect((await submit(claimed.body.id, right(n), x.token)).body.status).toBe('to_review');
      submitted.push(claimed.body.id);
    }
    const verdict = (id: string, body: object) =>
      api('POST', `/v1/tasks/${id}/verdict`, body, reviewer.token).then((r) => expect(r.status).toBe(200));
    await verdict(submitted[0]!, { verdict: 'reject', reason: 'boxes off' });
    for (const id of submitted.slice(1)) await verdict(id, { verdict: 'accept' });
    let row = rowOf((await quality(`projectId=${projectId}`)).body, x.id);
    expect(row.reviews).toEqual({ verdicts: 4, rejected: 1, rejectionRate: 0.25 });
    expect(row.submitted).toBe(4);
    // The rejected task comes back to x, who fixes it; accepted this time.
    const back = await claim(projectId, x.token);
    expect(back.body.id).toBe(submitted[0]);
    await submit(back.body.id, right(0), x.token);
    await verdict(back.body.id, { verdict: 'accept' });
    const report = (await quality(`projectId=${projectId}`)).body;
    row = rowOf(report, x.id);
    expect(row.reviews).toEqual({ verdicts: 5, rejected: 1, rejectionRate: 0.2 });
    expect(row.submitted).toBe(5);
    expect(row.gold).toEqual({ answered: 0, accuracy: null });
    // The reviewer gave verdicts but submitted nothing: no row of their own.
    expect(rowOf(report, reviewer.id)).toBeUndefined();
  });

  it('counts only the work done in the date range', async () => {
    const { projectId } = await project('range', { goldRate: 0.5 }, [
      ...goldTasks(2),
      ...Array.from({ length: 4 }, (_, i) => ({ name: `t-${i}` })),
    ]);
    const who = await person('annotator');
    const work = async () => {
      for (let n = 0; n < 2; n++) {
        const claimed = await claim(projectId, who.token);
        expect((await submit(claimed.body.id, right(0), who.token)).status).toBe(200);
      }
    };
    const start = new Date(Date.now() - 1000).toISOString();
    await work(); // a real task, then gold-0 (right(0): correct)
    await new Promise((r) => setTimeout(r, 20));
    const middle = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 20));
    await work(); // a real task, then gold-1 (right(0): wrong)
    const end = new Date(Date.now() + 1000).toISOString();
    const q = (from: string, to: string) =>
      quality(`projectId=${projectId}&from=${from}&to=${to}`).then((r) => {
        expect(r.status).toBe(200);
        expect(r.body).toMatchObject({ from, to });
        return rowOf(r.body, who.id);
      });
    expect(await q(start, end)).toMatchObject({ submitted: 4, gold: { answered: 2, accuracy: 0.5 } });
    expect(await q(start, middle)).toMatchObject({ submitted: 2, gold: { answered: 1, accuracy: 1 } });
    expect(await q(middle, end)).toMatchObject({ submitted: 2, gold: { answered: 1, accuracy: 0 } });
    const later = new Date(Date.now() + 60_000).toISOString();
    expect((await quality(`projectId=${projectId}&from=${end}&to=${later}`)).body.data).toEqual([]);
    // One member's row outside their work: zeros, not a 404.
    const idle = await api(
      'GET',
      `/v1/members/${who.id}/quality?projectId=${projectId}&from=${end}&to=${later}`,
    );
    expect(idle.body).toMatchObject({
      memberId: who.id,
      submitted: 0,
      activeHours: 0,
      throughputPerHour: 0,
      gold: { answered: 0, accuracy: null },
      reviews: { verdicts: 0, rejected: 0, rejectionRate: null },
    });
  });

  it('bad input names the field and changes nothing; other workspaces are 404', async () => {
    const schema = {
      type: 'object',
      properties: { category: { type: 'string' } },
      additionalProperties: false,
    };
    const { projectId, batchId, ids } = await project('bad', undefined, [{ name: 'a' }], {
      taskSchema: schema,
    });
    const id = ids.get('a')!;
    expectProblem(await quality(`projectId=${projectId}&from=yesterday`), 400, 'validation_failed', {
      in: 'query',
      pointer: '/from',
    });
    expectProblem(await quality(`projectId=${projectId}&to=2026-13-45T00:00:00Z`), 400, 'validation_failed', {
      in: 'query',
      pointer: '/to',
    });
    expectProblem(
      await quality(`projectId=${projectId}&from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z`),
      400,
      'validation_failed',
      { in: 'query', pointer: '/from' },
    );
    expectProblem(await quality('projectId=prj_nope'), 404, 'not_found', {
      in: 'query',
      pointer: '/projectId',
    });
    expectProblem(await quality(`projectId=${projectId}`, otherAdmin), 404, 'not_found', {
      in: 'query',
      pointer: '/projectId',
    });
    const stranger = await person('annotator', otherAdmin);
    expectProblem(
      await api('GET', `/v1/members/${stranger.id}/quality?projectId=${projectId}`),
      404,
      'not_found',
    );

    expectProblem(
      await api('PUT', `/v1/tasks/${id}/gold`, { data: { category: 3 } }),
      400,
      'validation_failed',
      {
        in: 'body',
        pointer: '/data/category',
      },
    );
    expectProblem(await api('PUT', `/v1/tasks/${id}/gold`, { data: [1] }), 400, 'validation_failed');
    expectProblem(await api('PUT', `/v1/tasks/${id}/gold`, { data: right(1) }, otherAdmin), 404, 'not_found');
    expect((await api('GET', `/v1/tasks/${id}`)).body.gold).toBeUndefined();
    const created = await api('POST', `/v1/batches/${batchId}/tasks`, {
      tasks: [{ name: 'b', gold: { data: { category: 1 } } }],
    });
    expect(created.body.results[0]).toMatchObject({
      status: 'failed',
      error: { code: 'data_invalid', pointer: '/tasks/0/gold/data/category' },
    });
    expect((await api('GET', `/v1/tasks?projectId=${projectId}`)).body.data).toHaveLength(1);
    expectProblem(
      await api('PATCH', `/v1/projects/${projectId}`, { workflow: { goldRate: 2 } }),
      400,
      'validation_failed',
      { in: 'body', pointer: '/workflow/goldRate' },
    );
    expect((await api('GET', `/v1/projects/${projectId}`)).body.workflow.goldRate).toBe(0);
  });

  it('only managers, admins and editors read the quality report', async () => {
    const { projectId } = await project('roles', undefined, []);
    const viewer = (await api('POST', '/v1/keys', { name: 'viewer', role: 'viewer' })).body.token;
    const editor = (await api('POST', '/v1/keys', { name: 'editor', role: 'editor' })).body.token;
    const [annotator, reviewer, manager] = [
      await person('annotator'),
      await person('reviewer'),
      await person('manager'),
    ];
    for (const token of [viewer, annotator.token, reviewer.token]) {
      expectProblem(await quality(`projectId=${projectId}`, token), 403, 'insufficient_role');
      expectProblem(
        await api('GET', `/v1/members/${annotator.id}/quality?projectId=${projectId}`, undefined, token),
        403,
        'insufficient_role',
      );
    }
    for (const token of [admin, editor, manager.token])
      expect((await quality(`projectId=${projectId}`, token)).status).toBe(200);
  });
});
