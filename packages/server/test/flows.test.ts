import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobTypeDefinition } from '@batchyard/server';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { call, expectProblem, workspaceWithKey } from './helpers.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every start of a flow step: its key, when, and the keys of the dependencies it saw. */
const starts: Array<{ key: string; at: number; saw: string[] }> = [];
/** Keys told to fail until cleared. */
const failing = new Set<string>();

const types: JobTypeDefinition[] = [
  {
    name: 'flow.step',
    description: 'Records its start, waits `ms`, fails while its key is in `failing`, returns its key.',
    handler: async (ctx) => {
      const { key, ms } = ctx.arguments as { key: string; ms?: number };
      const dependencies = await ctx.dependencies();
      starts.push({ key, at: Date.now(), saw: dependencies.map((d) => d.flowKey ?? '').sort() });
      if (ms) await sleep(ms);
      if (failing.has(key)) throw new Error(`${key} told to fail`);
      return { key, from: dependencies.map((d) => (d.result as { key: string } | null)?.key ?? null).sort() };
    },
  },
];

const step = (key: string, dependsOn: string[] = [], more: object = {}) => ({
  type: 'flow.step',
  arguments: { key, ...((more as any).arguments ?? {}) },
  maxAttempts: 1,
  ...(dependsOn.length ? { dependsOn } : {}),
  ...Object.fromEntries(Object.entries(more).filter(([k]) => k !== 'arguments')),
});

