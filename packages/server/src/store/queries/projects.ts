import type { Db } from '../index.js';
import { fetchKeysetPage, type SortColumn } from '../pagination.js';
import type { ProjectsTable } from '../tables.js';
import { readAssignedNumericIds } from './numeric-ids.js';

export type ProjectRow = ProjectsTable;

export async function insertProject(db: Db, row: ProjectRow): Promise<void> {
  await db.insertInto('projects').values(row).execute();
  await readAssignedNumericIds(db, 'projects', [row]);
}

/** `workspaceId` null: any workspace (instance credentials); otherwise only within that workspace. */
export function findProject(db: Db, id: string, workspaceId: string | null): Promise<ProjectRow | undefined> {
  let query = db.selectFrom('projects').selectAll().where('id', '=', id);
  if (workspaceId !== null) query = query.where('workspace_id', '=', workspaceId);
  return query.executeTakeFirst();
}

/** The stored workflow (JSON text or null) of each of `ids`. */
export async function projectWorkflows(db: Db, ids: readonly string[]): Promise<Map<string, string | null>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('projects').select(['id', 'workflow']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.workflow ?? null]));
}

export function listProjects(
  db: Db,
  filter: { workspaceId: string | null },
  sort: SortColumn[],
  after: readonly unknown[] | null,
  limit: number,
) {
  let query = db.selectFrom('projects').selectAll();
  if (filter.workspaceId !== null) query = query.where('workspace_id', '=', filter.workspaceId);
  return fetchKeysetPage<ProjectRow>(query, sort, after, limit);
}

export function updateProject(
  db: Db,
  id: string,
  changes: Partial<Pick<ProjectRow, 'name' | 'description' | 'task_schema' | 'workflow'>> & {
    updated_at: number;
  },
): Promise<ProjectRow | undefined> {
  return db.updateTable('projects').set(changes).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function deleteProject(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('projects').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/**
 * Tables whose rows make a project "hold data" (delete refuses without force). Each later resource
 * that stores data under a project (datasets, jobs, ...) adds its table here.
 */
const PROJECT_DATA_TABLES: readonly string[] = ['jobs', 'job_definitions', 'datasets'];

export async function projectHoldsData(db: Db, projectId: string): Promise<boolean> {
  for (const table of PROJECT_DATA_TABLES) {
    const found = await db
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      .selectFrom(table as any)
      .select('project_id')
      .where('project_id', '=', projectId)
      .limit(1)
      .executeTakeFirst();
    if (found) return true;
  }
  return false;
}

/** The next draft number of a project (a merge's draft batch keeps it for life). */
export async function takeDraftNumber(db: Db, projectId: string): Promise<number> {
  const { draft_seq } = await db
    .updateTable('projects')
    .set((eb) => ({ draft_seq: eb('draft_seq', '+', 1) }))
    .where('id', '=', projectId)
    .returning('draft_seq')
    .executeTakeFirstOrThrow();
  return Number(draft_seq);
}
