import type { Db, Store } from '../index.js';
import { fetchKeysetPage, type SortColumn } from '../pagination.js';
import type { JobDefinitionsTable } from '../tables.js';

export type DefinitionRow = JobDefinitionsTable;

export async function insertDefinition(db: Db, row: DefinitionRow): Promise<void> {
  await db.insertInto('job_definitions').values(row).execute();
}

export function findDefinition(
  db: Db,
  id: string,
  workspaceId: string | null,
): Promise<DefinitionRow | undefined> {
  let query = db.selectFrom('job_definitions').selectAll().where('id', '=', id);
  if (workspaceId !== null) query = query.where('workspace_id', '=', workspaceId);
  return query.executeTakeFirst();
}

/**
 * The definition, locked for the rest of the transaction (so concurrent runs check throttles one
 * at a time) where the backend locks rows; SQLite transactions already run one at a time.
 */
export function lockDefinition(store: Store, db: Db, id: string): Promise<DefinitionRow | undefined> {
  const query = db.selectFrom('job_definitions').selectAll().where('id', '=', id);
  return (store.dialect.locksRows ? query.forUpdate() : query).executeTakeFirst();
}

export function listDefinitions(
  db: Db,
  filter: { workspaceId: string | null; projectId?: string | undefined; type?: string | undefined },
  sort: SortColumn[],
  after: readonly unknown[] | null,
  limit: number,
) {
  let query = db.selectFrom('job_definitions').selectAll();
  if (filter.workspaceId !== null) query = query.where('workspace_id', '=', filter.workspaceId);
  if (filter.projectId !== undefined) query = query.where('project_id', '=', filter.projectId);
  if (filter.type !== undefined) query = query.where('type', '=', filter.type);
  return fetchKeysetPage<DefinitionRow>(query, sort, after, limit);
}

export function updateDefinition(
  db: Db,
  id: string,
  changes: Partial<DefinitionRow>,
): Promise<DefinitionRow | undefined> {
  return db
    .updateTable('job_definitions')
    .set(changes)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteDefinition(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('job_definitions').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export function dueDefinitions(db: Db, now: number, limit: number): Promise<DefinitionRow[]> {
  return db
    .selectFrom('job_definitions')
    .selectAll()
    .where('next_run_at', '<=', now)
    .where('enabled', '=', 1)
    .orderBy('next_run_at')
    .limit(limit)
    .execute();
}

/** Moves a definition past its due tick if nobody did yet. True for exactly one caller per tick. */
export async function claimTick(db: Db, id: string, due: number, next: number | null): Promise<boolean> {
  const result = await db
    .updateTable('job_definitions')
    .set({ next_run_at: next })
    .where('id', '=', id)
    .where('next_run_at', '=', due)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export function earliestTick(db: Db): Promise<number | null> {
  return db
    .selectFrom('job_definitions')
    .select((eb) => eb.fn.min<number>('next_run_at').as('next'))
    .where('enabled', '=', 1)
    .executeTakeFirst()
    .then((r) => (r?.next === null || r?.next === undefined ? null : Number(r.next)));
}

/** In-flight instances, and instances started since `since`, with the oldest start in that window. */
export async function instanceCounts(db: Db, definitionId: string, since: number) {
  const inFlight = await db
    .selectFrom('jobs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('definition_id', '=', definitionId)
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirstOrThrow();
  const recent = await db
    .selectFrom('jobs')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min<number>('created_at').as('oldest')])
    .where('definition_id', '=', definitionId)
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  return {
    inFlight: Number(inFlight.n),
    startedInWindow: Number(recent.n),
    oldestInWindow: recent.oldest === null ? null : Number(recent.oldest),
  };
}
