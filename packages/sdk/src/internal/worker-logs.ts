// A remote worker's job log lines waiting for the next heartbeat, within the server's bounds.
import { BatchyardError } from '../core/errors.js';
import type { JobLogLevel } from '../types.js';

/** The server's bounds (docs/jobs.md, "Job logs"). */
const MESSAGE_CHARS = 4000;
const FIELDS_BYTES = 4096;
/** Lines one heartbeat carries, and unsent lines kept (the oldest go first). */
const MAX_PENDING = 1000;
const LEVELS: readonly string[] = ['debug', 'info', 'warn', 'error'];

export interface LogLineToSend {
  level: JobLogLevel;
  message: string;
  fields?: Record<string, unknown>;
  at: string;
}

const encoder = new TextEncoder();

/**
 * Lines a handler wrote, shaped so the server accepts them: a long message is cut, fields too big
 * (or not JSON) are replaced by a note, as the server does for in-process handlers. Only a level
 * that does not exist throws.
 */
export class PendingLogLines {
  private lines: LogLineToSend[] = [];

  get size(): number {
    return this.lines.length;
  }

  add(level: JobLogLevel, message: string, fields?: Record<string, unknown>): void {
    if (!LEVELS.includes(level)) {
      throw new BatchyardError(`Log level must be one of ${LEVELS.join(', ')} (got ${String(level)}).`);
    }
    let text = String(message);
    if (text.length > MESSAGE_CHARS) text = `${text.slice(0, MESSAGE_CHARS - 1)}…`;
    const line: LogLineToSend = { level, message: text, at: new Date().toISOString() };
    if (fields !== undefined && fields !== null) line.fields = boundedFields(fields);
    this.lines.push(line);
    if (this.lines.length > MAX_PENDING) this.lines.splice(0, this.lines.length - MAX_PENDING);
  }

  /** The lines for one heartbeat (removed from the pending ones). */
  take(): LogLineToSend[] {
    return this.lines.splice(0, MAX_PENDING);
  }

  /** Lines a failed heartbeat did not deliver go back in front of the newer ones. */
  putBack(lines: LogLineToSend[]): void {
    if (lines.length === 0) return;
    this.lines = [...lines, ...this.lines].slice(-MAX_PENDING);
  }
}

function boundedFields(fields: Record<string, unknown>): Record<string, unknown> {
  let text: string;
  try {
    text = JSON.stringify(fields);
  } catch (error) {
    return { fieldsDropped: `fields are not JSON: ${(error as Error).message}` };
  }
  if (typeof fields !== 'object' || Array.isArray(fields))
    return { fieldsDropped: 'fields must be an object' };
  const bytes = encoder.encode(text).length;
  if (bytes > FIELDS_BYTES)
    return { fieldsDropped: `fields are ${bytes} bytes as JSON; at most ${FIELDS_BYTES}` };
  return JSON.parse(text) as Record<string, unknown>;
}
