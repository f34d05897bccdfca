// The load benchmark's knobs (environment variables, listed in docs/benchmarks.md#load) and what
// its files share.
import { envInt, postgresAdmin } from '../lib/common.mjs';
import { logger } from '../lib/report.mjs';

const env = process.env;

export const CONNECTIONS = envInt('BENCH_CONNECTIONS', 64);
export const SECONDS = envInt('BENCH_SECONDS', 60);
export const SEED_TASKS = envInt('BENCH_LOAD_TASKS', 100_000);
// Each step of the mix alone, with the same connections, to tell what each costs the server.
export const STEP_SECONDS = envInt('BENCH_STEP_SECONDS', 10);
export const STORES = (env.BENCH_STORES || 'sqlite,postgres').split(',').map((s) => s.trim());
for (const s of STORES) if (!['sqlite', 'postgres'].includes(s)) throw new Error(`BENCH_STORES: ${s}?`);
export const PG_BASE = (env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, '');
export const SERVER_NODE_ARGS = (env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
export const TARGET_P99_MS = 50;
export const WARMUP_SECONDS = 3;

export const postgres = postgresAdmin(PG_BASE);
export const log = logger('load');
