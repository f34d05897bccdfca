import type { Command } from 'commander';
import type { Job } from '@batchyard/sdk';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { printJson, printLine, printRecord, type Column } from '../output.js';
import {
  integerArg,
  keyLimitsFlags,
  keyRateArg,
  keyValueArg,
  listArg,
  mergedObject,
  pastTimeArg,
  signedIntegerArg,
} from '../args.js';
import { connect, handler, withClientOptions, type ClientFlags } from '../connect.js';
import { JOB_COLUMNS, reportStartedJob, withWaitOptions } from '../job-wait.js';
import { asRow, listParams, runList, withGetOptions, withListOptions, type ListFlags } from '../lists.js';

export const DEFINITION_COLUMNS: readonly Column[] = [
  { header: 'ID', field: 'id' },
  { header: 'NAME', field: 'name' },
  { header: 'TYPE', field: 'type' },
  { header: 'SCHEDULE', field: 'schedule' },
  { header: 'ENABLED', field: 'enabled', format: (value) => (value === false ? 'no' : 'yes') },
  { header: 'NEXT RUN', field: 'nextRunAt' },
  { header: 'CREATED', field: 'createdAt' },
];

interface SettingsFlags extends ClientFlags {
  param?: Record<string, unknown>;
  paramsJson?: string;
  schedule?: string | false;
  timezone?: string;
  maxRunning?: number | false;
  maxStartsPerHour?: number | false;
  timeoutMs?: number | false;
  concurrencyKey?: string | false;
  keyMaxRunning?: number;
  keyRate?: { max: number; windowMs: number };
  description?: string;
}

interface CreateFlags extends SettingsFlags {
  type?: string;
  workspace?: string;
  project?: string;
  disabled?: boolean;
}

interface UpdateFlags extends SettingsFlags {
  name?: string;
  enable?: boolean;
  disable?: boolean;
}

interface RunFlags extends ClientFlags {
  param?: Record<string, unknown>;
  paramsJson?: string;
  title?: string;
  priority?: number;
  concurrencyKey?: string;
  wait?: boolean;
  timeout?: number;
}

const PARAM_HELP =
  'a parameter (repeatable); the value is read as JSON when it parses (3, true, "x"), else as text';

function withSettingsOptions(command: Command): Command {
  return command
    .option('--param <key=value>', PARAM_HELP, keyValueArg)
    .option(
      '--params-json <json>',
      "parameters as a JSON object, or @file ('@-' reads stdin); --param overrides",
    )
    .option('--schedule <cron>', 'cron expression (5 fields, or 6 with seconds)')
    .option('--timezone <tz>', 'time zone of the schedule, e.g. Europe/Paris (default UTC)')
    .option(
      '--max-running <n>',
      'at most this many instances queued or running at once',
      integerArg(1, 100000),
    )
    .option(
      '--max-starts-per-hour <n>',
      'at most this many instances started in any hour',
      integerArg(1, 100000),
    )
    .option(
      '--timeout-ms <ms>',
      "default time limit of each instance's attempts (they fail with code timeout past it)",
      integerArg(1, 604_800_000),
    )
    .option('--concurrency-key <key>', "its instances' concurrency key (a run may name another)")
    .option(
      '--key-max-running <n>',
      'at most this many of its instances with one key run at once (default: the type’s)',
      integerArg(1, 10_000),
    )
    .option('--key-rate <n/window>', 'at most n starts per key per window, e.g. 10/1m', keyRateArg)
    .option('--description <text>', 'a description');
}

