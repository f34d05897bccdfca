import { sql, type Kysely } from 'kysely';
import type { StoreDialect } from './dialect.js';

/**
 * Migration 0023: gold tasks. A task's known answer lives in `gold_tasks` (a task is gold when it
 * has a row there), apart from the task columns, so task inserts and reads stay as they were. Each
 * member answers a gold task on their own: `gold_answers` holds that member's claim of it (a lease
 * of its own, the task itself never changes), then their answer and its score. `gold_counters`
 * counts each member's claims in a project: every round(1/goldRate)-th one is a gold task.
 */
export async function addGoldTasks(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  const t = dialect.columnTypes;
  await db.schema
    .createTable('gold_tasks')
    .addColumn('task_id', 'text', (c) => c.primaryKey().references('tasks.id').onDelete('cascade'))
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('data', t.json, (c) => c.notNull())
    .addColumn('created_at', t.ms, (c) => c.notNull())
    .addColumn('updated_at', t.ms, (c) => c.notNull())
    .execute();
  // The gold queue of a project: few rows, read in the order of the claim queue via the task.
  await db.schema
    .createIndex('gold_tasks_project_idx')
    .on('gold_tasks')
    .columns(['project_id', 'task_id'])
    .execute();

  await db.schema
    .createTable('gold_answers')
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    // claimed (lease below), answered (data, score) or skipped.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('lease_expires_at', t.ms)
    .addColumn('data', t.json)
    .addColumn('score', t.real)
    .addColumn('reason', 'text')
    .addColumn('claimed_at', t.ms, (c) => c.notNull())
    .addColumn('answered_at', t.ms)
    .addPrimaryKeyConstraint('gold_answers_pk', ['task_id', 'member_id'])
    .execute();
  // The quality report: a project's answers in a time range.
  await db.schema
    .createIndex('gold_answers_report_idx')
    .on('gold_answers')
    .columns(['project_id', 'answered_at'])
    .where(sql.ref('answered_at'), 'is not', null)
    .execute();

  await db.schema
    .createTable('gold_counters')
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addColumn('claims', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('gold_counters_pk', ['project_id', 'member_id'])
    .execute();

  // The quality report reads the submits and verdicts of a time range, not the whole history.
  await db.schema
    .createIndex('task_events_work_idx')
    .on('task_events')
    .columns(['action', 'at', 'task_id'])
    .execute();
}

/** Undoes migration 0023 (tests that run the migrations again). */
export async function dropGoldTasks(db: Kysely<unknown>): Promise<void> {
  await sql`drop index task_events_work_idx`.execute(db);
  await sql`drop table gold_counters`.execute(db);
  await sql`drop table gold_answers`.execute(db);
  await sql`drop table gold_tasks`.execute(db);
}
