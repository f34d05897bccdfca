import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { assertBuilt, cliWith, json, type CliResult } from './helpers.js';

interface Task {
  id: string;
  name: string;
  status: string;
  data?: Record<string, unknown>;
  history?: { from: string | null; to: string; action: string; reason: string | null }[];
}
interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

function expectExit(result: CliResult, code: number): void {
  expect(result.code, `exit ${result.code}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`).toBe(code);
}

describe.each(testDialects())('batchyard tasks, sheets and webhooks on %s', (dialect) => {
  let server: TestServer;
  let cli: ReturnType<typeof cliWith>;
  let dir: string;
  let projectId: string;
  let datasetId: string;

  const ok = async <T = Record<string, unknown>>(args: string[]): Promise<T> => {
    const result = await cli([...args, '--json']);
    expectExit(result, 0);
    return json<T>(result);
  };
  const newBatch = async (name: string) => {
    const path = join(dir, `${name}-rows.jsonl`);
    writeFileSync(path, '{"v":1}\n');
    const job = await ok<{ result: { batchId: string } }>([
      'batches',
      'upload',
      datasetId,
      path,
      '--name',
      name,
    ]);
    return job.result.batchId;
  };
  const writeTasks = (name: string, tasks: unknown[]) => {
    const path = join(dir, name);
    writeFileSync(path, tasks.map((t) => JSON.stringify(t)).join('\n') + '\n');
    return path;
  };

  beforeAll(async () => {
    assertBuilt();
    // The webhook receivers here listen on 127.0.0.1, which webhooks may only reach when allowed.
    server = await startTestServer(dialect, { webhookAllowedDestinations: ['127.0.0.1'] });
    dir = mkdtempSync(join(tmpdir(), 'batchyard-cli-tasks-'));
    const admin = cliWith({ BATCHYARD_URL: server.url, BATCHYARD_TOKEN: server.adminToken });
    const workspace = await admin(['workspaces', 'create', `tasks-${dialect}`, '--json']);
    expectExit(workspace, 0);
    const workspaceId = json<{ id: string }>(workspace).id;
    const key = await admin([
      'keys',
      'create',
      'tasks',
      '--role',
      'admin',
      '--workspace',
      workspaceId,
      '--json',
    ]);
    expectExit(key, 0);
    cli = cliWith({ BATCHYARD_URL: server.url, BATCHYARD_TOKEN: json<{ token: string }>(key).token });
    projectId = (await ok<{ id: string }>(['projects', 'create', 'p'])).id;
    datasetId = (
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
  });
  afterAll(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('creates tasks from a JSONL file with a summary; failures exit 3', async () => {
    const batchId = await newBatch('create');
    const tasks: unknown[] = Array.from({ length: 300 }, (_, i) => ({ name: `t${i}`, data: { n: i } }));
    tasks.push({ name: 't5', data: { n: -1 } }); // repeats a task of the first chunk
    const path = writeTasks('tasks.jsonl', tasks);
    const created = await cli(['tasks', 'create', '--batch', batchId, '--file', path, '--chunk-size', '100']);
    expectExit(created, 3);
    // Duplicates inside one request fail every copy, as the API and `tasks import` answer.
    expect(created.stdout).toMatch(/^created 299, skipped 0, failed 2 \(301 tasks in [\d.]+ s\)$/m);
    expect(created.stderr).toMatch(/^Failed \(first 2 of 2\):$/m);
    expect(created.stderr).toMatch(/^ {2}#5 "t5": .*\(duplicate_in_request\)$/m);
    expect(created.stderr).toMatch(/^ {2}#300 "t5": .*\(duplicate_in_request\)$/m);
    expect(created.stderr).toMatch(/^error: 2 task\(s\) failed$/m);
    const t5 = await ok<Page<Task>>([
      'tasks',
      'list',
      '--project',
      projectId,
      '--batch',
      batchId,
      '--name',
      't5',
    ]);
    expect(t5.data).toEqual([]);

    const again = writeTasks('again.jsonl', [
      { name: 't0', data: { n: 0 } },
      { name: 'new', data: { n: 1000 } },
    ]);
    const skipped = await cli([
      'tasks',
      'create',
      '--batch',
      batchId,
      '--file',
      again,
      '--on-existing',
      'skip',
    ]);
    expectExit(skipped, 0);
    expect(skipped.stdout).toMatch(/^created 1, skipped 1, failed 0 /m);
    const asJson = await cli(['tasks', 'create', '--batch', batchId, '--file', again, '--json']);
    expectExit(asJson, 3);
    expect(json(asJson)).toMatchObject({
      created: 0,
      skipped: 0,
      failed: 2,
      failures: [
        { index: 0, name: 't0', error: { code: 'name_exists' } },
        { index: 1, name: 'new', error: { code: 'name_exists' } },
      ],
    });

    const imported = await cli([
      'tasks',
      'import',
      '--batch',
      batchId,
      '--file',
      again,
      '--on-existing',
      'skip',
    ]);
    expectExit(imported, 0);
    expect(imported.stdout).toMatch(/^Skipped:\s+2$/m);
    const missing = await cli(['tasks', 'create', '--batch', batchId, '--file', join(dir, 'nope.jsonl')]);
    expectExit(missing, 2);
  });

  it('lists with --where and other filters', async () => {
    const batchId = await newBatch('list');
    const path = writeTasks(
      'list.jsonl',
      Array.from({ length: 20 }, (_, i) => ({ name: `l${i}`, data: { n: i, kind: i % 2 ? 'odd' : 'even' } })),
    );
    expectExit(await cli(['tasks', 'create', '--batch', batchId, '--file', path]), 0);
    const page = await ok<Page<Task>>([
      'tasks',
      'list',
      '--project',
      projectId,
      '--batch',
      batchId,
      '--where',
      'data.n:gte:17',
      '--where',
      'data.kind:=:odd',
      '--include',
      'data',
    ]);
    expect(page.data.map((t) => [t.name, t.data])).toEqual([
      ['l17', { n: 17, kind: 'odd' }],
      ['l19', { n: 19, kind: 'odd' }],
    ]);
    const table = await cli(['tasks', 'list', '--project', projectId, '--batch', batchId, '--limit', '5']);
    expectExit(table, 0);
    expect(table.stdout).toMatch(/^ID\s+NAME\s+STATUS\s+BATCH\s+PRIORITY\s+ASSIGNEE\s+SCORE\s+UPDATED$/m);
    expect(table.stdout).toMatch(/^tsk_\S+\s+l0\s+pending\s/m);
    expect(table.stderr).toMatch(/More tasks: add --cursor \S+/);
    const all = await ok<Page<Task>>([
      'tasks',
      'list',
      '--project',
      projectId,
      '--batch',
      batchId,
      '--all',
      '--limit',
      '3',
    ]);
    expect(all.data).toHaveLength(20);
    const bad = await cli(['tasks', 'list', '--project', projectId, '--where', 'colour:eq:red']);
    expectExit(bad, 3);
    expect(bad.stderr).toMatch(/validation_failed/);
    expectExit(await cli(['tasks', 'list', '--project', projectId, '--where', 'data.n~3']), 2);
  });

  it('reviews and redoes tasks by ids and by filter', async () => {
    const batchId = await newBatch('flow');
    const path = writeTasks(
      'flow.jsonl',
      Array.from({ length: 3 }, (_, i) => ({ name: `f${i}`, data: { n: i } })),
    );
    expectExit(await cli(['tasks', 'create', '--batch', batchId, '--file', path]), 0);
    const ids = (
      await ok<Page<Task>>(['tasks', 'list', '--project', projectId, '--batch', batchId, '--sort', 'name'])
    ).data.map((t) => t.id);
    expect(ids).toHaveLength(3);
    const started = await cli(['tasks', 'transition', 'in_progress', ...ids]);
    expectExit(started, 0);
    expect(started.stdout).toMatch(/^applied 3, refused 0$/m);
    expectExit(await cli(['tasks', 'transition', 'complete', ids[0]!, ids[1]!]), 0);
    const review = await cli(['tasks', 'review', ...ids, '--reason', 'check']);
    // Some tasks refused: the applied ones stay applied, and the exit code says not all went through.
    expectExit(review, 9);
    expect(review.stdout).toMatch(/^applied 2, refused 1$/m);
    expect(review.stdout).toMatch(/refused\s+in_progress\s+to_review\s+invalid_task_transition/);
    expect(review.stderr).toMatch(/^error: 1 task\(s\) refused, 2 applied$/m);
    // One task refused: the API's 409 with its code.
    const single = await cli(['tasks', 'review', ids[2]!]);
    expectExit(single, 3);
    expect(single.stderr).toMatch(/invalid_task_transition/);

    expectExit(await cli(['tasks', 'props', ids[0]!, '--score', '0.5', '--set', 'team=red']), 0);
    const redo = await cli([
      'tasks',
      'redo',
      '--reset',
      '--project',
      projectId,
      '--batch',
      batchId,
      '--status',
      'to_review',
      '--reason',
      'again',
    ]);
    expectExit(redo, 0);
    expect(redo.stdout).toMatch(/^matched 2, applied 2, refused 0$/m);
    const task = await ok<Task & { properties: unknown }>(['tasks', 'get', ids[0]!]);
    expect(task).toMatchObject({ status: 'pending', properties: { score: 0.5, custom: { team: 'red' } } });
    expect(task.history?.map((h) => h.action)).toEqual(['transition', 'transition', 'review', 'redo_reset']);
    expect(task.history?.at(-1)?.reason).toBe('again');
    const shown = await cli(['tasks', 'get', ids[0]!]);
    expect(shown.stdout).toMatch(/to_review → pending \(redo_reset by \S+\): again/);
    expectExit(await cli(['tasks', 'review']), 2);
    expectExit(await cli(['tasks', 'transition', 'done', ids[0]!]), 2);
  });

  it('exports CSV to a file with progress', async () => {
    const batchId = await newBatch('export');
    const path = writeTasks('export.jsonl', [
      { name: 'e1', data: { text: 'plain', n: 1 } },
      { name: 'e2', data: { text: 'with, comma', n: 2 } },
      { name: 'e3', data: { text: 'x', n: 30 } },
    ]);
    expectExit(await cli(['tasks', 'create', '--batch', batchId, '--file', path]), 0);
    const out = join(dir, 'out', 'tasks.csv');
    const exported = await cli([
      'tasks',
      'export',
      '--project',
      projectId,
      '--batch',
      batchId,
      '--where',
      'data.n:<:10',
      '--format',
      'csv',
      '--fields',
      'name,data',
      '--out',
      out,
    ]);
    expectExit(exported, 0);
    expect(exported.stdout).toBe(`exported 2 tasks to ${out}\n`);
    expect(exported.stderr).toMatch(/job \S+: succeeded/);
    expect(readFileSync(out, 'utf8')).toBe(
      ['name,data.n,data.text', 'e1,1,plain', 'e2,2,"with, comma"', ''].join('\r\n'),
    );
    const stdout = await cli([
      'tasks',
      'export',
      '--project',
      projectId,
      '--batch',
      batchId,
      '--format',
      'jsonl',
      '--fields',
      'name',
      '--out',
      '-',
    ]);
    expectExit(stdout, 0);
    expect(stdout.stdout).toBe('{"name":"e1"}\n{"name":"e2"}\n{"name":"e3"}\n');

    // --out a folder: the file goes inside it, and no .part file is left anywhere.
    const folder = join(dir, 'exports');
    mkdirSync(folder);
    for (const out of [folder, `${join(dir, 'new-exports')}/`]) {
      const intoFolder = await cli([
        'tasks',
        'export',
        '--project',
        projectId,
        '--batch',
        batchId,
        '--format',
        'jsonl',
        '--fields',
        'name',
        '--out',
        out,
        '--json',
      ]);
      expectExit(intoFolder, 0);
      const saved = json<{ file: string; jobId: string }>(intoFolder);
      expect(saved.file).toBe(join(out, `tasks-${saved.jobId}.jsonl`));
      expect(readFileSync(saved.file, 'utf8')).toBe('{"name":"e1"}\n{"name":"e2"}\n{"name":"e3"}\n');
      expect(readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([]);

      // The same artifact, downloaded again from the job.
      const artifact = join(dir, `again-${saved.jobId}.jsonl`);
      const got = await cli(['jobs', 'artifacts', 'get', saved.jobId, 'tasks.jsonl', '--out', artifact]);
      expectExit(got, 0);
      expect(readFileSync(artifact, 'utf8')).toBe(readFileSync(saved.file, 'utf8'));
    }
    expect(readdirSync(folder).filter((f) => f.endsWith('.part'))).toEqual([]);

    // tasks list --ids / --fields, and tasks update (properties).
    const all = await ok<Page<Task>>([
      'tasks',
      'list',
      '--project',
      projectId,
      '--batch',
      batchId,
      '--sort',
      'name',
    ]);
    const [e1, , e3] = all.data.map((t) => t.id);
    const picked = await ok<Page<Record<string, unknown>>>([
      'tasks',
      'list',
      '--project',
      projectId,
      '--ids',
      `${e1},${e3}`,
      '--fields',
      'name',
      '--sort',
      'name',
    ]);
    expect(picked.data).toEqual([
      { id: e1, name: 'e1' },
      { id: e3, name: 'e3' },
    ]);
    expectExit(await cli(['tasks', 'update', e1!, '--score', '0.25']), 0);
    const updated = await ok<Task & { properties: { score: number } }>(['tasks', 'get', e1!]);
    expect(updated.properties.score).toBe(0.25);
  });

  it('exports labels as COCO and YOLO, naming what it left out', async () => {
    const batchId = await newBatch('labels');
    const path = writeTasks('labels.jsonl', [
      {
        name: 'l1',
        resources: ['img/l1.jpg'],
        data: { image: { width: 10, height: 10 }, labels: [{ class: 'cat', bbox: [0, 0, 5, 5] }] },
      },
      { name: 'l2', resources: ['img/l2.jpg'], data: { labels: [{ class: 'dog', bbox: [0, 0, 1, 1] }] } },
    ]);
    expectExit(await cli(['tasks', 'create', '--batch', batchId, '--file', path]), 0);
    const base = ['tasks', 'export', '--project', projectId, '--batch', batchId];
    const coco = await cli([...base, '--format', 'coco', '--classes', 'dog,cat', '--out', '-']);
    expectExit(coco, 0);
    const parsed = JSON.parse(coco.stdout) as { images: unknown[]; annotations: { category_id: number }[] };
    expect(parsed.images).toHaveLength(1);
    expect(parsed.annotations.map((a) => a.category_id)).toEqual([2]);

    const out = join(dir, 'labels.yolo.zip');
    const yolo = await cli([...base, '--format', 'yolo', '--out', out]);
    expectExit(yolo, 0);
    expect(yolo.stdout).toContain(`exported 2 tasks to ${out}\n1 images, 1 labels, classes: cat, dog\n`);
    expect(yolo.stdout).toMatch(/left out: 1 task\(s\) and 0 label\(s\).*\n {2}tsk_\S+: no image size/);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    const asJson = await ok<{ images: number; skipped: { tasks: number } }>([
      ...base,
      '--format',
      'voc',
      '--out',
      `${dir}/`,
    ]);
    expect(asJson).toMatchObject({ images: 1, labels: 1, skipped: { tasks: 1, labels: 0 } });
    // A zip is never written to a terminal.
    const refused = await cli([...base, '--format', 'masks', '--out', '-']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/zip/);
  });

  it('creates, reads and patches sheets; manages webhooks', async () => {
    const batchId = await newBatch('sheets');
    expectExit(
      await cli(['tasks', 'create', '--batch', batchId, '--file', writeTasks('s.jsonl', [{ name: 's' }])]),
      0,
    );
    const taskId = (await ok<Page<Task>>(['tasks', 'list', '--project', projectId, '--batch', batchId]))
      .data[0]!.id;
    const sheetFile = join(dir, 'sheet.json');
    writeFileSync(
      sheetFile,
      JSON.stringify({
        columns: [{ id: 'p1', name: 'Product', lots: [{ id: 'L1', name: 'Lot 1' }] }],
        rows: Array.from({ length: 5 }, (_, i) => ({ id: `r${i}`, name: `Row ${i}`, values: { p1: i } })),
      }),
    );
    const created = await cli(['sheets', 'create', taskId, '--file', sheetFile]);
    expectExit(created, 0);
    expect(created.stdout).toMatch(/^Sheet of tsk_\S+: 5 rows; columns p1 \(Product; lots L1\)$/m);
    expectExit(await cli(['sheets', 'create', taskId, '--file', sheetFile]), 3);
    const all = await ok<{ rows: { id: string }[] }>([
      'sheets',
      'get',
      taskId,
      '--all',
      '--order',
      'desc',
      '--limit',
      '2',
    ]);
    expect(all.rows.map((r) => r.id)).toEqual(['r4', 'r3', 'r2', 'r1', 'r0']);
    const patches = join(dir, 'patches.json');
    writeFileSync(
      patches,
      JSON.stringify([{ rowId: 'r1', colId: 'p1', lotId: 'L1', operation: 'add', newValue: 3 }]),
    );
    const patched = await cli(['sheets', 'patch', taskId, '--file', patches]);
    expectExit(patched, 0);
    expect(patched.stdout).toBe('applied 1 patch(es)\n');
    const table = await cli(['sheets', 'get', taskId, '--limit', '2']);
    expect(table.stdout).toMatch(/^2\s+r1\s+Row 1\s+1 \(L1=3\)$/m);
    expect(table.stderr).toMatch(/--start-key 2/);

    const hook = await ok<{ id: string; secret: string }>([
      'webhooks',
      'create',
      '--project',
      projectId,
      '--url',
      'http://127.0.0.1:9/hook',
      '--event',
      'task.created',
      '--event',
      'job.finished',
      '--disabled',
    ]);
    expect(hook.secret).toMatch(/^whsec_/);
    const listed = await ok<Page<{ id: string; events: string[] }>>([
      'webhooks',
      'list',
      '--project',
      projectId,
    ]);
    expect(listed.data).toEqual([
      expect.objectContaining({ id: hook.id, events: ['task.created', 'job.finished'] }),
    ]);
    expectExit(await cli(['webhooks', 'delete', hook.id]), 0);
    expectExit(await cli(['webhooks', 'get', hook.id]), 4);
  });

  it('lists webhook deliveries with how long the last attempt took', async () => {
    // A receiver that answers after a known delay: the TOOK column shows at least that.
    const delayMs = 250;
    const receiver = createServer((req, res) => {
      req.resume();
      setTimeout(() => res.writeHead(204).end(), delayMs);
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
      const hook = await ok<{ id: string }>([
        'webhooks',
        'create',
        '--project',
        projectId,
        '--url',
        url,
        '--event',
        'job.finished',
      ]);
      const ping = await ok<{ id: string; durationMs: number | null }>(['webhooks', 'ping', hook.id]);
      expect(ping.durationMs).toBeNull();
      let delivered: { id: string; status: string; durationMs: number | null } | undefined;
      for (const end = Date.now() + 15_000; Date.now() < end && !delivered;) {
        const page = await ok<Page<{ id: string; status: string; durationMs: number | null }>>([
          'webhooks',
          'deliveries',
          hook.id,
        ]);
        delivered = page.data.find((d) => d.id === ping.id && d.status === 'succeeded');
        if (!delivered) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(delivered?.durationMs).toBeGreaterThanOrEqual(delayMs);
      const table = await cli(['webhooks', 'deliveries', hook.id]);
      expectExit(table, 0);
      expect(table.stdout).toMatch(/\bTOOK\b/);
      expect(table.stdout).toContain(`${delivered!.durationMs} ms`);
      expectExit(await cli(['webhooks', 'delete', hook.id]), 0);
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }
  });
});
