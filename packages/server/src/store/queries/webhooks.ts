import type { Db } from '../index.js';
import { fetchKeysetPage, type SortColumn } from '../pagination.js';
import { ENDED_JOB_STATUSES, type WebhookDeliveriesTable, type WebhooksTable } from '../tables.js';

export type WebhookRow = WebhooksTable;
export type DeliveryRow = WebhookDeliveriesTable;

export async function insertWebhook(db: Db, row: WebhookRow): Promise<void> {
  await db.insertInto('webhooks').values(row).execute();
}

export async function findWebhook(
  db: Db,
  id: string,
  workspaceId: string | null,
): Promise<WebhookRow | undefined> {
  let query = db.selectFrom('webhooks').selectAll().where('id', '=', id);
  if (workspaceId !== null) query = query.where('workspace_id', '=', workspaceId);
  return query.executeTakeFirst();
}

export function listWebhooks(
  db: Db,
  filter: { workspaceId: string | null; projectId?: string | undefined },
  sort: SortColumn[],
  after: readonly unknown[] | null,
  limit: number,
) {
  let query = db.selectFrom('webhooks').selectAll();
  if (filter.workspaceId !== null) query = query.where('workspace_id', '=', filter.workspaceId);
  if (filter.projectId !== undefined) query = query.where('project_id', '=', filter.projectId);
  return fetchKeysetPage<WebhookRow>(query, sort, after, limit);
}

export async function updateWebhook(
  db: Db,
  id: string,
  changes: Partial<
    Pick<WebhookRow, 'url' | 'events' | 'description' | 'enabled' | 'max_attempts' | 'backoff_ms' | 'secret'>
  > & {
    updated_at: number;
  },
): Promise<void> {
  await db.updateTable('webhooks').set(changes).where('id', '=', id).execute();
}

export async function deleteWebhook(db: Db, id: string): Promise<void> {
  await db.deleteFrom('webhooks').where('id', '=', id).execute();
}

/** Enabled webhooks of these projects. */
export async function enabledWebhooks(db: Db, projectIds: readonly string[]): Promise<WebhookRow[]> {
  if (projectIds.length === 0) return [];
  return db
    .selectFrom('webhooks')
    .selectAll()
    .where('project_id', 'in', [...projectIds])
    .where('enabled', '=', 1)
    .execute();
}

/** Inserts deliveries, dropping those already recorded for the same webhook and event. Returns the new ones. */
export async function insertDeliveries(db: Db, rows: readonly DeliveryRow[]): Promise<DeliveryRow[]> {
  const inserted: DeliveryRow[] = [];
  for (const row of rows) {
    const result = await db
      .insertInto('webhook_deliveries')
      .values(row)
      .onConflict((oc) => oc.columns(['webhook_id', 'event_key']).doNothing())
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0n) > 0) inserted.push(row);
  }
  return inserted;
}

export async function findDelivery(db: Db, id: string): Promise<DeliveryRow | undefined> {
  return db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function recordAttempt(
  db: Db,
  id: string,
  outcome: Pick<DeliveryRow, 'status' | 'last_status_code' | 'last_error' | 'delivered_at' | 'duration_ms'>,
  at: number,
): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set((eb) => ({ ...outcome, attempts: eb('attempts', '+', 1), updated_at: at }))
    .where('id', '=', id)
    .execute();
}

export async function setDeliveryJob(db: Db, id: string, jobId: string): Promise<void> {
  await db.updateTable('webhook_deliveries').set({ job_id: jobId }).where('id', '=', id).execute();
}

export function listDeliveries(
  db: Db,
  webhookId: string,
  status: string | undefined,
  sort: SortColumn[],
  after: readonly unknown[] | null,
  limit: number,
) {
  let query = db.selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', webhookId);
  if (status !== undefined) query = query.where('status', '=', status as DeliveryRow['status']);
  return fetchKeysetPage<DeliveryRow>(query, sort, after, limit);
}

/** Finished jobs among `ids` (for job.finished events), with their project. */
export async function finishedJobs(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('jobs')
    .select([
      'id',
      'type',
      'status',
      'workspace_id',
      'project_id',
      'attempt',
      'finished_at',
      'error',
      'definition_id',
    ])
    .where('id', 'in', [...ids])
    .where('status', 'in', [...ENDED_JOB_STATUSES])
    .where('project_id', 'is not', null)
    .execute();
}
