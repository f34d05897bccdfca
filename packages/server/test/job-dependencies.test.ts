import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobTypeDefinition } from '@batchyard/server';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { call, expectProblem, finishedJob, workspaceWithKey } from './helpers.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every start of a test job, in order: (job id, what its dependencies looked like then). */
const starts: Array<{ id: string; dependencies: Array<{ id: string; status: string }> }> = [];

const types: JobTypeDefinition[] = [
  {
    name: 'test.step',
    description: 'Records its start, waits `ms`, fails when told, returns its value and what it depended on.',
    handler: async (ctx) => {
      const dependencies = await ctx.dependencies();
      starts.push({ id: ctx.id, dependencies: dependencies.map((d) => ({ id: d.id, status: d.status })) });
      const args = ctx.arguments as { ms?: number; fail?: boolean; value?: unknown };
      if (args.ms) await sleep(args.ms);
      if (args.fail) throw new Error('told to fail');
      return { value: args.value ?? null, inputs: dependencies.map((d) => d.result) };
    },
  },
];

describe.each(testDialects())('job dependencies on %s', (dialect) => {
  let server: TestServer;
  let token: string;
  let otherToken: string;
  let viewerToken: string;

  beforeAll(async () => {
    server = await startTestServer(dialect, {}, { jobTypes: types });
    token = (await workspaceWithKey(server.app, server.adminToken, 'deps')).token;
    otherToken = (await workspaceWithKey(server.app, server.adminToken, 'deps-other')).token;
    viewerToken = (
      await call(server.app, { method: 'POST', url: '/v1/keys', token, body: { name: 'v', role: 'viewer' } })
    ).body.token;
  });
  afterAll(async () => server?.close());

  const create = (body: object, as = token) =>
    call(server.app, { method: 'POST', url: '/v1/jobs', token: as, body });
  const get = async (id: string) =>
    (await call(server.app, { method: 'GET', url: `/v1/jobs/${id}`, token })).body;
  const step = (args: object = {}, more: object = {}) =>
    create({ type: 'test.step', arguments: args, maxAttempts: 1, ...more });

  it('waits for its dependencies, runs after them once, and sees their results', async () => {
    const a = (await step({ ms: 300, value: 'a' })).body;
    const b = (await step({ value: 'b' })).body;
    const c = await step({ value: 'c' }, { dependsOn: [a.id, b.id] });
    expect(c.status).toBe(202);
    expect(c.body).toMatchObject({ status: 'waiting', dependencyCount: 2, onDependencyFailure: 'fail' });
    expect(c.body.pendingDependencies).toBeGreaterThanOrEqual(1);
    const done = await finishedJob(server.app, token, c.body.id);
    expect(done.status).toBe('succeeded');
    expect(done.result.inputs.sort()).toEqual(
      [
        { value: 'a', inputs: [] },
        { value: 'b', inputs: [] },
      ].sort((x, y) => (x.value < y.value ? -1 : 1)),
    );
    const cStarts = starts.filter((s) => s.id === c.body.id);
    expect(cStarts).toHaveLength(1);
    expect(cStarts[0]!.dependencies.every((d) => d.status === 'succeeded')).toBe(true);
    const listed = await call(server.app, {
      method: 'GET',
      url: `/v1/jobs/${c.body.id}/dependencies`,
      token,
    });
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((d: any) => d.id).sort()).toEqual([a.id, b.id].sort());
    expect(listed.body.data.find((d: any) => d.id === a.id).result).toEqual({ value: 'a', inputs: [] });
  });

  it('is queued at once when every dependency already succeeded', async () => {
    const a = await finishedJob(server.app, token, (await step({ value: 1 })).body.id);
    const b = (await step({}, { dependsOn: [a.id] })).body;
    expect(b.status).toBe('queued');
    expect((await finishedJob(server.app, token, b.id)).status).toBe('succeeded');
  });

  it('fails, skips or runs a dependent whose dependency failed, by its onDependencyFailure', async () => {
    const bad = (await step({ ms: 200, fail: true })).body;
    const failing = (await step({}, { dependsOn: [bad.id] })).body;
    const skipping = (await step({}, { dependsOn: [bad.id], onDependencyFailure: 'skip' })).body;
    const running = (await step({ value: 'ran' }, { dependsOn: [bad.id], onDependencyFailure: 'run' })).body;
    // A chain behind the failed one ends too, in the same statement.
    const behind = (await step({}, { dependsOn: [failing.id] })).body;
    expect(await finishedJob(server.app, token, failing.id)).toMatchObject({
      status: 'failed',
      error: { code: 'dependency_failed', details: { dependency: bad.id, status: 'failed' } },
    });
    expect(await finishedJob(server.app, token, skipping.id)).toMatchObject({
      status: 'skipped',
      error: { code: 'dependency_failed' },
    });
    const ran = await finishedJob(server.app, token, running.id);
    expect(ran).toMatchObject({ status: 'succeeded', result: { value: 'ran' } });
    expect(await finishedJob(server.app, token, behind.id)).toMatchObject({
      status: 'failed',
      error: { code: 'dependency_failed', details: { dependency: failing.id, status: 'failed' } },
    });
    for (const id of [failing.id, skipping.id, behind.id])
      expect(starts.some((s) => s.id === id)).toBe(false);
    // A dependent created after the failure ends at once the same way.
    const late = await step({}, { dependsOn: [bad.id], onDependencyFailure: 'skip' });
    expect(late.body).toMatchObject({ status: 'skipped', error: { code: 'dependency_failed' } });
    // Retrying the dependent alone would fail again: refused until the dependency is retried.
    expectProblem(
      await call(server.app, { method: 'POST', url: `/v1/jobs/${failing.id}/retry`, token }),
      409,
      'dependencies_not_succeeded',
    );
  });

  it('aborting a waiting job ends it at once; its dependents settle', async () => {
    const slow = (await step({ ms: 2000 })).body;
    const waiting = (await step({}, { dependsOn: [slow.id] })).body;
    const next = (await step({}, { dependsOn: [waiting.id], onDependencyFailure: 'skip' })).body;
    const aborted = await call(server.app, { method: 'POST', url: `/v1/jobs/${waiting.id}/abort`, token });
    expect(aborted.status).toBe(200);
    expect(aborted.body.status).toBe('aborted');
    expect(await finishedJob(server.app, token, next.id)).toMatchObject({
      status: 'skipped',
      error: { details: { dependency: waiting.id, status: 'aborted' } },
    });
    // Retried, it waits for the dependency still running, then runs.
    const retried = await call(server.app, { method: 'POST', url: `/v1/jobs/${waiting.id}/retry`, token });
    expect(retried.body.status).toBe('waiting');
    expect((await finishedJob(server.app, token, waiting.id)).status).toBe('succeeded');
  });

  it('ends a job not started before its startBefore as expired; it never runs', async () => {
    const blocker = (await step({ ms: 1500 })).body;
    const startBefore = new Date(Date.now() + 400).toISOString();
    const late = (await step({ value: 'never' }, { dependsOn: [blocker.id], startBefore })).body;
    expect(late.startBefore).toBe(startBefore);
    const after = (await step({ value: 'after' }, { dependsOn: [late.id], onDependencyFailure: 'run' })).body;
    expect(await finishedJob(server.app, token, late.id)).toMatchObject({
      status: 'expired',
      error: { code: 'expired' },
    });
    await finishedJob(server.app, token, blocker.id);
    expect(starts.some((s) => s.id === late.id)).toBe(false);
    expect((await finishedJob(server.app, token, after.id)).status).toBe('succeeded');
    // A job that nothing runs expires too (queued, not waiting).
    await call(server.app, { method: 'PUT', url: '/v1/job-types/ext.nobody', token, body: {} });
    const orphan = (
      await create({ type: 'ext.nobody', startBefore: new Date(Date.now() + 300).toISOString() })
    ).body;
    expect((await finishedJob(server.app, token, orphan.id)).status).toBe('expired');
    expect((await get(orphan.id)).attempt).toBe(0);
  });

  it('refuses bad dependencies and deadlines, changing nothing', async () => {
    const mine = (await step({ ms: 10 })).body;
    const theirs = (await create({ type: 'system.noop' }, otherToken)).body;
    const before = (await call(server.app, { method: 'GET', url: '/v1/jobs?limit=1000', token })).body.data
      .length;
    expectProblem(await step({}, { dependsOn: [mine.id, theirs.id] }), 404, 'not_found', {
      in: 'body',
      pointer: '/dependsOn/1',
    });
    expectProblem(await step({}, { dependsOn: ['job_nope'] }), 404, 'not_found', {
      in: 'body',
      pointer: '/dependsOn/0',
    });
    expectProblem(await step({}, { dependsOn: [mine.id, mine.id] }), 400, 'validation_failed', {
      in: 'body',
      pointer: '/dependsOn/1',
    });
    expectProblem(
      await step({}, { startBefore: new Date(Date.now() - 1000).toISOString() }),
      400,
      'validation_failed',
      {
        in: 'body',
        pointer: '/startBefore',
      },
    );
    expectProblem(
      await step(
        {},
        {
          runAt: new Date(Date.now() + 60_000).toISOString(),
          startBefore: new Date(Date.now() + 30_000).toISOString(),
        },
      ),
      400,
      'validation_failed',
      { in: 'body', pointer: '/startBefore' },
    );
    expectProblem(await step({}, { onDependencyFailure: 'ignore' }), 400, 'validation_failed');
    expectProblem(
      await step({}, { dependsOn: Array.from({ length: 1001 }, (_, i) => `job_${i}`) }),
      400,
      'validation_failed',
    );
    expectProblem(
      await call(server.app, {
        method: 'POST',
        url: '/v1/jobs/batch',
        token,
        body: { jobs: [{ type: 'test.step' }, { type: 'test.step', dependsOn: [theirs.id] }] },
      }),
      404,
      'not_found',
      { in: 'body', pointer: '/jobs/1/dependsOn/0' },
    );
    expectProblem(
      await create({ type: 'test.step', dependsOn: [mine.id] }, viewerToken),
      403,
      'insufficient_role',
    );
    const after = (await call(server.app, { method: 'GET', url: '/v1/jobs?limit=1000', token })).body.data
      .length;
    expect(after).toBe(before);
    // Another workspace cannot read the dependencies of this workspace's jobs.
    expectProblem(
      await call(server.app, { method: 'GET', url: `/v1/jobs/${mine.id}/dependencies`, token: otherToken }),
      404,
      'not_found',
    );
  });

  it('refuses a chain deeper than 50', async () => {
    // Nothing claims ext.hold: the chain stays waiting.
    await call(server.app, { method: 'PUT', url: '/v1/job-types/ext.hold', token, body: {} });
    let previous = (await create({ type: 'ext.hold' })).body;
    for (let i = 0; i < 50; i++) {
      const next = await create({ type: 'ext.hold', dependsOn: [previous.id] });
      expect(next.status).toBe(202);
      previous = next.body;
    }
    expectProblem(await create({ type: 'ext.hold', dependsOn: [previous.id] }), 400, 'dependency_too_deep', {
      in: 'body',
      pointer: '/dependsOn',
    });
  });

  it('a chain of 50 fails end to end in one statement when its head is aborted', async () => {
    await call(server.app, { method: 'PUT', url: '/v1/job-types/ext.chain', token, body: {} });
    const head = (await create({ type: 'ext.chain' })).body;
    let last = head;
    for (let i = 0; i < 49; i++) last = (await create({ type: 'ext.chain', dependsOn: [last.id] })).body;
    const aborted = await call(server.app, { method: 'POST', url: `/v1/jobs/${head.id}/abort`, token });
    expect(aborted.body.status).toBe('aborted');
    expect(await get(last.id)).toMatchObject({ status: 'failed', error: { code: 'dependency_failed' } });
  });
});
