// BullMQ (Redis) in the flows benchmark: FlowProducer trees on one queue with one Worker. A BullMQ
// flow is a tree whose parent runs once all its children completed: the fan-in is native; a
// fan-out (one job, then many that wait for it) has no BullMQ form and is not measured.
import { createRequire } from 'node:module';
import { FlowProducer, Queue, QueueEvents, Worker } from 'bullmq';
import { rand } from '../lib/common.mjs';
import { CONCURRENCY, REDIS_HOST, REDIS_PORT, log } from './settings.mjs';
import { record } from './timing.mjs';

const require = createRequire(import.meta.url);

export const settings = {
  version: require('bullmq/package.json').version,
  concurrency: CONCURRENCY,
  jobOptions: { removeOnComplete: true, removeOnFail: true },
  redis: `${REDIS_HOST}:${REDIS_PORT}`,
};

export function bullmq() {
  const connection = { host: REDIS_HOST, port: Number(REDIS_PORT), maxRetriesPerRequest: null };
  const queueName = `bench_flows_${rand()}`;
  let queue;
  let producer;
  let worker;
  let events;
  return {
    name: 'bullmq',
    peer: true,
    fanOut: false,
    async setup() {
      queue = new Queue(queueName, { connection });
      producer = new FlowProducer({ connection });
      events = new QueueEvents(queueName, { connection });
      await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
      worker = new Worker(
        queueName,
        async (job) => {
          record(job.data.role);
          return null;
        },
        { connection, concurrency: CONCURRENCY },
      );
      worker.on('error', (err) => log('bullmq worker error', err.message));
      await worker.waitUntilReady();
    },
    /** A fan-in only: `jobs` is {sink: {dependsOn: [parents…]}, parents…}. */
    async runGraph(jobs) {
      const [sinkKey, sink] = Object.entries(jobs).find(([, job]) => job.dependsOn);
      const tree = await producer.add({
        name: sinkKey,
        queueName,
        data: { role: sink.role },
        opts: { removeOnComplete: false },
        children: sink.dependsOn.map((key) => ({
          name: key,
          queueName,
          data: { role: jobs[key].role },
          opts: settings.jobOptions,
        })),
      });
      await tree.job.waitUntilFinished(events, 60_000);
    },
    async teardown() {
      await worker?.close();
      await producer?.close();
      await events?.close();
      await queue?.obliterate({ force: true }).catch(() => undefined);
      await queue?.close();
    },
  };
}
