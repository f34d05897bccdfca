// graphile-worker 0.16 in the jobs benchmark: run() with its performance page's concurrency, jobs
// added with its SQL functions, on a fresh PostgreSQL database.
import { createRequire } from 'node:module';
import pg from 'pg';
import { Logger, makeWorkerUtils, run as runGraphileWorker } from 'graphile-worker';
import { envInt } from '../lib/common.mjs';
import { onJob } from './handler.mjs';
import { log, postgres } from './settings.mjs';

const require = createRequire(import.meta.url);
const concurrency = envInt('BENCH_GW_CONCURRENCY', 24);

export const settings = {
  version: require('graphile-worker/package.json').version,
  concurrency,
  maxPoolSize: concurrency + 1,
  pollInterval: 2000,
  enqueue: 'SQL graphile_worker.add_jobs(job_spec[]) (1000 per call), graphile_worker.add_job',
};

const { createDatabase, dropDatabase } = postgres;

/**
 * graphile-worker as a system of the jobs benchmark (see phases.mjs). `queues` (bench/keys): each
 * job goes to the named job queue `q<i mod queues>` of its payload's `i` (one job at a time per queue).
 */
export function graphileWorker({ name = 'graphile-worker', queues = 0 } = {}) {
  const { maxPoolSize, pollInterval } = settings;
  const logger = new Logger(() => () => {});
  let db;
  let pool;
  let runner;
  let runnerPool;
  const startWorkers = async () => {
    // Its pool is ours (the size it would make from maxPoolSize), so that the connections the
    // teardown's \`drop database … with (force)\` cuts are reported, not thrown as an unhandled 'error'.
    runnerPool = new pg.Pool({ connectionString: db.url, max: maxPoolSize });
    runnerPool.on('error', (err) => log('graphile-worker pool', err.message));
    runner = await runGraphileWorker({
      pgPool: runnerPool,
      concurrency,
      pollInterval,
      noHandleSignals: true,
      logger,
      taskList: {
        noop: async (payload, helpers) => {
          await onJob(payload, helpers.job.id);
        },
      },
    });
  };
  const stopWorkers = async () => {
    await runner.stop();
    runner = undefined;
    await runnerPool?.end();
    runnerPool = undefined;
  };
  return {
    name,
    peer: true,
    backend: 'postgres',
    async setup() {
      db = await createDatabase(name === 'graphile-worker' ? 'graphile' : name);
      const utils = await makeWorkerUtils({ connectionString: db.url, logger });
      await utils.migrate();
      await utils.release();
      pool = new pg.Pool({ connectionString: db.url, max: 4 });
      pool.on('error', (err) => log('graphile-worker enqueue pool', err.message));
    },
    async prepareRun() {},
    async enqueueBulk(payloads) {
      const specs = JSON.stringify(
        payloads.map((payload) =>
          queues > 0
            ? { identifier: 'noop', payload, queue_name: `q${payload.i % queues}` }
            : { identifier: 'noop', payload },
        ),
      );
      await pool.query(
        `select count(*) from graphile_worker.add_jobs(
           (select array_agg(s) from json_populate_recordset(null::graphile_worker.job_spec, $1::json) s))`,
        [specs],
      );
    },
    startWorkers,
    async remaining() {
      const { rows } = await pool.query('select count(*)::int as n from graphile_worker._private_jobs');
      return rows[0].n;
    },
    stopWorkers,
    startIdle: startWorkers,
    async enqueueOne(payload) {
      await pool.query(`select graphile_worker.add_job('noop', $1::json)`, [JSON.stringify(payload)]);
    },
    stopIdle: stopWorkers,
    async teardown() {
      await runner?.stop().catch(() => undefined);
      await runnerPool?.end().catch(() => undefined);
      await pool?.end().catch(() => undefined);
      if (db) await dropDatabase(db.name);
    },
  };
}
