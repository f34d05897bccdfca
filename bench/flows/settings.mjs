// The flows benchmark's knobs (listed in docs/benchmarks.md#flows) and what the system files share.
import { envInt, postgresAdmin } from '../lib/common.mjs';
import { logger } from '../lib/report.mjs';

const env = process.env;

/** Jobs on the wide side of each graph: parents of the fan-in, dependents of the fan-out. */
export const WIDTH = envInt('BENCH_FLOW_WIDTH', 1000);
export const RUNS = envInt('BENCH_RUNS', 3);
export const CONCURRENCY = envInt('BENCH_CONCURRENCY', 50);
export const PG_BASE = (env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, '');
export const [REDIS_HOST, REDIS_PORT] = (env.BENCH_REDIS ?? '127.0.0.1:6379').split(':');
export const postgres = postgresAdmin(PG_BASE);
export const log = logger('flows');
