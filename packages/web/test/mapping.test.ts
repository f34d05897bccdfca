/**
 * Append and merge from a dataset's page, in Debian's Chromium against a real server: the mapping
 * editor catches unmapped columns and a wrong expected type before sending; a mapping with an
 * ignored column and a text column into a numeric one is dry-run first (the rows it would refuse,
 * with reasons, and nothing written), then appended for real with bad rows skipped (the batch, the
 * report and its download); a stale page's mapping shows the server's problem under the field its
 * pointer names; a merge of two picked batches with key conflicts becomes a draft that is then
 * committed, replacing the target's conflicting rows. Each step is checked through the SDK too.
 * Screenshots (mapping-*.png) are committed under packages/web/test/screenshots/ and rewritten
 * only with BATCHYARD_UPDATE_SCREENSHOTS=1.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Batchyard, Dataset } from '@batchyard/sdk';
import type { Locator, Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { dashboardSuite, SHOTS } from './browser.js';

describe('web dashboard: append with a column mapping, merge into a draft (Chromium)', () => {
  let page: Page;
  let sdk: Batchyard;
  let people: Dataset;
  let imports: Dataset;
  let stock: Dataset;
  let delivery: Dataset;
  const deliveryBatches: string[] = [];

  const batchOf = async (datasetId: string, rows: Record<string, unknown>[], name: string) =>
    (
      (await (await sdk.batches.create(datasetId, rows, { name })).wait()).result as {
        batchId: string;
      }
    ).batchId;

  const e2e = dashboardSuite({ workspace: 'web-mapping', testTimeout: 90_000 }, async (env) => {
    sdk = env.sdk;
    const { workspaceId } = env;
    const projectId = (await sdk.projects.create({ workspaceId, name: 'scores' })).id;
    people = await sdk.datasets.create({
      projectId,
      name: 'people',
      columns: [
        { name: 'name', type: 'text' },
        { name: 'score', type: 'numeric' },
      ],
    });
    await batchOf(people.id, [{ name: 'ann', score: 1 }], 'first');
    imports = await sdk.datasets.create({
      projectId,
      name: 'imports',
      columns: [
        { name: 'who', type: 'text' },
        { name: 'points', type: 'text' },
        { name: 'note', type: 'text' },
      ],
    });
    await batchOf(
      imports.id,
      [
        { who: 'bo', points: '10', note: 'x' },
        { who: 'cy', points: 'lots', note: 'y' },
        { who: 'di', points: '7.5', note: 'z' },
        { who: 'ed', points: 'n/a', note: '' },
        { who: 'fi', points: '3', note: 'w' },
      ],
      'week 49',
    );
    stock = await sdk.datasets.create({
      projectId,
      name: 'stock',
      columns: [
        { name: 'sku', type: 'text' },
        { name: 'qty', type: 'numeric' },
      ],
      keyColumn: 'sku',
    });
    await batchOf(
      stock.id,
      [
        { sku: 'a', qty: 1 },
        { sku: 'b', qty: 2 },
        { sku: 'c', qty: 3 },
      ],
      'count',
    );
    delivery = await sdk.datasets.create({
      projectId,
      name: 'delivery',
      columns: [
        { name: 'sku', type: 'text' },
        { name: 'qty', type: 'numeric' },
      ],
    });
    deliveryBatches.push(
      await batchOf(
        delivery.id,
        [
          { sku: 'a', qty: 5 },
          { sku: 'z', qty: 1 },
        ],
        'monday',
      ),
    );
    deliveryBatches.push(await batchOf(delivery.id, [{ sku: 'b', qty: 7 }], 'tuesday'));
    await batchOf(delivery.id, [{ sku: 'c', qty: 99 }], 'not this one');

    page = await env.open({ token: env.token, acceptDownloads: true, timeout: 15_000 });
  });
  /** A screenshot of one part of the page (the sticky header let go, so it covers nothing). */
  const shot = async (name: string, at: Locator) => {
    await page.waitForTimeout(250);
    await at.screenshot({
      path: join(SHOTS, `mapping-${name}.png`),
      style: '.topbar { position: static !important; }',
    });
  };
  const openDataset = async (dataset: Dataset) => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Datasets' }).click();
    await page.getByRole('link', { name: dataset.name, exact: true }).click();
    await page.getByRole('heading', { name: dataset.name, level: 1 }).waitFor();
  };
  const panel = (heading: string) =>
    page.locator('details.mapping-panel', { has: page.getByRole('heading', { name: heading }) });
  /** POSTs the page sends to a path ending so. */
  const posts = (suffix: string) => {
    const seen: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname.endsWith(suffix)) seen.push(r.postData() ?? '');
    });
    return seen;
  };

  e2e('dry-runs a mapping with an ignored column and a type mismatch, then appends for real', async () => {
    const sent = posts('/batches/append');
    await openDataset(people);
    const append = panel('Append from another dataset');
    await append.locator('summary').click();
    await append
      .getByRole('combobox', { name: /^Source dataset/ })
      .selectOption({ label: 'imports (5 rows)' });
    // No source column has a destination of the same name: nothing is mapped yet.
    for (const c of ['who', 'points', 'note'])
      expect(await append.getByLabel(`Destination of ${c}`).inputValue()).toBe('');
    await append.getByRole('button', { name: 'Dry run (validate only)', exact: true }).click();
    for (const c of imports.columns) {
      expect(await append.locator(`#map-${c.id}-dest-error`).textContent()).toBe(
        'Map this column to a destination, or ignore it.',
      );
    }
    expect(await append.getByLabel('Destination of who').getAttribute('aria-invalid')).toBe('true');
    await append.getByText('Nothing was sent: fix the fields marked above.').waitFor();
    await shot('unmapped', append);

    await append.getByLabel('Destination of who').selectOption({ label: 'name (text)' });
    await append.getByLabel('Destination of points').selectOption({ label: 'score (numeric)' });
    // A destination brings its type as the expected one; a wrong one is caught on the page.
    expect(await append.getByLabel('Expected type of points').inputValue()).toBe('numeric');
    await append.getByText('text → numeric: values that do not convert are refused').waitFor();
    await append.getByLabel('Expected type of points').selectOption('date');
    await append.getByLabel('Destination of note').selectOption({ label: 'ignore (leave out)' });
    expect(await append.getByLabel('Expected type of note').isDisabled()).toBe(true);
    await append.getByRole('button', { name: 'Dry run (validate only)', exact: true }).click();
    const points = imports.columns.find((c) => c.name === 'points')!;
    expect(await append.locator(`#map-${points.id}-type-error`).textContent()).toBe('"score" is numeric.');
    expect(await append.locator('.field-error', { hasText: 'Map this column' }).count()).toBe(0);
    expect(sent).toHaveLength(0);
    await append.getByLabel('Expected type of points').selectOption('numeric');
    expect(await append.locator('.cli-text').first().textContent()).toBe(
      `batchyard batches append ${people.id} --source ${imports.id} --map who:name:text --map points:score:numeric --ignore note --validate-only --wait`,
    );

    // The dry run: the job's report, nothing written.
    await append.getByRole('button', { name: 'Dry run (validate only)', exact: true }).click();
    const dry = append.locator('.mapping-result[aria-label="Dry run"]');
    await dry.getByText('Rows that would be refused').waitFor();
    expect(sent).toHaveLength(1);
    expect(JSON.parse(sent[0]!)).toEqual({
      sourceDatasetId: imports.id,
      mapBy: 'name',
      mapping: [
        { source: 'who', target: 'name', expectedType: 'text' },
        { source: 'points', target: 'score', expectedType: 'numeric' },
      ],
      ignore: ['note'],
      onRowError: 'fail',
      validateOnly: true,
    });
    expect(await dry.locator('dl').innerText()).toMatch(
      /Rows checked\s+5\s+Would be appended\s+3\s+Would be refused\s+2/,
    );
    const refusedRows = async (where: Locator) =>
      (await where.locator('tbody tr').allInnerTexts()).map((t) => t.split('\t').slice(1).join(' | '));
    // The report is read from the job's artifact after the job ended: wait for its rows.
    await expect.poll(async () => (await refusedRows(dry)).length).toBe(2);
    const dryRows = await refusedRows(dry);
    for (const line of dryRows) expect(line).toMatch(/^points \| .+/);
    expect(dryRows.join('\n')).toMatch(/lots/);
    expect((await sdk.batches.list(people.id)).data).toHaveLength(1);
    await append.getByText('choose “skip them” to append the others').waitFor();
    await shot('dry-run', dry);

    // For real, skipping the refused rows.
    await append.getByLabel('Bad rows').selectOption('skip');
    await append.getByLabel('Batch name').fill('from imports');
    expect(await dry.locator('.cli-text').textContent()).toBe(
      `batchyard batches append ${people.id} --source ${imports.id} --map who:name:text --map points:score:numeric --ignore note --on-row-error skip --name 'from imports' --wait`,
    );
    await dry.getByRole('button', { name: 'Append for real', exact: true }).click();
    const done = append.locator('.mapping-result[aria-label="Append"]');
    await done.getByText(/Created batch bat_\w+: 3 rows appended, 2 refused\./).waitFor();
    expect(JSON.parse(sent[1]!)).toMatchObject({ onRowError: 'skip', name: 'from imports' });
    expect(JSON.parse(sent[1]!)).not.toHaveProperty('validateOnly');
    await expect.poll(() => refusedRows(done)).toEqual(dryRows);
    // Once per dry run: no second append of the same rows from here.
    expect(await dry.getByRole('button', { name: 'Append for real', exact: true }).count()).toBe(0);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      done.getByRole('button', { name: 'Download the error report (errors.jsonl)' }).click(),
    ]);
    const lines = readFileSync(await download.path(), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as { column: string; reason: string });
    expect(lines.map((l) => l.column)).toEqual(['points', 'points']);

    const batches = (await sdk.batches.list(people.id, { sort: 'createdAt' })).data;
    expect(batches).toHaveLength(2);
    expect(batches[1]).toMatchObject({ name: 'from imports', state: 'active', rowCount: 3, errorCount: 2 });
    const rows = (await sdk.rows.list(people.id, { sort: 'name' })).data as Record<string, unknown>[];
    expect(rows.map((r) => [r.name, r.score])).toEqual([
      ['ann', 1],
      ['bo', 10],
      ['di', 7.5],
      ['fi', 3],
    ]);
    // The page's batch list shows it without a reload.
    await page.locator(`tr[data-batch-id="${batches[1]!.id}"]`).waitFor();
    await shot('appended', done);
  });

  e2e("shows the server's problem under the field its pointer names", async () => {
    // The page still holds people's columns as they were; meanwhile "score" becomes a text column.
    const score = people.columns.find((c) => c.name === 'score')!;
    await sdk.datasets.update(people.id, { renameColumns: [{ id: score.id, name: 'old score' }] });
    await sdk.datasets.update(people.id, { addColumns: [{ name: 'score', type: 'text' }] });
    const append = panel('Append from another dataset');
    const refused = page.waitForResponse(
      (r) => r.url().endsWith(`/v1/datasets/${people.id}/batches/append`) && r.request().method() === 'POST',
    );
    await append.getByRole('button', { name: 'Dry run (validate only)', exact: true }).click();
    expect((await refused).status()).toBe(400);
    const points = imports.columns.find((c) => c.name === 'points')!;
    // `/mapping/1/expectedType`: points is the second mapped column.
    expect(await append.locator(`#map-${points.id}-type-error`).textContent()).toBe(
      'target column "score" is text',
    );
    expect(await append.getByLabel('Expected type of points').getAttribute('aria-invalid')).toBe('true');
    await append.getByText(/The server refused: .*column_type_mismatch/).waitFor();
    await shot('server-problem', append);
    expect((await sdk.batches.list(people.id)).data).toHaveLength(2);
  });

  e2e("appends into a new dataset: a taken name shows the server's problem under it", async () => {
    await page.reload();
    await page.getByRole('heading', { name: people.name, level: 1 }).waitFor();
    const append = panel('Append from another dataset');
    await append.locator('summary').click();
    await append
      .getByRole('combobox', { name: /^Source dataset/ })
      .selectOption({ label: 'imports (5 rows)' });
    await append.getByLabel('Destination of who').selectOption({ label: 'name (text)' });
    await append.getByLabel('Destination of points').selectOption({ label: 'old score (numeric)' });
    await append.getByLabel('Destination of note').selectOption({ label: 'ignore (leave out)' });
    await append.getByLabel('Bad rows').selectOption('skip');
    await append.getByLabel(/into a new dataset/).check();
    // No name for the new dataset: caught on the page.
    await append.getByRole('button', { name: 'Dry run (validate only)', exact: true }).click();
    expect(await append.locator('#append-new-name-error').textContent()).toBe('Name the new dataset.');
    await append.getByLabel('New dataset name').fill('imports');
    await append.getByRole('button', { name: 'Dry run (validate only)', exact: true }).click();
    const dry = append.locator('.mapping-result[aria-label="Dry run"]');
    await dry.getByText('Rows that would be refused').waitFor();
    expect(await dry.locator('.cli-text').textContent()).toBe(
      `batchyard batches append ${people.id} --source ${imports.id} --map who:name:text --map 'points:old score:numeric' --ignore note --on-row-error skip --new-dataset imports --wait`,
    );
    const refused = page.waitForResponse(
      (r) => r.url().endsWith(`/v1/datasets/${people.id}/batches/append`) && r.request().method() === 'POST',
    );
    await dry.getByRole('button', { name: 'Append for real', exact: true }).click();
    expect((await refused).status()).toBe(409);
    expect(await append.locator('#append-new-name-error').textContent()).toBe(
      'already taken in this project',
    );
    expect(await append.getByLabel('New dataset name').getAttribute('aria-invalid')).toBe('true');
    await shot('new-dataset-name-taken', append.locator('form'));

    await append.getByLabel('New dataset name').fill('combined');
    await dry.getByRole('button', { name: 'Append for real', exact: true }).click();
    const done = append.locator('.mapping-result[aria-label="Append"]');
    await done
      .getByText(
        /in the new dataset ds_\w+: 7 rows \(people's active rows, then the appended ones\), 2 refused\./,
      )
      .waitFor();
    const combined = (await sdk.datasets.list({ projectId: people.projectId })).data.find(
      (d) => d.name === 'combined',
    )!;
    expect(combined.rowCount).toBe(7);
    expect((await sdk.datasets.get(people.id)).rowCount).toBe(4);
    await done.getByRole('link', { name: combined.id }).waitFor();

    // A phone's width: the page does not overflow sideways (the mapping table scrolls in its box).
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    expect(
      await page.evaluate(() => {
        const root = (
          globalThis as unknown as {
            document: { documentElement: { scrollWidth: number; clientWidth: number } };
          }
        ).document.documentElement;
        return root.scrollWidth - root.clientWidth;
      }),
    ).toBeLessThanOrEqual(0);
    await shot('phone', append.locator('table.mapping'));
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  e2e('merges two picked batches with key conflicts into a draft, then commits it', async () => {
    const sent = posts('/merge');
    await openDataset(stock);
    const merge = panel('Merge another dataset (squash-and-merge into a draft)');
    await merge.locator('summary').click();
    await merge
      .getByRole('combobox', { name: /^Source dataset/ })
      .selectOption({ label: 'delivery (4 rows)' });
    await merge.getByLabel(/^monday/).check();
    await merge.getByLabel(/^tuesday/).check();
    // No strategy: caught on the page.
    await merge.getByRole('button', { name: 'Merge into a draft', exact: true }).click();
    expect(await merge.locator('#merge-strategy-error').textContent()).toBe(
      'Choose what a key conflict does.',
    );
    expect(sent).toHaveLength(0);
    // abort: the keys the target already has fail the merge, and no draft is left.
    await merge.getByLabel('Key conflicts').selectOption('abort');
    await merge.getByRole('button', { name: 'Merge into a draft', exact: true }).click();
    const result = merge.locator('.mapping-result[aria-label="Merge"]');
    await result.getByText(/No draft was left\. Keys stock already has: (a b|b a)/).waitFor();
    await result.getByText('merge_conflict').waitFor();
    expect((await sdk.batches.list(stock.id, { states: ['draft', 'pending'] })).data).toHaveLength(0);
    await shot('merge-abort-conflict', result);
    await merge.getByLabel('Key conflicts').selectOption('override');
    await merge.getByLabel('Draft name').fill('deliveries');
    expect(await merge.locator('.cli-text').first().textContent()).toBe(
      `batchyard batches merge ${stock.id} --source ${delivery.id} --batch ${deliveryBatches[0]} --batch ${deliveryBatches[1]} --strategy override --name deliveries --wait`,
    );
    await merge.getByRole('button', { name: 'Merge into a draft', exact: true }).click();
    await result
      .getByText(
        /Draft #2 bat_\w+ is ready: 3 rows, 2 conflicting with stock's active rows \(commit replaces the target's rows\), 0 duplicate keys dropped\./,
      )
      .waitFor();
    expect(JSON.parse(sent[1]!)).toEqual({
      source: { datasetId: delivery.id, batchIds: deliveryBatches },
      strategy: 'override',
      name: 'deliveries',
    });
    const draft = (await sdk.batches.list(stock.id, { states: ['draft'] })).data[0]!;
    expect(draft).toMatchObject({ name: 'deliveries', rowCount: 3, state: 'draft' });
    // The draft shows in the batch list, and its rows are not read yet.
    await page.locator(`tr[data-batch-id="${draft.id}"]`).getByText('draft').waitFor();
    expect((await sdk.rows.list(stock.id)).data).toHaveLength(3);
    expect(await result.locator('.cli-text').allTextContents()).toEqual([
      `batchyard batches commit ${draft.id} --wait`,
      `batchyard batches close ${draft.id} --wait`,
    ]);
    await shot('merge-draft', merge);

    await result.getByRole('button', { name: 'Commit draft', exact: true }).click();
    const commit = merge.locator('.mapping-result[aria-label="Commit"]');
    await commit
      .getByText("The draft is active: 2 of the target's rows replaced, 0 of the draft's rows left out.")
      .waitFor();
    expect((await sdk.batches.get(draft.id)).state).toBe('active');
    const rows = (await sdk.rows.list(stock.id, { sort: 'sku' })).data as Record<string, unknown>[];
    expect(rows.map((r) => [r.sku, r.qty])).toEqual([
      ['a', 5],
      ['b', 7],
      ['c', 3],
      ['z', 1],
    ]);
    await page.locator(`tr[data-batch-id="${draft.id}"]`).getByText('active').waitFor();
    await shot('merge-committed', merge);
  });
});
