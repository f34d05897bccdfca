import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { Batchyard, BatchyardError, PermissionDeniedError } from '../src/index.js';
import { closeServer, uniqueName } from './helpers.js';

describe.each(testDialects())('gold tasks and the quality report through the SDK on %s', (dialect) => {
  let server: TestServer;
  let sdk: Batchyard;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    const admin = new Batchyard({ baseUrl: server.url, token: server.adminToken });
    const workspaceId = (await admin.workspaces.create({ name: uniqueName('gold') })).id;
    const token = (await admin.keys.create({ name: 'admin', role: 'admin', workspaceId })).token;
    sdk = new Batchyard({ baseUrl: server.url, token });
  });
  afterAll(async () => closeServer(server));

  it('creates gold tasks, scores members’ answers and reports their accuracy', async () => {
    const project = await sdk.projects.create({ name: 'gold', workflow: { goldRate: 1 } });
    expect(project.workflow.goldRate).toBe(1);
    const datasetId = (
      await sdk.datasets.create({
        projectId: project.id,
        name: 'base',
        columns: [{ name: 'v', type: 'numeric' }],
      })
    ).id;
    const job = await (await sdk.batches.create(datasetId, [{ v: 1 }], { name: 'b' })).wait();
    const batchId = (job.result as { batchId: string }).batchId;
    const created = await sdk.tasks.create(batchId, [
      { name: 'g1', gold: { data: { category: 'cat' } } },
      { name: 'plain' },
    ]);
    const [g1, plain] = created.results.map((r) => r.id!);
    // The second gold task comes from setGold.
    const set = await sdk.tasks.setGold(plain!, { category: 'dog' });
    expect(set.gold).toEqual({ data: { category: 'dog' } });
    const gold = await sdk.tasks.list({ projectId: project.id, isGold: true });
    expect(gold.data.map((t) => t.id).sort()).toEqual([g1, plain].sort());

    const member = await sdk.members.create({ name: 'ada', email: 'ada@example.org', role: 'annotator' });
    const ada = new Batchyard({
      baseUrl: server.url,
      token: (await sdk.keys.create({ name: 'ada', memberId: member.id })).token,
    });
    const answers: Record<string, string> = { [g1!]: 'cat', [plain!]: 'cow' };
    for (let n = 0; n < 2; n++) {
      const task = (await ada.tasks.claim({ projectId: project.id }))!;
      expect(task.gold).toBeUndefined();
      await ada.tasks.submit(task.id, { data: { category: answers[task.id] } });
    }
    expect(await ada.tasks.claim({ projectId: project.id })).toBeNull();
    expect((await ada.tasks.get(g1!, { include: ['data'] })).gold).toBeUndefined();
    await expect(ada.tasks.setGold(g1!, { category: 'x' })).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(ada.quality.report({ projectId: project.id })).rejects.toBeInstanceOf(PermissionDeniedError);

    const from = new Date(Date.now() - 3_600_000);
    const report = await sdk.quality.report({ projectId: project.id, from, to: new Date(Date.now() + 1000) });
    expect(report.from).toBe(from.toISOString());
    expect(report.data).toEqual([
      expect.objectContaining({
        memberId: member.id,
        name: 'ada',
        role: 'annotator',
        submitted: 2,
        gold: { answered: 2, accuracy: 0.5 },
        agreement: null,
        reviews: { verdicts: 0, rejected: 0, rejectionRate: null },
      }),
    ]);
    expect(await sdk.quality.member(member.id, { projectId: project.id, from })).toEqual(report.data[0]);
    expect(() => sdk.quality.report({ projectId: '' })).toThrow(BatchyardError);

    const removed = await sdk.tasks.setGold(plain!, null);
    expect(removed.gold).toBeUndefined();
  });
});
