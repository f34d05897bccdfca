// The tasks benchmark's knobs (environment variables, listed in docs/benchmarks.md#tasks), its
// targets, the project's task schema, the list pages measured, and what every file shares.
import { envChoice, envInt, envList, postgresAdmin } from '../lib/common.mjs';
import { logger } from '../lib/report.mjs';

const env = process.env;
const int = envInt;
const choice = envChoice;
const list = envList;

export const N = int('BENCH_TASKS', 1_000_000);
export const CHUNK = int('BENCH_CHUNK', 5000);
export const CONNECTIONS = int('BENCH_CONNECTIONS', 32);
export const LIST_SECONDS = int('BENCH_LIST_SECONDS', 20);
/** Requests per second of each of the paced clients (the open-loop list run). */
export const CLIENT_RATE = int('BENCH_CLIENT_RATE', 10);
export const PEER_QUERIES = int('BENCH_PEER_QUERIES', 2000);
export const FORMATS = list('BENCH_FORMATS', 'jsonl,csv', ['jsonl', 'csv']);
export const CLIENT = choice('BENCH_CLIENT', ['sdk', 'raw']);
export const PHASES = list('BENCH_PHASES', 'create,export,list,claim', ['create', 'export', 'list', 'claim']);
/** Claim-next: members claiming from the project's queue at once, each through its own member key. */
export const CLAIM_MEMBERS = int('BENCH_CLAIM_MEMBERS', 64);
/** How long a member works on a task between its claim and its submit (the paced claim run). */
export const CLAIM_THINK_MS = int('BENCH_CLAIM_THINK_MS', 1000);
export const CLAIM_SECONDS = int('BENCH_CLAIM_SECONDS', 20);
export const STORES = list('BENCH_STORES', 'sqlite,postgres', ['sqlite', 'postgres']);
export const PG_BASE = (env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, '');
export const SERVER_NODE_ARGS = (env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
/** Development: keep the server's database and data directory (BENCH_KEEP=1). */
export const KEEP = env.BENCH_KEEP === '1';
export const WARMUP_SECONDS = 2;
export const TARGETS = {
  createPerS: 50_000,
  createRatio: 0.4,
  exportPerS: 200_000,
  exportRssMb: 250,
  listP99Ms: 20,
  claimP99Ms: { sqlite: 20, postgres: 50 },
};

/** The task schema of the bench project: every task's data is checked against it. */
export const TASK_SCHEMA = {
  type: 'object',
  properties: {
    text: { type: 'string' },
    priority: { type: 'integer', minimum: 0 },
    category: { type: 'string' },
    flagged: { type: 'boolean' },
    n: { type: 'integer' },
  },
  required: ['text', 'priority'],
};
export const LISTS = [
  {
    label: 'status=pending + data.priority = 3',
    query: 'statuses=pending&filter=data.priority:eq:3&limit=50',
  },
  {
    label: 'status=pending + data.priority ≥ 8',
    query: 'statuses=pending&filter=data.priority:gte:8&limit=50',
  },
];

export const postgres = postgresAdmin(PG_BASE);
export const log = logger('tasks');
