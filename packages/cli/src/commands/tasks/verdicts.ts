// Review stages as a reviewer works them: accept or reject tasks at their stage.
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { printJson, printLine } from '../../output.js';
import { connect, handler, withClientOptions, type ClientFlags } from '../../connect.js';
import { showBulk } from './workflow.js';

interface VerdictFlags extends ClientFlags {
  stage?: string;
  reason?: string;
}

/** `tasks accept` and `tasks reject`: a reviewer's verdict on tasks in review. */
export function registerTaskVerdicts(tasks: Command, ctx: Context): void {
  const stage = ['--stage <name>', 'only tasks at this review stage (409 otherwise)'] as const;
  const several = '\nWith several ids, each is answered on its own; exit code 9 when any was refused.';
  const verdict = (kind: 'accept' | 'reject') =>
    handler<VerdictFlags>(ctx, async ([list], flags) => {
      // A variadic argument arrives as one array.
      const ids = (list as unknown as string[] | undefined) ?? [];
      const { client } = connect(ctx, flags);
      const params = {
        verdict: kind,
        ...(flags.reason !== undefined ? { reason: flags.reason } : {}),
        ...(flags.stage !== undefined ? { stage: flags.stage } : {}),
      };
      if (ids.length > 1) {
        showBulk(ctx, await client.tasks.verdicts(ids, params));
        return;
      }
      const task = await client.tasks.verdict(ids[0] ?? '', params);
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
        'Accept tasks at their review stage: each moves to the next stage, or to reviewed after the last',
      )
      .argument('<ids...>', 'task ids (up to 1,000)')
      .option(...stage)
      .option('--reason <text>', 'a note kept in the task history')
      .addHelpText('after', several),
  ).action(verdict('accept'));

  withClientOptions(
    tasks
      .command('reject')
      .description('Reject tasks in review: back to pending, each assigned to the member who submitted it')
      .argument('<ids...>', 'task ids (up to 1,000)')
      .requiredOption('--reason <text>', 'why (shown on the task as lastRejection)')
      .option(...stage)
      .addHelpText('after', several),
  ).action(verdict('reject'));
}
