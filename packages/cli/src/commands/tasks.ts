import { accessSync, constants, createReadStream, readFileSync, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { InvalidArgumentError, type Command } from 'commander';
import {
  JobHandle,
  type Batchyard,
  type Job,
  type NewTask,
  type Task,
  type TaskBulkJobResult,
  type TaskBulkResult,
  type TaskCreateProgress,
  type TaskExportField,
  type TaskFilter,
  type TaskFilterOperator,
  type TaskImportResult,
  type TaskItemResult,
  type TaskSelection,
  type TaskStatus,
  type TaskWhere,
} from '@batchyard/sdk';
import type { Context } from '../context.js';
import { CliError, EXIT, UsageError } from '../errors.js';
import {
  formatValue,
  printJson,
  printLine,
  printNote,
  printRecord,
  printTable,
  type Column,
} from '../output.js';
import { UploadBar, choiceArg } from './batches.js';
import {
  asRow,
  connect,
  handler,
  firstArtifactLines,
  integerArg,
  listArg,
  runList,
  withClientOptions,
  type ClientFlags,
} from './common.js';
import { collect } from './datasets.js';
import { ProgressReporter, keyValueArg } from './job-wait.js';

export const TASK_STATUSES: readonly TaskStatus[] = [
  'pending',
  'in_progress',
  'complete',
  'to_review',
  'reviewed',
];
const EXPORT_FORMATS = ['csv', 'json', 'jsonl'] as const;
const OPERATORS: readonly TaskFilterOperator[] = [
  '=',
  'eq',
  '!=',
  'ne',
  '>',
  'gt',
  '>=',
  'gte',
  '<',
  'lt',
  '<=',
  'lte',
  'in',
  'like',
];
/** Failed items printed after a create or import that had some. */
const SHOWN_FAILURES = 10;
const BAR_WIDTH = 24;
const REDRAW_MS = 100;

const TASK_COLUMNS: readonly Column[] = [
  { header: 'ID', field: 'id' },
  { header: 'NAME', field: 'name' },
  { header: 'STATUS', field: 'status' },
  { header: 'BATCH', field: 'batchId' },
  {
    header: 'SCORE',
    field: 'properties',
    format: (value) => formatValue((value as { score?: unknown } | undefined)?.score),
  },
  { header: 'UPDATED', field: 'updatedAt' },
];
const DATA_COLUMN: Column = { header: 'DATA', field: 'data' };

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

interface FilterFlags extends ClientFlags {
  project?: string;
  batch?: string[];
  status?: string[];
  name?: string[];
  nameRegex?: string;
  where?: TaskWhere[];
}

interface CreateFlags extends ClientFlags {
  batch?: string;
  file?: string;
  onExisting?: 'error' | 'skip';
  uniqueCheck?: boolean;
  dataCheck?: boolean;
  chunkSize?: number;
  format?: 'json' | 'jsonl';
}

interface ListFlags extends FilterFlags {
  ids?: string[];
  fields?: string[];
  include?: string[];
  sort?: string;
  limit?: number;
  cursor?: string;
  all?: boolean;
}

interface BulkFlags extends FilterFlags {
  reason?: string;
  reset?: boolean;
  score?: string;
  set?: Record<string, unknown>;
  replaceJson?: string;
  remove?: string[][];
}

interface ExportFlags extends FilterFlags {
  format?: (typeof EXPORT_FORMATS)[number];
  fields?: string[];
  out?: string;
}

/** `--where field:op:value`: the value as JSON when it parses (3, true, null, ["a","b"]), else the text. */
export function whereArg(value: string): TaskWhere {
  const first = value.indexOf(':');
  const second = first < 0 ? -1 : value.indexOf(':', first + 1);
  if (first <= 0 || second < 0) {
    throw new InvalidArgumentError('expected field:operator:value, e.g. data.priority:gte:3.');
  }
  const field = value.slice(0, first).trim();
  const operator = value.slice(first + 1, second).trim() as TaskFilterOperator;
  const raw = value.slice(second + 1);
  if (!OPERATORS.includes(operator)) {
    throw new InvalidArgumentError(`unknown operator "${operator}"; use ${OPERATORS.join(' ')}.`);
  }
  let parsed: unknown = raw;
  if (operator !== 'like' && field !== 'createdAt' && field !== 'updatedAt') {
    try {
      parsed = JSON.parse(raw);
    } catch {
      if (operator === 'in') throw new InvalidArgumentError('"in" takes a JSON array, e.g. \'["a","b"]\'.');
    }
  }
  return { field, operator, value: parsed };
}

/** Filter options shared by list, export and the bulk commands. */
function withFilterOptions(command: Command): Command {
  return command
    .option('--project <id>', 'project id (required with a filter)')
    .option('--batch <ids>', 'only tasks of these batches (comma-separated, repeatable)', collectList)
    .option(
      '--status <statuses>',
      `only tasks in these states (comma-separated: ${TASK_STATUSES.join(', ')})`,
      collectList,
    )
    .option('--name <names>', 'only tasks with these names (comma-separated, repeatable)', collectList)
    .option('--name-regex <pattern>', 'only tasks whose name matches this regular expression')
    .option(
      '--where <field:op:value>',
      'a condition on data.<path>, properties.score, properties.<key>, createdAt or updatedAt (repeatable); ' +
        `operators ${OPERATORS.filter((o) => /^[a-z]/.test(o)).join(' ')} or symbols; in takes a JSON array`,
      collect(whereArg),
    );
}

function collectList(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), ...listArg(value)];
}

