import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { StringDecoder } from 'node:string_decoder';
import { DestinationError, hostAndPort, type DestinationPolicy } from '../../http/destinations.js';

/** Bytes of a receiver's answer read at most; then the connection is closed. */
export const RESPONSE_READ_LIMIT = 64 * 1024;
/** Bytes of a receiver's answer kept in the delivery log (UTF-8 safe, control characters removed). */
export const RESPONSE_EXCERPT_BYTES = 200;

export interface SendOptions {
  policy: DestinationPolicy;
  /** Everything (DNS, connect, TLS, request, answer) must be done within this time. */
  timeoutMs: number;
  /** The connection (TLS included) must be up within this time (bounded by `timeoutMs` too). */
  connectTimeoutMs: number;
  signal: AbortSignal;
}

export interface SendResult {
  status: number;
  /** The start of the answer's body, for the delivery log. */
  excerpt: string;
}

/** A failed send: the cause in words, and whether trying again can help (not when refused). */
export class SendError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'SendError';
  }
}

/** The readable start of a body: whole UTF-8 characters only, control characters replaced. */
export function excerptOf(bytes: Buffer): string {
  const text = new StringDecoder('utf8').write(bytes.subarray(0, RESPONSE_EXCERPT_BYTES));
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g, ' ').trim();
}

/** The cause of a network error in words, with its code and address (`ECONNREFUSED 127.0.0.1:9`). */
function causeOf(error: NodeJS.ErrnoException & { address?: string; port?: number }): string {
  const code = error.code;
  if (!code) return error.message;
  const where = error.address ? ` ${error.address}${error.port ? `:${error.port}` : ''}` : '';
  const described = error.message.includes(code) ? error.message : `${error.message} (${code}${where})`;
  return code === 'ECONNRESET' ? `the receiver closed the connection: ${described}` : described;
}

/**
 * POSTs `body` to `url` as one delivery: the destination is checked by `policy` and the
 * connection goes to the checked address (the pinned lookup), redirects are not followed, at most
 * RESPONSE_READ_LIMIT bytes of the answer are read, and the whole exchange is bounded by
 * `timeoutMs`. Resolves with the status of any answer; rejects with a SendError.
 */
export function sendDelivery(
  url: string,
  headers: Record<string, string>,
  body: string,
  options: SendOptions,
): Promise<SendResult> {
  const target = new URL(url);
  return new Promise<SendResult>((resolve, reject) => {
    let phase = 'resolving the name';
    let settled = false;
    let destroy: (() => void) | undefined;
    let connectTimer: NodeJS.Timeout | undefined;
    const finish = (error: SendError | undefined, result?: SendResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(connectTimer);
      options.signal.removeEventListener('abort', onAbort);
      destroy?.();
      if (error) reject(error);
      else resolve(result!);
    };
    const timer = setTimeout(
      () => finish(new SendError(`timeout after ${options.timeoutMs} ms (${phase})`, true)),
      options.timeoutMs,
    );
    const onAbort = () => finish(new SendError('the delivery was aborted', true));
    if (options.signal.aborted) return onAbort();
    options.signal.addEventListener('abort', onAbort, { once: true });

    options.policy.resolve(target).then(
      (pinned) => {
        if (settled) return;
        const { host, port } = hostAndPort(target);
        // Node asks for every address when it may try several families; answer the checked one only.
        const lookup: LookupFunction = (_name, opts, callback) => {
          if (opts.all) callback(null, [{ address: pinned.address, family: pinned.family }]);
          else callback(null, pinned.address, pinned.family);
        };
        const request = (target.protocol === 'https:' ? httpsRequest : httpRequest)({
          host,
          port,
          path: `${target.pathname}${target.search}`,
          method: 'POST',
          headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
          agent: false,
          lookup,
          ...(target.protocol === 'https:' && isIP(host) === 0 ? { servername: host } : {}),
        });
        destroy = () => request.destroy();
        phase = 'connecting';
        connectTimer = setTimeout(
          () => finish(new SendError(`timeout after ${options.connectTimeoutMs} ms (connecting)`, true)),
          options.connectTimeoutMs,
        );
        request.on('socket', (socket) => {
          socket.once(target.protocol === 'https:' ? 'secureConnect' : 'connect', () => {
            clearTimeout(connectTimer);
            phase = 'waiting for the answer';
          });
        });
        // Once the status is in, a connection cut while reading the body still counts as that answer.
        let answered: (() => void) | undefined;
        request.on('error', (error) => (answered ? answered() : finish(new SendError(causeOf(error), true))));
        request.on('response', (response: IncomingMessage) => {
          phase = 'reading the answer';
          const kept: Buffer[] = [];
          let keptBytes = 0;
          let read = 0;
          const done = () =>
            finish(undefined, { status: response.statusCode ?? 0, excerpt: excerptOf(Buffer.concat(kept)) });
          answered = done;
          response.on('data', (chunk: Buffer) => {
            read += chunk.length;
            if (keptBytes < RESPONSE_EXCERPT_BYTES) {
              kept.push(chunk.subarray(0, RESPONSE_EXCERPT_BYTES - keptBytes));
              keptBytes += Math.min(chunk.length, RESPONSE_EXCERPT_BYTES - keptBytes);
            }
            if (read >= RESPONSE_READ_LIMIT) done();
          });
          response.on('end', done);
          response.on('error', done);
          response.on('aborted', done);
        });
        request.end(body);
      },
      (error: unknown) => {
        if (error instanceof DestinationError) {
          finish(new SendError(error.message, error.reason === 'dns'));
        } else finish(new SendError((error as Error).message, true));
      },
    );
  });
}
