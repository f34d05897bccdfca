/**
 * The dashboard's labelling pages (issue 17) in Debian's Chromium against the real server (SQLite
 * file) serving packages/web/dist: an annotator's member key claims, edits, submits and skips on
 * the Queue page; a reviewer's key rejects (reason required) and accepts on the Review page, and
 * the annotator sees the reason on the task the queue hands back; a workspace admin assigns tasks
 * from the task list, selected and by filter; the Quality page says when the server has no
 * report. Screenshots (labelling-*.png) are committed under packages/web/test/screenshots/ and
 * rewritten only with BATCHYARD_UPDATE_SCREENSHOTS=1.
 */
import type { Batchyard, Task } from '@batchyard/sdk';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import type { TestServer } from '../../../test/support/index.js';
import { dashboardSuite, screenshotFromTop } from './browser.js';

describe('web dashboard: labelling pages (Chromium)', () => {
  let server: TestServer;
  let sdk: Batchyard;
  let projectId: string;
  let batchId: string;
  let adaId: string;
  let annotator: Page;
  let reviewer: Page;
  let admin: Page;
  const ids = new Map<string, string>();

  const e2e = dashboardSuite({ workspace: 'web-labelling', testTimeout: 60_000 }, async (env) => {
    ({ server, sdk } = env);
    const project = await sdk.projects.create({
      workspaceId: env.workspaceId,
      name: 'boxes',
      workflow: { reviewStages: ['qa'] },
    });
    projectId = project.id;
    const dataset = await sdk.datasets.create({
      projectId,
      name: 'images',
      columns: [{ name: 'file', type: 'text' }],
    });
    const ingest = await (
      await sdk.batches.create(dataset.id, [{ file: 'a.png' }], { name: 'week-49' })
    ).wait();
    batchId = (ingest.result as { batchId: string }).batchId;
    // The queue hands out the highest priority first: img-001, img-002, then img-003.
    const created = await sdk.tasks.create(batchId, [
      {
        name: 'img-001',
        resources: [`${server.url}/favicon.svg`, 'https://example.invalid/notes.txt'],
        data: { label: 'cat', box: [0, 0, 10, 10] },
        priority: 10,
      },
      { name: 'img-002', data: { label: '?' }, priority: 5 },
      {
        name: 'img-003',
        prediction: { modelVersion: 'detector-7', score: 0.91, data: { label: 'dog' } },
        priority: 1,
      },
    ]);
    for (const r of created.results) ids.set(r.name, r.id!);

    const ada = await sdk.members.create({ name: 'Ada', email: 'ada@example.org', role: 'annotator' });
    const rex = await sdk.members.create({ name: 'Rex', email: 'rex@example.org', role: 'reviewer' });
    await sdk.members.create({ name: 'Mo', email: 'mo@example.org', role: 'manager' });
    adaId = ada.id;
    const adaToken = (await sdk.keys.create({ name: 'ada laptop', memberId: ada.id })).token;
    const rexToken = (await sdk.keys.create({ name: 'rex laptop', memberId: rex.id })).token;

    annotator = await env.open({ token: adaToken, clipboard: true });
    reviewer = await env.open({ token: rexToken, clipboard: true });
    admin = await env.open({ token: env.token, clipboard: true });
  });

  const go = async (page: Page, link: string) => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();
    await page.getByRole('heading', { name: link, level: 1 }).waitFor();
  };
  const shot = (page: Page, name: string) => screenshotFromTop(page, `labelling-${name}`);
  const task = (name: string): Promise<Task> =>
    sdk.tasks.get(ids.get(name)!, { include: ['data', 'history'] });
  const claimed = (page: Page) => page.locator('article.claimed');

  e2e('an annotator claims a task, fixes invalid JSON before sending, and submits the edit', async () => {
    await go(annotator, 'Queue');
    expect(await annotator.getByText('working as a member (annotator)').count()).toBe(1);
    await annotator.getByRole('button', { name: 'Claim next', exact: true }).click();
    await claimed(annotator)
      .getByRole('heading', { name: /img-001/ })
      .waitFor();

    // Resources are links; the one that looks like an image is previewed, and loads.
    const image = claimed(annotator).getByRole('img', { name: /favicon\.svg/ });
    await expect
      .poll(() => image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth))
      .toBeGreaterThan(0);
    expect(
      await claimed(annotator)
        .getByRole('link', { name: /notes\.txt/ })
        .count(),
    ).toBe(1);
    expect(await claimed(annotator).getByRole('img').count()).toBe(1);
    // The equivalent CLI commands, for the claim and for this task.
    expect(await annotator.getByRole('group', { name: 'CLI: claim the next task' }).textContent()).toContain(
      `batchyard tasks claim --project ${projectId} --lease 300`,
    );

    const editor = annotator.getByLabel('Task data (JSON)');
    expect(JSON.parse(await editor.inputValue())).toEqual({ label: 'cat', box: [0, 0, 10, 10] });
    await editor.fill('{"label": "cat", "box": [1, 2, 30, 40]');
    const error = annotator.locator('#task-data-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/Not valid JSON/);
    expect(await editor.getAttribute('aria-invalid')).toBe('true');
    expect(await annotator.getByRole('button', { name: 'Submit', exact: true }).isDisabled()).toBe(true);
    await shot(annotator, 'queue-invalid-json');
    await editor.fill('["not", "an", "object"]');
    expect(await error.textContent()).toMatch(/must be a JSON object/);

    await editor.fill('{"label": "cat", "box": [1, 2, 30, 40]}');
    expect(await error.count()).toBe(0);
    expect(await annotator.getByRole('group', { name: 'CLI: submit this task' }).textContent()).toContain(
      `batchyard tasks submit ${ids.get('img-001')} --data-json '{"label":"cat","box":[1,2,30,40]}'`,
    );
    // Copy puts the command on the clipboard.
    const submitCli = annotator.getByRole('group', { name: 'CLI: submit this task' });
    await submitCli.getByRole('button', { name: 'Copy the CLI command to submit this task' }).click();
    await submitCli.getByText('Copied').waitFor();
    const clipboard = await annotator.evaluate(() =>
      (
        globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
      ).navigator.clipboard.readText(),
    );
    expect(clipboard).toBe(await submitCli.locator('code').textContent());
    await shot(annotator, 'queue-claimed');
    await annotator.getByRole('button', { name: 'Submit', exact: true }).click();
    await annotator.getByText('Submitted img-001.').waitFor();

    const after = await task('img-001');
    expect(after.status).toBe('to_review');
    expect(after.reviewStage).toBe('qa');
    expect(after.data).toEqual({ label: 'cat', box: [1, 2, 30, 40] });
  });

  e2e('an annotator skips a task only with a reason, caught before sending', async () => {
    await annotator.getByRole('button', { name: 'Claim next', exact: true }).click();
    await claimed(annotator)
      .getByRole('heading', { name: /img-002/ })
      .waitFor();
    await annotator.getByRole('button', { name: 'Skip', exact: true }).click();
    const error = annotator.locator('#skip-reason-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/reason/);
    expect(await annotator.getByLabel('Reason to skip').getAttribute('aria-invalid')).toBe('true');
    // Nothing was sent: the task is still held.
    expect((await task('img-002')).status).toBe('in_progress');

    await annotator.getByLabel('Reason to skip').fill("can't tell: blurred");
    expect(await annotator.getByRole('group', { name: 'CLI: skip this task' }).textContent()).toContain(
      `batchyard tasks skip ${ids.get('img-002')} --reason 'can'\\''t tell: blurred'`,
    );
    await annotator.getByRole('button', { name: 'Skip', exact: true }).click();
    await annotator.getByText('Skipped img-002.').waitFor();
    const after = await task('img-002');
    expect(after.status).toBe('pending');
    expect(after.history!.at(-1)).toMatchObject({ action: 'skip', reason: "can't tell: blurred" });
  });

  e2e('a prediction that seeded the data is shown; then the queue says it is empty', async () => {
    await annotator.getByRole('button', { name: 'Claim next', exact: true }).click();
    await claimed(annotator)
      .getByRole('heading', { name: /img-003/ })
      .waitFor();
    const prediction = annotator.getByRole('region', { name: 'Prediction' });
    expect(await prediction.textContent()).toMatch(/detector-7.*0\.91/);
    expect(await prediction.textContent()).toContain('seeded');
    expect(JSON.parse(await annotator.getByLabel('Task data (JSON)').inputValue())).toEqual({ label: 'dog' });
    await annotator.getByRole('button', { name: 'Submit', exact: true }).click();
    await annotator.getByText('Submitted img-003.').waitFor();

    // img-002 was skipped by Ada, the others are in review: nothing left for her.
    await annotator.getByRole('button', { name: 'Claim next', exact: true }).click();
    await annotator.getByText(/The queue is empty/).waitFor();
    expect(await claimed(annotator).count()).toBe(0);
    await shot(annotator, 'queue-empty');
  });

  e2e('a lost lease is said so, and the late work is not sent', async () => {
    const extra = await sdk.tasks.create(batchId, [{ name: 'img-004', data: {} }]);
    ids.set('img-004', extra.results[0]!.id!);
    await annotator.getByLabel('Lease (seconds)').fill('3');
    await annotator.getByRole('button', { name: 'Claim next', exact: true }).click();
    await claimed(annotator)
      .getByRole('heading', { name: /img-004/ })
      .waitFor();
    await annotator.getByLabel('Task data (JSON)').fill('{"label": "owl"}');
    // A lead takes the task back meanwhile: the next heartbeat (every second) finds the lease gone.
    await sdk.tasks.transition({ ids: [ids.get('img-004')!] }, 'pending', { reason: 'reshuffle' });
    await annotator.getByText(/Lease lost on img-004/).waitFor({ timeout: 8_000 });
    expect(await claimed(annotator).count()).toBe(0);
    // The edits were not sent, but are there to copy.
    await annotator.getByText('Your edits (to copy)').click();
    expect(await annotator.locator('details pre').textContent()).toBe('{"label": "owl"}');
    expect((await task('img-004')).data).toEqual({});
    await shot(annotator, 'queue-lease-lost');
    await annotator.getByLabel('Lease (seconds)').fill('300');
    await sdk.tasks.assign(
      { ids: [ids.get('img-004')!] },
      (await sdk.members.list({ roles: 'manager' })).data[0]!.id,
    );
  });

  e2e('a task still held when the page was left is offered to resume', async () => {
    const extra = await sdk.tasks.create(batchId, [{ name: 'img-005', data: { label: 'bird' } }]);
    ids.set('img-005', extra.results[0]!.id!);
    await annotator.getByRole('button', { name: 'Claim next', exact: true }).click();
    await claimed(annotator)
      .getByRole('heading', { name: /img-005/ })
      .waitFor();
    await go(annotator, 'Tasks');
    await go(annotator, 'Queue');
    const held = annotator.getByRole('region', { name: 'Tasks you hold' });
    await held.getByRole('button', { name: 'Resume img-005', exact: true }).click();
    await claimed(annotator)
      .getByRole('heading', { name: /img-005/ })
      .waitFor();
    expect(await held.count()).toBe(0);
    expect(JSON.parse(await annotator.getByLabel('Task data (JSON)').inputValue())).toEqual({
      label: 'bird',
    });
    await annotator.getByLabel('Reason to skip').fill('not a bird');
    await annotator.getByRole('button', { name: 'Skip', exact: true }).click();
    await annotator.getByText('Skipped img-005.').waitFor();
    expect(await held.count()).toBe(0);
    expect((await task('img-005')).status).toBe('pending');
  });

  e2e('a reviewer must give a reason to reject; the server’s problem shows by its field', async () => {
    await go(reviewer, 'Review');
    const list = reviewer.locator('table.review-list');
    await list.waitFor();
    await expect.poll(() => list.locator('tbody tr').count()).toBe(2);
    expect(await reviewer.getByLabel('Stage').locator('option').allTextContents()).toEqual([
      'Every stage',
      'qa',
    ]);
    await reviewer.getByRole('button', { name: 'img-001', exact: true }).click();
    const panel = reviewer.getByRole('article', { name: 'Task under review' });
    await panel.getByRole('heading', { name: /img-001/ }).waitFor();
    expect(await panel.getByText('No verdicts yet.').count()).toBe(1);

    await panel.getByRole('button', { name: 'Reject', exact: true }).click();
    const error = reviewer.locator('#verdict-reason-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/reason is required/);
    // Focus goes to the field to fix.
    expect(
      await panel
        .getByLabel('Reason (required to reject)')
        .evaluate(
          (el) =>
            el ===
            (el as unknown as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement,
        ),
    ).toBe(true);
    expect((await task('img-001')).status).toBe('to_review');
    await shot(reviewer, 'review-reason-required');

    // Too long for the server (2,000 characters): its 400 names /reason, shown under the field.
    await panel.getByLabel('Reason (required to reject)').fill('x'.repeat(2001));
    await panel.getByRole('button', { name: 'Reject', exact: true }).click();
    await expect.poll(() => error.textContent()).toMatch(/2000/);
    expect(
      await panel
        .getByRole('alert')
        .filter({ hasText: /^Error 400/ })
        .count(),
    ).toBe(0);
    expect((await task('img-001')).status).toBe('to_review');
    await shot(reviewer, 'review-server-problem');

    await panel.getByLabel('Reason (required to reject)').fill('box cuts the ear off');
    expect(await panel.getByRole('group', { name: 'CLI: reject this task' }).textContent()).toContain(
      `batchyard tasks reject ${ids.get('img-001')} --reason 'box cuts the ear off' --stage qa`,
    );
    await panel.getByRole('button', { name: 'Reject', exact: true }).click();
    await reviewer.getByText('Rejected img-001: back to its annotator with your reason.').waitFor();
    await expect.poll(() => list.locator('tbody tr').count()).toBe(1);
    const rejected = await task('img-001');
    expect(rejected).toMatchObject({ status: 'pending', assigneeId: adaId });
    expect(rejected.lastRejection).toMatchObject({ reason: 'box cuts the ear off', stage: 'qa' });

    // Accept img-003: a single stage, so it is reviewed.
    await reviewer.getByRole('button', { name: 'img-003', exact: true }).click();
    await panel.getByRole('heading', { name: /img-003/ }).waitFor();
    await panel.getByRole('button', { name: 'Accept', exact: true }).click();
    await reviewer.getByText('Accepted img-003: reviewed.').waitFor();
    expect((await task('img-003')).status).toBe('reviewed');
    await reviewer.getByText('No task is waiting for review.').waitFor();
  });

  e2e(
    'the annotator sees the rejection reason on the re-claimed task; the reviewer its verdict history',
    async () => {
      await annotator.getByRole('button', { name: 'Claim next', exact: true }).click();
      await claimed(annotator)
        .getByRole('heading', { name: /img-001/ })
        .waitFor();
      const note = annotator.getByRole('note', { name: 'Last rejection' });
      expect(await note.textContent()).toMatch(/Rejected at qa:.*box cuts the ear off/);
      const editor = annotator.getByLabel('Task data (JSON)');
      expect(JSON.parse(await editor.inputValue())).toEqual({ label: 'cat', box: [1, 2, 30, 40] });
      await shot(annotator, 'queue-rejection-seen');
      await editor.fill('{"label": "cat", "box": [1, 2, 34, 44]}');
      await annotator.getByRole('button', { name: 'Submit', exact: true }).click();
      await annotator.getByText('Submitted img-001.').waitFor();

      // Picking a stage re-reads the list.
      await reviewer.getByLabel('Stage').selectOption('qa');
      await reviewer.getByRole('button', { name: 'img-001', exact: true }).click();
      const panel = reviewer.getByRole('article', { name: 'Task under review' });
      const history = panel.locator('table.verdicts tbody tr');
      await history.first().waitFor();
      expect(await history.count()).toBe(1);
      expect(await history.first().textContent()).toMatch(/reject.*qa.*Rex.*box cuts the ear off/);
      await shot(reviewer, 'review-history');
      await panel.getByRole('button', { name: 'Accept', exact: true }).click();
      await reviewer.getByText('Accepted img-001: reviewed.').waitFor();
      const done = await task('img-001');
      expect(done.status).toBe('reviewed');
      expect(
        done
          .history!.filter((h) => h.action === 'verdict')
          .map((h) => (h.details as { verdict: string }).verdict),
      ).toEqual(['reject', 'accept']);
    },
  );

  e2e('an annotator’s key gets no assignment controls on the task list', async () => {
    await go(annotator, 'Tasks');
    await annotator.locator('table.tasks').waitFor();
    expect(await annotator.getByRole('region', { name: 'Assignment' }).count()).toBe(0);
  });

  e2e('a lead assigns selected tasks from the list, filters by assignee and sorts by priority', async () => {
    await sdk.tasks.create(batchId, [
      { name: 'bulk-1', priority: 3 },
      { name: 'bulk-2', priority: 7 },
      { name: 'bulk-3', priority: -2 },
      { name: 'other-1', priority: 0 },
    ]);
    await go(admin, 'Tasks');
    const rows = admin.locator('table.tasks tbody tr');
    await expect.poll(() => rows.count()).toBe(9);

    // Priority sorts highest first, then lowest first, then back to creation order.
    const priorityHeader = admin.getByRole('columnheader', { name: /Priority/ });
    await priorityHeader.getByRole('button').click();
    await expect.poll(() => priorityHeader.getAttribute('aria-sort')).toBe('descending');
    await expect.poll(() => rows.first().locator('td[data-label="Name"]').textContent()).toBe('img-001');
    await priorityHeader.getByRole('button').click();
    await expect.poll(() => rows.first().locator('td[data-label="Name"]').textContent()).toBe('bulk-3');
    await priorityHeader.getByRole('button').click();
    await expect.poll(() => priorityHeader.getAttribute('aria-sort')).toBe('none');

    const region = admin.getByRole('region', { name: 'Assignment' });
    // No member picked: caught before sending.
    await admin.getByRole('checkbox', { name: 'Select bulk-1' }).check();
    await admin.getByRole('checkbox', { name: 'Select bulk-2' }).check();
    await region.getByRole('button', { name: 'Assign selected (2)', exact: true }).click();
    await admin.locator('#assign-member-error').waitFor();
    await region.getByLabel('Assign to').selectOption({ label: 'Ada (annotator)' });
    await region.getByRole('button', { name: 'Assign selected (2)', exact: true }).click();
    await region.getByText('Assigned to Ada: 2 applied, 0 refused.').waitFor();
    await expect
      .poll(() =>
        admin.locator('tr', { hasText: 'bulk-1' }).locator('td[data-label="Assignee"]').textContent(),
      )
      .toBe('Ada');
    await shot(admin, 'tasks-assigned');
    for (const name of ['bulk-1', 'bulk-2']) {
      const t = (await sdk.tasks.list({ projectId, names: [name] })).data[0]!;
      expect(t.assigneeId).toBe(adaId);
    }

    // Filter by assignee: Ada has img-001 (rejected back to her), bulk-1 and bulk-2.
    await admin
      .getByRole('form', { name: 'Task filters' })
      .getByLabel('Assignee')
      .selectOption({ label: 'Ada' });
    await admin.getByRole('button', { name: 'Apply filters', exact: true }).click();
    await expect
      .poll(async () => (await rows.locator('td[data-label="Name"]').allTextContents()).sort())
      .toEqual(['bulk-1', 'bulk-2', 'img-001']);

    // Unassign the selected ones.
    await admin.getByRole('checkbox', { name: 'Select every task on this page' }).check();
    await region.getByRole('button', { name: 'Unassign selected', exact: true }).click();
    await region.getByText('Unassigned: 3 applied, 0 refused.').waitFor();
    await expect.poll(() => rows.count()).toBe(0);
    expect((await sdk.tasks.list({ projectId, assignee: adaId })).data).toHaveLength(0);
  });

  e2e('a lead assigns every task matching the filter, after a confirmation', async () => {
    await admin.getByRole('button', { name: 'Clear', exact: true }).click();
    await admin.getByLabel('Name (regular expression)').fill('^bulk-');
    await admin.getByRole('button', { name: 'Apply filters', exact: true }).click();
    const rows = admin.locator('table.tasks tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    const region = admin.getByRole('region', { name: 'Assignment' });
    await region.getByLabel('Assign to').selectOption({ label: 'Mo (manager)' });
    expect(
      await region.getByRole('group', { name: 'CLI: assign every matching task' }).textContent(),
    ).toContain(`--project ${projectId} --name-regex '^bulk-'`);
    await region.getByRole('button', { name: 'Assign all matching…', exact: true }).click();
    const confirm = region.getByRole('group', { name: 'Confirm assignment' });
    expect(await confirm.textContent()).toContain('Assign every task matching the filters to Mo?');
    // Nothing changes before the confirmation.
    expect((await sdk.tasks.list({ projectId, assignee: 'none', nameRegex: '^bulk-' })).data).toHaveLength(3);
    await confirm.getByRole('button', { name: 'Confirm assign', exact: true }).click();
    await region.getByText('Assigned to Mo: 3 matched, 3 applied, 0 refused.').waitFor();
    await expect
      .poll(async () => rows.locator('td[data-label="Assignee"]').allTextContents())
      .toEqual(['Mo', 'Mo', 'Mo']);
    await shot(admin, 'tasks-assigned-by-filter');
    const mo = (await sdk.members.list({ roles: 'manager' })).data[0]!;
    const assigned = await sdk.tasks.list({ projectId, assignee: mo.id });
    expect(assigned.data.map((t) => t.name).sort()).toEqual(['bulk-1', 'bulk-2', 'bulk-3', 'img-004']);
    // other-1 did not match the filter.
    expect((await sdk.tasks.list({ projectId, names: ['other-1'] })).data[0]!.assigneeId).toBeNull();
  });

  e2e('the quality page says when this server has no quality report', async () => {
    // The report (GET /v1/quality) comes with another change: until the server has it, the page
    // says so; once it has it, the page shows its table (its figures: quality.test.ts).
    const probe = await fetch(`${server.url}/v1/quality?projectId=${projectId}`, {
      headers: { authorization: `Bearer ${server.adminToken}` },
    });
    await go(admin, 'Quality');
    if (probe.status === 404 && ((await probe.json()) as { code: string }).code === 'route_not_found') {
      await admin.getByText('Quality report not available on this server.').waitFor();
      expect(await admin.locator('table.quality').count()).toBe(0);
    } else {
      await admin.locator('table.quality').waitFor();
    }
    expect(await admin.getByLabel('From').getAttribute('type')).toBe('date');
    // A range that ends before it starts is caught before sending.
    await admin.getByLabel('From').fill('2026-12-10');
    await admin.getByLabel('To (included)').fill('2026-12-01');
    await admin.getByRole('button', { name: 'Show', exact: true }).click();
    await admin.locator('#range-error').waitFor();
    await shot(admin, 'quality-unavailable');
  });

  e2e('every control of the labelling pages has a label, and focus is visible', async () => {
    for (const [page, link] of [
      [annotator, 'Queue'],
      [reviewer, 'Review'],
      [admin, 'Tasks'],
      [admin, 'Quality'],
    ] as const) {
      await go(page, link);
      await page.waitForTimeout(300);
      const unlabelled = await page.evaluate(() => {
        const doc = (globalThis as unknown as { document: DomLike }).document;
        return Array.from(doc.querySelectorAll('main input, main select, main textarea, main button'))
          .filter((el) => {
            const named =
              el.getAttribute('aria-label') ||
              el.closest('label') ||
              (el.id && doc.querySelector(`label[for="${el.id}"]`)) ||
              (el.tagName === 'BUTTON' && (el.textContent ?? '').trim() !== '');
            return !named;
          })
          .map((el) => el.outerHTML.slice(0, 80));
      });
      expect(unlabelled, `${link}: unlabelled controls`).toEqual([]);
    }
    // Phone width: no page scrolls sideways (tables scroll inside their own box).
    await reviewer.setViewportSize({ width: 390, height: 844 });
    for (const link of ['Queue', 'Review', 'Quality']) {
      await go(reviewer, link);
      await reviewer.waitForTimeout(300);
      const overflow = await reviewer.evaluate(() => {
        const w = globalThis as unknown as {
          innerWidth: number;
          document: { documentElement: { scrollWidth: number } };
        };
        return w.document.documentElement.scrollWidth - w.innerWidth;
      });
      expect(overflow, `${link} at phone width`).toBeLessThanOrEqual(0);
    }
    await reviewer.setViewportSize({ width: 1280, height: 900 });

    // Keyboard focus on a button of the page draws the focus ring.
    await admin.getByRole('button', { name: 'Show', exact: true }).focus();
    await admin.keyboard.press('Shift+Tab');
    await admin.keyboard.press('Tab');
    const outline = await admin
      .getByRole('button', { name: 'Show', exact: true })
      .evaluate(
        (el) =>
          (
            globalThis as unknown as { getComputedStyle(e: unknown): { outlineStyle: string } }
          ).getComputedStyle(el).outlineStyle,
      );
    expect(outline).toBe('solid');
  });
});

/** The DOM calls the accessibility check makes (this file is compiled without the DOM types). */
interface DomLike {
  querySelectorAll(selector: string): ArrayLike<ElementLike>;
  querySelector(selector: string): ElementLike | null;
}
interface ElementLike {
  id: string;
  tagName: string;
  textContent: string | null;
  outerHTML: string;
  getAttribute(name: string): string | null;
  closest(selector: string): ElementLike | null;
}