function hasFilter(flags: FilterFlags): boolean {
  return (
    flags.batch !== undefined ||
    flags.status !== undefined ||
    flags.name !== undefined ||
    flags.nameRegex !== undefined ||
    flags.where !== undefined
  );
}

function filterOf(flags: FilterFlags): TaskFilter {
  if (!flags.project) throw new UsageError('--project <id> is required with a filter');
  for (const status of flags.status ?? []) {
    if (!TASK_STATUSES.includes(status as TaskStatus)) {
      throw new UsageError(`unknown status "${status}"; statuses: ${TASK_STATUSES.join(', ')}`);
    }
  }
  return {
    projectId: flags.project,
    ...(flags.batch !== undefined ? { batchIds: flags.batch } : {}),
    ...(flags.status !== undefined ? { statuses: flags.status as TaskStatus[] } : {}),
    ...(flags.name !== undefined ? { names: flags.name } : {}),
    ...(flags.nameRegex !== undefined ? { nameRegex: flags.nameRegex } : {}),
    ...(flags.where !== undefined ? { where: flags.where } : {}),
  };
}

/** Ids given as arguments, or else a filter (with --project): never both, never neither. */
function selectionOf(ids: string[], flags: FilterFlags): TaskSelection {
  if (ids.length > 0) {
    if (hasFilter(flags)) throw new UsageError('pass task ids or a filter (--where, --batch, ...), not both');
    return { ids };
  }
  if (!flags.project) {
    throw new UsageError(
      'pass task ids, or a filter with --project <id> (and --where, --batch, --status ...)',
    );
  }
  return { filter: filterOf(flags) };
}

/** A task progress bar on stderr: redrawn in place on a terminal, else a line per quarter. */
class TaskBar {
  private readonly tty: boolean;
  private readonly quiet: boolean;
  private drawn = false;
  private lastDraw = 0;
  private quarter = 0;
  private readonly started = Date.now();

  constructor(
    private readonly ctx: Context,
    private readonly label: string,
  ) {
    this.tty = (ctx.stderr as { isTTY?: boolean }).isTTY === true;
    this.quiet = !this.tty && ctx.json;
  }

  get seconds(): string {
    return ((Date.now() - this.started) / 1000).toFixed(1);
  }

  update(progress: TaskCreateProgress): void {
    if (this.quiet) return;
    const fraction = progress.total ? Math.min(1, progress.sent / progress.total) : undefined;
    if (this.tty) {
      const now = Date.now();
      if (now - this.lastDraw < REDRAW_MS && fraction !== 1) return;
      this.lastDraw = now;
      const columns = (this.ctx.stderr as { columns?: number }).columns ?? 80;
      this.ctx.stderr.write(`\r${this.line(progress, fraction).slice(0, Math.max(20, columns - 1))}\x1b[K`);
      this.drawn = true;
      return;
    }
    const quarter = fraction === undefined ? this.quarter + 1 : Math.floor(fraction * 4);
    if (quarter > this.quarter && (fraction === undefined || quarter < 4)) {
      this.quarter = quarter;
      this.ctx.stderr.write(`${this.line(progress, fraction)}\n`);
    }
  }

  finish(): void {
    if (this.tty && this.drawn) this.ctx.stderr.write('\r\x1b[K');
    this.drawn = false;
  }

