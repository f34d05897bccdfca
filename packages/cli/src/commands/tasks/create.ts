// `tasks create` (chunked requests) and `tasks import` (one streamed upload).
import { accessSync, constants, createReadStream, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import type { JobHandle, Batchyard, Job, NewTask, TaskImportResult, TaskItemResult } from '@batchyard/sdk';
import type { Context } from '../../context.js';
import { CliError, EXIT, UsageError } from '../../errors.js';
import { printJson, printLine, printNote, printRecord } from '../../output.js';
import { SHOWN_FAILURES, failIfUnsuccessful } from './follow.js';
import { choiceArg, integerArg } from '../../args.js';
import { connect, handler, withClientOptions, type ClientFlags } from '../../connect.js';
import { firstArtifactLines } from '../../job-wait.js';
import { TaskBar, UploadBar } from '../../progress.js';

interface CreateFlags extends ClientFlags {
  batch?: string;
  file?: string;
  onExisting?: 'error' | 'skip';
  uniqueCheck?: boolean;
  dataCheck?: boolean;
  chunkSize?: number;
  format?: 'json' | 'jsonl';
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

/** The first lines of an import's failures.jsonl. */
async function firstFailures(client: Batchyard, job: Job): Promise<TaskItemResult[]> {
  return (await firstArtifactLines<TaskItemResult>(client, job, 'failures.jsonl', SHOWN_FAILURES)) ?? [];
}

/** `tasks create` and `tasks import`. */
export function registerTaskCreation(tasks: Command, ctx: Context): void {
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
}
