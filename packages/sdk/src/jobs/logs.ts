import type { Batchyard } from '../client.js';
import { APIUserAbortError, BatchyardError } from '../core/errors.js';
import type { RequestOptions } from '../core/http.js';
import { CONNECTION_FAILED } from '../internal/failover.js';
import { pathId } from '../internal/http.js';
import { readEvents } from '../internal/sse.js';
import type { JobLogLine, JobLogPage } from '../types.js';

export interface JobLogsOptions {
  /** Keep reading as the job writes lines (server-sent events), until it has ended. Default false. */
  follow?: boolean;
  /** Only lines after this `seq` (default 0: from the oldest kept line). */
  after?: number;
  /** Aborting it stops the iteration with APIUserAbortError. */
  signal?: AbortSignal;
  /**
   * Told how many lines were dropped before the next one (the server keeps the newest 1,000 lines
   * of each job): the gap in `seq`.
   */
  onDropped?: (count: number) => void;
}

/** Lines read per request when not following. */
const PAGE = 1000;
/** Streams broken in a row (no line between) before `logs({follow})` gives up with the error. */
const STREAM_RECONNECTS = 3;

/** One page of a job's log lines after `after` (see `GET /v1/jobs/{id}/logs`). */
export function jobLogPage(
  client: Batchyard,
  id: string,
  params: { after?: number; limit?: number } = {},
  options?: RequestOptions,
): Promise<JobLogPage> {
  return client.request<JobLogPage>('GET', `/v1/jobs/${pathId(id)}/logs`, { ...options, query: params });
}

/**
 * A job's log lines, oldest first. Without `follow`, the lines there are now; with it, those and
 * every line written later, ending once the job has ended and its last line was read. A stream
 * that breaks (the API process went away) is opened again, on the client's next base URL, after
 * the last line seen: no line is missed or repeated.
 */
export async function* jobLogs(
  client: Batchyard,
  id: string,
  options: JobLogsOptions = {},
): AsyncGenerator<JobLogLine> {
  const { follow = false, signal, onDropped } = options;
  let after = options.after ?? 0;
  if (!Number.isInteger(after) || after < 0)
    throw new BatchyardError('`after` must be an integer of at least 0.');
  if (signal?.aborted) throw new APIUserAbortError(undefined, { cause: signal.reason });
  const seen = (line: JobLogLine) => {
    if (line.seq > after + 1) onDropped?.(line.seq - after - 1);
    after = line.seq;
    return line;
  };

  if (!follow) {
    for (;;) {
      const page = await jobLogPage(client, id, { after, limit: PAGE }, signal ? { signal } : {});
      for (const line of page.data) yield seen(line);
      if (page.data.length < PAGE) return;
    }
  }

  const controller = new AbortController();
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  let breaks = 0;
  try {
    for (;;) {
      let served: string | undefined;
      let broke: unknown;
      try {
        const response = await client.requestRaw('GET', `/v1/jobs/${pathId(id)}/logs`, {
          signal: controller.signal,
          query: { follow: true, after },
          headers: { accept: 'text/event-stream' },
        });
        served = response.url;
        for await (const event of readEvents(response, controller.signal)) {
          if (event.name === 'line') {
            breaks = 0;
            yield seen(JSON.parse(event.data) as JobLogLine);
          } else if (event.name === 'end') return;
          else if (event.name === 'error') {
            // The credential was revoked meanwhile: the event is the 401 problem.
            const problem = JSON.parse(event.data) as { code?: string; detail?: string };
            throw new BatchyardError(
              `The log stream ended: ${problem.code ?? 'error'}: ${problem.detail ?? ''}`,
            );
          }
        }
        // Closed before the end (a server shutting down): follow on from the last line seen.
      } catch (error) {
        // Not opened (the client's own retries are spent, or 404), aborted, or refused: give up.
        if (controller.signal.aborted || served === undefined || error instanceof BatchyardError) throw error;
        broke = error; // broken mid-way: the API process went away
      }
      client[CONNECTION_FAILED](served);
      if (++breaks >= STREAM_RECONNECTS) {
        throw broke ?? new BatchyardError(`The log stream of job ${id} kept closing before the job ended.`);
      }
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    controller.abort();
  }
}
