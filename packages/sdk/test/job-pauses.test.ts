import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { Batchyard, NotFoundError, PermissionDeniedError } from '../src/index.js';
import { closeServer, uniqueName } from './helpers.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(testDialects())('pausing and limiting job types from the SDK on %s', (dialect) => {
  let server: TestServer;
  let admin: Batchyard;
  let sdk: Batchyard;
  let workspaceId: string;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    admin = new Batchyard({ baseUrl: server.url, token: server.adminToken });
    workspaceId = (await admin.workspaces.create({ name: uniqueName('pauses') })).id;
    const key = await admin.keys.create({ name: 'pauses', role: 'editor', workspaceId });
    sdk = new Batchyard({ baseUrl: server.url, token: key.token });
  });
  afterAll(() => closeServer(server));

  it('pauses a type in the workspace, shows it on the type and its queued jobs, and resumes it', async () => {
    const paused = await sdk.jobs.types.pause('system.noop');
    expect(paused).toMatchObject({ name: 'system.noop', paused: true, pausedScope: 'workspace' });
    const job = await sdk.jobs.create({ type: 'system.noop' });
    await pause(300);
    expect(await job.refresh()).toMatchObject({ status: 'queued', paused: true });
    const listed = (await sdk.jobs.types.list()).find((t) => t.name === 'system.noop');
    expect(listed).toMatchObject({ paused: true, pausedScope: 'workspace' });
    expect(await sdk.jobs.types.resume('system.noop')).toMatchObject({ paused: false, pausedScope: null });
    expect(await job.wait({ timeoutMs: 10_000 })).toMatchObject({ status: 'succeeded', paused: false });
  });

  it('pauses instance-wide with an instance admin credential only', async () => {
    await expect(sdk.jobs.types.pause('system.noop', { instanceWide: true })).rejects.toBeInstanceOf(
      PermissionDeniedError,
    );
    const paused = await admin.jobs.types.pause('system.noop', { instanceWide: true });
    expect(paused).toMatchObject({ paused: true, pausedScope: 'instance' });
    expect((await sdk.jobs.types.list()).find((t) => t.name === 'system.noop')).toMatchObject({
      pausedScope: 'instance',
    });
    await admin.jobs.types.resume('system.noop', { instanceWide: true });
    await expect(sdk.jobs.types.pause('no.such.type')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('sets a workspace’s claim weight as an instance admin', async () => {
    expect(await admin.workspaces.update(workspaceId, { weight: 4 })).toMatchObject({ weight: 4 });
    expect((await sdk.workspaces.get(workspaceId)).weight).toBe(4);
    await expect(sdk.workspaces.update(workspaceId, { weight: 2 })).rejects.toBeInstanceOf(
      PermissionDeniedError,
    );
  });

  it('limits each concurrency key of a type, and lists the busy keys', async () => {
    const type = await sdk.jobs.types.put('ext.sdk-keyed', {
      keyLimits: { maxRunning: 1, rate: { max: 5, windowMs: 60_000 } },
    });
    expect(type.keyLimits).toEqual({ maxRunning: 1, rate: { max: 5, windowMs: 60_000 } });
    const first = await sdk.jobs.create({ type: 'ext.sdk-keyed', concurrencyKey: 'acme' });
    const second = await sdk.jobs.create({ type: 'ext.sdk-keyed', concurrencyKey: 'acme' });
    expect((await first.refresh()).concurrencyKey).toBe('acme');
    const worker = await admin.keys.create({ name: 'w', role: 'worker', workspaceId });
    const remote = new Batchyard({ baseUrl: server.url, token: worker.token });
    const claimed = await remote.request<{ data: Array<{ id: string }> }>('POST', '/v1/workers/claim', {
      body: { types: ['ext.sdk-keyed'], workerId: 'sdk', waitSeconds: 0, limit: 10 },
    });
    expect(claimed.data.map((j) => j.id)).toEqual([first.id]);
    const keys = await sdk.jobs.types.keys('ext.sdk-keyed');
    expect(keys).toEqual([
      expect.objectContaining({ key: 'acme', queued: 1, running: 1, maxRunning: 1, windowStarts: 1 }),
    ]);
    await sdk.jobs.abort(second.id);
  });
});
