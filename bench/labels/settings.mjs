// The labels benchmark's knobs (environment variables, listed in docs/benchmarks.md#labels), its
// targets, and what every file of it shares.
import { envInt, envList, postgresAdmin } from '../lib/common.mjs';
import { logger } from '../lib/report.mjs';

const env = process.env;
const list = envList;

export const N = envInt('BENCH_LABEL_TASKS', 1_000_000);
/** Tasks per create request (the route takes at most 10,000). */
export const CHUNK = envInt('BENCH_CHUNK', 10_000);
export const STORES = list('BENCH_STORES', 'sqlite,postgres', ['sqlite', 'postgres']);
export const FORMATS = list('BENCH_FORMATS', 'coco,yolo', ['coco', 'yolo']);
/** Runs of each export (the best one is the figure; every run is in the JSON). */
export const RUNS = envInt('BENCH_RUNS', 1);
/** Milliseconds between the /healthz requests sent while an export runs (0: none). */
export const HEALTHZ_MS = envInt('BENCH_HEALTHZ_MS', 25, 0);
export const PG_BASE = (env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, '');
/** The server's node flags, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile the exports. */
export const SERVER_NODE_ARGS = (env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
/** Development: keep the server's database and data directory (BENCH_KEEP=1). */
export const KEEP = env.BENCH_KEEP === '1';
export const TARGETS = { perS: 100_000, rssMb: 250 };

export const postgres = postgresAdmin(PG_BASE);
export const log = logger('labels');
