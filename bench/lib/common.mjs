// Helpers every benchmark script shares: environment knobs, PostgreSQL scratch databases, and a
// keep-alive JSON client for the API calls around what is measured.
import http from 'node:http';
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export const rand = () => randomBytes(4).toString('hex');

/** An integer of at least `min` (1 unless told) from the environment, or `fallback`. */
export function envInt(name, fallback, min = 1) {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer ≥ ${min} (got ${value})`);
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
 * request every 1000 / `ratePerClient` ms (phases spread evenly over the first interval), until
 * `stop()` resolves or `seconds` pass. A request's latency runs from the time it was due, not the
 * time it went out: a client still waiting on its previous answer sends late, and that wait counts
 * (no coordinated omission).
 *
 * The requests: GETs of `paths`, cycled through; or a `mix`, `{module, args}`: the module's
 * `pacedMix(args)` gives `{names, size, request(step, context), answered(step, status, body,
 * context)}`, and each client walks steps 0, 1, … size-1 over and over with a context of its own
 * (bench/load/paced-mix.mjs replays the load benchmark's mix). With a mix, the figures include each
 * step's.
 *
 * Written here because autocannon's rate mode suits throughput, not percentiles: each connection
 * sends its whole per-second quota back to back at the start of every second, and its
 * coordinated-omission correction assumes an interval of ceil(1 / rate) = 1 ms, so every slow
 * answer adds up to one made-up sample per millisecond of its latency (autocannon 9, lib/run.js).
 */
export async function pacedLoad({ base, paths, mix, token, clients, ratePerClient, seconds, stop }) {
  const steps = mix ? (await import(mix.module)).pacedMix(mix.args) : null;
  const interval = 1000 / ratePerClient;
  const latencies = [];
  const byStep = steps ? Array.from({ length: steps.size }, () => []) : [];
  const slowest = [];
  let errors = 0;
  let ended = false;
  const start = performance.now();
  const deadline = seconds ? start + seconds * 1000 : Infinity;
  const stopped = stop ? stop().then(() => (ended = true)) : new Promise(() => {});
  const auth = { authorization: `Bearer ${token}` };
  /** Sends one request; resolves with its status (0: no answer) and, with a mix, its body. */
  const one = (clientAgent, { method = 'GET', path, headers = auth, body }) =>
    new Promise((resolve) => {
      const req = http.request(`${base}${path}`, { agent: clientAgent, method, headers }, (res) => {
        const chunks = [];
        res.on('data', (chunk) => steps && chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }));
        res.on('error', () => resolve({ status: 0, body: '' }));
      });
      req.on('error', () => resolve({ status: 0, body: '' }));
      req.end(body);
    });
  const client = async (c) => {
    const clientAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const context = {};
    let due = start + (interval * c) / clients;
    for (let k = 0; ; k++, due += interval) {
      const wait = due - performance.now();
      if (wait > 0) await Promise.race([sleep(wait), stopped]);
      if (ended || due > deadline) break;
      const step = steps ? k % steps.size : 0;
      const request = steps ? steps.request(step, context) : { path: paths[(c + k) % paths.length] };
      const { status, body } = await one(clientAgent, request);
      steps?.answered(step, status, body, context);
      const ms = performance.now() - due;
      if (status > 0 && status < 400) {
        latencies.push(ms);
        byStep[step]?.push(ms);
      } else errors++;
      // The slowest answers, with when they were due (ms after the start) and what they asked.
      if (slowest.length < 5 || ms > slowest[4].ms) {
        slowest.push({ at: Math.round(due - start), ms: Math.round(ms * 10) / 10, path: request.path });
        slowest.sort((a, b) => b.ms - a.ms).splice(5);
      }
    }
    clientAgent.destroy();
  };
  await Promise.all(Array.from({ length: clients }, (_, c) => client(c)));
  const elapsedS = (performance.now() - start) / 1000;
  const quantiles = (values) => {
    values.sort((a, b) => a - b);
    const q = (p) =>
      values.length ? values[Math.min(values.length - 1, Math.floor(p * values.length))] : null;
    return { count: values.length, p50: q(0.5), p90: q(0.9), p99: q(0.99), max: values.at(-1) ?? null };
  };
  const all = quantiles(latencies);
  return {
    requests: latencies.length + errors,
    requestsPerS: (latencies.length + errors) / elapsedS,
    errors,
    p50: all.p50,
    p90: all.p90,
    p99: all.p99,
    max: all.max,
    seconds: elapsedS,
    slowest,
    ...(steps ? { steps: byStep.map((values, i) => ({ name: steps.names[i], ...quantiles(values) })) } : {}),
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
