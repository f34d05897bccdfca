import { badField, type FieldError } from '../../errors/problem.js';
import { WORD_OPERATORS } from '../../filters.js';
import type { RowFilter, RowFilterOperator, StoredValue } from '../../store/rows/index.js';
import { requireColumn } from './columns.js';
import type { Column, RowFilterInput } from './schema.js';
import { checkFilterValue } from './values.js';

const ORDERED_TYPES = new Set(['text', 'numeric', 'date']);

/** Checks filters against the columns and turns their values into storage form. */
export function parseRowFilters(
  columns: readonly Column[],
  filters: readonly RowFilterInput[],
  where: FieldError['in'],
  pointerOf: (index: number) => string,
): RowFilter[] {
  return filters.map((filter, index) => {
    const pointer = pointerOf(index);
    const column = requireColumn(columns, filter.key, where, `${pointer}/key`);
    const operator = WORD_OPERATORS[filter.operator] ?? (filter.operator as RowFilterOperator);
    if (column.type === 'json') {
      throw badField(where, `${pointer}/key`, `column "${column.name}" is json: it cannot be filtered on`);
    }
    if (['>', '>=', '<', '<='].includes(operator) && !ORDERED_TYPES.has(column.type)) {
      throw badField(
        where,
        `${pointer}/operator`,
        `"${operator}" does not apply to ${column.type} column "${column.name}"`,
      );
    }
    if (operator === 'like' && column.type !== 'text') {
      throw badField(
        where,
        `${pointer}/operator`,
        `"like" applies to text columns only ("${column.name}" is ${column.type})`,
      );
    }
    const check = (value: unknown, at: string): StoredValue => {
      if (operator === 'like') {
        if (typeof value !== 'string') throw badField(where, at, 'like needs a text pattern');
        return value;
      }
      const checked = checkFilterValue(column.type, value);
      if (!checked.ok) throw badField(where, at, checked.reason);
      return checked.value;
    };
    if (operator === 'in') {
      if (!Array.isArray(filter.value))
        throw badField(where, `${pointer}/value`, '"in" needs an array of values');
      if (filter.value.length > 1000) throw badField(where, `${pointer}/value`, 'at most 1000 values');
      return { column, operator, value: filter.value.map((v, i) => check(v, `${pointer}/value/${i}`)) };
    }
    return { column, operator, value: check(filter.value, `${pointer}/value`) };
  });
}

/** `column:operator:value` query parameters into filters (`in` takes a JSON array). */
export function parseFilterParams(params: string | string[] | undefined): RowFilterInput[] {
  const list = params === undefined ? [] : Array.isArray(params) ? params : [params];
  return list.map((text, index) => {
    const first = text.indexOf(':');
    const second = first < 0 ? -1 : text.indexOf(':', first + 1);
    if (first <= 0 || second < 0) {
      throw badField('query', `/filter/${index}`, `"${text}" is not column:operator:value`);
    }
    const key = text.slice(0, first);
    const op = text.slice(first + 1, second);
    const raw = text.slice(second + 1);
    const operator =
      WORD_OPERATORS[op] ??
      (Object.values(WORD_OPERATORS).includes(op as RowFilterOperator) ? op : undefined);
    if (operator === undefined) {
      throw badField(
        'query',
        `/filter/${index}`,
        `unknown operator "${op}"; use ${Object.keys(WORD_OPERATORS).join(', ')}`,
      );
    }
    let value: unknown = raw;
    if (operator === 'in') {
      try {
        value = JSON.parse(raw);
      } catch {
        throw badField('query', `/filter/${index}`, 'the value of "in" must be a JSON array, e.g. ["a","b"]');
      }
    }
    return { key, operator: operator as RowFilterInput['operator'], value };
  });
}
