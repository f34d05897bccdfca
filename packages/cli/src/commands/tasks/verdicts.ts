// Review stages as a reviewer works them: accept or reject the task at its stage.
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { printJson, printLine } from '../../output.js';
import { connect, handler, withClientOptions, type ClientFlags } from '../../connect.js';

interface VerdictFlags extends ClientFlags {
  stage?: string;
  reason?: string;
}

/** `tasks accept` and `tasks reject`: a reviewer's verdict on a task in review. */
export function registerTaskVerdicts(tasks: Command, ctx: Context): void {
  const stage = ['--stage <name>', 'only if the task is at this review stage (409 otherwise)'] as const;
  const verdict = (kind: 'accept' | 'reject') =>
    handler<VerdictFlags>(ctx, async ([id], flags) => {
      const { client } = connect(ctx, flags);
      const task = await client.tasks.verdict(id ?? '', {
        verdict: kind,
        ...(flags.reason !== undefined ? { reason: flags.reason } : {}),
        ...(flags.stage !== undefined ? { stage: flags.stage } : {}),
      });
      if (ctx.json) printJson(ctx, task);
      else if (task.status === 'to_review')
        printLine(ctx, `Accepted ${task.id}: now at stage ${task.reviewStage}.`);
      else if (kind === 'accept') printLine(ctx, `Accepted ${task.id}: ${task.status}.`);
      else
        printLine(
          ctx,
          `Rejected ${task.id}: back to ${task.status}, assigned to ${task.assigneeId ?? 'nobody'}.`,
        );
    });

  withClientOptions(
    tasks
      .command('accept')
      .description(
        'Accept a task at its review stage: it moves to the next stage, or to reviewed after the last',
      )
      .argument('<id>', 'task id')
      .option(...stage)
      .option('--reason <text>', 'a note kept in the task history'),
  ).action(verdict('accept'));

  withClientOptions(
    tasks
      .command('reject')
      .description('Reject a task in review: back to pending, assigned to the member who submitted it')
      .argument('<id>', 'task id')
      .requiredOption('--reason <text>', 'why (shown on the task as lastRejection)')
      .option(...stage),
  ).action(verdict('reject'));
}
