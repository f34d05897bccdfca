import { BatchyardError } from '../core/errors.js';
import type { Query } from '../core/http.js';

export function buildUrl(baseUrl: string, path: string, query: Query | undefined): string {
  let url = baseUrl + (path.startsWith('/') ? path : `/${path}`);
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    search.append(name, Array.isArray(value) ? value.join(',') : String(value));
  }
  const text = search.toString();
  if (text) url += (url.includes('?') ? '&' : '?') + text;
  return url;
}

/** Path segment for an id, refusing empty ones (they would address the collection instead). */
export function pathId(id: string): string {
  if (typeof id !== 'string' || id === '') throw new BatchyardError('The id must be a non-empty string.');
  return encodeURIComponent(id);
}

export function encodeBody(body: unknown): { body?: NonNullable<RequestInit['body']>; contentType?: string } {
  if (body === undefined) return {};
  if (
    typeof body === 'string' ||
    body instanceof URLSearchParams ||
    body instanceof ArrayBuffer ||
    ArrayBuffer.isView(body) ||
    (typeof Blob !== 'undefined' && body instanceof Blob) ||
    (typeof FormData !== 'undefined' && body instanceof FormData)
  ) {
    return { body: body as NonNullable<RequestInit['body']> };
  }
  return { body: JSON.stringify(body), contentType: 'application/json' };
}

/** A JSON answer parsed, a text answer as text, no content as undefined. */
export async function parseBody(response: Response): Promise<unknown> {
  if (response.status === 204 || response.status === 205) return undefined;
  const text = await response.text();
  if (text === '') return undefined;
  if (!/[/+]json\b/i.test(response.headers.get('content-type') ?? '')) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new BatchyardError(`The server answered HTTP ${response.status} with invalid JSON.`, {
      cause: error,
    });
  }
}

export function newIdempotencyKey(): string {
  const crypto = (
    globalThis as {
      crypto?: { randomUUID?: () => string; getRandomValues?: (array: Uint8Array) => Uint8Array };
    }
  ).crypto;
  if (crypto?.randomUUID) return crypto.randomUUID();
  // Runtimes without randomUUID (insecure browser contexts): a v4 UUID from getRandomValues.
  const bytes = new Uint8Array(16);
  if (crypto?.getRandomValues) crypto.getRandomValues(bytes);
  else for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
