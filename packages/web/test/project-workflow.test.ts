/**
 * A project's workflow edited from the dashboard's project form, in Debian's Chromium against the
 * real server: review stages, self-review, annotations per task, agreement threshold and gold rate.
 * Out-of-range values are caught on the page (no request is sent); a saved workflow is read back
 * through the SDK; the CLI line shows the matching flags. Screenshot project-workflow.png.
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

describe('web dashboard: project workflow (Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let sdk: Batchyard;
  let projectId: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await launchChromium();
    server = await startTestServer('sqlite');
    const root = new Batchyard({ baseUrl: server.url, token: server.adminToken });
    const workspaceId = (await root.workspaces.create({ name: 'web-workflow' })).id;
    const adminToken = (await root.keys.create({ name: 'lead', role: 'admin', workspaceId })).token;
    sdk = new Batchyard({ baseUrl: server.url, token: adminToken });
    projectId = (await sdk.projects.create({ workspaceId, name: 'labels' })).id;
    context = await browser.newContext({ viewport: { width: 1280, height: 1400 } });
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
    await signIn(page, server.url, adminToken);
  }, 120_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await server?.close();
  });

  it('edits the workflow, catching out-of-range values before sending', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Projects' }).click();
    await page.getByRole('link', { name: 'labels' }).click();
    await page.getByRole('heading', { name: 'Edit labels' }).waitFor();
    expect(await page.getByLabel('Annotations per task').inputValue()).toBe('1');
    expect(await page.getByLabel('Agreement threshold').inputValue()).toBe('0.8');
    expect(await page.getByLabel('Gold rate').inputValue()).toBe('0');

    let patches = 0;
    page.on('request', (r) => {
      if (r.method() === 'PATCH' && r.url().includes(`/v1/projects/${projectId}`)) patches++;
    });
    await page.getByLabel('Annotations per task').fill('25');
    await page.getByLabel('Gold rate').fill('2');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Must be a whole number from 1 to 20.').waitFor();
    await page.getByText('Must be a number from 0 to 1.').waitFor();
    expect(patches).toBe(0);
    expect((await sdk.projects.get(projectId)).workflow.annotationsPerTask).toBe(1);

    await page.getByLabel(/^Review stages/).fill('qa, final');
    await page.getByLabel('Reviewers may not judge their own work').uncheck();
    await page.getByLabel('Annotations per task').fill('3');
    await page.getByLabel('Agreement threshold').fill('0.7');
    await page.getByLabel('Gold rate').fill('0.25');
    const cli = page.getByRole('group', { name: 'CLI: save this project' }).locator('code');
    const line = await cli.textContent();
    for (const flag of [
      '--review-stages qa,final',
      '--allow-self-review',
      '--annotations-per-task 3',
      '--agreement-threshold 0.7',
      '--gold-rate 0.25',
    ])
      expect(line).toContain(flag);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText(/^Saved project/).waitFor();
    expect(patches).toBe(1);
    expect((await sdk.projects.get(projectId)).workflow).toEqual({
      reviewStages: ['qa', 'final'],
      excludeSelfReview: false,
      annotationsPerTask: 3,
      agreementThreshold: 0.7,
      goldRate: 0.25,
    });
    await page.screenshot({ path: join(SHOTS, 'project-workflow.png') });
  });
});
