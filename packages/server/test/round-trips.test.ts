import { AsyncLocalStorage } from 'node:async_hooks';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { finishedJob, workspaceWithKey } from './helpers.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

// The statements each common request sends to the store (on PostgreSQL each one is a round trip),
// counted by wrapping pg's Client#query and better-sqlite3's statement methods, within an
// AsyncLocalStorage scope entered for each request by a listener ahead of Fastify's on the HTTP
// server (work outside a request, the runner's and the maintenance loops', is not counted).
// bench/load/round-trips.mjs prints the same figures for the load benchmark's mix.

interface Counter {
  texts: string[];
  answered: boolean;
}
const scope = new AsyncLocalStorage<Counter>();
const wrap = <F extends (...args: any[]) => any>(fn: F, text: (self: any, args: any[]) => string) =>
  function (this: any, ...args: any[]) {
    const counter = scope.getStore();
    if (counter && !counter.answered) counter.texts.push(text(this, args).replace(/\s+/g, ' ').trim());
    return fn.apply(this, args);
  } as F;
const clientQuery = pg.Client.prototype.query;
const statementProto = Object.getPrototypeOf(new Database(':memory:').prepare('select 1'));
const statementMethods = ['run', 'get', 'all', 'iterate'].map((m) => [m, statementProto[m]] as const);

beforeAll(() => {
  pg.Client.prototype.query = wrap(clientQuery, (_self, args) =>
    String(typeof args[0] === 'string' ? args[0] : (args[0]?.text ?? '')),
  );
  for (const [name, fn] of statementMethods) statementProto[name] = wrap(fn, (self) => String(self.source));
});
afterAll(() => {
  pg.Client.prototype.query = clientQuery;
  for (const [name, fn] of statementMethods) statementProto[name] = fn;
});

