// Helpers every benchmark script shares: environment knobs, PostgreSQL scratch databases, and a
// keep-alive JSON client for the API calls around what is measured.
import http from 'node:http';
import { randomBytes } from 'node:crypto';
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
