import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, loadConfig, openStore, type AppWithServices, type Store } from '@batchyard/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  startTestServer,
  testDialects,
  type TestDatabase,
  type TestServer,
} from '../../../test/support/index.js';
import { call, expectProblem, finishedJob, workspaceWithKey } from './helpers.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Name patterns (`nameRegex`) are RE2 (linear time, no backtracking), restricted to what both
 * stores read alike: a pattern that makes a backtracking engine run for minutes neither blocks
 * the server nor answers differently on the two stores.
 */
describe.each(testDialects())('name patterns on %s', (dialect) => {
  let server: TestServer;
  let token: string;
  let projectId: string;
  let batchId: string;

  const api = (method: 'GET' | 'POST', url: string, body?: unknown) =>
    call(server.app, { method, url, token, body });
  const names = async (pattern: string) => {
    const res = await api(
      'GET',
      `/v1/tasks?projectId=${projectId}&batchIds=${batchId}&limit=1000&nameRegex=${encodeURIComponent(pattern)}`,
    );
    expect(res.status).toBe(200);
    return (res.body.data as any[]).map((t) => t.name as string).sort();
  };

  beforeAll(async () => {
    server = await startTestServer(dialect);
    token = (await workspaceWithKey(server.app, server.adminToken, 'regex-ws')).token;
    projectId = (await api('POST', '/v1/projects', { name: 'p' })).body.id;
    const ds = await api('POST', '/v1/datasets', {
      projectId,
      name: 'd',
      columns: [{ name: 'v', type: 'numeric' }],
    });
    const job = await api('POST', `/v1/datasets/${ds.body.id}/batches`, { rows: [] });
    batchId = (await finishedJob(server.app, token, job.body.id)).result.batchId;
    const made = await api('POST', `/v1/batches/${batchId}/tasks`, {
      tasks: ['Alpha-1', 'alpha-22', 'beta-3', 'gamma.x', 'line\nbreak', 'a{b}'].map((name) => ({ name })),
    });
    expect(made.body.created).toBe(6);
  });
  afterAll(async () => server?.close());

  it('selects the same tasks on both stores', async () => {
    expect(await names('^alpha-\\d+$')).toEqual(['alpha-22']);
    expect(await names('(?i)^alpha')).toEqual(['Alpha-1', 'alpha-22']);
    expect(await names('\\d{2}$')).toEqual(['alpha-22']);
    expect(await names('[[:alpha:]]+\\.x')).toEqual(['gamma.x']);
    expect(await names('^line.break$')).toEqual(['line\nbreak']);
    expect(await names('\\{b\\}')).toEqual(['a{b}']);
    expect(await names('^(beta|gamma)')).toEqual(['beta-3', 'gamma.x']);
    expect(await names('(?:a|b)-[13]$')).toEqual(['Alpha-1', 'beta-3']);
  });

  it('refuses what RE2 refuses and what the two stores would read differently, naming the field', async () => {
    for (const pattern of [
      '(a)\\1', // backreference
      '(?=a)b', // lookahead
      '(?<!a)b', // lookbehind
      'a++', // possessive
      '\\bword', // \b is a word boundary in RE2, a backspace on PostgreSQL
      '\\z', // not on PostgreSQL
      'x(?i)y', // flags only at the start
      '(?P<n>a)', // named group
      'a{256}', // PostgreSQL stops at 255
      'a{,3}', // a brace that is not a repetition
      '[[.a.]]', // collating element
    ]) {
      const res = await api(
        'GET',
        `/v1/tasks?projectId=${projectId}&nameRegex=${encodeURIComponent(pattern)}`,
      );
      expectProblem(res, 400, 'validation_failed', { in: 'query', pointer: '/nameRegex' });
    }
    const tooBig = await api(
      'GET',
      `/v1/tasks?projectId=${projectId}&nameRegex=${encodeURIComponent('(.{0,200}x){0,4}y')}`,
    );
    expect(expectProblem(tooBig, 400, 'validation_failed').detail).toMatch(/too complex/);
    const inBody = await api('POST', '/v1/tasks/export', {
      filter: { projectId, nameRegex: '(a)\\1' },
      format: 'jsonl',
    });
    expectProblem(inBody, 400, 'validation_failed', { in: 'body', pointer: '/filter/nameRegex' });
  });

  it('keeps answering /healthz while a catastrophic-backtracking pattern runs over a few thousand tasks', async () => {
    const job = await api(
      'POST',
      `/v1/datasets/${
        (
          await api('POST', '/v1/datasets', {
            projectId,
            name: 'evil',
            columns: [{ name: 'v', type: 'numeric' }],
          })
        ).body.id
      }/batches`,
      { rows: [] },
    );
    const evilBatch = (await finishedJob(server.app, token, job.body.id)).result.batchId;
    // A backtracking engine tries about C(25, 6) = 177,000 ways to split each of these names
    // (milliseconds each: the list would hold the event loop for many seconds).
    const made = await api('POST', `/v1/batches/${evilBatch}/tasks`, {
      tasks: Array.from({ length: 2000 }, (_, i) => ({ name: `${'a'.repeat(16)}${i}` })),
    });
    expect(made.body.created).toBe(2000);

    const evil = encodeURIComponent('^(.*){6}!$');
    let settled = false;
    const list = fetch(
      `${server.url}/v1/tasks?projectId=${projectId}&batchIds=${evilBatch}&nameRegex=${evil}`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    ).finally(() => (settled = true));
    // Probe /healthz one request after another for as long as the list runs; the slowest answer
    // is how long the server was unavailable.
    let slowest = 0;
    do {
      const started = performance.now();
      const health = await fetch(`${server.url}/healthz`);
      expect(health.status).toBe(200);
      await health.arrayBuffer();
      slowest = Math.max(slowest, performance.now() - started);
    } while (!settled);
    const answered = await list;
    expect(answered.status).toBe(200);
    expect(((await answered.json()) as { data: unknown[] }).data).toEqual([]);
    // Generous: a blocked event loop would hold a probe for the whole match (seconds).
    expect(slowest).toBeLessThan(2000);
  }, 60_000);
});

