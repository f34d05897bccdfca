// Following a tasks job: progress on stderr, and exit 6 or 7 when it failed or was aborted.
import type { JobHandle, Job } from '@batchyard/sdk';
import type { Context } from '../../context.js';
import { CliError, EXIT } from '../../errors.js';
import { ProgressReporter } from '../../progress.js';

/** Failed items printed after a create or import that had some. */
export const SHOWN_FAILURES = 10;

/** Waits for a job with progress on stderr; a failed or aborted job exits 6 or 7. */
export async function followJob(ctx: Context, handle: JobHandle): Promise<Job> {
  const reporter = new ProgressReporter(ctx);
  if (handle.job) reporter.update(handle.job);
  let job: Job;
  try {
    job = await handle.wait({ onProgress: (current) => reporter.update(current) });
  } finally {
    reporter.finish();
  }
  failIfUnsuccessful(job);
  return job;
}

export function failIfUnsuccessful(job: Job): void {
  if (job.status === 'failed') {
    throw new CliError(
      `job ${job.id} failed${job.error ? `: ${job.error.message} (${job.error.code})` : ''}`,
      EXIT.jobFailed,
      'job_failed',
    );
  }
  if (job.status === 'aborted')
    throw new CliError(`job ${job.id} was aborted`, EXIT.jobAborted, 'job_aborted');
}
