import { basename } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import type {
  Batchyard,
  BatchFromDatasetParams,
  BatchState,
  ColumnType,
  Job,
  JobHandle,
  UploadFormat,
} from '@batchyard/sdk';
import type { Context } from '../context.js';
import { CliError, EXIT } from '../errors.js';
import { printJson, printNote, printRecord, type Column } from '../output.js';
import { choiceArg, collect, integerArg, listArg, pastTimeArg } from '../args.js';
import { COLUMN_TYPES } from '../column-types.js';
import { connect, handler, withClientOptions, type ClientFlags } from '../connect.js';
import { firstArtifactLines, startJob, withWaitOptions, type WaitFlags } from '../job-wait.js';
import { asRow, listParams, runList, withGetOptions, withListOptions, type ListFlags } from '../lists.js';
import { UploadBar } from '../progress.js';

export const BATCH_COLUMNS: readonly Column[] = [
  { header: 'ID', field: 'id' },
  { header: 'NAME', field: 'name' },
  { header: 'STATE', field: 'state' },
  { header: 'ROWS', field: 'rowCount' },
  { header: 'ERRORS', field: 'errorCount' },
  {
    header: 'SOURCE',
    field: 'source',
    format: (value) =>
      value && typeof value === 'object' ? String((value as { kind?: unknown }).kind) : '-',
  },
  { header: 'CREATED', field: 'createdAt' },
];

const STATES: readonly BatchState[] = ['pending', 'active', 'suspended', 'draft', 'deleting'];
const FORMATS: readonly UploadFormat[] = ['csv', 'jsonl', 'json'];
/** Row errors printed after an upload or append that had some. */
const SHOWN_ERRORS = 10;

interface UploadFlags extends ClientFlags {
  name?: string;
  onRowError?: 'fail' | 'skip';
  format?: UploadFormat;
  wait?: boolean;
}

interface BatchListFlags extends ListFlags {
  ids?: string[];
  states?: string[];
  minRows?: number;
  maxRows?: number;
  createdAfter?: string;
  createdBefore?: string;
}

interface AppendFlags extends WaitFlags {
  source?: string;
  map?: { source: string; target: string; expectedType: ColumnType }[];
  mapBy?: 'id' | 'name';
  ignore?: string[][];
  validateOnly?: boolean;
  deleteSource?: boolean;
  newDataset?: string;
  name?: string;
  onRowError?: 'fail' | 'skip';
}

interface MergeFlags extends WaitFlags {
  source?: string;
  batch?: string[];
  strategy?: 'abort' | 'override' | 'skip';
  name?: string;
}

/** `--map source:target:type` */
function mapArg(value: string): { source: string; target: string; expectedType: ColumnType } {
  const last = value.lastIndexOf(':');
  const first = value.indexOf(':');
  const source = first > 0 ? value.slice(0, first).trim() : '';
  const target = last > first ? value.slice(first + 1, last).trim() : '';
  const expectedType = value.slice(last + 1).trim() as ColumnType;
  if (!source || !target || !COLUMN_TYPES.includes(expectedType)) {
    throw new InvalidArgumentError(
      `expected source:target:type, type one of ${COLUMN_TYPES.join(', ')} (e.g. price:amount:numeric).`,
    );
  }
  return { source, target, expectedType };
}