describe.each(testDialects())('store round trips per request on %s', (dialect) => {
  let server: TestServer;
  let token: string;
  let projectId: string;
  let batchId: string;
  let taskIds: string[];
  let sent = 0;
  const counters = new Map<string, Counter>();

  /** Sends a request over HTTP; returns its answer and the statements it sent before answering. */
  const measured = async (method: string, path: string, body?: unknown, as = token) => {
    const id = String(++sent);
    const res = await fetch(server.url + path, {
      method,
      headers: {
        authorization: `Bearer ${as}`,
        'x-count': id,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = (await res.json()) as any;
    expect(res.status, JSON.stringify(answer)).toBeLessThan(300);
    const counter = counters.get(id)!;
    counters.delete(id);
    return { answer, texts: counter.texts };
  };

  beforeAll(async () => {
    server = await startTestServer(dialect);
    server.app.server.prependListener('request', (req, res) => {
      const id = req.headers['x-count'];
      if (typeof id !== 'string') return;
      const counter: Counter = { texts: [], answered: false };
      counters.set(id, counter);
      res.once('finish', () => (counter.answered = true));
      scope.enterWith(counter);
    });
    token = (await workspaceWithKey(server.app, server.adminToken, 'round-trips')).token;
    projectId = (await measured('POST', '/v1/projects', { name: 'rt' })).answer.id;
    const dataset = (
      await measured('POST', '/v1/datasets', {
        projectId,
        name: 'rt',
        columns: [{ name: 'v', type: 'numeric' }],
      })
    ).answer;
    const job = (
      await measured('POST', `/v1/datasets/${dataset.id}/batches`, { name: 'b', rows: [{ v: 1 }] })
    ).answer;
    batchId = (await finishedJob(server.app, token, job.id)).result.batchId;
    const made = await measured('POST', `/v1/batches/${batchId}/tasks`, {
      tasks: [
        { name: 'gold', data: { k: 1 }, gold: { data: { k: 'known' } } },
        ...Array.from({ length: 9 }, (_, i) => ({ name: `t${i}`, data: { k: i } })),
      ],
    });
    taskIds = made.answer.results.map((r: any) => r.id);
  });
  afterAll(() => server?.close());

  it('reads a task, its known answer included, in one statement', async () => {
    // The credential is cached after its first use: read once before measuring.
    await measured('GET', `/v1/tasks/${taskIds[1]}`);
    const gold = await measured('GET', `/v1/tasks/${taskIds[0]}?include=data`);
    expect(gold.answer.gold).toEqual({ data: { k: 'known' } });
    expect(gold.texts).toHaveLength(1);
    const plain = await measured('GET', `/v1/tasks/${taskIds[1]}`);
    expect(plain.answer.gold).toBeUndefined();
    expect(plain.texts).toHaveLength(1);
  });

  it('lists a filtered page with known answers in two statements (project check, page)', async () => {
    const page = await measured('GET', `/v1/tasks?projectId=${projectId}&statuses=pending&limit=50`);
    expect(page.answer.data).toHaveLength(10);
    expect(page.answer.data.find((t: any) => t.name === 'gold').gold).toEqual({});
    expect(page.texts).toHaveLength(2);
  });

  it('creates tasks without reading the webhook subscriptions again', async () => {
    const create = (name: string) =>
      measured('POST', `/v1/batches/${batchId}/tasks`, { tasks: [{ name, data: { k: 0 } }] });
    await create('first');
    const second = await create('second');
    expect(second.answer.created).toBe(1);
    expect(second.texts.filter((t) => /\bwebhooks\b/.test(t))).toEqual([]);
    // The batch with its project's schema, names created unchecked, then the insert with its audit
    // entry in one statement.
    if (dialect === 'postgres') expect(second.texts).toHaveLength(3);
  });

  it('creates a job and its audit entry in one statement on PostgreSQL', async () => {
    const created = await measured('POST', '/v1/jobs', { type: 'system.noop' });
    const writes = created.texts.filter((t) => /^(begin|commit|insert|with)\b/i.test(t));
    if (dialect === 'postgres') {
      expect(writes).toHaveLength(1);
      expect(writes[0]).toMatch(/^with "audit" as \(insert into "audit_log"/);
    } else {
      expect(writes.filter((t) => /^insert/i.test(t))).toHaveLength(2);
    }
    // A finished job without artifacts is answered from one read.
    await finishedJob(server.app, token, created.answer.id);
    const again = await measured('GET', `/v1/jobs/${created.answer.id}?wait=5`);
    expect(again.answer.status).toBe('succeeded');
    expect(again.answer.artifacts).toEqual([]);
    expect(again.texts).toHaveLength(1);
  });

  it("claims and submits a member's task without reading it again after the write", async () => {
    const member = (
      await measured('POST', '/v1/members', { name: 'ann', email: 'ann@example.org', role: 'annotator' })
    ).answer;
    const memberToken = (await measured('POST', '/v1/keys', { name: 'ann', memberId: member.id })).answer
      .token;
    // The key's first use reads it (credentials are cached after): not what a claim costs.
    const first = await measured('POST', '/v1/tasks/claim', { projectId }, memberToken);
    expect(first.answer.data).toEqual({ k: 0 });
    const claimed = await measured('POST', '/v1/tasks/claim', { projectId }, memberToken);
    expect(claimed.answer).toMatchObject({
      status: 'in_progress',
      lease: { memberId: member.id },
      data: { k: 1 },
    });
    expect(claimed.answer.gold).toBeUndefined();
    // No read after the write: the lease's row is the answer. PostgreSQL: the project, then one
    // call that releases expired leases, takes the head, leases it and writes its event and audit
    // entry (batchyard_claim_task). SQLite, in a transaction: begin; expired leases; the batches;
    // the head; the lease; its event; the audit entry; commit.
    if (dialect === 'postgres') {
      expect(claimed.texts).toHaveLength(2);
      expect(claimed.texts.at(-1)).toMatch(/batchyard_claim_task/);
    } else {
      expect(claimed.texts).toHaveLength(9);
      expect(claimed.texts.at(-1)).toMatch(/^commit/i);
    }
    const submitted = await measured(
      'POST',
      `/v1/tasks/${claimed.answer.id}/submit`,
      { data: { k: 'done' } },
      memberToken,
    );
    expect(submitted.answer).toMatchObject({
      id: claimed.answer.id,
      status: 'complete',
      lease: null,
      data: { k: 'done' },
    });
    // One read (the task, its batch's state, its project's workflow, the member's holds); the
    // project's task schema for the data check; then the update, its event and the audit entry:
    // one statement on PostgreSQL, a transaction of five on SQLite.
    if (dialect === 'postgres') {
      expect(submitted.texts).toHaveLength(3);
      expect(submitted.texts.at(-1)).toMatch(/insert into audit_log/);
    } else {
      expect(submitted.texts).toHaveLength(7);
      expect(submitted.texts.at(-1)).toMatch(/^commit/i);
    }
    // Both writes are in the task's history and the audit log.
    const history = await measured('GET', `/v1/tasks/${claimed.answer.id}?include=history`);
    expect(history.answer.history.map((e: any) => [e.action, e.from, e.to])).toEqual([
      ['claim', 'pending', 'in_progress'],
      ['submit', 'in_progress', 'complete'],
    ]);
    const audit = await measured('GET', `/v1/audit-log?resourceId=${claimed.answer.id}`);
    expect(audit.answer.data.map((e: any) => [e.action, e.summary])).toEqual([
      ['task.submit', { from: 'in_progress', to: 'complete', data: true, reviewStage: null }],
      ['task.claim', { leaseSeconds: 300, seeded: false }],
    ]);
  });
});
