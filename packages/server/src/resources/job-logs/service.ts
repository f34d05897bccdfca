import type { Principal } from '../../auth/principal.js';
import {
  fieldsJson,
  JOB_LOG_LIMITS,
  type JobEngine,
  type JobLogInput,
  type JobLogLevel,
} from '../../engine/index.js';
import { badField } from '../../errors/problem.js';
import { parseJson, type Store } from '../../store/index.js';
import { readJobLogs, type JobLogRow } from '../../store/queries/job-logs.js';
import type { JobStatus } from '../../store/tables.js';
import { isoTime } from '../../time.js';
import type { JobService } from '../jobs/service.js';
import type { JobLogLine, JobLogPage, LogLineInputValue } from './schema.js';

const FINISHED: readonly JobStatus[] = ['succeeded', 'failed', 'aborted'];

export function toLogLine(row: JobLogRow): JobLogLine {
  const fields = parseJson<Record<string, unknown>>(row.fields);
  return {
    seq: Number(row.seq),
    at: isoTime(row.at)!,
    level: row.level as JobLogLevel,
    message: row.message,
    ...(fields ? { fields } : {}),
    attempt: row.attempt,
  };
}

/**
 * Checks a remote worker's lines (the schema checked levels and message lengths) and turns them
 * into what the store writes. A `fields` object past the bound is a 400 pointing at it.
 */
export function workerLogLines(lines: readonly LogLineInputValue[], pointer: string): JobLogInput[] {
  const now = Date.now();
  return lines.map((line, index) => {
    let fields: string | null;
    try {
      fields = fieldsJson(line.fields);
    } catch (error) {
      throw badField('body', `${pointer}/${index}/fields`, (error as Error).message);
    }
    return {
      at: line.at === undefined ? now : Date.parse(line.at),
      level: line.level,
      message: line.message,
      fields,
    };
  });
}

/** Job logs: pages of a job's lines, and what a follower needs to learn of new ones. */
export class JobLogService {
  constructor(
    private readonly store: Store,
    private readonly engine: JobEngine,
    private readonly jobs: JobService,
  ) {}

  /**
   * Up to `limit` lines after `after`. The job is read first, so when it had ended then, every line
   * it will ever have is already stored, and `ended` can be trusted.
   */
  async page(principal: Principal, id: string, after: number, limit: number): Promise<JobLogPage> {
    const row = await this.jobs.getRow(principal, id);
    const lastSeq = Number(row.log_seq ?? 0);
    const rows = await readJobLogs(this.store.db, id, after, limit);
    const data = rows.map(toLogLine);
    const nextAfter = data.at(-1)?.seq ?? after;
    return {
      data,
      nextAfter,
      lastSeq,
      dropped: Math.max(0, lastSeq - JOB_LOG_LIMITS.linesPerJob),
      status: row.status,
      ended: FINISHED.includes(row.status) && nextAfter >= lastSeq,
    };
  }

  /** Calls `listener` when job `id` has new lines or changed (it may have ended); returns the unsubscribe. */
  onLinesOrChange(id: string, listener: () => void): () => void {
    return this.engine.events.subscribe((e) => {
      if ((e.kind === 'logs' || e.kind === 'changed') && e.ids.includes(id)) listener();
    });
  }
}
