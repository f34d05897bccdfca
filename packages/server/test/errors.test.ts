import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { call, expectProblem } from './helpers.js';

describe.each(testDialects())('bad input on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, { bodyLimit: 4096 });
  });
  afterAll(async () => server?.close());

  const countWorkspaces = async () =>
    (await call(server.app, { method: 'GET', url: '/v1/workspaces?limit=1000', token: server.adminToken }))
      .body.data.length;

  it('answers each kind of bad body with a problem naming the field, and changes nothing', async () => {
    const { app, adminToken: token } = server;
    const before = await countWorkspaces();
    const cases: Array<[unknown, number, string, { in: string; pointer: string }?]> = [
      [{ name: 'x', extra: 1 }, 400, 'validation_failed', { in: 'body', pointer: '/extra' }],
      [{ name: 42 }, 400, 'validation_failed', { in: 'body', pointer: '/name' }],
      [{ name: '' }, 400, 'validation_failed', { in: 'body', pointer: '/name' }],
      [{}, 400, 'validation_failed', { in: 'body', pointer: '/name' }],
      [[], 400, 'validation_failed', { in: 'body', pointer: '' }],
      ['{"name": "x"', 400, 'malformed_json'],
      [{ name: 'x'.repeat(5000) }, 413, 'payload_too_large'],
    ];
    for (const [body, status, code, pointer] of cases) {
      expectProblem(
        await call(app, { method: 'POST', url: '/v1/workspaces', token, body }),
        status,
        code,
        pointer,
      );
    }
    const escaped = await call(app, {
      method: 'POST',
      url: '/v1/workspaces',
      token,
      body: { name: 'y', 'a/b~c': 1 },
    });
    expectProblem(escaped, 400, 'validation_failed', { in: 'body', pointer: '/a~1b~0c' });
    expect(await countWorkspaces()).toBe(before);
  });

  it('rejects bad query and path parameters, unknown routes and wrong media types', async () => {
    const { app, adminToken: token } = server;
    expectProblem(
      await call(app, { method: 'GET', url: '/v1/workspaces?limit=0', token }),
      400,
      'validation_failed',
      {
        in: 'query',
        pointer: '/limit',
      },
    );
    expectProblem(
      await call(app, { method: 'GET', url: '/v1/workspaces?limit=1001', token }),
      400,
      'validation_failed',
    );
    expectProblem(
      await call(app, { method: 'GET', url: '/v1/workspaces?limit=ten', token }),
      400,
      'validation_failed',
    );
    expectProblem(
      await call(app, { method: 'GET', url: '/v1/workspaces?colour=red', token }),
      400,
      'validation_failed',
      {
        in: 'query',
        pointer: '/colour',
      },
    );
    expectProblem(
      await call(app, { method: 'DELETE', url: '/v1/workspaces/ws_x?force=maybe', token }),
      400,
      'validation_failed',
      {
        in: 'query',
        pointer: '/force',
      },
    );
    expectProblem(
      await call(app, { method: 'GET', url: `/v1/workspaces/${'x'.repeat(101)}`, token }),
      400,
      'validation_failed',
      {
        in: 'path',
        pointer: '/id',
      },
    );
    expectProblem(await call(app, { method: 'GET', url: '/v1/nothing-here', token }), 404, 'route_not_found');
    expectProblem(await call(app, { method: 'PUT', url: '/v1/workspaces', token }), 404, 'route_not_found');
    expectProblem(
      await call(app, {
        method: 'POST',
        url: '/v1/workspaces',
        token,
        headers: { 'content-type': 'text/csv' },
        body: 'a,b',
      }),
      415,
      'unsupported_media_type',
    );
    expectProblem(
      await call(app, { method: 'GET', url: '/v1/workspaces/ws_missing', token }),
      404,
      'not_found',
    );
  });

  it('answers missing, malformed and unknown credentials with 401', async () => {
    const { app } = server;
    expectProblem(await call(app, { method: 'GET', url: '/v1/workspaces' }), 401, 'unauthenticated');
    expectProblem(
      await call(app, { method: 'GET', url: '/v1/workspaces', headers: { authorization: 'Basic abc' } }),
      401,
      'invalid_token',
    );
    expectProblem(
      await call(app, { method: 'GET', url: '/v1/workspaces', token: 'byk_nope' }),
      401,
      'invalid_token',
    );
    const tampered = server.adminToken.slice(0, -2) + (server.adminToken.endsWith('AA') ? 'BB' : 'AA');
    expectProblem(
      await call(app, { method: 'GET', url: '/v1/workspaces', token: tampered }),
      401,
      'invalid_token',
    );
    expectProblem(
      await call(app, { method: 'GET', url: '/v1/workspaces', token: 'eyJhbGciOiJIUzI1NiJ9.e30.xxxx' }),
      401,
      'invalid_token',
    );
  });

  it('echoes a caller request id and makes one otherwise', async () => {
    const { app, adminToken: token } = server;
    const mine = await call(app, {
      method: 'GET',
      url: '/v1/me',
      token,
      headers: { 'x-request-id': 'trace-123' },
    });
    expect(mine.headers['x-request-id']).toBe('trace-123');
    const made = await call(app, {
      method: 'GET',
      url: '/v1/me',
      token,
      headers: { 'x-request-id': 'bad id with spaces' },
    });
    expect(made.headers['x-request-id']).toMatch(/^req_[0-9a-z]{26}$/);
    const problem = await call(app, {
      method: 'GET',
      url: '/v1/nope',
      headers: { 'x-request-id': 'trace-404' },
    });
    expect(problem.body.requestId).toBe('trace-404');
  });

  it('reports health and readiness', async () => {
    expect((await call(server.app, { method: 'GET', url: '/healthz' })).body).toEqual({ status: 'ok' });
    const ready = await call(server.app, { method: 'GET', url: '/readyz' });
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ready', store: dialect });
  });
});

describe('rate limits', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite', { rateLimitPerMinute: 3 });
  });
  afterAll(async () => server?.close());

  it('answers 429 with Retry-After once a credential exceeds its limit', async () => {
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 4; i++) {
      last = await call(server.app, { method: 'GET', url: '/v1/me', token: server.adminToken });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expectProblem(last!, 429, 'rate_limited');
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
  });
});
