import type { Db } from '../index.js';
import { fetchKeysetPage, type SortColumn } from '../pagination.js';
import type { ApiClientsTable, ApiKeysTable, MemberRole } from '../tables.js';

export type ApiKeyRow = ApiKeysTable;
export type ApiClientRow = ApiClientsTable;
export type CredentialTable = 'api_keys' | 'api_clients';

export async function insertApiKey(db: Db, row: ApiKeyRow): Promise<void> {
  await db.insertInto('api_keys').values(row).execute();
}

export async function insertApiClient(db: Db, row: ApiClientRow): Promise<void> {
  await db.insertInto('api_clients').values(row).execute();
}

export function findApiKey(db: Db, id: string): Promise<ApiKeyRow | undefined> {
  return db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A key as authentication reads it: with its member's role, and whether the member was removed. */
export type AuthKeyRow = ApiKeyRow & { member_role: MemberRole | null; member_removed_at: number | null };

export function findApiKeyForAuth(db: Db, id: string): Promise<AuthKeyRow | undefined> {
  return db
    .selectFrom('api_keys')
    .leftJoin('members', 'members.id', 'api_keys.member_id')
    .selectAll('api_keys')
    .select(['members.role as member_role', 'members.removed_at as member_removed_at'])
    .where('api_keys.id', '=', id)
    .executeTakeFirst();
}

export function findApiClient(db: Db, id: string): Promise<ApiClientRow | undefined> {
  return db.selectFrom('api_clients').selectAll().where('id', '=', id).executeTakeFirst();
}

/** `workspaceId`: undefined lists every credential, null only instance-wide ones. */
function listCredentials<Row>(
  db: Db,
  table: CredentialTable,
  workspaceId: string | null | undefined,
  sort: SortColumn[],
  after: readonly unknown[] | null,
  limit: number,
) {
  let query = db.selectFrom(table).selectAll();
  if (workspaceId === null) query = query.where('workspace_id', 'is', null);
  else if (workspaceId !== undefined) query = query.where('workspace_id', '=', workspaceId);
  // The row type depends on the table; the caller names it.
  return fetchKeysetPage<Row>(
    query as unknown as Parameters<typeof fetchKeysetPage<Row>>[0],
    sort,
    after,
    limit,
  );
}

export function listApiKeys(
  db: Db,
  filter: { workspaceId: string | null | undefined },
  sort: SortColumn[],
  after: readonly unknown[] | null,
  limit: number,
) {
  return listCredentials<ApiKeyRow>(db, 'api_keys', filter.workspaceId, sort, after, limit);
}

export function listApiClients(
  db: Db,
  filter: { workspaceId: string | null | undefined },
  sort: SortColumn[],
  after: readonly unknown[] | null,
  limit: number,
) {
  return listCredentials<ApiClientRow>(db, 'api_clients', filter.workspaceId, sort, after, limit);
}

export async function revokeCredential(
  db: Db,
  table: CredentialTable,
  id: string,
  at: number,
): Promise<void> {
  await db
    .updateTable(table)
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function touchApiKey(db: Db, id: string, at: number): Promise<void> {
  await db.updateTable('api_keys').set({ last_used_at: at }).where('id', '=', id).execute();
}
