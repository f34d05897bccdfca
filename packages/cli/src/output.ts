import Table from 'cli-table3';
import type { Context } from './context.js';

/** One column of a human table: the field it shows and how. */
export interface Column {
  header: string;
  field: string;
  format?: (value: unknown, row: Record<string, unknown>) => string;
}

const MAX_CELL = 60;
const ISO_TIMESTAMP = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)(?:\.\d+)?(Z|[+-]\d\d:?\d\d)$/;

/** Machine-readable output: pretty JSON on stdout, nothing else. */
export function printJson(ctx: Context, value: unknown): void {
  ctx.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

/** A line for humans on stdout. */
export function printLine(ctx: Context, text = ''): void {
  ctx.stdout.write(text + '\n');
}

/** A note for humans on stderr (hints, warnings), so stdout stays the result alone. */
export function printNote(ctx: Context, text: string): void {
  ctx.stderr.write(text + '\n');
}

/** A value as a table cell: `-` for nothing, timestamps shortened, objects as compact JSON. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '-';
  if (typeof value === 'string') {
    const match = ISO_TIMESTAMP.exec(value);
    return match ? `${match[1]} ${match[2]}${match[3]}` : value;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  return JSON.stringify(value);
}

function truncate(text: string, max = MAX_CELL): string {
  const oneLine = text.replace(/\s*\n\s*/g, ' ');
  return oneLine.length > max ? oneLine.slice(0, max - 1) + '…' : oneLine;
}

/** `createdAt` → `CREATED AT`. */
export function headerOf(field: string): string {
  return field
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toUpperCase();
}

/** `workspaceId` → `Workspace ID`. */
export function labelOf(field: string): string {
  return headerOf(field)
    .split(' ')
    .map((word, i) =>
      word === 'ID' || word === 'URL'
        ? word
        : i === 0
          ? word.charAt(0) + word.slice(1).toLowerCase()
          : word.toLowerCase(),
    )
    .join(' ');
}

function cell(column: Column, row: Record<string, unknown>): string {
  const value = row[column.field];
  return truncate(column.format ? column.format(value, row) : formatValue(value));
}

// Borderless, like `kubectl get` or `gh … list`: easy to read, and to cut or awk.
const PLAIN_CHARS = {
  top: '',
  'top-mid': '',
  'top-left': '',
  'top-right': '',
  bottom: '',
  'bottom-mid': '',
  'bottom-left': '',
  'bottom-right': '',
  left: '',
  'left-mid': '',
  mid: '',
  'mid-mid': '',
  right: '',
  'right-mid': '',
  middle: '  ',
};

export function renderTable(columns: readonly Column[], rows: readonly Record<string, unknown>[]): string {
  const table = new Table({
    head: columns.map((c) => c.header),
    chars: PLAIN_CHARS,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
  });
  for (const row of rows) table.push(columns.map((column) => cell(column, row)));
  return table
    .toString()
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line !== '')
    .join('\n');
}

/** A table on stdout. */
export function printTable(
  ctx: Context,
  columns: readonly Column[],
  rows: readonly Record<string, unknown>[],
): void {
  printLine(ctx, renderTable(columns, rows));
}

export type Formats = Record<string, (value: unknown) => string>;

/**
 * One resource, a `Label:  value` line per field in the resource's order (values are not
 * truncated); `formats` overrides how some fields are shown.
 */
export function printRecord(ctx: Context, row: Record<string, unknown>, formats: Formats = {}): void {
  const fields = Object.keys(row);
  const labels = fields.map((field) => labelOf(field) + ':');
  const width = Math.max(0, ...labels.map((l) => l.length));
  fields.forEach((field, i) => {
    const value = row[field];
    const text = formats[field]?.(value) ?? formatValue(value);
    // Continuation lines (a JSON value) line up under the value.
    printLine(
      ctx,
      `${(labels[i] ?? '').padEnd(width)}  ${text.replaceAll('\n', '\n' + ' '.repeat(width + 2))}`,
    );
  });
}

/**
 * The columns to show: the defaults, or with `fields` (a projection) `id` and the named fields,
 * using the default column for a field when there is one.
 */
export function selectColumns(defaults: readonly Column[], fields: readonly string[] | undefined): Column[] {
  if (!fields || fields.length === 0) return [...defaults];
  const names = [...new Set(['id', ...fields])];
  return names.map(
    (name) => defaults.find((c) => c.field === name) ?? { header: headerOf(name), field: name },
  );
}
