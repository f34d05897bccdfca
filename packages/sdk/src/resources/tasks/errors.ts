import { BatchyardError } from '../../core/errors.js';
import type { Job } from '../../types.js';

/** A job this SDK waited for ended failed or aborted. */
export class TaskJobError extends BatchyardError {
  override name = 'TaskJobError';
  readonly job: Job;
  constructor(job: Job) {
    super(
      `Job ${job.id} (${job.type}) ${job.status}` +
        (job.error ? `: ${job.error.message} (${job.error.code})` : '.'),
    );
    this.job = job;
  }
}
