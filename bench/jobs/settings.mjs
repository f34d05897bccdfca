// The jobs benchmark's knobs (environment variables, listed in docs/benchmarks.md#jobs) and what
// every system file shares: the PostgreSQL server the scratch databases go on, Redis, the log.
import { envInt, postgresAdmin } from '../lib/common.mjs';
import { logger } from '../lib/report.mjs';

const env = process.env;

export const N = envInt('BENCH_JOBS', 20000);
export const RUNS = envInt('BENCH_RUNS', 3);
export const BATCH = 1000;
/** Each system's first throughput run, not counted. */
export const WARMUP_JOBS = Math.min(N, 2000);
export const CONCURRENCY = envInt('BENCH_CONCURRENCY', 50);
export const PICKUP_INTERVAL_MS = 10;
export const PICKUP_SECONDS = 5;
export const PICKUP_JOBS = (PICKUP_SECONDS * 1000) / PICKUP_INTERVAL_MS;
export const WAIT_JOBS = 200;
/** The wait test's handler sleeps this long before it records its end, so the client is already waiting. */
export const WAIT_HANDLER_MS = 20;
/** The fairness bound: A's backlogs (one measurement each), then B's jobs. */
export const FAIR_BACKLOGS = (env.BENCH_FAIR_BACKLOGS ?? '10000,100000')
  .split(',')
  .map((n) => Number(n.trim()))
  .filter((n) => Number.isInteger(n) && n > 0);
export const FAIR_B_JOBS = 100;
export const DRAIN_TIMEOUT_MS = Math.max(120_000, N * 10);
export const PG_BASE = (env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, '');
export const [REDIS_HOST, REDIS_PORT] = (env.BENCH_REDIS ?? '127.0.0.1:6379').split(':');

/** One fresh database per system per run of the benchmark. */
export const postgres = postgresAdmin(PG_BASE);
export const log = logger('jobs');
