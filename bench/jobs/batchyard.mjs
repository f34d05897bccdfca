// Batchyard in the jobs benchmark, three ways: the embedded store (SQLite) and PostgreSQL with
// in-process handlers, and a remote worker that claims and completes over HTTP.
/* global fetch, AbortController */
import os from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildApp, loadConfig, openStore } from '@batchyard/server';
import { httpJson, rand } from '../lib/common.mjs';
import { onJob } from './handler.mjs';
import { CONCURRENCY, log, postgres as pgAdmin } from './settings.mjs';

export const settings = {
  jobConcurrency: CONCURRENCY,
  leaseSeconds: 30,
  poolSize: 10,
  pollMs: 1000,
  rateLimitPerMinute: 0,
  sqlite: 'file in a fresh temp dir, WAL, synchronous=NORMAL (the defaults of the embedded store)',
  remote: {
    server: 'SQLite, worker: false, listening on 127.0.0.1',
    worker:
      'one loop in this process using fetch: POST /v1/workers/claim {limit: 100, waitSeconds: 30, leaseSeconds: 30}, runs the claimed jobs at once, completes them with one POST /v1/workers/complete {results: [...]} (what the SDK worker does with jobs that end together), then claims again',
    enqueue: 'over HTTP: POST /v1/jobs/batch (1000 per call) and POST /v1/jobs',
  },
};

const now = () => performance.now();
const { createDatabase, dropDatabase } = pgAdmin;
// As the servers of bench/lib/server-child.mjs: BATCHYARD_PG_PREPARED_STATEMENTS=0 measures without.
const PREPARED_STATEMENTS = loadConfig({}, process.env).pgPreparedStatements;
const PRINCIPAL = { kind: 'key', id: 'bench', name: 'bench', workspaceId: null, role: 'admin' };

/**
 * Batchyard as a system of the jobs benchmark (see phases.mjs): in-process workers on SQLite or
 * PostgreSQL, or (`remote`) one worker loop claiming over HTTP. `keys` (bench/keys): each job gets
 * the concurrency key `k<i mod keys>` of its payload's `i`, under the type's default key limit.
 */
