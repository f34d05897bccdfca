import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { Batchyard, ConflictError, NotFoundError, PermissionDeniedError } from '../src/index.js';
import { closeServer, uniqueName } from './helpers.js';

describe.each(testDialects())('members, assignment and claim queues through the SDK on %s', (dialect) => {
  let server: TestServer;
  let sdk: Batchyard;
  let projectId: string;
  let batchId: string;
  let ids: string[];

  beforeAll(async () => {
    server = await startTestServer(dialect);
    const admin = new Batchyard({ baseUrl: server.url, token: server.adminToken });
    const workspaceId = (await admin.workspaces.create({ name: uniqueName('members') })).id;
    const token = (await admin.keys.create({ name: 'admin', role: 'admin', workspaceId })).token;
    sdk = new Batchyard({ baseUrl: server.url, token });
    projectId = (await sdk.projects.create({ name: 'queue' })).id;
    const datasetId = (
      await sdk.datasets.create({ projectId, name: 'base', columns: [{ name: 'v', type: 'numeric' }] })
    ).id;
    const job = await (await sdk.batches.create(datasetId, [{ v: 1 }], { name: 'b' })).wait();
    batchId = (job.result as { batchId: string }).batchId;
    const created = await sdk.tasks.create(batchId, [
      { name: 'a', priority: 1, prediction: { modelVersion: 'm1', score: 0.4, data: { label: 'cat' } } },
      { name: 'b', priority: 7, prediction: { modelVersion: 'm1', score: 0.9 } },
      { name: 'c' },
    ]);
    ids = created.results.map((r) => r.id!);
  });
  afterAll(async () => closeServer(server));

  it('manages members; a member key claims, renews, submits and skips', async () => {
    const member = await sdk.members.create({ name: 'Ada', email: 'ada@example.org', role: 'annotator' });
    expect(member.id).toMatch(/^mem_/);
    const page = await sdk.members.list({ roles: 'annotator' });
    expect(page.data.map((m) => m.id)).toEqual([member.id]);
    expect((await sdk.members.update(member.id, { name: 'Ada L.' })).name).toBe('Ada L.');
    const key = await sdk.keys.create({ name: 'ada', memberId: member.id });
    expect(key).toMatchObject({ role: 'editor', memberId: member.id });
    const ada = new Batchyard({ baseUrl: server.url, token: key.token });

    await expect(sdk.tasks.claim({ projectId })).rejects.toBeInstanceOf(PermissionDeniedError);
    const first = await ada.tasks.claim({ projectId, leaseSeconds: 30 });
    expect(first).toMatchObject({ name: 'b', status: 'in_progress', lease: { memberId: member.id } });
    const renewed = await ada.tasks.heartbeat(first!.id, { leaseSeconds: 600 });
    expect(Date.parse(renewed.lease!.expiresAt)).toBeGreaterThan(Date.now() + 500_000);
    const done = await ada.tasks.submit(first!.id, { data: { label: 'dog' } });
    expect(done).toMatchObject({ status: 'complete', data: { label: 'dog' } });
    const lost = await ada.tasks.submit(first!.id).catch((error: unknown) => error);
    expect(lost).toBeInstanceOf(ConflictError);
    expect((lost as ConflictError).code).toBe('task_lease_lost');

    const second = await ada.tasks.claim({ projectId, batchId });
    expect(second).toMatchObject({ name: 'a', data: { label: 'cat' } });
    expect((await ada.tasks.skip(second!.id, 'not sure')).status).toBe('pending');
    expect((await ada.tasks.claim({ projectId }))!.name).toBe('c');
    expect(await ada.tasks.claim({ projectId })).toBeNull();

    await sdk.members.remove(member.id);
    await expect(sdk.tasks.assign({ ids: [ids[0]!] }, member.id)).rejects.toBeInstanceOf(ConflictError);
    await expect(sdk.members.get('mem_nope')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('assigns by ids and by filter, and filters and sorts by assignee, priority and scores', async () => {
    const bo = await sdk.members.create({ name: 'Bo', email: 'bo@example.org', role: 'reviewer' });
    const byIds = await sdk.tasks.assign({ ids: [ids[0]!] }, bo.id);
    expect(byIds.applied).toBe(1);
    const byFilter = await sdk.tasks.assign({ filter: { projectId, priority: { gte: 5 } } }, bo.id);
    expect(byFilter).toMatchObject({ applied: 1, refused: 0 });
    const mine = await sdk.tasks.list({ projectId, assignee: bo.id, sort: 'priority:desc' });
    expect(mine.data.map((t) => t.name)).toEqual(['b', 'a']);
    const scored = await sdk.tasks.list({ projectId, prediction: { score: { gt: 0.5 } } });
    expect(scored.data.map((t) => t.name)).toEqual(['b']);
    const byScore = await sdk.tasks.list({ projectId, sort: 'prediction.score:desc' });
    expect(byScore.data.map((t) => t.name)).toEqual(['b', 'a', 'c']);
    const back = await sdk.tasks.unassign({ filter: { projectId, assignee: bo.id } });
    expect(back.applied).toBe(2);
    expect((await sdk.tasks.list({ projectId, assignee: 'none' })).data).toHaveLength(3);
  });
});
