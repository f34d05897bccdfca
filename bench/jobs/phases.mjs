// The phases every system of the jobs benchmark goes through, on the same clock: throughput runs
// (bulk enqueue, then drain), pick-up latency with idle workers, and wait-for-end latency.
//
// A system (batchyard.mjs, bullmq.mjs, pg-boss.mjs, graphile-worker.mjs) is an object with `name`,
// `peer`, `backend` and: setup(), prepareRun(), enqueueBulk(payloads), startWorkers(), remaining()
// (jobs queued or running), stopWorkers(), startIdle(), enqueueOne(payload), stopIdle(), teardown(),
// and createAndWait(payload) where it can wait for a job's end (resolves with the answer's time).
// Its workers call onJob (handler.mjs) for each job.
import { performance } from 'node:perf_hooks';
import { sleep } from '../lib/common.mjs';
import { cpuPerUnitUs, cpuWindow } from '../lib/server.mjs';
import { clearJobHandler, setJobHandler } from './handler.mjs';
import {
  BATCH,
  DRAIN_TIMEOUT_MS,
  N,
  PICKUP_INTERVAL_MS,
  PICKUP_JOBS,
  RUNS,
  WAIT_HANDLER_MS,
  WAIT_JOBS,
  WARMUP_JOBS,
  log,
  postgres,
} from './settings.mjs';

const now = () => performance.now();
const { settle } = postgres;

export function percentile(values, p) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * One throughput run: `n` jobs enqueued with no worker running, then drained (also bench/keys,
 * which gives a slow system more than DRAIN_TIMEOUT_MS).
 */
export async function throughputRun(system, n, drainTimeoutMs = DRAIN_TIMEOUT_MS) {
  await settle();
  await system.prepareRun();
  const payloads = Array.from({ length: n }, (_, i) => ({ i }));
  const t0 = now();
  for (let i = 0; i < n; i += BATCH) await system.enqueueBulk(payloads.slice(i, i + BATCH));
  const enqueueMs = now() - t0;
  const queued = await system.remaining();
  if (queued !== n) throw new Error(`${system.name}: ${queued} jobs queued after enqueueing ${n}`);

  let count = 0;
  let firstStart = null;
  let allRan;
  const ran = new Promise((resolve) => (allRan = resolve));
  setJobHandler(() => {
    if (firstStart === null) firstStart = now();
    if (++count === n) allRan();
  });
  const cpu = cpuWindow({ postgres: system.backend === 'postgres', redis: system.backend === 'redis' });
  const started = now();
  await system.startWorkers();
  const startCallMs = now() - started;
  await withTimeout(ran, drainTimeoutMs, `${system.name} drain`);
  const handlersDone = now();
  while ((await system.remaining()) > 0) {
    if (now() - handlersDone > 30_000)
      throw new Error(`${system.name}: jobs still unfinished 30 s after the last handler`);
    await sleep(5);
  }
  const finished = now();
  const cpuPerJob = cpuPerUnitUs(cpu(), n);
  clearJobHandler();
  const stopInfo = await system.stopWorkers();
  return {
    enqueue_per_s: n / (enqueueMs / 1000),
    processed_per_s: n / ((finished - started) / 1000),
    processed_per_s_from_first_start: n / ((finished - firstStart) / 1000),
    start_call_ms: startCallMs,
    first_start_ms: firstStart - started,
    drain_ms: finished - started,
    handler_calls: count,
    // This process (the workers, and Batchyard's whole engine) and the store's server processes.
    cpu_us_per_job: cpuPerJob,
    ...(stopInfo ?? {}),
  };
}

