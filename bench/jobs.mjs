// `npm run bench -- jobs`: Batchyard's job engine beside BullMQ, pg-boss and graphile-worker, in one run
// on this machine. Writes bench/results/jobs.json and bench/results/jobs.md and prints the tables.
//
// Metrics (every system in the same process, on the same clock, performance.now()):
//   enqueue_per_s    N no-op jobs enqueued in bulk (batches of 1000) while no worker runs.
//   processed_per_s  then the workers start: N / (time from the worker start call to the moment the
//                    store first reports no queued or running job; polled every 5 ms once every
//                    handler has run). Median of BENCH_RUNS runs.
//   pickup_p50/p99   idle workers; one job enqueued every 10 ms for 5 s (open loop); latency =
//                    handler start − time just before the enqueue call (carried in the payload).
//   wait_p50/p99     200 jobs one after another; the client creates the job and at once waits for its
//                    end (Batchyard: GET /v1/jobs/{id}?wait=30 over keep-alive HTTP; BullMQ:
//                    job.waitUntilFinished(queueEvents)); latency = answer arrival − handler end.
//
// Environment: BENCH_JOBS (20000), BENCH_RUNS (3), BENCH_SYSTEMS (comma list, default all),
// BENCH_PG (postgres://postgres@127.0.0.1:5432), BENCH_REDIS (127.0.0.1:6379), and the peer
// settings BENCH_CONCURRENCY, BENCH_BULLMQ_CONCURRENCY, BENCH_GW_CONCURRENCY, BENCH_PGBOSS_WORKERS,
// BENCH_PGBOSS_BATCH (see SETTINGS below).
/* global fetch, AbortController */
import os from 'node:os';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { Queue, QueueEvents, Worker } from 'bullmq';
import PgBoss from 'pg-boss';
import { Logger, makeWorkerUtils, run as runGraphileWorker } from 'graphile-worker';
import { buildApp, loadConfig, openStore } from '@batchyard/server';
import { agent, envInt, httpJson, postgresAdmin, rand, sleep } from './lib/common.mjs';

