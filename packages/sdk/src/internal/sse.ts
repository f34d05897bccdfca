import { APIUserAbortError } from '../core/errors.js';

/** One server-sent event: its name (`message` when unnamed) and its data lines joined. */
export interface ServerSentEvent {
  name: string;
  data: string;
}

/** Parses one event block (the lines before a blank line); undefined for comments and empty blocks. */
export function parseEvent(block: string): ServerSentEvent | undefined {
  let name = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') name = value;
    else if (field === 'data') data.push(value);
  }
  return data.length > 0 ? { name, data: data.join('\n') } : undefined;
}

/**
 * The events of a `text/event-stream` response, until the server closes it. Aborting `signal`
 * cancels the body and throws APIUserAbortError (the client stops watching the signal once the
 * headers are in, so the body is cancelled here).
 */
export async function* readEvents(response: Response, signal: AbortSignal): AsyncGenerator<ServerSentEvent> {
  const body = response.body;
  if (!body) return;
  const reader = body.getReader();
  const onAbort = () => void reader.cancel().catch(() => undefined);
  signal.addEventListener('abort', onAbort, { once: true });
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      if (signal.aborted) throw new APIUserAbortError(undefined, { cause: signal.reason });
      const { done, value } = await reader.read();
      if (done) {
        if (signal.aborted) throw new APIUserAbortError(undefined, { cause: signal.reason });
        return;
      }
      buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const event = parseEvent(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (event) yield event;
      }
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    reader.cancel().catch(() => undefined);
  }
}
