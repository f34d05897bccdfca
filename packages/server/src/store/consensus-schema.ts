import { sql, type Kysely } from 'kysely';
import type { StoreDialect } from './dialect.js';

/**
 * Migration 0022: consensus. Several members annotate one task, each annotation a row of
 * `task_annotations`; while a task collects them, each member at work holds a lease of its own in
 * `task_leases`, and the task counts the places taken (`consensus_slots`: leases held and annotations
 * made) so that no more than the project's `annotationsPerTask` ever work on it. When the last
 * annotation lands, the agreement score and the chosen annotation are kept on the task.
 */
export async function addConsensus(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  const t = dialect.columnTypes;
  await sql`alter table tasks add column annotation_count integer not null default 0`.execute(db);
  await sql`alter table tasks add column consensus_slots integer not null default 0`.execute(db);
  await sql`alter table tasks add column agreement_score ${sql.raw(t.real)}`.execute(db);
  await sql`alter table tasks add column chosen_annotation_id text`.execute(db);
  await sql`alter table tasks add column chosen_by text`.execute(db);

  await db.schema
    .createTable('task_annotations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addColumn('data', t.json, (c) => c.notNull())
    .addColumn('created_at', t.ms, (c) => c.notNull())
    .execute();
  // A member annotates a task once.
  await db.schema
    .createIndex('task_annotations_member_unique')
    .on('task_annotations')
    .columns(['task_id', 'member_id'])
    .unique()
    .execute();

  await db.schema
    .createTable('task_leases')
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('expires_at', t.ms, (c) => c.notNull())
    .addPrimaryKeyConstraint('task_leases_pk', ['task_id', 'member_id'])
    .execute();
  // Expired leases are found without reading the live ones; a member's by member.
  await db.schema
    .createIndex('task_leases_expiry_idx')
    .on('task_leases')
    .columns(['project_id', 'expires_at'])
    .execute();
  await db.schema.createIndex('task_leases_member_idx').on('task_leases').columns(['member_id']).execute();
  // Claims read a project's active batches, then each one's queue (store/queries/tasks/claim.ts).
  await db.schema
    .createIndex('batches_project_state_idx')
    .on('batches')
    .columns(['project_id', 'state'])
    .execute();
  // Lists sorted or filtered by agreement read only the tasks that have one.
  await db.schema
    .createIndex('tasks_agreement_idx')
    .on('tasks')
    .columns(['project_id', 'agreement_score', 'id'])
    .where(sql.ref('agreement_score'), 'is not', null)
    .execute();
}

/** Undoes migration 0022 (tests that run the migrations again). */
export async function dropConsensus(db: Kysely<unknown>): Promise<void> {
  await sql`drop index tasks_agreement_idx`.execute(db);
  await sql`drop index batches_project_state_idx`.execute(db);
  await sql`drop table task_leases`.execute(db);
  await sql`drop table task_annotations`.execute(db);
  for (const column of [
    'annotation_count',
    'consensus_slots',
    'agreement_score',
    'chosen_annotation_id',
    'chosen_by',
  ])
    await sql`alter table tasks drop column ${sql.ref(column)}`.execute(db);
}
