/**
 * Job definitions created, edited and run from the dashboard, in Debian's Chromium against the
 * real server: the default parameters as a form generated from a job type's arguments schema
 * (string, enum, integer, number, boolean, list of strings, nested object, and a JSON box for an
 * array of objects), a cron schedule whose five fire times are shown as you type (checked against
 * croner and against the nextRunAt the server stores), a bad cron refused next to its field with
 * nothing sent, the server's 409 under the name, an edit, and a run with parameters that starts a
 * job (linked), then a run over maxRunning refused with 429. Deleting asks in the page first
 * (Escape and Cancel keep the definition); an annotator member's key is refused with the server's
 * 403 shown; an admin's delete goes back to the list, which says what was done with the CLI line.
 * Screenshots definitions-*.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Batchyard } from '@batchyard/sdk';
import { Cron } from 'croner';
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

const ETL_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['source', 'mode'],
  properties: {
    source: { type: 'string', minLength: 1, description: 'Where to read from.' },
    mode: { type: 'string', enum: ['append', 'replace'] },
    batchSize: { type: 'integer', minimum: 1, maximum: 10_000, default: 500 },
    ratio: { type: 'number', minimum: 0, maximum: 1 },
    dryRun: { type: 'boolean' },
    tags: { type: 'array', items: { type: 'string' } },
    target: {
      type: 'object',
      required: ['table'],
      properties: {
        table: { type: 'string' },
        schema: { type: 'string', enum: ['public', 'staging'] },
      },
    },
    mapping: { type: 'array', items: { type: 'object' } },
  },
};

/** The ISO times of the fire-time list shown under the schedule fields. */
async function fireTimes(page: Page): Promise<string[]> {
  return page
    .locator('.fire-list time')
    .evaluateAll((els) => els.map((e) => e.getAttribute('datetime') ?? ''));
}

