// Filter arguments (`--filter column:op:value`, `--where field:op:value`), with the SDK's operators.
import { InvalidArgumentError } from 'commander';
import {
  FILTER_OPERATORS,
  FILTER_OPERATOR_WORDS,
  type FilterOperator,
  type RowFilter,
  type TaskWhere,
} from '@batchyard/sdk';

export const FILTER_HELP =
  'column:operator:value (repeatable, all must hold); operators eq, ne, gt, gte, lt, lte, like (% and _ wildcards), in (a JSON array: \'city:in:["Oslo","Rome"]\')';

/** Operators of `--where` in help texts: the words (symbols are accepted too). */
export const WHERE_OPERATORS_HELP = FILTER_OPERATOR_WORDS.join(' ');

function isOperator(value: string): value is FilterOperator {
  return (FILTER_OPERATORS as readonly string[]).includes(value);
}

/** `--filter column:op:value` as a search filter (`in` takes a JSON array). */
export function filterArg(value: string): RowFilter {
  const first = value.indexOf(':');
  const second = first < 0 ? -1 : value.indexOf(':', first + 1);
  if (first <= 0 || second < 0) throw new InvalidArgumentError('expected column:operator:value.');
  const operator = value.slice(first + 1, second);
  if (!isOperator(operator)) {
    throw new InvalidArgumentError(
      `unknown operator "${operator}"; use ${FILTER_OPERATOR_WORDS.join(', ')}.`,
    );
  }
  const raw = value.slice(second + 1);
  let parsed: unknown = raw;
  if (operator === 'in') {
    try {
      parsed = JSON.parse(raw);
    } catch {
      parsed = undefined;
    }
    if (!Array.isArray(parsed)) {
      throw new InvalidArgumentError('the value of "in" must be a JSON array, e.g. city:in:["Oslo","Rome"].');
    }
  }
  return { key: value.slice(0, first), operator, value: parsed };
}

/** `--where field:op:value`: the value as JSON when it parses (3, true, null, ["a","b"]), else the text. */
export function whereArg(value: string): TaskWhere {
  const first = value.indexOf(':');
  const second = first < 0 ? -1 : value.indexOf(':', first + 1);
  if (first <= 0 || second < 0) {
    throw new InvalidArgumentError('expected field:operator:value, e.g. data.priority:gte:3.');
  }
  const field = value.slice(0, first).trim();
  const operator = value.slice(first + 1, second).trim();
  const raw = value.slice(second + 1);
  if (!isOperator(operator)) {
    throw new InvalidArgumentError(`unknown operator "${operator}"; use ${FILTER_OPERATORS.join(' ')}.`);
  }
  let parsed: unknown = raw;
  if (operator !== 'like' && field !== 'createdAt' && field !== 'updatedAt') {
    try {
      parsed = JSON.parse(raw);
    } catch {
      if (operator === 'in') throw new InvalidArgumentError('"in" takes a JSON array, e.g. \'["a","b"]\'.');
    }
  }
  return { field, operator, value: parsed };
}
