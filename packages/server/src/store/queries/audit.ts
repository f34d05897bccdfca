import type { Db } from '../index.js';
import { fetchKeysetPage, type SortColumn } from '../pagination.js';
import type { AuditLogTable } from '../tables.js';

export type AuditRow = AuditLogTable;

export async function insertAuditEntries(db: Db, rows: readonly AuditRow[]): Promise<void> {
  if (rows.length > 0)
    await db
      .insertInto('audit_log')
      .values([...rows])
      .execute();
}

export interface AuditFilter {
  /** null: every workspace (instance admins), instance-level entries included. */
  workspaceId: string | null;
  actorId?: string | undefined;
  actions?: readonly string[] | undefined;
  resourceTypes?: readonly string[] | undefined;
  resourceId?: string | undefined;
  requestId?: string | undefined;
  createdGte?: number | undefined;
  createdLt?: number | undefined;
}

export function listAuditEntries(
  db: Db,
  filter: AuditFilter,
  sort: SortColumn[],
  after: readonly unknown[] | null,
  limit: number,
) {
  let query = db.selectFrom('audit_log').selectAll();
  if (filter.workspaceId !== null) query = query.where('workspace_id', '=', filter.workspaceId);
  if (filter.actorId !== undefined) query = query.where('actor_id', '=', filter.actorId);
  if (filter.actions?.length) query = query.where('action', 'in', filter.actions);
  if (filter.resourceTypes?.length) query = query.where('resource_type', 'in', filter.resourceTypes);
  if (filter.resourceId !== undefined) query = query.where('resource_id', '=', filter.resourceId);
  if (filter.requestId !== undefined) query = query.where('request_id', '=', filter.requestId);
  if (filter.createdGte !== undefined) query = query.where('created_at', '>=', filter.createdGte);
  if (filter.createdLt !== undefined) query = query.where('created_at', '<', filter.createdLt);
  return fetchKeysetPage<AuditRow>(query, sort, after, limit);
}

/** Deletes entries older than `before` (ms), at most `limit` at a time; returns how many went. */
export async function pruneAuditEntries(db: Db, before: number, limit = 5000): Promise<number> {
  const result = await db
    .deleteFrom('audit_log')
    .where('id', 'in', (eb) =>
      eb.selectFrom('audit_log').select('id').where('created_at', '<', before).limit(limit),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
