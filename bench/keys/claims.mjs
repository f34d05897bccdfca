// The claim's cost on a blocked backlog: KEY_BACKLOG queued jobs over KEYS keys with every key but
// one at its limit (one running job each, started by the store's own claim), then single timed
// claims that can only take the free key's job; beside it the same claims on a plain backlog of
// unkeyed jobs. Each claimed job is completed (the real completion path) and one new job queued in
// its place, so the backlog and the one free key stay as they were from the first claim to the last.
import os from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { sql } from 'kysely';
import { buildApp, loadConfig, openStore } from '@batchyard/server';
// The store's claim (not exported by the package's entry point): what runners and remote workers call.
import { claimJobs } from '../../packages/server/dist/store/sql/claimJobs.js';
import { BATCH, postgres as pgAdmin } from '../jobs/settings.mjs';
import { percentile } from '../jobs/phases.mjs';
import { CLAIM_LIMIT, CLAIM_WARMUP, CLAIMS, KEY_BACKLOG, KEYS, log } from './settings.mjs';

const now = () => performance.now();
const PRINCIPAL = { kind: 'key', id: 'bench', name: 'bench', workspaceId: null, role: 'admin' };
const WORKER_ID = 'keysbench';
const OWNER = `remote:${PRINCIPAL.id}:${WORKER_ID}`; // RemoteWorkers.owner(credential, worker)
const LEASE_MS = 3_600_000; // no lease runs out during the phase
const KEYED = 'bench.keyed';
const PLAIN = 'bench.plain';

