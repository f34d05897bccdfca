/**
 * The dashboard's Quality page filled with a real report: an annotator's member key submits work
 * through the claim queue, a reviewer accepts one task and rejects another, and the page's table
 * shows, member by member, exactly what `GET /v1/quality` answers for the range the page asks.
 */
import { Batchyard } from '@batchyard/sdk';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import type { TestServer } from '../../../test/support/index.js';
import { dashboardSuite } from './browser.js';

/** The report's shape (docs/tasks.md). */
interface QualityRow {
  memberId: string;
  name: string;
  role: string;
  submitted: number;
  throughputPerHour: number;
  gold: { answered: number; accuracy: number | null };
  agreement: number | null;
  reviews: { verdicts: number; rejected: number; rejectionRate: number | null };
}

const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);

describe('web dashboard: quality report (Chromium)', () => {
  let server: TestServer;
  let page: Page;
  let adminToken: string;
  let projectId: string;

  const e2e = dashboardSuite({ workspace: 'web-quality' }, async (env) => {
    ({ server, token: adminToken } = env);
    const { sdk } = env;
    projectId = (
      await sdk.projects.create({
        workspaceId: env.workspaceId,
        name: 'qa',
        workflow: { reviewStages: ['qa'] },
      })
    ).id;
    const dataset = await sdk.datasets.create({
      projectId,
      name: 'd',
      columns: [{ name: 'x', type: 'text' }],
    });
    const batchId = (
      (await (await sdk.batches.create(dataset.id, [{ x: 'a' }], { name: 'b' })).wait()).result as {
        batchId: string;
      }
    ).batchId;
    await sdk.tasks.create(batchId, [{ name: 't1' }, { name: 't2' }]);
    const ada = await sdk.members.create({ name: 'Ada', email: 'ada@example.org', role: 'annotator' });
    const rex = await sdk.members.create({ name: 'Rex', email: 'rex@example.org', role: 'reviewer' });
    const asAda = new Batchyard({
      baseUrl: server.url,
      token: (await sdk.keys.create({ name: 'ada', memberId: ada.id })).token,
    });
    const asRex = new Batchyard({
      baseUrl: server.url,
      token: (await sdk.keys.create({ name: 'rex', memberId: rex.id })).token,
    });
    const done: string[] = [];
    for (let i = 0; i < 2; i++) {
      const t = (await asAda.tasks.claim({ projectId }))!;
      await asAda.tasks.submit(t.id, { data: { label: `l${i}` } });
      done.push(t.id);
    }
    await asRex.tasks.verdict(done[0]!, { verdict: 'reject', reason: 'wrong label' });
    await asRex.tasks.verdict(done[1]!, { verdict: 'accept' });

    page = await env.open({ token: adminToken, viewport: { width: 1280, height: 860 } });
  });

  e2e('shows, per member, what GET /v1/quality answers for the range asked', async () => {
    const asked = page.waitForRequest((r) => r.url().includes('/v1/quality?'));
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Quality' }).click();
    const url = new URL((await asked).url());
    expect(url.searchParams.get('projectId')).toBe(projectId);
    await page.locator('table.quality').waitFor();

    // The same question, asked directly: the page must show exactly its answer.
    const answer = (await (
      await fetch(`${server.url}${url.pathname}${url.search}`, {
        headers: { authorization: `Bearer ${adminToken}` },
      })
    ).json()) as { data: QualityRow[] };
    const ada = answer.data.find((r) => r.name === 'Ada');
    expect(ada?.submitted).toBeGreaterThanOrEqual(2);
    // Verdicts count on the work judged (Ada's); a member who only judged has no row.
    expect(ada?.reviews).toMatchObject({ verdicts: 2, rejected: 1 });
    expect(ada?.reviews.rejectionRate).toBeCloseTo(0.5);
    expect(answer.data.find((r) => r.name === 'Rex')).toBeUndefined();

    const rows = page.locator('table.quality tbody tr');
    expect(await rows.count()).toBe(answer.data.length);
    for (const r of answer.data) {
      const row = page.locator(`tr[data-member-id="${r.memberId}"]`);
      const cell = (label: string) => row.locator(`[data-label="${label}"]`).textContent();
      expect(await cell('Member')).toBe(r.name);
      expect(await cell('Role')).toBe(r.role);
      expect(await cell('Submitted')).toBe(String(r.submitted));
      expect(await cell('Per hour')).toBe(r.throughputPerHour.toFixed(1));
      expect(await cell('Gold answered')).toBe(String(r.gold.answered));
      expect(await cell('Gold accuracy')).toBe(percent(r.gold.accuracy));
      expect(await cell('Agreement')).toBe(percent(r.agreement));
      expect(await cell('Verdicts')).toBe(String(r.reviews.verdicts));
      expect(await cell('Rejected')).toBe(String(r.reviews.rejected));
      expect(await cell('Rejection rate')).toBe(percent(r.reviews.rejectionRate));
    }
    expect(
      await page.locator(`tr[data-member-id="${ada!.memberId}"] [data-label="Rejection rate"]`).textContent(),
    ).toBe('50.0%');

    // A range before any work: the report is empty and the page says so.
    await page.getByLabel('From').fill('2020-01-01');
    await page.getByLabel('To (included)').fill('2020-01-31');
    const before = page.waitForResponse(
      (r) => r.url().includes('/v1/quality?') && r.url().includes('2020-01-01'),
    );
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    expect((await before).status()).toBe(200);
    // Members with no activity may be listed with zeros rather than left out: either is empty.
    await expect
      .poll(async () => {
        if ((await page.getByText('No member worked on this project between these days.').count()) === 1)
          return 'empty';
        const submitted = await page.locator('table.quality [data-label="Submitted"]').allTextContents();
        return submitted.every((t) => t === '0') ? 'empty' : submitted.join(',');
      })
      .toBe('empty');
  });
});
