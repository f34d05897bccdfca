import { sql } from 'kysely';
import type { Db } from '../index.js';
import type { JobTypePausesTable } from '../tables.js';

export type JobTypePauseRow = JobTypePausesTable;

/**
 * The pauses that apply to jobs of these workspaces: theirs, and the instance-wide ones (an empty
 * list: the instance-wide ones only; null: every pause).
 */
export function listPauses(db: Db, workspaceIds: readonly string[] | null): Promise<JobTypePauseRow[]> {
  let query = db.selectFrom('job_type_pauses').selectAll();
  if (workspaceIds !== null) {
    const ids = [...new Set(workspaceIds)];
    query = query.where((eb) =>
      ids.length === 0
        ? eb('workspace_id', 'is', null)
        : eb.or([eb('workspace_id', 'is', null), eb('workspace_id', 'in', ids)]),
    );
  }
  return query.orderBy('type').execute();
}

export function findPause(
  db: Db,
  workspaceId: string | null,
  type: string,
): Promise<JobTypePauseRow | undefined> {
  return db
    .selectFrom('job_type_pauses')
    .selectAll()
    .where('type', '=', type)
    .where((eb) =>
      workspaceId === null ? eb('workspace_id', 'is', null) : eb('workspace_id', '=', workspaceId),
    )
    .executeTakeFirst();
}

/** Pauses the type (in the workspace, or instance-wide); false when it already was. */
export async function insertPause(db: Db, row: JobTypePauseRow): Promise<boolean> {
  const result = await sql`insert into job_type_pauses (workspace_id, type, paused_by, paused_at)
    values (${row.workspace_id}, ${row.type}, ${row.paused_by}, ${row.paused_at})
    on conflict (type, coalesce(workspace_id, '')) do nothing`.execute(db);
  return Number(result.numAffectedRows ?? 0) > 0;
}

/** Resumes the type (in the workspace, or instance-wide); false when it was not paused. */
export async function deletePause(db: Db, workspaceId: string | null, type: string): Promise<boolean> {
  const result = await db
    .deleteFrom('job_type_pauses')
    .where('type', '=', type)
    .where((eb) =>
      workspaceId === null ? eb('workspace_id', 'is', null) : eb('workspace_id', '=', workspaceId),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** True when a custom job type of this name is registered in some workspace. */
export async function jobTypeRegisteredAnywhere(db: Db, name: string): Promise<boolean> {
  const row = await db
    .selectFrom('job_types')
    .select('name')
    .where('name', '=', name)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
