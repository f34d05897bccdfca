// `tasks list` and `tasks get`.
import type { Command } from 'commander';
import type { Task } from '@batchyard/sdk';
import type { Context } from '../../context.js';
import { UsageError } from '../../errors.js';
import { formatValue, printJson, printRecord, type Column } from '../../output.js';
import { collectList, filterOf, withFilterOptions, type FilterFlags } from './filter-options.js';
import { integerArg, listArg } from '../../args.js';
import { connect, handler, withClientOptions, type ClientFlags } from '../../connect.js';
import { asRow, runList } from '../../lists.js';

const TASK_COLUMNS: readonly Column[] = [
  { header: 'ID', field: 'id' },
  { header: 'NAME', field: 'name' },
  { header: 'STATUS', field: 'status' },
  { header: 'BATCH', field: 'batchId' },
  { header: 'PRIORITY', field: 'priority' },
  { header: 'ASSIGNEE', field: 'assigneeId' },
  {
    header: 'SCORE',
    field: 'properties',
    format: (value) => formatValue((value as { score?: unknown } | undefined)?.score),
  },
  { header: 'UPDATED', field: 'updatedAt' },
];
const DATA_COLUMN: Column = { header: 'DATA', field: 'data' };

interface ListFlags extends FilterFlags {
  ids?: string[];
  fields?: string[];
  include?: string[];
  sort?: string;
  limit?: number;
  cursor?: string;
  all?: boolean;
}

function formatHistory(value: unknown): string {
  if (!Array.isArray(value) || value.length === 0) return '-';
  return (value as NonNullable<Task['history']>)
    .map(
      (e) =>
        `${e.at} ${e.from ?? '-'} → ${e.to} (${e.action}${e.actor ? ` by ${e.actor}` : ''}${e.memberId ? ` for ${e.memberId}` : ''})${e.reason ? `: ${e.reason}` : ''}`,
    )
    .join('\n');
}

const pretty = (value: unknown) =>
  value === null || value === undefined ? '-' : JSON.stringify(value, null, 2);

/** `tasks list` and `tasks get`. */
export function registerTaskReads(tasks: Command, ctx: Context): void {
  withClientOptions(
    withFilterOptions(
      tasks
        .command('list')
        .description("List a project's tasks, with filters")
        .option('--ids <ids>', 'only these tasks (comma-separated, repeatable)', collectList)
        .option(
          '--fields <names>',
          'only these fields (comma-separated; id is always shown), e.g. name,status,properties',
          collectList,
        )
        .option('--include <fields>', 'heavy fields to add: data, history (comma-separated)', listArg)
        .option(
          '--sort <spec>',
          'sort order, e.g. name or createdAt:desc (id, createdAt, updatedAt, name, status)',
        )
        .option('--limit <n>', 'tasks per page, 1-1000 (default 50)', integerArg(1, 1000))
        .option('--cursor <cursor>', 'start from this cursor (printed after a page that has more)')
        .option('--all', 'fetch every page, not just one')
        .option('--gold', 'only gold tasks (not for annotators)')
        .option('--no-gold', 'only tasks that are not gold'),
    ),
  ).action(
    handler<ListFlags & { gold?: boolean }>(ctx, async (_args, flags) => {
      const filter = filterOf(flags);
      for (const name of flags.include ?? []) {
        if (name !== 'data' && name !== 'history') throw new UsageError(`--include: unknown field "${name}"`);
      }
      const { client } = connect(ctx, flags);
      const params = {
        ...filter,
        ...(flags.ids !== undefined ? { ids: flags.ids } : {}),
        ...(flags.fields !== undefined ? { fields: flags.fields } : {}),
        ...(flags.include !== undefined ? { include: flags.include as ('data' | 'history')[] } : {}),
        ...(flags.sort !== undefined ? { sort: flags.sort } : {}),
        ...(flags.limit !== undefined ? { limit: flags.limit } : {}),
        ...(flags.cursor !== undefined ? { cursor: flags.cursor } : {}),
        ...(flags.gold !== undefined ? { isGold: flags.gold } : {}),
      };
      const columns: readonly Column[] = flags.fields
        ? ['id', ...flags.fields.filter((f) => f !== 'id')].map((field) => ({
            header: field.toUpperCase(),
            field,
          }))
        : flags.include?.includes('data')
          ? [...TASK_COLUMNS, DATA_COLUMN]
          : TASK_COLUMNS;
      await runList(ctx, { ...flags, fields: undefined } as never, {
        plural: 'tasks',
        columns,
        fetch: () => client.tasks.list(params) as never,
      });
    }),
  );

  withClientOptions(
    tasks
      .command('get')
      .description('Show a task, with its data and transition history')
      .argument('<id>', 'task id'),
  ).action(
    handler<ClientFlags>(ctx, async ([id], flags) => {
      const { client } = connect(ctx, flags);
      showTask(ctx, await client.tasks.get(id ?? '', { include: ['data', 'history'] }));
    }),
  );
}

/** One task, as `tasks get` and the queue commands show it. */
export function showTask(ctx: Context, task: Task): void {
  if (ctx.json) printJson(ctx, task);
  else
    printRecord(ctx, asRow(task), {
      data: pretty,
      initialData: pretty,
      properties: pretty,
      prediction: pretty,
      lease: pretty,
      gold: pretty,
      resources: (value) => (Array.isArray(value) && value.length > 0 ? value.join('\n') : '-'),
      history: formatHistory,
    });
}
