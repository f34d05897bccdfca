import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runPython } from '../support/seed-clients.js';
import { startTestServer, testDialects, type TestServer } from '../support/index.js';
import { api, compatTenant, seedClientSuite } from './support.js';

const SCRIPT = fileURLToPath(new URL('./python/mammoth.py', import.meta.url));

interface Numbered {
  id: string;
  numericId: number;
}
interface Dataset extends Numbered {
  columns: { id: string; name: string }[];
}

/** A dataset (sku text, qty numeric) with one batch per entry of `batches` (that many rows each). */
async function datasetWithBatches(
  server: TestServer,
  token: string,
  projectId: string,
  name: string,
  batches: number[],
): Promise<{ dataset: Dataset; batches: Numbered[] }> {
  const dataset = await api<Dataset>(server, token, 'POST', '/v1/datasets', {
    projectId,
    name,
    columns: [
      { name: 'sku', type: 'text' },
      { name: 'qty', type: 'numeric' },
    ],
  });
  for (const [b, count] of batches.entries()) {
    const rows = Array.from({ length: count }, (_, i) => ({ sku: `${name}-${b}-${i}`, qty: i + 1 }));
    const job = await api<{ id: string }>(server, token, 'POST', `/v1/datasets/${dataset.id}/batches`, {
      name: `${name} ${b}`,
      rows,
    });
    const done = await api<{ status: string }>(server, token, 'GET', `/v1/jobs/${job.id}?wait=30`);
    expect(done.status).toBe('succeeded');
  }
  const list = await api<{ data: Numbered[] }>(
    server,
    token,
    'GET',
    `/v1/datasets/${dataset.id}/batches?sort=createdAt`,
  );
  return { dataset, batches: list.data };
}

async function tenantTree(server: TestServer, name: string) {
  const tenant = await compatTenant(server, name);
  const workspace = await api<Numbered>(server, tenant.apiKey, 'GET', `/v1/workspaces/${tenant.workspaceId}`);
  const project = await api<Numbered>(server, tenant.apiKey, 'POST', '/v1/projects', {
    name: `${name} project`,
  });
  return { tenant, workspace, project };
}

