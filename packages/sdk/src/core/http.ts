export type QueryValue =
  string | number | boolean | null | undefined | readonly (string | number | boolean)[];
/** Query parameters; arrays are sent comma-separated, null and undefined are left out. */
export type Query = Record<string, QueryValue>;

/** Per-call settings, accepted as the last argument of every method. */
export interface RequestOptions {
  /** Retries after a network error, timeout, 408, 409 idempotency_key_in_use, 429 or 5xx. */
  maxRetries?: number;
  /** Time allowed for each attempt, answer body included. */
  timeoutMs?: number;
  /** Aborting it stops the call (and its retries) with APIUserAbortError. */
  signal?: AbortSignal;
  /** Sent as `Idempotency-Key` on POST/PATCH/PUT/DELETE (default: a new UUID per call, kept across its retries). */
  idempotencyKey?: string;
  /** Extra headers; a null value removes a default one. */
  headers?: Record<string, string | null | undefined>;
}

/** `client.request()` options: RequestOptions plus the query and the body. */
export interface FullRequestOptions extends RequestOptions {
  query?: Query;
  /** Sent as JSON, unless it is a string, URLSearchParams, FormData, Blob or binary buffer. */
  body?: unknown;
}
