/**
 * Tasks from a batch's rows, from the dashboard's import page, in Debian's Chromium against the
 * real server: the "A batch's rows" source offers the batch's dataset columns; no name column and
 * no prefix is caught on the page; a run creates a task per row (a tasks.from_rows job followed to
 * its end), and the results show the counts and each refused row with its reason (a repeated name,
 * an empty name, data the project's schema refuses); the tasks exist with the rows' values (read
 * through the SDK); a second run with onExisting skip skips them all. Screenshots
 * (tasks-from-rows-*.png) are committed under packages/web/test/screenshots/ and rewritten only
 * with BATCHYARD_UPDATE_SCREENSHOTS=1.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Batchyard } from '@batchyard/sdk';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/support/index.js';
import { launchChromium, signIn } from './browser.js';

const SHOTS = fileURLToPath(
  new URL(
    process.env.BATCHYARD_UPDATE_SCREENSHOTS === '1'
      ? './screenshots/'
      : '../../../test-artifacts/screenshots/',
    import.meta.url,
  ),
);

const GOOD = 200;

/** Rows: GOOD good ones, then a name twice, an empty name and a negative n (the schema refuses it). */
function rows(): Record<string, unknown>[] {
  const all: Record<string, unknown>[] = Array.from({ length: GOOD }, (_, i) => ({
    file: `img-${i}.jpg`,
    n: i / 2,
    ok: i % 3 === 0,
    url: `s3://photos/img-${i}.jpg`,
  }));
  all.push(
    { file: 'dup.jpg', n: 1, ok: true, url: null },
    { file: 'dup.jpg', n: 2, ok: false, url: null },
    { file: null, n: 3, ok: true, url: null },
    { file: 'neg.jpg', n: -1, ok: true, url: null },
  );
  return all;
}

