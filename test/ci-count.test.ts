import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addCluster, addGate, addVitest, emptyTally, render } from '../scripts/test-count.mjs';

// The count line is what everyone trusts, so each shape of failure we know is fed to it for real:
// vitest runs on small fixture suites written here (an unhandled rejection, a global setup that
// throws, a skipped test, a failed test) and its own report and exit code go through the counting.
const root = new URL('..', import.meta.url).pathname;
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

interface Report {
  numPassedTests: number;
  numFailedTests: number;
}

function runVitest(files: Record<string, string>, extraArgs: string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), 'batchyard-ci-count-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const reportPath = join(dir, 'report.json');
  const run = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/vitest/vitest.mjs'),
      'run',
      '--root',
      dir,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${reportPath}`,
      ...extraArgs,
    ],
    { encoding: 'utf8', timeout: 120_000 },
  );
  const report = existsSync(reportPath) ? (JSON.parse(readFileSync(reportPath, 'utf8')) as Report) : null;
  return { code: run.status ?? 1, output: `${run.stdout}\n${run.stderr}`, report };
}

function lineOf(tally: ReturnType<typeof emptyTally>, strict = false) {
  return render(tally, { strict }).lines.at(-1);
}

const PASSING = `import { test, expect } from 'vitest';\ntest('passes', () => expect(1).toBe(1));\n`;

describe('the count line', () => {
  it('a clean run counts what passed and exits 0', () => {
    const run = runVitest({ 'a.test.ts': PASSING });
    expect(run.code).toBe(0);
    const tally = emptyTally();
    addVitest(tally, run.report, run.code, run.output);
    expect(lineOf(tally)).toBe('1 passed, 0 failed');
  });

  it('an unhandled rejection (vitest exits 1, its report says 0 failed) counts as a named failure', () => {
    const run = runVitest({
      'a.test.ts':
        `import { test, expect } from 'vitest';\n` +
        `test('leaks a rejection', async () => { void Promise.reject(new Error('leaked boom')); ` +
        `await new Promise((r) => setTimeout(r, 50)); expect(1).toBe(1); });\n`,
    });
    expect(run.code).not.toBe(0);
    expect(run.report?.numFailedTests).toBe(0); // the shape that used to print "0 failed"
    const tally = emptyTally();
    addVitest(tally, run.report, run.code, run.output);
    expect(lineOf(tally)).toBe('1 passed, 1 failed');
    expect(tally.failures[0]).toMatch(/exited 1 with no failed test counted.*leaked boom/);
  });

  it("a describe's afterAll that throws (every test passed, the report's message empty) is named with its error", () => {
    const run = runVitest({
      'a.test.ts':
        `import { afterAll, describe, expect, it } from 'vitest';\n` +
        `describe.each(['sqlite', 'postgres'])('store on %s', (d) => {\n` +
        `  afterAll(() => { if (d === 'postgres') throw new Error('cleanup broke'); });\n` +
        `  it('passes', () => expect(1).toBe(1));\n` +
        `});\n`,
    });
    expect(run.code).not.toBe(0);
    expect(run.report?.numFailedTests).toBe(0); // the shape CI met: "failed outside its tests: (no message)"
    const tally = emptyTally();
    addVitest(tally, run.report, run.code, run.output);
    expect(lineOf(tally)).toBe('2 passed, 1 failed');
    expect(tally.failures).toEqual([
      expect.stringMatching(/a\.test\.ts failed outside its tests: store on postgres: Error: cleanup broke$/),
    ]);
  });

  it('a global setup that throws (no report at all) is a failure, not "0 passed, 0 failed"', () => {
    const run = runVitest(
      {
        'a.test.ts': PASSING,
        'setup.ts': `export default async function () { throw new Error('setup broke'); }\n`,
      },
      ['--globalSetup', 'setup.ts'],
    );
    expect(run.code).not.toBe(0);
    const tally = emptyTally();
    addVitest(tally, run.report, run.code, run.output);
    expect(lineOf(tally)).toBe('0 passed, 1 failed');
    expect(tally.failures[0]).toMatch(/global setup failed/);
  });

  it('a skipped test appears in the line, and in CI (strict) it is a failure', () => {
    const run = runVitest({
      'a.test.ts':
        `import { test, expect } from 'vitest';\ntest('runs', () => expect(1).toBe(1));\n` +
        `test.skip('is skipped', () => expect(1).toBe(2));\n`,
    });
    expect(run.code).toBe(0);
    const tally = emptyTally();
    addVitest(tally, run.report, run.code, run.output);
    expect(render(tally).lines.slice(-2)).toEqual(['1 passed, 0 failed, 1 skipped', '1 passed, 0 failed']);
    const strict = render(tally, { strict: true });
    expect(strict.lines.slice(-2)).toEqual(['1 passed, 1 failed, 1 skipped', '1 passed, 1 failed']);
    expect(strict.lines.some((l) => /^FAILED \(skipped in CI\) .*a\.test\.ts > is skipped$/.test(l))).toBe(
      true,
    );
  });

  it('a failed test is named', () => {
    const run = runVitest({
      'a.test.ts': `import { test, expect } from 'vitest';\ntest('breaks', () => expect(1).toBe(2));\n`,
    });
    const tally = emptyTally();
    addVitest(tally, run.report, run.code, run.output);
    expect(lineOf(tally)).toBe('0 passed, 1 failed');
    expect(tally.failures).toHaveLength(1);
    expect(tally.failures[0]).toMatch(/^vitest: .*a\.test\.ts > breaks$/);
  });

  it('a cluster that dies before its line is a failure, whatever its exit code', () => {
    for (const code of [0, 1, 137]) {
      const tally = emptyTally();
      addCluster(tally, '[cluster 1.0s] database x\n  ✓ cluster up\n', code);
      expect(lineOf(tally)).toBe('0 passed, 1 failed');
      expect(tally.failures[0]).toMatch(/ended without its count line/);
    }
  });

  it("the cluster's checks join the count, failed ones by name", () => {
    const tally = emptyTally();
    addCluster(tally, '  ✓ cluster up\n  ✗ jobs: one per n — 3 missing\ncluster: 1 passed, 1 failed\n', 1);
    expect(lineOf(tally)).toBe('1 passed, 1 failed');
    expect(tally.failures).toEqual(['cluster: jobs: one per n — 3 missing']);
  });

  it('a cluster exiting non-zero after "0 failed", or counting nothing, is a failure', () => {
    const crashed = emptyTally();
    addCluster(crashed, 'cluster: 12 passed, 0 failed\n', 1);
    expect(lineOf(crashed)).toBe('12 passed, 1 failed');
    const empty = emptyTally();
    addCluster(empty, 'cluster: 0 passed, 0 failed\n', 0);
    expect(lineOf(empty)).toBe('0 passed, 1 failed');
  });

  it('a cluster not run (PostgreSQL off) is a skip, and a failure in CI', () => {
    const tally = emptyTally();
    addCluster(tally, '', 0, 'BATCHYARD_TEST_POSTGRES_URL=off');
    expect(render(tally).lines.at(-2)).toBe('0 passed, 0 failed, 1 skipped');
    expect(lineOf(tally, true)).toBe('0 passed, 1 failed');
  });

  it('a failed build or lint is one failure each', () => {
    const tally = emptyTally();
    addGate(tally, 'build', 0);
    addGate(tally, 'lint', 2);
    expect(lineOf(tally)).toBe('0 passed, 1 failed');
    expect(tally.failures).toEqual(['lint: exited 2']);
  });

  it('.ci/run refuses BATCHYARD_TEST_POSTGRES_URL=off before installing anything', () => {
    const run = spawnSync('bash', [join(root, '.ci/run')], {
      encoding: 'utf8',
      env: { ...process.env, BATCHYARD_TEST_POSTGRES_URL: 'off' },
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stdout.trim().split('\n').at(-1)).toBe('0 passed, 1 failed');
    expect(run.stdout).toMatch(/FAILED BATCHYARD_TEST_POSTGRES_URL=off/);
  });
});
