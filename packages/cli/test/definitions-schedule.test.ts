import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDialects, type TestServer } from '../../../test/support/index.js';
import { assertBuilt, cliWith, json, type CliResult } from './helpers.js';

function expectExit(result: CliResult, code: number): void {
  expect(result.code, `exit ${result.code}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`).toBe(code);
}

describe.each(testDialects())('batchyard definitions schedule-preview on %s', (dialect) => {
  let server: TestServer;
  let cli: ReturnType<typeof cliWith>;

  beforeAll(async () => {
    assertBuilt();
    server = await startTestServer(dialect);
    cli = cliWith({ BATCHYARD_URL: server.url, BATCHYARD_TOKEN: server.adminToken });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("prints the next fire times the server's scheduler computes, and refuses a bad cron", async () => {
    const after = '2026-03-28T12:00:00.000Z';
    const preview = await cli([
      'definitions',
      'schedule-preview',
      '30 2 * * *',
      '--timezone',
      'Europe/Paris',
      '--count',
      '2',
      '--after',
      after,
      '--json',
    ]);
    expectExit(preview, 0);
    // 02:30 does not exist in Paris on 29 March 2026: croner fires when the clock jumps (03:00).
    expect(json(preview)).toEqual({
      schedule: '30 2 * * *',
      timezone: 'Europe/Paris',
      times: ['2026-03-29T01:00:00.000Z', '2026-03-30T00:30:00.000Z'],
    });

    const text = await cli(['definitions', 'schedule-preview', '0 6 * * 1-5', '--after', after]);
    expectExit(text, 0);
    const lines = text.stdout.trim().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^2026-03-30T06:00:00\.000Z {2}30 Mar 2026, 06:00:00 \(UTC\)$/);

    const bad = await cli(['definitions', 'schedule-preview', '61 * * * *']);
    expectExit(bad, 3);
    expect(bad.stderr).toMatch(/schedule/);
    expect(bad.stderr).toMatch(/not a valid cron expression/);
  });
});
