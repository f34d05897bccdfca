// The bulk moves of tasks: review, redo, transition and properties, by ids or by filter.
import type { Command } from 'commander';
import { JobHandle, type TaskBulkJobResult, type TaskBulkResult, type TaskStatus } from '@batchyard/sdk';
import type { Context } from '../../context.js';
import { CliError, EXIT, UsageError } from '../../errors.js';
import { printJson, printLine, printNote, printTable, type Column } from '../../output.js';
import { TASK_STATUSES, selectionOf, withFilterOptions, type FilterFlags } from './filter-options.js';
import { SHOWN_FAILURES, followJob } from './follow.js';
import { collect, keyValueArg, listArg } from '../../args.js';
import { connect, handler, withClientOptions } from '../../connect.js';
import { asRow } from '../../lists.js';

const RESULT_COLUMNS: readonly Column[] = [
  { header: 'ID', field: 'id' },
  { header: 'RESULT', field: 'status' },
  { header: 'FROM', field: 'from' },
  { header: 'TO', field: 'to' },
  {
    header: 'ERROR',
    field: 'error',
    format: (value) => {
      if (!value || typeof value !== 'object') return '-';
      const error = value as { code?: string; message?: string };
      return `${error.code ?? ''}: ${error.message ?? ''}`;
    },
  },
];

interface BulkFlags extends FilterFlags {
  reason?: string;
  reset?: boolean;
  score?: string;
  set?: Record<string, unknown>;
  replaceJson?: string;
  remove?: string[][];
}

/** Shows a bulk outcome: per-task results (ids) or the job's counts (filter). */
export function showBulk(ctx: Context, outcome: TaskBulkResult | TaskBulkJobResult): void {
  if (ctx.json) {
    printJson(ctx, outcome);
  } else if ('results' in outcome) {
    printTable(ctx, RESULT_COLUMNS, outcome.results.map(asRow));
    printLine(ctx, `applied ${outcome.applied}, refused ${outcome.refused}`);
  } else {
    printLine(ctx, `matched ${outcome.matched}, applied ${outcome.applied}, refused ${outcome.refused}`);
    if (outcome.refusals.length > 0) {
      printNote(ctx, `Refused (first ${Math.min(outcome.refusals.length, SHOWN_FAILURES)}):`);
      for (const r of outcome.refusals.slice(0, SHOWN_FAILURES)) {
        printNote(ctx, `  ${r.id}: ${r.error?.message ?? ''} (${r.error?.code ?? '?'})`);
      }
    }
  }
  // A script must not mistake "refused 3" for success.
  if (outcome.refused > 0) {
    throw new CliError(
      `${outcome.refused} task(s) refused, ${outcome.applied} applied`,
      EXIT.refused,
      'tasks_refused',
    );
  }
}

/** Runs a bulk call: by ids at once, or by filter as a job followed with a progress line. */
async function runBulk(
  ctx: Context,
  call: (params: { wait: false }) => Promise<TaskBulkResult | JobHandle>,
): Promise<void> {
  const answer = await call({ wait: false });
  if (!(answer instanceof JobHandle)) {
    showBulk(ctx, answer);
    return;
  }
  const job = await followJob(ctx, answer);
  showBulk(ctx, job.result as TaskBulkJobResult);
}

