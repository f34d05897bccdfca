// The remote worker's loop (claim, heartbeat, complete, fail). It takes its client as an argument,
// so client.ts can start one without a runtime import cycle through jobs/worker.ts.
import type { Batchyard } from '../client.js';
import { APIError, BatchyardError, NonRetryableJobError } from '../core/errors.js';
import type { Worker, WorkerContext, WorkerOptions, WorkerProgress } from '../jobs/worker.js';
import type { ClaimedJob } from '../types.js';
import { newIdempotencyKey, pathId } from './http.js';
import { PendingLogLines } from './worker-logs.js';
import { backoffDelay, sleep } from './retry.js';

/** What one result of `POST /v1/workers/complete` says. */
interface CompleteOutcome {
  jobId: string;
  status: 'succeeded' | 'aborted' | null;
  error: { code: string; message: string } | null;
}

/** Log lines are sent at most this long after they were written. */
const LOG_SEND_MS = 1000;

/** Most results one `POST /v1/workers/complete` takes. */
const COMPLETE_BATCH_MAX = 1000;

const setImmediateIfAny = (globalThis as { setImmediate?: (fn: () => void) => unknown }).setImmediate;
/** After the current turn of the event loop (setImmediate where there is one). */
function nextTurn(fn: () => void): void {
  if (setImmediateIfAny) setImmediateIfAny(fn);
  else setTimeout(fn, 0);
}

/**
 * Runs jobs of custom types from this process: claims them over HTTP, heartbeats, completes or fails them.
 * Jobs that succeed close together are completed together: one `POST /v1/workers/complete` per batch
 * (sent once the handlers that ended in the same turn of the event loop are gathered, and while one
 * batch is in flight the next one fills up), falling back to one request per job against a server
 * without that endpoint.
 */
