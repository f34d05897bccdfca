import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { assertBuilt, cliWith, json, type CliResult } from './helpers.js';

function expectExit(result: CliResult, code: number): void {
  expect(result.code, `exit ${result.code}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`).toBe(code);
}

/** `tasks accept|reject` by filter, and label exports with `--keypoints`, from the shell. */
describe.each(testDialects())('batchyard verdicts by filter and keypoint exports on %s', (dialect) => {
  let server: TestServer;
  let cli: ReturnType<typeof cliWith>;
  let dir: string;
  let projectId: string;
  let ids: string[];

  const ok = async <T = Record<string, unknown>>(args: string[]): Promise<T> => {
    const result = await cli([...args, '--json']);
    expectExit(result, 0);
    return json<T>(result);
  };

  beforeAll(async () => {
    assertBuilt();
    server = await startTestServer(dialect);
    dir = mkdtempSync(join(tmpdir(), 'batchyard-cli-verdicts-'));
    const admin = cliWith({ BATCHYARD_URL: server.url, BATCHYARD_TOKEN: server.adminToken });
    const workspaceId = json<{ id: string }>(
      await admin(['workspaces', 'create', `v-${dialect}`, '--json']),
    ).id;
    const key = json<{ token: string }>(
      await admin(['keys', 'create', 'admin', '--role', 'admin', '--workspace', workspaceId, '--json']),
    );
    cli = cliWith({ BATCHYARD_URL: server.url, BATCHYARD_TOKEN: key.token });
    projectId = (await ok<{ id: string }>(['projects', 'create', 'review', '--review-stages', 'qa'])).id;
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
    const label = (x: number) => ({
      class: 'person',
      bbox: [x, 1, 4, 4],
      keypoints: [
        [x + 1, 2, 2],
        [x + 2, 3, 1],
      ],
    });
    writeFileSync(
      tasks,
      ['a', 'b', 'c']
        .map((name, i) =>
          JSON.stringify({
            name,
            resources: [`${name}.jpg`],
            data: { ok: i < 2, image: { width: 20, height: 10 }, labels: [label(i)] },
          }),
        )
        .join('\n') + '\n',
    );
    expectExit(await cli(['tasks', 'create', '--batch', batchId, '--file', tasks]), 0);
    const list = await ok<{ data: { id: string }[] }>([
      'tasks',
      'list',
      '--project',
      projectId,
      '--sort',
      'name',
    ]);
    ids = list.data.map((t) => t.id);
    for (const to of ['in_progress', 'complete'])
      expectExit(await cli(['tasks', 'transition', to, ...ids, '--json']), 0);
    expectExit(await cli(['tasks', 'review', ...ids, '--json']), 0);
  });
  afterAll(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('accepts and rejects the tasks a filter selects, as a job followed to its end', async () => {
    const accepted = await ok<{ matched: number; applied: number }>([
      'tasks',
      'accept',
      '--project',
      projectId,
      '--review-stage',
      'qa',
      '--where',
      'data.ok:eq:true',
      '--stage',
      'qa',
    ]);
    expect(accepted).toMatchObject({ matched: 2, applied: 2, refused: 0 });
    const rejected = await ok<{ matched: number }>([
      'tasks',
      'reject',
      '--project',
      projectId,
      '--review-stage',
      'qa',
      '--reason',
      'wrong pose',
    ]);
    expect(rejected).toMatchObject({ matched: 1, applied: 1 });
    const statuses = await ok<{ data: { status: string }[] }>([
      'tasks',
      'list',
      '--project',
      projectId,
      '--sort',
      'name',
    ]);
    expect(statuses.data.map((t) => t.status)).toEqual(['reviewed', 'reviewed', 'pending']);
    // A refusal exits 9 (statuses given: tasks not in review are refused).
    const refused = await cli(['tasks', 'accept', '--project', projectId, '--status', 'reviewed', '--json']);
    expectExit(refused, 9);
    expect(json<{ refused: number }>(refused).refused).toBe(2);
    // Ids and a filter together is a usage error.
    expectExit(await cli(['tasks', 'accept', ids[0]!, '--project', projectId, '--review-stage', 'qa']), 2);
  });

  it('exports COCO keypoints with names given by --keypoints', async () => {
    const spec = join(dir, 'keypoints.json');
    writeFileSync(spec, JSON.stringify({ person: { names: ['head', 'hand'], skeleton: [[1, 2]] } }));
    const out = join(dir, 'poses.coco.json');
    const result = await ok<{ keypoints: { written: number } }>([
      'tasks',
      'export',
      '--project',
      projectId,
      '--format',
      'coco',
      '--keypoints',
      `@${spec}`,
      '--out',
      out,
    ]);
    expect(result.keypoints).toEqual({ written: 3, leftOut: 0 });
    const coco = JSON.parse(readFileSync(out, 'utf8'));
    expect(coco.categories).toEqual([
      { id: 1, name: 'person', supercategory: '', keypoints: ['head', 'hand'], skeleton: [[1, 2]] },
    ]);
    expect(coco.annotations[0]).toMatchObject({ keypoints: [1, 2, 2, 2, 3, 1], num_keypoints: 2 });
    const yolo = await ok<{ kptShape: number[] }>([
      'tasks',
      'export',
      '--project',
      projectId,
      '--format',
      'yolo',
      '--out',
      join(dir, 'poses.zip'),
    ]);
    expect(yolo.kptShape).toEqual([2, 3]);
  });
});
