import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { Batchyard, ConflictError, PermissionDeniedError } from '../src/index.js';
import { closeServer, uniqueName } from './helpers.js';

describe.each(testDialects())('review stages through the SDK on %s', (dialect) => {
  let server: TestServer;
  let sdk: Batchyard;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    const admin = new Batchyard({ baseUrl: server.url, token: server.adminToken });
    const workspaceId = (await admin.workspaces.create({ name: uniqueName('review') })).id;
    const token = (await admin.keys.create({ name: 'admin', role: 'admin', workspaceId })).token;
    sdk = new Batchyard({ baseUrl: server.url, token });
  });
  afterAll(async () => closeServer(server));

  it('rejects a task back to its annotator, then accepts it through every stage', async () => {
    const project = await sdk.projects.create({
      name: 'staged',
      workflow: { reviewStages: ['qa', 'expert'] },
    });
    expect(project.workflow).toEqual({
      reviewStages: ['qa', 'expert'],
      excludeSelfReview: true,
      annotationsPerTask: 1,
      agreementThreshold: 0.8,
      goldRate: 0,
    });
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
    const ada = await person('ada', 'annotator');
    const rev = await person('rev', 'reviewer');

    const task = (await ada.client.tasks.claim({ projectId: project.id }))!;
    expect(await ada.client.tasks.submit(task.id, { data: { label: 'dog' } })).toMatchObject({
      status: 'to_review',
      reviewStage: 'qa',
    });
    await expect(ada.client.tasks.verdict(task.id, { verdict: 'accept' })).rejects.toBeInstanceOf(
      PermissionDeniedError,
    );
    const rejected = await rev.client.tasks.verdict(task.id, { verdict: 'reject', reason: 'a cat' });
    expect(rejected).toMatchObject({
      status: 'pending',
      assigneeId: ada.id,
      lastRejection: { reason: 'a cat', stage: 'qa' },
    });

    const again = (await ada.client.tasks.claim({ projectId: project.id }))!;
    expect(again.id).toBe(task.id);
    await ada.client.tasks.submit(task.id, { data: { label: 'cat' } });
    const names: string[] = [];
    for await (const t of sdk.tasks.iterate({ projectId: project.id, reviewStage: 'qa' })) names.push(t.name);
    expect(names).toEqual(['only']);
    expect(await rev.client.tasks.verdict(task.id, { verdict: 'accept', stage: 'qa' })).toMatchObject({
      reviewStage: 'expert',
    });
    const wrong = await rev.client.tasks
      .verdict(task.id, { verdict: 'accept', stage: 'qa' })
      .catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(ConflictError);
    expect((wrong as ConflictError).code).toBe('review_stage_mismatch');
    const many = await sdk.tasks.verdicts([task.id, 'tsk_nope'], { verdict: 'accept', stage: 'expert' });
    expect(many).toMatchObject({
      applied: 1,
      refused: 1,
      results: [{ to: 'reviewed' }, { error: { code: 'not_found' } }],
    });
  });
});