export function registerDefinitions(program: Command, ctx: Context): void {
  const definitions = program
    .command('definitions')
    .alias('definition')
    .description('Manage job definitions: named, parameterised and optionally scheduled jobs');

  withListOptions(
    definitions
      .command('list')
      .description('List job definitions')
      .option('--workspace <id>', 'only the definitions of this workspace')
      .option('--type <type>', 'only definitions of this job type'),
  ).action(
    handler<ListFlags & { workspace?: string; type?: string }>(ctx, async (_args, flags) => {
      const { client } = connect(ctx, flags);
      await runList(ctx, flags, {
        plural: 'definitions',
        columns: DEFINITION_COLUMNS,
        fetch: () =>
          client.definitions.list({
            ...listParams(flags),
            ...(flags.workspace !== undefined ? { workspaceId: flags.workspace } : {}),
            ...(flags.type !== undefined ? { type: flags.type } : {}),
          }),
      });
    }),
  );

  withGetOptions(
    definitions.command('get').description('Show a job definition').argument('<id>', 'definition id'),
  ).action(
    handler<ClientFlags & { fields?: string[] }>(ctx, async ([id], flags) => {
      const { client } = connect(ctx, flags);
      show(ctx, await client.definitions.get(id ?? '', flags.fields ? { fields: flags.fields } : {}));
    }),
  );

  withClientOptions(
    withSettingsOptions(
      definitions
        .command('create')
        .description('Create a job definition')
        .argument('<name>', 'definition name')
        .requiredOption('--type <type>', 'job type of its instances')
        .option('--workspace <id>', "its workspace (default: the credential's)")
        .option('--project <id>', 'the project it belongs to')
        .option('--disabled', 'create it disabled (its schedule does not fire)'),
    ),
  ).action(
    handler<CreateFlags>(ctx, async ([name], flags) => {
      const parameters = mergedObject(flags.paramsJson, flags.param, '--params-json');
      const keyLimits = keyLimitsFlags(flags);
      const { client } = connect(ctx, flags);
      const definition = await client.definitions.create({
        name: name ?? '',
        type: flags.type ?? '',
        ...(flags.workspace !== undefined ? { workspaceId: flags.workspace } : {}),
        ...(flags.project !== undefined ? { projectId: flags.project } : {}),
        ...(flags.description !== undefined ? { description: flags.description } : {}),
        ...(parameters !== undefined ? { parameters } : {}),
        ...(typeof flags.schedule === 'string' ? { schedule: flags.schedule } : {}),
        ...(flags.timezone !== undefined ? { timezone: flags.timezone } : {}),
        ...(typeof flags.maxRunning === 'number' ? { maxRunning: flags.maxRunning } : {}),
        ...(typeof flags.maxStartsPerHour === 'number' ? { maxStartsPerHour: flags.maxStartsPerHour } : {}),
        ...(typeof flags.timeoutMs === 'number' ? { timeoutMs: flags.timeoutMs } : {}),
        ...(typeof flags.concurrencyKey === 'string' ? { concurrencyKey: flags.concurrencyKey } : {}),
        ...(keyLimits !== undefined ? { keyLimits } : {}),
        ...(flags.disabled ? { enabled: false } : {}),
      });
      show(ctx, definition);
    }),
  );

  withClientOptions(
    withSettingsOptions(
      definitions
        .command('update')
        .description('Change a job definition')
        .argument('<id>', 'definition id')
        .option('--name <name>', 'new name')
        .option('--no-schedule', 'remove the schedule')
        .option('--no-max-running', 'remove the maxRunning limit')
        .option('--no-max-starts-per-hour', 'remove the maxStartsPerHour limit')
        .option('--no-timeout-ms', 'remove the default timeout (instances take their type’s)')
        .option('--no-concurrency-key', 'its instances get no concurrency key unless a run names one')
        .option('--no-key-limits', 'remove its key limits (its instances take their type’s)')
        .option('--enable', 'enable it')
        .option('--disable', 'disable it (its schedule stops firing)'),
    ),
  ).action(
    handler<UpdateFlags>(ctx, async ([id], flags, command) => {
      if (flags.enable && flags.disable) throw new UsageError('pass --enable or --disable, not both');
      const parameters = mergedObject(flags.paramsJson, flags.param, '--params-json');
      const given = (name: string) => command.getOptionValueSource(name) === 'cli';
      const body: Record<string, unknown> = {};
      if (flags.name !== undefined) body.name = flags.name;
      if (flags.description !== undefined)
        body.description = flags.description === '' ? null : flags.description;
      if (parameters !== undefined) body.parameters = parameters;
      if (given('schedule')) body.schedule = flags.schedule === false ? null : flags.schedule;
      if (flags.timezone !== undefined) body.timezone = flags.timezone;
      if (given('maxRunning')) body.maxRunning = flags.maxRunning === false ? null : flags.maxRunning;
      if (given('maxStartsPerHour'))
        body.maxStartsPerHour = flags.maxStartsPerHour === false ? null : flags.maxStartsPerHour;
      if (given('timeoutMs')) body.timeoutMs = flags.timeoutMs === false ? null : flags.timeoutMs;
      if (given('concurrencyKey'))
        body.concurrencyKey = flags.concurrencyKey === false ? null : flags.concurrencyKey;
      const keyLimits = keyLimitsFlags(flags);
      if (given('keyLimits')) body.keyLimits = null;
      if (keyLimits !== undefined) body.keyLimits = keyLimits;
      if (flags.enable) body.enabled = true;
      if (flags.disable) body.enabled = false;
      if (Object.keys(body).length === 0) {
        throw new UsageError(
          'nothing to update: pass --name, --param, --params-json, --schedule, --no-schedule, --timezone, --max-running, --max-starts-per-hour, --timeout-ms, --concurrency-key, --key-max-running, --key-rate, --no-key-limits, --enable or --disable',
        );
      }
      const { client } = connect(ctx, flags);
      show(ctx, await client.definitions.update(id ?? '', body as never));
    }),
  );

  withClientOptions(
    definitions.command('delete').description('Delete a job definition').argument('<id>', 'definition id'),
  ).action(
    handler<ClientFlags>(ctx, async ([id], flags) => {
      const { client } = connect(ctx, flags);
      await client.definitions.delete(id ?? '');
      if (ctx.json) printJson(ctx, { id, deleted: true });
      else printLine(ctx, `Deleted job definition ${id}.`);
    }),
  );

  withClientOptions(
    withWaitOptions(
      definitions
        .command('run')
        .description("Start an instance now, with the run's parameters over the definition's")
        .argument('<id>', 'definition id')
        .option('--param <key=value>', PARAM_HELP, keyValueArg)
        .option(
          '--params-json <json>',
          "parameters as a JSON object, or @file ('@-' reads stdin); --param overrides",
        )
        .option('--title <text>', 'a title for the instance')
        .option('--priority <n>', 'higher runs first (default 0)', signedIntegerArg)
        .option('--concurrency-key <key>', "this instance's concurrency key (default: the definition's)")
        .addHelpText(
          'after',
          '\nA run over maxRunning or maxStartsPerHour is refused (429 definition_throttled, exit 3) with the time to retry after.',
        ),
    ),
  ).action(
    handler<RunFlags>(ctx, async ([id], flags) => {
      if (flags.timeout !== undefined && !flags.wait) throw new UsageError('--timeout needs --wait');
      const parameters = mergedObject(flags.paramsJson, flags.param, '--params-json');
      const { client } = connect(ctx, flags);
      const handle = await client.definitions.run(id ?? '', {
        ...(parameters !== undefined ? { parameters } : {}),
        ...(flags.title !== undefined ? { title: flags.title } : {}),
        ...(flags.priority !== undefined ? { priority: flags.priority } : {}),
        ...(flags.concurrencyKey !== undefined ? { concurrencyKey: flags.concurrencyKey } : {}),
      } as never);
      await reportStartedJob(ctx, handle, flags);
    }),
  );

  withClientOptions(
    definitions
      .command('schedule-preview')
      .description("The next fire times of a cron expression, as the server's scheduler computes them")
      .argument('<cron>', 'cron expression (5 fields, or 6 with seconds)')
      .option('--timezone <tz>', 'time zone of the schedule, e.g. Europe/Paris (default UTC)')
      .option('--count <n>', 'how many fire times (default 5)', integerArg(1, 50))
      .option('--after <time>', 'the times after this ISO 8601 instant (default now)'),
  ).action(
    handler<ClientFlags & { timezone?: string; count?: number; after?: string }>(
      ctx,
      async ([cron], flags) => {
        const { client } = connect(ctx, flags);
        const preview = await client.definitions.schedulePreview({
          schedule: cron ?? '',
          ...(flags.timezone !== undefined ? { timezone: flags.timezone } : {}),
          ...(flags.count !== undefined ? { count: flags.count } : {}),
          ...(flags.after !== undefined ? { after: flags.after } : {}),
        });
        if (ctx.json) return printJson(ctx, preview);
        if (preview.times.length === 0) return printLine(ctx, 'This schedule never fires.');
        const local = new Intl.DateTimeFormat('en-GB', {
          timeZone: preview.timezone,
          dateStyle: 'medium',
          timeStyle: 'medium',
        });
        for (const time of preview.times)
          printLine(ctx, `${time}  ${local.format(new Date(time))} (${preview.timezone})`);
      },
    ),
  );

  withListOptions(
    definitions
      .command('instances')
      .description("List a definition's jobs, newest first")
      .argument('<id>', 'definition id')
      .option('--status <statuses>', 'only instances in these states (comma-separated)', listArg)
      .option(
        '--created-after <time>',
        'created at or after (ISO 8601, or a duration ago: 90m, 12h, 2d)',
        pastTimeArg,
      )
      .option('--created-before <time>', 'created before (ISO 8601, or a duration ago)', pastTimeArg),
  ).action(
    handler<ListFlags & { status?: string[]; createdAfter?: string; createdBefore?: string }>(
      ctx,
      async ([id], flags) => {
        const { client } = connect(ctx, flags);
        await runList(ctx, flags, {
          plural: 'instances',
          columns: JOB_COLUMNS,
          fetch: () =>
            client.definitions.instances(id ?? '', {
              ...listParams(flags),
              ...(flags.status !== undefined ? { status: flags.status as Job['status'][] } : {}),
              ...(flags.createdAfter !== undefined ? { createdAfter: flags.createdAfter } : {}),
              ...(flags.createdBefore !== undefined ? { createdBefore: flags.createdBefore } : {}),
            }),
        });
      },
    ),
  );
}

function show(ctx: Context, definition: object): void {
  if (ctx.json) printJson(ctx, definition);
  else
    printRecord(ctx, asRow(definition), {
      parameters: (value) => (value == null ? '-' : JSON.stringify(value, null, 2)),
    });
}
