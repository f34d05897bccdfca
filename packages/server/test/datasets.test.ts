import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { call, undoMigrationsFrom0013, expectProblem, finishedJob, workspaceWithKey } from './helpers.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

describe.each(testDialects())('datasets and batches on %s', (dialect) => {
  let server: TestServer;
  let token: string;
  let other: string;
  let projectId: string;

  const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown, as = token) =>
    call(server.app, { method, url, token: as, body });

  const settle = (job: { id: string }) => finishedJob(server.app, token, job.id);

  const upload = async (datasetId: string, body: string, contentType: string, query = '') => {
    const res = await fetch(`${server.url}/v1/datasets/${datasetId}/batches/upload${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
      body,
    });
    return { status: res.status, body: (await res.json()) as any };
  };

  const rowsOf = async (datasetId: string, query = '') => {
    const res = await api('GET', `/v1/datasets/${datasetId}/rows${query}`);
    expect(res.status).toBe(200);
    return res.body.data as any[];
  };

  const newDataset = async (name: string, columns: { name: string; type: string }[], keyColumn?: string) => {
    const res = await api('POST', '/v1/datasets', {
      projectId,
      name,
      columns,
      ...(keyColumn ? { keyColumn } : {}),
    });
    expect(res.status).toBe(201);
    return res.body;
  };

  const ingest = async (datasetId: string, rows: unknown[], extra: Record<string, unknown> = {}) => {
    const res = await api('POST', `/v1/datasets/${datasetId}/batches`, { rows, ...extra });
    expect(res.status).toBe(202);
    return res.body;
  };

  beforeAll(async () => {
    server = await startTestServer(dialect);
    token = (await workspaceWithKey(server.app, server.adminToken, 'data-ws')).token;
    other = (await workspaceWithKey(server.app, server.adminToken, 'other-ws')).token;
    const project = await api('POST', '/v1/projects', { name: 'p' });
    projectId = project.body.id;
  });
  afterAll(async () => server?.close());

  it('creates, lists, updates and deletes datasets', async () => {
    const ds = await newDataset('people', [
      { name: 'name', type: 'text' },
      { name: 'age', type: 'numeric' },
    ]);
    expect(ds).toMatchObject({
      projectId,
      columns: [
        { id: 'c1', name: 'name', type: 'text' },
        { id: 'c2', name: 'age', type: 'numeric' },
      ],
      rowCount: 0,
      batchCount: 0,
      keyColumn: null,
    });
    const updated = await api('PATCH', `/v1/datasets/${ds.id}`, {
      addColumns: [{ name: 'born', type: 'date' }],
      renameColumns: [{ id: 'c2', name: 'years' }],
      keyColumn: 'name',
    });
    expect(updated.status).toBe(200);
    expect(updated.body.columns).toEqual([
      { id: 'c1', name: 'name', type: 'text' },
      { id: 'c2', name: 'years', type: 'numeric' },
      { id: 'c3', name: 'born', type: 'date' },
    ]);
    expect(updated.body.keyColumn).toBe('c1');
    const list = await api('GET', `/v1/datasets?projectId=${projectId}&fields=name`);
    expect(list.body.data).toContainEqual({ id: ds.id, name: 'people' });

    expectProblem(
      await api('POST', '/v1/datasets', {
        projectId,
        name: 'people',
        columns: [{ name: 'a', type: 'text' }],
      }),
      409,
      'name_taken',
      { in: 'body', pointer: '/name' },
    );
    expectProblem(
      await api('POST', '/v1/datasets', {
        projectId,
        name: 'dup',
        columns: [
          { name: 'a', type: 'text' },
          { name: 'A', type: 'numeric' },
        ],
      }),
      400,
      'validation_failed',
      { in: 'body', pointer: '/columns/1/name' },
    );
    expectProblem(
      await api('POST', '/v1/datasets', { projectId, name: 'bad', columns: [{ name: 'a', type: 'float' }] }),
      400,
      'validation_failed',
    );
    expectProblem(
      await api('POST', '/v1/datasets', { projectId, name: 'x', columns: [{ name: '_id', type: 'text' }] }),
      400,
      'validation_failed',
    );
    expectProblem(
      await api('PATCH', `/v1/datasets/${ds.id}`, { renameColumns: [{ id: 'c9', name: 'z' }] }),
      400,
      'unknown_column',
      { in: 'body', pointer: '/renameColumns/0/id' },
    );
    // Another workspace sees nothing.
    expectProblem(await api('GET', `/v1/datasets/${ds.id}`, undefined, other), 404, 'not_found');

    await ingest(ds.id, [{ name: 'ann', years: 30 }]);
    expectProblem(await api('DELETE', `/v1/datasets/${ds.id}`), 409, 'dataset_not_empty');
    expectProblem(await api('DELETE', `/v1/projects/${projectId}`), 409, 'project_not_empty');
    expect((await api('DELETE', `/v1/datasets/${ds.id}?force=true`)).status).toBe(204);
    expectProblem(await api('GET', `/v1/datasets/${ds.id}`), 404, 'not_found');
  });

  it('drops the rows tables of a project deleted with force', async () => {
    const tables = async () => (await server.store.db.introspection.getTables()).map((t) => t.name);
    const doomed = await api('POST', '/v1/projects', { name: 'doomed' });
    const ds = await api('POST', '/v1/datasets', {
      projectId: doomed.body.id,
      name: 'd',
      columns: [{ name: 'a', type: 'text' }],
    });
    await ingest(ds.body.id, [{ a: 'x' }]);
    const table = `rows_${(ds.body.id as string).slice(3)}`;
    expect(await tables()).toContain(table);
    expectProblem(await api('DELETE', `/v1/projects/${doomed.body.id}`), 409, 'project_not_empty');
    expect((await api('DELETE', `/v1/projects/${doomed.body.id}?force=true`)).status).toBe(204);
    expect(await tables()).not.toContain(table);
    expectProblem(await api('GET', `/v1/datasets/${ds.body.id}`), 404, 'not_found');
  });

  it('ingests rows with per-row type checks, by policy', async () => {
    const ds = await newDataset('typed', [
      { name: 'name', type: 'text' },
      { name: 'n', type: 'numeric' },
      { name: 'day', type: 'date' },
      { name: 'ok', type: 'boolean' },
      { name: 'meta', type: 'json' },
    ]);
    const good = { name: 'a', n: 1.5, day: '2024-02-29', ok: true, meta: { x: [1] } };
    const bad = { name: 2, n: 'many', day: '2024-02-30', ok: 'yes', extra: 1 };

    // fail (the default): nothing kept, every bad value reported.
    const failed = await settle(await ingest(ds.id, [good, bad]));
    expect(failed.status).toBe('failed');
    expect(failed.error.code).toBe('rows_invalid');
    expect(failed.error.details.errorCount).toBe(5);
    expect(failed.error.details.firstErrors).toContainEqual({
      row: 2,
      column: 'n',
      reason: 'expected a number, got string "many"',
    });
    expect(failed.error.details.firstErrors).toContainEqual({
      row: 2,
      column: 'extra',
      reason: 'unknown column',
    });
    const report = await api('GET', `/v1/jobs/${failed.id}/artifacts/errors.jsonl`);
    expect(report.status).toBe(200);
    expect(report.text.trim().split('\n')).toHaveLength(5);
    expect((await api('GET', `/v1/datasets/${ds.id}/batches`)).body.data).toEqual([]);

    // skip: good rows in, bad ones reported.
    const skipped = await settle(
      await ingest(ds.id, [good, bad, { ...good, name: 'b' }], { onRowError: 'skip', name: 'second' }),
    );
    expect(skipped.status).toBe('succeeded');
    expect(skipped.result).toMatchObject({ rowCount: 2, errorCount: 5 });
    expect(skipped.warnings[0]).toMatch(/left out/);
    const rows = await rowsOf(ds.id);
    expect(rows.map((r) => r.name)).toEqual(['a', 'b']);
    expect(rows[0]).toMatchObject({ n: 1.5, day: '2024-02-29', ok: true, meta: { x: [1] } });
    const batch = await api('GET', `/v1/batches/${skipped.result.batchId}`);
    expect(batch.body).toMatchObject({
      name: 'second',
      state: 'active',
      rowCount: 2,
      errorCount: 5,
      columnCount: 5,
      source: { kind: 'api' },
    });
  });

  it('streams JSONL, JSON and CSV uploads', async () => {
    const ds = await newDataset('uploads', [
      { name: 'id', type: 'numeric' },
      { name: 'label', type: 'text' },
      { name: 'when', type: 'date' },
    ]);
    const jsonl = Array.from({ length: 12_345 }, (_, i) =>
      JSON.stringify({ id: i, label: `row ${i}`, when: '2025-01-02T03:04:05+01:00' }),
    ).join('\n');
    const a = await upload(ds.id, jsonl, 'application/x-ndjson', '?name=jsonl&total=12345');
    expect(a.status).toBe(202);
    expect(a.body).toMatchObject({
      type: 'batch.ingest',
      status: 'succeeded',
      result: { rowCount: 12_345, errorCount: 0 },
    });
    expect(a.body.progress).toMatchObject({ done: 12_345, total: 12_345, unit: 'rows' });

    const b = await upload(ds.id, JSON.stringify([{ id: 1, label: 'json' }]), 'application/json');
    expect(b.body.status).toBe('succeeded');

    const csv = 'label,id,when\n"quoted, comma",7,2024-01-01\nplain,8,\nbad,x,2024-01-01\n';
    const c = await upload(ds.id, csv, 'text/csv', '?onRowError=skip');
    expect(c.body).toMatchObject({ status: 'succeeded', result: { rowCount: 2, errorCount: 1 } });
    expect(c.body.artifacts.map((x: any) => x.name)).toContain('errors.jsonl');

    const csvRows = await rowsOf(ds.id, `?filter=label:in:["plain","quoted, comma"]`);
    expect(csvRows.map(({ label, id, when }) => ({ label, id, when }))).toEqual([
      { label: 'quoted, comma', id: 7, when: '2024-01-01' },
      { label: 'plain', id: 8, when: null },
    ]);
    expect((await rowsOf(ds.id, '?filter=id:eq:5'))[0]).toMatchObject({
      label: 'row 5',
      when: '2025-01-02T02:04:05.000Z',
    });
    expect((await api('GET', `/v1/datasets/${ds.id}`)).body.rowCount).toBe(12_345 + 1 + 2);

    const unknownHeader = await upload(ds.id, 'nope\n1\n', 'text/csv');
    expect(unknownHeader.body).toMatchObject({ status: 'failed', error: { code: 'unknown_column' } });
    const broken = await upload(ds.id, '[{"id": 1},', 'application/json');
    expect(broken.body).toMatchObject({ status: 'failed', error: { code: 'malformed_upload' } });
    const wrongType = await fetch(`${server.url}/v1/datasets/${ds.id}/batches/upload`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' },
      body: 'x',
    });
    expect(wrongType.status).toBe(415);
    expect(((await wrongType.json()) as any).code).toBe('unsupported_media_type');
    // Failed uploads left no batch.
    const batches = await api('GET', `/v1/datasets/${ds.id}/batches?sort=createdAt:desc,name:asc`);
    expect(batches.body.data.map((x: any) => x.state)).toEqual(['active', 'active', 'active']);
  });

  it('reports a NUL character in an uploaded value as a row error, and in a header as the failure', async () => {
    const ds = await newDataset('nul', [
      { name: 'label', type: 'text' },
      { name: 'doc', type: 'json' },
    ]);
    const csv = await upload(
      ds.id,
      'label,doc\na\u0000b,1\nok,"{""a"":1}"\nx,"""\\u0000"""\n',
      'text/csv',
      '?onRowError=skip',
    );
    expect(csv.body).toMatchObject({ status: 'succeeded', result: { rowCount: 1, errorCount: 2 } });
    const report = await api('GET', `/v1/jobs/${csv.body.id}/artifacts/errors.jsonl`);
    expect(
      report.text
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line)),
    ).toEqual([
      { row: 1, column: 'label', reason: 'contains a NUL character (U+0000), which cannot be stored' },
      { row: 3, column: 'doc', reason: 'contains a NUL character (U+0000), which cannot be stored' },
    ]);
    const jsonl = await upload(
      ds.id,
      '{"label":"a\\u0000"}\n{"label":"fine","doc":{"k":"\\\\u0000 is only text"}}\n{"doc":["\\u0000"]}\n',
      'application/x-ndjson',
      '?onRowError=skip',
    );
    expect(jsonl.body).toMatchObject({ status: 'succeeded', result: { rowCount: 1, errorCount: 2 } });
    expect((await rowsOf(ds.id, '?filter=label:eq:fine'))[0].doc).toEqual({ k: '\\u0000 is only text' });

    const header = await upload(ds.id, '\u0000\n1\n', 'text/csv');
    expect(header.body).toMatchObject({ status: 'failed', error: { code: 'unknown_column' } });
    expect(header.body.error.message).toContain('"\ufffd"');
  });

  it('lists rows with filters, sort and cursors; lists batches with filters', async () => {
    const ds = await newDataset('query', [
      { name: 'city', type: 'text' },
      { name: 'pop', type: 'numeric' },
    ]);
    const cities = ['Paris', 'Rome', 'Oslo', 'Lima', 'Kyiv', 'Bern', 'Nice'];
    await settle(
      await ingest(
        ds.id,
        cities.map((city, i) => ({ city, pop: (i * 37) % 11 })),
        { name: 'b1' },
      ),
    );
    await settle(await ingest(ds.id, [{ city: 'Nowhere', pop: null }], { name: 'b2' }));
    const all = await rowsOf(ds.id, '?sort=pop:desc&limit=3');
    expect(all).toHaveLength(3);
    // Walk every page in pop order; nulls last.
    const seen: any[] = [];
    let cursor: string | null = null;
    do {
      const res: any = await api(
        'GET',
        `/v1/datasets/${ds.id}/rows?sort=pop:asc&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...res.body.data);
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen.map((r) => r.pop)).toEqual([0, 1, 2, 4, 5, 8, 9, null]);
    expect(
      (await rowsOf(ds.id, '?filter=city:like:%25o%25&filter=pop:gte:2')).map((r) => r.city).sort(),
    ).toEqual(['Oslo', 'Rome']);
    expect((await rowsOf(ds.id, '?filter=city:ne:Paris')).length).toBe(7);
    expect((await rowsOf(ds.id, '?columns=city&limit=1'))[0]).toEqual({
      _id: expect.any(Number),
      _batchId: expect.any(String),
      city: 'Paris',
    });
    expectProblem(await api('GET', `/v1/datasets/${ds.id}/rows?filter=town:eq:x`), 400, 'unknown_column', {
      in: 'query',
      pointer: '/filter/0/key',
    });
    expectProblem(
      await api('GET', `/v1/datasets/${ds.id}/rows?filter=pop:gt:many`),
      400,
      'validation_failed',
      { in: 'query', pointer: '/filter/0/value' },
    );
    expectProblem(
      await api('GET', `/v1/datasets/${ds.id}/rows?filter=pop:about:3`),
      400,
      'validation_failed',
    );
    expectProblem(
      await api('GET', `/v1/datasets/${ds.id}/rows?sort=pop:asc&cursor=abc`),
      400,
      'invalid_cursor',
    );

    const big = await api('GET', `/v1/datasets/${ds.id}/batches?minRowCount=2&fields=name,rowCount`);
    expect(big.body.data).toEqual([{ id: expect.any(String), name: 'b1', rowCount: 7 }]);
    const sorted = await api('GET', `/v1/datasets/${ds.id}/batches?sort=rowCount:asc&states=active`);
    expect(sorted.body.data.map((b: any) => b.name)).toEqual(['b2', 'b1']);
    // An empty list matches nothing, the same on both stores (PostgreSQL once answered 500 to `in ()`).
    for (const empty of ['states=', 'ids=', 'states=,', 'ids=&states=']) {
      const none = await api('GET', `/v1/datasets/${ds.id}/batches?${empty}`);
      expect({ empty, status: none.status, data: none.body.data }).toEqual({ empty, status: 200, data: [] });
    }
    expectProblem(await api('GET', `/v1/datasets/${ds.id}/batches?states=gone`), 400, 'validation_failed', {
      in: 'query',
      pointer: '/states',
    });
    expectProblem(await api('GET', `/v1/datasets/${ds.id}/batches?sort=colour`), 400, 'validation_failed');
  });

  it('suspends, restores and deletes batches through jobs; refuses wrong transitions', async () => {
    const ds = await newDataset('states', [{ name: 'v', type: 'numeric' }]);
    const one = await settle(await ingest(ds.id, [{ v: 1 }, { v: 2 }]));
    const two = await settle(await ingest(ds.id, [{ v: 3 }]));
    const a = one.result.batchId;
    const b = two.result.batchId;

    const suspend = await api('POST', `/v1/datasets/${ds.id}/batches/suspend`, { ids: [a] });
    expect(suspend.status).toBe(202);
    expect((await settle(suspend.body)).result).toEqual({ suspended: [a], skipped: [] });
    expect((await rowsOf(ds.id)).map((r) => r.v)).toEqual([3]);
    expect((await api('GET', `/v1/datasets/${ds.id}`)).body.rowCount).toBe(1);
    expect(
      (
        await api('POST', `/v1/datasets/${ds.id}/search`, {
          filters: [{ key: 'v', operator: '<', value: 3 }],
        })
      ).status,
    ).toBe(202);

    expectProblem(
      await api('POST', `/v1/datasets/${ds.id}/batches/suspend`, { ids: [b, a] }),
      409,
      'invalid_batch_state',
      { in: 'body', pointer: '/ids/1' },
    );
    expect((await api('GET', `/v1/batches/${b}`)).body.state).toBe('active'); // nothing changed
    expectProblem(
      await api('POST', `/v1/datasets/${ds.id}/batches/restore`, { ids: [b] }),
      409,
      'invalid_batch_state',
    );
    expectProblem(
      await api('POST', `/v1/datasets/${ds.id}/batches/suspend`, { ids: ['bat_nope'] }),
      404,
      'not_found',
      { in: 'body', pointer: '/ids/0' },
    );
    expectProblem(
      await api('POST', `/v1/datasets/${ds.id}/batches/suspend`, { ids: [a] }, other),
      404,
      'not_found',
    );
    expectProblem(
      await api('POST', `/v1/datasets/${ds.id}/batches/suspend`, { ids: [] }),
      400,
      'validation_failed',
      { in: 'body', pointer: '/ids' },
    );

    const restore = await settle(
      (await api('POST', `/v1/datasets/${ds.id}/batches/restore`, { ids: [a] })).body,
    );
    expect(restore.result).toEqual({ restored: [a], skipped: [] });
    expect((await rowsOf(ds.id)).map((r) => r.v)).toEqual([1, 2, 3]);

    const removal = await api('DELETE', `/v1/datasets/${ds.id}/batches?ids=${a},${b}`);
    expect(removal.status).toBe(202);
    expect((await settle(removal.body)).result).toEqual({ deleted: [a, b], rowsDeleted: 3 });
    expect(await rowsOf(ds.id)).toEqual([]);
    expectProblem(await api('GET', `/v1/batches/${a}`), 404, 'not_found');
    expectProblem(await api('DELETE', `/v1/batches/${a}`), 404, 'not_found');
  });

  it('appends another dataset through a mapping, with validateOnly, newDataset and deleteSource', async () => {
    const target = await newDataset('target', [
      { name: 'name', type: 'text' },
      { name: 'score', type: 'numeric' },
    ]);
    await settle(await ingest(target.id, [{ name: 'base', score: 1 }]));
    const source = await newDataset('source', [
      { name: 'who', type: 'text' },
      { name: 'points', type: 'text' },
      { name: 'note', type: 'text' },
    ]);
    await settle(
      await ingest(source.id, [
        { who: 'x', points: '10' },
        { who: 'y', points: 'lots' },
        { who: 'z', points: '3.5' },
      ]),
    );
    const mapping = [
      { source: 'who', target: 'name', expectedType: 'text' },
      { source: 'points', target: 'score', expectedType: 'numeric' },
    ];
    const url = `/v1/datasets/${target.id}/batches/append`;

    expectProblem(
      await api('POST', url, { sourceDatasetId: source.id, mapping }),
      400,
      'unmapped_source_column',
      { in: 'body', pointer: '/mapping' },
    );
    expectProblem(
      await api('POST', url, {
        sourceDatasetId: source.id,
        mapping: [...mapping.slice(0, 1), { source: 'pts', target: 'score', expectedType: 'numeric' }],
        ignore: ['note'],
      }),
      400,
      'unknown_column',
      { in: 'body', pointer: '/mapping/1/source' },
    );
    expectProblem(
      await api('POST', url, {
        sourceDatasetId: source.id,
        mapping: [mapping[0], { ...mapping[1], expectedType: 'text' }],
        ignore: ['note'],
      }),
      400,
      'column_type_mismatch',
      { in: 'body', pointer: '/mapping/1/expectedType' },
    );
    expectProblem(
      await api('POST', url, { sourceDatasetId: 'ds_nope', mapping, ignore: ['note'] }),
      404,
      'not_found',
      { in: 'body', pointer: '/sourceDatasetId' },
    );

    const check = await settle(
      (await api('POST', url, { sourceDatasetId: source.id, mapping, ignore: ['note'], validateOnly: true }))
        .body,
    );
    expect(check.result).toEqual({ validateOnly: true, rowsChecked: 3, errorCount: 1, wouldAppend: 2 });
    expect((await rowsOf(target.id)).length).toBe(1);

    const strict = await settle(
      (await api('POST', url, { sourceDatasetId: source.id, mapping, ignore: ['note'] })).body,
    );
    expect(strict).toMatchObject({ status: 'failed', error: { code: 'rows_invalid' } });
    expect((await api('GET', `/v1/datasets/${target.id}/batches`)).body.data).toHaveLength(1);

    const copy = await settle(
      (
        await api('POST', url, {
          sourceDatasetId: source.id,
          mapping,
          ignore: ['note'],
          onRowError: 'skip',
          newDataset: { name: 'combined' },
        })
      ).body,
    );
    expect(copy.status).toBe('succeeded');
    expect(copy.result).toMatchObject({ rowCount: 3, errorCount: 1 });
    expect((await rowsOf(copy.result.datasetId)).map((r) => [r.name, r.score])).toEqual([
      ['base', 1],
      ['x', 10],
      ['z', 3.5],
    ]);
    expect((await rowsOf(target.id)).length).toBe(1); // untouched

    const moved = await settle(
      (
        await api('POST', url, {
          sourceDatasetId: source.id,
          mapBy: 'id',
          mapping: [{ source: 'c1', target: 'c1', expectedType: 'text' }],
          ignore: ['c2', 'c3'],
          deleteSource: true,
        })
      ).body,
    );
    expect(moved.result).toMatchObject({ rowCount: 3, sourceDeleted: true });
    expect((await rowsOf(target.id)).map((r) => r.name)).toEqual(['base', 'x', 'y', 'z']);
    expectProblem(await api('GET', `/v1/datasets/${source.id}`), 404, 'not_found');
  });

  it('merges into a draft with abort, override and skip; commits and closes drafts', async () => {
    const columns = [
      { name: 'sku', type: 'text' },
      { name: 'qty', type: 'numeric' },
    ];
    const target = await newDataset('stock', columns, 'sku');
    await settle(
      await ingest(target.id, [
        { sku: 'a', qty: 1 },
        { sku: 'b', qty: 2 },
      ]),
    );
    const incoming = await newDataset('incoming', columns);
    await settle(
      await ingest(incoming.id, [
        { sku: 'b', qty: 20 },
        { sku: 'c', qty: 30 },
        { sku: 'c', qty: 31 },
      ]),
    );
    const merge = (strategy: string) =>
      api('POST', `/v1/datasets/${target.id}/merge`, { source: { datasetId: incoming.id }, strategy });

    const aborted = await settle((await merge('abort')).body);
    expect(aborted).toMatchObject({ status: 'failed', error: { code: 'merge_conflict' } });
    expect((await api('GET', `/v1/datasets/${target.id}/batches`)).body.data).toHaveLength(1); // no draft left

    const skip = await settle((await merge('skip')).body);
    expect(skip.result).toMatchObject({ rowCount: 2, conflicts: 1, duplicateKeysDropped: 1 });
    const draft = await api('GET', `/v1/batches/${skip.result.draftBatchId}`);
    expect(draft.body).toMatchObject({ state: 'draft', strategy: 'skip', source: { kind: 'merge' } });
    expect((await rowsOf(target.id)).length).toBe(2); // drafts are not visible
    const committed = await settle((await api('POST', `/v1/batches/${draft.body.id}/commit`)).body);
    expect(committed.result).toMatchObject({ rowsSkipped: 1, rowsReplaced: 0 });
    expect((await rowsOf(target.id, '?sort=sku')).map((r) => [r.sku, r.qty])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 30],
    ]);
    expectProblem(await api('POST', `/v1/batches/${draft.body.id}/commit`), 409, 'invalid_batch_state');

    const override = await settle((await merge('override')).body);
    const overrideId = override.result.draftBatchId;
    const replaced = await settle((await api('POST', `/v1/batches/${overrideId}/commit`)).body);
    expect(replaced.result).toMatchObject({ rowsReplaced: 2, rowsSkipped: 0 });
    expect((await rowsOf(target.id, '?sort=sku')).map((r) => [r.sku, r.qty])).toEqual([
      ['a', 1],
      ['b', 20],
      ['c', 30],
    ]);
    expect((await api('GET', `/v1/datasets/${target.id}`)).body.rowCount).toBe(3);

    const another = await settle((await merge('skip')).body);
    const closed = await settle((await api('POST', `/v1/batches/${another.result.draftBatchId}/close`)).body);
    expect(closed.status).toBe('succeeded');
    expectProblem(await api('GET', `/v1/batches/${another.result.draftBatchId}`), 404, 'not_found');
    expectProblem(await api('POST', `/v1/batches/${overrideId}/close`), 409, 'invalid_batch_state');
    expectProblem(
      await api('POST', `/v1/datasets/${target.id}/merge`, {
        source: { datasetId: incoming.id },
        strategy: 'merge-ish',
      }),
      400,
      'validation_failed',
      { in: 'body', pointer: '/strategy' },
    );
  });

  it('retries a failed merge after its conflict is gone', async () => {
    const columns = [
      { name: 'sku', type: 'text' },
      { name: 'qty', type: 'numeric' },
    ];
    const target = await newDataset('retry-stock', columns, 'sku');
    const first = await settle(await ingest(target.id, [{ sku: 'a', qty: 1 }]));
    const incoming = await newDataset('retry-incoming', columns);
    await settle(
      await ingest(incoming.id, [
        { sku: 'a', qty: 10 },
        { sku: 'z', qty: 26 },
      ]),
    );
    const failed = await settle(
      (
        await api('POST', `/v1/datasets/${target.id}/merge`, {
          source: { datasetId: incoming.id },
          strategy: 'abort',
          name: 'retried',
        })
      ).body,
    );
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'merge_conflict' } });
    expect((await api('GET', `/v1/datasets/${target.id}/batches?states=pending,draft`)).body.data).toEqual(
      [],
    );
    await settle((await api('DELETE', `/v1/batches/${first.result.batchId}`)).body);
    expect((await api('POST', `/v1/jobs/${failed.id}/retry`)).status).toBe(200);
    const retried = await settle(failed);
    expect(retried.status).toBe('succeeded');
    const draft = await api('GET', `/v1/batches/${retried.result.draftBatchId}`);
    expect(draft.body).toMatchObject({ name: 'retried', state: 'draft', rowCount: 2, strategy: 'abort' });
  });

  it('searches with and/or and every operator, and makes a dataset of the result', async () => {
    const ds = await newDataset('searchable', [
      { name: 'name', type: 'text' },
      { name: 'n', type: 'numeric' },
      { name: 'on', type: 'boolean' },
      { name: 'day', type: 'date' },
    ]);
    await settle(
      await ingest(ds.id, [
        { name: 'alpha', n: 1, on: true, day: '2024-01-01' },
        { name: 'beta', n: 2, on: false, day: '2024-06-01' },
        { name: 'gamma', n: 3, on: true, day: '2025-01-01' },
        { name: 'delta', n: null, on: null, day: null },
      ]),
    );
    const search = async (filters: unknown[], conjunction = 'and') => {
      const res = await api('POST', `/v1/datasets/${ds.id}/search`, { conjunction, filters });
      expect(res.status).toBe(202);
      const job = await settle(res.body);
      expect(job.status).toBe('succeeded');
      return job;
    };
    const names = async (filters: unknown[], conjunction = 'and') => {
      const job = await search(filters, conjunction);
      const rows = await rowsOf(ds.id);
      return rows.filter((r) => job.result.rowIds.includes(r._id)).map((r) => r.name);
    };
    expect(await names([{ key: 'n', operator: '=', value: 2 }])).toEqual(['beta']);
    expect(await names([{ key: 'n', operator: '!=', value: 2 }])).toEqual(['alpha', 'gamma', 'delta']);
    expect(await names([{ key: 'n', operator: '>', value: 1 }])).toEqual(['beta', 'gamma']);
    expect(await names([{ key: 'n', operator: '>=', value: 2 }])).toEqual(['beta', 'gamma']);
    expect(await names([{ key: 'n', operator: '<', value: 2 }])).toEqual(['alpha']);
    expect(await names([{ key: 'n', operator: '<=', value: 2 }])).toEqual(['alpha', 'beta']);
    expect(await names([{ key: 'name', operator: 'in', value: ['alpha', 'delta', 'zeta'] }])).toEqual([
      'alpha',
      'delta',
    ]);
    expect(await names([{ key: 'name', operator: 'like', value: '%TA' }])).toEqual(['beta', 'delta']);
    expect(
      await names([
        { key: 'on', operator: '=', value: true },
        { key: 'day', operator: '>=', value: '2024-12-31' },
      ]),
    ).toEqual(['gamma']);
    expect(
      await names(
        [
          { key: 'on', operator: '=', value: false },
          { key: 'day', operator: '<', value: '2024-03-01' },
        ],
        'or',
      ),
    ).toEqual(['alpha', 'beta']);

    const found = await search([{ key: 'n', operator: '>=', value: 2 }]);
    expect(found.result).toMatchObject({ count: 2, complete: true });
    const created = await api('POST', '/v1/datasets/from-search', {
      searchJobId: found.id,
      name: 'two and up',
    });
    expect(created.status).toBe(202);
    const made = await settle(created.body);
    expect(made.result.rowCount).toBe(2);
    expect((await rowsOf(made.result.datasetId)).map((r) => r.name)).toEqual(['beta', 'gamma']);

    expectProblem(
      await api('POST', `/v1/datasets/${ds.id}/search`, {
        filters: [{ key: 'n', operator: 'like', value: '1' }],
      }),
      400,
      'validation_failed',
      { in: 'body', pointer: '/filters/0/operator' },
    );
    expectProblem(
      await api('POST', `/v1/datasets/${ds.id}/search`, {
        filters: [{ key: 'zzz', operator: '=', value: 1 }],
      }),
      400,
      'unknown_column',
      { in: 'body', pointer: '/filters/0/key' },
    );
    expectProblem(
      await api('POST', `/v1/datasets/${ds.id}/search`, {
        filters: [{ key: 'n', operator: 'in', value: 3 }],
      }),
      400,
      'validation_failed',
      { in: 'body', pointer: '/filters/0/value' },
    );
    expectProblem(
      await api('POST', '/v1/datasets/from-search', { searchJobId: 'job_nope', name: 'x' }),
      404,
      'not_found',
      { in: 'body', pointer: '/searchJobId' },
    );
  });
});

