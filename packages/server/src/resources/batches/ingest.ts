import { isUtf8 } from 'node:buffer';
import { PassThrough, pipeline, Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import { INVALID_UTF8_MARK, textProblem } from '../../http/text-guard.js';
import type { Store } from '../../store/index.js';
import { insertRowChunk, type StoredValue } from '../../store/rows/index.js';
import type { Column } from '../datasets/schema.js';
import { checkJsonValue, checkTextValue } from '../datasets/values.js';
import { JobFailure, type WorkContext } from '../../engine/index.js';

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

/**
 * Largest row an upload may hold, in characters: a JSON line, a JSON array element or a CSV
 * record. Bigger ones fail the upload (`row_too_large`) before being buffered whole, so one
 * upload cannot hold the memory or stall the event loop parsing one huge value.
 */
export const MAX_ROW_CHARS = 4 * 1024 * 1024;

function rowTooLarge(what: string, row: number): JobFailure {
  return new JobFailure(
    'row_too_large',
    `${row === 0 ? 'The CSV header' : `${what} ${row}`} is longer than ${MAX_ROW_CHARS} characters (4 MiB), the largest row an upload may hold.`,
    { row, limit: MAX_ROW_CHARS },
  );
}

/**
 * A JSON line or array element that does not parse: its text, its 1-based line (or element)
 * number and the parser's reason. The converter reports it as a bad row; a task import as
 * `invalid_json`.
 */
export class UnparsedLine {
  constructor(
    readonly line: string,
    readonly lineNumber?: number,
    readonly reason?: string,
  ) {}
}

function parseLine(line: string, lineNumber?: number): unknown {
  try {
    return JSON.parse(line);
  } catch (error) {
    return new UnparsedLine(line, lineNumber, (error as Error).message);
  }
}

/** Bytes a UTF-8 sequence starting with `lead` takes (0: not a lead byte). */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** Length of the valid UTF-8 sequence at `i`, or 0 (overlong forms, surrogates and > U+10FFFF are invalid). */
function validSequenceAt(buf: Buffer, i: number): number {
  const n = sequenceLength(buf[i]!);
  if (n <= 1 || i + n > buf.length) return n === 1 ? 1 : 0;
  const b0 = buf[i]!;
  const b1 = buf[i + 1]!;
  const lo = (b0 === 0xe0 && 0xa0) || (b0 === 0xf0 && 0x90) || 0x80;
  const hi = (b0 === 0xed && 0x9f) || (b0 === 0xf4 && 0x8f) || 0xbf;
  if (b1 < lo || b1 > hi) return 0;
  for (let k = 2; k < n; k++) if ((buf[i + k]! & 0xc0) !== 0x80) return 0;
  return n;
}

/** Rewrites a chunk that is not valid UTF-8, putting `mark` in place of each bad byte. */
function markInvalid(buf: Buffer, mark: Buffer): Buffer {
  const parts: Buffer[] = [];
  let from = 0;
  let i = 0;
  while (i < buf.length) {
    const n = validSequenceAt(buf, i);
    if (n > 0) i += n;
    else {
      parts.push(buf.subarray(from, i), mark);
      i += 1;
      from = i;
    }
  }
  parts.push(buf.subarray(from));
  return Buffer.concat(parts);
}

/**
 * The body as valid UTF-8 chunks that end on character boundaries. Bytes that are not UTF-8 are
 * replaced by `mark` (which the value checks refuse with their own reason), so they become an
 * error of their row instead of being stored as U+FFFD without a word.
 */
export async function* validUtf8(body: AsyncIterable<Buffer | string>, mark: Buffer): AsyncGenerator<Buffer> {
  let carry: Buffer | null = null;
  for await (const chunk of body) {
    let buf: Buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (carry) {
      buf = Buffer.concat([carry, buf]);
      carry = null;
    }
    // Keep an incomplete last sequence for the next chunk.
    let end = buf.length;
    for (let back = 1; back <= 3 && back <= buf.length; back++) {
      const byte = buf[buf.length - back]!;
      if ((byte & 0xc0) === 0x80) continue;
      if (sequenceLength(byte) > back) end = buf.length - back;
      break;
    }
    if (end < buf.length) {
      carry = buf.subarray(end);
      buf = buf.subarray(0, end);
    }
    if (buf.length > 0) yield isUtf8(buf) ? buf : markInvalid(buf, mark);
  }
  if (carry) yield isUtf8(carry) ? carry : markInvalid(carry, mark);
}

/** In JSON text, bad bytes become the escapes of INVALID_UTF8_MARK (inside a string, that string is refused). */
const JSON_MARK = Buffer.from(JSON.stringify(INVALID_UTF8_MARK).slice(1, -1));
const CSV_MARK = Buffer.from(INVALID_UTF8_MARK);

/** JSON Lines: one JSON.parse per line; a line is never held beyond MAX_ROW_CHARS. */
export async function* jsonlRecords(body: AsyncIterable<Buffer | string>): Records {
  let carry: string[] = [];
  let carryLength = 0;
  let line = 0;
  for await (const chunk of validUtf8(body, JSON_MARK)) {
    const text = chunk.toString('utf8');
    const records: unknown[] = [];
    let start = 0;
    // Search only the new text for line ends: a long line costs its length once, not per chunk.
    for (let next = text.indexOf('\n'); next >= 0; next = text.indexOf('\n', start)) {
      line++;
      let whole = text.slice(start, next);
      if (carryLength > 0) {
        if (carryLength + whole.length > MAX_ROW_CHARS) throw rowTooLarge('JSON line', line);
        carry.push(whole);
        whole = carry.join('');
        carry = [];
        carryLength = 0;
      } else if (whole.length > MAX_ROW_CHARS) throw rowTooLarge('JSON line', line);
      start = next + 1;
      if (whole.trim() !== '') records.push(parseLine(whole, line));
    }
    if (start < text.length) {
      carry.push(text.slice(start));
      carryLength += text.length - start;
      if (carryLength > MAX_ROW_CHARS) throw rowTooLarge('JSON line', line + 1);
    }
    if (records.length > 0) yield records;
  }
  const last = carry.join('');
  if (last.trim() !== '') yield [parseLine(last, line + 1)];
}

function malformedArray(why: string): JobFailure {
  return new JobFailure('malformed_upload', `The body is not a JSON array of rows: ${why}.`);
}

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

/**
 * A top-level JSON array, streamed element by element: a small scanner finds where each element
 * ends (strings, brackets), and each element is parsed on its own with JSON.parse. An element is
 * never held beyond MAX_ROW_CHARS; one that does not parse is an error of its row.
 */
export async function* jsonArrayRecords(body: AsyncIterable<Buffer | string>): Records {
  // before: nothing read yet; value: between elements; inside: in an element; after: past `]`.
  let state = 'before' as 'before' | 'value' | 'inside' | 'after';
  let depth = 0;
  let inString = false;
  let escaped = false;
  let element = 0;
  let parts: string[] = [];
  let partsLength = 0;
  for await (const chunk of validUtf8(body, JSON_MARK)) {
    const text = chunk.toString('utf8');
    const page: unknown[] = [];
    let from = 0;
    const finish = (end: number) => {
      element++;
      const tail = text.slice(from, end);
      if (partsLength + tail.length > MAX_ROW_CHARS) throw rowTooLarge('JSON array element', element);
      parts.push(tail);
      page.push(parseLine(parts.join(''), element));
      parts = [];
      partsLength = 0;
    };
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (state === 'inside') {
        if (inString) {
          if (escaped) escaped = false;
          else if (c === 0x5c) escaped = true;
          else if (c === 0x22) inString = false;
        } else if (c === 0x22) inString = true;
        else if (c === 0x7b || c === 0x5b) depth++;
        else if (c === 0x7d || c === 0x5d) {
          if (depth > 0) depth--;
          else if (c === 0x5d) {
            finish(i);
            state = 'after';
          } else throw malformedArray(`unexpected "}" after element ${element + 1}`);
        } else if (c === 0x2c && depth === 0) {
          finish(i);
          state = 'value';
        }
        continue;
      }
      if (WHITESPACE.has(c)) continue;
      if (state === 'before') {
        if (c !== 0x5b) throw malformedArray('it does not start with "["');
        state = 'value';
      } else if (state === 'value') {
        // `]` right after `[` closes an empty array; after a comma, an element is missing.
        if (c === 0x5d && element === 0) state = 'after';
        else if (c === 0x5d || c === 0x2c) throw malformedArray(`element ${element + 1} is missing`);
        else {
          state = 'inside';
          depth = 0;
          from = i;
          i--; // read this character again as the first of the element
        }
      } else throw malformedArray('there is text after the closing "]"');
    }
    if (state === 'inside') {
      const rest = text.slice(from);
      partsLength += rest.length;
      if (partsLength > MAX_ROW_CHARS) throw rowTooLarge('JSON array element', element + 1);
      parts.push(rest);
    }
    if (page.length > 0) yield page;
  }
  if (state !== 'after') throw malformedArray('it ends before its closing "]"');
}

