import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import {
  APIConnectionError,
  APIUserAbortError,
  BadRequestError,
  Batchyard,
  BatchyardError,
  ConflictError,
  JobHandle,
  NotFoundError,
  type AppendResult,
  type Dataset,
  type IngestResult,
  type Job,
  type MergeResult,
  type SearchResult,
  type UploadProgress,
} from '../src/index.js';
import { closeServer, recordingFetch, uniqueName, type RecordedCall } from './helpers.js';

/** Waits for the job and checks it succeeded; returns its result. */
async function done<T>(handle: JobHandle): Promise<T> {
  const job = await handle.wait();
  expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
  return job.result as T;
}

describe.each(testDialects())('datasets, batches, rows and search on %s', (dialect) => {
  let server: TestServer;
  let sdk: Batchyard;
  let token: string;
  let projectId: string;
  let dir: string;

  const newDataset = (name: string, columns: Dataset['columns'], keyColumn?: string) =>
    sdk.datasets.create({
      projectId,
      name: uniqueName(name),
      columns: columns.map(({ name, type }) => ({ name, type })),
      ...(keyColumn ? { keyColumn } : {}),
    });
  const col = (name: string, type: Dataset['columns'][number]['type']) => ({ id: '', name, type });

  beforeAll(async () => {
    server = await startTestServer(dialect);
    const admin = new Batchyard({ baseUrl: server.url, token: server.adminToken });
    const workspaceId = (await admin.workspaces.create({ name: uniqueName('data') })).id;
    const key = await admin.keys.create({ name: 'data', role: 'editor', workspaceId });
    token = key.token;
    sdk = new Batchyard({ baseUrl: server.url, token });
    projectId = (await sdk.projects.create({ name: 'p' })).id;
    dir = mkdtempSync(join(tmpdir(), 'batchyard-sdk-uploads-'));
  });
  afterAll(async () => {
    await closeServer(server);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('creates, gets, lists, updates and deletes datasets', async () => {
    const ds = await sdk.datasets.create({
      projectId,
      name: 'people',
      description: 'who',
      columns: [
        { name: 'name', type: 'text' },
        { name: 'age', type: 'numeric' },
      ],
      keyColumn: 'name',
    });
    expect(ds).toMatchObject({
      id: expect.stringMatching(/^ds_/),
      projectId,
      keyColumn: 'c1',
      rowCount: 0,
      columns: [
        { id: 'c1', name: 'name', type: 'text' },
        { id: 'c2', name: 'age', type: 'numeric' },
      ],
    });
    const named = await sdk.datasets.get(ds.id, { fields: ['name'] });
    expect(named).toEqual({ id: ds.id, name: 'people' });
    const listed: string[] = [];
    for await (const item of sdk.datasets.list({ projectId, limit: 1, fields: ['name'] })) {
      listed.push(item.name);
    }
    expect(listed).toContain('people');

    const updated = await sdk.datasets.update(ds.id, {
      name: 'persons',
      addColumns: [{ name: 'born', type: 'date' }],
      renameColumns: [{ id: 'c2', name: 'years' }],
    });
    expect(updated.columns.map((c) => c.name)).toEqual(['name', 'years', 'born']);

    const error = await sdk.datasets
      .update(ds.id, { renameColumns: [{ id: 'c9', name: 'z' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ status: 400, code: 'unknown_column' });

    await done(await sdk.batches.create(ds.id, [{ name: 'ann', years: 30 }]));
    await expect(sdk.datasets.delete(ds.id)).rejects.toMatchObject({
      constructor: ConflictError,
      code: 'dataset_not_empty',
    });
    await sdk.datasets.delete(ds.id, { force: true });
    await expect(sdk.datasets.get(ds.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('uploads rows from an array in chunks, with progress and an Idempotency-Key', async () => {
    const ds = await newDataset('array', [col('id', 'numeric'), col('label', 'text'), col('day', 'date')]);
    const rows = Array.from({ length: 5000 }, (_, i) => ({
      id: i,
      label: `row ${i} ${'x'.repeat(40)}`,
      day: new Date(Date.UTC(2024, 0, 1 + (i % 365))),
    }));
    const { fetch, calls } = recordingFetch();
    const client = new Batchyard({ baseUrl: server.url, token, fetch });
    const progress: UploadProgress[] = [];
    const handle = await client.batches.create(ds.id, rows, {
      name: 'from array',
      onProgress: (p) => progress.push({ ...p }),
    });
    expect(handle).toBeInstanceOf(JobHandle);
    // The job is finished when create() resolves.
    expect(handle.job).toMatchObject({ type: 'batch.ingest', status: 'succeeded' });
    const result = await done<IngestResult>(handle);
    expect(result).toMatchObject({ datasetId: ds.id, rowCount: 5000, errorCount: 0 });

    // Several chunks, counted as they went out, ending with every row and byte.
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.map((p) => p.rows)).toEqual([...progress.map((p) => p.rows)].sort((a, b) => a - b));
    expect(progress.at(-1)?.rows).toBe(5000);
    const upload = calls.find((c) => c.url.pathname.endsWith('/batches/upload'))!;
    expect(upload.headers.get('content-type')).toBe('application/x-ndjson');
    expect(upload.headers.get('idempotency-key')).toMatch(/\S/);
    expect(upload.url.searchParams.get('total')).toBe('5000');
    expect(upload.url.searchParams.get('format')).toBe('jsonl');
    expect(handle.job?.progress).toMatchObject({ done: 5000, total: 5000 });

    const batch = await sdk.batches.get(result.batchId);
    expect(batch).toMatchObject({
      name: 'from array',
      state: 'active',
      rowCount: 5000,
      source: { kind: 'upload' },
    });
    const first = await sdk.rows.list(ds.id, { filter: 'id:eq:3' });
    expect(first.data).toEqual([
      {
        _id: expect.any(Number),
        _batchId: result.batchId,
        id: 3,
        label: rows[3]!.label,
        day: '2024-01-04T00:00:00.000Z',
      },
    ]);
  });

  it('uploads 20,000 rows from an async generator', async () => {
    const ds = await newDataset('generated', [col('n', 'numeric'), col('even', 'boolean')]);
    let produced = 0;
    async function* generate() {
      for (let i = 0; i < 20_000; i++) {
        produced++;
        if (i % 5000 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
        yield { n: i, even: i % 2 === 0 };
      }
    }
    let last: UploadProgress | undefined;
    const handle = await sdk.batches.create(ds.id, generate(), { onProgress: (p) => (last = p) });
    expect(await done<IngestResult>(handle)).toMatchObject({ rowCount: 20_000, errorCount: 0 });
    expect(produced).toBe(20_000);
    expect(last).toMatchObject({ rows: 20_000 });
    expect(last!.bytes).toBeGreaterThan(20_000 * 10);
    expect((await sdk.datasets.get(ds.id)).rowCount).toBe(20_000);

    // A generator that throws: its own error, and no batch.
    async function* broken() {
      yield { n: 1, even: false };
      throw new Error('source broke');
    }
    await expect(sdk.batches.create(ds.id, broken())).rejects.toThrow('source broke');
    const states = (await sdk.batches.list(ds.id)).data.map((b) => b.state);
    expect(states).toEqual(['active']);
  });

  it('uploads CSV and JSONL files by path, and strings', async () => {
    const ds = await newDataset('files', [col('name', 'text'), col('score', 'numeric')]);
    const csvPath = join(dir, 'scores.csv');
    writeFileSync(
      csvPath,
      'name,score\n' + Array.from({ length: 3000 }, (_, i) => `"name, ${i}",${i / 2}`).join('\n') + '\n',
    );
    const jsonlPath = join(dir, 'scores.jsonl');
    writeFileSync(
      jsonlPath,
      Array.from({ length: 1000 }, (_, i) => JSON.stringify({ name: `j${i}`, score: i })).join('\n'),
    );

    const progress: UploadProgress[] = [];
    const fromCsv = await sdk.batches.create(
      ds.id,
      { path: csvPath },
      { onProgress: (p) => progress.push(p) },
    );
    expect(await done<IngestResult>(fromCsv)).toMatchObject({ rowCount: 3000, errorCount: 0 });
    expect(progress.at(-1)).toMatchObject({ bytes: progress.at(-1)!.totalBytes });
    expect(
      (await sdk.rows.list(ds.id, { filter: { key: 'name', operator: '=', value: 'name, 7' } })).data,
    ).toEqual([expect.objectContaining({ name: 'name, 7', score: 3.5 })]);

    const fromJsonl = await sdk.batches.create(ds.id, { path: jsonlPath }, { name: 'jsonl' });
    expect(await done<IngestResult>(fromJsonl)).toMatchObject({ rowCount: 1000 });

    const fromCsvString = await sdk.batches.create(ds.id, 'score,name\n1,a\n2,b\n', { format: 'csv' });
    expect(await done<IngestResult>(fromCsvString)).toMatchObject({ rowCount: 2 });
    const fromJsonString = await sdk.batches.create(ds.id, JSON.stringify([{ name: 'é€😀', score: 9 }]));
    expect(await done<IngestResult>(fromJsonString)).toMatchObject({ rowCount: 1 });
    const fromJsonlString = await sdk.batches.create(ds.id, '{"name":"l","score":1}\n', {
      format: 'jsonl',
    });
    expect(await done<IngestResult>(fromJsonlString)).toMatchObject({ rowCount: 1 });
    expect((await sdk.rows.list(ds.id, { filter: 'score:eq:9', sort: 'name:desc' })).data[0]?.name).toBe(
      'é€😀',
    );
    // A File or Blob (what a browser's file input gives) is sent as it is, its format from its name.
    const fromFile = await sdk.batches.create(ds.id, new File(['name,score\nf,1\ng,oops\n'], 'picked.csv'), {
      onRowError: 'skip',
    });
    expect(await done<IngestResult>(fromFile)).toMatchObject({ rowCount: 1, errorCount: 1 });
    const fromBlob = await sdk.batches.create(ds.id, new Blob(['{"name":"b","score":2}\n']), {
      format: 'jsonl',
    });
    expect(await done<IngestResult>(fromBlob)).toMatchObject({ rowCount: 1 });
    await expect(sdk.batches.create(ds.id, new Blob(['name\n']))).rejects.toThrow(/format/);
    expect((await sdk.datasets.get(ds.id)).rowCount).toBe(3000 + 1000 + 2 + 1 + 1 + 1 + 1);

    // Mistakes caught before anything is sent.
    await expect(sdk.batches.create(ds.id, 'name,score\n')).rejects.toThrow(/format/);
    await expect(sdk.batches.create(ds.id, { path: join(dir, 'rows.txt') })).rejects.toThrow(/extension/);
    await expect(sdk.batches.create(ds.id, { path: join(dir, 'missing.csv') })).rejects.toBeInstanceOf(
      BatchyardError,
    );
  });

  it('retries an upload that sent nothing, never one that did; a retry with its key is replayed', async () => {
    const ds = await newDataset('retries', [col('n', 'numeric')]);
    const rows = Array.from({ length: 3000 }, (_, n) => ({ n }));
    const isUpload = (call: RecordedCall) => call.url.pathname.endsWith('/batches/upload');

    // Refused before any byte went out: retried, with the same Idempotency-Key.
    const refused = recordingFetch((call, _send, index) =>
      isUpload(call) && index === 0 ? Promise.reject(new TypeError('fetch failed')) : undefined,
    );
    const client = new Batchyard({ baseUrl: server.url, token, fetch: refused.fetch });
    const handle = await client.batches.create(ds.id, rows);
    expect(await done<IngestResult>(handle)).toMatchObject({ rowCount: 3000 });
    const uploads = refused.calls.filter(isUpload);
    expect(uploads).toHaveLength(2);
    expect(uploads[1]?.headers.get('idempotency-key')).toBe(uploads[0]?.headers.get('idempotency-key'));

    // The server took the rows but the answer was lost: not retried (the stream is spent)...
    const lost = recordingFetch((call, send) =>
      isUpload(call) ? send().then(() => Promise.reject(new TypeError('terminated'))) : undefined,
    );
    const flaky = new Batchyard({ baseUrl: server.url, token, fetch: lost.fetch });
    const error = await flaky.batches
      .create(ds.id, rows, {}, { idempotencyKey: 'upload-once' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(lost.calls.filter(isUpload)).toHaveLength(1);
    // ...and the caller's retry with the same key gets the same job, not a second batch.
    const { fetch, calls } = recordingFetch();
    const again = await new Batchyard({ baseUrl: server.url, token, fetch }).batches.create(
      ds.id,
      rows,
      {},
      {
        idempotencyKey: 'upload-once',
      },
    );
    expect(calls.find(isUpload)?.responseHeaders?.get('idempotent-replayed')).toBe('true');
    const batches = (await sdk.batches.list(ds.id)).data;
    expect(batches).toHaveLength(2);
    expect((again.job?.result as IngestResult).batchId).toBe(batches[1]?.id);
  });

  it('stops an upload when its signal fires, leaving no batch', async () => {
    const ds = await newDataset('aborted', [col('n', 'numeric')]);
    const controller = new AbortController();
    let produced = 0;
    async function* endless() {
      for (let n = 0; ; n++) {
        produced = n;
        if (n % 10_000 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
        yield { n };
      }
    }
    const error = await sdk.batches
      .create(ds.id, endless(), {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.rows >= 50_000) controller.abort();
        },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIUserAbortError);
    // The source is no longer read (fetch itself would go on reading the body).
    const stoppedAt = produced;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(produced).toBe(stoppedAt);
    // The server drops what it had of the batch once it sees the upload cut short.
    let states: string[] = ['?'];
    for (let i = 0; i < 50 && states.length > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      states = (await sdk.batches.list(ds.id)).data.map((b) => b.state);
    }
    expect(states).toEqual([]);
    expect((await sdk.datasets.get(ds.id)).rowCount).toBe(0);
  });

  it('reports bad rows: skip keeps the good ones, fail (the default) keeps nothing', async () => {
    const ds = await newDataset('policy', [col('n', 'numeric')]);
    const rows = [{ n: 1 }, { n: 'many' }, { n: 3 }, { x: 1 }];

    const skipped = await sdk.batches.create(ds.id, rows, { onRowError: 'skip' });
    const job = await skipped.wait();
    expect(job).toMatchObject({ status: 'succeeded', result: { rowCount: 2, errorCount: 2 } });
    expect(job.artifacts.map((a) => a.name)).toContain('errors.jsonl');
    const report = await (await sdk.jobs.downloadArtifact(job.id, 'errors.jsonl')).text();
    expect(
      report
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown),
    ).toEqual([
      expect.objectContaining({ row: 2, column: 'n' }),
      expect.objectContaining({ row: 4, column: 'x', reason: 'unknown column' }),
    ]);

    const failed = await (await sdk.batches.create(ds.id, rows)).wait();
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'rows_invalid' } });
    expect((await sdk.batches.list(ds.id)).data).toHaveLength(1);

    // An unknown dataset is a NotFoundError, even for a streamed body.
    const missing = await sdk.batches
      .create(
        'ds_missing',
        Array.from({ length: 20_000 }, (_, n) => ({ n })),
      )
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NotFoundError);
  });

  it('lists rows with filters, columns and sort, and walks every page', async () => {
    const ds = await newDataset('cities', [
      col('city', 'text'),
      col('pop', 'numeric'),
      col('founded', 'date'),
    ]);
    const cities = ['Paris', 'Rome', 'Oslo', 'Lima', 'Kyiv', 'Bern', 'Nice'];
    await done(
      await sdk.batches.create(
        ds.id,
        cities.map((city, i) => ({ city, pop: (i * 37) % 11, founded: `${1000 + i * 100}-01-01` })),
      ),
    );

    const seen: unknown[] = [];
    for await (const row of sdk.rows.list(ds.id, { sort: 'pop:asc', limit: 3 })) seen.push(row.pop);
    expect(seen).toEqual([0, 1, 2, 4, 5, 8, 9]);

    const names = async (params: Parameters<Batchyard['rows']['list']>[1]) => {
      const out: unknown[] = [];
      for await (const row of sdk.rows.list(ds.id, { ...params, limit: 2 })) out.push(row.city);
      return out;
    };
    expect(await names({ filter: ['city:like:%o%', 'pop:>=:2'], sort: 'city' })).toEqual(['Oslo', 'Rome']);
    expect(
      await names({
        filter: [
          { key: 'city', operator: 'in', value: ['Paris, France', 'Lima', 'Bern'] },
          { key: 'pop', operator: '!=', value: 9 },
        ],
      }),
    ).toEqual(['Lima']);
    expect(await names({ filter: { key: 'founded', operator: '<', value: new Date('1150-01-01') } })).toEqual(
      ['Paris', 'Rome'],
    );
    expect(await names({ filter: { key: 'pop', operator: 'gt', value: 8 } })).toEqual(['Bern']);

    const page = await sdk.rows.list(ds.id, { columns: ['city'], limit: 1 });
    expect(page.data).toEqual([{ _id: expect.any(Number), _batchId: expect.any(String), city: 'Paris' }]);
    expect(page.hasNextPage()).toBe(true);
    expect((await page.getNextPage()).data[0]?.city).toBe('Rome');

    const unknown = await sdk.rows.list(ds.id, { filter: 'town:eq:x' }).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(BadRequestError);
    expect(unknown).toMatchObject({ code: 'unknown_column', errors: [{ pointer: '/filter/0/key' }] });
    expect(() => sdk.rows.list(ds.id, { filter: 'pop:about:3' })).toThrow(BatchyardError);
    expect(() => sdk.rows.list(ds.id, { filter: { key: 'pop', operator: 'in', value: 3 } })).toThrow(/array/);
  });

  it('lists batches with filters; suspends, restores and removes them through jobs', async () => {
    const ds = await newDataset('states', [col('v', 'numeric')]);
    const a = (await done<IngestResult>(await sdk.batches.create(ds.id, [{ v: 1 }, { v: 2 }], { name: 'a' })))
      .batchId;
    const b = (await done<IngestResult>(await sdk.batches.create(ds.id, [{ v: 3 }], { name: 'b' }))).batchId;

    const big = await sdk.batches.list(ds.id, { minRowCount: 2, fields: ['name', 'rowCount'] });
    expect(big.data).toEqual([{ id: a, name: 'a', rowCount: 2 }]);
    const byIds = await sdk.batches.list(ds.id, { ids: [b], states: ['active'] });
    expect(byIds.data.map((x) => x.name)).toEqual(['b']);
    const sorted = await sdk.batches.list(ds.id, {
      sort: 'rowCount:asc',
      createdAfter: new Date(Date.now() - 60_000),
    });
    expect(sorted.data.map((x) => x.name)).toEqual(['b', 'a']);
    expect((await sdk.batches.list(ds.id, { createdBefore: '2000-01-01T00:00:00Z' })).data).toEqual([]);
    const pages: string[] = [];
    for await (const batch of sdk.batches.list(ds.id, { limit: 1 })) pages.push(batch.id);
    expect(pages).toEqual([a, b]);

    const suspended = await (await sdk.batches.suspend(ds.id, [a])).wait();
    expect(suspended).toMatchObject({ status: 'succeeded', result: { suspended: [a], skipped: [] } });
    expect((await sdk.rows.list(ds.id)).data.map((r) => r.v)).toEqual([3]);
    expect((await sdk.batches.get(a, { fields: ['state'] })).state).toBe('suspended');
    await expect(sdk.batches.suspend(ds.id, [a])).rejects.toMatchObject({
      status: 409,
      code: 'invalid_batch_state',
    });

    expect(await done(await sdk.batches.restore(ds.id, [a]))).toEqual({ restored: [a], skipped: [] });
    expect((await sdk.rows.list(ds.id)).data.map((r) => r.v)).toEqual([1, 2, 3]);

    expect(await done(await sdk.batches.remove(ds.id, [a]))).toEqual({ deleted: [a], rowsDeleted: 2 });
    expect(await done(await sdk.batches.delete(b))).toMatchObject({ deleted: [b] });
    expect((await sdk.rows.list(ds.id)).data).toEqual([]);
    await expect(sdk.batches.get(a)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('appends another dataset (validateOnly, then for real), merges into a draft and commits it', async () => {
    const target = await newDataset('stock', [col('sku', 'text'), col('qty', 'numeric')], 'sku');
    await done(
      await sdk.batches.create(target.id, [
        { sku: 'a', qty: 1 },
        { sku: 'b', qty: 2 },
      ]),
    );
    const source = await newDataset('delivery', [
      col('code', 'text'),
      col('count', 'text'),
      col('note', 'text'),
    ]);
    await done(
      await sdk.batches.create(source.id, [
        { code: 'c', count: '3' },
        { code: 'd', count: 'four' },
      ]),
    );
    const mapping = [
      { source: 'code', target: 'sku', expectedType: 'text' as const },
      { source: 'count', target: 'qty', expectedType: 'numeric' as const },
    ];

    const unmapped = await sdk.batches
      .createFromDataset(target.id, { sourceDatasetId: source.id, mapping })
      .catch((e: unknown) => e);
    expect(unmapped).toMatchObject({ status: 400, code: 'unmapped_source_column' });

    const check = await done<AppendResult>(
      await sdk.batches.createFromDataset(target.id, {
        sourceDatasetId: source.id,
        mapping,
        ignore: ['note'],
        validateOnly: true,
      }),
    );
    expect(check).toEqual({ validateOnly: true, rowsChecked: 2, errorCount: 1, wouldAppend: 1 });
    expect((await sdk.datasets.get(target.id)).rowCount).toBe(2);

    const appended = await done<AppendResult>(
      await sdk.batches.createFromDataset(target.id, {
        sourceDatasetId: source.id,
        mapping,
        ignore: ['note'],
        onRowError: 'skip',
        name: 'appended',
      }),
    );
    expect(appended).toMatchObject({ rowCount: 1, errorCount: 1 });
    expect((await sdk.datasets.get(target.id)).rowCount).toBe(3);

    const incoming = await newDataset('incoming', [col('sku', 'text'), col('qty', 'numeric')]);
    await done(
      await sdk.batches.create(incoming.id, [
        { sku: 'b', qty: 20 },
        { sku: 'e', qty: 5 },
      ]),
    );
    const merged = await done<MergeResult>(
      await sdk.batches.merge(target.id, { source: { datasetId: incoming.id }, strategy: 'override' }),
    );
    expect(merged).toMatchObject({ rowCount: 2, conflicts: 1, strategy: 'override' });
    expect(await sdk.batches.get(merged.draftBatchId)).toMatchObject({
      state: 'draft',
      strategy: 'override',
    });
    expect(await done(await sdk.batches.commit(merged.draftBatchId))).toMatchObject({ rowsReplaced: 1 });
    const stock: unknown[] = [];
    for await (const row of sdk.rows.list(target.id, { sort: 'sku' })) stock.push([row.sku, row.qty]);
    expect(stock).toEqual([
      ['a', 1],
      ['b', 20],
      ['c', 3],
      ['e', 5],
    ]);
    await expect(sdk.batches.commit(merged.draftBatchId)).rejects.toMatchObject({
      code: 'invalid_batch_state',
    });

    const another = await done<MergeResult>(
      await sdk.batches.merge(target.id, { source: { datasetId: incoming.id }, strategy: 'skip' }),
    );
    expect((await (await sdk.batches.close(another.draftBatchId)).wait()).status).toBe('succeeded');
    await expect(sdk.batches.get(another.draftBatchId)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('runs a search and makes a dataset of its result', async () => {
    const ds = await newDataset('searchable', [col('name', 'text'), col('n', 'numeric')]);
    await done(
      await sdk.batches.create(ds.id, [
        { name: 'alpha', n: 1 },
        { name: 'beta', n: 2 },
        { name: 'gamma', n: 3 },
      ]),
    );
    const handle = await sdk.search.run(ds.id, {
      conjunction: 'or',
      filters: [
        { key: 'n', operator: 'gte', value: 3 },
        { key: 'name', operator: 'like', value: 'b%' },
      ],
    });
    const found: Job = await handle.wait();
    const result = found.result as SearchResult;
    expect(result).toMatchObject({ datasetId: ds.id, count: 2, complete: true, artifact: 'row-ids.txt' });
    const ids = (
      await sdk.rows.list(ds.id, { filter: { key: 'name', operator: 'in', value: ['beta', 'gamma'] } })
    ).data.map((r) => r._id);
    expect(result.rowIds).toEqual(ids);

    const made = await done<{ datasetId: string; rowCount: number }>(
      await sdk.search.createDataset({ searchJobId: found.id, name: uniqueName('found') }),
    );
    expect(made.rowCount).toBe(2);
    const copied: unknown[] = [];
    for await (const row of sdk.rows.list(made.datasetId)) copied.push(row.name);
    expect(copied).toEqual(['beta', 'gamma']);

    await expect(
      sdk.search.run(ds.id, { filters: [{ key: 'zzz', operator: '=', value: 1 }] }),
    ).rejects.toMatchObject({ constructor: BadRequestError, code: 'unknown_column' });
  });
});
