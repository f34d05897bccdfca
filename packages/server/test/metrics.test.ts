import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, loadConfig, NonRetryableError, type JobTypeDefinition } from '@batchyard/server';
import {
  createTestStore,
  startTestServer,
  testDialects,
  type TestServer,
} from '../../../test/support/index.js';
import { call, expectProblem, finishedJob, workspaceWithKey } from './helpers.js';

const jobTypes: JobTypeDefinition[] = [
  { name: 'test.ok', description: 'Succeeds.', handler: async () => ({ ok: true }) },
  {
    name: 'test.fail',
    description: 'Fails for good, logging first.',
    handler: async (ctx) => {
      ctx.log.info({ step: 'before-failing' }, 'about to fail');
      throw new NonRetryableError('nope', { code: 'bad_input' });
    },
  },
];

/** The value of one series in Prometheus text output, or undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[3]);
  }
  return undefined;
}

describe.each(testDialects())('metrics on %s', (dialect) => {
  let server: TestServer;
  let token: string;
  let workerToken: string;

  beforeAll(async () => {
    server = await startTestServer(dialect, {}, { jobTypes });
    ({ token } = await workspaceWithKey(server.app, server.adminToken, 'metrics'));
    workerToken = (
      await call(server.app, { method: 'POST', url: '/v1/keys', token, body: { name: 'w', role: 'worker' } })
    ).body.token;
  });
  afterAll(async () => server?.close());

  const scrape = async () => {
    const res = await call(server.app, { method: 'GET', url: '/metrics' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text;
  };

  it('reports job counts, durations, queues, HTTP durations by route and the store', async () => {
    const app = server.app;
    const create = (body: object) => call(app, { method: 'POST', url: '/v1/jobs', token, body });
    const ok = await create({ type: 'test.ok' });
    const failed = await create({ type: 'test.fail' });
    expect((await finishedJob(app, token, ok.body.id)).status).toBe('succeeded');
    expect((await finishedJob(app, token, failed.body.id)).status).toBe('failed');

    // Remote types: one completed by a remote worker, two left queued (one due 90 s ago, one later).
    for (const name of ['ext.done', 'ext.waiting'])
      expect((await call(app, { method: 'PUT', url: `/v1/job-types/${name}`, token, body: {} })).status).toBe(
        200,
      );
    const remote = await create({ type: 'ext.done' });
    const claimed = await call(app, {
      method: 'POST',
      url: '/v1/workers/claim',
      token: workerToken,
      body: { types: ['ext.done'], workerId: 'w1' },
    });
    expect(claimed.body.data.map((j: { id: string }) => j.id)).toEqual([remote.body.id]);
    const completed = await call(app, {
      method: 'POST',
      url: `/v1/jobs/${remote.body.id}/complete`,
      token: workerToken,
      body: { workerId: 'w1', result: { fine: true } },
    });
    expect(completed.status).toBe(200);
    await create({ type: 'ext.waiting', runAt: new Date(Date.now() - 90_000).toISOString() });
    await create({ type: 'ext.waiting', runAt: new Date(Date.now() + 3_600_000).toISOString() });

    // Requests on a parameterised route: the label is the pattern, not the URL.
    await call(app, { method: 'GET', url: `/v1/jobs/${ok.body.id}`, token });
    await call(app, { method: 'GET', url: '/v1/jobs/job_doesnotexist', token });
    await call(app, { method: 'POST', url: '/v1/no/such/route', token, body: {} });

    const text = await scrape();
    const jobs = (type: string, status: string) => sample(text, 'batchyard_jobs', { type, status });
    expect(jobs('test.ok', 'succeeded')).toBe(1);
    expect(jobs('test.ok', 'failed')).toBe(0);
    expect(jobs('test.fail', 'failed')).toBe(1);
    // Custom types are named by tenants: a public scrape shows them only as `custom`.
    expect(jobs('custom', 'succeeded')).toBe(1);
    expect(jobs('custom', 'queued')).toBe(2);
    expect(text).not.toContain('ext.done');
    expect(text).not.toContain('ext.waiting');

    const durations = (type: string, status: string) =>
      sample(text, 'batchyard_job_duration_seconds_count', { type, status });
    expect(durations('test.ok', 'succeeded')).toBe(1);
    expect(durations('test.fail', 'failed')).toBe(1);
    expect(durations('custom', 'succeeded')).toBe(1);
    expect(sample(text, 'batchyard_job_duration_seconds_bucket', { type: 'test.ok', le: '+Inf' })).toBe(1);

    // Only the due one counts; its age is about 90 s on the database clock.
    expect(sample(text, 'batchyard_queue_depth', { type: 'custom' })).toBe(1);
    const age = sample(text, 'batchyard_queue_oldest_age_seconds', { type: 'custom' })!;
    expect(age).toBeGreaterThanOrEqual(85);
    expect(age).toBeLessThan(150);
    expect(sample(text, 'batchyard_queue_depth', { type: 'test.ok' })).toBe(0);

    const http = (labels: Record<string, string>) =>
      sample(text, 'batchyard_http_request_duration_seconds_count', labels);
    expect(http({ method: 'GET', route: '/v1/jobs/:id', status_code: '200' })).toBeGreaterThanOrEqual(1);
    expect(http({ method: 'GET', route: '/v1/jobs/:id', status_code: '404' })).toBe(1);
    expect(http({ method: 'POST', route: '/v1/jobs', status_code: '202' })).toBeGreaterThanOrEqual(5);
    expect(http({ method: 'POST', route: 'unmatched', status_code: '404' })).toBe(1);
    expect(text).not.toContain('/v1/no/such/route');
    expect(text).not.toContain(ok.body.id);
    expect(text).not.toContain('job_doesnotexist');

    expect(sample(text, 'batchyard_store_up')).toBe(1);
    if (dialect === 'postgres') {
      expect(sample(text, 'batchyard_store_connections', { dialect, state: 'total' })).toBeGreaterThan(0);
      expect(sample(text, 'batchyard_store_connections', { dialect, state: 'waiting' })).toBe(0);
    } else {
      expect(sample(text, 'batchyard_store_connections', { dialect, state: 'total' })).toBe(1);
      expect(sample(text, 'batchyard_store_connections', { dialect, state: 'idle' })).toBe(1);
    }
    // prom-client's process defaults.
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(sample(text, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
  });

  it('is absent from the OpenAPI document, like /healthz', async () => {
    const doc = await call(server.app, { method: 'GET', url: '/openapi.json' });
    expect(Object.keys(doc.body.paths)).not.toContain('/metrics');
  });
});

describe.each(testDialects())('metrics access on %s', (dialect) => {
  let server: TestServer;
  afterAll(async () => server?.close());

  it('requires the metrics token when one is configured', async () => {
    server = await startTestServer(dialect, { metricsToken: 'scrape-secret-0123456789' });
    const app = server.app;
    const missing = await call(app, { method: 'GET', url: '/metrics' });
    expectProblem(missing, 401, 'unauthenticated');
    expect(missing.headers['www-authenticate']).toBe('Bearer realm="batchyard"');
    const wrong = await call(app, { method: 'GET', url: '/metrics', token: 'wrong-secret-0123456789' });
    expectProblem(wrong, 401, 'invalid_token');
    expect(wrong.headers['www-authenticate']).toMatch(/^Bearer realm="batchyard", error="invalid_token"/);
    // An API key is not the metrics token either.
    expectProblem(
      await call(app, { method: 'GET', url: '/metrics', token: server.adminToken }),
      401,
      'invalid_token',
    );
    const { token } = await workspaceWithKey(app, server.adminToken, 'metrics-named');
    expect(
      (await call(app, { method: 'PUT', url: '/v1/job-types/tenant.secret-name', token, body: {} })).status,
    ).toBe(200);
    expect(
      (await call(app, { method: 'POST', url: '/v1/jobs', token, body: { type: 'tenant.secret-name' } }))
        .status,
    ).toBe(202);
    const res = await call(app, { method: 'GET', url: '/metrics', token: 'scrape-secret-0123456789' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('batchyard_jobs');
    // Behind the token, custom types keep their names.
    expect(sample(res.text, 'batchyard_jobs', { type: 'tenant.secret-name', status: 'queued' })).toBe(1);
    expect(sample(res.text, 'batchyard_jobs', { type: 'custom', status: 'queued' })).toBeUndefined();
    // /healthz stays public.
    expect((await call(app, { method: 'GET', url: '/healthz' })).status).toBe(200);
  });
});

describe('metrics configuration', () => {
  it('reads the token and the switch from flags and environment', () => {
    expect(loadConfig({}, {})).toMatchObject({ metrics: true });
    expect(loadConfig({}, {}).metricsToken).toBeUndefined();
    expect(
      loadConfig({}, { BATCHYARD_METRICS: 'off', BATCHYARD_METRICS_TOKEN: 'x'.repeat(20) }),
    ).toMatchObject({ metrics: false, metricsToken: 'x'.repeat(20) });
    expect(() => loadConfig({ metricsToken: 'short' }, {})).toThrow(/--metrics-token/);
  });

  it('serves no /metrics when turned off', async () => {
    const server = await startTestServer('sqlite', { metrics: false });
    try {
      expectProblem(await call(server.app, { method: 'GET', url: '/metrics' }), 404, 'route_not_found');
    } finally {
      await server.close();
    }
  });
});

describe.each(testDialects())('structured logs on %s', (dialect) => {
  it('carry the request id and workspace on request lines, and the job on job lines', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n')) if (line) lines.push(JSON.parse(line));
        done();
      },
    });
    const { store, url, drop } = await createTestStore(dialect);
    const dataDir = mkdtempSync(join(tmpdir(), 'batchyard-data-'));
    const app = await buildApp({
      config: loadConfig({ dataDir, databaseUrl: url, logLevel: 'info', jwtSecret: 'x'.repeat(32) }, {}),
      store,
      logger: { level: 'info', stream },
      jobTypes,
    });
    try {
      const adminToken = (await app.services.credentials.bootstrapAdminKey())!;
      const { token, workspace } = await workspaceWithKey(app, adminToken, 'logs');
      const res = await call(app, {
        method: 'POST',
        url: '/v1/jobs',
        token,
        body: { type: 'test.fail' },
        headers: { 'x-request-id': 'req-logged-1' },
      });
      expect(res.status).toBe(202);
      expect((await finishedJob(app, token, res.body.id)).status).toBe('failed');

      const completed = lines.find((l) => l.reqId === 'req-logged-1' && l.msg === 'request completed');
      expect(completed).toMatchObject({ reqId: 'req-logged-1', workspaceId: workspace.id });
      // The handler's own line and the engine's line about the failure both name the job.
      const binding = { jobId: res.body.id, jobType: 'test.fail', workspaceId: workspace.id, attempt: 1 };
      expect(lines.find((l) => l.msg === 'about to fail')).toMatchObject({
        ...binding,
        step: 'before-failing',
      });
      expect(lines.find((l) => l.msg === 'job failed')).toMatchObject({ ...binding, status: 'failed' });
    } finally {
      await app.close();
      await drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
