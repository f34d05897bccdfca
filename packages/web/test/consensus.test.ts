/**
 * Consensus and gold tasks in the dashboard (issue 17), in Debian's Chromium against the real
 * server: two annotators' member keys submit different answers to a task of a project that asks
 * for 2 annotations per task; a reviewer sees both annotations and the score on the Review page and
 * chooses the other one (the task's data changes, read back through the SDK); an annotator's key
 * gets no Choose button; an editor makes a task gold from its page (invalid JSON is caught before
 * sending), finds it with the task list's Gold filter, and removes it. Screenshots (consensus-*.png)
 * are committed under packages/web/test/screenshots/ and rewritten only with
 * BATCHYARD_UPDATE_SCREENSHOTS=1.
 */
import { Batchyard } from '@batchyard/sdk';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import type { TestServer } from '../../../test/support/index.js';
import { dashboardSuite, screenshotFromTop } from './browser.js';

describe('web dashboard: consensus and gold tasks (Chromium)', () => {
  let server: TestServer;
  let sdk: Batchyard;
  let taskId: string;
  let knownId: string;
  let selfId: string;
  const annotationOf = new Map<string, string>();
  let annotator: Page;
  let reviewer: Page;
  let editor: Page;

  const e2e = dashboardSuite({ workspace: 'web-consensus', testTimeout: 60_000 }, async (env) => {
    ({ server, sdk } = env);
    const editorToken = (
      await env.root.keys.create({ name: 'ed', role: 'editor', workspaceId: env.workspaceId })
    ).token;
    const projectId = (
      await sdk.projects.create({
        workspaceId: env.workspaceId,
        name: 'pets',
        taskSchema: { type: 'object', properties: { label: { type: 'string', enum: ['cat', 'dog'] } } },
        workflow: { annotationsPerTask: 2, agreementThreshold: 0.8, goldRate: 0.25 },
      })
    ).id;
    const dataset = await sdk.datasets.create({
      projectId,
      name: 'photos',
      columns: [{ name: 'file', type: 'text' }],
    });
    const batchId = (
      (await (await sdk.batches.create(dataset.id, [{ file: 'a.png' }], { name: 'b' })).wait()).result as {
        batchId: string;
      }
    ).batchId;
    const created = await sdk.tasks.create(batchId, [
      { name: 'pet-1', data: {}, priority: 10 },
      { name: 'pet-2', data: {}, priority: 5 },
      { name: 'known-1', data: {}, priority: 0 },
    ]);
    taskId = created.results[0]!.id!;
    selfId = created.results[1]!.id!;
    knownId = created.results[2]!.id!;

    const member = async (name: string, role: 'annotator' | 'reviewer') => {
      const m = await sdk.members.create({ name, email: `${name.toLowerCase()}@example.org`, role });
      return { id: m.id, token: (await sdk.keys.create({ name, memberId: m.id })).token };
    };
    const ada = await member('Ada', 'annotator');
    const bo = await member('Bo', 'annotator');
    const rex = await member('Rex', 'reviewer');
    // Two members, two different answers: they agree on nothing, so the task goes to review.
    for (const [who, label] of [
      [ada, 'cat'],
      [bo, 'dog'],
    ] as const) {
      const as = new Batchyard({ baseUrl: server.url, token: who.token });
      const claimed = await as.tasks.claim({ projectId });
      expect(claimed?.id).toBe(taskId);
      await as.tasks.submit(taskId, { data: { label } });
    }
    // pet-2: the reviewer annotated it too, so the server refuses their choice (self-review).
    for (const [who, label] of [
      [rex, 'cat'],
      [bo, 'dog'],
    ] as const) {
      const as = new Batchyard({ baseUrl: server.url, token: who.token });
      expect((await as.tasks.claim({ projectId }))?.id).toBe(selfId);
      await as.tasks.submit(selfId, { data: { label } });
    }
    for (const a of await sdk.tasks.annotations(taskId))
      annotationOf.set(a.memberId === ada.id ? 'Ada' : 'Bo', a.id);

    annotator = await env.open({ token: ada.token });
    reviewer = await env.open({ token: rex.token });
    editor = await env.open({ token: editorToken });
  });
  const go = async (page: Page, link: string) => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();
    await page.getByRole('heading', { name: link, level: 1 }).waitFor();
  };
  const shot = (page: Page, name: string) => screenshotFromTop(page, `consensus-${name}`);

  e2e('a reviewer sees both annotations and the score, and chooses the other one', async () => {
    const before = await sdk.tasks.get(taskId, { include: ['data'] });
    expect(before).toMatchObject({ status: 'to_review', data: { label: 'cat' } });
    expect(before.agreement).toMatchObject({ score: 0, annotations: 2, chosenBy: 'majority' });

    await go(reviewer, 'Review');
    expect(await reviewer.locator('.workflow [data-field="annotationsPerTask"]').textContent()).toBe('2');
    expect(await reviewer.locator('.workflow [data-field="agreementThreshold"]').textContent()).toBe('0.8');
    expect(await reviewer.locator('.workflow [data-field="goldRate"]').textContent()).toMatch(
      /every 4 claims/,
    );
    await reviewer.getByRole('button', { name: 'pet-1', exact: true }).click();
    const panel = reviewer.getByRole('region', { name: 'Consensus' });
    const rows = panel.locator('table.annotations tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await panel.locator('.agreement-score').textContent()).toMatch(
      /Agreement 0\.0%.*threshold 80\.0% \(below: sent to review\).*2 annotations.*chosen by majority/,
    );
    const ada = panel.locator(`tr[data-annotation-id="${annotationOf.get('Ada')}"]`);
    const bo = panel.locator(`tr[data-annotation-id="${annotationOf.get('Bo')}"]`);
    expect(await ada.locator('[data-label="Member"]').textContent()).toBe('Ada');
    expect(await ada.locator('[data-label="Result"]').textContent()).toBe('✓ chosen');
    expect(JSON.parse((await bo.locator('[data-label="Data"]').textContent()) ?? '')).toEqual({
      label: 'dog',
    });
    expect(await ada.getByRole('button', { name: /Choose/ }).count()).toBe(0);
    expect(await panel.getByRole('group', { name: /CLI: choose/ }).count()).toBe(1);
    expect(await panel.getByRole('group', { name: "CLI: choose Bo's annotation" }).textContent()).toContain(
      `batchyard tasks choose ${taskId} ${annotationOf.get('Bo')}`,
    );
    await shot(reviewer, 'review-before-choose');

    await bo.getByRole('button', { name: "Choose Bo's annotation" }).click();
    await expect.poll(async () => bo.locator('[data-label="Result"]').textContent()).toBe('✓ chosen');
    expect(await panel.locator('.agreement-score').textContent()).toMatch(/chosen by reviewer/);
    // The panel's task data shows the chosen answer, and the server has it.
    const after = await sdk.tasks.get(taskId, { include: ['data', 'history'] });
    expect(after.data).toEqual({ label: 'dog' });
    expect(after.status).toBe('to_review');
    expect(after.agreement).toMatchObject({
      chosenAnnotationId: annotationOf.get('Bo'),
      chosenBy: 'reviewer',
    });
    expect(after.history!.at(-1)).toMatchObject({ action: 'choose' });
    await expect
      .poll(async () =>
        JSON.parse(
          (await reviewer
            .getByRole('article', { name: 'Task under review' })
            .locator('pre.json')
            .first()
            .textContent()) ?? 'null',
        ),
      )
      .toEqual({ label: 'dog' });
    await shot(reviewer, 'review-chosen');
  });

  e2e('a reviewer who annotated the task is refused, and the page says why', async () => {
    await reviewer.getByRole('button', { name: 'pet-2', exact: true }).click();
    const panel = reviewer.getByRole('region', { name: 'Consensus' });
    await expect.poll(() => panel.locator('table.annotations tbody tr').count()).toBe(2);
    const refused = reviewer.waitForResponse((r) => r.url().includes(`/v1/tasks/${selfId}/annotations/`));
    await panel.getByRole('button', { name: "Choose Bo's annotation", exact: true }).click();
    expect((await refused).status()).toBe(409);
    await panel.getByText(/self_review_forbidden/).waitFor();
    const after = await sdk.tasks.get(selfId, { include: ['data'] });
    expect(after.data).toEqual({ label: 'cat' });
    expect(after.agreement?.chosenBy).toBe('majority');
    await shot(reviewer, 'review-self-refused');
  });

  e2e('an annotator’s key sees the annotations but no Choose button', async () => {
    await annotator.goto(`${server.url}/tasks/${taskId}`);
    const panel = annotator.getByRole('region', { name: 'Consensus' });
    await expect.poll(() => panel.locator('table.annotations tbody tr').count()).toBe(2);
    expect(await panel.getByRole('button', { name: /Choose/ }).count()).toBe(0);
    expect(await annotator.getByRole('region', { name: 'Gold answer' }).count()).toBe(0);

    // At a phone's size the annotations table scrolls inside its frame; the page never overflows.
    await annotator.setViewportSize({ width: 390, height: 844 });
    await annotator.waitForTimeout(200);
    const overflow = await annotator.evaluate(() => {
      const w = globalThis as unknown as {
        innerWidth: number;
        document: { documentElement: { scrollWidth: number } };
      };
      return w.document.documentElement.scrollWidth - w.innerWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(annotator, 'task-phone');
  });

  e2e('an editor makes a task gold from its page, filters on it, and removes it', async () => {
    await editor.goto(`${server.url}/tasks/${knownId}`);
    const panel = editor.getByRole('region', { name: 'Gold answer' });
    await panel.getByText('Not a gold task.').waitFor();
    expect(await editor.getByRole('region', { name: 'Consensus' }).count()).toBe(0);

    // Invalid JSON is caught on the page: nothing is sent.
    let sent = 0;
    editor.on('request', (r) => {
      if (r.url().endsWith(`/v1/tasks/${knownId}/gold`)) sent++;
    });
    const answer = panel.getByLabel('Known answer (JSON)');
    await answer.fill('{"label": cat}');
    await panel.getByRole('button', { name: 'Make gold' }).click();
    await panel.getByText(/Not valid JSON/).waitFor();
    expect(sent).toBe(0);
    expect(await answer.getAttribute('aria-invalid')).toBe('true');
    await shot(editor, 'gold-invalid-json');

    // A known answer the task schema refuses: the server's problem shows under the editor.
    await answer.fill('{"label": 7}');
    const refused = editor.waitForResponse((r) => r.url().endsWith(`/v1/tasks/${knownId}/gold`));
    await panel.getByRole('button', { name: 'Make gold' }).click();
    expect((await refused).status()).toBe(400);
    await panel.locator('#gold-data-error').getByText(/label/).waitFor();
    expect(await answer.getAttribute('aria-invalid')).toBe('true');
    expect((await sdk.tasks.get(knownId, { include: ['data'] })).gold).toBeUndefined();
    await shot(editor, 'gold-schema-refused');

    await answer.fill('{"label": "cat"}');
    expect(await panel.getByRole('group', { name: /CLI: set/ }).textContent()).toContain(
      `batchyard tasks gold ${knownId} --data-json '{"label":"cat"}'`,
    );
    await panel.getByRole('button', { name: 'Make gold' }).click();
    await panel.getByText('This is a gold task.').waitFor();
    expect(sent).toBe(2);
    expect(await editor.locator('h1 .badge-gold').count()).toBe(1);
    expect((await sdk.tasks.get(knownId, { include: ['data'] })).gold).toEqual({ data: { label: 'cat' } });
    expect(JSON.parse((await panel.locator('pre.json').first().textContent()) ?? '')).toEqual({
      label: 'cat',
    });
    await shot(editor, 'gold-set');

    // The task list's Gold filter: only gold tasks, then only the others.
    await go(editor, 'Tasks');
    const names = () => editor.locator('table.tasks tbody [data-label="Name"] a').allTextContents();
    await editor.getByLabel('Gold').selectOption('gold');
    await editor.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(names).toEqual(['known-1']);
    expect(await editor.locator('table.tasks .badge-gold').count()).toBe(1);
    await shot(editor, 'tasks-gold-filter');
    await editor.getByLabel('Gold').selectOption('plain');
    await editor.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(names).toEqual(['pet-1', 'pet-2']);

    await editor.getByRole('link', { name: 'pet-1' }).click();
    await editor.getByRole('region', { name: 'Gold answer' }).getByText('Not a gold task.').waitFor();
    await editor.goto(`${server.url}/tasks/${knownId}`);
    await panel.getByText('This is a gold task.').waitFor();
    await panel.getByRole('button', { name: 'Remove gold' }).click();
    await panel.getByText('Not a gold task.').waitFor();
    const removed = await sdk.tasks.get(knownId, { include: ['data'] });
    expect(removed.gold).toBeUndefined();
    expect((await sdk.tasks.list({ projectId: removed.projectId, isGold: true })).data).toEqual([]);
  });
});
