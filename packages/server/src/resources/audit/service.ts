import type { Principal } from '../../auth/principal.js';
import { badField } from '../../errors/problem.js';
import { splitList, type ParsedList } from '../../http/list.js';
import { isoTime } from '../../time.js';
import { newId } from '../../ids.js';
import type { Db, Store } from '../../store/index.js';
import {
  insertAuditEntries,
  listAuditEntries,
  pruneAuditEntries,
  type AuditRow,
} from '../../store/queries/audit.js';
import { listScope } from '../workspaces/service.js';
import type { AuditEntry, ListAuditInput } from './schema.js';

/** One change, as a service describes it. */
export interface AuditChange {
  /** `<resourceType>.<verb>`, e.g. `project.create`, `task.review`, `job.abort`. */
  action: string;
  resourceType: string;
  resourceId: string;
  /** The workspace of the changed resource (null: instance-level). */
  workspaceId: string | null;
  /** What changed; never a secret (callers pass field names or counts, not credentials). */
  summary?: Record<string, unknown>;
}

/**
 * Writes the audit entries of a change with the same `db` that makes the change: services call it
 * inside the transaction of the write, so the change and its entry commit (or roll back) together.
 * Changes made without a credential (the engine's own jobs, the scheduler) are not entries.
 */
export async function recordAudit(
  db: Db,
  principal: Principal | undefined,
  changes: AuditChange | readonly AuditChange[],
): Promise<void> {
  if (!principal) return;
  const list = Array.isArray(changes) ? changes : [changes as AuditChange];
  await insertAuditEntries(
    db,
    list.map((change) => auditRow(principal, change)),
  );
}

/** The entry of one change, for store queries that write it themselves (in their own statement). */
export function auditRow(principal: Principal, change: AuditChange): AuditRow {
  return {
    id: newId('aud'),
    workspace_id: change.workspaceId,
    actor_kind: principal.kind,
    actor_id: principal.id,
    actor_name: principal.name,
    action: change.action,
    resource_type: change.resourceType,
    resource_id: change.resourceId,
    request_id: principal.requestId ?? null,
    actor_member_id: principal.member?.id ?? null,
    summary: JSON.stringify(change.summary ?? {}),
    created_at: Date.now(),
  };
}

/** The names of the fields a request set (values are left out: they may be large or secret). */
export function changedFields(input: object): { fields: string[] } {
  return { fields: Object.keys(input).filter((k) => (input as Record<string, unknown>)[k] !== undefined) };
}

export function toAuditEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    actor: {
      kind: row.actor_kind,
      id: row.actor_id,
      name: row.actor_name,
      memberId: row.actor_member_id ?? null,
    },
    action: row.action,
    resourceType: row.resource_type,
    resourceId: row.resource_id,
    requestId: row.request_id,
    summary: JSON.parse(row.summary) as Record<string, unknown>,
    createdAt: isoTime(row.created_at),
  };
}

export class AuditService {
  constructor(
    private readonly store: Store,
    private readonly retentionDays: number,
  ) {}

  async list(principal: Principal, query: ListAuditInput, list: ParsedList) {
    const createdGte = query.createdAfter ? Date.parse(query.createdAfter) : undefined;
    const createdLt = query.createdBefore ? Date.parse(query.createdBefore) : undefined;
    if (createdGte !== undefined && createdLt !== undefined && createdLt <= createdGte)
      throw badField('query', '/createdBefore', 'must be later than createdAfter');
    return listAuditEntries(
      this.store.db,
      {
        workspaceId: listScope(principal, query.workspaceId),
        actorId: query.actorId,
        actions: splitList(query.action),
        resourceTypes: splitList(query.resourceType),
        resourceId: query.resourceId,
        requestId: query.requestId,
        createdGte,
        createdLt,
      },
      list.sort,
      list.after,
      list.limit,
    );
  }

  /** Deletes entries older than the retention; returns how many went. */
  async prune(now = Date.now()): Promise<number> {
    const before = now - this.retentionDays * 86_400_000;
    let total = 0;
    for (;;) {
      const removed = await pruneAuditEntries(this.store.db, before);
      total += removed;
      if (removed < 5000) return total;
    }
  }
}