/** `tasks review`, `redo`, `transition` and `props`. */
export function registerTaskWorkflow(tasks: Command, ctx: Context): void {
  const bulkHelp =
    '\nBy ids: answered at once, per task. By filter (--project with --where, --batch, --status ...): a job, followed to its end.';

  withClientOptions(
    withFilterOptions(
      tasks
        .command('review')
        .description('Send complete tasks to review (complete → to_review)')
        .argument('[ids...]', 'task ids (up to 1000)')
        .option('--reason <text>', 'logged with each move'),
    ).addHelpText('after', bulkHelp),
  ).action(
    handler<BulkFlags>(ctx, async ([ids], flags) => {
      const selection = selectionOf((ids ?? []) as unknown as string[], flags);
      const { client } = connect(ctx, flags);
      await runBulk(ctx, (p) =>
        client.tasks.sendToReview(selection, { ...p, ...(flags.reason ? { reason: flags.reason } : {}) }),
      );
    }),
  );

  withClientOptions(
    withFilterOptions(
      tasks
        .command('redo')
        .description('Send complete, to_review or reviewed tasks back to pending')
        .argument('[ids...]', 'task ids (up to 1000)')
        .option('--reset', 'reset their data to the initial data')
        .option('--reason <text>', 'logged with each move'),
    ).addHelpText('after', bulkHelp),
  ).action(
    handler<BulkFlags>(ctx, async ([ids], flags) => {
      const selection = selectionOf((ids ?? []) as unknown as string[], flags);
      const { client } = connect(ctx, flags);
      await runBulk(ctx, (p) =>
        client.tasks.sendToRedo(selection, {
          ...p,
          ...(flags.reset ? { reset: true } : {}),
          ...(flags.reason ? { reason: flags.reason } : {}),
        }),
      );
    }),
  );

  withClientOptions(
    withFilterOptions(
      tasks
        .command('transition')
        .description(
          'Move tasks along the workflow (pending → in_progress → complete → to_review → reviewed)',
        )
        .argument('<to>', `the new status: ${TASK_STATUSES.join(', ')}`)
        .argument('[ids...]', 'task ids (up to 1000)')
        .option('--reason <text>', 'logged with each move'),
    ).addHelpText('after', bulkHelp),
  ).action(
    handler<BulkFlags>(ctx, async ([to, ids], flags) => {
      if (!TASK_STATUSES.includes(to as TaskStatus)) {
        throw new UsageError(`unknown status "${to}"; statuses: ${TASK_STATUSES.join(', ')}`);
      }
      const selection = selectionOf((ids ?? []) as unknown as string[], flags);
      const { client } = connect(ctx, flags);
      await runBulk(ctx, (p) =>
        client.tasks.transition(selection, to as TaskStatus, {
          ...p,
          ...(flags.reason ? { reason: flags.reason } : {}),
        }),
      );
    }),
  );

  withClientOptions(
    withFilterOptions(
      tasks
        .command('assign')
        .description('Assign tasks to a member')
        .argument('<member>', 'member id')
        .argument('[ids...]', 'task ids (up to 1000)'),
    ).addHelpText('after', bulkHelp),
  ).action(
    handler<BulkFlags>(ctx, async ([member, ids], flags) => {
      const selection = selectionOf((ids ?? []) as unknown as string[], flags);
      const { client } = connect(ctx, flags);
      await runBulk(ctx, (p) => client.tasks.assign(selection, member ?? '', p));
    }),
  );

  withClientOptions(
    withFilterOptions(
      tasks
        .command('unassign')
        .description('Take tasks away from their assignee')
        .argument('[ids...]', 'task ids (up to 1000)'),
    ).addHelpText('after', bulkHelp),
  ).action(
    handler<BulkFlags>(ctx, async ([ids], flags) => {
      const selection = selectionOf((ids ?? []) as unknown as string[], flags);
      const { client } = connect(ctx, flags);
      await runBulk(ctx, (p) => client.tasks.unassign(selection, p));
    }),
  );

  withClientOptions(
    withFilterOptions(
      tasks
        .command('props')
        .aliases(['properties', 'update'])
        .description('Set the score and set, replace or remove custom properties')
        .argument('[ids...]', 'task ids (up to 1000)')
        .option('--score <n>', 'the score (a number, or "null" to clear it)')
        .option(
          '--set <key=value>',
          'set a custom property (repeatable); the value is read as JSON when it parses, else as text',
          keyValueArg,
        )
        .option('--replace-json <json>', 'replace all custom properties with this JSON object')
        .option(
          '--remove <keys>',
          'remove custom properties (comma-separated, repeatable)',
          collect(listArg),
        ),
    ).addHelpText('after', bulkHelp),
  ).action(
    handler<BulkFlags>(ctx, async ([ids], flags) => {
      let score: number | null | undefined;
      if (flags.score !== undefined) {
        score = flags.score === 'null' ? null : Number(flags.score);
        if (score !== null && (flags.score.trim() === '' || !Number.isFinite(score))) {
          throw new UsageError('--score: expected a number or null');
        }
      }
      let replace: Record<string, unknown> | undefined;
      if (flags.replaceJson !== undefined) {
        try {
          replace = JSON.parse(flags.replaceJson) as Record<string, unknown>;
        } catch (error) {
          throw new UsageError(`--replace-json is not JSON: ${(error as Error).message}`);
        }
        if (typeof replace !== 'object' || replace === null || Array.isArray(replace)) {
          throw new UsageError('--replace-json must be a JSON object');
        }
      }
      const custom = {
        ...(flags.set !== undefined ? { set: flags.set } : {}),
        ...(replace !== undefined ? { replace } : {}),
        ...(flags.remove !== undefined ? { remove: flags.remove.flat() } : {}),
      };
      if (score === undefined && Object.keys(custom).length === 0) {
        throw new UsageError('nothing to change: pass --score, --set, --replace-json or --remove');
      }
      const selection = selectionOf((ids ?? []) as unknown as string[], flags);
      const { client } = connect(ctx, flags);
      await runBulk(ctx, (p) =>
        client.tasks.updateProperties(selection, {
          ...p,
          ...(score !== undefined ? { score } : {}),
          ...(Object.keys(custom).length > 0 ? { custom } : {}),
        }),
      );
    }),
  );
}
