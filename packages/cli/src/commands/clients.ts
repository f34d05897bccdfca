import { Option, type Command } from 'commander';
import type { Context } from '../context.js';
import { printJson, printLine, printNote, printRecord, type Column, type Formats } from '../output.js';
import { connect, handler, withClientOptions, type ClientFlags } from '../connect.js';
import {
  ROLES,
  credentialFilter,
  credentialScope,
  formatCredentialStatus,
  formatScope,
} from '../credentials.js';
import { asRow, listParams, runList, withGetOptions, withListOptions, type ListFlags } from '../lists.js';

export const CLIENT_COLUMNS: readonly Column[] = [
  { header: 'ID', field: 'id' },
  { header: 'NAME', field: 'name' },
  { header: 'ROLE', field: 'role' },
  { header: 'WORKSPACE', field: 'workspaceId', format: formatScope },
  { header: 'CREATED', field: 'createdAt' },
  { header: 'STATUS', field: 'revokedAt', format: formatCredentialStatus },
];

const CLIENT_FORMATS: Formats = { workspaceId: formatScope };

interface ScopeFlags {
  workspace?: string;
  instance?: boolean;
}

export function registerClients(program: Command, ctx: Context): void {
  const clients = program
    .command('clients')
    .alias('client')
    .description('Manage OAuth2 API clients (client-credentials logins for services)');

  withListOptions(
    clients
      .command('list')
      .description('List API clients (never their secrets)')
      .addOption(new Option('--workspace <id>', 'only the clients of this workspace'))
      .addOption(new Option('--instance', 'only the instance-wide clients').conflicts('workspace')),
  ).action(
    handler<ListFlags & ScopeFlags>(ctx, async (_args, flags) => {
      const { client } = connect(ctx, flags);
      await runList(ctx, flags, {
        plural: 'clients',
        columns: CLIENT_COLUMNS,
        fetch: () => client.clients.list({ ...listParams(flags), ...credentialFilter(flags) }),
      });
    }),
  );

  withGetOptions(
    clients.command('get').description('Show an API client').argument('<id>', 'client id'),
  ).action(
    handler<ClientFlags & { fields?: string[] }>(ctx, async ([id], flags) => {
      const { client } = connect(ctx, flags);
      show(ctx, await client.clients.get(id ?? '', flags.fields ? { fields: flags.fields } : {}));
    }),
  );

  withClientOptions(
    clients
      .command('create')
      .description('Create an API client; its secret is printed once')
      .argument('<name>', 'a name to recognise it by')
      .addOption(new Option('--role <role>', 'what it may do').choices(ROLES).makeOptionMandatory())
      .addOption(new Option('--workspace <id>', "its workspace (default: the credential's)"))
      .addOption(
        new Option('--instance', 'an instance-wide client (instance admins only)').conflicts('workspace'),
      ),
  ).action(
    handler<ClientFlags & ScopeFlags & { role: (typeof ROLES)[number] }>(ctx, async ([name], flags) => {
      const { client, connection } = connect(ctx, flags);
      const created = await client.clients.create({
        name: name ?? '',
        role: flags.role,
        ...credentialScope(flags),
      });
      if (ctx.json) {
        printJson(ctx, created);
      } else {
        const { clientSecret, ...rest } = created;
        printRecord(ctx, asRow(rest), CLIENT_FORMATS);
        printLine(ctx);
        printLine(ctx, `Client ID:     ${created.id}`);
        printLine(ctx, `Client secret: ${clientSecret}`);
        printNote(
          ctx,
          `Log in with it: batchyard login --profile <name> --url ${connection.url} --client-id ${created.id} --client-secret <secret>`,
        );
      }
      printNote(
        ctx,
        'warning: store this client secret now (e.g. in a secret manager): it is shown only once.',
      );
    }),
  );

  withClientOptions(
    clients
      .command('revoke')
      .description('Revoke an API client: its access tokens stop working at once')
      .argument('<id>', 'client id'),
  ).action(
    handler<ClientFlags>(ctx, async ([id], flags) => {
      const { client } = connect(ctx, flags);
      const revoked = await client.clients.revoke(id ?? '');
      if (ctx.json) printJson(ctx, revoked);
      else printLine(ctx, `Revoked client ${revoked.id} (${revoked.name}).`);
    }),
  );
}

function show(ctx: Context, apiClient: object): void {
  if (ctx.json) printJson(ctx, apiClient);
  else printRecord(ctx, asRow(apiClient), CLIENT_FORMATS);
}
