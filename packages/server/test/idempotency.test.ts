import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, loadConfig, type AppWithServices } from '@batchyard/server';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { call, expectProblem, workspaceWithKey } from './helpers.js';

describe.each(testDialects())('Idempotency-Key on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(async () => server?.close());

  const post = (name: string, key: string, token = server.adminToken) =>
    call(server.app, {
      method: 'POST',
      url: '/v1/workspaces',
      token,
      body: { name },
      headers: { 'idempotency-key': key },
    });
  const countNamed = async (name: string) =>
    (
      await call(server.app, { method: 'GET', url: '/v1/workspaces?limit=1000', token: server.adminToken })
    ).body.data.filter((w: { name: string }) => w.name === name).length;

  it('replays the stored response for the same request and creates one resource', async () => {
    const first = await post('idem-1', 'k-1');
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await post('idem-1', 'k-1');
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(again.headers['content-type']).toMatch(/application\/json/);
    expect(await countNamed('idem-1')).toBe(1);
  });

  it('lets a retry take over the claim of a request whose process died, once the claim is stale', async () => {
    // A claim as a process leaves it when it dies mid-request: no answer stored, and no longer
    // refreshed (live processes refresh theirs every 10 s; stale after 35 s).
    const me = await call(server.app, { method: 'GET', url: '/v1/me', token: server.adminToken });
    const scope = me.body.credentialId as string;
    const claimOf = (name: string, key: string, age: number) => ({
      scope,
      key,
      request_hash: createHash('sha256')
        .update(`POST /v1/workspaces\n${JSON.stringify({ name })}`)
        .digest('hex'),
      created_at: Date.now() - age,
      expires_at: Date.now() + 3_600_000,
      response_status: null,
      response_headers: null,
      response_body: null,
    });
    await server.store.db
      .insertInto('idempotency_keys')
      .values([claimOf('idem-dead', 'k-dead', 40_000), claimOf('idem-busy', 'k-busy', 5_000)])
      .execute();
    const retried = await post('idem-dead', 'k-dead');
    expect(retried.status).toBe(201);
    expect(await countNamed('idem-dead')).toBe(1);
    expectProblem(await post('idem-busy', 'k-busy'), 409, 'idempotency_key_in_use');
    expect(await countNamed('idem-busy')).toBe(0);
  });

  it('answers 422 when the key is reused with other parameters, and changes nothing', async () => {
    await post('idem-2', 'k-2');
    expectProblem(await post('idem-2-other', 'k-2'), 422, 'idempotency_key_reused');
    expect(await countNamed('idem-2-other')).toBe(0);
    const del = await call(server.app, {
      method: 'DELETE',
      url: '/v1/workspaces/ws_x',
      token: server.adminToken,
      headers: { 'idempotency-key': 'k-2' },
    });
    expectProblem(del, 422, 'idempotency_key_reused');
  });

  it('covers the body as sent: the same bytes replay, the same value written otherwise is a 422', async () => {
    const raw = (body: string) =>
      call(server.app, {
        method: 'POST',
        url: '/v1/workspaces',
        token: server.adminToken,
        body,
        headers: { 'idempotency-key': 'k-bytes' },
      });
    const first = await raw('{"name":"idem-bytes"}');
    expect(first.status).toBe(201);
    const again = await raw('{"name":"idem-bytes"}');
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expectProblem(await raw('{ "name": "idem-bytes" }'), 422, 'idempotency_key_reused');
    expect(await countNamed('idem-bytes')).toBe(1);
  });

  it('replays an answer stored before bodies were hashed as bytes (the parsed body written out again)', async () => {
    const me = await call(server.app, { method: 'GET', url: '/v1/me', token: server.adminToken });
    const stored = { id: 'ws_stored_before', name: 'idem-legacy' };
    await server.store.db
      .insertInto('idempotency_keys')
      .values({
        scope: me.body.credentialId as string,
        key: 'k-legacy',
        request_hash: createHash('sha256')
          .update(`POST /v1/workspaces\n${JSON.stringify({ name: 'idem-legacy' })}`)
          .digest('hex'),
        created_at: Date.now() - 60_000,
        expires_at: Date.now() + 3_600_000,
        response_status: 201,
        response_headers: JSON.stringify({ 'content-type': 'application/json; charset=utf-8' }),
        response_body: JSON.stringify(stored),
      })
      .execute();
    const replay = await call(server.app, {
      method: 'POST',
      url: '/v1/workspaces',
      token: server.adminToken,
      body: '{ "name" : "idem-legacy" }',
      headers: { 'idempotency-key': 'k-legacy' },
    });
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(stored);
    expect(await countNamed('idem-legacy')).toBe(0);
    const other = await call(server.app, {
      method: 'POST',
      url: '/v1/workspaces',
      token: server.adminToken,
      body: { name: 'idem-legacy-other' },
      headers: { 'idempotency-key': 'k-legacy' },
    });
    expectProblem(other, 422, 'idempotency_key_reused');
  });

  it('replays errors too, but never consumes a key on a request that failed validation', async () => {
    const conflict1 = await post('idem-3', 'k-3a');
    expect(conflict1.status).toBe(201);
    const dup = await post('idem-3', 'k-3b');
    expectProblem(dup, 409, 'name_taken');
    const dupAgain = await post('idem-3', 'k-3b');
    expect(dupAgain.headers['idempotent-replayed']).toBe('true');
    expect(dupAgain.body.code).toBe('name_taken');

    const invalid = await call(server.app, {
      method: 'POST',
      url: '/v1/workspaces',
      token: server.adminToken,
      body: { name: 5 },
      headers: { 'idempotency-key': 'k-3c' },
    });
    expectProblem(invalid, 400, 'validation_failed');
    expect((await post('idem-3c', 'k-3c')).status).toBe(201);
  });

  it('keeps keys per credential and rejects empty or over-long keys', async () => {
    const other = await call(server.app, {
      method: 'POST',
      url: '/v1/keys',
      token: server.adminToken,
      body: { name: 'second admin', role: 'admin', workspaceId: null },
    });
    await post('idem-4a', 'shared');
    const second = await post('idem-4b', 'shared', other.body.token);
    expect(second.status).toBe(201);
    expect(second.headers['idempotent-replayed']).toBeUndefined();
    expectProblem(await post('idem-5', 'x'.repeat(256)), 400, 'invalid_idempotency_key');
    expect(await countNamed('idem-5')).toBe(0);
  });

  it('lets one of two concurrent identical requests run; the other waits its turn or replays', async () => {
    const results = await Promise.all([post('idem-6', 'k-6'), post('idem-6', 'k-6'), post('idem-6', 'k-6')]);
    for (const r of results) {
      if (r.status === 409) expect(r.body.code).toBe('idempotency_key_in_use');
      else expect(r.status).toBe(201);
    }
    expect(results.filter((r) => r.status === 201 && !r.headers['idempotent-replayed'])).toHaveLength(1);
    expect(await countNamed('idem-6')).toBe(1);
  });

  it('fingerprints a streamed upload: another file under the same key is a 422, the same file a replay', async () => {
    const { app, adminToken } = server;
    const { token } = await workspaceWithKey(app, adminToken, 'idem-upload');
    const project = await call(app, { method: 'POST', url: '/v1/projects', token, body: { name: 'p' } });
    const dataset = await call(app, {
      method: 'POST',
      url: '/v1/datasets',
      token,
      body: { projectId: project.body.id, name: 'd', columns: [{ name: 'n', type: 'numeric' }] },
    });
    expect(dataset.status).toBe(201);
    const upload = async (rows: number[], key: string) => {
      const res = await fetch(`${server.url}/v1/datasets/${dataset.body.id}/batches/upload?name=up`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/x-ndjson',
          'idempotency-key': key,
        },
        body: rows.map((n) => JSON.stringify({ n })).join('\n'),
      });
      return { status: res.status, headers: res.headers, body: (await res.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
    };
    const batches = async () =>
      (await call(app, { method: 'GET', url: `/v1/datasets/${dataset.body.id}/batches`, token })).body.data;

    const first = await upload([1, 2, 3], 'up-1');
    expect(first.status).toBe(202);
    expect(first.body.result.rowCount).toBe(3);
    expect(await batches()).toHaveLength(1);

    const other = await upload([7, 8], 'up-1');
    expect({ status: other.status, code: other.body.code }).toEqual({
      status: 422,
      code: 'idempotency_key_reused',
    });
    expect(await batches()).toHaveLength(1);

    const again = await upload([1, 2, 3], 'up-1');
    expect(again.status).toBe(202);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await batches()).toHaveLength(1);

    // A new key is a new upload.
    expect((await upload([7, 8], 'up-2')).status).toBe(202);
    expect(await batches()).toHaveLength(2);
  });

  it('never stores a created secret in clear: a replay by this process gets it back, another gets null', async () => {
    const { app, store, adminToken } = server;
    const { token: wsAdmin } = await workspaceWithKey(app, adminToken, 'idem-secrets');
    const project = await call(app, {
      method: 'POST',
      url: '/v1/projects',
      token: wsAdmin,
      body: { name: 'p' },
    });
    const creations = [
      { url: '/v1/keys', body: { name: 'ci', role: 'viewer' }, field: 'token' },
      { url: '/v1/clients', body: { name: 'etl', role: 'editor' }, field: 'clientSecret' },
      {
        url: '/v1/webhooks',
        body: { projectId: project.body.id, url: 'https://hooks.example.com/by', events: ['job.finished'] },
        field: 'secret',
      },
    ];
    // Another API process on the same database: its own sealing key.
    const other: AppWithServices = await buildApp({
      config: loadConfig(
        { dataDir: server.dataDir, logLevel: 'silent', worker: false, jwtSecret: 'x'.repeat(32) },
        {},
      ),
      store,
      logger: false,
    });
    await other.ready();
    try {
      for (const [i, { url, body, field }] of creations.entries()) {
        const send = (target: AppWithServices) =>
          call(target, {
            method: 'POST',
            url,
            token: wsAdmin,
            body,
            headers: { 'idempotency-key': `secret-${i}` },
          });
        const first = await send(app);
        expect(first.status, url).toBe(201);
        const secret = first.body[field] as string;
        expect(secret.length).toBeGreaterThan(10);

        const rows = await store.db
          .selectFrom('idempotency_keys')
          .selectAll()
          .where('key', '=', `secret-${i}`)
          .execute();
        expect(rows).toHaveLength(1);
        expect(JSON.stringify(rows)).not.toContain(secret);
        expect(JSON.stringify(rows)).not.toContain(secret.slice(-16));

        const replay = await send(app);
        expect(replay.headers['idempotent-replayed']).toBe('true');
        expect(replay.headers['idempotent-secret-withheld']).toBeUndefined();
        expect(replay.body).toEqual(first.body);

        const elsewhere = await send(other);
        expect(elsewhere.status).toBe(201);
        expect(elsewhere.headers['idempotent-replayed']).toBe('true');
        expect(elsewhere.headers['idempotent-secret-withheld']).toBe(field);
        expect(elsewhere.body).toEqual({ ...first.body, [field]: null });
      }
    } finally {
      await other.close();
    }
  });
});

