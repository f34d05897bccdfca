import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDialects, type TestServer } from '../support/index.js';
import { runPython } from '../support/seed-clients.js';
import { api, compatTenant, seedClientSuite, type CompatTenant } from './support.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const script = resolve(import.meta.dirname, 'python/albert.py');
const tas = (taskId: string) => `TAS${taskId.slice('tsk_'.length).toUpperCase()}`;

/** A batch in a fresh dataset of the tenant, and `count` tasks in it (native API). */
async function tasks(server: TestServer, token: string, count: number): Promise<string[]> {
  const project = await api(server, token, 'POST', '/v1/projects', { name: 'albert' });
  const dataset = await api(server, token, 'POST', '/v1/datasets', {
    projectId: project.id,
    name: 'albert',
    columns: [{ name: 'v', type: 'numeric' }],
  });
  let job = await api(server, token, 'POST', `/v1/datasets/${dataset.id}/batches`, { rows: [] });
  while (!['succeeded', 'failed', 'aborted'].includes(job.status))
    job = await api(server, token, 'GET', `/v1/jobs/${job.id}?wait=5`);
  expect(job.status).toBe('succeeded');
  const made = await api(server, token, 'POST', `/v1/batches/${job.result.batchId}/tasks`, {
    tasks: Array.from({ length: count }, (_, i) => ({ name: `task ${i + 1}` })),
  });
  return made.results.map((r: { id: string }) => r.id);
}

