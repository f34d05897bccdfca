import type { Db } from '../index.js';
import { fetchKeysetPage, type SortColumn } from '../pagination.js';
import type { MemberRole, MembersTable } from '../tables.js';

export type MemberRow = MembersTable;

export async function insertMember(db: Db, row: MemberRow): Promise<void> {
  await db.insertInto('members').values(row).execute();
}

/** `workspaceId` null: any workspace (instance credentials). Removed members are found too. */
export function findMember(db: Db, id: string, workspaceId: string | null): Promise<MemberRow | undefined> {
  let query = db.selectFrom('members').selectAll().where('id', '=', id);
  if (workspaceId !== null) query = query.where('workspace_id', '=', workspaceId);
  return query.executeTakeFirst();
}

export interface MemberFilter {
  /** null: every workspace. */
  workspaceId: string | null;
  roles?: readonly MemberRole[] | undefined;
  email?: string | undefined;
  includeRemoved: boolean;
}

export function listMembers(
  db: Db,
  filter: MemberFilter,
  sort: SortColumn[],
  after: readonly unknown[] | null,
  limit: number,
) {
  let query = db.selectFrom('members').selectAll();
  if (filter.workspaceId !== null) query = query.where('workspace_id', '=', filter.workspaceId);
  if (filter.roles?.length) query = query.where('role', 'in', [...filter.roles]);
  if (filter.email !== undefined) query = query.where('email', '=', filter.email);
  if (!filter.includeRemoved) query = query.where('removed_at', 'is', null);
  return fetchKeysetPage<MemberRow>(query, sort, after, limit);
}

export function updateMember(
  db: Db,
  id: string,
  changes: Partial<Pick<MemberRow, 'name' | 'email' | 'role'>> & { updated_at: number },
): Promise<MemberRow | undefined> {
  return db
    .updateTable('members')
    .set(changes)
    .where('id', '=', id)
    .where('removed_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/** Marks a member removed; returns false when it was already. */
export async function markMemberRemoved(db: Db, id: string, at: number): Promise<boolean> {
  const result = await db
    .updateTable('members')
    .set({ removed_at: at, updated_at: at })
    .where('id', '=', id)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Revokes the member's keys; returns their ids (every process forgets them). */
export async function revokeMemberKeys(db: Db, memberId: string, at: number): Promise<string[]> {
  const rows = await db
    .updateTable('api_keys')
    .set({ revoked_at: at })
    .where('member_id', '=', memberId)
    .where('revoked_at', 'is', null)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** The ids of the member's keys (revoked or not): their cached credentials carry the member's role. */
export async function memberKeyIds(db: Db, memberId: string): Promise<string[]> {
  const rows = await db.selectFrom('api_keys').select('id').where('member_id', '=', memberId).execute();
  return rows.map((r) => r.id);
}

/** The members among `ids` (removed ones too), in `workspaceId` unless it is null. */
export async function membersByIds(db: Db, ids: readonly string[], workspaceId: string | null) {
  if (ids.length === 0) return [];
  let query = db
    .selectFrom('members')
    .select(['id', 'name', 'role', 'workspace_id'])
    .where('id', 'in', [...ids]);
  if (workspaceId !== null) query = query.where('workspace_id', '=', workspaceId);
  return query.execute();
}
