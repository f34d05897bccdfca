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

/** JSON Lines, split per network chunk so that the per-row cost is one JSON.parse. */
export async function* jsonlRecords(body: AsyncIterable<Buffer | string>): Records {
  const decoder = new StringDecoder('utf8');
  let carry = '';
  const PARSE_ERROR = Symbol('parse error');
  const parseLine = (line: string): unknown => {
    try {
      return JSON.parse(line);
    } catch {
      return { [PARSE_ERROR]: line };
    }
  };
  for await (const chunk of body) {
    const text = carry + (typeof chunk === 'string' ? chunk : decoder.write(chunk));
    const lines = text.split('\n');
    carry = lines.pop() ?? '';
    if (carry.length > MAX_LINE_BYTES)
      throw new JobFailure('line_too_long', 'A JSON line is longer than 16 MiB.');
    const records: unknown[] = [];
    for (const line of lines) {
      if (line.trim() === '') continue;
      records.push(parseLine(line));
    }
    if (records.length > 0) yield records;
  }
  carry += decoder.end();
  if (carry.trim() !== '') yield [parseLine(carry)];
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

export function objectConverter(columns: readonly Column[]): RowConverter {
  const index = new Map<string, number>();
  columns.forEach((c, i) => {
    index.set(c.name, i);
    index.set(c.id, i);
  });
  const lower = new Map(columns.map((c, i) => [c.name.toLowerCase(), i]));
  const width = columns.length;
  return (record, row, errors) => {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      const parseError =
        record !== null && typeof record === 'object' && Object.getOwnPropertySymbols(record).length > 0;
      errors.push({
        row,
        column: null,
        reason: parseError ? 'not valid JSON' : 'a row must be a JSON object',
      });
      return null;
    }
    if (Object.getOwnPropertySymbols(record).length > 0) {
      errors.push({ row, column: null, reason: 'not valid JSON' });
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
      const column = columns[i]!;
      const checked = checkJsonValue(column.type, (record as Record<string, unknown>)[key]);
      if (checked.ok) out[i] = checked.value;
      else {
        errors.push({ row, column: column.name, reason: checked.reason });
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

/** Rows on their way into a batch, written in chunks; each chunk commits with its resume state. */
export class RowSink {
  private rows: StoredValue[][] = [];
  private errorsSinceFlush = 0;
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

  async flush(resume: unknown = null): Promise<void> {
    if (this.rows.length === 0 && this.errorsSinceFlush === 0 && resume === null) return;
    const rows = this.rows;
    this.rows = [];
    await insertRowChunk(this.store, this.table, this.columnIds, rows, {
      batchId: this.batchId,
      addRows: rows.length,
      addErrors: this.errorsSinceFlush,
      resume: resume === null ? null : JSON.stringify(resume),
    });
    this.errorsSinceFlush = 0;
    this.written += rows.length;
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
      await sink.flush();
      ctx.progress({ done: seen, total, unit: 'rows' });
    }
  }
  if (sink) await sink.flush();
  ctx.progress({ done: seen, total: total ?? seen, unit: 'rows' });
  return { rows: sink?.written ?? seen - report.count, errors: report.count };
}

/** The records of an upload body in the given format. */
export function uploadRecords(format: UploadFormat, body: Readable): Records {
  if (format === 'jsonl') return jsonlRecords(body);
  if (format === 'json') return jsonArrayRecords(body);
  return csvRecords(body);
}
