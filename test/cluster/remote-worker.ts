/**
 * A remote worker process of the cluster run: the SDK's createWorker claiming `cluster.record`
 * (and `cluster.flow`) jobs over HTTP from the API processes listed in BATCHYARD_URL (comma-separated: it fails over
 * between them). Each execution appends `<jobId> <attempt> <workerId> <epoch ms>` to RECORD_FILE
 * before its result is sent, so executions whose completion never reached the server (the worker or
 * the API process died) are on record too. Its effect is idempotent (keyed by job id).
 */
import { appendFileSync } from 'node:fs';
import { Batchyard, type ClaimedJob } from '@batchyard/sdk';

const recordFile = process.env.RECORD_FILE;
const name = process.env.WORKER_NAME ?? 'remote';
if (!recordFile) throw new Error('RECORD_FILE is not set');

const workerId = `${name}-${process.pid}`;
const client = new Batchyard({ maxRetries: 6 });
const worker = client.createWorker({
  types: ['cluster.record', 'cluster.flow', 'cluster.keyed', 'cluster.rated'],
  workerId,
  concurrency: Number(process.env.WORKER_CONCURRENCY ?? 50),
  leaseSeconds: Number(process.env.WORKER_LEASE_SECONDS ?? 10),
  waitSeconds: 5,
  handler: async (job: ClaimedJob) => {
    const start = Date.now();
    appendFileSync(recordFile, `${job.id} ${job.attempt} ${workerId} ${start}\n`);
    // A little work, so that a kill finds executions in flight (a flow's jobs say how long).
    const ms = (job.arguments as { ms?: number }).ms ?? Math.floor(Math.random() * 20);
    await new Promise((resolve) => setTimeout(resolve, ms));
    // Keyed jobs: when the handler held the job, to check the key's limits from outside.
    if (job.type === 'cluster.keyed' || job.type === 'cluster.rated')
      appendFileSync(
        `${recordFile}.keys`,
        `${job.id} ${job.type} ${job.concurrencyKey} ${start} ${Date.now()}\n`,
      );
    return { by: workerId, attempt: job.attempt, n: (job.arguments as { n?: number }).n ?? null };
  },
  onError: (error) => {
    console.error(
      `[${workerId}] ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
    );
  },
});
process.on('SIGTERM', () => {
  void worker.close().then(() => process.exit(0));
});
console.log(`ready ${workerId}`);
