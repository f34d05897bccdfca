import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The five real seed clients (../shared/seed-clients/): a Python environment built once by their
 * own setup.sh, or the python named by BATCHYARD_SEED_CLIENTS_PYTHON. Global setup prepares it;
 * the compat suites drive the clients through it.
 */
const root = new URL('../..', import.meta.url).pathname;
export const SEED_CLIENTS_DIR = resolve(root, '../shared/seed-clients');
const VENV = join(root, '.seed-clients-venv');
const IMPORTS = 'import albert, almapiwrapper, mammoth_analytics, tensorbay, isahitlab';

function imports(python: string): boolean {
  return spawnSync(python, ['-c', IMPORTS], { stdio: 'ignore', timeout: 60_000 }).status === 0;
}

/** The python holding the five clients, or why there is none. Builds the venv when it must (about 20 s). */
export function prepareSeedClients(): { python: string } | { problem: string } {
  const given = process.env.BATCHYARD_SEED_CLIENTS_PYTHON;
  if (given) {
    return imports(given)
      ? { python: given }
      : { problem: `BATCHYARD_SEED_CLIENTS_PYTHON=${given} cannot import the five seed clients` };
  }
  const python = join(VENV, 'bin', 'python');
  if (existsSync(python) && imports(python)) return { python };
  const setup = join(SEED_CLIENTS_DIR, 'setup.sh');
  if (!existsSync(setup))
    return { problem: `${setup} does not exist (../shared is not beside the repository)` };
  const built = spawnSync('bash', [setup, VENV], { encoding: 'utf8', timeout: 600_000 });
  if (built.status !== 0 || !imports(python)) {
    const said = `${built.stdout ?? ''}${built.stderr ?? ''}`.trim().split('\n').slice(-5).join(' | ');
    return { problem: `${setup} failed (exit ${String(built.status)}): ${said}` };
  }
  return { python };
}

export interface PythonRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The last stdout line parsed as JSON (what the scripts print as their result), or undefined. */
  result: unknown;
}

/**
 * Runs one of the Python scripts beside the compat tests with the seed clients' python. The
 * scripts take their server URL and credentials from the environment and print one JSON line.
 */
export function runPython(
  python: string,
  script: string,
  env: Record<string, string>,
  timeoutMs = 180_000,
): Promise<PythonRun> {
  return new Promise((done) => {
    const child = spawn(python, [script], {
      env: { ...process.env, PYTHONUNBUFFERED: '1', PYTHONDONTWRITEBYTECODE: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      const last = stdout.trim().split('\n').pop() ?? '';
      let result: unknown;
      try {
        result = JSON.parse(last);
      } catch {
        result = undefined;
      }
      done({ code, stdout, stderr, result });
    });
  });
}
