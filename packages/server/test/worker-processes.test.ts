import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { call, workspaceWithKey } from './helpers.js';

const root = new URL('../../..', import.meta.url).pathname;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A real worker process (`startWorker`, as `batchyard worker` runs it) with one extra job type,
 * `test.record`, that appends the job id to `recordFile` (to count executions across processes).
 */
const WORKER_SCRIPT = `
  import { appendFileSync } from 'node:fs';
  import { loadConfig, startWorker } from '@batchyard/server';
  const [databaseUrl, dataDir, recordFile, concurrency] = process.argv.slice(1);
  const worker = await startWorker(
    loadConfig({ databaseUrl, dataDir, logLevel: 'silent', jwtSecret: 'x'.repeat(32), leaseSeconds: 2, jobConcurrency: concurrency }, {}),
    { jobTypes: [{ name: 'test.record', description: 'records its runs', handler: async (ctx) => { appendFileSync(recordFile, ctx.id + '\\n'); return null; } }] },
  );
  process.on('SIGTERM', () => worker.close().then(() => process.exit(0)));
  console.log('ready');
`;

function startWorkerProcess(
  databaseUrl: string,
  dataDir: string,
  recordFile: string,
  concurrency = 10,
): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--input-type=module', '-e', WORKER_SCRIPT, databaseUrl, dataDir, recordFile, String(concurrency)],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`worker exited early with ${code}`)));
  });
}

const exited = (child: ChildProcess) =>
  new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));

describe.each(testDialects())('worker processes on %s', (dialect) => {
  let server: TestServer;
  let token: string;
  let dir: string;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    // The API alone: every job here runs in the worker processes.
    server = await startTestServer(dialect, { worker: false });
    token = (await workspaceWithKey(server.app, server.adminToken, 'procs')).token;
    dir = mkdtempSync(join(tmpdir(), 'batchyard-workers-'));
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('re-runs a job after kill -9 of its worker, resuming from its checkpoint, and finishes it once', async () => {
    const first = await startWorkerProcess(server.databaseUrl, dir, join(dir, 'a.log'));
    children.push(first);
    const job = await call(server.app, {
      method: 'POST',
      url: '/v1/jobs',
      token,
      body: { type: 'system.sleep', arguments: { ms: 3000, steps: 6 } },
    });
    for (let i = 0; i < 100; i++) {
      const seen = (await call(server.app, { method: 'GET', url: `/v1/jobs/${job.body.id}`, token })).body;
      if (seen.status === 'running' && (seen.progress?.done ?? 0) >= 2) break;
      await sleep(50);
    }
    first.kill('SIGKILL');
    await exited(first);
    const second = await startWorkerProcess(server.databaseUrl, dir, join(dir, 'b.log'));
    children.push(second);
    const done = await call(server.app, { method: 'GET', url: `/v1/jobs/${job.body.id}?wait=30`, token });
    expect(done.body).toMatchObject({ status: 'succeeded', attempt: 2 });
    expect(done.body.result.resumedAt).toBeGreaterThanOrEqual(2);
    second.kill('SIGTERM');
    await exited(second);
  }, 60_000);

  it('hands running jobs back to the queue on graceful shutdown', async () => {
    const worker = await startWorkerProcess(server.databaseUrl, dir, join(dir, 'c.log'));
    children.push(worker);
    const job = await call(server.app, {
      method: 'POST',
      url: '/v1/jobs',
      token,
      body: { type: 'system.sleep', arguments: { ms: 30_000, steps: 30 } },
    });
    // The worker process must have taken the job before it is stopped, or there is nothing to hand back.
    let status = 'queued';
    for (const deadline = Date.now() + 30_000; status !== 'running' && Date.now() < deadline;) {
      status = (await call(server.app, { method: 'GET', url: `/v1/jobs/${job.body.id}`, token })).body.status;
      if (status !== 'running') await sleep(50);
    }
    expect(status).toBe('running');
    worker.kill('SIGTERM'); // the grace period outlasts nothing here: 30 s of sleep is cut short
    await exited(worker);
    const back = (await call(server.app, { method: 'GET', url: `/v1/jobs/${job.body.id}`, token })).body;
    expect(back).toMatchObject({ status: 'queued', attempt: 0 });
    await call(server.app, { method: 'POST', url: `/v1/jobs/${job.body.id}/abort`, token });
  }, 60_000);

  // Several worker processes draining one queue is what PostgreSQL is for: the test exists there
  // only (on SQLite it is not registered at all, rather than reported as skipped).
  if (dialect === 'postgres')
    it('drains 10,000 jobs with two worker processes, each job exactly once', async () => {
      const files = [join(dir, 'w1.log'), join(dir, 'w2.log')];
      const workspaceId = (await call(server.app, { method: 'GET', url: '/v1/me', token })).body.workspaceId;
      const now = Date.now();
      const ids: string[] = [];
      for (let batch = 0; batch < 20; batch++) {
        const rows = Array.from({ length: 500 }, (_, i) => {
          const id = `job_bulk${String(batch * 500 + i).padStart(18, '0')}`;
          ids.push(id);
          return {
            id,
            workspace_id: workspaceId,
            project_id: null,
            type: 'test.record',
            title: null,
            description: null,
            arguments: '{}',
            status: 'queued' as const,
            priority: 0,
            run_at: now,
            attempt: 0,
            max_attempts: 3,
            backoff_base_ms: 1000,
            backoff_max_ms: 1000,
            progress: null,
            counters: '{}',
            warnings: '[]',
            result: null,
            error: null,
            checkpoint: null,
            definition_id: null,
            unique_key: null,
            created_by: null,
            created_at: now,
            updated_at: now,
            started_at: null,
            finished_at: null,
            lease_owner: null,
            lease_expires_at: null,
            abort_requested: 0,
          };
        });
        await server.store.db.insertInto('jobs').values(rows).execute();
      }
      const workers = await Promise.all(
        files.map((file) => startWorkerProcess(server.databaseUrl, dir, file, 50)),
      );
      children.push(...workers);
      for (let i = 0; i < 600; i++) {
        const left = await server.store.db
          .selectFrom('jobs')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('type', '=', 'test.record')
          .where('status', '!=', 'succeeded')
          .executeTakeFirstOrThrow();
        if (Number(left.n) === 0) break;
        await sleep(100);
      }
      for (const worker of workers) worker.kill('SIGTERM');
      await Promise.all(workers.map(exited));
      const runs = files.flatMap((file) => readFileSync(file, 'utf8').split('\n').filter(Boolean));
      expect(runs.length).toBe(10_000);
      expect(new Set(runs).size).toBe(10_000);
      const perWorker = files.map((file) => readFileSync(file, 'utf8').split('\n').filter(Boolean).length);
      expect(Math.min(...perWorker)).toBeGreaterThan(0); // both took part
      const attempts = await server.store.db
        .selectFrom('jobs')
        .select('attempt')
        .where('type', '=', 'test.record')
        .where('attempt', '!=', 1)
        .execute();
      expect(attempts).toEqual([]);
    }, 120_000);
});
