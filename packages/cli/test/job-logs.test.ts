import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { assertBuilt, cliWith, json, type CliResult } from './helpers.js';

function expectExit(result: CliResult, code: number): void {
  expect(result.code, `exit ${result.code}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`).toBe(code);
}

describe.each(testDialects())('batchyard jobs logs on %s', (dialect) => {
  let server: TestServer;
  let cli: ReturnType<typeof cliWith>;
  let viewer: ReturnType<typeof cliWith>;

  beforeAll(async () => {
    assertBuilt();
    server = await startTestServer(dialect);
    const admin = cliWith({ BATCHYARD_URL: server.url, BATCHYARD_TOKEN: server.adminToken });
    const workspace = json<{ id: string }>(
      await admin(['workspaces', 'create', `logs-${dialect}`, '--json']),
    );
    const key = async (role: string) =>
      json<{ token: string }>(
        await admin(['keys', 'create', role, '--role', role, '--workspace', workspace.id, '--json']),
      ).token;
    cli = cliWith({ BATCHYARD_URL: server.url, BATCHYARD_TOKEN: await key('editor') });
    viewer = cliWith({ BATCHYARD_URL: server.url, BATCHYARD_TOKEN: await key('viewer') });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('follows a running job’s lines until it ends (-f), then prints them again as JSON Lines', async () => {
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
    const id = json<{ id: string }>(created).id;

    const followed = await viewer(['jobs', 'logs', id, '-f']);
    expectExit(followed, 0);
    const lines = followed.stdout.trim().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(
      /^\d{4}-\d\d-\d\dT[\d:.]+Z {2}INFO {3}sleeping 1500 ms in 3 steps {2}\{"ms":1500,"steps":3,"attempt":1\}$/,
    );
    expect(lines.slice(1).map((l) => l.replace(/^\S+ {2}/, ''))).toEqual([
      'DEBUG  step 1 of 3',
      'DEBUG  step 2 of 3',
      'DEBUG  step 3 of 3',
      'INFO   done',
    ]);
    // -f returned because the job ended.
    const job = json<{ status: string }>(await cli(['jobs', 'get', id, '--json']));
    expect(job.status).toBe('succeeded');

    const asJson = await cli(['jobs', 'logs', id, '--json', '--after', '2']);
    expectExit(asJson, 0);
    const records = asJson.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { seq: number; level: string; message: string; attempt: number });
    expect(records.map((r) => [r.seq, r.level, r.message, r.attempt])).toEqual([
      [3, 'debug', 'step 2 of 3', 1],
      [4, 'debug', 'step 3 of 3', 1],
      [5, 'info', 'done', 1],
    ]);
  });

  it('marks the lines of later attempts, and says so when lines were dropped', async () => {
    const created = await cli([
      'jobs',
      'create',
      'system.sleep',
      '--arg',
      'ms=0',
      '--arg',
      'steps=1200',
      '--arg',
      'failTimes=1',
      '--max-attempts',
      '2',
      '--wait',
      '--json',
    ]);
    expectExit(created, 0);
    const id = json<{ id: string }>(created).id;
    const result = await cli(['jobs', 'log', id]);
    expectExit(result, 0);
    // 1 + 600 steps + 1 failure line, then 1 + 600 steps + done: 1,204 lines, the newest 1,000 kept.
    expect(result.stderr).toContain('… 204 earlier lines were dropped (a job keeps its newest 1,000)');
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(1000);
    expect(lines.at(-1)).toMatch(/INFO {3}\[attempt 2\] {2}done$/);
    expect(lines.some((l) => l.includes('resuming at step 600 of 1200'))).toBe(true);
  });

  it('answers a job that does not exist with exit 4, and a bad --after with exit 2', async () => {
    const missing = await cli(['jobs', 'logs', 'job_nope', '-f']);
    expectExit(missing, 4);
    expect(missing.stderr).toMatch(/not found/i);
    expectExit(await cli(['jobs', 'logs', 'job_nope', '--after', '-1']), 2);
  });
});
