// What every system of the tasks benchmark gets alike: the same tasks, built once before anything
// is timed, and the shape of Batchyard's tasks table that the peers write into and read from.

const CATEGORIES = ['news', 'sport', 'science', 'culture', 'economy'];
function makeTask(i) {
  return {
    name: `t-${i}`,
    data: {
      text: `Task ${i}: read the paragraph and label what it is about, plain text.`,
      priority: i % 10,
      category: CATEGORIES[i % CATEGORIES.length],
      flagged: i % 7 === 0,
      n: i,
    },
    properties: { score: (i % 100) / 100 },
  };
}

/** The `n` tasks of the benchmark. */
export const makeTasks = (n) => Array.from({ length: n }, (_, i) => makeTask(i));

/** The columns a list page reads (every column but data and initial_data). */
export const LIGHT_COLUMNS =
  'id, workspace_id, project_id, batch_id, name, unique_name, resources, score, custom, status, created_by, created_at, updated_at';

export const TABLE_COLUMNS = [
  'id',
  'workspace_id',
  'project_id',
  'batch_id',
  'name',
  'unique_name',
  'resources',
  'data',
  'initial_data',
  'score',
  'custom',
  'status',
  'created_by',
  'created_at',
  'updated_at',
];
export const SQLITE_TABLE = `create table tasks (id text primary key, workspace_id text not null, project_id text not null, batch_id text not null, name text not null, unique_name text, resources text not null, data text not null, initial_data text not null, score real, custom text not null, status text not null, created_by text, created_at integer not null, updated_at integer not null)`;
export const PG_TABLE = `create table tasks (id text primary key, workspace_id text not null, project_id text not null, batch_id text not null, name text not null, unique_name text, resources jsonb not null, data jsonb not null, initial_data jsonb not null, score double precision, custom jsonb not null, status text not null, created_by text, created_at bigint not null, updated_at bigint not null)`;
export const UNIQUE_INDEX = 'create unique index tasks_batch_name_unique on tasks (batch_id, unique_name)';
export const PEER_IDS = { ws: 'ws_peer', prj: 'prj_peer', bat: 'bat_peer', key: 'key_peer' };

/** The row of task i as the server stores it: JSON text for data, resources and custom. */
export function peerRow(nextId, t, at) {
  const data = JSON.stringify(t.data);
  return [
    `tsk_${nextId().toLowerCase()}`,
    PEER_IDS.ws,
    PEER_IDS.prj,
    PEER_IDS.bat,
    t.name,
    t.name,
    '[]',
    data,
    data,
    t.properties.score,
    JSON.stringify({}),
    'pending',
    PEER_IDS.key,
    at,
    at,
  ];
}

/** How the list peers report the times of their direct queries (ms). */
export function queryTimes(times) {
  const sorted = [...times].sort((a, b) => a - b);
  const quantile = (q) =>
    sorted.length === 0 ? null : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { queries: sorted.length, p50: quantile(0.5), p99: quantile(0.99), max: sorted.at(-1) };
}

/**
 * The physical core of a claim, the claim-next peers' statement: take the head of the batch's
 * queue (highest priority, then oldest) and lease it, in one statement. `$lock` is the
 * PostgreSQL row lock clause (empty on SQLite, whose one writer serialises claims).
 */
export const claimSql = (param, lock) =>
  `update tasks set status = 'in_progress', lease_member_id = ${param(1)}, lease_expires_at = ${param(2)}, updated_at = ${param(3)}
   where id = (select id from tasks where batch_id = ${param(4)} and status = 'pending'
               order by priority desc, id limit 1 ${lock})
   returning id`;
