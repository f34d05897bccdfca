/**
 * The dashboard's create pages (issue 19, first slice) in Debian's Chromium against the real server
 * (SQLite file) serving packages/web/dist, signed in with a workspace admin's key: a project with a
 * task schema checked as it is typed (and the server's name_taken shown next to the name), edited;
 * a dataset with typed columns and a key column (bad columns caught before sending); a 100,000-row
 * CSV with bad rows uploaded from the page, with the bytes bar, the counts, the per-row report and
 * its download; API keys created (the secret shown once and copied) and revoked. Each page's
 * controls are checked for a label, and focus for a visible outline. Screenshots (create-*.png) are
 * committed under packages/web/test/screenshots/ and rewritten only with BATCHYARD_UPDATE_SCREENSHOTS=1.
 */
import { readFileSync } from 'node:fs';
import { APIError, Batchyard } from '@batchyard/sdk';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import type { TestServer } from '../../../test/support/index.js';
import { dashboardSuite, followNavLink, screenshotFromTop } from './browser.js';

const ROWS = 100_000;
/** Rows (1-based, after the header) whose qty is not a number, and one whose day is not a date. */
const BAD_QTY = [7, 9_999, 25_000, 50_001, 77_777, 99_998];
const BAD_DAY = 42_424;

function bigCsv(): string {
  const lines = ['sku,qty,day'];
  for (let row = 1; row <= ROWS; row++) {
    const qty = BAD_QTY.includes(row) ? 'many' : String(row % 97);
    const day = row === BAD_DAY ? 'someday' : `2026-${String((row % 12) + 1).padStart(2, '0')}-15`;
    lines.push(`sku-${row},${qty},${day}`);
  }
  return lines.join('\n') + '\n';
}

