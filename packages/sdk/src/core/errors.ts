import type { FieldError, Flow, Job, Problem } from '../types.js';

/** Base class of every error the SDK throws. */
export class BatchyardError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
  override name = 'BatchyardError';
}

/** The server answered with an error status. */
export class APIError extends BatchyardError {
  override name = 'APIError';
  /** HTTP status of the answer. */
  readonly status: number;
  /** Stable error code from the problem body (see docs/errors.md); `http_<status>` when there was none. */
  readonly code: string;
  readonly detail: string;
  /** The bad fields of a 400, each with its location and JSON pointer. */
  readonly errors: FieldError[];
  /** The server's request id (the `x-request-id` header), for its logs. */
  readonly requestId: string | undefined;
  readonly headers: Headers;
  /** The problem+json body, when the answer had one. */
  readonly problem: Problem | undefined;

  constructor(status: number, problem: Problem | undefined, headers: Headers, fallbackDetail?: string) {
    const code = problem?.code ?? `http_${status}`;
    const detail = problem?.detail ?? fallbackDetail ?? `HTTP ${status}`;
    const requestId = problem?.requestId ?? headers.get('x-request-id') ?? undefined;
    super(`${status} ${code}: ${detail}${requestId ? ` (request ${requestId})` : ''}`);
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.errors = problem?.errors ?? [];
    this.requestId = requestId;
    this.headers = headers;
    this.problem = problem;
  }

  /** The error class that matches `status`. */
  static generate(
    status: number,
    problem: Problem | undefined,
    headers: Headers,
    fallbackDetail?: string,
  ): APIError {
    const ErrorClass = errorClassFor(status);
    return new ErrorClass(status, problem, headers, fallbackDetail);
  }
}

export class BadRequestError extends APIError {
  override name = 'BadRequestError';
}
export class AuthenticationError extends APIError {
  override name = 'AuthenticationError';
}
export class PermissionDeniedError extends APIError {
  override name = 'PermissionDeniedError';
}
export class NotFoundError extends APIError {
  override name = 'NotFoundError';
}
export class ConflictError extends APIError {
  override name = 'ConflictError';
}
export class UnprocessableEntityError extends APIError {
  override name = 'UnprocessableEntityError';
}
export class RateLimitError extends APIError {
  override name = 'RateLimitError';
}
export class InternalServerError extends APIError {
  override name = 'InternalServerError';
}

function errorClassFor(status: number): typeof APIError {
  switch (status) {
    case 400:
      return BadRequestError;
    case 401:
      return AuthenticationError;
    case 403:
      return PermissionDeniedError;
    case 404:
      return NotFoundError;
    case 409:
      return ConflictError;
    case 422:
      return UnprocessableEntityError;
    case 429:
      return RateLimitError;
    default:
      return status >= 500 ? InternalServerError : APIError;
  }
}

/** The request never got an answer: DNS, refused connection, reset socket... */
export class APIConnectionError extends BatchyardError {
  override name = 'APIConnectionError';
  constructor(message = 'Connection error.', options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** No answer within `timeoutMs`. */
export class APIConnectionTimeoutError extends APIConnectionError {
  override name = 'APIConnectionTimeoutError';
  constructor(message = 'Request timed out.', options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The caller's AbortSignal fired. */
export class APIUserAbortError extends BatchyardError {
  override name = 'APIUserAbortError';
  constructor(message = 'Request was aborted.', options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** `JobHandle.wait()` ran out of `timeoutMs` before the job ended; `job` is its last known state. */
export class JobWaitTimeoutError extends BatchyardError {
  override name = 'JobWaitTimeoutError';
  readonly job: Job | undefined;
  constructor(jobId: string, timeoutMs: number, job: Job | undefined) {
    super(`Job ${jobId} did not end within ${timeoutMs} ms${job ? ` (it is ${job.status})` : ''}.`);
    this.job = job;
  }
}

/** Thrown by `flows.wait()` when the flow has not ended within `timeoutMs`. */
export class FlowWaitTimeoutError extends BatchyardError {
  override name = 'FlowWaitTimeoutError';
  readonly flow: Flow | undefined;
  constructor(flowId: string, timeoutMs: number, flow: Flow | undefined) {
    super(`Flow ${flowId} did not end within ${timeoutMs} ms${flow ? ` (it is ${flow.status})` : ''}.`);
    this.flow = flow;
  }
}

/**
 * Thrown by a worker handler to fail the job at once, without further attempts. `code` (default
 * `non_retryable`) and `details` become the job's error.
 */
export class NonRetryableJobError extends BatchyardError {
  override name = 'NonRetryableJobError';
  readonly code: string;
  readonly details: unknown;
  constructor(message: string, options?: { code?: string; details?: unknown; cause?: unknown }) {
    super(message, options);
    this.code = options?.code ?? 'non_retryable';
    this.details = options?.details;
  }
}
