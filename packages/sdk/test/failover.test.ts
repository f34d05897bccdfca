import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp, loadConfig, openStore } from '@batchyard/server';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { APIConnectionError, Batchyard, BatchyardError, type Job } from '../src/index.js';
import { closeServer, recordingFetch, uniqueName, type RecordedCall } from './helpers.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('several base URLs', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('takes an array, or URLs separated by commas (BATCHYARD_URL too), and starts with the first', () => {
    const array = new Batchyard({ baseUrl: ['http://a:1/', 'http://b:2'], token: 'byk_x' });
    expect(array.baseUrls).toEqual(['http://a:1', 'http://b:2']);
    expect(array.baseUrl).toBe('http://a:1');
    const text = new Batchyard({ baseUrl: 'http://a:1, http://b:2/', token: 'byk_x' });
    expect(text.baseUrls).toEqual(['http://a:1', 'http://b:2']);
    vi.stubEnv('BATCHYARD_URL', 'http://a:1,http://b:2,');
    expect(new Batchyard({ token: 'byk_x' }).baseUrls).toEqual(['http://a:1', 'http://b:2']);
    expect(new Batchyard({ baseUrl: 'http://one:1', token: 'byk_x' }).baseUrls).toEqual(['http://one:1']);
  });

  it('refuses an empty list, a bad URL in the list and the same URL twice', () => {
    expect(() => new Batchyard({ baseUrl: [], token: 'byk_x' })).toThrow(/No server URL/);
    expect(() => new Batchyard({ baseUrl: ' , ', token: 'byk_x' })).toThrow(/No server URL/);
    expect(() => new Batchyard({ baseUrl: ['http://a:1', 'ftp://b'], token: 'byk_x' })).toThrow(
      /Invalid baseUrl "ftp:\/\/b"/,
    );
    expect(() => new Batchyard({ baseUrl: 'http://a:1,http://a:1/', token: 'byk_x' })).toThrow(
      BatchyardError,
    );
  });
});

/**
 * Two API processes of one deployment: the test server (which also runs the jobs) and a second,
 * API-only app on the same database that the tests kill (every socket cut, as when its process
 * dies) while calls are in progress on it.
 */
