// The claim queue as a member works it: claim, heartbeat, submit, skip.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { UsageError } from '../../errors.js';
import { printJson, printLine } from '../../output.js';
import { integerArg } from '../../args.js';
import { connect, handler, withClientOptions, type ClientFlags } from '../../connect.js';
import { showTask } from './list.js';

interface ClaimFlags extends ClientFlags {
  project?: string;
  batch?: string;
  lease?: number;
}

interface SubmitFlags extends ClientFlags {
  dataJson?: string;
  dataFile?: string;
  dataCheck?: boolean;
}

/** A JSON object from --data-json or --data-file ("-" reads stdin). */
function dataOf(flags: SubmitFlags): Record<string, unknown> | undefined {
  if (flags.dataJson !== undefined && flags.dataFile !== undefined)
    throw new UsageError('pass --data-json or --data-file, not both');
  let text: string | undefined = flags.dataJson;
  const source =
    flags.dataFile === undefined ? '--data-json' : flags.dataFile === '-' ? 'stdin' : flags.dataFile;
  if (flags.dataFile !== undefined) {
    try {
      text = readFileSync(flags.dataFile === '-' ? 0 : flags.dataFile, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read ${source}: ${(error as Error).message}`);
    }
  }
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${source} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new UsageError(`${source} must hold a JSON object`);
  return value as Record<string, unknown>;
}

/** `tasks claim`, `heartbeat`, `submit` and `skip`: with a member's API key. */
export function registerTaskQueue(tasks: Command, ctx: Context): void {
  const memberHelp = '\nCall with an API key made for a member (batchyard keys create --member <id>).';
  const lease = ['--lease <seconds>', 'lease length (1–3600, default 300)', integerArg(1, 3600)] as const;

  withClientOptions(
    tasks
      .command('claim')
      .description("Claim the next task of a project's queue: highest priority first, then oldest")
      .requiredOption('--project <id>', 'the project whose queue to claim from')
      .option('--batch <id>', 'only this batch of the project')
      .option(...lease)
      .addHelpText(
        'after',
        `${memberHelp}\nAn empty queue prints "No task to claim." (--json: null) and exits 0.`,
      ),
  ).action(
    handler<ClaimFlags>(ctx, async (_args, flags) => {
      const { client } = connect(ctx, flags);
      const task = await client.tasks.claim({
        projectId: flags.project ?? '',
        ...(flags.batch !== undefined ? { batchId: flags.batch } : {}),
        ...(flags.lease !== undefined ? { leaseSeconds: flags.lease } : {}),
      });
      if (task) showTask(ctx, task);
      else if (ctx.json) printJson(ctx, null);
      else printLine(ctx, 'No task to claim.');
    }),
  );

  withClientOptions(
    tasks
      .command('heartbeat')
      .description('Renew the lease of a task you claimed')
      .argument('<id>', 'task id')
      .option(...lease)
      .addHelpText('after', memberHelp),
  ).action(
    handler<ClaimFlags>(ctx, async ([id], flags) => {
      const { client } = connect(ctx, flags);
      const task = await client.tasks.heartbeat(
        id ?? '',
        flags.lease !== undefined ? { leaseSeconds: flags.lease } : {},
      );
      if (ctx.json) printJson(ctx, task);
      else printLine(ctx, `Lease of ${task.id} renewed until ${task.lease?.expiresAt ?? '-'}.`);
    }),
  );

  withClientOptions(
    tasks
      .command('submit')
      .description(
        'Submit your work on a claimed task: it moves to complete (to review, when its project has review stages)',
      )
      .argument('<id>', 'task id')
      .option('--data-json <json>', "the task's new data, a JSON object")
      .option('--data-file <file>', 'the new data from a JSON file ("-" reads stdin)')
      .option('--no-data-check', "skip the check against the project's task schema")
      .addHelpText('after', memberHelp),
  ).action(
    handler<SubmitFlags>(ctx, async ([id], flags) => {
      const data = dataOf(flags);
      const { client } = connect(ctx, flags);
      const task = await client.tasks.submit(id ?? '', {
        ...(data !== undefined ? { data } : {}),
        ...(flags.dataCheck === false ? { dataCheck: false } : {}),
      });
      if (ctx.json) printJson(ctx, task);
      else printLine(ctx, `Submitted ${task.id}: ${task.status}.`);
    }),
  );

  withClientOptions(
    tasks
      .command('skip')
      .description('Give a claimed task back to the queue, with a reason; it will not come back to you')
      .argument('<id>', 'task id')
      .requiredOption('--reason <text>', 'why (recorded in the task history)')
      .addHelpText('after', memberHelp),
  ).action(
    handler<ClientFlags & { reason?: string }>(ctx, async ([id], flags) => {
      const { client } = connect(ctx, flags);
      const task = await client.tasks.skip(id ?? '', flags.reason ?? '');
      if (ctx.json) printJson(ctx, task);
      else printLine(ctx, `Skipped ${task.id}: back to ${task.status}.`);
    }),
  );
}
