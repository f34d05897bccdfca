import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { call, finishedJob, workspaceWithKey } from './helpers.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const root = new URL('../../..', import.meta.url).pathname;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A real worker process, as `batchyard worker` runs it, with 2-second leases. */
const WORKER_SCRIPT = `
  import { loadConfig, startWorker } from '@batchyard/server';
  const [databaseUrl, dataDir] = process.argv.slice(1);
  const worker = await startWorker(loadConfig({ databaseUrl, dataDir, logLevel: 'silent', jwtSecret: 'x'.repeat(32), leaseSeconds: 2 }, {}));
  process.on('SIGTERM', () => worker.close().then(() => process.exit(0)));
  console.log('ready');
`;

function startWorkerProcess(databaseUrl: string, dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', WORKER_SCRIPT, databaseUrl, dataDir], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`worker exited early with ${code}`)));
  });
}

const ROWS = 150_000;

describe.each(testDialects())('batch jobs under crashes and aborts on %s', (dialect) => {
  let server: TestServer;
  let token: string;
  let projectId: string;
  let dir: string;
  const children: ChildProcess[] = [];

  const api = (method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown) =>
    call(server.app, { method, url, token, body });
  const settle = (id: string) => finishedJob(server.app, token, id);
  /** A dataset with ROWS rows (one upload), for appends big enough to interrupt. */
  const bigDataset = async (name: string) => {
    const ds = await api('POST', '/v1/datasets', {
      projectId,
      name,
      columns: [
        { name: 'n', type: 'numeric' },
        { name: 'label', type: 'text' },
      ],
    });
    const body = Array.from({ length: ROWS }, (_, i) => `{"n":${i},"label":"row ${i}"}`).join('\n');
    const res = await fetch(`${server.url}/v1/datasets/${ds.body.id}/batches/upload`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
      body,
    });
    expect(((await res.json()) as any).status).toBe('succeeded');
    return ds.body;
  };
  /** Numbers land in a text column: each value is converted, which keeps the append slow enough to interrupt. */
  const emptyLike = async (name: string) =>
    (
      await api('POST', '/v1/datasets', {
        projectId,
        name,
        columns: [
          { name: 'n', type: 'text' },
          { name: 'label', type: 'text' },
        ],
      })
    ).body;
  const appendBody = (sourceDatasetId: string) => ({
    sourceDatasetId,
    mapping: [
      { source: 'n', target: 'n', expectedType: 'text' },
      { source: 'label', target: 'label', expectedType: 'text' },
    ],
  });
  /** Waits until the append has committed some rows of its batch, but not all. */
  const midway = async (job: { id: string; arguments: { batchId: string } }) => {
    for (let i = 0; i < 5000; i++) {
      const batch = (await api('GET', `/v1/batches/${job.arguments.batchId}`)).body;
      if (batch.rowCount > 0) return batch;
      const seen = (await api('GET', `/v1/jobs/${job.id}`)).body;
      if (['succeeded', 'failed', 'aborted'].includes(seen.status))
        throw new Error(`job ended too soon: ${seen.status}`);
      await sleep(2);
    }
    throw new Error('job never got going');
  };

  beforeAll(async () => {
    server = await startTestServer(dialect, { worker: false });
    token = (await workspaceWithKey(server.app, server.adminToken, 'recovery')).token;
    projectId = (await api('POST', '/v1/projects', { name: 'p' })).body.id;
    dir = mkdtempSync(join(tmpdir(), 'batchyard-recovery-'));
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('kill -9 in the middle of an append: the retry resumes and no row is duplicated', async () => {
    const source = await bigDataset('kill-source');
    const target = await emptyLike('kill-target');
    const first = await startWorkerProcess(server.databaseUrl, dir);
    children.push(first);
    const job = (await api('POST', `/v1/datasets/${target.id}/batches/append`, appendBody(source.id))).body;
    await midway(job);
    first.kill('SIGKILL');
    const batchId = job.arguments.batchId as string;
    const half = (await api('GET', `/v1/batches/${batchId}`)).body;
    expect(half.state).toBe('pending');
    expect(half.rowCount).toBeGreaterThan(0);
    expect(half.rowCount).toBeLessThan(ROWS);
    expect((await api('GET', `/v1/datasets/${target.id}/rows?limit=1`)).body.data).toEqual([]); // pending: invisible

    const second = await startWorkerProcess(server.databaseUrl, dir);
    children.push(second);
    const done = await settle(job.id);
    expect(done.status).toBe('succeeded');
    expect(done.attempt).toBe(2);
    expect(done.result.rowCount).toBe(ROWS);
    const batch = (await api('GET', `/v1/batches/${batchId}`)).body;
    expect(batch).toMatchObject({ state: 'active', rowCount: ROWS });
    // Exactly the source rows: count and distinct values agree (a search over everything counts rows).
    const all = await settle(
      (await api('POST', `/v1/datasets/${target.id}/search`, { filters: [] })).body.id,
    );
    expect(all.result.count).toBe(ROWS);
    for (const n of ['0', '77777', String(ROWS - 1)]) {
      const one = await settle(
        (
          await api('POST', `/v1/datasets/${target.id}/search`, {
            filters: [{ key: 'n', operator: '=', value: n }],
          })
        ).body.id,
      );
      expect(one.result.count).toBe(1);
    }
    second.kill('SIGTERM');
  });

  it('abort in the middle of an append leaves no half batch', async () => {
    const source = await bigDataset('abort-source');
    const target = await emptyLike('abort-target');
    const worker = await startWorkerProcess(server.databaseUrl, dir);
    children.push(worker);
    const job = (await api('POST', `/v1/datasets/${target.id}/batches/append`, appendBody(source.id))).body;
    await midway(job);
    expect((await api('POST', `/v1/jobs/${job.id}/abort`)).status).toBe(200);
    const ended = await settle(job.id);
    const left = (await api('GET', `/v1/datasets/${target.id}/batches`)).body.data;
    expect({ status: ended.status, left: left.map((b: any) => [b.state, b.rowCount]) }).toEqual({
      status: 'aborted',
      left: [],
    });
    const count = await settle(
      (await api('POST', `/v1/datasets/${target.id}/search`, { filters: [] })).body.id,
    );
    expect(count.result.count).toBe(0);
    worker.kill('SIGTERM');
  });

  it('an upload cut off by the client leaves no batch and a failed job', async () => {
    const target = await emptyLike('cut-target');
    const url = new URL(`${server.url}/v1/datasets/${target.id}/batches/upload`);
    await new Promise<void>((resolve) => {
      const req = request(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
      });
      req.on('error', () => resolve());
      for (let i = 0; i < 20_000; i++) req.write(`{"n":${i},"label":"x"}\n`);
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 200);
    });
    let jobs: any[] = [];
    for (let i = 0; i < 100; i++) {
      jobs = (await api('GET', `/v1/jobs?type=batch.ingest&status=failed`)).body.data.filter(
        (j: any) => j.arguments.datasetId === target.id,
      );
      if (jobs.length > 0) break;
      await sleep(50);
    }
    expect(jobs).toHaveLength(1);
    expect((await api('GET', `/v1/datasets/${target.id}/batches`)).body.data).toEqual([]);
  });
});
