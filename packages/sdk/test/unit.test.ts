import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildUrl, newIdempotencyKey } from '../src/internal/http.js';
import { backoffDelay, isRetryableStatus, parseRetryAfter } from '../src/internal/retry.js';
import {
  APIError,
  AuthenticationError,
  BadRequestError,
  Batchyard,
  BatchyardError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
  VERSION,
  type Problem,
} from '../src/index.js';

// Pure logic and option handling; everything that talks HTTP is tested against the real server.
describe('SDK internals', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('reads Retry-After as seconds or an HTTP date, capped at 60 s', () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 0);
    expect(parseRetryAfter('2', now)).toBe(2_000);
    expect(parseRetryAfter('0.5', now)).toBe(500);
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter('3600', now)).toBe(60_000);
    expect(parseRetryAfter(new Date(now + 7_000).toUTCString(), now)).toBe(7_000);
    expect(parseRetryAfter(new Date(now - 7_000).toUTCString(), now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-3', now)).toBeUndefined();
  });

  it('backs off exponentially with full jitter from 0.5 s, capped at 8 s', () => {
    const almostOne = () => 0.999999;
    expect([0, 1, 2, 3, 4, 5, 10].map((n) => Math.round(backoffDelay(n, almostOne)))).toEqual([
      500, 1000, 2000, 4000, 8000, 8000, 8000,
    ]);
    expect(backoffDelay(3, () => 0)).toBe(0);
  });

  it('retries 408, 429, 5xx and 409 idempotency_key_in_use only', () => {
    for (const status of [408, 429, 500, 502, 503, 504]) expect(isRetryableStatus(status, 'x')).toBe(true);
    expect(isRetryableStatus(409, 'idempotency_key_in_use')).toBe(true);
    for (const status of [400, 401, 403, 404, 422]) expect(isRetryableStatus(status, 'x')).toBe(false);
    expect(isRetryableStatus(409, 'name_taken')).toBe(false);
  });

  it('builds URLs with comma-joined arrays and without empty parameters', () => {
    expect(
      buildUrl('http://h:1/base', '/v1/x', { fields: ['id', 'name'], limit: 2, a: undefined, b: null }),
    ).toBe('http://h:1/base/v1/x?fields=id%2Cname&limit=2');
    expect(buildUrl('http://h:1', 'v1/x', { force: true })).toBe('http://h:1/v1/x?force=true');
    expect(newIdempotencyKey()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('APIError.generate picks the class of the status', () => {
    const problem = (status: number): Problem => ({
      type: 'https://batchyard.dev/errors/x',
      title: 'X',
      status,
      detail: 'what went wrong',
      code: 'x',
      errors: [{ in: 'body', pointer: '/name', message: 'is required' }],
      requestId: 'req_1',
    });
    const cases: [number, typeof APIError][] = [
      [400, BadRequestError],
      [401, AuthenticationError],
      [403, PermissionDeniedError],
      [404, NotFoundError],
      [409, ConflictError],
      [422, UnprocessableEntityError],
      [429, RateLimitError],
      [500, InternalServerError],
      [503, InternalServerError],
    ];
    for (const [status, ErrorClass] of cases) {
      const error = APIError.generate(status, problem(status), new Headers());
      expect(error).toBeInstanceOf(ErrorClass);
      expect(error.name).toBe(ErrorClass.name);
      expect(error).toMatchObject({ status, code: 'x', detail: 'what went wrong', requestId: 'req_1' });
      expect(error.errors).toEqual([{ in: 'body', pointer: '/name', message: 'is required' }]);
    }
    const teapot = APIError.generate(418, undefined, new Headers({ 'x-request-id': 'req_2' }), 'short');
    expect(teapot.constructor).toBe(APIError);
    expect(teapot).toBeInstanceOf(BatchyardError);
    expect(teapot).toMatchObject({
      status: 418,
      code: 'http_418',
      detail: 'short',
      requestId: 'req_2',
      errors: [],
    });
    expect(teapot.message).toBe('418 http_418: short (request req_2)');
  });

  it('takes its settings from the environment when options are absent', async () => {
    vi.stubEnv('BATCHYARD_URL', '');
    vi.stubEnv('BATCHYARD_TOKEN', '');
    vi.stubEnv('BATCHYARD_CLIENT_ID', '');
    vi.stubEnv('BATCHYARD_CLIENT_SECRET', '');
    expect(() => new Batchyard()).toThrow(BatchyardError);
    expect(() => new Batchyard()).toThrow(/BATCHYARD_URL/);
    expect(() => new Batchyard({ baseUrl: 'not a url' })).toThrow(/Invalid baseUrl/);
    expect(() => new Batchyard({ baseUrl: 'http://h', maxRetries: -1 })).toThrow(/maxRetries/);
    expect(() => new Batchyard({ baseUrl: 'http://h', timeoutMs: 0 })).toThrow(/timeoutMs/);
    expect(
      () =>
        new Batchyard({
          baseUrl: 'http://h',
          token: 't',
          clientCredentials: { clientId: 'a', clientSecret: 'b' },
        }),
    ).toThrow(/not both/);

    const seen: Headers[] = [];
    const fetch: typeof globalThis.fetch = async (_input, init) => {
      seen.push(new Headers(init?.headers));
      return new Response('{"ok":true}', { headers: { 'content-type': 'application/json' } });
    };
    vi.stubEnv('BATCHYARD_URL', 'http://env-host:8080/');
    vi.stubEnv('BATCHYARD_TOKEN', 'byk_from_env');
    const fromEnv = new Batchyard({ fetch, defaultHeaders: { 'X-Extra': '1' } });
    expect(fromEnv.baseUrl).toBe('http://env-host:8080');
    expect(fromEnv.maxRetries).toBe(3);
    expect(fromEnv.timeoutMs).toBe(60_000);
    await fromEnv.request('GET', '/v1/me', { headers: { 'x-extra': null, 'x-call': '2' } });
    expect(seen[0]?.get('authorization')).toBe('Bearer byk_from_env');
    expect(seen[0]?.has('x-extra')).toBe(false);
    expect(seen[0]?.get('x-call')).toBe('2');
    expect(seen[0]?.get('user-agent')).toBe(`batchyard-sdk-js/${VERSION}`);
    expect(inspect(fromEnv, { depth: 5 })).not.toContain('byk_from_env');

    vi.stubEnv('BATCHYARD_TOKEN', '');
    vi.stubEnv('BATCHYARD_CLIENT_ID', 'cli_1');
    expect(() => new Batchyard({ fetch })).toThrow(/BATCHYARD_CLIENT_SECRET/);
  });

  it('reports the version of its package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
      dependencies?: object;
    };
    expect(VERSION).toBe(pkg.version);
    expect(pkg.dependencies ?? {}).toEqual({});
  });
});
