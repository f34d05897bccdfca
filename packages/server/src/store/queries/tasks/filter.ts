import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { FilterOperator } from '../../../filters.js';
import type { Db, Store } from '../../index.js';
import { FilterTooExpensiveError, InvalidNamePatternError } from '../../name-pattern.js';
import type { Database, TaskStatus } from '../../tables.js';
import { inList } from '../in-list.js';

/** Task filters as SQL: the WHERE every read, bulk change and export of tasks shares. */

export type FieldOperator = FilterOperator;
export type FieldValue = string | number | boolean | null;

/** One comparison on a task field: a path into `data` or `custom`, the score, or a timestamp. */
export interface FieldCondition {
  target:
    | 'data'
    | 'custom'
    | 'score'
    | 'prediction_score'
    | 'agreement_score'
    | 'priority'
    | 'created_at'
    | 'updated_at';
  /** Path segments into the JSON object (data and custom only). */
  path: string[];
  operator: FieldOperator;
  value: FieldValue | FieldValue[];
}

export interface TaskFilter {
  projectId: string;
  /** null: instance credentials, any workspace. */
  workspaceId: string | null;
  batchIds?: readonly string[] | undefined;
  statuses?: readonly TaskStatus[] | undefined;
  ids?: readonly string[] | undefined;
  names?: readonly string[] | undefined;
  nameRegex?: string | undefined;
  /** A member id, or null for tasks assigned to nobody. */
  assignee?: string | null | undefined;
  /** Tasks waiting at this review stage. */
  reviewStage?: string | undefined;
  /** Only gold tasks (true) or only the others (false). */
  isGold?: boolean | undefined;
  conditions: readonly FieldCondition[];
}

const SEGMENT = /^[A-Za-z0-9_-]+$/;

type TasksEb = ExpressionBuilder<Database, 'tasks'>;

/** The SQL of a JSON path into a JSON column (see the backends' `jsonAt`). */
function jsonAt(store: Store, column: 'data' | 'custom', path: readonly string[], asText: boolean) {
  for (const segment of path) if (!SEGMENT.test(segment)) throw new Error(`unsafe path segment ${segment}`);
  return store.dialect.tasks.jsonAt(column, path, asText);
}

function bindValue(store: Store, condition: FieldCondition, value: FieldValue) {
  const json = condition.target === 'data' || condition.target === 'custom';
  if (json) return store.dialect.tasks.jsonValue(value);
  return sql`${typeof value === 'boolean' ? store.dialect.syntax.boolean(value) : value}`;
}

function conditionSql(store: Store, c: FieldCondition) {
  const json = c.target === 'data' || c.target === 'custom';
  const left =
    c.target === 'data' || c.target === 'custom'
      ? jsonAt(store, c.target, c.path, c.operator === 'like')
      : sql.ref(c.target);
  if (c.operator === 'in') {
    const values = (Array.isArray(c.value) ? c.value : [c.value]).filter((v) => v !== null);
    if (values.length === 0) return sql<SqlBool>`1 = 0`;
    return sql<SqlBool>`${left} in (${sql.join(values.map((v) => bindValue(store, c, v)))})`;
  }
  const value = Array.isArray(c.value) ? (c.value[0] ?? null) : c.value;
  if (value === null) {
    if (c.operator === '=') return sql<SqlBool>`${left} is null`;
    if (c.operator === '!=') return sql<SqlBool>`${left} is not null`;
    return sql<SqlBool>`1 = 0`;
  }
  if (c.operator === 'like') return store.dialect.syntax.like(left, String(value));
  if (json && c.operator !== '=' && c.operator !== '!=') {
    return store.dialect.tasks.compareJson(left, c.operator, value, bindValue(store, c, value), {
      column: c.target as 'data' | 'custom',
      path: c.path,
    });
  }
  if (c.operator === '!=') {
    return sql<SqlBool>`(${left} <> ${bindValue(store, c, value)} or ${left} is null)`;
  }
  return sql<SqlBool>`${left} ${sql.raw(c.operator)} ${bindValue(store, c, value)}`;
}

/** The WHERE of a task filter, shared by lists, bulk operations and exports. */
export function taskWhere(store: Store, filter: TaskFilter) {
  return (eb: TasksEb): Expression<SqlBool> => {
    const parts: Expression<SqlBool>[] = [eb('tasks.project_id', '=', filter.projectId)];
    if (filter.workspaceId !== null) parts.push(eb('tasks.workspace_id', '=', filter.workspaceId));
    if (filter.batchIds) parts.push(eb('tasks.batch_id', 'in', inList(filter.batchIds)));
    if (filter.statuses) parts.push(eb('tasks.status', 'in', inList(filter.statuses)));
    if (filter.ids) parts.push(eb('tasks.id', 'in', inList(filter.ids)));
    if (filter.names) parts.push(eb('tasks.name', 'in', inList(filter.names)));
    if (filter.assignee === null) parts.push(eb('tasks.assignee_id', 'is', null));
    else if (filter.assignee !== undefined) parts.push(eb('tasks.assignee_id', '=', filter.assignee));
    if (filter.reviewStage !== undefined) parts.push(eb('tasks.review_stage', '=', filter.reviewStage));
    if (filter.isGold !== undefined)
      parts.push(
        filter.isGold
          ? sql<SqlBool>`exists (select 1 from gold_tasks g where g.task_id = tasks.id)`
          : sql<SqlBool>`not exists (select 1 from gold_tasks g where g.task_id = tasks.id)`,
      );
    if (filter.nameRegex !== undefined) {
      parts.push(store.dialect.syntax.matches(sql`tasks.name`, filter.nameRegex));
    }
    // Tasks of a batch being deleted are gone for every reader already.
    parts.push(
      sql<SqlBool>`tasks.batch_id not in (select id from batches where state = 'deleting' and project_id = ${filter.projectId})`,
    );
    for (const c of filter.conditions) parts.push(conditionSql(store, c));
    return eb.and(parts);
  };
}

/**
 * Runs `read` (one statement), bounded in time when the filter has a name pattern: on PostgreSQL
 * with a statement timeout in a transaction of its own (two round trips more, only for patterns);
 * SQLite's regexp function keeps its own budget. A pattern's failure comes out as
 * FilterTooExpensiveError or InvalidNamePatternError.
 */
export async function patternBound<T>(
  store: Store,
  filter: TaskFilter,
  db: Kysely<Database>,
  read: (db: Db) => Promise<T>,
): Promise<T> {
  if (filter.nameRegex === undefined) return read(db);
  const limit = store.dialect.limitPatternStatement;
  try {
    if (!limit) return await read(db);
    return await db.transaction().execute(async (trx) => {
      await limit.execute(trx);
      return read(trx);
    });
  } catch (error) {
    const failure = store.dialect.patternFailure(error);
    if (failure === 'too_expensive' && !(error instanceof FilterTooExpensiveError)) {
      throw new FilterTooExpensiveError(
        `The name pattern ran for more than ${store.dialect.patternBudgetMs} ms; narrow the filter (batchIds, statuses, a simpler pattern).`,
      );
    }
    if (failure === 'invalid') throw new InvalidNamePatternError((error as Error).message);
    throw error;
  }
}
