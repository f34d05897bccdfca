import { PassThrough, pipeline, type Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { parse as parseCsv } from 'csv-parse';
import streamJson from 'stream-json';
import streamArrayModule from 'stream-json/streamers/StreamArray.js';
import type { Store } from '../../store/index.js';
import { insertRowChunk, type StoredValue } from '../../store/rows/index.js';
import type { Column } from '../datasets/schema.js';
import { checkJsonValue, checkTextValue } from '../datasets/values.js';
import { JobFailure, type WorkContext } from './inline-job.js';

const { parser: jsonParser } = streamJson;
const { streamArray } = streamArrayModule;

/** Formats a batch can be uploaded in, by content type. */
export type UploadFormat = 'json' | 'jsonl' | 'csv';
export const UPLOAD_CONTENT_TYPES: Record<string, UploadFormat> = {
  'application/json': 'json',
  'application/x-ndjson': 'jsonl',
  'application/jsonl': 'jsonl',
  'application/x-jsonlines': 'jsonl',
  'text/csv': 'csv',
};

export interface RowError {
  /** 1-based position of the row in the upload (or source row id for appends). */
  row: number;
  column: string | null;
  reason: string;
}

/** A page of parsed records: objects (JSON, JSONL) or cell arrays (CSV, header first). */
export type Records = AsyncIterable<unknown[]>;

const MAX_LINE_BYTES = 16 * 1024 * 1024;

/** A JSON line that does not parse: the converter reports it as a bad row. */
/** A JSON line that does not parse: its text, its 1-based line number and the parser's reason. */
export class UnparsedLine {
  constructor(
    readonly line: string,
    readonly lineNumber?: number,
    readonly reason?: string,
  ) {}
}

function parseLine(line: string, lineNumber: number): unknown {
  try {
    return JSON.parse(line);
  } catch (error) {
    return new UnparsedLine(line, lineNumber, (error as Error).message);
  }
}

/** JSON Lines, split per network chunk so that the per-row cost is one JSON.parse. */
export async function* jsonlRecords(body: AsyncIterable<Buffer | string>): Records {
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let lineNumber = 0;
  for await (const chunk of body) {
    const text = carry + (typeof chunk === 'string' ? chunk : decoder.write(chunk));
    const end = text.lastIndexOf('\n');
    if (end < 0) {
      carry = text;
    } else {
      carry = text.slice(end + 1);
      const records: unknown[] = [];
      let start = 0;
      while (start <= end) {
        const next = text.indexOf('\n', start);
        const line = text.slice(start, next);
        start = next + 1;
        lineNumber++;
        if (line.trim() !== '') records.push(parseLine(line, lineNumber));
      }
      if (records.length > 0) yield records;
    }
    if (carry.length > MAX_LINE_BYTES)
      throw new JobFailure('line_too_long', 'A JSON line is longer than 16 MiB.');
  }
  carry += decoder.end();
  if (carry.trim() !== '') yield [parseLine(carry, lineNumber + 1)];
}

/** A top-level JSON array, streamed element by element (stream-json), never held whole. */
export async function* jsonArrayRecords(body: Readable): Records {
  // pipeline() (not pipe()) so a parse error reaches the loop below instead of crashing the process.
  const items = pipeline(body, jsonParser(), streamArray(), () => undefined);
  let page: unknown[] = [];
  try {
    for await (const item of items as AsyncIterable<{ key: number; value: unknown }>) {
      page.push(item.value);
      if (page.length >= 1000) {
        yield page;
        page = [];
      }
    }
  } catch (error) {
    throw new JobFailure(
      'malformed_upload',
      `The body is not a JSON array of rows: ${(error as Error).message}`,
    );
  }
  if (page.length > 0) yield page;
}

/** CSV with a header line (csv-parse): records are arrays of cells, the header first. */
export async function* csvRecords(body: Readable): Records {
  const parser = pipeline(
    body,
    parseCsv({ bom: true, relax_column_count: true, skip_empty_lines: true }),
    () => undefined,
  );
  let page: unknown[] = [];
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      page.push(record);
      if (page.length >= 1000) {
        yield page;
        page = [];
      }
    }
  } catch (error) {
    throw new JobFailure('malformed_upload', `The CSV could not be parsed: ${(error as Error).message}`);
  }
  if (page.length > 0) yield page;
}

