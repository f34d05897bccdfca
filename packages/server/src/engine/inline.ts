import { ApiError } from '../errors/problem.js';
import type { Store } from '../store/index.js';
import { finishInlineJob, renewInlineLease } from '../store/queries/inline-jobs.js';
import { insertJobs, type JobRow } from '../store/queries/jobs.js';
import { saveJobArtifact } from './artifacts.js';
import type { JobEngine } from './engine.js';
import { failureJson, JobFailure, NonRetryableError } from './errors.js';
import type { JobContext } from './handlers.js';

/** What batch work needs from a job, whether a runner or a request runs it. */
export type WorkContext = Pick<JobContext, 'signal' | 'progress' | 'count' | 'warn' | 'writeArtifact'>;

const SAVE_EVERY_MS = 250;

/**
 * Runs `work` as job `row` inside the current request: the job is inserted already running, with
 * this request holding its lease (renewed while the work runs), so it is listed, watched, waited on
 * and aborted like any other job. If this process dies, the lease expires and the job goes back to
 * the queue, where its type's handler cleans up what was left (see batch.ingest).
 */
export async function runInlineJob(
  store: Store,
  engine: JobEngine,
  leaseMs: number,
  row: JobRow,
  /** Who creates the job: handed to the engine's `recordJobCreated` hook (the audit entry). */
  principal: unknown,
  work: (ctx: WorkContext) => Promise<unknown>,
): Promise<JobRow> {
  const recordCreated = engine.hooks.recordJobCreated;
  if (!recordCreated) throw new Error('The engine has no recordJobCreated hook: connect() it first.');
  const owner = `inline:${row.id}`;
  const now = Date.now();
  await store.transaction(async (trx) => {
    await insertJobs(store, trx, [
      {
        ...row,
        status: 'running',
        attempt: 1,
        started_at: now,
        lease_owner: owner,
        lease_expires_at: now + leaseMs,
      },
    ]);
    await recordCreated(trx, principal, row);
  });
  engine.events.publish({ kind: 'changed', ids: [row.id] });

  const controller = new AbortController();
  let aborted = false;
  const abort = () => {
    aborted = true;
    controller.abort(new JobFailure('aborted', 'The job was aborted.'));
  };
  const unsubscribe = engine.events.subscribe((event) => {
    if (event.kind === 'abort' && event.ids.includes(row.id)) abort();
  });

  let progress: string | undefined;
  const counters: Record<string, number> = {};
  const warnings: string[] = [];
  let dirty = false;
  let lastSave = 0;
  let saving: Promise<void> = Promise.resolve();
  const save = () => {
    const update: { progress?: string; counters?: string; warnings?: string } = {
      counters: JSON.stringify(counters),
      warnings: JSON.stringify(warnings),
    };
    if (progress !== undefined) update.progress = progress;
    dirty = false;
    lastSave = Date.now();
    saving = saving
      .then(() => renewInlineLease(store, row.id, owner, leaseMs, update))
      .then((state) => {
        if (state === null || state.abortRequested) abort();
        else engine.events.publish({ kind: 'changed', ids: [row.id] });
      })
      .catch(() => undefined);
  };
  const heartbeat = setInterval(save, Math.max(1000, Math.floor(leaseMs / 3)));
  heartbeat.unref();
  const touched = () => {
    dirty = true;
    if (Date.now() - lastSave >= SAVE_EVERY_MS) save();
  };

  const ctx: WorkContext = {
    signal: controller.signal,
    progress: (p) => {
      progress = JSON.stringify({
        done: p.done,
        total: p.total ?? null,
        unit: p.unit ?? null,
        message: p.message ?? null,
      });
      touched();
    },
    count: (name, by = 1) => {
      counters[name] = (counters[name] ?? 0) + by;
      touched();
    },
    warn: (message) => {
      warnings.push(message);
      touched();
    },
    writeArtifact: (name, contentType, source) =>
      saveJobArtifact(store, engine.artifacts, row, name, contentType, source),
  };

  let end: Pick<JobRow, 'status' | 'result' | 'error'>;
  try {
    const result = await work(ctx);
    end = { status: 'succeeded', result: JSON.stringify(result ?? null), error: null };
  } catch (error) {
    if (aborted) {
      end = {
        status: 'aborted',
        result: null,
        error: JSON.stringify({ code: 'aborted', message: 'The job was aborted.' }),
      };
    } else {
      const failure =
        error instanceof NonRetryableError
          ? { code: error.code, message: error.message, details: error.details }
          : error instanceof ApiError
            ? { code: error.code, message: error.message, details: error.errors }
            : { code: 'handler_error', message: (error as Error).message };
      end = { status: 'failed', result: null, error: failureJson(failure) };
    }
  } finally {
    clearInterval(heartbeat);
    unsubscribe();
    await saving;
  }
  void dirty;
  const finished = await finishInlineJob(store, row.id, owner, {
    ...end,
    progress: progress ?? null,
    counters: JSON.stringify(counters),
    warnings: JSON.stringify(warnings),
  });
  engine.events.publish({ kind: 'changed', ids: [row.id] });
  if (!finished) throw new Error(`inline job ${row.id} lost its lease before it finished`);
  return finished;
}
