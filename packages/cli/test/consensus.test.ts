import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { assertBuilt, cliWith, json, type CliResult } from './helpers.js';

function expectExit(result: CliResult, code: number): void {
  expect(result.code, `exit ${result.code}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`).toBe(code);
}

describe.each(testDialects())('batchyard consensus on %s', (dialect) => {
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
    dir = mkdtempSync(join(tmpdir(), 'batchyard-cli-consensus-'));
    const admin = cliWith({ BATCHYARD_URL: server.url, BATCHYARD_TOKEN: server.adminToken });
    const workspaceId = (await ok<{ id: string }>(['workspaces', 'create', `consensus-${dialect}`], admin))
      .id;
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

  it('sets consensus on a project, lists a task’s annotations and chooses one', async () => {
    const projectId = (await ok<{ id: string }>(['projects', 'create', 'consensus'])).id;
    expectExit(await cli(['projects', 'update', projectId, '--annotations-per-task', 'two']), 2);
    const refused = await cli(['projects', 'update', projectId, '--annotations-per-task', '50', '--json']);
    expectExit(refused, 3);
    expect(refused.stderr + refused.stdout).toContain('/workflow/annotationsPerTask');
    const updated = await ok<{ workflow: unknown }>([
      'projects',
      'update',
      projectId,
      '--annotations-per-task',
      '2',
      '--agreement-threshold',
      '0.9',
    ]);
    expect(updated.workflow).toMatchObject({ annotationsPerTask: 2, agreementThreshold: 0.9 });

    const datasetId = (
      await ok<{ id: string }>([
        'datasets',
        'create',
        '--project',
        projectId,
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
    writeFileSync(tasks, '{"name":"only"}\n');
    expectExit(await cli(['tasks', 'create', '--batch', batchId, '--file', tasks]), 0);

    const person = async (name: string, role: string) => {
      const m = await ok<{ id: string }>([
        'members',
        'create',
        name,
        '--email',
        `${name}@example.org`,
        '--role',
        role,
      ]);
      const token = (await ok<{ token: string }>(['keys', 'create', name, '--member', m.id])).token;
      return { id: m.id, cli: cliWith({ BATCHYARD_URL: server.url, BATCHYARD_TOKEN: token }) };
    };
    const [a, b] = [await person('ca', 'annotator'), await person('cb', 'annotator')];
    let taskId = '';
    for (const [p, label] of [
      [a, 'cat'],
      [b, 'dog'],
    ] as const) {
      taskId = (await ok<{ id: string }>(['tasks', 'claim', '--project', projectId], p.cli)).id;
      await ok(['tasks', 'submit', taskId, '--data-json', JSON.stringify({ label })], p.cli);
    }
    const task = await ok<{ status: string; agreement: { score: number; chosenAnnotationId: string } }>([
      'tasks',
      'get',
      taskId,
    ]);
    expect(task).toMatchObject({ status: 'to_review', agreement: { score: 0 } });

    const listed = await cli(['tasks', 'annotations', taskId]);
    expectExit(listed, 0);
    expect(listed.stdout).toContain(a.id);
    expect(listed.stdout).toContain('{"label":"dog"}');
    const annotations = await ok<{ id: string; memberId: string; chosen: boolean }[]>([
      'tasks',
      'annotations',
      taskId,
    ]);
    expect(annotations.map((x) => [x.memberId, x.chosen])).toEqual([
      [a.id, true],
      [b.id, false],
    ]);

    const reviewer = await person('cr', 'reviewer');
    expectExit(await a.cli(['tasks', 'choose', taskId, annotations[1]!.id]), 5);
    const chose = await reviewer.cli(['tasks', 'choose', taskId, annotations[1]!.id]);
    expectExit(chose, 0);
    expect(chose.stdout).toContain(`Chose ${annotations[1]!.id}`);
    const after = await ok<{ data: unknown; agreement: { chosenBy: string } }>(['tasks', 'get', taskId]);
    expect(after).toMatchObject({ data: { label: 'dog' }, agreement: { chosenBy: 'reviewer' } });
    expectExit(await reviewer.cli(['tasks', 'choose', taskId, 'ann_nope']), 4);
  });
});
