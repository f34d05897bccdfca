import type { Command } from 'commander';
import type { JobBulkAction, JobBulkFilter, JobBulkResult, JobStatus } from '@batchyard/sdk';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { listArg, pastTimeArg } from '../args.js';
import { connect, handler, withClientOptions } from '../connect.js';
import { reportStartedJob, withWaitOptions, type WaitFlags } from '../job-wait.js';
import { printNote } from '../output.js';

const ACTIONS: readonly JobBulkAction[] = ['abort', 'retry', 'delete'];
const STATUSES = 'queued, running, succeeded, failed, aborted';

interface BulkFlags extends WaitFlags {
  id?: string[];
  type?: string[];
  status?: string[];
  definition?: string;
  flow?: string;
  project?: string;
  createdAfter?: string;
  createdBefore?: string;
  workspace?: string;
}

/** `batchyard jobs bulk <action>`: abort, retry or delete the jobs a filter selects, as one job. */
export function registerJobsBulk(program: Command, ctx: Context): void {
  const jobs = program.commands.find((command) => command.name() === 'jobs');
  if (!jobs) throw new Error('register the jobs command first');
  withClientOptions(
    withWaitOptions(
      jobs
        .command('bulk')
        .description(
          'Abort, retry or delete every job a filter selects, as one jobs.bulk job with a result per job',
        )
        .argument('<action>', `what to do: ${ACTIONS.join(', ')}`)
        .option('--id <ids>', 'these jobs (comma-separated, up to 1000)', listArg)
        .option('--type <types>', 'jobs of these types (comma-separated)', listArg)
        .option('--status <statuses>', `jobs in these states (comma-separated: ${STATUSES})`, listArg)
        .option('--definition <id>', 'instances of this job definition')
        .option('--flow <id>', 'the jobs of this flow')
        .option('--project <id>', 'jobs of this project')
        .option(
          '--created-after <time>',
          'created at or after (ISO 8601, or a duration ago: 90m, 12h, 2d)',
          pastTimeArg,
        )
        .option('--created-before <time>', 'created before (ISO 8601, or a duration ago)', pastTimeArg)
        .option('--workspace <id>', "the workspace (default: the credential's)")
        .addHelpText(
          'after',
          [
            '',
            'At least one filter option is required (for every job, list every status). Only jobs created',
            'before the bulk job are touched. abort: queued or running jobs; retry: failed or aborted ones;',
            'delete: finished ones with their artifacts. Others that match are skipped, with the reason, in',
            'the job’s results.jsonl (batchyard jobs artifacts get <id> results.jsonl).',
            '',
            'Example: batchyard jobs bulk abort --type report --status queued --wait',
          ].join('\n'),
        ),
    ),
  ).action(
    handler<BulkFlags>(ctx, async ([action], flags) => {
      if (!ACTIONS.includes(action as JobBulkAction)) {
        throw new UsageError(`unknown action "${action}": use ${ACTIONS.join(', ')}`);
      }
      const filter: JobBulkFilter = {
        ...(flags.id !== undefined ? { ids: flags.id } : {}),
        ...(flags.type !== undefined ? { types: flags.type } : {}),
        ...(flags.status !== undefined ? { statuses: flags.status as JobStatus[] } : {}),
        ...(flags.definition !== undefined ? { definitionId: flags.definition } : {}),
        ...(flags.flow !== undefined ? { flowId: flags.flow } : {}),
        ...(flags.project !== undefined ? { projectId: flags.project } : {}),
        ...(flags.createdAfter !== undefined ? { createdGte: flags.createdAfter } : {}),
        ...(flags.createdBefore !== undefined ? { createdLt: flags.createdBefore } : {}),
      };
      if (Object.keys(filter).length === 0) {
        throw new UsageError(
          'give at least one of --id, --type, --status, --definition, --flow, --project, --created-after, --created-before',
        );
      }
      if (flags.timeout !== undefined && !flags.wait) throw new UsageError('--timeout needs --wait');
      const { client } = connect(ctx, flags);
      const handle = await client.jobs.bulk({
        action: action as JobBulkAction,
        filter,
        ...(flags.workspace !== undefined ? { workspaceId: flags.workspace } : {}),
      });
      await reportStartedJob(ctx, handle, flags);
      const result = handle.job?.result as JobBulkResult | null | undefined;
      if (flags.wait && !ctx.json && result && result.skipped > 0) {
        printNote(
          ctx,
          `${result.skipped} skipped; each job's outcome: batchyard jobs artifacts get ${handle.id} ${result.results}`,
        );
      }
    }),
  );
}
