import { ClientCredentialsTokenProvider, type ClientCredentials } from './core/auth.js';
import { readEnv } from './internal/env.js';
import { CONNECTION_FAILED } from './internal/failover.js';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  BatchyardError,
} from './core/errors.js';
import type { FullRequestOptions, Query, RequestOptions } from './core/http.js';
import { buildUrl, encodeBody, newIdempotencyKey, parseBody } from './internal/http.js';
import { Page, PagePromise, type PageFetcher, type PageResponse } from './core/pagination.js';
import { StreamBody } from './internal/stream-body.js';
import {
  MAX_RETRY_AFTER_MS,
  backoffDelay,
  isRetryableStatus,
  parseRetryAfterUncapped,
  sleep,
} from './internal/retry.js';
import { runWorker } from './internal/worker-loop.js';
import type { Worker, WorkerOptions } from './jobs/worker.js';
import { Batches } from './resources/batches.js';
import { ApiClients } from './resources/clients.js';
import { Datasets } from './resources/datasets.js';
import { Definitions } from './resources/definitions.js';
import { Flows } from './resources/flows.js';
import { Jobs } from './resources/jobs.js';
import { ApiKeys } from './resources/keys.js';
import { Members } from './resources/members.js';
import { Projects } from './resources/projects.js';
import { Quality } from './resources/quality.js';
import { AuditLog } from './resources/audit-log.js';
import { Rows } from './resources/rows.js';
import { Search } from './resources/search.js';
import { Sheets } from './resources/sheets.js';
import { Tasks } from './resources/tasks/index.js';
import { Webhooks } from './resources/webhooks.js';
import { Workspaces } from './resources/workspaces.js';
import type { AccessToken, Me, Problem } from './types.js';
import { VERSION } from './version.js';

export interface ClientOptions {
  /**
   * Server root, e.g. `http://127.0.0.1:8080` (default: BATCHYARD_URL). Several API processes of one
   * deployment: an array, or one string with the URLs separated by commas. Calls go to one of them
   * at a time and move to the next on a connection error (see the README's failover section).
   */
  baseUrl?: string | readonly string[];
  /** An API key or access token (default: BATCHYARD_TOKEN). */
  token?: string;
  /** OAuth2 client credentials (default: BATCHYARD_CLIENT_ID and BATCHYARD_CLIENT_SECRET). */
  clientCredentials?: ClientCredentials;
  /** Retries of a failed call (default 3). */
  maxRetries?: number;
  /** Time allowed for each attempt (default 60000). */
  timeoutMs?: number;
  /** A fetch implementation (default: the global fetch). */
  fetch?: typeof fetch;
  /** Headers sent with every request. */
  defaultHeaders?: Record<string, string>;
}

const DEFAULT_MAX_RETRIES = 3;
const DEFAULT_TIMEOUT_MS = 60_000;
const NO_IDEMPOTENCY = new Set(['GET', 'HEAD', 'OPTIONS']);
/** setTimeout fires at once beyond this. */
const MAX_TIMER_MS = 2_147_483_647;

interface SendOptions {
  /** False for the token endpoint: no Authorization header, no Idempotency-Key. */
  auth: boolean;
}

/** The Batchyard API client. */
export class Batchyard implements PageFetcher {
  /** Every server root this client may use, in order of preference. */
  readonly baseUrls: readonly string[];
  readonly maxRetries: number;
  readonly timeoutMs: number;

  readonly workspaces: Workspaces = new Workspaces(this);
  readonly projects: Projects = new Projects(this);
  readonly members: Members = new Members(this);
  readonly quality: Quality = new Quality(this);
  readonly auditLog: AuditLog = new AuditLog(this);
  readonly keys: ApiKeys = new ApiKeys(this);
  readonly clients: ApiClients = new ApiClients(this);
  readonly jobs: Jobs = new Jobs(this);
  readonly definitions: Definitions = new Definitions(this);
  readonly flows: Flows = new Flows(this);
  readonly datasets: Datasets = new Datasets(this);
  readonly batches: Batches = new Batches(this);
  readonly rows: Rows = new Rows(this);
  readonly search: Search = new Search(this);
  readonly tasks: Tasks = new Tasks(this);
  readonly sheets: Sheets = new Sheets(this);
  readonly webhooks: Webhooks = new Webhooks(this);

