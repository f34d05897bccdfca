/**
 * A project's workflow edited from the dashboard's project form, in Debian's Chromium against the
 * real server: review stages, self-review, annotations per task, agreement threshold and gold rate.
 * Out-of-range values are caught on the page (no request is sent); a saved workflow is read back
 * through the SDK; the CLI line shows the matching flags. Screenshot project-workflow.png.
 */
import { join } from 'node:path';
import type { Batchyard } from '@batchyard/sdk';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { dashboardSuite, SHOTS } from './browser.js';

describe('web dashboard: project workflow (Chromium)', () => {
  let page: Page;
  let sdk: Batchyard;
  let projectId: string;

  const e2e = dashboardSuite({ workspace: 'web-workflow' }, async (env) => {
    sdk = env.sdk;
    projectId = (await sdk.projects.create({ workspaceId: env.workspaceId, name: 'labels' })).id;
    page = await env.open({ token: env.token, viewport: { width: 1280, height: 1400 } });
  });

  e2e('edits the workflow, catching out-of-range values before sending', async () => {
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
