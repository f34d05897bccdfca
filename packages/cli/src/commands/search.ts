import type { Command } from 'commander';
import type { RowFilter } from '@batchyard/sdk';
import type { Context } from '../context.js';
import { collect } from '../args.js';
import { handler, withClientOptions } from '../connect.js';
import { FILTER_HELP, filterArg } from '../filter-args.js';
import { startJob, withWaitOptions, type WaitFlags } from '../job-wait.js';

interface RunFlags extends WaitFlags {
  filter?: RowFilter[];
  or?: boolean;
}

interface CreateDatasetFlags extends WaitFlags {
  name?: string;
  description?: string;
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
