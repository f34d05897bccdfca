// `tasks gold`: set or remove a task's known answer (the task becomes, or stops being, a gold task).
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { UsageError } from '../../errors.js';
import { printJson, printLine } from '../../output.js';
import { readJsonObjectArg } from '../../args.js';
import { connect, handler, withClientOptions, type ClientFlags } from '../../connect.js';

interface GoldFlags extends ClientFlags {
  file?: string;
  dataJson?: string;
  remove?: boolean;
  dataCheck?: boolean;
}

export function registerTaskGold(tasks: Command, ctx: Context): void {
  withClientOptions(
    tasks
      .command('gold')
      .description(
        "Set a task's known answer, making it a gold task that members answer from their queues (or remove it)",
      )
      .argument('<id>', 'task id')
      .option(
        '--file <file>',
        'the answer: a JSON object, the task data a correct member would submit ("-": stdin)',
      )
      .option('--data-json <json>', 'the answer as a JSON object on the command line')
      .option('--remove', 'the task is no longer gold (the answers already given stay in the quality report)')
      .option('--no-data-check', "skip the check against the project's task schema")
      .addHelpText(
        'after',
        "\nManagers and editors only. Members get gold tasks at the project's workflow goldRate; see `batchyard quality`.",
      ),
  ).action(
    handler<GoldFlags>(ctx, async ([id], flags) => {
      const given = [flags.file, flags.dataJson, flags.remove].filter((v) => v !== undefined).length;
      if (given !== 1) throw new UsageError('pass one of --file, --data-json or --remove');
      const data = flags.remove
        ? null
        : flags.file !== undefined
          ? readJsonObjectArg(`@${flags.file}`, '--file')
          : readJsonObjectArg(flags.dataJson ?? '', '--data-json');
      const { client } = connect(ctx, flags);
      const task = await client.tasks.setGold(
        id ?? '',
        data,
        flags.dataCheck === false ? { dataCheck: false } : {},
      );
      if (ctx.json) printJson(ctx, task);
      else
        printLine(ctx, data === null ? `${task.id} is no longer a gold task.` : `${task.id} is a gold task.`);
    }),
  );
}