export async function* arrayRecords(rows: readonly unknown[]): Records {
  for (let i = 0; i < rows.length; i += 1000) yield rows.slice(i, i + 1000);
}

/** Turns one record into stored values in column order, or reports why it does not fit. */
export type RowConverter = (record: unknown, rowNumber: number, errors: RowError[]) => StoredValue[] | null;

const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** `YYYY-MM-DD` naming a real day: what normalizeDate keeps as it is, without Date.parse. */
function isPlainDate(v: string): boolean {
  if (v.length !== 10 || v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45) return false;
  let year = 0;
  for (let i = 0; i < 4; i++) {
    const d = v.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    year = year * 10 + d;
  }
  const m1 = v.charCodeAt(5) - 48;
  const m2 = v.charCodeAt(6) - 48;
  const d1 = v.charCodeAt(8) - 48;
  const d2 = v.charCodeAt(9) - 48;
  if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return false;
  const month = m1 * 10 + m2;
  const day = d1 * 10 + d2;
  if (month < 1 || month > 12 || day < 1) return false;
  if (month === 2 && day === 29) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= DAYS_IN_MONTH[month]!;
}

export function objectConverter(columns: readonly Column[]): RowConverter {
  const index = new Map<string, number>();
  columns.forEach((c, i) => {
    index.set(c.name, i);
    index.set(c.id, i);
  });
  const lower = new Map(columns.map((c, i) => [c.name.toLowerCase(), i]));
  const types = columns.map((c) => c.type);
  const width = columns.length;
  return (record, row, errors) => {
    if (record instanceof UnparsedLine) {
      errors.push({ row, column: null, reason: 'not valid JSON' });
      return null;
    }
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      errors.push({ row, column: null, reason: 'a row must be a JSON object' });
      return null;
    }
    const out: StoredValue[] = new Array<StoredValue>(width).fill(null);
    let ok = true;
    for (const key in record) {
      const i = index.get(key) ?? lower.get(key.toLowerCase());
      if (i === undefined) {
        errors.push({ row, column: key, reason: 'unknown column' });
        ok = false;
        continue;
      }
      const value = (record as Record<string, unknown>)[key];
      // Fast paths for values that fit as they are; anything else goes through checkJsonValue.
      switch (types[i]) {
        case 'text':
          if (typeof value === 'string' && !value.includes('\0')) {
            out[i] = value;
            continue;
          }
          break;
        case 'numeric':
          if (typeof value === 'number' && Number.isFinite(value)) {
            out[i] = value;
            continue;
          }
          break;
        case 'boolean':
          if (typeof value === 'boolean') {
            out[i] = value;
            continue;
          }
          break;
        case 'date':
          if (typeof value === 'string' && isPlainDate(value)) {
            out[i] = value;
            continue;
          }
          break;
      }
      const checked = checkJsonValue(types[i]!, value);
      if (checked.ok) out[i] = checked.value;
      else {
        errors.push({ row, column: columns[i]!.name, reason: checked.reason });
        ok = false;
      }
    }
    return ok ? out : null;
  };
}

