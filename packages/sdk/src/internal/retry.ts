import { APIUserAbortError } from '../core/errors.js';

const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 8_000;
/** Exponential backoff with full jitter: a random wait in [0, min(8 s, 0.5 s · 2^retry)). */
export function backoffDelay(retry: number, random: () => number = Math.random): number {
  return random() * Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** retry);
}

/** Longest `Retry-After` the client waits for; a longer one fails the call at once. */
export const MAX_RETRY_AFTER_MS = 60_000;

/** `Retry-After` in milliseconds (delay-seconds or an HTTP date), capped at 60 s; undefined when absent or invalid. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  const ms = parseRetryAfterUncapped(value, now);
  return ms === undefined ? undefined : Math.min(ms, MAX_RETRY_AFTER_MS);
}

/** `Retry-After` in milliseconds, uncapped; undefined when absent or invalid. */
export function parseRetryAfterUncapped(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  let ms: number;
  if (/^\d+(\.\d+)?$/.test(text)) {
    ms = Number(text) * 1000;
  } else if (/^[-+\d.\s]*$/.test(text)) {
    return undefined;
  } else {
    const date = Date.parse(text);
    if (Number.isNaN(date)) return undefined;
    ms = date - now;
  }
  return Math.max(ms, 0);
}

/** Statuses worth another attempt: the same request may well succeed later. */
export function isRetryableStatus(status: number, code: string | undefined): boolean {
  return (
    status === 408 || status === 429 || status >= 500 || (status === 409 && code === 'idempotency_key_in_use')
  );
}

/** Waits `ms`, or throws APIUserAbortError as soon as `signal` fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new APIUserAbortError(undefined, { cause: signal.reason }));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new APIUserAbortError(undefined, { cause: signal?.reason }));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** `promise`, unless `signal` fires first (the work behind `promise` goes on for its other waiters). */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(new APIUserAbortError(undefined, { cause: signal.reason }));
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(new APIUserAbortError(undefined, { cause: signal.reason }));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
