import type { FastifyRequest } from 'fastify';

/** Query parameters whose values are credentials: never written to a log line. */
const SECRET_PARAMS =
  /([?&](?:client_secret|secret|(?:access_|refresh_|id_)?token|api_?key|password)=)[^&#]*/gi;

/** The URL with the values of credential-bearing query parameters replaced by `[redacted]`. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAMS, '$1[redacted]');
}

/**
 * Fastify's request serializer (the `req` of "incoming request" lines) with the URL redacted: a
 * client secret sent in a query string, say to the token endpoint, must not land in the logs.
 */
export function serializeRequest(request: FastifyRequest): Record<string, unknown> {
  return {
    method: request.method,
    url: redactUrl(request.url),
    version: request.headers['accept-version'],
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}
