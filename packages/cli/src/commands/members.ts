import type { Command } from 'commander';
import type { MemberRole } from '@batchyard/sdk';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { printJson, printLine, printRecord, type Column } from '../output.js';
import { connect, handler, withClientOptions, type ClientFlags } from '../connect.js';
import { asRow, listParams, runList, withGetOptions, withListOptions, type ListFlags } from '../lists.js';

const MEMBER_ROLES: readonly MemberRole[] = ['annotator', 'reviewer', 'manager'];

export const MEMBER_COLUMNS: readonly Column[] = [
  { header: 'ID', field: 'id' },
  { header: 'NAME', field: 'name' },
  { header: 'EMAIL', field: 'email' },
  { header: 'ROLE', field: 'role' },
  { header: 'WORKSPACE', field: 'workspaceId' },
  { header: 'REMOVED', field: 'removedAt' },
];

function role(value: string | undefined): MemberRole | undefined {
  if (value === undefined) return undefined;
  if (!MEMBER_ROLES.includes(value as MemberRole))
    throw new UsageError(`unknown role "${value}"; roles: ${MEMBER_ROLES.join(', ')}`);
  return value as MemberRole;
}

interface MemberListFlags extends ListFlags {
  workspace?: string;
  role?: string;
  email?: string;
  removed?: boolean;
}

/** `members`: the people of a workspace, who act through keys made for them (`keys create --member`). */
export function registerMembers(program: Command, ctx: Context): void {
  const members = program
    .command('members')
    .alias('member')
    .description('Manage the members of a workspace (annotators, reviewers, managers)');

  withListOptions(
    members
      .command('list')
      .description('List members')
      .option('--workspace <id>', 'only the members of this workspace')
      .option('--role <roles>', `only these roles (comma-separated: ${MEMBER_ROLES.join(', ')})`)
      .option('--email <email>', 'only the member with this email')
      .option('--removed', 'removed members too'),
  ).action(
    handler<MemberListFlags>(ctx, async (_args, flags) => {
      const { client } = connect(ctx, flags);
      await runList(ctx, flags, {
        plural: 'members',
        columns: MEMBER_COLUMNS,
        fetch: () =>
          client.members.list({
            ...listParams(flags),
            ...(flags.workspace !== undefined ? { workspaceId: flags.workspace } : {}),
            ...(flags.role !== undefined ? { roles: flags.role } : {}),
            ...(flags.email !== undefined ? { email: flags.email } : {}),
            ...(flags.removed ? { includeRemoved: true } : {}),
          }),
      });
    }),
  );

  withGetOptions(members.command('get').description('Show a member').argument('<id>', 'member id')).action(
    handler<ClientFlags & { fields?: string[] }>(ctx, async ([id], flags) => {
      const { client } = connect(ctx, flags);
      show(ctx, await client.members.get(id ?? '', flags.fields ? { fields: flags.fields } : {}));
    }),
  );

  withClientOptions(
    members
      .command('create')
      .alias('add')
      .description('Add a member to a workspace')
      .argument('<name>', "the person's name")
      .requiredOption('--email <email>', 'unique in the workspace')
      .requiredOption('--role <role>', MEMBER_ROLES.join(', '))
      .option('--workspace <id>', "its workspace (default: the credential's)"),
  ).action(
    handler<ClientFlags & { email: string; role: string; workspace?: string }>(ctx, async ([name], flags) => {
      const { client } = connect(ctx, flags);
      show(
        ctx,
        await client.members.create({
          name: name ?? '',
          email: flags.email,
          role: role(flags.role)!,
          ...(flags.workspace !== undefined ? { workspaceId: flags.workspace } : {}),
        }),
      );
    }),
  );

  withClientOptions(
    members
      .command('update')
      .description("Change a member's name, email or role")
      .argument('<id>', 'member id')
      .option('--name <name>', 'new name')
      .option('--email <email>', 'new email')
      .option('--role <role>', `new role: ${MEMBER_ROLES.join(', ')}`),
  ).action(
    handler<ClientFlags & { name?: string; email?: string; role?: string }>(ctx, async ([id], flags) => {
      const newRole = role(flags.role);
      const body = {
        ...(flags.name !== undefined ? { name: flags.name } : {}),
        ...(flags.email !== undefined ? { email: flags.email } : {}),
        ...(newRole !== undefined ? { role: newRole } : {}),
      };
      if (Object.keys(body).length === 0)
        throw new UsageError('nothing to update: pass --name, --email or --role');
      const { client } = connect(ctx, flags);
      show(ctx, await client.members.update(id ?? '', body));
    }),
  );

  withClientOptions(
    members
      .command('remove')
      .alias('delete')
      .description('Remove a member: its keys stop working, its tasks go back to the queue')
      .argument('<id>', 'member id'),
  ).action(
    handler<ClientFlags>(ctx, async ([id], flags) => {
      const { client } = connect(ctx, flags);
      await client.members.remove(id ?? '');
      if (ctx.json) printJson(ctx, { id, removed: true });
      else printLine(ctx, `Removed member ${id}.`);
    }),
  );
}

function show(ctx: Context, member: object): void {
  if (ctx.json) printJson(ctx, member);
  else printRecord(ctx, asRow(member));
}
