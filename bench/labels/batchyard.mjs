// Batchyard in the labels benchmark: a server per store in a child process (bench/lib/server.mjs),
// N tasks with boxes loaded through the bulk create route, then each label export run as a job
// while the server's RSS and CPU are read from /proc.
import { performance } from 'node:perf_hooks';
import { httpJson, serverMs, sleep, startPacedLoad, waitJob } from '../lib/common.mjs';
import { procCpuS, procMemory, resetPeak, startBenchServer } from '../lib/server.mjs';
import { labelTask } from './data.mjs';
import { CHUNK, HEALTHZ_MS, KEEP, SERVER_NODE_ARGS, log, postgres } from './settings.mjs';

const now = () => performance.now();

/**
 * CPU seconds so far of each PostgreSQL backend connected to a database (the server's pool), by
 * pid, from /proc: the database's own work, not that of other users of the PostgreSQL server.
 */
export async function backendCpu(databaseName) {
  const { rows } = await postgres.adminQuery(
    `select pid from pg_stat_activity where datname = '${databaseName}' and pid <> pg_backend_pid()`,
  );
  const cpu = new Map();
  for (const { pid } of rows) {
    try {
      cpu.set(pid, procCpuS(pid));
    } catch {
      // The backend ended while we read it.
    }
  }
  return cpu;
}

/** CPU the backends used between two {@link backendCpu} readings (a new backend's all of it). */
const cpuBetween = (before, after) =>
  [...after].reduce((sum, [pid, s]) => sum + s - (before.get(pid) ?? 0), 0);

export async function startServer(backend) {
  return startBenchServer({
    backend,
    label: 'labels',
    pg: postgres,
    execArgv: SERVER_NODE_ARGS,
    keep: KEEP,
    log,
  });
}

/** A project with one batch, and `n` tasks (data.mjs) created in it, CHUNK a request, two in flight. */
export async function loadTasks(server, n) {
  const call = (method, path, body) => httpJson(server.base, method, path, server.token, body);
  const project = await call('POST', '/v1/projects', { name: 'labels' });
  const dataset = await call('POST', '/v1/datasets', {
    projectId: project.id,
    name: 'frames',
    columns: [{ name: 'v', type: 'numeric' }],
  });
  const batchJob = await call('POST', `/v1/datasets/${dataset.id}/batches`, { name: 'b', rows: [{ v: 1 }] });
  const batchId = (await waitJob(server.base, server.token, batchJob)).result.batchId;
  const cpu0 = procCpuS(server.pid);
  const t0 = now();
  let created = 0;
  let lastLog = t0;
  const inFlight = [];
  const absorb = async () => {
    const res = await inFlight.shift();
    if (res.failed > 0) throw new Error(`create: ${JSON.stringify(res).slice(0, 500)}`);
    created += res.created;
    if (now() - lastLog > 10_000) {
      lastLog = now();
      log(`${server.backend}: ${created.toLocaleString('en-US')} tasks created`);
    }
  };
  for (let start = 0; start < n; start += CHUNK) {
    const tasks = Array.from({ length: Math.min(CHUNK, n - start) }, (_, i) => labelTask(start + i));
    inFlight.push(call('POST', `/v1/batches/${batchId}/tasks`, { tasks }));
    if (inFlight.length >= 2) await absorb();
  }
  while (inFlight.length) await absorb();
  if (created !== n) throw new Error(`create: ${created} of ${n} tasks created`);
  const ms = now() - t0;
  return {
    projectId: project.id,
    batchId,
    ms,
    perS: n / (ms / 1000),
    serverCpuS: procCpuS(server.pid) - cpu0,
  };
}

/**
 * One label export of the project's tasks: request → the job's end, the server's peak RSS (VmHWM
 * reset just before; also sampled every 100 ms from VmRSS where the reset is refused) and CPU, and
 * the latency of the server's /healthz meanwhile (does the export hold the event loop?).
 */
export async function exportLabels(server, projectId, format) {
  const pid = server.pid;
  const before = procMemory(pid);
  const peakReset = resetPeak(pid);
  let sampled = before.rssMb;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      sampled = Math.max(sampled, procMemory(pid).rssMb);
      await sleep(100);
    }
  })();
  // What a request meets while the export runs: GET /healthz every HEALTHZ_MS, paced from a child
  // process (latency from each request's due time), as the batches benchmark does beside a delete.
  let exported = () => {};
  const healthz =
    HEALTHZ_MS > 0
      ? (
          await startPacedLoad({
            base: server.base,
            token: server.token,
            clients: 1,
            ratePerClient: 1000 / HEALTHZ_MS,
            paths: ['/healthz'],
            stop: () => new Promise((resolve) => (exported = resolve)),
          })
        ).result
      : null;
  const cpu0 = procCpuS(pid);
  const pgCpu0 = server.backend === 'postgres' ? await backendCpu(server.databaseName) : null;
  const t0 = now();
  let job = await httpJson(server.base, 'POST', '/v1/tasks/export', server.token, {
    filter: { projectId },
    format,
  });
  job = await waitJob(server.base, server.token, job);
  const jobMs = now() - t0;
  sampling = false;
  exported();
  await sampler;
  const paced = await healthz;
  const after = procMemory(pid);
  const serverCpuS = procCpuS(pid) - cpu0;
  const pgCpuS = pgCpu0 === null ? null : cpuBetween(pgCpu0, await backendCpu(server.databaseName));
  const artifact = job.artifacts?.find((a) => a.name === job.result.artifact);
  return {
    jobMs,
    serverMs: serverMs(job),
    queuedMs: Date.parse(job.startedAt) - Date.parse(job.createdAt),
    result: job.result,
    bytes: artifact?.size ?? null,
    rssBeforeMb: before.rssMb,
    peakRssMb: peakReset ? Math.max(after.hwmMb, sampled) : sampled,
    peakReset,
    serverCpuS,
    pgCpuS,
    healthz: {
      n: paced?.requests ?? 0,
      p50: paced?.p50 ?? NaN,
      p99: paced?.p99 ?? NaN,
      max: paced?.max ?? NaN,
    },
    warnings: job.warnings ?? [],
  };
}
