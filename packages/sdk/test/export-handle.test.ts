/**
 * `client.tasks.export({..., wait: false})`: the started export job's handle, for callers that
 * follow the job and fetch its artifact themselves (the dashboard, in a browser); nothing is saved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { Batchyard, BatchyardError, JobHandle, type TaskExportResult } from '../src/index.js';
import { uniqueName } from './helpers.js';

describe.each(testDialects())('tasks.export with wait: false on %s', (dialect) => {
  let server: TestServer;
  let sdk: Batchyard;
  let projectId: string;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    const admin = new Batchyard({ baseUrl: server.url, token: server.adminToken });
    const workspaceId = (await admin.workspaces.create({ name: uniqueName('export-handle') })).id;
    sdk = new Batchyard({
      baseUrl: server.url,
      token: (await admin.keys.create({ name: 'a', role: 'admin', workspaceId })).token,
    });
    projectId = (await sdk.projects.create({ name: 'p' })).id;
    const dataset = await sdk.datasets.create({
      projectId,
      name: 'd',
      columns: [{ name: 'v', type: 'text' }],
    });
    const batchId = (
      (await (await sdk.batches.create(dataset.id, [{ v: 'x' }], { name: 'b' })).wait()).result as {
        batchId: string;
      }
    ).batchId;
    await sdk.tasks.create(batchId, [
      {
        name: 'img',
        resources: ['a/img.png'],
        data: { image: { width: 10, height: 10 }, labels: [{ class: 'dot', bbox: [1, 1, 2, 2] }] },
      },
    ]);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('resolves to the job handle; the artifact is fetched by the caller', async () => {
    const handle = await sdk.tasks.export({ format: 'yolo', filter: { projectId }, wait: false });
    expect(handle).toBeInstanceOf(JobHandle);
    expect(handle.job?.type).toBe('tasks.export');
    const job = await handle.wait();
    expect(job.status).toBe('succeeded');
    const result = job.result as TaskExportResult;
    expect(result).toMatchObject({ format: 'yolo', artifact: 'tasks.yolo.zip', images: 1, labels: 1 });
    const body = new Uint8Array(
      await (await sdk.jobs.downloadArtifact(job.id, result.artifact)).arrayBuffer(),
    );
    expect([...body.slice(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]); // a zip
  });

  it('refuses wait: false with the options that save or read the artifact, before any request', async () => {
    for (const extra of [{ inMemory: true }, { outputFolder: '.' }, { outputFilename: 'x.zip' }]) {
      await expect(
        sdk.tasks.export({ format: 'coco', filter: { projectId }, wait: false, ...extra } as never),
      ).rejects.toThrow(BatchyardError);
    }
    expect((await sdk.jobs.list({ limit: 100 })).data.filter((j) => j.type === 'tasks.export')).toHaveLength(
      1,
    );
  });
});
