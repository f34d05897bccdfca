import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, loadConfig, openStore, type JobTypeDefinition } from '@batchyard/server';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { call, expectProblem, finishedJob, workspaceWithKey } from './helpers.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Jobs of `test.gated` wait here until the test opens their gate. */
const gates = new Map<string, () => void>();
const gateOf = (id: string) => new Promise<void>((resolve) => gates.set(id, resolve));
async function openGate(id: string): Promise<void> {
  for (let i = 0; i < 200 && !gates.has(id); i++) await sleep(25);
  gates.get(id)!();
}

const types: JobTypeDefinition[] = [
  {
    name: 'test.chatty',
    description: 'Logs `lines` lines (and a few with fields), then succeeds or fails.',
    handler: async (ctx) => {
      const args = ctx.arguments as { lines?: number; fail?: boolean };
      ctx.log('info', 'starting', { attempt: ctx.attempt, nested: { a: [1, 2] } });
      ctx.log.info({ step: 'process-logger' }, 'goes to the server log, not the job log');
      for (let i = 1; i <= (args.lines ?? 0); i++) ctx.log('debug', `line ${i}`);
      ctx.log('warn', 'x'.repeat(5000));
      ctx.log('error', 'big fields', { blob: 'y'.repeat(5000) });
      expect(() => ctx.log('trace' as never, 'no such level')).toThrow(TypeError);
      if (args.fail) throw new Error('planned');
      ctx.log('info', 'done');
      return null;
    },
  },
  {
    name: 'test.gated',
    description: 'Logs a line, waits for its gate, logs another and ends.',
    handler: async (ctx) => {
      ctx.log('info', 'before the gate');
      await gateOf(ctx.id);
      ctx.log('info', 'after the gate', { opened: true });
      return null;
    },
  },
  {
    name: 'test.late',
    description: 'Logs, outlives its timeout, then logs again (refused).',
    timeoutMs: 200,
    handler: async (ctx) => {
      ctx.log('info', 'in time');
      await sleep(700);
      ctx.log('info', 'too late');
      gates.get(`late:${ctx.id}`)?.();
      return null;
    },
  },
];

/** Reads a server-sent event stream event by event. */
function eventReader(response: Response) {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return async function next(timeoutMs = 10_000): Promise<{ event: string; data: any } | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data !== undefined) return { event, data: JSON.parse(data) };
        continue;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('no event in time');
      const chunk = await Promise.race([reader.read(), sleep(left).then(() => ({ timeout: true }) as const)]);
      if ('timeout' in chunk) throw new Error('no event in time');
      if (chunk.done) return undefined;
      buffer += decoder.decode(chunk.value, { stream: true });
    }
  };
}

describe('job log docs', () => {
  it('state the bounds the server applies (checked by the tests below)', () => {
    const docs = readFileSync(new URL('../../../docs/jobs.md', import.meta.url), 'utf8');
    const section = docs.slice(docs.indexOf('## Job logs'));
    expect(section).toMatch(/\| lines kept per job +\| newest 1,000 +\|/);
    expect(section).toMatch(/\| `message` +\| 4,000 chars +\|/);
    expect(section).toMatch(/\| `fields` \(an object\) +\| 4,096 bytes +\|/);
    expect(section).toMatch(/\| lines in one heartbeat +\| 1,000 +\|/);
    expect(section).toMatch(/at most\s+every 250 ms/);
  });
});

