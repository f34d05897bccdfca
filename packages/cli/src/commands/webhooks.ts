import type { Command } from 'commander';
import type { WebhookEvent, WebhookUpdateParams } from '@batchyard/sdk';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { printJson, printLine, printNote, printRecord, type Column } from '../output.js';
import { choiceArg, collect, integerArg } from '../args.js';
import { connect, handler, withClientOptions, type ClientFlags } from '../connect.js';
import { asRow, listParams, runList, withListOptions, type ListFlags } from '../lists.js';

const EVENTS: readonly WebhookEvent[] = [
  'task.created',
  'task.status_changed',
  'batch.state_changed',
  'job.finished',
];

const WEBHOOK_COLUMNS: readonly Column[] = [
  { header: 'ID', field: 'id' },
  { header: 'URL', field: 'url' },
  { header: 'EVENTS', field: 'events', format: (value) => (Array.isArray(value) ? value.join(',') : '-') },
  {
    header: 'ENABLED',
    field: 'enabled',
    format: (value) => (value === undefined ? '-' : value ? 'yes' : 'no'),
  },
  { header: 'PROJECT', field: 'projectId' },
  { header: 'CREATED', field: 'createdAt' },
];

const DELIVERY_COLUMNS: readonly Column[] = [
  { header: 'ID', field: 'id' },
  { header: 'EVENT', field: 'event' },
  { header: 'STATUS', field: 'status' },
  { header: 'ATTEMPTS', field: 'attempts' },
  { header: 'LAST CODE', field: 'lastStatusCode' },
  {
    header: 'TOOK',
    field: 'durationMs',
    format: (value) => (typeof value === 'number' ? `${value} ms` : '-'),
  },
  { header: 'LAST ERROR', field: 'lastError' },
  { header: 'CREATED', field: 'createdAt' },
  { header: 'DELIVERED', field: 'deliveredAt' },
];

interface SettingsFlags extends ClientFlags {
  url?: string;
  event?: WebhookEvent[];
  description?: string;
  disabled?: boolean;
  enabled?: boolean;
  maxAttempts?: number;
  backoffMs?: number;
  secret?: string;
  rotateSecret?: boolean;
  project?: string;
  serverUrl?: string;
}

function withSettings(command: Command): Command {
  return command
    .option(
      '--event <event>',
      `an event to send (repeatable): ${EVENTS.join(', ')}`,
      collect(choiceArg(EVENTS)),
    )
    .option('--description <text>', 'what it is for')
    .option('--max-attempts <n>', 'delivery attempts before giving up (1-25, default 8)', integerArg(1, 25))
    .option(
      '--backoff-ms <ms>',
      'first retry delay, doubled each time (100-3600000, default 5000)',
      integerArg(100, 3_600_000),
    );
}

/**
 * The client options of the commands whose `--url` is the webhook's: the server's URL is then
 * `--server-url` (or the profile's).
 */
function withHookClientOptions(command: Command): Command {
  return command
    .option('--profile <name>', 'profile to use (default: $BATCHYARD_PROFILE, else the default profile)')
    .option('--server-url <url>', "server URL (overrides the profile's)")
    .option('--token <token>', "API key or access token (overrides the profile's credential)")
    .option('--json', 'print machine-readable JSON on stdout');
}

/** Connection flags with the server URL of `--server-url`. */
function serverFlags(flags: SettingsFlags): ClientFlags {
  return {
    ...(flags.profile !== undefined ? { profile: flags.profile } : {}),
    ...(flags.serverUrl !== undefined ? { url: flags.serverUrl } : {}),
    ...(flags.token !== undefined ? { token: flags.token } : {}),
    ...(flags.json !== undefined ? { json: flags.json } : {}),
  };
}

function showWebhook(ctx: Context, hook: object): void {
  if (ctx.json) {
    printJson(ctx, hook);
    return;
  }
  printRecord(ctx, asRow(hook), { events: (value) => (Array.isArray(value) ? value.join(', ') : '-') });
  if (typeof (hook as { secret?: unknown }).secret === 'string') {
    printNote(ctx, 'Keep the secret: it is shown this once (verify deliveries with it).');
  }
}

