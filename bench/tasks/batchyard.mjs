// Batchyard in the tasks benchmark: a server per store in a child process (bench/lib/server.mjs),
// tasks created through the SDK, exported as JSONL and CSV, and filtered lists under load.
import { fork } from 'node:child_process';
import http from 'node:http';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { agent, httpJson, pacedLoadInChild, serverMs, sleep, waitJob } from '../lib/common.mjs';
import {
  childMemory,
  cpuPerUnitUs,
  cpuText,
  cpuWindow,
  procCpuS,
  procMemory,
  resetPeak,
  startBenchServer,
} from '../lib/server.mjs';
import {
  CHUNK,
  CLAIM_MEMBERS,
  CLAIM_SECONDS,
  CLAIM_THINK_MS,
  CLIENT,
  CLIENT_RATE,
  CONNECTIONS,
  FORMATS,
  KEEP,
  LISTS,
  LIST_SECONDS,
  PHASES,
  SERVER_NODE_ARGS,
  TASK_SCHEMA,
  WARMUP_SECONDS,
  log,
  postgres,
} from './settings.mjs';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon');
const { createDatabase, dropDatabase, settle: settlePostgres } = postgres;
const now = () => performance.now();
const mb = (bytes) => bytes / 2 ** 20;

/** Downloads a path and counts its bytes and its lines (LF bytes). */
function httpCount(base, path, token) {
  return new Promise((resolve, reject) => {
    const req = http.get(
      `${base}${path}`,
      { agent, headers: { authorization: `Bearer ${token}` } },
      (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          reject(new Error(`GET ${path}: ${res.statusCode}`));
          return;
        }
        let bytes = 0;
        let lines = 0;
        res.on('data', (c) => {
          bytes += c.length;
          for (let i = c.indexOf(10); i !== -1; i = c.indexOf(10, i + 1)) lines++;
        });
        res.on('end', () => resolve({ bytes, lines }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
  });
}

export async function sdkClient(base, token) {
  const { Batchyard } = await import('@batchyard/sdk');
  const client = new Batchyard({ baseUrl: base, token, timeoutMs: 600_000, maxRetries: 0 });
  if (!client.tasks || typeof client.tasks.create !== 'function') return null;
  return client;
}

/** Development stand-in for the SDK: chunks posted to POST /v1/batches/{id}/tasks, two in flight. */
async function rawCreate(base, token, batchId, tasks) {
  const counts = { created: 0, skipped: 0, failed: 0 };
  const inFlight = [];
  const absorb = (r) => {
    counts.created += r.created;
    counts.skipped += r.skipped;
    counts.failed += r.failed;
  };
  for (let i = 0; i < tasks.length; i += CHUNK) {
    inFlight.push(
      httpJson(base, 'POST', `/v1/batches/${batchId}/tasks`, token, { tasks: tasks.slice(i, i + CHUNK) }),
    );
    if (inFlight.length >= 2) absorb(await inFlight.shift());
  }
  while (inFlight.length) absorb(await inFlight.shift());
  return counts;
}

export function startServer(backend) {
  return startBenchServer({
    backend,
    label: 'tasks',
    pg: { createDatabase, dropDatabase },
    execArgv: SERVER_NODE_ARGS,
    keep: KEEP,
    log,
  });
}

/**
 * The claim-next load (claim-child.mjs) in a child process: `tokens.length` members claiming from
 * the project's queue, each working `thinkMs` on a task before submitting it, for CLAIM_SECONDS.
 */
function claimLoadInChild(options) {
  const child = fork(new URL('./claim-child.mjs', import.meta.url).pathname, [JSON.stringify(options)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve(m.result));
    child.once('exit', (code) => code !== 0 && reject(new Error(`claim load exited with ${code}`)));
  });
}

/** `count` annotators of the server's workspace, and a key acting for each (their tokens). */
async function annotators(call, count) {
  const tokens = [];
  for (let m = 0; m < count; m++) {
    const name = `annotator-${m}`;
    const member = await call('POST', '/v1/members', {
      name,
      email: `${name}@example.org`,
      role: 'annotator',
    });
    tokens.push((await call('POST', '/v1/keys', { name, memberId: member.id })).token);
  }
  return tokens;
}

/**
 * Every phase on one store, with `tasks` (the same as the peers'); `peer.listQuery(server,
 * projectId, spec)` times the page's own SQL on the server's database after each list load, and
 * `peer.claimQuery(server, batchId)` the claim's core statement after the claim loads.
 */
export async function batchyard(backend, tasks, peer) {
  const N = tasks.length;
  const out = { errors: [] };
  const server = await startServer(backend);
  const { token } = server;
  const call = (method, path, body) => httpJson(server.base, method, path, token, body);
  try {
    const project = await call('POST', '/v1/projects', { name: 'bench', taskSchema: TASK_SCHEMA });
    const ds = await call('POST', '/v1/datasets', {
      projectId: project.id,
      name: 'base',
      columns: [{ name: 'v', type: 'numeric' }],
    });
    let job = await call('POST', `/v1/datasets/${ds.id}/batches`, { name: 'tasks', rows: [{ v: 1 }] });
    job = await waitJob(server.base, token, job);
    const batchId = job.result.batchId;
    out.ids = { projectId: project.id, batchId };

    // 1. Create
    if (PHASES.includes('create')) {
      if (backend === 'postgres') await settlePostgres();
      const client = CLIENT === 'sdk' ? await sdkClient(server.base, token) : null;
      if (CLIENT === 'sdk' && !client)
        throw new Error('the SDK has no tasks.create (BENCH_CLIENT=raw to develop)');
      let lastLog = now();
      const cpu = cpuWindow({ serverPid: server.pid, postgres: backend === 'postgres' });
      const t0 = now();
      const result = client
        ? await client.tasks.create(batchId, tasks, {
            chunkSize: CHUNK,
            onProgress: (p) => {
              if (now() - lastLog < 5000) return;
              lastLog = now();
              log(
                `${backend}: ${p.sent.toLocaleString('en-US')} sent, ${p.created.toLocaleString('en-US')} created`,
              );
            },
          })
        : await rawCreate(server.base, token, batchId, tasks);
      const ms = now() - t0;
      const cpuUsed = cpu();
      const cpuPerTask = cpuPerUnitUs(cpuUsed, N);
      if (result.created !== N)
        throw new Error(
          `create: ${result.created} created, ${result.skipped} skipped, ${result.failed} failed`,
        );
      out.create = {
        ms,
        perS: N / (ms / 1000),
        serverCpuS: cpuUsed.serverS,
        clientCpuS: cpuUsed.clientS,
        serverPeakRssMb: procMemory(server.pid).hwmMb,
        cpuPerTask,
      };
      log(
        `${backend}: create ${Math.round(out.create.perS)} tasks/s (${ms.toFixed(0)} ms; server CPU ${out.create.serverCpuS.toFixed(1)} s, client CPU ${out.create.clientCpuS.toFixed(1)} s; CPU a task: ${cpuText(cpuPerTask)})`,
      );
    }

    // 2. Export
    if (PHASES.includes('export')) {
      await server.restart();
      await sleep(500);
      out.export = {};
      for (const format of FORMATS) {
        if (backend === 'postgres') await settlePostgres();
        const before = procMemory(server.pid);
        const peakReset = resetPeak(server.pid);
        const cpu = cpuWindow({ serverPid: server.pid, postgres: backend === 'postgres' });
        const t0 = now();
        job = await call('POST', '/v1/tasks/export', {
          filter: { projectId: project.id, batchIds: [batchId] },
          format,
        });
        job = await waitJob(server.base, token, job);
        const jobMs = now() - t0;
        const cpuPerTask = cpuPerUnitUs(cpu(), N);
        const peak = procMemory(server.pid);
        const heap = await childMemory(server.child);
        const download = await httpCount(server.base, `/v1/jobs/${job.id}/artifacts/tasks.${format}`, token);
        const allMs = now() - t0;
        const expected = format === 'csv' ? N + 1 : N;
        if (job.result.count !== N || download.lines !== expected)
          throw new Error(
            `export ${format}: count ${job.result.count}, ${download.lines} lines (want ${expected})`,
          );
        out.export[format] = {
          jobMs,
          allMs,
          serverMs: serverMs(job),
          queuedMs: Date.parse(job.startedAt) - Date.parse(job.createdAt),
          perS: N / (jobMs / 1000),
          withDownloadPerS: N / (allMs / 1000),
          bytes: download.bytes,
          rssBeforeMb: before.rssMb,
          peakRssMb: peak.hwmMb,
          peakReset,
          heapUsedAfterMb: mb(heap.heapUsed),
          cpuPerTask,
        };
        log(
          `${backend}: export ${format} ${Math.round(out.export[format].perS)} tasks/s to the job's end, ${Math.round(out.export[format].withDownloadPerS)} with the download (${(download.bytes / 2 ** 20).toFixed(0)} MB); job ${out.export[format].queuedMs} ms queued, ${out.export[format].serverMs} ms in all; server RSS ${before.rssMb.toFixed(0)} → peak ${peak.hwmMb.toFixed(0)} MB; CPU a task to the job's end: ${cpuText(cpuPerTask)}`,
        );
      }
    }

    // 3. Lists under load
    if (PHASES.includes('list')) {
      out.list = [];
      if (backend === 'postgres') await settlePostgres();
      for (const spec of LISTS) {
        const path = `/v1/tasks?projectId=${project.id}&${spec.query}`;
        const page = await call('GET', path);
        if (page.data.length !== 50) throw new Error(`list ${spec.query}: ${page.data.length} tasks`);
        const cannon = (duration) =>
          autocannon({
            url: `${server.base}${path}`,
            connections: CONNECTIONS,
            duration,
            headers: { authorization: `Bearer ${token}` },
          });
        await cannon(WARMUP_SECONDS);
        const r = await cannon(LIST_SECONDS);
        // Paced: the same 32 clients, each sending CLIENT_RATE requests a second (a user or script
        // that reads a page, then works on it), so the latency is the server's, not the queue's.
        const paced = await pacedLoadInChild({
          base: server.base,
          paths: [path],
          token,
          clients: CONNECTIONS,
          ratePerClient: CLIENT_RATE,
          seconds: LIST_SECONDS,
        });
        const entry = {
          label: spec.label,
          path: path.replace(project.id, '{projectId}'),
          requestsPerS: r.requests.average,
          requests: r.requests.total,
          p50: r.latency.p50,
          p90: r.latency.p90,
          p99: r.latency.p99,
          max: r.latency.max,
          errors: r.errors + r.timeouts + r.non2xx,
          windowS: r.duration,
          paced: {
            offeredPerS: CONNECTIONS * CLIENT_RATE,
            requestsPerS: paced.requestsPerS,
            p50: paced.p50,
            p90: paced.p90,
            p99: paced.p99,
            max: paced.max,
            errors: paced.errors,
          },
        };
        entry.peer = await peer.listQuery(server, project.id, spec);
        out.list.push(entry);
        log(
          `${backend}: list [${spec.label}] ${Math.round(entry.requestsPerS)} req/s, p50 ${entry.p50} ms, p99 ${entry.p99} ms, ${entry.errors} errors; paced ${entry.paced.offeredPerS} req/s: p50 ${entry.paced.p50?.toFixed(1)} ms, p99 ${entry.paced.p99?.toFixed(1)} ms, ${entry.paced.errors} errors; direct query p50 ${entry.peer.p50.toFixed(2)} ms, p99 ${entry.peer.p99.toFixed(2)} ms`,
        );
      }
    }

    // 4. Claim-next: members take tasks from the project's queue (all N pending at the start).
    if (PHASES.includes('claim')) {
      if (backend === 'postgres') await settlePostgres();
      const tokens = await annotators(call, CLAIM_MEMBERS);
      out.claim = { members: CLAIM_MEMBERS, seconds: CLAIM_SECONDS };
      // Warm-up, as for the lists: the first claims compile the routes' code paths.
      await claimLoadInChild({
        base: server.base,
        projectId: project.id,
        tokens,
        thinkMs: 0,
        seconds: WARMUP_SECONDS,
      });
      for (const [mode, thinkMs] of [
        ['paced', CLAIM_THINK_MS],
        ['saturated', 0],
      ]) {
        const cpu0 = procCpuS(server.pid);
        const r = await claimLoadInChild({
          base: server.base,
          projectId: project.id,
          tokens,
          thinkMs,
          seconds: CLAIM_SECONDS,
        });
        // The server's own CPU per claimed task (its claim and its submit).
        const serverCpuMsPerTask = ((procCpuS(server.pid) - cpu0) * 1000) / Math.max(1, r.claim.queries);
        out.claim[mode] = { thinkMs, serverCpuMsPerTask, ...r };
        if (r.duplicates || r.errors)
          out.errors.push(
            `claim ${mode}: ${r.duplicates} tasks handed out twice, ${r.errors} errors: ${r.firstErrors.join('; ')}`,
          );
        log(
          `${backend}: claim ${mode} (${CLAIM_MEMBERS} members, ${thinkMs} ms on each task): ${Math.round(r.claimsPerS)} claims/s, claim p50 ${r.claim.p50?.toFixed(1)} ms, p99 ${r.claim.p99?.toFixed(1)} ms; submit p50 ${r.submit.p50?.toFixed(1)} ms, p99 ${r.submit.p99?.toFixed(1)} ms; server CPU ${out.claim[mode].serverCpuMsPerTask.toFixed(2)} ms a task; ${r.distinctTasks} distinct tasks, ${r.duplicates} twice, ${r.errors} errors`,
        );
      }
      out.claim.peer = await peer.claimQuery(server, batchId);
      log(
        `${backend}: claim peer (the core statement, 1 client): p50 ${out.claim.peer.p50.toFixed(2)} ms, p99 ${out.claim.peer.p99.toFixed(2)} ms`,
      );
    }
  } catch (error) {
    out.errors.push(error.message);
    log(`${backend}: failed: ${error.stack}`);
  } finally {
    await server.stop();
  }
  return out;
}