const here = new URL('.', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const env = process.env;
const int = envInt;

const N = int('BENCH_JOBS', 20000);
const RUNS = int('BENCH_RUNS', 3);
const BATCH = 1000;
const CONCURRENCY = int('BENCH_CONCURRENCY', 50);
const PICKUP_INTERVAL_MS = 10;
const PICKUP_SECONDS = 5;
const PICKUP_JOBS = (PICKUP_SECONDS * 1000) / PICKUP_INTERVAL_MS;
const WAIT_JOBS = 200;
/** The wait test's handler sleeps this long before it records its end, so the client is already waiting. */
const WAIT_HANDLER_MS = 20;
const DRAIN_TIMEOUT_MS = Math.max(120_000, N * 10);
const PG_BASE = (env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, '');
const [REDIS_HOST, REDIS_PORT] = (env.BENCH_REDIS ?? '127.0.0.1:6379').split(':');

const SETTINGS = {
  jobs: N,
  runs: RUNS,
  enqueueBatch: BATCH,
  pickup: { intervalMs: PICKUP_INTERVAL_MS, seconds: PICKUP_SECONDS, jobs: PICKUP_JOBS },
  wait: { jobs: WAIT_JOBS, handlerSleepMs: WAIT_HANDLER_MS },
  batchyard: {
    jobConcurrency: CONCURRENCY,
    leaseSeconds: 30,
    poolSize: 10,
    pollMs: 1000,
    rateLimitPerMinute: 0,
    sqlite: 'file in a fresh temp dir, WAL, synchronous=NORMAL (the defaults of the embedded store)',
    remote: {
      server: 'SQLite, worker: false, listening on 127.0.0.1',
      worker:
        'one loop in this process using fetch: POST /v1/workers/claim {limit: 100, waitSeconds: 30, leaseSeconds: 30}, runs the claimed jobs at once, completes them with one POST /v1/workers/complete {results: [...]} (what the SDK worker does with jobs that end together), then claims again',
      enqueue: 'over HTTP: POST /v1/jobs/batch (1000 per call) and POST /v1/jobs',
    },
  },
  bullmq: {
    version: require('bullmq/package.json').version,
    concurrency: int('BENCH_BULLMQ_CONCURRENCY', CONCURRENCY),
    jobOptions: { removeOnComplete: true, removeOnFail: true },
    enqueue: 'Queue.addBulk (1000 per call), Queue.add',
    redis: `${REDIS_HOST}:${REDIS_PORT}`,
  },
  pgBoss: {
    version: require('pg-boss/package.json').version,
    workers: int('BENCH_PGBOSS_WORKERS', 4),
    batchSize: int('BENCH_PGBOSS_BATCH', 1000),
    pollingIntervalSeconds: 0.5,
    max: 10,
    enqueue: 'boss.insert (1000 per call), boss.send',
  },
  graphileWorker: {
    version: require('graphile-worker/package.json').version,
    concurrency: int('BENCH_GW_CONCURRENCY', 24),
    maxPoolSize: int('BENCH_GW_CONCURRENCY', 24) + 1,
    pollInterval: 2000,
    enqueue: 'SQL graphile_worker.add_jobs(job_spec[]) (1000 per call), graphile_worker.add_job',
  },
  postgres: PG_BASE,
};

const now = () => performance.now();
const log = (...args) => console.error(`[jobs ${new Date().toISOString().slice(11, 19)}]`, ...args);

function percentile(values, p) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
const median = (values) => percentile(values, 50);
const round = (value, digits = 1) => (value === null ? null : Number(value.toFixed(digits)));

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** The handler every system's workers call, per job: the phase swaps it. */
let onJob = () => {};

// ---------------------------------------------------------------------------------------------
// PostgreSQL databases (one fresh database per system per run of this script)

const { adminQuery, createDatabase, dropDatabase, settle } = postgresAdmin(PG_BASE);

// ---------------------------------------------------------------------------------------------
// HTTP client for the wait test: node:http with a keep-alive agent.

// ---------------------------------------------------------------------------------------------
// Batchyard

const PRINCIPAL = { kind: 'key', id: 'bench', name: 'bench', workspaceId: null, role: 'admin' };

function batchyard({ name, remote = false, postgres = false }) {
  let dataDir;
  let db;
  let store;
  let workspaceId;
  let token;
  let app; // the app of the current phase (in-process systems) or the API server (remote)
  let base;
  const mkApp = (worker) =>
    buildApp({
      store,
      logger: false,
      config: loadConfig(
        {
          dataDir,
          logLevel: 'silent',
          jwtSecret: 'x'.repeat(32),
          worker,
          jobConcurrency: CONCURRENCY,
          leaseSeconds: 30,
          rateLimitPerMinute: 0,
          poolSize: 10,
        },
        {},
      ),
      jobTypes: [
        {
          name: 'bench.noop',
          description: 'does nothing',
          handler: async (ctx) => {
            await onJob(ctx.arguments, ctx.id);
            return null;
          },
        },
      ],
    });
  const type = remote ? 'bench.remote' : 'bench.noop';
  const remaining = async () => {
    let left = 0;
    for (const status of ['queued', 'running']) {
      const row = await store.db
        .selectFrom('jobs')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('status', '=', status)
        .executeTakeFirstOrThrow();
      left += Number(row.n);
    }
    return left;
  };

  // Remote worker loop (fetch), started and stopped like the peers' workers.
  let worker;
  const startRemoteWorker = () => {
    const state = { stopping: false, controller: new AbortController(), workerId: `bench-${rand()}` };
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const claimBody = JSON.stringify({
      types: [type],
      workerId: state.workerId,
      limit: 100,
      waitSeconds: 30,
      leaseSeconds: 30,
    });
    state.done = (async () => {
      while (!state.stopping) {
        let jobs;
        try {
          const res = await fetch(`${base}/v1/workers/claim`, {
            method: 'POST',
            headers,
            body: claimBody,
            signal: state.controller.signal,
          });
          const body = await res.json();
          if (!res.ok) throw new Error(`claim: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
          jobs = body.data;
        } catch (error) {
          if (state.stopping) return;
          throw error;
        }
        state.claims = (state.claims ?? 0) + 1;
        if (jobs.length === 0) {
          state.emptyClaims = (state.emptyClaims ?? 0) + 1;
          continue;
        }
        const results = await Promise.all(
          jobs.map(async (job) => {
            await onJob(job.arguments, job.id);
            return { jobId: job.id, result: null };
          }),
        );
        const res = await fetch(`${base}/v1/workers/complete`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ workerId: state.workerId, results }),
        });
        const text = await res.text();
        if (!res.ok) throw new Error(`complete: ${res.status} ${text.slice(0, 300)}`);
        const answer = JSON.parse(text);
        if (answer.completed !== results.length)
          throw new Error(
            `complete: ${results.length - answer.completed} not completed: ${text.slice(0, 300)}`,
          );
      }
    })().catch((error) => {
      state.error = error;
      log(`${name}: remote worker stopped: ${error.message}`);
    });
    return state;
  };
  const stopRemoteWorker = async () => {
    if (!worker) return;
    worker.stopping = true;
    worker.controller.abort();
    await worker.done;
    const { claims = 0, emptyClaims = 0 } = worker;
    worker = undefined;
    return { claims, emptyClaims };
  };

  return {
    name,
    peer: false,
    backend: postgres ? 'postgres' : 'sqlite',
    async setup() {
      dataDir = mkdtempSync(join(os.tmpdir(), `bench-${name}-`));
      let url = `sqlite:${join(dataDir, 'batchyard.db')}`;
      if (postgres) {
        db = await createDatabase(name);
        url = db.url;
      }
      store = openStore(url, { poolSize: 10 });
      await store.migrate();
      const first = await mkApp(false);
      workspaceId = (await first.services.workspaces.create({ name: 'bench' })).id;
      token = await first.services.credentials.bootstrapAdminKey();
      await first.close();
      if (remote) {
        app = await mkApp(false);
        await app.ready();
        base = await app.listen({ port: 0, host: '127.0.0.1' });
        await httpJson(base, 'PUT', `/v1/job-types/${type}`, token, { workspaceId });
      }
    },
    async prepareRun() {
      if (!remote) app = await mkApp(true); // built, runner not started
    },
    async enqueueBulk(payloads) {
      const jobs = payloads.map((p) => ({ type, workspaceId, arguments: p }));
      if (remote) await httpJson(base, 'POST', '/v1/jobs/batch', token, { jobs });
      else await app.services.jobs.createMany(PRINCIPAL, jobs);
    },
    async startWorkers() {
      if (remote) worker = startRemoteWorker();
      // Starts the in-process runner (what app.ready() does through its onReady hook), without
      // timing Fastify's plugin boot, which peers' workers do not have.
      else await app.engine.start();
    },
    remaining,
    async stopWorkers() {
      if (remote) return stopRemoteWorker();
      await app.ready();
      await app.close();
      app = undefined;
    },
    async startIdle() {
      if (remote) {
        worker = startRemoteWorker();
        return;
      }
      app = await mkApp(true);
      await app.ready();
      base = await app.listen({ port: 0, host: '127.0.0.1' });
    },
    async enqueueOne(payload) {
      if (remote) await httpJson(base, 'POST', '/v1/jobs', token, { type, workspaceId, arguments: payload });
      else await app.services.jobs.create(PRINCIPAL, { type, workspaceId, arguments: payload });
    },
    async createAndWait(payload) {
      const job = await httpJson(base, 'POST', '/v1/jobs', token, { type, workspaceId, arguments: payload });
      const done = await httpJson(base, 'GET', `/v1/jobs/${job.id}?wait=30`, token);
      const arrival = now();
      if (done.status !== 'succeeded') throw new Error(`job ${job.id} answered ${done.status}`);
      return arrival;
    },
    async stopIdle() {
      if (remote) return stopRemoteWorker();
      await app.close();
      app = undefined;
    },
    async teardown() {
      await stopRemoteWorker().catch(() => undefined);
      await app?.close().catch(() => undefined);
      await store?.close().catch(() => undefined);
      if (db) await dropDatabase(db.name);
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// BullMQ

function bullmq() {
  const connection = { host: REDIS_HOST, port: Number(REDIS_PORT), maxRetriesPerRequest: null };
  const queueName = `bench_jobs_${rand()}`;
  const { concurrency, jobOptions } = SETTINGS.bullmq;
  let queue;
  let queueEvents;
  let worker;
  const startWorker = async () => {
    worker = new Worker(
      queueName,
      async (job) => {
        await onJob(job.data, job.id);
        return null;
      },
      { connection, concurrency },
    );
    worker.on('error', (err) => log('bullmq worker error', err.message));
    await worker.waitUntilReady();
  };
  return {
    name: 'bullmq',
    peer: true,
    backend: 'redis',
    async setup() {
      queue = new Queue(queueName, { connection, defaultJobOptions: jobOptions });
      await queue.waitUntilReady();
    },
    async prepareRun() {},
    async enqueueBulk(payloads) {
      await queue.addBulk(payloads.map((data) => ({ name: 'noop', data })));
    },
    startWorkers: startWorker,
    async remaining() {
      const counts = await queue.getJobCounts('wait', 'active', 'delayed', 'prioritized', 'paused');
      return Object.values(counts).reduce((a, b) => a + b, 0);
    },
    async stopWorkers() {
      await worker.close();
      worker = undefined;
    },
    async startIdle() {
      queueEvents = new QueueEvents(queueName, { connection });
      await queueEvents.waitUntilReady();
      await startWorker();
    },
    async enqueueOne(payload) {
      await queue.add('noop', payload);
    },
    async createAndWait(payload) {
      const job = await queue.add('noop', payload);
      await job.waitUntilFinished(queueEvents, 30_000);
      return now();
    },
    async stopIdle() {
      await worker.close();
      worker = undefined;
      await queueEvents.close();
      queueEvents = undefined;
    },
    async teardown() {
      await worker?.close().catch(() => undefined);
      await queueEvents?.close().catch(() => undefined);
      if (queue) {
        await queue.obliterate({ force: true }).catch((err) => log('bullmq obliterate', err.message));
        await queue.close();
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------
// pg-boss 10

function pgBoss() {
  const queueName = 'bench_noop';
  const { workers, batchSize, pollingIntervalSeconds, max } = SETTINGS.pgBoss;
  let db;
  let boss;
  const startWorkers = async () => {
    for (let i = 0; i < workers; i++) {
      await boss.work(queueName, { batchSize, pollingIntervalSeconds }, async (jobs) => {
        await Promise.all(jobs.map((job) => onJob(job.data, job.id)));
      });
    }
  };
  const stopWorkers = async () => {
    await boss.offWork(queueName);
    await sleep(600); // offWork returns before the loops end; let the last poll finish.
  };
  return {
    name: 'pg-boss',
    peer: true,
    backend: 'postgres',
    async setup() {
      db = await createDatabase('pgboss');
      boss = new PgBoss({ connectionString: db.url, max, schedule: false });
      boss.on('error', (err) => log('pg-boss error', err.message));
      await boss.start();
      await boss.createQueue(queueName);
    },
    async prepareRun() {},
    async enqueueBulk(payloads) {
      await boss.insert(payloads.map((data) => ({ name: queueName, data })));
    },
    startWorkers,
    async remaining() {
      return boss.getQueueSize(queueName, { before: 'completed' });
    },
    stopWorkers,
    startIdle: startWorkers,
    async enqueueOne(payload) {
      await boss.send(queueName, payload);
    },
    stopIdle: stopWorkers,
    async teardown() {
      await boss?.stop({ graceful: false, wait: true, timeout: 2000 }).catch(() => undefined);
      if (db) await dropDatabase(db.name);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// graphile-worker 0.16

function graphileWorker() {
  const { concurrency, maxPoolSize, pollInterval } = SETTINGS.graphileWorker;
  const logger = new Logger(() => () => {});
  let db;
  let pool;
  let runner;
  let runnerPool;
  const startWorkers = async () => {
    // Its pool is ours (the size it would make from maxPoolSize), so that the connections the
    // teardown's \`drop database … with (force)\` cuts are reported, not thrown as an unhandled 'error'.
    runnerPool = new pg.Pool({ connectionString: db.url, max: maxPoolSize });
    runnerPool.on('error', (err) => log('graphile-worker pool', err.message));
    runner = await runGraphileWorker({
      pgPool: runnerPool,
      concurrency,
      pollInterval,
      noHandleSignals: true,
      logger,
      taskList: {
        noop: async (payload, helpers) => {
          await onJob(payload, helpers.job.id);
        },
      },
    });
  };
  const stopWorkers = async () => {
    await runner.stop();
    runner = undefined;
    await runnerPool?.end();
    runnerPool = undefined;
  };
  return {
    name: 'graphile-worker',
    peer: true,
    backend: 'postgres',
    async setup() {
      db = await createDatabase('graphile');
      const utils = await makeWorkerUtils({ connectionString: db.url, logger });
      await utils.migrate();
      await utils.release();
      pool = new pg.Pool({ connectionString: db.url, max: 4 });
      pool.on('error', (err) => log('graphile-worker enqueue pool', err.message));
    },
    async prepareRun() {},
    async enqueueBulk(payloads) {
      const specs = JSON.stringify(payloads.map((payload) => ({ identifier: 'noop', payload })));
      await pool.query(
        `select count(*) from graphile_worker.add_jobs(
           (select array_agg(s) from json_populate_recordset(null::graphile_worker.job_spec, $1::json) s))`,
        [specs],
      );
    },
    startWorkers,
    async remaining() {
      const { rows } = await pool.query('select count(*)::int as n from graphile_worker._private_jobs');
      return rows[0].n;
    },
    stopWorkers,
    startIdle: startWorkers,
    async enqueueOne(payload) {
      await pool.query(`select graphile_worker.add_job('noop', $1::json)`, [JSON.stringify(payload)]);
    },
    stopIdle: stopWorkers,
    async teardown() {
      await runner?.stop().catch(() => undefined);
      await runnerPool?.end().catch(() => undefined);
      await pool?.end().catch(() => undefined);
      if (db) await dropDatabase(db.name);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Phases

async function throughputRun(system, n) {
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
  onJob = () => {
    if (firstStart === null) firstStart = now();
    if (++count === n) allRan();
  };
  const started = now();
  await system.startWorkers();
  const startCallMs = now() - started;
  await withTimeout(ran, DRAIN_TIMEOUT_MS, `${system.name} drain`);
  const handlersDone = now();
  while ((await system.remaining()) > 0) {
    if (now() - handlersDone > 30_000)
      throw new Error(`${system.name}: jobs still unfinished 30 s after the last handler`);
    await sleep(5);
  }
  const finished = now();
  onJob = () => {};
  const stopInfo = await system.stopWorkers();
  return {
    enqueue_per_s: n / (enqueueMs / 1000),
    processed_per_s: n / ((finished - started) / 1000),
    processed_per_s_from_first_start: n / ((finished - firstStart) / 1000),
    start_call_ms: startCallMs,
    first_start_ms: firstStart - started,
    drain_ms: finished - started,
    handler_calls: count,
    ...(stopInfo ?? {}),
  };
}

async function pickupPhase(system) {
  const latencies = [];
  let allRan;
  const ran = new Promise((resolve) => (allRan = resolve));
  onJob = (payload) => {
    latencies.push(now() - payload.t);
    if (latencies.length === PICKUP_JOBS) allRan();
  };
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
  onJob = () => {};
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
  onJob = async (payload) => {
    await sleep(WAIT_HANDLER_MS);
    ends.set(payload.k, now());
  };
  const latencies = [];
  for (let k = 0; k < WAIT_JOBS; k++) {
    const arrival = await withTimeout(system.createAndWait({ k }), 35_000, `${system.name} wait`);
    const end = ends.get(k);
    if (end === undefined) throw new Error(`${system.name}: job ${k} answered before its handler ended`);
    latencies.push(arrival - end);
  }
  onJob = () => {};
  return {
    wait_p50_ms: percentile(latencies, 50),
    wait_p99_ms: percentile(latencies, 99),
    wait_max_ms: Math.max(...latencies),
  };
}

async function measure(system) {
  const out = { runs: [], errors: [] };
  log(`${system.name}: setup`);
  await system.setup();
  try {
    try {
      const warm = await throughputRun(system, Math.min(N, 2000));
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
      onJob = () => {};
      await system.stopWorkers().catch(() => undefined);
    }
    try {
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
      onJob = () => {};
      const idle = await system.stopIdle().catch((err) => log(`${system.name}: stop`, err.message));
      if (idle) out.idle_worker = idle;
    }
  } finally {
    await system.teardown().catch((err) => log(`${system.name}: teardown`, err.message));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Report

function machine() {
  const cpus = os.cpus();
  let pgVersion = null;
  let redisVersion = null;
  try {
    redisVersion = /redis_version:(\S+)/.exec(
      execFileSync('redis-cli', ['-h', REDIS_HOST, '-p', REDIS_PORT, 'info', 'server'], { encoding: 'utf8' }),
    )?.[1];
  } catch {
    // no redis-cli: left out
  }
  let redisPersistence = null;
  try {
    const get = (key) =>
      execFileSync('redis-cli', ['-h', REDIS_HOST, '-p', REDIS_PORT, 'config', 'get', key], {
        encoding: 'utf8',
      })
        .split('\n')[1]
        ?.trim() ?? '';
    redisPersistence = `save "${get('save')}", appendonly ${get('appendonly')}`;
  } catch {
    // no redis-cli: left out
  }
  return {
    redisPersistence,
    text: `${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`,
    pgVersion,
    redisVersion,
  };
}

const METRICS = [
  { key: 'enqueue_per_s', title: 'Bulk enqueue (jobs/s, higher is better)', unit: 'jobs/s', higher: true },
  {
    key: 'processed_per_s',
    title: 'Processing, drain of a full queue (jobs/s, higher is better)',
    unit: 'jobs/s',
    higher: true,
  },
  { key: 'pickup_p50_ms', title: 'Pick-up latency p50 (ms, lower is better)', unit: 'ms', higher: false },
  { key: 'pickup_p99_ms', title: 'Pick-up latency p99 (ms, lower is better)', unit: 'ms', higher: false },
  { key: 'wait_p50_ms', title: 'Wait-for-end latency p50 (ms, lower is better)', unit: 'ms', higher: false },
  { key: 'wait_p99_ms', title: 'Wait-for-end latency p99 (ms, lower is better)', unit: 'ms', higher: false },
];

function fmt(value, unit) {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (unit === 'jobs/s') return Math.round(value).toLocaleString('en-US');
  return value < 10 ? value.toFixed(2) : value.toFixed(1);
}

function tables(results, systems) {
  const value = (system, metric) =>
    results.find((r) => r.system === system && r.metric === metric)?.value ?? null;
  const ours = systems.filter((s) => !s.peer).map((s) => s.name);
  const lines = [];
  for (const m of METRICS) {
    const rows = systems.filter((s) => value(s.name, m.key) !== null);
    if (rows.length === 0) continue;
    lines.push(`### ${m.title}`, '');
    const cols = ours.filter((o) => value(o, m.key) !== null);
    lines.push(
      `| system | ${m.unit} | ${cols.map((o) => `${o.replace('batchyard-', '')} ÷ this`).join(' | ')} |`,
    );
    lines.push(`|---|---:|${cols.map(() => '---:').join('|')}|`);
    for (const s of rows) {
      const v = value(s.name, m.key);
      const ratios = cols.map((o) => {
        if (o === s.name) return '—';
        const ov = value(o, m.key);
        return ov === null || v === 0 ? '—' : `${(ov / v).toFixed(2)}×`;
      });
      lines.push(`| ${s.peer ? s.name : `**${s.name}**`} | ${fmt(v, m.unit)} | ${ratios.join(' | ')} |`);
    }
    lines.push('');
  }
  return lines;
}

function targets(results) {
  const value = (system, metric) =>
    results.find((r) => r.system === system && r.metric === metric)?.value ?? null;
  const peers = ['bullmq', 'pg-boss', 'graphile-worker'];
  const pgPeers = ['pg-boss', 'graphile-worker'];
  const out = [];
  const best = (names, metric, higher) => {
    const vals = names.map((n) => ({ n, v: value(n, metric) })).filter((x) => x.v !== null);
    if (vals.length === 0) return null;
    return vals.reduce((a, b) => ((higher ? b.v > a.v : b.v < a.v) ? b : a));
  };
  const rateTarget = (label, ours, names, factor) => {
    const v = value(ours, 'processed_per_s');
    const b = best(names, 'processed_per_s', true);
    if (v === null || b === null) return out.push({ label, status: 'not measured' });
    const ratio = v / b.v;
    const met = ratio >= factor;
    out.push({
      label,
      met,
      detail: `${fmt(v, 'jobs/s')} vs ${b.n} ${fmt(b.v, 'jobs/s')} = ${ratio.toFixed(2)}× (needs ${factor}×; ${met ? `${((ratio / factor - 1) * 100).toFixed(0)}% above` : `${((1 - ratio / factor) * 100).toFixed(0)}% short, i.e. ${fmt(b.v * factor - v, 'jobs/s')} jobs/s more needed`})`,
    });
  };
  rateTarget('batchyard-embedded processed/s ≥ 3× the best peer', 'batchyard-embedded', peers, 3);
  rateTarget(
    'batchyard-postgres processed/s ≥ 1.2× the best PostgreSQL peer',
    'batchyard-postgres',
    pgPeers,
    1.2,
  );
  const pickupTarget = (label, ours, names) => {
    const v = value(ours, 'pickup_p99_ms');
    const b = best(names, 'pickup_p99_ms', false);
    if (v === null || b === null) return out.push({ label, status: 'not measured' });
    const met = v < b.v;
    out.push({
      label,
      met,
      detail: `${fmt(v, 'ms')} ms vs best ${b.n} ${fmt(b.v, 'ms')} ms (${met ? `${fmt(b.v - v, 'ms')} ms lower` : `${fmt(v - b.v, 'ms')} ms too high`})`,
    });
  };
  pickupTarget('batchyard-embedded pick-up p99 below every peer', 'batchyard-embedded', peers);
  pickupTarget('batchyard-postgres pick-up p99 below every PostgreSQL peer', 'batchyard-postgres', pgPeers);
  for (const ours of ['batchyard-embedded', 'batchyard-postgres']) {
    const label = `${ours} wait p99 ≤ 20 ms`;
    const v = value(ours, 'wait_p99_ms');
    if (v === null) {
      out.push({ label, status: 'not measured' });
      continue;
    }
    const met = v <= 20;
    out.push({
      label,
      met,
      detail: `${fmt(v, 'ms')} ms (${met ? `${fmt(20 - v, 'ms')} ms to spare` : `${fmt(v - 20, 'ms')} ms over`})`,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Main

const ALL = [
  () => batchyard({ name: 'batchyard-embedded' }),
  () => batchyard({ name: 'batchyard-postgres', postgres: true }),
  () => batchyard({ name: 'batchyard-remote', remote: true }),
  () => bullmq(),
  () => pgBoss(),
  () => graphileWorker(),
];
const wanted = env.BENCH_SYSTEMS ? env.BENCH_SYSTEMS.split(',').map((s) => s.trim()) : null;
const systems = ALL.map((make) => make()).filter((s) => !wanted || wanted.includes(s.name));

const startedAt = new Date();
const info = machine();
try {
  info.pgVersion = (await adminQuery('show server_version')).rows[0].server_version;
  const sc = (await adminQuery('show synchronous_commit')).rows[0].synchronous_commit;
  SETTINGS.postgresSettings = { server_version: info.pgVersion, synchronous_commit: sc };
} catch (error) {
  log('PostgreSQL not reachable:', error.message);
}
SETTINGS.redis = { version: info.redisVersion, persistence: info.redisPersistence };
log(`${info.text}; N=${N}, runs=${RUNS}, systems: ${systems.map((s) => s.name).join(', ')}`);

const results = [];
const details = {};
for (const system of systems) {
  const t = now();
  const out = await measure(system);
  details[system.name] = { ...out, seconds: round((now() - t) / 1000) };
  const push = (metric, value, unit, runs) => {
    if (value === null || value === undefined) return;
    results.push({
      system: system.name,
      peer: system.peer,
      metric,
      value: round(value, unit === 'jobs/s' ? 0 : 2),
      unit,
      ...(runs ? { runs: runs.map((v) => round(v, 0)) } : {}),
    });
  };
  if (out.runs.length > 0) {
    const enq = out.runs.map((r) => r.enqueue_per_s);
    const proc = out.runs.map((r) => r.processed_per_s);
    push('enqueue_per_s', median(enq), 'jobs/s', enq);
    push('processed_per_s', median(proc), 'jobs/s', proc);
  }
  push('pickup_p50_ms', out.pickup_p50_ms, 'ms');
  push('pickup_p99_ms', out.pickup_p99_ms, 'ms');
  push('wait_p50_ms', out.wait_p50_ms, 'ms');
  push('wait_p99_ms', out.wait_p99_ms, 'ms');
}

const targetList = targets(results);
const json = {
  benchmark: 'jobs',
  machine: info.text,
  date: startedAt.toISOString(),
  settings: SETTINGS,
  results,
  targets: targetList,
  details,
};

const md = [
  '# Jobs benchmark',
  '',
  `Run ${startedAt.toISOString()} on ${info.text}; PostgreSQL ${info.pgVersion ?? '?'} (synchronous_commit=${SETTINGS.postgresSettings?.synchronous_commit ?? '?'}) and Redis ${info.redisVersion ?? '?'} on the same host. Produced by \`npm run bench -- jobs\` (bench/jobs.mjs); every figure below comes from this one run.`,
  '',
  `N = ${N.toLocaleString('en-US')} no-op jobs, enqueued in batches of ${BATCH} with no worker running, then drained; throughput figures are the median of ${RUNS} runs (each after a 2,000-job warm-up; per-run values in jobs.json). Processing time runs from the worker start call to the moment the store first reports no queued or running job (polled every 5 ms once every handler has run). Pick-up: idle workers, one job enqueued every ${PICKUP_INTERVAL_MS} ms for ${PICKUP_SECONDS} s, latency = handler start − just before the enqueue call. Wait: ${WAIT_JOBS} jobs one after another, handler sleeps ${WAIT_HANDLER_MS} ms then records its end; latency = client's answer − handler end. All systems run in this one Node process, one after another.`,
  '',
  "Ratio columns: the Batchyard figure divided by the row's figure (for jobs/s above 1× is better; for latencies below 1× is better).",
  '',
  ...tables(results, systems),
  '## Targets',
  '',
  ...targetList.map(
    (t) =>
      `- ${t.status ? '**not measured**' : t.met ? '**met**' : '**missed**'} — ${t.label}${t.detail ? `: ${t.detail}` : ''}`,
  ),
  '',
  '## Settings',
  '',
  `- **Batchyard** (all three): jobConcurrency ${CONCURRENCY}, leaseSeconds 30, rate limit off, logger off, PostgreSQL pool 10, backstop poll 1 s (fixed in the app). Enqueue in-process with \`services.jobs.createMany\` (1000 per call, one transaction) and \`services.jobs.create\`; the processing clock starts at \`app.engine.start()\` (the runner start that \`app.ready()\` performs), so Fastify's plugin boot is not counted.`,
  `  - batchyard-embedded: SQLite file in a fresh temp dir (WAL, synchronous=NORMAL), in-process handlers.`,
  `  - batchyard-postgres: fresh PostgreSQL database, in-process handlers, LISTEN/NOTIFY wake-ups.`,
  `  - batchyard-remote (reported as is): SQLite server with worker: false; one remote worker loop in this process using fetch — claim with limit 100, waitSeconds 30, then runs the claimed jobs at once and completes them with one \`POST /v1/workers/complete\` (\`{results: [...]}\`, as the SDK's \`createWorker\` does with jobs that end together); enqueue over HTTP (\`POST /v1/jobs/batch\`, 1000 per call; \`POST /v1/jobs\` for pick-up).`,
  `  - The wait test uses \`POST /v1/jobs\` then \`GET /v1/jobs/{id}?wait=30\` over one keep-alive node:http agent.`,
  `- **BullMQ ${SETTINGS.bullmq.version}**: one Worker, concurrency ${SETTINGS.bullmq.concurrency} (Batchyard's, and the value in BullMQ's concurrency guide), \`removeOnComplete: true, removeOnFail: true\` (the docs' advice for throughput: keep Redis small), \`Queue.addBulk\` 1000 per call, unique queue obliterated after; wait figure from \`job.waitUntilFinished(queueEvents)\`. A higher concurrency raises BullMQ's drain rate (no-op jobs). Redis ${info.redisVersion ?? ''} as configured on this host (${info.redisPersistence ?? 'persistence settings unknown'}).`,
  `- **pg-boss ${SETTINGS.pgBoss.version}**: \`createQueue\` (standard policy), ${SETTINGS.pgBoss.workers} × \`boss.work(name, { batchSize: ${SETTINGS.pgBoss.batchSize}, pollingIntervalSeconds: ${SETTINGS.pgBoss.pollingIntervalSeconds} }, handler(jobs[]))\` (pg-boss 10 has no per-worker concurrency: throughput comes from batchSize and several work() calls; 0.5 s is its minimum polling interval and pg-boss 10 workers do not listen for new jobs), pool max ${SETTINGS.pgBoss.max}, \`schedule: false\`, other options default; \`boss.insert([...])\` 1000 per call. Its drain rate is bounded by workers × batchSize per 0.5 s poll (here up to 4,000 jobs in flight, against Batchyard's 50), and it moves a lot with those two numbers; 4 × 1000 was the best of the settings tried that keep a batch no larger than the enqueue batch.`,
  `- **graphile-worker ${SETTINGS.graphileWorker.version}**: \`run({ concurrency: ${SETTINGS.graphileWorker.concurrency}, pgPool, pollInterval: ${SETTINGS.graphileWorker.pollInterval}, noHandleSignals: true })\` with \`pgPool\` a \`pg.Pool\` of max ${SETTINGS.graphileWorker.maxPoolSize} (what \`maxPoolSize: ${SETTINGS.graphileWorker.maxPoolSize}\` would make; the script owns it so that the teardown's forced drop of the database cannot crash the run) — concurrency 24 / pool 25 as in its performance page; 0.16 has no localQueue or batched completion (those came in 0.17); enqueue with the SQL \`graphile_worker.add_jobs(job_spec[])\` 1000 per call, \`add_job\` for pick-up.`,
  `- Before every throughput run and before the latency phases the script runs a PostgreSQL \`checkpoint\` and pauses 200 ms, so that one system's writes do not checkpoint in the middle of the next measurement.`,
  `- Each PostgreSQL system gets a fresh database (\`bench_<system>_<random>\`), dropped with \`drop database … with (force)\` afterwards. Finished jobs stay where each system leaves them (Batchyard and pg-boss keep them, BullMQ and graphile-worker delete them), so later runs see earlier runs' rows.`,
  '',
];
const errors = Object.entries(details).filter(([, d]) => d.errors.length > 0);
if (errors.length > 0) {
  md.push('## Errors', '');
  for (const [name, d] of errors) for (const e of d.errors) md.push(`- ${name}: ${e}`);
  md.push('');
}

mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', 'jobs.json'), `${JSON.stringify(json, null, 2)}\n`);
writeFileSync(join(here, 'results', 'jobs.md'), md.join('\n'));
console.log(
  [
    '',
    ...tables(results, systems),
    'Targets:',
    ...targetList.map(
      (t) =>
        `  ${t.status ? 'NOT MEASURED' : t.met ? 'MET   ' : 'MISSED'} ${t.label}${t.detail ? `: ${t.detail}` : ''}`,
    ),
    '',
  ].join('\n'),
);
log(`wrote bench/results/jobs.json and jobs.md (${(performance.now() / 1000).toFixed(0)} s)`);
agent.destroy();
process.exit(0);