export function registerBatches(program: Command, ctx: Context): void {
  const batches = program
    .command('batches')
    .alias('batch')
    .description('Upload, list and change the batches of datasets (every change runs as a job)');

  withClientOptions(
    batches
      .command('upload')
      .description('Create a batch from a CSV, JSON Lines or JSON file, streamed with a progress bar')
      .argument('<datasetId>', 'dataset id')
      .argument(
        '<file>',
        'a .csv (header line first), .jsonl / .ndjson (one object a line) or .json (an array) file',
      )
      .option('--name <name>', 'batch name')
      .option(
        '--on-row-error <policy>',
        'fail: any bad row fails the batch (default); skip: bad rows are left out and reported',
        choiceArg(['fail', 'skip'] as const),
      )
      .option(
        '--format <format>',
        `file format (default: from the extension): ${FORMATS.join(', ')}`,
        choiceArg(FORMATS),
      )
      .option('--wait', 'accepted for symmetry: an upload always ends with its job finished')
      .addHelpText(
        'after',
        '\nThe server answers once every row is in. Exits 6 (and prints the first row errors) when the batch failed.',
      ),
  ).action(
    handler<UploadFlags>(ctx, async ([datasetId, file], flags) => {
      const { client } = connect(ctx, flags);
      const bar = new UploadBar(ctx, basename(file ?? ''));
      let handle: JobHandle;
      try {
        handle = await client.batches.create(
          datasetId ?? '',
          { path: file ?? '' },
          {
            ...(flags.name !== undefined ? { name: flags.name } : {}),
            ...(flags.onRowError !== undefined ? { onRowError: flags.onRowError } : {}),
            ...(flags.format !== undefined ? { format: flags.format } : {}),
            onProgress: (progress) => bar.update(progress),
          },
        );
      } finally {
        bar.finish();
      }
      const job = handle.job ?? (await handle.refresh());
      await reportBatchJob(ctx, client, job);
    }),
  );

  withListOptions(
    batches
      .command('list')
      .description("List a dataset's batches")
      .argument('<datasetId>', 'dataset id')
      .option('--ids <ids>', 'only these batches (comma-separated)', listArg)
      .option(
        '--states <states>',
        `only batches in these states (comma-separated: ${STATES.join(', ')})`,
        listArg,
      )
      .option('--min-rows <n>', 'at least this many rows', integerArg(0, Number.MAX_SAFE_INTEGER))
      .option('--max-rows <n>', 'at most this many rows', integerArg(0, Number.MAX_SAFE_INTEGER))
      .option(
        '--created-after <time>',
        'created at or after (ISO 8601, or a duration ago: 90m, 12h, 2d)',
        pastTimeArg,
      )
      .option('--created-before <time>', 'created before (ISO 8601, or a duration ago)', pastTimeArg),
  ).action(
    handler<BatchListFlags>(ctx, async ([datasetId], flags) => {
      const { client } = connect(ctx, flags);
      await runList(ctx, flags, {
        plural: 'batches',
        columns: BATCH_COLUMNS,
        fetch: () =>
          client.batches.list(datasetId ?? '', {
            ...listParams(flags),
            ...(flags.ids !== undefined ? { ids: flags.ids } : {}),
            ...(flags.states !== undefined ? { states: flags.states as BatchState[] } : {}),
            ...(flags.minRows !== undefined ? { minRowCount: flags.minRows } : {}),
            ...(flags.maxRows !== undefined ? { maxRowCount: flags.maxRows } : {}),
            ...(flags.createdAfter !== undefined ? { createdAfter: flags.createdAfter } : {}),
            ...(flags.createdBefore !== undefined ? { createdBefore: flags.createdBefore } : {}),
          }),
      });
    }),
  );

  withGetOptions(batches.command('get').description('Show a batch').argument('<id>', 'batch id')).action(
    handler<ClientFlags & { fields?: string[] }>(ctx, async ([id], flags) => {
      const { client } = connect(ctx, flags);
      const batch = await client.batches.get(id ?? '', flags.fields ? { fields: flags.fields } : {});
      if (ctx.json) printJson(ctx, batch);
      else printRecord(ctx, asRow(batch), { source: (value) => JSON.stringify(value) });
    }),
  );

  withClientOptions(
    withWaitOptions(
      batches
        .command('append')
        .description('Append another dataset as a new batch, through a column mapping')
        .argument('<targetDatasetId>', 'the dataset that gets the rows')
        .requiredOption('--source <datasetId>', 'the dataset whose active rows are appended')
        .option(
          '--map <source:target:type>',
          `map a source column to a target column with its expected type (repeatable); types: ${COLUMN_TYPES.join(', ')}`,
          collect(mapArg),
        )
        .option(
          '--map-by <by>',
          'columns in --map and --ignore are names (default) or ids',
          choiceArg(['id', 'name'] as const),
        )
        .option(
          '--ignore <columns>',
          'source columns left out on purpose (comma-separated, repeatable)',
          collect((value: string) => listArg(value)),
        )
        .option('--validate-only', 'check every row and report, without writing')
        .option('--delete-source', 'delete the source dataset after success')
        .option('--new-dataset <name>', "write the target's rows plus the appended ones into a new dataset")
        .option('--name <name>', 'batch name')
        .option(
          '--on-row-error <policy>',
          'fail: any bad row fails the append (default); skip: bad rows are left out and reported',
          choiceArg(['fail', 'skip'] as const),
        )
        .addHelpText('after', '\nEvery source column must be mapped (--map) or ignored (--ignore).'),
    ),
  ).action(
    handler<AppendFlags>(ctx, async ([target], flags) => {
      const body: BatchFromDatasetParams = {
        sourceDatasetId: flags.source ?? '',
        mapping: flags.map ?? [],
        ...(flags.mapBy !== undefined ? { mapBy: flags.mapBy } : {}),
        ...(flags.ignore !== undefined ? { ignore: flags.ignore.flat() } : {}),
        ...(flags.validateOnly ? { validateOnly: true } : {}),
        ...(flags.deleteSource ? { deleteSource: true } : {}),
        ...(flags.newDataset !== undefined ? { newDataset: { name: flags.newDataset } } : {}),
        ...(flags.name !== undefined ? { name: flags.name } : {}),
        ...(flags.onRowError !== undefined ? { onRowError: flags.onRowError } : {}),
      };
      await startJob(ctx, flags, (client) => client.batches.createFromDataset(target ?? '', body));
    }),
  );

  for (const [action, description] of [
    ['suspend', 'Suspend active batches: their rows leave every read (nothing is rewritten)'],
    ['restore', 'Restore suspended batches'],
  ] as const) {
    withClientOptions(
      withWaitOptions(
        batches
          .command(action)
          .description(description)
          .argument('<datasetId>', 'dataset id')
          .argument('<batchIds...>', 'batch ids'),
      ),
    ).action(
      handler<WaitFlags>(ctx, async ([datasetId, ids], flags) => {
        const batchIds = ids as unknown as string[];
        await startJob(ctx, flags, (client) => client.batches[action](datasetId ?? '', batchIds));
      }),
    );
  }

  withClientOptions(
    withWaitOptions(
      batches.command('delete').description('Delete a batch and its rows').argument('<batchId>', 'batch id'),
    ),
  ).action(
    handler<WaitFlags>(ctx, async ([id], flags) => {
      await startJob(ctx, flags, (client) => client.batches.delete(id ?? ''));
    }),
  );

  withClientOptions(
    withWaitOptions(
      batches
        .command('remove')
        .description('Delete several batches of a dataset and their rows')
        .argument('<datasetId>', 'dataset id')
        .argument('<batchIds...>', 'batch ids'),
    ),
  ).action(
    handler<WaitFlags>(ctx, async ([datasetId, ids], flags) => {
      const batchIds = ids as unknown as string[];
      await startJob(ctx, flags, (client) => client.batches.remove(datasetId ?? '', batchIds));
    }),
  );

  for (const [action, description] of [
    ['commit', 'Commit a draft: it becomes active (with override, replacing conflicting rows)'],
    ['close', 'Close (discard) a draft'],
  ] as const) {
    withClientOptions(
      withWaitOptions(
        batches.command(action).description(description).argument('<batchId>', 'draft batch id'),
      ),
    ).action(
      handler<WaitFlags>(ctx, async ([id], flags) => {
        await startJob(ctx, flags, (client) => client.batches[action](id ?? ''));
      }),
    );
  }

  withClientOptions(
    withWaitOptions(
      batches
        .command('merge')
        .description("Squash-and-merge a dataset's batches into the target as one draft batch")
        .argument('<targetDatasetId>', 'the dataset that gets the draft')
        .requiredOption('--source <datasetId>', 'the dataset to merge')
        .option(
          '--batch <id>',
          'only this batch of the source (repeatable; default: all its active ones)',
          collect(String),
        )
        .requiredOption(
          '--strategy <strategy>',
          'key conflicts: abort (fail), override (replace the target rows on commit) or skip (leave them out)',
          choiceArg(['abort', 'override', 'skip'] as const),
        )
        .option('--name <name>', 'draft batch name')
        .addHelpText(
          'after',
          '\nThe result names the draft: commit it with `batchyard batches commit <id>` or close it.',
        ),
    ),
  ).action(
    handler<MergeFlags>(ctx, async ([target], flags) => {
      await startJob(ctx, flags, (client) =>
        client.batches.merge(target ?? '', {
          source: { datasetId: flags.source ?? '', ...(flags.batch ? { batchIds: flags.batch } : {}) },
          strategy: flags.strategy ?? 'abort',
          ...(flags.name !== undefined ? { name: flags.name } : {}),
        }),
      );
    }),
  );
}

