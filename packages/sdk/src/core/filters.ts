// The one home of the SDK's filter vocabulary, shared by tasks, dataset rows and search (and by the
// CLI and the dashboard, through the package's index).

/** Every accepted spelling of a filter operator, each symbol next to its word. */
export const FILTER_OPERATORS = [
  '=',
  'eq',
  '!=',
  'ne',
  '>',
  'gt',
  '>=',
  'gte',
  '<',
  'lt',
  '<=',
  'lte',
  'in',
  'like',
] as const;

/** Filter operators: symbols or their word forms. `in` takes an array; `like` uses `%` and `_`. */
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/** The word spellings, as `field:op:value` query filters use them. */
export const FILTER_OPERATOR_WORDS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'like'] as const;
export type FilterOperatorWord = (typeof FILTER_OPERATOR_WORDS)[number];

/** Each spelling in the word form of query filters. */
export const WORD_OPERATORS: Readonly<Record<FilterOperator, FilterOperatorWord>> = {
  '=': 'eq',
  eq: 'eq',
  '!=': 'ne',
  ne: 'ne',
  '>': 'gt',
  gt: 'gt',
  '>=': 'gte',
  gte: 'gte',
  '<': 'lt',
  lt: 'lt',
  '<=': 'lte',
  lte: 'lte',
  in: 'in',
  like: 'like',
};

/** Each spelling in the symbol form of search bodies. */
export const SYMBOL_OPERATORS: Readonly<Record<FilterOperator, string>> = {
  '=': '=',
  eq: '=',
  '!=': '!=',
  ne: '!=',
  '>': '>',
  gt: '>',
  '>=': '>=',
  gte: '>=',
  '<': '<',
  lt: '<',
  '<=': '<=',
  lte: '<=',
  in: 'in',
  like: 'like',
};

/** Whether `value` is one of the accepted spellings. */
export function isFilterOperator(value: unknown): value is FilterOperator {
  return typeof value === 'string' && Object.hasOwn(WORD_OPERATORS, value);
}
