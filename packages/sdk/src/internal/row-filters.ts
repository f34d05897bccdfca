// Row filters as the API takes them: `column:op:value` query parameters (rows.list) and
// operators checked before a search body is sent.
import { BatchyardError } from '../core/errors.js';
import { FILTER_OPERATORS, WORD_OPERATORS, isFilterOperator } from '../core/filters.js';
import type { RowFilter, RowFilterOperator } from '../types.js';

export function checkOperator(operator: unknown, where: string): RowFilterOperator {
  if (!isFilterOperator(operator)) {
    throw new BatchyardError(
      `${where}: unknown operator ${JSON.stringify(operator)}; use ${FILTER_OPERATORS.join(', ')}.`,
    );
  }
  return operator;
}

/** A filter as a `column:op:value` query parameter (word operators; `in` takes a JSON array). */
export function filterParam(filter: string | RowFilter, index = 0): string {
  const where = `filter ${index + 1}`;
  if (typeof filter === 'string') {
    const first = filter.indexOf(':');
    const second = first < 0 ? -1 : filter.indexOf(':', first + 1);
    if (first <= 0 || second < 0) {
      throw new BatchyardError(`${where}: "${filter}" is not column:operator:value.`);
    }
    const operator = checkOperator(filter.slice(first + 1, second), where);
    return `${filter.slice(0, first)}:${WORD_OPERATORS[operator]}:${filter.slice(second + 1)}`;
  }
  if (typeof filter !== 'object' || filter === null || typeof filter.key !== 'string' || filter.key === '') {
    throw new BatchyardError(`${where}: expected "column:operator:value" or { key, operator, value }.`);
  }
  if (filter.key.includes(':')) {
    throw new BatchyardError(`${where}: a column name with ":" cannot be filtered on in a query.`);
  }
  const operator = checkOperator(filter.operator, where);
  let value: string;
  if (operator === 'in') {
    if (!Array.isArray(filter.value)) throw new BatchyardError(`${where}: "in" needs an array of values.`);
    value = JSON.stringify(filter.value);
  } else {
    value = filterValue(filter.value);
  }
  return `${filter.key}:${WORD_OPERATORS[operator]}:${value}`;
}

function filterValue(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  if (value === null) return 'null';
  return JSON.stringify(value) ?? '';
}
