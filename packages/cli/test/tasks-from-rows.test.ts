import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { assertBuilt, cliWith, json, type CliResult } from './helpers.js';

function expectExit(result: CliResult, code: number): void {
  expect(result.code, `exit ${result.code}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`).toBe(code);
}

describe.each(testDialects())('batchyard tasks from-rows on %s', (dialect) => {
  let server: TestServer;
  let cli: ReturnType<typeof cliWith>;
  let dir: string;
  let projectId: string;
  let batchId: string;

  const ok = async <T = Record<string, unknown>>(args: string[]): Promise<T> => {
    const result = await cli([...args, '--json']);
    expectExit(result, 0);
    return json<T>(result);
  };

  beforeAll(async () => {
    assertBuilt();
    server = await startTestServer(dialect);
    dir = mkdtempSync(join(tmpdir(), 'batchyard-cli-from-rows-'));
    const admin = cliWith({ BATCHYARD_URL: server.url, BATCHYARD_TOKEN: server.adminToken });
    const workspace = await admin(['workspaces', 'create', `from-rows-${dialect}`, '--json']);
    expectExit(workspace, 0);
    const key = await admin([
      'keys',
      'create',
      'rows',
      '--role',
      'editor',
      '--workspace',
      json<{ id: string }>(workspace).id,
      '--json',
    ]);
    expectExit(key, 0);
    cli = cliWith({ BATCHYARD_URL: server.url, BATCHYARD_TOKEN: json<{ token: string }>(key).token });
    projectId = (await ok<{ id: string }>(['projects', 'create', 'p'])).id;
    const datasetId = (
      await ok<{ id: string }>([
        'datasets',
        'create',
        '--project',
        projectId,
        '--name',
        'd',
        '--column',
        'file:text',
        '--column',
        'v:numeric',
        '--column',
        'url:text',
      ])
    ).id;
    const path = join(dir, 'rows.jsonl');
    const rows = [
      { file: 'a', v: 1, url: 's3://x/a.png' },
      { file: 'b', v: 2.5, url: null },
      { file: 'b', v: 3, url: null },
      { file: null, v: 4, url: null },
    ];
    writeFileSync(path, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const job = await ok<{ result: { batchId: string } }>([
      'batches',
      'upload',
      datasetId,
      path,
      '--name',
      'rows',
    ]);
    batchId = job.result.batchId;
  });
  afterAll(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('creates a task per row, lists the failed rows and exits 3; a second run skips', async () => {
    const first = await cli([
      'tasks',
      'from-rows',
      batchId,
      '--name-column',
      'file',
      '--data-columns',
      'file,v',
      '--resources-column',
      'url',
      '--wait',
    ]);
    expectExit(first, 3);
    expect(first.stdout).toMatch(/^Rows:\s+4$/m);
    expect(first.stdout).toMatch(/^Created:\s+1$/m);
    expect(first.stdout).toMatch(/^Failed:\s+3$/m);
    expect(first.stderr).toMatch(/^ {2}row #1 "b": .*\(duplicate_in_request\)$/m);
    expect(first.stderr).toMatch(/^ {2}row #3 : .*\(name_missing\)$/m);
    const tasks = await ok<{ data: { name: string; data: unknown; resources: string[] }[] }>([
      'tasks',
      'list',
      '--project',
      projectId,
      '--batch',
      batchId,
      '--include',
      'data',
    ]);
    expect(tasks.data.map((t) => [t.name, t.data, t.resources])).toEqual([
      ['a', { file: 'a', v: 1 }, ['s3://x/a.png']],
    ]);

    const again = await cli([
      'tasks',
      'from-rows',
      batchId,
      '--name-column',
      'file',
      '--on-existing',
      'skip',
      '--wait',
      '--json',
    ]);
    expectExit(again, 3);
    expect(json<{ result: Record<string, unknown> }>(again).result).toMatchObject({
      rows: 4,
      created: 0,
      skipped: 1,
      failed: 3,
    });

    // Without --wait: the started job.
    const started = await ok<{ id: string; type: string }>([
      'tasks',
      'from-rows',
      batchId,
      '--name-prefix',
      'row-',
    ]);
    expect(started.type).toBe('tasks.from_rows');

    const unknown = await cli([
      'tasks',
      'from-rows',
      batchId,
      '--name-column',
      'file',
      '--data-columns',
      'v,nope',
    ]);
    expectExit(unknown, 3);
    expect(unknown.stderr).toMatch(/dataColumns\/1/);
    expectExit(await cli(['tasks', 'from-rows', batchId]), 2);
    expectExit(await cli(['tasks', 'from-rows', 'bat_nothere', '--name-column', 'file']), 4);
  });
});
