// Batchyard in the batches benchmark: a server per store in a child process (bench/lib/server.mjs);
// rows ingested through the SDK, appended, suspended and restored, and deleted under a GET load.
/* global fetch, TextEncoder, ReadableStream */
import { performance } from 'node:perf_hooks';
import { httpJson, pacedLoadInChild, serverMs, sleep, startPacedLoad, waitJob } from '../lib/common.mjs';
import { cpuPerUnitUs, cpuText, cpuWindow, startBenchServer } from '../lib/server.mjs';
import { rowGenerator } from './data.mjs';
import {
  CLIENT,
  COLUMNS,
  CONNECTIONS,
  GET_RATE,
  IDLE_SECONDS,
  INGEST_ONLY,
  SERVER_NODE_ARGS,
  SOURCE,
  TRIES,
  log,
  postgres,
} from './settings.mjs';

const { createDatabase, dropDatabase, settle: settlePostgres } = postgres;
const now = () => performance.now();

export async function sdkClient(base, token) {
  const { Batchyard } = await import('@batchyard/sdk');
  const client = new Batchyard({ baseUrl: base, token, timeoutMs: 600_000, maxRetries: 0 });
  if (!client.batches || typeof client.batches.create !== 'function') return null;
  return client;
}

/** Development stand-in for the SDK: JSON Lines streamed to POST …/batches/upload. */
async function rawUpload(base, token, datasetId, rows, name, total) {
  const iterator = rows[Symbol.asyncIterator] ? rows[Symbol.asyncIterator]() : rows[Symbol.iterator]();
  const encoder = new TextEncoder();
  const body = new ReadableStream({
    async pull(controller) {
      let text = '';
      while (text.length < 1 << 20) {
        const next = await iterator.next();
        if (next.done) {
          if (text) controller.enqueue(encoder.encode(text));
          controller.close();
          return;
        }
        text += `${JSON.stringify(next.value)}\n`;
      }
      controller.enqueue(encoder.encode(text));
    },
  });
  const res = await fetch(
    `${base}/v1/datasets/${datasetId}/batches/upload?name=${encodeURIComponent(name)}&total=${total}`,
    {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
      body,
      duplex: 'half',
    },
  );
  const job = await res.json();
  if (res.status !== 202) throw new Error(`upload: ${res.status} ${JSON.stringify(job).slice(0, 500)}`);
  return job;
}

export async function startServer(backend) {
  const server = await startBenchServer({
    backend,
    label: 'batches',
    pg: { createDatabase, dropDatabase },
    execArgv: SERVER_NODE_ARGS,
    log,
  });
  const project = await httpJson(server.base, 'POST', '/v1/projects', server.token, { name: 'bench' });
  return {
    base: server.base,
    token: server.token,
    pid: server.pid,
    projectId: project.id,
    stop: () => server.stop(),
  };
}

