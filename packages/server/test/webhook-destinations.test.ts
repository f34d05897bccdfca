import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildApp, ConfigError, loadConfig, type AppWithServices } from '@batchyard/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { call, expectProblem, finishedJob, workspaceWithKey } from './helpers.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const BIG_BODY_BYTES = 50 * 1024 * 1024;
const SLOW_ANSWER_MS = 300;

/**
 * One receiver on 127.0.0.1 whose paths behave differently: /ok answers 204, /big answers 500
 * with a 50 MB body (counting what it managed to write before the client hung up), /trickle
 * answers 200 and then a byte every 100 ms forever, /redirect answers 302 to /landing, /slow
 * answers 204 after SLOW_ANSWER_MS, /unavailable answers 503.
 */
async function receiver() {
  const hits: Record<string, number> = {};
  const big = { written: 0, closed: false };
  const trickles = new Set<NodeJS.Timeout>();
  const server: Server = createServer((req, res) => {
    req.resume();
    const path = req.url ?? '';
    hits[path] = (hits[path] ?? 0) + 1;
    if (path === '/big') {
      res.writeHead(500, { 'content-type': 'text/plain' });
      // Multi-byte characters and control characters in the first bytes: the excerpt must cope.
      const chunk = Buffer.alloc(64 * 1024, 'é\u0007internal secret ');
      res.on('close', () => (big.closed = true));
      const pump = () => {
        while (big.written < BIG_BODY_BYTES && !res.destroyed) {
          big.written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        if (!res.destroyed) res.end();
      };
      pump();
    } else if (path === '/trickle') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const timer = setInterval(() => res.write('.'), 100);
      trickles.add(timer);
      res.on('close', () => {
        clearInterval(timer);
        trickles.delete(timer);
      });
    } else if (path === '/slow') {
      const timer = setTimeout(() => res.writeHead(204).end(), SLOW_ANSWER_MS);
      res.on('close', () => clearTimeout(timer));
    } else if (path === '/unavailable') {
      res.writeHead(503).end();
    } else if (path === '/redirect') {
      res.writeHead(302, { location: `http://127.0.0.1:${port()}/landing` }).end();
    } else {
      res.writeHead(204).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = () => (server.address() as AddressInfo).port;
  return {
    port: port(),
    hits,
    big,
    close: () => {
      for (const timer of trickles) clearInterval(timer);
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A port nothing listens on (taken, then freed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the webhook allowlist setting', () => {
  it('reads a list from the environment or a flag and refuses entries it cannot parse', () => {
    const env = { BATCHYARD_WEBHOOK_ALLOW: '127.0.0.1:8080, 10.0.0.0/8 hooks.internal [::1]:9000 fd00::/8' };
    expect(loadConfig({}, env).webhookAllowedDestinations).toEqual([
      '127.0.0.1:8080',
      '10.0.0.0/8',
      'hooks.internal',
      '[::1]:9000',
      'fd00::/8',
    ]);
    expect(
      loadConfig({ webhookAllowedDestinations: 'localhost:3000' }, env).webhookAllowedDestinations,
    ).toEqual(['localhost:3000']);
    expect(loadConfig({}, {}).webhookAllowedDestinations).toEqual([]);
    for (const bad of ['http://hooks.internal/', '10.0.0.0/33', '127.0.0.1:70000', 'bad\\host!']) {
      expect(() => loadConfig({}, { BATCHYARD_WEBHOOK_ALLOW: bad }), bad).toThrow(ConfigError);
      expect(() => loadConfig({}, { BATCHYARD_WEBHOOK_ALLOW: bad }), bad).toThrow(
        /--webhook-allow \/ BATCHYARD_WEBHOOK_ALLOW/,
      );
    }
  });
});

describe.each(testDialects())('webhook destinations on %s', (dialect) => {
  let hook: Awaited<ReturnType<typeof receiver>>;
  let refused: number;
  /** No allowlist: public destinations only. */
  let strict: TestServer;
  /** The same database as `strict`, allowing `localhost` (an earlier configuration); runs no jobs. */
  let lenient: AppWithServices;
  /** Its own database, allowing the receiver's port and the closed port on 127.0.0.1. */
  let allowing: TestServer;
  let strictToken: string;
  let strictProject: string;
  let allowingToken: string;
  let allowingProject: string;

  const setup = async (server: TestServer, name: string) => {
    const { token } = await workspaceWithKey(server.app, server.adminToken, name);
    const project = await call(server.app, { method: 'POST', url: '/v1/projects', token, body: { name } });
    return { token, projectId: project.body.id as string };
  };

  beforeAll(async () => {
    hook = await receiver();
    refused = await closedPort();
    strict = await startTestServer(dialect);
    ({ token: strictToken, projectId: strictProject } = await setup(strict, 'strict'));
    lenient = await buildApp({
      config: loadConfig(
        {
          dataDir: strict.dataDir,
          databaseUrl: strict.databaseUrl,
          logLevel: 'silent',
          port: 0,
          worker: false,
          webhookAllowedDestinations: 'localhost',
        },
        {},
      ),
      store: strict.store,
      logger: false,
    });
    await lenient.ready();
    allowing = await startTestServer(dialect, {
      webhookAllowedDestinations: [`127.0.0.1:${hook.port}`, `127.0.0.1:${refused}`],
    });
    ({ token: allowingToken, projectId: allowingProject } = await setup(allowing, 'allowing'));
  });
  afterAll(async () => {
    await lenient?.close();
    await strict?.close();
    await allowing?.close();
    await hook?.close();
  });

  /** Creates a webhook on `allowing`, pings it once (one attempt) and returns the logged delivery. */
  const deliverOnce = async (url: string) => {
    const created = await call(allowing.app, {
      method: 'POST',
      url: '/v1/webhooks',
      token: allowingToken,
      body: { projectId: allowingProject, url, events: ['job.finished'], maxAttempts: 1 },
    });
    expect(created.status).toBe(201);
    return pingAndLog(allowing, allowingToken, created.body.id);
  };
  const pingAndLog = async (server: TestServer, token: string, id: string) => {
    const ping = await call(server.app, { method: 'POST', url: `/v1/webhooks/${id}/ping`, token });
    expect(ping.status).toBe(202);
    const job = await finishedJob(server.app, token, ping.body.jobId);
    const log = await call(server.app, { method: 'GET', url: `/v1/webhooks/${id}/deliveries`, token });
    return { job, delivery: log.body.data.find((d: any) => d.id === ping.body.id) };
  };

  it('refuses loopback, private, link-local and other internal destinations at create and update', async () => {
    const internal = [
      `http://127.0.0.1:${hook.port}/hook`,
      'http://localhost:8080/hook',
      'http://[::1]/hook',
      'http://169.254.169.254/latest/meta-data/',
      'http://[::ffff:127.0.0.1]/hook',
      'http://[::ffff:a9fe:a9fe]/hook',
      'http://2130706433/hook',
      'http://0x7f.1/hook',
      'http://0.0.0.0/hook',
      'http://10.1.2.3/hook',
      'http://172.16.0.1/hook',
      'http://192.168.1.1/hook',
      'http://100.64.0.1/hook',
      'http://[fd12:3456::1]/hook',
      'http://[fe80::1]/hook',
      'http://224.0.0.1/hook',
      'http://[64:ff9b::7f00:1]/hook',
      'https://[::]/hook',
    ];
    for (const url of internal) {
      const problem = expectProblem(
        await call(strict.app, {
          method: 'POST',
          url: '/v1/webhooks',
          token: strictToken,
          body: { projectId: strictProject, url, events: ['job.finished'] },
        }),
        400,
        'webhook_destination_refused',
        { in: 'body', pointer: '/url' },
      );
      expect(problem.detail, url).toMatch(/^destination refused: /);
    }
    const localhost = expectProblem(
      await call(strict.app, {
        method: 'POST',
        url: '/v1/webhooks',
        token: strictToken,
        body: { projectId: strictProject, url: 'http://localhost/hook', events: ['job.finished'] },
      }),
      400,
      'webhook_destination_refused',
    );
    expect(localhost.detail).toContain('localhost resolves to 127.0.0.1 (loopback address)');
    const list = await call(strict.app, { method: 'GET', url: '/v1/webhooks', token: strictToken });
    expect(list.body.data).toEqual([]);

    // A public address is accepted (nothing is sent at create), and cannot be moved inside.
    const created = await call(strict.app, {
      method: 'POST',
      url: '/v1/webhooks',
      token: strictToken,
      body: { projectId: strictProject, url: 'https://93.184.215.14/hook', events: ['job.finished'] },
    });
    expect(created.status).toBe(201);
    expectProblem(
      await call(strict.app, {
        method: 'PATCH',
        url: `/v1/webhooks/${created.body.id}`,
        token: strictToken,
        body: { url: 'http://169.254.169.254/', description: 'moved' },
      }),
      400,
      'webhook_destination_refused',
      { in: 'body', pointer: '/url' },
    );
    const after = await call(strict.app, {
      method: 'GET',
      url: `/v1/webhooks/${created.body.id}`,
      token: strictToken,
    });
    expect(after.body).toMatchObject({ url: 'https://93.184.215.14/hook', description: null });
    await call(strict.app, { method: 'DELETE', url: `/v1/webhooks/${created.body.id}`, token: strictToken });

    // The allowlist opens exactly what it names: this port on 127.0.0.1, not another one.
    const allowed = await call(allowing.app, {
      method: 'POST',
      url: '/v1/webhooks',
      token: allowingToken,
      body: { projectId: allowingProject, url: `http://127.0.0.1:${hook.port}/ok`, events: ['job.finished'] },
    });
    expect(allowed.status).toBe(201);
    expectProblem(
      await call(allowing.app, {
        method: 'POST',
        url: '/v1/webhooks',
        token: allowingToken,
        body: { projectId: allowingProject, url: 'http://127.0.0.1:9/hook', events: ['job.finished'] },
      }),
      400,
      'webhook_destination_refused',
      { in: 'body', pointer: '/url' },
    );
    await call(allowing.app, {
      method: 'DELETE',
      url: `/v1/webhooks/${allowed.body.id}`,
      token: allowingToken,
    });
  });

  it('refuses at delivery a name that resolves to a loopback address, and sends nothing', async () => {
    // Created while the configuration allowed localhost; this server's configuration does not.
    const created = await call(lenient, {
      method: 'POST',
      url: '/v1/webhooks',
      token: strictToken,
      body: {
        projectId: strictProject,
        url: `http://localhost:${hook.port}/rebound`,
        events: ['job.finished'],
      },
    });
    expect(created.status).toBe(201);
    const { job, delivery } = await pingAndLog(strict, strictToken, created.body.id);
    expect(job).toMatchObject({ status: 'failed', attempt: 1 });
    expect(delivery).toMatchObject({ status: 'failed', attempts: 1, lastStatusCode: null });
    expect(delivery.lastError).toBe(
      'destination refused: localhost resolves to 127.0.0.1 (loopback address)',
    );
    expect(hook.hits['/rebound']).toBeUndefined();
  });

  it('reads at most 64 KiB of an answer and logs a short clean excerpt', async () => {
    const { delivery } = await deliverOnce(`http://127.0.0.1:${hook.port}/big`);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 1, lastStatusCode: 500 });
    const excerpt = (delivery.lastError as string).replace(/^the receiver answered 500: /, '');
    expect(excerpt).not.toBe(delivery.lastError);
    expect(Buffer.byteLength(excerpt)).toBeLessThanOrEqual(200);
    expect(excerpt).toMatch(/^é internal secret é/);
    // eslint-disable-next-line no-control-regex
    expect(excerpt).not.toMatch(/[\u0000-\u001f\ufffd]/);
    // The server hung up long before the 50 MB were out: it did not read them.
    await expect.poll(() => hook.big.closed, { timeout: 15_000 }).toBe(true);
    expect(hook.big.written).toBeLessThan(BIG_BODY_BYTES / 2);
  });

  it('gives up on a receiver that never finishes its answer', async () => {
    const { job, delivery } = await deliverOnce(`http://127.0.0.1:${hook.port}/trickle`);
    expect(job.status).toBe('failed');
    expect(delivery).toMatchObject({
      status: 'failed',
      lastError: 'timeout after 10000 ms (reading the answer)',
    });
    // The attempt lasted the whole timeout, and not much more.
    expect(delivery.durationMs).toBeGreaterThanOrEqual(9_990);
    expect(delivery.durationMs).toBeLessThan(12_000);
  }, 60_000);

  it('logs how long each attempt took: an answer, an error status, a refused connection', async () => {
    const slow = await deliverOnce(`http://127.0.0.1:${hook.port}/slow`);
    expect(slow.delivery).toMatchObject({ status: 'succeeded', lastStatusCode: 204 });
    expect(Number.isInteger(slow.delivery.durationMs)).toBe(true);
    expect(slow.delivery.durationMs).toBeGreaterThanOrEqual(SLOW_ANSWER_MS);
    expect(slow.delivery.durationMs).toBeLessThan(SLOW_ANSWER_MS + 3_000);
    const fast = await deliverOnce(`http://127.0.0.1:${hook.port}/ok`);
    expect(fast.delivery.durationMs).toBeLessThan(slow.delivery.durationMs);
    const unavailable = await deliverOnce(`http://127.0.0.1:${hook.port}/unavailable`);
    expect(unavailable.delivery).toMatchObject({ status: 'failed', lastStatusCode: 503 });
    expect(Number.isInteger(unavailable.delivery.durationMs)).toBe(true);
    expect(unavailable.delivery.durationMs).toBeGreaterThanOrEqual(0);
    expect(unavailable.delivery.durationMs).toBeLessThan(3_000);
    const refusedLog = await deliverOnce(`http://127.0.0.1:${refused}/hook`);
    expect(refusedLog.delivery).toMatchObject({ status: 'failed', lastStatusCode: null });
    expect(Number.isInteger(refusedLog.delivery.durationMs)).toBe(true);
    expect(refusedLog.delivery.durationMs).toBeGreaterThanOrEqual(0);
    expect(refusedLog.delivery.durationMs).toBeLessThan(3_000);
  });

  it('does not follow redirects, even to an allowed destination', async () => {
    const { delivery } = await deliverOnce(`http://127.0.0.1:${hook.port}/redirect`);
    expect(delivery).toMatchObject({
      status: 'failed',
      lastStatusCode: 302,
      lastError: 'the receiver answered 302 (redirects are not followed)',
    });
    expect(hook.hits['/redirect']).toBe(1);
    expect(hook.hits['/landing']).toBeUndefined();
  });

  it('logs the real cause of a network failure', async () => {
    const refusedLog = await deliverOnce(`http://127.0.0.1:${refused}/hook`);
    expect(refusedLog.delivery.lastError).toMatch(
      new RegExp(`^connect ECONNREFUSED 127\\.0\\.0\\.1:${refused}$`),
    );
    expect(refusedLog.job.error.message).toContain(`ECONNREFUSED 127.0.0.1:${refused}`);
    const unknown = await deliverOnce('http://no-such-host.invalid/hook');
    expect(unknown.delivery.lastError).toBe('ENOTFOUND no-such-host.invalid (the name did not resolve)');
    const fine = await deliverOnce(`http://127.0.0.1:${hook.port}/ok`);
    expect(fine.delivery).toMatchObject({ status: 'succeeded', lastStatusCode: 204, lastError: null });
  });
});
