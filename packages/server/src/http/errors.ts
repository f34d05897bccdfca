import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, PROBLEM_CONTENT_TYPE, toProblem, type FieldError } from '../errors/problem.js';
import { ERROR_CODES, type ErrorCode } from '../errors/registry.js';

interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

const LOCATION: Record<string, FieldError['in']> = {
  body: 'body',
  querystring: 'query',
  params: 'path',
  headers: 'header',
};

const escapePointer = (name: string) => name.replace(/~/g, '~0').replace(/\//g, '~1');

export function fieldErrorsFromAjv(errors: AjvError[], context: string): FieldError[] {
  const where = LOCATION[context] ?? 'body';
  const out: FieldError[] = [];
  // A union of literals (TypeBox's enums) fails as one `const` error per literal plus an `anyOf`:
  // answered as one message listing the accepted values.
  const literals = new Map<string, unknown[]>();
  for (const e of errors) {
    if (e.keyword !== 'const') continue;
    literals.set(e.instancePath, [...(literals.get(e.instancePath) ?? []), e.params.allowedValue]);
  }
  const unions = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  for (const e of errors) {
    let pointer = e.instancePath;
    let message = e.message ?? 'is invalid';
    const accepted = literals.get(e.instancePath);
    if (e.keyword === 'const' && unions.has(e.instancePath)) continue;
    if (e.keyword === 'anyOf' && accepted) {
      message = `must be one of ${accepted.map((v) => JSON.stringify(v)).join(', ')}`;
    } else if (e.keyword === 'const') {
      message = `must be ${JSON.stringify(e.params.allowedValue)}`;
    } else if (e.keyword === 'additionalProperties') {
      pointer += '/' + escapePointer(String(e.params.additionalProperty));
      message = 'is not a known field';
    } else if (e.keyword === 'required') {
      pointer += '/' + escapePointer(String(e.params.missingProperty));
      message = 'is required';
    } else if (e.keyword === 'type') {
      message = `must be ${String(e.params.type)}`;
    } else if (e.keyword === 'enum' && Array.isArray(e.params.allowedValues)) {
      message = `must be one of ${e.params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    }
    if (!out.some((o) => o.pointer === pointer && o.message === message))
      out.push({ in: where, pointer, message });
  }
  return out;
}

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  detail: string,
  options: {
    errors?: FieldError[] | undefined;
    headers?: Record<string, string>;
    extensions?: Record<string, unknown>;
  } = {},
) {
  const problem = toProblem(code, detail, {
    errors: options.errors,
    requestId: request.id,
    extensions: options.extensions,
  });
  if (options.headers) reply.headers(options.headers);
  return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).serializer(JSON.stringify).send(problem);
}

/** Fastify's own errors for bad requests, mapped to our codes. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'validation_failed',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
};

/** An error as an answer: what every error handler (problem+json or a compat family's shape) sends. */
export interface ErrorAnswer {
  code: ErrorCode;
  status: number;
  detail: string;
  errors?: FieldError[] | undefined;
  headers?: Record<string, string> | undefined;
  extensions?: Record<string, unknown> | undefined;
}

/**
 * Maps any error a route can throw (ours, a validation failure, Fastify's own, an unexpected one)
 * to its code, status and detail; logs the unexpected ones. The one place errors are classified.
 */
export function describeError(error: FastifyError | ApiError, request: FastifyRequest): ErrorAnswer {
  const answer = (code: ErrorCode, detail: string, extra: Partial<ErrorAnswer> = {}): ErrorAnswer => ({
    code,
    status: ERROR_CODES[code].status,
    detail,
    ...extra,
  });
  if (error instanceof ApiError) {
    return answer(error.code, error.message, {
      errors: error.errors,
      headers: error.headers,
      extensions: error.extensions,
    });
  }
  if (error.validation) {
    const errors = fieldErrorsFromAjv(error.validation as AjvError[], error.validationContext ?? 'body');
    const first = errors[0];
    const detail = first
      ? `${first.in} ${first.pointer || '(root)'} ${first.message}` +
        (errors.length > 1 ? ` (and ${errors.length - 1} more)` : '')
      : error.message;
    return answer('validation_failed', detail, { errors });
  }
  const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
  if (mapped) return answer(mapped, error.message);
  if (error instanceof SyntaxError && error.statusCode === 400) {
    return answer('malformed_json', `The body is not valid JSON: ${error.message}`);
  }
  if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    request.log.info({ err: error }, 'unmapped client error');
    return answer('validation_failed', error.message);
  }
  request.log.error({ err: error }, 'request failed');
  return answer('internal_error', 'An unexpected error occurred; see the server log for this requestId.');
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    const { code, detail, errors, headers, extensions } = describeError(error, request);
    return sendProblem(request, reply, code, detail, {
      errors,
      ...(headers ? { headers } : {}),
      ...(extensions ? { extensions } : {}),
    });
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      request,
      reply,
      'route_not_found',
      `No route ${request.method} ${request.url.split('?')[0]}.`,
    ),
  );
}
