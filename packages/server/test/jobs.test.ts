import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NonRetryableError, type JobTypeDefinition } from '@batchyard/server';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { call, expectProblem, finishedJob, workspaceWithKey } from './helpers.js';
import { seedWorkspace, snapshotWorkspace, type SeededIds } from './seed-workspace.js';

/** The resources' own job types: only their routes create them (the system.* ones touch nothing). */
const INTERNAL_TYPES = [
  'batch.ingest',
  'batch.append',
  'batch.state',
  'batch.delete',
  'batch.merge',
  'batch.commit',
  'batch.close',
  'dataset.from_search',
  'dataset.search',
  'tasks.import',
  'tasks.export',
  'tasks.bulk',
  'tasks.from_rows',
  'jobs.bulk',
  'webhook.deliver',
];

/** Arguments for any built-in job type, every id in them another workspace's. */
function foreignArguments(b: SeededIds): Record<string, unknown> {
  return {
    datasetId: b.dataset,
    batchIds: [b.batch],
    batchId: b.batch,
    to: 'suspended',
    targetDatasetId: b.dataset,
    sourceDatasetId: b.dataset,
    originDatasetId: b.dataset,
    draftBatchId: b.batch,
    searchJobId: b.searchJob,
    mapping: [{ source: 'k', target: 'k' }],
    strategy: 'override',
    filter: { projectId: b.project, ids: [b.task] },
    operation: { kind: 'review' },
    format: 'jsonl',
    webhookId: b.webhook,
    deliveryId: b.webhook,
    conjunction: 'and',
    filters: [],
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** In-process test job types: each records what it saw so tests can check exactly-once. */
const runs = new Map<string, number>();
const testTypes: JobTypeDefinition[] = [
  {
    name: 'test.flaky',
    description: 'Fails until `succeedOnAttempt`, saving a checkpoint each attempt.',
    handler: async (ctx) => {
      const { succeedOnAttempt = 99, nonRetryable = false } = ctx.arguments as {
        succeedOnAttempt?: number;
        nonRetryable?: boolean;
      };
      const seen = (ctx.checkpoint as number[] | null) ?? [];
      await ctx.saveCheckpoint([...seen, ctx.attempt]);
      ctx.count('attempts');
      if (nonRetryable) throw new NonRetryableError('bad input, no point retrying', { code: 'bad_input' });
      if (ctx.attempt < succeedOnAttempt) throw new Error(`attempt ${ctx.attempt} failed`);
      return { attemptsSeen: [...seen, ctx.attempt] };
    },
  },
  {
    name: 'test.count',
    description: 'Counts runs per job id.',
    handler: async (ctx) => {
      runs.set(ctx.id, (runs.get(ctx.id) ?? 0) + 1);
      return null;
    },
  },
  {
    name: 'test.artifact',
    description: 'Writes a CSV artifact streamed in pieces.',
    handler: async (ctx) => {
      const rows = (ctx.arguments as { rows: number }).rows;
      const info = await ctx.writeArtifact(
        'export.csv',
        'text/csv',
        (async function* () {
          yield 'i,square\n';
          for (let i = 0; i < rows; i++) yield `${i},${i * i}\n`;
        })(),
      );
      ctx.warn('1 row looked odd');
      return info;
    },
  },
];

describe.each(testDialects())('jobs on %s', (dialect) => {
  let server: TestServer;
  let token: string;
  let workspaceId: string;
  let otherToken: string;
  let workerToken: string;

  beforeAll(async () => {
    server = await startTestServer(dialect, { leaseSeconds: 5 }, { jobTypes: testTypes });
    const ws = await workspaceWithKey(server.app, server.adminToken, 'jobs');
    token = ws.token;
    workspaceId = ws.workspace.id;
    otherToken = (await workspaceWithKey(server.app, server.adminToken, 'jobs-other')).token;
    workerToken = (
      await call(server.app, { method: 'POST', url: '/v1/keys', token, body: { name: 'w', role: 'worker' } })
    ).body.token;
  });
  afterAll(async () => server?.close());

  const create = (body: object, t = token) =>
    call(server.app, { method: 'POST', url: '/v1/jobs', token: t, body });
  const get = (id: string, query = '', t = token) =>
    call(server.app, { method: 'GET', url: `/v1/jobs/${id}${query}`, token: t });
  const waitUntilSlow = async (id: string, predicate: (job: { status: string }) => boolean) => {
    for (let i = 0; i < 150; i++) {
      const job = (await get(id)).body;
      if (predicate(job)) return job;
      await sleep(100);
    }
    throw new Error(`job ${id} never reached the expected state`);
  };
  const waitUntil = async (id: string, predicate: (job: { status: string }) => boolean) => {
    for (let i = 0; i < 200; i++) {
      const job = (await get(id)).body;
      if (predicate(job)) return job;
      await sleep(25);
    }
    throw new Error(`job ${id} never reached the expected state`);
  };

  it('runs a built-in job to success; a long-poll returns as soon as it ends', async () => {
    const created = await create({ type: 'system.sleep', arguments: { ms: 300, steps: 3 }, title: 'nap' });
    expect(created.status).toBe(202);
    expect(created.body).toMatchObject({
      status: 'queued',
      attempt: 0,
      maxAttempts: 3,
      title: 'nap',
      workspaceId,
    });
    const started = Date.now();
    const done = await get(created.body.id, '?wait=10');
    expect(Date.now() - started).toBeLessThan(3000);
    expect(done.body).toMatchObject({
      status: 'succeeded',
      attempt: 1,
      result: { sleptMs: 300, steps: 3, resumedAt: 0 },
      progress: { done: 3, total: 3, unit: 'steps', percent: 100 },
    });
    expect(Date.parse(done.body.finishedAt)).toBeGreaterThanOrEqual(Date.parse(done.body.startedAt));
  });

  it('aborts a queued job at once and a running one through its signal', async () => {
    const later = await create({
      type: 'system.sleep',
      arguments: { ms: 10 },
      runAt: new Date(Date.now() + 60_000).toISOString(),
    });
    const aborted = await call(server.app, { method: 'POST', url: `/v1/jobs/${later.body.id}/abort`, token });
    expect(aborted.body).toMatchObject({ status: 'aborted', attempt: 0 });
    expect(aborted.body.finishedAt).not.toBeNull();

    const long = await create({ type: 'system.sleep', arguments: { ms: 20_000, steps: 2 } });
    await waitUntil(long.body.id, (j) => j.status === 'running');
    const asked = await call(server.app, { method: 'POST', url: `/v1/jobs/${long.body.id}/abort`, token });
    expect(asked.body.abortRequested).toBe(true);
    const ended = await get(long.body.id, '?wait=5');
    expect(ended.body.status).toBe('aborted');

    const again = await call(server.app, { method: 'POST', url: `/v1/jobs/${long.body.id}/abort`, token });
    expectProblem(again, 409, 'job_finished');
  });

  it('retries failures with capped exponential backoff, resuming from the checkpoint', async () => {
    const created = await create({
      type: 'test.flaky',
      arguments: { succeedOnAttempt: 3 },
      maxAttempts: 3,
      backoff: { initialMs: 200, maxMs: 300 },
    });
    const id = created.body.id;
    const afterFirst = await waitUntil(
      id,
      (j: { status: string; attempt?: number }) => j.status === 'queued' && (j.attempt ?? 0) === 1,
    );
    const delay1 =
      Date.parse((afterFirst as { runAt: string }).runAt) -
      Date.parse((afterFirst as { updatedAt: string }).updatedAt);
    expect(delay1).toBeGreaterThanOrEqual(90); // 200 · (0.5 … 1)
    expect(delay1).toBeLessThanOrEqual(210);
    const done = await get(id, '?wait=10');
    expect(done.body).toMatchObject({
      status: 'succeeded',
      attempt: 3,
      result: { attemptsSeen: [1, 2, 3] },
      counters: { attempts: 3 },
    });
  });

  it('fails for good after maxAttempts or a non-retryable error, and retry re-queues it', async () => {
    const exhausted = await create({
      type: 'test.flaky',
      maxAttempts: 2,
      backoff: { initialMs: 10, maxMs: 10 },
    });
    const failed = await get(exhausted.body.id, '?wait=10');
    expect(failed.body).toMatchObject({
      status: 'failed',
      attempt: 2,
      error: { code: 'handler_error', message: 'attempt 2 failed' },
    });

    const fatal = await create({ type: 'test.flaky', arguments: { nonRetryable: true }, maxAttempts: 5 });
    const fatalEnd = await get(fatal.body.id, '?wait=10');
    expect(fatalEnd.body).toMatchObject({ status: 'failed', attempt: 1, error: { code: 'bad_input' } });

    // Retry re-queues a failed job (not only an exhausted one); another workspace cannot see it.
    expectProblem(
      await call(server.app, { method: 'POST', url: `/v1/jobs/${fatal.body.id}/retry`, token: otherToken }),
      404,
      'not_found',
    );
    const fatalRetried = await call(server.app, {
      method: 'POST',
      url: `/v1/jobs/${fatal.body.id}/retry`,
      token,
    });
    expect(fatalRetried.status).toBe(200);
    expect(fatalRetried.body).toMatchObject({ status: 'queued', attempt: 0, error: null, finishedAt: null });
    const fatalAgain = await get(fatal.body.id, '?wait=10');
    expect(fatalAgain.body).toMatchObject({
      status: 'failed',
      attempt: 1,
      error: { code: 'bad_input' },
      counters: { attempts: 2 },
    });
    const retried = await call(server.app, {
      method: 'POST',
      url: `/v1/jobs/${exhausted.body.id}/retry`,
      token,
    });
    expect(retried.body).toMatchObject({ status: 'queued', attempt: 0, error: null });
    const finalRun = await get(exhausted.body.id, '?wait=10');
    expect(finalRun.body.status).toBe('failed');
    // The checkpoint survived the retry: this run saw the earlier attempts.
    expect(finalRun.body.counters.attempts).toBe(4);

    const running = await create({ type: 'system.sleep', arguments: { ms: 5000 } });
    await waitUntil(running.body.id, (j) => j.status === 'running');
    expectProblem(
      await call(server.app, { method: 'POST', url: `/v1/jobs/${running.body.id}/retry`, token }),
      409,
      'job_not_retryable',
    );
    expectProblem(
      await call(server.app, { method: 'DELETE', url: `/v1/jobs/${running.body.id}`, token }),
      409,
      'job_not_finished',
    );
    await call(server.app, { method: 'POST', url: `/v1/jobs/${running.body.id}/abort`, token });
    await get(running.body.id, '?wait=5');
    expect(
      (await call(server.app, { method: 'DELETE', url: `/v1/jobs/${running.body.id}`, token })).status,
    ).toBe(204);
    expectProblem(await get(running.body.id), 404, 'not_found');
  });

  it('rejects bad jobs clearly and changes nothing', async () => {
    const before = (await call(server.app, { method: 'GET', url: '/v1/jobs?limit=1000', token })).body.data
      .length;
    expectProblem(await create({ type: 'no.such.type' }), 400, 'unknown_job_type', {
      in: 'body',
      pointer: '/type',
    });
    expectProblem(
      await create({ type: 'system.sleep', arguments: { ms: 'long' } }),
      400,
      'validation_failed',
      {
        in: 'body',
        pointer: '/arguments/ms',
      },
    );
    expectProblem(await create({ type: 'system.sleep', arguments: {} }), 400, 'validation_failed', {
      in: 'body',
      pointer: '/arguments/ms',
    });
    expectProblem(
      await create({ type: 'system.sleep', arguments: { ms: 1, extra: 1 } }),
      400,
      'validation_failed',
      {
        in: 'body',
        pointer: '/arguments/extra',
      },
    );
    expectProblem(await create({ type: 'Bad Type!' }), 400, 'validation_failed', {
      in: 'body',
      pointer: '/type',
    });
    expectProblem(await create({ type: 'system.noop', projectId: 'prj_nope' }), 404, 'not_found', {
      in: 'body',
      pointer: '/projectId',
    });
    expectProblem(
      await create({ type: 'system.noop', backoff: { initialMs: 500, maxMs: 100 } }),
      400,
      'validation_failed',
    );
    expectProblem(
      await call(server.app, { method: 'GET', url: '/v1/jobs?status=done', token }),
      400,
      'validation_failed',
      {
        in: 'query',
        pointer: '/status',
      },
    );
    expect(
      (await call(server.app, { method: 'GET', url: '/v1/jobs?limit=1000', token })).body.data.length,
    ).toBe(before);

    const mine = await create({ type: 'system.noop' });
    expectProblem(await get(mine.body.id, '?wait=1', otherToken), 404, 'not_found');
    expectProblem(
      await call(server.app, { method: 'POST', url: `/v1/jobs/${mine.body.id}/abort`, token: otherToken }),
      404,
      'not_found',
    );
    expectProblem(
      await call(server.app, { method: 'GET', url: '/v1/jobs', token: workerToken }),
      403,
      'insufficient_role',
    );
  });

  it('creates jobs in batches, all or none', async () => {
    const before = (
      await call(server.app, { method: 'GET', url: '/v1/jobs?type=test.count&limit=1000', token })
    ).body.data.length;
    const bad = await call(server.app, {
      method: 'POST',
      url: '/v1/jobs/batch',
      token,
      body: {
        jobs: [
          { type: 'test.count' },
          { type: 'system.sleep', arguments: { ms: 'x' } },
          { type: 'test.count' },
        ],
      },
    });
    expectProblem(bad, 400, 'validation_failed', { in: 'body', pointer: '/jobs/1/arguments/ms' });
    expect(
      (await call(server.app, { method: 'GET', url: '/v1/jobs?type=test.count&limit=1000', token })).body.data
        .length,
    ).toBe(before);
    const good = await call(server.app, {
      method: 'POST',
      url: '/v1/jobs/batch',
      token,
      body: { jobs: Array.from({ length: 50 }, (_, i) => ({ type: 'test.count', priority: i % 3 })) },
    });
    expect(good.status).toBe(202);
    expect(good.body.data).toHaveLength(50);
    // Numeric ids are taken in one go before the insert: distinct, rising in the request's order,
    // after every number given before (a failed batch's numbers are simply skipped).
    const numbers = (good.body.data as { numericId: number }[]).map((j) => j.numericId);
    expect(numbers.every((n) => Number.isInteger(n))).toBe(true);
    expect([...numbers].sort((a, b) => a - b)).toEqual(numbers);
    expect(new Set(numbers).size).toBe(50);
    const single = (await create({ type: 'test.count' })).body as { id: string; numericId: number };
    expect(single.numericId).toBeGreaterThan(numbers.at(-1)!);
    expect((await get(single.id)).body.numericId).toBe(single.numericId);
    for (const job of good.body.data) expect((await get(job.id, '?wait=10')).body.status).toBe('succeeded');
    expectProblem(
      await call(server.app, {
        method: 'POST',
        url: '/v1/jobs/batch',
        token,
        body: { jobs: [{ type: 'test.count', uniqueKey: 'k' }] },
      }),
      400,
      'validation_failed',
      { in: 'body', pointer: '/jobs/0/uniqueKey' },
    );
  });

  it('returns the in-flight job for a repeated uniqueKey', async () => {
    const first = await create({ type: 'system.sleep', arguments: { ms: 2000 }, uniqueKey: 'nightly' });
    const second = await create({ type: 'system.sleep', arguments: { ms: 2000 }, uniqueKey: 'nightly' });
    expect(first.status).toBe(202);
    expect(second.status).toBe(200);
    expect(second.body.id).toBe(first.body.id);
    await call(server.app, { method: 'POST', url: `/v1/jobs/${first.body.id}/abort`, token });
    await get(first.body.id, '?wait=5');
    const third = await create({ type: 'system.sleep', arguments: { ms: 10 }, uniqueKey: 'nightly' });
    expect(third.status).toBe(202);
    expect(third.body.id).not.toBe(first.body.id);
  });

  it('stores artifacts and serves them for download', async () => {
    const created = await create({ type: 'test.artifact', arguments: { rows: 5000 } });
    const done = await get(created.body.id, '?wait=10');
    expect(done.body.error).toBeNull();
    expect(done.body.status).toBe('succeeded');
    expect(done.body.warnings).toEqual(['1 row looked odd']);
    const [artifact] = done.body.artifacts;
    expect(artifact).toMatchObject({ name: 'export.csv', contentType: 'text/csv' });
    const download = await fetch(`${server.url}${artifact.url}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(download.headers.get('content-type')).toBe('text/csv');
    const text = await download.text();
    expect(text.length).toBe(artifact.size);
    expect(text.split('\n')[4999 + 1]).toBe('4999,24990001');
    const foreign = await fetch(`${server.url}${artifact.url}`, {
      headers: { authorization: `Bearer ${otherToken}` },
    });
    expect(foreign.status).toBe(404);
  });

  it('streams progress and the end as server-sent events', async () => {
    const created = await create({ type: 'system.sleep', arguments: { ms: 600, steps: 4 } });
    const response = await fetch(`${server.url}/v1/jobs/${created.body.id}/events`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const text = await response.text();
    const events = [...text.matchAll(/event: (\w+)\ndata: (.*)\n\n/g)].map((m) => ({
      event: m[1],
      job: JSON.parse(m[2]!),
    }));
    expect(events.at(-1)).toMatchObject({ event: 'end', job: { status: 'succeeded' } });
    const progress = events
      .filter((e) => e.event === 'job' && e.job.progress)
      .map((e) => e.job.progress.done);
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
  });

  it('lets remote workers claim (long-poll), heartbeat, complete, fail and learn of aborts', async () => {
    const app = server.app;
    const register = await call(app, {
      method: 'PUT',
      url: '/v1/job-types/ext.resize',
      token,
      body: {
        description: 'resize images',
        argumentsSchema: { type: 'object', required: ['width'], properties: { width: { type: 'integer' } } },
      },
    });
    expect(register.status).toBe(200);
    expectProblem(
      await create({ type: 'ext.resize', arguments: { width: 'wide' } }),
      400,
      'validation_failed',
      {
        in: 'body',
        pointer: '/arguments/width',
      },
    );
    expectProblem(
      await create({ type: 'ext.resize', arguments: { width: 10 } }, otherToken),
      400,
      'unknown_job_type',
    );

    const claim = (body: object = {}) =>
      call(app, {
        method: 'POST',
        url: '/v1/workers/claim',
        token: workerToken,
        body: { types: ['ext.resize'], workerId: 'w1', ...body },
      });
    const pending = claim({ waitSeconds: 5 });
    await sleep(100);
    const job = await create({ type: 'ext.resize', arguments: { width: 10 } });
    const claimed = await pending;
    expect(claimed.body.data).toHaveLength(1);
    expect(claimed.body.data[0]).toMatchObject({
      id: job.body.id,
      status: 'running',
      attempt: 1,
      arguments: { width: 10 },
    });

    const beat = await call(app, {
      method: 'POST',
      url: `/v1/jobs/${job.body.id}/heartbeat`,
      token: workerToken,
      body: { workerId: 'w1', progress: { done: 5, total: 10 }, counters: { pixels: 100 } },
    });
    expect(beat.body.abort).toBe(false);
    expect((await get(job.body.id)).body).toMatchObject({
      progress: { done: 5, total: 10, percent: 50 },
      counters: { pixels: 100 },
    });
    expectProblem(
      await call(app, {
        method: 'POST',
        url: `/v1/jobs/${job.body.id}/heartbeat`,
        token: workerToken,
        body: { workerId: 'intruder' },
      }),
      409,
      'lease_lost',
    );
    const completed = await call(app, {
      method: 'POST',
      url: `/v1/jobs/${job.body.id}/complete`,
      token: workerToken,
      body: { workerId: 'w1', result: { url: 's3://x' } },
    });
    expect(completed.body).toMatchObject({
      status: 'succeeded',
      result: { url: 's3://x' },
      counters: { pixels: 100 },
    });
    expectProblem(
      await call(app, {
        method: 'POST',
        url: `/v1/jobs/${job.body.id}/complete`,
        token: workerToken,
        body: { workerId: 'w1' },
      }),
      409,
      'lease_lost',
    );

    const flaky = await create({
      type: 'ext.resize',
      arguments: { width: 1 },
      backoff: { initialMs: 10, maxMs: 10 },
    });
    await claim();
    const failed = await call(app, {
      method: 'POST',
      url: `/v1/jobs/${flaky.body.id}/fail`,
      token: workerToken,
      body: { workerId: 'w1', error: { code: 'timeout', message: 'upstream slow' } },
    });
    expect(failed.body).toMatchObject({ status: 'queued', attempt: 1, error: { code: 'timeout' } });
    await sleep(30);
    const reclaimed = await claim();
    expect(reclaimed.body.data[0]).toMatchObject({ id: flaky.body.id, attempt: 2 });
    await call(app, { method: 'POST', url: `/v1/jobs/${flaky.body.id}/abort`, token });
    const told = await call(app, {
      method: 'POST',
      url: `/v1/jobs/${flaky.body.id}/heartbeat`,
      token: workerToken,
      body: { workerId: 'w1' },
    });
    expect(told.body.abort).toBe(true);
    const ended = await call(app, {
      method: 'POST',
      url: `/v1/jobs/${flaky.body.id}/complete`,
      token: workerToken,
      body: { workerId: 'w1' },
    });
    expect(ended.body.status).toBe('aborted');

    expect((await claim({ waitSeconds: 0 })).body.data).toEqual([]);
    expectProblem(
      await call(app, {
        method: 'POST',
        url: '/v1/workers/claim',
        token: workerToken,
        body: { types: [], workerId: 'a' },
      }),
      400,
      'validation_failed',
      {
        in: 'body',
        pointer: '/types',
      },
    );
  });

  it('lets a remote worker complete many claimed jobs at once, answering per job', async () => {
    const app = server.app;
    await call(app, { method: 'PUT', url: '/v1/job-types/ext.bulk', token, body: {} });
    for (let i = 0; i < 4; i++)
      expect((await create({ type: 'ext.bulk', arguments: { i } })).status).toBe(202);
    const claimAs = async (workerId: string, limit: number) =>
      (
        await call(app, {
          method: 'POST',
          url: '/v1/workers/claim',
          token: workerToken,
          body: { types: ['ext.bulk'], workerId, limit },
        })
      ).body.data.map((job: { id: string }) => job.id) as string[];
    const mine = await claimAs('bulk-1', 3);
    const [theirs] = await claimAs('bulk-2', 1);
    expect(mine).toHaveLength(3);
    // Aborted while the worker ran it: the completion ends it aborted, as the single complete does.
    await call(app, { method: 'POST', url: `/v1/jobs/${mine[2]}/abort`, token });
    const foreign = await create(
      { type: 'system.sleep', arguments: { ms: 1 }, runAt: new Date(Date.now() + 3_600_000).toISOString() },
      otherToken,
    );
    const completeMany = (workerId: string, results: object[], t = workerToken) =>
      call(app, { method: 'POST', url: '/v1/workers/complete', token: t, body: { workerId, results } });

    const done = await completeMany('bulk-1', [
      { jobId: mine[0], result: { n: 0 }, counters: { pixels: 7 }, warnings: ['blurry'] },
      { jobId: mine[1] },
      { jobId: mine[2], result: 'too late' },
      { jobId: theirs },
      { jobId: foreign.body.id },
      { jobId: 'job_00000000000000000000000000' },
    ]);
    expect(done.status).toBe(200);
    const leaseLost = { code: 'lease_lost', message: expect.stringContaining(theirs!) };
    const notFound = { code: 'not_found', message: expect.stringContaining('was not found') };
    expect(done.body).toEqual({
      completed: 3,
      data: [
        { jobId: mine[0], status: 'succeeded', error: null },
        { jobId: mine[1], status: 'succeeded', error: null },
        { jobId: mine[2], status: 'aborted', error: null },
        { jobId: theirs, status: null, error: leaseLost },
        { jobId: foreign.body.id, status: null, error: notFound },
        { jobId: 'job_00000000000000000000000000', status: null, error: notFound },
      ],
    });
    expect((await get(mine[0]!)).body).toMatchObject({
      status: 'succeeded',
      result: { n: 0 },
      counters: { pixels: 7 },
      warnings: ['blurry'],
    });
    expect((await get(mine[1]!)).body).toMatchObject({ status: 'succeeded', result: null });
    expect((await get(mine[2]!)).body).toMatchObject({ status: 'aborted', result: null });
    expect((await get(theirs!)).body.status).toBe('running');
    expect((await get(foreign.body.id, '', otherToken)).body.status).toBe('queued');

    // Completing again is lease_lost for each job, as for the single complete.
    const again = await completeMany('bulk-1', [{ jobId: mine[0] }]);
    expect(again.body).toEqual({
      completed: 0,
      data: [{ jobId: mine[0], status: null, error: { code: 'lease_lost', message: expect.any(String) } }],
    });

    expectProblem(
      await completeMany(
        'bulk-2',
        Array.from({ length: 1001 }, (_, i) => ({ jobId: `job_${i}` })),
      ),
      400,
      'validation_failed',
      { in: 'body', pointer: '/results' },
    );
    expectProblem(
      await completeMany('bulk-2', [{ jobId: theirs }, { jobId: theirs }]),
      400,
      'validation_failed',
      { in: 'body', pointer: '/results/1/jobId' },
    );
    expectProblem(await completeMany('bulk-2', []), 400, 'validation_failed', {
      in: 'body',
      pointer: '/results',
    });
    // Nothing changed by the refused requests; the holder completes its job.
    expect((await get(theirs!)).body.status).toBe('running');
    expect((await completeMany('bulk-2', [{ jobId: theirs, result: 1 }])).body).toMatchObject({
      completed: 1,
      data: [{ jobId: theirs, status: 'succeeded', error: null }],
    });
    await call(app, { method: 'POST', url: `/v1/jobs/${foreign.body.id}/abort`, token: otherToken });
  });

  it('stops a long-poll claim when its client hangs up, so no job goes to a gone worker', async () => {
    await call(server.app, { method: 'PUT', url: '/v1/job-types/ext.later', token, body: {} });
    const controller = new AbortController();
    const claim = fetch(`${server.url}/v1/workers/claim`, {
      method: 'POST',
      headers: { authorization: `Bearer ${workerToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ types: ['ext.later'], workerId: 'gone', waitSeconds: 20 }),
      signal: controller.signal,
    }).catch((error: Error) => error);
    const connections = () =>
      new Promise<number>((resolve, reject) =>
        server.app.server.getConnections((error, count) => (error ? reject(error) : resolve(count))),
      );
    // The claim's connection is open on the server before the client hangs up...
    while ((await connections()) === 0) await sleep(20);
    await sleep(300);
    const open = await connections();
    controller.abort();
    expect(await claim).toBeInstanceOf(Error);
    // ...and closed there (so its 'close' has fired) before the job exists: the signal, not a sleep.
    for (const deadline = Date.now() + 20_000; (await connections()) >= open && Date.now() < deadline;)
      await sleep(20);
    expect(await connections()).toBeLessThan(open);
    const job = await create({ type: 'ext.later' });
    // The positive signal: a live worker's claim gets the job as its first attempt, so the hung-up
    // claim never took it (had it, this claim would wait out its 20 s and come back empty).
    const live = await call(server.app, {
      method: 'POST',
      url: '/v1/workers/claim',
      token: workerToken,
      body: { types: ['ext.later'], workerId: 'live', waitSeconds: 20 },
    });
    expect(live.body.data).toEqual([expect.objectContaining({ id: job.body.id, attempt: 1 })]);
    const held = await call(server.app, {
      method: 'GET',
      url: `/v1/jobs/${job.body.id}`,
      token,
    });
    expect(held.body).toMatchObject({ status: 'running', attempt: 1 });
    await call(server.app, { method: 'POST', url: `/v1/jobs/${job.body.id}/abort`, token });
  });

  it('gives a job back to the queue when its worker stops heartbeating', async () => {
    const app = server.app;
    await call(app, { method: 'PUT', url: '/v1/job-types/ext.silent', token, body: {} });
    const job = await create({ type: 'ext.silent' });
    const claim = (workerId: string) =>
      call(app, {
        method: 'POST',
        url: '/v1/workers/claim',
        token: workerToken,
        body: { types: ['ext.silent'], workerId, leaseSeconds: 5 },
      });
    expect((await claim('doomed')).body.data[0].id).toBe(job.body.id);
    // "doomed" never heartbeats; the sweeper hands the job back once the 5 s lease is over.
    const back = await waitUntilSlow(job.body.id, (j) => j.status === 'queued');
    expect(back).toMatchObject({ attempt: 1, error: { code: 'lease_expired' } });
    expect((await claim('rescuer')).body.data[0]).toMatchObject({ id: job.body.id, attempt: 2 });
    expectProblem(
      await call(app, {
        method: 'POST',
        url: `/v1/jobs/${job.body.id}/complete`,
        token: workerToken,
        body: { workerId: 'doomed' },
      }),
      409,
      'lease_lost',
    );
    const done = await call(app, {
      method: 'POST',
      url: `/v1/jobs/${job.body.id}/complete`,
      token: workerToken,
      body: { workerId: 'rescuer' },
    });
    expect(done.body).toMatchObject({ status: 'succeeded', attempt: 2 });
  }, 30_000);

  it('prunes finished jobs and their artifacts after the retention period', async () => {
    const job = await create({ type: 'test.artifact', arguments: { rows: 3 } });
    const done = await get(job.body.id, '?wait=10');
    expect(done.body.artifacts).toHaveLength(1);
    const queued = await create({
      type: 'system.sleep',
      arguments: { ms: 1 },
      runAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    const [stored] = await server.store.db
      .selectFrom('job_artifacts')
      .selectAll()
      .where('job_id', '=', job.body.id)
      .execute();
    const file = join(server.dataDir, 'artifacts', stored!.id);
    expect(existsSync(file)).toBe(stored!.storage === 'file');
    // Age the finished job past the 30-day retention.
    await server.store.db
      .updateTable('jobs')
      .set({ finished_at: Date.now() - 31 * 86_400_000 })
      .where('id', '=', job.body.id)
      .execute();
    await server.app.engine.prune();
    expectProblem(await get(job.body.id), 404, 'not_found');
    const artifacts = await server.store.db
      .selectFrom('job_artifacts')
      .selectAll()
      .where('job_id', '=', job.body.id)
      .execute();
    expect(artifacts).toEqual([]);
    expect(existsSync(file)).toBe(false);
    expect((await get(queued.body.id)).body.status).toBe('queued');
    await call(server.app, { method: 'POST', url: `/v1/jobs/${queued.body.id}/abort`, token });
  });

  it('runs each of many jobs exactly once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 100; i++) ids.push((await create({ type: 'test.count' })).body.id);
    for (const id of ids) expect((await get(id, '?wait=10')).body.status).toBe('succeeded');
    expect(ids.map((id) => runs.get(id))).toEqual(ids.map(() => 1));
  });

  describe('built-in job types and another workspace', () => {
    let b: SeededIds;
    let editorToken: string;
    let before: unknown;
    beforeAll(async () => {
      b = await seedWorkspace(server.app, otherToken, 'B');
      editorToken = (
        await call(server.app, {
          method: 'POST',
          url: '/v1/keys',
          token,
          body: { name: 'editor', role: 'editor' },
        })
      ).body.token;
      before = await snapshotWorkspace(server.app, otherToken, b);
    }, 60_000);

    it("refuses every built-in type, named with B's ids, in jobs, batches of jobs, definitions and claims", async () => {
      const listed = await call(server.app, { method: 'GET', url: '/v1/job-types', token: editorToken });
      const builtIn = (listed.body.data as { name: string; builtIn: boolean }[])
        .filter((t) => t.builtIn && !/^(system|test)\./.test(t.name))
        .map((t) => t.name);
      expect(builtIn.sort()).toEqual([...INTERNAL_TYPES].sort());
      const args = foreignArguments(b);
      for (const type of builtIn) {
        const pointer = { in: 'body', pointer: '/type' };
        expectProblem(
          await create({ type, arguments: args }, editorToken),
          400,
          'internal_job_type',
          pointer,
        );
        expectProblem(
          await create({ type, arguments: args, workspaceId: b.workspace }, editorToken),
          400,
          'internal_job_type',
        );
        expectProblem(
          await call(server.app, {
            method: 'POST',
            url: '/v1/jobs/batch',
            token: editorToken,
            body: { jobs: [{ type: 'system.noop' }, { type, arguments: args }] },
          }),
          400,
          'internal_job_type',
          { in: 'body', pointer: '/jobs/1/type' },
        );
        expectProblem(
          await call(server.app, {
            method: 'POST',
            url: '/v1/definitions',
            token: editorToken,
            body: { name: `def ${type}`, type, parameters: args },
          }),
          400,
          'internal_job_type',
          pointer,
        );
        expectProblem(
          await call(server.app, {
            method: 'POST',
            url: '/v1/workers/claim',
            token: workerToken,
            body: { types: ['system.noop', type], workerId: 'forger', waitSeconds: 0 },
          }),
          400,
          'internal_job_type',
          { in: 'body', pointer: '/types/1' },
        );
      }
      const mine = await call(server.app, { method: 'GET', url: '/v1/jobs?limit=1000', token: editorToken });
      expect(mine.body.data.filter((j: { type: string }) => builtIn.includes(j.type))).toEqual([]);
      expect(await snapshotWorkspace(server.app, otherToken, b)).toEqual(before);
    });

    it("runs a built-in job only on its own workspace's resources, whatever its arguments name", async () => {
      // A job made without its route (as one made before built-in types were refused could be):
      // its handler still touches nothing of B.
      const principal = {
        kind: 'key' as const,
        id: 'forger',
        name: 'forger',
        workspaceId,
        role: 'editor' as const,
      };
      const forged: Record<string, string> = {};
      for (const type of [
        'batch.state',
        'batch.delete',
        'batch.close',
        'tasks.bulk',
        'tasks.from_rows',
        'jobs.bulk',
        'dataset.search',
      ]) {
        const { job } = await server.app.services.jobs.create(principal, {
          type,
          arguments: foreignArguments(b),
          maxAttempts: 1,
        });
        forged[type] = job.id;
      }
      const ended: Record<string, { status: string; result: unknown }> = {};
      for (const [type, id] of Object.entries(forged)) ended[type] = await finishedJob(server.app, token, id);
      expect(ended['batch.state']!.result).toMatchObject({ suspended: [], skipped: [b.batch] });
      expect(ended['batch.delete']!.result).toMatchObject({ deleted: [] });
      expect(ended['batch.close']!.result).toMatchObject({ deleted: [] });
      expect(ended['dataset.search']!.status).toBe('failed');
      expect(ended['tasks.from_rows']).toMatchObject({ status: 'failed', error: { code: 'not_found' } });
      expect(ended['jobs.bulk']).toMatchObject({ status: 'failed', error: { code: 'invalid_arguments' } });
      expect(await snapshotWorkspace(server.app, otherToken, b)).toEqual(before);
    });
  });

  it('refuses complete, fail and heartbeat from a worker that does not hold the job, built-in jobs included', async () => {
    const running = await create({ type: 'system.sleep', arguments: { ms: 20_000, steps: 2 } });
    await waitUntil(running.body.id, (j) => j.status === 'running');
    const queued = await create({
      type: 'system.noop',
      runAt: new Date(Date.now() + 60_000).toISOString(),
    });
    for (const id of [running.body.id, queued.body.id]) {
      for (const [action, body] of [
        ['complete', { workerId: 'forger', result: { forged: true } }],
        ['fail', { workerId: 'forger', error: { message: 'forged' }, retryable: false }],
        ['heartbeat', { workerId: 'forger' }],
      ] as const) {
        expectProblem(
          await call(server.app, {
            method: 'POST',
            url: `/v1/jobs/${id}/${action}`,
            token: workerToken,
            body,
          }),
          409,
          'lease_lost',
        );
      }
    }
    expect((await get(running.body.id)).body).toMatchObject({ status: 'running', result: null, error: null });
    expect((await get(queued.body.id)).body).toMatchObject({ status: 'queued', result: null });
    await call(server.app, { method: 'POST', url: `/v1/jobs/${running.body.id}/abort`, token });
    await call(server.app, { method: 'POST', url: `/v1/jobs/${queued.body.id}/abort`, token });
    await finishedJob(server.app, token, running.body.id);
  });

  it('records who aborted a job, with code aborted, for queued and running jobs alike', async () => {
    const me = (await call(server.app, { method: 'GET', url: '/v1/me', token })).body;
    const abortedBy = expect.objectContaining({ id: me.credentialId, name: me.name });
    const aborted = { status: 'aborted', error: { code: 'aborted', details: { abortedBy } } };
    const later = await create({
      type: 'system.sleep',
      arguments: { ms: 10 },
      runAt: new Date(Date.now() + 60_000).toISOString(),
    });
    const queued = await call(server.app, { method: 'POST', url: `/v1/jobs/${later.body.id}/abort`, token });
    expect(queued.body).toMatchObject(aborted);

    // In process: the handler stops on its signal.
    const long = await create({ type: 'system.sleep', arguments: { ms: 20_000, steps: 2 } });
    await waitUntil(long.body.id, (j) => j.status === 'running');
    await call(server.app, { method: 'POST', url: `/v1/jobs/${long.body.id}/abort`, token });
    expect(await finishedJob(server.app, token, long.body.id)).toMatchObject(aborted);

    // A remote worker learns of it at its heartbeat and reports a failure: the abort still wins.
    await call(server.app, { method: 'PUT', url: '/v1/job-types/ext.abortable', token, body: {} });
    const remote = await create({ type: 'ext.abortable' });
    const claimed = await call(server.app, {
      method: 'POST',
      url: '/v1/workers/claim',
      token: workerToken,
      body: { types: ['ext.abortable'], workerId: 'wa', waitSeconds: 5 },
    });
    expect(claimed.body.data.map((j: { id: string }) => j.id)).toEqual([remote.body.id]);
    await call(server.app, { method: 'POST', url: `/v1/jobs/${remote.body.id}/abort`, token });
    const beat = await call(server.app, {
      method: 'POST',
      url: `/v1/jobs/${remote.body.id}/heartbeat`,
      token: workerToken,
      body: { workerId: 'wa' },
    });
    expect(beat.body.abort).toBe(true);
    await call(server.app, {
      method: 'POST',
      url: `/v1/jobs/${remote.body.id}/fail`,
      token: workerToken,
      body: { workerId: 'wa', error: { code: 'stopped', message: 'stopped on request' } },
    });
    expect((await get(remote.body.id)).body).toMatchObject(aborted);
  });
});

describe.each(testDialects())('an API-only process (--no-worker) on %s', (dialect) => {
  let server: TestServer;
  afterAll(async () => server?.close());

  it("still gives a dead remote worker's job back: nobody else may be sweeping leases", async () => {
    server = await startTestServer(dialect, { leaseSeconds: 5, worker: false });
    expect(server.app.engine.runner).toBeUndefined();
    const { token } = await workspaceWithKey(server.app, server.adminToken, 'api-only');
    const workerToken = (
      await call(server.app, { method: 'POST', url: '/v1/keys', token, body: { name: 'w', role: 'worker' } })
    ).body.token as string;
    await call(server.app, { method: 'PUT', url: '/v1/job-types/ext.gone', token, body: {} });
    const job = await call(server.app, {
      method: 'POST',
      url: '/v1/jobs',
      token,
      body: { type: 'ext.gone' },
    });
    const claimed = await call(server.app, {
      method: 'POST',
      url: '/v1/workers/claim',
      token: workerToken,
      body: { types: ['ext.gone'], workerId: 'dies', leaseSeconds: 5 },
    });
    expect(claimed.body.data[0].id).toBe(job.body.id);
    let back: { status: string; attempt: number; error: { code: string } | null } | undefined;
    for (let i = 0; i < 150 && back?.status !== 'queued'; i++) {
      await sleep(100);
      back = (await call(server.app, { method: 'GET', url: `/v1/jobs/${job.body.id}`, token })).body;
    }
    expect(back).toMatchObject({ status: 'queued', attempt: 1, error: { code: 'lease_expired' } });
  });
});
