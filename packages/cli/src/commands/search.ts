import { InvalidArgumentError, type Command } from 'commander';
import type { RowFilter, RowFilterOperator } from '@batchyard/sdk';
import type { Context } from '../context.js';
import { handler, withClientOptions } from './common.js';
import { startJob, type WaitFlags } from './batches.js';
import { collect } from './datasets.js';
import { withWaitOptions } from './jobs.js';
import { FILTER_HELP } from './rows.js';

interface RunFlags extends WaitFlags {
  filter?: RowFilter[];
  or?: boolean;
}

interface CreateDatasetFlags extends WaitFlags {
  name?: string;
  description?: string;
}

const OPERATORS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'like', '=', '!=', '>', '>=', '<', '<='];

/** `--filter column:op:value` as a search filter (`in` takes a JSON array). */
function filterArg(value: string): RowFilter {
  const first = value.indexOf(':');
  const second = first < 0 ? -1 : value.indexOf(':', first + 1);
  if (first <= 0 || second < 0) throw new InvalidArgumentError('expected column:operator:value.');
  const operator = value.slice(first + 1, second);
  if (!OPERATORS.includes(operator)) {
    throw new InvalidArgumentError(
      `unknown operator "${operator}"; use ${OPERATORS.slice(0, 8).join(', ')}.`,
    );
  }
  const raw = value.slice(second + 1);
  let parsed: unknown = raw;
  if (operator === 'in') {
    try {
      parsed = JSON.parse(raw);
    } catch {
      parsed = undefined;
    }
    if (!Array.isArray(parsed)) {
      throw new InvalidArgumentError('the value of "in" must be a JSON array, e.g. city:in:["Oslo","Rome"].');
    }
  }
  return { key: value.slice(0, first), operator: operator as RowFilterOperator, value: parsed };
}

export function registerSearch(program: Command, ctx: Context): void {
  const search = program
    .command('search')
    .description("Search jobs over a dataset's active rows, and datasets made of their results");

  withClientOptions(
    withWaitOptions(
      search
        .command('run')
        .description('Start a search job: its result holds the count and ids of the matching rows')
        .argument('<datasetId>', 'dataset id')
        .requiredOption(
          '--filter <column:op:value>',
          FILTER_HELP.replace('all must hold', 'all must hold, or any with --or'),
          collect(filterArg),
        )
        .option('--or', 'a row matches when any filter holds (default: all of them)'),
    ),
  ).action(
    handler<RunFlags>(ctx, async ([datasetId], flags) => {
      await startJob(ctx, flags, (client) =>
        client.search.run(datasetId ?? '', {
          ...(flags.or ? { conjunction: 'or' as const } : {}),
          filters: flags.filter ?? [],
        }),
      );
    }),
  );

  withClientOptions(
    withWaitOptions(
      search
        .command('create-dataset')
        .description('Start a job that creates a dataset from the rows a search found')
        .argument('<searchJobId>', 'a succeeded search job')
        .requiredOption('--name <name>', 'name of the new dataset (unique in the project)')
        .option('--description <text>', 'a description'),
    ),
  ).action(
    handler<CreateDatasetFlags>(ctx, async ([searchJobId], flags) => {
      await startJob(ctx, flags, (client) =>
        client.search.createDataset({
          searchJobId: searchJobId ?? '',
          name: flags.name ?? '',
          ...(flags.description !== undefined ? { description: flags.description } : {}),
        }),
      );
    }),
  );
}