describe('web dashboard: job definitions (Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let sdk: Batchyard;
  let definitionId: string;
  /** A key acting for an annotator member: an editor key whose writes the member's role narrows. */
  let annotatorToken: string;
  const posts: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await launchChromium();
    server = await startTestServer('sqlite');
    const root = new Batchyard({ baseUrl: server.url, token: server.adminToken });
    const workspaceId = (await root.workspaces.create({ name: 'web-definitions' })).id;
    const adminToken = (await root.keys.create({ name: 'ops', role: 'admin', workspaceId })).token;
    sdk = new Batchyard({ baseUrl: server.url, token: adminToken });
    const annotator = await sdk.members.create({ name: 'Ann', email: 'ann@example.org', role: 'annotator' });
    annotatorToken = (
      await sdk.keys.create({ name: 'ann-key', role: 'editor', workspaceId, memberId: annotator.id })
    ).token;
    // A custom type (run by remote workers: with none here, its jobs stay queued).
    await sdk.jobs.types.put('etl.load', {
      workspaceId,
      description: 'Loads a source into a table.',
      argumentsSchema: ETL_SCHEMA,
    });
    context = await browser.newContext({ viewport: { width: 1280, height: 3000 } });
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/v1/definitions')) posts.push(r.url());
    });
    await signIn(page, server.url, adminToken);
  }, 120_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await server?.close();
  });

  it('creates a definition from the generated form, with a cron and its next five fire times', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Definitions' }).click();
    await page.getByRole('link', { name: 'New definition' }).click();
    await page.getByRole('heading', { name: 'New job definition' }).waitFor();
    // Internal types (batch.*, tasks.*) are not offered: the server refuses them.
    const offered = await page.getByLabel('Job type').locator('option').allTextContents();
    expect(offered).toContain('etl.load (custom)');
    expect(offered).toContain('system.sleep');
    expect(offered.some((t) => t.startsWith('batch.') || t.startsWith('tasks.'))).toBe(false);

    await page.getByLabel('Job type').selectOption('etl.load');
    await page.getByText('Loads a source into a table.').waitFor();
    await page.getByLabel('Name', { exact: true }).fill('nightly-load');
    await page.getByLabel('source (required)').fill('s3://bucket/in');
    await page.getByLabel('mode (required)').selectOption('append');
    // A bad integer is refused next to its field by the page (the schema's own check).
    await page.getByLabel('batchSize').fill('12.5');
    await page.locator('#param-batchSize-error').getByText('must be integer').waitFor();
    await page.getByLabel('batchSize').fill('1000');
    await page.locator('#param-batchSize-error').waitFor({ state: 'detached' });
    await page.getByLabel('ratio').fill('0.25');
    await page.getByLabel('dryRun').selectOption('true');
    await page.getByRole('button', { name: 'Add an item to tags' }).click();
    await page.getByRole('button', { name: 'Add an item to tags' }).click();
    await page.getByLabel('tags item 1').fill('nightly');
    await page.getByLabel('tags item 2').fill('orders');
    await page.getByLabel('table (required)').fill('orders');
    await page.getByLabel('schema', { exact: true }).selectOption('staging');
    await page.getByLabel('mapping (JSON)').fill('[{"from": "a", "to": "b"');
    await page
      .locator('#param-mapping-error')
      .getByText(/not JSON/)
      .waitFor();
    await page.getByLabel('mapping (JSON)').fill('[{"from": "a", "to": "b"}]');
    await page.locator('#param-mapping-error').waitFor({ state: 'detached' });

    // A cron with 4 fields is caught on the page; one the library refuses, by the server's preview.
    const cron = page.getByLabel(/^Cron expression/);
    await cron.fill('0 3 * *');
    await page
      .locator('#definition-schedule-error')
      .getByText(/has 4 fields/)
      .waitFor();
    await cron.fill('61 * * * *');
    await page
      .locator('#definition-schedule-error')
      .getByText(/is not a valid cron expression/)
      .waitFor();
    expect(await cron.getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('button', { name: 'Create definition' }).click();
    await page.getByText('Fix the fields marked above before saving.').waitFor();
    expect(posts).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'definitions-bad-cron.png') });

    // 02:30 in Paris: on 29 March 2026 that hour does not exist; the preview shows what croner fires.
    await cron.fill('30 2 * * *');
    await page.getByLabel('Time zone').fill('Europe/Paris');
    await expect.poll(async () => (await fireTimes(page)).length).toBe(5);
    const shown = await fireTimes(page);
    const expected = new Cron('30 2 * * *', { timezone: 'Europe/Paris', paused: true })
      .nextRuns(5)
      .map((d) => d.toISOString());
    expect(shown).toEqual(expected);
    await page.locator('.fire-list li').first().getByText('(Europe/Paris)').waitFor();
    expect(
      await page.getByRole('group', { name: 'CLI: preview this schedule' }).locator('code').textContent(),
    ).toBe(`batchyard definitions schedule-preview '30 2 * * *' --timezone Europe/Paris`);

    await page.getByLabel('Max running', { exact: true }).fill('2');
    await page.getByLabel('Max starts per hour').fill('10');
    await page.getByLabel('Timeout (ms)').fill('60000');
    await page.getByText('Each attempt may run 1 min 0 s.').waitFor();
    await page.getByLabel('Concurrency key').fill('orders');
    await page.getByLabel('Per key: max running').fill('1');
    await page.getByLabel('Per key: starts per window').fill('5');
    await page.getByLabel('Per key: window (seconds)').fill('60');

    const cli = await page
      .getByRole('group', { name: 'CLI: create this definition' })
      .locator('code')
      .textContent();
    for (const part of [
      'batchyard definitions create nightly-load --type etl.load --workspace ws_',
      '--param source=s3://bucket/in',
      '--param mode=append',
      '--param batchSize=1000',
      '--param dryRun=true',
      `--param 'tags=["nightly","orders"]'`,
      `--param 'target={"table":"orders","schema":"staging"}'`,
      `--schedule '30 2 * * *' --timezone Europe/Paris`,
      '--max-running 2 --max-starts-per-hour 10 --timeout-ms 60000 --concurrency-key orders',
      '--key-max-running 1 --key-rate 5/60s',
    ])
      expect(cli).toContain(part);
    await page.screenshot({ path: join(SHOTS, 'definitions-new.png') });

    await page.getByRole('button', { name: 'Create definition' }).click();
    const notice = page.getByRole('status').filter({ hasText: 'Created definition' });
    await notice.waitFor();
    const link = notice.getByRole('link', { name: 'nightly-load' });
    definitionId = (await link.getAttribute('href'))!.split('/').pop()!;
    const saved = await sdk.definitions.get(definitionId);
    expect(saved).toMatchObject({
      type: 'etl.load',
      parameters: {
        source: 's3://bucket/in',
        mode: 'append',
        batchSize: 1000,
        ratio: 0.25,
        dryRun: true,
        tags: ['nightly', 'orders'],
        target: { table: 'orders', schema: 'staging' },
        mapping: [{ from: 'a', to: 'b' }],
      },
      schedule: '30 2 * * *',
      timezone: 'Europe/Paris',
      maxRunning: 2,
      maxStartsPerHour: 10,
      timeoutMs: 60_000,
      concurrencyKey: 'orders',
      keyLimits: { maxRunning: 1, rate: { max: 5, windowMs: 60_000 } },
    });
    // The preview's first time is the server's own next run.
    expect(saved.nextRunAt).toBe(shown[0]);

    // The same name again: the server's 409 shows under the name field.
    await page.getByLabel('Name', { exact: true }).fill('nightly-load');
    await page.getByLabel('Job type').selectOption('system.noop');
    await page.getByRole('button', { name: 'Create definition' }).click();
    await page.locator('#definition-name-error').getByText('is already taken').waitFor();
    expect(posts).toHaveLength(2);
  });

  it('edits the definition: a new schedule with its fire times, parameters and throttles', async () => {
    await page.goto(`${server.url}/definitions/${definitionId}`);
    await page.getByRole('heading', { name: 'nightly-load' }).waitFor();
    await page.getByRole('button', { name: 'Edit' }).click();
    expect(await page.getByLabel('source (required)').inputValue()).toBe('s3://bucket/in');
    expect(await page.getByLabel('tags item 2').inputValue()).toBe('orders');
    const cron = page.getByLabel(/^Cron expression/);
    expect(await cron.inputValue()).toBe('30 2 * * *');
    await cron.fill('0 6 * * 1-5');
    await page.getByLabel('Time zone').fill('UTC');
    await expect
      .poll(async () => fireTimes(page))
      .toEqual(
        new Cron('0 6 * * 1-5', { timezone: 'UTC', paused: true }).nextRuns(5).map((d) => d.toISOString()),
      );
    const times = await fireTimes(page);
    await page.getByLabel('batchSize').fill('2000');
    await page.getByLabel('Max starts per hour').fill('');
    await page.getByLabel('Max starts per hour').fill('');
    const cli = await page
      .getByRole('group', { name: 'CLI: save this definition' })
      .locator('code')
      .textContent();
    expect(cli).toContain(`batchyard definitions update ${definitionId} --params-json`);
    expect(cli).toContain('"batchSize":2000');
    expect(cli).toContain(`--schedule '0 6 * * 1-5' --timezone UTC --no-max-starts-per-hour`);
    await page.screenshot({ path: join(SHOTS, 'definitions-edit.png') });
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved nightly-load' }).waitFor();
    const saved = await sdk.definitions.get(definitionId);
    expect(saved).toMatchObject({
      schedule: '0 6 * * 1-5',
      timezone: 'UTC',
      maxStartsPerHour: null,
      maxRunning: 2,
      parameters: { batchSize: 2000, source: 's3://bucket/in' },
    });
    expect(saved.nextRunAt).toBe(times[0]);
    expect(await page.locator('dl.facts time').getAttribute('datetime')).toBe(times[0]);
  });

  it('runs the definition with parameters, shows the job, and the throttle refusal', async () => {
    const runForm = page.getByRole('form', { name: 'Run the definition' });
    expect(await runForm.getByLabel('source (required)').inputValue()).toBe('s3://bucket/in');
    expect(await runForm.getByLabel('batchSize').inputValue()).toBe('2000');
    // The merged parameters are checked before sending.
    await runForm.getByLabel('batchSize').fill('0');
    await runForm.locator('#run-batchSize-error').getByText('must be >= 1').waitFor();
    expect(await runForm.getByRole('button', { name: 'Run now' }).isDisabled()).toBe(true);
    await runForm.getByLabel('batchSize').fill('50');
    await runForm.getByRole('button', { name: 'Add an item to tags' }).click();
    await runForm.getByLabel('tags item 3').fill('rerun');
    await runForm.getByLabel('mode (required)').selectOption('replace');
    await runForm.getByLabel(/^Title/).fill('backfill');
    const cli = await runForm
      .getByRole('group', { name: 'CLI: run this definition' })
      .locator('code')
      .textContent();
    expect(cli).toBe(
      `batchyard definitions run ${definitionId} --param mode=replace --param batchSize=50 --param 'tags=["nightly","orders","rerun"]' --title backfill`,
    );
    await runForm.getByRole('button', { name: 'Run now' }).click();
    const started = runForm.getByRole('status').filter({ hasText: 'Started' });
    await started.waitFor();
    const href = await started.getByRole('link', { name: 'etl.load' }).getAttribute('href');
    const jobId = href!.split('/').pop()!;
    const job = await sdk.jobs.get(jobId);
    expect(job).toMatchObject({
      definitionId,
      title: 'backfill',
      arguments: {
        source: 's3://bucket/in',
        mode: 'replace',
        batchSize: 50,
        tags: ['nightly', 'orders', 'rerun'],
      },
    });
    const row = page
      .getByRole('table', { name: 'Instances of nightly-load' })
      .getByRole('link', { name: 'backfill' });
    await row.waitFor();
    expect(await row.getAttribute('href')).toBe(`/jobs/${jobId}`);
    await page.screenshot({ path: join(SHOTS, 'definitions-run.png') });

    // maxRunning 2: a second queued instance fits, a third is refused with the server's 429.
    await runForm.getByRole('button', { name: 'Run now' }).click();
    await expect.poll(async () => (await sdk.definitions.instances(definitionId)).data.length).toBe(2);
    await runForm.getByRole('button', { name: 'Run now' }).click();
    await runForm.getByRole('alert').getByText('definition_throttled').waitFor();
    expect((await sdk.definitions.instances(definitionId)).data).toHaveLength(2);

    await started.getByRole('link', { name: 'etl.load' }).first().click();
    await page.waitForURL(/\/jobs\/job_/);
    await page.getByRole('heading', { level: 1 }).waitFor();
  });

  it('deletes the definition after an in-page confirmation; a refusal shows the server’s problem', async () => {
    const openDefinition = async (on: Page) => {
      await on.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Definitions' }).click();
      await on.getByRole('link', { name: 'nightly-load' }).click();
      await on.getByRole('heading', { name: 'nightly-load', level: 1 }).waitFor();
    };
    await openDefinition(page);
    const actions = page.getByRole('group', { name: 'Definition actions' });
    const deleteButton = actions.getByRole('button', { name: 'Delete' });
    const confirm = page.getByRole('group', { name: 'Delete definition nightly-load?' });
    expect(await confirm.count()).toBe(0);

    // Escape and Cancel close the question, give the focus back, and delete nothing.
    await deleteButton.click();
    await confirm.waitFor();
    expect(await deleteButton.getAttribute('aria-expanded')).toBe('true');
    const focused = () =>
      page.evaluate(
        () =>
          (globalThis as unknown as { document: { activeElement: { textContent: string | null } | null } })
            .document.activeElement?.textContent,
      );
    expect(await focused()).toBe('Cancel');
    expect(
      await confirm.getByRole('group', { name: 'CLI: delete this definition' }).locator('code').textContent(),
    ).toBe(`batchyard definitions delete ${definitionId}`);
    await page.screenshot({ path: join(SHOTS, 'definitions-delete-confirm.png') });
    await page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'detached' });
    expect(await focused()).toBe('Delete');
    await deleteButton.click();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect((await sdk.definitions.get(definitionId)).name).toBe('nightly-load');

    // An annotator's key may read definitions but not delete them: the server's 403 is shown.
    const annotatorContext = await browser.newContext({ viewport: { width: 1280, height: 1200 } });
    try {
      annotatorContext.setDefaultTimeout(10_000);
      const annotatorPage = await annotatorContext.newPage();
      await signIn(annotatorPage, server.url, annotatorToken);
      await openDefinition(annotatorPage);
      await annotatorPage
        .getByRole('group', { name: 'Definition actions' })
        .getByRole('button', { name: 'Delete' })
        .click();
      const refused = annotatorPage.getByRole('group', { name: 'Delete definition nightly-load?' });
      await refused.getByRole('button', { name: 'Delete', exact: true }).click();
      const alert = refused.getByRole('alert');
      await alert.getByText('insufficient_role').waitFor();
      expect(await alert.textContent()).toMatch(/403|not allowed|role/i);
      await annotatorPage.screenshot({ path: join(SHOTS, 'definitions-delete-refused.png') });
      expect((await sdk.definitions.get(definitionId)).name).toBe('nightly-load');
    } finally {
      await annotatorContext.close();
    }

    // Deleted: back on the list, which says so with the CLI line; the instances stay.
    const instances = (await sdk.definitions.instances(definitionId)).data.map((j) => j.id);
    expect(instances.length).toBeGreaterThan(0);
    await deleteButton.click();
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.waitForURL(/\/definitions$/);
    await page.getByRole('heading', { name: 'Job definitions', level: 1 }).waitFor();
    const notice = page.getByRole('status').filter({ hasText: 'Deleted the job definition nightly-load' });
    await notice.waitFor();
    expect(await notice.textContent()).toContain(definitionId);
    expect(
      await notice
        .getByRole('group', { name: 'CLI: delete the definition just deleted' })
        .locator('code')
        .textContent(),
    ).toBe(`batchyard definitions delete ${definitionId}`);
    await page.getByText('No job definitions in this workspace.').waitFor();
    await page.screenshot({ path: join(SHOTS, 'definitions-deleted.png') });
    await expect(sdk.definitions.get(definitionId)).rejects.toMatchObject({ status: 404 });
    expect((await sdk.jobs.get(instances[0]!)).id).toBe(instances[0]);
  });
});