  private line(p: TaskCreateProgress, fraction: number | undefined): string {
    const filled = fraction === undefined ? 0 : Math.round(fraction * BAR_WIDTH);
    const bar = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`;
    const percent = fraction === undefined ? '' : `${Math.floor(fraction * 100)}% `;
    const count = p.total !== undefined ? `${p.sent}/${p.total}` : `${p.sent}`;
    return `${this.label} ${bar} ${percent}${count} (created ${p.created}, skipped ${p.skipped}, failed ${p.failed})`;
  }
}

/** Non-blank lines of a file (the tasks of a JSONL file), counted without holding it. */
async function countLines(path: string): Promise<number> {
  let count = 0;
  let blank = true;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (byte === 10) {
        if (!blank) count++;
        blank = true;
      } else if (blank && byte !== 32 && byte !== 9 && byte !== 13) blank = false;
    }
  }
  return blank ? count : count + 1;
}

/**
 * Names given to more than one task of the file, and how many tasks carry them. Every copy of such
 * a name fails (`duplicate_in_request`), as the API answers for a repeat inside one request: the
 * file is one request from the user's point of view, whatever the chunks it is sent in.
 */
async function repeatedNames(
  path: string,
  format: 'json' | 'jsonl',
): Promise<{ names: Set<string>; copies: number }> {
  const counts = new Map<string, number>();
  const count = (item: unknown) => {
    const name = typeof item === 'object' && item !== null ? (item as { name?: unknown }).name : undefined;
    if (typeof name === 'string' && name !== '') counts.set(name, (counts.get(name) ?? 0) + 1);
  };
  if (format === 'json') {
    try {
      const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
      if (Array.isArray(parsed)) parsed.forEach(count);
    } catch {
      // readTasks reports the bad file when the tasks are read.
    }
  } else {
    for await (const line of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) {
      if (line.trim() === '') continue;
      try {
        count(JSON.parse(line));
      } catch {
        break; // readTasks stops at this line, with its message
      }
    }
  }
  const names = new Set<string>();
  let copies = 0;
  for (const [name, n] of counts) {
    if (n > 1) {
      names.add(name);
      copies += n;
    }
  }
  return { names, copies };
}

/** The tasks of a .jsonl file, a line at a time (or of a .json array, read whole). */
async function* readTasks(path: string, format: 'json' | 'jsonl'): AsyncGenerator<NewTask> {
  if (format === 'json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new UsageError(`${path} is not a JSON array of tasks: ${(error as Error).message}`);
    }
    if (!Array.isArray(parsed)) throw new UsageError(`${path} is not a JSON array of tasks`);
    yield* parsed as NewTask[];
    return;
  }
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let number = 0;
  for await (const line of lines) {
    number++;
    if (line.trim() === '') continue;
    try {
      yield JSON.parse(line) as NewTask;
    } catch (error) {
      throw new CliError(
        `${path}, line ${number}: not JSON (${(error as Error).message}); the tasks before it were sent` +
          ' (run again with --on-existing skip once fixed)',
        EXIT.usage,
        'invalid_file',
      );
    }
  }
}

function fileFormat(path: string, format: 'json' | 'jsonl' | undefined): 'json' | 'jsonl' {
  if (format) return format;
  const extension = /\.([^./\\]+)$/.exec(path)?.[1]?.toLowerCase();
  if (extension === 'json') return 'json';
  if (extension === 'jsonl' || extension === 'ndjson') return 'jsonl';
  throw new UsageError(`cannot tell the format of ${path} from its extension: pass --format json or jsonl`);
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function checkReadable(path: string): void {
  try {
    if (!statSync(path).isFile()) throw new Error('not a file');
    accessSync(path, constants.R_OK);
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as Error).message}`);
  }
}

function describeFailure(f: { index?: number; name?: string; error?: { code?: string; message?: string } }) {
  return `  #${f.index ?? '?'} ${f.name ? `"${f.name}"` : ''}: ${f.error?.message ?? ''} (${f.error?.code ?? '?'})`;
}

function creationSettings(flags: CreateFlags) {
  return {
    ...(flags.onExisting !== undefined ? { onExisting: flags.onExisting } : {}),
    ...(flags.uniqueCheck === false ? { uniqueCheck: false } : {}),
    ...(flags.dataCheck === false ? { dataCheck: false } : {}),
  };
}

