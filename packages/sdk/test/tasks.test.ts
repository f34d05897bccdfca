import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import {
  BadRequestError,
  Batchyard,
  ConflictError,
  JobHandle,
  verifyWebhook,
  type NewTask,
  type Task,
  type TaskBulkJobResult,
  type TaskCreateProgress,
  type TaskImportResult,
} from '../src/index.js';
import { closeServer, recordingFetch, uniqueName } from './helpers.js';

describe.each(testDialects())('tasks, sheets and webhooks on %s', (dialect) => {
  let server: TestServer;
  let sdk: Batchyard;
  let token: string;
  let projectId: string;
  let datasetId: string;
  let dir: string;

  const newBatch = async (name: string) => {
    const job = await (await sdk.batches.create(datasetId, [{ v: 1 }], { name })).wait();
    expect(job.status).toBe('succeeded');
    return (job.result as { batchId: string }).batchId;
  };
  const makeTasks = async (batchId: string, items: NewTask[]) => {
    const result = await sdk.tasks.create(batchId, items);
    expect(result.failed, JSON.stringify(result.results.filter((r) => r.status === 'failed'))).toBe(0);
    return result.results.map((r) => r.id!);
  };
  const names = async (params: Omit<Parameters<Batchyard['tasks']['list']>[0], 'projectId'>) => {
    const out: string[] = [];
    for await (const task of sdk.tasks.iterate({ projectId, limit: 1000, ...params })) out.push(task.name);
    return out;
  };

  beforeAll(async () => {
    // The webhook receivers here listen on 127.0.0.1, which webhooks may only reach when allowed.
    server = await startTestServer(dialect, { webhookAllowedDestinations: ['127.0.0.1'] });
    const admin = new Batchyard({ baseUrl: server.url, token: server.adminToken });
    const workspaceId = (await admin.workspaces.create({ name: uniqueName('tasks') })).id;
    token = (await admin.keys.create({ name: 'tasks', role: 'admin', workspaceId })).token;
    sdk = new Batchyard({ baseUrl: server.url, token });
    projectId = (
      await sdk.projects.create({
        name: 'labelling',
        taskSchema: {
          type: 'object',
          properties: { text: { type: 'string' }, n: { type: 'integer' } },
          required: ['text'],
        },
      })
    ).id;
    datasetId = (
      await sdk.datasets.create({ projectId, name: 'base', columns: [{ name: 'v', type: 'numeric' }] })
    ).id;
    dir = mkdtempSync(join(tmpdir(), 'batchyard-sdk-tasks-'));
  });
  afterAll(async () => {
    await closeServer(server);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('creates 12,000 tasks in chunks with progress; repeats across chunks are duplicates', async () => {
    const batchId = await newBatch('bulk');
    const items: NewTask[] = Array.from({ length: 12_000 }, (_, i) => ({
      name: `t-${String(i).padStart(5, '0')}`,
      data: { text: `task ${i}`, n: i },
    }));
    items[7000] = { name: 't-00003', data: { text: 'again' } }; // repeats an item of the first chunk
    items[11_000] = { name: 'bad', data: { n: 1 } }; // fails the task schema
    const { fetch, calls } = recordingFetch();
    const client = new Batchyard({ baseUrl: server.url, token, fetch });
    const progress: TaskCreateProgress[] = [];
    const result = await client.tasks.create(batchId, items, {
      chunkSize: 5000,
      onProgress: (p) => progress.push(p),
    });
    expect(result).toMatchObject({ created: 11_998, skipped: 0, failed: 2 });
    expect(result.results).toHaveLength(12_000);
    expect(result.results.length).toBeGreaterThan(0); // .every() of nothing is true
    expect(result.results.every((r, i) => r.index === i && r.name === items[i]!.name)).toBe(true);
    expect(result.results[7000]).toMatchObject({
      status: 'failed',
      error: { code: 'duplicate_in_request' },
    });
    expect(result.results[11_000]).toMatchObject({ status: 'failed', error: { code: 'data_invalid' } });
    expect(result.results[3]).toMatchObject({ status: 'created', id: expect.stringMatching(/^tsk_/) });
    expect(progress).toEqual([
      { sent: 5000, created: 5000, skipped: 0, failed: 0, total: 12_000 },
      { sent: 10_000, created: 9999, skipped: 0, failed: 1, total: 12_000 },
      { sent: 12_000, created: 11_998, skipped: 0, failed: 2, total: 12_000 },
    ]);
    const posts = calls.filter((c) => c.method === 'POST');
    expect(posts).toHaveLength(3);
    expect(new Set(posts.map((c) => c.headers.get('idempotency-key'))).size).toBe(3);
    const page = await sdk.tasks.list({ projectId, batchIds: [batchId], limit: 1 });
    expect(page.data).toHaveLength(1);
    expect((await sdk.tasks.list({ projectId, batchIds: [batchId], names: ['t-07000'] })).data).toEqual([]);

    // An async iterable, with onExisting skip: the names already there are skipped.
    async function* again() {
      for (let i = 0; i < 3; i++) yield { name: `t-0000${i}`, data: { text: 'x' } };
      yield { name: 'fresh', data: { text: 'x' } };
    }
    const skip = await sdk.tasks.create(batchId, again(), { onExisting: 'skip', chunkSize: 2 });
    expect(skip).toMatchObject({ created: 1, skipped: 3, failed: 0 });
    expect(skip.results.map((r) => [r.index, r.status])).toEqual([
      [0, 'skipped'],
      [1, 'skipped'],
      [2, 'skipped'],
      [3, 'created'],
    ]);
    const error = await sdk.tasks.create(batchId, [{ name: 'fresh', data: { text: 'x' } }]);
    expect(error.results[0]).toMatchObject({ status: 'failed', error: { code: 'name_exists' } });
  });

  it('checks data against the task schema unless dataCheck is off; refuses bad input', async () => {
    const batchId = await newBatch('schema');
    const checked = await sdk.tasks.create(batchId, [{ name: 'a', data: { n: 'x' } }]);
    expect(checked.results[0]).toMatchObject({ status: 'failed', error: { code: 'data_invalid' } });
    // In a later chunk, the pointer names the task's place in the input, not in its chunk.
    const chunked = await sdk.tasks.create(
      batchId,
      [
        { name: 'p0', data: { text: 'x' } },
        { name: 'p1', data: { text: 'x' } },
        { name: 'p2', data: { text: 'x' } },
        { name: 'p3', data: { text: 'x', n: 'x' } },
      ],
      { chunkSize: 2 },
    );
    expect(chunked.results[3]).toMatchObject({
      index: 3,
      status: 'failed',
      error: { code: 'data_invalid', pointer: '/tasks/3/data/n' },
    });
    const unchecked = await sdk.tasks.create(batchId, [{ name: 'a', data: { n: 'x' } }], {
      dataCheck: false,
    });
    expect(unchecked.created).toBe(1);
    const noName = await sdk.tasks.create(batchId, [{ data: {} } as unknown as NewTask, { name: 'b' }], {
      dataCheck: false,
    });
    expect(noName.results.map((r) => [r.index, r.status, r.error?.code])).toEqual([
      [0, 'failed', 'invalid_task'],
      [1, 'created', undefined],
    ]);
    await expect(sdk.tasks.create(batchId, [], { chunkSize: 0 })).rejects.toThrow('chunkSize');
    // Malformed items fail alone: the server refuses their request, the SDK sends the others again.
    const malformed = await sdk.tasks.create(
      batchId,
      [
        { name: 'c' },
        { name: 'd', colour: 'red' } as unknown as NewTask,
        { name: 'e', resources: [1] } as unknown as NewTask,
        { name: 'f' },
      ],
      { dataCheck: false, chunkSize: 3 },
    );
    expect(
      malformed.results.map((r) => [r.index, r.name, r.status, r.error?.code, r.error?.pointer]),
    ).toEqual([
      [0, 'c', 'created', undefined, undefined],
      [1, 'd', 'failed', 'invalid_task', '/tasks/1/colour'],
      [2, 'e', 'failed', 'invalid_task', '/tasks/2/resources/0'],
      [3, 'f', 'created', undefined, undefined],
    ]);
    expect(malformed).toMatchObject({ created: 2, failed: 2 });
    await expect(sdk.tasks.create('bat_missing', [{ name: 'x' }])).rejects.toMatchObject({ status: 404 });
    const empty = await sdk.tasks.create(batchId, []);
    expect(empty).toEqual({ created: 0, skipped: 0, failed: 0, results: [] });
  });

  it('imports a JSONL file and an array as one streamed job', async () => {
    const batchId = await newBatch('import');
    const path = join(dir, 'tasks.jsonl');
    writeFileSync(
      path,
      Array.from({ length: 3000 }, (_, i) => JSON.stringify({ name: `f${i}`, data: { text: 'x' } })).join(
        '\n',
      ),
    );
    const handle = await sdk.tasks.import(batchId, { path });
    expect(handle).toBeInstanceOf(JobHandle);
    expect(handle.job).toMatchObject({ type: 'tasks.import', status: 'succeeded' });
    expect(handle.job?.result as TaskImportResult).toMatchObject({ total: 3000, created: 3000, failed: 0 });
    const fromArray = await sdk.tasks.import(
      batchId,
      [
        { name: 'f1', data: { text: 'x' } },
        { name: 'g1', data: { text: 'x' } },
      ],
      { onExisting: 'skip' },
    );
    expect(fromArray.job?.result).toMatchObject({ total: 2, created: 1, skipped: 1 });
  });

  it('lists with data, property and date filters, pages and iterates', async () => {
    const batchId = await newBatch('filters');
    const before = new Date(Date.now() - 1000);
    await makeTasks(
      batchId,
      Array.from({ length: 30 }, (_, i) => ({
        name: `item-${String(i).padStart(2, '0')}`,
        data: { text: i % 2 ? 'odd' : 'even', n: i, code: String(i) },
        properties: { score: i / 10, custom: { team: i < 10 ? 'red' : 'blue' } },
      })),
    );
    const after = new Date(Date.now() + 60_000);
    const base = { batchIds: [batchId] };
    expect(await names({ ...base, data: { n: { gte: 28 } } })).toEqual(['item-28', 'item-29']);
    expect(await names({ ...base, data: { n: 3 } })).toEqual(['item-03']);
    // A string that looks like a number stays a string.
    expect(await names({ ...base, data: { code: '3' } })).toEqual(['item-03']);
    expect(await names({ ...base, data: { code: { in: ['3', '5', 'x'] } } })).toEqual(['item-03', 'item-05']);
    expect(await names({ ...base, data: { code: { in: [3] } } })).toEqual([]);
    expect((await names({ ...base, data: { text: 'odd' } })).length).toBe(15);
    expect(await names({ ...base, data: { n: { in: [3, 5] } } })).toEqual(['item-03', 'item-05']);
    expect(await names({ ...base, data: { text: { like: 'OD%' }, n: { lt: 4 } } })).toEqual([
      'item-01',
      'item-03',
    ]);
    expect(await names({ ...base, properties: { score: { gt: 2.75 } } })).toEqual(['item-28', 'item-29']);
    expect((await names({ ...base, properties: { team: 'red' } })).length).toBe(10);
    expect(
      await names({ ...base, where: [{ field: 'data.n', operator: '<=', value: 1 }], nameRegex: '^item' }),
    ).toEqual(['item-00', 'item-01']);
    expect((await names({ ...base, createdAt: { gte: before, lt: after.toISOString() } })).length).toBe(30);
    expect(await names({ ...base, updatedAt: { gt: after } })).toEqual([]);
    expect(await names({ ...base, names: ['item-07', 'item-08'], statuses: ['pending'] })).toEqual([
      'item-07',
      'item-08',
    ]);
    await expect(
      sdk.tasks.list({ projectId, where: [{ field: 'colour', operator: '=', value: 1 }] }),
    ).rejects.toMatchObject({ constructor: BadRequestError, code: 'validation_failed' });

    // Pages: the Page of list(), and iterate() over every page.
    const first = await sdk.tasks.list({
      ...base,
      projectId,
      limit: 7,
      sort: 'name:desc',
      include: ['data'],
    });
    expect(first.data.map((t) => t.name)).toEqual(
      Array.from({ length: 7 }, (_, i) => `item-${String(29 - i).padStart(2, '0')}`),
    );
    expect(first.data[0]!.data).toMatchObject({ n: 29 });
    expect(first.hasNextPage()).toBe(true);
    const { fetch, calls } = recordingFetch();
    const client = new Batchyard({ baseUrl: server.url, token, fetch });
    const seen: Task[] = [];
    for await (const task of client.tasks.iterate({ ...base, projectId, limit: 7, data: { n: { gte: 2 } } }))
      seen.push(task);
    expect(seen.map((t) => t.name)).toEqual(
      Array.from({ length: 28 }, (_, i) => `item-${String(i + 2).padStart(2, '0')}`),
    );
    expect(seen[0]!.data).toBeUndefined();
    expect(calls).toHaveLength(4);
    expect(calls.length).toBeGreaterThan(0); // .every() of nothing is true
    expect(calls.every((c) => c.url.searchParams.get('filter') === 'data.n:gte:2')).toBe(true);
    // Leaving early is fine.
    for await (const task of sdk.tasks.iterate({ ...base, projectId, limit: 2 })) {
      expect(task.name).toBe('item-00');
      break;
    }
  });

  it('reviews, redoes (with reset) and moves tasks by ids and by filter; updates properties', async () => {
    const batchId = await newBatch('flow');
    const [t1, t2, t3] = await makeTasks(
      batchId,
      ['t1', 't2', 't3'].map((name) => ({ name, data: { text: name } })),
    );
    const moved = await sdk.tasks.transition({ ids: [t1!, t2!] }, 'in_progress', { reason: 'start' });
    expect(moved).toMatchObject({ applied: 2, refused: 0 });
    await sdk.tasks.transition({ ids: [t1!, t2!] }, 'complete');
    const review = await sdk.tasks.sendToReview({ ids: [t1!, t3!] });
    expect(review.results.map((r) => [r.status, r.error?.code])).toEqual([
      ['applied', undefined],
      ['refused', 'invalid_task_transition'],
    ]);
    await sdk.tasks.update(t1!, { data: { text: 'labelled' } });
    const redo = await sdk.tasks.sendToRedo({ ids: [t1!] }, { reset: true, reason: 'wrong' });
    expect(redo.results[0]).toMatchObject({ status: 'applied', from: 'to_review', to: 'pending' });
    const task = await sdk.tasks.get(t1!, { include: ['data', 'history'] });
    expect(task.data).toEqual({ text: 't1' });
    // The data update is logged too (status unchanged), between the review and the redo.
    expect(task.history?.map((h) => h.action)).toEqual([
      'transition',
      'transition',
      'review',
      'update',
      'redo_reset',
    ]);
    expect(task.history?.at(-1)?.reason).toBe('wrong');

    // By filter: a job, waited for.
    const filter = { projectId, batchIds: [batchId], statuses: ['pending' as const] };
    const started: TaskBulkJobResult = await sdk.tasks.transition({ filter }, 'in_progress');
    expect(started).toMatchObject({ matched: 2, applied: 2, refused: 0 });
    await sdk.tasks.transition({ filter: { projectId, batchIds: [batchId] } }, 'complete');
    const reviewed = await sdk.tasks.sendToReview({ filter: { projectId, batchIds: [batchId] } });
    expect(reviewed).toMatchObject({ matched: 3, applied: 3 });
    const handle = await sdk.tasks.sendToRedo(
      { filter: { projectId, batchIds: [batchId], names: ['t2', 't3'] } },
      { wait: false },
    );
    expect(handle).toBeInstanceOf(JobHandle);
    const job = await handle.wait();
    expect(job.result).toMatchObject({ matched: 2, applied: 2 });
    const statuses = (await sdk.tasks.list({ projectId, batchIds: [batchId], sort: 'name' })).data.map(
      (t) => t.status,
    );
    expect(statuses).toEqual(['to_review', 'pending', 'pending']);

    // Properties by ids, then by filter.
    const props = await sdk.tasks.updateProperties(
      { ids: [t1!] },
      { score: 0.9, custom: { set: { a: 1, b: 2 } } },
    );
    expect(props.applied).toBe(1);
    await sdk.tasks.updateProperties({ ids: [t1!] }, { custom: { remove: ['a'] } });
    expect((await sdk.tasks.get(t1!)).properties).toEqual({ score: 0.9, custom: { b: 2 } });
    const byFilter = await sdk.tasks.updateProperties(
      { filter: { projectId, batchIds: [batchId], statuses: ['pending'] } },
      { score: 0.1 },
    );
    expect(byFilter).toMatchObject({ matched: 2, applied: 2 });
    expect((await sdk.tasks.get(t2!)).properties.score).toBe(0.1);
    await expect(sdk.tasks.sendToReview({ ids: [] })).rejects.toThrow('ids');
  });

  it('exports in memory in every format and to a folder', async () => {
    const batchId = await newBatch('export');
    await makeTasks(batchId, [
      { name: 'e1', data: { text: 'plain', n: 1 }, properties: { score: 1, custom: { team: 'red' } } },
      { name: 'e2', data: { text: 'with, comma and "quotes"', n: 2 } },
      { name: 'e3', data: { text: 'line\nbreak', n: 3 }, resources: ['r1'] },
      { name: 'skip-me', data: { text: 'x', n: 99 } },
    ]);
    const filter = { projectId, batchIds: [batchId], data: { n: { lt: 10 } } };
    const progress: string[] = [];
    const json = await sdk.tasks.export({
      format: 'json',
      filter,
      inMemory: true,
      onProgress: (job) => progress.push(job.status),
    });
    expect(progress.at(-1)).toBe('succeeded');
    const parsed = JSON.parse(json) as Task[];
    expect(parsed.map((t) => t.name)).toEqual(['e1', 'e2', 'e3']);
    expect(parsed[1]).toMatchObject({ batchId, status: 'pending', data: { n: 2 } });
    const jsonl = await sdk.tasks.export({
      format: 'jsonl',
      filter,
      fields: ['name', 'resources'],
      inMemory: true,
    });
    expect(
      jsonl
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown),
    ).toEqual([
      { name: 'e1', resources: [] },
      { name: 'e2', resources: [] },
      { name: 'e3', resources: ['r1'] },
    ]);
    const expectedCsv = [
      'name,data.n,data.text,properties.score,properties.team',
      'e1,1,plain,1,red',
      'e2,2,"with, comma and ""quotes""",,',
      'e3,3,"line\nbreak",,',
      '',
    ].join('\r\n');
    const csv = await sdk.tasks.export({
      format: 'csv',
      filter,
      fields: ['name', 'data', 'properties'],
      inMemory: true,
    });
    expect(csv).toBe(expectedCsv);

    const saved = await sdk.tasks.export({
      format: 'csv',
      filter,
      fields: ['name', 'data', 'properties'],
      outputFolder: join(dir, 'exports', 'nested'),
      outputFilename: 'mine.csv',
    });
    expect(saved).toBe(join(dir, 'exports', 'nested', 'mine.csv'));
    expect(readFileSync(saved, 'utf8')).toBe(expectedCsv);
    const named = await sdk.tasks.export({ format: 'jsonl', filter, outputFolder: dir });
    expect(named).toMatch(/tasks-job_[^/]+\.jsonl$/);
    expect(readFileSync(named, 'utf8').trim().split('\n')).toHaveLength(3);
    await expect(
      sdk.tasks.export({
        format: 'csv',
        filter: { projectId, where: [{ field: 'x', operator: '=', value: 1 }] },
      }),
    ).rejects.toBeInstanceOf(BadRequestError);
  });

  it('creates a sheet once, reads every row in both orders, patches all or nothing', async () => {
    const batchId = await newBatch('sheets');
    const [taskId] = await makeTasks(batchId, [{ name: 's', data: { text: 's' } }]);
    const columns = [
      { id: 'p1', name: 'Product 1', lots: [{ id: 'L1', name: 'Lot 1' }] },
      { id: 'p2', name: 'Product 2' },
    ];
    const rows = Array.from({ length: 25 }, (_, i) => ({
      id: `r${i + 1}`,
      name: `Row ${i + 1}`,
      values: { p2: i },
    }));
    const sheet = await sdk.sheets.create(taskId!, { columns, rows });
    expect(sheet).toMatchObject({ taskId, size: 25 });
    const again = await sdk.sheets.create(taskId!, { columns }).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ConflictError);
    expect(again).toMatchObject({ status: 409, code: 'sheet_exists' });

    const page = await sdk.sheets.get(taskId!, { limit: 10 });
    expect(page.rows).toHaveLength(10);
    expect(page.lastKey).toBe('10');
    const asc: string[] = [];
    for await (const row of sdk.sheets.iterate(taskId!, { limit: 10 })) asc.push(row.id);
    expect(asc).toEqual(rows.map((r) => r.id));
    const desc: string[] = [];
    for await (const row of sdk.sheets.iterate(taskId!, { limit: 7, order: 'desc' })) desc.push(row.id);
    expect(desc).toEqual([...asc].reverse());

    const updated = await sdk.sheets.update(taskId!, { addRows: [{ id: 'late', name: 'Late' }] });
    expect(updated.size).toBe(26);
    expect(
      await sdk.sheets.patch(taskId!, [
        { rowId: 'r1', colId: 'p2', operation: 'update', oldValue: 0, newValue: 5 },
        { rowId: 'r1', colId: 'p1', lotId: 'L1', operation: 'add', newValue: 2 },
      ]),
    ).toEqual({ applied: 2 });
    const stale = await sdk.sheets
      .patch(taskId!, [
        { rowId: 'late', colId: 'p2', operation: 'add', newValue: 1 },
        { rowId: 'r1', colId: 'p2', operation: 'update', oldValue: 0, newValue: 9 },
      ])
      .catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(ConflictError);
    expect(stale).toMatchObject({ code: 'stale_value' });
    const after = await sdk.sheets.get(taskId!, { order: 'desc', limit: 26 });
    expect(after.rows.find((r) => r.id === 'late')?.values).toEqual({}); // nothing applied
    expect(after.rows.find((r) => r.id === 'r1')?.values).toEqual({
      p1: { value: null, lots: { L1: 2 } },
      p2: { value: 5, lots: {} },
    });
  });

  it('manages webhooks; a delivery verifies with verifyWebhook', async () => {
    const received: { headers: IncomingHttpHeaders; body: string }[] = [];
    const receiver: Server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.statusCode = 204;
        res.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
      const hook = await sdk.webhooks.create({ projectId, url, events: ['task.created'] });
      expect(hook.secret).toMatch(/^whsec_/);
      expect((await sdk.webhooks.get(hook.id)).secret).toBeUndefined();
      const listed = await sdk.webhooks.list({ projectId, fields: ['url'] });
      expect(listed.data).toContainEqual({ id: hook.id, url });
      expect((await sdk.webhooks.update(hook.id, { description: 'mine' })).description).toBe('mine');

      const batchId = await newBatch('hooks');
      await makeTasks(batchId, [{ name: 'w', data: { text: 'w' } }]);
      const ping = await sdk.webhooks.ping(hook.id);
      expect(ping.event).toBe('webhook.ping');
      const deadline = Date.now() + 15_000;
      while (received.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(received.length).toBeGreaterThanOrEqual(2);
      for (const delivery of received) {
        const headers = {
          id: String(delivery.headers['webhook-id']),
          timestamp: String(delivery.headers['webhook-timestamp']),
          signature: String(delivery.headers['webhook-signature']),
        };
        expect(await verifyWebhook(hook.secret!, headers, delivery.body)).toBe(true);
        expect(await verifyWebhook(hook.secret!, headers, new TextEncoder().encode(delivery.body))).toBe(
          true,
        );
        expect(await verifyWebhook(hook.secret!, headers, delivery.body.replace('"', "'"))).toBe(false);
        expect(await verifyWebhook(hook.secret!, { ...headers, id: 'msg_other' }, delivery.body)).toBe(false);
        expect(
          await verifyWebhook(hook.secret!, headers, delivery.body, { now: Date.now() + 3_600_000 }),
        ).toBe(false);
        expect(await verifyWebhook('whsec_' + btoa('another secret!!'), headers, delivery.body)).toBe(false);
      }
      const types = received.map((r) => (JSON.parse(r.body) as { type: string }).type).sort();
      expect(types).toEqual(['task.created', 'webhook.ping']);

      let log: { status: string }[] = [];
      while (Date.now() < deadline) {
        log = (await sdk.webhooks.deliveries(hook.id, { status: 'succeeded' })).data;
        if (log.length >= 2) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(log.length).toBe(2);
      await sdk.webhooks.delete(hook.id);
      await expect(sdk.webhooks.get(hook.id)).rejects.toMatchObject({ status: 404 });
    } finally {
      receiver.closeAllConnections();
      await new Promise((resolve) => receiver.close(resolve));
    }
  });
});
