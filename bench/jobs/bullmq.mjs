// BullMQ (Redis) in the jobs benchmark: one Worker, the queue removed after the run.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { Queue, QueueEvents, Worker } from 'bullmq';
import { envInt, rand } from '../lib/common.mjs';
import { onJob } from './handler.mjs';
import { CONCURRENCY, REDIS_HOST, REDIS_PORT, log } from './settings.mjs';

const require = createRequire(import.meta.url);

export const settings = {
  version: require('bullmq/package.json').version,
  concurrency: envInt('BENCH_BULLMQ_CONCURRENCY', CONCURRENCY),
  jobOptions: { removeOnComplete: true, removeOnFail: true },
  enqueue: 'Queue.addBulk (1000 per call), Queue.add',
  redis: `${REDIS_HOST}:${REDIS_PORT}`,
};

const now = () => performance.now();

/** bullmq as a system of the jobs benchmark (see phases.mjs). */
export function bullmq() {
  const connection = { host: REDIS_HOST, port: Number(REDIS_PORT), maxRetriesPerRequest: null };
  const queueName = `bench_jobs_${rand()}`;
  const { concurrency, jobOptions } = settings;
  let queue;
  let queueEvents;
  let worker;
  const startWorker = async () => {
    worker = new Worker(
      queueName,
      async (job) => {
        await onJob(job.data, job.id);
        return null;
      },
      { connection, concurrency },
    );
    worker.on('error', (err) => log('bullmq worker error', err.message));
    await worker.waitUntilReady();
  };
  return {
    name: 'bullmq',
    peer: true,
    backend: 'redis',
    async setup() {
      queue = new Queue(queueName, { connection, defaultJobOptions: jobOptions });
      await queue.waitUntilReady();
    },
    async prepareRun() {},
    async enqueueBulk(payloads) {
      await queue.addBulk(payloads.map((data) => ({ name: 'noop', data })));
    },
    startWorkers: startWorker,
    async remaining() {
      const counts = await queue.getJobCounts('wait', 'active', 'delayed', 'prioritized', 'paused');
      return Object.values(counts).reduce((a, b) => a + b, 0);
    },
    async stopWorkers() {
      await worker.close();
      worker = undefined;
    },
    async startIdle() {
      queueEvents = new QueueEvents(queueName, { connection });
      await queueEvents.waitUntilReady();
      await startWorker();
    },
    async enqueueOne(payload) {
      await queue.add('noop', payload);
    },
    async createAndWait(payload) {
      const job = await queue.add('noop', payload);
      await job.waitUntilFinished(queueEvents, 30_000);
      return now();
    },
    async stopIdle() {
      await worker.close();
      worker = undefined;
      await queueEvents.close();
      queueEvents = undefined;
    },
    async teardown() {
      await worker?.close().catch(() => undefined);
      await queueEvents?.close().catch(() => undefined);
      if (queue) {
        await queue.obliterate({ force: true }).catch((err) => log('bullmq obliterate', err.message));
        await queue.close();
      }
    },
  };
}

function redisCli(...args) {
  return execFileSync('redis-cli', ['-h', REDIS_HOST, '-p', REDIS_PORT, ...args], { encoding: 'utf8' });
}

/** Redis's version and persistence settings, through redis-cli (null where it is missing). */
export function redisInfo() {
  let version = null;
  let persistence = null;
  try {
    version = /redis_version:(\S+)/.exec(redisCli('info', 'server'))?.[1] ?? null;
    const get = (key) => redisCli('config', 'get', key).split('\n')[1]?.trim() ?? '';
    persistence = `save "${get('save')}", appendonly ${get('appendonly')}`;
  } catch {
    // no redis-cli: left out
  }
  return { version, persistence };
}
