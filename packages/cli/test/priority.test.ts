import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Batchyard } from '@batchyard/sdk';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { assertBuilt, cliWith, json, type CliResult } from './helpers.js';

function expectExit(result: CliResult, code: number): void {
  expect(result.code, `exit ${result.code}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`).toBe(code);
}

/** `batchyard tasks priority <id> <n>`: one task's priority (PATCH /v1/tasks/{id}). */
describe.each(testDialects())('batchyard tasks priority on %s', (dialect) => {
  let server: TestServer;
  let cli: ReturnType<typeof cliWith>;
  let sdk: Batchyard;
  let taskId: string;

  beforeAll(async () => {
    assertBuilt();
    server = await startTestServer(dialect);
    const root = new Batchyard({ baseUrl: server.url, token: server.adminToken });
    const workspaceId = (await root.workspaces.create({ name: `priority-${dialect}` })).id;
    const token = (await root.keys.create({ name: 'ed', role: 'editor', workspaceId })).token;
    sdk = new Batchyard({ baseUrl: server.url, token });
    const projectId = (await sdk.projects.create({ workspaceId, name: 'p' })).id;
    const dataset = await sdk.datasets.create({
      projectId,
      name: 'd',
      columns: [{ name: 'v', type: 'text' }],
    });
    const batchId = (
      (await (await sdk.batches.create(dataset.id, [{ v: 'x' }], { name: 'b' })).wait()).result as {
        batchId: string;
      }
    ).batchId;
    taskId = (await sdk.tasks.create(batchId, [{ name: 't' }])).results[0]!.id!;
    cli = cliWith({ BATCHYARD_URL: server.url, BATCHYARD_TOKEN: token });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('sets a priority, negative ones too, and refuses what is not one', async () => {
    const set = await cli(['tasks', 'priority', taskId, '12']);
    expectExit(set, 0);
    expect(set.stdout.trim()).toBe(`${taskId} has priority 12.`);
    expect((await sdk.tasks.get(taskId)).priority).toBe(12);

    const negative = await cli(['tasks', 'priority', taskId, '-3', '--json']);
    expectExit(negative, 0);
    expect(json<{ priority: number }>(negative).priority).toBe(-3);

    // Not a whole number: refused by the CLI (usage, exit 2); out of range: the server's 400.
    expectExit(await cli(['tasks', 'priority', taskId, '1.5']), 2);
    const tooBig = await cli(['tasks', 'priority', taskId, '1000001']);
    expect(tooBig.code).not.toBe(0);
    expect(tooBig.stderr).toContain('/priority');
    expect((await sdk.tasks.get(taskId)).priority).toBe(-3);
  });
});
