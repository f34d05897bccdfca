// pg-boss 10 in the jobs benchmark: several work() loops fetching batches (it has no per-worker
// concurrency), on a fresh PostgreSQL database.
import { createRequire } from 'node:module';
import PgBoss from 'pg-boss';
import { envInt, sleep } from '../lib/common.mjs';
import { onJob } from './handler.mjs';
import { log, postgres } from './settings.mjs';

const require = createRequire(import.meta.url);

export const settings = {
  version: require('pg-boss/package.json').version,
  workers: envInt('BENCH_PGBOSS_WORKERS', 4),
  batchSize: envInt('BENCH_PGBOSS_BATCH', 1000),
  pollingIntervalSeconds: 0.5,
  max: 10,
  enqueue: 'boss.insert (1000 per call), boss.send',
};

const { createDatabase, dropDatabase } = postgres;

/** pg-boss as a system of the jobs benchmark (see phases.mjs). */
export function pgBoss() {
  const queueName = 'bench_noop';
  const { workers, batchSize, pollingIntervalSeconds, max } = settings;
  let db;
  let boss;
  const startWorkers = async () => {
    for (let i = 0; i < workers; i++) {
      await boss.work(queueName, { batchSize, pollingIntervalSeconds }, async (jobs) => {
        await Promise.all(jobs.map((job) => onJob(job.data, job.id)));
      });
    }
  };
  const stopWorkers = async () => {
    await boss.offWork(queueName);
    await sleep(600); // offWork returns before the loops end; let the last poll finish.
  };
  return {
    name: 'pg-boss',
    peer: true,
    backend: 'postgres',
    async setup() {
      db = await createDatabase('pgboss');
      boss = new PgBoss({ connectionString: db.url, max, schedule: false });
      boss.on('error', (err) => log('pg-boss error', err.message));
      await boss.start();
      await boss.createQueue(queueName);
    },
    async prepareRun() {},
    async enqueueBulk(payloads) {
      await boss.insert(payloads.map((data) => ({ name: queueName, data })));
    },
    startWorkers,
    async remaining() {
      return boss.getQueueSize(queueName, { before: 'completed' });
    },
    stopWorkers,
    startIdle: startWorkers,
    async enqueueOne(payload) {
      await boss.send(queueName, payload);
    },
    stopIdle: stopWorkers,
    async teardown() {
      await boss?.stop({ graceful: false, wait: true, timeout: 2000 }).catch(() => undefined);
      if (db) await dropDatabase(db.name);
    },
  };
}
