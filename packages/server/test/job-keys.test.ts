import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobTypeDefinition } from '@batchyard/server';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { call, expectProblem, finishedJob, workspaceWithKey } from './helpers.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the handlers saw: per key, how many ran at once at most, and when each started. */
const seen = {
  running: new Map<string, number>(),
  peak: new Map<string, number>(),
  starts: new Map<string, number[]>(),
};
const track = (ms: number) => async (ctx: any) => {
  const key = `${ctx.type}/${String(ctx.arguments.key ?? '')}`;
  const now = (seen.running.get(key) ?? 0) + 1;
  seen.running.set(key, now);
  seen.peak.set(key, Math.max(seen.peak.get(key) ?? 0, now));
  seen.starts.set(key, [...(seen.starts.get(key) ?? []), Date.now()]);
  await sleep(ms);
  seen.running.set(key, (seen.running.get(key) ?? 1) - 1);
  return { ok: true };
};

const types: JobTypeDefinition[] = [
  {
    name: 'test.keyed2',
    description: 'Two per key.',
    handler: track(60),
    concurrency: 10,
    keyLimits: { maxRunning: 2 },
  },
  { name: 'test.keyed', description: 'Default limit.', handler: track(40), concurrency: 10 },
  {
    name: 'test.rated',
    description: 'Three starts per second per key.',
    handler: track(5),
    concurrency: 10,
    keyLimits: { maxRunning: 10, rate: { max: 3, windowMs: 1000 } },
  },
];

