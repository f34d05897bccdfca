import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/store/index.js';
import {
  startTestServer,
  testDialects,
  type TestDialect,
  type TestServer,
} from '../../../test/support/index.js';
import { insertTasksAtomically } from '../src/store/queries/tasks.js';
import { call, finishedJob, workspaceWithKey } from './helpers.js';
import { taskRow } from './store-fixtures.js';

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

  const api = (method: 'GET' | 'POST', url: string, body?: unknown) =>
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

/** A role without the TEMPORARY privilege cannot stage a COPY: its creates take the JSON statement. */
describe.runIf(testDialects().includes('postgres'))(
  'bulk task create on postgres without temporary tables',
  () => {
    const { api, server, projectId, newBatch, readAll } = bulkProject('postgres', 'bulk-no-temp');

    it('creates through the JSON statement when the role may not make temporary tables', async () => {
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
          // The store has stopped trying: the next create goes the same way at once.
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
