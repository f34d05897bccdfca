import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import {
  BadRequestError,
  Batchyard,
  JobHandle,
  JobWaitTimeoutError,
  NonRetryableJobError,
  RateLimitError,
  type ClaimedJob,
  type Job,
  type JobBulkItem,
  type JobBulkResult,
  type Worker,
  type WorkerContext,
} from '../src/index.js';
import { closeServer, recordingFetch, uniqueName, type RecordedCall } from './helpers.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(testDialects())('jobs, definitions and workers on %s', (dialect) => {
  let server: TestServer;
  /** An admin key of one fresh workspace, so every call defaults to it. */
  let sdk: Batchyard;
  let workspaceId: string;
  let token: string;
  /** A worker-role key of the same workspace. */
  let workerToken: string;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    const admin = new Batchyard({ baseUrl: server.url, token: server.adminToken });
    workspaceId = (await admin.workspaces.create({ name: uniqueName('jobs') })).id;
    const key = await admin.keys.create({ name: 'jobs', role: 'admin', workspaceId });
    token = key.token;
    sdk = new Batchyard({ baseUrl: server.url, token });
    workerToken = (await admin.keys.create({ name: 'worker', role: 'worker', workspaceId })).token;
  });
  afterAll(() => closeServer(server));

  it('streams every job of the workspace as it is created and changes, and only those', async () => {
    const admin = new Batchyard({ baseUrl: server.url, token: server.adminToken });
    const otherWorkspace = (await admin.workspaces.create({ name: uniqueName('jobs-other') })).id;
    const other = new Batchyard({
      baseUrl: server.url,
      token: (await admin.keys.create({ name: 'other', role: 'admin', workspaceId: otherWorkspace })).token,
    });
    const controller = new AbortController();
    let ready!: () => void;
    const subscribed = new Promise<void>((resolve) => (ready = resolve));
    const seen: Job[] = [];
    const watching = (async () => {
      try {
        for await (const job of sdk.jobs.events({}, { signal: controller.signal, onReady: ready })) {
          seen.push(job);
        }
      } catch (error) {
        if (!controller.signal.aborted) throw error;
      }
    })();
    await subscribed;
    const foreign = await other.jobs.create({ type: 'system.sleep', arguments: { ms: 10 } });
    const mine = await sdk.jobs.create({ type: 'system.sleep', arguments: { ms: 300, steps: 3 } });
    await mine.wait();
    await foreign.wait();
    await vi.waitFor(() => expect(seen.some((j) => j.id === mine.id && j.status === 'succeeded')).toBe(true));
    controller.abort();
    await watching;
    const statuses = seen.filter((j) => j.id === mine.id).map((j) => j.status);
    // Changes are gathered over 250 ms and read then: the job shows in the state it had by then.
    expect(['queued', 'running', 'succeeded']).toContain(statuses[0]);
    expect(statuses.at(-1)).toBe('succeeded');
    expect(seen.some((j) => j.id === foreign.id)).toBe(false);
    expect(seen.length).toBeGreaterThan(0); // .every() of nothing is true
    expect(seen.every((j) => j.workspaceId === workspaceId)).toBe(true);

    // A project the caller cannot see is a 404 before any stream starts.
    const stream = sdk.jobs.events({ projectId: 'prj_00000000000000000000000000' });
    await expect(stream.next()).rejects.toMatchObject({ status: 404, code: 'not_found' });
  });

  it('creates a job and waits for it, streaming increasing progress', async () => {
    const handle = await sdk.jobs.create({ type: 'system.sleep', arguments: { ms: 1200, steps: 4 } });
    expect(handle).toBeInstanceOf(JobHandle);
    expect(handle.id).toMatch(/^job_/);
    expect(handle.job).toMatchObject({ status: 'queued', type: 'system.sleep', workspaceId });

    const seen: Job[] = [];
    const job = await handle.wait({ onProgress: (j) => seen.push(j) });
    expect(job).toMatchObject({ status: 'succeeded', result: { sleptMs: 1200, steps: 4, resumedAt: 0 } });
    expect(handle.job).toBe(job);
    const done = seen.flatMap((j) => (j.progress ? [j.progress.done] : []));
    expect(done.length).toBeGreaterThanOrEqual(2);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(done.at(-1)).toBe(4);
    expect(seen.at(-1)?.status).toBe('succeeded');

    // Long-poll only (no onProgress), by id, on a job already ended: answers at once.
    const again = await sdk.jobs.wait(handle.id);
    expect(again.status).toBe('succeeded');
    expect(await sdk.jobs.get(handle.id, { fields: ['status'] })).toEqual({
      id: handle.id,
      status: 'succeeded',
    });
  });

  it('opens the event stream again when it breaks, and long-polls when it keeps breaking', async () => {
    /** Event streams that die mid-way, as when the API process goes away, after `events` reads. */
    const breaking = (reads: number) =>
      recordingFetch((call, send) => {
        if (!call.url.pathname.endsWith('/events')) return undefined;
        return send().then((response) => {
          const reader = response.body!.getReader();
          let done = 0;
          const body = new ReadableStream<Uint8Array>({
            async pull(controller) {
              if (done++ >= reads) {
                await reader.cancel();
                controller.error(new TypeError('terminated'));
                return;
              }
              const { value } = await reader.read();
              if (value) controller.enqueue(value);
            },
          });
          return new Response(body, { status: response.status, headers: response.headers });
        });
      });
    const pathsOf = (calls: RecordedCall[]) => calls.map((c) => `${c.url.pathname}${c.url.search}`);

    // Each stream brings the job as it is now, then breaks: it is opened again, no long-poll needed.
    const flaky = breaking(1);
    const client = new Batchyard({ baseUrl: server.url, token, fetch: flaky.fetch });
    const handle = await client.jobs.create({ type: 'system.sleep', arguments: { ms: 600, steps: 3 } });
    const seen: string[] = [];
    const job = await handle.wait({ onProgress: (j) => seen.push(j.status) });
    expect(job.status).toBe('succeeded');
    expect(seen.at(-1)).toBe('succeeded');
    expect(pathsOf(flaky.calls).filter((p) => p.endsWith('/events')).length).toBeGreaterThan(1);
    expect(pathsOf(flaky.calls).some((p) => p.includes('wait='))).toBe(false);

    // Streams that break before any event: three in a row, then long-polling takes over.
    const dead = breaking(0);
    const other = new Batchyard({ baseUrl: server.url, token, fetch: dead.fetch });
    const second = await other.jobs.create({ type: 'system.sleep', arguments: { ms: 300, steps: 3 } });
    const states: string[] = [];
    expect((await second.wait({ onProgress: (j) => states.push(j.status) })).status).toBe('succeeded');
    expect(states.at(-1)).toBe('succeeded');
    const paths = pathsOf(dead.calls);
    expect(paths.filter((p) => p.endsWith('/events'))).toHaveLength(3);
    expect(paths.some((p) => p.includes('wait=30'))).toBe(true);
  });

  it('throws JobWaitTimeoutError with the last known job when timeoutMs runs out', async () => {
    const handle = await sdk.jobs.create({ type: 'system.sleep', arguments: { ms: 20_000, steps: 20 } });
    const started = performance.now();
    const error = await handle.wait({ timeoutMs: 400 }).catch((e: unknown) => e);
    // The job runs 20 s: ending well before it proves the timeout, with room for a loaded machine.
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(error).toBeInstanceOf(JobWaitTimeoutError);
    expect((error as JobWaitTimeoutError).job?.id).toBe(handle.id);

    // Same with the event stream.
    const streamed = await handle
      .wait({ timeoutMs: 300, onProgress: () => undefined })
      .catch((e: unknown) => e);
    expect(streamed).toBeInstanceOf(JobWaitTimeoutError);

    // An aborted signal is the caller's abort, not a timeout.
    const controller = new AbortController();
    const waiting = handle.wait({ signal: controller.signal });
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'APIUserAbortError' });
    await sdk.jobs.abort(handle.id);
  });

  it('aborts a running job through its handle; wait resolves with it aborted', async () => {
    const handle = await sdk.jobs.create({ type: 'system.sleep', arguments: { ms: 20_000, steps: 40 } });
    let abortSent: Promise<Job> | undefined;
    const job = await handle.wait({
      onProgress: (j) => {
        if (j.status === 'running' && !abortSent) abortSent = handle.abort();
      },
    });
    expect(job.status).toBe('aborted');
    expect((await abortSent)?.abortRequested).toBe(true);
    // Aborting it again is a conflict.
    await expect(sdk.jobs.abort(handle.id)).rejects.toMatchObject({ status: 409, code: 'job_finished' });
    await sdk.jobs.delete(handle.id);
    await expect(sdk.jobs.get(handle.id)).rejects.toMatchObject({ status: 404 });
  });

  it('resolves (without throwing) with a failed job, which retry() resumes from its checkpoint', async () => {
    const handle = await sdk.jobs.create({
      type: 'system.sleep',
      arguments: { ms: 200, steps: 2, failTimes: 1 },
      maxAttempts: 1,
    });
    const failed = await handle.wait({ pollSeconds: 5 });
    expect(failed).toMatchObject({ status: 'failed', attempt: 1 });
    expect(failed.error?.message).toMatch(/planned failure/);

    const retried = await handle.retry();
    expect(retried.status).toBe('queued');
    const job = await handle.wait();
    expect(job).toMatchObject({ status: 'succeeded', result: { resumedAt: 1 } });
  });

  it('creates many jobs at once and lists them with filters, page by page', async () => {
    const handles = await sdk.jobs.createMany(
      Array.from({ length: 5 }, (_, i) => ({ type: 'system.noop', title: `noop ${i}` })),
    );
    expect(handles).toHaveLength(5);
    expect(handles.length).toBeGreaterThan(0); // .every() of nothing is true
    expect(handles.every((h) => h instanceof JobHandle && h.job?.status === 'queued')).toBe(true);
    await Promise.all(handles.map((h) => h.wait()));

    const ids: string[] = [];
    for await (const job of sdk.jobs.list({ type: 'system.noop', status: ['succeeded'], limit: 2 })) {
      ids.push(job.id);
    }
    expect(ids).toEqual(handles.map((h) => h.id));

    const page = await sdk.jobs.list({ type: ['system.noop', 'system.sleep'], status: 'failed', limit: 10 });
    expect(page.data).toEqual([]);
    const titles = await sdk.jobs.list({
      type: 'system.noop',
      sort: 'id:desc',
      fields: ['title'],
      createdAfter: new Date(Date.now() - 60_000).toISOString(),
      limit: 2,
    });
    expect(titles.data).toEqual([
      { id: handles[4]?.id, title: 'noop 4' },
      { id: handles[3]?.id, title: 'noop 3' },
    ]);
    expect((await sdk.jobs.types.list()).map((t) => t.name)).toEqual(
      expect.arrayContaining(['system.noop', 'system.sleep']),
    );
  });

  it('aborts the jobs a filter selects with one bulk job, and reads each outcome', async () => {
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const queued = await sdk.jobs.createMany(
      Array.from({ length: 3 }, () => ({ type: 'system.noop', runAt: later, title: 'bulk-sdk' })),
    );
    const done = await sdk.jobs.create({ type: 'system.noop' });
    await done.wait();
    const ids = [...queued.map((h) => h.id), done.id];
    const handle = await sdk.jobs.bulk({ action: 'abort', filter: { ids } });
    expect(handle.job).toMatchObject({ type: 'jobs.bulk', status: 'queued' });
    const bulkJob = await handle.wait();
    expect(bulkJob.status).toBe('succeeded');
    expect(bulkJob.result).toEqual({
      action: 'abort',
      matched: 4,
      applied: 3,
      skipped: 1,
      skippedBy: { job_finished: 1 },
      results: 'results.jsonl',
    } satisfies JobBulkResult);
    const items: JobBulkItem[] = [];
    for await (const item of sdk.jobs.bulkResults(bulkJob.id)) items.push(item);
    expect(items).toEqual(
      [
        ...queued.map((h) => ({ id: h.id, outcome: 'applied', status: 'queued' })),
        { id: done.id, outcome: 'skipped', status: 'succeeded', reason: 'job_finished' },
      ].sort((a, b) => a.id.localeCompare(b.id)),
    );
    for (const h of queued) expect((await h.refresh()).status).toBe('aborted');
    // An empty filter would be every job: refused, pointing at it.
    const refused = await sdk.jobs.bulk({ action: 'delete', filter: {} }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BadRequestError);
    expect((refused as BadRequestError).errors?.[0]?.pointer).toBe('/filter');
  });

  it('runs definitions, lists their instances, and fails fast when throttled for long', async () => {
    const definition = await sdk.definitions.create({
      name: uniqueName('def'),
      type: 'system.sleep',
      parameters: { ms: 100, steps: 1 },
      maxStartsPerHour: 1,
    });
    expect(definition.id).toMatch(/^jdf_/);
    expect(await sdk.definitions.get(definition.id, { fields: ['name'] })).toEqual({
      id: definition.id,
      name: definition.name,
    });
    const renamed = await sdk.definitions.update(definition.id, { description: 'sleeps' });
    expect(renamed.description).toBe('sleeps');
    const listed = [];
    for await (const d of sdk.definitions.list({ limit: 1 })) listed.push(d.id);
    expect(listed).toContain(definition.id);

    const handle = await sdk.definitions.run(definition.id, { parameters: { steps: 2 }, title: 'first run' });
    expect(handle.job).toMatchObject({
      definitionId: definition.id,
      title: 'first run',
      arguments: { ms: 100, steps: 2 },
    });
    expect((await handle.wait()).status).toBe('succeeded');

    const instances = await sdk.definitions.instances(definition.id, { status: ['succeeded'] });
    expect(instances.data.map((j) => j.id)).toEqual([handle.id]);
    expect((await sdk.definitions.instances(definition.id, { status: 'failed' })).data).toEqual([]);

    // Retry-After is about an hour: no retry, no hour-long sleep.
    const { fetch, calls } = recordingFetch();
    const recorded = new Batchyard({ baseUrl: server.url, token, fetch });
    const started = performance.now();
    const error = await recorded.definitions.run(definition.id).catch((e: unknown) => e);
    // One call and no sleep: far under the hour that Retry-After asks for, even on a loaded machine.
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, code: 'definition_throttled' });
    expect(Number((error as RateLimitError).headers.get('retry-after'))).toBeGreaterThan(60);
    expect(calls).toHaveLength(1);

    await sdk.definitions.delete(definition.id);
    await expect(sdk.definitions.get(definition.id)).rejects.toMatchObject({ status: 404 });
  });

  describe('remote workers completing in batches', () => {
    const completeCalls = (calls: RecordedCall[]) => ({
      batched: calls.filter((c) => c.method === 'POST' && c.url.pathname === '/v1/workers/complete'),
      single: calls.filter(
        (c) => c.method === 'POST' && /^\/v1\/jobs\/[^/]+\/complete$/.test(c.url.pathname),
      ),
    });
    const runBatch = async (type: string, intercept?: Parameters<typeof recordingFetch>[0]) => {
      await sdk.jobs.types.put(type, {});
      // Queued before the worker starts, so that its first claim takes them all.
      const handles = await sdk.jobs.createMany(
        Array.from({ length: 8 }, (_, n) => ({ type, arguments: { n } })),
      );
      const { fetch, calls } = recordingFetch(intercept);
      const errors: unknown[] = [];
      const worker = new Batchyard({ baseUrl: server.url, token: workerToken, fetch }).createWorker({
        types: [type],
        concurrency: 8,
        waitSeconds: 1,
        handler: async (job) => ({ twice: 2 * (job.arguments as { n: number }).n }),
        onError: (e) => errors.push(e),
      });
      try {
        const jobs = await Promise.all(handles.map((h) => h.wait()));
        expect(jobs.map((j) => [j.status, j.result])).toEqual(
          Array.from({ length: 8 }, (_, n) => ['succeeded', { twice: 2 * n }]),
        );
        await vi.waitFor(() => expect(worker.running).toBe(0));
      } finally {
        await worker.close();
      }
      expect(errors).toEqual([]);
      return completeCalls(calls);
    };

    it('completes jobs that end together with one request', async () => {
      const { batched, single } = await runBatch('ext.batched');
      expect(single).toEqual([]);
      // One claim took all eight; their handlers ended in the same turn of the event loop.
      expect(batched.map((c) => c.status)).toEqual([200]);
    });

    it('falls back to one request per job when the server has no batch endpoint', async () => {
      const { batched, single } = await runBatch('ext.unbatched', async (call) =>
        call.url.pathname === '/v1/workers/complete'
          ? new Response(
              JSON.stringify({
                type: 'about:blank',
                title: 'Route not found',
                status: 404,
                detail: 'no',
                code: 'route_not_found',
              }),
              { status: 404, headers: { 'content-type': 'application/problem+json' } },
            )
          : undefined,
      );
      expect(batched).toHaveLength(1);
      expect(single).toHaveLength(8);
    });
  });

  describe('remote workers', () => {
    let worker: Worker | undefined;
    const errors: unknown[] = [];
    let sawAbort = false;
    let blockedStarted: () => void = () => undefined;

    let handlerCalls = 0;
    let workerCalls: RecordedCall[] = [];
    const claims = () => workerCalls.filter((c) => c.url.pathname === '/v1/workers/claim');
    const handler = async (job: ClaimedJob, ctx: WorkerContext): Promise<unknown> => {
      handlerCalls++;
      const { n = 0, mode } = job.arguments as { n?: number; mode?: string };
      if (mode === 'fail') throw new NonRetryableJobError('bad input', { code: 'bad_input' });
      if (mode === 'block') {
        blockedStarted();
        await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve, { once: true }));
        sawAbort = true;
        throw ctx.signal.reason;
      }
      ctx.progress({ done: 1, total: 1, unit: 'things' });
      ctx.count('items', n);
      if (n === 3) ctx.warn('three is a crowd');
      await ctx.saveCheckpoint({ n });
      return { doubled: n * 2 };
    };

    beforeAll(async () => {
      const type = await sdk.jobs.types.put('ext.thing', {
        description: 'Remote test type',
        argumentsSchema: {
          type: 'object',
          additionalProperties: false,
          properties: { n: { type: 'integer' }, mode: { type: 'string' } },
        },
      });
      expect(type).toMatchObject({ name: 'ext.thing', workspaceId, builtIn: false });
      const { fetch, calls } = recordingFetch();
      workerCalls = calls;
      const workerClient = new Batchyard({ baseUrl: server.url, token: workerToken, fetch });
      worker = workerClient.createWorker({
        types: ['ext.thing'],
        concurrency: 2,
        leaseSeconds: 6,
        workerId: 'sdk-test-worker',
        handler,
        onError: (e) => errors.push(e),
      });
    });
    afterAll(async () => {
      await worker?.close();
    });

    it('runs claimed jobs to success with the handler result, counters and warnings', async () => {
      const handles = await sdk.jobs.createMany(
        [1, 2, 3].map((n) => ({ type: 'ext.thing', arguments: { n } })),
      );
      const jobs = await Promise.all(handles.map((h) => h.wait()));
      expect(jobs.map((j) => [j.status, j.result, j.counters])).toEqual([
        ['succeeded', { doubled: 2 }, { items: 1 }],
        ['succeeded', { doubled: 4 }, { items: 2 }],
        ['succeeded', { doubled: 6 }, { items: 3 }],
      ]);
      expect(jobs[2]?.warnings).toEqual(['three is a crowd']);
      await vi.waitFor(() => expect(worker?.running).toBe(0));
      await expect(sdk.jobs.create({ type: 'ext.thing', arguments: { n: 'x' } })).rejects.toMatchObject({
        status: 400,
      });
    });

    it('fails a job at once when the handler throws NonRetryableJobError', async () => {
      const handle = await sdk.jobs.create({
        type: 'ext.thing',
        arguments: { mode: 'fail' },
        maxAttempts: 3,
      });
      const job = await handle.wait();
      expect(job).toMatchObject({
        status: 'failed',
        attempt: 1,
        error: { code: 'bad_input', message: 'bad input' },
      });
    });

    it('fires the handler signal when the job is aborted (learned from a heartbeat)', async () => {
      const started = new Promise<void>((resolve) => {
        blockedStarted = resolve;
      });
      const handle = await sdk.jobs.create({ type: 'ext.thing', arguments: { mode: 'block' } });
      await started;
      await handle.abort();
      const job = await handle.wait({ timeoutMs: 10_000 });
      expect(job.status).toBe('aborted');
      expect(sawAbort).toBe(true);
    });

    it('fires the handler signal when a heartbeat finds the attempt past its timeoutMs', async () => {
      sawAbort = false;
      const started = new Promise<void>((resolve) => {
        blockedStarted = resolve;
      });
      const handle = await sdk.jobs.create({
        type: 'ext.thing',
        arguments: { mode: 'block' },
        timeoutMs: 300,
        maxAttempts: 1,
      });
      await started;
      const job = await handle.wait({ timeoutMs: 15_000 });
      expect(job).toMatchObject({ status: 'failed', timeoutMs: 300, error: { code: 'timeout' } });
      // The heartbeat's answer (job_timeout) reached the handler; the worker did not report it.
      for (let i = 0; i < 100 && !sawAbort; i++) await pause(50);
      expect(sawAbort).toBe(true);
      expect(errors).toEqual([]);
    });

    it('close() aborts the pending claim at once and runs nothing afterwards', async () => {
      await pause(200); // the loop is back in its long-poll claim
      const claimsBefore = claims().length;
      const started = performance.now();
      await worker?.close();
      // The claim long-polls 20 s: close() returning long before that means it cut the claim off.
      expect(performance.now() - started).toBeLessThan(12_000);
      expect(worker?.running).toBe(0);
      await worker?.done; // the positive signal: the loop has ended, so no handler can run any more
      // The pending claim was cut off on the client side, and no new one was made.
      expect(claims().at(-1)?.status).toBeUndefined();
      expect(claims().length).toBe(claimsBefore);

      const handled = handlerCalls;
      const handle = await sdk.jobs.create({ type: 'ext.thing', arguments: { n: 9 } });
      await pause(700);
      expect(handlerCalls).toBe(handled);
      expect(claims().length).toBe(claimsBefore);
      // NOTE: the server's long-poll claim does not notice the client going away (its clientGone
      // listens for the request's 'close', which Node emits once the body is read), so the
      // abandoned claim may still take this job until its lease expires: not asserted here.
      expect((await handle.refresh()).status).toMatch(/^(queued|running)$/);
      await handle.abort();
      expect(errors).toEqual([]);
    });
  });
});
