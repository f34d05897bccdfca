import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { assertBuilt, cliWith, json, type CliResult } from './helpers.js';

interface Job {
  id: string;
  type: string;
  status: string;
  result: Record<string, unknown> | null;
  error: { code: string; message: string; details?: unknown } | null;
}
interface Batch {
  id: string;
  name: string;
  state: string;
  rowCount: number;
}
interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

function expectExit(result: CliResult, code: number): void {
  expect(result.code, `exit ${result.code}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`).toBe(code);
}

describe.each(testDialects())('batchyard datasets, batches, rows and search on %s', (dialect) => {
  let server: TestServer;
  let cli: ReturnType<typeof cliWith>;
  let dir: string;
  let projectId: string;

  /** Runs a command with --json, expecting exit 0, and parses stdout. */
  const ok = async <T = Record<string, unknown>>(args: string[]): Promise<T> => {
    const result = await cli([...args, '--json']);
    expectExit(result, 0);
    return json<T>(result);
  };

  const newDataset = async (name: string, columns: string[], key?: string) =>
    ok<{ id: string; columns: { id: string; name: string }[] }>([
      'datasets',
      'create',
      '--project',
      projectId,
      '--name',
      name,
      ...columns.flatMap((c) => ['--column', c]),
      ...(key ? ['--key', key] : []),
    ]);

  beforeAll(async () => {
    assertBuilt();
    server = await startTestServer(dialect);
    dir = mkdtempSync(join(tmpdir(), 'batchyard-cli-data-'));
    const admin = cliWith({ BATCHYARD_URL: server.url, BATCHYARD_TOKEN: server.adminToken });
    const workspace = await admin(['workspaces', 'create', `data-${dialect}`, '--json']);
    expectExit(workspace, 0);
    const workspaceId = json<{ id: string }>(workspace).id;
    const key = await admin([
      'keys',
      'create',
      'data',
      '--role',
      'editor',
      '--workspace',
      workspaceId,
      '--json',
    ]);
    expectExit(key, 0);
    cli = cliWith({ BATCHYARD_URL: server.url, BATCHYARD_TOKEN: json<{ token: string }>(key).token });
    projectId = (await ok<{ id: string }>(['projects', 'create', 'p'])).id;
  });
  afterAll(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('creates a dataset, uploads a CSV file with progress and lists rows with a filter', async () => {
    const created = await cli([
      'datasets',
      'create',
      '--project',
      projectId,
      '--name',
      'cities',
      '--column',
      'city:text',
      '--column',
      'pop:numeric',
      '--key',
      'city',
    ]);
    expectExit(created, 0);
    expect(created.stdout).toMatch(/^Columns:\s+c1 city \(text\)$/m);
    const id = /^ID:\s+(\S+)$/m.exec(created.stdout)?.[1] ?? '';
    expect(id).toMatch(/^ds_/);

    const path = join(dir, 'cities.csv');
    const lines = Array.from({ length: 5000 }, (_, i) => `"City ${i}, somewhere",${i}`);
    writeFileSync(path, `city,pop\n${lines.join('\n')}\n`);
    const upload = await cli(['batches', 'upload', id, path, '--name', 'census', '--wait']);
    expectExit(upload, 0);
    expect(upload.stdout).toMatch(/^Status:\s+succeeded$/m);
    expect(upload.stdout).toMatch(/^Rows:\s+5000$/m);
    expect(upload.stdout).toMatch(/^Row errors:\s+0$/m);
    expect(upload.stderr).toMatch(/uploaded cities\.csv: \d/);

    const asJson = await ok<Job>([
      'batches',
      'upload',
      id,
      path,
      '--name',
      'again',
      '--on-row-error',
      'skip',
    ]);
    expect(asJson).toMatchObject({ type: 'batch.ingest', status: 'succeeded', result: { rowCount: 5000 } });

    const rows = await cli([
      'rows',
      'list',
      id,
      '--filter',
      'pop:gte:4998',
      '--filter',
      'city:like:%,%',
      '--sort',
      'pop:desc',
    ]);
    expectExit(rows, 0);
    expect(rows.stdout.split('\n')[0]).toMatch(/^ROW\s+BATCH\s+city\s+pop$/);
    expect(rows.stdout).toContain('City 4999, somewhere');
    const filtered = await ok<Page<{ city: string; pop: number }>>([
      'rows',
      'list',
      id,
      '--filter',
      'city:in:["City 7, somewhere","nowhere"]',
      '--columns',
      'pop',
    ]);
    expect(filtered.data).toEqual([
      { _id: expect.any(Number), _batchId: expect.any(String), pop: 7 },
      { _id: expect.any(Number), _batchId: expect.any(String), pop: 7 },
    ]);
    const all = await ok<Page<unknown>>([
      'rows',
      'list',
      id,
      '--filter',
      'pop:lt:30',
      '--limit',
      '7',
      '--all',
    ]);
    expect(all.data).toHaveLength(60);
    expect(all.nextCursor).toBeNull();

    const unknown = await cli(['rows', 'list', id, '--filter', 'town:eq:x']);
    expectExit(unknown, 3);
    expect(unknown.stderr).toMatch(/unknown_column/);

    const list = await ok<Page<Batch>>([
      'batches',
      'list',
      id,
      '--states',
      'active',
      '--min-rows',
      '1000',
      '--sort',
      'name',
    ]);
    expect(list.data.map((b) => b.name)).toEqual(['again', 'census']);
    const table = await cli(['datasets', 'list', '--project', projectId]);
    expectExit(table, 0);
    expect(table.stdout).toMatch(/cities\s+prj_\S+\s+city \(text\), pop \(numeric\)\s+10000\s+2\s/);

    // A dataset with batches: the CLI names its own flag, not the API's query parameter.
    const refused = await cli(['datasets', 'delete', id]);
    expectExit(refused, 3);
    expect(refused.stderr).toMatch(/--force/);
    expect(refused.stderr).not.toMatch(/force=true/);
  });

  it('fails an upload with bad rows with the job-failed exit code and prints the first row errors', async () => {
    const ds = await newDataset('strict', ['n:numeric', 'day:date']);
    const path = join(dir, 'bad.jsonl');
    writeFileSync(
      path,
      ['{"n":1,"day":"2024-01-01"}', '{"n":"many"}', '{"n":3,"day":"2024-02-30"}'].join('\n'),
    );
    const failed = await cli(['batches', 'upload', ds.id, path]);
    expectExit(failed, 6);
    expect(failed.stdout).toMatch(/^Status:\s+failed$/m);
    expect(failed.stderr).toMatch(/^Row errors \(first 2 of 2\):$/m);
    expect(failed.stderr).toMatch(/^ {2}row 2, column n: .*many/m);
    expect(failed.stderr).toMatch(/^ {2}row 3, column day: /m);
    expect(failed.stderr).toMatch(/^error: job \S+ failed: .*\(rows_invalid\)$/m);

    const asJson = await cli(['batches', 'upload', ds.id, path, '--json']);
    expectExit(asJson, 6);
    expect(json<Job>(asJson)).toMatchObject({ status: 'failed', error: { code: 'rows_invalid' } });
    expect(JSON.parse(asJson.stderr)).toMatchObject({ code: 'job_failed' });

    const skipped = await cli(['batches', 'upload', ds.id, path, '--on-row-error', 'skip']);
    expectExit(skipped, 0);
    expect(skipped.stdout).toMatch(/^Rows:\s+1$/m);
    expect(skipped.stderr).toMatch(/^ {2}row 2, column n: /m);

    const unknownFormat = await cli(['batches', 'upload', ds.id, join(dir, 'rows.txt')]);
    expectExit(unknownFormat, 3);
    expect(unknownFormat.stderr).toMatch(/extension/);
  });

  it('suspends and restores batches with --wait, removes them, and appends with --validate-only', async () => {
    const ds = await newDataset('states', ['v:numeric', 'label:text']);
    const path = join(dir, 'v.json');
    writeFileSync(
      path,
      JSON.stringify([
        { v: 1, label: 'one' },
        { v: 2, label: 'two' },
      ]),
    );
    const batchId = String((await ok<Job>(['batches', 'upload', ds.id, path])).result?.batchId);

    const suspended = await cli(['batches', 'suspend', ds.id, batchId, '--wait', '--json']);
    expectExit(suspended, 0);
    expect(json<Job>(suspended)).toMatchObject({ status: 'succeeded', result: { suspended: [batchId] } });
    expect((await ok<Page<unknown>>(['rows', 'list', ds.id])).data).toEqual([]);
    expect((await ok<Batch>(['batches', 'get', batchId])).state).toBe('suspended');
    const again = await cli(['batches', 'suspend', ds.id, batchId]);
    expectExit(again, 3);
    expect(again.stderr).toMatch(/invalid_batch_state/);

    const restored = await cli(['batches', 'restore', ds.id, batchId, '--wait']);
    expectExit(restored, 0);
    expect(restored.stdout).toMatch(/^Status:\s+succeeded$/m);
    expect((await ok<Page<unknown>>(['rows', 'list', ds.id])).data).toHaveLength(2);

    const source = await newDataset('source', ['amount:text', 'note:text', 'name:text']);
    writeFileSync(join(dir, 'src.csv'), 'amount,note,name\n3,x,three\nlots,y,many\n');
    await ok(['batches', 'upload', source.id, join(dir, 'src.csv')]);
    const check = await cli([
      'batches',
      'append',
      ds.id,
      '--source',
      source.id,
      '--map',
      'amount:v:numeric',
      '--map',
      'name:label:text',
      '--ignore',
      'note',
      '--validate-only',
      '--wait',
      '--json',
    ]);
    expectExit(check, 0);
    expect(json<Job>(check).result).toEqual({
      validateOnly: true,
      rowsChecked: 2,
      errorCount: 1,
      wouldAppend: 1,
    });
    expect((await ok<Page<unknown>>(['rows', 'list', ds.id])).data).toHaveLength(2);

    const unmapped = await cli([
      'batches',
      'append',
      ds.id,
      '--source',
      source.id,
      '--map',
      'amount:v:numeric',
    ]);
    expectExit(unmapped, 3);
    expect(unmapped.stderr).toMatch(/unmapped_source_column/);
    const badMap = await cli(['batches', 'append', ds.id, '--source', source.id, '--map', 'amount:v']);
    expectExit(badMap, 2);

    // Without --wait: the started job and how to follow it.
    const started = await cli(['batches', 'remove', ds.id, batchId]);
    expectExit(started, 0);
    expect(started.stdout).toMatch(/^Type:\s+batch\.delete/m);
    expect(started.stderr).toMatch(/batchyard jobs wait job_/);
  });

  it('merges into a draft and commits it; searches and makes a dataset of the result', async () => {
    const target = await newDataset('stock', ['sku:text', 'qty:numeric'], 'sku');
    const incoming = await newDataset('incoming', ['sku:text', 'qty:numeric']);
    writeFileSync(join(dir, 'stock.jsonl'), '{"sku":"a","qty":1}\n{"sku":"b","qty":2}\n');
    writeFileSync(join(dir, 'incoming.jsonl'), '{"sku":"b","qty":20}\n{"sku":"c","qty":3}\n');
    await ok(['batches', 'upload', target.id, join(dir, 'stock.jsonl')]);
    await ok(['batches', 'upload', incoming.id, join(dir, 'incoming.jsonl')]);

    const merged = await ok<Job>([
      'batches',
      'merge',
      target.id,
      '--source',
      incoming.id,
      '--strategy',
      'override',
      '--wait',
    ]);
    const draft = String(merged.result?.draftBatchId);
    expect((await ok<Batch>(['batches', 'get', draft])).state).toBe('draft');
    const committed = await ok<Job>(['batches', 'commit', draft, '--wait']);
    expect(committed.result).toMatchObject({ rowsReplaced: 1 });
    const stock = await ok<Page<{ sku: string; qty: number }>>(['rows', 'list', target.id, '--sort', 'sku']);
    expect(stock.data.map((r) => [r.sku, r.qty])).toEqual([
      ['a', 1],
      ['b', 20],
      ['c', 3],
    ]);

    const search = await ok<Job>([
      'search',
      'run',
      target.id,
      '--filter',
      'qty:gte:10',
      '--filter',
      'sku:in:["a"]',
      '--or',
      '--wait',
    ]);
    expect(search.result).toMatchObject({ count: 2, complete: true });
    const made = await ok<Job>(['search', 'create-dataset', search.id, '--name', 'found', '--wait']);
    expect(made.result).toMatchObject({ rowCount: 2 });
    const rows = await ok<Page<{ sku: string }>>(['rows', 'list', String(made.result?.datasetId)]);
    expect(rows.data.map((r) => r.sku)).toEqual(['a', 'b']);

    const badOperator = await cli(['search', 'run', target.id, '--filter', 'qty:about:3']);
    expectExit(badOperator, 2);
  });
});
