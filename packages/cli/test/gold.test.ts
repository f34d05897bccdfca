import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { assertBuilt, cliWith, json, type CliResult } from './helpers.js';

function expectExit(result: CliResult, code: number): void {
  expect(result.code, `exit ${result.code}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`).toBe(code);
}

describe.each(testDialects())('batchyard gold tasks and quality on %s', (dialect) => {
  let server: TestServer;
  let cli: ReturnType<typeof cliWith>;
  let dir: string;

  const ok = async <T = Record<string, unknown>>(args: string[], as = cli): Promise<T> => {
    const result = await as([...args, '--json']);
    expectExit(result, 0);
    return json<T>(result);
  };

  beforeAll(async () => {
    assertBuilt();
    server = await startTestServer(dialect);
    dir = mkdtempSync(join(tmpdir(), 'batchyard-cli-gold-'));
    const admin = cliWith({ BATCHYARD_URL: server.url, BATCHYARD_TOKEN: server.adminToken });
    const workspaceId = (await ok<{ id: string }>(['workspaces', 'create', `gold-${dialect}`], admin)).id;
    const key = await ok<{ token: string }>(
      ['keys', 'create', 'admin', '--role', 'admin', '--workspace', workspaceId],
      admin,
    );
    cli = cliWith({ BATCHYARD_URL: server.url, BATCHYARD_TOKEN: key.token });
  });
  afterAll(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('creates gold tasks, sets one from a file, and prints the quality report', async () => {
    const project = await ok<{ id: string; workflow: { goldRate: number } }>([
      'projects',
      'create',
      'gold',
      '--gold-rate',
      '1',
    ]);
    expect(project.workflow.goldRate).toBe(1);
    expectExit(await cli(['projects', 'update', project.id, '--gold-rate', '2']), 2);
    const datasetId = (
      await ok<{ id: string }>([
        'datasets',
        'create',
        '--project',
        project.id,
        '--name',
        'd',
        '--column',
        'v:numeric',
      ])
    ).id;
    const rows = join(dir, 'rows.jsonl');
    writeFileSync(rows, '{"v":1}\n');
    const batchId = (
      await ok<{ result: { batchId: string } }>(['batches', 'upload', datasetId, rows, '--name', 'b'])
    ).result.batchId;
    const tasks = join(dir, 'tasks.jsonl');
    writeFileSync(
      tasks,
      `${JSON.stringify({ name: 'g1', gold: { data: { category: 'cat' } } })}\n{"name":"g2"}\n`,
    );
    expectExit(await cli(['tasks', 'create', '--batch', batchId, '--file', tasks]), 0);
    const all = await ok<{ data: { id: string; name: string }[] }>([
      'tasks',
      'list',
      '--project',
      project.id,
    ]);
    const id = (name: string) => all.data.find((t) => t.name === name)!.id;

    const answer = join(dir, 'answer.json');
    writeFileSync(answer, '{"category":"dog"}');
    const set = await ok<{ gold: unknown }>(['tasks', 'gold', id('g2'), '--file', answer]);
    expect(set.gold).toEqual({ data: { category: 'dog' } });
    expectExit(await cli(['tasks', 'gold', id('g2')]), 2);
    expectExit(await cli(['tasks', 'gold', 'tsk_nope', '--data-json', '{}']), 4);
    const gold = await ok<{ data: { id: string }[] }>(['tasks', 'list', '--project', project.id, '--gold']);
    expect(gold.data).toHaveLength(2);
    expect(
      (await ok<{ data: unknown[] }>(['tasks', 'list', '--project', project.id, '--no-gold'])).data,
    ).toEqual([]);

    const member = await ok<{ id: string }>([
      'members',
      'create',
      'Ada',
      '--email',
      'ada@example.org',
      '--role',
      'annotator',
    ]);
    const token = (await ok<{ token: string }>(['keys', 'create', 'ada', '--member', member.id])).token;
    const ada = cliWith({ BATCHYARD_URL: server.url, BATCHYARD_TOKEN: token });
    for (let n = 0; n < 2; n++) {
      const task = await ok<{ id: string; name: string; gold?: unknown }>(
        ['tasks', 'claim', '--project', project.id],
        ada,
      );
      expect(task.gold).toBeUndefined();
      // Ada gets g1 right (cat) and g2 wrong (cat, not dog).
      expectExit(await ada(['tasks', 'submit', task.id, '--data-json', '{"category":"cat"}']), 0);
    }
    expectExit(await ada(['quality', '--project', project.id]), 5);

    const report = await ok<{ data: { memberId: string; gold: unknown; submitted: number }[] }>([
      'quality',
      '--project',
      project.id,
      '--from',
      '1d',
    ]);
    expect(report.data).toEqual([
      expect.objectContaining({ memberId: member.id, submitted: 2, gold: { answered: 2, accuracy: 0.5 } }),
    ]);
    const table = await cli(['quality', '--project', project.id]);
    expectExit(table, 0);
    expect(table.stdout).toMatch(/ACCURACY/);
    expect(table.stdout).toMatch(/Ada .*50\.0%/);
    const one = await ok<{ memberId: string }>(['quality', '--project', project.id, '--member', member.id]);
    expect(one).toMatchObject({ memberId: member.id, gold: { answered: 2, accuracy: 0.5 } });
    expectExit(await cli(['quality', '--project', project.id, '--from', 'yesterday']), 2);
    expectExit(await cli(['quality', '--project', 'prj_nope']), 4);

    const removed = await ok<{ gold?: unknown }>(['tasks', 'gold', id('g1'), '--remove']);
    expect(removed.gold).toBeUndefined();
  });
});
