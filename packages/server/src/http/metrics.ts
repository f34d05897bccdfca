import { createHash, timingSafeEqual } from 'node:crypto';
import { Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { JobEngine } from '../engine/index.js';
import { unauthorized } from '../auth/principal.js';
import type { Store } from '../store/index.js';
import { countJobsByTypeAndStatus, queuedJobStats } from '../store/queries/metrics.js';
import { ENDED_JOB_STATUSES, UNFINISHED_JOB_STATUSES, type JobStatus } from '../store/tables.js';
import type { App } from './app-types.js';

/** The `type` label of every custom (tenant-named) job type on a public /metrics. */
export const CUSTOM_TYPE_LABEL = 'custom';
const JOB_STATUSES: readonly JobStatus[] = [...UNFINISHED_JOB_STATUSES, ...ENDED_JOB_STATUSES];
/** Seconds: API calls are milliseconds, long-polls (`?wait=`) up to a minute. */
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
/** Seconds: from a no-op job to a multi-hour import. */
const JOB_BUCKETS = [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600, 4 * 3600, 24 * 3600];

export interface MetricsOptions {
  store: Store;
  engine: JobEngine;
  /** Off: no /metrics route and no per-request hook. */
  enabled: boolean;
  /** When set, /metrics requires `Authorization: Bearer <token>`. */
  token?: string | undefined;
}

/**
 * Prometheus metrics of one app (its own registry: tests build several apps in one process):
 * HTTP request durations by route pattern, job durations observed as jobs end, job counts, queue
 * depth and age read from the store at scrape time, store connections, and the process defaults.
 */
export function registerMetrics(
  app: App,
  { store, engine, enabled, token }: MetricsOptions,
): Registry | undefined {
  if (!enabled) return undefined;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const httpDuration = new Histogram({
    name: 'batchyard_http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: HTTP_BUCKETS,
    registers: [registry],
  });
  const jobDuration = new Histogram({
    name: 'batchyard_job_duration_seconds',
    help: 'Jobs that ended, by type and final status: the time of the attempt that ended them.',
    labelNames: ['type', 'status'] as const,
    buckets: JOB_BUCKETS,
    registers: [registry],
  });
  const jobs = new Gauge({
    name: 'batchyard_jobs',
    help: 'Jobs in the store by type and status (every workspace; finished jobs until pruned).',
    labelNames: ['type', 'status'] as const,
    registers: [registry],
  });
  const queueDepth = new Gauge({
    name: 'batchyard_queue_depth',
    help: 'Queued jobs that are due (run_at <= now), by type.',
    labelNames: ['type'] as const,
    registers: [registry],
  });
  const queueAge = new Gauge({
    name: 'batchyard_queue_oldest_age_seconds',
    help: 'How long the oldest due queued job of each type has been due (now - min(run_at)).',
    labelNames: ['type'] as const,
    registers: [registry],
  });
  const storeUp = new Gauge({
    name: 'batchyard_store_up',
    help: '1 when the store answered the queries behind the job and queue metrics of this scrape.',
    registers: [registry],
  });
  const driver = store.dialect.driver;
  new Gauge({
    name: 'batchyard_store_connections',
    help: 'Store connections by state: total and idle (and waiting clients, PostgreSQL only).',
    labelNames: ['dialect', 'state'] as const,
    registers: [registry],
    collect() {
      this.reset();
      if (driver.kind === 'postgres') {
        const { pool } = driver;
        this.set({ dialect: 'postgres', state: 'total' }, pool.totalCount);
        this.set({ dialect: 'postgres', state: 'idle' }, pool.idleCount);
        this.set({ dialect: 'postgres', state: 'waiting' }, pool.waitingCount);
      } else {
        // One connection; busy while a transaction is open on it (a cheap flag of the driver).
        const db = driver.database();
        this.set({ dialect: 'sqlite', state: 'total' }, db?.open ? 1 : 0);
        this.set({ dialect: 'sqlite', state: 'idle' }, db?.open && !db.inTransaction ? 1 : 0);
      }
    },
  });

  /**
   * Custom job types are named by tenants, so a public scrape must not list them: they collapse
   * into `custom`. With a metrics token every scrape is authenticated and shows them by name.
   * Built-in and in-process types are the operator's own and always keep their name.
   */
  const typeLabel = (type: string): string =>
    token !== undefined || engine.types.has(type) ? type : CUSTOM_TYPE_LABEL;

  engine.onFinished((ended) => {
    for (const job of ended)
      jobDuration.observe({ type: typeLabel(job.type), status: job.status }, job.durationMs / 1000);
  });

  app.addHook('onResponse', async (request, reply) => {
    httpDuration.observe(
      {
        method: request.method,
        // The pattern (`/v1/jobs/:id`), never the raw URL: one series per route, not per id.
        route: request.routeOptions.url ?? 'unmatched',
        status_code: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });

  const readStore = async (): Promise<void> => {
    try {
      const [counts, queues] = await Promise.all([countJobsByTypeAndStatus(store), queuedJobStats(store)]);
      jobs.reset();
      queueDepth.reset();
      queueAge.reset();
      // Every status of every type present (zeros included) and every known type's queue, so
      // queries and alerts need no absent() guards.
      const types = new Set([...engine.types.keys(), ...counts.map((c) => typeLabel(c.type))]);
      for (const type of new Set(counts.map((c) => typeLabel(c.type)))) {
        for (const status of JOB_STATUSES) jobs.set({ type, status }, 0);
      }
      // Several custom types may share the `custom` label: counts add up, ages take the oldest.
      for (const { type, status, count } of counts) jobs.inc({ type: typeLabel(type), status }, count);
      const ages = new Map<string, number>();
      for (const type of types) {
        queueDepth.set({ type }, 0);
        ages.set(type, 0);
      }
      for (const { type, depth, oldestAgeMs } of queues) {
        const label = typeLabel(type);
        queueDepth.inc({ type: label }, depth);
        ages.set(label, Math.max(ages.get(label) ?? 0, oldestAgeMs / 1000));
      }
      for (const [type, age] of ages) queueAge.set({ type }, age);
      storeUp.set(1);
    } catch (err) {
      app.log.warn({ err }, 'reading job metrics from the store failed');
      jobs.reset();
      queueDepth.reset();
      queueAge.reset();
      storeUp.set(0);
    }
  };

  const expected = token === undefined ? undefined : digest(`Bearer ${token}`);
  app.get(
    '/metrics',
    {
      config: { access: 'public' },
      schema: { hide: true },
      onRequest: async (request) => {
        if (expected === undefined) return;
        const given = request.headers.authorization;
        if (!given) {
          throw unauthorized('unauthenticated', 'Send the header Authorization: Bearer <metrics token>.');
        }
        if (!timingSafeEqual(digest(given), expected)) {
          throw unauthorized('invalid_token', 'The bearer token is not the metrics token.', 'invalid_token');
        }
      },
    },
    async (_request, reply) => {
      await readStore();
      return reply.type(registry.contentType).send(await registry.metrics());
    },
  );
  return registry;
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
