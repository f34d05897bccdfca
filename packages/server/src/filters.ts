// The one home of the filter vocabulary shared by dataset rows, tasks and search: the operators
// the store turns into SQL, and the word spellings (`price:gte:10`) that URLs use for them.

/** Comparison operators, as the store applies them. */
export const FILTER_OPERATORS = ['=', '!=', '>', '>=', '<', '<=', 'in', 'like'] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/** Word spellings of the operators, for query strings where `<` and `>` are awkward. */
export const WORD_OPERATORS: Readonly<Record<string, FilterOperator>> = {
  eq: '=',
  ne: '!=',
  gt: '>',
  gte: '>=',
  lt: '<',
  lte: '<=',
  in: 'in',
  like: 'like',
};

/** Every accepted spelling: the symbols first, then the words not already symbols. */
export const OPERATOR_SPELLINGS: readonly string[] = [
  ...FILTER_OPERATORS,
  ...Object.keys(WORD_OPERATORS).filter((word) => !(FILTER_OPERATORS as readonly string[]).includes(word)),
];