  // Private (#) so that logging the client never prints a credential.
  readonly #fetch: typeof fetch;
  readonly #token: string | undefined;
  readonly #tokenProvider: ClientCredentialsTokenProvider | undefined;
  readonly #defaultHeaders: Record<string, string>;
  /** Index in baseUrls of the server calls go to now. */
  #active = 0;

  constructor(options: ClientOptions = {}) {
    this.baseUrls = checkBaseUrls(options.baseUrl ?? readEnv('BATCHYARD_URL'));
    this.maxRetries = checkCount('maxRetries', options.maxRetries ?? DEFAULT_MAX_RETRIES, 0);
    this.timeoutMs = checkCount('timeoutMs', options.timeoutMs ?? DEFAULT_TIMEOUT_MS, 1);

    const fetchImpl = options.fetch ?? (globalThis as { fetch?: typeof fetch }).fetch;
    if (typeof fetchImpl !== 'function') {
      throw new BatchyardError('No fetch in this runtime: pass one as the `fetch` option.');
    }
    this.#fetch = fetchImpl;

    if (options.token !== undefined && options.clientCredentials !== undefined) {
      throw new BatchyardError('Pass either `token` or `clientCredentials`, not both.');
    }
    let credentials = options.clientCredentials;
    const token = options.token ?? (credentials ? undefined : readEnv('BATCHYARD_TOKEN'));
    if (token === undefined && credentials === undefined) {
      const clientId = readEnv('BATCHYARD_CLIENT_ID');
      const clientSecret = readEnv('BATCHYARD_CLIENT_SECRET');
      if (clientId && clientSecret) credentials = { clientId, clientSecret };
      else if (clientId || clientSecret) {
        throw new BatchyardError('Set both BATCHYARD_CLIENT_ID and BATCHYARD_CLIENT_SECRET, or neither.');
      }
    }
    if (token !== undefined && token === '') throw new BatchyardError('`token` must not be empty.');
    if (credentials && (!credentials.clientId || !credentials.clientSecret)) {
      throw new BatchyardError('`clientCredentials` needs both a clientId and a clientSecret.');
    }
    this.#token = token;
    this.#tokenProvider = credentials
      ? new ClientCredentialsTokenProvider(credentials, (clientId, clientSecret) =>
          this.#send<AccessToken>(
            'POST',
            '/v1/oauth/token',
            { body: { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret } },
            parseBody,
            { auth: false },
          ),
        )
      : undefined;

