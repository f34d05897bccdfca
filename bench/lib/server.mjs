// Starting and stopping the benchmarks' Batchyard server (bench/lib/server-child.mjs) in a child
// process, so the client (SDK, autocannon, paced load) and the server each have a process.
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { sleep } from './common.mjs';

const CHILD = new URL('./server-child.mjs', import.meta.url).pathname;

/** Forks a server on `url` (sqlite:… or postgres://…) with `dataDir`; extra node flags in `execArgv`. */
export async function forkServer(url, dataDir, execArgv = []) {
  const child = fork(CHILD, [url, dataDir], {
    execArgv,
    cwd: process.cwd(),
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { child, base: ready.base, adminToken: ready.token };
}

/** Asks the server to close, and kills it if it has not exited after 10 s. */
export async function stopChild(child) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.send('stop');
  await Promise.race([exited, sleep(10_000)]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

/** The server's process.memoryUsage(). */
export function childMemory(child) {
  return new Promise((resolve) => {
    const onMessage = (m) => {
      if (!m.memory) return;
      child.off('message', onMessage);
      resolve(m.memory);
    };
    child.on('message', onMessage);
    child.send('memory');
  });
}

const CLOCK_TICKS = 100; // sysconf(_SC_CLK_TCK) on Linux
/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat. */
export function procCpuS(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}
