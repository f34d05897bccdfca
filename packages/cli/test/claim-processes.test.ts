import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects, type TestDatabase } from '../../../test/support/index.js';
import { assertBuilt } from './helpers.js';
import { freePort, serve } from './spawn.js';

const MEMBERS = 8;
const TASKS = 200;

// The claim queue under load, through the shipped binary: 8 members claim and submit at once from
// one queue until it is empty. No task may go to two members, and none may be lost. On PostgreSQL
// through two API processes (requests alternate between them); on SQLite into one process.
describe.each(testDialects())('claim queues across processes on %s', (dialect) => {
  let database: TestDatabase;
  let dataDir: string;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    assertBuilt();
    database = await createTestDatabase(dialect);
    dataDir = mkdtempSync(join(tmpdir(), 'batchyard-claims-'));
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await database?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const start = async (worker: boolean) => {
    const served = await serve([
      ...['--data-dir', dataDir, '--database-url', database.url, '--log-level', 'warn'],
      ...['--port', String(await freePort()), '--host', '127.0.0.1'],
      ...(worker ? [] : ['--no-worker']),
    ]);
    children.push(served.child);
    return served;
  };

  const client = (url: string, token: string) => async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };

  async function drainConcurrently(urls: string[]) {
    const adminKey = readFileSync(join(dataDir, 'admin-key'), 'utf8').trim();
    const admin = client(urls[0]!, adminKey);
    const workspace = await admin('POST', '/v1/workspaces', { name: `claims-${dialect}` });
    const workspaceId = workspace.body.id as string;
    const project = await admin('POST', '/v1/projects', { workspaceId, name: 'queue' });
    const dataset = await admin('POST', '/v1/datasets', {
      projectId: project.body.id,
      name: 'rows',
      columns: [{ name: 'v', type: 'numeric' }],
    });
    let job = (
      await admin('POST', `/v1/datasets/${dataset.body.id as string}/batches`, {
        name: 'b',
        rows: [{ v: 1 }],
      })
    ).body;
    while (!['succeeded', 'failed'].includes(job.status))
      job = (await admin('GET', `/v1/jobs/${job.id}?wait=10`)).body;
    expect(job.status).toBe('succeeded');
    const tasks = Array.from({ length: TASKS }, (_, i) => ({ name: `t${i}`, priority: i % 4 }));
    const created = await admin('POST', `/v1/batches/${job.result.batchId as string}/tasks`, { tasks });
    expect(created.body.created).toBe(TASKS);

    const members = await Promise.all(
      Array.from({ length: MEMBERS }, async (_, i) => {
        const member = await admin('POST', '/v1/members', {
          workspaceId,
          name: `m${i}`,
          email: `m${i}@example.org`,
          role: 'annotator',
        });
        const key = await admin('POST', '/v1/keys', { name: `m${i}`, memberId: member.body.id });
        expect(key.status).toBe(201);
        return { id: member.body.id as string, token: key.body.token as string };
      }),
    );

    const holders = new Map<string, string[]>();
    let requests = 0;
    await Promise.all(
      members.map(async (member, i) => {
        for (let n = i; ; n++) {
          // Each member's requests alternate between the processes.
          const api = client(urls[n % urls.length]!, member.token);
          const claimed = await api('POST', '/v1/tasks/claim', { projectId: project.body.id });
          requests++;
          if (claimed.status === 204) return;
          expect(claimed.status).toBe(200);
          holders.set(claimed.body.id, [...(holders.get(claimed.body.id) ?? []), member.id]);
          const submitted = await client(urls[(n + 1) % urls.length]!, member.token)(
            'POST',
            `/v1/tasks/${claimed.body.id as string}/submit`,
            { data: { by: member.id } },
          );
          expect(submitted.status).toBe(200);
        }
      }),
    );
    const twice = [...holders].filter(([, who]) => who.length > 1);
    expect(twice).toEqual([]);
    expect(holders.size).toBe(TASKS);
    expect(requests).toBeGreaterThanOrEqual(TASKS + MEMBERS);
    const complete = await admin(
      'GET',
      `/v1/tasks?projectId=${project.body.id as string}&statuses=complete&limit=1000`,
    );
    expect(complete.body.data).toHaveLength(TASKS);
    // Every member got some of the work.
    const perMember = new Set([...holders.values()].map((who) => who[0]));
    expect(perMember.size).toBeGreaterThan(1);
  }

  if (dialect === 'postgres')
    it('8 members claiming at once through two API processes: no task handed twice, none lost', async () => {
      const first = await start(true);
      const second = await start(false);
      await drainConcurrently([first.url, second.url]);
    }, 120_000);

  if (dialect === 'sqlite')
    it('8 members claiming at once into one process: no task handed twice, none lost', async () => {
      const only = await start(true);
      await drainConcurrently([only.url]);
    }, 120_000);
});