/** CSV: the header names the columns (names or ids); an unknown header name fails the whole upload. */
export function csvConverter(columns: readonly Column[], header: readonly string[]): RowConverter {
  const positions = header.map((name, h) => {
    const trimmed = name.trim();
    const i = columns.findIndex((c) => c.id === trimmed || c.name.toLowerCase() === trimmed.toLowerCase());
    if (i < 0) {
      throw new JobFailure(
        'unknown_column',
        `CSV header column ${h + 1} "${trimmed}" is not a column of the dataset (${columns.map((c) => c.name).join(', ')}).`,
      );
    }
    return i;
  });
  if (new Set(positions).size !== positions.length) {
    throw new JobFailure('malformed_upload', 'The CSV header names a column twice.');
  }
  const width = columns.length;
  return (record, row, errors) => {
    const cells = record as string[];
    if (cells.length > header.length) {
      errors.push({ row, column: null, reason: `${cells.length} cells for ${header.length} header columns` });
      return null;
    }
    const out: StoredValue[] = new Array<StoredValue>(width).fill(null);
    let ok = true;
    for (let h = 0; h < cells.length; h++) {
      const i = positions[h]!;
      const column = columns[i]!;
      const checked = checkTextValue(column.type, cells[h]!);
      if (checked.ok) out[i] = checked.value;
      else {
        errors.push({ row, column: column.name, reason: checked.reason });
        ok = false;
      }
    }
    return ok ? out : null;
  };
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

/**
 * Rows on their way into a batch, written in chunks; each chunk commits with its resume state.
 * `flushBehind` lets the next chunk be read and checked while the previous one is written (one
 * chunk in flight at most, written in order).
 */
export class RowSink {
  private rows: StoredValue[][] = [];
  private errorsSinceFlush = 0;
  private inFlight: Promise<void> | null = null;
  written = 0;
  readonly chunkRows: number;

  constructor(
    private readonly store: Store,
    private readonly table: string,
    private readonly columnIds: readonly string[],
    private readonly batchId: string,
  ) {
    // Bigger chunks on PostgreSQL: each one is a COPY with a round trip; SQLite holds its one
    // connection while a chunk is written, so smaller chunks keep other requests flowing.
    this.chunkRows = store.dialectName === 'postgres' ? 20_000 : 5_000;
  }

  get pending(): number {
    return this.rows.length;
  }

  add(row: StoredValue[]): void {
    this.rows.push(row);
  }

  addErrors(n: number): void {
    this.errorsSinceFlush += n;
  }

  /** Writes what is pending (after the chunk in flight, if any) and waits for it. */
  async flush(resume: unknown = null): Promise<void> {
    await this.flushBehind(resume);
    await this.settle();
  }

  /** Waits for the chunk in flight, then starts writing what is pending without waiting for it. */
  async flushBehind(resume: unknown = null): Promise<void> {
    await this.settle();
    if (this.rows.length === 0 && this.errorsSinceFlush === 0 && resume === null) return;
    const rows = this.rows;
    const addErrors = this.errorsSinceFlush;
    this.rows = [];
    this.errorsSinceFlush = 0;
    const writing = insertRowChunk(this.store, this.table, this.columnIds, rows, {
      batchId: this.batchId,
      addRows: rows.length,
      addErrors,
      resume: resume === null ? null : JSON.stringify(resume),
    }).then(() => {
      this.written += rows.length;
    });
    writing.catch(() => undefined); // seen by settle()
    this.inFlight = writing;
  }

  /** Waits for the chunk in flight; throws its error. */
  async settle(): Promise<void> {
    const writing = this.inFlight;
    this.inFlight = null;
    if (writing) await writing;
  }
}

export interface IngestOutcome {
  rows: number;
  errors: number;
}

/**
 * Reads records, type-checks each against the columns and writes the good ones in chunks. With
 * policy `fail`, the first bad row stops writing but the rest is still checked, so that the report
 * lists every bad row at once; the caller then removes the batch.
 */
export async function ingestRecords(
  ctx: WorkContext,
  records: Records,
  makeConverter: (first: unknown) => { convert: RowConverter; skipFirst: boolean },
  sink: RowSink | null,
  report: ErrorReport,
  policy: RowErrorPolicy,
  total: number | null = null,
): Promise<IngestOutcome> {
  let convert: RowConverter | undefined;
  let rowNumber = 0;
  let seen = 0;
  const errors: RowError[] = [];
  try {
    for await (const page of records) {
      ctx.signal.throwIfAborted();
      let start = 0;
      if (!convert) {
        const made = makeConverter(page[0]);
        convert = made.convert;
        if (made.skipFirst) start = 1;
      }
      for (let i = start; i < page.length; i++) {
        rowNumber++;
        const row = convert(page[i], rowNumber, errors);
        if (row === null) continue;
        if (sink && !(policy === 'fail' && report.count + errors.length > 0)) sink.add(row);
      }
      if (errors.length > 0) {
        sink?.addErrors(errors.length);
        report.add(errors);
        errors.length = 0;
      }
      seen = rowNumber;
      if (sink && sink.pending >= sink.chunkRows) {
        await sink.flushBehind();
        ctx.progress({ done: seen, total, unit: 'rows' });
      }
    }
    if (sink) await sink.flush();
  } finally {
    // Nothing may still be writing when the caller removes a failed batch.
    await sink?.settle().catch(() => undefined);
  }
  ctx.progress({ done: seen, total: total ?? seen, unit: 'rows' });
  return { rows: sink?.written ?? seen - report.count, errors: report.count };
}

/** The records of an upload body in the given format. */
export function uploadRecords(format: UploadFormat, body: Readable): Records {
  if (format === 'jsonl') return jsonlRecords(body);
  if (format === 'json') return jsonArrayRecords(body);
  return csvRecords(body);
}
