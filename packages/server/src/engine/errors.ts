/** Throw this from a handler (or inline work) to fail the job at once, without the remaining attempts. */
export class NonRetryableError extends Error {
  readonly code: string;
  readonly details: unknown;
  constructor(message: string, options: { code?: string; details?: unknown } = {}) {
    super(message);
    this.name = 'NonRetryableError';
    this.code = options.code ?? 'non_retryable';
    this.details = options.details;
  }
}

/**
 * A {@link NonRetryableError} written code first (`new JobFailure('gone', 'Batch … was removed.')`),
 * the way batch work names its failures; inline and queued runs record it alike.
 */
export class JobFailure extends NonRetryableError {
  constructor(code: string, message: string, details?: unknown) {
    super(message, { code, details });
    this.name = 'JobFailure';
  }
}

/**
 * A failure as stored JSON. Messages often quote the input that failed (a CSV header, a value), and
 * PostgreSQL's jsonb cannot hold U+0000: it is written as U+FFFD so the failure is always recorded.
 */
export function failureJson(failure: { code: string; message: string; details?: unknown }): string {
  return JSON.stringify(failure, (_key, value: unknown) =>
    typeof value === 'string' && value.includes('\u0000') ? value.replaceAll('\u0000', '\ufffd') : value,
  );
}

/** What a handler threw, as the job's stored error: its code when it has one, else `handler_error`. */
export function errorJson(error: unknown): string {
  if (error instanceof NonRetryableError) {
    return failureJson({
      code: error.code,
      message: error.message,
      ...(error.details !== undefined ? { details: error.details } : {}),
    });
  }
  if (error instanceof Error) {
    const { code } = error as { code?: unknown };
    return failureJson({
      code: typeof code === 'string' ? code : 'handler_error',
      message: error.message,
    });
  }
  return failureJson({ code: 'handler_error', message: String(error) });
}
