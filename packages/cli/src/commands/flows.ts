import type { Command } from 'commander';
import { FlowWaitTimeoutError, type Flow, type FlowStatus } from '@batchyard/sdk';
import type { Context } from '../context.js';
import { CliError, EXIT } from '../errors.js';
import { printJson, printLine, printNote, printRecord, printTable, type Column } from '../output.js';
import { listArg, readJsonObjectArg, secondsArg } from '../args.js';
import { connect, handler, withClientOptions, type ClientFlags } from '../connect.js';
import { asRow, listParams, runList, withListOptions, type ListFlags } from '../lists.js';

const FLOW_COLUMNS: readonly Column[] = [
  { header: 'ID', field: 'id' },
  { header: 'NAME', field: 'name' },
  { header: 'STATUS', field: 'status' },
  {
    header: 'JOBS',
    field: 'progress',
    format: (value) => {
      const p = value as Flow['progress'] | undefined;
      return p ? `${p.total - p.unfinished}/${p.total} ended, ${p.succeeded} succeeded` : '-';
    },
  },
  { header: 'CREATED', field: 'createdAt' },
];

const GRAPH_COLUMNS: readonly Column[] = [
  { header: 'KEY', field: 'key' },
  { header: 'JOB', field: 'id' },
  { header: 'TYPE', field: 'type' },
  { header: 'STATUS', field: 'status' },
  { header: 'WAITS FOR', field: 'dependsOn', format: (value) => (value as string[]).join(', ') || '-' },
];

interface WaitFlags extends ClientFlags {
  wait?: boolean;
  timeout?: number;
}

/** A flow and its jobs, one line each (or the JSON). */
function showFlow(ctx: Context, flow: Flow): void {
  if (ctx.json) {
    printJson(ctx, flow);
    return;
  }
  const { jobs, ...rest } = flow;
  printRecord(ctx, asRow(rest), {
    progress: (value) => {
      const p = value as Flow['progress'];
      return `${p.percent}% (${p.total - p.unfinished}/${p.total} jobs ended, ${p.succeeded} succeeded)`;
    },
  });
  if (jobs) printTable(ctx, GRAPH_COLUMNS, jobs.map(asRow));
}

/** Waits for the flow to end, prints it, and fails with exit 6 (failed), 7 (aborted) or 8 (timed out). */
async function waitForFlow(ctx: Context, flags: WaitFlags, id: string): Promise<void> {
  const { client } = connect(ctx, flags);
  let flow: Flow;
  try {
    flow = await client.flows.wait(
      id,
      flags.timeout !== undefined ? { timeoutMs: Math.round(flags.timeout * 1000) } : {},
    );
  } catch (error) {
    if (error instanceof FlowWaitTimeoutError) {
      throw new CliError(
        `timed out after ${flags.timeout ?? '?'} s waiting for flow ${id}${error.flow ? ` (still ${error.flow.status})` : ''}`,
        EXIT.waitTimeout,
        'wait_timeout',
      );
    }
    throw error;
  }
  showFlow(ctx, flow);
  if (flow.status === 'failed') throw new CliError(`flow ${id} failed`, EXIT.jobFailed, 'flow_failed');
  if (flow.status === 'aborted')
    throw new CliError(`flow ${id} was aborted`, EXIT.jobAborted, 'flow_aborted');
}

function withWait(command: Command): Command {
  return command
    .option('--wait', 'wait for the flow to end; exit 6 if it fails, 7 if aborted')
    .option('--timeout <seconds>', 'with --wait: give up after this long (exit 8)', secondsArg);
}

