import { ApiError } from '../errors/problem.js';

const WINDOW_MS = 60_000;
/** Addresses remembered at once; past this the least recently failing one is forgotten. */
const MAX_ADDRESSES = 50_000;

/**
 * Failed authentications per client address over a sliding minute. Past the limit, a failure
 * answers 429 `too_many_auth_failures` (with Retry-After) instead of 401, so a client hammering
 * with a bad credential is slowed down. A valid credential is never refused: an address shared by
 * many clients (a NAT, a proxy) must not lock out the good ones, and the secrets (256 random bits)
 * leave nothing to guess.
 */
export class AuthFailureLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly perMinute: number) {}

  /**
   * Records a failed authentication from `address` and returns what to answer: `error` itself, or
   * a 429 once the address failed more than the limit within the last minute.
   */
  refuse(address: string, error: unknown, now = Date.now()): unknown {
    if (this.perMinute <= 0 || !(error instanceof ApiError) || error.status !== 401) return error;
    const times = (this.failures.get(address) ?? []).filter((t) => t > now - WINDOW_MS);
    times.push(now);
    // Only the newest `perMinute + 1` matter for the window; the list never grows past that.
    if (times.length > this.perMinute + 1) times.splice(0, times.length - this.perMinute - 1);
    this.failures.delete(address);
    if (this.failures.size >= MAX_ADDRESSES) this.failures.delete(this.failures.keys().next().value!);
    this.failures.set(address, times);
    if (times.length <= this.perMinute) return error;
    // Free again when the oldest failure that counts leaves the window.
    const retryAfter = Math.max(1, Math.ceil((times[0]! + WINDOW_MS - now) / 1000));
    return new ApiError(
      'too_many_auth_failures',
      `More than ${this.perMinute} failed authentications from this address in a minute; retry in ${retryAfter} s with a valid credential.`,
      { headers: { 'retry-after': String(retryAfter), ...error.headers } },
    );
  }
}
