/**
 * The dashboard's flow pages in Debian's Chromium against the real server (SQLite file) serving
 * packages/web/dist: flows created through the SDK with in-process job types, a gate the test
 * opens to let a flow go on while the page watches. Screenshots of the flow page are committed
 * under packages/web/test/screenshots/.
 */
import { join } from 'node:path';
import type { Batchyard, Flow } from '@batchyard/sdk';
import type { JobTypeDefinition } from '@batchyard/server';
import type { Browser, Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import type { TestServer } from '../../../test/support/index.js';
import { dashboardSuite, SHOTS, signIn } from './browser.js';

/** Gates the test opens by name; a `web.gate` job runs until its gate opens or it is aborted. */
const gates = new Map<string, () => void>();
const waiters = new Map<string, Promise<void>>();
function gate(name: string): Promise<void> {
  let promise = waiters.get(name);
  if (!promise) {
    promise = new Promise<void>((resolve) => gates.set(name, resolve));
    waiters.set(name, promise);
  }
  return promise;
}
function open(name: string): void {
  void gate(name);
  gates.get(name)!();
}

const gateJob: JobTypeDefinition = {
  name: 'web.gate',
  description: 'Runs until the test opens its gate (flow page tests)',
  handler: async (ctx) => {
    const name = String((ctx.arguments as { gate?: unknown }).gate);
    ctx.progress({ done: 1, total: 4, unit: 'steps' });
    await new Promise<void>((resolve, reject) => {
      void gate(name).then(resolve);
      ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason as Error), { once: true });
    });
    return { gate: name };
  },
};

const stepJob: JobTypeDefinition = {
  name: 'web.step',
  description: 'A short step (flow page tests)',
  handler: async () => {
    await new Promise((resolve) => setTimeout(resolve, 150));
    return { ok: true };
  },
};

/** The browser globals the tests read in the page (this file is compiled without the DOM types). */
interface InPage {
  marker?: number;
  innerWidth: number;
  document: { documentElement: { scrollWidth: number } };
}

