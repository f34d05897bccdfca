import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { StoreDialect } from './dialect.js';
import { addDraftNumbers } from './draft-number-columns.js';
import { addGoldTasks } from './gold-schema.js';
import { addJobKeys } from './job-key-schema.js';
import { addJobFlows } from './job-flow-schema.js';
import { addConsensus } from './consensus-schema.js';
import { addMembers } from './member-schema.js';
import { addReviewStages } from './review-schema.js';
import { addNumericIds } from './numeric-id-columns.js';
import { convertRowsTablesToBatchKeys } from './rows/index.js';
import { addTaskClaimFunction } from './task-claim-function.js';
import { addClaimFunction } from './job-claim-function.js';
import { replaceTaskForeignKeys } from './task-parent-cascades.js';

/**
 * Versioned migrations, applied in name order at start-up on both backends. Never edit a released
 * migration: add a new one. Column types differ per backend only where `t` (the dialect's column types) says so.
 */
function migrationsFor(dialect: StoreDialect): Record<string, Migration> {
  const t = dialect.columnTypes;

  return {
    '0001_foundation': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('workspaces')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull().unique())
          .addColumn('created_at', t.ms, (c) => c.notNull())
          .addColumn('updated_at', t.ms, (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('projects')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('workspace_id', 'text', (c) =>
            c.notNull().references('workspaces.id').onDelete('cascade'),
          )
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('description', 'text')
          .addColumn('task_schema', t.json)
          .addColumn('created_at', t.ms, (c) => c.notNull())
          .addColumn('updated_at', t.ms, (c) => c.notNull())
          .addUniqueConstraint('projects_workspace_name_unique', ['workspace_id', 'name'])
          .execute();

        for (const table of ['api_keys', 'api_clients'] as const) {
          let builder = db.schema
            .createTable(table)
            .addColumn('id', 'text', (c) => c.primaryKey())
            .addColumn('workspace_id', 'text', (c) => c.references('workspaces.id').onDelete('cascade'))
            .addColumn('name', 'text', (c) => c.notNull())
            .addColumn('role', 'text', (c) => c.notNull())
            .addColumn('secret_hash', 'text', (c) => c.notNull())
            .addColumn('created_at', t.ms, (c) => c.notNull())
            .addColumn('created_by', 'text')
            .addColumn('revoked_at', t.ms);
          if (table === 'api_keys') {
            builder = builder
              .addColumn('hint', 'text', (c) => c.notNull())
              .addColumn('expires_at', t.ms)
              .addColumn('last_used_at', t.ms);
          }
          await builder.execute();
          await db.schema
            .createIndex(`${table}_workspace_idx`)
            .on(table)
            .columns(['workspace_id', 'id'])
            .execute();
        }

        await db.schema
          .createTable('idempotency_keys')
          .addColumn('scope', 'text', (c) => c.notNull())
          .addColumn('key', 'text', (c) => c.notNull())
          .addColumn('request_hash', 'text', (c) => c.notNull())
          .addColumn('response_status', 'integer')
          .addColumn('response_headers', 'text')
          .addColumn('response_body', 'text')
          .addColumn('created_at', t.ms, (c) => c.notNull())
          .addColumn('expires_at', t.ms, (c) => c.notNull())
          .addPrimaryKeyConstraint('idempotency_keys_pk', ['scope', 'key'])
          .execute();
        await db.schema
          .createIndex('idempotency_keys_expires_idx')
          .on('idempotency_keys')
          .column('expires_at')
          .execute();

        await db.schema
          .createTable('settings')
          .addColumn('name', 'text', (c) => c.primaryKey())
          .addColumn('value', 'text', (c) => c.notNull())
          .addColumn('created_at', t.ms, (c) => c.notNull())
          .execute();
      },
    },
    '0002_jobs': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('jobs')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('workspace_id', 'text', (c) =>
            c.notNull().references('workspaces.id').onDelete('cascade'),
          )
          .addColumn('project_id', 'text', (c) => c.references('projects.id').onDelete('cascade'))
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('title', 'text')
          .addColumn('description', 'text')
          .addColumn('arguments', t.json, (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('run_at', t.ms, (c) => c.notNull())
          .addColumn('attempt', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('max_attempts', 'integer', (c) => c.notNull())
          .addColumn('backoff_base_ms', 'integer', (c) => c.notNull())
          .addColumn('backoff_max_ms', 'integer', (c) => c.notNull())
          .addColumn('progress', t.json)
          .addColumn('counters', t.json, (c) => c.notNull())
          .addColumn('warnings', t.json, (c) => c.notNull())
          .addColumn('result', t.json)
          .addColumn('error', t.json)
          .addColumn('checkpoint', t.json)
          .addColumn('definition_id', 'text')
          .addColumn('unique_key', 'text')
          .addColumn('created_by', 'text')
          .addColumn('created_at', t.ms, (c) => c.notNull())
          .addColumn('updated_at', t.ms, (c) => c.notNull())
          .addColumn('started_at', t.ms)
          .addColumn('finished_at', t.ms)
          .addColumn('lease_owner', 'text')
          .addColumn('lease_expires_at', t.ms)
          .addColumn('abort_requested', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
        // The claim reads only queued rows, in claim order: a partial index keeps it small.
        await db.schema
          .createIndex('jobs_claim_idx')
          .on('jobs')
          .columns(['type', 'priority desc', 'run_at', 'id'])
          .where(sql.ref('status'), '=', 'queued')
          .execute();
        await db.schema
          .createIndex('jobs_lease_idx')
          .on('jobs')
          .column('lease_expires_at')
          .where(sql.ref('status'), '=', 'running')
          .execute();
        await db.schema
          .createIndex('jobs_workspace_idx')
          .on('jobs')
          .columns(['workspace_id', 'id'])
          .execute();
        await db.schema.createIndex('jobs_project_idx').on('jobs').columns(['project_id', 'id']).execute();
        await db.schema
          .createIndex('jobs_definition_idx')
          .on('jobs')
          .columns(['definition_id', 'id'])
          .execute();
        await db.schema
          .createIndex('jobs_finished_idx')
          .on('jobs')
          .column('finished_at')
          .where(sql.ref('finished_at'), 'is not', null)
          .execute();
        // One in-flight job per unique key: a second create returns the first.
        await db.schema
          .createIndex('jobs_unique_key_idx')
          .on('jobs')
          .columns(['workspace_id', 'unique_key'])
          .unique()
          .where(sql<boolean>`unique_key is not null and status in ('queued', 'running')`)
          .execute();

        await db.schema
          .createTable('job_types')
          .addColumn('workspace_id', 'text', (c) =>
            c.notNull().references('workspaces.id').onDelete('cascade'),
          )
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('description', 'text')
          .addColumn('arguments_schema', t.json)
          .addColumn('created_at', t.ms, (c) => c.notNull())
          .addColumn('updated_at', t.ms, (c) => c.notNull())
          .addPrimaryKeyConstraint('job_types_pk', ['workspace_id', 'name'])
          .execute();

        await db.schema
          .createTable('job_artifacts')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('job_id', 'text', (c) => c.notNull().references('jobs.id').onDelete('cascade'))
          .addColumn('workspace_id', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('content_type', 'text', (c) => c.notNull())
          .addColumn('size_bytes', t.ms, (c) => c.notNull())
          .addColumn('storage', 'text', (c) => c.notNull())
          .addColumn('created_at', t.ms, (c) => c.notNull())
          .addUniqueConstraint('job_artifacts_job_name_unique', ['job_id', 'name'])
          .execute();

        await db.schema
          .createTable('artifact_chunks')
          .addColumn('artifact_id', 'text', (c) =>
            c.notNull().references('job_artifacts.id').onDelete('cascade'),
          )
          .addColumn('seq', 'integer', (c) => c.notNull())
          .addColumn('data', t.bytes, (c) => c.notNull())
          .addPrimaryKeyConstraint('artifact_chunks_pk', ['artifact_id', 'seq'])
          .execute();
      },
    },
    '0003_job_definitions': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('job_definitions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('workspace_id', 'text', (c) =>
            c.notNull().references('workspaces.id').onDelete('cascade'),
          )
          .addColumn('project_id', 'text', (c) => c.references('projects.id').onDelete('cascade'))
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('description', 'text')
          .addColumn('parameters', t.json, (c) => c.notNull())
          .addColumn('schedule', 'text')
          .addColumn('timezone', 'text', (c) => c.notNull())
          .addColumn('enabled', 'integer', (c) => c.notNull())
          .addColumn('max_running', 'integer')
          .addColumn('max_starts_per_hour', 'integer')
          .addColumn('next_run_at', t.ms)
          .addColumn('created_by', 'text')
          .addColumn('created_at', t.ms, (c) => c.notNull())
          .addColumn('updated_at', t.ms, (c) => c.notNull())
          .addUniqueConstraint('job_definitions_workspace_name_unique', ['workspace_id', 'name'])
          .execute();
        await db.schema
          .createIndex('job_definitions_due_idx')
          .on('job_definitions')
          .column('next_run_at')
          .where(sql.ref('next_run_at'), 'is not', null)
          .execute();
        await db.schema
          .createIndex('jobs_definition_created_idx')
          .on('jobs')
          .columns(['definition_id', 'created_at'])
          .execute();
      },
    },
    '0005_datasets': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('datasets')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('workspace_id', 'text', (c) =>
            c.notNull().references('workspaces.id').onDelete('cascade'),
          )
          .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('description', 'text')
          .addColumn('columns', t.json, (c) => c.notNull())
          .addColumn('key_column', 'text')
          .addColumn('next_column', 'integer', (c) => c.notNull())
          .addColumn('rows_table', 'text', (c) => c.notNull())
          .addColumn('created_by', 'text')
          .addColumn('created_at', t.ms, (c) => c.notNull())
          .addColumn('updated_at', t.ms, (c) => c.notNull())
          .addUniqueConstraint('datasets_project_name_unique', ['project_id', 'name'])
          .execute();
        await db.schema.createIndex('datasets_workspace_idx').on('datasets').column('workspace_id').execute();

        await db.schema
          .createTable('batches')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('workspace_id', 'text', (c) => c.notNull())
          .addColumn('project_id', 'text', (c) => c.notNull())
          .addColumn('dataset_id', 'text', (c) => c.notNull().references('datasets.id').onDelete('cascade'))
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('state', 'text', (c) => c.notNull())
          .addColumn('source', t.json, (c) => c.notNull())
          .addColumn('row_count', t.ms, (c) => c.notNull())
          .addColumn('error_count', t.ms, (c) => c.notNull())
          .addColumn('strategy', 'text')
          .addColumn('job_id', 'text')
          .addColumn('resume', t.json)
          .addColumn('created_by', 'text')
          .addColumn('created_at', t.ms, (c) => c.notNull())
          .addColumn('updated_at', t.ms, (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('batches_dataset_state_idx')
          .on('batches')
          .columns(['dataset_id', 'state'])
          .execute();
        await db.schema
          .createIndex('batches_dataset_created_idx')
          .on('batches')
          .columns(['dataset_id', 'created_at'])
          .execute();
      },
    },
    '0006_tasks': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('tasks')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('workspace_id', 'text', (c) => c.notNull())
          .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
          .addColumn('batch_id', 'text', (c) => c.notNull().references('batches.id').onDelete('cascade'))
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('unique_name', 'text')
          .addColumn('resources', t.json, (c) => c.notNull())
          .addColumn('data', t.json, (c) => c.notNull())
          .addColumn('initial_data', t.json, (c) => c.notNull())
          .addColumn('score', t.real)
          .addColumn('custom', t.json, (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('created_by', 'text')
          .addColumn('created_at', t.ms, (c) => c.notNull())
          .addColumn('updated_at', t.ms, (c) => c.notNull())
          .execute();
        // Names are unique in a batch while checked; a task created with the check off has no unique_name.
        await db.schema
          .createIndex('tasks_batch_name_unique')
          .on('tasks')
          .columns(['batch_id', 'unique_name'])
          .unique()
          .execute();
        await db.schema.createIndex('tasks_project_idx').on('tasks').columns(['project_id', 'id']).execute();
        await db.schema
          .createIndex('tasks_project_status_idx')
          .on('tasks')
          .columns(['project_id', 'status', 'id'])
          .execute();
        await db.schema.createIndex('tasks_batch_idx').on('tasks').columns(['batch_id', 'id']).execute();

        await db.schema
          .createTable('task_events')
          .addColumn('id', t.serial, (c) => c.primaryKey())
          .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
          .addColumn('from_status', 'text')
          .addColumn('to_status', 'text', (c) => c.notNull())
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('actor', 'text')
          .addColumn('reason', 'text')
          .addColumn('at', t.ms, (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('task_events_task_idx')
          .on('task_events')
          .columns(['task_id', 'id'])
          .execute();
      },
    },
    '0007_sheets': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('sheets')
          .addColumn('task_id', 'text', (c) => c.primaryKey().references('tasks.id').onDelete('cascade'))
          .addColumn('workspace_id', 'text', (c) => c.notNull())
          .addColumn('columns', t.json, (c) => c.notNull())
          .addColumn('next_seq', 'integer', (c) => c.notNull())
          .addColumn('created_at', t.ms, (c) => c.notNull())
          .addColumn('updated_at', t.ms, (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('sheet_rows')
          .addColumn('task_id', 'text', (c) => c.notNull().references('sheets.task_id').onDelete('cascade'))
          .addColumn('seq', 'integer', (c) => c.notNull())
          .addColumn('id', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('sheet_rows_pk', ['task_id', 'seq'])
          .addUniqueConstraint('sheet_rows_id_unique', ['task_id', 'id'])
          .execute();
        await db.schema
          .createTable('sheet_values')
          .addColumn('task_id', 'text', (c) => c.notNull().references('sheets.task_id').onDelete('cascade'))
          .addColumn('row_id', 'text', (c) => c.notNull())
          .addColumn('col_id', 'text', (c) => c.notNull())
          .addColumn('lot_id', 'text', (c) => c.notNull())
          .addColumn('value', t.real, (c) => c.notNull())
          .addPrimaryKeyConstraint('sheet_values_pk', ['task_id', 'row_id', 'col_id', 'lot_id'])
          .execute();
      },
    },
    '0008_webhooks': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('webhooks')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('workspace_id', 'text', (c) => c.notNull())
          .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
          .addColumn('url', 'text', (c) => c.notNull())
          .addColumn('events', t.json, (c) => c.notNull())
          .addColumn('secret', 'text', (c) => c.notNull())
          .addColumn('description', 'text')
          .addColumn('enabled', 'integer', (c) => c.notNull())
          .addColumn('max_attempts', 'integer', (c) => c.notNull())
          .addColumn('backoff_ms', 'integer', (c) => c.notNull())
          .addColumn('created_by', 'text')
          .addColumn('created_at', t.ms, (c) => c.notNull())
          .addColumn('updated_at', t.ms, (c) => c.notNull())
          .execute();
        await db.schema.createIndex('webhooks_project_idx').on('webhooks').column('project_id').execute();
        await db.schema
          .createTable('webhook_deliveries')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('webhook_id', 'text', (c) => c.notNull().references('webhooks.id').onDelete('cascade'))
          .addColumn('workspace_id', 'text', (c) => c.notNull())
          .addColumn('event', 'text', (c) => c.notNull())
          .addColumn('event_key', 'text', (c) => c.notNull())
          .addColumn('payload', t.json, (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('attempts', 'integer', (c) => c.notNull())
          .addColumn('last_status_code', 'integer')
          .addColumn('last_error', 'text')
          .addColumn('job_id', 'text')
          .addColumn('created_at', t.ms, (c) => c.notNull())
          .addColumn('updated_at', t.ms, (c) => c.notNull())
          .addColumn('delivered_at', t.ms)
          .addUniqueConstraint('webhook_deliveries_event_unique', ['webhook_id', 'event_key'])
          .execute();
        await db.schema
          .createIndex('webhook_deliveries_webhook_idx')
          .on('webhook_deliveries')
          .columns(['webhook_id', 'id'])
          .execute();
      },
    },
    '0009_task_indexes': {
      async up(db: Kysely<unknown>) {
        // Names of tasks created with the uniqueness check off, for a later checked create to find.
        await db.schema
          .createIndex('tasks_batch_unchecked_name_idx')
          .on('tasks')
          .columns(['batch_id', 'name'])
          .where(sql.ref('unique_name'), 'is', null)
          .execute();
      },
    },
    '0010_rows_batch_keys': {
      async up(db: Kysely<unknown>) {
        // Rows name their batch by a small integer instead of its id (see store/rows).
        await sql`alter table datasets add column batch_keys integer not null default 0`.execute(db);
        await sql`alter table batches add column row_key integer not null default 0`.execute(db);
        await sql`update batches set row_key = k.n from (select id, row_number() over (partition by dataset_id order by id) as n from batches) k where k.id = batches.id`.execute(
          db,
        );
        await sql`update datasets set batch_keys = coalesce((select max(row_key) from batches b where b.dataset_id = datasets.id), 0)`.execute(
          db,
        );
        await db.schema
          .createIndex('batches_dataset_row_key_unique')
          .on('batches')
          .columns(['dataset_id', 'row_key'])
          .unique()
          .execute();
        await convertRowsTablesToBatchKeys(db, dialect.rows);
      },
    },
    '0011_audit_log': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('audit_log')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('workspace_id', 'text')
          .addColumn('actor_kind', 'text', (c) => c.notNull())
          .addColumn('actor_id', 'text', (c) => c.notNull())
          .addColumn('actor_name', 'text', (c) => c.notNull())
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('resource_type', 'text', (c) => c.notNull())
          .addColumn('resource_id', 'text', (c) => c.notNull())
          .addColumn('request_id', 'text')
          .addColumn('summary', t.json, (c) => c.notNull())
          .addColumn('created_at', t.ms, (c) => c.notNull())
          .execute();
        // Lists are per workspace in id (= time) order; the instance-wide list walks the primary key.
        await db.schema
          .createIndex('audit_log_workspace_idx')
          .on('audit_log')
          .columns(['workspace_id', 'id'])
          .execute();
        await db.schema.createIndex('audit_log_created_idx').on('audit_log').column('created_at').execute();
      },
    },
    '0012_numeric_ids': {
      async up(db: Kysely<unknown>) {
        await addNumericIds(db, dialect);
      },
    },
    '0013_draft_numbers': {
      async up(db: Kysely<unknown>) {
        await addDraftNumbers(db);
      },
    },
    '0014_job_timeouts': {
      async up(db: Kysely<unknown>) {
        await sql`alter table jobs add column timeout_ms integer`.execute(db);
        await sql`alter table jobs add column attempt_started_at bigint`.execute(db);
        await sql`alter table job_definitions add column timeout_ms integer`.execute(db);
      },
    },
    '0015_job_logs': {
      async up(db: Kysely<unknown>) {
        // The last log line number a job handed out (lines dropped by the bound included).
        await sql`alter table jobs add column log_seq integer not null default 0`.execute(db);
        await db.schema
          .createTable('job_logs')
          .addColumn('job_id', 'text', (c) => c.notNull().references('jobs.id').onDelete('cascade'))
          .addColumn('seq', 'integer', (c) => c.notNull())
          .addColumn('at', t.ms, (c) => c.notNull())
          .addColumn('level', 'text', (c) => c.notNull())
          .addColumn('message', 'text', (c) => c.notNull())
          .addColumn('fields', t.json)
          .addColumn('attempt', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('job_logs_pk', ['job_id', 'seq'])
          .execute();
      },
    },
    '0016_claim_rules': {
      async up(db: Kysely<unknown>) {
        // Claims rotate across workspaces: each (type, workspace) queue is one range of this index,
        // and the workspaces with queued jobs of a type are found by skipping from one to the next.
        // It replaces jobs_claim_idx (type first as well), so a write still updates one claim index.
        await db.schema
          .createIndex('jobs_claim_ws_idx')
          .on('jobs')
          .columns(['type', 'workspace_id', 'priority desc', 'run_at', 'id'])
          .where(sql.ref('status'), '=', 'queued')
          .execute();
        await db.schema.dropIndex('jobs_claim_idx').execute();
        // A paused job type: in one workspace, or (workspace_id null) instance-wide.
        await db.schema
          .createTable('job_type_pauses')
          .addColumn('workspace_id', 'text', (c) => c.references('workspaces.id').onDelete('cascade'))
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('paused_by', 'text')
          .addColumn('paused_at', t.ms, (c) => c.notNull())
          .execute();
        await sql`create unique index job_type_pauses_unique on job_type_pauses (type, coalesce(workspace_id, ''))`.execute(
          db,
        );
        // A workspace's share of claims when several workspaces have queued jobs of a type.
        await sql`alter table workspaces add column claim_weight integer not null default 1`.execute(db);
      },
    },
    '0017_job_flows': {
      async up(db: Kysely<unknown>) {
        await addJobFlows(db, dialect);
      },
    },
    '0018_bulk_actions': {
      async up(db: Kysely<unknown>) {
        // Per-job results of bulk actions, written in the transaction of the change: they are the
        // bulk job's checkpoint too (it resumes after the last target it recorded).
        await db.schema
          .createTable('job_bulk_items')
          .addColumn('job_id', 'text', (c) => c.notNull().references('jobs.id').onDelete('cascade'))
          .addColumn('target_id', 'text', (c) => c.notNull())
          .addColumn('outcome', 'text', (c) => c.notNull())
          .addColumn('reason', 'text')
          .addColumn('status', 'text')
          .addPrimaryKeyConstraint('job_bulk_items_pk', ['job_id', 'target_id'])
          .execute();
      },
    },
    '0019_job_keys': {
      async up(db: Kysely<unknown>) {
        await addJobKeys(db, dialect);
      },
    },
    '0020_members': {
      async up(db: Kysely<unknown>) {
        await addMembers(db, dialect);
      },
    },
    '0021_review_stages': {
      async up(db: Kysely<unknown>) {
        await addReviewStages(db, dialect);
      },
    },
    '0022_consensus': {
      async up(db: Kysely<unknown>) {
        await addConsensus(db, dialect);
      },
    },
    '0023_gold_tasks': {
      async up(db: Kysely<unknown>) {
        await addGoldTasks(db, dialect);
      },
    },
    '0024_partial_job_indexes': {
      async up(db: Kysely<unknown>) {
        // Most jobs belong to no definition, and many to no project: indexing only those that do
        // spares every other job three index entries on each write. A job changing status is
        // never a heap-only update (status is in partial indexes' predicates), so each claim,
        // completion and release wrote an entry to every full index: 8 a job on a flow's
        // release, 5 now. Equality lookups (`definition_id = ?`) imply `is not null`, so both
        // stores still use them.
        for (const [name, columns] of PARTIAL_JOB_INDEXES) {
          await sql.raw(`drop index ${name}`).execute(db);
          await sql
            .raw(`create index ${name} on jobs (${columns.join(', ')}) where ${columns[0]} is not null`)
            .execute(db);
        }
      },
    },
    '0025_claim_function': {
      async up(db: Kysely<unknown>) {
        if (dialect.name === 'postgres') await addClaimFunction(db);
      },
    },
    '0026_delivery_duration': {
      async up(db: Kysely<unknown>) {
        // How long the last attempt's request took; rows logged before stay null.
        await db.schema.alterTable('webhook_deliveries').addColumn('duration_ms', 'integer').execute();
      },
    },
    '0027_task_claim_function': {
      async up(db: Kysely<unknown>) {
        if (dialect.name === 'postgres') await addTaskClaimFunction(db);
      },
    },
    '0028_artifact_chunk_compression': {
      async up(db: Kysely<unknown>) {
        // PostgreSQL compresses each chunk as it stores it, with pglz unless told otherwise: measured
        // on a 73 MB COCO export, 670 ms of the server's CPU with pglz, 160 ms with lz4, for 15 and
        // 17 MB stored. lz4 exists from PostgreSQL 14 when built with it; without it chunks keep pglz.
        if (dialect.name === 'postgres' && (await postgresHasLz4(db)))
          await sql`alter table artifact_chunks alter column data set compression lz4`.execute(db);
      },
    },
    '0029_task_parent_cascades': {
      async up(db: Kysely<unknown>) {
        if (dialect.name === 'postgres') await replaceTaskForeignKeys(db);
      },
    },
    '0030_drop_project_claim_index': {
      async up(db: Kysely<unknown>) {
        // Migration 0020's queue of a project's pending tasks. Claims read each active batch's queue
        // (`tasks_claim_batch_idx`) since 9031bde, and no other query orders a project's pending
        // tasks by priority: unread (no scan in pg_stat_user_indexes after the tasks benchmark's
        // create, export, list and claim phases), it cost every new task and every claim an index
        // entry written and removed.
        await sql`drop index tasks_claim_idx`.execute(db);
      },
    },
  };
}

/** Whether this PostgreSQL server can compress values with lz4 (14+, built with it). */
async function postgresHasLz4(db: Kysely<unknown>): Promise<boolean> {
  const { rows } = await sql<{ lz4: boolean }>`select exists (select 1 from pg_settings
      where name = 'default_toast_compression' and 'lz4' = any(enumvals)) as lz4`.execute(db);
  return rows[0]?.lz4 === true;
}

/** The job indexes migration 0024 made partial (name and columns). */
export const PARTIAL_JOB_INDEXES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['jobs_project_idx', ['project_id', 'id']],
  ['jobs_definition_idx', ['definition_id', 'id']],
  ['jobs_definition_created_idx', ['definition_id', 'created_at']],
];

export function migrationProvider(dialect: StoreDialect): MigrationProvider {
  return { getMigrations: async () => migrationsFor(dialect) };
}
