/**
 * The admin pages of issue 19, in Debian's Chromium against the real server. Workspaces: an
 * instance admin creates, renames, weighs and deletes one (an empty name and a weight of 0 caught
 * on the page, a taken name shown under the field from the server's 409); a workspace admin renames
 * its own and cannot change its weight. Clients: one is created, its secret shown once, copied and
 * traded for an access token at the token endpoint, then revoked (the secret no longer works).
 * Webhooks: bad URLs and no events caught on the page, a private address refused by the server
 * under the URL field; a webhook to a real local receiver (node:http in this test) gets a test ping
 * whose signature checks with the secret shown once, and the delivery log shows it; pointed at a
 * receiver that answers 500 with one attempt, the ping shows as failed with its code and error;
 * then it is deleted. Screenshots (admin-*.png) are committed under packages/web/test/screenshots/
 * and rewritten only with BATCHYARD_UPDATE_SCREENSHOTS=1.
 */
import { mkdirSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APIError, Batchyard, verifyWebhook } from '@batchyard/sdk';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/support/index.js';
import { followNavLink, launchChromium, signIn } from './browser.js';

const SHOTS = fileURLToPath(
  new URL(
    process.env.BATCHYARD_UPDATE_SCREENSHOTS === '1'
      ? './screenshots/'
      : '../../../test-artifacts/screenshots/',
    import.meta.url,
  ),
);

/** A real HTTP receiver on 127.0.0.1 that keeps what it is sent and answers `status`. */
interface Receiver {
  url: string;
  port: number;
  received: { headers: IncomingHttpHeaders; body: string }[];
  close(): Promise<void>;
}

/** Milliseconds the receiver that answers 200 waits before answering (the log shows how long). */
const OK_ANSWER_DELAY_MS = 300;

