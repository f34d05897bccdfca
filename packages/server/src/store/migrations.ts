import { type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { DialectName } from './dialect.js';

/**
 * Versioned migrations, applied in name order at start-up on both backends. Never edit a released
 * migration: add a new one. Column types differ per backend only where `t` says so.
 */
function migrationsFor(dialect: DialectName): Record<string, Migration> {
  const t = {
    ms: dialect === 'postgres' ? 'bigint' : 'integer',
    json: dialect === 'postgres' ? 'jsonb' : 'text',
  } as const;

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
  };
}

export function migrationProvider(dialect: DialectName): MigrationProvider {
  return { getMigrations: async () => migrationsFor(dialect) };
}
