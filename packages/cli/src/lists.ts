// The options, parameters and output of `list` and `get` commands.
import type { Command } from 'commander';
import type { PagePromise } from '@batchyard/sdk';
import type { Context } from './context.js';
import { printJson, printNote, printTable, selectColumns, type Column } from './output.js';
import { integerArg, listArg } from './args.js';
import { withClientOptions, type ClientFlags } from './connect.js';

export interface ListFlags extends ClientFlags {
  limit?: number;
  cursor?: string;
  sort?: string;
  fields?: string[];
  all?: boolean;
}

/** The options of every `list` command. */
export function withListOptions(command: Command): Command {
  return withClientOptions(
    command
      .option('--limit <n>', 'items per page, 1-1000 (default 50)', integerArg(1, 1000))
      .option('--cursor <cursor>', 'start from this cursor (printed after a page that has more)')
      .option('--sort <spec>', 'sort order, e.g. name or createdAt:desc (comma-separated)')
      .option('--fields <names>', 'comma-separated fields to fetch and show (id is always included)', listArg)
      .option('--all', 'fetch every page, not just one'),
  );
}

/** The options of every `get` command. */
export function withGetOptions(command: Command): Command {
  return withClientOptions(
    command.option('--fields <names>', 'comma-separated fields to fetch and show', listArg),
  );
}

/** List parameters from the list options. */
export function listParams(flags: ListFlags): {
  limit?: number;
  cursor?: string;
  sort?: string;
  fields?: string[];
} {
  return {
    ...(flags.limit !== undefined ? { limit: flags.limit } : {}),
    ...(flags.cursor !== undefined ? { cursor: flags.cursor } : {}),
    ...(flags.sort !== undefined ? { sort: flags.sort } : {}),
    ...(flags.fields !== undefined ? { fields: flags.fields } : {}),
  };
}

type Row = Record<string, unknown>;

/**
 * Runs a list: one page (and a hint when there are more), or every page with --all; prints a
 * table, or `{data, nextCursor}` as JSON.
 */
export async function runList(
  ctx: Context,
  flags: ListFlags,
  spec: { plural: string; columns: readonly Column[]; fetch: () => PagePromise<Row> },
): Promise<void> {
  let data: Row[];
  let nextCursor: string | null;
  if (flags.all) {
    data = [];
    for await (const item of spec.fetch()) data.push(item);
    nextCursor = null;
  } else {
    const page = await spec.fetch();
    data = page.data;
    nextCursor = page.nextCursor;
  }

  if (ctx.json) {
    printJson(ctx, { data, nextCursor });
    return;
  }
  if (data.length === 0) {
    printNote(ctx, `No ${spec.plural} found.`);
  } else {
    printTable(ctx, selectColumns(spec.columns, flags.fields), data);
  }
  if (nextCursor !== null) {
    printNote(
      ctx,
      `More ${spec.plural}: add --cursor ${nextCursor} for the next page, or --all for every page.`,
    );
  }
}

/** Rows of the SDK's typed results, for the table helpers. */
export function asRow(value: object): Row {
  return value as Row;
}
