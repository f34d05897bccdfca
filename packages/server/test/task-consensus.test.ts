import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, loadConfig, openStore } from '@batchyard/server';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { call, expectProblem, finishedJob, workspaceWithKey } from './helpers.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

describe.each(testDialects())('consensus on %s', (dialect) => {
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
      tasks: names.map((n) => ({ name: n, data: { image: { width: 100, height: 100 } } })),
    });
    return { projectId, batchId, ids: tasks.body.results.map((r: any) => r.id) as string[] };
  };
  const person = async (role = 'annotator', as = admin) => {
    const name = `person-${++memberCount}`;
    const member = await api('POST', '/v1/members', { name, email: `${name}@example.org`, role }, as);
    const key = await api('POST', '/v1/keys', { name, memberId: member.body.id }, as);
    return { id: member.body.id as string, token: key.body.token as string };
  };
  const claim = (projectId: string, as: string) => api('POST', '/v1/tasks/claim', { projectId }, as);
  /** `as` claims the next task of the project and submits `data` as its annotation. */
  const annotate = async (projectId: string, as: string, data: unknown) => {
    const claimed = await claim(projectId, as);
    expect(claimed.status).toBe(200);
    const submitted = await api('POST', `/v1/tasks/${claimed.body.id}/submit`, { data }, as);
    expect(submitted.status).toBe(200);
    return claimed.body.id as string;
  };
  const car = (x: number) => ({
    image: { width: 100, height: 100 },
    labels: [{ class: 'car', bbox: [x, 10, 20, 20] }],
    kind: 'street',
  });

  beforeAll(async () => {
    server = await startTestServer(dialect);
    admin = (await workspaceWithKey(server.app, server.adminToken, 'consensus-ws')).token;
    otherAdmin = (await workspaceWithKey(server.app, server.adminToken, 'consensus-other')).token;
  });
  afterAll(async () => server?.close());

  it('sets annotationsPerTask and agreementThreshold; bad values point at the field and change nothing', async () => {
    const plain = await api('POST', '/v1/projects', { name: 'settings' });
    expect(plain.body.workflow).toMatchObject({ annotationsPerTask: 1, agreementThreshold: 0.8 });
    const set = await api('PATCH', `/v1/projects/${plain.body.id}`, {
      workflow: { annotationsPerTask: 3, agreementThreshold: 0.6 },
    });
    expect(set.body.workflow).toEqual({
      reviewStages: [],
      excludeSelfReview: true,
      annotationsPerTask: 3,
      agreementThreshold: 0.6,
      goldRate: 0,
    });
    for (const [workflow, pointer] of [
      [{ annotationsPerTask: 0 }, '/workflow/annotationsPerTask'],
      [{ annotationsPerTask: 21 }, '/workflow/annotationsPerTask'],
      [{ annotationsPerTask: 2.5 }, '/workflow/annotationsPerTask'],
      [{ agreementThreshold: 1.5 }, '/workflow/agreementThreshold'],
      [{ agreementThreshold: -0.1 }, '/workflow/agreementThreshold'],
      [{ agreementThreshold: 'high' }, '/workflow/agreementThreshold'],
    ] as const) {
      expectProblem(
        await api('PATCH', `/v1/projects/${plain.body.id}`, { workflow }),
        400,
        'validation_failed',
        {
          in: 'body',
          pointer,
        },
      );
    }
    expectProblem(
      await api('POST', '/v1/projects', { name: 'bad', workflow: { annotationsPerTask: 100 } }),
      400,
      'validation_failed',
      { in: 'body', pointer: '/workflow/annotationsPerTask' },
    );
    expect((await api('GET', `/v1/projects/${plain.body.id}`)).body.workflow).toMatchObject({
      annotationsPerTask: 3,
      agreementThreshold: 0.6,
    });
  });

  it('3 annotators reaching the threshold: complete, the majority chosen, the agreement on the task', async () => {
    const { projectId, ids } = await project('reach', { annotationsPerTask: 3, agreementThreshold: 0.8 }, [
      't1',
    ]);
    const id = ids[0]!;
    const [a, b, c] = [await person(), await person(), await person()];

    // Places are taken one by one; the task stays in the queue (pending) while one is free.
    const first = await claim(projectId, a.token);
    expect(first.body).toMatchObject({ id, status: 'pending', lease: { memberId: a.id } });
    expect(first.body.data).toEqual({ image: { width: 100, height: 100 } });
    expect((await api('POST', `/v1/tasks/${id}/heartbeat`, { leaseSeconds: 60 }, a.token)).status).toBe(200);
    // A member never holds two places on one task.
    expect((await claim(projectId, a.token)).status).toBe(204);
    expect((await api('POST', `/v1/tasks/${id}/submit`, { data: car(10) }, a.token)).status).toBe(200);
    expect((await claim(projectId, a.token)).status).toBe(204);
    let task = (await api('GET', `/v1/tasks/${id}?include=data`)).body;
    // The task's own data is untouched while annotations are collected.
    expect(task).toMatchObject({
      status: 'pending',
      data: { image: { width: 100, height: 100 } },
      agreement: { score: null, annotations: 1, chosenAnnotationId: null, chosenBy: null },
    });

    const second = await claim(projectId, b.token);
    expect(second.body.data).toEqual({ image: { width: 100, height: 100 } });
    const third = await claim(projectId, c.token);
    expect(third.body).toMatchObject({ id, status: 'in_progress' });
    expect((await api('POST', `/v1/tasks/${id}/submit`, { data: car(11) }, b.token)).status).toBe(200);
    const done = await api('POST', `/v1/tasks/${id}/submit`, { data: car(10) }, c.token);
    expect(done.body).toMatchObject({ status: 'complete' });

    task = (await api('GET', `/v1/tasks/${id}?include=data,history`)).body;
    const annotations = (await api('GET', `/v1/tasks/${id}/annotations`)).body.data;
    expect(annotations.map((x: any) => x.memberId)).toEqual([a.id, b.id, c.id]);
    // a and c agree fully; b's box is shifted one pixel (IoU 19·20 / (2·400 − 380) = 380/420).
    const iou = 380 / 420;
    const score = (1 + ((1 + iou) / 2) * 2) / 3; // the pairs' means over fields labels and kind
    expect(task.agreement.score).toBeCloseTo(score, 6);
    expect(task.agreement).toMatchObject({
      annotations: 3,
      chosenAnnotationId: annotations[0].id,
      chosenBy: 'majority',
    });
    expect(task.data).toEqual(car(10));
    expect(annotations[0]).toMatchObject({ chosen: true, data: car(10), taskId: id });
    expect(annotations[1].chosen).toBe(false);
    expect(task.history.at(-1)).toMatchObject({
      action: 'consensus',
      from: 'in_progress',
      to: 'complete',
      details: {
        annotations: 3,
        threshold: 0.8,
        chosenAnnotationId: annotations[0].id,
        chosenBy: 'majority',
      },
    });
    expect(task.history.filter((e: any) => e.action === 'submit')).toHaveLength(3);

    // Exports carry it when asked for by name (`agreement`), in JSON Lines and in CSV.
    const exported = async (format: 'jsonl' | 'csv') => {
      const job = await api('POST', '/v1/tasks/export', {
        filter: { projectId },
        format,
        fields: ['id', 'agreement'],
      });
      expect(job.status).toBe(202);
      await finishedJob(server.app, admin, job.body.id);
      return (await api('GET', `/v1/jobs/${job.body.id}/artifacts/tasks.${format}`)).text;
    };
    const line = JSON.parse((await exported('jsonl')).trim());
    expect(line).toEqual({ id, agreement: { ...task.agreement } });
    const csv = (await exported('csv')).trim().split(/\r?\n/);
    expect(csv[0]).toBe(
      'id,agreement.score,agreement.annotations,agreement.chosenAnnotationId,agreement.chosenBy',
    );
    expect(csv[1]).toBe(`${id},${task.agreement.score},3,${annotations[0].id},majority`);

    // The quality report: each annotator's agreement is the settled task's score.
    const report = (await api('GET', `/v1/quality?projectId=${projectId}`)).body.data;
    expect(report.map((r: any) => r.memberId).sort()).toEqual([a.id, b.id, c.id].sort());
    for (const row of report) {
      expect(row.agreement).toBeCloseTo(score, 6);
      expect(row.submitted).toBe(1);
    }

    // A fourth member gets nothing: the task is done.
    const d = await person();
    expect((await claim(projectId, d.token)).status).toBe(204);
    // Lists sort and filter by agreement.
    const listed = await api(
      'GET',
      `/v1/tasks?projectId=${projectId}&filter=agreement.score:gte:0.8&sort=agreement.score:desc`,
    );
    expect(listed.body.data.map((t: any) => t.id)).toEqual([id]);
    expect(
      (await api('GET', `/v1/tasks?projectId=${projectId}&filter=agreement.score:lt:0.8`)).body.data,
    ).toEqual([]);
    expectProblem(
      await api('GET', `/v1/tasks?projectId=${projectId}&filter=agreement.score:gte:high`),
      400,
      'validation_failed',
    );
  });

  it('3 annotators missing the threshold: to review automatically, with the reason; a reviewer chooses', async () => {
    const { projectId, ids } = await project('miss', { annotationsPerTask: 3, agreementThreshold: 0.8 }, [
      't1',
      't2',
    ]);
    const id = ids[0]!;
    const [a, b, c] = [await person(), await person(), await person()];
    await annotate(projectId, a.token, { label: 'cat' });
    await annotate(projectId, b.token, { label: 'dog' });
    await annotate(projectId, c.token, { label: 'dog' });
    const task = (await api('GET', `/v1/tasks/${id}?include=data,history`)).body;
    expect(task.status).toBe('to_review');
    expect(task.agreement.score).toBeCloseTo(1 / 3, 6);
    expect(task.data).toEqual({ label: 'dog' });
    const annotations = (await api('GET', `/v1/tasks/${id}/annotations`)).body.data;
    expect(task.agreement.chosenAnnotationId).toBe(annotations[1].id);
    const last = task.history.at(-1);
    expect(last).toMatchObject({ action: 'consensus', to: 'to_review' });
    expect(last.reason).toMatch(/below the threshold 0\.8/);

    // The reviewer chooses another annotation; an annotator may not.
    const reviewer = await person('reviewer');
    const choose = (annotationId: string, as: string, taskId = id) =>
      api('POST', `/v1/tasks/${taskId}/annotations/${annotationId}/choose`, undefined, as);
    expectProblem(await choose(annotations[0].id, a.token), 403, 'insufficient_role');
    const chosen = await choose(annotations[0].id, reviewer.token);
    expect(chosen.status).toBe(200);
    expect(chosen.body).toMatchObject({
      status: 'to_review',
      data: { label: 'cat' },
      agreement: { chosenAnnotationId: annotations[0].id, chosenBy: 'reviewer' },
    });
    const history = (await api('GET', `/v1/tasks/${id}?include=history`)).body.history;
    expect(history.at(-1)).toMatchObject({
      action: 'choose',
      memberId: reviewer.id,
      details: { annotationId: annotations[0].id, annotatorId: a.id },
    });
    const audit = await api('GET', `/v1/audit-log?resourceId=${id}&action=task.choose`);
    expect(audit.body.data).toHaveLength(1);
    // The reviewer's verdict then moves it on as any task in review; annotators do not review their own work.
    expectProblem(
      await api('POST', `/v1/tasks/${id}/verdict`, { verdict: 'accept' }, a.token),
      403,
      'insufficient_role',
    );
    expect(
      (await api('POST', `/v1/tasks/${id}/verdict`, { verdict: 'accept' }, reviewer.token)).body.status,
    ).toBe('reviewed');

    // Bad inputs: an unknown annotation (404 pointing at it), a task still collecting (409).
    expectProblem(await choose('ann_nope', reviewer.token), 404, 'not_found', {
      in: 'path',
      pointer: '/annotationId',
    });
    const other = ids[1]!;
    const first = await claim(projectId, a.token);
    expect(first.body.id).toBe(other);
    await api('POST', `/v1/tasks/${other}/submit`, { data: { label: 'cat' } }, a.token);
    const pending = (await api('GET', `/v1/tasks/${other}/annotations`)).body.data;
    expectProblem(await choose(pending[0].id, reviewer.token, other), 409, 'consensus_incomplete');
    // An annotation of another task is not this task's.
    expectProblem(await choose(pending[0].id, reviewer.token, id), 404, 'not_found');
    expect((await api('GET', `/v1/tasks/${id}?include=data`)).body.data).toEqual({ label: 'cat' });
    // Another workspace sees neither the task nor its annotations.
    expectProblem(await api('GET', `/v1/tasks/${id}/annotations`, undefined, otherAdmin), 404, 'not_found');
    expectProblem(await choose(annotations[1].id, otherAdmin), 404, 'not_found');
    expect((await api('GET', `/v1/tasks/${id}?include=data`)).body.data).toEqual({ label: 'cat' });
  });

  it('with review stages: low agreement waits at the first stage; a reviewer who annotated may not choose', async () => {
    const { projectId, ids } = await project(
      'staged',
      { annotationsPerTask: 2, agreementThreshold: 0.9, reviewStages: ['qa'] },
      ['t1'],
    );
    const a = await person('reviewer');
    const b = await person();
    await annotate(projectId, a.token, { label: 'cat' });
    await annotate(projectId, b.token, { label: 'cat' });
    const task = (await api('GET', `/v1/tasks/${ids[0]}`)).body;
    // Agreement met, but the project reviews every task: the first stage, as a plain submit would.
    expect(task).toMatchObject({ status: 'to_review', reviewStage: 'qa', agreement: { score: 1 } });
    const annotations = (await api('GET', `/v1/tasks/${ids[0]}/annotations`)).body.data;
    expectProblem(
      await api('POST', `/v1/tasks/${ids[0]}/annotations/${annotations[1].id}/choose`, undefined, a.token),
      409,
      'self_review_forbidden',
    );
    expectProblem(
      await api('POST', `/v1/tasks/${ids[0]}/verdict`, { verdict: 'accept' }, a.token),
      409,
      'self_review_forbidden',
    );
  });

  it('skips and expired leases give the place back; a skipper never gets the task again', async () => {
    const { projectId, ids } = await project('places', { annotationsPerTask: 2 }, ['t1']);
    const id = ids[0]!;
    const [a, b, c] = [await person(), await person(), await person()];
    expect((await claim(projectId, a.token)).body.id).toBe(id);
    expect(
      (await api('POST', '/v1/tasks/claim', { projectId, leaseSeconds: 1 }, b.token)).body,
    ).toMatchObject({
      id,
      status: 'in_progress',
    });
    // Full: c gets nothing.
    expect((await claim(projectId, c.token)).status).toBe(204);
    expectProblem(
      await api('POST', `/v1/tasks/${id}/skip`, { reason: ' ' }, a.token),
      400,
      'validation_failed',
      {
        in: 'body',
        pointer: '/reason',
      },
    );
    expect((await api('POST', `/v1/tasks/${id}/skip`, { reason: 'blurry' }, a.token)).body.status).toBe(
      'pending',
    );
    expect((await claim(projectId, a.token)).status).toBe(204);
    // b's lease runs out: late work is refused, and the place goes to c.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await claim(projectId, c.token)).body).toMatchObject({ id, status: 'pending' });
    expectProblem(
      await api('POST', `/v1/tasks/${id}/submit`, { data: { x: 1 } }, b.token),
      409,
      'task_lease_lost',
    );
    expect((await api('GET', `/v1/tasks/${id}`)).body.agreement).toBeNull();
    const history = (await api('GET', `/v1/tasks/${id}?include=history`)).body.history;
    expect(history.map((e: any) => e.action)).toEqual(['claim', 'claim', 'skip', 'lease_expired', 'claim']);
    expect(history[3]).toMatchObject({ from: 'pending', to: 'pending', details: { memberId: b.id } });
    // A member removed while holding a place gives it back at once (history `release`).
    const d = await person();
    expect((await claim(projectId, d.token)).body).toMatchObject({ id, status: 'in_progress' });
    expect((await claim(projectId, (await person()).token)).status).toBe(204);
    expect((await api('DELETE', `/v1/members/${d.id}`)).status).toBe(204);
    const released = (await api('GET', `/v1/tasks/${id}?include=history`)).body;
    expect(released.status).toBe('pending');
    expect(released.history.at(-1)).toMatchObject({
      action: 'release',
      reason: 'member removed',
      details: { memberId: d.id },
    });
    expect((await claim(projectId, (await person()).token)).body.id).toBe(id);
  });

  it('after consensus, a redone task is claimed whole by one member, its annotations kept', async () => {
    const { projectId, ids } = await project('rework', { annotationsPerTask: 2, agreementThreshold: 0.5 }, [
      't1',
    ]);
    const id = ids[0]!;
    const [a, b, c] = [await person(), await person(), await person()];
    await annotate(projectId, a.token, { label: 'cat' });
    await annotate(projectId, b.token, { label: 'cat' });
    expect((await api('GET', `/v1/tasks/${id}`)).body).toMatchObject({
      status: 'complete',
      agreement: { score: 1 },
    });
    expect((await api('POST', '/v1/tasks/redo', { ids: [id] })).status).toBe(200);
    const claimed = await claim(projectId, c.token);
    expect(claimed.body).toMatchObject({
      id,
      status: 'in_progress',
      lease: { memberId: c.id },
      data: { label: 'cat' },
    });
    expect((await claim(projectId, a.token)).status).toBe(204);
    expect(
      (await api('POST', `/v1/tasks/${id}/submit`, { data: { label: 'lion' } }, c.token)).body,
    ).toMatchObject({
      status: 'complete',
    });
    const task = (await api('GET', `/v1/tasks/${id}?include=data`)).body;
    expect(task).toMatchObject({ data: { label: 'lion' }, agreement: { score: 1, annotations: 2 } });
    expect((await api('GET', `/v1/tasks/${id}/annotations`)).body.data).toHaveLength(2);
  });

  it('keeps N = 1 as it was: submit completes, no annotations', async () => {
    const { projectId, ids } = await project('single', undefined, ['t1']);
    const a = await person();
    await annotate(projectId, a.token, { label: 'cat' });
    const task = (await api('GET', `/v1/tasks/${ids[0]}?include=data`)).body;
    expect(task).toMatchObject({ status: 'complete', data: { label: 'cat' }, agreement: null });
    expect((await api('GET', `/v1/tasks/${ids[0]}/annotations`)).body.data).toEqual([]);
  });

  if (dialect === 'postgres') {
    it('6 members claiming one N = 3 task at once, through two servers: never more than 3', async () => {
      const otherStore = openStore(server.databaseUrl, { poolSize: 4 });
      const other = await buildApp({
        config: loadConfig(
          { dataDir: server.dataDir, logLevel: 'silent', worker: false, jwtSecret: 'x'.repeat(32) },
          {},
        ),
        store: otherStore,
        logger: false,
      });
      await other.ready();
      try {
        for (let round = 0; round < 3; round++) {
          const { projectId, ids } = await project(`race-${round}`, { annotationsPerTask: 3 }, ['t1']);
          const members = await Promise.all(Array.from({ length: 6 }, () => person()));
          const results = await Promise.all(
            members.map(async (m, i) => {
              const app = i % 2 === 0 ? server.app : other;
              const res = await call(app, {
                method: 'POST',
                url: '/v1/tasks/claim',
                token: m.token,
                body: { projectId },
              });
              if (res.status !== 200) return res.status;
              const sub = await call(app, {
                method: 'POST',
                url: `/v1/tasks/${res.body.id}/submit`,
                token: m.token,
                body: { data: { label: 'cat' } },
              });
              return sub.status;
            }),
          );
          expect(results.filter((s) => s === 200)).toHaveLength(3);
          expect(results.filter((s) => s === 204)).toHaveLength(3);
          const task = (await api('GET', `/v1/tasks/${ids[0]}`)).body;
          expect(task).toMatchObject({ status: 'complete', agreement: { annotations: 3, score: 1 } });
          expect((await api('GET', `/v1/tasks/${ids[0]}/annotations`)).body.data).toHaveLength(3);
        }
      } finally {
        await other.close();
        await otherStore.close();
      }
    });
  }
});
