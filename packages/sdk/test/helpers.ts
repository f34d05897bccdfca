import { vi } from 'vitest';
import type { TestServer } from '../../../test/support/index.js';

export interface RecordedCall {
  method: string;
  url: URL;
  headers: Headers;
  status?: number;
  responseHeaders?: Headers;
}

type Intercept = (
  call: RecordedCall,
  send: () => Promise<Response>,
  index: number,
) => Promise<Response | undefined> | undefined;

/**
 * A fetch that goes to the real server and records every call. `intercept` may take over a call
 * (to drop an answer the server already gave, for instance); returning undefined sends it as is.
 */
export function recordingFetch(intercept?: Intercept): { fetch: typeof fetch; calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const recorded: typeof fetch = async (input, init) => {
    const call: RecordedCall = {
      method: init?.method ?? 'GET',
      url: new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url),
      headers: new Headers(init?.headers),
    };
    calls.push(call);
    const send = async () => {
      const response = await fetch(call.url, { ...init, headers: call.headers });
      call.status = response.status;
      call.responseHeaders = response.headers;
      return response;
    };
    return (await intercept?.(call, send, calls.length - 1)) ?? send();
  };
  return { fetch: recorded, calls };
}

const realNow = Date.now.bind(Date);

/**
 * Sets Date.now (of the SDK and of the in-process server alike) `ms` ahead of the real clock;
 * undone by vi.restoreAllMocks().
 */
export function shiftClock(ms: number): void {
  vi.spyOn(Date, 'now').mockImplementation(() => realNow() + ms);
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${Math.random().toString(36).slice(2, 10)}`;
}

/**
 * Closes a test server without waiting for idle sockets: after a client aborts a request, Node's
 * fetch may open a connection that never sends one, and server.close() would wait for the
 * server's 60 s headers timeout to drop it.
 */
export async function closeServer(server: TestServer | undefined): Promise<void> {
  if (!server) return;
  server.app.server.closeAllConnections();
  await server.close();
}
