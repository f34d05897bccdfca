import type { Store } from '../index.js';
import type { JobRow } from './jobs.js';

/**
 * Jobs run by the request that created them (streamed uploads): the request holds the lease like a
 * runner would, so the job looks and waits like any other, and if the process dies the lease
 * expires and a worker's handler cleans up after it.
 */
export async function renewInlineLease(
  store: Store,
  id: string,
  owner: string,
  leaseMs: number,
  update: { progress?: string; counters?: string; warnings?: string },
): Promise<{ abortRequested: boolean } | null> {
  const row = await store.db
    .updateTable('jobs')
    .set((eb) => ({
      ...update,
      lease_expires_at: eb(store.dialect.nowMs, '+', leaseMs),
      updated_at: store.dialect.nowMs,
    }))
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('lease_owner', '=', owner)
    .returning('abort_requested')
    .executeTakeFirst();
  return row ? { abortRequested: Number(row.abort_requested) === 1 } : null;
}

export async function finishInlineJob(
  store: Store,
  id: string,
  owner: string,
  end: Pick<JobRow, 'status' | 'result' | 'error' | 'progress' | 'counters' | 'warnings'>,
): Promise<JobRow | undefined> {
  // An aborted job keeps the error its abort request wrote (who asked for it).
  const { error, ...rest } = end;
  return store.db
    .updateTable('jobs')
    .set({
      ...rest,
      ...(end.status === 'aborted' ? {} : { error }),
      finished_at: store.dialect.nowMs,
      updated_at: store.dialect.nowMs,
      lease_owner: null,
      lease_expires_at: null,
    })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('lease_owner', '=', owner)
    .returningAll()
    .executeTakeFirst();
}

/**
 * Whether someone asked to abort this job. Long data jobs ask at each chunk: the runner's signal
 * learns of an abort only at its next heartbeat when the request reached another process.
 */
export async function abortRequested(store: Store, id: string): Promise<boolean> {
  const row = await store.db
    .selectFrom('jobs')
    .select('abort_requested')
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined && Number(row.abort_requested) === 1;
}
