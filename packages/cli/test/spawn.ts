import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { BIN, cleanEnv } from './helpers.js';

// Real `batchyard serve` processes for the tests that need one (the binary as users run it).

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export interface Served {
  child: ChildProcess;
  /** Everything printed up to the login hint. */
  banner: string;
  url: string;
  stderr: () => string;
  exit: Promise<number | null>;
}

/**
 * Starts `batchyard <command>` and resolves once `ready` (run on all it printed so far) returns a
 * URL, or the empty string, meaning ready; rejects if it exits first or says nothing for `ms`.
 */
function startCli(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: (stdout: string) => string | undefined,
  ms: number,
): Promise<Served> {
  const child = spawn(process.execPath, [BIN, command, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} was not ready within ${ms / 1000} s:\n${stdout}\n${stderr}`));
    }, ms);
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const url = ready(stdout);
      if (url !== undefined) {
        clearTimeout(timer);
        resolve({ child, banner: stdout, url, stderr: () => stderr, exit });
      }
    });
    void exit.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited with ${code} before it was ready:\n${stdout}\n${stderr}`));
    });
  });
}

/** Starts `batchyard serve` and waits for its banner (it ends with the login hint). */
export function serve(args: string[], env: NodeJS.ProcessEnv = cleanEnv()): Promise<Served> {
  return startCli(
    'serve',
    args,
    env,
    (stdout) => {
      const url = /^Batchyard is running at (\S+)$/m.exec(stdout)?.[1];
      return url && /^ {2}batchyard login --url .+$/m.test(stdout) ? url : undefined;
    },
    20_000,
  );
}

/** Starts `batchyard worker` and waits until it says it is running. */
export function startWorker(args: string[], env: NodeJS.ProcessEnv = cleanEnv()): Promise<Served> {
  return startCli(
    'worker',
    args,
    env,
    (stdout) => (/^Batchyard worker is running$/m.test(stdout) ? '' : undefined),
    30_000,
  );
}
