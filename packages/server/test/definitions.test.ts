import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, loadConfig, openStore, type AppWithServices } from '@batchyard/server';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { call, expectProblem, workspaceWithKey } from './helpers.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(testDialects())('job definitions on %s', (dialect) => {
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    token = (await workspaceWithKey(server.app, server.adminToken, 'defs')).token;
  });
  afterAll(async () => server?.close());

  const post = (url: string, body: object) => call(server.app, { method: 'POST', url, token, body });

  it('runs instances with parameters merged over the defaults, and lists them by status', async () => {
    const def = await post('/v1/definitions', {
      name: 'nap',
      type: 'system.sleep',
      parameters: { ms: 10, steps: 2 },
    });
    expect(def.status).toBe(201);
    expect(def.body).toMatchObject({
      name: 'nap',
      schedule: null,
      nextRunAt: null,
      enabled: true,
      parameters: { ms: 10, steps: 2 },
    });
    const run = await post(`/v1/definitions/${def.body.id}/run`, { parameters: { steps: 1 } });
    expect(run.status).toBe(202);
    expect(run.body).toMatchObject({
      definitionId: def.body.id,
      arguments: { ms: 10, steps: 1 },
      title: 'nap',
    });
    const done = await call(server.app, { method: 'GET', url: `/v1/jobs/${run.body.id}?wait=10`, token });
    expect(done.body).toMatchObject({ status: 'succeeded', progress: { percent: 100 } });
    await post(`/v1/definitions/${def.body.id}/run`, { parameters: { ms: 60_000 }, title: 'long' });

    const all = await call(server.app, {
      method: 'GET',
      url: `/v1/definitions/${def.body.id}/instances`,
      token,
    });
    expect(all.body.data.map((j: { title: string }) => j.title)).toEqual(['long', 'nap']);
    const succeeded = await call(server.app, {
      method: 'GET',
      url: `/v1/definitions/${def.body.id}/instances?status=succeeded`,
      token,
    });
    expect(succeeded.body.data.map((j: { id: string }) => j.id)).toEqual([run.body.id]);
    const future = await call(server.app, {
      method: 'GET',
      url: `/v1/definitions/${def.body.id}/instances?createdAfter=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
      token,
    });
    expect(future.body.data).toEqual([]);
  });

  it('answers 429 with Retry-After when a throttle would be exceeded, and creates nothing', async () => {
    const running = await post('/v1/definitions', {
      name: 'one-at-a-time',
      type: 'system.sleep',
      parameters: { ms: 30_000 },
      maxRunning: 1,
    });
    expect((await post(`/v1/definitions/${running.body.id}/run`, {})).status).toBe(202);
    const second = await post(`/v1/definitions/${running.body.id}/run`, {});
    expectProblem(second, 429, 'definition_throttled');
    expect(Number(second.headers['retry-after'])).toBeGreaterThan(0);

    const hourly = await post('/v1/definitions', {
      name: 'twice-an-hour',
      type: 'system.noop',
      maxStartsPerHour: 2,
    });
    expect((await post(`/v1/definitions/${hourly.body.id}/run`, {})).status).toBe(202);
    expect((await post(`/v1/definitions/${hourly.body.id}/run`, {})).status).toBe(202);
    const third = await post(`/v1/definitions/${hourly.body.id}/run`, {});
    expectProblem(third, 429, 'definition_throttled');
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(3500);
    const instances = await call(server.app, {
      method: 'GET',
      url: `/v1/definitions/${hourly.body.id}/instances`,
      token,
    });
    expect(instances.body.data).toHaveLength(2);
  });

  it('rejects bad definitions and runs with the field at fault', async () => {
    expectProblem(await post('/v1/definitions', { name: 'x', type: 'nope.nope' }), 400, 'unknown_job_type', {
      in: 'body',
      pointer: '/type',
    });
    expectProblem(
      await post('/v1/definitions', { name: 'x', type: 'system.sleep', parameters: { ms: 'soon' } }),
      400,
      'validation_failed',
      {
        in: 'body',
        pointer: '/parameters/ms',
      },
    );
    expectProblem(
      await post('/v1/definitions', { name: 'x', type: 'system.noop', schedule: 'every tuesday' }),
      400,
      'validation_failed',
      {
        in: 'body',
        pointer: '/schedule',
      },
    );
    expectProblem(
      await post('/v1/definitions', {
        name: 'x',
        type: 'system.noop',
        schedule: '0 3 * * *',
        timezone: 'Mars/Olympus',
      }),
      400,
      'validation_failed',
      { in: 'body', pointer: '/timezone' },
    );
    // Defaults may omit a required argument; the run must then supply it.
    const partial = await post('/v1/definitions', { name: 'needs-ms', type: 'system.sleep' });
    expect(partial.status).toBe(201);
    expectProblem(await post(`/v1/definitions/${partial.body.id}/run`, {}), 400, 'validation_failed', {
      in: 'body',
      pointer: '/parameters/ms',
    });
    expectProblem(
      await post(`/v1/definitions/${partial.body.id}/run`, { parameters: { ms: -1 } }),
      400,
      'validation_failed',
      {
        in: 'body',
        pointer: '/parameters/ms',
      },
    );
    expectProblem(
      await post('/v1/definitions', { name: 'needs-ms', type: 'system.noop' }),
      409,
      'name_taken',
    );
    const other = (await workspaceWithKey(server.app, server.adminToken, 'defs-other')).token;
    expectProblem(
      await call(server.app, {
        method: 'POST',
        url: `/v1/definitions/${partial.body.id}/run`,
        token: other,
        body: {},
      }),
      404,
      'not_found',
    );
  });

  it('fires a cron schedule once per tick even when several schedulers race', async () => {
    const def = await post('/v1/definitions', {
      name: 'every-second',
      type: 'system.noop',
      schedule: '* * * * * *',
    });
    expect(def.body.nextRunAt).not.toBeNull();
    let second: AppWithServices | undefined;
    let secondStore;
    if (dialect === 'postgres') {
      // A second process on the same database, with its own scheduler.
      secondStore = openStore(server.databaseUrl, { poolSize: 2 });
      second = await buildApp({
        config: loadConfig({ dataDir: server.dataDir, logLevel: 'silent', jwtSecret: 'x'.repeat(32) }, {}),
        store: secondStore,
        logger: false,
      });
      await second.ready();
    }
    // Meanwhile, extra racers call the scheduler directly, until two ticks have fired (however long
    // a loaded machine takes to get there).
    const firstFire = Date.now();
    const instanceCount = async () =>
      (
        await call(server.app, {
          method: 'GET',
          url: `/v1/definitions/${def.body.id}/instances?limit=100`,
          token,
        })
      ).body.data.length as number;
    const deadline = Date.now() + 60_000;
    do {
      await Promise.all(Array.from({ length: 4 }, () => server.app.services.definitions.fireDue()));
      await sleep(250);
    } while ((await instanceCount()) < 2 && Date.now() < deadline);
    await call(server.app, {
      method: 'PATCH',
      url: `/v1/definitions/${def.body.id}`,
      token,
      body: { enabled: false },
    });
    await second?.close();
    await secondStore?.close();

    const instances = await call(server.app, {
      method: 'GET',
      url: `/v1/definitions/${def.body.id}/instances?limit=100`,
      token,
    });
    const ticks = instances.body.data.map((j: { createdAt: string }) =>
      Math.floor(Date.parse(j.createdAt) / 1000),
    );
    expect(instances.body.data.length).toBeGreaterThanOrEqual(2);
    // At most one instance per second that passed while the schedule was on (measured, not assumed),
    // each at its own tick, however many schedulers raced for it.
    const secondsOn = Math.ceil((Date.now() - firstFire) / 1000) + 1;
    expect(instances.body.data.length).toBeLessThanOrEqual(secondsOn);
    expect(new Set(ticks).size).toBe(ticks.length);
  });

  it('previews the next fire times of a schedule as the scheduler will fire them', async () => {
    const get = (query: string) =>
      call(server.app, { method: 'GET', url: `/v1/definitions/schedule-preview?${query}`, token });
    const after = '2026-03-28T12:00:00.000Z';
    // Paris moves to summer time on 29 March 2026: 02:30 does not exist that day, and croner fires
    // it when the clock jumps (03:00 local, 01:00 UTC), which is what the preview must show.
    const paris = await get(
      `schedule=${encodeURIComponent('30 2 * * *')}&timezone=Europe/Paris&after=${after}&count=3`,
    );
    expect(paris.status).toBe(200);
    expect(paris.body).toEqual({
      schedule: '30 2 * * *',
      timezone: 'Europe/Paris',
      times: ['2026-03-29T01:00:00.000Z', '2026-03-30T00:30:00.000Z', '2026-03-31T00:30:00.000Z'],
    });
    const utc = await get(`schedule=${encodeURIComponent('*/20 * * * *')}&after=${after}`);
    expect(utc.body).toEqual({
      schedule: '*/20 * * * *',
      timezone: 'UTC',
      times: [
        '2026-03-28T12:20:00.000Z',
        '2026-03-28T12:40:00.000Z',
        '2026-03-28T13:00:00.000Z',
        '2026-03-28T13:20:00.000Z',
        '2026-03-28T13:40:00.000Z',
      ],
    });

    // The first time equals what a definition saved with the schedule gets as nextRunAt.
    const before = await get(`schedule=${encodeURIComponent('0 3 * * 1')}&timezone=Asia/Tokyo`);
    const def = await post('/v1/definitions', {
      name: 'weekly-preview',
      type: 'system.noop',
      schedule: '0 3 * * 1',
      timezone: 'Asia/Tokyo',
    });
    expect(def.body.nextRunAt).toBe(before.body.times[0]);
    expect(before.body.times).toHaveLength(5);

    // Never fires: no times, not an error.
    expect((await get(`schedule=${encodeURIComponent('0 0 30 2 *')}`)).body.times).toEqual([]);

    expectProblem(await get(`schedule=${encodeURIComponent('61 * * * *')}`), 400, 'validation_failed', {
      in: 'query',
      pointer: '/schedule',
    });
    expectProblem(
      await get(`schedule=${encodeURIComponent('0 3 * * *')}&timezone=Mars/Olympus`),
      400,
      'validation_failed',
      { in: 'query', pointer: '/timezone' },
    );
    expectProblem(await get('schedule=x'), 400, 'validation_failed', { in: 'query', pointer: '/schedule' });
    expect(
      (await call(server.app, { method: 'GET', url: '/v1/definitions/schedule-preview?schedule=0+3+*+*+*' }))
        .status,
    ).toBe(401);
  });

  it('lists which job types are internal (definitions refuse them)', async () => {
    const types = await call(server.app, { method: 'GET', url: '/v1/job-types', token });
    const byName = new Map(
      (types.body.data as { name: string; internal: boolean }[]).map((t) => [t.name, t.internal]),
    );
    expect(byName.get('system.sleep')).toBe(false);
    const internal = [...byName].filter(([, isInternal]) => isInternal).map(([name]) => name);
    expect(internal.length).toBeGreaterThan(0);
    const refused = await post('/v1/definitions', { name: 'internal', type: internal[0]! });
    expect(refused.status).toBeGreaterThanOrEqual(400);
  });
});
