import type { CsvCell } from './fields.js';

/** One RFC 4180 cell: objects and arrays as JSON, quoted when needed. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  return csvText(typeof value === 'object' ? JSON.stringify(value) : String(value));
}

export function csvText(text: string): string {
  return CSV_QUOTE.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
const CSV_QUOTE = /[",\r\n]/;

/** The header line of a CSV export. */
export function csvHeader(cells: readonly CsvCell[]): string {
  return `${cells.map((c) => csvCell(c.header)).join(',')}\r\n`;
}

/** Writes src[start, end) as one RFC 4180 cell, bytes to bytes (quoted when it holds `"`, `,`, CR or LF). */
export function csvBytes(src: Buffer, start: number, end: number, out: Buffer, pos: number): number {
  let quote = false;
  for (let k = start; k < end; k++) {
    const c = src[k]!;
    if (c === 0x22 || c === 0x2c || c === 0x0a || c === 0x0d) {
      quote = true;
      break;
    }
  }
  if (!quote) return pos + src.copy(out, pos, start, end);
  out[pos++] = 0x22;
  for (let k = start; k < end; k++) {
    const c = src[k]!;
    out[pos++] = c;
    if (c === 0x22) out[pos++] = 0x22;
  }
  out[pos++] = 0x22;
  return pos;
}
