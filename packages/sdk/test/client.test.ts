import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import {
  APIError,
  AuthenticationError,
  BadRequestError,
  Batchyard,
  ConflictError,
  NotFoundError,
  Page,
  PagePromise,
  PermissionDeniedError,
  UnprocessableEntityError,
  type ApiClientWithSecret,
  type Workspace,
} from '../src/index.js';
import { recordingFetch, shiftClock, uniqueName } from './helpers.js';

describe.each(testDialects())('SDK against the real server on %s', (dialect) => {
  let server: TestServer;
  let admin: Batchyard;
  /** An instance-wide admin API client and its secret. */
  let apiClient: ApiClientWithSecret;

  beforeAll(async () => {
    // The shortest token lifetime the server allows, so that refresh timing is testable.
    server = await startTestServer(dialect, { tokenTtlSeconds: 60 });
    admin = new Batchyard({ baseUrl: server.url, token: server.adminToken });
    apiClient = await admin.clients.create({ name: 'sdk-tests', role: 'admin', workspaceId: null });
  });
  afterAll(async () => server?.close());
  afterEach(() => {
    vi.restoreAllMocks();
  });

  const viaClientCredentials = (fetchImpl?: typeof fetch, extra: { refreshSkewMs?: number } = {}) =>
    new Batchyard({
      baseUrl: server.url,
      clientCredentials: { clientId: apiClient.id, clientSecret: apiClient.clientSecret, ...extra },
      ...(fetchImpl ? { fetch: fetchImpl } : {}),
    });
  const tokenCalls = <C extends { url: URL }>(calls: C[]) =>
    calls.filter((c) => c.url.pathname === '/v1/oauth/token');

  it('done when: a client-credentials client creates, pages through and isolates resources', async () => {
    const { fetch, calls } = recordingFetch();
    const sdk = viaClientCredentials(fetch);

    const me = await sdk.me();
    expect(me).toMatchObject({
      credentialId: apiClient.id,
      kind: 'client',
      workspaceId: null,
      role: 'admin',
    });

    const ws = await sdk.workspaces.create({ name: uniqueName('done-ws') });
    expect(ws.id).toMatch(/^ws_/);
    const project = await sdk.projects.create({ workspaceId: ws.id, name: 'first', description: 'd' });
    expect(project).toMatchObject({ workspaceId: ws.id, name: 'first', description: 'd', taskSchema: null });
    for (let i = 0; i < 5; i++) await sdk.workspaces.create({ name: uniqueName(`done-more-${i}`) });
    for (let i = 2; i <= 6; i++) await sdk.projects.create({ workspaceId: ws.id, name: `p${i}` });

    // Auto-pagination over workspaces: every item, in order, once, over several pages of 2.
    const everything = (await sdk.workspaces.list({ limit: 1000 })).data.map((w) => w.id);
    expect(everything.length).toBeGreaterThanOrEqual(6);
    const before = calls.length;
    const walked: string[] = [];
    for await (const w of sdk.workspaces.list({ limit: 2 })) walked.push(w.id);
    expect(walked).toEqual(everything);
    const listCalls = calls.slice(before);
    expect(listCalls).toHaveLength(Math.ceil(everything.length / 2));
    expect(listCalls.length).toBeGreaterThan(0); // .every() of nothing is true
    expect(listCalls.every((c) => c.url.searchParams.get('limit') === '2')).toBe(true);
    expect(listCalls.slice(1).length).toBeGreaterThan(0); // .every() of nothing is true
    expect(listCalls.slice(1).every((c) => c.url.searchParams.get('cursor'))).toBe(true);

    const projectNames: string[] = [];
    for await (const p of sdk.projects.list({ workspaceId: ws.id, limit: 2 })) projectNames.push(p.name);
    expect(projectNames).toEqual(['first', 'p2', 'p3', 'p4', 'p5', 'p6']);

    // A key of another workspace sees none of it: 404, never 403.
    const other = await sdk.workspaces.create({ name: uniqueName('done-other') });
    const otherKey = await sdk.keys.create({ name: 'other', role: 'admin', workspaceId: other.id });
    expect(otherKey.token).toMatch(/^byk_/);
    const outsider = new Batchyard({ baseUrl: server.url, token: otherKey.token });
    const error = await outsider.projects.get(project.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, code: 'not_found' });
    expect((error as NotFoundError).requestId).toMatch(/\S/);
    await expect(outsider.workspaces.get(ws.id)).rejects.toBeInstanceOf(NotFoundError);
    const visible = await outsider.projects.list();
    expect(visible.data).toEqual([]);

    // The whole scenario used one access token.
    expect(tokenCalls(calls)).toHaveLength(1);
  });

  it('pages by hand with hasNextPage/getNextPage, keeping sort and fields', async () => {
    const ws = await admin.workspaces.create({ name: uniqueName('paging') });
    for (const name of ['b', 'd', 'a', 'e', 'c']) await admin.projects.create({ workspaceId: ws.id, name });

    const first = await admin.projects.list({
      workspaceId: ws.id,
      limit: 2,
      sort: 'name:desc',
      fields: ['name'],
    });
    expect(first).toBeInstanceOf(Page);
    expect(first.data).toEqual([
      { id: expect.any(String), name: 'e' },
      { id: expect.any(String), name: 'd' },
    ]);
    expect(first.hasNextPage()).toBe(true);
    const second = await first.getNextPage();
    expect(second.data.map((p) => p.name)).toEqual(['c', 'b']);
    const third = await second.getNextPage();
    expect(third.data.map((p) => p.name)).toEqual(['a']);
    expect(third.hasNextPage()).toBe(false);
    await expect(third.getNextPage()).rejects.toThrow(/last page/);

    const pages: number[] = [];
    for await (const page of admin.projects.list({ workspaceId: ws.id, limit: 2 }).iterPages()) {
      pages.push(page.data.length);
    }
    expect(pages).toEqual([2, 2, 1]);

    // The generic entry point behind every list.
    const generic = admin.getPage<{ id: string; name: string }>('/v1/projects', {
      workspaceId: ws.id,
      limit: 4,
      sort: 'name',
    });
    expect(generic).toBeInstanceOf(PagePromise);
    const names: string[] = [];
    for await (const p of generic) names.push(p.name);
    expect(names).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('retries a POST whose answer was lost with the same Idempotency-Key: one resource', async () => {
    let dropped = 0;
    const { fetch, calls } = recordingFetch(async (call, send) => {
      if (call.method !== 'POST' || dropped > 0) return undefined;
      const response = await send();
      await response.arrayBuffer();
      dropped++;
      throw new TypeError('fetch failed', { cause: new Error('socket hang up') });
    });
    const sdk = new Batchyard({ baseUrl: server.url, token: server.adminToken, fetch });
    const name = uniqueName('idem');

    const ws = await sdk.workspaces.create({ name });

    expect(dropped).toBe(1);
    expect(calls).toHaveLength(2);
    const [first, second] = calls;
    expect(first?.status).toBe(201); // the server did create it before the answer was lost
    const key = first?.headers.get('idempotency-key');
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    expect(second?.headers.get('idempotency-key')).toBe(key);
    expect(second?.responseHeaders?.get('idempotent-replayed')).toBe('true');
    const named: Workspace[] = [];
    for await (const w of admin.workspaces.list({ limit: 100 })) if (w.name === name) named.push(w);
    expect(named).toEqual([ws]);

    // Each call gets its own key; GETs carry none.
    await sdk.workspaces.update(ws.id, { name: `${name}-renamed` });
    await sdk.workspaces.get(ws.id);
    const [, , update, get] = calls;
    expect(update?.headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(update?.headers.get('idempotency-key')).not.toBe(key);
    expect(get?.headers.has('idempotency-key')).toBe(false);
    expect(get?.headers.get('x-batchyard-sdk')).toMatch(/^js\/\d+\.\d+\.\d+/);
  });

  it('replays a caller-supplied Idempotency-Key and refuses its reuse for other parameters', async () => {
    const idempotencyKey = `caller-${uniqueName('k')}`;
    const name = uniqueName('caller-key');
    const a = await admin.workspaces.create({ name }, { idempotencyKey });
    const b = await admin.workspaces.create({ name }, { idempotencyKey });
    expect(b).toEqual(a);
    const error = await admin.workspaces.create({ name: `${name}-x` }, { idempotencyKey }).catch((e) => e);
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect(error).toMatchObject({ status: 422, code: 'idempotency_key_reused' });
  });

  it('maps problem+json answers to error classes with status, code, errors and requestId', async () => {
    const { fetch, calls } = recordingFetch();
    const sdk = new Batchyard({ baseUrl: server.url, token: server.adminToken, fetch });

    const bad = await sdk.workspaces.create({ name: '' }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(BadRequestError);
    expect(bad).toBeInstanceOf(APIError);
    const badRequest = bad as BadRequestError;
    expect(badRequest.status).toBe(400);
    expect(badRequest.code).toBe('validation_failed');
    expect(badRequest.errors).toContainEqual(expect.objectContaining({ in: 'body', pointer: '/name' }));
    expect(badRequest.requestId).toBe(calls.at(-1)?.responseHeaders?.get('x-request-id'));
    expect(badRequest.requestId).toMatch(/\S/);
    expect(badRequest.problem).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(badRequest.headers.get('content-type')).toMatch(/problem\+json/);
    expect(badRequest.message).toContain('400 validation_failed');
    expect(calls).toHaveLength(1); // a 400 is not retried

    const badFields = await sdk.workspaces.list({ fields: ['nope'] }).catch((e: unknown) => e);
    expect(badFields).toBeInstanceOf(BadRequestError);
    expect((badFields as APIError).errors).toContainEqual(
      expect.objectContaining({ in: 'query', pointer: '/fields' }),
    );

    const name = uniqueName('dup');
    await sdk.workspaces.create({ name });
    const conflict = await sdk.workspaces.create({ name }).catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(ConflictError);
    expect(conflict).toMatchObject({ status: 409, code: 'name_taken' });

    const anonymous = new Batchyard({ baseUrl: server.url, token: 'byk_not_a_real_key', maxRetries: 3 });
    const unauthenticated = await anonymous.me().catch((e: unknown) => e);
    expect(unauthenticated).toBeInstanceOf(AuthenticationError);
    expect(unauthenticated).toMatchObject({ status: 401, code: 'invalid_token' });

    const ws = await sdk.workspaces.create({ name: uniqueName('viewer') });
    const viewerKey = await sdk.keys.create({ name: 'viewer', role: 'viewer', workspaceId: ws.id });
    const viewer = new Batchyard({ baseUrl: server.url, token: viewerKey.token });
    const denied = await viewer.projects.create({ name: 'nope' }).catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(PermissionDeniedError);
    expect(denied).toMatchObject({ status: 403, code: 'insufficient_role' });

    const noRoute = await sdk.request('GET', '/v1/nowhere').catch((e: unknown) => e);
    expect(noRoute).toBeInstanceOf(NotFoundError);
    expect(noRoute).toMatchObject({ status: 404, code: 'route_not_found' });
  });

  it('gets, projects fields, updates and deletes workspaces and projects', async () => {
    const ws = await admin.workspaces.create({ name: uniqueName('crud') });
    expect(await admin.workspaces.get(ws.id)).toEqual(ws);
    const projected = await admin.workspaces.get(ws.id, { fields: ['name'] });
    expect(projected).toEqual({ id: ws.id, name: ws.name });

    const renamed = await admin.workspaces.update(ws.id, { name: `${ws.name}-2` });
    expect(renamed.name).toBe(`${ws.name}-2`);

    const project = await admin.projects.create({
      workspaceId: ws.id,
      name: 'p',
      taskSchema: { type: 'object', required: ['x'] },
    });
    expect(project.taskSchema).toEqual({ type: 'object', required: ['x'] });
    const updated = await admin.projects.update(project.id, {
      description: 'now described',
      taskSchema: null,
    });
    expect(updated).toMatchObject({ description: 'now described', taskSchema: null });
    expect(await admin.projects.get(project.id, { fields: ['description'] })).toEqual({
      id: project.id,
      description: 'now described',
    });

    await expect(admin.workspaces.delete(ws.id)).rejects.toBeInstanceOf(ConflictError);
    await expect(admin.workspaces.delete(ws.id, { force: true })).resolves.toBeUndefined();
    await expect(admin.workspaces.get(ws.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(admin.projects.get(project.id)).rejects.toBeInstanceOf(NotFoundError);

    const home = await admin.workspaces.create({ name: uniqueName('lone') });
    const lone = await admin.projects.create({ workspaceId: home.id, name: 'x' });
    await expect(admin.projects.delete(lone.id)).resolves.toBeUndefined();
    await expect(admin.projects.get(lone.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('creates, lists, gets and revokes API keys and API clients', async () => {
    const ws = await admin.workspaces.create({ name: uniqueName('creds') });
    const key = await admin.keys.create({ name: 'k1', role: 'editor', workspaceId: ws.id });
    expect(key).toMatchObject({ workspaceId: ws.id, role: 'editor', revokedAt: null });
    const keyUser = new Batchyard({ baseUrl: server.url, token: key.token });
    expect((await keyUser.me()).credentialId).toBe(key.id);

    const { token: _token, ...keyWithoutToken } = key;
    // Using the key stamped lastUsedAt.
    expect(await admin.keys.get(key.id)).toEqual({ ...keyWithoutToken, lastUsedAt: expect.any(String) });
    const keyIds: string[] = [];
    for await (const k of admin.keys.list({ workspaceId: ws.id, limit: 1 })) keyIds.push(k.id);
    expect(keyIds).toEqual([key.id]);

    const revokedKey = await admin.keys.revoke(key.id);
    expect(revokedKey.id).toBe(key.id);
    expect(revokedKey.revokedAt).not.toBeNull();
    await expect(keyUser.me()).rejects.toBeInstanceOf(AuthenticationError);

    const client = await admin.clients.create({ name: 'c1', role: 'viewer', workspaceId: ws.id });
    expect(client.clientSecret).toBeTruthy();
    const { clientSecret, ...clientWithoutSecret } = client;
    expect(await admin.clients.get(client.id)).toEqual(clientWithoutSecret);
    expect((await admin.clients.list({ workspaceId: ws.id })).data.map((c) => c.id)).toEqual([client.id]);
    const clientUser = new Batchyard({
      baseUrl: server.url,
      clientCredentials: { clientId: client.id, clientSecret },
    });
    expect(await clientUser.me()).toMatchObject({ kind: 'client', role: 'viewer', workspaceId: ws.id });

    const revokedClient = await admin.clients.revoke(client.id);
    expect(revokedClient.revokedAt).not.toBeNull();
    // Its cached token is refused; the forced refresh is refused too: invalid_client.
    const refused = await clientUser.me().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AuthenticationError);
    expect(refused).toMatchObject({ status: 401, code: 'invalid_client' });
  });

  describe('access tokens', () => {
    it('fetches one token for many calls, and one for concurrent first calls', async () => {
      const { fetch, calls } = recordingFetch();
      const sdk = viaClientCredentials(fetch);
      const results = await Promise.all(Array.from({ length: 6 }, () => sdk.me()));
      expect(results.length).toBeGreaterThan(0); // .every() of nothing is true
      expect(results.every((me) => me.credentialId === apiClient.id)).toBe(true);
      await sdk.workspaces.list();
      await sdk.me();
      expect(tokenCalls(calls)).toHaveLength(1);
      expect(calls).toHaveLength(9);
      const tokenCall = tokenCalls(calls)[0];
      expect(tokenCall?.headers.has('authorization')).toBe(false);
      expect(calls.at(-1)?.headers.get('authorization')).toMatch(/^Bearer ey/);
    });

    it('refreshes ahead of expiry: at half the lifetime by default, refreshSkewMs before it otherwise', async () => {
      const { fetch, calls } = recordingFetch();
      const sdk = viaClientCredentials(fetch);
      await sdk.me();
      shiftClock(29_000);
      await sdk.me();
      expect(tokenCalls(calls)).toHaveLength(1);
      shiftClock(31_000); // 60 s tokens with the default 60 s skew: refreshed after 30 s
      await sdk.me();
      expect(tokenCalls(calls)).toHaveLength(2);
      await sdk.me();
      expect(tokenCalls(calls)).toHaveLength(2);
      vi.restoreAllMocks();

      const skewed = recordingFetch();
      const sdk2 = viaClientCredentials(skewed.fetch, { refreshSkewMs: 5_000 });
      await sdk2.me();
      shiftClock(50_000);
      await sdk2.me(); // the first token is still used, and accepted, 50 s later
      expect(tokenCalls(skewed.calls)).toHaveLength(1);
      shiftClock(56_000);
      await sdk2.me();
      expect(tokenCalls(skewed.calls)).toHaveLength(2);
      const [, firstMe, , , lastMe] = skewed.calls;
      expect(lastMe?.headers.get('authorization')).not.toBe(firstMe?.headers.get('authorization'));
    });

    it('answers a 401 on an access token with one forced refresh and a retry', async () => {
      let spoiled = 0;
      const { fetch, calls } = recordingFetch(async (call) => {
        if (call.url.pathname === '/v1/me' && spoiled === 0) {
          spoiled++;
          call.headers.set('authorization', 'Bearer not.a.token');
        }
        return undefined;
      });
      const sdk = viaClientCredentials(fetch);
      await expect(sdk.me()).resolves.toMatchObject({ credentialId: apiClient.id });
      expect(calls.map((c) => `${c.url.pathname} ${c.status}`)).toEqual([
        '/v1/oauth/token 200',
        '/v1/me 401',
        '/v1/oauth/token 200',
        '/v1/me 200',
      ]);
    });

    it('does not retry a 401 on an API key, and keeps a valid token when the refresh fails', async () => {
      const { fetch, calls } = recordingFetch();
      const bad = new Batchyard({ baseUrl: server.url, token: 'byk_bad', fetch });
      await expect(bad.me()).rejects.toBeInstanceOf(AuthenticationError);
      expect(calls).toHaveLength(1);

      let tokenEndpointDown = false;
      const flaky = recordingFetch(async (call) => {
        if (tokenEndpointDown && call.url.pathname === '/v1/oauth/token') {
          throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') });
        }
        return undefined;
      });
      const sdk = new Batchyard({
        baseUrl: server.url,
        clientCredentials: { clientId: apiClient.id, clientSecret: apiClient.clientSecret },
        fetch: flaky.fetch,
        maxRetries: 0,
      });
      await sdk.me();
      tokenEndpointDown = true;
      shiftClock(40_000);
      await expect(sdk.me()).resolves.toMatchObject({ credentialId: apiClient.id });
      expect(tokenCalls(flaky.calls)).toHaveLength(2);
    });
  });
});
