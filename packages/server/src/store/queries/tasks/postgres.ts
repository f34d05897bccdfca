import { sql, type SqlBool } from 'kysely';
import type { TasksBackend } from './backend.js';
import { TASK_COLUMNS, type TaskRow } from './read.js';

/** Tasks per insert statement. */
const PG_INSERT_ROWS = 5000;
const str = (text: string | null) => (text === null ? 'null' : JSON.stringify(text));

/** A task row as a JSON object for json_populate_recordset (data, resources, custom are JSON text). */
function pgRowJson(r: TaskRow): string {
  const score = r.score === null ? 'null' : JSON.stringify(r.score);
  return `{"id":${str(r.id)},"workspace_id":${str(r.workspace_id)},"project_id":${str(r.project_id)},"batch_id":${str(r.batch_id)},"name":${str(r.name)},"unique_name":${str(r.unique_name)},"resources":${r.resources},"score":${score},"custom":${r.custom},"status":${str(r.status)},"created_by":${str(r.created_by)},"created_at":${r.created_at},"updated_at":${r.updated_at},"data":${r.data},"initial_data":${r.initial_data},"priority":${r.priority},"assignee_id":${str(r.assignee_id)},"lease_member_id":${str(r.lease_member_id)},"lease_expires_at":${r.lease_expires_at ?? 'null'},"prediction_model_version":${str(r.prediction_model_version)},"prediction_score":${r.prediction_score === null ? 'null' : JSON.stringify(r.prediction_score)},"prediction_data":${r.prediction_data ?? 'null'}}`;
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
  // The rows as one JSON array (JSON columns spliced in as they are), one statement per 5,000,
  // returning what went in.
  insert: async (_store, db, rows, audit) => {
    const inserted = new Set<string>();
    const columns = sql.join(TASK_COLUMNS.map((c) => sql.ref(c)));
    for (let i = 0; i < rows.length; i += PG_INSERT_ROWS) {
      let json = '';
      for (const row of rows.slice(i, i + PG_INSERT_ROWS)) json += `${json ? ',' : '['}${pgRowJson(row)}`;
      const insert = sql`insert into tasks (${columns})
      select ${columns} from json_populate_recordset(null::tasks, ${`${json}]`}::json)
      on conflict (batch_id, unique_name) do nothing returning id`;
      const a = audit;
      const result = await (
        a
          ? sql<Pick<TaskRow, 'id'>>`with ins as (${insert}), aud as (
            insert into audit_log (id, workspace_id, actor_kind, actor_id, actor_name, action, resource_type,
              resource_id, request_id, actor_member_id, summary, created_at)
            select ${a.id}, ${a.workspace_id}, ${a.actor_kind}, ${a.actor_id}, ${a.actor_name}, ${a.action},
              ${a.resource_type}, ${a.resource_id}, ${a.request_id}, ${a.actor_member_id ?? null},
              ${a.summary}::jsonb || jsonb_build_object('created', count(*)), ${a.created_at}
            from ins having count(*) > 0)
          select id from ins`
          : sql<Pick<TaskRow, 'id'>>`${insert}`
      ).execute(db);
      for (const r of result.rows) inserted.add(r.id);
    }
    return inserted;
  },
};