seedClientSuite('the Albert client (albert 1.47.2)', (python) => {
  describe.each(testDialects())('on %s', (dialect) => {
    let server: TestServer;
    let tenant: CompatTenant;
    let newTask: string;
    let rowsTask: string;
    let otherTask: string;
    let otherKey: string;
    let run: Awaited<ReturnType<typeof runPython>>;
    let out: any;

    beforeAll(async () => {
      server = await startTestServer(dialect);
      tenant = await compatTenant(server, 'albert');
      const other = await compatTenant(server, 'albert-other');
      otherKey = other.apiKey;
      [newTask, rowsTask] = (await tasks(server, tenant.apiKey, 2)) as [string, string];
      [otherTask] = (await tasks(server, other.apiKey, 1)) as [string];
      // The rows Albert reads come from the native API (upstream they come from the formulation).
      await api(server, tenant.apiKey, 'POST', `/v1/tasks/${rowsTask}/sheet`, {
        columns: [
          {
            id: 'COL1',
            name: 'Product 1',
            lots: [
              { id: 'LOT1', name: 'Lot one' },
              { id: 'LOT2', name: 'Lot two' },
            ],
          },
        ],
        rows: [1, 2, 3, 4, 5].map((i) => ({ id: `ROW${i}`, name: `Material ${i}`, values: { COL1: i } })),
      });
      await api(server, other.apiKey, 'POST', `/v1/tasks/${otherTask}/sheet`, {
        columns: [{ id: 'COL1', name: 'Theirs', lots: [{ id: 'LOT1', name: 'Their lot' }] }],
        rows: [{ id: 'ROW1', name: 'Theirs', values: { COL1: 42 } }],
      });
      run = await runPython(python, script, {
        ALBERT_BASE_URL: server.url,
        ALBERT_API_KEY: tenant.apiKey,
        ALBERT_CLIENT_ID: tenant.clientId,
        ALBERT_CLIENT_SECRET: tenant.clientSecret,
        NEW_TASK: tas(newTask),
        ROWS_TASK: tas(rowsTask),
        OTHER_TASK: tas(otherTask),
        MISSING_TASK: 'TAS01ARZ3NDEKTSV4RRFFQ69G5FAV',
      });
      if (run.code !== 0) console.error(run.stderr);
      out = run.result;
    }, 240_000);
    afterAll(async () => server?.close());

    it('runs the client to the end', () => {
      expect(run.code, run.stderr).toBe(0);
    });

    it('create_batch_data (client credentials) makes the sheet with a Product column', async () => {
      expect(out.created).toEqual({
        id: tas(newTask),
        size: 0,
        product: [{ id: 'COL1', colId: 'COL1', name: 'Product 1' }],
        rows: 0,
      });
      const sheet = await api(server, tenant.apiKey, 'GET', `/v1/tasks/${newTask}/sheet`);
      expect(sheet.columns).toEqual([{ id: 'COL1', name: 'Product 1', lots: [] }]);
      expect(out.fetched_new).toBe(tas(newTask));
    });

    it('a second create_batch_data is a BadRequestError saying "already exist"', () => {
      expect(out.second_create).toMatchObject({ type: 'BadRequestError', status: 400 });
      expect(out.second_create.message).toContain('already exist');
      expect(out.second_create.message).toContain(tas(newTask));
    });

    it('get_by_id pages with lastKey → startKey, in both orders', () => {
      const pages = out.pages_asc as { size: number; lastKey: string | null; rows: string[] }[];
      expect(pages.map((p) => p.rows)).toEqual([['ROW1', 'ROW2'], ['ROW3', 'ROW4'], ['ROW5']]);
      expect(pages.map((p) => p.size)).toEqual([5, 5, 5]);
      expect(pages[0]!.lastKey).toEqual(expect.any(String));
      expect(pages[2]!.lastKey).toBeNull();
      expect(out.desc_first).toEqual(['ROW5', 'ROW4', 'ROW3']);
    });

    it('update_used_batch_amounts adds a lot as a child row, updates and deletes it', async () => {
      expect(out.after_add).toEqual({
        rowId: 'ROW1',
        name: 'Material 1',
        values: [{ colId: 'COL1', value: '1', type: 'INV' }],
        children: [{ id: 'LOT1', values: [{ colId: 'COL1', value: '10', type: 'INV' }] }],
      });
      expect(out.after_update.children).toEqual([
        { id: 'LOT1', values: [{ colId: 'COL1', value: '12.5', type: 'INV' }] },
      ]);
      expect(out.after_delete.ROW1).toMatchObject({ values: [{ colId: 'COL1', value: '1' }], children: [] });
      expect(out.after_delete.ROW2).toMatchObject({
        values: [{ colId: 'COL1', value: '7.25' }],
        children: [],
      });
      const sheet = await api(server, tenant.apiKey, 'GET', `/v1/tasks/${rowsTask}/sheet?limit=2`);
      expect(sheet.rows.map((r: any) => r.values)).toEqual([
        { COL1: { value: 1, lots: {} } },
        { COL1: { value: 7.25, lots: {} } },
      ]);
    });

    it('a stale oldValue is refused and nothing in the list is applied', () => {
      expect(out.stale).toMatchObject({ type: 'AlbertClientError', status: 409 });
      expect(out.stale.message).toContain('is 12.5, not 10');
      expect(out.after_stale.ROW1.children).toEqual([
        { id: 'LOT1', values: [{ colId: 'COL1', value: '12.5', type: 'INV' }] },
      ]);
      expect(out.after_stale.ROW2.children).toEqual([]);
    });

    it('a value that is not a number is a BadRequestError naming it, and changes nothing', () => {
      expect(out.not_a_number).toMatchObject({ type: 'BadRequestError', status: 400 });
      expect(out.not_a_number.message).toContain('"ten" is not a finite decimal number');
      expect(out.after_not_a_number.children).toEqual([]);
    });

    it("another workspace's task, and an unknown one, are NotFoundError; theirs is unchanged", async () => {
      for (const key of ['other_get', 'other_create', 'other_patch', 'missing_get'])
        expect(out[key], key).toMatchObject({ type: 'NotFoundError', status: 404 });
      const theirs = await api(server, otherKey, 'GET', `/v1/tasks/${otherTask}/sheet`);
      expect(theirs.rows).toEqual([
        expect.objectContaining({ id: 'ROW1', values: { COL1: { value: 42, lots: {} } } }),
      ]);
    });
  });
});