describe.each(testDialects())('per-key concurrency and rate limits on %s', (dialect) => {
  let server: TestServer;
  let a: { workspace: { id: string }; token: string };
  let b: { workspace: { id: string }; token: string };
  let workerToken: string;

  beforeAll(async () => {
    for (const map of Object.values(seen)) map.clear();
    server = await startTestServer(dialect, {}, { jobTypes: types });
    a = await workspaceWithKey(server.app, server.adminToken, 'keys-a');
    b = await workspaceWithKey(server.app, server.adminToken, 'keys-b');
    workerToken = (
      await call(server.app, {
        method: 'POST',
        url: '/v1/keys',
        token: a.token,
        body: { name: 'w', role: 'worker' },
      })
    ).body.token;
  });
  afterAll(async () => server?.close());

  const create = async (token: string, body: object) => {
    const res = await call(server.app, { method: 'POST', url: '/v1/jobs', token, body });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    return res.body;
  };
  const get = async (id: string, token = a.token) =>
    (await call(server.app, { method: 'GET', url: `/v1/jobs/${id}`, token })).body;
  const claim = async (type: string, limit = 10) =>
    (
      await call(server.app, {
        method: 'POST',
        url: '/v1/workers/claim',
        token: workerToken,
        body: { types: [type], workerId: 'w1', waitSeconds: 0, limit },
      })
    ).body.data as any[];
  const complete = (id: string) =>
    call(server.app, {
      method: 'POST',
      url: `/v1/jobs/${id}/complete`,
      token: workerToken,
      body: { workerId: 'w1', result: {} },
    });

  it('runs at most the limit of one key at once, keys side by side, unkeyed jobs unhindered', async () => {
    // Paused while they are created, so every key has its whole backlog queued when claims start,
    // however slowly a loaded machine creates them (one at a time, a key's jobs could each end
    // before the next was created, and the limit would never be reached).
    const toggle = (name: string, action: 'pause' | 'resume') =>
      call(server.app, {
        method: 'POST',
        url: `/v1/job-types/${name}/${action}`,
        token: a.token,
        body: {},
      }).then((res) => expect(res.status, JSON.stringify(res.body)).toBe(200));
    for (const name of ['test.keyed2', 'test.keyed']) await toggle(name, 'pause');
    const jobs = [];
    for (let i = 0; i < 8; i++) {
      for (const key of ['a', 'b'])
        jobs.push(await create(a.token, { type: 'test.keyed2', concurrencyKey: key, arguments: { key } }));
      jobs.push(
        await create(a.token, { type: 'test.keyed', concurrencyKey: 'one', arguments: { key: 'one' } }),
      );
    }
    const free = await create(a.token, { type: 'test.keyed2', arguments: { key: 'free' } });
    expect(jobs[0]).toMatchObject({ concurrencyKey: 'a' });
    expect(free).toMatchObject({ concurrencyKey: null });
    for (const name of ['test.keyed2', 'test.keyed']) await toggle(name, 'resume');
    for (const job of [...jobs, free])
      expect(await finishedJob(server.app, a.token, job.id)).toMatchObject({ status: 'succeeded' });
    // At most the limit, and the limit reached (the keys did not just run one at a time).
    expect(seen.peak.get('test.keyed2/a')).toBe(2);
    expect(seen.peak.get('test.keyed2/b')).toBe(2);
    expect(seen.peak.get('test.keyed/one')).toBe(1); // no limit set anywhere: one at a time
  });

  it('starts at most the rate of one key per window', async () => {
    const jobs = [];
    for (let i = 0; i < 7; i++)
      jobs.push(await create(a.token, { type: 'test.rated', concurrencyKey: 'r', arguments: { key: 'r' } }));
    for (const job of jobs)
      expect(await finishedJob(server.app, a.token, job.id)).toMatchObject({ status: 'succeeded' });
    const starts = seen.starts.get('test.rated/r')!;
    expect(starts).toHaveLength(7);
    // Windows open at a start: no 4 starts fall within any 1,000 ms (a little slack for clocks).
    for (let i = 3; i < starts.length; i++) expect(starts[i]! - starts[i - 3]!).toBeGreaterThanOrEqual(950);
  });

  it('hands remote workers at most the free slots of each key, and frees one per completion', async () => {
    const put = await call(server.app, {
      method: 'PUT',
      url: '/v1/job-types/ext.keyed',
      token: a.token,
      body: { keyLimits: { maxRunning: 1 } },
    });
    expect(put.status).toBe(200);
    expect(put.body.keyLimits).toEqual({ maxRunning: 1, rate: null });
    const x = [];
    for (let i = 0; i < 3; i++) x.push(await create(a.token, { type: 'ext.keyed', concurrencyKey: 'x' }));
    const y = await create(a.token, { type: 'ext.keyed', concurrencyKey: 'y', priority: -5 });
    const plain = await create(a.token, { type: 'ext.keyed' });
    const first = await claim('ext.keyed');
    expect(first.map((j) => j.id).sort()).toEqual([x[0].id, y.id, plain.id].sort());
    expect(await claim('ext.keyed')).toEqual([]);
    // The type's busy keys, busiest first; another workspace sees none of them.
    const keys = await call(server.app, {
      method: 'GET',
      url: '/v1/job-types/ext.keyed/keys',
      token: a.token,
    });
    expect(keys.status).toBe(200);
    expect(keys.body.data).toEqual([
      expect.objectContaining({ key: 'x', queued: 2, running: 1, maxRunning: 1, rate: null }),
      expect.objectContaining({ key: 'y', queued: 0, running: 1 }),
    ]);
    const theirs = await call(server.app, {
      method: 'GET',
      url: '/v1/job-types/ext.keyed/keys',
      token: b.token,
    });
    expect(theirs.body.data).toEqual([]);
    const peek = await call(server.app, {
      method: 'GET',
      url: `/v1/job-types/ext.keyed/keys?workspaceId=${a.workspace.id}`,
      token: b.token,
    });
    expect(peek.status).toBe(404);
    expect((await complete(x[0].id)).status).toBe(200);
    expect((await claim('ext.keyed')).map((j) => j.id)).toEqual([x[1].id]);

    // Raising the type's limit applies to the keys already holding jobs at once.
    await call(server.app, {
      method: 'PUT',
      url: '/v1/job-types/ext.keyed',
      token: a.token,
      body: { keyLimits: { maxRunning: 3 } },
    });
    expect((await claim('ext.keyed')).map((j) => j.id)).toEqual([x[2].id]);
    for (const id of [x[1].id, x[2].id, y.id, plain.id]) expect((await complete(id)).status).toBe(200);
  });

  it('keeps the counts through abort, retry and delete of keyed jobs', async () => {
    await call(server.app, { method: 'PUT', url: '/v1/job-types/ext.counted', token: a.token, body: {} });
    const one = await create(a.token, { type: 'ext.counted', concurrencyKey: 'k', maxAttempts: 1 });
    const two = await create(a.token, { type: 'ext.counted', concurrencyKey: 'k' });
    // An aborted queued job leaves the queue; the next one is claimable.
    expect(
      (await call(server.app, { method: 'POST', url: `/v1/jobs/${one.id}/abort`, token: a.token })).status,
    ).toBe(200);
    expect((await claim('ext.counted')).map((j) => j.id)).toEqual([two.id]);
    // Retried while `two` runs, `one` waits for the slot.
    expect(
      (await call(server.app, { method: 'POST', url: `/v1/jobs/${one.id}/retry`, token: a.token })).status,
    ).toBe(200);
    expect(await claim('ext.counted')).toEqual([]);
    const fail = await call(server.app, {
      method: 'POST',
      url: `/v1/jobs/${two.id}/fail`,
      token: workerToken,
      body: { workerId: 'w1', error: { code: 'nope', message: 'no' }, retryable: false },
    });
    expect(fail.status).toBe(200);
    expect((await claim('ext.counted')).map((j) => j.id)).toEqual([one.id]);
    expect((await complete(one.id)).status).toBe(200);
    // Deleting ended jobs changes no count; a new job of the key runs at once.
    expect(
      (await call(server.app, { method: 'DELETE', url: `/v1/jobs/${two.id}`, token: a.token })).status,
    ).toBe(204);
    const three = await create(a.token, { type: 'ext.counted', concurrencyKey: 'k' });
    expect((await claim('ext.counted')).map((j) => j.id)).toEqual([three.id]);
    expect((await complete(three.id)).status).toBe(200);
  });

  it('does not let a key whose jobs are not due yet hold back the others', async () => {
    await call(server.app, { method: 'PUT', url: '/v1/job-types/ext.later', token: a.token, body: {} });
    const later = new Date(Date.now() + 3_600_000).toISOString();
    for (const key of ['k1', 'k2', 'k3'])
      await create(a.token, { type: 'ext.later', concurrencyKey: key, runAt: later });
    const due = await create(a.token, { type: 'ext.later', concurrencyKey: 'k4' });
    expect((await claim('ext.later', 1)).map((j) => j.id)).toEqual([due.id]);
    expect((await complete(due.id)).status).toBe(200);
  });

  it('shares one key only within its workspace and type', async () => {
    await call(server.app, { method: 'PUT', url: '/v1/job-types/ext.shared', token: a.token, body: {} });
    await call(server.app, { method: 'PUT', url: '/v1/job-types/ext.shared', token: b.token, body: {} });
    const mine = await create(a.token, { type: 'ext.shared', concurrencyKey: 's' });
    const theirs = await create(b.token, { type: 'ext.shared', concurrencyKey: 's' });
    expect((await claim('ext.shared')).map((j) => j.id)).toEqual([mine.id]);
    // B's job of the same key is not held back by A's running one.
    expect(await get(theirs.id, b.token)).toMatchObject({ status: 'queued' });
    const bWorker = (
      await call(server.app, {
        method: 'POST',
        url: '/v1/keys',
        token: b.token,
        body: { name: 'w', role: 'worker' },
      })
    ).body.token;
    const theirClaim = await call(server.app, {
      method: 'POST',
      url: '/v1/workers/claim',
      token: bWorker,
      body: { types: ['ext.shared'], workerId: 'w2', waitSeconds: 0 },
    });
    expect(theirClaim.body.data.map((j: any) => j.id)).toEqual([theirs.id]);
  });

  it('applies a definition’s key limits to its instances', async () => {
    await call(server.app, { method: 'PUT', url: '/v1/job-types/ext.defined', token: a.token, body: {} });
    const def = await call(server.app, {
      method: 'POST',
      url: '/v1/definitions',
      token: a.token,
      body: {
        name: 'per-customer',
        type: 'ext.defined',
        concurrencyKey: 'cust',
        keyLimits: { maxRunning: 2 },
      },
    });
    expect(def.status).toBe(201);
    expect(def.body).toMatchObject({ concurrencyKey: 'cust', keyLimits: { maxRunning: 2, rate: null } });
    const runs = [];
    for (let i = 0; i < 3; i++) {
      const run = await call(server.app, {
        method: 'POST',
        url: `/v1/definitions/${def.body.id}/run`,
        token: a.token,
        body: {},
      });
      expect(run.status).toBe(202);
      expect(run.body.concurrencyKey).toBe('cust');
      runs.push(run.body);
    }
    const other = await call(server.app, {
      method: 'POST',
      url: `/v1/definitions/${def.body.id}/run`,
      token: a.token,
      body: { concurrencyKey: 'other' },
    });
    expect(other.body.concurrencyKey).toBe('other');
    const claimed = (await claim('ext.defined')).map((j) => j.id);
    expect(claimed).toHaveLength(3);
    expect(claimed).toContain(other.body.id);
    // Lowering it to 1 holds the third back even after one completes.
    await call(server.app, {
      method: 'PATCH',
      url: `/v1/definitions/${def.body.id}`,
      token: a.token,
      body: { keyLimits: { maxRunning: 1 } },
    });
    const running = claimed.filter((id) => id !== other.body.id);
    expect((await complete(running[0]!)).status).toBe(200);
    expect(await claim('ext.defined')).toEqual([]);
    expect((await complete(running[1]!)).status).toBe(200);
    expect((await claim('ext.defined')).map((j) => j.id)).toHaveLength(1);
  });

  it('refuses bad keys and limits with their pointers, creating nothing', async () => {
    for (const concurrencyKey of ['', 'x'.repeat(201), 5, null]) {
      expectProblem(
        await call(server.app, {
          method: 'POST',
          url: '/v1/jobs',
          token: a.token,
          body: { type: 'test.keyed', concurrencyKey },
        }),
        400,
        'validation_failed',
        {
          in: 'body',
          pointer: '/concurrencyKey',
        },
      );
    }
    for (const [keyLimits, pointer] of [
      [{ maxRunning: 0 }, '/keyLimits/maxRunning'],
      [{ rate: { max: 1, windowMs: 10 } }, '/keyLimits/rate/windowMs'],
      [{ rate: { max: 0, windowMs: 1000 } }, '/keyLimits/rate/max'],
      [{ maxRunning: 1, burst: 3 }, '/keyLimits/burst'],
    ] as const) {
      expectProblem(
        await call(server.app, {
          method: 'PUT',
          url: '/v1/job-types/ext.bad',
          token: a.token,
          body: { keyLimits },
        }),
        400,
        'validation_failed',
        { in: 'body', pointer },
      );
    }
    const types = (await call(server.app, { method: 'GET', url: '/v1/job-types', token: a.token })).body.data;
    expect(types.map((t: any) => t.name)).not.toContain('ext.bad');
  });
});
