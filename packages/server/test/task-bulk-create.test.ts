import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../src/store/index.js';
import {
  startTestServer,
  testDialects,
  type TestDialect,
  type TestServer,
} from '../../../test/support/index.js';
import { insertTasksAtomically, TaskParentMissingError, type TaskRow } from '../src/store/queries/tasks.js';
import { call, finishedJob, workspaceWithKey } from './helpers.js';
import { taskRow } from './store-fixtures.js';
import { restoreTaskForeignKeys } from '../src/store/task-parent-cascades.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * A server on `dialect` with a project and a dataset to make batches in (set up and closed by the
 * calling describe), and the calls the tests below make.
 */
function bulkProject(dialect: TestDialect, workspace: string) {
  let server: TestServer;
  let token: string;
  let projectId: string;
  let datasetId: string;

  const api = (method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown) =>
    call(server.app, { method, url, token, body });
  beforeAll(async () => {
    server = await startTestServer(dialect);
    token = (await workspaceWithKey(server.app, server.adminToken, workspace)).token;
    projectId = (await api('POST', '/v1/projects', { name: 'bulk' })).body.id;
    datasetId = (
      await api('POST', '/v1/datasets', {
        projectId,
        name: 'base',
        columns: [{ name: 'v', type: 'numeric' }],
      })
    ).body.id;
  });
  afterAll(async () => server?.close());

  return {
    api,
    server: () => server,
    projectId: () => projectId,
    finished: (jobId: string) => finishedJob(server.app, token, jobId),
    newBatch: async (name: string) => {
      const job = await api('POST', `/v1/datasets/${datasetId}/batches`, { name, rows: [{ v: 1 }] });
      return (await finishedJob(server.app, token, job.body.id)).result.batchId as string;
    },
    /** Every task of a batch, with data. */
    readAll: async (batchId: string) => {
      const tasks: any[] = [];
      let cursor: string | null = null;
      do {
        const res = await api(
          'GET',
          `/v1/tasks?projectId=${projectId}&batchIds=${batchId}&include=data&limit=1000${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        tasks.push(...res.body.data);
        cursor = res.body.nextCursor;
      } while (cursor);
      return tasks;
    },
  };
}

/**
 * Creates big enough to take the bulk path (COPY on PostgreSQL, from 500 tasks): every field comes
 * back as sent, including the characters COPY's text format escapes, names another create took are
 * skipped, and the audit entry counts what was created.
 */
describe.each(testDialects())('bulk task create on %s', (dialect) => {
  const { api, newBatch, readAll } = bulkProject(dialect, 'bulk-ws');

  // What COPY's text format must escape or could misread: backslashes, tabs, newlines, carriage
  // returns, a literal \N, and text that is not ASCII.
  const awkward = [
    'back\\slash',
    'tab\there',
    'line\nbreak',
    'cr\rhere',
    '\\N',
    '\\\\N',
    'é ü 中文 🚀',
    '',
    'null',
  ];
  const task = (i: number) => ({
    name: `bulk-${i}${i % 50 === 0 ? '\t\\N' : ''}`,
    data: { text: awkward[i % awkward.length]!, n: i, nested: { list: [i, 'a\\b', null, true], empty: {} } },
    resources: i % 3 === 0 ? [] : [`s3://bucket/${awkward[i % awkward.length]}/${i}.png`],
    properties: i % 4 === 0 ? {} : { score: i / 7, custom: { note: awkward[(i + 1) % awkward.length] } },
  });

  it('stores 1,200 tasks exactly as sent and audits the count', async () => {
    const batchId = await newBatch('bulk-exact');
    const sent = Array.from({ length: 1200 }, (_, i) => task(i));
    const res = await api('POST', `/v1/batches/${batchId}/tasks`, { tasks: sent });
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200);
    expect(
      res.body.failed,
      JSON.stringify(res.body.results.filter((r: any) => r.status !== 'created').slice(0, 3)),
    ).toBe(0);
    expect(res.body.created).toBe(1200);

    const stored = await readAll(batchId);
    expect(stored).toHaveLength(1200);
    const byName = new Map(stored.map((t) => [t.name, t]));
    for (const s of sent) {
      const t = byName.get(s.name);
      expect(
        t,
        `${JSON.stringify(s.name)} among ${JSON.stringify(stored.slice(0, 2).map((x) => x.name))}`,
      ).toBeDefined();
      expect(t.data).toEqual(s.data);
      expect(t.resources).toEqual(s.resources);
      expect(t.properties.score ?? null).toEqual((s.properties as { score?: number }).score ?? null);
      expect(t.properties.custom ?? {}).toEqual((s.properties as { custom?: object }).custom ?? {});
      expect(t.status).toBe('pending');
    }

    const audit = await api('GET', `/v1/audit-log?limit=1000&resourceId=${batchId}`);
    expect(audit.status).toBe(200);
    const creates = (audit.body.data as any[]).filter((e) => e.action === 'task.create');
    expect(creates.map((e) => e.summary.created)).toEqual([1200]);
  });

  it('skips the names a batch already holds and creates the rest', async () => {
    const batchId = await newBatch('bulk-skip');
    const first = await api('POST', `/v1/batches/${batchId}/tasks`, {
      tasks: Array.from({ length: 600 }, (_, i) => task(i)),
    });
    expect(first.status).toBe(200);
    const second = await api('POST', `/v1/batches/${batchId}/tasks`, {
      tasks: Array.from({ length: 900 }, (_, i) => task(i + 300)),
      onExisting: 'skip',
    });
    expect(second.status, JSON.stringify(second.body).slice(0, 500)).toBe(200);
    expect(second.body.created).toBe(600);
    const stored = await readAll(batchId);
    expect(stored).toHaveLength(1200);
    expect(new Set(stored.map((t) => t.name)).size).toBe(1200);
  });
});

