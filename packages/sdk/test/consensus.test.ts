import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { Batchyard, ConflictError, NotFoundError, PermissionDeniedError } from '../src/index.js';
import { closeServer, uniqueName } from './helpers.js';

describe.each(testDialects())('consensus through the SDK on %s', (dialect) => {
  let server: TestServer;
  let sdk: Batchyard;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    const admin = new Batchyard({ baseUrl: server.url, token: server.adminToken });
    const workspaceId = (await admin.workspaces.create({ name: uniqueName('consensus') })).id;
    const token = (await admin.keys.create({ name: 'admin', role: 'admin', workspaceId })).token;
    sdk = new Batchyard({ baseUrl: server.url, token });
  });
  afterAll(async () => closeServer(server));

  it('collects 3 annotations, sends a disagreement to review, and lets a reviewer choose', async () => {
    const project = await sdk.projects.create({ name: 'consensus' });
    const updated = await sdk.projects.update(project.id, {
      workflow: { annotationsPerTask: 3, agreementThreshold: 0.9 },
    });
    expect(updated.workflow).toMatchObject({ annotationsPerTask: 3, agreementThreshold: 0.9 });
    const datasetId = (
      await sdk.datasets.create({
        projectId: project.id,
        name: 'base',
        columns: [{ name: 'v', type: 'numeric' }],
      })
    ).id;
    const job = await (await sdk.batches.create(datasetId, [{ v: 1 }], { name: 'b' })).wait();
    const batchId = (job.result as { batchId: string }).batchId;
    await sdk.tasks.create(batchId, [{ name: 'only' }]);
    const person = async (name: string, role: 'annotator' | 'reviewer') => {
      const member = await sdk.members.create({ name, email: `${name}@example.org`, role });
      const { token } = await sdk.keys.create({ name, memberId: member.id });
      return { id: member.id, client: new Batchyard({ baseUrl: server.url, token }) };
    };
    const people = [
      await person('a', 'annotator'),
      await person('b', 'annotator'),
      await person('c', 'annotator'),
    ];
    let taskId = '';
    for (const [i, p] of people.entries()) {
      const task = (await p.client.tasks.claim({ projectId: project.id }))!;
      taskId = task.id;
      expect(await p.client.tasks.claim({ projectId: project.id })).toBeNull();
      await p.client.tasks.submit(task.id, { data: { label: i === 0 ? 'cat' : 'dog' } });
    }
    const task = await sdk.tasks.get(taskId, { include: ['data'] });
    expect(task.status).toBe('to_review');
    expect(task.agreement?.score).toBeCloseTo(1 / 3, 6);
    expect(task.data).toEqual({ label: 'dog' });

    const annotations = await sdk.tasks.annotations(taskId);
    expect(annotations.map((a) => a.memberId)).toEqual(people.map((p) => p.id));
    expect(annotations.map((a) => a.chosen)).toEqual([false, true, false]);
    expect(annotations[0]!.data).toEqual({ label: 'cat' });

    const low = await sdk.tasks.list({ projectId: project.id, agreement: { score: { lt: 0.9 } } });
    expect(low.data.map((t) => t.id)).toEqual([taskId]);

    const reviewer = await person('r', 'reviewer');
    await expect(people[0]!.client.tasks.choose(taskId, annotations[0]!.id)).rejects.toBeInstanceOf(
      PermissionDeniedError,
    );
    const chosen = await reviewer.client.tasks.choose(taskId, annotations[0]!.id);
    expect(chosen).toMatchObject({
      status: 'to_review',
      data: { label: 'cat' },
      agreement: { chosenAnnotationId: annotations[0]!.id, chosenBy: 'reviewer' },
    });
    await expect(reviewer.client.tasks.choose(taskId, 'ann_nope')).rejects.toBeInstanceOf(NotFoundError);

    // A second task: one annotation so far, nothing to choose yet.
    await sdk.tasks.create(batchId, [{ name: 'second' }]);
    const second = (await people[0]!.client.tasks.claim({ projectId: project.id }))!;
    await people[0]!.client.tasks.submit(second.id, { data: { label: 'cat' } });
    const [first] = await sdk.tasks.annotations(second.id);
    await expect(reviewer.client.tasks.choose(second.id, first!.id)).rejects.toBeInstanceOf(ConflictError);
  });
});