export function registerFlows(program: Command, ctx: Context): void {
  const flows = program
    .command('flows')
    .alias('flow')
    .description('Run graphs of jobs that depend on each other');

  withClientOptions(
    withWait(
      flows
        .command('create')
        .description(
          'Create a flow from a JSON file: {"name": …, "jobs": {"<key>": {"type": …, "arguments": {…}, "dependsOn": ["<key>", …]}}}',
        )
        .argument('<file>', "the flow as JSON ('-' reads stdin)")
        .option('--name <name>', "the flow's name (overrides the file's)")
        .option('--project <id>', 'the project of every job of the flow'),
    ),
  ).action(
    handler<WaitFlags & { name?: string; project?: string }>(ctx, async ([file], flags) => {
      const body = readJsonObjectArg(`@${file ?? '-'}`, '<file>');
      const { client } = connect(ctx, flags);
      const flow = await client.flows.create({
        ...(body as { name: string; jobs: Record<string, { type: string }> }),
        ...(flags.name !== undefined ? { name: flags.name } : {}),
        ...(flags.project !== undefined ? { projectId: flags.project } : {}),
      });
      if (flags.wait) return waitForFlow(ctx, flags, flow.id);
      showFlow(ctx, flow);
      if (!ctx.json) printNote(ctx, `Follow it with: batchyard flows wait ${flow.id}`);
    }),
  );

  withListOptions(
    flows
      .command('list')
      .description('List flows, newest first')
      .option('--project <id>', 'only the flows of this project')
      .option(
        '--status <statuses>',
        'only flows in these states (running, succeeded, failed, aborted)',
        listArg,
      ),
  ).action(
    handler<ListFlags & { project?: string; status?: string[] }>(ctx, async (_args, flags) => {
      const { client } = connect(ctx, flags);
      await runList(ctx, flags, {
        plural: 'flows',
        columns: FLOW_COLUMNS,
        fetch: () =>
          client.flows.list({
            sort: 'id:desc',
            ...listParams(flags),
            ...(flags.project !== undefined ? { projectId: flags.project } : {}),
            ...(flags.status !== undefined ? { status: flags.status as FlowStatus[] } : {}),
          }),
      });
    }),
  );

  withClientOptions(
    flows.command('get').description('Show a flow and its jobs').argument('<id>', 'flow id'),
  ).action(
    handler<ClientFlags>(ctx, async ([id], flags) => {
      const { client } = connect(ctx, flags);
      showFlow(ctx, await client.flows.get(id ?? ''));
    }),
  );

  withClientOptions(
    flows
      .command('wait')
      .description('Wait for a flow to end; exit 6 if it failed, 7 if aborted, 8 on --timeout')
      .argument('<id>', 'flow id')
      .option('--timeout <seconds>', 'give up after this long (exit 8)', secondsArg),
  ).action(handler<WaitFlags>(ctx, async ([id], flags) => waitForFlow(ctx, flags, id ?? '')));

  withClientOptions(
    flows
      .command('abort')
      .description(
        'Abort every unfinished job of a flow (waiting and queued at once, running ones signalled)',
      )
      .argument('<id>', 'flow id'),
  ).action(
    handler<ClientFlags>(ctx, async ([id], flags) => {
      const { client } = connect(ctx, flags);
      showFlow(ctx, await client.flows.abort(id ?? ''));
    }),
  );

  withClientOptions(
    withWait(
      flows
        .command('retry')
        .description(
          'Run again the jobs of an ended flow that did not succeed (succeeded ones keep their results)',
        )
        .argument('<id>', 'flow id'),
    ),
  ).action(
    handler<WaitFlags>(ctx, async ([id], flags) => {
      const { client } = connect(ctx, flags);
      const flow = await client.flows.retry(id ?? '');
      if (flags.wait) return waitForFlow(ctx, flags, flow.id);
      showFlow(ctx, flow);
    }),
  );

  withClientOptions(
    flows
      .command('delete')
      .description('Delete an ended flow with its jobs and their artifacts')
      .argument('<id>', 'flow id'),
  ).action(
    handler<ClientFlags>(ctx, async ([id], flags) => {
      const { client } = connect(ctx, flags);
      await client.flows.delete(id ?? '');
      if (ctx.json) printJson(ctx, { id, deleted: true });
      else printLine(ctx, `deleted flow ${id}`);
    }),
  );
}