describe.each(testDialects())('job logs on %s', (dialect) => {
  let server: TestServer;
  let token: string;
  let viewerToken: string;
  let workerToken: string;
  let otherToken: string;

  beforeAll(async () => {
    server = await startTestServer(dialect, {}, { jobTypes: types });
    const ws = await workspaceWithKey(server.app, server.adminToken, 'logs');
    token = ws.token;
    const key = (role: string) =>
      call(server.app, { method: 'POST', url: '/v1/keys', token, body: { name: role, role } });
    viewerToken = (await key('viewer')).body.token;
    workerToken = (await key('worker')).body.token;
    otherToken = (await workspaceWithKey(server.app, server.adminToken, 'logs-other')).token;
    await call(server.app, { method: 'PUT', url: '/v1/job-types/ext.logger', token, body: {} });
  });
  afterAll(async () => server?.close());

  const create = async (body: object) => {
    const res = await call(server.app, { method: 'POST', url: '/v1/jobs', token, body });
    expect(res.status).toBe(202);
    return res.body;
  };
  const logs = (id: string, query = '', as = token) =>
    call(server.app, { method: 'GET', url: `/v1/jobs/${id}/logs${query}`, token: as });
  const storedLines = async (id: string) =>
    Number(
      (
        await server.store.db
          .selectFrom('job_logs')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('job_id', '=', id)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('keeps an in-process handler’s lines in order, with fields, level and attempt', async () => {
    const job = await create({ type: 'test.chatty', arguments: { lines: 3 } });
    await finishedJob(server.app, token, job.id);
    const page = await logs(job.id);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({
      lastSeq: 7,
      dropped: 0,
      nextAfter: 7,
      status: 'succeeded',
      ended: true,
    });
    const lines = page.body.data;
    expect(lines.map((l: any) => l.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(lines[0]).toEqual({
      seq: 1,
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      level: 'info',
      message: 'starting',
      fields: { attempt: 1, nested: { a: [1, 2] } },
      attempt: 1,
    });
    expect(lines.slice(1, 4).map((l: any) => [l.level, l.message, l.fields])).toEqual([
      ['debug', 'line 1', undefined],
      ['debug', 'line 2', undefined],
      ['debug', 'line 3', undefined],
    ]);
    // Past the bounds: the message is cut, oversized fields are replaced by a note.
    expect(lines[4].message).toHaveLength(4000);
    expect(lines[4].message.endsWith('…')).toBe(true);
    expect(lines[5].fields).toEqual({ fieldsDropped: expect.stringContaining('at most 4096') });
    expect(lines[6]).toMatchObject({ level: 'info', message: 'done' });
    expect(Date.parse(lines[0].at)).toBeLessThanOrEqual(Date.parse(lines[6].at));

    // Pages: after and limit.
    const second = await logs(job.id, '?after=2&limit=2');
    expect(second.body.data.map((l: any) => l.seq)).toEqual([3, 4]);
    expect(second.body).toMatchObject({ nextAfter: 4, ended: false });
    expect((await logs(job.id, '?after=7')).body).toMatchObject({ data: [], nextAfter: 7, ended: true });
  });

  it('keeps the lines of every attempt, each marked with its attempt', async () => {
    const job = await create({
      type: 'test.chatty',
      arguments: { fail: true },
      maxAttempts: 2,
      backoff: { initialMs: 10, maxMs: 10 },
    });
    expect((await finishedJob(server.app, token, job.id)).status).toBe('failed');
    const lines = (await logs(job.id)).body.data;
    // A failed attempt's lines are saved with its failure.
    expect(lines.map((l: any) => l.attempt)).toEqual([1, 1, 1, 2, 2, 2]);
    expect(lines.map((l: any) => l.seq)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('keeps the newest 1,000 lines of a job and says how many were dropped', async () => {
    const job = await create({ type: 'test.chatty', arguments: { lines: 2500 } });
    await finishedJob(server.app, token, job.id);
    const total = 2504; // starting, 2,500 lines, the long message, big fields, done
    const first = await logs(job.id, '?limit=1000');
    expect(first.body).toMatchObject({ lastSeq: total, dropped: total - 1000, ended: true });
    expect(first.body.data).toHaveLength(1000);
    expect(first.body.data[0]).toMatchObject({ seq: total - 999, message: `line ${total - 999 - 1}` });
    expect(first.body.data.at(-1)).toMatchObject({ seq: total, message: 'done' });
    expect(await storedLines(job.id)).toBe(1000);
    // Reading from before the dropped ones starts at the oldest kept line.
    expect((await logs(job.id, '?after=3&limit=1')).body.data[0].seq).toBe(total - 999);
  });

  it('lets a viewer read, and answers 404 for another workspace’s job (lines and stream alike)', async () => {
    const job = await create({ type: 'test.chatty', arguments: { lines: 1 } });
    await finishedJob(server.app, token, job.id);
    const viewed = await logs(job.id, '', viewerToken);
    expect(viewed.status).toBe(200);
    expect(viewed.body.data.length).toBeGreaterThan(0);
    expectProblem(await logs(job.id, '', otherToken), 404, 'not_found');
    expectProblem(await logs(job.id, '?follow=true', otherToken), 404, 'not_found');
    expectProblem(await logs('job_nope'), 404, 'not_found');
    const foreign = await fetch(`${server.url}/v1/jobs/${job.id}/logs?follow=true`, {
      headers: { authorization: `Bearer ${otherToken}` },
    });
    expect(foreign.status).toBe(404);
    expect(foreign.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('answers bad queries with problem+json pointing at the parameter', async () => {
    const job = await create({ type: 'system.noop' });
    expectProblem(await logs(job.id, '?limit=0'), 400, 'validation_failed', {
      in: 'query',
      pointer: '/limit',
    });
    expectProblem(await logs(job.id, '?limit=1001'), 400, 'validation_failed', {
      in: 'query',
      pointer: '/limit',
    });
    expectProblem(await logs(job.id, '?after=-1'), 400, 'validation_failed', {
      in: 'query',
      pointer: '/after',
    });
    expectProblem(await logs(job.id, '?follow=maybe'), 400, 'validation_failed', {
      in: 'query',
      pointer: '/follow',
    });
    expectProblem(await logs(job.id, '?level=warn'), 400, 'validation_failed');
  });

  it('refuses lines a handler writes after its attempt ended', async () => {
    const job = await create({ type: 'test.late', maxAttempts: 1 });
    const late = new Promise<void>((resolve) => gates.set(`late:${job.id}`, resolve));
    expect((await finishedJob(server.app, token, job.id)).error.code).toBe('timeout');
    await late;
    await sleep(400); // past the next save of any buffered line
    const lines = (await logs(job.id)).body.data;
    expect(lines.map((l: any) => l.message)).toEqual(['in time']);
  });

  it('takes a remote worker’s lines with its heartbeat, checks each, and refuses them once it lost the job', async () => {
    const job = await create({ type: 'ext.logger', maxAttempts: 1 });
    const claimed = await call(server.app, {
      method: 'POST',
      url: '/v1/workers/claim',
      token: workerToken,
      body: { types: ['ext.logger'], workerId: 'w1', waitSeconds: 10 },
    });
    expect(claimed.body.data.map((j: any) => j.id)).toEqual([job.id]);
    const beat = (body: object, workerId = 'w1') =>
      call(server.app, {
        method: 'POST',
        url: `/v1/jobs/${job.id}/heartbeat`,
        token: workerToken,
        body: { workerId, ...body },
      });
    const at = '2026-01-02T03:04:05.678Z';
    const ok = await beat({
      progress: { done: 1 },
      logs: [
        { level: 'info', message: 'fetched', fields: { rows: 10 }, at },
        { level: 'error', message: 'row 7 is bad' },
      ],
    });
    expect(ok.status).toBe(200);
    expect((await beat({ logs: [{ level: 'debug', message: 'third' }] })).status).toBe(200);

    // Every line is checked; a bad one changes nothing (neither lines nor progress).
    const bad: Array<[object, string]> = [
      [
        {
          logs: [
            { level: 'info', message: 'ok' },
            { level: 'trace', message: 'x' },
          ],
        },
        '/logs/1/level',
      ],
      [{ logs: [{ level: 'info', message: 'x'.repeat(4001) }] }, '/logs/0/message'],
      [{ logs: [{ level: 'info', message: 'x', fields: { big: 'y'.repeat(5000) } }] }, '/logs/0/fields'],
      [{ logs: [{ level: 'info', message: 'x', fields: [1, 2] }] }, '/logs/0/fields'],
      [{ logs: [{ level: 'info', message: 'x', at: 'yesterday' }] }, '/logs/0/at'],
      [{ logs: [{ level: 'info', message: 'x', extra: 1 }] }, '/logs/0/extra'],
      [{ logs: Array.from({ length: 1001 }, () => ({ level: 'info', message: 'x' })) }, '/logs'],
    ];
    for (const [body, pointer] of bad) {
      const problem = expectProblem(
        await beat({ progress: { done: 99 }, ...body }),
        400,
        'validation_failed',
      );
      expect(problem.errors.map((e: any) => e.pointer)).toContain(pointer);
    }
    expect(
      (await call(server.app, { method: 'GET', url: `/v1/jobs/${job.id}`, token })).body.progress.done,
    ).toBe(1);

    // A viewer may not write lines; another workspace's credential does not see the job.
    const as = (tokenOf: string) =>
      call(server.app, {
        method: 'POST',
        url: `/v1/jobs/${job.id}/heartbeat`,
        token: tokenOf,
        body: { workerId: 'w1', logs: [{ level: 'info', message: 'intruder' }] },
      });
    expectProblem(await as(viewerToken), 403, 'insufficient_role');
    expectProblem(await as(otherToken), 404, 'not_found');
    // Another worker does not hold the job: its lines are refused.
    expectProblem(await beat({ logs: [{ level: 'info', message: 'intruder' }] }, 'w2'), 409, 'lease_lost');

    const page = (await logs(job.id)).body;
    expect(page.data).toEqual([
      { seq: 1, at, level: 'info', message: 'fetched', fields: { rows: 10 }, attempt: 1 },
      { seq: 2, at: expect.any(String), level: 'error', message: 'row 7 is bad', attempt: 1 },
      { seq: 3, at: expect.any(String), level: 'debug', message: 'third', attempt: 1 },
    ]);
    expect(page).toMatchObject({ status: 'running', ended: false });

    const done = await call(server.app, {
      method: 'POST',
      url: `/v1/jobs/${job.id}/complete`,
      token: workerToken,
      body: { workerId: 'w1', result: { ok: true } },
    });
    expect(done.status).toBe(200);
    // After the end, the worker's lines are refused.
    expectProblem(await beat({ logs: [{ level: 'info', message: 'late' }] }), 409, 'lease_lost');
    expect((await logs(job.id)).body).toMatchObject({ lastSeq: 3, ended: true });
    expect(await storedLines(job.id)).toBe(3);
  });

  it('follows the log over server-sent events: a line written after connecting, then the end', async () => {
    const job = await create({ type: 'test.gated' });
    const response = await fetch(`${server.url}/v1/jobs/${job.id}/logs?follow=true`, {
      headers: { authorization: `Bearer ${viewerToken}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const next = eventReader(response);
    const first = await next();
    expect(first).toMatchObject({ event: 'line', data: { seq: 1, message: 'before the gate' } });
    await openGate(job.id);
    expect(await next()).toMatchObject({
      event: 'line',
      data: { seq: 2, message: 'after the gate', fields: { opened: true } },
    });
    expect(await next()).toEqual({
      event: 'end',
      data: { status: 'succeeded', lastSeq: 2, dropped: 0 },
    });
    expect(await next()).toBeUndefined(); // the server closed the stream
  });

  it('follows from `after`, and ends at once for a job that already ended', async () => {
    const job = await create({ type: 'test.chatty', arguments: { lines: 2 } });
    await finishedJob(server.app, token, job.id);
    const response = await fetch(`${server.url}/v1/jobs/${job.id}/logs?follow=true&after=4`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const next = eventReader(response);
    const events = [];
    for (let e = await next(); e; e = await next()) events.push(e);
    expect(events.map((e) => [e.event, e.data.seq ?? e.data.status])).toEqual([
      ['line', 5],
      ['line', 6],
      ['end', 'succeeded'],
    ]);
  });

  it('deletes a job’s lines with the job, and with job pruning', async () => {
    const deleted = await create({ type: 'test.chatty', arguments: { lines: 5 } });
    const pruned = await create({ type: 'test.chatty', arguments: { lines: 5 } });
    await finishedJob(server.app, token, deleted.id);
    await finishedJob(server.app, token, pruned.id);
    expect(await storedLines(deleted.id)).toBe(9);
    const removed = await call(server.app, { method: 'DELETE', url: `/v1/jobs/${deleted.id}`, token });
    expect(removed.status).toBe(204);
    expect(await storedLines(deleted.id)).toBe(0);
    await server.store.db
      .updateTable('jobs')
      .set({ finished_at: Date.now() - 31 * 86_400_000 })
      .where('id', '=', pruned.id)
      .execute();
    await server.app.engine.prune();
    expect(await storedLines(pruned.id)).toBe(0);
  });

  // Registered on PostgreSQL only (a skipped test counts as failed in CI's strict count).
  if (dialect === 'postgres')
    it('follows lines written by another process (LISTEN/NOTIFY), well before the backstop re-read', async () => {
      const otherStore = openStore(server.databaseUrl, { poolSize: 2 });
      const other = await buildApp({
        config: loadConfig(
          { dataDir: server.dataDir, logLevel: 'silent', worker: false, jwtSecret: 'x'.repeat(32) },
          {},
        ),
        store: otherStore,
        logger: false,
      });
      try {
        const base = await other.listen({ host: '127.0.0.1', port: 0 });
        const job = await create({ type: 'test.gated' });
        const response = await fetch(`${base}/v1/jobs/${job.id}/logs?follow=true`, {
          headers: { authorization: `Bearer ${token}` },
        });
        const next = eventReader(response);
        expect((await next())?.data.message).toBe('before the gate');
        const opened = Date.now();
        await openGate(job.id);
        expect((await next())?.data.message).toBe('after the gate');
        expect((await next())?.event).toBe('end');
        // The backstop re-reads every 5 s: the line came from the notification.
        expect(Date.now() - opened).toBeLessThan(4000);
      } finally {
        other.server.closeAllConnections();
        await other.close();
        await otherStore.close();
      }
    });
});
