// The batches benchmark's knobs (environment variables, listed in docs/benchmarks.md#batches), its
// targets, the columns of the datasets, and what every file shares.
import { envChoice, envInt, postgresAdmin } from '../lib/common.mjs';
import { logger } from '../lib/report.mjs';

const env = process.env;
const int = envInt;
const choice = envChoice;

export const N = int('BENCH_ROWS', 1_000_000);
export const TRIES = int('BENCH_TRIES', 5);
export const CONNECTIONS = int('BENCH_CONNECTIONS', 10);
export const GET_RATE = int('BENCH_GET_RATE', 100);
export const SOURCE = choice('BENCH_SOURCE', ['array', 'generator']);
export const CLIENT = choice('BENCH_CLIENT', ['sdk', 'raw']);
export const STORES = (env.BENCH_STORES ?? 'sqlite,postgres').split(',').map((s) => s.trim());
export const PG_BASE = (env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, '');
export const SERVER_NODE_ARGS = (env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
export const IDLE_SECONDS = 3;
/** Development: stop after the ingestion (BENCH_PHASES=ingest). */
export const INGEST_ONLY = env.BENCH_PHASES === 'ingest';
export const TARGETS = { ingestSqlite: 0.5, ingestPostgres: 0.4, stateMs: 50, deleteP99Ms: 50 };

export const COLUMNS = [
  { name: 'id', type: 'numeric' },
  { name: 'name', type: 'text' },
  { name: 'price', type: 'numeric' },
  { name: 'day', type: 'date' },
  { name: 'active', type: 'boolean' },
  { name: 'note', type: 'text' },
];

export const postgres = postgresAdmin(PG_BASE);
export const log = logger('batches');
