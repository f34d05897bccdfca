import { textProblem } from '../../http/text-guard.js';
import type { StoredValue } from '../../store/rows/index.js';
import type { Column } from '../datasets/schema.js';
import { checkJsonValue, checkTextValue } from '../datasets/values.js';
import type { RowError } from './error-report.js';
import { JobFailure } from '../../engine/index.js';
import { UnparsedLine } from './records.js';

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
  // One rule everywhere (datasets/columns.ts findColumn): a key is a column id first, else a name.
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
