import { sql } from 'kysely';
import type { Db } from '../index.js';
import type { NUMERIC_ID_TABLES } from '../numeric-id-columns.js';

/** A table whose rows carry a persistent integer `numeric_id` (migration 0012). */
export type NumericIdTable = (typeof NUMERIC_ID_TABLES)[number];

/**
 * The ids of rows of `table` by their numeric ids, in a workspace (null: an instance credential,
 * any workspace); numbers not found are left out.
 */
export async function idsOfNumeric(
  db: Db,
  table: NumericIdTable,
  workspaceId: string | null,
  numericIds: readonly number[],
): Promise<Map<number, string>> {
  const found = new Map<number, string>();
  if (numericIds.length === 0) return found;
  const owner = table === 'workspaces' ? sql.ref('id') : sql.ref('workspace_id');
  const inWorkspace = workspaceId === null ? sql`true` : sql`${owner} = ${workspaceId}`;
  const result = await sql<{ id: string; numeric_id: number }>`select id, numeric_id from ${sql.table(table)}
    where ${inWorkspace} and numeric_id in (${sql.join(numericIds)})`.execute(db);
  for (const row of result.rows) found.set(Number(row.numeric_id), row.id);
  return found;
}

/**
 * Fills in `numeric_id` on rows just inserted (the database assigns it: an identity column on
 * PostgreSQL, a trigger on SQLite, whose change an insert's RETURNING would not show).
 */
export async function readAssignedNumericIds(
  db: Db,
  table: NumericIdTable,
  rows: readonly { id: string; numeric_id?: number | undefined }[],
): Promise<void> {
  if (rows.length === 0) return;
  const result = await sql<{ id: string; numeric_id: number }>`select id, numeric_id from ${sql.table(table)}
    where id in (${sql.join(rows.map((r) => r.id))})`.execute(db);
  const byId = new Map(result.rows.map((r) => [r.id, Number(r.numeric_id)]));
  for (const row of rows) row.numeric_id = byId.get(row.id);
}
