// The one place that turns what the test steps did into the count line. `npm test` (scripts/test.mjs)
// feeds it each step's exit code and output; .ci/run reads the line it prints. A step that failed
// without a counted failure still counts as one, named, so the line can never say "0 failed" over a
// red run (test/ci-count.test.ts feeds it every shape of failure we know).

/** @typedef {{ passed: number, failed: number, skipped: number, failures: string[], skips: string[] }} Tally */

/** @returns {Tally} */
export function emptyTally() {
  return { passed: 0, failed: 0, skipped: 0, failures: [], skips: [] };
}

/** A step (build, lint, install) that has no tests of its own: its failure is one failure. */
export function addGate(tally, name, exitCode) {
  if (exitCode !== 0) fail(tally, `${name}: exited ${exitCode}`);
}

/**
 * Vitest: counts from its JSON report (null when it wrote none), checked against its exit code.
 * `output` is what vitest printed, searched for the first unhandled error to name it.
 */
export function addVitest(tally, report, exitCode, output = '') {
  if (report === null) {
    fail(
      tally,
      `vitest: wrote no report and exited ${exitCode} (global setup failed or vitest crashed)${cause(output)}`,
    );
    return;
  }
  const before = tally.failed;
  const skipsBefore = tally.skips.length;
  tally.passed += report.numPassedTests;
  for (const file of report.testResults ?? []) {
    for (const test of file.assertionResults ?? []) {
      const name = `${relative(file.name)} > ${test.fullName ?? test.title}`;
      if (test.status === 'failed') fail(tally, `vitest: ${name}`);
      else if (test.status === 'pending' || test.status === 'skipped' || test.status === 'todo')
        skip(tally, name);
    }
    // A file that failed to load (or whose hooks threw) may report no failed test at all.
    if (file.status === 'failed' && !(file.assertionResults ?? []).some((t) => t.status === 'failed'))
      fail(
        tally,
        `vitest: ${relative(file.name)} failed outside its tests: ${
          file.message ? firstLine(file.message) : suiteFailure(output, relative(file.name))
        }`,
      );
  }
  // The report's totals are the truth when its per-test list is shorter (never lower the count).
  const listedFailed = tally.failed - before;
  for (let i = listedFailed; i < report.numFailedTests; i++)
    fail(tally, 'vitest: a failed test not listed in the report');
  const listedSkipped = tally.skips.length - skipsBefore;
  const reportSkipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  for (let i = listedSkipped; i < reportSkipped; i++) skip(tally, 'a skipped test not listed in the report');
  if (exitCode !== 0 && tally.failed === before)
    fail(tally, `vitest: exited ${exitCode} with no failed test counted${cause(output)}`);
  if (exitCode === 0 && report.success === false && tally.failed === before)
    fail(tally, 'vitest: the report says the run did not succeed');
}

/**
 * The scale-out run: its checks from its last "cluster: N passed, N failed" line. When it was
 * expected to run, a missing line is a failure, whatever the exit code. `notRun` names why it was
 * not run at all (then it is one skip).
 */
export function addCluster(tally, output, exitCode, notRun = null) {
  if (notRun !== null) {
    skip(tally, `cluster: not run: ${notRun}`);
    return;
  }
  const lines = [...output.matchAll(/^cluster: (\d+) passed, (\d+) failed$/gm)];
  const last = lines.at(-1);
  if (!last) {
    fail(tally, `cluster: ended without its count line (exit ${exitCode})${cause(output)}`);
    return;
  }
  const passed = Number(last[1]);
  const failed = Number(last[2]);
  tally.passed += passed;
  for (const m of output.matchAll(/^ {2}✗ (.+)$/gm)) fail(tally, `cluster: ${m[1]}`);
  const named = tally.failures.filter((f) => f.startsWith('cluster: ')).length;
  for (let i = named; i < failed; i++) fail(tally, 'cluster: a failed check');
  if (passed + failed === 0) fail(tally, 'cluster: counted no check at all');
  else if (exitCode !== 0 && failed === 0)
    fail(tally, `cluster: exited ${exitCode} after a clean count line`);
}

/**
 * The lines to print. `strict` (CI) also counts every skip as a failure: nothing may be skipped
 * there. The last line keeps the "N passed, N failed" shape CI reads; the one before adds skips.
 */
export function render(tally, { strict = false } = {}) {
  const failed = tally.failed + (strict ? tally.skipped : 0);
  const lines = [];
  for (const f of tally.failures) lines.push(`FAILED ${f}`);
  for (const s of tally.skips) lines.push(strict ? `FAILED (skipped in CI) ${s}` : `SKIPPED ${s}`);
  lines.push(`${tally.passed} passed, ${failed} failed, ${tally.skipped} skipped`);
  lines.push(`${tally.passed} passed, ${failed} failed`);
  return { lines, failed };
}

function fail(tally, name) {
  tally.failed++;
  tally.failures.push(name);
}

function skip(tally, name) {
  tally.skipped++;
  tally.skips.push(name);
}

function relative(path) {
  const root = new URL('..', import.meta.url).pathname;
  return typeof path === 'string' && path.startsWith(root) ? path.slice(root.length) : String(path);
}

function firstLine(text) {
  return (
    String(text ?? '')
      .split('\n')
      .find((l) => l.trim() !== '') ?? '(no message)'
  );
}

/**
 * A suite's own failure (a describe's beforeAll/afterAll threw): vitest's JSON report leaves the
 * file's message empty and keeps the error on the suite, so it is read from the "FAIL  file > suite"
 * heading vitest prints over it.
 */
function suiteFailure(output, file) {
  const text = stripColours(output);
  // vitest names the file relative to its root, which may differ from ours: match the path's tail.
  for (const m of text.matchAll(/^\s*FAIL\s+(\S+)(?: > ([^\n]*))?\n\s*([^\n]*)/gm)) {
    if (file !== m[1] && !file.endsWith(`/${m[1]}`)) continue;
    return `${m[2] ? `${m[2].trim()}: ` : ''}${m[3].trim().slice(0, 200)}`;
  }
  return '(no message)';
}

function stripColours(output) {
  // eslint-disable-next-line no-control-regex -- colour codes are exactly what is stripped
  return String(output).replace(/\u001b\[[0-9;]*m/g, '');
}

/** The first error line after an "Unhandled …" or "Error:" heading in a step's output, if any. */
function cause(output) {
  const text = stripColours(output);
  const unhandled = text.match(
    /Unhandled (?:Rejection|Error)[^\n]*\n(?:[^\n]*\n){0,3}?\s*([A-Za-z]*Error:[^\n]*)/,
  );
  if (unhandled) return `: ${unhandled[1].trim().slice(0, 200)}`;
  const error = text.match(/^\s*([A-Za-z]*Error:[^\n]*)/m);
  return error ? `: ${error[1].trim().slice(0, 200)}` : '';
}
