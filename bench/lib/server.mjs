// Starting and stopping the benchmarks' Batchyard server (bench/lib/server-child.mjs) in a child
// process, so the client (SDK, autocannon, paced load) and the server each have a process.
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { httpJson, sleep } from './common.mjs';

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

/** The server's process.memoryUsage() (`live`: after a full GC, when it runs with --expose-gc). */
export function childMemory(child, live = false) {
  return new Promise((resolve) => {
    const onMessage = (m) => {
      if (!m.memory) return;
      child.off('message', onMessage);
      resolve(m.memory);
    };
    child.on('message', onMessage);
    child.send(live ? 'live-memory' : 'memory');
  });
}

export const CLOCK_TICKS = 100; // sysconf(_SC_CLK_TCK) on Linux
/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat. */
export function procCpuS(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/**
 * A benchmark's server on a fresh store: a temp data directory with a SQLite file, or a scratch
 * PostgreSQL database made with `pg` (postgresAdmin of bench/lib/common.mjs); a workspace with an
 * admin key (`token`). `restart()` starts a new process on the same data; `stop()` removes the data
 * unless `keep`.
 */
export async function startBenchServer({ backend, label, pg, execArgv = [], keep = false, log = () => {} }) {
  const dataDir = mkdtempSync(join(os.tmpdir(), `bench-${label}-${backend}-`));
  let db = null;
  let url = `sqlite:${join(dataDir, 'batchyard.db')}`;
  if (backend === 'postgres') {
    db = await pg.createDatabase(label);
    url = db.url;
  }
  let { child, base, adminToken } = await forkServer(url, dataDir, execArgv);
  const ws = await httpJson(base, 'POST', '/v1/workspaces', adminToken, { name: 'bench' });
  const key = await httpJson(base, 'POST', '/v1/keys', adminToken, {
    name: 'bench',
    role: 'admin',
    workspaceId: ws.id,
  });
  return {
    backend,
    url,
    dataDir,
    databaseName: db?.name ?? null,
    token: key.token,
    get base() {
      return base;
    },
    get pid() {
      return child.pid;
    },
    get child() {
      return child;
    },
    /** Stops the server process and starts a new one on the same data. */
    async restart() {
      await stopChild(child);
      ({ child, base } = await forkServer(url, dataDir, execArgv));
    },
    async stop() {
      await stopChild(child);
      if (keep) return log(`kept ${url}`);
      if (db) await pg.dropDatabase(db.name).catch((err) => log('drop', err.message));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** /proc/<pid>/status fields in MB (VmRSS, VmHWM). */
export function procMemory(pid) {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
}

/** Resets the peak RSS (VmHWM) of a process to its current RSS; false where the kernel refuses. */
export function resetPeak(pid) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}
