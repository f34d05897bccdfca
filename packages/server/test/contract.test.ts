import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { registerErrorHandling } from '../src/http/errors.js';
import { registerWeb } from '../src/http/web.js';
import type { App } from '../src/http/app-types.js';
import { call, expectProblem, finishedJob, workspaceWithKey } from './helpers.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** Sends raw bytes over a real socket and returns everything the server answered. */
function rawRequest(url: string, bytes: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(bytes));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('end', () => resolve(answer));
    socket.on('close', () => resolve(answer));
    socket.on('error', (error) => (answer ? resolve(answer) : reject(error)));
  });
}

function parseRaw(answer: string) {
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(
    lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
  );
  return { status: Number(statusLine.split(' ')[1]), headers, body: JSON.parse(body) };
}

describe.each(testDialects())('the API contract on %s', (dialect) => {
  let server: TestServer;
  let token: string;
  let workspaceId: string;
  let projectId: string;
  let datasetId: string;

  const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) =>
    call(server.app, { method, url, token, body });
  const projectCount = async () =>
    (await api('GET', `/v1/projects?workspaceId=${workspaceId}&limit=1000`)).body.data.length as number;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    const ws = await workspaceWithKey(server.app, server.adminToken, 'contract');
    token = ws.token;
    workspaceId = ws.workspace.id;
    projectId = (await api('POST', '/v1/projects', { name: 'contract' })).body.id;
    datasetId = (
      await api('POST', '/v1/datasets', {
        projectId,
        name: 'base',
        columns: [{ name: 'v', type: 'numeric' }],
      })
    ).body.id;
  });
  afterAll(async () => server?.close());

  it('refuses unknown query parameters everywhere, naming them', async () => {
    expectProblem(await api('GET', '/v1/me?verbose=1'), 400, 'validation_failed', {
      in: 'query',
      pointer: '/verbose',
    });
    expectProblem(
      await api('GET', `/v1/projects?workspaceId=${workspaceId}&colour=red`),
      400,
      'validation_failed',
      {
        in: 'query',
        pointer: '/colour',
      },
    );
    // The JSON batch route takes onRowError in its body: in the query it used to be dropped.
    const before = (await api('GET', `/v1/datasets/${datasetId}/batches`)).body.data.length;
    expectProblem(
      await api('POST', `/v1/datasets/${datasetId}/batches?onRowError=skip`, { rows: [{ v: 'x' }] }),
      400,
      'validation_failed',
      { in: 'query', pointer: '/onRowError' },
    );
    expect((await api('GET', `/v1/datasets/${datasetId}/batches`)).body.data.length).toBe(before);
  });

  it('takes JSON bodies only: text/plain and form bodies are 415 and create nothing', async () => {
    const before = await projectCount();
    const text = await call(server.app, {
      method: 'POST',
      url: '/v1/projects',
      token,
      body: '{"name":"as-text"}',
      headers: { 'content-type': 'text/plain' },
    });
    expectProblem(text, 415, 'unsupported_media_type');
    const form = await call(server.app, {
      method: 'POST',
      url: '/v1/projects',
      token,
      body: 'name=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expectProblem(form, 415, 'unsupported_media_type');
    expect(await projectCount()).toBe(before);
    // The token endpoint still takes its form (it says so in `consumes`).
    const grant = await call(server.app, {
      method: 'POST',
      url: '/v1/oauth/token',
      body: 'grant_type=client_credentials&client_id=nope&client_secret=nope',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expectProblem(grant, 401, 'invalid_client');
  });

  it('accepts an empty body sent as JSON where the route takes no body, not where it needs one', async () => {
    const job = await api('POST', '/v1/jobs', { type: 'system.sleep', arguments: { ms: 1, steps: 1 } });
    expect(job.status).toBe(202);
    await finishedJob(server.app, token, job.body.id);
    const retried = await call(server.app, {
      method: 'POST',
      url: `/v1/jobs/${job.body.id}/retry`,
      token,
      headers: { 'content-type': 'application/json' },
    });
    // No body to parse: the route's own rule answers (a succeeded job is not retryable).
    expectProblem(retried, 409, 'job_not_retryable');
    const empty = await call(server.app, {
      method: 'POST',
      url: '/v1/projects',
      token,
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(empty, 400, 'malformed_json');
  });

  it('answers HTTP framing errors and oversized headers as problem+json with a request id', async () => {
    const bad = parseRaw(await rawRequest(server.url, 'GARBAGE\r\n\r\n'));
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(bad.body).toMatchObject({ status: 400, code: 'malformed_request' });
    expect(bad.body.requestId).toBe(bad.headers['x-request-id']);
    expect(bad.body.requestId).toMatch(/^req_/);

    const big = parseRaw(
      await rawRequest(
        server.url,
        `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(40_000)}\r\n\r\n`,
      ),
    );
    expect(big.status).toBe(431);
    expect(big.body).toMatchObject({ status: 431, code: 'headers_too_large' });
    expect(big.body.requestId).toBe(big.headers['x-request-id']);
  });

  it('binds cursors to their list, sort and filters, and refuses tampered ones', async () => {
    for (let i = 0; i < 3; i++) await api('POST', '/v1/projects', { name: `paged-${i}` });
    const first = await api('GET', `/v1/projects?workspaceId=${workspaceId}&limit=1`);
    const cursor = first.body.nextCursor as string;
    expect(typeof cursor).toBe('string');
    const next = await api('GET', `/v1/projects?workspaceId=${workspaceId}&limit=1&cursor=${cursor}`);
    expect(next.status).toBe(200);
    expect(next.body.data[0].id).not.toBe(first.body.data[0].id);
    // limit and fields may change between pages.
    expect(
      (await api('GET', `/v1/projects?workspaceId=${workspaceId}&limit=2&fields=name&cursor=${cursor}`))
        .status,
    ).toBe(200);

    const refused = [
      `/v1/jobs?cursor=${cursor}`, // another list
      `/v1/workspaces?cursor=${cursor}`,
      `/v1/projects?cursor=${cursor}`, // another filter
      `/v1/projects?workspaceId=${workspaceId}&sort=id&cursor=${cursor}`, // another sort
    ];
    for (const url of refused) {
      expectProblem(await api('GET', url), 400, 'invalid_cursor', { in: 'query', pointer: '/cursor' });
    }
    // Change one character of the position: the signature no longer matches.
    const [inner = '', mac = ''] = cursor.split('.');
    const decoded = Buffer.from(inner, 'base64url').toString('utf8');
    const forged = Buffer.from(decoded.replace(/"v":\["/, '"v":["0')).toString('base64url');
    expect(forged).not.toBe(inner);
    expectProblem(
      await api('GET', `/v1/projects?workspaceId=${workspaceId}&limit=1&cursor=${forged}.${mac}`),
      400,
      'invalid_cursor',
    );
    expectProblem(
      await api('GET', `/v1/projects?workspaceId=${workspaceId}&limit=1&cursor=${inner}`),
      400,
      'invalid_cursor',
    );
  });

  it('lists the accepted values of an enum and names an unknown property', async () => {
    const res = await api('POST', '/v1/tasks/transition', { ids: ['tsk_x'], to: 'finished' });
    const problem = expectProblem(res, 400, 'validation_failed', { in: 'body', pointer: '/to' });
    const to = problem.errors.find((e: any) => e.pointer === '/to');
    expect(to.message).toContain('"pending"');
    expect(to.message).toContain('"reviewed"');
    expect(problem.errors.filter((e: any) => e.pointer === '/to')).toHaveLength(1);

    const extra = await api('POST', '/v1/projects', { name: 'p-extra', colour: 'red' });
    const p = expectProblem(extra, 400, 'validation_failed', { in: 'body', pointer: '/colour' });
    expect(p.detail).toContain('/colour');
  });

  it('refuses a single task transition with a 409 and its code; a bulk request reports per task', async () => {
    const batch = await api('POST', `/v1/datasets/${datasetId}/batches`, { name: 'wf', rows: [{ v: 1 }] });
    const batchId = (await finishedJob(server.app, token, batch.body.id)).result.batchId as string;
    const created = await api('POST', `/v1/batches/${batchId}/tasks`, {
      tasks: [{ name: 'a' }, { name: 'b' }],
    });
    const [a, b] = created.body.results.map((r: any) => r.id as string);

    const single = await api('POST', '/v1/tasks/review', { ids: [a] });
    expectProblem(single, 409, 'invalid_task_transition', { in: 'body', pointer: '/ids/0' });
    expectProblem(await api('POST', '/v1/tasks/redo', { ids: [a] }), 409, 'invalid_task_transition');
    expectProblem(
      await api('POST', '/v1/tasks/transition', { ids: [a], to: 'reviewed' }),
      409,
      'invalid_task_transition',
    );
    expectProblem(
      await api('POST', '/v1/tasks/review', { ids: ['tsk_01jd4n8k6m3v4b2c1x0z9y8w7t'] }),
      404,
      'not_found',
    );
    const unchanged = await api('GET', `/v1/tasks/${a}`);
    expect(unchanged.body.status).toBe('pending');

    const moved = await api('POST', '/v1/tasks/transition', { ids: [a], to: 'in_progress' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ applied: 1, refused: 0 });

    const bulk = await api('POST', '/v1/tasks/review', { ids: [a, b] });
    expect(bulk.status).toBe(200);
    expect(bulk.body).toMatchObject({ applied: 0, refused: 2 });
    expect(bulk.body.results[0].error.code).toBe('invalid_task_transition');
  });

  it('reports a JSONL import line that is not JSON as such, with its line number', async () => {
    const batch = await api('POST', `/v1/datasets/${datasetId}/batches`, { name: 'imp', rows: [{ v: 1 }] });
    const batchId = (await finishedJob(server.app, token, batch.body.id)).result.batchId as string;
    const res = await fetch(`${server.url}/v1/batches/${batchId}/tasks/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
      body: '{"name":"ok"}\n\n{"name": oops}\n',
    });
    expect(res.status).toBe(202);
    const job = (await res.json()) as any;
    expect(job.result).toMatchObject({ created: 1, failed: 1 });
    const failures = await api('GET', `/v1/jobs/${job.id}/artifacts/failures.jsonl`);
    const [failure] = failures.text
      .trim()
      .split('\n')
      .map((l: string) => JSON.parse(l));
    expect(failure.error.code).toBe('invalid_json');
    expect(failure.error.message).toMatch(/^line 3 is not valid JSON: /);
  });

  it('fails every attempt of the demo job up to failTimes, so a job can end failed', async () => {
    const created = await api('POST', '/v1/jobs', {
      type: 'system.sleep',
      arguments: { ms: 4, steps: 2, failTimes: 2 },
      maxAttempts: 2,
    });
    expect(created.status).toBe(202);
    const job = await finishedJob(server.app, token, created.body.id, 60);
    expect(job).toMatchObject({ status: 'failed', attempt: 2 });
    expect(job.error.message).toBe('planned failure of attempt 2');
  });

  it('merges with abort: a key repeated inside the source is no conflict (the first row wins)', async () => {
    const columns = [
      { name: 'sku', type: 'text' },
      { name: 'qty', type: 'numeric' },
    ];
    const target = (
      await api('POST', '/v1/datasets', { projectId, name: 'stock', columns, keyColumn: 'sku' })
    ).body;
    const ingest = async (id: string, rows: unknown[]) =>
      finishedJob(server.app, token, (await api('POST', `/v1/datasets/${id}/batches`, { rows })).body.id);
    await ingest(target.id, [{ sku: 'a', qty: 1 }]);
    const incoming = (await api('POST', '/v1/datasets', { projectId, name: 'incoming', columns })).body;
    await ingest(incoming.id, [
      { sku: 'c', qty: 30 },
      { sku: 'c', qty: 31 },
    ]);
    const merged = await finishedJob(
      server.app,
      token,
      (
        await api('POST', `/v1/datasets/${target.id}/merge`, {
          source: { datasetId: incoming.id },
          strategy: 'abort',
        })
      ).body.id,
    );
    expect(merged).toMatchObject({
      status: 'succeeded',
      result: { rowCount: 1, conflicts: 0, duplicateKeysDropped: 1 },
    });
  });
});

describe('the dashboard fallback', () => {
  let app: App;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'batchyard-web-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
    app = Fastify({ logger: false }) as unknown as App;
    registerErrorHandling(app);
    await registerWeb(app, dir);
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (url: string, accept?: string) =>
    app.inject({ method: 'GET', url, headers: accept ? { accept } : {} });

  it('serves its pages to browsers and answers everything else with a problem+json 404', async () => {
    const browser = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
    for (const url of [
      '/',
      '/jobs',
      '/jobs/job_x',
      '/datasets/ds_1',
      '/tasks',
      '/tasks/import',
      '/definitions/jdf_1',
      '/flows',
      '/flows/flw_1',
      '/projects',
      '/projects/new',
      '/projects/prj_1',
      '/datasets/new',
      '/keys',
      '/members',
      '/queue',
      '/review',
      '/quality',
      '/clients',
      '/webhooks',
      '/webhooks/whk_1',
      '/workspaces',
      '/tasks/tsk_1/sheet',
    ]) {
      const page = await get(url, browser);
      expect(page.statusCode, url).toBe(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
    }
    const notFound: [string, string | undefined][] = [
      ['/v1/nope', browser],
      ['/compat/x', 'application/json'],
      ['/compat/x', browser],
      ['/anything', 'application/json'],
      ['/anything', browser],
      ['/jobs', 'application/json'],
      ['/jobs/job_x', undefined],
      ['/jobs/a/b', browser],
      ['/members/mem_1', browser],
      ['/quality', 'application/json'],
      ['/workspaces/ws_1', browser],
      ['/webhooks', 'application/json'],
      ['/tasks/tsk_1/sheet/x', browser],
    ];
    for (const [url, accept] of notFound) {
      const res = await get(url, accept);
      expect({ url, accept, status: res.statusCode }).toEqual({ url, accept, status: 404 });
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json().code).toBe('route_not_found');
    }
  });
});
