import { ERROR_CODES, type ErrorCode } from './registry.js';

/** Where a bad value was found: `pointer` is a JSON pointer inside that part of the request. */
export interface FieldError {
  in: 'body' | 'query' | 'path' | 'header';
  pointer: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  errors?: FieldError[];
  requestId?: string;
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const TYPE_BASE = 'https://batchyard.dev/errors/';

/** An error a service or route throws to answer with a problem+json. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string> | undefined;
  readonly extensions: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    detail: string,
    options: {
      errors?: FieldError[];
      headers?: Record<string, string>;
      extensions?: Record<string, unknown>;
    } = {},
  ) {
    super(detail);
    this.name = 'ApiError';
    this.code = code;
    this.status = ERROR_CODES[code].status;
    this.errors = options.errors;
    this.headers = options.headers;
    this.extensions = options.extensions;
  }
}

export function toProblem(
  code: ErrorCode,
  detail: string,
  extra: { errors?: FieldError[] | undefined; requestId?: string; extensions?: Record<string, unknown> } = {},
): Problem {
  const info = ERROR_CODES[code];
  const problem: Problem = {
    ...extra.extensions,
    type: TYPE_BASE + code,
    title: info.title,
    status: info.status,
    detail,
    code,
  };
  if (extra.errors && extra.errors.length > 0) problem.errors = extra.errors;
  if (extra.requestId) problem.requestId = extra.requestId;
  return problem;
}

export function notFound(what: string, id: string): ApiError {
  return new ApiError('not_found', `${what} ${id} was not found.`);
}

export function badField(location: FieldError['in'], pointer: string, message: string): ApiError {
  return new ApiError('validation_failed', `${pointer.slice(1) || location}: ${message}`, {
    errors: [{ in: location, pointer, message }],
  });
}