async function pickupPhase(system) {
  const latencies = [];
  let allRan;
  const ran = new Promise((resolve) => (allRan = resolve));
  setJobHandler((payload) => {
    latencies.push(now() - payload.t);
    if (latencies.length === PICKUP_JOBS) allRan();
  });
  const start = now();
  const enqueues = [];
  let enqueueErrors = 0;
  for (let i = 0; i < PICKUP_JOBS; i++) {
    const wait = start + i * PICKUP_INTERVAL_MS - now();
    if (wait > 0.5) await sleep(wait);
    const t = now();
    enqueues.push(
      system.enqueueOne({ i, t }).catch((err) => {
        enqueueErrors++;
        log(`${system.name} pickup enqueue failed`, err.message);
      }),
    );
  }
  const sendSpan = now() - start;
  await Promise.all(enqueues);
  await Promise.race([ran, sleep(15_000)]);
  clearJobHandler();
  return {
    pickup_p50_ms: percentile(latencies, 50),
    pickup_p99_ms: percentile(latencies, 99),
    pickup_max_ms: latencies.length ? Math.max(...latencies) : null,
    pickup_samples: latencies.length,
    pickup_enqueue_errors: enqueueErrors,
    pickup_send_span_ms: sendSpan,
  };
}

async function waitPhase(system) {
  const ends = new Map();
  setJobHandler(async (payload) => {
    await sleep(WAIT_HANDLER_MS);
    ends.set(payload.k, now());
  });
  const latencies = [];
  for (let k = 0; k < WAIT_JOBS; k++) {
    const arrival = await withTimeout(system.createAndWait({ k }), 35_000, `${system.name} wait`);
    const end = ends.get(k);
    if (end === undefined) throw new Error(`${system.name}: job ${k} answered before its handler ended`);
    latencies.push(arrival - end);
  }
  clearJobHandler();
  return {
    wait_p50_ms: percentile(latencies, 50),
    wait_p99_ms: percentile(latencies, 99),
    wait_max_ms: Math.max(...latencies),
  };
}

/** Every phase for one system, from its setup to its teardown; errors are kept, not thrown. */
export async function measure(system) {
  const out = { runs: [], errors: [] };
  log(`${system.name}: setup`);
  await system.setup();
  try {
    try {
      const warm = await throughputRun(system, WARMUP_JOBS);
      log(`${system.name}: warm-up ${Math.round(warm.processed_per_s)} jobs/s`);
      for (let r = 0; r < RUNS; r++) {
        const run = await throughputRun(system, N);
        out.runs.push(run);
        log(
          `${system.name}: run ${r + 1}/${RUNS}: enqueue ${Math.round(run.enqueue_per_s)}/s, processed ${Math.round(run.processed_per_s)}/s (first start after ${run.first_start_ms.toFixed(0)} ms)`,
        );
      }
    } catch (error) {
      out.errors.push(`throughput: ${error.message}`);
      log(`${system.name}: throughput failed: ${error.stack}`);
      clearJobHandler();
      await system.stopWorkers().catch(() => undefined);
    }
    try {
      if (system.keyed) return out;
      await settle();
      await system.startIdle();
      await sleep(1000); // idle: connections, LISTEN and long-polls in place
      Object.assign(out, await pickupPhase(system));
      log(
        `${system.name}: pickup p50 ${out.pickup_p50_ms?.toFixed(2)} ms, p99 ${out.pickup_p99_ms?.toFixed(2)} ms (${out.pickup_samples}/${PICKUP_JOBS})`,
      );
      if (system.createAndWait) {
        await sleep(200);
        Object.assign(out, await waitPhase(system));
        log(
          `${system.name}: wait p50 ${out.wait_p50_ms.toFixed(2)} ms, p99 ${out.wait_p99_ms.toFixed(2)} ms`,
        );
      }
    } catch (error) {
      out.errors.push(`latency: ${error.message}`);
      log(`${system.name}: latency phase failed: ${error.stack}`);
    } finally {
      clearJobHandler();
      // A keyed system never started its idle worker (it is measured for its drain only).
      const idle = system.keyed
        ? undefined
        : await system.stopIdle().catch((err) => log(`${system.name}: stop`, err.message));
      if (idle) out.idle_worker = idle;
    }
  } finally {
    await system.teardown().catch((err) => log(`${system.name}: teardown`, err.message));
  }
  return out;
}