export function runWorker(client: Batchyard, options: WorkerOptions): Worker {
  const types = [...options.types];
  if (types.length === 0) throw new BatchyardError('`types` must name at least one job type.');
  const concurrency = integer('concurrency', options.concurrency ?? 4, 1, 100);
  const leaseSeconds = integer('leaseSeconds', options.leaseSeconds ?? 30, 5, 3600);
  const waitSeconds = integer('waitSeconds', options.waitSeconds ?? 20, 0, 30);
  const workerId = options.workerId ?? `sdk-worker-${newIdempotencyKey().slice(0, 8)}`;
  const { handler } = options;
  const report = (error: unknown) => {
    try {
      options.onError?.(error);
    } catch {
      // A throwing onError must not stop the worker.
    }
  };

  type Result = { jobId: string; result?: unknown; counters: Record<string, number>; warnings: string[] };
  let batch: Array<{ body: Result; settle: (outcome: CompleteOutcome | Error) => void }> = [];
  let flushing: Promise<void> | undefined;
  let batchSupported = true;

  const completeOne = async (body: Result): Promise<CompleteOutcome | Error> => {
    const { jobId, ...rest } = body;
    try {
      await client.request('POST', `/v1/jobs/${pathId(jobId)}/complete`, { body: { workerId, ...rest } });
      return { jobId, status: 'succeeded', error: null };
    } catch (error) {
      return error instanceof Error ? error : new BatchyardError(String(error));
    }
  };
  /** Sends what gathered, then what gathered meanwhile, one request at a time. */
  const flush = async (): Promise<void> => {
    while (batch.length > 0) {
      const sending = batch.slice(0, COMPLETE_BATCH_MAX);
      batch = batch.slice(sending.length);
      if (!batchSupported) {
        await Promise.all(sending.map(async (item) => item.settle(await completeOne(item.body))));
        continue;
      }
      try {
        const answer = await client.request<{ data: CompleteOutcome[] }>('POST', '/v1/workers/complete', {
          body: { workerId, results: sending.map((item) => item.body) },
        });
        sending.forEach((item, i) => {
          item.settle(answer.data[i] ?? new BatchyardError(`No answer for job ${item.body.jobId}.`));
        });
      } catch (error) {
        if (error instanceof APIError && error.status === 404 && error.code === 'route_not_found') {
          batchSupported = false; // an older server: one request per job from now on
          batch = [...sending, ...batch];
          continue;
        }
        const failed = error instanceof Error ? error : new BatchyardError(String(error));
        for (const item of sending) item.settle(failed);
      }
    }
  };
  /** Completes a job with the next batch; resolves with its own outcome. */
  const complete = (body: Result): Promise<CompleteOutcome | Error> =>
    new Promise((settle) => {
      batch.push({ body, settle });
      if (flushing) return; // the running flush sends it next
      flushing = new Promise<void>((resolve) => nextTurn(resolve)).then(flush).finally(() => {
        flushing = undefined;
      });
    });

  const closing = new AbortController();
  const tasks = new Set<Promise<void>>();
  /** Wakes the claim loop waiting for a free slot. */
  let wake: (() => void) | undefined;
  closing.signal.addEventListener('abort', () => wake?.(), { once: true });

  const runJob = async (job: ClaimedJob): Promise<void> => {
    const jobPath = `/v1/jobs/${pathId(job.id)}`;
    const controller = new AbortController();
    let leaseLost = false;
    let progress: WorkerProgress | undefined;
    const counters: Record<string, number> = {};
    const warnings: string[] = [];
    let dirty = false;
    let pendingCheckpoint: { value: unknown } | undefined;
    let beating: Promise<void> = Promise.resolve();
    const logs = new PendingLogLines();
    let logTimer: ReturnType<typeof setTimeout> | undefined;

    const beatOnce = async (): Promise<void> => {
      if (leaseLost) return;
      const checkpoint = pendingCheckpoint;
      const sendState = dirty;
      dirty = false;
      const lines = logs.take();
      try {
        const answer = await client.request<{ abort: boolean }>('POST', `${jobPath}/heartbeat`, {
          body: {
            workerId,
            leaseSeconds,
            ...(sendState && progress ? { progress } : {}),
            ...(sendState ? { counters, warnings } : {}),
            ...(checkpoint ? { checkpoint: checkpoint.value } : {}),
            ...(lines.length > 0 ? { logs: lines } : {}),
          },
        });
        if (checkpoint && pendingCheckpoint === checkpoint) pendingCheckpoint = undefined;
        if (answer.abort && !controller.signal.aborted) {
          controller.abort(new BatchyardError(`Job ${job.id} was aborted.`));
        }
      } catch (error) {
        if (sendState) dirty = true;
        logs.putBack(lines);
        if (error instanceof APIError && error.code === 'lease_lost') {
          leaseLost = true;
          controller.abort(new BatchyardError(`Lease of job ${job.id} lost.`));
          return;
        }
        // Past the job's timeoutMs: the server failed the attempt (code timeout) and took the job back.
        if (error instanceof APIError && error.code === 'job_timeout') {
          leaseLost = true;
          controller.abort(new BatchyardError(`Job ${job.id} ran past its timeout.`));
          return;
        }
        throw error;
      }
    };
    /** Heartbeats one after the other; resolves (or rejects) with this one. */
    const beat = (): Promise<void> => {
      const next = beating.then(beatOnce, beatOnce);
      beating = next.catch(() => undefined);
      return next;
    };
    const timer = setInterval(
      () => {
        beat().catch(report);
      },
      (leaseSeconds * 1000) / 3,
    );

    const ctx: WorkerContext = {
      signal: controller.signal,
      checkpoint: job.checkpoint ?? null,
      progress: (value) => {
        progress = { ...value };
        dirty = true;
      },
      count: (name, by = 1) => {
        counters[name] = (counters[name] ?? 0) + by;
        dirty = true;
      },
      warn: (message) => {
        warnings.push(String(message));
        dirty = true;
      },
      saveCheckpoint: async (value) => {
        pendingCheckpoint = { value };
        await beat();
      },
      log: (level, message, fields) => {
        logs.add(level, message, fields);
        // Lines go out within a second (a heartbeat is due only every third of the lease).
        logTimer ??= setTimeout(() => {
          logTimer = undefined;
          beat().catch(report);
        }, LOG_SEND_MS);
      },
    };

    let outcome: { ok: true; result: unknown } | { ok: false; error: unknown };
    try {
      outcome = { ok: true, result: await handler(job, ctx) };
    } catch (error) {
      outcome = { ok: false, error };
    } finally {
      clearInterval(timer);
      clearTimeout(logTimer);
    }
    // Lines not sent yet go before the outcome: once the job has ended they are refused.
    if (logs.size > 0 && !leaseLost) await beat().catch(report);
    await beating;
    // A worker that lost its lease must not end the job: another attempt may own it now.
    if (leaseLost) return;
    if (outcome.ok) {
      const answer = await complete({
        jobId: job.id,
        ...(outcome.result === undefined ? {} : { result: outcome.result }),
        counters,
        warnings,
      });
      if (answer instanceof Error) {
        if (!(answer instanceof APIError && answer.code === 'lease_lost')) report(answer);
      } else if (answer.error && answer.error.code !== 'lease_lost') {
        report(
          new BatchyardError(
            `Completing job ${job.id} failed: ${answer.error.code}: ${answer.error.message}`,
          ),
        );
      }
      return;
    }
    try {
      const error = outcome.error;
      await client.request('POST', `${jobPath}/fail`, {
        body: {
          workerId,
          error: jobError(error),
          retryable: !(error instanceof NonRetryableJobError),
          counters,
          warnings,
        },
      });
    } catch (error) {
      if (!(error instanceof APIError && error.code === 'lease_lost')) report(error);
    }
  };

  const start = (job: ClaimedJob) => {
    const task = runJob(job)
      .catch(report)
      .finally(() => {
        tasks.delete(task);
        wake?.();
      });
    tasks.add(task);
  };

  const loop = async (): Promise<void> => {
    let failures = 0;
    while (!closing.signal.aborted) {
      if (tasks.size >= concurrency) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
        continue;
      }
      try {
        const { data } = await client.request<{ data: ClaimedJob[] }>('POST', '/v1/workers/claim', {
          body: { types, workerId, limit: concurrency - tasks.size, waitSeconds, leaseSeconds },
          signal: closing.signal,
          timeoutMs: Math.max(client.timeoutMs, (waitSeconds + 15) * 1000),
        });
        failures = 0;
        for (const job of data) start(job);
      } catch (error) {
        if (closing.signal.aborted) break;
        report(error);
        await sleep(Math.max(250, backoffDelay(Math.min(failures++, 5))), closing.signal).catch(
          () => undefined,
        );
      }
    }
    while (tasks.size > 0) await Promise.allSettled([...tasks]);
  };

  const done = loop();
  return {
    workerId,
    get running() {
      return tasks.size;
    },
    done,
    close: async () => {
      closing.abort();
      await done;
    },
  };
}

function jobError(error: unknown): { code: string; message: string; details?: unknown } {
  const record = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  const code = typeof record.code === 'string' && record.code.length <= 100 ? record.code : 'handler_error';
  const raw = error instanceof Error ? error.message || error.name : String(error);
  const message = raw.slice(0, 10_000) || 'Handler failed.';
  return error instanceof NonRetryableJobError && error.details !== undefined
    ? { code, message, details: error.details }
    : { code, message };
}

function integer(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new BatchyardError(`\`${name}\` must be an integer from ${min} to ${max} (got ${String(value)}).`);
  }
  return value;
}
