// Commands that start or follow a job share this: `--wait`/`--timeout`, waiting with progress,
// showing a job, and reading the first lines of its artifacts.
import type { Command } from 'commander';
import { JobWaitTimeoutError, type Batchyard, type Job, type JobHandle } from '@batchyard/sdk';
import type { Context } from './context.js';
import { CliError, EXIT, UsageError } from './errors.js';
import { formatValue, printJson, printNote, printRecord, type Column } from './output.js';
import { secondsArg } from './args.js';
import { connect, type ClientFlags } from './connect.js';
import { asRow } from './lists.js';
import { ProgressReporter, formatProgress } from './progress.js';

export const JOB_COLUMNS: readonly Column[] = [
  { header: 'ID', field: 'id' },
  { header: 'TYPE', field: 'type' },
  { header: 'STATUS', field: 'status' },
  { header: 'PROGRESS', field: 'progress', format: (value) => formatProgress(value) },
  {
    header: 'ATTEMPT',
    field: 'attempt',
    format: (value, row) =>
      value === undefined ? '-' : `${formatValue(value)}/${formatValue(row.maxAttempts)}`,
  },
  { header: 'TITLE', field: 'title' },
  { header: 'CREATED', field: 'createdAt' },
  { header: 'FINISHED', field: 'finishedAt' },
];

const pretty = (value: unknown) =>
  value === null || value === undefined ? '-' : JSON.stringify(value, null, 2);

/** One job: JSON, or a record with its structured fields readable. */
export function showJob(ctx: Context, job: object): void {
  if (ctx.json) {
    printJson(ctx, job);
    return;
  }
  printRecord(ctx, asRow(job), {
    progress: formatProgress,
    arguments: pretty,
    counters: (value) =>
      value && typeof value === 'object' && Object.keys(value).length > 0 ? pretty(value) : '-',
    warnings: (value) => (Array.isArray(value) && value.length > 0 ? pretty(value) : '-'),
    result: pretty,
    checkpoint: pretty,
    error: (value) => {
      if (value === null || value === undefined) return '-';
      const error = value as { code?: string; message?: string };
      return `${error.message ?? ''}${error.code ? ` (${error.code})` : ''}`;
    },
    artifacts: (value) => {
      if (!Array.isArray(value) || value.length === 0) return '-';
      return (value as { name: string; contentType?: string; size?: number; url?: string }[])
        .map((a) => `${a.name} (${a.contentType ?? '?'}, ${a.size ?? '?'} bytes) ${a.url ?? ''}`.trimEnd())
        .join('\n');
    },
  });
}

/**
 * Waits for the job to end with progress on stderr, prints it, and fails with exit 6 (failed or
 * expired), 7 (aborted or skipped) or 8 (timed out).
 */
export async function waitForJob(ctx: Context, handle: JobHandle, timeoutSeconds?: number): Promise<Job> {
  const reporter = new ProgressReporter(ctx);
  const known = (handle as { job?: Job | null }).job;
  if (known) reporter.update(known);
  let job: Job;
  try {
    job = await handle.wait({
      onProgress: (current) => reporter.update(current),
      ...(timeoutSeconds !== undefined ? { timeoutMs: Math.round(timeoutSeconds * 1000) } : {}),
    });
  } catch (error) {
    reporter.finish();
    if (error instanceof JobWaitTimeoutError) {
      const last = (handle as { job?: Job | null }).job;
      throw new CliError(
        `timed out after ${timeoutSeconds ?? '?'} s waiting for job ${handle.id}` +
          (last ? ` (still ${last.status})` : ''),
        EXIT.waitTimeout,
        'wait_timeout',
      );
    }
    throw error;
  }
  reporter.finish(job);
  showJob(ctx, job);
  if (job.status === 'failed') {
    throw new CliError(
      `job ${job.id} failed${job.error ? `: ${job.error.message}${job.error.code ? ` (${job.error.code})` : ''}` : ''}`,
      EXIT.jobFailed,
      'job_failed',
    );
  }
  if (job.status === 'aborted') {
    throw new CliError(`job ${job.id} was aborted`, EXIT.jobAborted, 'job_aborted');
  }
  if (job.status === 'expired') {
    throw new CliError(
      `job ${job.id} expired: it did not start before ${job.startBefore}`,
      EXIT.jobFailed,
      'job_expired',
    );
  }
  if (job.status === 'skipped') {
    throw new CliError(
      `job ${job.id} was skipped${job.error ? `: ${job.error.message}` : ''}`,
      EXIT.jobAborted,
      'job_skipped',
    );
  }
  return job;
}

/** After a command started a job: wait for it (`--wait`), or show it with a hint on following it. */
export async function reportStartedJob(
  ctx: Context,
  handle: JobHandle,
  flags: { wait?: boolean; timeout?: number },
): Promise<void> {
  if (flags.wait) {
    await waitForJob(ctx, handle, flags.timeout);
    return;
  }
  showJob(ctx, handle.job ?? (await handle.refresh()));
  if (!ctx.json) printNote(ctx, `Follow it with: batchyard jobs wait ${handle.id}`);
}

export interface WaitFlags extends ClientFlags {
  wait?: boolean;
  timeout?: number;
}

/** `--wait` and `--timeout` of the commands that start a job. */
export function withWaitOptions(command: Command): Command {
  return command
    .option('--wait', 'wait for the job to finish, showing its progress; exit 6 if it fails, 7 if aborted')
    .option('--timeout <seconds>', 'with --wait: give up after this long (exit 8)', secondsArg);
}

/** Connects, starts the job, then waits for it (`--wait`) or shows it. */
export async function startJob(
  ctx: Context,
  flags: WaitFlags,
  start: (client: Batchyard) => Promise<JobHandle>,
): Promise<void> {
  if (flags.timeout !== undefined && !flags.wait) throw new UsageError('--timeout needs --wait');
  const { client } = connect(ctx, flags);
  await reportStartedJob(ctx, await start(client), flags);
}

/**
 * The first `count` JSON lines of a job's artifact (errors.jsonl, failures.jsonl), reading no
 * further than needed; null when the job has no such artifact or it cannot be read.
 */
export async function firstArtifactLines<T>(
  client: Batchyard,
  job: { id: string; artifacts: readonly { name: string }[] },
  name: string,
  count: number,
): Promise<T[] | null> {
  if (!job.artifacts.some((a) => a.name === name)) return null;
  try {
    const response = await client.jobs.downloadArtifact(job.id, name);
    const reader = response.body?.getReader();
    if (!reader) return null;
    const decoder = new TextDecoder();
    let text = '';
    try {
      while (text.split('\n').length <= count) {
        const { done, value } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
      }
    } finally {
      await reader.cancel().catch(() => undefined);
    }
    return text
      .split('\n')
      .slice(0, count)
      .filter((line) => line.trim() !== '')
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as T];
        } catch {
          return [];
        }
      });
  } catch {
    return null;
  }
}