/**
 * Every insert of tasks keeps the rules of the tasks table's foreign keys, which PostgreSQL no longer
 * has (migration 0029: the store checks once per statement what the keys checked per row): a task
 * naming a missing batch or project writes nothing, and deleting a batch or a project deletes its
 * tasks. Also the race the name lookup cannot see: names another insert took since are skipped.
 */
describe.each(testDialects())('task parents and name races on %s', (dialect) => {
  const { api, server, projectId, newBatch, finished } = bulkProject(dialect, 'parents-ws');
  let n = 0;
  const rowsIn = async (
    batchId: string,
    count: number,
    over: Partial<TaskRow> = {},
    names = (i: number) => `p-${i}`,
  ) => {
    // The workspace of the project (a missing batch has none to read).
    const workspaceId = (await api('GET', `/v1/projects/${projectId()}`)).body.workspaceId as string;
    expect(workspaceId).toMatch(/^ws_/);
    const now = Date.now();
    return Array.from({ length: count }, (_, i) =>
      taskRow(
        batchId,
        names(i),
        { i },
        {
          id: `tsk_parents_${dialect}_${++n}`,
          workspace_id: workspaceId,
          project_id: projectId(),
          created_at: now,
          updated_at: now,
          ...over,
        },
      ),
    );
  };
  const countIn = async (column: 'batch_id' | 'project_id', id: string) =>
    Number(
      (
        await server()
          .store.db.selectFrom('tasks')
          .select((eb) => eb.fn.countAll().as('n'))
          .where(column, '=', id)
          .executeTakeFirstOrThrow()
      ).n,
    );

  // 600 takes the bulk path (COPY on PostgreSQL), 5 the single statement.
  it.each([600, 5])(
    'writes none of %i tasks naming a batch or a project that does not exist',
    async (count) => {
      const batchId = await newBatch(`parents-missing-${count}`);
      const store = server().store as never as Store;
      const before = await countIn('batch_id', batchId);
      // One good task among them: the whole insert is refused, the good one included.
      const noBatch = [...(await rowsIn(batchId, 1)), ...(await rowsIn('bat_missing', count - 1))];
      await expect(insertTasksAtomically(store, noBatch)).rejects.toBeInstanceOf(TaskParentMissingError);
      const noProject = await rowsIn(batchId, count, { project_id: 'prj_missing' }, (i) => `np-${i}`);
      await expect(insertTasksAtomically(store, noProject)).rejects.toBeInstanceOf(TaskParentMissingError);
      expect(await countIn('batch_id', batchId)).toBe(before);
      expect(await countIn('batch_id', 'bat_missing')).toBe(0);
    },
  );

  it.each([600, 6])(
    'skips, among %i tasks, the names another insert took since they were looked up',
    async (count) => {
      const batchId = await newBatch(`parents-race-${count}`);
      const store = server().store as never as Store;
      const first = await rowsIn(batchId, count);
      expect((await insertTasksAtomically(store, first)).size).toBe(count);
      // Half the names again (new ids), as a second request that looked them up before the first wrote.
      const second = await rowsIn(batchId, count, {}, (i) => `p-${i + count / 2}`);
      const audit = {
        id: `aud_parents_race_${dialect}_${count}`,
        workspace_id: first[0]!.workspace_id,
        actor_kind: 'key' as const,
        actor_id: 'key_1',
        actor_name: 'k',
        action: 'task.create',
        resource_type: 'batch',
        resource_id: batchId,
        request_id: null,
        summary: '{}',
        created_at: Date.now(),
      };
      const inserted = await insertTasksAtomically(store, second, audit);
      expect([...inserted].sort()).toEqual(
        second
          .slice(count / 2)
          .map((r) => r.id)
          .sort(),
      );
      expect(await countIn('batch_id', batchId)).toBe(count * 1.5);
      const entry = await store.db
        .selectFrom('audit_log')
        .select('summary')
        .where('id', '=', audit.id)
        .executeTakeFirstOrThrow();
      expect(JSON.parse(entry.summary)).toEqual({ created: count / 2 });
    },
  );

  it('deletes the tasks of a deleted batch row and of a deleted project', async () => {
    const store = server().store as never as Store;
    const batchId = await newBatch('parents-delete');
    await insertTasksAtomically(store, await rowsIn(batchId, 600));
    expect(await countIn('batch_id', batchId)).toBe(600);
    await store.db.deleteFrom('batches').where('id', '=', batchId).execute();
    expect(await countIn('batch_id', batchId)).toBe(0);

    // A project of its own, with a batch of tasks, deleted through the API.
    const project = (await api('POST', '/v1/projects', { name: 'parents-doomed' })).body.id as string;
    const dataset = (
      await api('POST', '/v1/datasets', {
        projectId: project,
        name: 'd',
        columns: [{ name: 'v', type: 'numeric' }],
      })
    ).body.id as string;
    const job = await api('POST', `/v1/datasets/${dataset}/batches`, { name: 'b', rows: [{ v: 1 }] });
    const batch = (await finished(job.body.id)).result.batchId as string;
    const res = await api('POST', `/v1/batches/${batch}/tasks`, {
      tasks: Array.from({ length: 600 }, (_, i) => ({ name: `d-${i}` })),
    });
    expect(res.body.created).toBe(600);
    expect(await countIn('project_id', project)).toBe(600);
    const del = await api('DELETE', `/v1/projects/${project}?force=true`);
    expect(del.status, JSON.stringify(del.body)).toBe(204);
    expect(await countIn('project_id', project)).toBe(0);
    expect(await countIn('batch_id', batch)).toBe(0);
  });
});