describe('web dashboard: create pages (Chromium)', () => {
  let server: TestServer;
  let page: Page;
  let sdk: Batchyard;
  let workspaceId: string;
  let adaId: string;

  const e2e = dashboardSuite({ workspace: 'web-create', testTimeout: 60_000 }, async (env) => {
    ({ server, sdk, workspaceId } = env);
    adaId = (await sdk.members.create({ name: 'Ada', email: 'ada@example.org', role: 'annotator' })).id;
    page = await env.open({ token: env.token, acceptDownloads: true, clipboard: true, timeout: 15_000 });
  });

  const go = async (link: string) => {
    await followNavLink(page, link);
    await page.getByRole('heading', { name: link, level: 1 }).waitFor();
  };
  const shot = (name: string) => screenshotFromTop(page, `create-${name}`);
  const cli = (label: string) => page.getByRole('group', { name: `CLI: ${label}` }).locator('code');
  /** Form controls in <main> without an accessible name (by label, aria-label or aria-labelledby). */
  const unlabelled = () =>
    page.evaluate(() => {
      const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<unknown> } })
        .document;
      const found: string[] = [];
      for (const node of Array.from(
        doc.querySelectorAll('main input, main select, main textarea, main button'),
      )) {
        const el = node as {
          tagName: string;
          id: string;
          labels?: ArrayLike<unknown> | null;
          textContent: string | null;
          getAttribute(name: string): string | null;
        };
        const named =
          (el.labels?.length ?? 0) > 0 ||
          !!el.getAttribute('aria-label') ||
          !!el.getAttribute('aria-labelledby') ||
          (el.tagName === 'BUTTON' && (el.textContent ?? '').trim() !== '');
        if (!named) found.push(`${el.tagName.toLowerCase()}#${el.id}`);
      }
      return found;
    });
  /** The focused element's outline after a Tab (the :focus-visible ring). */
  const focusRing = async (selector: string) => {
    await page.locator(selector).focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    return page.evaluate(() => {
      const g = globalThis as unknown as {
        document: { activeElement: unknown };
        getComputedStyle(el: unknown): { outlineStyle: string; outlineWidth: string };
      };
      const style = g.getComputedStyle(g.document.activeElement);
      return `${style.outlineStyle} ${style.outlineWidth}`;
    });
  };

  e2e('creates a project with a task schema checked as it is typed, and edits it', async () => {
    await go('Projects');
    await page.getByText('This workspace has no projects yet.').waitFor();
    await page.getByRole('link', { name: 'New project' }).click();
    await page.getByRole('heading', { name: 'New project' }).waitFor();
    expect(await unlabelled()).toEqual([]);
    expect(await focusRing('#project-description')).toBe('solid 3px');

    const name = page.getByLabel('Name', { exact: true });
    const schema = page.getByLabel('Task schema (JSON Schema; empty for none)');
    const create = page.getByRole('button', { name: 'Create project' });
    await name.fill('boxes');
    await page.getByLabel('Description (optional)').fill('Bounding boxes, week 49');

    await page.getByRole('button', { name: 'Start from an example schema' }).click();
    await page.getByText('Valid JSON Schema: task data will be checked against it.').waitFor();
    expect(JSON.parse(await schema.inputValue())).toMatchObject({ type: 'object', required: ['label'] });

    // Not JSON yet: said at once, and nothing can be sent.
    await schema.fill('{"type": "object", "properties": {');
    await expect.poll(() => page.locator('#project-schema-error').textContent()).toMatch(/not JSON/);
    expect(await schema.getAttribute('aria-invalid')).toBe('true');
    expect(await create.isDisabled()).toBe(true);
    // JSON, but not a JSON Schema: Ajv's meta-schema names the bad keyword's pointer.
    await schema.fill('{"type": "obj", "required": "label"}');
    await expect.poll(() => page.locator('#project-schema-error').textContent()).toContain('/type:');
    expect(await page.locator('#project-schema-error').textContent()).toContain('/required:');
    expect(await create.isDisabled()).toBe(true);
    await shot('project-schema-invalid');

    const taskSchema = {
      type: 'object',
      properties: { label: { type: 'string', enum: ['cat', 'dog'] } },
      required: ['label'],
    };
    await schema.fill(JSON.stringify(taskSchema, null, 2));
    await page.getByText('Valid JSON Schema: task data will be checked against it.').waitFor();
    expect(await page.locator('#project-schema-error').count()).toBe(0);
    expect(await cli('create this project').textContent()).toBe(
      `batchyard projects create boxes --workspace ${workspaceId} --description 'Bounding boxes, week 49' --task-schema task-schema.json`,
    );
    await create.click();
    await page.getByText(/Created project boxes \(prj_\w+\) — now the current project/).waitFor();
    const [project] = (await sdk.projects.list({ workspaceId })).data;
    expect(project).toMatchObject({ name: 'boxes', description: 'Bounding boxes, week 49', taskSchema });
    // The header's project picker knows it, and it is the current one.
    await expect.poll(() => page.locator('header .scope select').nth(1).inputValue()).toBe(project!.id);
    // The server checks task data with it.
    const dataset = await sdk.datasets.create({
      projectId: project!.id,
      name: 'scratch',
      columns: [{ name: 'file', type: 'text' }],
    });
    const batch = (await (await sdk.batches.create(dataset.id, [{ file: 'a.png' }])).wait()).result as {
      batchId: string;
    };
    const refused = await sdk.tasks
      .create(batch.batchId, [{ name: 't1', data: { label: 'cow' } }])
      .catch((e) => e);
    expect(JSON.stringify(refused instanceof APIError ? refused.errors : refused)).toContain('/data/label');
    await sdk.datasets.delete(dataset.id, { force: true });

    // The same name again: the server's name_taken problem shows next to the name field.
    await name.fill('boxes');
    await create.click();
    await expect.poll(() => page.locator('#project-name-error').textContent()).toContain('is already taken');
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('alert').filter({ hasText: 'Error 409' }).count()).toBe(0);
    await shot('project-name-taken');
    expect((await sdk.projects.list({ workspaceId })).data).toHaveLength(1);

    // Edit it from the list.
    await go('Projects');
    await page.getByRole('link', { name: 'boxes' }).click();
    await page.getByRole('heading', { name: 'Edit boxes' }).waitFor();
    expect(await schema.inputValue()).toBe(JSON.stringify(taskSchema, null, 2));
    await page.getByLabel('Description (optional)').fill('Boxes and labels');
    expect(await cli('save this project').textContent()).toBe(
      `batchyard projects update ${project!.id} --description 'Boxes and labels'`,
    );
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText(`Saved project boxes (${project!.id}).`).waitFor();
    expect((await sdk.projects.get(project!.id)).description).toBe('Boxes and labels');
  });

  e2e(
    'creates a dataset with typed columns and a key column; bad columns are caught before sending',
    async () => {
      await go('Datasets');
      await page.getByRole('link', { name: 'New dataset' }).click();
      await page.getByRole('heading', { name: 'New dataset' }).waitFor();
      await page.getByLabel('Name', { exact: true }).fill('orders');
      const column = (n: number) => ({
        name: page.getByLabel(`Column ${n} name`),
        type: page.getByLabel(`Column ${n} type`),
      });
      await column(1).name.fill('sku');
      const add = page.getByRole('button', { name: 'Add column' });
      await add.click();
      await column(2).name.fill('qty');
      await column(2).type.selectOption('numeric');
      await add.click();
      await column(3).name.fill('day');
      await column(3).type.selectOption('date');
      await add.click();
      await column(4).name.fill('c1');
      await add.click();
      await column(5).name.fill('SKU');
      await page.getByRole('button', { name: 'Create dataset' }).click();
      await page.getByText('A column name may not look like a column id (c1, c12).').waitFor();
      await page.getByText('Same name as column 1.').waitFor();
      expect(await column(5).name.getAttribute('aria-invalid')).toBe('true');
      expect(await unlabelled()).toEqual([]);
      await shot('dataset-bad-columns');
      const projectId = (await sdk.projects.list({ workspaceId })).data[0]!.id;
      expect((await sdk.datasets.list({ projectId })).data).toHaveLength(0);

      await page.getByRole('button', { name: 'Remove column 5 (SKU)' }).click();
      await page.getByRole('button', { name: 'Remove column 4 (c1)' }).click();
      await page.getByLabel(/^Key column/).selectOption('sku');
      expect(await cli('create this dataset').textContent()).toBe(
        `batchyard datasets create --project ${projectId} --name orders --column sku:text --column qty:numeric --column day:date --key sku`,
      );
      await page.getByRole('button', { name: 'Create dataset' }).click();
      await page.getByText(/Created dataset orders \(ds_\w+\) with 3 columns, keyed on sku/).waitFor();
      await shot('dataset-created');
      const [dataset] = (await sdk.datasets.list({ projectId })).data;
      expect(dataset!.columns.map((c) => [c.name, c.type])).toEqual([
        ['sku', 'text'],
        ['qty', 'numeric'],
        ['day', 'date'],
      ]);
      expect(dataset!.keyColumn).toBe(dataset!.columns[0]!.id);
    },
  );

  e2e(
    'uploads a 100,000-row CSV with bad rows from the page and shows the report',
    async () => {
      const projectId = (await sdk.projects.list({ workspaceId })).data[0]!.id;
      const dataset = (await sdk.datasets.list({ projectId })).data.find((d) => d.name === 'orders')!;
      await page.getByRole('link', { name: 'Upload a file into it' }).click();
      await page.getByRole('heading', { name: 'orders', level: 1 }).waitFor();
      expect(await unlabelled()).toEqual([]);

      const csv = bigCsv();
      await page.getByLabel(/^CSV \(header line first\)/).setInputFiles({
        name: 'orders-week49.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(csv),
      });
      // Scoped: the dataset page's append panel has a `Bad rows` choice of its own.
      await page.locator('form.upload-form').getByLabel('Bad rows').selectOption('skip');
      expect(await cli('upload this file').textContent()).toBe(
        `batchyard batches upload ${dataset.id} orders-week49.csv --name orders-week49 --on-row-error skip`,
      );
      // Every value the bytes bar and the rows line take, recorded in the page as they change; the
      // upload is throttled (DevTools network emulation) so the bar is seen moving.
      await page.evaluate(() => {
        const g = globalThis as unknown as {
          document: {
            body: unknown;
            querySelector(
              s: string,
            ): { getAttribute(n: string): string | null; textContent: string | null } | null;
          };
          MutationObserver: new (cb: () => void) => { observe(node: unknown, options: object): void };
          seen: { sent: string[]; rows: string[] };
        };
        g.seen = { sent: [], rows: [] };
        new g.MutationObserver(() => {
          const bar = g.document.querySelector('[role=progressbar][aria-label="Bytes sent"]');
          const value = bar?.getAttribute('aria-valuenow');
          if (value && g.seen.sent.at(-1) !== value) g.seen.sent.push(value);
          const rows = /([\d,]+) rows read by the server/.exec(
            g.document.querySelector('.upload-progress')?.textContent ?? '',
          )?.[1];
          if (rows && g.seen.rows.at(-1) !== rows) g.seen.rows.push(rows);
        }).observe(g.document.body, {
          subtree: true,
          childList: true,
          attributes: true,
          characterData: true,
        });
      });
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: 1024 * 1024,
      });
      await page.getByRole('button', { name: 'Upload', exact: true }).click();
      const bar = page.getByRole('progressbar', { name: 'Bytes sent' });
      await bar.waitFor();
      await expect
        .poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 30_000 })
        .toBeGreaterThan(20);
      expect(await bar.getAttribute('aria-valuetext')).toMatch(/^\d+(\.\d)? (B|KiB|MiB) of 2\.\d MiB sent$/);
      await shot('upload-progress');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: -1,
      });

      const report = page.getByRole('table', { name: 'Refused rows' });
      await report.waitFor({ timeout: 60_000 });
      const accepted = ROWS - BAD_QTY.length - 1;
      await page.getByText(`${accepted.toLocaleString('en-US')} rows accepted, 7 refused.`).waitFor();
      const cells = await report
        .locator('tbody tr')
        .evaluateAll((rows) =>
          rows.map((r) =>
            (r as unknown as { innerText: string }).innerText.split('\t').slice(0, 2).join(' '),
          ),
        );
      // The report numbers rows as the file does (1 is the first row after the header).
      expect(cells).toEqual(
        [...BAD_QTY.map((row) => [row, 'qty']), [BAD_DAY, 'day']]
          .sort((a, b) => Number(a[0]) - Number(b[0]))
          .map(([row, column]) => `${row} ${column}`),
      );
      expect(await bar.count()).toBe(0);
      // The batches list below has the new one.
      await page.getByRole('cell', { name: /^orders-week49 bat_/ }).waitFor();
      const seen = await page.evaluate(
        () => (globalThis as unknown as { seen: { sent: string[]; rows: string[] } }).seen,
      );
      // The bar moved up to the whole file.
      const sent = seen.sent.map(Number);
      expect(sent.at(-1)).toBe(100);
      expect(sent.filter((v) => v > 0 && v < 100).length).toBeGreaterThan(1);
      expect([...sent].sort((a, b) => a - b)).toEqual(sent);
      const rowsRead = seen.rows.map((r) => Number(r.replace(/,/g, '')));
      expect([...rowsRead].sort((a, b) => a - b)).toEqual(rowsRead);
      await shot('upload-report');

      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: 20_000 }),
        page.getByRole('button', { name: 'Download the error report (errors.jsonl)' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^job_\w+-errors\.jsonl$/);
      const lines = readFileSync(await download.path(), 'utf8')
        .trim()
        .split('\n');
      expect(lines).toHaveLength(7);
      expect(JSON.parse(lines[0]!)).toMatchObject({ row: 7, column: 'qty' });

      const after = await sdk.datasets.get(dataset.id);
      expect(after.rowCount).toBe(accepted);
      const [batch] = (await sdk.batches.list(dataset.id)).data;
      expect(batch).toMatchObject({ name: 'orders-week49', state: 'active', rowCount: accepted });

      // With the default policy a bad row fails the batch: nothing kept, the report still shown.
      await page.getByLabel(/^CSV \(header line first\)/).setInputFiles({
        name: 'two.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('sku,qty,day\nx-1,1,2026-01-01\nx-2,lots,2026-01-02\n'),
      });
      await page.locator('form.upload-form').getByLabel('Bad rows').selectOption('fail');
      await page.getByRole('button', { name: 'Upload', exact: true }).click();
      await page.getByText(/No batch was created: 1 row\(s\) do not fit/).waitFor();
      await expect.poll(() => report.locator('tbody tr').count()).toBe(1);
      expect((await sdk.datasets.get(dataset.id)).rowCount).toBe(accepted);
      expect((await sdk.batches.list(dataset.id)).data).toHaveLength(1);

      // Cancelled halfway: the server drops the half-read batch, and the page says nothing was kept.
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: 256 * 1024,
      });
      await page.getByLabel(/^CSV \(header line first\)/).setInputFiles({
        name: 'orders-again.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(csv),
      });
      await page.getByRole('button', { name: 'Upload', exact: true }).click();
      await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow'))).toBeGreaterThan(5);
      await page.getByRole('button', { name: 'Cancel upload' }).click();
      await page.getByText('The upload was cancelled: nothing was kept.').waitFor();
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: -1,
      });
      await expect
        .poll(
          async () => (await sdk.jobs.list({ type: 'batch.ingest', status: ['running', 'queued'] })).data,
          {
            timeout: 20_000,
          },
        )
        .toEqual([]);
      expect((await sdk.batches.list(dataset.id)).data.map((b) => b.name)).toEqual(['orders-week49']);
      expect((await sdk.datasets.get(dataset.id)).rowCount).toBe(accepted);
    },
    180_000,
  );

  e2e('creates API keys (the secret shown once, copied) and revokes one', async () => {
    await go('API keys');
    expect(await unlabelled()).toEqual([]);
    expect(await focusRing('#key-name')).toBe('solid 3px');
    await page.getByLabel('Name', { exact: true }).fill('ada laptop');
    await page.getByLabel('Acts for a member (optional)').selectOption(adaId);
    expect(await page.getByLabel('Role', { exact: true }).isDisabled()).toBe(true);
    expect(await cli('create this key').textContent()).toBe(
      `batchyard keys create 'ada laptop' --member ${adaId}`,
    );
    await page.getByRole('button', { name: 'Create key' }).click();
    await page.getByText(/Created the key ada laptop \(key_\w+, editor\)\. Copy its secret now/).waitFor();
    const secret = await page.getByLabel('Secret of the key ada laptop').inputValue();
    await page.getByRole('button', { name: 'Copy secret' }).click();
    await page.getByText('Copied', { exact: true }).waitFor();
    const clipboard = await page.evaluate(() =>
      (
        globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
      ).navigator.clipboard.readText(),
    );
    expect(clipboard).toBe(secret);
    const ada = new Batchyard({ baseUrl: server.url, token: secret, maxRetries: 0 });
    expect((await ada.me()).member).toEqual({ id: adaId, role: 'annotator' });
    const row = page.getByRole('row').filter({ hasText: 'ada laptop' });
    expect(await row.getByRole('cell').nth(2).textContent()).toBe('Ada');
    expect(await row.getByRole('cell').nth(3).textContent()).toBe(`…${secret.slice(-4)}`);
    await shot('key-secret');
    await page.getByRole('button', { name: 'I have saved it' }).click();
    expect(await page.getByLabel('Secret of the key ada laptop').count()).toBe(0);

    // A plain key with a role.
    await page.getByLabel('Name', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Create key' }).click();
    await page.getByText('A key needs a name to recognise it by.').waitFor();
    await page.getByLabel('Name', { exact: true }).fill('dashboards');
    await page.getByLabel('Role', { exact: true }).selectOption('viewer');
    expect(await cli('create this key').textContent()).toBe(
      `batchyard keys create dashboards --role viewer --workspace ${workspaceId}`,
    );
    await page.getByRole('button', { name: 'Create key' }).click();
    await page.getByText(/Created the key dashboards \(key_\w+, viewer\)/).waitFor();

    // Revoke Ada's key: it stops working at once.
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Revoke the key ada laptop' }).click();
    await page.getByText(/Revoked the key ada laptop \(key_\w+\): it no longer works\./).waitFor();
    const keyId = (await sdk.keys.list({ workspaceId })).data.find((k) => k.name === 'ada laptop')!.id;
    expect(await cli('revoke this key').textContent()).toBe(`batchyard keys revoke ${keyId}`);
    await expect.poll(() => row.getByRole('cell').nth(6).textContent()).toMatch(/^revoked /);
    await shot('key-revoked');
    const status = await ada.me().then(
      () => 200,
      (e: unknown) => (e instanceof APIError ? e.status : 0),
    );
    expect(status).toBe(401);
  });
  e2e('the create pages fit a phone screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      const overflow = () =>
        page.evaluate(() => {
          const g = globalThis as unknown as {
            document: { documentElement: { scrollWidth: number } };
            innerWidth: number;
          };
          return g.document.documentElement.scrollWidth - g.innerWidth;
        });
      await go('API keys');
      await page.getByRole('row').filter({ hasText: 'dashboards' }).waitFor();
      expect(await overflow()).toBeLessThanOrEqual(0);
      await shot('phone-keys');
      await go('Projects');
      await page.getByRole('link', { name: 'boxes' }).waitFor();
      expect(await overflow()).toBeLessThanOrEqual(0);
      await go('Datasets');
      await page.getByRole('link', { name: 'orders' }).click();
      await page.getByRole('heading', { name: 'Upload a file into a new batch' }).waitFor();
      expect(await overflow()).toBeLessThanOrEqual(0);
      await page.goto(`${server.url}/datasets/new`);
      await page.getByLabel('Column 1 name').waitFor();
      expect(await overflow()).toBeLessThanOrEqual(0);
      await shot('phone-dataset');
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });
});
