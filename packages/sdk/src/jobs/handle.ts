import type { Batchyard } from '../client.js';
import { APIUserAbortError, BatchyardError, JobWaitTimeoutError } from '../core/errors.js';
import { CONNECTION_FAILED } from '../internal/failover.js';
import type { RequestOptions } from '../core/http.js';
import { pathId } from '../internal/http.js';
import { readEvents } from '../internal/sse.js';
import type { Job, JobLogLine } from '../types.js';
import { jobLogs, type JobLogsOptions } from './logs.js';

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

const FINISHED: ReadonlySet<string> = new Set(['succeeded', 'failed', 'aborted', 'skipped', 'expired']);
const MAX_POLL_SECONDS = 30;
/** Event streams broken in a row (no event between) before wait() falls back to long-polling. */
const STREAM_RECONNECTS = 3;
/** Per-request time allowed beyond the long-poll duration. */
const POLL_GRACE_MS = 15_000;

/** True once the job has ended: succeeded, failed, aborted, skipped or expired. */
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
   * The job's log lines, oldest first: `for await (const line of job.logs({ follow: true }))`.
   * With `follow`, it goes on with each line as it is written and ends once the job has ended.
   */
  logs(options?: JobLogsOptions): AsyncGenerator<JobLogLine> {
    return jobLogs(this.#client, this.id, options);
  }

  /**
   * Resolves with the job once it has ended: succeeded, failed, aborted, skipped or expired (check `status`; a failed
   * job is no error here). Long-polls the server, with no sleep between requests; with
   * `onProgress`, follows the job's event stream instead. Both survive the loss of the API process
   * they were talking to: a broken long-poll is sent again, a broken stream is opened again, on the
   * client's next base URL (falling back to long-polling if the stream keeps breaking).
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
        const ended = await this.#followResuming(controller.signal, report);
        if (ended) return ended;
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

  /**
   * Follows the job's event stream, reconnecting when it breaks: the client moves to its next base
   * URL (another API process) and the new stream starts with the job as it is now, so nothing is
   * missed. The job once it ended; undefined when the stream cannot be had (it broke
   * STREAM_RECONNECTS times in a row without an event, or the server refused it): long-polling
   * takes over.
   */
  async #followResuming(signal: AbortSignal, report: (job: Job) => void): Promise<Job | undefined> {
    let breaks = 0;
    while (breaks < STREAM_RECONNECTS) {
      let served: string | undefined;
      try {
        const ended = await this.#follow(
          signal,
          (job) => {
            breaks = 0;
            report(job);
          },
          (url) => (served = url),
        );
        if (ended) return ended;
        // Closed before the end (a server shutting down): its process is going away.
      } catch (error) {
        if (signal.aborted) throw error;
        // The stream could not be opened (connection retries exhausted on every URL, 404...):
        // long-polling gives the caller the real error, or the job.
        if (served === undefined || error instanceof SyntaxError) return undefined;
        // Broken mid-way (the API process died): the next call goes elsewhere.
      }
      if (served !== undefined) this.#client[CONNECTION_FAILED](served);
      breaks++;
    }
    return undefined;
  }

  /**
   * Follows the job's server-sent events; the job when it ended, undefined if the stream closed
   * first. `onOpen` gets the URL that answered, once the stream is open.
   */
  async #follow(
    signal: AbortSignal,
    report: (job: Job) => void,
    onOpen: (url: string) => void,
  ): Promise<Job | undefined> {
    const response = await this.#client.requestRaw('GET', `${this.#path}/events`, {
      signal,
      headers: { accept: 'text/event-stream' },
    });
    onOpen(response.url);
    for await (const event of readEvents(response, signal)) {
      if (event.name !== 'job' && event.name !== 'end') continue;
      const job = JSON.parse(event.data) as Job;
      report(job);
      if (event.name === 'end' || isFinished(job)) return job;
    }
    return undefined;
  }

  #seen(job: Job): Job {
    this.#job = job;
    return job;
  }
}