    this.#defaultHeaders = {};
    for (const [name, value] of Object.entries(options.defaultHeaders ?? {})) {
      this.#defaultHeaders[name.toLowerCase()] = value;
    }
  }

  /** The server root calls go to now (the first of `baseUrls` until a connection error moves on). */
  get baseUrl(): string {
    return this.baseUrls[this.#active]!;
  }

  /**
   * Told that a connection to `url` (a base URL, or any URL under one) broke outside a request, e.g.
   * an event stream cut: later calls go to the next base URL. Used by JobHandle.wait().
   */
  [CONNECTION_FAILED](url: string): void {
    const index = this.baseUrls.findIndex((base) => url === base || url.startsWith(`${base}/`));
    if (index >= 0) this.#failover(index);
  }

  /** Moves on from the base URL at `index`, unless another call already did. */
  #failover(index: number): void {
    if (this.baseUrls.length > 1 && this.#active === index) {
      this.#active = (index + 1) % this.baseUrls.length;
    }
  }

  /** The credential making the requests. */
  me(options?: RequestOptions): Promise<Me> {
    return this.request<Me>('GET', '/v1/me', options);
  }

  /** A remote worker running jobs of custom types with this client (see createWorker). */
  createWorker(options: Omit<WorkerOptions, 'client'>): Worker {
    return runWorker(this, { ...options, client: this });
  }

  /** Any API call: `path` is relative to the server root (e.g. `/v1/jobs`). Resolves to the parsed body. */
  request<T = unknown>(method: string, path: string, options: FullRequestOptions = {}): Promise<T> {
    return this.#send<T>(method, path, options, parseBody, { auth: true });
  }

  /**
   * Like request(), but resolves to the Response with its body unread (for downloads). Error
   * statuses still throw; the timeout stops applying once the headers have arrived.
   */
  requestRaw(method: string, path: string, options: FullRequestOptions = {}): Promise<Response> {
    return this.#send(method, path, options, (response) => Promise.resolve(response), { auth: true });
  }

  /** One page of any list endpoint; `for await` over the result walks every item of every page. */
  getPage<T>(path: string, query: Query = {}, options?: RequestOptions): PagePromise<T> {
    return new PagePromise<T>(async () => {
      const response = await this.request<PageResponse<T>>('GET', path, { ...options, query });
      return new Page<T>(this, path, query, options, response);
    });
  }

  async #send<T>(
    rawMethod: string,
    path: string,
    options: FullRequestOptions,
    consume: (response: Response) => Promise<unknown>,
    { auth }: SendOptions,
  ): Promise<T> {
    const method = rawMethod.toUpperCase();
    const maxRetries = checkCount('maxRetries', options.maxRetries ?? this.maxRetries, 0);
    const timeoutMs = checkCount('timeoutMs', options.timeoutMs ?? this.timeoutMs, 1);
    const { signal } = options;
    const streamBody = options.body instanceof StreamBody ? options.body : undefined;
    const { body: fixedBody, contentType } = streamBody
      ? { body: undefined, contentType: streamBody.contentType }
      : encodeBody(options.body);
    // One key for every attempt of this call, so that a retry of a request the server did process
    // answers the stored response instead of acting twice.
    const idempotencyKey =
      auth && !NO_IDEMPOTENCY.has(method) ? (options.idempotencyKey ?? newIdempotencyKey()) : undefined;

    let retries = 0;
    let refreshedToken = false;
    /** Base URLs that failed to connect since the last backoff: the next one is tried at once. */
    let failedOver = 0;
    for (;;) {
      if (signal?.aborted) throw new APIUserAbortError(undefined, { cause: signal.reason });
      const token = auth ? await this.#currentToken(signal) : undefined;
      const base = this.#active;
      const url = buildUrl(this.baseUrls[base]!, path, options.query);
      const headers: Record<string, string> = {
        accept: 'application/json',
        'user-agent': `batchyard-sdk-js/${VERSION}`,
        'x-batchyard-sdk': `js/${VERSION}`,
        ...this.#defaultHeaders,
      };
      if (contentType) headers['content-type'] = contentType;
      if (token) headers.authorization = `Bearer ${token}`;
      if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
      for (const [name, value] of Object.entries(options.headers ?? {})) {
        if (value === null || value === undefined) delete headers[name.toLowerCase()];
        else headers[name.toLowerCase()] = value;
      }

      let delayMs: number;
      try {
        const body = streamBody ? streamBody.stream() : fixedBody;
        return (await this.#attempt(
          url,
          { method, headers, body },
          timeoutMs,
          signal,
          consume,
          streamBody,
        )) as T;
      } catch (error) {
        // A streamed body that sent bytes cannot be replayed: its first failure is final.
        if (streamBody?.started) throw error;
        if (error instanceof APIError) {
          // An access token can be refused before its expiry (server restarted with a new secret...):
          // fetch a new one once, without counting a retry.
          if (error.status === 401 && this.#tokenProvider && token && !refreshedToken) {
            refreshedToken = true;
            this.#tokenProvider.invalidate(token);
            continue;
          }
          if (!isRetryableStatus(error.status, error.code) || retries >= maxRetries) throw error;
          const retryAfterMs = parseRetryAfterUncapped(error.headers.get('retry-after'));
          // A long Retry-After (a throttled definition may say an hour) fails at once rather than
          // holding the call: the caller decides whether to come back.
          if (retryAfterMs !== undefined && retryAfterMs > MAX_RETRY_AFTER_MS) throw error;
          delayMs = retryAfterMs ?? backoffDelay(retries);
        } else if (error instanceof APIConnectionError) {
          // Another API process of the deployment may well answer: try each once without waiting
          // (the same Idempotency-Key makes a request the dead one did process safe to send again).
          this.#failover(base);
          if (++failedOver < this.baseUrls.length) continue;
          failedOver = 0;
          if (retries >= maxRetries) throw error;
          delayMs = backoffDelay(retries);
        } else {
          throw error;
        }
      }
      await sleep(delayMs, signal);
      retries++;
    }
  }

  /** One HTTP exchange under its own timeout; error statuses become APIErrors. */
  async #attempt(
    url: string,
    init: { method: string; headers: Record<string, string>; body: RequestInit['body'] },
    timeoutMs: number,
    signal: AbortSignal | undefined,
    consume: (response: Response) => Promise<unknown>,
    streamBody?: StreamBody,
  ): Promise<unknown> {
    const controller = new AbortController();
    let timedOut = false;
    const onTimeout = () => {
      timedOut = true;
      controller.abort();
    };
    // However the attempt ends, a streamed body stops being produced.
    if (streamBody) {
      controller.signal.addEventListener('abort', () => streamBody.stop(controller.signal.reason), {
        once: true,
      });
    }
    let timer = setTimeout(onTimeout, Math.min(timeoutMs, MAX_TIMER_MS));
    // A streamed body may take longer than timeoutMs to send: the time counts from its last chunk.
    if (streamBody) {
      streamBody.onChunk = () => {
        clearTimeout(timer);
        timer = setTimeout(onTimeout, Math.min(timeoutMs, MAX_TIMER_MS));
      };
    }
    const onAbort = () => controller.abort(signal?.reason);
    // The signal may have fired while the token was being fetched.
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
    const fetchImpl = this.#fetch;
    try {
      const requestInit: RequestInit & { duplex?: 'half' } = { ...init, signal: controller.signal };
      // Required by fetch for a ReadableStream body: the request is sent while it is produced.
      if (streamBody) requestInit.duplex = 'half';
      const response = await fetchImpl(url, requestInit);
      if (streamBody) streamBody.onChunk = undefined;
      if (!response.ok) throw await errorFrom(response);
      return await consume(response);
    } catch (error) {
      if (error instanceof BatchyardError) throw error;
      // The source of a streamed body failed (an unreadable file, a throwing iterator): its own error.
      if (streamBody && streamBody.failure !== undefined) throw streamBody.failure;
      if (signal?.aborted) throw new APIUserAbortError(undefined, { cause: error });
      if (timedOut) throw new APIConnectionTimeoutError(`Request timed out after ${timeoutMs} ms.`);
      throw new APIConnectionError(`Connection error: ${describe(error)} (${init.method} ${url})`, {
        cause: error,
      });
    } finally {
      clearTimeout(timer);
      if (streamBody) {
        streamBody.onChunk = undefined;
        streamBody.stop();
      }
      signal?.removeEventListener('abort', onAbort);
    }
  }

  #currentToken(signal: AbortSignal | undefined): Promise<string | undefined> | string | undefined {
    return this.#tokenProvider ? this.#tokenProvider.getToken(signal) : this.#token;
  }
}

