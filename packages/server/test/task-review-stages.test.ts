import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { call, expectProblem, finishedJob, workspaceWithKey } from './helpers.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

describe.each(testDialects())('review stages on %s', (dialect) => {
  let server: TestServer;
  let admin: string;
  let otherAdmin: string;
  let memberCount = 0;

  const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown, as = admin) =>
    call(server.app, { method, url, token: as, body });
  /** A project with `workflow` and one active batch holding `names`; returns the task ids. */
  const project = async (name: string, workflow: unknown, names: string[]) => {
    const created = await api('POST', '/v1/projects', { name, workflow });
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
    const tasks = await api('POST', `/v1/batches/${batchId}/tasks`, {
      tasks: names.map((n) => ({ name: n })),
    });
    return { projectId, batchId, ids: tasks.body.results.map((r: any) => r.id) as string[] };
  };
  const person = async (role: string) => {
    const name = `person-${++memberCount}`;
    const member = await api('POST', '/v1/members', { name, email: `${name}@example.org`, role });
    const key = await api('POST', '/v1/keys', { name, memberId: member.body.id });
    return { id: member.body.id as string, token: key.body.token as string };
  };
  const verdict = (id: string, body: unknown, as: string) => api('POST', `/v1/tasks/${id}/verdict`, body, as);
  /** `as` claims the next task of the project and submits it with `data`. */
  const claimAndSubmit = async (projectId: string, as: string, data: unknown) => {
    const claimed = await api('POST', '/v1/tasks/claim', { projectId }, as);
    expect(claimed.status).toBe(200);
    const submitted = await api('POST', `/v1/tasks/${claimed.body.id}/submit`, { data }, as);
    expect(submitted.status).toBe(200);
    return submitted.body;
  };

  beforeAll(async () => {
    server = await startTestServer(dialect);
    admin = (await workspaceWithKey(server.app, server.adminToken, 'review-ws')).token;
    otherAdmin = (await workspaceWithKey(server.app, server.adminToken, 'review-other')).token;
  });
  afterAll(async () => server?.close());

  it('sets, shows and changes a project workflow; bad ones change nothing', async () => {
    const plain = await api('POST', '/v1/projects', { name: 'plain' });
    expect(plain.body.workflow).toEqual({
      reviewStages: [],
      excludeSelfReview: true,
      annotationsPerTask: 1,
      agreementThreshold: 0.8,
      goldRate: 0,
    });
    const staged = await api('PATCH', `/v1/projects/${plain.body.id}`, {
      workflow: { reviewStages: ['qa'] },
    });
    expect(staged.body.workflow).toEqual({
      reviewStages: ['qa'],
      excludeSelfReview: true,
      annotationsPerTask: 1,
      agreementThreshold: 0.8,
      goldRate: 0,
    });
    const off = await api('PATCH', `/v1/projects/${plain.body.id}`, {
      workflow: { excludeSelfReview: false },
    });
    expect(off.body.workflow).toEqual({
      reviewStages: ['qa'],
      excludeSelfReview: false,
      annotationsPerTask: 1,
      agreementThreshold: 0.8,
      goldRate: 0,
    });
    expectProblem(
      await api('PATCH', `/v1/projects/${plain.body.id}`, { workflow: { reviewStages: ['qa', 'qa'] } }),
      400,
      'validation_failed',
      { in: 'body', pointer: '/workflow/reviewStages/1' },
    );
    expect(
      (await api('PATCH', `/v1/projects/${plain.body.id}`, { workflow: { reviewStages: ['a b'] } })).status,
    ).toBe(400);
    expect((await api('GET', `/v1/projects/${plain.body.id}`)).body.workflow.reviewStages).toEqual(['qa']);
  });

  it('rejects back to the submitter with the reason, then accepts at each stage to reviewed', async () => {
    const { projectId, ids } = await project('round-trip', { reviewStages: ['qa', 'expert'] }, ['t1']);
    const id = ids[0]!;
    const ann = await person('annotator');
    const qa = await person('reviewer');
    const expert = await person('manager');

    const submitted = await claimAndSubmit(projectId, ann.token, { label: 'dog' });
    expect(submitted).toMatchObject({ id, status: 'to_review', reviewStage: 'qa', lastRejection: null });
    const atQa = await api('GET', `/v1/tasks?projectId=${projectId}&reviewStage=qa`);
    expect(atQa.body.data.map((t: any) => t.id)).toEqual([id]);
    expect((await api('GET', `/v1/tasks?projectId=${projectId}&reviewStage=expert`)).body.data).toEqual([]);

    // Reject: back to pending, assigned to the annotator, data kept, reason shown.
    expectProblem(await verdict(id, { verdict: 'reject' }, qa.token), 400, 'validation_failed', {
      in: 'body',
      pointer: '/reason',
    });
    expect((await verdict(id, { verdict: 'reject', reason: 'x'.repeat(2001) }, qa.token)).status).toBe(400);
    const rejected = await verdict(id, { verdict: 'reject', reason: 'it is a cat', stage: 'qa' }, qa.token);
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({
      status: 'pending',
      reviewStage: null,
      assigneeId: ann.id,
      lastRejection: { reason: 'it is a cat', stage: 'qa', memberId: qa.id },
    });
    const after = await api('GET', `/v1/tasks/${id}?include=data,history`);
    expect(after.body.data).toEqual({ label: 'dog' });
    expect(after.body.history.at(-1)).toMatchObject({
      action: 'verdict',
      from: 'to_review',
      to: 'pending',
      memberId: qa.id,
      reason: 'it is a cat',
      details: { verdict: 'reject', stage: 'qa', assigneeId: ann.id },
    });
    const audit = await api('GET', `/v1/audit-log?resourceId=${id}&action=task.verdict`);
    expect(audit.body.data[0].actor.memberId).toBe(qa.id);

    // Another annotator does not get it; the submitter claims it again (its data as it left it).
    const other = await person('annotator');
    expect((await api('POST', '/v1/tasks/claim', { projectId }, other.token)).status).toBe(204);
    const again = await api('POST', '/v1/tasks/claim', { projectId }, ann.token);
    expect(again.body).toMatchObject({ id, data: { label: 'dog' } });
    await api('POST', `/v1/tasks/${id}/submit`, { data: { label: 'cat' } }, ann.token);

    // Accept at qa moves it to expert; a verdict for qa again is the wrong stage.
    const atExpert = await verdict(id, { verdict: 'accept', stage: 'qa' }, qa.token);
    expect(atExpert.body).toMatchObject({ status: 'to_review', reviewStage: 'expert' });
    expectProblem(
      await verdict(id, { verdict: 'accept', stage: 'qa' }, qa.token),
      409,
      'review_stage_mismatch',
    );
    const reviewed = await verdict(id, { verdict: 'accept' }, expert.token);
    expect(reviewed.body).toMatchObject({
      status: 'reviewed',
      reviewStage: null,
      lastRejection: { reason: 'it is a cat' },
    });
    const history = (await api('GET', `/v1/tasks/${id}?include=history`)).body.history;
    expect(history.filter((e: any) => e.action === 'verdict').map((e: any) => e.details)).toEqual([
      { verdict: 'reject', stage: 'qa', assigneeId: ann.id },
      { verdict: 'accept', stage: 'qa', nextStage: 'expert' },
      { verdict: 'accept', stage: 'expert' },
    ]);
    // No longer in review.
    expectProblem(await verdict(id, { verdict: 'accept' }, expert.token), 409, 'task_not_in_review');
  });

  it('exports the review stage when asked for it', async () => {
    const { projectId, ids } = await project('export', { reviewStages: ['qa'] }, ['e1', 'e2']);
    const ann = await person('annotator');
    await claimAndSubmit(projectId, ann.token, {});
    for (const format of ['jsonl', 'csv'] as const) {
      const job = await api('POST', '/v1/tasks/export', {
        filter: { projectId, reviewStage: 'qa' },
        format,
        fields: ['id', 'reviewStage'],
      });
      expect(job.status).toBe(202);
      const done = await finishedJob(server.app, admin, job.body.id);
      expect(done.status).toBe('succeeded');
      const file = await api('GET', `/v1/jobs/${job.body.id}/artifacts/tasks.${format}`);
      const text = file.text ?? file.body;
      if (format === 'jsonl')
        expect(JSON.parse(String(text).trim())).toEqual({ id: ids[0], reviewStage: 'qa' });
      else expect(String(text).trim().split(/\r?\n/)).toEqual(['id,reviewStage', `${ids[0]},qa`]);
    }
  });

  it('refuses self-review when the workflow excludes it, and allows it when not', async () => {
    const { projectId, ids } = await project('self', { reviewStages: ['qa'] }, ['s1']);
    const rev = await person('reviewer');
    await claimAndSubmit(projectId, rev.token, { ok: true });
    expectProblem(await verdict(ids[0]!, { verdict: 'accept' }, rev.token), 409, 'self_review_forbidden');
    expect((await api('GET', `/v1/tasks/${ids[0]}`)).body.status).toBe('to_review');
    await api('PATCH', `/v1/projects/${projectId}`, { workflow: { excludeSelfReview: false } });
    expect((await verdict(ids[0]!, { verdict: 'accept' }, rev.token)).body.status).toBe('reviewed');
  });

  it('enforces roles and workspaces; refuses tasks not in review', async () => {
    const { projectId, ids } = await project('roles', { reviewStages: ['qa'] }, ['r1', 'r2']);
    const ann = await person('annotator');
    expectProblem(await verdict(ids[0]!, { verdict: 'accept' }, admin), 409, 'task_not_in_review');
    await claimAndSubmit(projectId, ann.token, {});
    expectProblem(await verdict(ids[0]!, { verdict: 'accept' }, ann.token), 403, 'insufficient_role');
    expectProblem(await verdict(ids[0]!, { verdict: 'accept' }, otherAdmin), 404, 'not_found');
    expectProblem(await verdict('tsk_nope', { verdict: 'accept' }, admin), 404, 'not_found');
    // A plain editor or admin key reviews too (not a member: never its own work).
    expect((await verdict(ids[0]!, { verdict: 'accept', stage: 'qa' }, admin)).body.status).toBe('reviewed');
  });

  it('sends to the first stage by review; a transition does not skip stages; redo clears the stage', async () => {
    const { ids } = await project('bulk', { reviewStages: ['qa', 'expert'] }, ['b1']);
    const id = ids[0]!;
    await api('POST', '/v1/tasks/transition', { ids: [id], to: 'in_progress' });
    await api('POST', '/v1/tasks/transition', { ids: [id], to: 'complete' });
    expect((await api('POST', '/v1/tasks/review', { ids: [id] })).status).toBe(200);
    expect((await api('GET', `/v1/tasks/${id}`)).body).toMatchObject({
      status: 'to_review',
      reviewStage: 'qa',
    });
    expectProblem(
      await api('POST', '/v1/tasks/transition', { ids: [id], to: 'reviewed' }),
      409,
      'invalid_task_transition',
    );
    await api('POST', '/v1/tasks/redo', { ids: [id] });
    expect((await api('GET', `/v1/tasks/${id}`)).body).toMatchObject({
      status: 'pending',
      reviewStage: null,
    });
  });

  it('gives one verdict to many tasks, task by task', async () => {
    const { projectId, ids } = await project('many', { reviewStages: ['qa'] }, ['m1', 'm2', 'm3']);
    const ann = await person('annotator');
    const rev = await person('reviewer');
    await claimAndSubmit(projectId, ann.token, {});
    await claimAndSubmit(projectId, ann.token, {});
    const [other] = (await project('many-other', undefined, ['x'])).ids;
    expectProblem(
      await api('POST', '/v1/tasks/verdicts', { ids: [ids[0], ids[0]], verdict: 'accept' }, rev.token),
      400,
      'validation_failed',
      { in: 'body', pointer: '/ids/1' },
    );
    expectProblem(
      await api('POST', '/v1/tasks/verdicts', { ids: [ids[0], ids[1]], verdict: 'reject' }, rev.token),
      400,
      'validation_failed',
      { in: 'body', pointer: '/reason' },
    );
    const res = await api(
      'POST',
      '/v1/tasks/verdicts',
      {
        ids: [ids[0], ids[1], ids[2], other, 'tsk_nope'],
        verdict: 'reject',
        reason: 'redo all',
        stage: 'qa',
      },
      rev.token,
    );
    expect(res.status).toBe(200);
    expect(res.body.applied).toBe(2);
    expect(res.body.results.map((r: any) => r.error?.code ?? r.to)).toEqual([
      'pending',
      'pending',
      'task_not_in_review',
      'task_not_in_review',
      'not_found',
    ]);
    for (const id of [ids[0], ids[1]])
      expect((await api('GET', `/v1/tasks/${id}`)).body).toMatchObject({
        assigneeId: ann.id,
        status: 'pending',
      });
    // One id answers for itself.
    expectProblem(
      await api('POST', '/v1/tasks/verdicts', { ids: [ids[2]], verdict: 'accept' }, rev.token),
      409,
      'task_not_in_review',
    );
    expectProblem(
      await api('POST', '/v1/tasks/verdicts', { ids: [ids[2]], verdict: 'accept' }, ann.token),
      403,
      'insufficient_role',
    );
  });

  it('leaves projects without stages as they were: submit completes the task', async () => {
    const { projectId, ids } = await project('no-stages', undefined, ['n1']);
    const ann = await person('annotator');
    const submitted = await claimAndSubmit(projectId, ann.token, {});
    expect(submitted).toMatchObject({ status: 'complete', reviewStage: null });
    await api('POST', '/v1/tasks/review', { ids: [ids[0]] });
    // A verdict still works on a task in review without a stage: accept makes it reviewed.
    expect((await verdict(ids[0]!, { verdict: 'accept' }, admin)).body.status).toBe('reviewed');
  });
});
