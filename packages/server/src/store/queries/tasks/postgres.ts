import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type pg from 'pg';
import { copyRowsIn, copyTextField, onOwnConnection } from '../../copy-text.js';
import { postgresPool } from '../../driver.js';
import type { Store } from '../../index.js';
import type { AuditRow } from '../audit.js';
import { TaskParentMissingError, type TasksBackend } from './backend.js';
import { TASK_COLUMNS, type TaskRow } from './read.js';

/** Tasks per insert statement. */
const PG_INSERT_ROWS = 5000;
/**
 * From this many tasks a create goes through COPY (copyInsert): measured on 200,000 tasks, 5,000
 * at a time, 19,000–24,000 tasks/s against 8,000–10,000 through json_populate_recordset, and about
 * twice as fast at 500 too. Below it, the statement's one round trip beats COPY's four.
 */
const PG_COPY_ROWS = 500;
/** The session's staging table of copyInsert (temporary: each connection has its own). */
const STAGE = 'batchyard_task_stage';
const COLUMN_LIST = TASK_COLUMNS.map((c) => `"${c}"`).join(', ');
/** Connections whose staging table exists (it lives as long as the connection). */
const staged = new WeakSet<pg.PoolClient>();
/** Stores whose role may not create temporary tables (42501 on the first try). */
const noTemporaryTables = new WeakSet<Store>();
const INSUFFICIENT_PRIVILEGE = '42501';
const str = (text: string | null) => (text === null ? 'null' : JSON.stringify(text));

/** A task row as a JSON object for json_populate_recordset (data, resources, custom are JSON text). */
function pgRowJson(r: TaskRow): string {
  const score = r.score === null ? 'null' : JSON.stringify(r.score);
  return `{"id":${str(r.id)},"workspace_id":${str(r.workspace_id)},"project_id":${str(r.project_id)},"batch_id":${str(r.batch_id)},"name":${str(r.name)},"unique_name":${str(r.unique_name)},"resources":${r.resources},"score":${score},"custom":${r.custom},"status":${str(r.status)},"created_by":${str(r.created_by)},"created_at":${r.created_at},"updated_at":${r.updated_at},"data":${r.data},"initial_data":${r.initial_data},"priority":${r.priority},"assignee_id":${str(r.assignee_id)},"lease_member_id":${str(r.lease_member_id)},"lease_expires_at":${r.lease_expires_at ?? 'null'},"prediction_model_version":${str(r.prediction_model_version)},"prediction_score":${r.prediction_score === null ? 'null' : JSON.stringify(r.prediction_score)},"prediction_data":${r.prediction_data ?? 'null'}}`;
}

const UNIQUE_VIOLATION = '23505';

/** The distinct batches and projects `rows` name. */
function parentIds(rows: readonly TaskRow[]): [string[], string[]] {
  return [[...new Set(rows.map((r) => r.batch_id))], [...new Set(rows.map((r) => r.project_id))]];
}
/**
 * What the tasks table's foreign keys checked per row before migration 0029, once per statement:
 * true when every batch and project `rows` name exists, each then locked `for key share` (as a
 * foreign key locks it) until the transaction ends, so none is deleted under the insert.
 */
function parentsLocked(rows: readonly TaskRow[]): RawBuilder<boolean> {
  const [batches, projects] = parentIds(rows);
  return sql<boolean>`(select count(*) from (select 1 from batches where id = any(${batches}::text[]) for key share) b) = ${batches.length}
    and (select count(*) from (select 1 from projects where id = any(${projects}::text[]) for key share) p) = ${projects.length}`;
}
const missingParent = (rows: readonly TaskRow[]) =>
  new TaskParentMissingError(
    `The batch (${parentIds(rows)[0].join(', ')}) or project of these tasks no longer exists.`,
  );

/** parentsLocked on a connection inside its transaction; throws when a parent is missing. */
async function lockParents(store: Store, client: pg.PoolClient, rows: readonly TaskRow[]): Promise<void> {
  const query = sql<{ ok: boolean }>`select ${parentsLocked(rows)} as ok`.compile(store.db);
  const { rows: found } = await client.query<{ ok: boolean }>(query.sql, [...query.parameters]);
  if (found[0]?.ok !== true) throw missingParent(rows);
}
const copyLine = (row: TaskRow): string => {
  let line = copyTextField(row[TASK_COLUMNS[0]]);
  for (let i = 1; i < TASK_COLUMNS.length; i++) line += '\t' + copyTextField(row[TASK_COLUMNS[i]!]);
  return line + '\n';
};
const AUDIT_INSERT = `insert into audit_log (id, workspace_id, actor_kind, actor_id, actor_name, action,
  resource_type, resource_id, request_id, actor_member_id, summary, created_at)`;
const auditParams = (audit: AuditRow) => [
  audit.id,
  audit.workspace_id,
  audit.actor_kind,
  audit.actor_id,
  audit.actor_name,
  audit.action,
  audit.resource_type,
  audit.resource_id,
  audit.request_id,
  audit.actor_member_id ?? null,
  audit.summary,
  audit.created_at,
];

/**
 * Inserts through COPY, with json_populate_recordset's cost gone: PostgreSQL parsed the whole array
 * as JSON, then each JSON column again, in one allocation the size of the request (a profile of the
 * create showed 60 % of PostgreSQL's time in that parse and 30 % in page faults).
 *
 * The rows are copied straight into tasks, with the audit entry, in one transaction: the names were
 * looked up just before, so a conflict means another request took one of them meanwhile. COPY has
 * no `on conflict`, so then (a unique violation, nothing written) the rows go again through a
 * temporary table of the connection and one `insert … select … on conflict do nothing`, which
 * skips the names taken. Measured with COPY of 5,000 tasks into a table of 200,000, the staging
 * cost a fifth more of PostgreSQL's time than the straight copy.
 */
