// Review stages as a reviewer works them: accept or reject tasks at their stage.
import type { Command } from 'commander';
import type { TaskBulkJobResult } from '@batchyard/sdk';
import type { Context } from '../../context.js';
import { printJson, printLine } from '../../output.js';
import { connect, handler, withClientOptions } from '../../connect.js';
import { selectionOf, withFilterOptions, type FilterFlags } from './filter-options.js';
import { followJob } from './follow.js';
import { showBulk } from './workflow.js';

interface VerdictFlags extends FilterFlags {
  stage?: string;
  reason?: string;
}

/** `tasks accept` and `tasks reject`: a reviewer's verdict on tasks in review. */
export function registerTaskVerdicts(tasks: Command, ctx: Context): void {
  const stage = ['--stage <name>', 'only tasks at this review stage (409 otherwise)'] as const;
  const several =
    '\nWith several ids, each is answered on its own; exit code 9 when any was refused.' +
    '\nBy filter (--project with --review-stage, --where, --batch ...; statuses default to to_review): a job, followed to its end.';
  const verdict = (kind: 'accept' | 'reject') =>
    handler<VerdictFlags>(ctx, async ([list], flags) => {
      // A variadic argument arrives as one array.
      const ids = (list as unknown as string[] | undefined) ?? [];
      const selection = selectionOf(ids, flags);
      const { client } = connect(ctx, flags);
      const params = {
        verdict: kind,
        ...(flags.reason !== undefined ? { reason: flags.reason } : {}),
        ...(flags.stage !== undefined ? { stage: flags.stage } : {}),
      };
      if (selection.filter) {
        const handle = await client.tasks.verdicts(selection, { ...params, wait: false });
        const job = await followJob(ctx, handle);
        showBulk(ctx, job.result as TaskBulkJobResult);
        return;
      }
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
    withFilterOptions(
      tasks
        .command('accept')
        .description(
          'Accept tasks at their review stage: each moves to the next stage, or to reviewed after the last',
        )
        .argument('[ids...]', 'task ids (up to 1,000), or a filter')
        .option(...stage)
        .option('--reason <text>', 'a note kept in the task history'),
    ).addHelpText('after', several),
  ).action(verdict('accept'));

  withClientOptions(
    withFilterOptions(
      tasks
        .command('reject')
        .description('Reject tasks in review: back to pending, each assigned to the member who submitted it')
        .argument('[ids...]', 'task ids (up to 1,000), or a filter')
        .requiredOption('--reason <text>', 'why (shown on the task as lastRejection)')
        .option(...stage),
    ).addHelpText('after', several),
  ).action(verdict('reject'));
}
