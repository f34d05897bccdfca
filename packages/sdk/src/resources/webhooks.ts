import { BatchyardError } from '../core/errors.js';
import type { Query, RequestOptions } from '../core/http.js';
import { pathId } from '../internal/http.js';
import type { PagePromise } from '../core/pagination.js';
import { APIResource } from '../core/resource.js';
import type { operations } from '../generated/api.js';

type JsonBody<
  O extends keyof operations,
  S extends keyof operations[O]['responses'],
> = operations[O]['responses'][S] extends { content: { 'application/json': infer B } } ? B : never;
type RequestBody<O extends keyof operations> = operations[O] extends {
  requestBody: { content: { 'application/json': infer B } };
}
  ? B
  : never;
type QueryOf<O extends keyof operations> = NonNullable<operations[O]['parameters']['query']>;

/** A subscription of a URL to a project's events. `secret` is there on create and rotation only. */
export type Webhook = JsonBody<'createWebhook', 201>;
export type WebhookEvent = Webhook['events'][number];
/** One event sent to a webhook: its attempts, last status code and last error. */
export type WebhookDelivery = JsonBody<'pingWebhook', 202>;
export type WebhookCreateParams = RequestBody<'createWebhook'>;
export type WebhookUpdateParams = RequestBody<'updateWebhook'>;
export type WebhookListParams = Omit<QueryOf<'listWebhooks'>, 'fields'> & { fields?: readonly string[] };
export type WebhookDeliveryListParams = QueryOf<'listWebhookDeliveries'>;

/** Per-project webhooks: signed deliveries (Standard Webhooks), retried with backoff, with a log. */
export class Webhooks extends APIResource {
  /** Subscribes a URL; the answer holds the signing secret (`whsec_…`), the only time it is shown. */
  create(body: WebhookCreateParams, options?: RequestOptions): Promise<Webhook> {
    return this.client.request('POST', '/v1/webhooks', { ...options, body });
  }

  list(
    params: WebhookListParams = {},
    options?: RequestOptions,
  ): PagePromise<Partial<Webhook> & { id: string }> {
    return this.client.getPage('/v1/webhooks', params as Query, options);
  }

  get(id: string, options?: RequestOptions): Promise<Webhook> {
    return this.client.request('GET', `/v1/webhooks/${pathId(id)}`, options);
  }

  /** Changes the URL, events, enabled flag or retries; `rotateSecret: true` answers a new secret. */
  update(id: string, body: WebhookUpdateParams, options?: RequestOptions): Promise<Webhook> {
    return this.client.request('PATCH', `/v1/webhooks/${pathId(id)}`, { ...options, body });
  }

  /** Deletes a webhook and its delivery log. */
  async delete(id: string, options?: RequestOptions): Promise<void> {
    await this.client.request('DELETE', `/v1/webhooks/${pathId(id)}`, options);
  }

  /** The delivery log, newest first (filter with `status`). */
  deliveries(
    id: string,
    params: WebhookDeliveryListParams = {},
    options?: RequestOptions,
  ): PagePromise<WebhookDelivery> {
    return this.client.getPage(`/v1/webhooks/${pathId(id)}/deliveries`, params as Query, options);
  }

  /** Sends a `webhook.ping` event now; resolves to its delivery. */
  ping(id: string, options?: RequestOptions): Promise<WebhookDelivery> {
    return this.client.request('POST', `/v1/webhooks/${pathId(id)}/ping`, options);
  }
}

/** The `webhook-id`, `webhook-timestamp` and `webhook-signature` headers of a delivery. */
export interface WebhookHeaders {
  id: string;
  timestamp: string | number;
  signature: string;
}

export interface VerifyWebhookOptions {
  /** Largest accepted age (or skew) of `timestamp`, in seconds (default 300; Infinity: no check). */
  toleranceSeconds?: number;
  /** The current time in ms (default Date.now()). */
  now?: number;
}

/**
 * Checks a delivery's signature (Standard Webhooks: base64 HMAC-SHA256, keyed with the secret's
 * bytes, of `<id>.<timestamp>.<body>`) and that its timestamp is recent. `body` is the raw request
 * body, exactly as received. Resolves to true or false; never throws for a bad signature.
 */
export async function verifyWebhook(
  secret: string,
  headers: WebhookHeaders,
  body: string | Uint8Array,
  options: VerifyWebhookOptions = {},
): Promise<boolean> {
  if (typeof secret !== 'string' || secret === '') throw new BatchyardError('`secret` is required.');
  const { id, signature } = headers ?? ({} as WebhookHeaders);
  const timestamp = String(headers?.timestamp ?? '');
  if (typeof id !== 'string' || !id || typeof signature !== 'string' || !signature) return false;
  if (!/^\d+$/.test(timestamp)) return false;
  const tolerance = options.toleranceSeconds ?? 300;
  const now = options.now ?? Date.now();
  if (Number.isFinite(tolerance) && Math.abs(now / 1000 - Number(timestamp)) > tolerance) return false;

  let key: Uint8Array;
  try {
    key = fromBase64(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret);
  } catch {
    throw new BatchyardError('`secret` is not a whsec_… base64 secret.');
  }
  const encoder = new TextEncoder();
  const prefix = encoder.encode(`${id}.${timestamp}.`);
  const payload = typeof body === 'string' ? encoder.encode(body) : body;
  const signed = new Uint8Array(prefix.length + payload.length);
  signed.set(prefix, 0);
  signed.set(payload, prefix.length);
  const expected = toBase64(await hmacSha256(key, signed));

  let match = false;
  // Several signatures may be sent (key rotation): any `v1,<sig>` that matches will do.
  for (const part of signature.split(' ')) {
    const comma = part.indexOf(',');
    if (comma < 0 || part.slice(0, comma) !== 'v1') continue;
    if (constantTimeEqual(part.slice(comma + 1), expected)) match = true;
  }
  return match;
}

interface SubtleLike {
  importKey(
    format: 'raw',
    key: Uint8Array,
    algorithm: { name: 'HMAC'; hash: 'SHA-256' },
    extractable: boolean,
    usages: string[],
  ): Promise<unknown>;
  sign(algorithm: 'HMAC', key: unknown, data: Uint8Array): Promise<ArrayBuffer>;
}
interface NodeCrypto {
  createHmac(
    algorithm: string,
    key: Uint8Array,
  ): {
    update(data: Uint8Array): { digest(): Uint8Array };
  };
}
// Not a literal: bundlers for browsers leave it alone, and the SDK's bundles import nothing.
const NODE_CRYPTO = 'node:crypto';

async function hmacSha256(key: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  const subtle = (globalThis as { crypto?: { subtle?: SubtleLike } }).crypto?.subtle;
  if (subtle) {
    const cryptoKey = await subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    return new Uint8Array(await subtle.sign('HMAC', cryptoKey, data));
  }
  const crypto = (await import(NODE_CRYPTO)) as NodeCrypto;
  return new Uint8Array(crypto.createHmac('sha256', key).update(data).digest());
}

function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

function fromBase64(text: string): Uint8Array {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length === 0) throw new Error('not base64');
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
