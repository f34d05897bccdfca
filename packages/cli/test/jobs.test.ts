import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { assertBuilt, BIN, cleanEnv, cliWith, json, type CliResult } from './helpers.js';

interface Job {
  id: string;
  type: string;
  status: string;
  title: string | null;
  attempt: number;
  maxAttempts: number;
  arguments: Record<string, unknown>;
  result: unknown;
  error: { code: string; message: string } | null;
}
interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

function expectExit(result: CliResult, code: number): void {
  expect(result.code, `exit ${result.code}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`).toBe(code);
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A runner with an editor key of a new workspace (jobs need a workspace). */
async function workspaceCli(server: TestServer, name: string) {
  const admin = cliWith({ BATCHYARD_URL: server.url, BATCHYARD_TOKEN: server.adminToken });
  const workspace = await admin(['workspaces', 'create', name, '--json']);
  expectExit(workspace, 0);
  const workspaceId = json<{ id: string }>(workspace).id;
  const key = await admin(['keys', 'create', name, '--role', 'editor', '--workspace', workspaceId, '--json']);
  expectExit(key, 0);
  return {
    workspaceId,
    cli: cliWith({ BATCHYARD_URL: server.url, BATCHYARD_TOKEN: json<{ token: string }>(key).token }),
  };
}

describe.each(testDialects())('batchyard jobs and definitions on %s', (dialect) => {
  let server: TestServer;
  let cli: ReturnType<typeof cliWith>;

  beforeAll(async () => {
    assertBuilt();
    server = await startTestServer(dialect);
    ({ cli } = await workspaceCli(server, `jobs-${dialect}`));
  });
  afterAll(async () => {
    await server?.close();
  });

  it('creates a job and waits for it (--wait --json), parsing --arg values as JSON', async () => {
    const result = await cli([
      'jobs',
      'create',
      'system.sleep',
      '--arg',
      'ms=50',
      '--arg',
      'steps=2',
      '--title',
      'nap',
      '--wait',
      '--json',
    ]);
    expectExit(result, 0);
    const job = json<Job>(result);
    expect(job).toMatchObject({ type: 'system.sleep', status: 'succeeded', title: 'nap' });
    expect(job.arguments).toMatchObject({ ms: 50, steps: 2 });
    expect(job.result).toMatchObject({ sleptMs: 50, steps: 2 });
    // Without a terminal and with --json, stderr stays empty (it is for a JSON problem).
    expect(result.stderr).toBe('');

    const shown = await cli(['jobs', 'get', job.id]);
    expectExit(shown, 0);
    expect(shown.stdout).toMatch(/^Status:\s+succeeded$/m);
  });

  it('watches jobs as they change (jobs watch --for)', async () => {
    const watching = cli(['jobs', 'watch', '--for', '8']);
    await delay(2000); // the watcher starts and subscribes
    const created = await cli([
      'jobs',
      'create',
      'system.sleep',
      '--arg',
      'ms=1500',
      '--arg',
      'steps=3',
      '--json',
    ]);
    expectExit(created, 0);
    const id = json<Job>(created).id;
    const waited = await cli(['jobs', 'wait', id, '--json']);
    expectExit(waited, 0);
    const watched = await watching;
    expectExit(watched, 0);
    const lines = watched.stdout.split('\n').filter((line) => line.includes(id));
    expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(lines.at(-1)).toMatch(new RegExp(`${id}\\s+system\\.sleep\\s+succeeded`));
  });

  it('watches with --json as one JSON object per line', async () => {
    const watching = cli(['jobs', 'watch', '--for', '6', '--json']);
    await delay(2000); // the watcher starts and subscribes
    const created = await cli(['jobs', 'create', 'system.noop', '--wait', '--json']);
    expectExit(created, 0);
    const id = json<Job>(created).id;
    const watched = await watching;
    expectExit(watched, 0);
    const lines = watched.stdout.split('\n').filter((line) => line !== '');
    expect(lines.length).toBeGreaterThanOrEqual(1);
    const events = lines.map((line) => JSON.parse(line) as Job);
    expect(events.filter((e) => e.id === id).at(-1)?.status).toBe('succeeded');
  });

  it('lists jobs newest first, by project; creates a job with a description', async () => {
    const admin = cliWith({ BATCHYARD_URL: server.url, BATCHYARD_TOKEN: server.adminToken });
    const { workspaceId, cli: own } = await workspaceCli(server, `order-${dialect}`);
    const project = await admin(['projects', 'create', 'order', '--workspace', workspaceId, '--json']);
    expectExit(project, 0);
    const projectId = json<{ id: string }>(project).id;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const made = await own([
        'jobs',
        'create',
        'system.noop',
        '--title',
        `n${i}`,
        '--description',
        `the number ${i}`,
        ...(i > 0 ? ['--project', projectId] : []),
        '--json',
      ]);
      expectExit(made, 0);
      expect(json<Job & { description: string }>(made).description).toBe(`the number ${i}`);
      ids.push(json<Job>(made).id);
    }
    const listed = await own(['jobs', 'list', '--json']);
    expectExit(listed, 0);
    expect(json<Page<Job>>(listed).data.map((j) => j.id)).toEqual([...ids].reverse());
    const inProject = await own(['jobs', 'list', '--project', projectId, '--json']);
    expectExit(inProject, 0);
    expect(json<Page<Job>>(inProject).data.map((j) => j.id)).toEqual([ids[2], ids[1]]);
    const oldest = await own(['jobs', 'list', '--sort', 'createdAt', '--json']);
    expect(json<Page<Job>>(oldest).data.map((j) => j.id)).toEqual(ids);
  });

  it('exits 6 when the job fails, and 2 on a bad --arg', async () => {
    const failed = await cli([
      'jobs',
      'create',
      'system.sleep',
      '--args-json',
      '{"ms": 20, "steps": 2, "failTimes": 9}',
      '--max-attempts',
      '1',
      '--wait',
    ]);
    expectExit(failed, 6);
    expect(failed.stdout).toMatch(/^Status:\s+failed$/m);
    // An attempt past --timeout-ms fails with code timeout.
    const timedOut = await cli([
      'jobs',
      'create',
      'system.sleep',
      '--arg',
      'ms=60000',
      '--timeout-ms',
      '200',
      '--max-attempts',
      '1',
      '--wait',
      '--json',
    ]);
    expectExit(timedOut, 6);
    expect(json<Job & { timeoutMs: number }>(timedOut)).toMatchObject({
      status: 'failed',
      timeoutMs: 200,
      error: { code: 'timeout' },
    });
    expectExit(await cli(['jobs', 'create', 'system.noop', '--timeout-ms', '0']), 2);
    // Without a terminal, progress is a line per status change on stderr.
    expect(failed.stderr).toMatch(/^job \S+: (queued|running \(attempt 1\/1\))$/m);
    expect(failed.stderr).toMatch(/^job \S+: failed: planned failure of attempt 1$/m);
    expect(failed.stderr).toMatch(/^error: job \S+ failed: planned failure of attempt 1/m);

    const bad = await cli(['jobs', 'create', 'system.noop', '--arg', 'novalue']);
    expectExit(bad, 2);
  });

  it('exits 7 when the job waited for is aborted from another command, 8 on --timeout', async () => {
    const created = await cli(['jobs', 'create', 'system.sleep', '--arg', 'ms=20000', '--json']);
    expectExit(created, 0);
    const id = json<Job>(created).id;

    const timedOut = await cli(['jobs', 'wait', id, '--timeout', '1']);
    expectExit(timedOut, 8);
    expect(timedOut.stderr).toContain(`timed out after 1 s waiting for job ${id}`);

    const waiting = cli(['jobs', 'wait', id, '--json']);
    await delay(500);
    const aborted = await cli(['jobs', 'abort', id, '--json']);
    expectExit(aborted, 0);
    const waited = await waiting;
    expectExit(waited, 7);
    expect(json<Job>(waited).status).toBe('aborted');
    expect(JSON.parse(waited.stderr)).toMatchObject({ code: 'job_aborted' });

    const retried = await cli(['jobs', 'retry', id, '--json']);
    expectExit(retried, 0);
    expect(json<Job>(retried).status).toBe('queued');
    await cli(['jobs', 'abort', id]);
  });

  it('lists jobs by type and status, and deletes a finished one', async () => {
    const noop = await cli(['jobs', 'create', 'system.noop', '--wait', '--json']);
    expectExit(noop, 0);
    const noopId = json<Job>(noop).id;

    const byType = await cli(['jobs', 'list', '--type', 'system.noop', '--all', '--json']);
    expectExit(byType, 0);
    const types = json<Page<Job>>(byType).data;
    expect(types.map((j) => j.id)).toContain(noopId);
    expect(new Set(types.map((j) => j.type))).toEqual(new Set(['system.noop']));

    const byStatus = await cli(['jobs', 'list', '--status', 'failed,aborted', '--json']);
    expectExit(byStatus, 0);
    const statuses = json<Page<Job>>(byStatus).data;
    expect(statuses.length).toBeGreaterThanOrEqual(2);
    for (const job of statuses) expect(['failed', 'aborted']).toContain(job.status);

    const table = await cli(['jobs', 'list', '--type', 'system.noop,system.sleep', '--limit', '2']);
    expectExit(table, 0);
    expect(table.stdout).toMatch(/^ID\s+TYPE\s+STATUS\s+PROGRESS/);
    expect(table.stderr).toContain('--cursor');

    const deleted = await cli(['jobs', 'delete', noopId]);
    expectExit(deleted, 0);
    expectExit(await cli(['jobs', 'get', noopId]), 4);

    const types2 = await cli(['jobs', 'types', 'list', '--json']);
    expectExit(types2, 0);
    expect(json<{ data: { name: string }[] }>(types2).data.map((t) => t.name)).toContain('system.sleep');
  });

  it('aborts, then deletes, the jobs a filter selects (jobs bulk --wait), refusing an empty filter', async () => {
    const { cli: own } = await workspaceCli(server, `bulk-${dialect}`);
    const queued: string[] = [];
    for (let i = 0; i < 2; i++) {
      const created = await own(['jobs', 'create', 'system.noop', '--run-at', '1h', '--json']);
      expectExit(created, 0);
      queued.push(json<Job>(created).id);
    }
    const done = await own(['jobs', 'create', 'system.noop', '--wait', '--json']);
    expectExit(done, 0);

    const aborted = await own(['jobs', 'bulk', 'abort', '--type', 'system.noop', '--wait', '--json']);
    expectExit(aborted, 0);
    const bulkJob = json<Job>(aborted);
    expect(bulkJob).toMatchObject({ type: 'jobs.bulk', status: 'succeeded' });
    expect(bulkJob.result).toMatchObject({
      matched: 3,
      applied: 2,
      skipped: 1,
      skippedBy: { job_finished: 1 },
    });
    const lines = await own(['jobs', 'artifacts', 'get', bulkJob.id, 'results.jsonl', '--out', '-']);
    expectExit(lines, 0);
    const items = lines.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; outcome: string });
    expect(items.filter((i) => i.outcome === 'applied').map((i) => i.id)).toEqual([...queued].sort());
    for (const id of queued)
      expect(json<Job>(await own(['jobs', 'get', id, '--json'])).status).toBe('aborted');

    const deleted = await own([
      'jobs',
      'bulk',
      'delete',
      '--type',
      'system.noop',
      '--status',
      'aborted',
      '--wait',
    ]);
    expectExit(deleted, 0);
    expect(deleted.stdout).toContain('succeeded');
    for (const id of queued) expectExit(await own(['jobs', 'get', id]), 4);

    const skipped = await own(['jobs', 'bulk', 'retry', '--type', 'system.noop', '--wait']);
    expectExit(skipped, 0);
    expect(skipped.stderr).toContain('1 skipped');
    expect(skipped.stderr).toContain('results.jsonl');

    const empty = await own(['jobs', 'bulk', 'abort']);
    expectExit(empty, 2);
    expect(empty.stderr).toContain('--type');
    expectExit(await own(['jobs', 'bulk', 'explode', '--type', 'system.noop']), 2);
    const badStatus = await own(['jobs', 'bulk', 'abort', '--status', 'done', '--json']);
    expectExit(badStatus, 3);
    expect(badStatus.stderr + badStatus.stdout).toContain('/filter/statuses/0');
  });

  it('pauses and resumes a job type (jobs types pause|resume), and sets a workspace weight', async () => {
    const paused = await cli(['jobs', 'types', 'pause', 'system.noop']);
    expectExit(paused, 0);
    expect(paused.stdout).toContain('Job type system.noop is paused.');
    const created = await cli(['jobs', 'create', 'system.noop', '--json']);
    expectExit(created, 0);
    const id = json<Job>(created).id;
    await delay(300);
    expect(json<Job & { paused: boolean }>(await cli(['jobs', 'get', id, '--json']))).toMatchObject({
      status: 'queued',
      paused: true,
    });
    const table = await cli(['jobs', 'types', 'list']);
    expect(table.stdout).toMatch(/^NAME\s+BUILT IN\s+WORKSPACE\s+SCHEMA\s+KEY LIMITS\s+PAUSED/);
    expect(table.stdout.split('\n').find((l) => l.startsWith('system.noop '))).toMatch(/ yes .* yes /);
    // Instance-wide needs an instance admin: an editor's key is refused (exit 5), and the flags clash.
    expectExit(await cli(['jobs', 'types', 'pause', 'system.noop', '--instance-wide']), 5);
    expectExit(
      await cli(['jobs', 'types', 'pause', 'system.noop', '--instance-wide', '--workspace', 'x']),
      2,
    );
    const resumed = await cli(['jobs', 'types', 'resume', 'system.noop', '--json']);
    expectExit(resumed, 0);
    expect(json<{ paused: boolean }>(resumed).paused).toBe(false);
    expectExit(await cli(['jobs', 'wait', id, '--json']), 0);

    const admin = cliWith({ BATCHYARD_URL: server.url, BATCHYARD_TOKEN: server.adminToken });
    const workspaceId = json<Job & { workspaceId: string }>(created).workspaceId;
    const weighted = await admin(['workspaces', 'set-weight', workspaceId, '3', '--json']);
    expectExit(weighted, 0);
    expect(json<{ weight: number }>(weighted).weight).toBe(3);
    expectExit(await admin(['workspaces', 'set-weight', workspaceId, '0']), 2);
  });

  it('creates a definition, runs it with --param --wait, lists its instances, and refuses a throttled run', async () => {
    const created = await cli([
      'definitions',
      'create',
      'nightly-nap',
      '--type',
      'system.sleep',
      '--param',
      'ms=20',
      '--param',
      'steps=1',
      '--max-starts-per-hour',
      '2',
      '--json',
    ]);
    expectExit(created, 0);
    const definition = json<{ id: string; parameters: Record<string, unknown> }>(created);
    expect(definition.parameters).toEqual({ ms: 20, steps: 1 });

    const ran = await cli(['definitions', 'run', definition.id, '--param', 'ms=30', '--wait', '--json']);
    expectExit(ran, 0);
    expect(json<Job>(ran)).toMatchObject({ status: 'succeeded', arguments: { ms: 30, steps: 1 } });

    const second = await cli(['definitions', 'run', definition.id, '--json']);
    expectExit(second, 0);

    const instances = await cli(['definitions', 'instances', definition.id, '--all', '--json']);
    expectExit(instances, 0);
    expect(json<Page<Job>>(instances).data).toHaveLength(2);
    const byDefinition = await cli(['jobs', 'list', '--definition', definition.id, '--json']);
    expect(json<Page<Job>>(byDefinition).data).toHaveLength(2);

    // The SDK would honour Retry-After and try again: no retries, to see the refusal at once.
    const throttled = await cli(['definitions', 'run', definition.id], {
      env: { BATCHYARD_MAX_RETRIES: '0' },
    });
    expectExit(throttled, 3);
    expect(throttled.stderr).toMatch(/^error: .*maxStartsPerHour 2.*\(definition_throttled/m);
    expect(throttled.stderr).toMatch(/^retry after: \d+ s$/m);
  });
});