describe('web dashboard: flow pages (Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let sdk: Batchyard;
  let token: string;
  let viewerToken: string;
  let projectId: string;
  let diamond: Flow;

  const e2e = dashboardSuite(
    {
      workspace: 'web-flows',
      key: { name: 'dashboard', role: 'editor' },
      jobTypes: [gateJob, stepJob],
      testTimeout: 60_000,
      beforeClose: () => {
        for (const resolve of gates.values()) resolve();
      },
    },
    async (env) => {
      ({ server, browser, sdk, token } = env);
      const { workspaceId } = env;
      viewerToken = (await env.root.keys.create({ name: 'onlooker', role: 'viewer', workspaceId })).token;
      projectId = (await sdk.projects.create({ workspaceId, name: 'pipelines' })).id;
      page = await env.open({ token, viewport: { width: 1280, height: 860 } });
    },
  );

  const nav = (name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });
  const shot = async (name: string) => {
    // Bars and box colours ease over 0.2 s: let them settle first.
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  };
  const node = (key: string) => page.locator(`a.flow-node[data-key="${key}"]`);
  const nodeStatuses = () =>
    page.locator('a.flow-node').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));

  e2e('lists a flow live (it appears without a reload), with progress and a status filter', async () => {
    await nav('Flows').click();
    await page.getByRole('heading', { name: 'Flows' }).waitFor();
    await page.evaluate(() => ((globalThis as unknown as InPage).marker = 7));
    diamond = await sdk.flows.create({
      name: 'diamond',
      projectId,
      jobs: {
        extract: { type: 'web.gate', arguments: { gate: 'diamond' } },
        left: { type: 'web.step', dependsOn: ['extract'] },
        right: { type: 'web.step', dependsOn: ['extract'] },
        report: { type: 'web.step', dependsOn: ['left', 'right'] },
      },
    });
    const row = page.locator(`tr[data-flow-id="${diamond.id}"]`);
    // Re-read on the job events of its jobs (the backstop re-read would take 15 s).
    await row.waitFor({ timeout: 8_000 });
    expect(await page.evaluate(() => (globalThis as unknown as InPage).marker)).toBe(7);
    expect(await row.getAttribute('data-status')).toBe('running');
    expect(await row.textContent()).toContain('0/4 jobs ended');
    expect(await row.getByRole('progressbar').getAttribute('aria-valuetext')).toMatch(/0\/4 jobs ended/);
    await shot('flow-list');

    await page.getByLabel('Status').selectOption('succeeded');
    await page.getByText('No flows with this status.').waitFor();
    await page.getByLabel('Status').selectOption('running');
    await row.waitFor();
    expect(page.url()).toContain('/flows?status=running');
    await page.getByLabel('Status').selectOption('');
  });

  e2e('draws the diamond (4 boxes, 4 edges) and shows its statuses change live to succeeded', async () => {
    await nav('Flows').click();
    await page.getByRole('link', { name: 'diamond' }).click();
    await page.getByRole('heading', { name: /diamond/ }).waitFor();
    const graph = page.getByRole('group', { name: /Flow graph: 4 jobs in 3 layers/ });
    await graph.waitFor();
    expect(await page.locator('a.flow-node').count()).toBe(4);
    expect(await page.locator('svg path.flow-edge').count()).toBe(4);
    // Layered by depth: extract above left and right (side by side), report below both.
    const [e, l, r, d] = await Promise.all(
      ['extract', 'left', 'right', 'report'].map(async (k) => (await node(k).boundingBox())!),
    );
    expect(l!.y).toBeGreaterThan(e!.y + e!.height);
    expect(r!.y).toBe(l!.y);
    expect(d!.y).toBeGreaterThan(l!.y + l!.height);
    // Each box is a link with its key, type and status as text, to its job.
    const extract = await sdk.flows.get(diamond.id);
    const extractId = extract.jobs!.find((j) => j.key === 'extract')!.id;
    expect(await node('extract').getAttribute('href')).toBe(`/jobs/${extractId}`);
    await expect.poll(() => node('extract').getAttribute('data-status')).toBe('running');
    expect(await node('left').textContent()).toMatch(/left\s*web\.step\s*waiting/);
    expect(await page.getByRole('link', { name: /report.*web\.step.*waiting/ }).count()).toBe(1);
    await page.evaluate(() => ((globalThis as unknown as InPage).marker = 42));
    await shot('flow-diamond-running');

    open('diamond');
    await expect
      .poll(nodeStatuses, { timeout: 15_000 })
      .toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
    await expect.poll(() => page.locator('h1 .badge').textContent()).toBe('succeeded');
    expect(await page.getByRole('progressbar', { name: 'Flow progress' }).getAttribute('aria-valuenow')).toBe(
      '100',
    );
    // Live: the page was never reloaded.
    expect(await page.evaluate(() => (globalThis as unknown as InPage).marker)).toBe(42);
    expect(await page.getByRole('button', { name: 'Abort' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Retry' }).isDisabled()).toBe(true);
    await shot('flow-diamond');
  });

  e2e('links a job to its flow and lists its dependencies with their statuses', async () => {
    await node('report').click();
    await page.getByRole('heading', { name: 'Dependencies' }).waitFor();
    const deps = page.getByRole('table', { name: 'Dependencies' }).locator('tbody tr');
    await expect.poll(() => deps.count()).toBe(2);
    expect(await deps.locator('td[data-label="Job"] a').allTextContents()).toEqual(
      expect.arrayContaining(['left', 'right']),
    );
    expect(await deps.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')))).toEqual([
      'succeeded',
      'succeeded',
    ]);
    // A flow's job is deleted with its flow, not alone.
    expect(await page.getByRole('button', { name: 'Delete' }).isDisabled()).toBe(true);
    await page.getByRole('link', { name: diamond.id }).click();
    await page.getByRole('group', { name: /Flow graph/ }).waitFor();
    expect(page.url()).toBe(`${server.url}/flows/${diamond.id}`);
  });

  e2e('aborts a running flow from its page; a refused action shows the server’s problem', async () => {
    const flow = await sdk.flows.create({
      name: 'to-abort',
      projectId,
      jobs: {
        wait: { type: 'web.gate', arguments: { gate: 'never' } },
        after: { type: 'web.step', dependsOn: ['wait'] },
      },
    });
    await page.goto(`${server.url}/flows/${flow.id}`);
    await expect.poll(() => node('wait').getAttribute('data-status'), { timeout: 15_000 }).toBe('running');
    await page.getByRole('button', { name: 'Abort' }).click();
    await expect.poll(() => page.locator('h1 .badge').textContent(), { timeout: 15_000 }).toBe('aborted');
    await expect.poll(nodeStatuses, { timeout: 15_000 }).toEqual(['aborted', 'aborted']);
    expect((await sdk.flows.get(flow.id)).status).toBe('aborted');
    expect(await page.getByRole('button', { name: 'Retry' }).isEnabled()).toBe(true);
    await shot('flow-aborted');

    // The page does not hear of a change made elsewhere (its event stream is cut): Abort is still
    // offered, and the server's refusal shows with its code.
    const other = await sdk.flows.create({
      name: 'aborted-elsewhere',
      projectId,
      jobs: { only: { type: 'web.gate', arguments: { gate: 'never' } } },
    });
    await page.route('**/v1/flows/*/events', (route) => route.abort());
    await page.goto(`${server.url}/flows/${other.id}`);
    await page.getByRole('group', { name: /Flow graph/ }).waitFor();
    await sdk.flows.abort(other.id);
    await expect
      .poll(async () => (await sdk.flows.get(other.id)).status, { timeout: 15_000 })
      .toBe('aborted');
    await page.getByRole('button', { name: 'Abort' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('flow_finished');
    await page.unroute('**/v1/flows/*/events');

    // Delete (after a confirmation) goes back to the list; the flow and its jobs are gone.
    await page.goto(`${server.url}/flows/${flow.id}`);
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('heading', { name: 'Flows' }).waitFor();
    expect(await sdk.flows.get(flow.id).catch((e: { status?: number }) => e.status)).toBe(404);
  });

  e2e('offers no flow actions to a viewer', async () => {
    const viewer = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    try {
      const other = await viewer.newPage();
      await signIn(other, server.url, viewerToken);
      await other.goto(`${server.url}/flows/${diamond.id}`);
      await other.getByRole('group', { name: /Flow graph/ }).waitFor();
      expect(await other.getByRole('group', { name: 'Flow actions' }).count()).toBe(0);
      expect(await other.locator('a.flow-node').count()).toBe(4);
    } finally {
      await viewer.close();
    }
  });

  e2e('renders a 500-way fan-in collapsed, fast, and all of it on request', async () => {
    const jobs: Record<string, { type: string; dependsOn?: string[]; arguments?: Record<string, unknown> }> =
      {};
    const parents = Array.from({ length: 500 }, (_, i) => `part-${String(i).padStart(3, '0')}`);
    for (const key of parents) jobs[key] = { type: 'system.noop' };
    jobs.merge = { type: 'web.gate', arguments: { gate: 'fan-in' }, dependsOn: parents };
    const flow = await sdk.flows.create({ name: 'fan-in', projectId, jobs });

    const started = Date.now();
    await page.goto(`${server.url}/flows/${flow.id}`);
    const collapsed = page.locator('.flow-collapsed');
    await collapsed.waitFor();
    await node('merge').waitFor();
    const drawnMs = Date.now() - started;
    expect(drawnMs).toBeLessThan(5_000);
    expect(await collapsed.textContent()).toContain('Layer 1: 500 jobs');
    // One box for the layer, one for merge, one edge between them.
    expect(await page.locator('a.flow-node').count()).toBe(1);
    expect(await page.locator('svg path.flow-edge').count()).toBe(1);
    // The counts per status follow the parents as they run.
    await expect.poll(() => collapsed.textContent(), { timeout: 30_000 }).toContain('500 succeeded');
    await expect.poll(() => node('merge').getAttribute('data-status'), { timeout: 15_000 }).toBe('running');
    await shot('flow-fanin');

    const expandStarted = Date.now();
    await page.getByRole('button', { name: 'Show all 500 jobs of layer 1' }).click();
    await expect.poll(() => page.locator('a.flow-node').count()).toBe(501);
    expect(Date.now() - expandStarted).toBeLessThan(5_000);
    expect(await page.locator('svg path.flow-edge').count()).toBe(500);
    // Wrapped into rows: the page is not 500 boxes wide.
    const width = await page
      .locator('.flow-graph')
      .evaluate((el) => (el as unknown as { scrollWidth: number }).scrollWidth);
    expect(width).toBeLessThanOrEqual(1280);
    await shot('flow-fanin-expanded');
    await page.getByRole('button', { name: 'Collapse layer 1 (500 jobs)' }).click();
    await collapsed.waitFor();

    open('fan-in');
    await expect.poll(() => page.locator('h1 .badge').textContent(), { timeout: 15_000 }).toBe('succeeded');
  });

  e2e('fits a phone screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/flows/${diamond.id}`);
    await expect.poll(() => page.locator('a.flow-node').count()).toBe(4);
    const overflow = await page.evaluate(() => {
      const w = globalThis as unknown as InPage;
      return w.document.documentElement.scrollWidth - w.innerWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    await shot('flow-phone');
    await nav('Flows').click();
    await page.locator('tr[data-flow-id]').first().waitFor();
    await page.setViewportSize({ width: 1280, height: 860 });
  });
});
