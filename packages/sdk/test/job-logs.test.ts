import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobTypeDefinition } from '@batchyard/server';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import {
  APIUserAbortError,
  Batchyard,
  NotFoundError,
  type ClaimedJob,
  type JobLogLine,
  type Worker,
  type WorkerContext,
} from '../src/index.js';
import { closeServer, recordingFetch, uniqueName } from './helpers.js';

/** An in-process type that writes `lines` lines. */
const chatty: JobTypeDefinition = {
  name: 'sdk.chatty',
  description: 'Writes lines to its log',
  handler: async (ctx) => {
    const { lines = 0 } = ctx.arguments as { lines?: number };
    for (let i = 1; i <= lines; i++) ctx.log('info', `line ${i}`, { i });
    return null;
  },
};

describe.each(testDialects())('job logs through the SDK on %s', (dialect) => {
  let server: TestServer;
  let sdk: Batchyard;
  let sdkToken: string;
  let other: Batchyard;
  let worker: Worker | undefined;
  const errors: unknown[] = [];
  /** Remote jobs wait here for the test, by id. */
  const gates = new Map<string, () => void>();

  beforeAll(async () => {
    server = await startTestServer(dialect, {}, { jobTypes: [chatty] });
    const admin = new Batchyard({ baseUrl: server.url, token: server.adminToken });
    const workspaceId = (await admin.workspaces.create({ name: uniqueName('logs') })).id;
    sdkToken = (await admin.keys.create({ name: 'logs', role: 'admin', workspaceId })).token;
    sdk = new Batchyard({ baseUrl: server.url, token: sdkToken });
    const otherWorkspace = (await admin.workspaces.create({ name: uniqueName('logs-other') })).id;
    other = new Batchyard({
      baseUrl: server.url,
      token: (await admin.keys.create({ name: 'other', role: 'admin', workspaceId: otherWorkspace })).token,
    });
    await sdk.jobs.types.put('ext.logging', { description: 'Logs from a remote worker' });
    const workerToken = (await admin.keys.create({ name: 'w', role: 'worker', workspaceId })).token;
    worker = new Batchyard({ baseUrl: server.url, token: workerToken }).createWorker({
      types: ['ext.logging'],
      leaseSeconds: 30,
      workerId: 'sdk-logs',
      handler: async (job: ClaimedJob, ctx: WorkerContext) => {
        ctx.log('info', 'fetching', { page: 1 });
        await new Promise<void>((resolve) => gates.set(job.id, resolve));
        ctx.log('warn', 'row 7 skipped', { row: 7 });
        ctx.log('debug', 'x'.repeat(5000), { blob: 'y'.repeat(5000) });
        expect(() => ctx.log('loud' as never, 'no such level')).toThrow(/level/);
        return { ok: true };
      },
      onError: (e) => errors.push(e),
    });
  });
  afterAll(async () => {
    await worker?.close();
    await closeServer(server);
  });

  const waitForGate = async (id: string) => {
    for (let i = 0; i < 400 && !gates.has(id); i++) await new Promise((r) => setTimeout(r, 25));
    gates.get(id)!();
  };

  it('follows a remote worker’s lines as they are written, and ends when the job ends', async () => {
    const handle = await sdk.jobs.create({ type: 'ext.logging' });
    const seen: JobLogLine[] = [];
    for await (const line of handle.logs({ follow: true })) {
      seen.push(line);
      if (line.seq === 1) {
        // Sent within a second by the worker, while its job still runs.
        expect((await handle.refresh()).status).toBe('running');
        await waitForGate(handle.id);
      }
    }
    expect(seen.map((l) => [l.seq, l.level, l.message.slice(0, 20), l.fields, l.attempt])).toEqual([
      [1, 'info', 'fetching', { page: 1 }, 1],
      [2, 'warn', 'row 7 skipped', { row: 7 }, 1],
      [3, 'debug', 'x'.repeat(20), { fieldsDropped: expect.stringContaining('at most 4096') }, 1],
    ]);
    expect(seen[2]!.message).toHaveLength(4000);
    // The lines written just before the end were sent before the completion.
    expect((await handle.refresh()).status).toBe('succeeded');
    expect(errors).toEqual([]);
  });

  it('reads every kept line page by page, telling how many were dropped', async () => {
    const handle = await sdk.jobs.create({ type: 'sdk.chatty', arguments: { lines: 1500 } });
    await handle.wait();
    const dropped: number[] = [];
    const lines: JobLogLine[] = [];
    for await (const line of sdk.jobs.logs(handle.id, { onDropped: (n) => dropped.push(n) }))
      lines.push(line);
    expect(dropped).toEqual([500]);
    expect(lines).toHaveLength(1000);
    expect(lines[0]).toMatchObject({ seq: 501, message: 'line 501', fields: { i: 501 } });
    expect(lines.at(-1)).toMatchObject({ seq: 1500, message: 'line 1500' });

    const page = await sdk.jobs.logPage(handle.id, { after: 1490, limit: 5 });
    expect(page).toMatchObject({
      nextAfter: 1495,
      lastSeq: 1500,
      dropped: 500,
      status: 'succeeded',
      ended: false,
    });
    expect(page.data.map((l) => l.seq)).toEqual([1491, 1492, 1493, 1494, 1495]);

    // Following a job that has ended reads what is left after `after`, then stops.
    const tail: number[] = [];
    for await (const line of handle.logs({ follow: true, after: 1497 })) tail.push(line.seq);
    expect(tail).toEqual([1498, 1499, 1500]);
  });

  it('opens the stream again after the last line seen when it breaks, missing and repeating nothing', async () => {
    /** Log streams that die after each chunk, as when the API process goes away. */
    const flaky = recordingFetch((call, send) => {
      if (!call.url.pathname.endsWith('/logs') || !call.url.searchParams.has('follow')) return undefined;
      return send().then((response) => {
        const reader = response.body!.getReader();
        let reads = 0;
        const body = new ReadableStream<Uint8Array>({
          async pull(controller) {
            if (reads++ >= 1) {
              await reader.cancel();
              controller.error(new TypeError('terminated'));
              return;
            }
            const { value, done } = await reader.read();
            if (done) controller.close();
            else controller.enqueue(value);
          },
        });
        return new Response(body, { status: response.status, headers: response.headers });
      });
    });
    const client = new Batchyard({ baseUrl: server.url, token: sdkToken, fetch: flaky.fetch });
    const handle = await sdk.jobs.create({ type: 'ext.logging' });
    const seqs: number[] = [];
    for await (const line of client.jobs.logs(handle.id, { follow: true })) {
      seqs.push(line.seq);
      if (line.seq === 1) await waitForGate(handle.id);
    }
    expect(seqs).toEqual([1, 2, 3]);
    const afters = flaky.calls
      .filter((c) => c.url.pathname.endsWith('/logs'))
      .map((c) => Number(c.url.searchParams.get('after')));
    expect(afters.length).toBeGreaterThan(1);
    expect(afters[0]).toBe(0);
    expect([...afters].sort((a, b) => a - b)).toEqual(afters);
    expect(afters.at(-1)).toBeGreaterThanOrEqual(1);
  });

  it('stops with APIUserAbortError when its signal aborts, and is a 404 for another workspace', async () => {
    const handle = await sdk.jobs.create({ type: 'ext.logging' });
    const controller = new AbortController();
    const following = (async () => {
      for await (const line of handle.logs({ follow: true, signal: controller.signal })) {
        if (line.seq === 1) controller.abort();
      }
    })();
    await expect(following).rejects.toBeInstanceOf(APIUserAbortError);
    await expect(other.jobs.logPage(handle.id)).rejects.toBeInstanceOf(NotFoundError);
    const foreign = (async () => {
      for await (const line of other.jobs.logs(handle.id, { follow: true })) void line;
    })();
    await expect(foreign).rejects.toBeInstanceOf(NotFoundError);
    await waitForGate(handle.id);
    expect((await handle.wait()).status).toBe('succeeded');
  });
});
