import type { ColumnType } from '../../store/tables.js';
import { findBadText, textProblem } from '../../http/text-guard.js';
import type { StoredValue } from '../../store/rows/index.js';

/**
 * Type checking of row values against a dataset column. Values arrive either as JSON (typed:
 * a number must be a number) or as text (CSV cells, text source columns: parsed). The result is
 * the storage form (see store/rows) or the reason the value does not fit.
 */
export type Checked = { ok: true; value: StoredValue } | { ok: false; reason: string };

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

/** Levels of nesting a json value may have (the value itself is level 1): jsonb and recursive code have limits. */
export const MAX_JSON_DEPTH = 64;

/**
 * A JSON column's storage form, or the reason it cannot be stored. PostgreSQL stores neither
 * U+0000 nor unpaired surrogates, nor very deep jsonb; both stores refuse them alike.
 */
function storedJson(value: unknown): Checked {
  const bad = findBadText(value, MAX_JSON_DEPTH);
  if (bad === undefined) return { ok: true, value: JSON.stringify(value) };
  return fail(bad.pointer === '' ? bad.reason : `${bad.reason} (at ${bad.pointer})`);
}

/** A text value as it is, or why it cannot be stored. */
function storedText(text: string): Checked {
  const problem = textProblem(text);
  return problem === undefined ? { ok: true, value: text } : fail(problem);
}

function fail(reason: string): Checked {
  return { ok: false, reason };
}

/** Dates are stored as ISO 8601 text: `YYYY-MM-DD` stays as is, a date-time becomes UTC with ms. */
export function normalizeDate(text: string): string | null {
  const trimmed = text.trim();
  if (DATE_ONLY.test(trimmed)) {
    const ms = Date.parse(`${trimmed}T00:00:00Z`);
    return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== trimmed ? null : trimmed;
  }
  if (!DATE_TIME.test(trimmed)) return null;
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(trimmed);
  const ms = Date.parse(hasZone ? trimmed.replace(' ', 'T') : `${trimmed.replace(' ', 'T')}Z`);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** A value from a JSON document (JSON or JSONL upload, rows in a request body). */
export function checkJsonValue(type: ColumnType, value: unknown): Checked {
  if (value === null || value === undefined) return { ok: true, value: null };
  switch (type) {
    case 'text':
      if (typeof value !== 'string') return fail(`expected text, got ${describe(value)}`);
      return storedText(value);
    case 'numeric':
      return typeof value === 'number' && Number.isFinite(value)
        ? { ok: true, value }
        : fail(`expected a number, got ${describe(value)}`);
    case 'boolean':
      return typeof value === 'boolean'
        ? { ok: true, value }
        : fail(`expected true or false, got ${describe(value)}`);
    case 'date': {
      if (typeof value !== 'string') return fail(`expected an ISO 8601 date, got ${describe(value)}`);
      const date = normalizeDate(value);
      return date === null
        ? fail(`expected an ISO 8601 date, got ${JSON.stringify(value)}`)
        : { ok: true, value: date };
    }
    case 'json':
      return storedJson(value);
  }
}

/** A value given as text (a CSV cell, or a text column's value mapped to another type). Empty is null. */
export function checkTextValue(type: ColumnType, text: string): Checked {
  if (text === '') return { ok: true, value: null };
  // Bad bytes in a CSV cell arrive marked with NUL (see batches/records.ts): say so whatever the type.
  if (type === 'text' || text.includes('\0')) return storedText(text);
  switch (type) {
    case 'numeric': {
      const trimmed = text.trim();
      const n = Number(trimmed);
      return NUMBER_TEXT.test(trimmed) && Number.isFinite(n)
        ? { ok: true, value: n }
        : fail(`expected a number, got ${JSON.stringify(text)}`);
    }
    case 'boolean': {
      const lower = text.trim().toLowerCase();
      if (lower === 'true' || lower === '1') return { ok: true, value: true };
      if (lower === 'false' || lower === '0') return { ok: true, value: false };
      return fail(`expected true or false, got ${JSON.stringify(text)}`);
    }
    case 'date': {
      const date = normalizeDate(text);
      return date === null
        ? fail(`expected an ISO 8601 date, got ${JSON.stringify(text)}`)
        : { ok: true, value: date };
    }
    case 'json':
      try {
        return storedJson(JSON.parse(text));
      } catch {
        return fail(
          `expected JSON, got ${JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text)}`,
        );
      }
  }
}

/** Converts a stored value of one column type into another column type (append with a mapping). */
export function convertStored(from: ColumnType, to: ColumnType, value: StoredValue): Checked {
  if (value === null) return { ok: true, value: null };
  if (from === to) return { ok: true, value };
  if (to === 'json')
    return { ok: true, value: from === 'json' ? value : JSON.stringify(fromStored(from, value)) };
  if (from === 'json') return checkJsonValue(to, JSON.parse(String(value)));
  if (to === 'text') return { ok: true, value: String(fromStored(from, value)) };
  return checkTextValue(to, String(fromStored(from, value)));
}

/** The API form of a stored value: booleans from SQLite's 0/1, JSON parsed. */
export function fromStored(type: ColumnType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'boolean') return value === true || value === 1 || value === '1' || value === 't';
  if (type === 'json') return typeof value === 'string' ? JSON.parse(value) : value;
  if (type === 'numeric') return typeof value === 'number' ? value : Number(value);
  return value;
}

/** A filter value given by a caller, into storage form (for `in`, each element). */
export function checkFilterValue(type: ColumnType, value: unknown): Checked {
  if (typeof value === 'string' && type !== 'text') return checkTextValue(type, value);
  return checkJsonValue(type, value);
}