export function registerWebhooks(program: Command, ctx: Context): void {
  const webhooks = program
    .command('webhooks')
    .alias('webhook')
    .description("Subscribe URLs to a project's events; see their signed deliveries");

  withHookClientOptions(
    withSettings(
      webhooks
        .command('create')
        .description('Subscribe a URL to events of a project (prints the signing secret, once)')
        .requiredOption('--project <id>', 'project id')
        .requiredOption(
          '--url <url>',
          'http(s) URL that receives the events: a public address, unless the server allows it (--webhook-allow)',
        )
        .option('--disabled', 'create it disabled')
        .option('--secret <whsec>', 'the signing secret (whsec_ + base64; default: generated)'),
    ),
  ).action(
    handler<SettingsFlags>(ctx, async (_args, flags) => {
      if (!flags.event || flags.event.length === 0) throw new UsageError('pass at least one --event');
      const { client } = connect(ctx, serverFlags(flags));
      const hook = await client.webhooks.create({
        projectId: flags.project ?? '',
        url: flags.url ?? '',
        events: [...new Set(flags.event)],
        ...(flags.description !== undefined ? { description: flags.description } : {}),
        ...(flags.disabled ? { enabled: false } : {}),
        ...(flags.maxAttempts !== undefined ? { maxAttempts: flags.maxAttempts } : {}),
        ...(flags.backoffMs !== undefined ? { backoffMs: flags.backoffMs } : {}),
        ...(flags.secret !== undefined ? { secret: flags.secret } : {}),
      });
      showWebhook(ctx, hook);
    }),
  );

  withListOptions(
    webhooks
      .command('list')
      .description('List webhooks')
      .option('--project <id>', 'only the webhooks of this project')
      .option('--workspace <id>', 'only the webhooks of this workspace'),
  ).action(
    handler<ListFlags & { project?: string; workspace?: string }>(ctx, async (_args, flags) => {
      const { client } = connect(ctx, flags);
      await runList(ctx, flags, {
        plural: 'webhooks',
        columns: WEBHOOK_COLUMNS,
        fetch: () =>
          client.webhooks.list({
            ...listParams(flags),
            ...(flags.project !== undefined ? { projectId: flags.project } : {}),
            ...(flags.workspace !== undefined ? { workspaceId: flags.workspace } : {}),
          }) as never,
      });
    }),
  );

  withClientOptions(
    webhooks.command('get').description('Show a webhook').argument('<id>', 'webhook id'),
  ).action(
    handler<ClientFlags>(ctx, async ([id], flags) => {
      const { client } = connect(ctx, flags);
      showWebhook(ctx, await client.webhooks.get(id ?? ''));
    }),
  );

  withHookClientOptions(
    withSettings(
      webhooks
        .command('update')
        .description('Change a webhook, or rotate its secret')
        .argument('<id>', 'webhook id')
        .option('--url <url>', 'new URL (a public address, unless the server allows it)')
        .option('--enable', 'enable it')
        .option('--disable', 'disable it (events are no longer sent)')
        .option('--rotate-secret', 'make a new signing secret (printed once)'),
    ),
  ).action(
    handler<SettingsFlags & { enable?: boolean; disable?: boolean }>(ctx, async ([id], flags) => {
      if (flags.enable && flags.disable) throw new UsageError('pass --enable or --disable, not both');
      const body: WebhookUpdateParams = {
        ...(flags.url !== undefined ? { url: flags.url } : {}),
        ...(flags.event !== undefined ? { events: [...new Set(flags.event)] } : {}),
        ...(flags.description !== undefined ? { description: flags.description } : {}),
        ...(flags.enable ? { enabled: true } : {}),
        ...(flags.disable ? { enabled: false } : {}),
        ...(flags.maxAttempts !== undefined ? { maxAttempts: flags.maxAttempts } : {}),
        ...(flags.backoffMs !== undefined ? { backoffMs: flags.backoffMs } : {}),
        ...(flags.rotateSecret ? { rotateSecret: true } : {}),
      };
      if (Object.keys(body).length === 0) throw new UsageError('nothing to change');
      const { client } = connect(ctx, serverFlags(flags));
      showWebhook(ctx, await client.webhooks.update(id ?? '', body));
    }),
  );

  withClientOptions(
    webhooks
      .command('delete')
      .description('Delete a webhook and its delivery log')
      .argument('<id>', 'webhook id'),
  ).action(
    handler<ClientFlags>(ctx, async ([id], flags) => {
      const { client } = connect(ctx, flags);
      await client.webhooks.delete(id ?? '');
      if (ctx.json) printJson(ctx, { id, deleted: true });
      else printLine(ctx, `deleted ${id}`);
    }),
  );

  withClientOptions(
    webhooks
      .command('deliveries')
      .description(
        "A webhook's delivery log, newest first: attempts, last status code, how long the last attempt took and last error (its cause, or the start of the receiver's answer)",
      )
      .argument('<id>', 'webhook id')
      .option(
        '--status <status>',
        'only deliveries in this state: pending, succeeded, failed',
        choiceArg(['pending', 'succeeded', 'failed'] as const),
      )
      .option('--limit <n>', 'deliveries per page, 1-1000 (default 50)', integerArg(1, 1000))
      .option('--cursor <cursor>', 'start from this cursor (printed after a page that has more)')
      .option('--sort <spec>', 'sort order (default id:desc)')
      .option('--all', 'fetch every page, not just one'),
  ).action(
    handler<ListFlags & { status?: 'pending' | 'succeeded' | 'failed' }>(ctx, async ([id], flags) => {
      const { client } = connect(ctx, flags);
      const params = listParams(flags);
      await runList(ctx, flags, {
        plural: 'deliveries',
        columns: DELIVERY_COLUMNS,
        fetch: () =>
          client.webhooks.deliveries(id ?? '', {
            ...params,
            ...(flags.status !== undefined ? { status: flags.status } : {}),
          }) as never,
      });
    }),
  );

  withClientOptions(
    webhooks.command('ping').description('Send a webhook.ping event now').argument('<id>', 'webhook id'),
  ).action(
    handler<ClientFlags>(ctx, async ([id], flags) => {
      const { client } = connect(ctx, flags);
      const delivery = await client.webhooks.ping(id ?? '');
      if (ctx.json) printJson(ctx, delivery);
      else {
        printRecord(ctx, asRow(delivery), { payload: (value) => JSON.stringify(value) });
        printNote(ctx, `Follow it with: batchyard webhooks deliveries ${id}`);
      }
    }),
  );
}
