import { sql } from 'kysely';
import type { Db, Store } from '../index.js';
import type { JobLogsTable } from '../tables.js';

export type JobLogRow = JobLogsTable;

/** A line to append: its seq and attempt are given by the store. */
export interface NewJobLogLine {
  at: number;
  level: string;
  message: string;
  /** JSON object text, or null. */
  fields: string | null;
}

/**
 * Appends the newest of `written` lines to a running job's log, in one transaction, and keeps only
 * its newest `keep` lines. `lines` are the last of them (a writer that dropped older ones in memory
 * still counts them in `written`, so the numbering says how many lines were dropped).
 *
 * The first statement checks that `owner` still holds the running attempt, locks the job's row
 * (two writers never take the same numbers) and hands out the line numbers. Undefined: `owner`
 * no longer holds the job (lease lost, attempt ended), and nothing was written.
 */
export async function appendJobLogs(
  store: Store,
  jobId: string,
  owner: string,
  written: number,
  lines: readonly NewJobLogLine[],
  keep: number,
): Promise<{ lastSeq: number } | undefined> {
  if (written === 0) return { lastSeq: 0 };
  return store.transaction(async (trx) => {
    const { rows } = await sql<{ log_seq: number; attempt: number }>`
      update jobs set log_seq = log_seq + ${written}
      where id = ${jobId} and status = 'running' and lease_owner = ${owner}
      returning log_seq, attempt`.execute(trx);
    const held = rows[0];
    if (!held) return undefined;
    const lastSeq = Number(held.log_seq);
    const kept = lines.slice(-keep);
    const first = lastSeq - kept.length + 1;
    // 1,000 lines of 7 columns stay far below SQLite's bound on parameters per statement.
    for (let i = 0; i < kept.length; i += 1000) {
      await trx
        .insertInto('job_logs')
        .values(
          kept.slice(i, i + 1000).map((line, j) => ({
            job_id: jobId,
            seq: first + i + j,
            at: line.at,
            level: line.level,
            message: line.message,
            fields: line.fields,
            attempt: held.attempt,
          })),
        )
        .execute();
    }
    if (lastSeq > keep) {
      await trx
        .deleteFrom('job_logs')
        .where('job_id', '=', jobId)
        .where('seq', '<=', lastSeq - keep)
        .execute();
    }
    return { lastSeq };
  });
}

/** Up to `limit` lines of a job's log after line `after`, oldest first. */
export function readJobLogs(db: Db, jobId: string, after: number, limit: number): Promise<JobLogRow[]> {
  return db
    .selectFrom('job_logs')
    .selectAll()
    .where('job_id', '=', jobId)
    .where('seq', '>', after)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

/** The job's last line number, or undefined when there is no such job. */
export async function lastLogSeq(db: Db, jobId: string): Promise<number | undefined> {
  const row = await db.selectFrom('jobs').select('log_seq').where('id', '=', jobId).executeTakeFirst();
  return row ? Number(row.log_seq ?? 0) : undefined;
}
