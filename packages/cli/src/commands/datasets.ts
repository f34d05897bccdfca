import { InvalidArgumentError, type Command } from 'commander';
import type { ColumnType, DatasetUpdateParams } from '@batchyard/sdk';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { printJson, printLine, printRecord, type Column } from '../output.js';
import { collect } from '../args.js';
import { COLUMN_TYPES } from '../column-types.js';
import { connect, handler, withClientOptions, type ClientFlags } from '../connect.js';
import { asRow, listParams, runList, withGetOptions, withListOptions, type ListFlags } from '../lists.js';

export const DATASET_COLUMNS: readonly Column[] = [
  { header: 'ID', field: 'id' },
  { header: 'NAME', field: 'name' },
  { header: 'PROJECT', field: 'projectId' },
  {
    header: 'COLUMNS',
    field: 'columns',
    format: (value) => (Array.isArray(value) ? formatColumns(value, false) : '-'),
  },
  { header: 'ROWS', field: 'rowCount' },
  { header: 'BATCHES', field: 'batchCount' },
  { header: 'CREATED', field: 'createdAt' },
];

interface DatasetColumn {
  id?: string;
  name: string;
  type: string;
}

/** `name (text), age (numeric)`; with ids, `c1 name (text)`. */
function formatColumns(columns: readonly unknown[], withIds: boolean): string {
  return (columns as DatasetColumn[])
    .map((c) => `${withIds && c.id ? `${c.id} ` : ''}${c.name} (${c.type})`)
    .join(withIds ? '\n' : ', ');
}

/** `--column name:type` */
export function columnArg(value: string): { name: string; type: ColumnType } {
  const at = value.lastIndexOf(':');
  const name = at > 0 ? value.slice(0, at).trim() : '';
  const type = value.slice(at + 1).trim() as ColumnType;
  if (at <= 0 || !name || !COLUMN_TYPES.includes(type)) {
    throw new InvalidArgumentError(`expected name:type, type one of ${COLUMN_TYPES.join(', ')}.`);
  }
  return { name, type };
}

/** `--rename-column c2:new name` */
function renameArg(value: string): { id: string; name: string } {
  const at = value.indexOf(':');
  const id = at > 0 ? value.slice(0, at).trim() : '';
  const name = value.slice(at + 1).trim();
  if (!id || !name) throw new InvalidArgumentError('expected columnId:newName, e.g. c2:price.');
  return { id, name };
}

interface CreateFlags extends ClientFlags {
  project?: string;
  name?: string;
  column?: { name: string; type: ColumnType }[];
  key?: string;
  description?: string;
}

interface UpdateFlags extends ClientFlags {
  name?: string;
  description?: string;
  addColumn?: { name: string; type: ColumnType }[];
  renameColumn?: { id: string; name: string }[];
  key?: string | false;
}

export function registerDatasets(program: Command, ctx: Context): void {
  const datasets = program
    .command('datasets')
    .alias('dataset')
    .description('Manage datasets: typed columns whose rows come in batches');

  withListOptions(
    datasets
      .command('list')
      .description('List datasets')
      .option('--project <id>', 'only the datasets of this project')
      .option('--workspace <id>', 'only the datasets of this workspace'),
  ).action(
    handler<ListFlags & { project?: string; workspace?: string }>(ctx, async (_args, flags) => {
      const { client } = connect(ctx, flags);
      await runList(ctx, flags, {
        plural: 'datasets',
        columns: DATASET_COLUMNS,
        fetch: () =>
          client.datasets.list({
            ...listParams(flags),
            ...(flags.project !== undefined ? { projectId: flags.project } : {}),
            ...(flags.workspace !== undefined ? { workspaceId: flags.workspace } : {}),
          }),
      });
    }),
  );

  withGetOptions(datasets.command('get').description('Show a dataset').argument('<id>', 'dataset id')).action(
    handler<ClientFlags & { fields?: string[] }>(ctx, async ([id], flags) => {
      const { client } = connect(ctx, flags);
      show(ctx, await client.datasets.get(id ?? '', flags.fields ? { fields: flags.fields } : {}));
    }),
  );

  withClientOptions(
    datasets
      .command('create')
      .description('Create a dataset')
      .requiredOption('--project <id>', 'its project')
      .requiredOption('--name <name>', 'its name (unique in the project)')
      .requiredOption(
        '--column <name:type>',
        `a column (repeatable, in order); types: ${COLUMN_TYPES.join(', ')}`,
        collect(columnArg),
      )
      .option('--key <column>', 'the key column (merge conflicts are decided on it)')
      .option('--description <text>', 'a description'),
  ).action(
    handler<CreateFlags>(ctx, async (_args, flags) => {
      const { client } = connect(ctx, flags);
      const dataset = await client.datasets.create({
        projectId: flags.project ?? '',
        name: flags.name ?? '',
        columns: flags.column ?? [],
        ...(flags.key !== undefined ? { keyColumn: flags.key } : {}),
        ...(flags.description !== undefined ? { description: flags.description } : {}),
      });
      show(ctx, dataset);
    }),
  );

  withClientOptions(
    datasets
      .command('update')
      .description('Rename a dataset, add or rename columns, set its key column')
      .argument('<id>', 'dataset id')
      .option('--name <name>', 'new name')
      .option('--description <text>', 'new description ("" removes it)')
      .option('--add-column <name:type>', 'add a column (repeatable)', collect(columnArg))
      .option(
        '--rename-column <id:name>',
        'rename a column by id, e.g. c2:price (repeatable)',
        collect(renameArg),
      )
      .option('--key <column>', 'new key column (name or id)')
      .option('--no-key', 'no key column'),
  ).action(
    handler<UpdateFlags>(ctx, async ([id], flags) => {
      const body: DatasetUpdateParams = {};
      if (flags.name !== undefined) body.name = flags.name;
      if (flags.description !== undefined)
        body.description = flags.description === '' ? null : flags.description;
      if (flags.addColumn !== undefined) body.addColumns = flags.addColumn;
      if (flags.renameColumn !== undefined) body.renameColumns = flags.renameColumn;
      if (flags.key !== undefined) body.keyColumn = flags.key === false ? null : flags.key;
      if (Object.keys(body).length === 0) {
        throw new UsageError(
          'nothing to update: pass --name, --description, --add-column, --rename-column, --key or --no-key',
        );
      }
      const { client } = connect(ctx, flags);
      show(ctx, await client.datasets.update(id ?? '', body));
    }),
  );

  withClientOptions(
    datasets
      .command('delete')
      .description('Delete a dataset')
      .argument('<id>', 'dataset id')
      .option('--force', 'also delete its batches and rows'),
  ).action(
    handler<ClientFlags & { force?: boolean }>(ctx, async ([id], flags) => {
      const { client } = connect(ctx, flags);
      await client.datasets.delete(id ?? '', flags.force ? { force: true } : {});
      if (ctx.json) printJson(ctx, { id, deleted: true });
      else printLine(ctx, `Deleted dataset ${id}.`);
    }),
  );
}

function show(ctx: Context, dataset: object): void {
  if (ctx.json) printJson(ctx, dataset);
  else
    printRecord(ctx, asRow(dataset), {
      columns: (value) => (Array.isArray(value) ? formatColumns(value, true) : '-'),
    });
}
