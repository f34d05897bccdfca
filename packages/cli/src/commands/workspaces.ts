import type { Command } from 'commander';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { printJson, printLine, printRecord, type Column } from '../output.js';
import { connect, handler, withClientOptions, type ClientFlags } from '../connect.js';
import { asRow, listParams, runList, withGetOptions, withListOptions, type ListFlags } from '../lists.js';

export const WORKSPACE_COLUMNS: readonly Column[] = [
  { header: 'ID', field: 'id' },
  { header: 'NAME', field: 'name' },
  { header: 'WEIGHT', field: 'weight' },
  { header: 'CREATED', field: 'createdAt' },
  { header: 'UPDATED', field: 'updatedAt' },
];

export function registerWorkspaces(program: Command, ctx: Context): void {
  const workspaces = program
    .command('workspaces')
    .alias('workspace')
    .description('Manage workspaces (creating and deleting them takes an instance admin credential)');

  withListOptions(
    workspaces.command('list').description('List the workspaces this credential can see'),
  ).action(
    handler<ListFlags>(ctx, async (_args, flags) => {
      const { client } = connect(ctx, flags);
      await runList(ctx, flags, {
        plural: 'workspaces',
        columns: WORKSPACE_COLUMNS,
        fetch: () => client.workspaces.list(listParams(flags)),
      });
    }),
  );

  withGetOptions(
    workspaces.command('get').description('Show a workspace').argument('<id>', 'workspace id'),
  ).action(
    handler<ClientFlags & { fields?: string[] }>(ctx, async ([id], flags) => {
      const { client } = connect(ctx, flags);
      const workspace = await client.workspaces.get(id ?? '', flags.fields ? { fields: flags.fields } : {});
      show(ctx, workspace);
    }),
  );

  withClientOptions(
    workspaces.command('create').description('Create a workspace').argument('<name>', 'workspace name'),
  ).action(
    handler<ClientFlags>(ctx, async ([name], flags) => {
      const { client } = connect(ctx, flags);
      show(ctx, await client.workspaces.create({ name: name ?? '' }));
    }),
  );

  withClientOptions(
    workspaces
      .command('rename')
      .description('Rename a workspace')
      .argument('<id>', 'workspace id')
      .argument('<name>', 'new name'),
  ).action(
    handler<ClientFlags>(ctx, async ([id, name], flags) => {
      const { client } = connect(ctx, flags);
      show(ctx, await client.workspaces.update(id ?? '', { name: name ?? '' }));
    }),
  );

  withClientOptions(
    workspaces
      .command('set-weight')
      .description("Set a workspace's share of job claims against other workspaces (instance admins)")
      .argument('<id>', 'workspace id')
      .argument('<weight>', 'an integer from 1 to 1000 (default 1)'),
  ).action(
    handler<ClientFlags>(ctx, async ([id, weight], flags) => {
      const value = Number(weight);
      if (!Number.isInteger(value) || value < 1 || value > 1000)
        throw new UsageError(`weight must be an integer from 1 to 1000, not "${weight}"`);
      const { client } = connect(ctx, flags);
      show(ctx, await client.workspaces.update(id ?? '', { weight: value }));
    }),
  );

  withClientOptions(
    workspaces
      .command('delete')
      .description('Delete a workspace')
      .argument('<id>', 'workspace id')
      .option('--force', 'also delete its projects (with all their data) and credentials'),
  ).action(
    handler<ClientFlags & { force?: boolean }>(ctx, async ([id], flags) => {
      const { client } = connect(ctx, flags);
      await client.workspaces.delete(id ?? '', flags.force ? { force: true } : {});
      if (ctx.json) printJson(ctx, { id, deleted: true });
      else printLine(ctx, `Deleted workspace ${id}.`);
    }),
  );
}

function show(ctx: Context, workspace: object): void {
  if (ctx.json) printJson(ctx, workspace);
  else printRecord(ctx, asRow(workspace));
}
