import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
/** The built binary: the tests run what users run. */
export const BIN = join(PACKAGE_DIR, 'dist', 'bin.js');

/** Fails early, and clearly, when the binary is missing or older than its sources. */
export function assertBuilt(): void {
  const stale = staleOutputs(join(PACKAGE_DIR, 'src'), join(PACKAGE_DIR, 'dist'));
  if (stale.length > 0) {
    throw new Error(
      `packages/cli/dist is missing or older than its sources (${stale.slice(0, 3).join(', ')}): ` +
        'build it with `npx tsc -b packages/cli`',
    );
  }
}

/** Sources whose compiled file is missing or older. */
function staleOutputs(srcDir: string, distDir: string): string[] {
  const stale: string[] = [];
  for (const entry of readdirSync(srcDir, { withFileTypes: true })) {
    const source = join(srcDir, entry.name);
    if (entry.isDirectory()) {
      stale.push(...staleOutputs(source, join(distDir, entry.name)));
    } else if (entry.name.endsWith('.ts')) {
      const output = join(distDir, entry.name.replace(/\.ts$/, '.js'));
      if (!existsSync(output) || statSync(output).mtimeMs + 1000 < statSync(source).mtimeMs)
        stale.push(source);
    }
  }
  return stale;
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The environment without any BATCHYARD_* variable of the test run, plus `extra`. */
export function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('BATCHYARD_') && !name.startsWith('XDG_')) env[name] = value;
  }
  env.NO_COLOR = '1';
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

/**
 * Runs `batchyard …` as a child process (asynchronously: the server under test runs in this
 * process) and collects its output.
 */
export function runCli(
  args: readonly string[],
  options: { env?: Record<string, string | undefined>; input?: string } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: cleanEnv(options.env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** A runner bound to one configuration directory (and more environment). */
export function cliWith(env: Record<string, string | undefined>) {
  return (args: readonly string[], more: { env?: Record<string, string | undefined>; input?: string } = {}) =>
    runCli(args, { ...more, env: { ...env, ...more.env } });
}

/** stdout parsed as JSON, with the whole result in the message when it is not. */
export function json<T = Record<string, unknown>>(result: CliResult): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(`stdout is not JSON (exit ${result.code}):\n${result.stdout}\nstderr:\n${result.stderr}`);
  }
}
