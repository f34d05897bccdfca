import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { call, expectProblem, workspaceWithKey } from './helpers.js';

// Route schemas compile on first use (src/http/schema-compilers.ts); these prove that deferring
// them loses nothing: every schema still compiles, and a route's first call validates and
// serialises exactly as an eagerly compiled one would.
describe.each(testDialects())('route schemas compiled on first use, on %s', (dialect) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(async () => {
    await server?.close();
  });

  it("rejects a bad body on the route's very first call, naming the field", async () => {
    const { token } = await workspaceWithKey(server.app, server.adminToken, 'first-call');
    const bad = await call(server.app, {
      method: 'POST',
      url: '/v1/projects',
      token,
      body: { name: 'p', colour: 'red' },
    });
    expectProblem(bad, 400, 'validation_failed', { in: 'body', pointer: '/colour' });
    // A later call on the same route uses the compiled validator and still reports per call.
    const missing = await call(server.app, { method: 'POST', url: '/v1/projects', token, body: {} });
    expectProblem(missing, 400, 'validation_failed', { in: 'body', pointer: '/name' });
    const good = await call(server.app, { method: 'POST', url: '/v1/projects', token, body: { name: 'p' } });
    expect(good.status).toBe(201);
    expect(good.body.name).toBe('p');
  });

  it('serialises a first response through its schema (fields outside it are not sent)', async () => {
    const res = await call(server.app, { method: 'GET', url: '/healthz' });
    expect(res.status).toBe(200);
    const { token } = await workspaceWithKey(server.app, server.adminToken, 'serialise');
    const created = await call(server.app, {
      method: 'POST',
      url: '/v1/projects',
      token,
      body: { name: 'q' },
    });
    const got = await call(server.app, { method: 'GET', url: `/v1/projects/${created.body.id}`, token });
    expect(got.status).toBe(200);
    expect(got.body).toEqual(created.body);
  });

  it('compiles every remaining route schema without an error', () => {
    const compiled = server.app.compileSchemas();
    // Hundreds of routes, each with several schemas; far fewer would mean routes lost their schemas.
    expect(compiled).toBeGreaterThan(300);
    expect(server.app.compileSchemas()).toBe(0);
  });
});
