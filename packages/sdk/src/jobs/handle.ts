import type { Batchyard } from '../client.js';
import { APIUserAbortError, BatchyardError, JobWaitTimeoutError } from '../core/errors.js';
import { pathId, type RequestOptions } from '../core/http.js';
import type { Job } from '../types.js';

export interface JobWaitOptions {
  /** Called with the job whenever its status or progress changed (streamed, as it happens). */
  onProgress?: (job: Job) => void;
  /** Aborting it stops the wait with APIUserAbortError. */
  signal?: AbortSignal;
  /** Gives up after this long with JobWaitTimeoutError (default: waits as long as it takes). */
  timeoutMs?: number;
  /** Longest single long-poll request, in seconds (1–30, default 30). */
  pollSeconds?: number;
}

const FINISHED: ReadonlySet<string> = new Set(['succeeded', 'failed', 'aborted']);
const MAX_POLL_SECONDS = 30;
/** Per-request time allowed beyond the long-poll duration. */
const POLL_GRACE_MS = 15_000;

/** True once the job is succeeded, failed or aborted. */
export function isFinished(job: Pick<Job, 'status'>): boolean {
  return FINISHED.has(job.status);
}

/** A job by id, with its last known state, to refresh, abort, retry or wait for. */
export class JobHandle {
  readonly id: string;
  #job: Job | undefined;
  readonly #client: Batchyard;

  constructor(client: Batchyard, id: string, job?: Job) {
    pathId(id);
    this.#client = client;
    this.id = id;
    this.#job = job;
  }

  /** The job as last seen (undefined for a handle made from an id that was never fetched). */
  get job(): Job | undefined {
    return this.#job;
  }

  get #path(): string {
    return `/v1/jobs/${pathId(this.id)}`;
  }

  async refresh(options?: RequestOptions): Promise<Job> {
    return this.#seen(await this.#client.request<Job>('GET', this.#path, options));
  }

  /** Aborts the job: at once when queued; a running one is signalled and ends aborted. */
  async abort(options?: RequestOptions): Promise<Job> {
    return this.#seen(await this.#client.request<Job>('POST', `${this.#path}/abort`, options));
  }

  /** Re-queues a failed or aborted job with a fresh set of attempts (it resumes from its checkpoint). */
  async retry(options?: RequestOptions): Promise<Job> {
    return this.#seen(await this.#client.request<Job>('POST', `${this.#path}/retry`, options));
  }

  /**
   * Resolves with the job once it has ended: succeeded, failed or aborted (check `status`; a failed
   * job is no error here). Long-polls the server, with no sleep between requests; with
   * `onProgress`, follows the job's event stream instead, falling back to long-polling if the
   * stream breaks.
   */
  async wait(options: JobWaitOptions = {}): Promise<Job> {
    const { onProgress, signal, timeoutMs } = options;
    const pollSeconds = options.pollSeconds ?? MAX_POLL_SECONDS;
    if (!Number.isInteger(pollSeconds) || pollSeconds < 1 || pollSeconds > MAX_POLL_SECONDS) {
      throw new BatchyardError(`\`pollSeconds\` must be an integer from 1 to ${MAX_POLL_SECONDS}.`);
    }
    if (timeoutMs !== undefined && !(timeoutMs >= 0)) {
      throw new BatchyardError('`timeoutMs` must be a number of at least 0.');
    }
    if (signal?.aborted) throw new APIUserAbortError(undefined, { cause: signal.reason });

    const controller = new AbortController();
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    let timedOut = false;
    const deadline = timeoutMs === undefined ? undefined : Date.now() + timeoutMs;
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            controller.abort();
          }, timeoutMs);

    let lastKey: string | undefined;
    const report = (job: Job) => {
      this.#seen(job);
      if (!onProgress) return;
      const key = JSON.stringify([job.status, job.progress]);
      if (key === lastKey) return;
      lastKey = key;
      onProgress(job);
    };

    try {
      if (onProgress) {
        try {
          const ended = await this.#follow(controller.signal, report);
          if (ended) return ended;
        } catch (error) {
          if (controller.signal.aborted) throw error;
          // The stream broke (the API process went away...): long-polling takes over.
        }
      }
      for (;;) {
        const leftMs = deadline === undefined ? Infinity : deadline - Date.now();
        const wait = Math.max(1, Math.min(pollSeconds, Math.ceil(leftMs / 1000)));
        const job = await this.#client.request<Job>('GET', this.#path, {
          query: { wait },
          signal: controller.signal,
          timeoutMs: Math.max(this.#client.timeoutMs, wait * 1000 + POLL_GRACE_MS),
        });
        report(job);
        if (isFinished(job)) return job;
      }
    } catch (error) {
      if (timedOut) throw new JobWaitTimeoutError(this.id, timeoutMs ?? 0, this.#job);
      throw error;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Follows the job's server-sent events; the job when it ended, undefined if the stream closed first. */
  async #follow(signal: AbortSignal, report: (job: Job) => void): Promise<Job | undefined> {
    const response = await this.#client.requestRaw('GET', `${this.#path}/events`, {
      signal,
      headers: { accept: 'text/event-stream' },
    });
    const body = response.body;
    if (!body) return undefined;
    const reader = body.getReader();
    // The client stops watching the signal once the headers are in: cancel the body here.
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
          return undefined;
        }
        buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = parseEvent(block);
          if (!event || (event.name !== 'job' && event.name !== 'end')) continue;
          const job = JSON.parse(event.data) as Job;
          report(job);
          if (event.name === 'end' || isFinished(job)) return job;
        }
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
      reader.cancel().catch(() => undefined);
    }
  }

  #seen(job: Job): Job {
    this.#job = job;
    return job;
  }
}

function parseEvent(block: string): { name: string; data: string } | undefined {
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
