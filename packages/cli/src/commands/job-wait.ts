import { readFileSync } from 'node:fs';
import { InvalidArgumentError } from 'commander';
import { JobWaitTimeoutError, type Job, type JobHandle } from '@batchyard/sdk';
import type { Context } from '../context.js';
import { CliError, EXIT, UsageError } from '../errors.js';
import { formatValue, printJson, printNote, printRecord, type Column } from '../output.js';
import { asRow } from './common.js';

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

interface Progress {
  done?: number | null;
  total?: number | null;
  unit?: string | null;
  message?: string | null;
  percent?: number | null;
}

/** `50% (5/10 steps) message`, or `-`. */
export function formatProgress(value: unknown): string {
  if (value === null || value === undefined || typeof value !== 'object') return '-';
  const p = value as Progress;
  const parts: string[] = [];
  if (typeof p.percent === 'number') parts.push(`${Math.round(p.percent)}%`);
  if (typeof p.done === 'number') {
    const count = `${p.done}${typeof p.total === 'number' ? `/${p.total}` : ''}${p.unit ? ` ${p.unit}` : ''}`;
    parts.push(parts.length > 0 ? `(${count})` : count);
  }
  if (p.message) parts.push(p.message);
  return parts.length > 0 ? parts.join(' ') : '-';
}

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

const BAR_WIDTH = 24;

/**
 * Shows a job's progress on stderr while waiting: a bar redrawn in place on a terminal, else a
 * line per status change (so logs of CI runs stay readable) — except with --json, where stderr
 * is kept for the JSON problem of a failure.
 */
export class ProgressReporter {
  private readonly tty: boolean;
  private readonly quiet: boolean;
  private drawn = false;
  private lastLine: string | undefined;

  constructor(private readonly ctx: Context) {
    this.tty = (ctx.stderr as { isTTY?: boolean }).isTTY === true;
    this.quiet = !this.tty && ctx.json;
  }

  update(job: Job): void {
    if (this.quiet) return;
    if (this.tty) {
      const columns = (this.ctx.stderr as { columns?: number }).columns ?? 80;
      const line = this.barLine(job).slice(0, Math.max(20, columns - 1));
      this.ctx.stderr.write(`\r${line}\x1b[K`);
      this.drawn = true;
      return;
    }
    const line = statusLine(job);
    if (line !== this.lastLine) {
      this.lastLine = line;
      this.ctx.stderr.write(line + '\n');
    }
  }

  /** Clears the bar; on a terminal the final status gets its own line, as without one. */
  finish(job?: Job): void {
    if (this.tty && this.drawn) this.ctx.stderr.write('\r\x1b[K');
    this.drawn = false;
    if (job && !this.quiet) {
      const line = statusLine(job);
      if (line !== this.lastLine) this.ctx.stderr.write(line + '\n');
      this.lastLine = line;
    }
  }

  private barLine(job: Job): string {
    const progress = job.progress as Progress | null | undefined;
    let fraction: number | undefined;
    if (typeof progress?.percent === 'number') fraction = progress.percent / 100;
    else if (typeof progress?.done === 'number' && typeof progress.total === 'number' && progress.total > 0)
      fraction = progress.done / progress.total;
    const filled = fraction === undefined ? 0 : Math.round(Math.min(1, Math.max(0, fraction)) * BAR_WIDTH);
    const bar = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`;
    const detail = formatProgress(progress);
    return `job ${job.id} ${job.status.padEnd(9)} ${bar} ${detail === '-' ? '' : detail}`.trimEnd();
  }
}

function statusLine(job: Job): string {
  const attempt =
    job.status === 'running' && typeof job.attempt === 'number'
      ? ` (attempt ${job.attempt}/${job.maxAttempts})`
      : '';
  const error = job.status === 'failed' && job.error ? `: ${job.error.message}` : '';
  return `job ${job.id}: ${job.status}${attempt}${error}`;
}

/** `--timeout <seconds>`: a positive number of seconds. */
export function secondsArg(value: string): number {
  const n = Number(value);
  if (!/^\s*\d+(\.\d+)?\s*$/.test(value) || !(n > 0)) {
    throw new InvalidArgumentError('expected a number of seconds greater than 0.');
  }
  return n;
}

/**
 * Waits for the job to end with progress on stderr, prints it, and fails with exit 6 (failed),
 * 7 (aborted) or 8 (timed out).
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
  return job;
}

/** `--arg k=v` / `--param k=v` (repeatable): v as JSON when it parses (numbers, booleans, …), else the string. */
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

export function keyValueArg(
  value: string,
  previous: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const at = value.indexOf('=');
  if (at <= 0) throw new InvalidArgumentError('expected key=value.');
  const key = value.slice(0, at).trim();
  const raw = value.slice(at + 1);
  let parsed: unknown = raw;
  try {
    parsed = JSON.parse(raw);
  } catch {
    // Not JSON: the text itself.
  }
  return { ...previous, [key]: parsed };
}

/** `--args-json '{…}'`, `@file` or `@-` (stdin): a JSON object. */
export function readJsonObjectArg(value: string, flag: string): Record<string, unknown> {
  let text = value;
  let source = flag;
  if (value.startsWith('@')) {
    const path = value.slice(1);
    source = path === '-' ? 'stdin' : path;
    try {
      text = readFileSync(path === '-' ? 0 : path, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read ${source}: ${(error as Error).message}`);
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${source} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UsageError(`${source} must be a JSON object`);
  }
  return parsed as Record<string, unknown>;
}

/** The object of a `--…-json` flag with the `k=v` flags over it; undefined when neither was given. */
export function mergedObject(
  json: string | undefined,
  pairs: Record<string, unknown> | undefined,
  flag: string,
): Record<string, unknown> | undefined {
  if (json === undefined && pairs === undefined) return undefined;
  return { ...(json !== undefined ? readJsonObjectArg(json, flag) : {}), ...pairs };
}

/** A whole number, negative allowed (priorities). */
export function signedIntegerArg(value: string): number {
  if (!/^\s*-?\d+\s*$/.test(value)) throw new InvalidArgumentError('expected a whole number.');
  return Number(value);
}

/** An ISO 8601 time, or a duration ago (`90m`, `12h`, `30d`, `2w`), as an ISO timestamp. */
export function pastTimeArg(value: string): string {
  const units: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
  const relative = /^\s*(\d+)\s*([mhdw])\s*$/.exec(value);
  if (relative) {
    return new Date(Date.now() - Number(relative[1]) * (units[relative[2] ?? 'd'] ?? 0)).toISOString();
  }
  const time = /^\d{4}-\d\d-\d\d/.test(value.trim()) ? Date.parse(value) : NaN;
  if (Number.isNaN(time)) {
    throw new InvalidArgumentError(
      'expected an ISO 8601 time (2030-01-31 or 2030-01-31T12:00:00Z) or a duration ago such as 90m, 12h, 30d or 2w.',
    );
  }
  return new Date(time).toISOString();
}
