import { ApiError, badField } from '../errors/problem.js';
import type { KeysetPage, SortColumn } from '../store/pagination.js';

/**
 * Shared list machinery: `sort` and `fields` parsing, opaque cursors, and page assembly. Each list
 * route declares which API fields can be sorted on (and their columns).
 */
export interface ListSpec {
  /** API field name → column name, for every sortable field. */
  sortable: Record<string, string>;
  defaultSort: string;
  /** Sortable columns that may hold null (they sort last, in either direction). */
  nullable?: readonly string[];
  /** Every field a `fields` projection may name. */
  fields: readonly string[];
}

export interface ListQuery {
  limit?: number;
  cursor?: string;
  sort?: string;
  fields?: string;
}

export interface ParsedList {
  limit: number;
  sort: SortColumn[];
  sortKey: string;
  after: unknown[] | null;
  fields: string[] | null;
}

/** A comma-separated query value as its non-empty, trimmed parts (undefined stays undefined). */
export function splitList(value: string | undefined): string[] | undefined {
  return value
    ?.split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

export function parseFields(fields: string | undefined, allowed: readonly string[]): string[] | null {
  if (fields === undefined) return null;
  const names = splitList(fields) ?? [];
  const unknown = names.filter((n) => !allowed.includes(n));
  if (unknown.length > 0) {
    throw badField(
      'query',
      '/fields',
      `unknown field(s) ${unknown.join(', ')}; known: ${allowed.join(', ')}`,
    );
  }
  return [...new Set(['id', ...names])];
}

export function parseList(query: ListQuery, spec: ListSpec): ParsedList {
  const sortText = query.sort ?? spec.defaultSort;
  const sort: SortColumn[] = [];
  for (const part of sortText.split(',').map((p) => p.trim())) {
    const match = /^([A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)?)(?::(asc|desc))?$/.exec(part);
    const column = match?.[1] ? spec.sortable[match[1]] : undefined;
    if (!match || !column) {
      throw badField(
        'query',
        '/sort',
        `"${part}" is not a sort field; use field[:asc|desc] with one of ${Object.keys(spec.sortable).join(', ')}`,
      );
    }
    sort.push({
      column,
      direction: (match[2] as 'asc' | 'desc' | undefined) ?? 'asc',
      ...(spec.nullable?.includes(column) ? { nullable: true } : {}),
    });
    if (column === 'id') break; // ids are unique: nothing after them can change the order
  }
  // The id breaks ties, so the order is total and a cursor never skips or repeats a row.
  if (sort.at(-1)?.column !== 'id') sort.push({ column: 'id', direction: 'asc' });
  const sortKey = sort.map((s) => `${s.column}:${s.direction}`).join(',');

  let after: unknown[] | null = null;
  if (query.cursor !== undefined) after = decodeCursor(query.cursor, sortKey, sort.length);

  return { limit: query.limit ?? 50, sort, sortKey, after, fields: parseFields(query.fields, spec.fields) };
}

function decodeCursor(cursor: string, sortKey: string, length: number): unknown[] {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new ApiError('invalid_cursor', 'The cursor is not one this API produced.');
  }
  const value = decoded as { s?: unknown; v?: unknown };
  if (typeof value !== 'object' || value === null || !Array.isArray(value.v) || value.v.length !== length) {
    throw new ApiError('invalid_cursor', 'The cursor is not one this API produced.');
  }
  if (value.s !== sortKey) {
    throw new ApiError(
      'invalid_cursor',
      'The cursor was made for another sort order; start again without it.',
    );
  }
  return value.v;
}

export function project<T extends object>(item: T, fields: string[] | null): Partial<T> {
  if (fields === null) return item;
  const out: Record<string, unknown> = {};
  for (const field of fields) if (field in item) out[field] = (item as Record<string, unknown>)[field];
  return out as Partial<T>;
}

/** Turns a store page into `{data, nextCursor}`, mapping each row to its API shape. */
export function toPage<Row extends object, Item extends object>(
  page: KeysetPage<Row>,
  list: ParsedList,
  toItem: (row: Row) => Item,
): { data: Partial<Item>[]; nextCursor: string | null } {
  const last = page.rows.at(-1);
  let nextCursor: string | null = null;
  if (page.hasMore && last) {
    const values = list.sort.map((s) => (last as Record<string, unknown>)[s.column]);
    nextCursor = Buffer.from(JSON.stringify({ s: list.sortKey, v: values })).toString('base64url');
  }
  return { data: page.rows.map((row) => project(toItem(row), list.fields)), nextCursor };
}
