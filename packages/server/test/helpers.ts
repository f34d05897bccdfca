import { sql } from 'kysely';
import type { AppWithServices, Store } from '@batchyard/server';
import { expect } from 'vitest';
import { dropConsensus } from '../src/store/consensus-schema.js';
import { dropJobFlows } from '../src/store/job-flow-schema.js';
import { dropJobKeys } from '../src/store/job-key-schema.js';
import { dropClaimFunction } from '../src/store/job-claim-function.js';
import { dropTaskClaimFunction } from '../src/store/task-claim-function.js';
import { restoreTaskForeignKeys } from '../src/store/task-parent-cascades.js';
import { dropMembers } from '../src/store/member-schema.js';
import { dropReviewStages } from '../src/store/review-schema.js';
import { dropGoldTasks } from '../src/store/gold-schema.js';
import { PARTIAL_JOB_INDEXES } from '../src/store/migrations.js';

export interface Call {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';
  url: string;
  token?: string | undefined;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One request through the real app (Fastify inject): status, parsed body, headers. */
export async function call(app: AppWithServices, { method, url, token, body, headers = {} }: Call) {
  const response = await app.inject({
    method,
    url,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { payload: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = response.body;
  let json: any = undefined; // eslint-disable-line @typescript-eslint/no-explicit-any
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.statusCode, body: json, headers: response.headers, text };
}

/** Asserts a problem+json answer with this status and code; returns the problem. */
export function expectProblem(
  response: Awaited<ReturnType<typeof call>>,
  status: number,
  code: string,
  pointer?: { in: string; pointer: string },
) {
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect({ status: response.status, code: response.body?.code }).toEqual({ status, code });
  expect(response.body.status).toBe(status);
  expect(typeof response.body.detail).toBe('string');
  expect(response.body.requestId).toBe(response.headers['x-request-id']);
  if (pointer) expect(response.body.errors).toContainEqual(expect.objectContaining(pointer));
  return response.body;
}

/** Creates a workspace and a credential of `role` in it; returns both. */
export async function workspaceWithKey(
  app: AppWithServices,
  adminToken: string,
  name: string,
  role = 'admin',
) {
  const ws = await call(app, { method: 'POST', url: '/v1/workspaces', token: adminToken, body: { name } });
  expect(ws.status).toBe(201);
  const key = await call(app, {
    method: 'POST',
    url: '/v1/keys',
    token: adminToken,
    body: { name: `${name} ${role}`, role, workspaceId: ws.body.id },
  });
  expect(key.status).toBe(201);
  return {
    workspace: ws.body as { id: string; name: string },
    token: key.body.token as string,
    key: key.body,
  };
}

/** Long-polls a job until it has ended (succeeded, failed, aborted, skipped or expired); returns it. */
export async function finishedJob(app: AppWithServices, token: string, id: string, rounds = 30) {
  for (let i = 0; i < rounds; i++) {
    const res = await call(app, { method: 'GET', url: `/v1/jobs/${id}?wait=5`, token });
    expect(res.status).toBe(200);
    if (['succeeded', 'failed', 'aborted', 'skipped', 'expired'].includes(res.body.status)) return res.body;
  }
  throw new Error(`job ${id} did not finish`);
}

/**
 * Undoes the schema of migration 0013 and of every one after it (their rows in batchyard_migrations
 * stay for the caller to delete). A new migration adds its own undo here, once, for every test
 * that runs 0013 again.
 */
export async function undoMigrationsFrom0013(db: Store['db'], dialect: 'sqlite' | 'postgres'): Promise<void> {
  await sql`create index tasks_claim_idx on tasks (project_id, priority desc, id) where status = 'pending'`.execute(
    db,
  ); // 0030
  if (dialect === 'postgres') await restoreTaskForeignKeys(db as never); // 0029
  if (dialect === 'postgres')
    await sql`alter table artifact_chunks alter column data set compression default`.execute(db); // 0028
  if (dialect === 'postgres') await dropTaskClaimFunction(db as never); // 0027
  await sql`alter table webhook_deliveries drop column duration_ms`.execute(db); // 0026
  if (dialect === 'postgres') await dropClaimFunction(db as never); // 0025
  for (const [name, columns] of PARTIAL_JOB_INDEXES) {
    // 0024
    await sql.raw(`drop index ${name}`).execute(db);
    await sql.raw(`create index ${name} on jobs (${columns.join(', ')})`).execute(db);
  }
  await dropGoldTasks(db as never); // 0023
  await dropConsensus(db as never); // 0022
  await dropReviewStages(db as never); // 0021
  await dropMembers(db as never); // 0020
  await dropJobKeys(db, dialect); // 0019
  await sql`drop table job_bulk_items`.execute(db); // 0018
  await dropJobFlows(db, dialect); // 0017
  await sql`alter table workspaces drop column claim_weight`.execute(db); // 0016
  await sql`drop table job_type_pauses`.execute(db);
  await sql`create index jobs_claim_idx on jobs (type, priority desc, run_at, id) where status = 'queued'`.execute(
    db,
  );
  await sql`drop index jobs_claim_ws_idx`.execute(db);
  await sql`drop table job_logs`.execute(db); // 0015
  await sql`alter table jobs drop column log_seq`.execute(db);
  await sql`alter table jobs drop column timeout_ms`.execute(db); // 0014
  await sql`alter table jobs drop column attempt_started_at`.execute(db);
  await sql`alter table job_definitions drop column timeout_ms`.execute(db);
  await sql`drop index batches_project_draft_number_unique`.execute(db); // 0013
  await sql`alter table batches drop column draft_number`.execute(db);
  await sql`alter table projects drop column draft_seq`.execute(db);
}
