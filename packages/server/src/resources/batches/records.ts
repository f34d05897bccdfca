import { isUtf8 } from 'node:buffer';
import { pipeline, Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import { INVALID_UTF8_MARK } from '../../http/text-guard.js';
import { JSON_INVALID_UTF8_MARK, markInvalid, sequenceLength } from '../../http/utf8.js';
import { JobFailure } from '../../engine/index.js';

/** Formats a batch can be uploaded in, by content type. */
export type UploadFormat = 'json' | 'jsonl' | 'csv';
export const UPLOAD_CONTENT_TYPES: Record<string, UploadFormat> = {
  'application/json': 'json',
  'application/x-ndjson': 'jsonl',
  'application/jsonl': 'jsonl',
  'application/x-jsonlines': 'jsonl',
  'text/csv': 'csv',
};

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

const CSV_MARK = Buffer.from(INVALID_UTF8_MARK);

/** JSON Lines: one JSON.parse per line; a line is never held beyond MAX_ROW_CHARS. */
export async function* jsonlRecords(body: AsyncIterable<Buffer | string>): Records {
  let carry: string[] = [];
  let carryLength = 0;
  let line = 0;
  for await (const chunk of validUtf8(body, JSON_INVALID_UTF8_MARK)) {
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
  for await (const chunk of validUtf8(body, JSON_INVALID_UTF8_MARK)) {
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

/** The records of an upload body in the given format. */
export function uploadRecords(format: UploadFormat, body: Readable): Records {
  if (format === 'jsonl') return jsonlRecords(body);
  if (format === 'json') return jsonArrayRecords(body);
  return csvRecords(body);
}
