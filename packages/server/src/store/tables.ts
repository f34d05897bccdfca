/**
 * Row types of every table, as stored. Timestamps are integer milliseconds since the epoch on both
 * backends (SQLite INTEGER, PostgreSQL BIGINT); JSON columns are read back as JSON text on both.
 */
export interface WorkspacesTable {
  id: string;
  name: string;
  created_at: number;
  updated_at: number;
}

export interface ProjectsTable {
  id: string;
  workspace_id: string;
  name: string;
  description: string | null;
  task_schema: string | null;
  created_at: number;
  updated_at: number;
}

export type Role = 'admin' | 'editor' | 'viewer' | 'worker';

export interface CredentialColumns {
  id: string;
  /** null: an instance-wide credential (the bootstrap admin key and what it creates with workspaceId null). */
  workspace_id: string | null;
  name: string;
  role: Role;
  /** SHA-256 (hex) of the secret; the secret itself is never stored. */
  secret_hash: string;
  created_at: number;
  created_by: string | null;
  revoked_at: number | null;
}

export interface ApiKeysTable extends CredentialColumns {
  /** The last four characters of the token, to tell keys apart in lists. */
  hint: string;
  expires_at: number | null;
  last_used_at: number | null;
}

export type ApiClientsTable = CredentialColumns;

export interface IdempotencyKeysTable {
  /** The credential that sent the request: keys are never shared between credentials. */
  scope: string;
  key: string;
  request_hash: string;
  /** null while the first request is still being processed. */
  response_status: number | null;
  response_headers: string | null;
  response_body: string | null;
  created_at: number;
  expires_at: number;
}

export interface SettingsTable {
  name: string;
  value: string;
  created_at: number;
}

export interface Database {
  workspaces: WorkspacesTable;
  projects: ProjectsTable;
  api_keys: ApiKeysTable;
  api_clients: ApiClientsTable;
  idempotency_keys: IdempotencyKeysTable;
  settings: SettingsTable;
}
