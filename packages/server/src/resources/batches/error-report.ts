import { PassThrough } from 'node:stream';
import type { WorkContext } from '../../engine/index.js';

export interface RowError {
  /** 1-based position of the row in the upload (or source row id for appends). */
  row: number;
  column: string | null;
  reason: string;
}

export type RowErrorPolicy = 'fail' | 'skip';
const MAX_REPORTED_ERRORS = 100_000;

/**
 * The error report of a batch: every bad row, as JSON lines, streamed into the job's artifact
 * `errors.jsonl` (opened at the first error). The first few also go into the job's error details.
 */
export class ErrorReport {
  count = 0;
  readonly first: RowError[] = [];
  private stream: PassThrough | undefined;
  private writing: Promise<unknown> | undefined;

  constructor(private readonly ctx: WorkContext) {}

  add(errors: readonly RowError[]): void {
    for (const error of errors) {
      this.count++;
      if (this.first.length < 20) this.first.push(error);
      if (this.count > MAX_REPORTED_ERRORS) continue;
      if (!this.stream) {
        this.stream = new PassThrough();
        this.writing = this.ctx.writeArtifact('errors.jsonl', 'application/x-ndjson', this.stream);
      }
      this.stream.write(`${JSON.stringify(error)}\n`);
    }
  }

  async close(): Promise<void> {
    if (!this.stream) return;
    if (this.count > MAX_REPORTED_ERRORS) {
      this.stream.write(
        `${JSON.stringify({ row: null, column: null, reason: `${this.count - MAX_REPORTED_ERRORS} more errors not listed` })}\n`,
      );
    }
    this.stream.end();
    await this.writing;
  }
}