describe.each(testDialects())('flows on %s', (dialect) => {
  let server: TestServer;
  let token: string;
  let otherToken: string;
  let viewerToken: string;

  beforeAll(async () => {
    server = await startTestServer(dialect, { jobConcurrency: 8 }, { jobTypes: types });
    token = (await workspaceWithKey(server.app, server.adminToken, 'flows')).token;
    otherToken = (await workspaceWithKey(server.app, server.adminToken, 'flows-other')).token;
    viewerToken = (
      await call(server.app, { method: 'POST', url: '/v1/keys', token, body: { name: 'v', role: 'viewer' } })
    ).body.token;
  });
  afterAll(async () => server?.close());
  beforeAll(() => {
    starts.length = 0; // each store's suite counts its own starts
  });

  const api = (method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown, as = token) =>
    call(server.app, { method, url, token: as, body });
  const ended = async (id: string) => {
    for (let i = 0; i < 30; i++) {
      const res = await api('GET', `/v1/flows/${id}?wait=5`);
      expect(res.status).toBe(200);
      if (res.body.status !== 'running') return res.body;
    }
    throw new Error(`flow ${id} did not end`);
  };
  const startsOf = (prefix: string) => starts.filter((s) => s.key.startsWith(prefix));

  it('runs a diamond in order, each job once, and hands results down', async () => {
    const created = await api('POST', '/v1/flows', {
      name: 'diamond',
      jobs: {
        top: step('d.top', [], { arguments: { ms: 100 } }),
        left: step('d.left', ['top'], { arguments: { ms: 50 } }),
        right: step('d.right', ['top']),
        bottom: step('d.bottom', ['left', 'right']),
      },
    });
    expect(created.status).toBe(202);
    expect(created.body).toMatchObject({ name: 'diamond', status: 'running', progress: { total: 4 } });
    const byKey = Object.fromEntries(created.body.jobs.map((j: any) => [j.key, j]));
    expect(['queued', 'running']).toContain(byKey.top.status);
    expect(byKey.bottom).toMatchObject({ status: 'waiting', dependsOn: ['left', 'right'] });

    const flow = await ended(created.body.id);
    expect(flow).toMatchObject({
      status: 'succeeded',
      progress: { total: 4, unfinished: 0, succeeded: 4, percent: 100 },
    });
    expect(flow.finishedAt).not.toBeNull();
    const seen = startsOf('d.');
    expect(seen.map((s) => s.key).sort()).toEqual(['d.bottom', 'd.left', 'd.right', 'd.top']);
    const at = Object.fromEntries(seen.map((s) => [s.key, s.at]));
    expect(at['d.left']).toBeGreaterThanOrEqual(at['d.top']! + 100);
    expect(at['d.bottom']).toBeGreaterThanOrEqual(at['d.left']! + 50);
    expect(seen.find((s) => s.key === 'd.bottom')!.saw).toEqual(['left', 'right']);
    const bottom = await api('GET', `/v1/jobs/${byKey.bottom.id}`);
    expect(bottom.body).toMatchObject({
      status: 'succeeded',
      flowId: created.body.id,
      flowKey: 'bottom',
      result: { key: 'd.bottom', from: ['d.left', 'd.right'] },
    });
    const listed = await api('GET', `/v1/jobs?flowId=${created.body.id}&sort=id`);
    expect(listed.body.data.map((j: any) => j.flowKey).sort()).toEqual(['bottom', 'left', 'right', 'top']);
    expectProblem(
      await api('GET', `/v1/jobs?flowId=${created.body.id}`, undefined, otherToken),
      404,
      'not_found',
      {
        in: 'query',
        pointer: '/flowId',
      },
    );
    // A flow's job is deleted with its flow only.
    expectProblem(await api('DELETE', `/v1/jobs/${byKey.top.id}`), 409, 'job_in_flow');
  });

  it('releases a 500-way fan-in once, after the last of its parents', async () => {
    const jobs: Record<string, object> = {
      sink: step(
        'f.sink',
        Array.from({ length: 500 }, (_, i) => `p${i}`),
      ),
    };
    for (let i = 0; i < 500; i++) jobs[`p${i}`] = step(`f.p${i}`);
    const created = await api('POST', '/v1/flows', { name: 'fan-in', jobs });
    expect(created.status).toBe(202);
    const flow = await ended(created.body.id);
    expect(flow.status).toBe('succeeded');
    const sink = startsOf('f.sink');
    expect(sink).toHaveLength(1);
    expect(sink[0]!.saw).toHaveLength(500);
    const parents = startsOf('f.p');
    expect(parents).toHaveLength(500);
    expect(Math.max(...parents.map((p) => p.at))).toBeLessThanOrEqual(sink[0]!.at);
  }, 60_000);

  it('settles dependents of a failed job by their choice; retry reruns only what did not succeed', async () => {
    failing.add('r.root');
    const created = await api('POST', '/v1/flows', {
      name: 'retry me',
      jobs: {
        root: step('r.root'),
        failer: step('r.failer', ['root']),
        skipper: step('r.skipper', ['root'], { onDependencyFailure: 'skip' }),
        runner: step('r.runner', ['root'], { onDependencyFailure: 'run' }),
        after: step('r.after', ['skipper']),
      },
    });
    const flow = await ended(created.body.id);
    expect(flow.status).toBe('failed');
    const status = Object.fromEntries(flow.jobs.map((j: any) => [j.key, j.status]));
    expect(status).toEqual({
      root: 'failed',
      failer: 'failed',
      skipper: 'skipped',
      runner: 'succeeded',
      after: 'failed',
    });
    expect(
      startsOf('r.')
        .map((s) => s.key)
        .sort(),
    ).toEqual(['r.root', 'r.runner']);

    expectProblem(
      await api('DELETE', `/v1/flows/${created.body.id}`, undefined, viewerToken),
      403,
      'insufficient_role',
    );
    failing.delete('r.root');
    const retried = await api('POST', `/v1/flows/${created.body.id}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body.status).toBe('running');
    expectProblem(await api('POST', `/v1/flows/${created.body.id}/retry`), 409, 'flow_running');
    const again = await ended(created.body.id);
    expect(again.status).toBe('succeeded');
    const runs = startsOf('r.').map((s) => s.key);
    expect(runs.filter((k) => k === 'r.runner')).toHaveLength(1); // it succeeded: kept, not rerun
    expect(runs.filter((k) => k === 'r.root')).toHaveLength(2);
    expect(runs.filter((k) => k === 'r.after')).toHaveLength(1);
    expectProblem(await api('POST', `/v1/flows/${created.body.id}/retry`), 409, 'job_not_retryable');
  });

  it('aborts every unfinished job at once, running ones through their signal; then deletes', async () => {
    const created = await api('POST', '/v1/flows', {
      name: 'abort me',
      jobs: {
        long: { type: 'system.sleep', arguments: { ms: 60_000, steps: 600 } },
        quick: step('a.quick'),
        next: step('a.next', ['long', 'quick']),
        last: step('a.last', ['next'], { onDependencyFailure: 'run' }),
      },
    });
    const id = created.body.id;
    const longId = created.body.jobs.find((j: any) => j.key === 'long').id;
    for (let i = 0; i < 50 && (await api('GET', `/v1/jobs/${longId}`)).body.status !== 'running'; i++)
      await sleep(100);
    const aborted = await api('POST', `/v1/flows/${id}/abort`);
    expect(aborted.status).toBe(200);
    expect(aborted.body.abortRequested).toBe(true);
    const flow = await ended(id);
    expect(flow.status).toBe('aborted');
    const status = Object.fromEntries(flow.jobs.map((j: any) => [j.key, j.status]));
    expect(status.long).toBe('aborted');
    expect(status.next).toBe('aborted');
    expect(status.last).toBe('aborted');
    expect(startsOf('a.next')).toHaveLength(0);
    const next = await api('GET', `/v1/jobs/${flow.jobs.find((j: any) => j.key === 'next').id}`);
    expect(next.body.error).toMatchObject({ code: 'aborted', details: { flowId: id } });
    expectProblem(await api('POST', `/v1/flows/${id}/abort`), 409, 'flow_finished');

    expectProblem(await api('DELETE', `/v1/flows/${id}`, undefined, otherToken), 404, 'not_found');
    expect((await api('DELETE', `/v1/flows/${id}`)).status).toBe(204);
    expect((await api('GET', `/v1/flows/${id}`)).status).toBe(404);
    expect((await api('GET', `/v1/jobs/${longId}`)).status).toBe(404);
  }, 60_000);

  it('streams the flow over SSE until it ends, and lists flows by status', async () => {
    const created = await api('POST', '/v1/flows', {
      name: 'streamed',
      jobs: { one: step('s.one', [], { arguments: { ms: 200 } }), two: step('s.two', ['one']) },
    });
    const response = await server.app.inject({
      method: 'GET',
      url: `/v1/flows/${created.body.id}/events`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.headers['content-type']).toBe('text/event-stream');
    const events = [...response.body.matchAll(/^event: (\w+)\ndata: (.*)$/gm)].map((m) => ({
      event: m[1],
      data: JSON.parse(m[2]!),
    }));
    expect(events[0]!.event).toBe('flow');
    expect(events.at(-1)).toMatchObject({ event: 'end', data: { status: 'succeeded' } });
    const listed = await api('GET', '/v1/flows?status=succeeded&limit=1000');
    expect(listed.body.data.map((f: any) => f.id)).toContain(created.body.id);
    expect(listed.body.data[0].jobs).toBeUndefined();
    expect(
      (await api('GET', '/v1/flows?status=running,failed&limit=1000')).body.data.map((f: any) => f.id),
    ).not.toContain(created.body.id);
    expectProblem(await api('GET', '/v1/flows?status=done'), 400, 'validation_failed', {
      in: 'query',
      pointer: '/status',
    });
    expect((await api('GET', '/v1/flows', undefined, otherToken)).body.data).toEqual([]);
  });

  it('refuses bad flows with the pointer of the bad field, creating nothing', async () => {
    const count = async () => ({
      flows: (await api('GET', '/v1/flows?limit=1000')).body.data.length,
      jobs: (await api('GET', '/v1/jobs?limit=1000')).body.data.length,
    });
    const before = await count();
    const bad = (jobs: object, extra: object = {}) =>
      api('POST', '/v1/flows', { name: 'bad', jobs, ...extra });
    expectProblem(
      await bad({ a: step('x', ['b']), b: step('x', ['c']), c: step('x', ['a']) }),
      400,
      'dependency_cycle',
    );
    const cycle = await bad({ a: step('x', ['b']), b: step('x', ['a']) });
    expect(cycle.body.errors[0].pointer).toMatch(/^\/jobs\/(a|b)\/dependsOn\/0$/);
    expectProblem(await bad({ a: step('x', ['a']) }), 400, 'dependency_cycle', {
      in: 'body',
      pointer: '/jobs/a/dependsOn/0',
    });
    expectProblem(await bad({ a: step('x'), b: step('x', ['a', 'nope']) }), 400, 'validation_failed', {
      in: 'body',
      pointer: '/jobs/b/dependsOn/1',
    });
    expectProblem(await bad({ a: step('x'), b: step('x', ['a', 'a']) }), 400, 'validation_failed', {
      in: 'body',
      pointer: '/jobs/b/dependsOn/1',
    });
    expectProblem(await bad({ a: { type: 'batch.merge' } }), 400, 'internal_job_type', {
      in: 'body',
      pointer: '/jobs/a/type',
    });
    expectProblem(await bad({ a: { type: 'no.such.type' } }), 400, 'unknown_job_type', {
      in: 'body',
      pointer: '/jobs/a/type',
    });
    expectProblem(await bad({ a: step('x', [], { timeoutMs: -5 }) }), 400, 'validation_failed');
    expectProblem(await bad({ 'a/b': step('x') }), 400, 'validation_failed');
    expectProblem(await bad({}), 400, 'validation_failed');
    expectProblem(await bad({ a: step('x', [], { uniqueKey: 'k' }) }), 400, 'validation_failed');
    const chain: Record<string, object> = { c0: step('x') };
    for (let i = 1; i <= 51; i++) chain[`c${i}`] = step('x', [`c${i - 1}`]);
    expectProblem(await bad(chain), 400, 'dependency_too_deep', {
      in: 'body',
      pointer: '/jobs/c51/dependsOn',
    });
    const theirProject = await api('POST', '/v1/projects', { name: 'theirs' }, otherToken);
    expectProblem(await bad({ a: step('x') }, { projectId: theirProject.body.id }), 404, 'not_found');
    expectProblem(
      await api('POST', '/v1/flows', { name: 'v', jobs: { a: step('x') } }, viewerToken),
      403,
      'insufficient_role',
    );
    expect(await count()).toEqual(before);
  });
});
