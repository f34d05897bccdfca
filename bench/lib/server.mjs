// Starting and stopping the benchmarks' Batchyard server (bench/lib/server-child.mjs) in a child
// process, so the client (SDK, autocannon, paced load) and the server each have a process.
import { fork } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
 * CPU seconds used so far by every process of this machine named `comm` (`postgres`,
 * `redis-server`), those that have exited included: the eldest's children's time (cutime, cstime)
 * counts each child it has reaped, so a PostgreSQL backend or autovacuum worker ending within a
 * window does not take its CPU out of the sum.
 */
export function commCpuS(comm) {
  const stats = new Map();
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== comm) continue;
      stats.set(pid, readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '));
    } catch {
      // exited meanwhile
    }
  }
  let ticks = 0;
  for (const fields of stats.values()) {
    ticks += Number(fields[11]) + Number(fields[12]);
    // The postmaster (or a lone server): its parent is not one of them.
    if (!stats.has(fields[1])) ticks += Number(fields[13]) + Number(fields[14]);
  }
  return ticks / CLOCK_TICKS;
}

/** CPU seconds used so far by PostgreSQL's processes on this machine (see commCpuS). */
export const postgresCpuS = () => commCpuS('postgres');

/**
 * Starts a CPU window over this process (the benchmark's client), an optional server process and
 * PostgreSQL's or Redis's processes; the function it returns gives each one's CPU seconds since.
 * Every process of the run shares the machine's cores, so a figure per unit of work (µs a row, a
 * task, a job) tells which process a target's time goes to.
 */
export function cpuWindow({ serverPid = null, postgres = false, redis = false } = {}) {
  const client0 = process.cpuUsage();
  const server0 = serverPid ? procCpuS(serverPid) : 0;
  const postgres0 = postgres ? postgresCpuS() : 0;
  const redis0 = redis ? commCpuS('redis-server') : 0;
  return () => {
    const client = process.cpuUsage(client0);
    return {
      clientS: (client.user + client.system) / 1e6,
      serverS: serverPid ? procCpuS(serverPid) - server0 : null,
      postgresS: postgres ? postgresCpuS() - postgres0 : null,
      redisS: redis ? commCpuS('redis-server') - redis0 : null,
    };
  };
}

/** A per-unit reading as text: `client 1.7 µs, server 4.0 µs, PostgreSQL 2.6 µs`. */
export function cpuText(perUnit) {
  const parts = [
    ['client', perUnit.client],
    ['server', perUnit.server],
    ['PostgreSQL', perUnit.postgres],
    ['Redis', perUnit.redis],
  ];
  return parts
    .filter(([, us]) => us !== null && us !== undefined)
    .map(([name, us]) => `${name} ${us.toFixed(us < 10 ? 2 : 1)} µs`)
    .join(', ');
}

/** The sum of a per-unit reading over its processes. */
export const cpuTotal = (perUnit) =>
  [perUnit.client, perUnit.server, perUnit.postgres, perUnit.redis].reduce((sum, us) => sum + (us ?? 0), 0);

/** µs a unit of work for each process of a cpuWindow's reading (null where not measured). */
export function cpuPerUnitUs(reading, units) {
  const per = (s) => (s === null || s === undefined ? null : (s * 1e6) / units);
  return {
    client: per(reading.clientS),
    server: per(reading.serverS),
    postgres: per(reading.postgresS),
    redis: per(reading.redisS),
  };
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