async function copyInsert(
  store: Store,
  rows: readonly TaskRow[],
  audit: AuditRow | null,
): Promise<Set<string> | undefined> {
  const straight = await copyStraight(store, rows, audit);
  if (straight) return straight;
  if (noTemporaryTables.has(store)) return undefined;
  return copyStaged(store, rows, audit);
}

/** The rows copied into tasks as they are; undefined when a name or id was taken (nothing written). */
async function copyStraight(
  store: Store,
  rows: readonly TaskRow[],
  audit: AuditRow | null,
): Promise<Set<string> | undefined> {
  try {
    return await onOwnConnection(postgresPool(store), async (client) => {
      await client.query('begin');
      await lockParents(store, client, rows);
      await copyRowsIn(client, `copy tasks (${COLUMN_LIST}) from stdin`, rows, copyLine);
      if (audit) {
        await client.query(
          `${AUDIT_INSERT} values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10,
          $11::jsonb || jsonb_build_object('created', $13::int), $12)`,
          [...auditParams(audit), rows.length],
        );
      }
      await client.query('commit');
      return new Set(rows.map((r) => r.id));
    });
  } catch (error) {
    if ((error as { code?: unknown }).code === UNIQUE_VIOLATION) return undefined;
    throw error;
  }
}

/** The rows through the connection's staging table, skipping the names the batch already holds. */
function copyStaged(
  store: Store,
  rows: readonly TaskRow[],
  audit: AuditRow | null,
): Promise<Set<string> | undefined> {
  return onOwnConnection(postgresPool(store), async (client) => {
    if (!staged.has(client)) {
      // Outside the transaction, so a rollback cannot undo it.
      try {
        await client.query(
          `create temp table if not exists ${STAGE} (like tasks including defaults) on commit delete rows`,
        );
      } catch (error) {
        // A role without the TEMPORARY privilege on the database: creates take the JSON statement.
        if ((error as { code?: unknown }).code !== INSUFFICIENT_PRIVILEGE) throw error;
        noTemporaryTables.add(store);
        return undefined;
      }
      staged.add(client);
    }
    await client.query('begin');
    await lockParents(store, client, rows);
    await copyRowsIn(client, `copy ${STAGE} (${COLUMN_LIST}) from stdin`, rows, copyLine);
    const insert = `insert into tasks (${COLUMN_LIST}) select ${COLUMN_LIST} from ${STAGE}
      on conflict (batch_id, unique_name) do nothing returning id`;
    const result = audit
      ? await client.query<{ id: string }>(
          `with ins as (${insert}), aud as (${AUDIT_INSERT}
            select $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb || jsonb_build_object('created', count(*)), $12
            from ins having count(*) > 0)
          select id from ins`,
          auditParams(audit),
        )
      : await client.query<{ id: string }>(insert);
    await client.query('commit');
    return new Set(result.rows.map((r) => r.id));
  });
}

export const postgresTasks: TasksBackend = {
  jsonAt: (column, path, asText) => {
    const pgPath = `{${path.join(',')}}`;
    return asText ? sql`(${sql.ref(column)} #>> ${pgPath})` : sql`(${sql.ref(column)} #> ${pgPath})`;
  },
  jsonValue: (value) => sql`cast(${JSON.stringify(value)} as jsonb)`,
  compareJson: (left, operator, value, bound) => {
    // jsonb orders values of different types by type: a number never compares below a string.
    // Compare only values of the same JSON type, as SQL would.
    const type = typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'string';
    return sql<SqlBool>`(jsonb_typeof(${left}) = ${type} and ${left} ${sql.raw(operator)} ${bound})`;
  },
  rowsPerInsert: PG_INSERT_ROWS,
  bulkInsertRows: PG_COPY_ROWS,
  bulkInsert: copyInsert,
  // The rows as one JSON array (JSON columns spliced in as they are), one statement per 5,000,
  // returning what went in.
  insert: async (_store, db, rows, audit) => {
    const inserted = new Set<string>();
    const columns = sql.join(TASK_COLUMNS.map((c) => sql.ref(c)));
    for (let i = 0; i < rows.length; i += PG_INSERT_ROWS) {
      const part = rows.slice(i, i + PG_INSERT_ROWS);
      let json = '';
      for (const row of part) json += `${json ? ',' : '['}${pgRowJson(row)}`;
      // Nothing is inserted when a batch or project is missing; the last row says so (id null).
      const insert = sql`insert into tasks (${columns})
      select ${columns} from json_populate_recordset(null::tasks, ${`${json}]`}::json)
      where (select ok from parents)
      on conflict (batch_id, unique_name) do nothing returning id`;
      const a = audit;
      const result = await sql<{ id: string | null }>`with parents as materialized (
          select ${parentsLocked(part)} as ok
        ), ins as (${insert})${
          a
            ? sql`, aud as (
            insert into audit_log (id, workspace_id, actor_kind, actor_id, actor_name, action, resource_type,
              resource_id, request_id, actor_member_id, summary, created_at)
            select ${a.id}, ${a.workspace_id}, ${a.actor_kind}, ${a.actor_id}, ${a.actor_name}, ${a.action},
              ${a.resource_type}, ${a.resource_id}, ${a.request_id}, ${a.actor_member_id ?? null},
              ${a.summary}::jsonb || jsonb_build_object('created', count(*)), ${a.created_at}
            from ins having count(*) > 0)`
            : sql``
        }
        select id from ins union all select null from parents where not ok`.execute(db);
      for (const r of result.rows) {
        if (r.id === null) throw missingParent(part);
        inserted.add(r.id);
      }
    }
    return inserted;
  },
};
