import type { Db } from '../index.js';
import { sql } from 'kysely';
import type { BatchRow } from './datasets.js';
import { ENDED_JOB_STATUSES } from '../tables.js';

/**
 * Batches left behind by a job that ended without cleaning up: pending batches whose creating job
 * finished (failed or aborted) or vanished, and deleting batches whose delete job ended without
 * removing them. With `jobId`, only that job's batches (any state but active, suspended, draft).
 */
export async function findOrphanBatches(db: Db, filter: { jobId?: string }): Promise<BatchRow[]> {
  let query = db.selectFrom('batches').selectAll();
  if (filter.jobId !== undefined) {
    return query.where('job_id', '=', filter.jobId).where('state', 'in', ['pending', 'deleting']).execute();
  }
  query = query.where('state', 'in', ['pending', 'deleting']).where((eb) =>
    eb.or([
      eb('job_id', 'is', null),
      eb.not(
        eb.exists(
          eb
            .selectFrom('jobs')
            .select(sql`1`.as('one'))
            .whereRef('jobs.id', '=', 'batches.job_id'),
        ),
      ),
      eb.exists(
        eb
          .selectFrom('jobs')
          .select(sql`1`.as('one'))
          .whereRef('jobs.id', '=', 'batches.job_id')
          .where('jobs.status', 'in', [...ENDED_JOB_STATUSES]),
      ),
    ]),
  );
  return query.limit(100).execute();
}
