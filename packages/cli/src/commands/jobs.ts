import { createWriteStream, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Command } from 'commander';
import type { Job } from '@batchyard/sdk';
import type { Context } from '../context.js';
import { CliError, EXIT, UsageError } from '../errors.js';
import { printJson, printLine, printNote, printRecord, printTable, type Column } from '../output.js';
import {
  choiceArg,
  integerArg,
  keyLimitsFlags,
  keyLimitsText,
  keyRateArg,
  keyValueArg,
  listArg,
  mergedObject,
  pastTimeArg,
  secondsArg,
  signedIntegerArg,
  timeArg,
} from '../args.js';
import { connect, handler, withClientOptions, type ClientFlags } from '../connect.js';
import { isDirectory } from '../files.js';
import { JOB_COLUMNS, reportStartedJob, showJob, waitForJob, withWaitOptions } from '../job-wait.js';
import { asRow, listParams, runList, withGetOptions, withListOptions, type ListFlags } from '../lists.js';

/** Newest first: what `jobs list` shows unless --sort says otherwise. */
const NEWEST_FIRST = 'id:desc'; // ids are time-ordered: newest first, ties included

/** `--out`: a file, or a folder (existing, or written with a trailing slash) to put `name` in. */
export function outputPath(out: string | undefined, name: string): string {
  if (out === undefined || out === '') return join('.', name);
  if (/[\\/]$/.test(out) || isDirectory(out)) return join(out, name);
  return out;
}

