import { sql, type Kysely } from 'kysely';
import type { StoreDialect } from './dialect.js';

/**
 * Migration 0020: members (people of a workspace) and the work they do on tasks: keys acting for a
 * member, task priority, assignee, claim lease and prediction, the member in task history and in
 * the audit log, and the tasks each member skipped.
 */
export async function addMembers(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  const t = dialect.columnTypes;
  await db.schema
    .createTable('members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', t.ms, (c) => c.notNull())
    .addColumn('updated_at', t.ms, (c) => c.notNull())
    .addColumn('removed_at', t.ms)
    .execute();
  // An email is taken once per workspace among the members not removed (a removed one frees it).
  await db.schema
    .createIndex('members_workspace_email_unique')
    .on('members')
    .columns(['workspace_id', 'email'])
    .unique()
    .where(sql.ref('removed_at'), 'is', null)
    .execute();
  await db.schema
    .createIndex('members_workspace_idx')
    .on('members')
    .columns(['workspace_id', 'id'])
    .execute();

  await sql`alter table api_keys add column member_id text`.execute(db);
  await sql`alter table audit_log add column actor_member_id text`.execute(db);
  await sql`alter table task_events add column member_id text`.execute(db);
  await sql`alter table task_events add column details ${sql.raw(t.json)}`.execute(db);

  await sql`alter table tasks add column priority integer not null default 0`.execute(db);
  for (const column of ['assignee_id', 'lease_member_id', 'prediction_model_version'])
    await sql`alter table tasks add column ${sql.ref(column)} text`.execute(db);
  await sql`alter table tasks add column lease_expires_at ${sql.raw(t.ms)}`.execute(db);
  await sql`alter table tasks add column prediction_score ${sql.raw(t.real)}`.execute(db);
  await sql`alter table tasks add column prediction_data ${sql.raw(t.json)}`.execute(db);

  // The claim queues: a project's (or one batch's) pending tasks, highest priority first, then
  // oldest (ids follow creation order). Only pending rows are in them, so a claim reads from the
  // head of the queue and skips only rows it cannot take (assigned to others, skipped by the member,
  // locked by a concurrent claim, in a suspended batch).
  await db.schema
    .createIndex('tasks_claim_idx')
    .on('tasks')
    .columns(['project_id', 'priority desc', 'id'])
    .where(sql.ref('status'), '=', 'pending')
    .execute();
  await db.schema
    .createIndex('tasks_claim_batch_idx')
    .on('tasks')
    .columns(['batch_id', 'priority desc', 'id'])
    .where(sql.ref('status'), '=', 'pending')
    .execute();
  await db.schema
    .createIndex('tasks_assignee_idx')
    .on('tasks')
    .columns(['assignee_id', 'id'])
    .where(sql.ref('assignee_id'), 'is not', null)
    .execute();
  // Expired leases are found without reading the tasks nobody holds.
  await db.schema
    .createIndex('tasks_lease_idx')
    .on('tasks')
    .columns(['project_id', 'lease_expires_at'])
    .where(sql.ref('lease_expires_at'), 'is not', null)
    .execute();

  await db.schema
    .createTable('task_skips')
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('at', t.ms, (c) => c.notNull())
    .addPrimaryKeyConstraint('task_skips_pk', ['task_id', 'member_id'])
    .execute();
}

/** Undoes migration 0020 (tests that run the migrations again). */
export async function dropMembers(db: Kysely<unknown>): Promise<void> {
  await sql`drop table task_skips`.execute(db);
  for (const index of ['tasks_claim_idx', 'tasks_claim_batch_idx', 'tasks_assignee_idx', 'tasks_lease_idx'])
    await sql`drop index ${sql.ref(index)}`.execute(db);
  for (const column of [
    'priority',
    'assignee_id',
    'lease_member_id',
    'lease_expires_at',
    'prediction_model_version',
    'prediction_score',
    'prediction_data',
  ])
    await sql`alter table tasks drop column ${sql.ref(column)}`.execute(db);
  await sql`alter table task_events drop column member_id`.execute(db);
  await sql`alter table task_events drop column details`.execute(db);
  await sql`alter table audit_log drop column actor_member_id`.execute(db);
  await sql`alter table api_keys drop column member_id`.execute(db);
  await sql`drop table members`.execute(db);
}