describe('web dashboard: tasks from a batch’s rows (Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let sdk: Batchyard;
  let projectId: string;
  let batchId: string;
  let setupError: unknown;
  /** Uncaught errors in the page: each test fails on any. */
  const pageErrors: string[] = [];
  /** from-rows requests the page sent. */
  let starts = 0;

  beforeAll(async () => {
    try {
      mkdirSync(SHOTS, { recursive: true });
      browser = await launchChromium();
      server = await startTestServer('sqlite');
      const root = new Batchyard({ baseUrl: server.url, token: server.adminToken });
      const workspaceId = (await root.workspaces.create({ name: 'web-from-rows' })).id;
      const token = (await root.keys.create({ name: 'lead', role: 'editor', workspaceId })).token;
      sdk = new Batchyard({ baseUrl: server.url, token });
      projectId = (
        await sdk.projects.create({
          workspaceId,
          name: 'photos',
          taskSchema: { type: 'object', properties: { n: { type: 'number', minimum: 0 } }, required: ['n'] },
        })
      ).id;
      const dataset = await sdk.datasets.create({
        projectId,
        name: 'shots',
        columns: [
          { name: 'file', type: 'text' },
          { name: 'n', type: 'numeric' },
          { name: 'ok', type: 'boolean' },
          { name: 'url', type: 'text' },
        ],
      });
      batchId = (
        (await (await sdk.batches.create(dataset.id, rows(), { name: 'spring' })).wait()).result as {
          batchId: string;
        }
      ).batchId;
      context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      context.setDefaultTimeout(10_000);
      page = await context.newPage();
      page.on('pageerror', (e) => pageErrors.push(e.message));
      page.on('request', (request) => {
        if (request.method() === 'POST' && /\/v1\/batches\/[^/]+\/tasks\/from-rows$/.test(request.url()))
          starts++;
      });
      await signIn(page, server.url, token);
    } catch (error) {
      setupError = error;
    }
  }, 120_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await server?.close();
  });

  const e2e = (name: string, fn: () => Promise<void>, timeout = 90_000) =>
    it(
      name,
      async () => {
        if (setupError) throw setupError;
        await fn();
        expect(pageErrors).toEqual([]);
      },
      timeout,
    );
  const shot = async (name: string) => {
    await page.evaluate(() =>
      (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0),
    );
    await page.waitForTimeout(250);
    await page.screenshot({ path: join(SHOTS, `tasks-from-rows-${name}.png`), fullPage: true });
  };
  const form = () => page.getByRole('form', { name: 'Create tasks from rows' });
  const outcome = () => page.getByRole('region', { name: 'Results from rows' });
  const count = (which: string) => outcome().locator(`td[data-count="${which}"]`).textContent();
  const tasksInBatch = async () => {
    const all = [];
    for await (const t of sdk.tasks.list({ projectId, batchIds: [batchId], include: ['data'], limit: 1000 }))
      all.push(t);
    return all;
  };

  e2e('offers the batch’s columns and catches a missing name before starting anything', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tasks' }).click();
    await page.getByRole('link', { name: 'Import tasks…' }).click();
    await page.getByRole('heading', { name: 'Import tasks', level: 1 }).waitFor();
    await page.getByRole('radio', { name: 'A batch’s rows (a task per row)' }).check();
    await form().waitFor();
    // Name columns: the plain columns; data: every column, checked; resources: the text columns.
    const options = (label: string) =>
      form()
        .getByLabel(label)
        .locator('option')
        .evaluateAll((os) => os.map((o) => o.textContent));
    expect(await options('Name column')).toEqual([
      'none: name by row id',
      'file (text)',
      'n (numeric)',
      'ok (boolean)',
      'url (text)',
    ]);
    expect(await options('Resources column')).toEqual(['none', 'file', 'url']);
    for (const c of ['file', 'n', 'ok', 'url'])
      expect(
        await form()
          .getByRole('checkbox', { name: new RegExp(`^${c} `) })
          .isChecked(),
      ).toBe(true);

    await form().getByLabel('Name column').selectOption('');
    await form().getByRole('button', { name: 'Create tasks from rows' }).click();
    await expect
      .poll(() => form().locator('#rows-name-error').textContent())
      .toContain('Pick a name column, or give a prefix');
    expect(await form().getByLabel('Name column').getAttribute('aria-invalid')).toBe('true');
    expect(starts).toBe(0);
  });

  e2e('creates a task per row, shows the counts and each refused row; a second run skips', async () => {
    await form().getByLabel('Name column').selectOption('file');
    await form().getByRole('checkbox', { name: /^url / }).uncheck();
    await form().getByLabel('Resources column').selectOption('url');
    expect(await form().locator('.cli-text').textContent()).toBe(
      `batchyard tasks from-rows ${batchId} --name-column file --data-columns file,n,ok --resources-column url --wait`,
    );
    await form().getByRole('button', { name: 'Create tasks from rows' }).click();
    await page.getByRole('status').filter({ hasText: 'Tasks from rows' }).waitFor();
    await outcome().waitFor({ timeout: 30_000 });
    expect(starts).toBe(1);
    expect(await outcome().locator('.import-summary').textContent()).toContain(
      `${GOOD} created, 0 skipped, 4 refused from ${GOOD + 4} rows of batch ${batchId}.`,
    );
    expect([await count('created'), await count('skipped'), await count('failed')]).toEqual([
      String(GOOD),
      '0',
      '4',
    ]);
    const refused = await outcome()
      .getByRole('table', { name: 'Refused rows' })
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [
          tr.querySelector('[data-label="Row"]')?.textContent,
          tr.querySelector('[data-label="Name"]')?.textContent,
          tr.querySelector('[data-label="Reason"] code')?.textContent,
        ]),
      );
    expect(refused).toEqual([
      [String(GOOD), 'dup.jpg', 'duplicate_in_request'],
      [String(GOOD + 1), 'dup.jpg', 'duplicate_in_request'],
      [String(GOOD + 2), '—', 'name_missing'],
      [String(GOOD + 3), 'neg.jpg', 'data_invalid'],
    ]);
    await shot('01-results');

    // The tasks, through the SDK: the rows' values (types kept) and the url as the resource.
    const tasks = await tasksInBatch();
    expect(tasks).toHaveLength(GOOD);
    const seven = tasks.find((t) => t.name === 'img-7.jpg')!;
    expect(seven.data).toStrictEqual({ file: 'img-7.jpg', n: 3.5, ok: false });
    expect(seven.resources).toEqual(['s3://photos/img-7.jpg']);

    await form().getByLabel('A name the batch already has').selectOption('skip');
    expect(await form().locator('.cli-text').textContent()).toContain('--on-existing skip --wait');
    await form().getByRole('button', { name: 'Create tasks from rows' }).click();
    await expect
      .poll(() => outcome().locator('.import-summary').textContent(), { timeout: 30_000 })
      .toContain(`0 created, ${GOOD} skipped, 4 refused`);
    expect(await count('skipped')).toBe(String(GOOD));
    await shot('02-skip-existing');
    expect(await tasksInBatch()).toHaveLength(GOOD);
  });
});
