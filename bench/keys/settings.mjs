// The keys benchmark's knobs (environment variables, listed in docs/benchmarks.md#keys). The drain
// reuses the jobs benchmark's: BENCH_JOBS, BENCH_RUNS, BENCH_CONCURRENCY (bench/jobs/settings.mjs).
import { envInt } from '../lib/common.mjs';
import { logger } from '../lib/report.mjs';

/** Keys (graphile-worker: named queues) the keyed drain spreads its jobs over, round-robin. */
export const KEYS = envInt('BENCH_KEYS', 1000);
/** Queued jobs of the claim-cost backlogs (keyed: over KEYS keys; plain: no key). */
export const KEY_BACKLOG = envInt('BENCH_KEY_BACKLOG', 100000);
/** Timed claims per backlog, each after CLAIM_WARMUP untimed ones. */
export const CLAIMS = envInt('BENCH_KEY_CLAIMS', 200);
export const CLAIM_WARMUP = 20;
/** What each timed claim asks for. */
export const CLAIM_LIMIT = 10;
/** The drain's target: keyed jobs/s at least this fraction of plain, on each store. */
export const KEYED_TARGET = 0.8;

export const log = logger('keys');
