import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, loadConfig, openStore } from '@batchyard/server';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { call, expectProblem, workspaceWithKey } from './helpers.js';

describe.each(testDialects())('credentials on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(async () => server?.close());

  const tokenRequest = (body: string | object, headers: Record<string, string> = {}) =>
    server.app.inject({
      method: 'POST',
      url: '/v1/oauth/token',
      headers: {
        'content-type': typeof body === 'string' ? 'application/x-www-form-urlencoded' : 'application/json',
        ...headers,
      },
      payload: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('issues access tokens to API clients (form, JSON and Basic) that work until the client is revoked', async () => {
    const { app, adminToken } = server;
    const { workspace, token: wsAdmin } = await workspaceWithKey(app, adminToken, 'oauth');
    const client = await call(app, {
      method: 'POST',
      url: '/v1/clients',
      token: wsAdmin,
      body: { name: 'etl', role: 'editor' },
    });
    expect(client.status).toBe(201);
    expect(client.body.clientSecret).toMatch(/^bcs_/);
    expect(client.body.workspaceId).toBe(workspace.id);
    const { id, clientSecret } = client.body;

    const form = await tokenRequest(
      `grant_type=client_credentials&client_id=${id}&client_secret=${encodeURIComponent(clientSecret)}`,
    );
    expect(form.statusCode).toBe(200);
    expect(form.headers['cache-control']).toBe('no-store');
    const token = form.json();
    expect(token).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });

    const json = await tokenRequest({
      grant_type: 'client_credentials',
      client_id: id,
      client_secret: clientSecret,
    });
    expect(json.statusCode).toBe(200);
    const basic = await tokenRequest('grant_type=client_credentials', {
      authorization: `Basic ${Buffer.from(`${id}:${clientSecret}`).toString('base64')}`,
    });
    expect(basic.statusCode).toBe(200);

    const me = await call(app, { method: 'GET', url: '/v1/me', token: token.access_token });
    expect(me.body).toMatchObject({
      kind: 'client',
      credentialId: id,
      role: 'editor',
      workspaceId: workspace.id,
    });
    expect(
      (
        await call(app, {
          method: 'POST',
          url: '/v1/projects',
          token: token.access_token,
          body: { name: 'p' },
        })
      ).status,
    ).toBe(201);

    // The secret is never listed, and a wrong secret gets nothing.
    const listed = await call(app, { method: 'GET', url: '/v1/clients', token: wsAdmin });
    expect(JSON.stringify(listed.body)).not.toContain(clientSecret);
    const wrong = await tokenRequest({
      grant_type: 'client_credentials',
      client_id: id,
      client_secret: 'bcs_wrong',
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ code: 'invalid_client', error: 'invalid_client' });
    const grant = await tokenRequest({ grant_type: 'password', client_id: id, client_secret: clientSecret });
    expect(grant.statusCode).toBe(400);
    expect(grant.json()).toMatchObject({ code: 'unsupported_grant_type', error: 'unsupported_grant_type' });

    const revoked = await call(app, { method: 'DELETE', url: `/v1/clients/${id}`, token: wsAdmin });
    expect(revoked.body.revokedAt).not.toBeNull();
    expectProblem(
      await call(app, { method: 'GET', url: '/v1/me', token: token.access_token }),
      401,
      'invalid_token',
    );
    expect(
      (await tokenRequest({ grant_type: 'client_credentials', client_id: id, client_secret: clientSecret }))
        .statusCode,
    ).toBe(401);
  });

  it('rejects tampered and expired access tokens', async () => {
    const { app, adminToken } = server;
    const client = await call(app, {
      method: 'POST',
      url: '/v1/clients',
      token: adminToken,
      body: { name: 'instance', role: 'admin', workspaceId: null },
    });
    const token = (
      await tokenRequest({
        grant_type: 'client_credentials',
        client_id: client.body.id,
        client_secret: client.body.clientSecret,
      })
    ).json().access_token as string;
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, ws: 'ws_other' })).toString('base64url')}.${signature}`;
    expectProblem(await call(app, { method: 'GET', url: '/v1/me', token: forged }), 401, 'invalid_token');
    const expired = `${header}.${Buffer.from(JSON.stringify({ ...claims, exp: 1 })).toString('base64url')}.${signature}`;
    expectProblem(await call(app, { method: 'GET', url: '/v1/me', token: expired }), 401, 'invalid_token');
    expect((await call(app, { method: 'GET', url: '/v1/me', token })).status).toBe(200);
  });

  it('shows an API key once, stores only its hash, and stops it on revocation or expiry', async () => {
    const { app, adminToken, store } = server;
    const { token: wsAdmin } = await workspaceWithKey(app, adminToken, 'keys');
    const created = await call(app, {
      method: 'POST',
      url: '/v1/keys',
      token: wsAdmin,
      body: { name: 'ci', role: 'viewer' },
    });
    const { token, id, hint } = created.body;
    expect(token.endsWith(hint)).toBe(true);
    const row = await store.db
      .selectFrom('api_keys')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(token.slice(-20));
    const got = await call(app, { method: 'GET', url: `/v1/keys/${id}`, token: wsAdmin });
    expect(got.body.token).toBeUndefined();

    expect((await call(app, { method: 'GET', url: '/v1/me', token })).status).toBe(200);
    expect(
      (await call(app, { method: 'GET', url: `/v1/keys/${id}`, token: wsAdmin })).body.lastUsedAt,
    ).not.toBeNull();
    await call(app, { method: 'DELETE', url: `/v1/keys/${id}`, token: wsAdmin });
    expectProblem(await call(app, { method: 'GET', url: '/v1/me', token }), 401, 'invalid_token');

    const soon = new Date(Date.now() + 4000).toISOString();
    const expiring = await call(app, {
      method: 'POST',
      url: '/v1/keys',
      token: wsAdmin,
      body: { name: 'short', role: 'viewer', expiresAt: soon },
    });
    expect((await call(app, { method: 'GET', url: '/v1/me', token: expiring.body.token })).status).toBe(200);
    // Refused once its time has come (waited for, not slept for: a loaded machine may be slow).
    let after = await call(app, { method: 'GET', url: '/v1/me', token: expiring.body.token });
    for (const deadline = Date.now() + 30_000; after.status === 200 && Date.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      after = await call(app, { method: 'GET', url: '/v1/me', token: expiring.body.token });
    }
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(soon));
    expectProblem(after, 401, 'invalid_token');
    expectProblem(
      await call(app, {
        method: 'POST',
        url: '/v1/keys',
        token: wsAdmin,
        body: { name: 'past', role: 'viewer', expiresAt: '2000-01-01T00:00:00Z' },
      }),
      400,
      'validation_failed',
      { in: 'body', pointer: '/expiresAt' },
    );
  });

  it('stops a credential in use everywhere at once when it is revoked or its workspace is deleted', async () => {
    const { app, adminToken } = server;
    const { token: wsAdmin } = await workspaceWithKey(app, adminToken, 'revoke-everywhere');
    const key = await call(app, {
      method: 'POST',
      url: '/v1/keys',
      token: wsAdmin,
      body: { name: 'in-use', role: 'viewer' },
    });
    // On PostgreSQL a second process shares the database: it learns of the revocation by NOTIFY.
    let otherStore: ReturnType<typeof openStore> | undefined;
    let other = app;
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
    try {
      for (const target of [app, other]) {
        expect((await call(target, { method: 'GET', url: '/v1/me', token: key.body.token })).status).toBe(
          200,
        );
        expect((await call(target, { method: 'GET', url: '/v1/me', token: wsAdmin })).status).toBe(200);
      }
      await call(app, { method: 'DELETE', url: `/v1/keys/${key.body.id}`, token: wsAdmin });
      const refused = async (target: typeof app, token: string) => {
        for (let i = 0; i < 50; i++) {
          const res = await call(target, { method: 'GET', url: '/v1/me', token });
          if (res.status === 401) return res;
          await new Promise((resolve) => setTimeout(resolve, 20)); // a NOTIFY takes a moment
        }
        return call(target, { method: 'GET', url: '/v1/me', token });
      };
      expectProblem(await refused(other, key.body.token), 401, 'invalid_token');
      const workspaceId = (await call(app, { method: 'GET', url: '/v1/me', token: wsAdmin })).body
        .workspaceId;
      const deleted = await call(app, {
        method: 'DELETE',
        url: `/v1/workspaces/${workspaceId}?force=true`,
        token: adminToken,
      });
      expect(deleted.status).toBe(204);
      expectProblem(await call(app, { method: 'GET', url: '/v1/me', token: wsAdmin }), 401, 'invalid_token');
      expectProblem(await refused(other, wsAdmin), 401, 'invalid_token');
    } finally {
      if (other !== app) await other.close();
      await otherStore?.close();
    }
  });
  it('ends the open event streams and long-polls of a revoked credential, in every process', async () => {
    const { app, adminToken } = server;
    const { token: wsAdmin, workspace } = await workspaceWithKey(app, adminToken, 'revoke-streams');
    const newKey = async (name: string, role: string) =>
      (await call(app, { method: 'POST', url: '/v1/keys', token: wsAdmin, body: { name, role } })).body as {
        id: string;
        token: string;
      };
    const viewer = await newKey('watcher', 'viewer');
    const worker = await newKey('claimer', 'worker');
    // A job nobody runs: it stays queued, so its stream and long-poll would wait their full time.
    expect(
      (await call(app, { method: 'PUT', url: '/v1/job-types/ext.idle', token: wsAdmin, body: {} })).status,
    ).toBe(200);
    const job = (
      await call(app, { method: 'POST', url: '/v1/jobs', token: wsAdmin, body: { type: 'ext.idle' } })
    ).body as { id: string };

    // On PostgreSQL the streams are held by a second process, which hears of the revocation by NOTIFY.
    let otherStore: ReturnType<typeof openStore> | undefined;
    let other: typeof app | undefined;
    let base = server.url;
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
      base = await other.listen({ host: '127.0.0.1', port: 0 });
    }
    const deadline = (ms: number) =>
      new Promise<'deadline'>((resolve) => setTimeout(() => resolve('deadline'), ms).unref());
    /** Opens an SSE stream; `ready` resolves once headers are in, `rest` with all text when it ends. */
    const openStream = async (path: string, token: string) => {
      const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(200);
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      let text = '';
      const first = await reader.read(); // the stream is open (headers and a first event)
      text += decoder.decode(first.value ?? new Uint8Array(), { stream: true });
      const rest = (async () => {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return text;
          text += decoder.decode(value, { stream: true });
        }
      })();
      return { rest, cancel: () => reader.cancel().catch(() => undefined) };
    };
    try {
      const all = await openStream('/v1/jobs/events', viewer.token);
      const one = await openStream(`/v1/jobs/${job.id}/events`, viewer.token);
      const longPoll = fetch(`${base}/v1/jobs/${job.id}?wait=60`, {
        headers: { authorization: `Bearer ${viewer.token}` },
      });
      const claim = fetch(`${base}/v1/workers/claim`, {
        method: 'POST',
        headers: { authorization: `Bearer ${worker.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ types: ['ext.none'], workerId: 'w1', waitSeconds: 30 }),
      });
      await new Promise((resolve) => setTimeout(resolve, 300)); // both long-polls are waiting
      await call(app, { method: 'DELETE', url: `/v1/keys/${viewer.id}`, token: wsAdmin });
      await call(app, { method: 'DELETE', url: `/v1/keys/${worker.id}`, token: wsAdmin });

      // Each ends long before its own time is up (a generous deadline, far below the 30–60 s waits).
      for (const stream of [all, one]) {
        const ended = await Promise.race([stream.rest, deadline(20_000)]);
        if (ended === 'deadline') await stream.cancel();
        expect(ended).not.toBe('deadline');
        expect(ended).toMatch(/event: error\ndata: \{[^\n]*"code":"invalid_token"/);
      }
      for (const pending of [longPoll, claim]) {
        const answer = await Promise.race([pending, deadline(20_000)]);
        expect(answer).not.toBe('deadline');
        const response = answer as Response;
        expect(response.status).toBe(401);
        expect(((await response.json()) as { code: string }).code).toBe('invalid_token');
      }

      // Deleting the workspace ends its admin's streams too.
      const adminStream = await openStream('/v1/jobs/events', wsAdmin);
      const deleted = await call(app, {
        method: 'DELETE',
        url: `/v1/workspaces/${workspace.id}?force=true`,
        token: adminToken,
      });
      expect(deleted.status).toBe(204);
      const ended = await Promise.race([adminStream.rest, deadline(20_000)]);
      if (ended === 'deadline') await adminStream.cancel();
      expect(ended).toMatch(/event: error\n/);
    } finally {
      if (other) {
        other.server.closeAllConnections();
        await other.close();
      }
      await otherStore?.close();
    }
  });

  it('lists credentials by workspace for the instance admin, and only its own for a workspace admin', async () => {
    const { app, adminToken } = server;
    const a = await workspaceWithKey(app, adminToken, 'list-a');
    await workspaceWithKey(app, adminToken, 'list-b');
    const own = await call(app, { method: 'GET', url: '/v1/keys', token: a.token });
    expect(own.body.data.length).toBeGreaterThan(0); // .every() of nothing is true
    expect(own.body.data.every((k: { workspaceId: string }) => k.workspaceId === a.workspace.id)).toBe(true);
    const instanceOnly = await call(app, {
      method: 'GET',
      url: '/v1/keys?workspaceId=none',
      token: adminToken,
    });
    expect(instanceOnly.body.data.length).toBeGreaterThan(0);
    expect(instanceOnly.body.data.length).toBeGreaterThan(0); // .every() of nothing is true
    expect(instanceOnly.body.data.every((k: { workspaceId: string | null }) => k.workspaceId === null)).toBe(
      true,
    );
    const byWorkspace = await call(app, {
      method: 'GET',
      url: `/v1/keys?workspaceId=${a.workspace.id}`,
      token: adminToken,
    });
    expect(byWorkspace.body.data.map((k: { id: string }) => k.id)).toEqual([a.key.id]);
    expectProblem(
      await call(app, {
        method: 'POST',
        url: '/v1/keys',
        token: adminToken,
        body: { name: 'x', role: 'admin' },
      }),
      400,
      'validation_failed',
      { in: 'body', pointer: '/workspaceId' },
    );
  });
});

