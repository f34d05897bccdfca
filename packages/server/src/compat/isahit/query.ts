import { ApiError, badField } from '../../errors/problem.js';
import { fromIsahitStatus } from './shapes.js';

// isahitlab's task-list query string: repeated keys for arrays, `createdAt=>x`-style date bounds,
// and `data.<field>=v` / `properties.<prop>=v` equality filters.

export type RawQuery = Record<string, string | string[] | undefined>;

/** Deepest row a page may start at: walking keyset pages to an offset costs a read per 1,000 rows. */
export const MAX_OFFSET = 10_000;
export const MAX_LIMIT = 100;
const MAX_VALUES = 1_000;

export function all(query: RawQuery, key: string): string[] {
  const value = query[key];
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  if (list.length > MAX_VALUES) throw badField('query', `/${key}`, `at most ${MAX_VALUES} values`);
  return list;
}

export function one(query: RawQuery, key: string): string | undefined {
  const list = all(query, key);
  if (list.length > 1) throw badField('query', `/${key}`, 'give it once');
  return list[0];
}

/** `page` and `limit` as isahitlab sends them, bounded. */
export function paging(query: RawQuery, defaultLimit: number): { page: number; limit: number } {
  const integer = (key: string, fallback: number, max: number) => {
    const text = one(query, key);
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!/^\d{1,9}$/.test(text) || n < 1 || n > max) {
      throw badField('query', `/${key}`, `an integer from 1 to ${max}`);
    }
    return n;
  };
  const limit = integer('limit', defaultLimit, MAX_LIMIT);
  const page = integer('page', 1, Math.floor(MAX_OFFSET / limit) + 1);
  return { page, limit };
}

const DATE_BOUND = /^(>=|<=|>|<)(.+)$/;
const OPERATOR_WORD: Record<string, string> = { '>': 'gt', '>=': 'gte', '<': 'lt', '<=': 'lte' };
const FIELD = /^(data|properties)\.[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

/**
 * The native list's `filter` parameters (`field:operator:value`) for the date bounds and the data
 * and property equalities; the task service parses and checks them like any native list's.
 */
export function fieldFilters(query: RawQuery): string[] {
  const filters: string[] = [];
  for (const field of ['createdAt', 'updatedAt']) {
    for (const bound of all(query, field)) {
      const match = DATE_BOUND.exec(bound);
      if (!match) throw badField('query', `/${field}`, `"${bound}" is not >x, >=x, <x or <=x`);
      filters.push(`${field}:${OPERATOR_WORD[match[1]!]!}:${match[2]!}`);
    }
  }
  for (const key of Object.keys(query)) {
    if (!key.startsWith('data.') && !key.startsWith('properties.')) continue;
    if (!FIELD.test(key)) throw badField('query', `/${key}`, 'path segments are letters, digits, _ and -');
    // `properties.score` is the score; any other `properties.<name>` is a custom property.
    for (const value of all(query, key)) filters.push(`${key}:eq:${value}`);
  }
  return filters;
}

/** Batchyard statuses for the isahit ones asked (null: no filter; [] none can match). */
export function statusFilter(query: RawQuery): string[] | null {
  const asked = all(query, 'statuses');
  if (asked.length === 0) return null;
  const statuses = new Set<string>();
  for (const status of asked) {
    const mapped = fromIsahitStatus(status);
    if (mapped === null) {
      throw new ApiError('validation_failed', `Unknown status "${status}".`, {
        errors: [
          {
            in: 'query',
            pointer: '/statuses',
            message: 'use pending, complete, to-review, reviewed or configuring',
          },
        ],
      });
    }
    for (const s of mapped) statuses.add(s);
  }
  return [...statuses];
}
