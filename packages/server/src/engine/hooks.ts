import type { Db } from '../store/index.js';
import type { JobRow } from '../store/queries/jobs.js';

/**
 * What the engine asks of the resources, registered by the app once it has built them: the engine
 * imports no resource, so resource-specific work reaches it as these callbacks.
 */
export interface EngineHooks {
  /** Writes the audit entry of a job that `actor` created (inline jobs insert their own row). */
  recordJobCreated?: (trx: Db, actor: unknown, row: JobRow) => Promise<void>;
  /** Removes batches left behind by jobs that ended without cleaning up. */
  sweepBatches?: () => Promise<unknown>;
  /** Fires the scheduled definitions that are due. */
  fireDueSchedules?: () => Promise<unknown>;
  /** Deletes audit-log entries older than their retention. */
  pruneAuditLog?: () => Promise<unknown>;
  /** Told the ids of jobs that changed, a few times a second (webhooks' job.finished events). */
  jobsChanged?: (ids: string[]) => Promise<unknown>;
}
