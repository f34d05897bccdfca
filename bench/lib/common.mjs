// Helpers every benchmark script shares: environment knobs, PostgreSQL scratch databases, and a
// keep-alive JSON client for the API calls around what is measured.
import http from 'node:http';
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export const rand = () => randomBytes(4).toString('hex');

/** A positive integer from the environment, or `fallback`. */
export function envInt(name, fallback) {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer (got ${value})`);
  return n;
}

/** One of `options` from the environment; the first is the default. */
/** A comma-separated list from the environment (or `fallback`), each item one of `options`. */
export function envList(name, fallback, options) {
  const values = (process.env[name] || fallback)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const v of values)
    if (!options.includes(v)) throw new Error(`${name}: "${v}" is not one of ${options.join(', ')}`);
  return values;
}

export function envChoice(name, options) {
  const value = process.env[name] || options[0];
  if (!options.includes(value))
    throw new Error(`${name} must be one of ${options.join(', ')} (got ${value})`);
  return value;
}

/** Scratch databases on the PostgreSQL server at `pgBase` (a URL without a database name). */
export function postgresAdmin(pgBase) {
  async function adminQuery(text) {
    const client = new pg.Client({ connectionString: `${pgBase}/postgres` });
    await client.connect();
    try {
      return await client.query(text);
    } finally {
      await client.end();
    }
  }
  return {
    adminQuery,
    async createDatabase(label) {
      const name = `bench_${label.replace(/[^a-z0-9]/g, '_')}_${rand()}`;
      await adminQuery(`create database ${name}`);
      return { name, url: `${pgBase}/${name}` };
    },
    async dropDatabase(name) {
      await adminQuery(`drop database if exists ${name} with (force)`);
    },
    /** Flushes dirty buffers so that one phase's writes do not checkpoint in the middle of the next. */
    async settle() {
      await adminQuery('checkpoint').catch(() => undefined);
      await sleep(200);
    },
  };
}

export const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

/** One JSON request over the keep-alive agent; rejects on 4xx/5xx with the start of the answer. */
export function httpJson(base, method, path, token, body) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers = { authorization: `Bearer ${token}` };
    if (data) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(data.length);
    }
    const req = http.request(`${base}${path}`, { method, agent, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode >= 400)
          reject(new Error(`${method} ${path}: ${res.statusCode} ${text.slice(0, 500)}`));
        else resolve(text ? JSON.parse(text) : null);
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}

const FINISHED = new Set(['succeeded', 'failed', 'aborted']);

/** Long-polls the job until it ends; returns it (throws unless it succeeded). */
export async function waitJob(base, token, job) {
  while (!FINISHED.has(job.status)) job = await httpJson(base, 'GET', `/v1/jobs/${job.id}?wait=30`, token);
  if (job.status !== 'succeeded')
    throw new Error(`job ${job.id} (${job.type}) ${job.status}: ${JSON.stringify(job.error)}`);
  return job;
}

/** The job's own time on the server: created → finished. */
export const serverMs = (job) => Date.parse(job.finishedAt) - Date.parse(job.createdAt);

/**
 * An open-loop load of `clients` clients, each with its own keep-alive connection, each sending a
 * GET every 1000 / `ratePerClient` ms (phases spread evenly over the first interval), cycling
 * through `paths`, until `stop()` resolves or `seconds` pass. A request's latency runs from the
 * time it was due, not the time it went out: a client still waiting on its previous answer sends
 * late, and that wait counts (no coordinated omission).
 *
 * Written here because autocannon's rate mode suits throughput, not percentiles: each connection
 * sends its whole per-second quota back to back at the start of every second, and its
 * coordinated-omission correction assumes an interval of ceil(1 / rate) = 1 ms, so every slow
 * answer adds up to one made-up sample per millisecond of its latency (autocannon 9, lib/run.js).
 */
export async function pacedLoad({ base, paths, token, clients, ratePerClient, seconds, stop }) {
  const interval = 1000 / ratePerClient;
  const latencies = [];
  const slowest = [];
  let errors = 0;
  let ended = false;
  const start = performance.now();
  const deadline = seconds ? start + seconds * 1000 : Infinity;
  const stopped = stop ? stop().then(() => (ended = true)) : new Promise(() => {});
  const one = (clientAgent, path) =>
    new Promise((resolve) => {
      const req = http.request(
        `${base}${path}`,
        { agent: clientAgent, headers: { authorization: `Bearer ${token}` } },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode < 400));
          res.on('error', () => resolve(false));
        },
      );
      req.on('error', () => resolve(false));
      req.end();
    });
  const client = async (c) => {
    const clientAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    let due = start + (interval * c) / clients;
    for (let k = 0; ; k++, due += interval) {
      const wait = due - performance.now();
      if (wait > 0) await Promise.race([sleep(wait), stopped]);
      if (ended || due > deadline) break;
      const path = paths[(c + k) % paths.length];
      const ok = await one(clientAgent, path);
      const ms = performance.now() - due;
      if (ok) latencies.push(ms);
      else errors++;
      // The slowest answers, with when they were due (ms after the start) and what they asked.
      if (slowest.length < 5 || ms > slowest[4].ms) {
        slowest.push({ at: Math.round(due - start), ms: Math.round(ms * 10) / 10, path });
        slowest.sort((a, b) => b.ms - a.ms).splice(5);
      }
    }
    clientAgent.destroy();
  };
  await Promise.all(Array.from({ length: clients }, (_, c) => client(c)));
  const elapsedS = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p) =>
    latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] : null;
  return {
    requests: latencies.length + errors,
    requestsPerS: (latencies.length + errors) / elapsedS,
    errors,
    p50: q(0.5),
    p90: q(0.9),
    p99: q(0.99),
    max: latencies.at(-1) ?? null,
    seconds: elapsedS,
    slowest,
  };
}

/**
 * {@link pacedLoad} in a child process (bench/lib/paced-child.mjs), so the benchmark's own memory
 * and garbage collections cannot delay the clients. Resolves once the clients are about to start,
 * with `result`, the promise of the figures. `stop`, when given, ends the load when it resolves;
 * otherwise it runs for `seconds`.
 */
export async function startPacedLoad({ stop, ...options }) {
  const child = fork(new URL('./paced-child.mjs', import.meta.url).pathname, [JSON.stringify(options)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise((_, reject) =>
    child.once('exit', (code) => code !== 0 && reject(new Error(`paced load exited with ${code}`))),
  );
  const message = (key) =>
    Promise.race([exited, new Promise((resolve) => child.on('message', (m) => m[key] && resolve(m)))]);
  await message('ready');
  if (stop) stop().then(() => child.connected && child.send('stop'));
  return { result: message('result').then((m) => m.result) };
}

/** {@link startPacedLoad} and wait for its figures. */
export async function pacedLoadInChild(options) {
  return (await startPacedLoad(options)).result;
}

const COPY_SPECIAL = /[\\\t\n\r]/;
/** A string as a field of PostgreSQL's COPY text format (backslash, tab and line ends escaped). */
export const copyText = (s) =>
  COPY_SPECIAL.test(s)
    ? s.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c])
    : s;
