import { isUtf8 } from 'node:buffer';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError, PROBLEM_CONTENT_TYPE, toProblem } from '../errors/problem.js';
import type { ErrorCode } from '../errors/registry.js';
import { newId } from '../ids.js';
import { noteJsonBody } from './idempotency.js';
import { JSON_INVALID_UTF8_MARK, markInvalid } from './utf8.js';

/**
 * The rules every route shares about what a request may carry: no query parameter a route does not
 * declare, JSON bodies only (or the media types a route lists in `consumes`), and an empty body
 * accepted where a route takes none.
 */
export function registerRequestContract(app: FastifyInstance): void {
  // A route with no querystring schema takes no query parameters; one with a schema names them all.
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/v1')) return;
    const schema = (route.schema ??= {}) as { querystring?: Record<string, unknown> };
    if (schema.querystring === undefined) {
      schema.querystring = { type: 'object', properties: {}, additionalProperties: false };
    } else if (schema.querystring.additionalProperties !== false) {
      throw new Error(
        `Route ${String(route.method)} ${route.url}: its querystring must set additionalProperties: false`,
      );
    }
  });

  // text/plain is no body format of this API: without a parser it is a 415, not a string body.
  app.removeContentTypeParser('text/plain');
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const bytes = body as Buffer;
    // Clients that always send `Content-Type: application/json` may POST nothing to a route that
    // takes no body; where a body is expected, an empty one is still malformed JSON.
    if (bytes.length === 0 && !routeTakesBody(request)) return done(null, undefined);
    noteJsonBody(request, bytes);
    // Decoding as Node does would turn bytes that are not UTF-8 into U+FFFD without a word; marked
    // instead, they make the text guard refuse the string holding them, by its pointer (or, outside
    // a string, make the body malformed JSON).
    const text = (isUtf8(bytes) ? bytes : markInvalid(bytes, JSON_INVALID_UTF8_MARK)).toString('utf8');
    return parseJson(request, text, done);
  });

  app.addHook('preParsing', async (request) => {
    const contentType = request.headers['content-type'];
    if (contentType === undefined) return;
    const schema = request.routeOptions.schema as { body?: unknown; consumes?: string[] } | undefined;
    if (schema?.body === undefined) return;
    const media = contentType.split(';')[0]!.trim().toLowerCase();
    const accepted = schema.consumes ?? ['application/json'];
    if (!accepted.includes(media)) {
      throw new ApiError(
        'unsupported_media_type',
        `Content-Type "${media}" is not accepted here; send ${accepted.join(' or ')}.`,
        { errors: [{ in: 'header', pointer: '/content-type', message: `must be ${accepted.join(' or ')}` }] },
      );
    }
  });
}

function routeTakesBody(request: FastifyRequest): boolean {
  return (request.routeOptions.schema as { body?: unknown } | undefined)?.body !== undefined;
}

const CLIENT_ERRORS: Record<string, { status: number; code: ErrorCode; detail: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: 'headers_too_large',
    detail: 'The request headers are larger than the server accepts.',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    code: 'request_timeout',
    detail: 'The request was not received in time.',
  },
};

/**
 * Requests Node's HTTP parser rejects before Fastify sees them (a bad request line, headers too
 * large, a timeout): answered as problem+json with a request id, like every other error.
 */
export function clientErrorHandler(this: FastifyInstance, error: Error & { code?: string }, socket: Socket) {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const known = error.code ? CLIENT_ERRORS[error.code] : undefined;
  const requestId = newId('req');
  const problem = known
    ? toProblem(known.code, known.detail, { requestId })
    : toProblem(
        'malformed_request',
        `The server could not parse the HTTP request (${error.code ?? error.message}).`,
        {
          requestId,
        },
      );
  const body = JSON.stringify(problem);
  this.log.info({ err: error, requestId }, 'client error');
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status] ?? 'Bad Request'}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        `X-Request-Id: ${requestId}\r\n` +
        `Connection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
