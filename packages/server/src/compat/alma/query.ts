import { ApiError } from '../../errors/problem.js';
import type { Job } from '../../resources/jobs/schema.js';

type JobStatus = Job['status'];

/** Alma's instance statuses and the Batchyard statuses each comes from. */
const FROM_ALMA: Record<string, JobStatus[]> = {
  QUEUED: ['queued'],
  PENDING: ['waiting'],
  INITIALIZING: ['queued'],
  RUNNING: ['running'],
  FINALIZING: ['running'],
  COMPLETED_SUCCESS: ['succeeded'],
  COMPLETED_WARNING: ['succeeded'],
  COMPLETED_NO_BULKS: ['succeeded'],
  COMPLETED_FAILED: ['failed'],
  FAILED: ['failed'],
  MANUAL_HANDLING_REQUIRED: ['failed'],
  SKIPPED: ['skipped'],
  SYSTEM_ABORTED: ['aborted', 'expired'],
  USER_ABORTED: ['aborted'],
};

/** `status=COMPLETED_SUCCESS,FAILED`: the native statuses to ask for and the Alma values to keep. */
export function instanceStatusFilter(
  status: string | undefined,
): { native: JobStatus[]; alma: Set<string> } | undefined {
  if (status === undefined) return undefined;
  const alma = new Set(
    status
      .split(',')
      .map((s) => s.trim().toUpperCase())
      .filter(Boolean),
  );
  const native = new Set<JobStatus>();
  for (const value of alma) {
    const mapped = FROM_ALMA[value];
    if (!mapped) {
      throw new ApiError('validation_failed', `"${value}" is not an Alma job instance status.`, {
        errors: [
          { in: 'query', pointer: '/status', message: `use one of ${Object.keys(FROM_ALMA).join(', ')}` },
        ],
      });
    }
    for (const status of mapped) native.add(status);
  }
  return alma.size > 0 ? { native: [...native], alma } : undefined;
}

function day(value: string, pointer: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})Z?$/.exec(value.trim());
  const time = match ? Date.parse(`${match[1]}-${match[2]}-${match[3]}T00:00:00Z`) : NaN;
  if (!Number.isFinite(time)) {
    throw new ApiError(
      'validation_failed',
      `${pointer.slice(1)} must be a day, YYYY-MM-DD (optionally with Z).`,
      {
        errors: [{ in: 'query', pointer, message: 'must be YYYY-MM-DD' }],
      },
    );
  }
  return time;
}

/** Alma's inclusive submit-date days as the native half-open `createdAfter`/`createdBefore`. */
export function submitDateBounds(
  from: string | undefined,
  to: string | undefined,
): { createdAfter?: string; createdBefore?: string } {
  const bounds: { createdAfter?: string; createdBefore?: string } = {};
  if (from !== undefined) bounds.createdAfter = new Date(day(from, '/submit_date_from')).toISOString();
  if (to !== undefined)
    bounds.createdBefore = new Date(day(to, '/submit_date_to') + 86_400_000).toISOString();
  return bounds;
}
