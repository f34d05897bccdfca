import type { Principal } from '../../auth/principal.js';
import { ApiError, badField, type FieldError } from '../../errors/problem.js';
import { WORD_OPERATORS } from '../../filters.js';
import { splitList } from '../../http/list.js';
import { TEXT_REASONS } from '../../http/text-guard.js';
import { NonRetryableError } from '../../engine/index.js';
import type { Store } from '../../store/index.js';
import { namePatternProblem } from '../../store/name-pattern.js';
import { findMember } from '../../store/queries/members.js';
import { findProject } from '../../store/queries/projects.js';
import type { FieldCondition, FieldValue, TaskFilter } from '../../store/queries/tasks.js';
import type { TaskStatus } from '../../store/tables.js';
import { parseFilterParams } from '../datasets/filters.js';
import type { RowFilterInput } from '../datasets/schema.js';
import { canSeeGold, goldHidden } from './gold.js';
import { TASK_STATUSES, type TaskFilterInput } from './schema.js';

// Task filters, from a query string (lists), a request body (bulk operations, exports) or a job's
// saved arguments (checked again when the job runs), into the store's `TaskFilter`.

const SEGMENT = /^[A-Za-z0-9_-]+$/;

/** A list's filter, as the query string gives it. */
export interface TaskFilterQuery {
  projectId: string;
  batchIds?: string | undefined;
  statuses?: string | undefined;
  ids?: string | undefined;
  names?: string | undefined;
  nameRegex?: string | undefined;
  assignee?: string | undefined;
  reviewStage?: string | undefined;
  isGold?: boolean | undefined;
  filter?: string | string[] | undefined;
}

/** One `field operator value` into a condition; `text` values come from a query string. */
export function parseCondition(
  field: string,
  operatorText: string,
  raw: unknown,
  text: boolean,
  at: { in: FieldError['in']; pointer: string },
): FieldCondition {
  const operator = WORD_OPERATORS[operatorText] ?? (operatorText as FieldCondition['operator']);
  if (!Object.values(WORD_OPERATORS).includes(operator)) {
    throw badField(at.in, at.pointer, `unknown operator "${operatorText}"`);
  }
  const parts = field.split('.');
  let target: FieldCondition['target'];
  let path: string[] = [];
  if (field === 'createdAt' || field === 'updatedAt')
    target = field === 'createdAt' ? 'created_at' : 'updated_at';
  else if (field === 'properties.score') target = 'score';
  else if (field === 'prediction.score') target = 'prediction_score';
  else if (field === 'agreement.score') target = 'agreement_score';
  else if (field === 'priority') target = 'priority';
  else if ((parts[0] === 'data' || parts[0] === 'properties') && parts.length >= 2) {
    target = parts[0] === 'data' ? 'data' : 'custom';
    path = parts.slice(1);
    if (target === 'custom' && path[0] === 'custom' && path.length > 1) path = path.slice(1);
    if (!path.every((p) => SEGMENT.test(p))) {
      throw badField(at.in, at.pointer, `"${field}": path segments are letters, digits, _ and -`);
    }
  } else {
    throw badField(
      at.in,
      at.pointer,
      `unknown filter field "${field}"; use data.<path>, properties.score, properties.<path>, prediction.score, agreement.score, priority, createdAt or updatedAt`,
    );
  }
  // `reparse`: a lone query-string value, read as JSON when it parses (`3`, `true`, `"3"`); the
  // elements of an `in` array were JSON already and stay as they are.
  const one = (value: unknown, reparse = text): FieldValue => {
    let v = value;
    if (
      reparse &&
      typeof v === 'string' &&
      target !== 'created_at' &&
      target !== 'updated_at' &&
      operator !== 'like'
    ) {
      try {
        v = JSON.parse(v);
      } catch {
        // a bare word: the string itself
      }
    }
    if (target === 'created_at' || target === 'updated_at') {
      const ms = typeof v === 'string' ? Date.parse(v) : NaN;
      if (Number.isNaN(ms)) throw badField(at.in, at.pointer, `${field} needs an ISO 8601 date-time`);
      return ms;
    }
    if (
      (target === 'score' ||
        target === 'prediction_score' ||
        target === 'agreement_score' ||
        target === 'priority') &&
      v !== null &&
      typeof v !== 'number'
    ) {
      throw badField(at.in, at.pointer, `${field} compares with a number`);
    }
    if (v !== null && typeof v === 'object')
      throw badField(at.in, at.pointer, 'compare with a string, number, boolean or null');
    if (typeof v === 'number' && !Number.isFinite(v))
      throw badField(at.in, at.pointer, TEXT_REASONS.nonFinite);
    return v as FieldValue;
  };
  if (operator === 'in') {
    let list = raw;
    if (text && typeof raw === 'string') {
      try {
        list = JSON.parse(raw);
      } catch {
        list = undefined;
      }
    }
    if (!Array.isArray(list)) throw badField(at.in, at.pointer, '"in" needs a JSON array of values');
    return { target, path, operator, value: list.map((v) => one(v, false)) };
  }
  if (operator === 'like' && typeof raw !== 'string')
    throw badField(at.in, at.pointer, '"like" needs a text pattern');
  return { target, path, operator, value: one(raw) };
}

