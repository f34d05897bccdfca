import type { Query, RequestOptions } from '../core/http.js';
import { APIUserAbortError, BatchyardError, FlowWaitTimeoutError } from '../core/errors.js';
import type { PagePromise } from '../core/pagination.js';
import { APIResource } from '../core/resource.js';
import { pathId } from '../internal/http.js';
import { readEvents } from '../internal/sse.js';
import type { FieldName, Flow, FlowCreateParams, FlowListParams, Selected } from '../types.js';

export interface FlowWaitOptions {
  /** Aborting it stops the wait with APIUserAbortError. */
  signal?: AbortSignal;
  /** Gives up after this long with FlowWaitTimeoutError (default: waits as long as it takes). */
  timeoutMs?: number;
}

/** Per-request time allowed beyond the long-poll duration. */
const POLL_GRACE_MS = 15_000;
const POLL_SECONDS = 30;

/**
 * Flows: graphs of jobs created in one request (`jobs` keyed by name, `dependsOn` naming others),
 * all or nothing, with a status of their own; waited on, followed, aborted and retried as one.
 */
export class Flows extends APIResource {
  create(body: FlowCreateParams, options?: RequestOptions): Promise<Flow> {
    return this.client.request('POST', '/v1/flows', { ...options, body });
  }

  /** A flow with its jobs (key, status, the keys each waits for). */
  get(id: string, options?: RequestOptions): Promise<Flow> {
    return this.client.request('GET', `/v1/flows/${pathId(id)}`, options);
  }

  /** Flows by workspace, project and status(es), without their jobs. */
  list<F extends FieldName<Flow> = keyof Flow>(
    params: FlowListParams<F> = {},
    options?: RequestOptions,
  ): PagePromise<Selected<Flow, F>> {
    return this.client.getPage('/v1/flows', params as Query, options);
  }

  /**
   * Resolves with the flow once it has ended (succeeded, failed or aborted: check `status`),
   * long-polling the server with no sleep between requests.
   */
  async wait(id: string, options: FlowWaitOptions = {}): Promise<Flow> {
    const { signal, timeoutMs } = options;
    if (timeoutMs !== undefined && !(timeoutMs >= 0)) {
      throw new BatchyardError('`timeoutMs` must be a number of at least 0.');
    }
    if (signal?.aborted) throw new APIUserAbortError(undefined, { cause: signal.reason });
    const controller = new AbortController();
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    let timedOut = false;
    let last: Flow | undefined;
    const deadline = timeoutMs === undefined ? undefined : Date.now() + timeoutMs;
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            controller.abort();
          }, timeoutMs);
    try {
      for (;;) {
        const leftMs = deadline === undefined ? Infinity : deadline - Date.now();
        const wait = Math.max(1, Math.min(POLL_SECONDS, Math.ceil(leftMs / 1000)));
        last = await this.client.request<Flow>('GET', `/v1/flows/${pathId(id)}`, {
          query: { wait },
          signal: controller.signal,
          timeoutMs: Math.max(this.client.timeoutMs, wait * 1000 + POLL_GRACE_MS),
        });
        if (last.status !== 'running') return last;
      }
    } catch (error) {
      if (timedOut) throw new FlowWaitTimeoutError(id, timeoutMs ?? 0, last);
      throw error;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /**
   * The flow on every change of its jobs (at most every 250 ms), from the server's event stream,
   * ending with the flow as it ended: `for await (const flow of client.flows.follow(id))`.
   */
  async *follow(id: string, options: RequestOptions = {}): AsyncGenerator<Flow> {
    const controller = new AbortController();
    const outer = options.signal;
    const onAbort = () => controller.abort(outer?.reason);
    if (outer?.aborted) onAbort();
    outer?.addEventListener('abort', onAbort, { once: true });
    try {
      const response = await this.client.requestRaw('GET', `/v1/flows/${pathId(id)}/events`, {
        ...options,
        signal: controller.signal,
        headers: { accept: 'text/event-stream' },
      });
      for await (const event of readEvents(response, controller.signal)) {
        if (event.name === 'flow') yield JSON.parse(event.data) as Flow;
        else if (event.name === 'end') return;
      }
    } finally {
      outer?.removeEventListener('abort', onAbort);
      controller.abort();
    }
  }

  /** Aborts every unfinished job: waiting and queued ones at once, running ones through their signal. */
  abort(id: string, options?: RequestOptions): Promise<Flow> {
    return this.client.request('POST', `/v1/flows/${pathId(id)}/abort`, options);
  }

  /** Runs again the jobs of an ended flow that did not succeed; succeeded ones keep their results. */
  retry(id: string, options?: RequestOptions): Promise<Flow> {
    return this.client.request('POST', `/v1/flows/${pathId(id)}/retry`, options);
  }

  /** Deletes an ended flow with its jobs and their artifacts. */
  async delete(id: string, options?: RequestOptions): Promise<void> {
    await this.client.request('DELETE', `/v1/flows/${pathId(id)}`, options);
  }
}
