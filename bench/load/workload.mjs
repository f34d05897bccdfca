// The load benchmark's workload: the seeded project, the mixed requests each autocannon connection
// cycles through, and autocannon runs that tell each step's latency and the server's errors apart.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { CONNECTIONS, SEED_TASKS } from './settings.mjs';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon');

/** A problem answer that reports a busy or locked SQLite database (never expected to reach a client). */
const BUSY = /busy|locked|SQLITE_BUSY/i;

/** A project with one batch of SEED_TASKS tasks, made through the SDK; returns the ids the load uses. */
export async function seed(server) {
  const { Batchyard } = await import('@batchyard/sdk');
  const client = new Batchyard({ baseUrl: server.base, token: server.token, timeoutMs: 600_000 });
  const project = await client.projects.create({ name: 'load' });
  const dataset = await client.datasets.create({
    projectId: project.id,
    name: 'load',
    columns: [{ name: 'v', type: 'numeric' }],
  });
  const batch = await (await client.batches.create(dataset.id, [{ v: 1 }], { name: 'load' })).wait();
  const batchId = batch.result.batchId;
  const tasks = Array.from({ length: SEED_TASKS }, (_, i) => ({
    name: `seed-${i}`,
    data: { text: `task number ${i} of the load benchmark`, priority: i % 10, flagged: i % 3 === 0 },
    properties: { score: (i % 100) / 100 },
  }));
  const created = await client.tasks.create(batchId, tasks, { chunkSize: 5000 });
  const taskIds = created.results.flatMap((r) => (r.id ? [r.id] : []));
  if (taskIds.length !== SEED_TASKS) throw new Error(`seeded ${taskIds.length} tasks, not ${SEED_TASKS}`);
  return { projectId: project.id, batchId, taskIds };
}

/** The mixed workload, one context per connection (its own task-name counter and last job id). */
export function workload(server, ids) {
  const auth = { authorization: `Bearer ${server.token}` };
  const json = { ...auth, 'content-type': 'application/json' };
  let connection = 0;
  const pick = (list) => list[Math.floor(Math.random() * list.length)];
  return [
    {
      method: 'GET',
      headers: auth,
      setupRequest: (req, context) => {
        context.connection ??= connection++;
        context.step ??= 0;
        const priority = Math.floor(Math.random() * 10);
        return {
          ...req,
          path: `/v1/tasks?projectId=${ids.projectId}&statuses=pending&filter=data.priority:eq:${priority}&limit=50`,
        };
      },
    },
    {
      method: 'GET',
      headers: auth,
      setupRequest: (req) => ({ ...req, path: `/v1/tasks/${pick(ids.taskIds)}` }),
    },
    {
      method: 'POST',
      headers: json,
      setupRequest: (req, context) => {
        const step = context.step++;
        const tasks = Array.from({ length: 10 }, (_, i) => ({
          name: `load-${context.connection}-${step}-${i}`,
          data: { text: 'made under load', priority: i },
        }));
        return { ...req, path: `/v1/batches/${ids.batchId}/tasks`, body: JSON.stringify({ tasks }) };
      },
    },
    {
      method: 'POST',
      path: '/v1/jobs',
      headers: json,
      body: JSON.stringify({ type: 'system.noop' }),
      onResponse: (status, body, context) => {
        context.jobId = status < 300 ? JSON.parse(body).id : undefined;
      },
    },
    {
      method: 'GET',
      headers: auth,
      // Without a job from step 4 (it failed), the wait reads an id that cannot exist: a 404, counted.
      setupRequest: (req, context) => ({
        ...req,
        path: `/v1/jobs/${context.jobId ?? 'job_missing'}?wait=10`,
      }),
    },
  ];
}

/**
 * autocannon over `requests` for `seconds`. Answers ≥ 500 are counted with their bodies read, so a
 * busy or locked database reported to a client is told apart from other server errors.
 */
export async function cannon(base, requests, seconds, connections = CONNECTIONS) {
  const seen = { serverErrors: 0, busy: 0, samples: [], byStep: requests.map(() => []) };
  const watched = requests.map((request, step) => ({
    ...request,
    // Each step's own latency (autocannon reports only the mix): from building the request, which
    // a connection does when its previous answer arrives, to its answer.
    setupRequest: (req, context) => {
      context.sentAt = performance.now();
      return request.setupRequest ? request.setupRequest(req, context) : req;
    },
    onResponse: (status, body, context) => {
      seen.byStep[step].push(performance.now() - context.sentAt);
      if (status >= 500) {
        seen.serverErrors++;
        if (BUSY.test(body)) seen.busy++;
        if (seen.samples.length < 5) seen.samples.push(`${status} ${String(body).slice(0, 300)}`);
      }
      request.onResponse?.(status, body, context);
    },
  }));
  const result = await autocannon({
    url: base,
    connections,
    duration: seconds,
    requests: watched,
  });
  return { result, seen };
}

export const STEP_NAMES = [
  'GET /v1/tasks (status + data filter)',
  'GET /v1/tasks/{id}',
  'POST /v1/batches/{id}/tasks (10 tasks)',
  'POST /v1/jobs',
  'GET /v1/jobs/{id}?wait=10',
];

export function percentiles(latencies) {
  const sorted = Float64Array.from(latencies).sort();
  const at = (q) =>
    sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : null;
  return { count: sorted.length, p50: at(0.5), p99: at(0.99), max: at(1) };
}

export function summary(r) {
  return {
    requests: r.requests.total,
    requestsPerS: r.requests.average,
    p50: r.latency.p50,
    p90: r.latency.p90,
    p99: r.latency.p99,
    max: r.latency.max,
    errors: r.errors + r.timeouts + r.non2xx,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
  };
}
