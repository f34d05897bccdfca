import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIUserAbortError,
  Batchyard,
  InternalServerError,
  RateLimitError,
} from '../src/index.js';
import { closeServer, recordingFetch, shiftClock, uniqueName } from './helpers.js';

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
  return address.port;
}

describe.each(testDialects())('SDK retries, timeouts and aborts on %s', (dialect) => {
  let server: TestServer;
  let sdk: Batchyard;
  /** An admin key of one workspace. */
  let token: string;
  /** A queued job no worker takes: `GET /v1/jobs/{id}?wait=N` holds the answer N seconds. */
  let jobId: string;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    const admin = new Batchyard({ baseUrl: server.url, token: server.adminToken });
    const ws = await admin.workspaces.create({ name: uniqueName('resilience') });
    const key = await admin.keys.create({ name: 'ws-admin', role: 'admin', workspaceId: ws.id });
    token = key.token;
    sdk = new Batchyard({ baseUrl: server.url, token });
    await sdk.request('PUT', '/v1/job-types/sdk.idle', { body: { description: 'never claimed' } });
    jobId = (await sdk.request<{ id: string }>('POST', '/v1/jobs', { body: { type: 'sdk.idle' } })).id;
  });
  afterAll(() => closeServer(server));
  afterEach(() => {
    vi.restoreAllMocks();
  });

  const longPoll = (seconds: number, options: Parameters<Batchyard['request']>[2] = {}) =>
    sdk.request<{ id: string; status: string }>('GET', `/v1/jobs/${jobId}`, {
      ...options,
      query: { wait: seconds, fields: ['status'] },
    });

  it('times out each attempt after timeoutMs, retries it, then throws APIConnectionTimeoutError', async () => {
    const { fetch, calls } = recordingFetch();
    const client = new Batchyard({ baseUrl: server.url, token: token, fetch, timeoutMs: 200 });
    const started = Date.now();
    const error = await client
      .request('GET', `/v1/jobs/${jobId}`, { query: { wait: 30 }, maxRetries: 1 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(calls).toHaveLength(2);
    // Each attempt asked the server to hold it 30 s: both ending far sooner were cut off.
    expect(Date.now() - started).toBeLessThan(15_000);

    // The long poll does hold the answer; a per-call timeout overrides the client's.
    const polled = performance.now();
    await expect(longPoll(1, { timeoutMs: 3_000 })).resolves.toEqual({ id: jobId, status: 'queued' });
    expect(performance.now() - polled).toBeGreaterThanOrEqual(900);
    await expect(longPoll(3, { timeoutMs: 100, maxRetries: 0 })).rejects.toBeInstanceOf(
      APIConnectionTimeoutError,
    );
  });

  it("stops at once with APIUserAbortError when the caller's signal fires, without retrying", async () => {
    const { fetch, calls } = recordingFetch();
    const client = new Batchyard({ baseUrl: server.url, token: token, fetch, maxRetries: 3 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const started = Date.now();
    const error = await client
      .request('GET', `/v1/jobs/${jobId}`, { query: { wait: 30 }, signal: controller.signal })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIUserAbortError);
    // The server would hold the call 30 s: ending far sooner means the signal cut it off.
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(calls).toHaveLength(1);

    // Already aborted: nothing is sent.
    await expect(client.me({ signal: AbortSignal.abort() })).rejects.toBeInstanceOf(APIUserAbortError);
    expect(calls).toHaveLength(1);
  });

  it('throws APIConnectionError for a closed port, after its retries; an abort ends the backoff', async () => {
    const port = await closedPort();
    const { fetch, calls } = recordingFetch();
    const client = new Batchyard({ baseUrl: `http://127.0.0.1:${port}`, token: 'byk_x', fetch });

    const error = await client.me({ maxRetries: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error).not.toBeInstanceOf(APIConnectionTimeoutError);
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
    expect(calls).toHaveLength(1);

    await expect(client.me({ maxRetries: 2 })).rejects.toBeInstanceOf(APIConnectionError);
    expect(calls).toHaveLength(4);

    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(client.me({ maxRetries: 50, signal: controller.signal })).rejects.toBeInstanceOf(
      APIUserAbortError,
    );
  });

  it('retries a 5xx that is not problem+json (a proxy page) and reports it when retries run out', async () => {
    let failures = 1;
    const proxy = (fetchFailures: () => boolean) =>
      recordingFetch(async () =>
        fetchFailures()
          ? new Response('<html>502 Bad Gateway</html>', {
              status: 502,
              headers: { 'content-type': 'text/html' },
            })
          : undefined,
      );
    const flaky = proxy(() => failures-- > 0);
    const client = new Batchyard({ baseUrl: server.url, token: token, fetch: flaky.fetch });
    await expect(client.me()).resolves.toMatchObject({ role: 'admin' });
    expect(flaky.calls).toHaveLength(2);

    const down = proxy(() => true);
    const failing = new Batchyard({ baseUrl: server.url, token: token, fetch: down.fetch });
    const error = await failing.me({ maxRetries: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ status: 502, code: 'http_502', detail: '<html>502 Bad Gateway</html>' });
    expect(down.calls).toHaveLength(2);
  });

  describe('rate limits', () => {
    let limited: TestServer;
    beforeAll(async () => {
      limited = await startTestServer(dialect, { rateLimitPerMinute: 3 });
    });
    afterAll(() => closeServer(limited));

    it('throws RateLimitError with maxRetries 0, and otherwise waits for Retry-After and succeeds', async () => {
      const { fetch, calls } = recordingFetch();
      const client = new Batchyard({ baseUrl: limited.url, token: limited.adminToken, fetch });
      const windowStart = Date.now();
      for (let i = 0; i < 3; i++) await client.me();

      const error = await client.me({ maxRetries: 0 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RateLimitError);
      expect(error).toMatchObject({ status: 429, code: 'rate_limited' });
      expect(Number((error as RateLimitError).headers.get('retry-after'))).toBeGreaterThan(50);
      expect(calls).toHaveLength(4);

      // The server's one-minute window has about 1.5 s left: it answers Retry-After: 2 (3 when a busy
      // machine delayed the first request, which starts the window).
      shiftClock(windowStart + 58_500 - Date.now());
      const started = performance.now();
      await expect(client.me()).resolves.toMatchObject({ role: 'admin' });
      const waited = performance.now() - started;
      const [limitedCall, retried] = calls.slice(4);
      expect(limitedCall?.status).toBe(429);
      const retryAfter = Number(limitedCall?.responseHeaders?.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(3);
      // Backoff alone would have waited under 0.5 s.
      expect(waited).toBeGreaterThanOrEqual(retryAfter * 1000 - 50);
      expect(retried?.status).toBe(200);
      expect(calls).toHaveLength(6);
    });
  });
});
