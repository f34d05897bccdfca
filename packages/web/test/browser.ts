/**
 * What the dashboard's browser tests share: Debian's Chromium through playwright-core (which never
 * downloads a browser), the check that packages/web/dist is fresh, signing in, screenshots, and
 * `dashboardSuite` (a real server, a workspace and its key, Chromium, pages, cleanup).
 */
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Batchyard } from '@batchyard/sdk';
import type { JobTypeDefinition } from '@batchyard/server';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/support/index.js';

export const CHROMIUM = process.env.BATCHYARD_TEST_CHROMIUM ?? '/usr/bin/chromium';
const WEB_DIR = fileURLToPath(new URL('..', import.meta.url));

/** Fails (never skips) when the dashboard was not built, or was built before its last change. */
export function assertWebBuilt(): void {
  const index = join(WEB_DIR, 'dist', 'index.html');
  if (!existsSync(index)) {
    throw new Error('packages/web/dist is missing: build it with `npm run build -w @batchyard/web`.');
  }
  const built = statSync(index).mtimeMs;
  const newer = (dir: string): string | undefined => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      const found = entry.isDirectory()
        ? newer(path)
        : statSync(path).mtimeMs > built + 1000
          ? path
          : undefined;
      if (found) return found;
    }
    return undefined;
  };
  const stale = newer(join(WEB_DIR, 'src'));
  if (stale) {
    throw new Error(
      `packages/web/dist is older than ${stale}: rebuild it with \`npm run build -w @batchyard/web\`.`,
    );
  }
}

/** Fails (never skips) without Chromium or a fresh build; else a headless Chromium. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (the dashboard tests need it).`,
    );
  }
  assertWebBuilt();
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** Signs in with an API key on the dashboard's sign-in form; resolves on the jobs page. */
export async function signIn(page: Page, url: string, token: string): Promise<void> {
  await page.goto(`${url}/`);
  await page.getByLabel('API key').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Jobs' }).waitFor();
}

/**
 * Where screenshots go: test-artifacts/, or the committed packages/web/test/screenshots/ only when
 * BATCHYARD_UPDATE_SCREENSHOTS=1 asks to rewrite them (ids and times differ on every run, and a test
 * run must leave the checkout as it found it).
 */
export const SHOTS = fileURLToPath(
  new URL(
    process.env.BATCHYARD_UPDATE_SCREENSHOTS === '1'
      ? './screenshots/'
      : '../../../test-artifacts/screenshots/',
    import.meta.url,
  ),
);

/**
 * A full-page screenshot `${name}.png` in SHOTS, taken from the top: the sticky header would
 * otherwise be drawn over the middle of the page.
 */
export async function screenshotFromTop(page: Page, name: string): Promise<void> {
  await page.evaluate(() =>
    (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0),
  );
  await page.waitForTimeout(250);
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

export interface PageOptions {
  /** Signs in with this key; without one the page is left blank. */
  token?: string;
  /** Default 1280 × 900. */
  viewport?: { width: number; height: number };
  acceptDownloads?: boolean;
  /** Playwright's timeout for each action and wait (default 10 s). */
  timeout?: number;
  /** Lets the page use the clipboard (the Copy buttons) on the server's origin. */
  clipboard?: boolean;
}

/** What a suite's setup gets: all of it is closed after the suite. */
export interface DashboardEnv {
  server: TestServer;
  browser: Browser;
  /** The SDK as the instance admin (the server's bootstrap key). */
  root: Batchyard;
  /** The suite's own workspace, its key and the SDK using that key. */
  workspaceId: string;
  token: string;
  sdk: Batchyard;
  /** A page in a fresh browser context. */
  open(options?: PageOptions): Promise<Page>;
}

export interface SuiteOptions {
  /** The name of the workspace the suite works in. */
  workspace: string;
  /** The workspace key the suite's SDK uses (default an admin key named "lead"). */
  key?: { name: string; role: 'admin' | 'editor' | 'viewer' | 'worker' };
  jobTypes?: JobTypeDefinition[];
  /** Each test's timeout; vitest's configured one when left out. */
  testTimeout?: number;
  /** Runs after the tests, before pages, browser and server close (to release jobs still waiting). */
  beforeClose?: () => void;
}

/**
 * Registers, in the calling `describe`, a setup that starts a real SQLite server, creates the
 * suite's workspace and key, launches Chromium and runs `setup` (seeding data, opening pages), and
 * a teardown that closes them. Returns `e2e`, which declares a test that fails at once with the
 * setup's error when the setup failed (none is skipped).
 */
export function dashboardSuite(
  options: SuiteOptions,
  setup: (env: DashboardEnv) => Promise<void>,
): (name: string, fn: () => Promise<void>, timeout?: number) => void {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  let setupError: unknown;

  beforeAll(async () => {
    try {
      mkdirSync(SHOTS, { recursive: true });
      const launched = (browser = await launchChromium());
      const started = (server = await startTestServer('sqlite', {}, { jobTypes: options.jobTypes ?? [] }));
      const root = new Batchyard({ baseUrl: started.url, token: started.adminToken });
      const workspaceId = (await root.workspaces.create({ name: options.workspace })).id;
      const { name, role } = options.key ?? { name: 'lead', role: 'admin' };
      const token = (await root.keys.create({ name, role, workspaceId })).token;
      const open = async (page: PageOptions = {}) => {
        const context = await launched.newContext({
          viewport: page.viewport ?? { width: 1280, height: 900 },
          ...(page.acceptDownloads ? { acceptDownloads: true } : {}),
        });
        contexts.push(context);
        if (page.clipboard) {
          await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: started.url });
        }
        context.setDefaultTimeout(page.timeout ?? 10_000);
        const opened = await context.newPage();
        if (page.token) await signIn(opened, started.url, page.token);
        return opened;
      };
      await setup({
        server: started,
        browser: launched,
        root,
        workspaceId,
        token,
        sdk: new Batchyard({ baseUrl: started.url, token }),
        open,
      });
    } catch (error) {
      setupError = error;
    }
  }, 120_000);

  afterAll(async () => {
    options.beforeClose?.();
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await server?.close();
  });

  return (name, fn, timeout = options.testTimeout) =>
    it(
      name,
      async () => {
        if (setupError) throw setupError;
        await fn();
      },
      timeout,
    );
}

/**
 * Follows a link of the main navigation by its name, opening the Admin menu first when the link
 * is one of the admin pages grouped there (hidden while the menu is closed).
 */
export async function followNavLink(
  page: Page,
  name: string,
  options: { exact?: boolean } = {},
): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Main' });
  const link = nav.getByRole('link', { name, exact: options.exact ?? false });
  const menu = nav.getByRole('button', { name: 'Admin', exact: true });
  if ((await link.count()) === 0 && (await menu.count()) === 1) {
    if ((await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
  }
  await link.click();
}
