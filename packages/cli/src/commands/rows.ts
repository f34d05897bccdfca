import type { Command } from 'commander';
import type { Context } from '../context.js';
import { printJson, printNote, printTable, type Column } from '../output.js';
import { collect, integerArg, listArg } from '../args.js';
import { connect, handler, withClientOptions, type ClientFlags } from '../connect.js';
import { FILTER_HELP } from '../filter-args.js';

interface RowListFlags extends ClientFlags {
  filter?: string[];
  sort?: string;
  columns?: string[];
  limit?: number;
  cursor?: string;
  all?: boolean;
}

/** The row id, its batch, then every column in the order the rows hold them. */
function rowColumns(data: readonly Record<string, unknown>[]): Column[] {
  const names = new Set<string>();
  for (const row of data) for (const name of Object.keys(row)) names.add(name);
  names.delete('_id');
  names.delete('_batchId');
  return [
    { header: 'ROW', field: '_id' },
    { header: 'BATCH', field: '_batchId' },
    ...[...names].map((name) => ({ header: name, field: name })),
  ];
}

export function registerRows(program: Command, ctx: Context): void {
  const rows = program
    .command('rows')
    .alias('row')
    .description("Read a dataset's rows (of its active batches)");

  withClientOptions(
    rows
      .command('list')
      .description("List a dataset's rows, with filters and sort")
      .argument('<datasetId>', 'dataset id')
      .option('--filter <column:op:value>', FILTER_HELP, collect(String))
      .option('--sort <column>', 'sort by this column, e.g. price or price:desc (default: row id)')
      .option('--columns <names>', 'comma-separated columns to show (default: all)', listArg)
      .option('--limit <n>', 'rows per page, 1-1000 (default 50)', integerArg(1, 1000))
      .option('--cursor <cursor>', 'start from this cursor (printed after a page that has more)')
      .option('--all', 'fetch every page, not just one'),
  ).action(
    handler<RowListFlags>(ctx, async ([datasetId], flags) => {
      const { client } = connect(ctx, flags);
      const fetch = () =>
        client.rows.list(datasetId ?? '', {
          ...(flags.filter !== undefined ? { filter: flags.filter } : {}),
          ...(flags.sort !== undefined ? { sort: flags.sort } : {}),
          ...(flags.columns !== undefined ? { columns: flags.columns } : {}),
          ...(flags.limit !== undefined ? { limit: flags.limit } : {}),
          ...(flags.cursor !== undefined ? { cursor: flags.cursor } : {}),
        });
      let data: Record<string, unknown>[];
      let nextCursor: string | null;
      if (flags.all) {
        data = [];
        for await (const row of fetch()) data.push(row);
        nextCursor = null;
      } else {
        const page = await fetch();
        data = page.data;
        nextCursor = page.nextCursor;
      }
      if (ctx.json) {
        printJson(ctx, { data, nextCursor });
        return;
      }
      if (data.length === 0) printNote(ctx, 'No rows found.');
      else printTable(ctx, rowColumns(data), data);
      if (nextCursor !== null) {
        printNote(ctx, `More rows: add --cursor ${nextCursor} for the next page, or --all for every page.`);
      }
    }),
  );
}