export function batchyard({ name, remote = false, postgres = false, keys = 0 }) {
  let dataDir;
  let db;
  let store;
  let workspaceId;
  let token;
  let app; // the app of the current phase (in-process systems) or the API server (remote)
  let base;
  const mkApp = (worker) =>
    buildApp({
      store,
      logger: false,
      config: loadConfig(
        {
          dataDir,
          logLevel: 'silent',
          jwtSecret: 'x'.repeat(32),
          worker,
          jobConcurrency: CONCURRENCY,
          leaseSeconds: 30,
          rateLimitPerMinute: 0,
          poolSize: 10,
        },
        {},
      ),
      jobTypes: [
        {
          name: 'bench.noop',
          description: 'does nothing',
          handler: async (ctx) => {
            await onJob(ctx.arguments, ctx.id);
            return null;
          },
        },
      ],
    });
  const type = remote ? 'bench.remote' : 'bench.noop';
  const remaining = async () => {
    let left = 0;
    for (const status of ['queued', 'running']) {
      const row = await store.db
        .selectFrom('jobs')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('status', '=', status)
        .executeTakeFirstOrThrow();
      left += Number(row.n);
    }
    return left;
  };

  // Remote worker loop (fetch), started and stopped like the peers' workers.
  let worker;
  const startRemoteWorker = () => {
    const state = { stopping: false, controller: new AbortController(), workerId: `bench-${rand()}` };
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const claimBody = JSON.stringify({
      types: [type],
      workerId: state.workerId,
      limit: 100,
      waitSeconds: 30,
      leaseSeconds: 30,
    });
    state.done = (async () => {
      while (!state.stopping) {
        let jobs;
        try {
          const res = await fetch(`${base}/v1/workers/claim`, {
            method: 'POST',
            headers,
            body: claimBody,
            signal: state.controller.signal,
          });
          const body = await res.json();
          if (!res.ok) throw new Error(`claim: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
          jobs = body.data;
        } catch (error) {
          if (state.stopping) return;
          throw error;
        }
        state.claims = (state.claims ?? 0) + 1;
        if (jobs.length === 0) {
          state.emptyClaims = (state.emptyClaims ?? 0) + 1;
          continue;
        }
        const results = await Promise.all(
          jobs.map(async (job) => {
            await onJob(job.arguments, job.id);
            return { jobId: job.id, result: null };
          }),
        );
        const res = await fetch(`${base}/v1/workers/complete`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ workerId: state.workerId, results }),
        });
        const text = await res.text();
        if (!res.ok) throw new Error(`complete: ${res.status} ${text.slice(0, 300)}`);
        const answer = JSON.parse(text);
        if (answer.completed !== results.length)
          throw new Error(
            `complete: ${results.length - answer.completed} not completed: ${text.slice(0, 300)}`,
          );
      }
    })().catch((error) => {
      state.error = error;
      log(`${name}: remote worker stopped: ${error.message}`);
    });
    return state;
  };
  const stopRemoteWorker = async () => {
    if (!worker) return;
    worker.stopping = true;
    worker.controller.abort();
    await worker.done;
    const { claims = 0, emptyClaims = 0 } = worker;
    worker = undefined;
    return { claims, emptyClaims };
  };

  return {
    name,
    peer: false,
    backend: postgres ? 'postgres' : 'sqlite',
    // A keyed system is measured for its drain only (bench/jobs: keyed ÷ plain).
    keyed: keys > 0,
    async setup() {
      dataDir = mkdtempSync(join(os.tmpdir(), `bench-${name}-`));
      let url = `sqlite:${join(dataDir, 'batchyard.db')}`;
      if (postgres) {
        db = await createDatabase(name);
        url = db.url;
      }
      store = openStore(url, { poolSize: 10, preparedStatements: PREPARED_STATEMENTS });
      await store.migrate();
      const first = await mkApp(false);
      workspaceId = (await first.services.workspaces.create(undefined, { name: 'bench' })).id;
      token = await first.services.credentials.bootstrapAdminKey();
      await first.close();
      if (remote) {
        app = await mkApp(false);
        await app.ready();
        base = await app.listen({ port: 0, host: '127.0.0.1' });
        await httpJson(base, 'PUT', `/v1/job-types/${type}`, token, { workspaceId });
      }
    },
    async prepareRun() {
      if (!remote) app = await mkApp(true); // built, runner not started
    },
    async enqueueBulk(payloads) {
      const jobs = payloads.map((p) =>
        keys > 0
          ? { type, workspaceId, arguments: p, concurrencyKey: `k${p.i % keys}` }
          : { type, workspaceId, arguments: p },
      );
      if (remote) await httpJson(base, 'POST', '/v1/jobs/batch', token, { jobs });
      else await app.services.jobs.createMany(PRINCIPAL, jobs);
    },
    async startWorkers() {
      if (remote) worker = startRemoteWorker();
      // Starts the in-process runner (what app.ready() does through its onReady hook), without
      // timing Fastify's plugin boot, which peers' workers do not have.
      else await app.engine.start();
    },
    remaining,
    async stopWorkers() {
      if (remote) return stopRemoteWorker();
      await app.ready();
      await app.close();
      app = undefined;
    },
    async startIdle() {
      if (remote) {
        worker = startRemoteWorker();
        return;
      }
      app = await mkApp(true);
      await app.ready();
      base = await app.listen({ port: 0, host: '127.0.0.1' });
    },
    async enqueueOne(payload) {
      if (remote) await httpJson(base, 'POST', '/v1/jobs', token, { type, workspaceId, arguments: payload });
      else await app.services.jobs.create(PRINCIPAL, { type, workspaceId, arguments: payload });
    },
    async createAndWait(payload) {
      const job = await httpJson(base, 'POST', '/v1/jobs', token, { type, workspaceId, arguments: payload });
      const done = await httpJson(base, 'GET', `/v1/jobs/${job.id}?wait=30`, token);
      const arrival = now();
      if (done.status !== 'succeeded') throw new Error(`job ${job.id} answered ${done.status}`);
      return arrival;
    },
    async stopIdle() {
      if (remote) return stopRemoteWorker();
      await app.close();
      app = undefined;
    },
    async teardown() {
      await stopRemoteWorker().catch(() => undefined);
      await app?.close().catch(() => undefined);
      await store?.close().catch(() => undefined);
      if (db) await dropDatabase(db.name);
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
