import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { call, finishedJob, workspaceWithKey } from './helpers.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** Exports of priority, assigneeId and prediction: fields asked for by name, in JSON, JSONL and CSV. */
describe.each(testDialects())('export fields on %s', (dialect) => {
  let server: TestServer;
  let admin: string;
  let projectId: string;
  let memberId: string;
  const ids: Record<string, string> = {};

  const api = (method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown) =>
    call(server.app, { method, url, token: admin, body });
  const exported = async (format: 'json' | 'jsonl' | 'csv', fields?: string[]) => {
    const job = await api('POST', '/v1/tasks/export', {
      filter: { projectId },
      format,
      ...(fields ? { fields } : {}),
    });
    expect(job.status).toBe(202);
    expect((await finishedJob(server.app, admin, job.body.id)).status).toBe('succeeded');
    return String((await api('GET', `/v1/jobs/${job.body.id}/artifacts/tasks.${format}`)).text);
  };

  beforeAll(async () => {
    server = await startTestServer(dialect);
    admin = (await workspaceWithKey(server.app, server.adminToken, 'export-fields')).token;
    projectId = (await api('POST', '/v1/projects', { name: 'fields' })).body.id;
    const datasetId = (
      await api('POST', '/v1/datasets', { projectId, name: 'd', columns: [{ name: 'v', type: 'numeric' }] })
    ).body.id;
    const job = await api('POST', `/v1/datasets/${datasetId}/batches`, { name: 'b', rows: [{ v: 1 }] });
    const batchId = (await finishedJob(server.app, admin, job.body.id)).result.batchId as string;
    const created = await api('POST', `/v1/batches/${batchId}/tasks`, {
      tasks: [
        {
          name: 'full',
          priority: 7,
          prediction: { modelVersion: 'm-1', score: 0.25, data: { boxes: [[1, 2]], label: 'cat' } },
        },
        { name: 'score-only', priority: -3, prediction: { score: 1e-7 } },
        { name: 'plain' },
      ],
    });
    expect(created.status).toBe(200);
    created.body.results.forEach((r: any, i: number) => (ids[['full', 'score-only', 'plain'][i]!] = r.id));
    const member = await api('POST', '/v1/members', {
      name: 'Ada',
      email: 'ada@example.org',
      role: 'annotator',
    });
    memberId = member.body.id;
    expect((await api('POST', '/v1/tasks/assign', { ids: [ids.full], memberId })).status).toBe(200);
  });
  afterAll(async () => server?.close());

  it('writes priority, assigneeId and prediction (null without one) in JSON and JSONL', async () => {
    const fields = ['name', 'priority', 'assigneeId', 'prediction'];
    const expected = [
      {
        name: 'full',
        priority: 7,
        assigneeId: memberId,
        prediction: { modelVersion: 'm-1', score: 0.25, data: { boxes: [[1, 2]], label: 'cat' } },
      },
      {
        name: 'score-only',
        priority: -3,
        assigneeId: null,
        prediction: { modelVersion: null, score: 1e-7, data: null },
      },
      { name: 'plain', priority: 0, assigneeId: null, prediction: null },
    ];
    const lines = (await exported('jsonl', fields)).trim().split('\n');
    expect(lines.map((l) => JSON.parse(l))).toEqual(expected);
    // Numbers as JavaScript writes them (1e-7, not 1.0e-07 or 0.0000001).
    expect(lines[1]).toContain('"score":1e-7');
    expect(JSON.parse(await exported('json', fields))).toEqual(expected);
  });

  it('writes them as CSV columns: prediction.modelVersion, prediction.score, prediction.data', async () => {
    const rows = (await exported('csv', ['name', 'priority', 'assigneeId', 'prediction']))
      .trim()
      .split('\r\n');
    expect(rows).toEqual([
      'name,priority,assigneeId,prediction.modelVersion,prediction.score,prediction.data',
      `full,7,${memberId},m-1,0.25,"{""boxes"":[[1,2]],""label"":""cat""}"`,
      'score-only,-3,,,1e-7,',
      'plain,0,,,,',
    ]);
  });

  it('leaves them out of the default fields', async () => {
    const line = JSON.parse((await exported('jsonl')).trim().split('\n')[0]!);
    expect(Object.keys(line)).toEqual([
      'id',
      'name',
      'batchId',
      'status',
      'resources',
      'data',
      'properties',
      'createdBy',
      'createdAt',
      'updatedAt',
    ]);
    const bad = await api('POST', '/v1/tasks/export', {
      filter: { projectId },
      format: 'jsonl',
      fields: ['name', 'assignee'],
    });
    expect(bad.status).toBe(400);
  });
});
