import type { Principal } from '../../auth/principal.js';
import type { TaskService } from '../../resources/tasks/service.js';
import type { Task } from '../../resources/tasks/schema.js';

// isahit pages by number; Batchyard's lists by keyset. Page N is reached by walking keyset pages
// of ids (light rows, no data) to its first row, then reading that one page with what was asked.
// The walk is bounded (query.ts: MAX_OFFSET rows, so at most ten 1,000-row reads), and the order
// is the task id's, which is creation order, so a page never repeats or skips a row between calls
// unless tasks are created or deleted meanwhile. `totalDocs` is a real count of the filter.

type TaskFilter = Awaited<ReturnType<TaskService['queryFilter']>>;

const BY_ID = { sort: [{ column: 'id', direction: 'asc' as const }], sortKey: 'id:asc', fields: null };
const WALK = 1_000;

export interface Paginated<T> {
  docs: T[];
  totalDocs: number;
  limit: number;
  totalPages: number;
  page: number;
  pagingCounter: number;
  hasPrevPage: boolean;
  hasNextPage: boolean;
  prevPage: number | null;
  nextPage: number | null;
}

export function paginated<T>(docs: T[], totalDocs: number, page: number, limit: number): Paginated<T> {
  const totalPages = Math.max(1, Math.ceil(totalDocs / limit));
  const hasNextPage = page < totalPages;
  return {
    docs,
    totalDocs,
    limit,
    totalPages,
    page,
    pagingCounter: (page - 1) * limit + 1,
    hasPrevPage: page > 1,
    hasNextPage,
    prevPage: page > 1 ? page - 1 : null,
    nextPage: hasNextPage ? page + 1 : null,
  };
}

export async function taskPage(
  tasks: TaskService,
  principal: Principal,
  filter: TaskFilter,
  include: Set<string>,
  page: number,
  limit: number,
): Promise<{ tasks: Task[]; total: number }> {
  const total = await tasks.count(principal, filter);
  let skip = (page - 1) * limit;
  let after: unknown[] | null = null;
  if (skip >= total) return { tasks: [], total };
  while (skip > 0) {
    const step = Math.min(skip, WALK);
    const { page: walked } = await tasks.list(principal, filter, new Set(), { ...BY_ID, after, limit: step });
    const last = walked.rows.at(-1);
    if (!last) return { tasks: [], total };
    after = [last.id];
    skip -= walked.rows.length;
    if (!walked.hasMore) return { tasks: [], total };
  }
  const { page: rows, toItem } = await tasks.list(principal, filter, include, { ...BY_ID, after, limit });
  return { tasks: rows.rows.map(toItem), total };
}