function withCreationOptions(command: Command): Command {
  return command
    .requiredOption('--batch <id>', 'batch to create the tasks in')
    .requiredOption('--file <path>', 'a .jsonl / .ndjson file (one task a line) or a .json array of tasks')
    .option(
      '--format <format>',
      'file format (default: from the extension): jsonl or json',
      choiceArg(['json', 'jsonl'] as const),
    )
    .option(
      '--on-existing <policy>',
      'a name the batch already has: error (default) or skip',
      choiceArg(['error', 'skip'] as const),
    )
    .option('--no-unique-check', 'do not check names against the batch')
    .option('--no-data-check', "do not check data against the project's task schema");
}

/** Shows a bulk outcome: per-task results (ids) or the job's counts (filter). */
function showBulk(ctx: Context, outcome: TaskBulkResult | TaskBulkJobResult): void {
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

/** Waits for a job with progress on stderr; a failed or aborted job exits 6 or 7. */
async function followJob(ctx: Context, handle: JobHandle): Promise<Job> {
  const reporter = new ProgressReporter(ctx);
  if (handle.job) reporter.update(handle.job);
  let job: Job;
  try {
    job = await handle.wait({ onProgress: (current) => reporter.update(current) });
  } finally {
    reporter.finish();
  }
  failIfUnsuccessful(job);
  return job;
}

function failIfUnsuccessful(job: Job): void {
  if (job.status === 'failed') {
    throw new CliError(
      `job ${job.id} failed${job.error ? `: ${job.error.message} (${job.error.code})` : ''}`,
      EXIT.jobFailed,
      'job_failed',
    );
  }
  if (job.status === 'aborted')
    throw new CliError(`job ${job.id} was aborted`, EXIT.jobAborted, 'job_aborted');
}

function formatHistory(value: unknown): string {
  if (!Array.isArray(value) || value.length === 0) return '-';
  return (value as NonNullable<Task['history']>)
    .map(
      (e) =>
        `${e.at} ${e.from ?? '-'} → ${e.to} (${e.action}${e.actor ? ` by ${e.actor}` : ''})${e.reason ? `: ${e.reason}` : ''}`,
    )
    .join('\n');
}

const pretty = (value: unknown) =>
  value === null || value === undefined ? '-' : JSON.stringify(value, null, 2);

export function registerTasks(program: Command, ctx: Context): void {
  const tasks = program
    .command('tasks')
    .alias('task')
    .description('Create, list, review, redo and export the tasks of a project');

  withClientOptions(
    withCreationOptions(
      tasks
        .command('create')
        .description('Create tasks from a file, in chunks, with a progress bar and a summary')
        .option('--chunk-size <n>', 'tasks per request (default 5000)', integerArg(1, 10_000)),
    ).addHelpText(
      'after',
      '\nA name repeated in the file fails every copy (duplicate_in_request), as the API does: none is created.\n' +
        'Exits 3 when any task failed, listing the first failures.',
    ),
  ).action(
    handler<CreateFlags>(ctx, async (_args, flags) => {
      const path = flags.file ?? '';
      const format = fileFormat(path, flags.format);
      checkReadable(path);
      const { client } = connect(ctx, flags);
      const repeated = await repeatedNames(path, format);
      const lines = format === 'jsonl' ? await countLines(path) : undefined;
      const total = lines !== undefined ? lines - repeated.copies : undefined;
      const bar = new TaskBar(ctx, `creating ${basename(path)}`);
      // Every copy of a repeated name fails here, unsent; the rest go to the API. `inputIndex`
      // maps the place of a sent task back to its place in the file.
      const repeats: TaskItemResult[] = [];
      const inputIndex: number[] = [];
      async function* unique(): AsyncGenerator<NewTask> {
        let at = 0;
        for await (const task of readTasks(path, format)) {
          const index = at++;
          const name =
            typeof task === 'object' && task !== null ? (task as { name?: unknown }).name : undefined;
          if (typeof name === 'string' && repeated.names.has(name)) {
            repeats.push({
              index,
              name,
              status: 'failed',
              error: {
                code: 'duplicate_in_request',
                message: `"${name}" is the name of more than one task in ${basename(path)}; no copy is created.`,
              },
            } as TaskItemResult);
            continue;
          }
          if (repeated.names.size > 0) inputIndex.push(index);
          yield task;
        }
      }
      const failures: TaskItemResult[] = [];
      let counts: { created: number; skipped: number; failed: number };
      try {
        const result = await client.tasks.create(flags.batch ?? '', unique(), {
          ...creationSettings(flags),
          ...(flags.chunkSize !== undefined ? { chunkSize: flags.chunkSize } : {}),
          onProgress: (p) => bar.update(total !== undefined ? { ...p, total } : p),
        });
        counts = { created: result.created, skipped: result.skipped, failed: result.failed + repeats.length };
        const sent: TaskItemResult[] = [];
        for (const r of result.results) {
          if (r.status === 'failed') {
            sent.push(inputIndex.length > 0 ? { ...r, index: inputIndex[r.index] ?? r.index } : r);
            if (sent.length >= 1000) break;
          }
        }
        failures.push(
          ...[...repeats.slice(0, 1000), ...sent].sort((a, b) => a.index - b.index).slice(0, 1000),
        );
      } finally {
        bar.finish();
      }
      const summary = `created ${counts.created}, skipped ${counts.skipped}, failed ${counts.failed}`;
      if (ctx.json) printJson(ctx, { ...counts, failures: failures.slice(0, 100) });
      else
        printLine(
          ctx,
          `${summary} (${counts.created + counts.skipped + counts.failed} tasks in ${bar.seconds} s)`,
        );
      if (counts.failed > 0) {
        if (!ctx.json) {
          printNote(ctx, `Failed (first ${Math.min(failures.length, SHOWN_FAILURES)} of ${counts.failed}):`);
          for (const f of failures.slice(0, SHOWN_FAILURES)) printNote(ctx, describeFailure(f));
        }
        throw new CliError(`${counts.failed} task(s) failed`, EXIT.api, 'tasks_failed');
      }
    }),
  );

  withClientOptions(
    withCreationOptions(
      tasks
        .command('import')
        .description('Import a file of tasks of any size, streamed in one request (a tasks.import job)'),
    ).addHelpText('after', '\nExits 3 when any task failed, listing the first failures.'),
  ).action(
    handler<CreateFlags>(ctx, async (_args, flags) => {
      const path = flags.file ?? '';
      const format = fileFormat(path, flags.format);
      checkReadable(path);
      const { client } = connect(ctx, flags);
      const bar = new UploadBar(ctx, basename(path));
      let handle: JobHandle;
      try {
        handle = await client.tasks.import(
          flags.batch ?? '',
          { path },
          { ...creationSettings(flags), format, onProgress: (p) => bar.update(p) },
        );
      } finally {
        bar.finish();
      }
      const job = handle.job ?? (await handle.refresh());
      const result = (job.result ?? {}) as Partial<TaskImportResult>;
      if (ctx.json) printJson(ctx, job);
      else {
        printRecord(ctx, {
          job: job.id,
          status: job.status,
          batch: result.batchId ?? flags.batch,
          total: result.total ?? '-',
          created: result.created ?? '-',
          skipped: result.skipped ?? '-',
          failed: result.failed ?? '-',
          ...(job.error ? { error: `${job.error.message} (${job.error.code})` } : {}),
        });
      }
      failIfUnsuccessful(job);
      if ((result.failed ?? 0) > 0) {
        if (!ctx.json) {
          const shown = await firstFailures(client, job);
          printNote(ctx, `Failed (first ${shown.length} of ${result.failed}):`);
          for (const f of shown) printNote(ctx, describeFailure(f));
        }
        throw new CliError(`${result.failed} task(s) failed`, EXIT.api, 'tasks_failed');
      }
    }),
  );

  withClientOptions(
    withFilterOptions(
      tasks
        .command('list')
        .description("List a project's tasks, with filters")
        .option('--ids <ids>', 'only these tasks (comma-separated, repeatable)', collectList)
        .option(
          '--fields <names>',
          'only these fields (comma-separated; id is always shown), e.g. name,status,properties',
          collectList,
        )
        .option('--include <fields>', 'heavy fields to add: data, history (comma-separated)', listArg)
        .option(
          '--sort <spec>',
          'sort order, e.g. name or createdAt:desc (id, createdAt, updatedAt, name, status)',
        )
        .option('--limit <n>', 'tasks per page, 1-1000 (default 50)', integerArg(1, 1000))
        .option('--cursor <cursor>', 'start from this cursor (printed after a page that has more)')
        .option('--all', 'fetch every page, not just one'),
    ),
  ).action(
    handler<ListFlags>(ctx, async (_args, flags) => {
      const filter = filterOf(flags);
      for (const name of flags.include ?? []) {
        if (name !== 'data' && name !== 'history') throw new UsageError(`--include: unknown field "${name}"`);
      }
      const { client } = connect(ctx, flags);
      const params = {
        ...filter,
        ...(flags.ids !== undefined ? { ids: flags.ids } : {}),
        ...(flags.fields !== undefined ? { fields: flags.fields } : {}),
        ...(flags.include !== undefined ? { include: flags.include as ('data' | 'history')[] } : {}),
        ...(flags.sort !== undefined ? { sort: flags.sort } : {}),
        ...(flags.limit !== undefined ? { limit: flags.limit } : {}),
        ...(flags.cursor !== undefined ? { cursor: flags.cursor } : {}),
      };
      const columns: readonly Column[] = flags.fields
        ? ['id', ...flags.fields.filter((f) => f !== 'id')].map((field) => ({
            header: field.toUpperCase(),
            field,
          }))
        : flags.include?.includes('data')
          ? [...TASK_COLUMNS, DATA_COLUMN]
          : TASK_COLUMNS;
      await runList(ctx, { ...flags, fields: undefined } as never, {
        plural: 'tasks',
        columns,
        fetch: () => client.tasks.list(params) as never,
      });
    }),
  );

  withClientOptions(
    tasks
      .command('get')
      .description('Show a task, with its data and transition history')
      .argument('<id>', 'task id'),
  ).action(
    handler<ClientFlags>(ctx, async ([id], flags) => {
      const { client } = connect(ctx, flags);
      const task = await client.tasks.get(id ?? '', { include: ['data', 'history'] });
      if (ctx.json) printJson(ctx, task);
      else
        printRecord(ctx, asRow(task), {
          data: pretty,
          initialData: pretty,
          properties: pretty,
          resources: (value) => (Array.isArray(value) && value.length > 0 ? value.join('\n') : '-'),
          history: formatHistory,
        });
    }),
  );

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

  withClientOptions(
    withFilterOptions(
      tasks
        .command('export')
        .description('Export the tasks a filter selects as CSV, JSON or JSON Lines, with a progress bar')
        .requiredOption('--format <format>', 'csv, json or jsonl', choiceArg(EXPORT_FORMATS))
        .requiredOption(
          '--out <path>',
          "the file to write, or a folder (existing, or ending in /) to write tasks-<jobId>.<format> into ('-' for stdout)",
        )
        .option(
          '--fields <names>',
          'fields to export (comma-separated; default all but initialData): id, name, batchId, status, resources, data, initialData, properties, createdBy, createdAt, updatedAt',
          listArg,
        ),
    ),
  ).action(
    handler<ExportFlags>(ctx, async (_args, flags) => {
      const filter = filterOf(flags);
      const { client } = connect(ctx, flags);
      const reporter = new ProgressReporter(ctx);
      let last: Job | undefined;
      const toStdout = flags.out === '-';
      const common = {
        format: flags.format ?? 'csv',
        filter,
        ...(flags.fields !== undefined ? { fields: flags.fields as TaskExportField[] } : {}),
        onProgress: (job: Job) => {
          last = job;
          reporter.update(job);
        },
      };
      const out = flags.out ?? '';
      // A folder gets the SDK's own file name (tasks-<jobId>.<format>) inside it.
      const toFolder = /[\\/]$/.test(out) || isDirectory(out);
      let written: string;
      try {
        written = toStdout
          ? await client.tasks.export({ ...common, inMemory: true })
          : await client.tasks.export({
              ...common,
              ...(toFolder
                ? { outputFolder: out }
                : { outputFolder: dirname(out), outputFilename: basename(out) }),
            });
      } finally {
        reporter.finish();
      }
      const count = (last?.result as { count?: number } | null | undefined)?.count;
      if (toStdout) {
        ctx.stdout.write(written);
        return;
      }
      if (ctx.json) printJson(ctx, { file: written, count: count ?? null, jobId: last?.id ?? null });
      else printLine(ctx, `exported ${count ?? '?'} tasks to ${written}`);
    }),
  );
}

/** The first lines of an import's failures.jsonl. */
async function firstFailures(client: Batchyard, job: Job): Promise<TaskItemResult[]> {
  return (await firstArtifactLines<TaskItemResult>(client, job, 'failures.jsonl', SHOWN_FAILURES)) ?? [];
}
