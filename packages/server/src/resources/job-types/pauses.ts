import type { Db } from '../../store/index.js';
import { listPauses, type JobTypePauseRow } from '../../store/queries/job-pauses.js';

export type PauseScope = 'workspace' | 'instance';

/** The pauses in effect for some workspaces' jobs, read once per answer (the table is small). */
export class PauseSet {
  private constructor(private readonly rows: readonly JobTypePauseRow[]) {}

  /** The pauses for jobs of these workspaces (null: every workspace's), instance-wide ones included. */
  static async load(db: Db, workspaceIds: readonly string[] | null): Promise<PauseSet> {
    return new PauseSet(await listPauses(db, workspaceIds));
  }

  /** How jobs of `type` in `workspaceId` (null: instance-wide only) are paused, if they are. */
  scopeOf(workspaceId: string | null, type: string): PauseScope | null {
    let scope: PauseScope | null = null;
    for (const row of this.rows) {
      if (row.type !== type) continue;
      if (row.workspace_id === null) return 'instance';
      if (workspaceId !== null && row.workspace_id === workspaceId) scope = 'workspace';
    }
    return scope;
  }

  /** True when a queued job of `type` in `workspaceId` waits for a resume. */
  holds(job: { workspace_id: string; type: string; status: string }): boolean {
    return job.status === 'queued' && this.scopeOf(job.workspace_id, job.type) !== null;
  }
}