/** Streams a download to `<target>.part`, renamed at the end; the partial file never stays behind. */
async function saveStream(response: Response, target: string): Promise<number> {
  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.part`;
  let bytes = 0;
  try {
    const body = response.body ? Readable.fromWeb(response.body as WebReadableStream) : Readable.from([]);
    body.on('data', (chunk: Buffer) => (bytes += chunk.length));
    await pipeline(body, createWriteStream(partial));
    renameSync(partial, target);
  } catch (error) {
    rmSync(partial, { force: true });
    throw new CliError(
      `cannot write ${target}: ${(error as Error).message}`,
      EXIT.unexpected,
      'write_failed',
    );
  }
  return bytes;
}

interface JobListFlags extends ListFlags {
  project?: string;
  type?: string[];
  status?: string[];
  definition?: string;
  flow?: string;
  workspace?: string;
  createdAfter?: string;
  createdBefore?: string;
}

interface CreateFlags extends ClientFlags {
  arg?: Record<string, unknown>;
  argsJson?: string;
  title?: string;
  description?: string;
  priority?: number;
  runAt?: string;
  maxAttempts?: number;
  timeoutMs?: number;
  uniqueKey?: string;
  dependsOn?: string[];
  onDependencyFailure?: 'fail' | 'skip' | 'run';
  startBefore?: string;
  concurrencyKey?: string;
  workspace?: string;
  project?: string;
  wait?: boolean;
  timeout?: number;
}

interface WaitFlags extends ClientFlags {
  wait?: boolean;
  timeout?: number;
}

const TYPE_COLUMNS: readonly Column[] = [
  { header: 'NAME', field: 'name' },
  { header: 'BUILT IN', field: 'builtIn', format: (value) => (value ? 'yes' : 'no') },
  { header: 'WORKSPACE', field: 'workspaceId' },
  {
    header: 'SCHEMA',
    field: 'argumentsSchema',
    format: (value) => (value === null || value === undefined ? '-' : 'yes'),
  },
  { header: 'KEY LIMITS', field: 'keyLimits', format: (value) => keyLimitsText(value) },
  {
    header: 'PAUSED',
    field: 'pausedScope',
    format: (value) => (value === 'instance' ? 'instance-wide' : value === 'workspace' ? 'yes' : 'no'),
  },
  { header: 'DESCRIPTION', field: 'description' },
];

const KEY_COLUMNS: readonly Column[] = [
  { header: 'KEY', field: 'key' },
  { header: 'QUEUED', field: 'queued' },
  { header: 'RUNNING', field: 'running' },
  { header: 'LIMITS', field: 'maxRunning', format: (_value, row) => keyLimitsText(row) },
  { header: 'NEXT TURN', field: 'nextTurnAt', format: (value) => (value == null ? 'now' : String(value)) },
];

const STATUSES = 'waiting, queued, running, succeeded, failed, aborted, skipped, expired';

export function registerJobs(program: Command, ctx: Context): void {
  const jobs = program.command('jobs').alias('job').description('Run, watch and manage jobs');

  const artifacts = jobs.command('artifacts').alias('artifact').description("Download a job's artifacts");
  withClientOptions(
    artifacts
      .command('get')
      .description('Download an artifact of a job (streamed to disk; nothing is left behind on failure)')
      .argument('<jobId>', 'job id')
      .argument('<name>', 'artifact name, e.g. tasks.csv or errors.jsonl (see `jobs get`)')
      .option(
        '--out <path>',
        "file to write, or a folder to write <name> into ('-' for stdout; default ./<name>)",
      ),
  ).action(
    handler<ClientFlags & { out?: string }>(ctx, async ([jobId, name], flags) => {
      const { client } = connect(ctx, flags);
      const response = await client.jobs.downloadArtifact(jobId ?? '', name ?? '');
      if (flags.out === '-') {
        await pipeline(Readable.fromWeb(response.body as WebReadableStream), ctx.stdout);
        return;
      }
      const target = outputPath(flags.out, name ?? 'artifact');
      const bytes = await saveStream(response, target);
      if (ctx.json) printJson(ctx, { file: target, bytes, jobId, name });
      else printLine(ctx, `saved ${name} (${bytes} bytes) to ${target}`);
    }),
  );

  withListOptions(
    jobs
      .command('list')
      .description('List jobs, newest first (unless --sort says otherwise)')
      .option('--project <id>', 'only the jobs of this project')
      .option('--type <types>', 'only jobs of these types (comma-separated)', listArg)
      .option('--status <statuses>', `only jobs in these states (comma-separated: ${STATUSES})`, listArg)
      .option('--definition <id>', 'only instances of this job definition')
      .option('--flow <id>', 'only the jobs of this flow')
      .option('--workspace <id>', 'only the jobs of this workspace')
      .option(
        '--created-after <time>',
        'created at or after (ISO 8601, or a duration ago: 90m, 12h, 2d)',
        pastTimeArg,
      )
      .option('--created-before <time>', 'created before (ISO 8601, or a duration ago)', pastTimeArg),
  ).action(
    handler<JobListFlags>(ctx, async (_args, flags) => {
      const { client } = connect(ctx, flags);
      await runList(ctx, flags, {
        plural: 'jobs',
        columns: JOB_COLUMNS,
        fetch: () =>
          client.jobs.list({
            sort: NEWEST_FIRST,
            ...listParams(flags),
            ...(flags.project !== undefined ? { projectId: flags.project } : {}),
            ...(flags.type !== undefined ? { type: flags.type } : {}),
            ...(flags.status !== undefined ? { status: flags.status as Job['status'][] } : {}),
            ...(flags.definition !== undefined ? { definitionId: flags.definition } : {}),
            ...(flags.flow !== undefined ? { flowId: flags.flow } : {}),
            ...(flags.workspace !== undefined ? { workspaceId: flags.workspace } : {}),
            ...(flags.createdAfter !== undefined ? { createdAfter: flags.createdAfter } : {}),
            ...(flags.createdBefore !== undefined ? { createdBefore: flags.createdBefore } : {}),
          }),
      });
    }),
  );

  withClientOptions(
    jobs
      .command('dependencies')
      .alias('deps')
      .description('List the jobs a job depends on, with their status')
      .argument('<id>', 'job id'),
  ).action(
    handler<ClientFlags>(ctx, async ([id], flags) => {
      const { client } = connect(ctx, flags);
      const dependencies = await client.jobs.dependencies(id ?? '');
      if (ctx.json) printJson(ctx, dependencies);
      else
        printTable(
          ctx,
          [
            { header: 'ID', field: 'id' },
            { header: 'KEY', field: 'flowKey' },
            { header: 'TYPE', field: 'type' },
            { header: 'STATUS', field: 'status' },
            { header: 'FINISHED', field: 'finishedAt' },
          ],
          dependencies.map(asRow),
        );
    }),
  );

  withGetOptions(jobs.command('get').description('Show a job').argument('<id>', 'job id')).action(
    handler<ClientFlags & { fields?: string[] }>(ctx, async ([id], flags) => {
      const { client } = connect(ctx, flags);
      showJob(ctx, await client.jobs.get(id ?? '', flags.fields ? { fields: flags.fields } : {}));
    }),
  );

  withClientOptions(
    withWaitOptions(
      jobs
        .command('create')
        .description('Start a job')
        .argument('<type>', 'job type, e.g. system.sleep (see `batchyard jobs types list`)')
        .option(
          '--arg <key=value>',
          'an argument (repeatable); the value is read as JSON when it parses (3, true, "x"), else as text',
          keyValueArg,
        )
        .option(
          '--args-json <json>',
          "all arguments as a JSON object, or @file ('@-' reads stdin); --arg overrides",
        )
        .option('--title <text>', 'a title to recognise the job by')
        .option('--description <text>', 'a longer description of what the job is for')
        .option('--priority <n>', 'higher runs first (default 0)', signedIntegerArg)
        .option('--run-at <time>', 'not before this time (ISO 8601, or a delay: 90m, 12h, 2d)', timeArg)
        .option('--max-attempts <n>', 'attempts allowed (default 3)', integerArg(1, 1000))
        .option(
          '--timeout-ms <ms>',
          'time limit of each attempt: past it the attempt fails with code timeout (retried as usual)',
          integerArg(1, 604_800_000),
        )
        .option('--unique-key <key>', 'while a job with this key is queued or running, return it instead')
        .option(
          '--depends-on <ids>',
          'job ids (comma-separated) it waits for: it stays waiting until they end, and runs when all succeeded',
          listArg,
        )
        .option(
          '--on-dependency-failure <choice>',
          'when a dependency does not succeed: fail (default), skip, or run anyway',
          choiceArg(['fail', 'skip', 'run']),
        )
        .option(
          '--start-before <time>',
          'if not started by then it ends expired and never runs (ISO 8601, or a delay: 90m, 12h)',
          timeArg,
        )
        .option(
          '--concurrency-key <key>',
          "jobs of its type with this key share the key's limits (its type's or definition's; default one at a time)",
        )
        .option('--workspace <id>', "its workspace (default: the credential's)")
        .option('--project <id>', 'the project it belongs to'),
    ),
  ).action(
    handler<CreateFlags>(ctx, async ([type], flags) => {
      checkTimeoutFlag(flags);
      const args = mergedObject(flags.argsJson, flags.arg, '--args-json');
      const { client } = connect(ctx, flags);
      const handle = await client.jobs.create({
        type: type ?? '',
        ...(args !== undefined ? { arguments: args } : {}),
        ...(flags.title !== undefined ? { title: flags.title } : {}),
        ...(flags.description !== undefined ? { description: flags.description } : {}),
        ...(flags.priority !== undefined ? { priority: flags.priority } : {}),
        ...(flags.runAt !== undefined ? { runAt: flags.runAt } : {}),
        ...(flags.maxAttempts !== undefined ? { maxAttempts: flags.maxAttempts } : {}),
        ...(flags.timeoutMs !== undefined ? { timeoutMs: flags.timeoutMs } : {}),
        ...(flags.uniqueKey !== undefined ? { uniqueKey: flags.uniqueKey } : {}),
        ...(flags.dependsOn !== undefined ? { dependsOn: flags.dependsOn } : {}),
        ...(flags.onDependencyFailure !== undefined
          ? { onDependencyFailure: flags.onDependencyFailure }
          : {}),
        ...(flags.startBefore !== undefined ? { startBefore: flags.startBefore } : {}),
        ...(flags.concurrencyKey !== undefined ? { concurrencyKey: flags.concurrencyKey } : {}),
        ...(flags.workspace !== undefined ? { workspaceId: flags.workspace } : {}),
        ...(flags.project !== undefined ? { projectId: flags.project } : {}),
      });
      await reportStartedJob(ctx, handle, flags);
    }),
  );

  withClientOptions(
    jobs
      .command('watch')
      .description('Follow every job you can see as it is created and changes, one line each, until Ctrl-C')
      .option('--project <id>', 'only the jobs of this project')
      .option('--type <types>', 'only jobs of these types (comma-separated)', listArg)
      .option('--for <seconds>', 'stop after this long', secondsArg),
  ).action(
    handler<ClientFlags & { project?: string; type?: string[]; for?: number }>(ctx, async (_args, flags) => {
      const { client } = connect(ctx, flags);
      const stop = new AbortController();
      const onSignal = () => stop.abort();
      const timer = flags.for !== undefined ? setTimeout(onSignal, flags.for * 1000) : undefined;
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      try {
        const stream = client.jobs.events(flags.project !== undefined ? { projectId: flags.project } : {}, {
          signal: stop.signal,
          onReady: () => printNote(ctx, 'Watching jobs (Ctrl-C to stop).'),
        });
        for await (const job of stream) {
          if (flags.type && !flags.type.includes(job.type)) continue;
          if (ctx.json) {
            // One JSON object per line (JSON Lines), so `jq -c` or a line reader can follow it.
            ctx.stdout.write(JSON.stringify(job) + '\n');
            continue;
          }
          const progress = job.progress
            ? ` ${job.progress.done}${job.progress.total !== null ? `/${job.progress.total}` : ''}${job.progress.unit ? ` ${job.progress.unit}` : ''}`
            : '';
          printLine(ctx, `${job.updatedAt}  ${job.id}  ${job.type}  ${job.status}${progress}`);
        }
      } catch (error) {
        if (!stop.signal.aborted) throw error;
      } finally {
        clearTimeout(timer);
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    }),
  );

  withClientOptions(
    jobs
      .command('wait')
      .description('Wait for a job to finish, showing its progress, then show it')
      .argument('<id>', 'job id')
      .option('--timeout <seconds>', 'give up after this long (exit 8)', secondsArg)
      .addHelpText(
        'after',
        '\nExits 0 when the job succeeded, 6 when it failed, 7 when it was aborted, 8 on --timeout.',
      ),
  ).action(
    handler<WaitFlags>(ctx, async ([id], flags) => {
      const { client } = connect(ctx, flags);
      await waitForJob(ctx, client.jobs.handle(id ?? ''), flags.timeout);
    }),
  );

  withClientOptions(
    jobs
      .command('abort')
      .description('Abort a job: at once when queued, through its abort signal when running')
      .argument('<id>', 'job id'),
  ).action(
    handler<ClientFlags>(ctx, async ([id], flags) => {
      const { client } = connect(ctx, flags);
      const job = await client.jobs.abort(id ?? '');
      showJob(ctx, job);
    }),
  );

  withClientOptions(
    withWaitOptions(
      jobs
        .command('retry')
        .description('Queue a failed or aborted job again, with a fresh set of attempts')
        .argument('<id>', 'job id'),
    ),
  ).action(
    handler<WaitFlags>(ctx, async ([id], flags) => {
      checkTimeoutFlag(flags);
      const { client } = connect(ctx, flags);
      const job = await client.jobs.retry(id ?? '');
      if (flags.wait) {
        await waitForJob(ctx, client.jobs.handle(job.id), flags.timeout);
        return;
      }
      showJob(ctx, job);
    }),
  );

  withClientOptions(
    jobs.command('delete').description('Delete a finished job').argument('<id>', 'job id'),
  ).action(
    handler<ClientFlags>(ctx, async ([id], flags) => {
      const { client } = connect(ctx, flags);
      await client.jobs.delete(id ?? '');
      if (ctx.json) printJson(ctx, { id, deleted: true });
      else printLine(ctx, `Deleted job ${id}.`);
    }),
  );

  registerTypes(jobs, ctx);
}

function registerTypes(jobs: Command, ctx: Context): void {
  const types = jobs.command('types').alias('type').description('List, register, pause and resume job types');

  withClientOptions(
    types
      .command('list')
      .description('List the built-in job types and the custom ones of the workspace')
      .option('--workspace <id>', "the workspace (default: the credential's)"),
  ).action(
    handler<ClientFlags & { workspace?: string }>(ctx, async (_args, flags) => {
      const { client } = connect(ctx, flags);
      const data = await client.jobs.types.list(
        flags.workspace !== undefined ? { workspaceId: flags.workspace } : {},
      );
      if (ctx.json) printJson(ctx, { data });
      else if (data.length === 0) printNote(ctx, 'No job types found.');
      else printTable(ctx, TYPE_COLUMNS, data.map(asRow));
    }),
  );

  withClientOptions(
    types
      .command('register')
      .description('Register (or update) a custom job type, run by remote workers')
      .argument('<name>', 'type name, e.g. images.resize')
      .option('--schema <file>', 'JSON Schema file its arguments must satisfy ("-" reads stdin)')
      .option('--description <text>', 'a description')
      .option(
        '--key-max-running <n>',
        'at most this many of its jobs with one concurrency key run at once (default 1)',
        integerArg(1, 10_000),
      )
      .option('--key-rate <n/window>', 'at most n starts per key per window, e.g. 10/1m or 100/s', keyRateArg)
      .option('--workspace <id>', "its workspace (default: the credential's)"),
  ).action(
    handler<
      ClientFlags & {
        schema?: string;
        description?: string;
        workspace?: string;
        keyMaxRunning?: number;
        keyRate?: { max: number; windowMs: number };
      }
    >(ctx, async ([name], flags) => {
      const argumentsSchema = flags.schema !== undefined ? readSchema(flags.schema) : undefined;
      const keyLimits = keyLimitsFlags(flags);
      const { client } = connect(ctx, flags);
      const type = await client.jobs.types.put(name ?? '', {
        ...(argumentsSchema !== undefined ? { argumentsSchema } : {}),
        ...(keyLimits !== undefined ? { keyLimits } : {}),
        ...(flags.description !== undefined ? { description: flags.description } : {}),
        ...(flags.workspace !== undefined ? { workspaceId: flags.workspace } : {}),
      });
      if (ctx.json) printJson(ctx, type);
      else
        printRecord(ctx, asRow(type), {
          argumentsSchema: (value) => (value == null ? '-' : JSON.stringify(value, null, 2)),
        });
    }),
  );

  withClientOptions(
    types
      .command('remove')
      .alias('delete')
      .description('Remove a custom job type')
      .argument('<name>', 'type name')
      .option('--workspace <id>', "its workspace (default: the credential's)"),
  ).action(
    handler<ClientFlags & { workspace?: string }>(ctx, async ([name], flags) => {
      const { client } = connect(ctx, flags);
      await client.jobs.types.delete(
        name ?? '',
        flags.workspace !== undefined ? { workspaceId: flags.workspace } : {},
      );
      if (ctx.json) printJson(ctx, { name, deleted: true });
      else printLine(ctx, `Removed job type ${name}.`);
    }),
  );

  withClientOptions(
    types
      .command('keys')
      .description("List a type's concurrency keys with queued or running jobs, busiest first")
      .argument('<name>', 'type name')
      .option('--limit <n>', 'at most this many keys (default 100)', integerArg(1, 1000))
      .option('--workspace <id>', "the workspace (default: the credential's)"),
  ).action(
    handler<ClientFlags & { workspace?: string; limit?: number }>(ctx, async ([name], flags) => {
      const { client } = connect(ctx, flags);
      const data = await client.jobs.types.keys(name ?? '', {
        ...(flags.workspace !== undefined ? { workspaceId: flags.workspace } : {}),
        ...(flags.limit !== undefined ? { limit: flags.limit } : {}),
      });
      if (ctx.json) printJson(ctx, { data });
      else if (data.length === 0) printNote(ctx, `No key of ${name} has queued or running jobs.`);
      else printTable(ctx, KEY_COLUMNS, data.map(asRow));
    }),
  );

  registerPause(types, ctx, 'pause');
  registerPause(types, ctx, 'resume');
}

/** `jobs types pause|resume NAME`: in the workspace, or instance-wide (instance admins). */
function registerPause(types: Command, ctx: Context, action: 'pause' | 'resume'): void {
  withClientOptions(
    types
      .command(action)
      .description(
        action === 'pause'
          ? 'Pause a job type: its queued jobs stay queued and are not claimed until it is resumed'
          : 'Resume a paused job type: its queued jobs are claimed again at once',
      )
      .argument('<name>', 'type name')
      .option('--workspace <id>', "the workspace (default: the credential's)")
      .option('--instance-wide', 'every workspace at once (an instance admin credential)'),
  ).action(
    handler<ClientFlags & { workspace?: string; instanceWide?: boolean }>(ctx, async ([name], flags) => {
      if (flags.instanceWide && flags.workspace !== undefined)
        throw new UsageError('--instance-wide and --workspace exclude each other');
      const { client } = connect(ctx, flags);
      const params = {
        ...(flags.workspace !== undefined ? { workspaceId: flags.workspace } : {}),
        ...(flags.instanceWide ? { instanceWide: true } : {}),
      };
      const type =
        action === 'pause'
          ? await client.jobs.types.pause(name ?? '', params)
          : await client.jobs.types.resume(name ?? '', params);
      if (ctx.json) printJson(ctx, type);
      else if (type.pausedScope === 'instance')
        printLine(ctx, `Job type ${type.name} is paused instance-wide.`);
      else printLine(ctx, `Job type ${type.name} is ${type.paused ? 'paused' : 'running'}.`);
    }),
  );
}

function checkTimeoutFlag(flags: WaitFlags): void {
  if (flags.timeout !== undefined && !flags.wait) throw new UsageError('--timeout needs --wait');
}

function readSchema(path: string): Record<string, unknown> {
  const source = path === '-' ? 'stdin' : path;
  let text: string;
  try {
    text = readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${source}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${source} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError(`${source} must hold a JSON object (a JSON Schema)`);
  }
  return value as Record<string, unknown>;
}
