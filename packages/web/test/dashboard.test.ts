/**
 * End-to-end tests of the dashboard: Debian's Chromium (driven by playwright-core, which never
 * downloads a browser) against the real server serving packages/web/dist, with data seeded
 * through the SDK. Screenshots go to test-artifacts/screenshots/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Batchyard } from '@batchyard/sdk';
import { NonRetryableError, type JobTypeDefinition } from '@batchyard/server';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import type { TestServer } from '../../../test/support/index.js';
import { dashboardSuite, followNavLink } from './browser.js';

const SHOTS = fileURLToPath(new URL('../../../test-artifacts/screenshots/', import.meta.url));

/** A slow in-process job: 60 steps of 250 ms, reporting progress and logging, stopping when aborted. */
const slowJob: JobTypeDefinition = {
  name: 'web.slow',
  description: 'Counts slowly (dashboard tests)',
  handler: async (ctx) => {
    const total = 60;
    for (let i = 0; i < total; i++) {
      if (ctx.signal.aborted) {
        ctx.log('warn', 'abort asked: stopping', { at: i });
        throw ctx.signal.reason;
      }
      ctx.progress({ done: i, total, unit: 'steps' });
      ctx.log('info', `step ${i} of ${total}`, { i });
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return { steps: total };
  },
};

/** Fails its first run for good (no retries left), then succeeds on a manual retry. */
let flakyFailures = 1;
const flakyJob: JobTypeDefinition = {
  name: 'web.flaky',
  description: 'Fails once (dashboard tests)',
  handler: async (ctx) => {
    if (flakyFailures > 0) {
      flakyFailures--;
      throw new NonRetryableError('The first run always fails.', { code: 'flaky_failure' });
    }
    ctx.count('tries');
    return { ok: true, attempt: ctx.attempt };
  },
};

/** The browser globals the tests read in the page (this file is compiled without the DOM types). */
interface InPage {
  sessionStorage: { getItem(key: string): string | null };
  localStorage: { length: number };
  innerWidth: number;
  document: { documentElement: { scrollWidth: number } };
  marker?: number;
}

describe('web dashboard (Chromium)', () => {
  let server: TestServer;
  let page: Page;
  let sdk: Batchyard;
  let token: string;
  let projectId: string;
  let datasetId: string;
  let batchId: string;
  let batchName: string;

  const e2e = dashboardSuite(
    { workspace: 'web-e2e', key: { name: 'dashboard', role: 'admin' }, jobTypes: [slowJob, flakyJob] },
    async (env) => {
      ({ server, sdk, token } = env);
      mkdirSync(SHOTS, { recursive: true });
      // A custom type with per-key limits, for the jobs page's types panel.
      await sdk.jobs.types.put('ext.dash-keyed', {
        keyLimits: { maxRunning: 2, rate: { max: 100, windowMs: 60_000 } },
      });
      projectId = (await sdk.projects.create({ workspaceId: env.workspaceId, name: 'labelling' })).id;

      const dataset = await sdk.datasets.create({
        projectId,
        name: 'orders',
        columns: [
          { name: 'sku', type: 'text' },
          { name: 'qty', type: 'numeric' },
        ],
        keyColumn: 'sku',
      });
      datasetId = dataset.id;
      batchName = 'march';
      const rows = Array.from({ length: 12 }, (_, i) => ({ sku: `sku-${i}`, qty: i * 5 }));
      const ingest = await (await sdk.batches.create(datasetId, rows, { name: batchName })).wait();
      expect(ingest.status).toBe('succeeded');
      batchId = (ingest.result as { batchId: string }).batchId;

      const created = await sdk.tasks.create(batchId, [
        { name: 'img-001', data: { label: 'cat' }, properties: { score: 0.9 } },
        { name: 'img-002', data: { label: 'cat' }, properties: { score: 0.4 } },
        { name: 'img-003', data: { label: 'dog' } },
        { name: 'img-004', data: { label: 'cat' } },
      ]);
      expect(created.created).toBe(4);
      // Three tasks complete (two cats, one dog); img-004 stays pending.
      const done = created.results.filter((r) => r.name !== 'img-004').map((r) => r.id!);
      await sdk.tasks.transition({ ids: done }, 'in_progress');
      await sdk.tasks.transition({ ids: done }, 'complete');

      page = await env.open({ viewport: { width: 1280, height: 860 }, acceptDownloads: true });
    },
  );

  /** A link of the main navigation. */
  const nav = (name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });

  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  e2e('serves the dashboard at / with a fallback to index.html, and keeps API 404s as problems', async () => {
    const home = await fetch(`${server.url}/jobs/job_anything`);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toMatch(/text\/html/);
    expect(await home.text()).toContain('<div id="root">');

    const api = await fetch(`${server.url}/v1/nothing-here`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await api.json()) as { code: string }).code).toBe('route_not_found');

    const asset = await fetch(`${server.url}/assets/missing-file.js`);
    expect(asset.status).toBe(404);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  e2e('signs in with an API key, showing a bad key’s problem first', async () => {
    await page.goto(`${server.url}/`);
    await page.getByLabel('API key').fill('byk_not_a_real_key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/unauthorized|invalid|unauthenticated/i);
    await shot('01-sign-in-error');

    await page.getByLabel('API key').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Jobs' }).waitFor();
    expect(page.url()).toBe(`${server.url}/jobs`);
    expect(
      await page.evaluate(() => (globalThis as unknown as InPage).sessionStorage.getItem('batchyard.token')),
    ).toBe(token);
    expect(await page.evaluate(() => (globalThis as unknown as InPage).localStorage.length)).toBe(0);
    await expect.poll(() => page.getByLabel('Project').inputValue()).toBe(projectId);
  });

  e2e('shows a long job’s progress moving live, then aborts it', async () => {
    await page.evaluate(() => ((globalThis as unknown as InPage).marker = 42));
    const job = (await sdk.jobs.create({ type: 'web.slow', arguments: {} })).job!;
    const row = page.locator(`tr[data-job-id="${job.id}"]`);
    // The new job appears from the job event stream (the page does not poll the list).
    await row.waitFor({ timeout: 4_000 });
    const bar = row.getByRole('progressbar');
    const value = async () => Number((await bar.getAttribute('aria-valuenow')) ?? '-1');
    await expect.poll(value, { timeout: 15_000 }).toBeGreaterThan(5);
    const first = await value();
    await expect.poll(value, { timeout: 15_000 }).toBeGreaterThan(first + 5);
    // Updated in place: the page was never reloaded.
    expect(await page.evaluate(() => (globalThis as unknown as InPage).marker)).toBe(42);
    expect(await row.getAttribute('data-status')).toBe('running');
    await shot('02-jobs-live-progress');

    await row.getByRole('link').first().click();
    // The job's log lines appear and keep coming while it runs (the page follows the log stream).
    const log = page.getByRole('list', { name: 'Job log' });
    const logLines = log.locator('li');
    await expect.poll(() => logLines.count(), { timeout: 15_000 }).toBeGreaterThan(2);
    const shown = await logLines.count();
    await expect.poll(() => logLines.count(), { timeout: 15_000 }).toBeGreaterThan(shown + 2);
    expect(await logLines.first().textContent()).toMatch(/info\s*step 0 of 60\s*\{"i":0\}/);
    expect(await page.evaluate(() => (globalThis as unknown as InPage).marker)).toBe(42);
    await shot('02b-job-log-live');
    await page.getByRole('button', { name: 'Abort' }).click();
    await expect.poll(() => page.locator('h1 .badge').textContent(), { timeout: 15_000 }).toBe('aborted');
    // Shown as stopped on request by its credential, not as a crash (no error alert).
    await expect
      .poll(() => page.locator('.notice-aborted').textContent(), { timeout: 15_000 })
      .toContain('Aborted by dashboard');
    expect(await page.locator('.error[role="alert"]').count()).toBe(0);
    // The handler's last line, written as it stopped, shows too.
    await expect
      .poll(() => logLines.last().textContent(), { timeout: 15_000 })
      .toMatch(/warn\s*abort asked: stopping/);
    await shot('03-job-aborted');
    const aborted = await sdk.jobs.get(job.id);
    expect(aborted.status).toBe('aborted');
    expect(aborted.error).toMatchObject({ code: 'aborted', details: { abortedBy: { name: 'dashboard' } } });
  });

  e2e('filters jobs by status and type, and retries a failed job', async () => {
    const job = (await sdk.jobs.create({ type: 'web.flaky', arguments: {}, maxAttempts: 1 })).job!;
    expect((await sdk.jobs.wait(job.id)).status).toBe('failed');

    await nav('Jobs').click();
    await page.getByLabel('Status').selectOption('failed');
    await page.getByLabel('Type').selectOption('web.flaky');
    const row = page.locator(`tr[data-job-id="${job.id}"]`);
    await row.waitFor();
    expect(await page.locator('tr[data-job-id]').count()).toBe(1);
    await shot('04-jobs-filtered');

    // The New job form offers only the types `POST /v1/jobs` accepts (no resource's internal type).
    await page.getByRole('button', { name: 'New job…' }).click();
    const offered = await page
      .getByRole('form', { name: 'New job' })
      .locator('select option')
      .evaluateAll((options) => options.map((o) => o.getAttribute('value') ?? ''));
    expect(offered).toContain('web.flaky');
    expect(offered.filter((name) => /^(batch|tasks)\./.test(name))).toEqual([]);

    await row.getByRole('link').first().click();
    await page.getByText('flaky_failure').waitFor();
    await page.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => page.locator('h1 .badge').textContent(), { timeout: 15_000 }).toBe('succeeded');
    await page.getByText('"ok": true').waitFor();
    await shot('05-job-retried');
  });

  e2e('aborts selected jobs, then deletes all jobs matching the filters, showing each bulk job', async () => {
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const handles = await sdk.jobs.createMany(
      Array.from({ length: 3 }, (_, i) => ({ type: 'system.noop', runAt: later, title: `bulk ${i}` })),
    );
    const [first, second, third] = handles.map((h) => h.id) as [string, string, string];

    await nav('Jobs').click();
    await page.getByLabel('Status').selectOption('queued');
    await page.getByLabel('Type').selectOption('system.noop');
    for (const id of [first, second, third]) await page.locator(`tr[data-job-id="${id}"]`).waitFor();
    const bulk = page.getByRole('group', { name: 'Bulk actions' });
    expect(await bulk.getByRole('button', { name: 'Abort selected' }).isDisabled()).toBe(true);
    await page.getByLabel(`Select ${first}`).check();
    await page.getByLabel(`Select ${second}`).check();
    await bulk.getByRole('button', { name: 'Abort selected (2)' }).click();
    const confirm = page.getByRole('group', { name: 'Confirm bulk action' });
    expect(await confirm.textContent()).toContain('Abort 2 selected jobs?');
    await shot('05b-jobs-bulk-confirm');
    await confirm.getByRole('button', { name: 'Confirm abort' }).click();
    const notice = page.locator('.bulk-actions .notice').first();
    await expect.poll(() => notice.getAttribute('class'), { timeout: 15_000 }).toContain('notice-succeeded');
    await expect
      .poll(() => page.locator('.bulk-result').textContent(), { timeout: 15_000 })
      .toBe('2 jobs aborted, none refused.');
    expect((await sdk.jobs.get(first)).status).toBe('aborted');
    expect((await sdk.jobs.get(second)).status).toBe('aborted');
    expect((await sdk.jobs.get(third)).status).toBe('queued');
    // The list was read again: the aborted ones no longer match "queued"; the selection is cleared.
    await expect.poll(() => page.locator(`tr[data-job-id="${first}"]`).count()).toBe(0);
    await shot('05c-jobs-bulk-aborted');

    await page.getByLabel('Status').selectOption('aborted');
    await page.locator(`tr[data-job-id="${first}"]`).waitFor();
    await bulk.getByRole('button', { name: 'Delete all matching' }).click();
    expect(await confirm.textContent()).toContain('every job matching status aborted, type system.noop');
    await confirm.getByRole('button', { name: 'Confirm delete' }).click();
    await expect
      .poll(() => page.locator('.bulk-result').textContent(), { timeout: 15_000 })
      .toBe('2 jobs deleted, none refused.');
    await expect.poll(() => page.locator('tr[data-job-id]').count()).toBe(0);
    for (const id of [first, second]) {
      expect(await sdk.jobs.get(id).catch((e: { status?: number }) => e.status)).toBe(404);
    }
    expect((await sdk.jobs.get(third)).status).toBe('queued');

    // With no filter, "all matching" would be every job: it is not offered.
    await page.getByLabel('Status').selectOption('');
    await page.getByLabel('Type').selectOption('');
    expect(await bulk.getByRole('button', { name: 'Delete all matching' }).isDisabled()).toBe(true);
  });

  e2e('pauses and resumes a job type from the jobs page; its queued job shows paused', async () => {
    await nav('Jobs').click();
    await page.getByRole('heading', { name: 'Jobs' }).waitFor();
    const panel = page.locator('details.job-types');
    await panel.locator('summary').click();
    const typeRow = panel.locator('tr[data-job-type="system.noop"]');
    expect(await typeRow.locator('td[data-label="Per key"]').textContent()).toBe('1 at once');
    expect(
      await panel.locator('tr[data-job-type="ext.dash-keyed"] td[data-label="Per key"]').textContent(),
    ).toBe('2 at once · 100 per 60 s');
    await panel.getByRole('button', { name: 'Pause system.noop' }).click();
    await expect.poll(() => typeRow.locator('td[data-label="State"]').textContent()).toBe('paused');
    const job = (await sdk.jobs.create({ type: 'system.noop', arguments: {} })).job!;
    const row = page.locator(`tr[data-job-id="${job.id}"]`);
    await row.waitFor({ timeout: 4_000 });
    await expect.poll(() => row.locator('td[data-label="Status"]').textContent()).toBe('queued paused');
    await shot('15-job-type-paused');
    await panel.getByRole('button', { name: 'Resume system.noop' }).click();
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 15_000 }).toBe('succeeded');
    expect((await sdk.jobs.get(job.id)).status).toBe('succeeded');
  });

  e2e('suspends and restores a batch: its rows disappear and come back', async () => {
    await nav('Datasets').click();
    await page.getByRole('link', { name: 'orders' }).click();
    await page.getByRole('heading', { name: 'Rows' }).waitFor();
    const rows = page.locator('table.rows tbody tr');
    await expect.poll(() => rows.count()).toBe(12);

    // A column filter first.
    // Scoped: the page's append panel has labels with "column" in them too.
    const filters = page.getByRole('form', { name: 'Row filters' });
    await filters.getByLabel('Column').selectOption('qty');
    await filters.getByLabel('Operator').selectOption('gte');
    await filters.getByLabel('Value').fill('30');
    await page.getByRole('button', { name: 'Add filter' }).click();
    await expect.poll(() => rows.count()).toBe(6);
    await shot('06-rows-filtered');
    await page.getByRole('button', { name: /Remove filter qty gte 30/ }).click();
    await expect.poll(() => rows.count()).toBe(12);

    await page.getByRole('button', { name: `Suspend batch ${batchName}` }).click();
    await page.getByText('No rows in active batches.').waitFor({ timeout: 15_000 });
    await expect
      .poll(() => page.locator(`tr[data-batch-id="${batchId}"] .badge`).textContent())
      .toBe('suspended');
    await shot('07-batch-suspended');

    await page.getByRole('button', { name: `Restore batch ${batchName}` }).click();
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(12);
    await expect
      .poll(() => page.locator(`tr[data-batch-id="${batchId}"] .badge`).textContent())
      .toBe('active');
    await shot('08-batch-restored');
  });

  e2e('filters tasks, sends two to review, and exports a CSV', async () => {
    await nav('Tasks').click();
    const rows = page.locator('table.tasks tbody tr');
    await expect.poll(() => rows.count()).toBe(4);

    await page.getByRole('group', { name: 'Status' }).getByLabel('complete').check();
    await page.getByRole('button', { name: 'Add condition' }).click();
    await page.getByLabel('Field').fill('data.label');
    await page.getByLabel('Value', { exact: true }).fill('cat');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.locator('td[data-label="Name"]').allTextContents()).toEqual(['img-001', 'img-002']);
    await shot('09-tasks-filtered');

    await page.getByLabel('Select every task on this page').check();
    await page.getByRole('button', { name: 'Send to review' }).click();
    await page.getByText('Send to review: 2 applied, 0 refused.').waitFor();
    // The filter still asks for complete tasks: the two reviewed ones left it.
    await page.getByText('No tasks match these filters.').waitFor();
    const reviewed = await sdk.tasks.list({ projectId, statuses: ['to_review'] });
    expect(reviewed.data.map((t) => t.name).sort()).toEqual(['img-001', 'img-002']);

    await page.getByRole('group', { name: 'Status' }).getByLabel('complete').uncheck();
    await page.getByRole('group', { name: 'Status' }).getByLabel('to review').check();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => rows.count()).toBe(2);
    await shot('10-tasks-to-review');

    await page.getByRole('form', { name: 'Export tasks' }).getByLabel('Format').selectOption('csv');
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 20_000 }),
      page.getByRole('button', { name: 'Export' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^tasks-.*\.csv$/);
    const path = await download.path();
    const csv = readFileSync(path, 'utf8');
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]).toContain('name');
    expect(lines).toHaveLength(3);
    expect(csv).toContain('img-001');
    expect(csv).toContain('img-002');
    expect(csv).not.toContain('img-003');
    await shot('11-tasks-exported');
  });

  e2e('lists the changes made from the dashboard in the audit log, filtered by action', async () => {
    await followNavLink(page, 'Audit log');
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    const rows = page.getByRole('table', { name: 'Audit log entries' }).locator('tbody tr');
    await rows.first().waitFor();
    await page.getByLabel('Actions').fill('task.review');
    await page.getByRole('button', { name: 'Filter' }).click();
    // The two tasks sent to review above, one entry each, by the dashboard's key.
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(2);
    for (const text of await rows.allTextContents()) {
      expect(text).toContain('task.review');
      expect(text).toContain('dashboard');
    }
    await shot('12-audit-log');
    // Back where the next test starts: the task list.
    await nav('Tasks').click();
    await page.getByRole('link', { name: 'img-001' }).waitFor();
  });

  e2e('shows a task with its data and history, and fits a phone screen', async () => {
    await page.getByRole('link', { name: 'img-001' }).click();
    await page.getByRole('heading', { name: 'History' }).waitFor();
    await page.getByText('"label": "cat"').waitFor();
    expect(await page.locator('table.compact tbody tr').count()).toBeGreaterThanOrEqual(3);
    await page.getByText('This task has no sheet.').waitFor();
    await shot('13-task');

    // The same tab (sessionStorage is per tab), at a phone's size.
    await page.setViewportSize({ width: 390, height: 844 });
    await nav('Jobs').click();
    await page.locator('tr[data-job-id]').first().waitFor();
    const overflow = await page.evaluate(() => {
      const w = globalThis as unknown as InPage;
      return w.document.documentElement.scrollWidth - w.innerWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    await shot('14-phone-jobs');
    await page.setViewportSize({ width: 1280, height: 860 });
  });
});
