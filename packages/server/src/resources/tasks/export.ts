import type { JobContext } from '../../engine/index.js';
import { isoTime } from '../../time.js';
import type { Store } from '../../store/index.js';
import {
  postgresExportCsv,
  postgresExportText,
  sqliteExportPage,
  type ExportField as StoreExportField,
  type ExportLineSpec,
} from '../../store/queries/task-export.js';
import { exportPage, jsonKeys, type ExportRow, type TaskFilter } from '../../store/queries/tasks.js';
import { EXPORT_FIELDS } from './schema.js';

export type ExportField = (typeof EXPORT_FIELDS)[number];
// The store's list of fields is the API's.
const sameFields: [ExportField, StoreExportField] extends [StoreExportField, ExportField] ? true : never =
  true;
void sameFields;

export const DEFAULT_EXPORT_FIELDS: ExportField[] = EXPORT_FIELDS.filter((f) => f !== 'initialData');
export type ExportFormat = 'json' | 'jsonl' | 'csv';

const EXPORT_PAGE = 2000;
/** Characters of export text per write (strings this small stay in V8's young generation). */
const EXPORT_PIECE = 32 * 1024;
const EXPORT_CONTENT_TYPES = {
  json: 'application/json',
  jsonl: 'application/x-ndjson',
  csv: 'text/csv',
} as const;

/**
 * The `tasks.export` job: streams the tasks a filter selects into one artifact, a page at a time.
 * The artifact storage pulls the text (an async generator), so pages are read only as fast as they
 * are stored: memory stays flat whatever the count. A retry starts over and replaces the artifact.
 */
export async function runTaskExport(
  store: Store,
  ctx: JobContext,
  filter: TaskFilter,
): Promise<{ count: number; format: ExportFormat; artifact: string }> {
  const args = ctx.arguments as { format: ExportFormat; fields: ExportField[] };
  const { format, fields } = args;
  const name = `tasks.${format}`;
  let count = 0;
  async function* text(): AsyncGenerator<string | Uint8Array> {
    let dataKeys: string[] = [];
    let customKeys: string[] = [];
    if (format === 'csv') {
      if (fields.includes('data')) dataKeys = await jsonKeys(store, filter, 'data');
      if (fields.includes('properties')) customKeys = await jsonKeys(store, filter, 'custom');
      yield `${csvHeaders(fields, dataKeys, customKeys).map(csvCell).join(',')}\r\n`;
    } else if (format === 'json') yield '[';
    // PostgreSQL streams its lines (one COPY), rewritten on the way; SQLite builds JSON lines a
    // page at a time; SQLite's CSV lines (whose JSON cells need parsing) are written here.
    const pages =
      store.dialectName === 'postgres'
        ? postgresPages(store, filter, format, fields, dataKeys, customKeys)
        : format === 'csv'
          ? csvPages(store, filter, fields, dataKeys, customKeys)
          : sqlitePages(store, filter, format, fields);
    for await (const page of pages) {
      // JSON arrays: every line comes as `,\n<task>`; the first one loses its comma.
      yield format === 'json' && count === 0 && page.text.length > 0 ? page.text.subarray(1) : page.text;
      count += page.rows;
      ctx.progress({ done: count, unit: 'tasks' });
      ctx.signal.throwIfAborted();
    }
    if (format === 'json') yield count === 0 ? ']\n' : '\n]\n';
  }
  ctx.signal.throwIfAborted();
  await ctx.writeArtifact(name, EXPORT_CONTENT_TYPES[format], text());
  return { count, format, artifact: name };
}

interface TextPage {
  text: Buffer;
  rows: number;
}

/** SQLite builds the lines and joins each page into one blob. */
async function* sqlitePages(
  store: Store,
  filter: TaskFilter,
  format: 'json' | 'jsonl',
  fields: readonly ExportField[],
): AsyncGenerator<TextPage> {
  const spec = lineSpec(format, fields);
  let after = '';
  for (;;) {
    const page = await sqliteExportPage(store, filter, spec, after, EXPORT_PAGE);
    if (!page) return;
    yield { text: page.bytes, rows: page.rows };
    if (page.rows < EXPORT_PAGE) return;
    after = page.lastId;
  }
}

/** PostgreSQL builds the lines and streams them (one COPY); they are compacted on the way. */
async function* postgresPages(
  store: Store,
  filter: TaskFilter,
  format: ExportFormat,
  fields: readonly ExportField[],
  dataKeys: readonly string[],
  customKeys: readonly string[],
): AsyncGenerator<TextPage> {
  const pieces =
    format === 'csv'
      ? postgresExportCsv(store, filter, { fields, dataKeys, customKeys })
      : postgresExportText(store, filter, lineSpec(format, fields));
  for await (const piece of pieces) yield { text: piece.bytes, rows: piece.rows };
}