// One slow process test, on SQLite only: a worker process polls the shared database file.
describe('batchyard worker', () => {
  let server: TestServer;

  beforeAll(async () => {
    assertBuilt();
    server = await startTestServer('sqlite', { worker: false });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('runs the jobs of an API-only server, then stops on SIGTERM with exit 0', async () => {
    const { cli } = await workspaceCli(server, 'worker');
    const child = spawn(
      process.execPath,
      [
        BIN,
        'worker',
        '--database-url',
        server.databaseUrl,
        '--data-dir',
        server.dataDir,
        '--log-level',
        'silent',
      ],
      { env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      for (let i = 0; i < 100 && !stdout.includes('Concurrency:'); i++) await delay(100);
      expect(stdout, stderr).toContain('Batchyard worker is running');
      expect(stdout).toContain('SQLite at');
      expect(stdout).toMatch(/Concurrency:\s+10 job/);

      const created = await cli([
        'jobs',
        'create',
        'system.sleep',
        '--arg',
        'ms=10',
        '--arg',
        'steps=1',
        '--json',
      ]);
      expectExit(created, 0);
      const id = json<Job>(created).id;
      let status = 'queued';
      for (let i = 0; i < 100 && status !== 'succeeded'; i++) {
        await delay(100);
        status = json<Job>(await cli(['jobs', 'get', id, '--json'])).status;
      }
      expect(status).toBe('succeeded');

      child.kill('SIGTERM');
      expect(await exit, stderr).toBe(0);
      expect(stderr).toContain('SIGTERM: stopping');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
