import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { assertBuilt, cliWith, json, type CliResult } from './helpers.js';

interface Task {
  id: string;
  name: string;
  status: string;
  priority: number;
  assigneeId: string | null;
  lease: { memberId: string; expiresAt: string } | null;
  data?: Record<string, unknown>;
}

function expectExit(result: CliResult, code: number): void {
  expect(result.code, `exit ${result.code}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`).toBe(code);
}

describe.each(testDialects())('batchyard members and the claim queue on %s', (dialect) => {
  let server: TestServer;
  let cli: ReturnType<typeof cliWith>;
  let dir: string;
  let projectId: string;
  let batchId: string;

  const ok = async <T = Record<string, unknown>>(args: string[], as = cli): Promise<T> => {
    const result = await as([...args, '--json']);
    expectExit(result, 0);
    return json<T>(result);
  };

  beforeAll(async () => {
    assertBuilt();
    server = await startTestServer(dialect);
    dir = mkdtempSync(join(tmpdir(), 'batchyard-cli-members-'));
    const admin = cliWith({ BATCHYARD_URL: server.url, BATCHYARD_TOKEN: server.adminToken });
    const workspaceId = (await ok<{ id: string }>(['workspaces', 'create', `members-${dialect}`], admin)).id;
    const key = await ok<{ token: string }>(
      ['keys', 'create', 'admin', '--role', 'admin', '--workspace', workspaceId],
      admin,
    );
    cli = cliWith({ BATCHYARD_URL: server.url, BATCHYARD_TOKEN: key.token });
    projectId = (await ok<{ id: string }>(['projects', 'create', 'queue'])).id;
    const datasetId = (
      await ok<{ id: string }>([
        'datasets',
        'create',
        '--project',
        projectId,
        '--name',
        'd',
        '--column',
        'v:numeric',
      ])
    ).id;
    const rows = join(dir, 'rows.jsonl');
    writeFileSync(rows, '{"v":1}\n');
    batchId = (
      await ok<{ result: { batchId: string } }>(['batches', 'upload', datasetId, rows, '--name', 'b'])
    ).result.batchId;
    const tasks = join(dir, 'tasks.jsonl');
    writeFileSync(
      tasks,
      [
        { name: 'low' },
        { name: 'high', priority: 5, prediction: { modelVersion: 'm1', score: 0.9, data: { label: 'cat' } } },
        { name: 'other' },
      ]
        .map((t) => JSON.stringify(t))
        .join('\n') + '\n',
    );
    expectExit(await cli(['tasks', 'create', '--batch', batchId, '--file', tasks]), 0);
  });
  afterAll(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('manages members and makes keys for them', async () => {
    const ann = await ok<{ id: string; role: string }>([
      'members',
      'create',
      'Ann',
      '--email',
      'ann@example.org',
      '--role',
      'annotator',
    ]);
    expect(ann).toMatchObject({ role: 'annotator' });
    const listed = await cli(['members', 'list']);
    expectExit(listed, 0);
    expect(listed.stdout).toContain('ann@example.org');
    const updated = await ok<{ role: string }>(['members', 'update', ann.id, '--role', 'reviewer']);
    expect(updated.role).toBe('reviewer');
    const key = await ok<{ role: string; memberId: string }>(['keys', 'create', 'ann', '--member', ann.id]);
    expect(key).toMatchObject({ role: 'editor', memberId: ann.id });
    expectExit(await cli(['keys', 'create', 'nothing']), 2);
    expectExit(await cli(['members', 'create', 'X', '--email', 'x@example.org', '--role', 'owner']), 2);
    expectExit(await cli(['members', 'get', 'mem_nope']), 4);
    expectExit(await cli(['members', 'remove', ann.id]), 0);
    expect(await ok<{ data: unknown[] }>(['members', 'list', '--role', 'reviewer'])).toMatchObject({
      data: [],
    });
  });

  it('assigns, claims, heartbeats, submits and skips', async () => {
    const member = await ok<{ id: string }>([
      'members',
      'create',
      'Bo',
      '--email',
      'bo@example.org',
      '--role',
      'annotator',
    ]);
    const token = (await ok<{ token: string }>(['keys', 'create', 'bo', '--member', member.id])).token;
    const bo = cliWith({ BATCHYARD_URL: server.url, BATCHYARD_TOKEN: token });

    const all = await ok<{ data: Task[] }>([
      'tasks',
      'list',
      '--project',
      projectId,
      '--sort',
      'priority:desc',
    ]);
    expect(all.data.map((t) => t.name)).toEqual(['high', 'low', 'other']);
    const other = all.data.find((t) => t.name === 'other')!;
    const assigned = await ok<{ applied: number }>(['tasks', 'assign', member.id, other.id]);
    expect(assigned.applied).toBe(1);
    const mine = await ok<{ data: Task[] }>([
      'tasks',
      'list',
      '--project',
      projectId,
      '--assignee',
      member.id,
    ]);
    expect(mine.data.map((t) => t.name)).toEqual(['other']);

    // Highest priority first; its prediction seeds the data.
    const first = await ok<Task>(['tasks', 'claim', '--project', projectId, '--lease', '60'], bo);
    expect(first).toMatchObject({ name: 'high', status: 'in_progress', data: { label: 'cat' } });
    const beat = await ok<Task>(['tasks', 'heartbeat', first.id, '--lease', '120'], bo);
    expect(beat.lease?.memberId).toBe(member.id);
    const done = await ok<Task>(['tasks', 'submit', first.id, '--data-json', '{"label":"dog"}'], bo);
    expect(done).toMatchObject({ status: 'complete', data: { label: 'dog' } });

    const second = await ok<Task>(['tasks', 'claim', '--project', projectId], bo);
    expect(second.name).toBe('low');
    const skipped = await ok<Task>(['tasks', 'skip', second.id, '--reason', 'unclear'], bo);
    expect(skipped.status).toBe('pending');
    expect((await ok<Task>(['tasks', 'claim', '--project', projectId], bo)).name).toBe('other');
    const empty = await bo(['tasks', 'claim', '--project', projectId]);
    expectExit(empty, 0);
    expect(empty.stdout).toContain('No task to claim.');
    // A late submit on a task no longer held: an API error.
    const late = await bo(['tasks', 'submit', first.id]);
    expectExit(late, 3);
    expect(late.stderr).toContain('task_lease_lost');
    // Only a member's key claims.
    expectExit(await cli(['tasks', 'claim', '--project', projectId]), 5);
    const unassigned = await ok<{ applied: number }>([
      'tasks',
      'unassign',
      '--project',
      projectId,
      '--assignee',
      member.id,
    ]);
    expect(unassigned.applied).toBe(1);
  });

  it('sends submitted work through review stages: reject with a reason, then accept', async () => {
    const staged = await ok<{ workflow: unknown }>([
      'projects',
      'update',
      projectId,
      '--review-stages',
      'qa',
    ]);
    expect(staged.workflow).toEqual({
      reviewStages: ['qa'],
      excludeSelfReview: true,
      annotationsPerTask: 1,
      agreementThreshold: 0.8,
      goldRate: 0,
    });
    const person = async (name: string, role: string) => {
      const m = await ok<{ id: string }>([
        'members',
        'create',
        name,
        '--email',
        `${name}@example.org`,
        '--role',
        role,
      ]);
      const token = (await ok<{ token: string }>(['keys', 'create', name, '--member', m.id])).token;
      return { id: m.id, cli: cliWith({ BATCHYARD_URL: server.url, BATCHYARD_TOKEN: token }) };
    };
    const cy = await person('cy', 'annotator');
    const di = await person('di', 'reviewer');
    const claimed = await ok<Task>(['tasks', 'claim', '--project', projectId], cy.cli);
    const submitted = await ok<Task & { reviewStage: string }>(['tasks', 'submit', claimed.id], cy.cli);
    expect(submitted).toMatchObject({ status: 'to_review', reviewStage: 'qa' });
    const atQa = await ok<{ data: Task[] }>([
      'tasks',
      'list',
      '--project',
      projectId,
      '--review-stage',
      'qa',
    ]);
    expect(atQa.data.map((t) => t.id)).toEqual([claimed.id]);

    expectExit(await di.cli(['tasks', 'reject', claimed.id]), 2);
    const rejected = await di.cli(['tasks', 'reject', claimed.id, '--reason', 'blurry label']);
    expectExit(rejected, 0);
    expect(rejected.stdout).toContain(`assigned to ${cy.id}`);
    const shown = await ok<Task & { lastRejection: unknown }>(['tasks', 'get', claimed.id]);
    expect(shown).toMatchObject({
      status: 'pending',
      assigneeId: cy.id,
      lastRejection: { reason: 'blurry label' },
    });

    expect((await ok<Task>(['tasks', 'claim', '--project', projectId], cy.cli)).id).toBe(claimed.id);
    await ok<Task>(['tasks', 'submit', claimed.id], cy.cli);
    const annotatorVerdict = await cy.cli(['tasks', 'accept', claimed.id]);
    expectExit(annotatorVerdict, 5);
    const accepted = await ok<Task>(['tasks', 'accept', claimed.id, '--stage', 'qa'], di.cli);
    expect(accepted.status).toBe('reviewed');
    // Several ids: answered task by task; a refusal exits 9.
    const many = await di.cli(['tasks', 'accept', claimed.id, 'tsk_nope', '--json']);
    expectExit(many, 9);
    expect(json<{ refused: number }>(many).refused).toBe(2);
  });
});
