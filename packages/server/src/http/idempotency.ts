import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../errors/problem.js';
import type { Store } from '../store/index.js';
import {
  claimIdempotencyKey,
  findIdempotencyKey,
  releaseIdempotencyKey,
  releaseStaleIdempotencyClaim,
  storeIdempotentResponse,
  touchIdempotencyClaims,
  type IdempotencyRow,
} from '../store/queries/idempotency.js';

const METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);
/**
 * A process refreshes the claims of the requests it is still working on this often (their
 * `created_at`), so a claim not refreshed for STALE_CLAIM_MS belongs to a process that died: a
 * retry (the SDK's, failing over to another API process) may take it over after that, not before.
 */
const CLAIM_REFRESH_MS = 10_000;
const STALE_CLAIM_MS = 35_000;
const REPLAYED_HEADERS = ['content-type', 'location'];

declare module 'fastify' {
  interface FastifyRequest {
    idempotency?: { scope: string; key: string };
  }
}

function requestHash(request: FastifyRequest): string {
  // A streamed body (uploads) is not read ahead of its handler: the key covers method and URL.
  const body = request.body instanceof Readable ? '<stream>' : JSON.stringify(request.body ?? null);
  return createHash('sha256').update(`${request.method} ${request.url}\n${body}`).digest('hex');
}

/**
 * `Idempotency-Key` on POST/PATCH/DELETE: the first request claims the key, its response is stored,
 * and a replay with the same parameters gets that response back with `Idempotent-Replayed: true`.
 * Runs after authentication and validation, so a rejected request never consumes its key.
 */
export function registerIdempotency(app: FastifyInstance, store: Store, ttlHours: number): void {
  /** Claims this process holds for requests in progress, by scope and key. */
  const held = new Map<string, { scope: string; key: string }>();
  const heldKey = (claim: { scope: string; key: string }) => `${claim.scope}\n${claim.key}`;
  const refresher = setInterval(() => {
    if (held.size === 0) return;
    touchIdempotencyClaims(store.db, [...held.values()], Date.now()).catch((err: unknown) =>
      app.log.warn({ err }, 'idempotency claim refresh failed'),
    );
  }, CLAIM_REFRESH_MS);
  refresher.unref();
  app.addHook('onClose', async () => clearInterval(refresher));
  // Backstop for requests whose answer never went through onSend (hijacked or cut short).
  app.addHook('onResponse', async (request) => {
    if (request.idempotency) held.delete(heldKey(request.idempotency));
  });

  app.addHook('preHandler', async (request, reply) => {
    if (!METHODS.has(request.method) || !request.principal) return;
    const header = request.headers['idempotency-key'];
    if (header === undefined) return;
    const key = Array.isArray(header) ? header[0] : header;
    if (!key || key.length > 255) {
      throw new ApiError('invalid_idempotency_key', 'Idempotency-Key must be 1 to 255 characters.');
    }
    const scope = request.principal.id;
    const hash = requestHash(request);
    const now = Date.now();

    let existing: IdempotencyRow | undefined;
    for (let attempt = 0; attempt < 2; attempt++) {
      const claimed = await claimIdempotencyKey(store.db, {
        scope,
        key,
        request_hash: hash,
        created_at: now,
        expires_at: now + ttlHours * 3_600_000,
      });
      if (claimed) {
        request.idempotency = { scope, key };
        held.set(heldKey(request.idempotency), request.idempotency);
        return;
      }
      existing = await findIdempotencyKey(store.db, scope, key);
      if (!existing) continue; // released between our insert and read: claim again
      if (existing.response_status === null && existing.created_at < now - STALE_CLAIM_MS) {
        await releaseStaleIdempotencyClaim(store.db, scope, key, now - STALE_CLAIM_MS);
        continue;
      }
      break;
    }
    if (!existing)
      throw new ApiError('idempotency_key_in_use', 'Another request holds this Idempotency-Key.');
    if (existing.request_hash !== hash) {
      throw new ApiError(
        'idempotency_key_reused',
        `Idempotency-Key "${key}" was used with a different request; use a new key for new parameters.`,
      );
    }
    if (existing.response_status === null) {
      throw new ApiError(
        'idempotency_key_in_use',
        `A request with Idempotency-Key "${key}" is still being processed.`,
        {
          headers: { 'retry-after': '1' },
        },
      );
    }
    const headers = JSON.parse(existing.response_headers ?? '{}') as Record<string, string>;
    return reply
      .code(existing.response_status)
      .headers(headers)
      .header('idempotent-replayed', 'true')
      .serializer((payload: unknown) => payload as string)
      .send(existing.response_body ?? '');
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotency;
    if (!claim) return payload;
    request.idempotency = undefined;
    held.delete(heldKey(claim));
    const status = reply.statusCode;
    // Failures that say "try again" must not be replayed: free the key for the retry.
    if (status >= 500 || status === 429 || (status === 409 && reply.getHeader('retry-after') !== undefined)) {
      await releaseIdempotencyKey(store.db, claim.scope, claim.key);
      return payload;
    }
    const headers: Record<string, string> = {};
    for (const name of REPLAYED_HEADERS) {
      const value = reply.getHeader(name);
      if (value !== undefined) headers[name] = String(value);
    }
    const body =
      typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : '';
    await storeIdempotentResponse(store.db, claim.scope, claim.key, {
      status,
      headers: JSON.stringify(headers),
      body,
    });
    return payload;
  });
}