describe.each(testDialects())('secrets in logs on %s', (dialect) => {
  it('redacts a client secret sent in the query string of the token endpoint', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const { createTestStore } = await import('../../../test/support/index.js');
    const { store, url, drop } = await createTestStore(dialect);
    const dataDir = mkdtempSync(join(tmpdir(), 'batchyard-data-'));
    const app = await buildApp({
      config: loadConfig({ dataDir, databaseUrl: url, logLevel: 'info', jwtSecret: 'x'.repeat(32) }, {}),
      store,
      logger: { level: 'info', stream },
    });
    try {
      const adminToken = (await app.services.credentials.bootstrapAdminKey())!;
      const client = await call(app, {
        method: 'POST',
        url: '/v1/clients',
        token: adminToken,
        body: { name: 'q', role: 'viewer', workspaceId: null },
        headers: { 'idempotency-key': 'log-1' },
      });
      const secret = client.body.clientSecret as string;
      const res = await app.inject({
        method: 'POST',
        url: `/v1/oauth/token?grant_type=client_credentials&client_id=${client.body.id}&client_secret=${encodeURIComponent(secret)}`,
        headers: { 'content-type': 'application/json' },
        payload: { grant_type: 'client_credentials', client_id: client.body.id, client_secret: secret },
      });
      // Credentials belong in the body (RFC 6749 §2.3.1): the query's are refused as unknown
      // parameters, and the request line that logged them does not show the secret.
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'validation_failed' });
      const text = lines.join('');
      expect(text).toContain('/v1/oauth/token?grant_type=client_credentials');
      expect(text).toContain('client_secret=[redacted]');
      expect(text).not.toContain(secret);
      expect(text).not.toContain(encodeURIComponent(secret));
    } finally {
      await app.close();
      await drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
