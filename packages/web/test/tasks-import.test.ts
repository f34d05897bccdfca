/**
 * Task import from the dashboard, in Debian's Chromium against the real server: bad input (no
 * file, a bad chunk size, a JSON Lines file with a line that is not JSON) is caught on the page
 * with nothing sent; a 3,000-task JSON Lines file with a repeated name, schema-invalid data and a
 * malformed task is sent in chunks (each request slowed so the progress bar is seen to grow), and
 * the results table lists each refused task with its reason and a pointer into the file, the rest
 * created (counted through the SDK); a JSON array re-imported with onExisting skip skips the names
 * the batch has, and with error refuses them. Screenshots (tasks-import-*.png) are committed
 * under packages/web/test/screenshots/ and rewritten only with BATCHYARD_UPDATE_SCREENSHOTS=1.
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

const TASKS = 3000;

/** The big file: good tasks, one name twice, three with data the schema refuses, one malformed. */
function bigFile(): string {
  const items: Record<string, unknown>[] = Array.from({ length: TASKS }, (_, i) => ({
    name: `t-${i}`,
    data: { label: i % 2 === 0 ? 'cat' : 'dog' },
  }));
  items[10]!.name = 'dup';
  items[2000]!.name = 'dup';
  for (const i of [5, 1500, 2999]) items[i]!.data = { label: 42 };
  items[7] = { name: 't-7', colour: 'red' };
  return items.map((item) => JSON.stringify(item)).join('\n') + '\n';
}

