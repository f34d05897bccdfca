import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDialects, type TestServer } from '../../../../test/support/index.js';
import { call, finishedJob, workspaceWithKey } from '../helpers.js';

const API = '/compat/tensorbay/gatewayv2/tensorbay-open-api/v1';
const columns = [
  { name: 'key', type: 'text' },
  { name: 'category', type: 'text' },
];

describe.each(testDialects())('TensorBay adapter edges on %s', (dialect) => {
  let server: TestServer;
  let admin: { token: string; workspace: { id: string } };
  let viewer: string;
  let otherDataset: string;
  let mainId: string;

  const tb = (
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    token: string | undefined,
    body?: unknown,
    headers = {},
  ) =>
    call(server.app, {
      method,
      url: `${API}${url}`,
      ...(body === undefined ? {} : { body }),
      headers: { ...(token === undefined ? {} : { 'x-token': `ACCESSKEY-${token}` }), ...headers },
    });
  const expectTb = (res: Awaited<ReturnType<typeof tb>>, status: number, code: string) => {
    expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
    expect(typeof res.body.message).toBe('string');
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  };
  const dataset = async (token: string, projectId: string, name: string, rows: object[]) => {
    const created = await call(server.app, {
      method: 'POST',
      url: '/v1/datasets',
      token,
      body: { projectId, name, columns, keyColumn: 'key' },
    });
    expect(created.status).toBe(201);
    const ingest = await call(server.app, {
      method: 'POST',
      url: `/v1/datasets/${created.body.id}/batches`,
      token,
      body: { rows },
    });
    expect((await finishedJob(server.app, token, ingest.body.id)).status).toBe('succeeded');
    return created.body.id as string;
  };
  const mergeJobs = async () =>
    (
      await call(server.app, {
        method: 'GET',
        url: '/v1/jobs?type=batch.merge&limit=100',
        token: admin.token,
      })
    ).body.data.length as number;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    admin = await workspaceWithKey(server.app, server.adminToken, 'tb-edges');
    const viewerKey = await call(server.app, {
      method: 'POST',
      url: '/v1/keys',
      token: server.adminToken,
      body: { name: 'tb viewer', role: 'viewer', workspaceId: admin.workspace.id },
    });
    viewer = viewerKey.body.token as string;
    const other = await workspaceWithKey(server.app, server.adminToken, 'tb-edges-other');
    const project = await call(server.app, {
      method: 'POST',
      url: '/v1/projects',
      token: admin.token,
      body: { name: 'p' },
    });
    mainId = await dataset(admin.token, project.body.id, 'cats', [{ key: 'a', category: 'cat' }]);
    await dataset(admin.token, project.body.id, 'cats.dev', [{ key: 'b', category: 'dog' }]);
    const otherProject = await call(server.app, {
      method: 'POST',
      url: '/v1/projects',
      token: other.token,
      body: { name: 'p' },
    });
    otherDataset = await dataset(other.token, otherProject.body.id, 'secret', [
      { key: 'z', category: 'cat' },
    ]);
  }, 60_000);
  afterAll(async () => server?.close());

  const mergeBody = (strategy = 'override', source = 'dev') => ({
    title: `${source}->main(${strategy})`,
    jobType: 'squashAndMerge',
    arguments: { title: 'draft', sourceBranchName: source, targetBranchName: 'main', strategy },
    status: 'QUEUING',
  });

  it('finds datasets by name, with a 32-hex commit id', async () => {
    const list = await tb('GET', '/datasets?name=cats&offset=0&limit=128', admin.token);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({
      totalCount: 1,
      recordSize: 1,
      datasets: [{ id: mainId, name: 'cats' }],
    });
    const got = await tb('GET', `/datasets/${mainId}`, admin.token);
    expect(got.body).toMatchObject({ name: 'cats', type: 0, defaultBranch: 'main', isPublic: false });
    expect(got.body.commitId).toMatch(/^[0-9a-f]{32}$/);
  });

  it("answers another workspace's dataset as ResourceNotExist, by name and by id", async () => {
    expect((await tb('GET', '/datasets?name=secret', admin.token)).body.totalCount).toBe(0);
    expectTb(await tb('GET', `/datasets/${otherDataset}`, admin.token), 404, 'ResourceNotExist');
    const before = await mergeJobs();
    expectTb(
      await tb('POST', `/datasets/${otherDataset}/jobs`, admin.token, mergeBody()),
      404,
      'ResourceNotExist',
    );
    expect(await mergeJobs()).toBe(before);
  });

  it('refuses missing or wrong credentials as Unauthorized', async () => {
    expectTb(await tb('GET', '/datasets?name=cats', undefined), 401, 'Unauthorized');
    expectTb(await tb('GET', '/datasets?name=cats', 'by_wrong_key'), 401, 'Unauthorized');
    const bare = await call(server.app, {
      method: 'GET',
      url: `${API}/datasets?name=cats`,
      headers: { 'x-token': admin.token },
    });
    expectTb(bare, 401, 'Unauthorized');
    expect(bare.text).not.toContain(admin.token);
  });

  it('lets a viewer read but not create a job', async () => {
    const before = await mergeJobs();
    const refused = await tb('POST', `/datasets/${mainId}/jobs`, viewer, mergeBody());
    expectTb(refused, 403, 'Forbidden');
    expect((await tb('GET', `/datasets/${mainId}`, viewer)).status).toBe(200);
    expect(await mergeJobs()).toBe(before);
  });

  it('refuses bad input with InvalidParamsValue and creates nothing', async () => {
    const before = await mergeJobs();
    for (const body of [
      mergeBody('sideways'),
      { ...mergeBody(), jobType: 'transmogrify' },
      { jobType: 'squashAndMerge', arguments: { title: 'x', sourceBranchName: 'dev' } },
      { jobType: 'basicSearch', arguments: { conjunction: 'xor', filters: [] } },
      {
        jobType: 'basicSearch',
        arguments: { conjunction: 'and', filters: [{ key: 'nope', operator: 'in', value: [] }] },
      },
      {
        jobType: 'squashAndMerge',
        arguments: { title: 'x'.repeat(10_000), sourceBranchName: 'dev', strategy: 'skip' },
      },
    ]) {
      expectTb(await tb('POST', `/datasets/${mainId}/jobs`, admin.token, body), 400, 'InvalidParamsValue');
    }
    expectTb(
      await tb('POST', `/datasets/${mainId}/jobs`, admin.token, mergeBody('override', 'nobranch')),
      404,
      'ResourceNotExist',
    );
    const broken = await call(server.app, {
      method: 'POST',
      url: `${API}/datasets/${mainId}/jobs`,
      headers: { 'x-token': `ACCESSKEY-${admin.token}`, 'content-type': 'application/json' },
      body: '{"jobType": ',
    });
    expectTb(broken, 400, 'InvalidParamsValue');
    expectTb(
      await tb('GET', `/datasets/${mainId}/jobs?jobType=nope`, admin.token),
      400,
      'InvalidParamsValue',
    );
    expect(await mergeJobs()).toBe(before);
  });

  it('answers a re-sent create (same X-Request-Id) with the first job, and runs it once', async () => {
    const before = await mergeJobs();
    const headers = { 'x-request-id': 'c0ffee0000000000000000000000beef' };
    const first = await tb('POST', `/datasets/${mainId}/jobs`, admin.token, mergeBody('skip'), headers);
    expect(first.status).toBe(200);
    const again = await tb('POST', `/datasets/${mainId}/jobs`, admin.token, mergeBody('skip'), headers);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await mergeJobs()).toBe(before + 1);
    const job = await finishedJob(server.app, admin.token, first.body.jobId);
    expect(job.attempt).toBe(1);
    const other = await tb('POST', `/datasets/${mainId}/jobs`, admin.token, mergeBody('skip'), {
      'x-request-id': 'another',
    });
    expect(other.body.jobId).not.toBe(first.body.jobId);
    expect(await mergeJobs()).toBe(before + 2);
  });

  it("answers a job of another type or another dataset's as ResourceNotExist", async () => {
    const created = await tb('POST', `/datasets/${mainId}/jobs`, admin.token, mergeBody('skip'));
    expectTb(
      await tb('GET', `/datasets/${mainId}/jobs/${created.body.jobId}?jobType=basicSearch`, admin.token),
      404,
      'ResourceNotExist',
    );
    expectTb(
      await tb(
        'DELETE',
        `/datasets/${otherDataset}/jobs/${created.body.jobId}?jobType=squashAndMerge`,
        admin.token,
      ),
      404,
      'ResourceNotExist',
    );
    const got = await tb(
      'GET',
      `/datasets/${mainId}/jobs/${created.body.jobId}?jobType=squashAndMerge`,
      admin.token,
    );
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({
      jobId: created.body.jobId,
      jobType: 'squashAndMerge',
      errorMessage: expect.any(String),
    });
  });
});
