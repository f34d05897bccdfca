import { NonRetryableError, type JobContext } from '../../engine/index.js';
import type { Store } from '../../store/index.js';
import { abortRequested } from '../../store/queries/inline-jobs.js';
import type { ErrorReport } from './error-report.js';
import { JobFailure } from '../../engine/index.js';

/** Stops a data job between chunks once an abort was asked, wherever the request arrived. */
export async function stopIfAborted(store: Store, ctx: JobContext): Promise<void> {
  ctx.signal.throwIfAborted();
  if (await abortRequested(store, ctx.id)) throw new JobFailure('aborted', 'The job was aborted.');
}

export function rowsInvalid(report: ErrorReport): JobFailure {
  return new JobFailure(
    'rows_invalid',
    `${report.count} row(s) do not fit the dataset's columns; nothing was kept (see errors.jsonl, or use onRowError=skip).`,
    { errorCount: report.count, firstErrors: report.first },
  );
}

/** Our coded failures become non-retryable job errors with their code; the rest retry. */
export function toHandlerError(error: unknown): unknown {
  if (error instanceof JobFailure)
    return new NonRetryableError(error.message, { code: error.code, details: error.details });
  return error;
}

/**
 * Whether a data job that threw removes what it wrote: when aborted or failed for good. A crash
 * never gets here, and a retry continues from the batch's resume state instead.
 */
export function failedForGood(ctx: JobContext, error: unknown): boolean {
  return (
    ctx.signal.aborted ||
    error instanceof JobFailure ||
    error instanceof NonRetryableError ||
    ctx.attempt >= ctx.maxAttempts
  );
}