/** Migration 0029 over tasks the version before wrote (with the foreign keys): nothing is lost. */
describe.runIf(testDialects().includes('postgres'))('migration 0029 on postgres', () => {
  const { api, server, newBatch, readAll } = bulkProject('postgres', 'parents-migration');

  it('drops the foreign keys of tasks, keeps every task, and deletes the tasks of a batch with it', async () => {
    const db = server().store.db;
    // Back to the schema before 0029 (0030 too, which comes after it).
    await sql`create index tasks_claim_idx on tasks (project_id, priority desc, id) where status = 'pending'`.execute(
      db,
    );
    await restoreTaskForeignKeys(db as never);
    await sql`delete from batchyard_migrations where name >= '0029_task_parent_cascades'`.execute(db);
    const keys = async () =>
      (
        await sql<{ n: number }>`select count(*)::int as n from pg_constraint
          where conrelid = 'tasks'::regclass and contype = 'f'`.execute(db)
      ).rows[0]!.n;
    expect(await keys()).toBe(2);

    const batchId = await newBatch('before-0029');
    const sent = Array.from({ length: 700 }, (_, i) => ({ name: `old-${i}`, data: { i } }));
    expect((await api('POST', `/v1/batches/${batchId}/tasks`, { tasks: sent })).body.created).toBe(700);

    expect(await server().store.migrate()).toEqual([
      '0029_task_parent_cascades',
      '0030_drop_project_claim_index',
    ]);
    expect(await keys()).toBe(0);
    const stored = await readAll(batchId);
    expect(stored.map((t) => [t.name, t.data]).sort()).toEqual(sent.map((t) => [t.name, t.data]).sort());

    await db.deleteFrom('batches').where('id', '=', batchId).execute();
    expect(
      (await sql<{ n: number }>`select count(*)::int as n from tasks where batch_id = ${batchId}`.execute(db))
        .rows[0]!.n,
    ).toBe(0);
  });
});

