import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { call, expectProblem, finishedJob, workspaceWithKey } from './helpers.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const MAX_ROW_CHARS = 4 * 1024 * 1024;
const SURROGATE = 'contains an unpaired UTF-16 surrogate (U+D800–U+DFFF), which cannot be stored';
const BAD_UTF8 = 'contains bytes that are not valid UTF-8, which cannot be stored';

/** `[[…]]` nested `levels` deep (the outer array is level 1), as JSON text. */
const deepArray = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

describe.each(testDialects())('upload parsers, text checks and limits on %s', (dialect) => {
  let server: TestServer;
  let token: string;
  let projectId: string;
  let seq = 0;

  const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) =>
    call(server.app, { method, url, token, body });

  const upload = async (datasetId: string, body: string | Uint8Array, contentType: string, query = '') => {
    const res = await fetch(`${server.url}/v1/datasets/${datasetId}/batches/upload${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
      body,
    });
    return { status: res.status, body: (await res.json()) as any };
  };

  const newDataset = async (columns: { name: string; type: string }[]) => {
    const res = await api('POST', '/v1/datasets', { projectId, name: `ds${++seq}`, columns });
    expect(res.status).toBe(201);
    return res.body as { id: string };
  };

  const rowsOf = async (datasetId: string) => {
    const res = await api('GET', `/v1/datasets/${datasetId}/rows?sort=_id&limit=1000`);
    expect(res.status).toBe(200);
    return res.body.data as any[];
  };

  const errorsOf = async (jobId: string) => {
    const report = await api('GET', `/v1/jobs/${jobId}/artifacts/errors.jsonl`);
    expect(report.status).toBe(200);
    return report.text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
  };

  beforeAll(async () => {
    server = await startTestServer(dialect);
    token = (await workspaceWithKey(server.app, server.adminToken, 'ingest-ws')).token;
    projectId = (await api('POST', '/v1/projects', { name: 'p' })).body.id;
  });
  afterAll(async () => server?.close());

  it('splits CSV records at LF, CRLF and CR, mixed in one file, keeping line ends inside quotes', async () => {
    const cases: [string, string[]][] = [
      ['t\na\nb\n', ['a', 'b']],
      ['t\r\na\r\nb\r\n', ['a', 'b']],
      ['t\ra\rb\r', ['a', 'b']],
      ['t\r\na\nb\nc\r\n', ['a', 'b', 'c']],
      ['t\na\r\nb\rc', ['a', 'b', 'c']],
      ['t\r\n"x\r\ny"\nz\r"p\nq\rr"\r\n', ['x\r\ny', 'z', 'p\nq\rr']],
      ['\ufefft,n\r\na,1\r\n\r\nb,2\n\nc,3\r', ['a', 'b', 'c']],
    ];
    for (const [csv, expected] of cases) {
      const ds = await newDataset([
        { name: 't', type: 'text' },
        { name: 'n', type: 'numeric' },
      ]);
      const res = await upload(ds.id, csv, 'text/csv');
      expect(res.body, JSON.stringify(csv)).toMatchObject({
        status: 'succeeded',
        result: { rowCount: expected.length, errorCount: 0 },
      });
      expect((await rowsOf(ds.id)).map((r) => r.t)).toEqual(expected);
    }
  });

  it('reads JSON array uploads element by element: blanks, nesting, strings with brackets, malformed arrays', async () => {
    const ds = await newDataset([
      { name: 't', type: 'text' },
      { name: 'j', type: 'json' },
    ]);
    const cases: [string, string, number, number][] = [
      ['[]', 'succeeded', 0, 0],
      [' \n[ \r\n ]\n', 'succeeded', 0, 0],
      ['[{"t":"a,]}\\"[{"} ,\n {"t":"b","j":{"x":[1,{"y":"]"}]}}\t]', 'succeeded', 2, 0],
      ['[{"t":"ok"},{"t":},7]', 'succeeded', 1, 2],
    ];
    for (const [body, status, rowCount, errorCount] of cases) {
      const res = await upload(ds.id, body, 'application/json', '?onRowError=skip');
      expect(res.body, body).toMatchObject({ status, result: { rowCount, errorCount } });
    }
    for (const body of ['[1,]', '[,1]', '{"t":"a"}', '[{"t":"a"}] x', '[{"t":"a"}', '[{"t":"a"}}]', '']) {
      const res = await upload(ds.id, body, 'application/json');
      expect(res.body, body).toMatchObject({ status: 'failed', error: { code: 'malformed_upload' } });
    }
    expect((await rowsOf(ds.id)).map((r) => [r.t, r.j])).toEqual([
      ['a,]}"[{', null],
      ['b', { x: [1, { y: ']' }] }],
      ['ok', null],
    ]);
  });

  it('reports unpaired surrogates and bytes that are not UTF-8 as errors of their row, on every format', async () => {
    const ds = await newDataset([
      { name: 't', type: 'text' },
      { name: 'n', type: 'numeric' },
      { name: 'j', type: 'json' },
    ]);
    const jsonl = await upload(
      ds.id,
      '{"t":"\\ud800"}\n{"t":"jsonl ok","j":{"k":"\\ud83d\\ude00"}}\n{"j":{"k":["\\udfff"]}}\n',
      'application/x-ndjson',
      '?onRowError=skip',
    );
    expect(jsonl.body).toMatchObject({ status: 'succeeded', result: { rowCount: 1, errorCount: 2 } });
    expect(await errorsOf(jsonl.body.id)).toEqual([
      { row: 1, column: 't', reason: SURROGATE },
      { row: 3, column: 'j', reason: `${SURROGATE} (at /k/0)` },
    ]);

    const json = await upload(
      ds.id,
      '[{"t":"json ok"},{"t":"a\\udc00b"}]',
      'application/json',
      '?onRowError=skip',
    );
    expect(json.body).toMatchObject({ status: 'succeeded', result: { rowCount: 1, errorCount: 1 } });
    expect(await errorsOf(json.body.id)).toEqual([{ row: 2, column: 't', reason: SURROGATE }]);

    const bytes = (...parts: (string | number[])[]) =>
      Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));
    const csv = await upload(
      ds.id,
      bytes('t,n\nab', [0xff], 'c,1\ncsv ok,2\nx,', [0xc3], '\n', 'é', [0xed, 0xa0, 0x80], ',3\n'),
      'text/csv',
      '?onRowError=skip',
    );
    expect(csv.body).toMatchObject({ status: 'succeeded', result: { rowCount: 1, errorCount: 3 } });
    expect(await errorsOf(csv.body.id)).toEqual([
      { row: 1, column: 't', reason: BAD_UTF8 },
      { row: 3, column: 'n', reason: BAD_UTF8 },
      { row: 4, column: 't', reason: BAD_UTF8 },
    ]);

    const badJsonl = await upload(
      ds.id,
      bytes('{"t":"x', [0xfe], '"}\n{"t":"bytes ok"}\n'),
      'application/x-ndjson',
      '?onRowError=skip',
    );
    expect(badJsonl.body).toMatchObject({ status: 'succeeded', result: { rowCount: 1, errorCount: 1 } });
    expect(await errorsOf(badJsonl.body.id)).toEqual([{ row: 1, column: 't', reason: BAD_UTF8 }]);

    // Nothing unstorable was stored, on either store; a valid pair (an emoji) was.
    const rows = await rowsOf(ds.id);
    expect(rows.map((r) => r.t).sort()).toEqual(['bytes ok', 'csv ok', 'json ok', 'jsonl ok']);
    expect(rows.find((r) => r.t === 'jsonl ok').j).toEqual({ k: '😀' });
  });

  it('imports tasks with the same text rule: an unpaired surrogate or bad bytes fail that task only', async () => {
    const ds = await newDataset([{ name: 'v', type: 'numeric' }]);
    const batch = await api('POST', `/v1/datasets/${ds.id}/batches`, { rows: [{ v: 1 }] });
    const batchId = batch.body.result.batchId as string;
    const body = Buffer.concat([
      Buffer.from('{"name":"fine","data":{"text":"ok"}}\n{"name":"lone","data":{"text":"a\\ud800"}}\n'),
      Buffer.from('{"name":"bytes","data":{"text":"a'),
      Buffer.from([0xff]),
      Buffer.from('"}}\n'),
    ]);
    const res = await fetch(`${server.url}/v1/batches/${batchId}/tasks/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
      body,
    });
    expect(res.status).toBe(202);
    const job = (await res.json()) as any;
    expect(job).toMatchObject({ status: 'succeeded', result: { created: 1, failed: 2 } });
    const failures = await api('GET', `/v1/jobs/${job.id}/artifacts/failures.jsonl`);
    const rows = failures.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows.map((r) => [r.index, r.error.code, r.error.pointer, r.error.message])).toEqual([
      [1, 'invalid_task', '/1/data/text', `/data/text ${SURROGATE}`],
      [2, 'invalid_task', '/2/data/text', `/data/text ${BAD_UTF8}`],
    ]);
  });

  it('answers 400 naming the field for an unpaired surrogate anywhere in a JSON body, path or query', async () => {
    const ds = await newDataset([{ name: 't', type: 'text' }]);
    const rows = await api('POST', `/v1/datasets/${ds.id}/batches`, '{"rows":[{"t":"ok"},{"t":"\\ud800"}]}');
    expectProblem(rows, 400, 'validation_failed', { in: 'body', pointer: '/rows/1/t' });
    expect(rows.body.errors[0].message).toBe(SURROGATE);
    const project = await api('POST', '/v1/projects', '{"name":"a\\udfffb"}');
    expectProblem(project, 400, 'validation_failed', { in: 'body', pointer: '/name' });
    const key = await api('POST', '/v1/projects', '{"name":"k","description":"d","\\ud800":1}');
    expectProblem(key, 400, 'validation_failed', { in: 'body', pointer: '/\ud800' });
    expect((await rowsOf(ds.id)).length).toBe(0);
  });

  it('answers 400 naming the field for bytes that are not UTF-8 in a JSON body (never stored as U+FFFD)', async () => {
    const send = (parts: (string | number[])[]) =>
      fetch(`${server.url}/v1/projects`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: Buffer.concat(
          parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : Buffer.from(part))),
        ),
      }).then(async (res) => ({ status: res.status, body: (await res.json()) as any }));
    const before = (await api('GET', '/v1/projects?limit=100')).body.data.length;
    // A lone continuation byte, a truncated sequence, an overlong form and an encoded surrogate.
    for (const bytes of [[0xff], [0xc3], [0xc0, 0xaf], [0xed, 0xa0, 0x80]]) {
      const res = await send(['{"name":"a', bytes, 'b","description":"d"}']);
      expect({ bytes, status: res.status, code: res.body.code }).toEqual({
        bytes,
        status: 400,
        code: 'validation_failed',
      });
      expect(res.body.errors).toEqual([
        expect.objectContaining({ in: 'body', pointer: '/name', message: BAD_UTF8 }),
      ]);
    }
    const inKey = await send(['{"name":"k","description":"d","x', [0xfe], '":1}']);
    expect(inKey.status).toBe(400);
    // Outside a string the bytes are no JSON at all.
    const outside = await send(['{"name":"o"', [0xff], '}']);
    expect({ status: outside.status, code: outside.body.code }).toEqual({
      status: 400,
      code: 'malformed_json',
    });
    expect((await api('GET', '/v1/projects?limit=100')).body.data.length).toBe(before);
    // Valid multi-byte text (2, 3 and 4 bytes) goes through unchanged.
    const fine = await send(['{"name":"é€😀 ok"}']);
    expect({ status: fine.status, name: fine.body.name }).toEqual({ status: 201, name: 'é€😀 ok' });
  });

  it('fails an upload whose row is longer than the limit, before buffering it whole', async () => {
    const ds = await newDataset([
      { name: 't', type: 'text' },
      { name: 'j', type: 'json' },
    ]);
    const big = 'x'.repeat(MAX_ROW_CHARS + 10);
    const unclosed = await upload(ds.id, `t\nfine\n"${big}`, 'text/csv');
    expect(unclosed.body).toMatchObject({ status: 'failed', error: { code: 'row_too_large' } });
    expect(unclosed.body.error.message).toContain(String(MAX_ROW_CHARS));
    expect(unclosed.body.error.message).toContain('CSV row 2');

    const line = await upload(ds.id, `{"t":"fine"}\n{"t":"${big}"}\n`, 'application/x-ndjson');
    expect(line.body).toMatchObject({ status: 'failed', error: { code: 'row_too_large' } });
    expect(line.body.error.message).toContain('JSON line 2');
    const unended = await upload(ds.id, `{"t":"${big}`, 'application/x-ndjson');
    expect(unended.body).toMatchObject({ status: 'failed', error: { code: 'row_too_large' } });

    const element = await upload(ds.id, `[{"t":"fine"},{"t":"${big}"}]`, 'application/json');
    expect(element.body).toMatchObject({ status: 'failed', error: { code: 'row_too_large' } });
    expect(element.body.error.message).toContain('JSON array element 2');

    // Just under the limit is fine.
    const near = 'y'.repeat(MAX_ROW_CHARS - 20);
    const ok = await upload(ds.id, `[{"t":"${near}"}]`, 'application/json');
    expect(ok.body).toMatchObject({ status: 'succeeded', result: { rowCount: 1 } });
    expect((await rowsOf(ds.id)).map((r) => r.t.length)).toEqual([near.length]);
  });

  it('refuses json values nested deeper than 64 levels as row errors, and deep JSON bodies with a 400', async () => {
    const ds = await newDataset([{ name: 'j', type: 'json' }]);
    const jsonl = await upload(
      ds.id,
      [`{"j":${deepArray(64)}}`, `{"j":${deepArray(65)}}`, `{"j":${deepArray(3250)}}`].join('\n'),
      'application/x-ndjson',
      '?onRowError=skip',
    );
    expect(jsonl.body).toMatchObject({ status: 'succeeded', result: { rowCount: 1, errorCount: 2 } });
    const errors = await errorsOf(jsonl.body.id);
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [2, 'j'],
      [3, 'j'],
    ]);
    expect(errors[0].reason).toContain('nested deeper than 64 levels');

    const json = await upload(
      ds.id,
      `[{"j":${deepArray(3250)}},{"j":[1]}]`,
      'application/json',
      '?onRowError=skip',
    );
    expect(json.body).toMatchObject({ status: 'succeeded', result: { rowCount: 1, errorCount: 1 } });
    const csv = await upload(ds.id, `j\n"${deepArray(3250)}"\n`, 'text/csv');
    expect(csv.body).toMatchObject({ status: 'failed', error: { code: 'rows_invalid' } });

    const body = await api('POST', `/v1/datasets/${ds.id}/batches`, `{"rows":[{"j":${deepArray(3250)}}]}`);
    expectProblem(body, 400, 'validation_failed');
    expect(body.body.errors[0].message).toContain('nested deeper than 128 levels');
    expect(body.body.errors[0].pointer).toMatch(/^\/rows\/0\/j(\/0)+$/);
    const task = await api('POST', '/v1/projects', `{"name":"deep","x":${deepArray(3250)}}`);
    expectProblem(task, 400, 'validation_failed');
    expect((await rowsOf(ds.id)).length).toBe(2);
  });

  it('refuses column names shaped like column ids, and resolves a key as an id first everywhere', async () => {
    const created = await api('POST', '/v1/datasets', {
      projectId,
      name: 'id-shaped',
      columns: [
        { name: 'fine', type: 'text' },
        { name: 'C2', type: 'text' },
      ],
    });
    expectProblem(created, 400, 'validation_failed', { in: 'body', pointer: '/columns/1/name' });
    const ds = await newDataset([
      { name: 'a', type: 'text' },
      { name: 'b', type: 'text' },
    ]);
    const added = await api('PATCH', `/v1/datasets/${ds.id}`, {
      addColumns: [
        { name: 'ok', type: 'text' },
        { name: 'c9', type: 'text' },
      ],
    });
    expectProblem(added, 400, 'validation_failed', { in: 'body', pointer: '/addColumns/1/name' });
    const renamed = await api('PATCH', `/v1/datasets/${ds.id}`, {
      renameColumns: [{ id: 'c1', name: ' c2 ' }],
    });
    expectProblem(renamed, 400, 'validation_failed', { in: 'body', pointer: '/renameColumns/0/name' });
    expect((await api('GET', `/v1/datasets/${ds.id}`)).body.columns.map((c: any) => c.name)).toEqual([
      'a',
      'b',
    ]);

    // A dataset made before the rule (names written directly): ids win, in uploads, filters and columns=.
    const legacy = await newDataset([
      { name: 'x', type: 'text' },
      { name: 'y', type: 'text' },
    ]);
    await server.store.db
      .updateTable('datasets')
      .set({
        columns: JSON.stringify([
          { id: 'c1', name: 'c2', type: 'text' },
          { id: 'c2', name: 'c1', type: 'text' },
        ]),
      })
      .where('id', '=', legacy.id)
      .execute();
    const json = await upload(legacy.id, '{"c1":"J-one","c2":"J-two"}\n', 'application/x-ndjson');
    expect(json.body).toMatchObject({ status: 'succeeded', result: { rowCount: 1 } });
    const csv = await upload(legacy.id, 'c2,c1\nC-two,C-one\n', 'text/csv');
    expect(csv.body).toMatchObject({ status: 'succeeded', result: { rowCount: 1 } });
    // Rows come back keyed by name: the column with id c1 is named "c2".
    expect((await rowsOf(legacy.id)).map((r) => [r.c2, r.c1])).toEqual([
      ['J-one', 'J-two'],
      ['C-one', 'C-two'],
    ]);
    const filtered = await api('GET', `/v1/datasets/${legacy.id}/rows?filter=c1:eq:J-one&columns=c1`);
    expect(filtered.status).toBe(200);
    expect(filtered.body.data.map((r: any) => r.c2)).toEqual(['J-one']);
    const twice = await upload(legacy.id, '{"c1":"a","c2":"b","C2":"c"}\n', 'application/x-ndjson');
    expect(twice.body).toMatchObject({ status: 'failed', error: { code: 'rows_invalid' } });
  });

  it('answers 400 for integer parameters beyond the safe range', async () => {
    const ds = await newDataset([{ name: 't', type: 'text' }]);
    for (const query of [
      'minRowCount=9223372036854775808',
      'maxRowCount=99999999999999999999',
      'minRowCount=1e300',
    ]) {
      const res = await api('GET', `/v1/datasets/${ds.id}/batches?${query}`);
      expectProblem(res, 400, 'validation_failed', { in: 'query', pointer: `/${query.split('=')[0]}` });
    }
    const fine = await api('GET', `/v1/datasets/${ds.id}/batches?minRowCount=9007199254740991`);
    expect(fine.status).toBe(200);
    const total = await upload(ds.id, 't\na\n', 'text/csv', '?total=18446744073709551616');
    expect(total.status).toBe(400);
  });

  it('deletes a dataset while an upload writes into it: no 500 on either side', async () => {
    const ds = await newDataset([{ name: 't', type: 'text' }]);
    const lines = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => `{"t":"row ${from + i}"}\n`).join('');
    let stop = false;
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (stop || sent >= 2_000_000) return controller.close();
        controller.enqueue(new TextEncoder().encode(lines(sent, 5_000)));
        sent += 5_000;
        await new Promise((resolve) => setImmediate(resolve));
      },
    });
    const uploading = fetch(`${server.url}/v1/datasets/${ds.id}/batches/upload`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
      body,
      duplex: 'half',
    } as RequestInit).then(async (res) => ({ status: res.status, body: (await res.json()) as any }));
    // Wait until rows are being written (the pending batch has counted some).
    const deadline = Date.now() + 60_000;
    for (;;) {
      const written = await server.store.db
        .selectFrom('batches')
        .select('row_count')
        .where('dataset_id', '=', ds.id)
        .executeTakeFirst();
      if (written && Number(written.row_count) > 0) break;
      if (Date.now() > deadline) throw new Error('the upload wrote nothing');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const removed = await api('DELETE', `/v1/datasets/${ds.id}?force=true`);
    stop = true;
    expect([204, 409]).toContain(removed.status);
    const uploaded = await uploading;
    expect(uploaded.status).toBeLessThan(500);
    if (uploaded.status === 202) expect(uploaded.body.status).toBe('failed');
    if (removed.status === 204) expect((await api('GET', `/v1/datasets/${ds.id}`)).status).toBe(404);
  });

  it('merges a whole dataset of 70,000 batches (more ids than one statement may bind)', async () => {
    const columns = [{ name: 'sku', type: 'text' }];
    const target = await newDataset(columns);
    const source = await newDataset(columns);
    const first = await api('POST', `/v1/datasets/${source.id}/batches`, {
      rows: [{ sku: 'a' }, { sku: 'b' }],
    });
    expect(first.body.status).toBe('succeeded');
    // 69,999 more active batches, empty, written straight into the table (70,000 creation jobs would take minutes).
    // Without its numeric id: the database numbers each inserted batch itself.
    const { numeric_id: _numericId, ...model } = await server.store.db
      .selectFrom('batches')
      .selectAll()
      .where('dataset_id', '=', source.id)
      .executeTakeFirstOrThrow();
    // 1,000 rows a statement: a batch row has 17 columns, and SQLite binds at most 32,766 values.
    for (let from = 1; from < 70_000; from += 1_000) {
      const rows = Array.from({ length: Math.min(1_000, 70_000 - from) }, (_, i) => ({
        ...model,
        id: `${model.id}x${from + i}`,
        name: `b${from + i}`,
        row_count: 0,
        row_key: model.row_key + from + i,
      }));
      await server.store.db.insertInto('batches').values(rows).execute();
    }
    const merge = await api('POST', `/v1/datasets/${target.id}/merge`, {
      source: { datasetId: source.id },
      strategy: 'abort',
    });
    expect(merge.status).toBe(202);
    const job = await finishedJob(server.app, token, merge.body.id, 60);
    expect(job).toMatchObject({ status: 'succeeded', result: { rowCount: 2 } });
  }, 120_000);
});