/** The claim-cost phase on one store: keyed (blocked) and plain backlogs, and PostgreSQL's plans. */
export async function claimCost({ name, postgres = false }) {
  const dataDir = mkdtempSync(join(os.tmpdir(), `bench-keys-${name}-`));
  let db;
  let store;
  let app;
  try {
    let url = `sqlite:${join(dataDir, 'batchyard.db')}`;
    if (postgres) {
      db = await pgAdmin.createDatabase(`keys_${name}`);
      url = db.url;
    }
    store = openStore(url, { poolSize: 10 });
    await store.migrate();
    const noop = async () => null;
    app = await buildApp({
      store,
      logger: false,
      config: loadConfig(
        { dataDir, logLevel: 'silent', jwtSecret: 'x'.repeat(32), worker: false, rateLimitPerMinute: 0 },
        {},
      ),
      jobTypes: [
        { name: KEYED, description: 'keyed, default key limit (1)', handler: noop },
        { name: PLAIN, description: 'no key', handler: noop },
      ],
    });
    await app.ready();
    const workspaceId = (await app.services.workspaces.create(undefined, { name: 'bench' })).id;
    const enqueue = async (type, keys) => {
      for (let i = 0; i < keys.length; i += BATCH) {
        const jobs = keys.slice(i, i + BATCH).map((key, j) => ({
          type,
          workspaceId,
          arguments: { i: i + j },
          ...(key === null ? {} : { concurrencyKey: key }),
        }));
        await app.services.jobs.createMany(PRINCIPAL, jobs);
      }
    };
    const claim = (type, limit) =>
      claimJobs(store, { types: [type], workspaceId: null, limit, owner: OWNER, leaseMs: LEASE_MS });
    const complete = (rows) =>
      app.services.workers.completeMany(PRINCIPAL, {
        workerId: WORKER_ID,
        results: rows.map((row) => ({ jobId: row.id, result: null })),
      });

    /** Completes claimed jobs of `type` and queues as many in their place (same keys). */
    const settle = (type) => async (rows) => {
      if (rows.length === 0) return;
      const done = await complete(rows);
      if (done.completed !== rows.length)
        throw new Error(`${name}: completed ${done.completed} of ${rows.length} claimed jobs`);
      await enqueue(
        type,
        rows.map((row) => row.concurrency_key || null),
      );
    };

    /** Claims (timed), completes and replaces what they took (not timed). */
    const timedClaims = async (type) => {
      const ms = [];
      const taken = [];
      const keysSeen = new Set();
      for (let c = 0; c < CLAIM_WARMUP + CLAIMS; c++) {
        const t = now();
        const rows = await claim(type, CLAIM_LIMIT);
        const elapsed = now() - t;
        if (c >= CLAIM_WARMUP) {
          ms.push(elapsed);
          taken.push(rows.length);
        }
        for (const row of rows) keysSeen.add(row.concurrency_key);
        await settle(type)(rows);
      }
      return {
        p50_ms: percentile(ms, 50),
        p99_ms: percentile(ms, 99),
        mean_ms: ms.reduce((a, b) => a + b, 0) / ms.length,
        max_ms: Math.max(...ms),
        jobs_per_claim: taken.reduce((a, b) => a + b, 0) / taken.length,
        empty_claims: taken.filter((n) => n === 0).length,
        keys_taken: [...keysSeen].filter((k) => k !== ''),
      };
    };

    // Keyed: the backlog, round-robin over the keys; then every key but one started once.
    let t = now();
    await enqueue(
      KEYED,
      Array.from({ length: KEY_BACKLOG }, (_, i) => `k${i % KEYS}`),
    );
    log(`${name}: ${KEY_BACKLOG} keyed jobs queued in ${((now() - t) / 1000).toFixed(1)} s`);
    t = now();
    let running = 0;
    while (running < KEYS - 1) {
      const rows = await claim(KEYED, Math.min(100, KEYS - 1 - running));
      if (rows.length === 0) throw new Error(`${name}: blocking the keys stalled at ${running}`);
      running += rows.length;
    }
    log(`${name}: ${running} keys at their limit in ${((now() - t) / 1000).toFixed(1)} s`);
    const keyed = await timedClaims(KEYED);
    keyed.check = await keyCounts(store);
    log(
      `${name}: keyed claim p50 ${keyed.p50_ms.toFixed(2)} ms, p99 ${keyed.p99_ms.toFixed(2)} ms, ${keyed.jobs_per_claim} jobs/claim, keys ${keyed.keys_taken.join(',')}; job_keys ${keyed.check.mismatches === 0 ? 'consistent' : `${keyed.check.mismatches} keys WRONG`}`,
    );
    const explainKeyed = postgres
      ? await explainClaim(store, () => claim(KEYED, CLAIM_LIMIT), settle(KEYED))
      : null;
    // Again after a VACUUM of job_keys: the ready index without the dead entries the key rows'
    // updates left in it (what autovacuum does in time).
    let explainKeyedVacuumed = null;
    if (postgres) {
      await sql`vacuum job_keys`.execute(store.db);
      explainKeyedVacuumed = await explainClaim(store, () => claim(KEYED, CLAIM_LIMIT), settle(KEYED));
    }

    // Plain: the same number of unkeyed jobs, another type in the same database.
    t = now();
    await enqueue(PLAIN, Array(KEY_BACKLOG).fill(null));
    log(`${name}: ${KEY_BACKLOG} plain jobs queued in ${((now() - t) / 1000).toFixed(1)} s`);
    const plain = await timedClaims(PLAIN);
    log(
      `${name}: plain claim p50 ${plain.p50_ms.toFixed(2)} ms, p99 ${plain.p99_ms.toFixed(2)} ms, ${plain.jobs_per_claim} jobs/claim`,
    );
    const explainPlain = postgres
      ? await explainClaim(store, () => claim(PLAIN, CLAIM_LIMIT), settle(PLAIN))
      : null;
    if (explainKeyed)
      log(
        `${name}: EXPLAIN keyed claim: ${explainKeyed.buffers} buffers (${explainKeyed.execution_ms} ms); plain: ${explainPlain.buffers} (${explainPlain.execution_ms} ms)`,
      );
    return { keyed, plain, explainKeyed, explainKeyedVacuumed, explainPlain };
  } finally {
    await app?.close().catch(() => undefined);
    await store?.close().catch(() => undefined);
    if (db) await pgAdmin.dropDatabase(db.name);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** job_keys beside the jobs it counts: keys whose queued or running count is off. */
async function keyCounts(store) {
  const { rows } = await sql`
    select k.key, k.queued, k.running, coalesce(j.queued, 0) as jobs_queued, coalesce(j.running, 0) as jobs_running
    from job_keys k left join (
      select type, workspace_id, concurrency_key,
        sum(case when status = 'queued' then 1 else 0 end) as queued,
        sum(case when status = 'running' then 1 else 0 end) as running
      from jobs where concurrency_key <> '' group by type, workspace_id, concurrency_key
    ) j on j.type = k.type and j.workspace_id = k.workspace_id and j.concurrency_key = k.key`.execute(
    store.db,
  );
  const wrong = rows.filter(
    (r) => Number(r.queued) !== Number(r.jobs_queued) || Number(r.running) !== Number(r.jobs_running),
  );
  return {
    keys: rows.length,
    running: rows.reduce((a, r) => a + Number(r.running), 0),
    queued: rows.reduce((a, r) => a + Number(r.queued), 0),
    mismatches: wrong.length,
    firstWrong: wrong.slice(0, 3),
  };
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of the very claim `run` sends (a call of the PL/pgSQL claim: its
 * buffers and time include every statement it runs, its plan is one node): the claim is run once with the pg
 * client's query caught (its text and parameters), its jobs settled, then the same text explained
 * in a transaction rolled back.
 */
async function explainClaim(store, run, settle) {
  const original = pg.Client.prototype.query;
  let caught;
  pg.Client.prototype.query = function (text, values, ...rest) {
    if (typeof text === 'string' && text.includes('batchyard_claim_jobs')) caught = { text, values };
    return original.call(this, text, values, ...rest);
  };
  let rows;
  try {
    rows = await run();
  } finally {
    pg.Client.prototype.query = original;
  }
  await settle(rows); // the claim's job done, so the explained claim finds the same state
  if (!caught) throw new Error('the claim statement was not seen');
  const client = await store.dialect.driver.pool.connect();
  try {
    const explain = async (format) => {
      await client.query('begin');
      try {
        return (await client.query(`explain (analyze, buffers${format}) ${caught.text}`, caught.values)).rows;
      } finally {
        await client.query('rollback');
      }
    };
    const plan = (await explain(', format json'))[0]['QUERY PLAN'];
    const [json] = typeof plan === 'string' ? JSON.parse(plan) : plan;
    const text = (await explain('')).map((r) => r['QUERY PLAN']);
    const top = json.Plan;
    return {
      claimed_when_caught: rows.length,
      buffers: top['Shared Hit Blocks'] + top['Shared Read Blocks'],
      shared_hit: top['Shared Hit Blocks'],
      shared_read: top['Shared Read Blocks'],
      planning_buffers:
        (json.Planning?.['Shared Hit Blocks'] ?? 0) + (json.Planning?.['Shared Read Blocks'] ?? 0),
      execution_ms: json['Execution Time'],
      planning_ms: json['Planning Time'],
      // Statement-level triggers (job_keys) run after the plan: their time, not their buffers.
      triggers: (json.Triggers ?? []).map((tr) => ({
        name: tr['Trigger Name'],
        ms: tr.Time,
        calls: tr.Calls,
      })),
      claimed_explained: top['Actual Rows'],
      plan: text,
    };
  } finally {
    client.release();
  }
}
