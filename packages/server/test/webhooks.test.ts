import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, loadConfig, openStore } from '@batchyard/server';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { call, expectProblem, finishedJob, workspaceWithKey } from './helpers.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
  answered: number;
  /** When the request had arrived whole (Date.now()). */
  at: number;
}

/** A webhook receiver on 127.0.0.1 that answers 500 to its first `failFirst` requests. */
async function receiver(failFirst = 0) {
  const received: Received[] = [];
  let failures = failFirst;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const answered = failures > 0 ? 500 : 204;
      if (failures > 0) failures--;
      received.push({ headers: req.headers, body, answered, at: Date.now() });
      res.statusCode = answered;
      res.end(answered === 500 ? 'receiver is down' : '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, received, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** Standard Webhooks verification, written from the spec rather than from our signer. */
function verify(secret: string, r: Received): boolean {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const signed = `${String(r.headers['webhook-id'])}.${String(r.headers['webhook-timestamp'])}.${r.body}`;
  const expected = createHmac('sha256', key).update(signed).digest('base64');
  return String(r.headers['webhook-signature'])
    .split(' ')
    .some((part) => part === `v1,${expected}`);
}

describe.each(testDialects())('webhooks on %s', (dialect) => {
  let server: TestServer;
  let token: string;
  let editor: string;
  let projectId: string;
  let datasetId: string;

  const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown, as = token) =>
    call(server.app, { method, url, token: as, body });
  const settle = (job: { id: string }) => finishedJob(server.app, token, job.id);
  const until = async <T>(check: () => Promise<T | undefined> | T | undefined, ms = 15_000): Promise<T> => {
    const end = Date.now() + ms;
    for (;;) {
      const value = await check();
      if (value !== undefined) return value;
      if (Date.now() > end) throw new Error('timed out waiting');
      await sleep(50);
    }
  };

  beforeAll(async () => {
    // The receivers listen on 127.0.0.1, which webhooks may only reach when allowed.
    server = await startTestServer(dialect, { webhookAllowedDestinations: ['127.0.0.1'] });
    const ws = await workspaceWithKey(server.app, server.adminToken, 'hooks-ws');
    token = ws.token;
    editor = (
      await call(server.app, {
        method: 'POST',
        url: '/v1/keys',
        token: server.adminToken,
        body: { name: 'ed', role: 'editor', workspaceId: ws.workspace.id },
      })
    ).body.token;
    projectId = (await api('POST', '/v1/projects', { name: 'p' })).body.id;
    datasetId = (
      await api('POST', '/v1/datasets', { projectId, name: 'd', columns: [{ name: 'v', type: 'numeric' }] })
    ).body.id;
  });
  afterAll(async () => server?.close());

  it('delivers signed events for tasks, batches and jobs', async () => {
    const hook = await receiver();
    try {
      const created = await api('POST', '/v1/webhooks', {
        projectId,
        url: hook.url,
        events: ['task.created', 'task.status_changed', 'batch.state_changed', 'job.finished'],
      });
      expect(created.status).toBe(201);
      const secret = created.body.secret as string;
      expect(secret).toMatch(/^whsec_/);
      expect(created.body.secretHint).toBe(secret.slice(-4));
      expect((await api('GET', `/v1/webhooks/${created.body.id}`)).body.secret).toBeUndefined();

      const ingest = await settle(
        (await api('POST', `/v1/datasets/${datasetId}/batches`, { rows: [{ v: 1 }] })).body,
      );
      const batchId = ingest.result.batchId;
      const tasks = await api('POST', `/v1/batches/${batchId}/tasks`, {
        tasks: [{ name: 'a' }, { name: 'b' }],
      });
      const [a] = tasks.body.results.map((r: any) => r.id);
      await api('POST', '/v1/tasks/transition', { ids: [a], to: 'in_progress' });

      const byType = async (type: string) =>
        until(() => {
          const hit = hook.received.find((r) => JSON.parse(r.body).type === type);
          return hit;
        });
      const taskCreated = await byType('task.created');
      expect(verify(secret, taskCreated)).toBe(true);
      expect(JSON.parse(taskCreated.body).data).toEqual({
        batchId,
        tasks: [
          { id: a, name: 'a' },
          { id: expect.any(String), name: 'b' },
        ],
      });
      const moved = await byType('task.status_changed');
      expect(JSON.parse(moved.body).data.changes).toEqual([{ id: a, from: 'pending', to: 'in_progress' }]);
      const batch = await byType('batch.state_changed');
      expect(JSON.parse(batch.body).data).toMatchObject({ batchId, from: 'pending', to: 'active' });
      const job = await byType('job.finished');
      expect(JSON.parse(job.body).data).toMatchObject({
        jobId: ingest.id,
        type: 'batch.ingest',
        status: 'succeeded',
      });
      for (const r of hook.received) expect(verify(secret, r)).toBe(true);
      // Tampering breaks the signature.
      expect(verify(secret, { ...taskCreated, body: taskCreated.body.replace('"a"', '"z"') })).toBe(false);

      // A delivery's outcome is written after the receiver answered: the log may lag the receiver.
      const log = await until(async () => {
        const page = await api('GET', `/v1/webhooks/${created.body.id}/deliveries?status=succeeded`);
        return page.body.data.length >= 4 ? page : undefined;
      });
      expect(log.body.data[0]).toMatchObject({
        status: 'succeeded',
        attempts: 1,
        lastStatusCode: 204,
        lastError: null,
      });
    } finally {
      await hook.close();
    }
  });

  it('retries a failing receiver with backoff, logs the error, and delivers once when it comes back', async () => {
    const hook = await receiver(2);
    try {
      const created = await api('POST', '/v1/webhooks', {
        projectId,
        url: hook.url,
        events: ['task.created'],
        backoffMs: 1000,
      });
      const id = created.body.id as string;
      const ping = await api('POST', `/v1/webhooks/${id}/ping`);
      expect(ping.status).toBe(202);
      // Not attempted yet: no duration.
      expect(ping.body).toMatchObject({ attempts: 0, durationMs: null });
      const jobId = ping.body.jobId as string;
      // Each failed attempt puts the job back with runAt = failure time + backoff, where the
      // backoff is backoffMs · 2^(attempt-1), jittered down to half: [1000, 2000) then [2000, 4000).
      const retryOf = (attempt: number) =>
        until(async () => {
          const job = (await api('GET', `/v1/jobs/${jobId}`)).body;
          return job.status === 'queued' && job.attempt === attempt ? job : undefined;
        });
      const delayOf = (job: { runAt: string; updatedAt: string }) =>
        Date.parse(job.runAt) - Date.parse(job.updatedAt);
      const first = await retryOf(1);
      expect(delayOf(first)).toBeGreaterThanOrEqual(500);
      expect(delayOf(first)).toBeLessThanOrEqual(1000);
      const pending = await until(async () => {
        const log = await api('GET', `/v1/webhooks/${id}/deliveries`);
        const d = log.body.data[0];
        return d && d.attempts >= 1 && d.status === 'pending' ? d : undefined;
      });
      expect(pending).toMatchObject({
        lastStatusCode: 500,
        lastError: 'the receiver answered 500: receiver is down',
        durationMs: expect.any(Number),
      });
      const second = await retryOf(2);
      expect(delayOf(second)).toBeGreaterThanOrEqual(1000);
      expect(delayOf(second)).toBeLessThanOrEqual(2000);
      const done = await until(async () => {
        const log = await api('GET', `/v1/webhooks/${id}/deliveries`);
        const d = log.body.data[0];
        return d?.status === 'succeeded' ? d : undefined;
      });
      expect(done).toMatchObject({
        attempts: 3,
        lastStatusCode: 204,
        lastError: null,
        event: 'webhook.ping',
      });
      expect(hook.received.map((r) => r.answered)).toEqual([500, 500, 204]);
      // The same delivery id every time, so receivers can drop duplicates; no attempt came before
      // its backoff was over.
      expect(new Set(hook.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
      expect(hook.received[1]!.at).toBeGreaterThanOrEqual(Date.parse(first.runAt) - 1);
      expect(hook.received[2]!.at).toBeGreaterThanOrEqual(Date.parse(second.runAt) - 1);
      const job = await api('GET', `/v1/jobs/${jobId}`);
      expect(job.body).toMatchObject({ status: 'succeeded', attempt: 3 });
      // A later delivery arrives (the queue moved on) and the first one was not sent again.
      const next = await api('POST', `/v1/webhooks/${id}/ping`);
      await until(() => hook.received.find((r) => r.headers['webhook-id'] === next.body.id));
      expect(hook.received.filter((r) => r.headers['webhook-id'] === ping.body.id)).toHaveLength(3);
    } finally {
      await hook.close();
    }
  });

  it('manages subscriptions; refuses bad input and non-admins', async () => {
    const created = await api('POST', '/v1/webhooks', {
      projectId,
      url: 'http://127.0.0.1:9/x',
      events: ['job.finished'],
      enabled: false,
    });
    const id = created.body.id;
    const rotated = await api('PATCH', `/v1/webhooks/${id}`, {
      rotateSecret: true,
      events: ['task.created', 'job.finished'],
    });
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(created.body.secret);
    expect(rotated.body.events).toEqual(['task.created', 'job.finished']);
    const listed = await api('GET', `/v1/webhooks?projectId=${projectId}&fields=url`);
    expect(listed.body.data).toContainEqual({ id, url: 'http://127.0.0.1:9/x' });
    expectProblem(
      await api('POST', '/v1/webhooks', { projectId, url: 'ftp://x', events: ['job.finished'] }),
      400,
      'validation_failed',
      { in: 'body', pointer: '/url' },
    );
    expectProblem(
      await api('POST', '/v1/webhooks', { projectId, url: 'http://x', events: ['everything'] }),
      400,
      'validation_failed',
    );
    expectProblem(
      await api('POST', '/v1/webhooks', { projectId, url: 'http://x', events: [] }),
      400,
      'validation_failed',
      { in: 'body', pointer: '/events' },
    );
    expectProblem(
      await api('POST', '/v1/webhooks', { projectId: 'prj_nope', url: 'http://x', events: ['job.finished'] }),
      404,
      'not_found',
    );
    expectProblem(
      await api('POST', '/v1/webhooks', { projectId, url: 'http://x', events: ['job.finished'] }, editor),
      403,
      'insufficient_role',
    );
    expect((await api('DELETE', `/v1/webhooks/${id}`)).status).toBe(204);
    expectProblem(await api('GET', `/v1/webhooks/${id}`), 404, 'not_found');
  });

  it('a subscription change counts for the next event, in this process and in another', async () => {
    // Each process keeps a project's subscriptions for a few seconds; a change must reach them at
    // once. On PostgreSQL the events come from a second app on the same database (as a second API
    // process would), which learns of the change by notification.
    let otherStore: ReturnType<typeof openStore> | undefined;
    let other = server.app;
    if (dialect === 'postgres') {
      otherStore = openStore(server.databaseUrl, { poolSize: 2 });
      other = await buildApp({
        config: loadConfig(
          { dataDir: server.dataDir, logLevel: 'silent', worker: false, jwtSecret: 'x'.repeat(32) },
          {},
        ),
        store: otherStore,
        logger: false,
      });
      await other.ready();
    }
    const hook = await receiver();
    try {
      const ingest = await settle(
        (await api('POST', `/v1/datasets/${datasetId}/batches`, { rows: [{ v: 1 }] })).body,
      );
      const batchId = ingest.result.batchId as string;
      const createIn = async (name: string) => {
        const res = await call(other, {
          method: 'POST',
          url: `/v1/batches/${batchId}/tasks`,
          token,
          body: { tasks: [{ name }] },
        });
        expect(res.status).toBe(200);
      };
      const deliveredNames = () =>
        hook.received.flatMap((r) => (JSON.parse(r.body).data.tasks ?? []).map((t: any) => t.name));
      // Well inside the cache's lifetime: only the notification can make the change count.
      const notified = () => sleep(dialect === 'postgres' ? 1000 : 0);

      await createIn('before'); // the project's subscriptions (none for this receiver) are now cached
      const created = await api('POST', '/v1/webhooks', {
        projectId,
        url: hook.url,
        events: ['task.created'],
      });
      expect(created.status).toBe(201);
      await notified();
      await createIn('after-create');
      await until(() => (deliveredNames().includes('after-create') ? true : undefined));

      expect((await api('PATCH', `/v1/webhooks/${created.body.id}`, { enabled: false })).status).toBe(200);
      await notified();
      await createIn('while-disabled');
      expect((await api('PATCH', `/v1/webhooks/${created.body.id}`, { enabled: true })).status).toBe(200);
      await notified();
      await createIn('enabled-again');
      await until(() => (deliveredNames().includes('enabled-again') ? true : undefined));

      expect((await api('DELETE', `/v1/webhooks/${created.body.id}`)).status).toBe(204);
      await notified();
      await createIn('after-delete');
      await sleep(500);
      expect(deliveredNames()).toEqual(['after-create', 'enabled-again']);
    } finally {
      await hook.close();
      if (otherStore) {
        await other.close();
        await otherStore.close();
      }
    }
  });
});