function checkRegex(
  pattern: string | undefined,
  where: FieldError['in'],
  pointer: string,
): string | undefined {
  if (pattern === undefined) return undefined;
  const problem = namePatternProblem(pattern);
  if (problem !== undefined) throw badField(where, pointer, problem);
  return pattern;
}

function checkStatuses(statuses: readonly string[] | undefined, where: FieldError['in'], pointer: string) {
  statuses?.forEach((s) => {
    if (!(TASK_STATUSES as readonly string[]).includes(s)) {
      throw badField(where, pointer, `unknown status "${s}"; statuses: ${TASK_STATUSES.join(', ')}`);
    }
  });
  return statuses as TaskStatus[] | undefined;
}

/** The project a filter names, in the caller's workspace (not_found otherwise). */
async function filterProject(
  store: Store,
  principal: Principal,
  projectId: string,
  where: FieldError['in'],
  pointer: string,
) {
  const project = await findProject(store.db, projectId, principal.workspaceId);
  if (!project) {
    throw new ApiError('not_found', `Project ${projectId} was not found.`, {
      errors: [{ in: where, pointer, message: 'no such project in this workspace' }],
    });
  }
  return project;
}

/**
 * An `assignee` filter: `none` (assigned to nobody) or a member of the project's workspace (a
 * removed one too: its past assignments may be asked about); another workspace's member is 404.
 */
async function assigneeFilter(
  store: Store,
  workspaceId: string,
  assignee: string | undefined,
  where: FieldError['in'],
  pointer: string,
): Promise<string | null | undefined> {
  if (assignee === undefined) return undefined;
  if (assignee === 'none') return null;
  if (!(await findMember(store.db, assignee, workspaceId))) {
    throw new ApiError('not_found', `Member ${assignee} was not found.`, {
      errors: [{ in: where, pointer, message: 'no such member in this workspace' }],
    });
  }
  return assignee;
}

export async function queryFilter(
  store: Store,
  principal: Principal,
  query: TaskFilterQuery,
): Promise<TaskFilter> {
  const project = await filterProject(store, principal, query.projectId, 'query', '/projectId');
  if (query.isGold !== undefined && !canSeeGold(principal)) throw goldHidden('/isGold', 'query');
  const assignee = await assigneeFilter(store, project.workspace_id, query.assignee, 'query', '/assignee');
  const conditions = parseFilterParams(query.filter).map((f: RowFilterInput, i) =>
    parseCondition(f.key, f.operator, f.value, true, { in: 'query', pointer: `/filter/${i}` }),
  );
  return {
    projectId: query.projectId,
    workspaceId: principal.workspaceId,
    batchIds: splitList(query.batchIds),
    statuses: checkStatuses(splitList(query.statuses), 'query', '/statuses'),
    ids: splitList(query.ids),
    names: splitList(query.names),
    nameRegex: checkRegex(query.nameRegex, 'query', '/nameRegex'),
    assignee,
    reviewStage: query.reviewStage,
    isGold: query.isGold,
    conditions,
  };
}

export async function bodyFilter(
  store: Store,
  principal: Principal,
  input: TaskFilterInput,
  base: string,
): Promise<TaskFilter> {
  const project = await filterProject(store, principal, input.projectId, 'body', `${base}/projectId`);
  const assignee = await assigneeFilter(
    store,
    project.workspace_id,
    input.assignee,
    'body',
    `${base}/assignee`,
  );
  return {
    projectId: input.projectId,
    workspaceId: principal.workspaceId,
    batchIds: input.batchIds,
    statuses: input.statuses,
    ids: input.ids,
    names: input.names,
    nameRegex: checkRegex(input.nameRegex, 'body', `${base}/nameRegex`),
    assignee,
    reviewStage: input.reviewStage,
    conditions: (input.where ?? []).map((w, i) =>
      parseCondition(w.field, w.operator, w.value, false, { in: 'body', pointer: `${base}/where/${i}` }),
    ),
  };
}

/** A filter saved in a job's arguments, checked again when the job runs. */
export function jobFilter(input: TaskFilterInput, workspaceId: string): TaskFilter {
  return {
    projectId: input.projectId,
    workspaceId,
    batchIds: input.batchIds,
    statuses: input.statuses,
    ids: input.ids,
    names: input.names,
    nameRegex: input.nameRegex,
    assignee: input.assignee === undefined ? undefined : input.assignee === 'none' ? null : input.assignee,
    reviewStage: input.reviewStage,
    conditions: (input.where ?? []).map((w, i) => {
      try {
        return parseCondition(w.field, w.operator, w.value, false, {
          in: 'body',
          pointer: `/filter/where/${i}`,
        });
      } catch (error) {
        throw new NonRetryableError((error as Error).message, { code: 'invalid_filter' });
      }
    }),
  };
}
