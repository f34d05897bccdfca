/**
 * Job actions from the job list and the job page, in Debian's Chromium against the real server:
 * failed jobs retried from the list (selected rows, one refused with its reason), one retried from
 * its row, a running job aborted from its row, selected jobs deleted after a confirmation (one
 * refused), one deleted from its row (a cancelled confirmation first), and an export's artifact
 * downloaded from the list and from the job page, its content read. Each action's outcome and CLI
 * command are checked on the page, and each change through the SDK. Screenshots
 * (jobs-actions-*.png) are committed under packages/web/test/screenshots/ and rewritten only with
 * BATCHYARD_UPDATE_SCREENSHOTS=1.
 */
import { readFileSync } from 'node:fs';
import type { Batchyard } from '@batchyard/sdk';
import { NonRetryableError, type JobTypeDefinition } from '@batchyard/server';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import type { TestServer } from '../../../test/support/index.js';
import { dashboardSuite, screenshotFromTop, signIn } from './browser.js';

/** Fails on its first run, succeeds when retried (one attempt each: a failure is final). */
const seen = new Set<string>();
const failsOnce: JobTypeDefinition = {
  name: 'web.fails-once',
  description: 'Fails its first run (job action tests)',
  handler: async (ctx) => {
    if (!seen.has(ctx.id)) {
      seen.add(ctx.id);
      throw new NonRetryableError('The first run fails.', { code: 'first_run_fails' });
    }
    return { ok: true };
  },
};

