import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { call, workspaceWithKey } from './helpers.js';

/**
 * The runner claims jobs ahead of free slots. A job claimed ahead shows as running, so an abort
 * must end it at once rather than when a slot frees up (an hour later behind a long job).
 */
describe.each(testDialects())('a job claimed ahead on %s', (dialect) => {
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer(dialect, { jobConcurrency: 1 });
    token = (await workspaceWithKey(server.app, server.adminToken, 'ahead')).token;
  });
  afterAll(async () => server?.close());

  const create = (body: object) => call(server.app, { method: 'POST', url: '/v1/jobs', token, body });
  const get = (id: string, query = '') =>
    call(server.app, { method: 'GET', url: `/v1/jobs/${id}${query}`, token });
  const abort = (id: string) => call(server.app, { method: 'POST', url: `/v1/jobs/${id}/abort`, token });
  const until = async (id: string, status: string) => {
    for (let i = 0; i < 600; i++) {
      const job = (await get(id, '?wait=1')).body as { status: string };
      if (job.status === status) return job;
    }
    throw new Error(`job ${id} never became ${status}`);
  };

  it('ends at once when aborted while it waits for a slot', async () => {
    // The only slot is held for ten minutes.
    const blocker = await create({ type: 'system.sleep', arguments: { ms: 600_000, steps: 600 } });
    await until(blocker.body.id, 'running');
    const waiting = await create({ type: 'system.sleep', arguments: { ms: 10, steps: 1 } });
    // The runner claims one job ahead of its one slot: the second is held, not started.
    await until(waiting.body.id, 'running');
    expect((await get(waiting.body.id)).body.progress).toBeNull(); // its handler has not run

    expect((await abort(waiting.body.id)).status).toBe(200);
    const ended = (await get(waiting.body.id, '?wait=30')).body;
    expect(ended).toMatchObject({ status: 'aborted', error: { code: 'aborted' } });
    expect((await get(blocker.body.id)).body.status).toBe('running');

    expect((await abort(blocker.body.id)).status).toBe(200);
    expect((await get(blocker.body.id, '?wait=30')).body.status).toBe('aborted');
  }, 120_000);
});