function lineSpec(format: 'json' | 'jsonl', fields: readonly ExportField[]): ExportLineSpec {
  return { fields, prefix: format === 'json' ? ',\n' : '', suffix: format === 'json' ? '' : '\n' };
}

/** CSV on SQLite: rows read as arrays, each line written in JavaScript. */
async function* csvPages(
  store: Store,
  filter: TaskFilter,
  fields: readonly ExportField[],
  dataKeys: readonly string[],
  customKeys: readonly string[],
): AsyncGenerator<TextPage> {
  const toLine = csvLine(fields, dataKeys, customKeys);
  const withInitialData = fields.includes('initialData');
  let after = '';
  for (;;) {
    const rows = await exportPage(store, filter, after, EXPORT_PAGE, withInitialData);
    let chunk = '';
    let done = 0;
    for (const row of rows) {
      chunk += toLine(row);
      done++;
      // Small pieces die young; a page-sized string would wait for a full GC.
      if (chunk.length >= EXPORT_PIECE) {
        yield { text: Buffer.from(chunk), rows: done };
        chunk = '';
        done = 0;
      }
    }
    if (chunk) yield { text: Buffer.from(chunk), rows: done };
    if (rows.length < EXPORT_PAGE) return;
    after = rows.at(-1)![0];
  }
}

/** ISO text of a millisecond time, remembering the last one (tasks created together share it). */
function isoCache(): (ms: number) => string {
  let lastMs = NaN;
  let last = '';
  return (ms) => (ms === lastMs ? last : ((lastMs = ms), (last = isoTime(ms))));
}

/** The CSV header: data and custom flattened to one column per top-level key. */
function csvHeaders(
  fields: readonly ExportField[],
  dataKeys: readonly string[],
  customKeys: readonly string[],
): string[] {
  return fields.flatMap((field) =>
    field === 'data'
      ? dataKeys.map((k) => `data.${k}`)
      : field === 'properties'
        ? ['properties.score', ...customKeys.map((k) => `properties.${k}`)]
        : [field],
  );
}

/** One CSV line of an export row (SQLite), its cells in the order of `csvHeaders`. */
function csvLine(
  fields: readonly ExportField[],
  dataKeys: readonly string[],
  customKeys: readonly string[],
): (row: ExportRow) => string {
  type Parsed = { data: Record<string, unknown>; custom: Record<string, unknown> };
  const iso = isoCache();
  const cells: ((r: ExportRow, p: Parsed) => string)[] = [];
  for (const field of fields) {
    if (field === 'data') {
      for (const k of dataKeys) cells.push((_, p) => csvCell(p.data[k]));
    } else if (field === 'properties') {
      cells.push((r) => (r[6] === null ? '' : csvCell(Number(r[6]))));
      for (const k of customKeys) cells.push((_, p) => csvCell(p.custom[k]));
    } else if (field === 'id') cells.push((r) => csvCell(r[0]));
    else if (field === 'batchId') cells.push((r) => csvCell(r[1]));
    else if (field === 'name') cells.push((r) => csvCell(r[2]));
    else if (field === 'resources') cells.push((r) => csvText(r[3]));
    else if (field === 'initialData') cells.push((r) => (r[5] === null ? '' : csvText(r[5])));
    else if (field === 'status') cells.push((r) => csvCell(r[8]));
    else if (field === 'createdBy') cells.push((r) => csvCell(r[9]));
    else if (field === 'createdAt') cells.push((r) => iso(r[10]));
    else cells.push((r) => iso(r[11]));
  }
  const parseData = dataKeys.length > 0;
  const parseCustom = customKeys.length > 0;
  const none: Record<string, unknown> = {};
  return (r) => {
    const parsed: Parsed = {
      data: parseData ? (JSON.parse(r[4]) as Record<string, unknown>) : none,
      custom: parseCustom ? (JSON.parse(r[7]) as Record<string, unknown>) : none,
    };
    let text = '';
    for (let i = 0; i < cells.length; i++) text += (i === 0 ? '' : ',') + cells[i]!(r, parsed);
    return `${text}\r\n`;
  };
}

/** One RFC 4180 cell: objects and arrays as JSON, quoted when needed. */
function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  return csvText(typeof value === 'object' ? JSON.stringify(value) : String(value));
}

function csvText(text: string): string {
  return CSV_QUOTE.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
const CSV_QUOTE = /[",\r\n]/;
