/**
 * What the dashboard's browser tests share: Debian's Chromium through playwright-core (which never
 * downloads a browser), the check that packages/web/dist is fresh, and signing in.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

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