/**
 * CSV with a header line (csv-parse): records are arrays of cells, the header first. Records
 * end at CRLF, LF or CR, each record on its own (a file may mix them); line ends inside quoted
 * cells are data. A record is never held beyond MAX_ROW_CHARS.
 */
export async function* csvRecords(body: AsyncIterable<Buffer | string>): Records {
  const parser = pipeline(
    Readable.from(validUtf8(body, CSV_MARK)),
    parseCsv({
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      max_record_size: MAX_ROW_CHARS,
    }),
    () => undefined,
  );
  let page: unknown[] = [];
  let records = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      records++;
      page.push(record);
      if (page.length >= 1000) {
        yield page;
        page = [];
      }
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'CSV_MAX_RECORD_SIZE') throw rowTooLarge('CSV row', records); // the header is record 1, data rows count from 1 after it
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
  // One rule everywhere (datasets/service.ts findColumn): a key is a column id first, else a name.
  const index = new Map<string, number>();
  columns.forEach((c, i) => index.set(c.name, i));
  columns.forEach((c, i) => index.set(c.id, i));
  const lower = new Map(columns.map((c, i) => [c.name.toLowerCase(), i]));
  const types = columns.map((c) => c.type);
  const width = columns.length;
  // The row number that last gave each column: a second key for one column is an error, not a silent overwrite.
  const givenIn = new Float64Array(width).fill(-1);
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
      if (givenIn[i] === row) {
        errors.push({
          row,
          column: columns[i]!.name,
          reason: `given twice (by name and by id "${columns[i]!.id}")`,
        });
        ok = false;
        continue;
      }
      givenIn[i] = row;
      const value = (record as Record<string, unknown>)[key];
      // Fast paths for values that fit as they are; anything else goes through checkJsonValue.
      switch (types[i]) {
        case 'text':
          if (typeof value === 'string' && textProblem(value) === undefined) {
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
    const byId = columns.findIndex((c) => c.id === trimmed);
    const i = byId >= 0 ? byId : columns.findIndex((c) => c.name.toLowerCase() === trimmed.toLowerCase());
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