describe.each(testDialects())('rows tables of an older layout on %s', (dialect) => {
  let server: TestServer;
  let token: string;
  afterAll(async () => server?.close());

  const api = (method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown) =>
    call(server.app, { method, url, token, body });
  const settle = async (res: { status: number; body: any }) => {
    expect(res.status).toBe(202);
    const job = await finishedJob(server.app, token, res.body.id);
    expect(job.status).toBe('succeeded');
    return job;
  };
  const rows = async (datasetId: string) => {
    const res = await api('GET', `/v1/datasets/${datasetId}/rows?limit=100`);
    expect(res.status).toBe(200);
    return res.body.data as any[];
  };

  it('migration 0010 moves rows that carry batch ids to batch keys, keeping row ids', async () => {
    server = await startTestServer(dialect);
    token = (await workspaceWithKey(server.app, server.adminToken, 'legacy-ws')).token;
    const project = await api('POST', '/v1/projects', { name: 'p' });
    const ds = (
      await api('POST', '/v1/datasets', {
        projectId: project.body.id,
        name: 'legacy',
        columns: [
          { name: 'city', type: 'text' },
          { name: 'pop', type: 'numeric' },
          { name: 'seen', type: 'boolean' },
        ],
        keyColumn: 'city',
      })
    ).body;
    const add = async (name: string, list: unknown[]) =>
      (await settle(await api('POST', `/v1/datasets/${ds.id}/batches`, { rows: list, name }))).result
        .batchId as string;
    const b1 = await add('b1', [
      { city: 'Paris', pop: 2, seen: true },
      { city: 'Rome', pop: 3, seen: false },
      { city: 'Oslo', pop: null, seen: null },
    ]);
    const b2 = await add('b2', [
      { city: 'Lima', pop: 9 },
      { city: 'Kyiv', pop: 3 },
    ]);
    const b3 = await add('b3', [{ city: 'Last', pop: 1 }]);
    await settle(await api('DELETE', `/v1/batches/${b3}`)); // the highest row id is gone
    await settle(await api('POST', `/v1/datasets/${ds.id}/batches/suspend`, { ids: [b2] }));
    const before = await rows(ds.id);
    expect(before.map((r) => r._batchId)).toEqual([b1, b1, b1]);

    // Back to the layout before 0010: `_batch` holds the batch id, batches and datasets have no keys.
    const db = server.store.db;
    const t = `rows_${(ds.id as string).slice(3)}`;
    await sql.raw(`drop index ${t}_batch_idx`).execute(db);
    await sql.raw(`alter table ${t} add column _batch_id text`).execute(db);
    await sql
      .raw(
        `update ${t} set _batch_id = b.id from batches b where b.row_key = ${t}._batch and b.dataset_id = '${ds.id}'`,
      )
      .execute(db);
    await sql.raw(`alter table ${t} drop column _batch`).execute(db);
    await sql.raw(`alter table ${t} rename column _batch_id to _batch`).execute(db);
    await sql.raw(`create index ${t}_batch_idx on ${t} (_batch)`).execute(db);
    await sql`drop index batches_dataset_row_key_unique`.execute(db);
    await sql`alter table batches drop column row_key`.execute(db);
    await sql`alter table datasets drop column batch_keys`.execute(db);
    // Later migrations go too (newest first), so that 0010 is again the next one to run.
    await undoMigrationsFrom0013(db, dialect);
    await sql`drop table audit_log`.execute(db);
    // 0012 (numeric ids) is undone as well: the rerun then numbers rows that existed before it.
    for (const table of ['workspaces', 'projects', 'datasets', 'batches', 'jobs']) {
      await sql.raw(`drop index ${table}_numeric_id_unique`).execute(db);
      if (dialect === 'sqlite') await sql.raw(`drop trigger ${table}_numeric_id`).execute(db);
      await sql.raw(`alter table ${table} drop column numeric_id`).execute(db);
    }
    if (dialect === 'sqlite') await sql`drop table numeric_id_counters`.execute(db);
    await sql`delete from batchyard_migrations where name >= '0010_rows_batch_keys'`.execute(db);
    // A row of no batch (a purge cut short): visible nowhere, not kept.
    await sql.raw(`insert into ${t} (_batch, c1) values ('bat_gone', 'Ghost')`).execute(db);

    expect((await server.store.migrate()).slice(0, 5)).toEqual([
      '0010_rows_batch_keys',
      '0011_audit_log',
      '0012_numeric_ids',
      '0013_draft_numbers',
      '0014_job_timeouts',
    ]);
    // Rows from before 0012 are numbered in creation order, and new ones continue after them.
    const numbered = (await api('GET', `/v1/datasets/${ds.id}/batches`)).body.data as {
      id: string;
      numericId: number;
    }[];
    expect(numbered.map((b) => [b.id, b.numericId])).toEqual([
      [b1, 1],
      [b2, 2],
    ]);
    const types = await sql<{
      n: number | string;
    }>`select count(*) as n from ${sql.table(t)} where c1 = 'Ghost'`.execute(db);
    expect(Number(types.rows[0]!.n)).toBe(0);

    expect(await rows(ds.id)).toEqual(before);
    await settle(await api('POST', `/v1/datasets/${ds.id}/batches/restore`, { ids: [b2] }));
    const restored = await rows(ds.id);
    expect(restored.map((r) => [r.city, r._batchId])).toEqual([
      ['Paris', b1],
      ['Rome', b1],
      ['Oslo', b1],
      ['Lima', b2],
      ['Kyiv', b2],
    ]);
    // Row ids are never reused: the new batch's come after the deleted batch's (and the ghost's).
    const b4 = await add('b4', [{ city: 'Bern', pop: 4 }]);
    const after = await rows(ds.id);
    expect(after.at(-1)).toMatchObject({ city: 'Bern', _batchId: b4 });
    expect(after.at(-1)._id).toBeGreaterThan(before.at(-1)._id + 3);
    // Keys are unique in the dataset and go on from the highest one.
    const keys = await sql<{
      id: string;
      row_key: number | string;
    }>`select id, row_key from batches where dataset_id = ${ds.id} order by id`.execute(db);
    expect(keys.rows.map((r) => [r.id, Number(r.row_key)])).toEqual([
      [b1, 1],
      [b2, 2],
      [b4, 3],
    ]);
    // Merges resolve conflicts by key, and deletes go by key.
    const search = await settle(
      await api('POST', `/v1/datasets/${ds.id}/search`, {
        filters: [{ key: 'pop', operator: '=', value: 3 }],
      }),
    );
    expect(search.result.count).toBe(2);
    await settle(await api('DELETE', `/v1/batches/${b1}`));
    expect((await rows(ds.id)).map((r) => r.city)).toEqual(['Lima', 'Kyiv', 'Bern']);
  });
});