/**
 * A role without the TEMPORARY privilege copies straight into tasks, but cannot stage a COPY: when
 * names were taken, its creates take the JSON statement (which skips them).
 */
describe.runIf(testDialects().includes('postgres'))(
  'bulk task create on postgres without temporary tables',
  () => {
    const { api, server, projectId, newBatch, readAll } = bulkProject('postgres', 'bulk-no-temp');

    it('creates when the role may not make temporary tables, skipping taken names by the JSON statement', async () => {
      const batchId = await newBatch('bulk-no-temp');
      const batch = (await api('GET', `/v1/batches/${batchId}`)).body;
      // A role with the rights the server needs on the tables, and no TEMPORARY on the database.
      const role = `bulk_no_temp_${randomBytes(4).toString('hex')}`;
      const url = new URL(server().databaseUrl);
      const database = url.pathname.slice(1);
      const admin = new pg.Client({ connectionString: server().databaseUrl });
      await admin.connect();
      try {
        await admin.query(`create role ${role} login`);
        await admin.query(`grant usage on schema public to ${role}`);
        await admin.query(`grant select, insert, update, delete on all tables in schema public to ${role}`);
        await admin.query(`grant usage, select on all sequences in schema public to ${role}`);
        await admin.query(`revoke temporary on database ${database} from public`);
        url.username = role;
        const store = openStore(url.toString(), { poolSize: 2 });
        try {
          const now = Date.now();
          const rows = Array.from({ length: 600 }, (_, i) =>
            taskRow(
              batchId,
              `no-temp-${i}`,
              { text: `no temp ${i}`, tab: 'a\tb' },
              {
                workspace_id: batch.workspaceId,
                project_id: projectId(),
                created_at: now,
                updated_at: now,
              },
            ),
          );
          const inserted = await insertTasksAtomically(store, rows);
          expect(inserted.size).toBe(600);
          // Every name taken: the straight COPY fails, staging is refused, the JSON statement skips all.
          expect((await insertTasksAtomically(store, rows)).size).toBe(0);
        } finally {
          await store.close();
        }
        const stored = await readAll(batchId);
        expect(stored).toHaveLength(600);
        expect(stored.find((t) => t.name === 'no-temp-7')?.data).toEqual({ text: 'no temp 7', tab: 'a\tb' });
      } finally {
        await admin.query(`grant temporary on database ${database} to public`).catch(() => undefined);
        await admin.query(`drop owned by ${role}`).catch(() => undefined);
        await admin.query(`drop role if exists ${role}`).catch(() => undefined);
        await admin.end();
      }
    });
  },
);
