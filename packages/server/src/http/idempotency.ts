import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { Readable, Transform, pipeline, type TransformCallback } from 'node:stream';
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
    idempotency?: { scope: string; key: string; body?: BodyFingerprint };
    /** The SHA-256 (hex) of a parsed JSON body's bytes, taken when the request has an Idempotency-Key. */
    jsonBodyDigest?: string;
  }
  interface FastifyContextConfig {
    /**
     * Top-level fields of the response that hold a secret shown once (an API key's token, a client
     * secret, a webhook signing secret). The stored replay never holds them in clear: see Sealer.
     */
    secretFields?: readonly string[];
  }
}

/** Names the fields a replay could not give back (sealed by another process, or before a restart). */
export const SECRET_WITHHELD_HEADER = 'idempotent-secret-withheld';
const SEALED = 'sealed:v1:';

/**
 * Seals secret response fields before the response is stored for replay: AES-256-GCM with a key
 * made at start-up and held only in this process's memory, never in the database. A replay served
 * by the same process gets the secret back (the client that lost the first answer needs it); any
 * other process, or this one after a restart, cannot open it and answers the field as null.
 */
class Sealer {
  private readonly key = randomBytes(32);
  private readonly id = randomBytes(6).toString('base64url');

  seal(secret: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(this.id));
    const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return `${SEALED}${this.id}:${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url')}`;
  }

  /** The secret, or null when this process did not seal it (or the text was altered). */
  open(text: string): string | null {
    if (!text.startsWith(`${SEALED}${this.id}:`)) return null;
    const bytes = Buffer.from(text.slice(SEALED.length + this.id.length + 1), 'base64url');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, 12));
      decipher.setAAD(Buffer.from(this.id));
      decipher.setAuthTag(bytes.subarray(12, 28));
      return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      return null;
    }
  }

  /** The response body to store: each secret field (a string) sealed. */
  sealBody(body: string, fields: readonly string[]): string {
    const parsed = parseObject(body);
    if (!parsed || !fields.some((f) => typeof parsed[f] === 'string')) return body;
    for (const field of fields) {
      const value = parsed[field];
      if (typeof value === 'string') parsed[field] = this.seal(value);
    }
    return JSON.stringify(parsed);
  }

  /** The stored body with its sealed fields opened, and the fields that could not be. */
  openBody(body: string, fields: readonly string[]): { body: string; withheld: string[] } {
    const parsed = parseObject(body);
    const withheld: string[] = [];
    if (!parsed) return { body, withheld };
    let changed = false;
    for (const field of fields) {
      const value = parsed[field];
      if (typeof value !== 'string' || !value.startsWith(SEALED)) continue;
      const opened = this.open(value);
      parsed[field] = opened;
      if (opened === null) withheld.push(field);
      changed = true;
    }
    return { body: changed ? JSON.stringify(parsed) : body, withheld };
  }
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Notes the SHA-256 of a JSON body's bytes as the body parser gets them, when the request carries an
 * Idempotency-Key: its claim then covers those bytes. Hashing the bytes costs a fraction of writing
 * the parsed body out again and hashing that text (measured: 6 % of the server's CPU in a bulk task
 * create of 5,000 tasks a request).
 */
export function noteJsonBody(request: FastifyRequest, bytes: Buffer): void {
  if (request.headers['idempotency-key'] !== undefined && METHODS.has(request.method))
    request.jsonBodyDigest = createHash('sha256').update(bytes).digest('hex');
}

/** What a claim covers: the method, the URL and the body (its bytes' SHA-256 where they were hashed). */
function requestHash(request: FastifyRequest, bodyDigest?: string): string {
  // A streamed body (uploads) is not read ahead of its handler: until it has been read, the claim
  // covers method and URL; once read, the stored hash covers its SHA-256 too.
  const body =
    request.body instanceof Readable
      ? bodyDigest === undefined
        ? '<stream>'
        : `<stream sha256:${bodyDigest}>`
      : request.jsonBodyDigest !== undefined
        ? `<json sha256:${request.jsonBodyDigest}>`
        : parsedBody(request);
  return claimHash(request, body);
}