describe('web dashboard: task import (Chromium)', () => {
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
  /** Create requests the page sent. */
  let creates = 0;

  beforeAll(async () => {
    try {
      mkdirSync(SHOTS, { recursive: true });
      browser = await launchChromium();
      server = await startTestServer('sqlite');
      const root = new Batchyard({ baseUrl: server.url, token: server.adminToken });
      const workspaceId = (await root.workspaces.create({ name: 'web-task-import' })).id;
      const token = (await root.keys.create({ name: 'lead', role: 'editor', workspaceId })).token;
      sdk = new Batchyard({ baseUrl: server.url, token });
      projectId = (
        await sdk.projects.create({
          workspaceId,
          name: 'pets',
          taskSchema: {
            type: 'object',
            properties: { label: { enum: ['cat', 'dog'] } },
            required: ['label'],
          },
        })
      ).id;
      const dataset = await sdk.datasets.create({
        projectId,
        name: 'photos',
        columns: [{ name: 'file', type: 'text' }],
      });
      batchId = (
        (await (await sdk.batches.create(dataset.id, [{ file: 'a.jpg' }], { name: 'spring' })).wait())
          .result as { batchId: string }
      ).batchId;
      context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      context.setDefaultTimeout(10_000);
      page = await context.newPage();
      page.on('pageerror', (e) => pageErrors.push(e.message));
      page.on('request', (request) => {
        if (request.method() === 'POST' && /\/v1\/batches\/[^/]+\/tasks$/.test(request.url())) creates++;
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
    await page.screenshot({ path: join(SHOTS, `tasks-import-${name}.png`), fullPage: true });
  };
  const form = () => page.getByRole('form', { name: 'Import tasks' });
  const pick = (name: string, text: string, mimeType = 'application/x-ndjson') =>
    page.setInputFiles('#import-file', { name, mimeType, buffer: Buffer.from(text) });
  const results = () => page.getByRole('table', { name: 'Results per task' }).locator('tbody tr');
  const count = (which: string) => page.locator(`dd[data-count="${which}"]`).textContent();
  const tasksInBatch = async () => {
    let n = 0;
    for await (const _ of sdk.tasks.list({ projectId, batchIds: [batchId], limit: 1000 })) n++;
    return n;
  };

  e2e('catches a missing file, a bad chunk size and a file that is not JSON before sending', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tasks' }).click();
    await page.getByRole('link', { name: 'Import tasks…' }).click();
    await page.getByRole('heading', { name: 'Import tasks', level: 1 }).waitFor();
    expect(page.url()).toBe(`${server.url}/tasks/import`);
    expect(
      await form()
        .getByRole('combobox', { name: /^Batch/ })
        .locator('option')
        .allTextContents(),
    ).toEqual(['photos / spring · 1 row']);
    await form().getByRole('button', { name: 'Import tasks' }).click();
    expect(await page.locator('#import-file-error').textContent()).toBe('Pick a file.');

    await form().getByLabel('Tasks per request').fill('0');
    expect(await page.locator('#import-chunk-error').textContent()).toBe('A whole number from 1 to 10,000.');
    await form().getByLabel('Tasks per request').fill('250');

    await pick('broken.jsonl', '{"name":"ok-1"}\n{"name": oops}\n{"name":"ok-3"}\n');
    await form().getByRole('button', { name: 'Import tasks' }).click();
    await expect
      .poll(() => page.locator('#import-file-error').textContent())
      .toMatch(/^Line 2 is not JSON \(.+\); nothing was sent\.$/);
    expect(await page.locator('#import-file').getAttribute('aria-invalid')).toBe('true');
    expect(creates).toBe(0);
    expect(await tasksInBatch()).toBe(0);
    await shot('01-bad-file');
  });

  e2e('sends a large JSON Lines file in chunks with a progress bar and lists each refused task', async () => {
    expect(await form().getByLabel('Tasks per request').inputValue()).toBe('250');
    await pick('pets.jsonl', bigFile());
    expect(await form().locator('.cli-text').textContent()).toBe(
      `batchyard tasks create --batch ${batchId} --file pets.jsonl --chunk-size 250`,
    );
    // Each create request waits a little, so the bar is seen on its way.
    await page.route('**/v1/batches/*/tasks', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await route.continue();
    });
    await form().getByRole('button', { name: 'Import tasks' }).click();
    const bar = page.getByRole('progressbar', { name: 'Tasks handled' });
    await bar.waitFor();
    const seen: number[] = [];
    let shotTaken = false;
    while ((await bar.count()) > 0) {
      const value = await bar.getAttribute('aria-valuenow').catch(() => null);
      if (value !== null) seen.push(Number(value));
      if (!shotTaken && Number(value) >= 30) {
        shotTaken = true;
        await page.screenshot({ path: join(SHOTS, 'tasks-import-02-progress.png'), fullPage: true });
      }
      await page.waitForTimeout(40);
    }
    await page.unroute('**/v1/batches/*/tasks');
    // It grew in steps and never went back.
    expect(new Set(seen).size).toBeGreaterThanOrEqual(4);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(Math.max(...seen)).toBeGreaterThanOrEqual(80);
    // 2 copies of the repeated name are never sent: 2,998 tasks in 12 chunks of 250, and the chunk
    // with the malformed task once more without it (the server refuses a malformed request whole).
    expect(creates).toBe(13);

    await page.getByRole('region', { name: 'Import results' }).waitFor();
    expect(await page.locator('.import-summary').textContent()).toBe(
      `2,994 created, 0 skipped, 6 refused in batch ${batchId}, from pets.jsonl.`,
    );
    expect([
      await count('created'),
      await count('skipped'),
      await count('failed'),
      await count('total'),
    ]).toEqual(['2,994', '0', '6', '3,000']);
    // The skipped and refused ones, in file order, each with its reason and a pointer into the file.
    const rows = await results().evaluateAll((trs) =>
      trs.map((tr) => [
        tr.querySelector('[data-label="Line"]')?.textContent,
        tr.querySelector('[data-label="Name"]')?.textContent,
        tr.getAttribute('data-status'),
        tr.querySelector('[data-label="Reason"] code')?.textContent,
        tr.querySelector('[data-label="Pointer"]')?.textContent,
      ]),
    );
    expect(rows).toEqual([
      ['6', 't-5', 'failed', 'data_invalid', '/5/data/label'],
      ['8', 't-7', 'failed', 'invalid_task', '/7/colour'],
      ['11', 'dup', 'failed', 'duplicate_in_request', '/10/name'],
      ['1501', 't-1500', 'failed', 'data_invalid', '/1500/data/label'],
      ['2001', 'dup', 'failed', 'duplicate_in_request', '/2000/name'],
      ['3000', 't-2999', 'failed', 'data_invalid', '/2999/data/label'],
    ]);
    expect(await results().nth(0).locator('[data-label="Reason"]').textContent()).toContain('data at /label');
    await shot('03-results');

    // The created ones: linked to their task.
    await page.getByLabel('Show').selectOption('created');
    const first = results().first();
    expect(await first.locator('[data-label="Name"]').textContent()).toBe('t-0');
    const link = first.getByRole('link');
    expect(await link.getAttribute('href')).toMatch(/^\/tasks\/tsk_/);

    expect(await tasksInBatch()).toBe(2994);
    const dup = await sdk.tasks
      .list({ projectId, batchIds: [batchId], names: ['dup', 't-5', 't-7'] })
      .then((p) => p.data);
    expect(dup).toEqual([]);
  });

  e2e('re-imports a JSON array: names the batch has are skipped with skip, refused with error', async () => {
    const again = JSON.stringify([
      { name: 't-0', data: { label: 'cat' } },
      { name: 'fresh', data: { label: 'dog' } },
      { name: 't-1', data: { label: 'dog' } },
    ]);
    await pick('again.json', again, 'application/json');
    await form().getByLabel('A name the batch already has').selectOption('skip');
    expect(await form().locator('.cli-text').textContent()).toBe(
      `batchyard tasks create --batch ${batchId} --file again.json --on-existing skip --chunk-size 250`,
    );
    await form().getByRole('button', { name: 'Import tasks' }).click();
    await expect
      .poll(() => page.locator('.import-summary').textContent())
      .toBe(`1 created, 2 skipped, 0 refused in batch ${batchId}, from again.json.`);
    const skipped = await results().evaluateAll((trs) =>
      trs.map((tr) => [
        tr.querySelector('[data-label="Item"]')?.textContent,
        tr.querySelector('[data-label="Name"]')?.textContent,
        tr.getAttribute('data-status'),
        tr.querySelector('[data-label="Reason"]')?.textContent,
      ]),
    );
    expect(skipped).toEqual([
      ['0', 't-0', 'skipped', 'the batch already has this name'],
      ['2', 't-1', 'skipped', 'the batch already has this name'],
    ]);
    await shot('04-skip-existing');
    expect(await tasksInBatch()).toBe(2995);

    await pick(
      'once-more.json',
      JSON.stringify([{ name: 'fresh', data: { label: 'cat' } }]),
      'application/json',
    );
    await form().getByLabel('A name the batch already has').selectOption('error');
    await form().getByRole('button', { name: 'Import tasks' }).click();
    await expect
      .poll(() => page.locator('.import-summary').textContent())
      .toBe(`0 created, 0 skipped, 1 refused in batch ${batchId}, from once-more.json.`);
    const refused = results().first();
    expect(await refused.locator('[data-label="Reason"] code').textContent()).toBe('name_exists');
    expect(await refused.locator('[data-label="Pointer"]').textContent()).toBe('/0/name');
    await shot('05-error-existing');
    expect(await tasksInBatch()).toBe(2995);
  });
});