/** Every phase on one store, with `rows` (the same as the peers'). */
export async function batchyard(backend, rows) {
  const N = rows.length;
  const out = { errors: [] };
  const server = await startServer(backend);
  const { base, token } = server;
  const call = (method, path, body) => httpJson(base, method, path, token, body);
  try {
    const dsA = await call('POST', '/v1/datasets', {
      projectId: server.projectId,
      name: 'source',
      columns: COLUMNS,
    });
    const dsB = await call('POST', '/v1/datasets', {
      projectId: server.projectId,
      name: 'target',
      columns: COLUMNS,
    });

    // 1. Ingest
    if (backend === 'postgres') await settlePostgres();
    const client = CLIENT === 'sdk' ? await sdkClient(base, token) : null;
    if (CLIENT === 'sdk' && !client)
      throw new Error('the SDK has no batches.create (BENCH_CLIENT=raw to develop)');
    const source = SOURCE === 'array' ? rows : rowGenerator(rows);
    const cpu = cpuWindow({ serverPid: server.pid, postgres: backend === 'postgres' });
    let t0 = now();
    let job;
    if (client) {
      const handle = await client.batches.create(dsA.id, source, { name: 'ingest', onRowError: 'fail' });
      job = handle.job ?? (await handle.wait());
    } else {
      job = await rawUpload(base, token, dsA.id, source, 'ingest', N);
    }
    let ms = now() - t0;
    const ingestCpu = cpuPerUnitUs(cpu(), N);
    if (job.status !== 'succeeded') throw new Error(`ingest ${job.status}: ${JSON.stringify(job.error)}`);
    const batchA = job.result.batchId;
    if (job.result.rowCount !== N) throw new Error(`ingest wrote ${job.result.rowCount} rows, not ${N}`);
    out.ingest = { ms, rowsPerS: N / (ms / 1000), serverMs: serverMs(job), cpu: ingestCpu };
    log(
      `${backend}: ingest ${Math.round(out.ingest.rowsPerS)} rows/s (${ms.toFixed(0)} ms; CPU a row: ${cpuText(ingestCpu)})`,
    );

    if (INGEST_ONLY) return out;

    // 2. Append A into B
    if (backend === 'postgres') await settlePostgres();
    t0 = now();
    job = await call('POST', `/v1/datasets/${dsB.id}/batches/append`, {
      sourceDatasetId: dsA.id,
      mapping: COLUMNS.map((c) => ({ source: c.name, target: c.name, expectedType: c.type })),
      name: 'appended',
    });
    job = await waitJob(base, token, job);
    ms = now() - t0;
    const batchB = job.result.batchId;
    if (job.result.rowCount !== N) throw new Error(`append wrote ${job.result.rowCount} rows, not ${N}`);
    out.append = { ms, rowsPerS: N / (ms / 1000), serverMs: serverMs(job) };
    log(`${backend}: append ${Math.round(out.append.rowsPerS)} rows/s (${ms.toFixed(0)} ms)`);

    // 3. Suspend / restore A's batch
    out.suspend = [];
    out.restore = [];
    for (let t = 0; t < TRIES; t++) {
      for (const action of ['suspend', 'restore']) {
        t0 = now();
        job = await call('POST', `/v1/datasets/${dsA.id}/batches/${action}`, { ids: [batchA] });
        job = await waitJob(base, token, job);
        out[action].push({ ms: now() - t0, serverMs: serverMs(job) });
      }
    }
    const batch = await call('GET', `/v1/batches/${batchA}`);
    if (batch.state !== 'active') throw new Error(`batch ${batchA} is ${batch.state} after the restores`);
    log(
      `${backend}: suspend ${out.suspend.map((s) => s.ms.toFixed(1)).join(', ')} ms; restore ${out.restore.map((s) => s.ms.toFixed(1)).join(', ')} ms`,
    );

    // 4. Delete A's batch while GETs run
    await sleep(500);
    if (backend === 'postgres') await settlePostgres();
    const paths = [
      `/v1/datasets/${dsB.id}/rows?limit=50`,
      `/v1/datasets/${dsA.id}/rows?limit=50`,
      `/v1/batches/${batchB}`,
    ];
    const gets = (options) =>
      pacedLoadInChild({
        base,
        token,
        clients: CONNECTIONS,
        ratePerClient: GET_RATE / CONNECTIONS,
        ...options,
      });
    // The same GETs with nothing else running, for reference.
    const idle = await gets({ paths, seconds: IDLE_SECONDS });
    out.idleGets = { ...idle };
    // And GET /healthz (no store access) at the same rate: the floor this machine allows.
    const floor = await gets({ paths: ['/healthz'], seconds: IDLE_SECONDS });
    out.healthz = { p50: floor.p50, p99: floor.p99, requests: floor.requests };
    log(
      `${backend}: idle GET p50 ${idle.p50.toFixed(1)} ms, p99 ${idle.p99.toFixed(1)} ms, ${idle.requests} requests; /healthz p50 ${floor.p50.toFixed(1)} ms, p99 ${floor.p99.toFixed(1)} ms`,
    );
    let deleted;
    const load = (
      await startPacedLoad({
        base,
        token,
        clients: CONNECTIONS,
        ratePerClient: GET_RATE / CONNECTIONS,
        paths,
        stop: () => new Promise((resolve) => (deleted = resolve)),
      })
    ).result;
    t0 = now();
    job = await call('DELETE', `/v1/batches/${batchA}`);
    job = await waitJob(base, token, job);
    ms = now() - t0;
    deleted();
    const result = await load;
    if (job.result.rowsDeleted !== N)
      throw new Error(`delete removed ${job.result.rowsDeleted} rows, not ${N}`);
    out.delete = {
      ms,
      serverMs: serverMs(job),
      rowsPerS: N / (ms / 1000),
      p50: result.p50,
      p99: result.p99,
      max: result.max,
      requests: result.requests,
      errors: result.errors,
      windowS: result.seconds,
      slowest: result.slowest,
    };
    log(
      `${backend}: delete ${ms.toFixed(0)} ms; GET p50 ${out.delete.p50?.toFixed(1)} ms, p99 ${out.delete.p99?.toFixed(1)} ms, ${out.delete.requests} requests, ${out.delete.errors} errors`,
    );
  } catch (error) {
    out.errors.push(error.message);
    log(`${backend}: failed: ${error.stack}`);
  } finally {
    await server.stop();
  }
  return out;
}
