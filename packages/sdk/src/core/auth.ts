import type { AccessToken } from '../types.js';
import { APIUserAbortError } from './errors.js';
import { raceAbort } from '../internal/retry.js';

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
  /**
   * Refresh the access token this long before it expires (default 60 s). Never more than half the
   * token's lifetime, so short-lived tokens are not fetched on every request.
   */
  refreshSkewMs?: number;
}

interface CachedToken {
  value: string;
  refreshAt: number;
  expiresAt: number;
}

/**
 * OAuth2 client-credentials tokens: fetched on first need, cached, refreshed ahead of expiry.
 * Concurrent callers share one in-flight fetch.
 */
export class ClientCredentialsTokenProvider {
  private cached: CachedToken | undefined;
  private inFlight: Promise<CachedToken> | undefined;
  private readonly clientId: string;
  private readonly clientSecret: string;
  private readonly refreshSkewMs: number;

  constructor(
    credentials: ClientCredentials,
    /** Calls the token endpoint (the client does it, with its retries and timeouts). */
    private readonly fetchToken: (clientId: string, clientSecret: string) => Promise<AccessToken>,
  ) {
    this.clientId = credentials.clientId;
    this.clientSecret = credentials.clientSecret;
    this.refreshSkewMs = credentials.refreshSkewMs ?? 60_000;
  }

  /** A token valid for a while yet. `signal` only stops this caller's wait, not a shared fetch. */
  async getToken(signal?: AbortSignal): Promise<string> {
    const now = Date.now();
    const cached = this.cached;
    if (cached && now < cached.refreshAt) return cached.value;
    try {
      return (await raceAbort(this.refresh(), signal)).value;
    } catch (error) {
      if (error instanceof APIUserAbortError) throw error;
      // The token endpoint failing is no reason to drop a token that still works.
      if (cached && Date.now() < cached.expiresAt - 1_000 && this.cached === cached) return cached.value;
      throw error;
    }
  }

  /** Forgets `token` after the server refused it, so the next getToken() fetches a new one. */
  invalidate(token: string): void {
    if (this.cached?.value === token) this.cached = undefined;
  }

  private refresh(): Promise<CachedToken> {
    this.inFlight ??= this.fetchToken(this.clientId, this.clientSecret)
      .then((response) => {
        const now = Date.now();
        const lifetimeMs = response.expires_in * 1000;
        const token: CachedToken = {
          value: response.access_token,
          expiresAt: now + lifetimeMs,
          refreshAt: now + lifetimeMs - Math.min(this.refreshSkewMs, lifetimeMs / 2),
        };
        this.cached = token;
        return token;
      })
      .finally(() => {
        this.inFlight = undefined;
      });
    return this.inFlight;
  }
}
