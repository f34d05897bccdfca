import { sql, type Kysely } from 'kysely';
import type { StoreDialect } from './dialect.js';

/**
 * Migration 0021: review stages. A project's workflow (its stages, in order, and whether members
 * may review their own work), and on each task the stage it waits at, the member who submitted it
 * (a rejection hands it back to them) and the last rejection.
 */
export async function addReviewStages(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  const json = sql.raw(dialect.columnTypes.json);
  await sql`alter table projects add column workflow ${json}`.execute(db);
  await sql`alter table tasks add column review_stage text`.execute(db);
  await sql`alter table tasks add column review_submitter text`.execute(db);
  await sql`alter table tasks add column last_rejection ${json}`.execute(db);
  // Lists filtered by stage read only the tasks waiting at one.
  await db.schema
    .createIndex('tasks_review_stage_idx')
    .on('tasks')
    .columns(['project_id', 'review_stage', 'id'])
    .where(sql.ref('review_stage'), 'is not', null)
    .execute();
}

/** Undoes migration 0021 (tests that run the migrations again). */
export async function dropReviewStages(db: Kysely<unknown>): Promise<void> {
  await sql`drop index tasks_review_stage_idx`.execute(db);
  for (const column of ['review_stage', 'review_submitter', 'last_rejection'])
    await sql`alter table tasks drop column ${sql.ref(column)}`.execute(db);
  await sql`alter table projects drop column workflow`.execute(db);
}
