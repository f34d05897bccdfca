import type { Store } from '../store/index.js';
import { appendJobLogs, type NewJobLogLine } from '../store/queries/job-logs.js';

export const JOB_LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type JobLogLevel = (typeof JOB_LOG_LEVELS)[number];

/** The bounds of job logs (documented in docs/jobs.md; the API's schemas use the same numbers). */
export const JOB_LOG_LIMITS = {
  /** Lines kept per job: a new line past it drops the oldest (the count of dropped lines is kept). */
  linesPerJob: 1000,
  /** Characters of a line's message. */
  messageChars: 4000,
  /** Bytes of a line's `fields`, as JSON. */
  fieldsBytes: 4096,
  /** Lines one heartbeat of a remote worker may carry. */
  linesPerHeartbeat: 1000,
} as const;

/** A line as a handler or a worker writes it (the store numbers it and adds the attempt). */
export type JobLogInput = NewJobLogLine;

/** `fields` as stored: JSON text of an object, or null. Throws a RangeError past the bound. */
export function fieldsJson(fields: unknown): string | null {
  if (fields === undefined || fields === null) return null;
  const text = JSON.stringify(fields);
  if (Buffer.byteLength(text) > JOB_LOG_LIMITS.fieldsBytes) {
    throw new RangeError(
      `is ${Buffer.byteLength(text)} bytes as JSON; at most ${JOB_LOG_LIMITS.fieldsBytes}`,
    );
  }
  return text;
}

/**
 * The lines an in-process handler wrote that are not saved yet. Bounded like the stored log: past
 * `linesPerJob` unsaved lines the oldest go, but they still count in `written`, so their numbers
 * are handed out and a reader sees that they were dropped.
 */
export class JobLogBuffer {
  private lines: JobLogInput[] = [];
  private written = 0;

  get size(): number {
    return this.written;
  }

  /**
   * Adds a line. Handlers log from anywhere: a message past the bound is cut (ending in `…`), and
   * `fields` that are too big or not JSON are replaced by a note saying so, rather than thrown on.
   * Only a level outside {@link JOB_LOG_LEVELS} throws (a programming error).
   */
  add(level: JobLogLevel, message: string, fields?: Record<string, unknown>): void {
    if (!(JOB_LOG_LEVELS as readonly string[]).includes(level)) {
      throw new TypeError(`Log level must be one of ${JOB_LOG_LEVELS.join(', ')} (got ${String(level)}).`);
    }
    let text = String(message);
    if (text.length > JOB_LOG_LIMITS.messageChars)
      text = `${text.slice(0, JOB_LOG_LIMITS.messageChars - 1)}…`;
    let json: string | null;
    try {
      json = fieldsJson(fields);
    } catch (error) {
      json = JSON.stringify({ fieldsDropped: `fields ${(error as Error).message}` });
    }
    this.lines.push({ at: Date.now(), level, message: text, fields: json });
    this.written++;
    // Trimmed now and then, not per line: only the newest `linesPerJob` are ever written.
    if (this.lines.length >= 2 * JOB_LOG_LIMITS.linesPerJob) {
      this.lines = this.lines.slice(-JOB_LOG_LIMITS.linesPerJob);
    }
  }

  /**
   * Writes the lines gathered so far, if `owner` still holds the attempt. False when it does not
   * (the lines are refused and dropped).
   */
  async flush(store: Store, jobId: string, owner: string): Promise<boolean> {
    if (this.written === 0) return true;
    const { lines, written } = this;
    this.lines = [];
    this.written = 0;
    const saved = await appendJobLogs(store, jobId, owner, written, lines, JOB_LOG_LIMITS.linesPerJob);
    return saved !== undefined;
  }
}

/**
 * Appends a remote worker's lines (already checked against the bounds) to the job it holds. False
 * when `owner` no longer holds it: nothing was written.
 */
export async function appendWorkerLogs(
  store: Store,
  jobId: string,
  owner: string,
  lines: readonly JobLogInput[],
): Promise<boolean> {
  const saved = await appendJobLogs(store, jobId, owner, lines.length, lines, JOB_LOG_LIMITS.linesPerJob);
  return saved !== undefined;
}
