import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../errors/problem.js';

/** Query parameters that may change from page to page without changing the list. */
const PAGE_ONLY = new Set(['cursor', 'limit', 'fields']);
const MAC_BYTES = 16;

/**
 * Seals every `nextCursor` a route answers and opens every `cursor` it is given, so a cursor is
 * tamper-evident and bound to the list that made it: the route, its path parameters and every
 * query parameter but `cursor`, `limit` and `fields` (sort and filters included). The key is
 * derived from the instance's token secret (`--jwt-secret` or `<dataDir>/jwt-secret`), which every
 * process of an instance already shares; it is never stored in the database.
 */
export function registerCursors(app: FastifyInstance, instanceSecret: string): void {
  const key = createHmac('sha256', instanceSecret).update('batchyard list cursors v1').digest();
  const mac = (request: FastifyRequest, inner: string) =>
    createHmac('sha256', key)
      .update(bindingOf(request))
      .update('\n')
      .update(inner)
      .digest()
      .subarray(0, MAC_BYTES);

  app.addHook('preHandler', async (request) => {
    const query = request.query as Record<string, unknown> | undefined;
    const cursor = query?.cursor;
    if (typeof cursor !== 'string') return;
    const dot = cursor.lastIndexOf('.');
    const inner = cursor.slice(0, dot);
    const given = Buffer.from(cursor.slice(dot + 1), 'base64url');
    const expected = mac(request, inner);
    if (dot <= 0 || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new ApiError(
        'invalid_cursor',
        'The cursor was not made by this list with these filters and sort (or it was altered); start again without it.',
        { errors: [{ in: 'query', pointer: '/cursor', message: 'is not a cursor of this list' }] },
      );
    }
    query!.cursor = inner;
  });

  app.addHook('preSerialization', async (request, _reply, payload) => {
    if (typeof payload !== 'object' || payload === null) return payload;
    const page = payload as { nextCursor?: unknown };
    if (typeof page.nextCursor !== 'string') return payload;
    return {
      ...page,
      nextCursor: `${page.nextCursor}.${mac(request, page.nextCursor).toString('base64url')}`,
    };
  });
}

/** What a cursor is bound to: method, route, path parameters and the list's query. */
function bindingOf(request: FastifyRequest): string {
  const query = Object.entries((request.query ?? {}) as Record<string, unknown>)
    .filter(([name]) => !PAGE_ONLY.has(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const params = Object.entries((request.params ?? {}) as Record<string, unknown>).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  return JSON.stringify([request.method, request.routeOptions.url, params, query]);
}
