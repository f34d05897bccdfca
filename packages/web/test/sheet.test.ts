/**
 * The sheet page (issue 19), in Debian's Chromium against the real server: a task's sheet with lots
 * opens from the task page, loads its rows a page at a time, is walked and edited with the keyboard
 * (an invalid number refused on the page, nothing sent), an edit is read back through the SDK, an
 * edit over a change made through the API after the page loaded shows the conflict (what you had,
 * what is on the server now) and is resolved both ways, and the CLI command the page shows for an
 * edit is run and does the same. Screenshots (sheet-*.png) are committed under
 * packages/web/test/screenshots/ and rewritten only with BATCHYARD_UPDATE_SCREENSHOTS=1.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Batchyard, SheetRow } from '@batchyard/sdk';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import type { TestServer } from '../../../test/support/index.js';
import { dashboardSuite, SHOTS, signIn } from './browser.js';

const CLI = fileURLToPath(new URL('../../cli/bin/batchyard.js', import.meta.url));
const ROWS = 130;

describe('web dashboard: a task sheet, edited inline with the optimistic check (Chromium)', () => {
  let server: TestServer;
  let page: Page;
  let sdk: Batchyard;
  let token: string;
  let taskId: string;
  const patches: string[] = [];

  const e2e = dashboardSuite(
    { workspace: 'web-sheet', key: { name: 'planner', role: 'admin' }, testTimeout: 60_000 },
    async (env) => {
      ({ server, sdk, token } = env);
      const { workspaceId } = env;
      const projectId = (await sdk.projects.create({ workspaceId, name: 'bakery' })).id;
      const dataset = await sdk.datasets.create({
        projectId,
        name: 'orders',
        columns: [{ name: 'day', type: 'text' }],
      });
      const batchId = (
        (await (await sdk.batches.create(dataset.id, [{ day: 'mon' }], { name: 'b' })).wait()).result as {
          batchId: string;
        }
      ).batchId;
      taskId = (await sdk.tasks.create(batchId, [{ name: 'monday-bake' }])).results[0]!.id!;
      // Products (columns, bread with two lots) × ingredients (rows); more rows than one page.
      await sdk.sheets.create(taskId, {
        columns: [
          {
            id: 'bread',
            name: 'Bread',
            lots: [
              { id: 'L1', name: 'Lot A' },
              { id: 'L2', name: 'Lot B' },
            ],
          },
          { id: 'cake', name: 'Cake' },
        ],
        rows: [
          { id: 'flour', name: 'Flour', values: { bread: { value: 10, lots: { L1: 4, L2: 6 } }, cake: 3 } },
          { id: 'sugar', name: 'Sugar', values: { cake: 2 } },
          { id: 'salt', name: 'Salt', values: { bread: { value: 1, lots: { L1: 0.5 } } } },
          ...Array.from({ length: ROWS - 3 }, (_, i) => ({
            id: `extra${i + 1}`,
            name: `Extra ${i + 1}`,
            values: { cake: i + 1 },
          })),
        ],
      });

      page = await env.open();
      page.on('request', (r) => {
        if (r.method() === 'PATCH' && r.url().endsWith('/sheet/values')) patches.push(r.postData() ?? '');
      });
      await signIn(page, server.url, token);
    },
  );
  const shot = async (name: string) => {
    await page.waitForTimeout(250);
    await page.screenshot({ path: join(SHOTS, `sheet-${name}.png`), fullPage: true });
  };
  const cell = (rowId: string, colId: string, lotId = '') =>
    page.locator(`tr[data-row-id="${rowId}"] td[data-col-id="${colId}"][data-lot-id="${lotId}"]`);
  const editor = () => page.locator('input.sheet-input');
  const status = () => page.getByTestId('sheet-status');
  /** The value as the server holds it, read through the SDK. */
  const serverValue = async (rowId: string, colId: string, lotId?: string) => {
    const rows: SheetRow[] = [];
    for await (const row of sdk.sheets.iterate(taskId)) rows.push(row);
    const value = rows.find((r) => r.id === rowId)?.values[colId];
    return lotId === undefined ? (value?.value ?? undefined) : value?.lots[lotId];
  };
  const focused = () =>
    page.evaluate(() => {
      const el = (
        globalThis as unknown as { document: { activeElement: { dataset?: { cell?: string } } | null } }
      ).document.activeElement;
      return el?.dataset?.cell;
    });

  e2e('opens from the task page with its lots as sub-columns, a page of rows at a time', async () => {
    await page.goto(`${server.url}/tasks/${taskId}`);
    await page.getByRole('link', { name: 'Open the sheet' }).click();
    await page.getByRole('heading', { name: 'Sheet of monday-bake', level: 1 }).waitFor();
    expect(page.url()).toBe(`${server.url}/tasks/${taskId}/sheet`);

    const groups = await page.locator('thead th[scope="colgroup"]').allTextContents();
    expect(groups).toEqual(['Bread · 2 lots', 'Cake']);
    expect(await page.locator('thead tr').nth(1).locator('th[scope="col"]').allTextContents()).toEqual([
      'Value',
      'Lot A',
      'Lot B',
      'Value',
    ]);
    expect(await cell('flour', 'bread').textContent()).toBe('10');
    expect(await cell('flour', 'bread', 'L2').textContent()).toBe('6');
    expect(await cell('salt', 'bread', 'L2').textContent()).toBe('');
    expect(await page.locator('tbody tr').count()).toBe(100);
    await shot('grid');

    await page.getByRole('button', { name: `Load ${ROWS - 100} more rows` }).waitFor();
    // Down from the last loaded row reads the next page and steps into it.
    await cell('extra97', 'cake').click();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.locator('tbody tr').count()).toBe(ROWS);
    await expect.poll(focused).toBe('100:3');
    expect(await cell(`extra${ROWS - 3}`, 'cake').textContent()).toBe(String(ROWS - 3));
    expect(await page.getByRole('button', { name: /more rows/ }).count()).toBe(0);
  });

  e2e('moves with the arrow keys, refuses a bad number on the page and saves an edit', async () => {
    await page.reload();
    await cell('flour', 'bread').waitFor();
    await cell('flour', 'bread').click();
    expect(await focused()).toBe('0:0');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe('1:3'); // Sugar, Cake
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowUp');
    expect(await focused()).toBe('0:2'); // Flour, Bread · Lot B

    // Escape leaves the value as it was.
    await page.keyboard.press('Enter');
    await editor().fill('99');
    await page.keyboard.press('Escape');
    expect(await editor().count()).toBe(0);
    expect(await cell('flour', 'bread', 'L2').textContent()).toBe('6');
    expect(await focused()).toBe('0:2');

    // Not a number: said under the table, nothing sent.
    await page.keyboard.press('Enter');
    await editor().fill('6,5');
    await page.keyboard.press('Enter');
    await page.locator('#sheet-edit-error').waitFor();
    expect(await page.locator('#sheet-edit-error').textContent()).toBe(
      'Not sent: row Flour, column Bread (lot Lot B): "6,5" is not a number: write it like 12, -0.5 or 2e3 (a dot for decimals).',
    );
    expect(await editor().getAttribute('aria-invalid')).toBe('true');
    await shot('invalid-number');
    expect(patches).toEqual([]);

    await editor().fill('6.5');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => status().textContent())
      .toContain('Saved row Flour, column Bread (lot Lot B): 6 → 6.5');
    expect(await serverValue('flour', 'bread', 'L2')).toBe(6.5);
    expect(JSON.parse(patches.at(-1)!)).toEqual({
      patches: [
        { rowId: 'flour', colId: 'bread', lotId: 'L2', operation: 'update', newValue: 6.5, oldValue: 6 },
      ],
    });
    expect(await focused()).toBe('0:2');

    // An empty cell gets an add (typing a digit starts the edit); Delete empties it again.
    await cell('salt', 'bread', 'L2').click();
    await page.keyboard.press('2');
    await page.keyboard.press('Enter');
    await expect.poll(() => status().textContent()).toContain('empty → 2');
    expect(await serverValue('salt', 'bread', 'L2')).toBe(2);
    expect(JSON.parse(patches.at(-1)!).patches[0].operation).toBe('add');

    // The CLI equivalent of that edit, shown on the page, really works.
    const cli = page.getByRole('group', { name: 'CLI: make the last edit' });
    const command = (await cli.locator('code').textContent())!;
    expect(command).toBe(
      `echo '[{"rowId":"salt","colId":"bread","lotId":"L2","operation":"add","newValue":2}]' | batchyard sheets patch ${taskId} --file -`,
    );
    await page.keyboard.press('Delete');
    await expect.poll(() => status().textContent()).toContain('2 → empty');
    expect(await serverValue('salt', 'bread', 'L2')).toBeUndefined();
    const home = mkdtempSync(join(tmpdir(), 'batchyard-sheet-cli-'));
    try {
      const { stdout } = await promisify(execFile)(
        'sh',
        ['-c', command.replace(/\| batchyard /, `| "${process.execPath}" "${CLI}" `)],
        {
          env: {
            ...process.env,
            BATCHYARD_URL: server.url,
            BATCHYARD_TOKEN: token,
            BATCHYARD_CONFIG_DIR: home,
          },
        },
      );
      expect(stdout).toContain('applied 1 patch(es)');
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
    expect(await serverValue('salt', 'bread', 'L2')).toBe(2);
  });

  e2e('an edit over a change made through the API shows the conflict; both ways out', async () => {
    await page.reload();
    await cell('flour', 'cake').waitFor();
    expect(await cell('flour', 'cake').textContent()).toBe('3');

    // Someone else changes the value after the page loaded.
    await sdk.sheets.patch(taskId, [
      { rowId: 'flour', colId: 'cake', operation: 'update', newValue: 4, oldValue: 3 },
    ]);
    await cell('flour', 'cake').dblclick();
    await editor().fill('5');
    const refused = page.waitForResponse((r) => r.url().endsWith('/sheet/values'));
    await page.keyboard.press('Enter');
    expect((await refused).status()).toBe(409);
    const alert = page.locator('.sheet-conflict');
    await alert.waitFor();
    expect(await alert.locator('strong').textContent()).toBe(
      'Not saved: row Flour, column Cake (value) changed meanwhile',
    );
    expect(await page.getByTestId('conflict-had').textContent()).toBe('3');
    expect(await page.getByTestId('conflict-mine').textContent()).toBe('5');
    expect(await page.getByTestId('conflict-theirs').textContent()).toBe('4');
    expect(await cell('flour', 'cake').textContent()).toBe('4');
    await shot('conflict');

    // Apply mine again: checked against 4 this time.
    await page.getByRole('button', { name: 'Apply mine again (5)' }).click();
    await expect.poll(() => status().textContent()).toContain('Saved row Flour, column Cake (value): 4 → 5');
    expect(await alert.count()).toBe(0);
    expect(await serverValue('flour', 'cake')).toBe(5);
    expect(await cell('flour', 'cake').textContent()).toBe('5');

    // Keep theirs: a lot value deleted through the API meanwhile; the page keeps the server's (none).
    await sdk.sheets.patch(taskId, [{ rowId: 'flour', colId: 'bread', lotId: 'L1', operation: 'delete' }]);
    await cell('flour', 'bread', 'L1').click();
    await page.keyboard.press('Enter');
    await editor().fill('8');
    await page.keyboard.press('Enter');
    await alert.waitFor();
    expect(await page.getByTestId('conflict-had').textContent()).toBe('4');
    expect(await page.getByTestId('conflict-theirs').textContent()).toBe('empty');
    await page.getByRole('button', { name: 'Keep theirs (empty)' }).click();
    expect(await alert.count()).toBe(0);
    expect(await status().textContent()).toContain("Kept the server's value");
    expect(await page.getByRole('group', { name: 'CLI: make the last edit' }).count()).toBe(0);
    expect(await cell('flour', 'bread', 'L1').textContent()).toBe('');
    expect(await serverValue('flour', 'bread', 'L1')).toBeUndefined();
    await shot('resolved');
  });
});