describe.each(testDialects())('failover between API processes on %s', (dialect) => {
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    const admin = new Batchyard({ baseUrl: server.url, token: server.adminToken });
    const workspaceId = (await admin.workspaces.create({ name: uniqueName('failover') })).id;
    token = (await admin.keys.create({ name: 'failover', role: 'admin', workspaceId })).token;
  });
  afterAll(() => closeServer(server));

  /** A second API process (no job runner) on the test server's database. */
  async function secondApi(): Promise<{ url: string; kill(): Promise<void> }> {
    const store = dialect === 'postgres' ? openStore(server.databaseUrl, { poolSize: 2 }) : server.store;
    const app = await buildApp({
      config: loadConfig(
        { dataDir: server.dataDir, databaseUrl: server.databaseUrl, logLevel: 'silent', worker: false },
        {},
      ),
      store,
      logger: false,
    });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    let killed: Promise<void> | undefined;
    return {
      url,
      kill: () =>
        (killed ??= (async () => {
          app.server.closeAllConnections();
          await app.close();
          if (store !== server.store) await store.close();
        })()),
    };
  }

  const until = async (check: () => boolean) => {
    for (let i = 0; i < 200 && !check(); i++) await pause(20);
    expect(check()).toBe(true);
  };
  const base = (call: RecordedCall) => call.url.origin;

  it('moves to the next URL at once on a refused connection, without using up a retry', async () => {
    const dead = `http://127.0.0.1:${await closedPort()}`;
    const { fetch, calls } = recordingFetch();
    const client = new Batchyard({ baseUrl: [dead, server.url], token, fetch, maxRetries: 0 });
    await expect(client.me()).resolves.toMatchObject({ role: 'admin' });
    expect(calls.map(base)).toEqual([dead, server.url]);
    // It stays on the one that answered.
    expect(client.baseUrl).toBe(server.url);
    await client.me();
    expect(calls.map(base)).toEqual([dead, server.url, server.url]);

    // Every URL down: each is tried once per retry, then APIConnectionError.
    const down = new Batchyard({
      baseUrl: [dead, `http://127.0.0.1:${await closedPort()}`],
      token,
      fetch: recordingFetch().fetch,
      maxRetries: 1,
    });
    await expect(down.me()).rejects.toBeInstanceOf(APIConnectionError);
  });

  it('sends a POST whose answer was lost again to the next URL with its Idempotency-Key: one job', async () => {
    const other = await secondApi();
    try {
      const { fetch, calls } = recordingFetch(async (call, send, index) => {
        if (index !== 0) return undefined;
        await send(); // the first API process did create the job, then the connection broke
        throw new TypeError('fetch failed', {
          cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
        });
      });
      const client = new Batchyard({ baseUrl: [other.url, server.url], token, fetch });
      const title = uniqueName('lost-answer');
      const handle = await client.jobs.create({ type: 'system.noop', title });
      expect(calls.map(base)).toEqual([other.url, server.url]);
      expect(calls[1]!.headers.get('idempotency-key')).toBe(calls[0]!.headers.get('idempotency-key'));
      expect(calls[1]!.responseHeaders?.get('idempotent-replayed')).toBe('true');
      const same = (await client.jobs.list({ type: 'system.noop', limit: 1000 })).data.filter(
        (job) => job.title === title,
      );
      expect(same.map((job) => job.id)).toEqual([handle.id]);
    } finally {
      await other.kill();
    }
  });

  it('resumes a long-poll wait on the next API process when its process dies', async () => {
    const other = await secondApi();
    const { fetch, calls } = recordingFetch();
    const client = new Batchyard({ baseUrl: [other.url, server.url], token, fetch });
    const handle = await client.jobs.create({ type: 'system.sleep', arguments: { ms: 1500, steps: 3 } });
    const waiting = handle.wait();
    const polls = () => calls.filter((call) => call.url.searchParams.has('wait'));
    await until(() => polls().length > 0);
    await pause(200); // the long-poll is held by the process about to die
    await other.kill();
    const job = await waiting;
    expect(job).toMatchObject({ id: handle.id, status: 'succeeded' });
    expect(polls().map(base)[0]).toBe(other.url);
    expect(polls().map(base).slice(1)).toContain(server.url);
    expect(client.baseUrl).toBe(server.url);
  });

  it('resumes an event-stream wait on the next API process, streaming progress from there', async () => {
    const other = await secondApi();
    const { fetch, calls } = recordingFetch();
    const client = new Batchyard({ baseUrl: [other.url, server.url], token, fetch });
    const handle = await client.jobs.create({ type: 'system.sleep', arguments: { ms: 1500, steps: 5 } });
    const seen: Array<{ job: Job; afterKill: boolean }> = [];
    let killed = false;
    const waiting = handle.wait({ onProgress: (job) => seen.push({ job, afterKill: killed }) });
    const streams = () => calls.filter((call) => call.url.pathname.endsWith('/events'));
    await until(() => streams().length > 0 && seen.length > 0);
    await pause(200);
    killed = true;
    await other.kill();
    const job = await waiting;
    expect(job).toMatchObject({ id: handle.id, status: 'succeeded' });
    // The stream was opened again on the other process, not replaced by long-polling.
    expect(streams().map(base)).toEqual([other.url, server.url]);
    expect(calls.some((call) => call.url.searchParams.has('wait'))).toBe(false);
    const after = seen.filter((entry) => entry.afterKill).map((entry) => entry.job);
    expect(after.some((entry) => entry.status === 'running')).toBe(true);
    expect(after.at(-1)?.status).toBe('succeeded');
  });
});