describe.each(testDialects())('authentication failures on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(async () => server?.close());

  const me = (authorization: string | undefined, remoteAddress = '127.0.0.1') =>
    server.app.inject({
      method: 'GET',
      url: '/v1/me',
      remoteAddress,
      headers: authorization === undefined ? {} : { authorization },
    });

  it('answers every 401 with a WWW-Authenticate challenge (RFC 6750)', async () => {
    const none = await me(undefined, '10.0.0.1');
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer realm="batchyard"');
    const malformed = await me('Token abc', '10.0.0.1');
    expect(malformed.statusCode).toBe(401);
    expect(malformed.headers['www-authenticate']).toMatch(
      /^Bearer realm="batchyard", error="invalid_request", error_description="[^"]+"$/,
    );
    for (const bad of ['Bearer byk_nope', 'Bearer not.a.jwt']) {
      const res = await me(bad, '10.0.0.1');
      expect(res.statusCode).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(
        /^Bearer realm="batchyard", error="invalid_token", error_description="[^"]+"$/,
      );
    }
    const token = await server.app.inject({
      method: 'POST',
      url: '/v1/oauth/token',
      remoteAddress: '10.0.0.1',
      headers: { 'content-type': 'application/json' },
      payload: { grant_type: 'client_credentials', client_id: 'cli_nope', client_secret: 'wrong' },
    });
    expect(token.statusCode).toBe(401);
    expect(token.headers['www-authenticate']).toBe('Basic realm="batchyard"');
  });

  it('answers 429 to an address past 20 failed authentications a minute, never to a valid credential', async () => {
    const address = '10.0.0.2';
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await me(`Bearer byk_guess${i}`, address)).statusCode);
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(20).length).toBeGreaterThan(0); // .every() of nothing is true
    expect(statuses.slice(20).every((s) => s === 429)).toBe(true);

    const limited = await me('Bearer byk_again', address);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.json()).toMatchObject({ status: 429, code: 'too_many_auth_failures' });
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // The token endpoint counts too.
    const token = await server.app.inject({
      method: 'POST',
      url: '/v1/oauth/token',
      remoteAddress: address,
      headers: { 'content-type': 'application/json' },
      payload: { grant_type: 'client_credentials', client_id: 'cli_nope', client_secret: 'wrong' },
    });
    expect(token.statusCode).toBe(429);
    expect(token.json().code).toBe('too_many_auth_failures');

    // A valid credential from the same address still works, and other addresses are unaffected.
    expect((await me(`Bearer ${server.adminToken}`, address)).statusCode).toBe(200);
    expect((await me('Bearer byk_other', '10.0.0.3')).statusCode).toBe(401);
  });

  it('reads the limit from --auth-failure-limit / BATCHYARD_AUTH_FAILURES_PER_MINUTE (0: off)', () => {
    expect(loadConfig({}, {}).authFailuresPerMinute).toBe(20);
    expect(loadConfig({}, { BATCHYARD_AUTH_FAILURES_PER_MINUTE: '0' }).authFailuresPerMinute).toBe(0);
    expect(() => loadConfig({ authFailuresPerMinute: -1 }, {})).toThrow(/--auth-failure-limit/);
  });
});
