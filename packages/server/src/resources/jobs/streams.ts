import type { ServerResponse } from 'node:http';
import { ApiError, toProblem } from '../../errors/problem.js';

/**
 * An AbortSignal that fires when the client goes away, to end long-polls early. It watches the
 * response: the request stream closes as soon as its body has been read, long before the client
 * hangs up.
 */
export function clientGone(reply: { raw: ServerResponse }): AbortSignal {
  const controller = new AbortController();
  const response = reply.raw;
  // A client that hung up before its request reached this handler has already closed the
  // response: 'close' will not come again, and the long-poll would claim a job for nobody.
  if (response.destroyed || response.socket === null || response.socket.destroyed) controller.abort();
  else
    response.once('close', () => {
      if (!response.writableFinished) controller.abort();
    });
  return controller.signal;
}

/**
 * Takes the response over as a server-sent event stream (headers now, a comment line every 15 s
 * so proxies keep it open). `gone` aborts when the client hangs up; `end` closes the stream.
 */
export function openEventStream(
  request: { id: string },
  reply: { raw: ServerResponse; hijack(): unknown },
): { send(event: string, text: string): void; gone: AbortSignal; end(): void } {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-request-id': request.id,
    'x-accel-buffering': 'no',
  });
  const gone = clientGone(reply);
  const ping = setInterval(() => raw.write(': ping\n\n'), 15_000);
  return {
    send: (event, text) => void raw.write(`event: ${event}\ndata: ${text}\n\n`),
    gone,
    end: () => {
      clearInterval(ping);
      raw.end();
    },
  };
}

/** The `error` event that ends a stream whose credential was revoked: the 401 as problem+json. */
export function revocationProblem(revoked: AbortSignal, requestId: string): string {
  const error = revoked.reason instanceof ApiError ? revoked.reason : undefined;
  return JSON.stringify(
    toProblem(error?.code ?? 'invalid_token', error?.message ?? 'The credential was revoked.', { requestId }),
  );
}

/**
 * Takes the response over as an event stream that sends what `read()` answers as an `event` event
 * whenever it changed, woken by `subscribe` (and re-read every 15 s as a backstop; a burst of
 * changes makes one read per `coalesceMs`), then an `end` event once `ended` says so. It stops when
 * the client leaves, and with an `error` event when the credential is revoked. Subscribed before
 * the first read, so no change between a read and the wait is missed.
 */
export async function streamUntilEnded<T>(
  request: { id: string; log: { warn(obj: object, msg: string): void } },
  reply: { raw: ServerResponse; hijack(): unknown; untilRevoked(): AbortSignal },
  options: {
    subscribe: (wake: () => void) => () => void;
    read: () => Promise<T>;
    ended: (value: T) => boolean;
    event: string;
    coalesceMs: number;
  },
): Promise<void> {
  const { read, ended, event, coalesceMs } = options;
  const stream = openEventStream(request, reply);
  const revoked = reply.untilRevoked();
  const gone = AbortSignal.any([stream.gone, revoked]);
  let changed = true;
  let wake: (() => void) | undefined;
  const unsubscribe = options.subscribe(() => {
    changed = true;
    wake?.();
  });
  gone.addEventListener('abort', () => wake?.());
  try {
    let lastSent = '';
    while (!gone.aborted) {
      if (!changed) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 15_000);
        });
        await new Promise((resolve) => setTimeout(resolve, coalesceMs));
      }
      changed = false;
      const value = await read();
      const text = JSON.stringify(value);
      if (text !== lastSent) {
        stream.send(event, text);
        lastSent = text;
      }
      if (ended(value)) {
        stream.send('end', text);
        break;
      }
    }
  } catch (error) {
    request.log.warn({ err: error }, `${event} event stream failed`);
  } finally {
    unsubscribe();
    if (revoked.aborted) stream.send('error', revocationProblem(revoked, request.id));
    stream.end();
  }
}
