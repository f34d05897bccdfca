import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { assertBuilt, cliWith, json } from './helpers.js';

interface Entry {
  action: string;
  resourceId: string;
  actor: { id: string; name: string };
}

describe.each(testDialects())('batchyard audit list on %s', (dialect) => {
  let server: TestServer;
  let cli: ReturnType<typeof cliWith>;

  beforeAll(async () => {
    assertBuilt();
    server = await startTestServer(dialect);
    cli = cliWith({ BATCHYARD_URL: server.url, BATCHYARD_TOKEN: server.adminToken });
  });
  afterAll(async () => server?.close());

  it('lists the changes made through the CLI, newest first, with filters', async () => {
    const created = await cli(['workspaces', 'create', 'audited', '--json']);
    expect(created.code, created.stderr).toBe(0);
    const workspaceId = json<{ id: string }>(created).id;
    const project = await cli(['projects', 'create', 'p1', '--workspace', workspaceId, '--json']);
    expect(project.code, project.stderr).toBe(0);
    const projectId = json<{ id: string }>(project).id;

    const all = await cli(['audit', 'list', '--json']);
    expect(all.code, all.stderr).toBe(0);
    const entries = json<{ data: Entry[] }>(all).data;
    expect(entries.map((e) => [e.action, e.resourceId])).toEqual([
      ['project.create', projectId],
      ['workspace.create', workspaceId],
    ]);

    const filtered = await cli(['audit', 'list', '--action', 'workspace.create', '--json']);
    expect(json<{ data: Entry[] }>(filtered).data.map((e) => e.resourceId)).toEqual([workspaceId]);

    const table = await cli(['audit', 'list', '--resource', projectId]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^TIME +ACTOR +ACTION +RESOURCE/m);
    expect(table.stdout).toContain('project.create');
    expect(table.stdout).not.toContain('workspace.create');

    const bad = await cli(['audit', 'list', '--since', 'yesterday']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('createdAfter');
  });
});
