// `tasks priority`: set one task's priority (claim queues hand out higher priorities first).
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { printJson, printLine } from '../../output.js';
import { signedIntegerArg } from '../../args.js';
import { connect, handler, withClientOptions, type ClientFlags } from '../../connect.js';

export function registerTaskPriority(tasks: Command, ctx: Context): void {
  withClientOptions(
    tasks
      .command('priority')
      .description("Set a task's priority: claim queues hand out higher priorities first")
      .argument('<id>', 'task id')
      .argument(
        '<priority>',
        'a whole number from -1000000 to 1000000 (default of a new task: 0)',
        signedIntegerArg,
      )
      .addHelpText('after', '\nManagers and editors (annotators and reviewers: on tasks assigned to them).'),
  ).action(
    handler<ClientFlags>(ctx, async ([id, priority], flags) => {
      const { client } = connect(ctx, flags);
      const task = await client.tasks.update(id as string, { priority: priority as unknown as number });
      if (ctx.json) printJson(ctx, task);
      else printLine(ctx, `${task.id} has priority ${task.priority}.`);
    }),
  );
}