async function startReceiver(status: number, answer: string, delayMs = 0): Promise<Receiver> {
  const received: Receiver['received'] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      setTimeout(() => response.writeHead(status, { 'content-type': 'text/plain' }).end(answer), delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hooks/batchyard`,
    port,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const statusOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 200,
    (e: unknown) => (e instanceof APIError ? e.status : 0),
  );

describe('web dashboard: workspaces, API clients and webhooks (Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  let okHook: Receiver;
  let failingHook: Receiver;
  const contexts: BrowserContext[] = [];
  /** Signed in with the instance-wide admin key. */
  let rootPage: Page;
  /** Signed in with an admin key of the workspace web-admin. */
  let page: Page;
  let root: Batchyard;
  let sdk: Batchyard;
  let workspaceId: string;
  let projectId: string;
  let setupError: unknown;

  beforeAll(async () => {
    try {
      mkdirSync(SHOTS, { recursive: true });
      okHook = await startReceiver(200, 'ok', OK_ANSWER_DELAY_MS);
      failingHook = await startReceiver(500, 'boom');
      browser = await launchChromium();
      // Loopback is refused by default: only the two receivers' ports are allowed.
      server = await startTestServer('sqlite', {
        webhookAllowedDestinations: [`127.0.0.1:${okHook.port}`, `127.0.0.1:${failingHook.port}`],
      });
      root = new Batchyard({ baseUrl: server.url, token: server.adminToken });
      workspaceId = (await root.workspaces.create({ name: 'web-admin' })).id;
      const adminToken = (await root.keys.create({ name: 'lead', role: 'admin', workspaceId })).token;
      sdk = new Batchyard({ baseUrl: server.url, token: adminToken });
      projectId = (await sdk.projects.create({ workspaceId, name: 'street' })).id;

      for (const token of [server.adminToken, adminToken]) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
        context.setDefaultTimeout(10_000);
        contexts.push(context);
        const opened = await context.newPage();
        await signIn(opened, server.url, token);
        if (token === adminToken) page = opened;
        else rootPage = opened;
      }
    } catch (error) {
      setupError = error;
    }
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await server?.close();
    await okHook?.close();
    await failingHook?.close();
  });

  const e2e = (name: string, fn: () => Promise<void>, timeout = 60_000) =>
    it(
      name,
      async () => {
        if (setupError) throw setupError;
        await fn();
      },
      timeout,
    );
  const go = async (on: Page, link: string, heading = link) => {
    await followNavLink(on, link, { exact: true });
    await on.getByRole('heading', { name: heading, level: 1 }).waitFor();
  };
  const shot = async (on: Page, name: string) => {
    await on.evaluate(() =>
      (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0),
    );
    await on.waitForTimeout(250);
    await on.screenshot({ path: join(SHOTS, `admin-${name}.png`), fullPage: true });
  };
  const cli = (on: Page, label: string) => on.getByRole('group', { name: `CLI: ${label}` }).locator('code');
  /** POSTs to `path` the page sent (to prove a refused form sent nothing). */
  const posts = (on: Page, path: string) => {
    const seen: string[] = [];
    on.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === path) seen.push(r.url());
    });
    return seen;
  };
  /** Form controls in <main> without an accessible name (by label, aria-label or aria-labelledby). */
  const unlabelled = (on: Page) =>
    on.evaluate(() => {
      const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<unknown> } })
        .document;
      const found: string[] = [];
      for (const node of Array.from(
        doc.querySelectorAll('main input, main select, main textarea, main button'),
      )) {
        const el = node as {
          tagName: string;
          id: string;
          labels?: ArrayLike<unknown> | null;
          textContent: string | null;
          getAttribute(name: string): string | null;
          closest(s: string): unknown;
        };
        const named =
          (el.labels?.length ?? 0) > 0 ||
          !!el.getAttribute('aria-label') ||
          !!el.getAttribute('aria-labelledby') ||
          (el.tagName === 'BUTTON' && (el.textContent ?? '').trim() !== '');
        if (!named) found.push(`${el.tagName.toLowerCase()}#${el.id}`);
      }
      return found;
    });
  const clipboard = (on: Page) =>
    on.evaluate(() =>
      (
        globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
      ).navigator.clipboard.readText(),
    );

  e2e(
    'an instance admin creates, renames, weighs and deletes a workspace; bad names shown by the field',
    async () => {
      const on = rootPage;
      const sent = posts(on, '/v1/workspaces');
      await go(on, 'Workspaces');
      await on.locator(`tr[data-workspace-id="${workspaceId}"]`).waitFor();
      expect(await unlabelled(on)).toEqual([]);
      const form = on.getByRole('form', { name: 'New workspace' });

      // No name: caught on the page, nothing sent.
      await form.getByRole('button', { name: 'Create workspace' }).click();
      expect(await on.locator('#workspace-name-error').textContent()).toBe('A workspace needs a name.');
      expect(await on.locator('#workspace-name').getAttribute('aria-invalid')).toBe('true');
      expect(sent).toEqual([]);

      // A taken name: the server's 409, under the name.
      await form.getByLabel('Name').fill('web-admin');
      const refused = on.waitForResponse(
        (r) => r.url().endsWith('/v1/workspaces') && r.request().method() === 'POST',
      );
      await form.getByRole('button', { name: 'Create workspace' }).click();
      expect((await refused).status()).toBe(409);
      expect(await on.locator('#workspace-name-error').textContent()).toBe('is already taken');
      await shot(on, 'workspace-name-taken');

      await form.getByLabel('Name').fill('Acme');
      expect(await cli(on, 'create this workspace').textContent()).toBe('batchyard workspaces create Acme');
      await form.getByRole('button', { name: 'Create workspace' }).click();
      await on.getByText(/Created the workspace Acme \(ws_\w+\)/).waitFor();
      const acme = (await root.workspaces.list({ limit: 1000 })).data.find((w) => w.name === 'Acme')!;
      expect(acme).toBeDefined();
      // The header's workspace picker knows it at once.
      await on
        .getByRole('banner')
        .locator('select')
        .first()
        .locator('option', { hasText: 'Acme' })
        .waitFor({ state: 'attached' });

      // Rename it and set its weight; a weight of 0 is caught on the page.
      const row = on.locator(`tr[data-workspace-id="${acme.id}"]`);
      await row.getByRole('button', { name: 'Edit the workspace Acme' }).click();
      const edit = on.getByRole('form', { name: 'Edit Acme' });
      await edit.getByLabel('Name').fill('Acme Labs');
      await edit.getByLabel('Claim weight').fill('0');
      await edit.getByRole('button', { name: 'Save workspace' }).click();
      expect(await on.locator('#edit-workspace-weight-error').textContent()).toBe(
        'A whole number from 1 to 1000.',
      );
      expect((await root.workspaces.get(acme.id)).name).toBe('Acme');
      await edit.getByLabel('Claim weight').fill('5');
      expect(await cli(on, 'make this change').allTextContents()).toEqual([
        `batchyard workspaces rename ${acme.id} 'Acme Labs'`,
        `batchyard workspaces set-weight ${acme.id} 5`,
      ]);
      await shot(on, 'workspace-edit');
      await edit.getByRole('button', { name: 'Save workspace' }).click();
      await on.getByText('Saved the workspace Acme Labs: renamed from Acme, claim weight 5.').waitFor();
      // The list reloads after the notice: wait for the row to show the new weight.
      await expect.poll(() => row.locator('[data-label="Claim weight"]').textContent()).toBe('5');
      expect(await root.workspaces.get(acme.id)).toMatchObject({ name: 'Acme Labs', weight: 5 });

      // Renamed to a taken name: the server's 409 under the name field; an empty one caught first.
      await row.getByRole('button', { name: 'Edit the workspace Acme Labs' }).click();
      const again = on.getByRole('form', { name: 'Edit Acme Labs' });
      await again.getByLabel('Name').fill('  ');
      await again.getByRole('button', { name: 'Save workspace' }).click();
      expect(await on.locator('#edit-workspace-name-error').textContent()).toBe('A workspace needs a name.');
      await again.getByLabel('Name').fill('web-admin');
      await again.getByRole('button', { name: 'Save workspace' }).click();
      await on.locator('#edit-workspace-name-error', { hasText: 'is already taken' }).waitFor();
      expect((await root.workspaces.get(acme.id)).name).toBe('Acme Labs');
      await shot(on, 'workspace-rename-taken');
      await again.getByRole('button', { name: 'Cancel' }).click();

      // Delete: dismissed once (nothing happens), then accepted.
      on.once('dialog', (dialog) => void dialog.dismiss());
      await row.getByRole('button', { name: 'Delete the workspace Acme Labs' }).click();
      expect(await statusOf(root.workspaces.get(acme.id))).toBe(200);
      on.once('dialog', (dialog) => void dialog.accept());
      await row.getByRole('button', { name: 'Delete the workspace Acme Labs' }).click();
      await on.getByText('Deleted the workspace Acme Labs.').waitFor();
      expect(await cli(on, 'delete this workspace').textContent()).toBe(
        `batchyard workspaces delete ${acme.id}`,
      );
      await row.waitFor({ state: 'detached' });
      expect(await statusOf(root.workspaces.get(acme.id))).toBe(404);
      await shot(on, 'workspaces-instance');
    },
  );

  e2e('a workspace admin renames its own workspace; its weight is read-only', async () => {
    await go(page, 'Workspaces');
    // The heading shows before the list has loaded: wait for its row.
    await page.locator('tr[data-workspace-id]').first().waitFor();
    expect(await page.getByRole('form', { name: 'New workspace' }).count()).toBe(0);
    expect(await page.locator('tr[data-workspace-id]').count()).toBe(1);
    await page.getByRole('button', { name: 'Edit the workspace web-admin' }).click();
    const edit = page.getByRole('form', { name: 'Edit web-admin' });
    expect(await edit.getByLabel('Claim weight').isDisabled()).toBe(true);
    await edit.getByLabel('Name').fill('web-admin-2');
    expect(await cli(page, 'make this change').allTextContents()).toEqual([
      `batchyard workspaces rename ${workspaceId} web-admin-2`,
    ]);
    await shot(page, 'workspace-own');
    await edit.getByRole('button', { name: 'Save workspace' }).click();
    await page.getByText('Saved the workspace web-admin-2: renamed from web-admin.').waitFor();
    expect((await sdk.workspaces.get(workspaceId)).name).toBe('web-admin-2');
    await page
      .getByRole('banner')
      .locator('select')
      .first()
      .locator('option', { hasText: 'web-admin-2' })
      .waitFor({
        state: 'attached',
      });
  });

  e2e('creates an API client (secret shown once, copied, traded for a token) and revokes it', async () => {
    const sent = posts(page, '/v1/clients');
    await go(page, 'Clients', 'API clients');
    await page.getByText('No API clients.').waitFor();
    expect(await unlabelled(page)).toEqual([]);
    await page.getByRole('button', { name: 'Create client' }).click();
    expect(await page.locator('#client-name-error').textContent()).toBe(
      'A client needs a name to recognise it by.',
    );
    expect(sent).toEqual([]);

    await page.getByLabel('Name', { exact: true }).fill('ingest bot');
    await page.getByLabel('Role', { exact: true }).selectOption('worker');
    expect(await cli(page, 'create this client').textContent()).toBe(
      `batchyard clients create 'ingest bot' --role worker --workspace ${workspaceId}`,
    );
    await page.getByRole('button', { name: 'Create client' }).click();
    await page
      .getByText(/Created the client ingest bot \(worker\), client id cli_\w+\. Copy its secret now/)
      .waitFor();
    const clientId = (await sdk.clients.list({ workspaceId })).data[0]!.id;
    const secret = await page.getByLabel('Secret of the client ingest bot').inputValue();
    await page.getByRole('button', { name: 'Copy secret' }).click();
    await page.getByText('Copied', { exact: true }).waitFor();
    expect(await clipboard(page)).toBe(secret);
    expect(await cli(page, 'log in with this client').textContent()).toBe(
      `batchyard login --url ${server.url} --client-id ${clientId}`,
    );
    await shot(page, 'client-secret');

    // The secret works at the token endpoint, and the token acts as the client.
    const tokenFor = (s: string) =>
      fetch(`${server.url}/v1/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'client_credentials', client_id: clientId, client_secret: s }),
      });
    const granted = await tokenFor(secret);
    expect(granted.status).toBe(200);
    const accessToken = ((await granted.json()) as { access_token: string }).access_token;
    const asClient = new Batchyard({ baseUrl: server.url, token: accessToken, maxRetries: 0 });
    expect(await asClient.me()).toMatchObject({ role: 'worker', workspaceId });

    // Shown once: gone once dismissed, and not on the page after a reload.
    await page.getByRole('button', { name: 'I have saved it' }).click();
    expect(await page.getByLabel('Secret of the client ingest bot').count()).toBe(0);
    await page.reload();
    await page.locator(`tr[data-client-id="${clientId}"]`).waitFor();
    expect(await page.content()).not.toContain(secret);

    // Revoke: dismissed once, then accepted; the secret and its token stop working.
    const row = page.locator(`tr[data-client-id="${clientId}"]`);
    page.once('dialog', (dialog) => void dialog.dismiss());
    await row.getByRole('button', { name: 'Revoke the client ingest bot' }).click();
    expect((await sdk.clients.get(clientId)).revokedAt).toBeNull();
    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: 'Revoke the client ingest bot' }).click();
    await page.getByText(/Revoked the client ingest bot \(cli_\w+\): its tokens no longer work\./).waitFor();
    expect(await cli(page, 'revoke this client').textContent()).toBe(`batchyard clients revoke ${clientId}`);
    await expect.poll(() => row.locator('[data-label="State"]').textContent()).toMatch(/^revoked /);
    expect((await tokenFor(secret)).status).toBe(401);
    expect(await statusOf(asClient.me())).toBe(401);
    await shot(page, 'client-revoked');
  });

  e2e(
    'webhooks: bad input caught or shown by its field, a test ping delivered and logged, a failed one, delete',
    async () => {
      const sent = posts(page, '/v1/webhooks');
      await go(page, 'Webhooks');
      await page.getByText('No webhooks.').waitFor();
      expect(await unlabelled(page)).toEqual([]);
      const form = page.getByRole('form', { name: 'New webhook' });
      expect(await form.getByLabel('Project').inputValue()).toBe(projectId);

      // Not a URL, and no event: both caught on the page, nothing sent.
      await form.getByLabel('URL').fill('not a url');
      await form.getByRole('checkbox', { name: /task\.created/ }).uncheck();
      await form.getByRole('button', { name: 'Create webhook' }).click();
      expect(await page.locator('#new-webhook-url-error').textContent()).toBe(
        'Not an http(s) URL: e.g. https://example.com/hooks/batchyard.',
      );
      expect(await page.locator('#new-webhook-events-error').textContent()).toBe('Pick at least one event.');
      await form.getByLabel('URL').fill('ftp://example.com/x');
      expect(await page.locator('#new-webhook-url-error').textContent()).toMatch(/^Not an http\(s\) URL/);
      await form.getByLabel('Attempts per delivery').fill('30');
      expect(await page.locator('#new-webhook-max-attempts-error').textContent()).toBe(
        'A whole number from 1 to 25.',
      );
      await form.getByLabel('Attempts per delivery').fill('8');
      expect(sent).toEqual([]);
      await shot(page, 'webhook-bad-input');

      // A private address: the server refuses it, under the URL field.
      await form.getByLabel('URL').fill('http://10.1.2.3/hook');
      await form.getByRole('checkbox', { name: /task\.created/ }).check();
      const refused = page.waitForResponse(
        (r) => r.url().endsWith('/v1/webhooks') && r.request().method() === 'POST',
      );
      await form.getByRole('button', { name: 'Create webhook' }).click();
      expect((await refused).status()).toBe(400);
      expect(await page.locator('#new-webhook-url-error').textContent()).toMatch(/10\.1\.2\.3/);
      expect((await sdk.webhooks.list({ workspaceId })).data).toEqual([]);
      await shot(page, 'webhook-url-refused');

      // Created: the signing secret shown once, with a copy button.
      await form.getByLabel('URL').fill(okHook.url);
      await form.getByRole('checkbox', { name: /job\.finished/ }).check();
      await form.getByLabel('Description (optional)').fill('the test receiver');
      expect(await cli(page, 'create this webhook').first().textContent()).toBe(
        `batchyard webhooks create --project ${projectId} --url ${okHook.url} --event task.created --event job.finished --description 'the test receiver'`,
      );
      await form.getByRole('button', { name: 'Create webhook' }).click();
      const notice = page.getByRole('status').filter({ hasText: 'Created the webhook' });
      await notice.waitFor();
      const [hook] = (await sdk.webhooks.list({ workspaceId })).data;
      expect(hook).toMatchObject({
        url: okHook.url,
        events: ['task.created', 'job.finished'],
        enabled: true,
      });
      const secret = await page.getByLabel(`Signing secret of the webhook ${hook!.id}`).inputValue();
      expect(secret).toMatch(/^whsec_/);
      expect(secret.slice(-4)).toBe(hook!.secretHint);
      await page.getByRole('button', { name: 'Copy secret' }).click();
      expect(await clipboard(page)).toBe(secret);
      await page.locator(`tr[data-webhook-id="${hook!.id}"]`).waitFor();
      await shot(page, 'webhook-created');

      // Its page: a test ping really arrives, signed with that secret, and the log shows it.
      await notice.getByRole('link', { name: hook!.id }).click();
      await page.getByRole('heading', { name: `Webhook ${hook!.id}`, level: 1 }).waitFor();
      await page.getByText('Nothing was sent to this webhook yet.').waitFor();
      expect(await unlabelled(page)).toEqual([]);
      await page.getByRole('button', { name: 'Send test ping' }).click();
      await page.getByText(/^The test ping arrived: the receiver answered 200/).waitFor();
      const pings = okHook.received.filter(
        (r) => (JSON.parse(r.body) as { type: string }).type === 'webhook.ping',
      );
      expect(pings).toHaveLength(1);
      const ping = pings[0]!;
      const deliveryId = ping.headers['webhook-id'] as string;
      expect(
        await verifyWebhook(
          secret,
          {
            id: deliveryId,
            timestamp: ping.headers['webhook-timestamp'] as string,
            signature: ping.headers['webhook-signature'] as string,
          },
          ping.body,
        ),
      ).toBe(true);
      const okRow = page.locator(`tr[data-delivery-id="${deliveryId}"]`);
      expect(await okRow.locator('[data-label="Status"]').textContent()).toBe('succeeded');
      expect(await okRow.locator('[data-label="Response"]').textContent()).toBe('200');
      expect(await okRow.locator('[data-label="Attempts"]').textContent()).toBe('1');
      // The request's own time, as the server measured it: at least the receiver's delay.
      const okTook = (await sdk.webhooks.deliveries(hook!.id)).data[0]!.durationMs!;
      expect(okTook).toBeGreaterThanOrEqual(OK_ANSWER_DELAY_MS);
      expect(okTook).toBeLessThan(OK_ANSWER_DELAY_MS + 3000);
      expect(await okRow.locator('[data-label="Duration"]').textContent()).toBe(
        okTook < 1000 ? `${okTook} ms` : `${(okTook / 1000).toFixed(1)} s`,
      );
      expect(await okRow.locator('[data-label="Error"]').textContent()).toBe('—');
      expect(await cli(page, 'send a test ping').textContent()).toBe(`batchyard webhooks ping ${hook!.id}`);
      await shot(page, 'webhook-ping-delivered');

      // Edit: a bad URL caught on the page; then the failing receiver, one attempt only.
      const edit = page.getByRole('form', { name: 'Edit the webhook' });
      await edit.getByLabel('URL').fill('https//missing-colon');
      await edit.getByRole('button', { name: 'Save changes' }).click();
      expect(await page.locator('#edit-webhook-url-error').textContent()).toMatch(/^Not an http\(s\) URL/);
      await edit.getByLabel('URL').fill(failingHook.url);
      await edit.getByLabel('Attempts per delivery').fill('1');
      expect(await cli(page, 'make this change').textContent()).toBe(
        `batchyard webhooks update ${hook!.id} --url ${failingHook.url} --max-attempts 1`,
      );
      await edit.getByRole('button', { name: 'Save changes' }).click();
      await page.getByText('Saved the webhook.').waitFor();
      expect(await sdk.webhooks.get(hook!.id)).toMatchObject({ url: failingHook.url, maxAttempts: 1 });

      await page.getByRole('button', { name: 'Send test ping' }).click();
      await page.getByText('The test ping failed: the receiver answered 500: boom.').waitFor();
      expect(failingHook.received).toHaveLength(1);
      const failedId = failingHook.received[0]!.headers['webhook-id'] as string;
      const failedRow = page.locator(`tr[data-delivery-id="${failedId}"]`);
      expect(await failedRow.locator('[data-label="Status"]').textContent()).toBe('failed');
      expect(await failedRow.locator('[data-label="Response"]').textContent()).toBe('500');
      expect(await failedRow.locator('[data-label="Attempts"]').textContent()).toBe('1');
      expect(await failedRow.locator('[data-label="Duration"]').textContent()).toMatch(/^\d+ ms$/);
      expect(await failedRow.locator('[data-label="Error"]').textContent()).toBe(
        'the receiver answered 500: boom',
      );
      expect(await page.locator('tr[data-delivery-id]').count()).toBe(2);
      const log = (await sdk.webhooks.deliveries(hook!.id)).data;
      expect(log.map((d) => [d.id, d.status, d.lastStatusCode])).toEqual([
        [failedId, 'failed', 500],
        [deliveryId, 'succeeded', 200],
      ]);
      await shot(page, 'webhook-ping-failed');

      // Rotate the secret: a new one, shown once.
      page.once('dialog', (dialog) => void dialog.accept());
      await page.getByRole('button', { name: 'Rotate secret' }).click();
      const rotated = await page.getByLabel(`Signing secret of the webhook ${hook!.id}`).inputValue();
      expect(rotated).toMatch(/^whsec_/);
      expect(rotated).not.toBe(secret);
      expect((await sdk.webhooks.get(hook!.id)).secretHint).toBe(rotated.slice(-4));

      // Delete: dismissed once, then accepted.
      page.once('dialog', (dialog) => void dialog.dismiss());
      await page.getByRole('button', { name: 'Delete webhook' }).click();
      expect(await statusOf(sdk.webhooks.get(hook!.id))).toBe(200);
      page.once('dialog', (dialog) => void dialog.accept());
      await page.getByRole('button', { name: 'Delete webhook' }).click();
      await page.getByRole('heading', { name: 'Webhook deleted' }).waitFor();
      expect(await cli(page, 'delete this webhook').textContent()).toBe(
        `batchyard webhooks delete ${hook!.id}`,
      );
      expect(await statusOf(sdk.webhooks.get(hook!.id))).toBe(404);
    },
    90_000,
  );

  e2e('the admin pages fit a phone screen and draw focus', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      const overflow = () =>
        page.evaluate(() => {
          const g = globalThis as unknown as {
            document: { documentElement: { scrollWidth: number } };
            innerWidth: number;
          };
          return g.document.documentElement.scrollWidth - g.innerWidth;
        });
      for (const [link, heading] of [
        ['Clients', 'API clients'],
        ['Webhooks', 'Webhooks'],
        ['Workspaces', 'Workspaces'],
      ] as const) {
        await go(page, link, heading);
        await page.getByRole('main').locator('table, form').first().waitFor();
        expect(await overflow(), link).toBeLessThanOrEqual(0);
      }
      // The Admin menu's button (the admin pages' links are behind it), reached by keyboard.
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('button', { name: 'Admin', exact: true })
        .focus();
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Tab');
      const focusedText = await page.evaluate(
        () =>
          (globalThis as unknown as { document: { activeElement: { textContent: string } | null } }).document
            .activeElement?.textContent,
      );
      expect(focusedText).toMatch(/^Admin/);
      const ring = await page.evaluate(() => {
        const g = globalThis as unknown as {
          document: { activeElement: unknown };
          getComputedStyle(el: unknown): { outlineStyle: string };
        };
        return g.getComputedStyle(g.document.activeElement).outlineStyle;
      });
      expect(ring).toBe('solid');
      await shot(page, 'phone-workspaces');
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });
});
