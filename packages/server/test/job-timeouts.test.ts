import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobTypeDefinition } from '@batchyard/server';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { call, expectProblem, finishedJob, workspaceWithKey } from './helpers.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolved when a stubborn handler (one that ignores its signal) finally returns. */
const stubbornEnded = new Map<string, () => void>();
const stubbornDone = (id: string) => new Promise<void>((resolve) => stubbornEnded.set(id, resolve));

const types: JobTypeDefinition[] = [
  {
    name: 'test.stubborn',
    description: 'Ignores its signal, tries to checkpoint late, and returns a result after 1.5 s.',
    handler: async (ctx) => {
      await sleep(1500);
      let checkpointRefused = false;
      await ctx.saveCheckpoint({ late: true }).catch(() => (checkpointRefused = true));
      stubbornEnded.get(ctx.id)?.();
      return { late: true, checkpointRefused };
    },
  },
  {
    name: 'test.bounded',
    description: 'Has a default timeout of 250 ms.',
    timeoutMs: 250,
    handler: async () => null,
  },
];

describe.each(testDialects())('job timeouts on %s', (dialect) => {
  let server: TestServer;
  let token: string;
  let workerToken: string;

  beforeAll(async () => {
    server = await startTestServer(dialect, {}, { jobTypes: types });
    token = (await workspaceWithKey(server.app, server.adminToken, 'timeouts')).token;
    workerToken = (
      await call(server.app, { method: 'POST', url: '/v1/keys', token, body: { name: 'w', role: 'worker' } })
    ).body.token;
  });
  afterAll(async () => server?.close());

  const create = (body: object) => call(server.app, { method: 'POST', url: '/v1/jobs', token, body });
  const get = async (id: string) =>
    (await call(server.app, { method: 'GET', url: `/v1/jobs/${id}`, token })).body;

  it('ends an attempt whose handler ignores its signal, and keeps what the handler does later out', async () => {
    const job = (await create({ type: 'test.stubborn', timeoutMs: 200, maxAttempts: 1 })).body;
    expect(job.timeoutMs).toBe(200);
    const ended = stubbornDone(job.id);
    const done = await finishedJob(server.app, token, job.id);
    expect(done).toMatchObject({ status: 'failed', attempt: 1, error: { code: 'timeout' }, result: null });
    expect(done.error.message).toContain('200 ms');
    // The handler returns later: its result and checkpoint are not written.
    await ended;
    await sleep(50);
    expect(await get(job.id)).toMatchObject({ status: 'failed', result: null, error: { code: 'timeout' } });
  });

  it('retries a timed-out attempt by the usual policy; a handler on its signal stops', async () => {
    const job = (
      await create({
        type: 'system.sleep',
        arguments: { ms: 60_000, steps: 600 },
        timeoutMs: 300,
        maxAttempts: 2,
        backoff: { initialMs: 10, maxMs: 10 },
      })
    ).body;
    const done = await finishedJob(server.app, token, job.id);
    expect(done).toMatchObject({ status: 'failed', attempt: 2, error: { code: 'timeout' } });
  });

  it('takes the default of the job type, then of the definition; the job’s own wins', async () => {
    expect((await create({ type: 'test.bounded' })).body.timeoutMs).toBe(250);
    expect((await create({ type: 'test.bounded', timeoutMs: 5000 })).body.timeoutMs).toBe(5000);
    expect((await create({ type: 'system.noop' })).body.timeoutMs).toBeNull();
    const definition = await call(server.app, {
      method: 'POST',
      url: '/v1/definitions',
      token,
      body: { name: 'bounded', type: 'test.bounded', timeoutMs: 750 },
    });
    expect(definition.status).toBe(201);
    expect(definition.body.timeoutMs).toBe(750);
    const run = await call(server.app, {
      method: 'POST',
      url: `/v1/definitions/${definition.body.id}/run`,
      token,
      body: {},
    });
    expect(run.body.timeoutMs).toBe(750);
    const cleared = await call(server.app, {
      method: 'PATCH',
      url: `/v1/definitions/${definition.body.id}`,
      token,
      body: { timeoutMs: null },
    });
    expect(cleared.body.timeoutMs).toBeNull();
    const again = await call(server.app, {
      method: 'POST',
      url: `/v1/definitions/${definition.body.id}/run`,
      token,
      body: {},
    });
    expect(again.body.timeoutMs).toBe(250);
  });

  it('tells a remote worker heartbeating past the timeout, which then loses the job', async () => {
    await call(server.app, { method: 'PUT', url: '/v1/job-types/ext.slow', token, body: {} });
    const job = (await create({ type: 'ext.slow', timeoutMs: 400, maxAttempts: 1 })).body;
    const claimed = await call(server.app, {
      method: 'POST',
      url: '/v1/workers/claim',
      token: workerToken,
      body: { types: ['ext.slow'], workerId: 'w1', waitSeconds: 10 },
    });
    expect(claimed.body.data.map((j: any) => j.id)).toEqual([job.id]);
    const beat = (body: object = {}) =>
      call(server.app, {
        method: 'POST',
        url: `/v1/jobs/${job.id}/heartbeat`,
        token: workerToken,
        body: { workerId: 'w1', ...body },
      });
    // Within the limit the heartbeat renews the lease as usual.
    const first = await beat();
    if (first.status === 200) expect(first.body.abort).toBe(false);
    await sleep(600); // past the 400 ms limit, whatever the load
    expectProblem(await beat({ progress: { done: 1 } }), 409, 'job_timeout');
    expect(await get(job.id)).toMatchObject({ status: 'failed', error: { code: 'timeout' } });
    expectProblem(
      await call(server.app, {
        method: 'POST',
        url: `/v1/jobs/${job.id}/complete`,
        token: workerToken,
        body: { workerId: 'w1', result: { late: true } },
      }),
      409,
      'lease_lost',
    );
    expect((await get(job.id)).result).toBeNull();
  });

  it('refuses timeouts that are not whole milliseconds from 1 to 7 days, changing nothing', async () => {
    const before = (await call(server.app, { method: 'GET', url: '/v1/jobs?limit=1000', token })).body.data
      .length;
    for (const timeoutMs of [0, -5, 1.5, 604_800_001, '100', null]) {
      expectProblem(await create({ type: 'system.noop', timeoutMs }), 400, 'validation_failed', {
        in: 'body',
        pointer: '/timeoutMs',
      });
    }
    expectProblem(
      await call(server.app, {
        method: 'POST',
        url: '/v1/jobs/batch',
        token,
        body: { jobs: [{ type: 'system.noop' }, { type: 'system.noop', timeoutMs: 0 }] },
      }),
      400,
      'validation_failed',
      { in: 'body', pointer: '/jobs/1/timeoutMs' },
    );
    expectProblem(
      await call(server.app, {
        method: 'POST',
        url: '/v1/definitions',
        token,
        body: { name: 'bad', type: 'system.noop', timeoutMs: -1 },
      }),
      400,
      'validation_failed',
      { in: 'body', pointer: '/timeoutMs' },
    );
    const after = (await call(server.app, { method: 'GET', url: '/v1/jobs?limit=1000', token })).body.data
      .length;
    expect(after).toBe(before);
  });
});
