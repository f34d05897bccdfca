// The load benchmark's knobs (environment variables, listed in docs/benchmarks.md#load) and what
// its files share.
import { envInt, postgresAdmin } from '../lib/common.mjs';
import { logger } from '../lib/report.mjs';

const env = process.env;

export const CONNECTIONS = envInt('BENCH_CONNECTIONS', 64);
export const SECONDS = envInt('BENCH_SECONDS', 60);
export const SEED_TASKS = envInt('BENCH_LOAD_TASKS', 100_000);
// Each step of the mix alone, with the same connections, to tell what each costs the server.
export const STEP_SECONDS = envInt('BENCH_STEP_SECONDS', 10, 0);
export const STORES = (env.BENCH_STORES || 'sqlite,postgres').split(',').map((s) => s.trim());
for (const s of STORES) if (!['sqlite', 'postgres'].includes(s)) throw new Error(`BENCH_STORES: ${s}?`);
export const PG_BASE = (env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, '');
export const SERVER_NODE_ARGS = (env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
// The open-loop phase (0 s skips it): the same mix paced at this many requests/s in all, over the same connections.
export const PACED_RATE = envInt('BENCH_PACED_RATE', 1000);
export const PACED_SECONDS = envInt('BENCH_PACED_SECONDS', 30, 0);
// PostgreSQL only: the mix with 1 API process, then with 2 on the same database (0 skips it).
export const SCALE_SECONDS = envInt('BENCH_SCALE_SECONDS', 30, 0);
export const TARGET_P99_MS = 50;
// PostgreSQL's saturated throughput of the mix against the embedded store's, same run.
export const TARGET_PG_RATIO = 0.8;
export const WARMUP_SECONDS = 3;

export const postgres = postgresAdmin(PG_BASE);
export const log = logger('load');