/**
 * The parsed body written out again: what claims covered before JSON bodies were hashed as bytes
 * (compared too, so a retry that straddles an upgrade still replays).
 */
const parsedBody = (request: FastifyRequest) => JSON.stringify(request.body ?? null);

const claimHash = (request: FastifyRequest, body: string) =>
  createHash('sha256').update(`${request.method} ${request.url}\n${body}`).digest('hex');

/** The SHA-256 of a streamed body, computed as its handler reads it. */
class BodyFingerprint extends Transform {
  private readonly hash = createHash('sha256');
  /** The hex digest once the whole body went through, else undefined. */
  digest: string | undefined;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.hash.update(chunk);
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    this.digest = this.hash.digest('hex');
    done();
  }
}

/** Reads a streamed body to its end (a replay: the handler will not) and returns its SHA-256. */
async function digestOf(body: Readable): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of body) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * `Idempotency-Key` on POST/PATCH/DELETE: the first request claims the key, its response is stored,
 * and a replay with the same parameters gets that response back with `Idempotent-Replayed: true`.
 * Runs after authentication and validation, so a rejected request never consumes its key.
 */
export function registerIdempotency(app: FastifyInstance, store: Store, ttlHours: number): void {
  const sealer = new Sealer();
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
        if (request.body instanceof Readable) {
          // The handler reads the body through the fingerprint; errors pass through to it.
          const fingerprint = new BodyFingerprint();
          request.body = pipeline(request.body, fingerprint, () => undefined);
          request.idempotency.body = fingerprint;
        }
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
    // A finished request with a streamed body stored the hash of that body: this one's body is
    // read (and dropped) to compare, so another upload under the same key is a 422, not a replay.
    const same =
      existing.request_hash === hash ||
      (request.jsonBodyDigest !== undefined &&
        existing.request_hash === claimHash(request, parsedBody(request))) ||
      (existing.response_status !== null &&
        request.body instanceof Readable &&
        existing.request_hash === requestHash(request, await digestOf(request.body)));
    if (!same) {
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
    const secretFields = request.routeOptions.config.secretFields ?? [];
    const { body, withheld } = sealer.openBody(existing.response_body ?? '', secretFields);
    if (withheld.length > 0) reply.header(SECRET_WITHHELD_HEADER, withheld.join(', '));
    return reply
      .code(existing.response_status)
      .headers(headers)
      .header('idempotent-replayed', 'true')
      .serializer((payload: unknown) => payload as string)
      .send(body);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotency;
    if (!claim) return payload;
    request.idempotency = undefined;
    held.delete(heldKey(claim));
    const status = reply.statusCode;
    // A streamed body not read to its end (refused early) has no fingerprint to store: the answer
    // is not kept, and the key stays free for the retry.
    const bodyDigest = claim.body ? (claim.body.digest ?? null) : undefined;
    // Node drops an unread request body by itself, but not one already piped into the fingerprint:
    // drain it, or the client's upload stalls on a full socket and its connection is stuck.
    if (bodyDigest === null && request.body instanceof Readable && !request.body.readableEnded)
      request.body.resume();
    // Failures that say "try again" must not be replayed: free the key for the retry.
    if (
      bodyDigest === null ||
      status >= 500 ||
      status === 429 ||
      (status === 409 && reply.getHeader('retry-after') !== undefined)
    ) {
      await releaseIdempotencyKey(store.db, claim.scope, claim.key);
      return payload;
    }
    const headers: Record<string, string> = {};
    for (const name of REPLAYED_HEADERS) {
      const value = reply.getHeader(name);
      if (value !== undefined) headers[name] = String(value);
    }
    const text =
      typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : '';
    const secretFields = request.routeOptions.config.secretFields;
    const body = secretFields ? sealer.sealBody(text, secretFields) : text;
    await storeIdempotentResponse(
      store.db,
      claim.scope,
      claim.key,
      { status, headers: JSON.stringify(headers), body },
      bodyDigest === undefined ? undefined : requestHash(request, bodyDigest),
    );
    return payload;
  });
}
