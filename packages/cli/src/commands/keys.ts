import { Option, type Command } from 'commander';
import type { Context } from '../context.js';
import {
  formatValue,
  printJson,
  printLine,
  printNote,
  printRecord,
  type Column,
  type Formats,
} from '../output.js';
import { timeArg } from '../args.js';
import { UsageError } from '../errors.js';
import { connect, handler, withClientOptions, type ClientFlags } from '../connect.js';
import {
  ROLES,
  credentialFilter,
  credentialScope,
  formatCredentialStatus,
  formatScope,
} from '../credentials.js';
import { asRow, listParams, runList, withGetOptions, withListOptions, type ListFlags } from '../lists.js';

export const KEY_COLUMNS: readonly Column[] = [
  { header: 'ID', field: 'id' },
  { header: 'NAME', field: 'name' },
  { header: 'ROLE', field: 'role' },
  { header: 'WORKSPACE', field: 'workspaceId', format: formatScope },
  { header: 'MEMBER', field: 'memberId' },
  { header: 'TOKEN', field: 'hint', format: formatHint },
  { header: 'EXPIRES', field: 'expiresAt', format: orNever },
  { header: 'LAST USED', field: 'lastUsedAt', format: orNever },
  { header: 'STATUS', field: 'revokedAt', format: formatCredentialStatus },
];

const KEY_FORMATS: Formats = {
  workspaceId: formatScope,
  hint: formatHint,
  expiresAt: orNever,
  lastUsedAt: orNever,
};

function formatHint(value: unknown): string {
  return typeof value === 'string' ? `…${value}` : '-';
}

function orNever(value: unknown): string {
  return value === null ? 'never' : formatValue(value);
}

interface ScopeFlags {
  workspace?: string;
  instance?: boolean;
}

export function registerKeys(program: Command, ctx: Context): void {
  const keys = program.command('keys').alias('key').description('Manage API keys');

  withListOptions(
    keys
      .command('list')
      .description('List API keys (never their tokens)')
      .addOption(new Option('--workspace <id>', 'only the keys of this workspace'))
      .addOption(new Option('--instance', 'only the instance-wide keys').conflicts('workspace')),
  ).action(
    handler<ListFlags & ScopeFlags>(ctx, async (_args, flags) => {
      const { client } = connect(ctx, flags);
      await runList(ctx, flags, {
        plural: 'keys',
        columns: KEY_COLUMNS,
        fetch: () => client.keys.list({ ...listParams(flags), ...credentialFilter(flags) }),
      });
    }),
  );

  withGetOptions(keys.command('get').description('Show an API key').argument('<id>', 'key id')).action(
    handler<ClientFlags & { fields?: string[] }>(ctx, async ([id], flags) => {
      const { client } = connect(ctx, flags);
      show(ctx, await client.keys.get(id ?? '', flags.fields ? { fields: flags.fields } : {}));
    }),
  );

  withClientOptions(
    keys
      .command('create')
      .description('Create an API key; its token is printed once')
      .argument('<name>', 'a name to recognise it by')
      .addOption(new Option('--role <role>', 'what it may do (required unless --member)').choices(ROLES))
      .addOption(
        new Option(
          '--member <id>',
          "a key acting for this member: editor, narrowed by the member's role, in its workspace",
        ).conflicts(['instance']),
      )
      .addOption(new Option('--workspace <id>', "its workspace (default: the credential's)"))
      .addOption(
        new Option('--instance', 'an instance-wide key (instance admins only)').conflicts('workspace'),
      )
      .option('--expires-at <time>', 'expiry: an ISO 8601 time, or a duration such as 30d or 12h', timeArg),
  ).action(
    handler<
      ClientFlags & ScopeFlags & { role?: (typeof ROLES)[number]; member?: string; expiresAt?: string }
    >(ctx, async ([name], flags) => {
      if (flags.role === undefined && flags.member === undefined)
        throw new UsageError('pass --role <role>, or --member <id> for a member key');
      const { client } = connect(ctx, flags);
      const key = await client.keys.create({
        name: name ?? '',
        ...(flags.role !== undefined ? { role: flags.role } : {}),
        ...(flags.member !== undefined ? { memberId: flags.member } : {}),
        ...credentialScope(flags),
        ...(flags.expiresAt !== undefined ? { expiresAt: flags.expiresAt } : {}),
      });
      if (ctx.json) {
        printJson(ctx, key);
      } else {
        const { token, ...rest } = key;
        printRecord(ctx, asRow(rest), KEY_FORMATS);
        printLine(ctx);
        printLine(ctx, `Token: ${token}`);
      }
      printNote(ctx, 'warning: store this token now (e.g. in a secret manager): it is shown only once.');
    }),
  );

  withClientOptions(
    keys
      .command('revoke')
      .description('Revoke an API key: it stops working at once')
      .argument('<id>', 'key id'),
  ).action(
    handler<ClientFlags>(ctx, async ([id], flags) => {
      const { client } = connect(ctx, flags);
      const key = await client.keys.revoke(id ?? '');
      if (ctx.json) printJson(ctx, key);
      else printLine(ctx, `Revoked key ${key.id} (${key.name}).`);
    }),
  );
}

function show(ctx: Context, key: object): void {
  if (ctx.json) printJson(ctx, key);
  else printRecord(ctx, asRow(key), KEY_FORMATS);
}
