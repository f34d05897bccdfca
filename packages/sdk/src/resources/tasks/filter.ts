// Task filters in the two forms the API takes: `field:op:value` query filters (lists) and the
// `where` body of bulk operations and exports.
import { BatchyardError } from '../../core/errors.js';
import { FILTER_OPERATOR_WORDS, WORD_OPERATORS } from '../../core/filters.js';
import type { Query } from '../../core/http.js';
import type { TaskFieldCondition, TaskFilter, TaskFilterOperator, TaskWhere } from './types.js';

const COMPARISON_KEYS = new Set<string>(FILTER_OPERATOR_WORDS);
const RANGE_KEYS = ['gt', 'gte', 'lt', 'lte'] as const;

function checkProjectId(filter: TaskFilter): void {
  if (
    typeof filter !== 'object' ||
    filter === null ||
    typeof filter.projectId !== 'string' ||
    !filter.projectId
  ) {
    throw new BatchyardError('A task filter needs a `projectId`.');
  }
}

function timestamp(value: unknown, field: string): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new BatchyardError(`${field}: invalid Date.`);
    return value.toISOString();
  }
  if (typeof value !== 'string') throw new BatchyardError(`${field}: expected a Date or an ISO 8601 string.`);
  return value;
}

/** Every condition of a filter as `{ field, operator, value }` (word operators, Dates as ISO strings). */
export function taskConditions(filter: TaskFilter): TaskWhere[] {
  const out: TaskWhere[] = [];
  const fieldConditions = (
    prefix: 'data' | 'properties' | 'prediction' | 'agreement' | null,
    record: Record<string, TaskFieldCondition>,
  ) => {
    for (const [key, condition] of Object.entries(record)) {
      const field = prefix === null ? key : `${prefix}.${key}`;
      if (condition === undefined) continue;
      if (
        typeof condition === 'object' &&
        condition !== null &&
        !(condition instanceof Date) &&
        !Array.isArray(condition)
      ) {
        const entries = Object.entries(condition);
        if (entries.length === 0) throw new BatchyardError(`${field}: no comparison given.`);
        for (const [operator, value] of entries) {
          if (!COMPARISON_KEYS.has(operator)) {
            throw new BatchyardError(
              `${field}: unknown comparison "${operator}"; use eq, ne, gt, gte, lt, lte, in or like.`,
            );
          }
          if (value !== undefined) out.push({ field, operator: operator as TaskFilterOperator, value });
        }
      } else {
        out.push({ field, operator: 'eq', value: condition });
      }
    }
  };
  if (filter.data) fieldConditions('data', filter.data);
  if (filter.properties) fieldConditions('properties', filter.properties);
  if (filter.prediction?.score !== undefined)
    fieldConditions('prediction', { score: filter.prediction.score });
  if (filter.agreement?.score !== undefined) fieldConditions('agreement', { score: filter.agreement.score });
  if (filter.priority !== undefined) fieldConditions(null, { priority: filter.priority });
  for (const field of ['createdAt', 'updatedAt'] as const) {
    const range = filter[field];
    if (!range) continue;
    for (const key of Object.keys(range)) {
      if (!(RANGE_KEYS as readonly string[]).includes(key)) {
        throw new BatchyardError(`${field}: unknown bound "${key}"; use gt, gte, lt or lte.`);
      }
    }
    for (const operator of RANGE_KEYS) {
      const value = range[operator];
      if (value !== undefined) out.push({ field, operator, value: timestamp(value, field) });
    }
  }
  for (const [i, where] of (filter.where ?? []).entries()) {
    if (typeof where !== 'object' || where === null || typeof where.field !== 'string' || !where.field) {
      throw new BatchyardError(`where[${i}]: expected { field, operator, value }.`);
    }
    if (!(where.operator in WORD_OPERATORS)) {
      throw new BatchyardError(`where[${i}]: unknown operator "${String(where.operator)}".`);
    }
    out.push({
      field: where.field,
      operator: where.operator,
      value: where.value instanceof Date ? where.value.toISOString() : where.value,
    });
  }
  for (const condition of out) {
    if (condition.value instanceof Date) condition.value = timestamp(condition.value, condition.field);
  }
  return out;
}

/** A filter in the body form of bulk operations and exports. */
export function bodyFilter(filter: TaskFilter): Record<string, unknown> {
  checkProjectId(filter);
  const out: Record<string, unknown> = { projectId: filter.projectId };
  if (filter.batchIds !== undefined) out.batchIds = [...filter.batchIds];
  if (filter.statuses !== undefined) out.statuses = [...filter.statuses];
  if (filter.ids !== undefined) out.ids = [...filter.ids];
  if (filter.names !== undefined) out.names = [...filter.names];
  if (filter.nameRegex !== undefined) out.nameRegex = filter.nameRegex;
  if (filter.assignee !== undefined) out.assignee = filter.assignee;
  if (filter.reviewStage !== undefined) out.reviewStage = filter.reviewStage;
  const where = taskConditions(filter);
  if (where.length > 0) out.where = where.map((w) => ({ ...w, operator: WORD_OPERATORS[w.operator] }));
  return out;
}

/** The query form of a filter: plain parameters, and `field:op:value` filters. */
export function listQuery(filter: TaskFilter): { query: Query; filters: string[] } {
  checkProjectId(filter);
  const query: Query = { projectId: filter.projectId };
  const list = (name: string, values: readonly string[] | undefined) => {
    if (values === undefined) return;
    for (const value of values) {
      if (typeof value !== 'string' || value.includes(',')) {
        throw new BatchyardError(`\`${name}\`: values with a comma cannot be sent in a list query.`);
      }
    }
    query[name] = values.join(',');
  };
  list('batchIds', filter.batchIds);
  list('statuses', filter.statuses);
  list('ids', filter.ids);
  list('names', filter.names);
  if (filter.nameRegex !== undefined) query.nameRegex = filter.nameRegex;
  if (filter.assignee !== undefined) query.assignee = filter.assignee;
  if (filter.reviewStage !== undefined) query.reviewStage = filter.reviewStage;
  const filters = taskConditions(filter).map((condition) => queryCondition(condition));
  return { query, filters };
}

/**
 * `field:op:value`. The server reads values as JSON when they parse (`3`, `true`, `null`), so a
 * string is sent JSON-quoted to stay a string; `like` patterns and times are sent as they are.
 */
function queryCondition({ field, operator, value }: TaskWhere): string {
  if (field.includes(':')) throw new BatchyardError(`"${field}": a field with ":" cannot be filtered on.`);
  const word = WORD_OPERATORS[operator];
  let text: string;
  if (word === 'in') {
    if (!Array.isArray(value)) throw new BatchyardError(`${field}: "in" needs an array of values.`);
    // The list is one JSON array: its strings stay strings.
    text = JSON.stringify(value.map((v: unknown) => (v instanceof Date ? v.toISOString() : v)));
  } else if (word === 'like' || field === 'createdAt' || field === 'updatedAt') {
    if (typeof value !== 'string') throw new BatchyardError(`${field}: "${operator}" needs a string.`);
    text = value;
  } else if (typeof value === 'string') {
    text = JSON.stringify(value);
  } else if (typeof value === 'number' || typeof value === 'boolean' || value === null) {
    text = String(value);
  } else {
    throw new BatchyardError(`${field}: compare with a string, number, boolean, null or Date.`);
  }
  return `${field}:${word}:${text}`;
}
