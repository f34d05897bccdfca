import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { assertBuilt, cliWith, json, type CliResult } from './helpers.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

function expectExit(result: CliResult, code: number): void {
  expect(result.code, `exit ${result.code}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`).toBe(code);
}

describe.each(testDialects())('batchyard flows and job dependencies on %s', (dialect) => {
  let server: TestServer;
  let cli: ReturnType<typeof cliWith>;
  const dir = mkdtempSync(join(tmpdir(), 'batchyard-flows-'));

  beforeAll(async () => {
    assertBuilt();
    server = await startTestServer(dialect);
    const admin = cliWith({ BATCHYARD_URL: server.url, BATCHYARD_TOKEN: server.adminToken });
    const workspace = json<{ id: string }>(
      await admin(['workspaces', 'create', `flows-${dialect}`, '--json']),
    );
    const key = await admin([
      'keys',
      'create',
      'flows',
      '--role',
      'editor',
      '--workspace',
      workspace.id,
      '--json',
    ]);
    cli = cliWith({ BATCHYARD_URL: server.url, BATCHYARD_TOKEN: json<{ token: string }>(key).token });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('creates a flow from a file, waits for it, shows its graph and lists it', async () => {
    const file = join(dir, 'flow.json');
    writeFileSync(
      file,
      JSON.stringify({
        name: 'nightly',
        jobs: {
          extract: { type: 'system.sleep', arguments: { ms: 100 } },
          load: { type: 'system.noop', dependsOn: ['extract'] },
          report: { type: 'system.noop', dependsOn: ['extract', 'load'] },
        },
      }),
    );
    const created = await cli(['flows', 'create', file, '--wait', '--json']);
    expectExit(created, 0);
    const flow = json<any>(created);
    expect(flow).toMatchObject({
      name: 'nightly',
      status: 'succeeded',
      progress: { total: 3, succeeded: 3 },
    });
    expect(flow.jobs.find((j: any) => j.key === 'report').dependsOn).toEqual(['extract', 'load']);

    const shown = await cli(['flows', 'get', flow.id]);
    expectExit(shown, 0);
    expect(shown.stdout).toContain('WAITS FOR');
    expect(shown.stdout).toMatch(/report\s+job_\w+\s+system\.noop\s+succeeded\s+extract, load/);
    const listed = await cli(['flows', 'list', '--status', 'succeeded', '--json']);
    expect(json<any>(listed).data.map((f: any) => f.id)).toContain(flow.id);
    const deps = await cli([
      'jobs',
      'dependencies',
      flow.jobs.find((j: any) => j.key === 'load').id,
      '--json',
    ]);
    expect(json<any[]>(deps).map((d) => d.flowKey)).toEqual(['extract']);
    expectExit(await cli(['flows', 'delete', flow.id]), 0);
    expectExit(await cli(['flows', 'get', flow.id]), 4);
  });

  it('exits 6 when the flow fails', async () => {
    // A type nobody runs, with a deadline: it expires, and the job after it fails.
    const put = await cli(['jobs', 'types', 'register', 'ext.nobody']);
    expectExit(put, 0);
    const file = join(dir, 'failing.json');
    const startBefore = new Date(Date.now() + 4000).toISOString(); // the CLI takes a while to start
    writeFileSync(
      file,
      JSON.stringify({
        name: 'doomed',
        jobs: {
          first: { type: 'ext.nobody', startBefore },
          second: { type: 'system.noop', dependsOn: ['first'] },
        },
      }),
    );
    const failed = await cli(['flows', 'create', file, '--wait', '--timeout', '30']);
    expectExit(failed, 6);
    expect(failed.stderr).toContain('failed');
    expect(failed.stdout).toMatch(/first\s+job_\w+\s+ext\.nobody\s+expired/);
    expect(failed.stdout).toMatch(/second\s+job_\w+\s+system\.noop\s+failed/);
  });

  it('sets key limits on a type and a definition, and keys on jobs and runs', async () => {
    const type = await cli([
      'jobs',
      'types',
      'register',
      'ext.keyed',
      '--key-max-running',
      '2',
      '--key-rate',
      '10/1m',
      '--json',
    ]);
    expectExit(type, 0);
    expect(json<any>(type).keyLimits).toEqual({ maxRunning: 2, rate: { max: 10, windowMs: 60_000 } });
    const listed = await cli(['jobs', 'types', 'list']);
    expect(listed.stdout).toMatch(/ext\.keyed.*2 at once, 10\/60s/);
    const job = json<any>(await cli(['jobs', 'create', 'ext.keyed', '--concurrency-key', 'acme', '--json']));
    expect(job.concurrencyKey).toBe('acme');
    const keys = await cli(['jobs', 'types', 'keys', 'ext.keyed']);
    expectExit(keys, 0);
    expect(keys.stdout).toMatch(/acme\s+1\s+0\s+2 at once, 10\/60s\s+now/);
    const bad = await cli(['jobs', 'types', 'register', 'ext.keyed', '--key-rate', '10/5ms']);
    expectExit(bad, 2);
    expect(bad.stderr).toContain('starts per window');

    const def = json<any>(
      await cli([
        'definitions',
        'create',
        'per-customer',
        '--type',
        'ext.keyed',
        '--concurrency-key',
        'c1',
        '--key-max-running',
        '3',
        '--json',
      ]),
    );
    expect(def).toMatchObject({ concurrencyKey: 'c1', keyLimits: { maxRunning: 3, rate: null } });
    const run = json<any>(await cli(['definitions', 'run', def.id, '--concurrency-key', 'c2', '--json']));
    expect(run.concurrencyKey).toBe('c2');
    const cleared = json<any>(await cli(['definitions', 'update', def.id, '--no-key-limits', '--json']));
    expect(cleared.keyLimits).toBeNull();
  });

  it('creates a job that waits for another (--depends-on), and refuses a bad choice', async () => {
    const first = json<any>(await cli(['jobs', 'create', 'system.sleep', '--arg', 'ms=200', '--json']));
    const second = await cli([
      'jobs',
      'create',
      'system.noop',
      '--depends-on',
      first.id,
      '--on-dependency-failure',
      'skip',
      '--wait',
      '--json',
    ]);
    expectExit(second, 0);
    expect(json<any>(second)).toMatchObject({
      status: 'succeeded',
      dependencyCount: 1,
      onDependencyFailure: 'skip',
    });
    const bad = await cli(['jobs', 'create', 'system.noop', '--on-dependency-failure', 'ignore']);
    expectExit(bad, 2);
    const missing = await cli(['jobs', 'create', 'system.noop', '--depends-on', 'job_nope']);
    expectExit(missing, 4);
  });
});