/**
 * The time budget of a pattern, made tiny here (10 ms of matching on SQLite, a 1 ms statement on
 * PostgreSQL; the defaults are 2 s and 10 s): the list answers 422 filter_too_expensive instead of
 * running on.
 */
describe.each(testDialects())('name pattern time budget on %s', (dialect) => {
  let app: AppWithServices;
  let store: Store;
  let database: TestDatabase;
  let dataDir: string;
  let url: string;
  let token: string;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    store = openStore(database.url, { poolSize: 4, patternBudgetMs: dialect === 'sqlite' ? 10 : 1 });
    await store.migrate();
    dataDir = mkdtempSync(join(tmpdir(), 'batchyard-data-'));
    app = await buildApp({
      config: loadConfig({ dataDir, databaseUrl: database.url, logLevel: 'silent', port: 0 }, {}),
      store,
      logger: false,
    });
    const adminToken = (await app.services.credentials.bootstrapAdminKey())!;
    url = await app.listen({ host: '127.0.0.1', port: 0 });
    token = (await workspaceWithKey(app, adminToken, 'budget-ws')).token;
  });
  afterAll(async () => {
    app?.server.closeAllConnections();
    await app?.close();
    await store?.close();
    await database?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('stops a pattern past its budget with 422 filter_too_expensive, answering /healthz meanwhile', async () => {
    const api = (method: 'GET' | 'POST', path: string, body?: unknown) =>
      call(app, { method, url: path, token, body });
    const projectId = (await api('POST', '/v1/projects', { name: 'p' })).body.id;
    const ds = await api('POST', '/v1/datasets', {
      projectId,
      name: 'slow',
      columns: [{ name: 'v', type: 'numeric' }],
    });
    const job = await api('POST', `/v1/datasets/${ds.body.id}/batches`, { rows: [] });
    const batchId = (await finishedJob(app, token, job.body.id)).result.batchId;
    // Tens of microseconds of RE2 matching per 500-character name with the pattern below: 4,000
    // names are far more than 10 ms of matching (and than a 1 ms statement on PostgreSQL).
    for (let chunk = 0; chunk < 4; chunk++) {
      const made = await api('POST', `/v1/batches/${batchId}/tasks`, {
        tasks: Array.from({ length: 1000 }, (_, i) => ({ name: `${'a'.repeat(490)}-${chunk}-${i}` })),
      });
      expect(made.body.created).toBe(1000);
    }
    const pattern = encodeURIComponent('(?i)(.{0,80}\\w){0,3}!');
    let settled = false;
    const list = call(app, {
      method: 'GET',
      url: `/v1/tasks?projectId=${projectId}&batchIds=${batchId}&nameRegex=${pattern}`,
      token,
    }).finally(() => (settled = true));
    let slowest = 0;
    do {
      const started = performance.now();
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      await health.arrayBuffer();
      slowest = Math.max(slowest, performance.now() - started);
    } while (!settled);
    expectProblem(await list, 422, 'filter_too_expensive', { in: 'query', pointer: '/nameRegex' });
    // Generous next to a 10 ms budget.
    expect(slowest).toBeLessThan(2000);
    // A pattern within its budget still answers (not on PostgreSQL: 1 ms is too short for any).
    if (dialect === 'sqlite') {
      const quick = await api('GET', `/v1/tasks?projectId=${projectId}&ids=none&nameRegex=a`);
      expect(quick.status).toBe(200);
    }
  }, 60_000);
});
