/**
 * The last dashboard pieces of issue 17, in Debian's Chromium against the real server: the Members
 * page adds a member (a missing name caught on the page, a taken email shown under the email field
 * from the server's problem), changes a role and removes a member after a confirmation, each read
 * back through the SDK, and links to the API keys page with the member preselected; the task page
 * sets a task's priority; the task list's export runs a COCO export of two labelled tasks, follows
 * the job and downloads its artifact, which is parsed. Screenshots (members-*.png) are committed
 * under packages/web/test/screenshots/ and rewritten only with BATCHYARD_UPDATE_SCREENSHOTS=1.
 */
import { readFileSync } from 'node:fs';
import type { Batchyard } from '@batchyard/sdk';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import type { TestServer } from '../../../test/support/index.js';
import { dashboardSuite, followNavLink, screenshotFromTop } from './browser.js';

interface Coco {
  images: { id: number; file_name: string; width: number; height: number; task_id: string }[];
  annotations: { image_id: number; category_id: number; bbox: number[]; area: number }[];
  categories: { id: number; name: string }[];
}

describe('web dashboard: members, priority and label exports (Chromium)', () => {
  let server: TestServer;
  let page: Page;
  let sdk: Batchyard;
  let workspaceId: string;
  let adaId: string;
  const taskIds: string[] = [];

  const e2e = dashboardSuite({ workspace: 'web-members', testTimeout: 60_000 }, async (env) => {
    ({ server, sdk, workspaceId } = env);
    const projectId = (await sdk.projects.create({ workspaceId, name: 'street' })).id;
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
    // Two labelled images (3 labels) and one task with no image size, which the export leaves out.
    const created = await sdk.tasks.create(batchId, [
      {
        name: 'frame-1',
        resources: ['frames/frame-1.jpg'],
        data: {
          image: { width: 640, height: 480 },
          labels: [
            { class: 'car', bbox: [10, 20, 200, 100] },
            { class: 'person', bbox: [300, 120, 60, 180] },
          ],
        },
      },
      {
        name: 'frame-2',
        resources: ['frames/frame-2.jpg'],
        data: { image: { width: 320, height: 240 }, labels: [{ class: 'car', bbox: [0, 0, 32, 24] }] },
      },
      { name: 'no-size', resources: ['frames/frame-3.jpg'], data: { labels: [] } },
    ]);
    for (const r of created.results) taskIds.push(r.id!);
    adaId = (await sdk.members.create({ name: 'Ada', email: 'ada@example.org', role: 'annotator' })).id;

    page = await env.open({ token: env.token, acceptDownloads: true });
  });
  const go = async (link: string, heading = link) => {
    await followNavLink(page, link);
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
  };
  const shot = (name: string) => screenshotFromTop(page, `members-${name}`);
  const row = (id: string) => page.locator(`tr[data-member-id="${id}"]`);
  const form = () => page.getByRole('form', { name: 'Add a member' });

  e2e('adds a member, shows problems under their fields, changes a role and removes one', async () => {
    await go('Members');
    await row(adaId).waitFor();
    expect(await row(adaId).locator('[data-label="Email"]').textContent()).toBe('ada@example.org');

    // No name: caught on the page, nothing sent.
    await form().getByLabel('Email').fill('bo@example.org');
    await form().getByRole('button', { name: 'Add member' }).click();
    expect(await form().locator('#member-name-error').textContent()).toBe('A member needs a name.');
    expect(await form().getByLabel('Name').getAttribute('aria-invalid')).toBe('true');

    // A taken email (any case): the server's problem, under the email field.
    await form().getByLabel('Name').fill('Ada Two');
    await form().getByLabel('Email').fill('ADA@example.org');
    const refused = page.waitForResponse(
      (r) => r.url().endsWith('/v1/members') && r.request().method() === 'POST',
    );
    await form().getByRole('button', { name: 'Add member' }).click();
    expect((await refused).status()).toBe(409);
    expect(await form().locator('#member-email-error').textContent()).toBe('is already taken');
    expect(await form().getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
    await shot('add-email-taken');
    expect((await sdk.members.list({ workspaceId })).data.map((m) => m.name)).toEqual(['Ada']);

    // Added as a reviewer.
    await form().getByLabel('Name').fill('Bo');
    await form().getByLabel('Email').fill('bo@example.org');
    await form().getByLabel('Role').selectOption('reviewer');
    expect(await form().locator('.cli-text').textContent()).toBe(
      'batchyard members create Bo --email bo@example.org --role reviewer',
    );
    await form().getByRole('button', { name: 'Add member' }).click();
    await page.getByText('Added Bo (reviewer).').waitFor();
    const bo = (await sdk.members.list({ workspaceId, email: 'bo@example.org' })).data[0]!;
    expect(bo).toMatchObject({ name: 'Bo', role: 'reviewer', removedAt: null });
    await row(bo.id).waitFor();
    expect(await page.locator('.notice .cli-text').textContent()).toBe(
      `batchyard keys create 'Bo key' --member ${bo.id}`,
    );
    await shot('added');

    // Ada becomes a manager.
    await row(adaId).getByLabel('Role of Ada').selectOption('manager');
    await page.getByText('Ada is now a manager').waitFor();
    expect((await sdk.members.get(adaId)).role).toBe('manager');
    expect(await page.locator('.notice .cli-text').textContent()).toBe(
      `batchyard members update ${adaId} --role manager`,
    );

    // Removing asks first: dismissed, nothing happens; accepted, Bo is removed.
    page.once('dialog', (d) => void d.dismiss());
    await row(bo.id).getByRole('button', { name: 'Remove Bo' }).click();
    await page.waitForTimeout(300);
    expect((await sdk.members.get(bo.id)).removedAt).toBeNull();
    let question = '';
    page.once('dialog', (d) => {
      question = d.message();
      void d.accept();
    });
    await row(bo.id).getByRole('button', { name: 'Remove Bo' }).click();
    await page.getByText('Removed Bo: their keys are revoked.').waitFor();
    expect(question).toContain('Remove Bo (bo@example.org)?');
    expect((await sdk.members.get(bo.id)).removedAt).not.toBeNull();
    await expect.poll(() => row(bo.id).count()).toBe(0);
    expect(await page.locator('.notice .cli-text').textContent()).toBe(`batchyard members remove ${bo.id}`);
    await page.getByLabel('Show removed members').check();
    await row(bo.id)
      .getByText(/removed/)
      .waitFor();
    expect(await row(bo.id).getByRole('button', { name: 'Remove Bo' }).count()).toBe(0);
    await shot('removed');

    // The key link: the API keys page with Ada preselected.
    await row(adaId).getByRole('link', { name: 'Create a key for Ada' }).click();
    await page.getByRole('heading', { name: 'API keys', level: 1 }).waitFor();
    expect(await page.getByLabel('Acts for a member (optional)').inputValue()).toBe(adaId);
  });

  e2e("sets a task's priority from its page", async () => {
    const id = taskIds[0]!;
    await page.goto(`${server.url}/tasks/${id}`);
    await page.getByRole('heading', { name: /frame-1/, level: 1 }).waitFor();
    expect(await page.getByTestId('task-priority').textContent()).toBe('0');
    const input = page.getByLabel('Priority', { exact: true });
    await input.fill('2.5');
    expect(await page.locator('#task-priority-error').textContent()).toContain('whole number');
    expect(await page.getByRole('button', { name: 'Set priority' }).isDisabled()).toBe(true);
    await input.fill('7');
    expect(
      await page.getByRole('group', { name: 'CLI: set this priority' }).locator('code').textContent(),
    ).toBe(`batchyard tasks priority ${id} 7`);
    await page.getByRole('button', { name: 'Set priority' }).click();
    await expect.poll(() => page.getByTestId('task-priority').textContent()).toBe('7');
    expect((await sdk.tasks.get(id)).priority).toBe(7);
    await shot('priority');
  });

  e2e('runs a COCO export of the list, downloads it and says what was left out', async () => {
    await go('Tasks');
    const exportForm = page.getByRole('form', { name: 'Export tasks' });
    await exportForm.getByLabel('Format').selectOption('coco');
    await exportForm.getByLabel(/Classes/).fill('car, person');
    expect(
      await exportForm
        .getByRole('group', { name: 'CLI: download these tasks' })
        .locator('code')
        .textContent(),
    ).toMatch(
      /^batchyard tasks export --project prj_\w+ --format coco --classes car,person --out tasks\.coco\.json$/,
    );
    await exportForm.getByRole('button', { name: 'Export', exact: true }).click();
    const result = page.getByRole('status', { name: 'Label export result' });
    await result.waitFor({ timeout: 30_000 });
    expect(await result.textContent()).toContain('3 tasks selected: 2 images and 3 labels written');
    expect(await result.textContent()).toContain('Left out: 1 task and 0 labels');
    expect(await result.getByRole('link', { name: taskIds[2]! }).count()).toBe(1);
    await shot('export-coco');

    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 20_000 }),
      result.getByRole('button', { name: /^Download tasks-job_\w+\.coco\.json$/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^tasks-job_\w+\.coco\.json$/);
    const coco = JSON.parse(readFileSync((await download.path())!, 'utf8')) as Coco;
    expect(coco.images).toHaveLength(2);
    expect(coco.images.map((i) => i.task_id).sort()).toEqual([taskIds[0], taskIds[1]].sort());
    expect(coco.annotations).toHaveLength(3);
    expect(coco.categories.map((c) => [c.id, c.name])).toEqual([
      [1, 'car'],
      [2, 'person'],
    ]);
    const frame2 = coco.images.find((i) => i.task_id === taskIds[1])!;
    expect(frame2).toMatchObject({ file_name: 'frames/frame-2.jpg', width: 320, height: 240 });
    expect(coco.annotations.filter((a) => a.image_id === frame2.id)).toMatchObject([
      { category_id: 1, bbox: [0, 0, 32, 24], area: 768 },
    ]);

    // A class named twice: the server's problem, shown under the classes field.
    await exportForm.getByLabel('Format').selectOption('voc');
    await exportForm.getByLabel(/Classes/).fill('car, car');
    await exportForm.getByRole('button', { name: 'Export', exact: true }).click();
    await exportForm.locator('#export-classes-error').waitFor();
    expect(await exportForm.locator('#export-classes-error').textContent()).toContain('duplicate');
    await shot('export-classes-refused');
  });
});
