import { sql, type Kysely } from 'kysely';

/**
 * Migration 0029 (PostgreSQL): the tasks table's two foreign keys (to its batch and its project)
 * go; the store keeps their rules itself.
 *
 * A foreign key checks each inserted row apart: a `select … for key share` of the batch and of the
 * project per task. Measured with COPY of 5,000 tasks into a table of 200,000 (medians of 15):
 * 174 ms with the two keys, 136 ms without. A statement-level trigger doing the same check once per
 * statement still cost 150 ms (its transition table holds a copy of every row), and over 300,000
 * tasks created through the API it gave 23,000–28,000 tasks/s against 28,500–31,400 without it.
 *
 * So every insert of tasks (`store/queries/tasks/postgres.ts`) takes the lock a foreign key would,
 * once per statement: its batches and projects `for key share`, in the insert's transaction, and
 * nothing is written when one is missing. A batch or project deleted meanwhile waits for the
 * insert to commit, or makes it fail.
 *
 * `on delete cascade` becomes an `after delete` statement trigger on batches and on projects (a
 * delete's cost, not a create's). The ids of tasks, batches and projects never change, so the
 * keys' update checks need no replacement. SQLite keeps its foreign keys: there the check is an
 * index probe beside the insert, in the same process.
 */
export async function replaceTaskForeignKeys(db: Kysely<unknown>): Promise<void> {
  // Kysely named neither key; drop whichever references batches or projects.
  await sql`do $$
    declare c record;
    begin
      for c in select conname from pg_constraint
        where conrelid = 'tasks'::regclass and contype = 'f'
          and confrelid in ('batches'::regclass, 'projects'::regclass)
      loop
        execute format('alter table tasks drop constraint %I', c.conname);
      end loop;
    end $$`.execute(db);

  for (const [table, column] of [
    ['batches', 'batch_id'],
    ['projects', 'project_id'],
  ] as const) {
    await sql
      .raw(
        `create or replace function batchyard_${table}_delete_tasks() returns trigger
        language plpgsql as $f$
        begin
          delete from tasks where ${column} in (select id from gone);
          return null;
        end $f$`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger ${table}_delete_tasks after delete on ${table}
        referencing old table as gone for each statement
        execute function batchyard_${table}_delete_tasks()`,
      )
      .execute(db);
  }
}

/** Undoes migration 0029 (tests that run it again over data the version before wrote). */
export async function restoreTaskForeignKeys(db: Kysely<unknown>): Promise<void> {
  for (const table of ['batches', 'projects']) {
    await sql.raw(`drop trigger if exists ${table}_delete_tasks on ${table}`).execute(db);
    await sql.raw(`drop function if exists batchyard_${table}_delete_tasks()`).execute(db);
  }
  await sql`alter table tasks
    add constraint tasks_batch_id_fkey foreign key (batch_id) references batches (id) on delete cascade,
    add constraint tasks_project_id_fkey foreign key (project_id) references projects (id) on delete cascade`.execute(
    db,
  );
}