/** Runs until aborted. */
const waits: JobTypeDefinition = {
  name: 'web.waits',
  description: 'Waits until aborted (job action tests)',
  handler: async (ctx) => {
    for (let i = 0; ; i++) {
      ctx.signal.throwIfAborted();
      ctx.progress({ done: i % 100, total: 100, unit: 'steps' });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  },
};

describe('web dashboard: job actions (Chromium)', () => {
  let server: TestServer;
  let page: Page;
  let sdk: Batchyard;
  let projectId: string;
  /** Uncaught errors in the page: each test fails on any. */
  const pageErrors: string[] = [];

  const test = dashboardSuite(
    {
      workspace: 'web-job-actions',
      key: { name: 'ops', role: 'admin' },
      jobTypes: [failsOnce, waits],
      testTimeout: 60_000,
    },
    async (env) => {
      ({ server, sdk } = env);
      const { workspaceId } = env;
      projectId = (await sdk.projects.create({ workspaceId, name: 'exports' })).id;
      const dataset = await sdk.datasets.create({
        projectId,
        name: 'frames',
        columns: [{ name: 'file', type: 'text' }],
      });
      const batchId = (
        (await (await sdk.batches.create(dataset.id, [{ file: 'a.jpg' }], { name: 'b' })).wait()).result as {
          batchId: string;
        }
      ).batchId;
      await sdk.tasks.create(batchId, [
        { name: 'img-1', data: { label: 'cat' } },
        { name: 'img-2', data: { label: 'dog' } },
      ]);
      page = await env.open({ acceptDownloads: true });
      page.on('pageerror', (e) => pageErrors.push(e.message));
      await signIn(page, server.url, env.token);
    },
  );
  const e2e = (name: string, fn: () => Promise<void>, timeout?: number) =>
    test(
      name,
      async () => {
        await fn();
        expect(pageErrors).toEqual([]);
      },
      timeout,
    );
  const shot = (name: string) => screenshotFromTop(page, `jobs-actions-${name}`);
  const openJobs = async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs' }).click();
    await page.getByRole('heading', { name: 'Jobs', level: 1 }).waitFor();
  };
  const row = (id: string) => page.locator(`tr[data-job-id="${id}"]`);
  const rowButton = (id: string, name: string) =>
    page.getByRole('group', { name: `Actions on ${id}` }).getByRole('button', { name, exact: true });
  const outcome = () => page.locator('.row-action-panel .action-outcome');
  const status = async (id: string) => (await sdk.jobs.get(id)).status;

  e2e(
    'retries failed jobs from the list: selected ones (one refused, with its reason) and one from its row',
    async () => {
      const failing = await sdk.jobs.createMany([
        { type: 'web.fails-once', title: 'fails 1', maxAttempts: 1 },
        { type: 'web.fails-once', title: 'fails 2', maxAttempts: 1 },
        { type: 'web.fails-once', title: 'fails 3', maxAttempts: 1 },
      ]);
      const [a, b, c] = failing.map((h) => h.id) as [string, string, string];
      const ok = (await sdk.jobs.create({ type: 'system.noop', title: 'already fine' })).id;
      for (const id of [a, b, c, ok]) await sdk.jobs.wait(id);
      expect([await status(a), await status(b), await status(c), await status(ok)]).toEqual([
        'failed',
        'failed',
        'failed',
        'succeeded',
      ]);

      await openJobs();
      for (const id of [a, b, c, ok]) await row(id).waitFor();
      // A succeeded job offers no Retry on its row; a failed one does.
      expect(await rowButton(ok, 'Retry').count()).toBe(0);
      expect(await rowButton(a, 'Retry').isEnabled()).toBe(true);

      for (const id of [a, b, ok]) await page.getByLabel(`Select ${id}`).check();
      const bulk = page.getByRole('group', { name: 'Bulk actions' });
      await bulk.getByRole('button', { name: 'Retry selected (3)' }).click();
      const confirm = page.getByRole('group', { name: 'Confirm bulk action' });
      expect(await confirm.textContent()).toContain('Retry 3 selected jobs?');
      expect(await confirm.locator('.cli-text').textContent()).toBe(
        `batchyard jobs bulk retry --id ${a},${b},${ok} --wait`,
      );
      await shot('01-retry-confirm');
      await confirm.getByRole('button', { name: 'Confirm retry' }).click();
      await expect
        .poll(() => page.locator('.bulk-result').textContent(), { timeout: 15_000 })
        .toBe(
          `2 jobs retried, 1 refused: ${ok} succeeded: only failed, aborted, skipped or expired jobs are retried.`,
        );
      expect(await page.locator('.bulk-actions .action-outcome .cli-text').textContent()).toBe(
        `batchyard jobs bulk retry --id ${a},${b},${ok} --wait`,
      );
      await expect.poll(() => status(a), { timeout: 15_000 }).toBe('succeeded');
      await expect.poll(() => status(b), { timeout: 15_000 }).toBe('succeeded');
      expect(await status(ok)).toBe('succeeded');
      expect(await status(c)).toBe('failed');
      await expect.poll(() => row(a).getAttribute('data-status'), { timeout: 15_000 }).toBe('succeeded');
      await shot('02-retried-selected');

      // One job from its own row.
      await rowButton(c, 'Retry').click();
      await expect
        .poll(() => outcome().locator('.outcome-text').textContent())
        .toMatch(new RegExp(`^Job ${c} retried: (queued|running|succeeded) again`));
      expect(await outcome().locator('.cli-text').textContent()).toBe(`batchyard jobs retry ${c}`);
      await expect.poll(() => status(c), { timeout: 15_000 }).toBe('succeeded');
      await expect.poll(() => row(c).getAttribute('data-status'), { timeout: 15_000 }).toBe('succeeded');
      await shot('03-retried-row');
    },
  );

  e2e('aborts a running job from its row', async () => {
    const id = (await sdk.jobs.create({ type: 'web.waits', title: 'long wait' })).id;
    await expect.poll(() => status(id), { timeout: 15_000 }).toBe('running');
    await openJobs();
    await expect.poll(() => row(id).getAttribute('data-status'), { timeout: 15_000 }).toBe('running');
    // Running: Abort, no Retry and no Delete.
    expect(await rowButton(id, 'Retry').count()).toBe(0);
    expect(await rowButton(id, 'Delete').count()).toBe(0);
    await rowButton(id, 'Abort').click();
    await expect
      .poll(() => outcome().locator('.outcome-text').textContent())
      .toMatch(new RegExp(`^(Abort of job ${id} requested: it was running|Job ${id} aborted\\.)`));
    expect(await outcome().locator('.cli-text').textContent()).toBe(`batchyard jobs abort ${id}`);
    // Generous: on a loaded machine the handler's stop and the job's completion can lag.
    await expect.poll(() => status(id), { timeout: 30_000 }).toBe('aborted');
    await expect.poll(() => row(id).getAttribute('data-status'), { timeout: 30_000 }).toBe('aborted');
    await shot('04-aborted-row');
  });

  e2e('deletes selected jobs after a confirmation (a queued one refused), and one from its row', async () => {
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const done = await sdk.jobs.createMany([
      { type: 'system.noop', title: 'old 1' },
      { type: 'system.noop', title: 'old 2' },
      { type: 'system.noop', title: 'old 3' },
    ]);
    const [x, y, z] = done.map((h) => h.id) as [string, string, string];
    for (const id of [x, y, z]) await sdk.jobs.wait(id);
    const queued = (await sdk.jobs.create({ type: 'system.noop', title: 'not yet', runAt: later })).id;

    await openJobs();
    for (const id of [x, y, z, queued]) await row(id).waitFor();
    for (const id of [x, y, queued]) await page.getByLabel(`Select ${id}`).check();
    const bulk = page.getByRole('group', { name: 'Bulk actions' });
    await bulk.getByRole('button', { name: 'Delete selected (3)' }).click();
    const confirm = page.getByRole('group', { name: 'Confirm bulk action' });
    expect(await confirm.textContent()).toContain('Delete 3 selected jobs?');
    // Nothing is deleted before the confirmation.
    expect(await status(x)).toBe('succeeded');
    await shot('05-delete-confirm');
    await confirm.getByRole('button', { name: 'Confirm delete' }).click();
    await expect
      .poll(() => page.locator('.bulk-result').textContent(), { timeout: 15_000 })
      .toBe(`2 jobs deleted, 1 refused: ${queued} queued: only finished jobs are deleted.`);
    for (const id of [x, y]) {
      expect(await sdk.jobs.get(id).catch((e: { status?: number }) => e.status)).toBe(404);
    }
    expect(await status(queued)).toBe('queued');
    await expect.poll(() => row(x).count()).toBe(0);
    await shot('06-deleted-selected');

    // One from its row: cancelled once (nothing happens), then confirmed.
    await rowButton(z, 'Delete').click();
    const single = page.getByRole('group', { name: 'Confirm delete' });
    expect(await single.textContent()).toContain(`Delete job ${z} (old 3) and its artifacts?`);
    expect(await single.locator('.cli-text').textContent()).toBe(`batchyard jobs delete ${z}`);
    await single.getByRole('button', { name: 'Cancel' }).click();
    expect(await single.count()).toBe(0);
    expect(await status(z)).toBe('succeeded');
    await rowButton(z, 'Delete').click();
    await shot('07-delete-row-confirm');
    await single.getByRole('button', { name: 'Confirm delete' }).click();
    await expect
      .poll(() => outcome().locator('.outcome-text').textContent())
      .toBe(`Job ${z} deleted, with its artifacts.`);
    expect(await outcome().locator('.cli-text').textContent()).toBe(`batchyard jobs delete ${z}`);
    expect(await sdk.jobs.get(z).catch((e: { status?: number }) => e.status)).toBe(404);
    await expect.poll(() => row(z).count()).toBe(0);
    await sdk.jobs.abort(queued);
  });

  e2e('downloads an export artifact from the list and from the job page', async () => {
    const handle = await sdk.tasks.export({ format: 'csv', filter: { projectId }, wait: false });
    const job = await handle.wait();
    expect(job.status).toBe('succeeded');
    const artifact = job.artifacts[0]!;
    expect(artifact.name).toMatch(/\.csv$/);

    await openJobs();
    await row(job.id).waitFor();
    await rowButton(job.id, 'Artifacts').click();
    const panel = page.getByRole('region', { name: `Artifacts of job ${job.id}` });
    await panel.getByRole('button', { name: `Download ${artifact.name}` }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByRole('button', { name: `Download ${artifact.name}` }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(artifact.name);
    const csv = readFileSync((await download.path())!, 'utf8');
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]).toContain('name');
    expect(lines).toHaveLength(3);
    expect(csv).toContain('img-1');
    expect(csv).toContain('img-2');
    await expect
      .poll(() => outcome().locator('.outcome-text').textContent())
      .toBe(`Downloaded ${artifact.name} of job ${job.id} (${artifact.size.toLocaleString('en')} bytes).`);
    expect(await outcome().locator('.cli-text').textContent()).toBe(
      `batchyard jobs artifacts get ${job.id} ${artifact.name}`,
    );
    await shot('08-artifact-downloaded');

    // The job page: the same download, its outcome and command.
    await row(job.id).getByRole('link').first().click();
    await page.getByRole('heading', { name: 'Artifacts' }).waitFor();
    const [again] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: `Download ${artifact.name}` }).click(),
    ]);
    expect(readFileSync((await again.path())!, 'utf8')).toBe(csv);
    await expect
      .poll(() => page.locator('.action-outcome .cli-text').textContent())
      .toBe(`batchyard jobs artifacts get ${job.id} ${artifact.name}`);
    await shot('09-job-page-download');

    // The job page deletes too, after its own confirmation, and goes back to the list.
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page
      .getByRole('group', { name: 'Confirm delete' })
      .getByRole('button', { name: 'Confirm delete' })
      .click();
    await page.getByRole('heading', { name: 'Jobs', level: 1 }).waitFor();
    expect(await sdk.jobs.get(job.id).catch((e: { status?: number }) => e.status)).toBe(404);
  });
});