async function errorFrom(response: Response): Promise<APIError> {
  const text = await response.text();
  let problem: Problem | undefined;
  try {
    const json = JSON.parse(text) as unknown;
    if (isProblem(json)) problem = json;
  } catch {
    // Not JSON (a proxy's HTML page...): the text becomes the detail.
  }
  const fallback = text.trim().slice(0, 500) || response.statusText || undefined;
  return APIError.generate(response.status, problem, response.headers, fallback);
}

function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.code === 'string' && typeof record.detail === 'string';
}

function describe(error: unknown): string {
  // Node's fetch fails with "fetch failed" and puts the socket error in `cause`.
  const cause = (error as { cause?: unknown } | null)?.cause;
  if (cause instanceof Error && cause.message) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

/** One or more base URLs: an array, or a string of them separated by commas. */
function checkBaseUrls(value: string | readonly string[] | undefined): string[] {
  const list = (typeof value === 'string' ? value.split(',') : (value ?? []))
    .map((url) => (typeof url === 'string' ? url.trim() : url))
    .filter((url) => url !== '');
  if (list.length === 0) {
    throw new BatchyardError(
      'No server URL: pass `baseUrl` or set BATCHYARD_URL (e.g. http://127.0.0.1:8080).',
    );
  }
  const urls = list.map(checkBaseUrl);
  if (new Set(urls).size !== urls.length) {
    throw new BatchyardError(`\`baseUrl\` lists the same URL twice (${urls.join(', ')}).`);
  }
  return urls;
}

function checkBaseUrl(value: string): string {
  if (typeof value !== 'string') {
    throw new BatchyardError('`baseUrl` must be a URL, an array of URLs, or URLs separated by commas.');
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new BatchyardError(`Invalid baseUrl "${value}": expected an absolute http(s) URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new BatchyardError(`Invalid baseUrl "${value}": expected an http or https URL.`);
  }
  return value.replace(/\/+$/, '');
}

function checkCount(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) {
    throw new BatchyardError(`\`${name}\` must be an integer of at least ${min} (got ${String(value)}).`);
  }
  return value;
}