interface RowError {
  row?: number;
  column?: string | null;
  reason?: string;
}

/**
 * Shows a finished batch job: JSON, or its batch, counts and status; then the first row errors
 * on stderr when there were any, and exit 6 (failed) or 7 (aborted).
 */
export async function reportBatchJob(ctx: Context, client: Batchyard, job: Job): Promise<void> {
  const result = (job.result ?? {}) as {
    batchId?: string;
    datasetId?: string;
    rowCount?: number;
    errorCount?: number;
  };
  const details = (job.error?.details ?? {}) as { errorCount?: number; firstErrors?: RowError[] };
  const errorCount = result.errorCount ?? details.errorCount ?? 0;
  if (ctx.json) printJson(ctx, job);
  else {
    printRecord(ctx, {
      job: job.id,
      status: job.status,
      ...(result.batchId !== undefined ? { batch: result.batchId } : {}),
      ...(result.datasetId !== undefined ? { dataset: result.datasetId } : {}),
      ...(result.rowCount !== undefined ? { rows: result.rowCount } : {}),
      rowErrors: errorCount,
      ...(job.error ? { error: `${job.error.message} (${job.error.code})` } : {}),
    });
  }
  if (errorCount > 0 && !ctx.json) {
    const shown = (await firstRowErrors(client, job)) ?? details.firstErrors ?? [];
    if (shown.length > 0) {
      printNote(ctx, `Row errors (first ${Math.min(shown.length, errorCount)} of ${errorCount}):`);
      for (const e of shown.slice(0, SHOWN_ERRORS)) {
        printNote(ctx, `  row ${e.row ?? '?'}${e.column ? `, column ${e.column}` : ''}: ${e.reason ?? ''}`);
      }
      const report = job.artifacts.find((a) => a.name === 'errors.jsonl') as { url?: string } | undefined;
      if (report?.url) printNote(ctx, `Full report: ${report.url}`);
    }
  }
  if (job.status === 'failed') {
    throw new CliError(
      `job ${job.id} failed${job.error ? `: ${job.error.message} (${job.error.code})` : ''}`,
      EXIT.jobFailed,
      'job_failed',
    );
  }
  if (job.status === 'aborted')
    throw new CliError(`job ${job.id} was aborted`, EXIT.jobAborted, 'job_aborted');
}

/** The first lines of the job's errors.jsonl (undefined: the job's details still hold the first errors). */
async function firstRowErrors(client: Batchyard, job: Job): Promise<RowError[] | undefined> {
  return (await firstArtifactLines<RowError>(client, job, 'errors.jsonl', SHOWN_ERRORS)) ?? undefined;
}
