// Progress on stderr, one way for every command: a bar redrawn in place on a terminal, else whole
// lines now and then (so CI logs stay readable), and nothing with --json off a terminal (stderr is
// kept for the JSON problem of a failure). A job's progress, an upload's and a task creation's
// each say their own line.
import type { Job, TaskCreateProgress, UploadProgress } from '@batchyard/sdk';
import type { Context } from './context.js';

const BAR_WIDTH = 24;
/** Least time between two redraws of a fast-moving bar. */
const REDRAW_MS = 100;

interface Progress {
  done?: number | null;
  total?: number | null;
  unit?: string | null;
  message?: string | null;
  percent?: number | null;
}

/** `[######------------------]`: an empty bar when the fraction is unknown. */
function bar(fraction: number | undefined): string {
  const filled = fraction === undefined ? 0 : Math.round(fraction * BAR_WIDTH);
  return `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`;
}

/** What every progress display shares: the terminal check, drawing in place, and clearing. */
abstract class ProgressBar {
  protected readonly tty: boolean;
  protected readonly quiet: boolean;
  private drawn = false;
  private lastDraw = 0;
  private quarter = 0;
  private readonly started = Date.now();

  constructor(protected readonly ctx: Context) {
    this.tty = (ctx.stderr as { isTTY?: boolean }).isTTY === true;
    this.quiet = !this.tty && ctx.json;
  }

  /** Seconds since the display was made, e.g. `1.5`. */
  get seconds(): string {
    return ((Date.now() - this.started) / 1000).toFixed(1);
  }

  /**
   * On a terminal: `line` drawn in place, cut to the terminal's width. A throttled draw comes at
   * most every REDRAW_MS, except the last one (`final`), which always shows.
   */
  protected draw(line: string, throttle?: { final: boolean }): void {
    if (throttle) {
      const now = Date.now();
      if (now - this.lastDraw < REDRAW_MS && !throttle.final) return;
      this.lastDraw = now;
    }
    const columns = (this.ctx.stderr as { columns?: number }).columns ?? 80;
    this.ctx.stderr.write(`\r${line.slice(0, Math.max(20, columns - 1))}\x1b[K`);
    this.drawn = true;
  }

  /**
   * Off a terminal: whether this update starts a new quarter (a line each; the end gets its own
   * line). An unknown fraction starts one each time when `eachUnknown`, else never.
   */
  protected newQuarter(fraction: number | undefined, eachUnknown: boolean): boolean {
    if (fraction === undefined && !eachUnknown) return false;
    const quarter = fraction === undefined ? this.quarter + 1 : Math.floor(fraction * 4);
    if (quarter > this.quarter && (fraction === undefined || quarter < 4)) {
      this.quarter = quarter;
      return true;
    }
    return false;
  }

  /** Clears a bar drawn in place. */
  protected clear(): void {
    if (this.tty && this.drawn) this.ctx.stderr.write('\r\x1b[K');
    this.drawn = false;
  }
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

/** A job's progress while waiting: the bar on a terminal, else a line per status change. */
export class ProgressReporter extends ProgressBar {
  private lastLine: string | undefined;

  update(job: Job): void {
    if (this.quiet) return;
    if (this.tty) {
      this.draw(barLine(job));
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
    this.clear();
    if (job && !this.quiet) {
      const line = statusLine(job);
      if (line !== this.lastLine) this.ctx.stderr.write(line + '\n');
      this.lastLine = line;
    }
  }
}

function barLine(job: Job): string {
  const progress = job.progress as Progress | null | undefined;
  let fraction: number | undefined;
  if (typeof progress?.percent === 'number') fraction = progress.percent / 100;
  else if (typeof progress?.done === 'number' && typeof progress.total === 'number' && progress.total > 0)
    fraction = progress.done / progress.total;
  const clamped = fraction === undefined ? undefined : Math.min(1, Math.max(0, fraction));
  const detail = formatProgress(progress);
  return `job ${job.id} ${job.status.padEnd(9)} ${bar(clamped)} ${detail === '-' ? '' : detail}`.trimEnd();
}

function statusLine(job: Job): string {
  const attempt =
    job.status === 'running' && typeof job.attempt === 'number'
      ? ` (attempt ${job.attempt}/${job.maxAttempts})`
      : '';
  const error = job.status === 'failed' && job.error ? `: ${job.error.message}` : '';
  return `job ${job.id}: ${job.status}${attempt}${error}`;
}

/** `1.5 MB` */
function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** An upload's progress (bytes of the file size); off a terminal, a line at each quarter. */
export class UploadBar extends ProgressBar {
  private last: UploadProgress | undefined;

  constructor(
    ctx: Context,
    private readonly label: string,
  ) {
    super(ctx);
  }

  update(progress: UploadProgress): void {
    this.last = progress;
    if (this.quiet) return;
    const fraction = progress.totalBytes ? Math.min(1, progress.bytes / progress.totalBytes) : undefined;
    if (this.tty) this.draw(this.line(progress, fraction), { final: fraction === 1 });
    else if (this.newQuarter(fraction, false)) this.ctx.stderr.write(`${this.line(progress, fraction)}\n`);
  }

  /** Clears the bar and says how much went out. */
  finish(): void {
    this.clear();
    if (this.quiet || !this.last) return;
    this.ctx.stderr.write(`uploaded ${this.label}: ${formatBytes(this.last.bytes)} in ${this.seconds} s\n`);
  }

  private line(progress: UploadProgress, fraction: number | undefined): string {
    const size = progress.totalBytes
      ? `${formatBytes(progress.bytes)} / ${formatBytes(progress.totalBytes)}`
      : formatBytes(progress.bytes);
    const percent = fraction === undefined ? '' : `${Math.floor(fraction * 100)}% `;
    const rows = progress.rows > 0 ? `, ${progress.rows} rows` : '';
    return `uploading ${this.label} ${bar(fraction)} ${percent}(${size}${rows})`;
  }
}

/** Tasks sent by `tasks create`; off a terminal, a line at each quarter (each chunk when the total is unknown). */
export class TaskBar extends ProgressBar {
  constructor(
    ctx: Context,
    private readonly label: string,
  ) {
    super(ctx);
  }

  update(progress: TaskCreateProgress): void {
    if (this.quiet) return;
    const fraction = progress.total ? Math.min(1, progress.sent / progress.total) : undefined;
    if (this.tty) this.draw(this.line(progress, fraction), { final: fraction === 1 });
    else if (this.newQuarter(fraction, true)) this.ctx.stderr.write(`${this.line(progress, fraction)}\n`);
  }

  finish(): void {
    this.clear();
  }

  private line(p: TaskCreateProgress, fraction: number | undefined): string {
    const percent = fraction === undefined ? '' : `${Math.floor(fraction * 100)}% `;
    const count = p.total !== undefined ? `${p.sent}/${p.total}` : `${p.sent}`;
    return `${this.label} ${bar(fraction)} ${percent}${count} (created ${p.created}, skipped ${p.skipped}, failed ${p.failed})`;
  }
}
