/**
 * The top navigation with an admin key, in Debian's Chromium against the real server: at 1280×800
 * it fits on one line (the admin pages are grouped under one Admin menu); the menu opens with a
 * click or the keyboard, says so with aria-expanded, closes on Escape (focus back on its button)
 * and on a click elsewhere, and every admin page is reachable from it. Screenshots nav-*.png.
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

/** The admin pages: the link's name and the heading of the page it opens. */
const ADMIN_PAGES = [
  ['Members', 'Members'],
  ['API keys', 'API keys'],
  ['Clients', 'API clients'],
  ['Webhooks', 'Webhooks'],
  ['Workspaces', 'Workspaces'],
  ['Audit log', 'Audit log'],
] as const;

interface BrowserGlobals {
  document: { activeElement: { textContent: string | null } | null };
  getComputedStyle(el: unknown): { outlineStyle: string };
}

describe('web dashboard: the top navigation (Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await launchChromium();
    server = await startTestServer('sqlite');
    const root = new Batchyard({ baseUrl: server.url, token: server.adminToken });
    const workspaceId = (await root.workspaces.create({ name: 'web-nav' })).id;
    const adminToken = (await root.keys.create({ name: 'nav-admin', role: 'admin', workspaceId })).token;
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
    await signIn(page, server.url, adminToken);
  }, 120_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await server?.close();
  });

  const nav = () => page.getByRole('navigation', { name: 'Main' });
  const button = () => nav().getByRole('button', { name: 'Admin', exact: true });
  // The tests are type-checked without the DOM's types: what they read of the page, typed here.
  const buttonHasFocus = () =>
    button().evaluate((el) => el === (globalThis as unknown as BrowserGlobals).document.activeElement);
  const buttonOutline = () =>
    button().evaluate((el) => (globalThis as unknown as BrowserGlobals).getComputedStyle(el).outlineStyle);
  const focusedText = () =>
    page.evaluate(() => (globalThis as unknown as BrowserGlobals).document.activeElement?.textContent);

  it('fits on one line at 1280 px with an admin key', async () => {
    const navBox = (await nav().boundingBox())!;
    const linkBox = (await nav().getByRole('link', { name: 'Jobs', exact: true }).boundingBox())!;
    expect(linkBox.height).toBeGreaterThan(10);
    expect(navBox.height).toBeLessThan(2 * linkBox.height);
    // The menu button sits on the same line as the links.
    const buttonBox = (await button().boundingBox())!;
    expect(Math.abs(buttonBox.y - linkBox.y)).toBeLessThan(linkBox.height / 2);
    await page.screenshot({ path: join(SHOTS, 'nav-1280.png') });
  });

  it('opens the Admin menu by keyboard, closes it on Escape, and reaches every admin page', async () => {
    expect(await button().getAttribute('aria-expanded')).toBe('false');
    const menuLinks = () => nav().locator('#admin-menu').getByRole('link');
    expect(await menuLinks().count()).toBe(0); // hidden while closed

    // Tab from the last link reaches the button, with its focus ring drawn.
    await nav().getByRole('link', { name: 'Quality', exact: true }).focus();
    await page.keyboard.press('Tab');
    expect(await buttonHasFocus()).toBe(true);
    expect(await buttonOutline()).toBe('solid');
    await page.keyboard.press('Enter');
    expect(await button().getAttribute('aria-expanded')).toBe('true');
    expect(await menuLinks().allTextContents()).toEqual(ADMIN_PAGES.map(([link]) => link));
    await page.screenshot({ path: join(SHOTS, 'nav-admin-menu.png') });
    await page.keyboard.press('Escape');
    expect(await button().getAttribute('aria-expanded')).toBe('false');
    expect(await buttonHasFocus()).toBe(true);

    // Tab from the button into the open menu, follow a link by keyboard.
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await focusedText()).toBe('Members');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Members', level: 1 }).waitFor();
    // Following a link closes the menu; the button shows the admin page is current.
    expect(await button().getAttribute('aria-expanded')).toBe('false');
    expect(await button().getAttribute('class')).toContain('current');

    // A click elsewhere closes it too.
    await button().click();
    expect(await button().getAttribute('aria-expanded')).toBe('true');
    await page.locator('main').click({ position: { x: 5, y: 5 } });
    expect(await button().getAttribute('aria-expanded')).toBe('false');

    for (const [link, heading] of ADMIN_PAGES) {
      await button().click();
      await nav().getByRole('link', { name: link, exact: true }).click();
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      // Closed again: the link is hidden until the menu opens.
      expect(await nav().getByRole('link', { name: link, exact: true }).count()).toBe(0);
    }
  });
});