seedClientSuite('mammoth_analytics against /compat/mammoth', (python) => {
  for (const dialect of testDialects()) {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer(dialect);
    });
    afterAll(() => server?.close());

    it(`works unmodified: list, get, create (append), update, remove, delete, jobs (${dialect})`, async () => {
      const mine = await tenantTree(server, `mammoth-${dialect}`);
      const theirs = await tenantTree(server, `mammoth-other-${dialect}`);
      const key = mine.tenant.apiKey;
      const target = await datasetWithBatches(server, key, mine.project.id, 'target', [1, 2, 3]);
      const source = await datasetWithBatches(server, key, mine.project.id, 'source', [2]);
      const source2 = await datasetWithBatches(server, key, mine.project.id, 'source2', [1]);
      const other = await datasetWithBatches(server, theirs.tenant.apiKey, theirs.project.id, 'theirs', [1]);
      const [b1, b2, b3] = target.batches.map((b) => b.numericId) as [number, number, number];
      const col = (d: Dataset, name: string) => d.columns.find((c) => c.name === name)!.id;

      const run = await runPython(python, SCRIPT, {
        MAMMOTH_URL: `${server.url}/compat/mammoth`,
        KEY: mine.tenant.clientId,
        SECRET: mine.tenant.clientSecret,
        WS: String(mine.workspace.numericId),
        P: String(mine.project.numericId),
        DS: String(target.dataset.numericId),
        SRC: String(source.dataset.numericId),
        SRC2: String(source2.dataset.numericId),
        BATCHES: [b1, b2, b3].join(','),
        OTHER: [theirs.workspace.numericId, theirs.project.numericId, other.dataset.numericId].join(','),
        SKU_IDS: [col(source.dataset, 'sku'), col(target.dataset, 'sku')].join(','),
        QTY_IDS: [col(source.dataset, 'qty'), col(target.dataset, 'qty')].join(','),
      });
      if (run.code !== 0) throw new Error(`python failed (${run.code}):\n${run.stderr}\n${run.stdout}`);
      const r = run.result as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

      // list: every batch, integer ids, the closed state vocabulary, '' as the last page's next
      expect(r.list.map((b: { id: number }) => b.id)).toEqual([b1, b2, b3]);
      expect(r.list[1]).toMatchObject({
        id: b2,
        name: 'target 1',
        state: 'active',
        row_count: 2,
        column_count: 2,
      });
      expect(r.list_next).toBe('');
      expect(r.page1.ids).toEqual([b3]);
      expect(r.page1.fields).toEqual(['id', 'name']);
      expect(r.page1.next).toContain('offset=1');
      expect(r.page2.ids).toEqual([b2]);
      expect(r.last_page).toEqual({ ids: [b1, b2, b3].slice(2), next: '' });
      expect(r.filtered).toEqual([b2]);
      expect(r.by_date_future).toEqual([]);
      expect(r.by_date_all).toEqual([b1, b2, b3]);
      expect(r.by_rows_desc).toEqual([b3, b2, b1]);
      expect(r.get).toMatchObject({ id: b1, state: 'active', row_count: 1, name: 'target 0' });
      expect(r.get_fields).toEqual({ id: b1, state: 'active' });

      // create by name appended the source's 2 rows; the job reads as Mammoth's JobSchema
      expect(r.create_by_name.job).toMatchObject({ status: 'success', id: r.create_by_name.response.job_id });
      expect(r.create_by_name.response).toMatchObject({ status_code: 200, failure_reason: null });
      expect(r.create_validate_only.job.status).toBe('success');
      expect(r.create_new_ds.job.status).toBe('success');
      expect(r.create_bad).toMatchObject({ status: 400, body: { status_code: 400 } });

      expect(r.suspend.response).toMatchObject({ status_code: 202, failure_reason: null });
      expect(r.suspend.job).toBe('success');
      expect(r.state_after_suspend).toBe('suspended');
      expect(r.restore.job).toBe('success');
      expect(r.state_after_restore).toBe('active');
      expect(r.remove).toMatchObject({ job: 'success', response: { status_code: 202 } });
      expect(r.delete).toMatchObject({ job: 'success', response: { status_code: 202 } });
      expect(r.get_deleted.status).toBe(404);

      // What is left, seen natively: only the appended batch (validate_only appended nothing)
      const left = await api<{ data: (Numbered & { rowCount: number; source: { kind: string } })[] }>(
        server,
        key,
        'GET',
        `/v1/datasets/${target.dataset.id}/batches`,
      );
      expect(left.data.map((b) => [b.numericId, b.rowCount, b.source.kind])).toEqual([
        [r.after_delete[0], 2, 'dataset'],
      ]);
      expect(r.after_delete).toHaveLength(1);
      // new_ds_details + delete_source_ds: a new dataset with the target's rows and source2's, source2 gone
      const datasets = await api<{ data: (Numbered & { name: string; rowCount: number })[] }>(
        server,
        key,
        'GET',
        `/v1/datasets?projectId=${mine.project.id}`,
      );
      const moved = datasets.data.find((d) => d.name === 'moved here');
      // the target then held 1 + 2 + 3 rows and the 2 appended by name; source2 adds 1
      expect(moved?.rowCount).toBe(1 + 2 + 3 + 2 + 1);
      expect(datasets.data.some((d) => d.id === source2.dataset.id)).toBe(false);

      // refusals: another workspace's numbers and parents are not found, a wrong secret is a 401
      expect(r.other_workspace.status).toBe(404);
      expect(r.other_dataset_in_my_path.status).toBe(404);
      expect(r.unknown_job.status).toBe(404);
      expect(r.bad_secret.status).toBe(401);
      // and the other workspace's batch is untouched
      const theirBatches = await api<{ data: unknown[] }>(
        server,
        theirs.tenant.apiKey,
        'GET',
        `/v1/datasets/${other.dataset.id}/batches`,
      );
      expect(theirBatches.data).toHaveLength(1);
    }, 240_000);
  }
});
