import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects, type TestDatabase } from '../../../test/support/index.js';
import { assertBuilt } from './helpers.js';
import { freePort, serve, startWorker } from './spawn.js';

// The shipped binaries as an operator runs them on each store: `batchyard serve --no-worker` and a
// separate `batchyard worker` process on the same database (for SQLite: two real processes on one
// file), a job created through the API and run by the other process.
describe.each(testDialects())('batchyard serve and batchyard worker as two processes on %s', (dialect) => {
  let database: TestDatabase;
  let dataDir: string;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    assertBuilt();
    database = await createTestDatabase(dialect);
    dataDir = mkdtempSync(join(tmpdir(), 'batchyard-procs-'));
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await database?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('the API process queues, the worker process runs, and both stop cleanly', async () => {
    const common = ['--data-dir', dataDir, '--database-url', database.url, '--log-level', 'warn'];
    const api = await serve([
      ...common,
      '--port',
      String(await freePort()),
      '--host',
      '127.0.0.1',
      '--no-worker',
    ]);
    children.push(api.child);
    expect(api.banner).toContain('not run here (--no-worker)');
    const adminKey = readFileSync(join(dataDir, 'admin-key'), 'utf8').trim();
    const request = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${api.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const workspace = await request('POST', '/v1/workspaces', { name: `procs-${dialect}` });
    expect(workspace.status).toBe(201);
    const job = await request('POST', '/v1/jobs', {
      type: 'system.sleep',
      workspaceId: workspace.body.id,
      arguments: { ms: 100, steps: 2 },
    });
    expect(job.status).toBe(202);
    // Nothing runs it yet: the API process has no runner.
    const queued = await request('GET', `/v1/jobs/${job.body.id as string}?wait=1`);
    expect(queued.body.status).toBe('queued');

    const worker = await startWorker([...common, '--host', '127.0.0.1']);
    children.push(worker.child);
    let done = queued.body;
    for (const deadline = Date.now() + 60_000; !['succeeded', 'failed'].includes(done.status as string);) {
      if (Date.now() > deadline) break;
      done = (await request('GET', `/v1/jobs/${job.body.id as string}?wait=10`)).body;
    }
    expect(done).toMatchObject({ status: 'succeeded', attempt: 1 });

    worker.child.kill('SIGTERM');
    expect(await worker.exit).toBe(0);
    api.child.kill('SIGTERM');
    expect(await api.exit).toBe(0);
  });
});
