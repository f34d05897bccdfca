// `npm test`: build, lint, every vitest test on SQLite and PostgreSQL, then the scale-out run on
// PostgreSQL; ends with the count line of scripts/test-count.mjs. Every step runs even when an
// earlier test step failed (only a failed build stops the run: nothing can be tested without it),
// so one red step never hides another, and the exit code is non-zero exactly when the line counts
// a failure. BATCHYARD_STRICT_TESTS=1 (set by .ci/run) also counts every skipped test as failed.
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { addCluster, addGate, addVitest, emptyTally, render } from './test-count.mjs';

const root = new URL('..', import.meta.url).pathname;
const REPORT = join(root, '.vitest-results.json');
const strict = process.env.BATCHYARD_STRICT_TESTS === '1';
const postgresOff = process.env.BATCHYARD_TEST_POSTGRES_URL === 'off';

/** Runs a command with its output shown as it comes, and keeps the last 200 kB of it. */
function run(command, args) {
  return new Promise((resolve) => {
    console.log(`\n> ${[command, ...args].join(' ')}`);
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk, to) => {
      to.write(chunk);
      output = (output + chunk.toString('utf8')).slice(-200_000);
    };
    child.stdout.on('data', (chunk) => keep(chunk, process.stdout));
    child.stderr.on('data', (chunk) => keep(chunk, process.stderr));
    child.on('error', (error) => resolve({ code: 127, output: `${output}\nError: ${error.message}` }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output }));
  });
}

const tally = emptyTally();
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const build = await run(npm, ['run', 'build', '--silent']);
addGate(tally, 'build', build.code);
if (build.code === 0) {
  const lint = await run(npm, ['run', 'lint', '--silent']);
  addGate(tally, 'lint', lint.code);

  rmSync(REPORT, { force: true });
  const vitest = await run(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run']);
  let report = null;
  try {
    report = JSON.parse(readFileSync(REPORT, 'utf8'));
  } catch {
    report = null;
  }
  addVitest(tally, report, vitest.code, vitest.output);

  if (postgresOff) {
    addCluster(tally, '', 0, 'BATCHYARD_TEST_POSTGRES_URL=off (it needs PostgreSQL)');
  } else {
    const cluster = await run(process.execPath, ['--import', 'tsx', join(root, 'test/cluster/run.ts')]);
    addCluster(tally, cluster.output, cluster.code);
  }
}

const { lines, failed } = render(tally, { strict });
console.log(`\n${lines.join('\n')}`);
process.exit(failed === 0 ? 0 : 1);
