// `tasks from-rows`: a task per row of a batch (a tasks.from_rows job), followed with --wait.
import type { Command } from 'commander';
import type { TaskFromRowsParams, TaskFromRowsResult } from '@batchyard/sdk';
import type { Context } from '../../context.js';
import { CliError, EXIT, UsageError } from '../../errors.js';
import { printJson, printNote, printRecord } from '../../output.js';
import { choiceArg, listArg } from '../../args.js';
import { connect, handler, withClientOptions, type ClientFlags } from '../../connect.js';
import { SHOWN_FAILURES, followJob } from './follow.js';

interface FromRowsFlags extends ClientFlags {
  nameColumn?: string;
  namePrefix?: string;
  dataColumns?: string[];
  resourcesColumn?: string;
  onExisting?: 'error' | 'skip';
  dataCheck?: boolean;
  wait?: boolean;
}

export function registerTaskFromRows(tasks: Command, ctx: Context): void {
  withClientOptions(
    tasks
      .command('from-rows')
      .description(
        "Create a task per row of a batch, in that batch, from the rows' columns (a tasks.from_rows job)",
      )
      .argument('<batch>', 'batch id (active or draft)')
      .option('--name-column <column>', "the column (id or name) whose value names each row's task")
      .option(
        '--name-prefix <text>',
        'put before each name; without --name-column, tasks are <prefix><row id>',
      )
      .option(
        '--data-columns <columns>',
        "comma-separated columns copied into the tasks' data (default: all)",
        listArg,
      )
      .option('--resources-column <column>', "a text column whose value becomes the task's resource")
      .option(
        '--on-existing <policy>',
        'a name the batch already has: error (default) or skip',
        choiceArg(['error', 'skip'] as const),
      )
      .option('--no-data-check', "do not check data against the project's task schema")
      .option(
        '--wait',
        'follow the job to its end; exit 3 when a row failed, 6 if the job fails, 7 if aborted',
      )
      .addHelpText(
        'after',
        '\nA row whose name value is empty fails (name_missing); a name repeated in the batch fails every copy.\n' +
          'Example: batchyard tasks from-rows bat_123 --name-column file --data-columns file,label --wait',
      ),
  ).action(
    handler<FromRowsFlags>(ctx, async ([batchId], flags) => {
      if (flags.nameColumn === undefined && flags.namePrefix === undefined)
        throw new UsageError('give --name-column, or --name-prefix to name the tasks by row id');
      const params: TaskFromRowsParams = {
        ...(flags.nameColumn !== undefined ? { nameColumn: flags.nameColumn } : {}),
        ...(flags.namePrefix !== undefined ? { namePrefix: flags.namePrefix } : {}),
        ...(flags.dataColumns !== undefined ? { dataColumns: flags.dataColumns } : {}),
        ...(flags.resourcesColumn !== undefined ? { resourcesColumn: flags.resourcesColumn } : {}),
        ...(flags.onExisting !== undefined ? { onExisting: flags.onExisting } : {}),
        ...(flags.dataCheck === false ? { dataCheck: false } : {}),
      };
      const { client } = connect(ctx, flags);
      const handle = await client.tasks.createFromRows(String(batchId), params);
      if (!flags.wait) {
        const job = handle.job ?? (await handle.refresh());
        if (ctx.json) printJson(ctx, job);
        else printRecord(ctx, { job: job.id, status: job.status, batch: batchId });
        return;
      }
      const job = await followJob(ctx, handle);
      const result = job.result as TaskFromRowsResult;
      if (ctx.json) printJson(ctx, job);
      else
        printRecord(ctx, {
          job: job.id,
          status: job.status,
          batch: result.batchId,
          rows: result.rows,
          created: result.created,
          skipped: result.skipped,
          failed: result.failed,
        });
      if (result.failed > 0) {
        if (!ctx.json) {
          const shown = result.failures.slice(0, SHOWN_FAILURES);
          printNote(ctx, `Failed (first ${shown.length} of ${result.failed}):`);
          for (const f of shown)
            printNote(
              ctx,
              `  row #${f.index} ${f.name ? `"${f.name}"` : ''}: ${f.error?.message ?? ''} (${f.error?.code ?? '?'})`,
            );
        }
        throw new CliError(`${result.failed} row(s) failed`, EXIT.api, 'tasks_failed');
      }
    }),
  );
}
