import type { Db } from '../index.js';
import { fetchKeysetPage, type SortColumn } from '../pagination.js';
import type { WorkspacesTable } from '../tables.js';
import { readAssignedNumericIds } from './numeric-ids.js';

export type WorkspaceRow = WorkspacesTable;

export async function insertWorkspace(db: Db, row: WorkspaceRow): Promise<void> {
  await db.insertInto('workspaces').values(row).execute();
  await readAssignedNumericIds(db, 'workspaces', [row]);
}

export function findWorkspace(db: Db, id: string): Promise<WorkspaceRow | undefined> {
  return db.selectFrom('workspaces').selectAll().where('id', '=', id).executeTakeFirst();
}

/** `onlyId`: the one workspace a workspace-scoped credential may see; null lists all of them. */
export function listWorkspaces(
  db: Db,
  filter: { onlyId: string | null },
  sort: SortColumn[],
  after: readonly unknown[] | null,
  limit: number,
) {
  let query = db.selectFrom('workspaces').selectAll();
  if (filter.onlyId !== null) query = query.where('id', '=', filter.onlyId);
  return fetchKeysetPage<WorkspaceRow>(query, sort, after, limit);
}

export async function updateWorkspace(
  db: Db,
  id: string,
  changes: Partial<Pick<WorkspaceRow, 'name' | 'claim_weight'>> & { updated_at: number },
): Promise<WorkspaceRow | undefined> {
  return db.updateTable('workspaces').set(changes).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function deleteWorkspace(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('workspaces').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function countProjectsInWorkspace(db: Db, workspaceId: string): Promise<number> {
  const row = await db
    .selectFrom('projects')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
