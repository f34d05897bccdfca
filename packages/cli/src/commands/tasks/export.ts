// `tasks export`: an export job, then its file downloaded.
import { basename, dirname } from 'node:path';
import type { Command } from 'commander';
import type { Job, TaskExportField } from '@batchyard/sdk';
import type { Context } from '../../context.js';
import { printJson, printLine } from '../../output.js';
import { filterOf, withFilterOptions, type FilterFlags } from './filter-options.js';
import { choiceArg, listArg } from '../../args.js';
import { connect, handler, withClientOptions } from '../../connect.js';
import { isDirectory } from '../../files.js';
import { ProgressReporter } from '../../progress.js';

const EXPORT_FORMATS = ['csv', 'json', 'jsonl'] as const;

interface ExportFlags extends FilterFlags {
  format?: (typeof EXPORT_FORMATS)[number];
  fields?: string[];
  out?: string;
}

/** `tasks export`. */
export function registerTaskExport(tasks: Command, ctx: Context): void {
  withClientOptions(
    withFilterOptions(
      tasks
        .command('export')
        .description('Export the tasks a filter selects as CSV, JSON or JSON Lines, with a progress bar')
        .requiredOption('--format <format>', 'csv, json or jsonl', choiceArg(EXPORT_FORMATS))
        .requiredOption(
          '--out <path>',
          "the file to write, or a folder (existing, or ending in /) to write tasks-<jobId>.<format> into ('-' for stdout)",
        )
        .option(
          '--fields <names>',
          'fields to export (comma-separated; default all but initialData): id, name, batchId, status, resources, data, initialData, properties, createdBy, createdAt, updatedAt',
          listArg,
        ),
    ),
  ).action(
    handler<ExportFlags>(ctx, async (_args, flags) => {
      const filter = filterOf(flags);
      const { client } = connect(ctx, flags);
      const reporter = new ProgressReporter(ctx);
      let last: Job | undefined;
      const toStdout = flags.out === '-';
      const common = {
        format: flags.format ?? 'csv',
        filter,
        ...(flags.fields !== undefined ? { fields: flags.fields as TaskExportField[] } : {}),
        onProgress: (job: Job) => {
          last = job;
          reporter.update(job);
        },
      };
      const out = flags.out ?? '';
      // A folder gets the SDK's own file name (tasks-<jobId>.<format>) inside it.
      const toFolder = /[\\/]$/.test(out) || isDirectory(out);
      let written: string;
      try {
        written = toStdout
          ? await client.tasks.export({ ...common, inMemory: true })
          : await client.tasks.export({
              ...common,
              ...(toFolder
                ? { outputFolder: out }
                : { outputFolder: dirname(out), outputFilename: basename(out) }),
            });
      } finally {
        reporter.finish();
      }
      const count = (last?.result as { count?: number } | null | undefined)?.count;
      if (toStdout) {
        ctx.stdout.write(written);
        return;
      }
      if (ctx.json) printJson(ctx, { file: written, count: count ?? null, jobId: last?.id ?? null });
      else printLine(ctx, `exported ${count ?? '?'} tasks to ${written}`);
    }),
  );
}
