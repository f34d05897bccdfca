import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { buildApp, type AppWithServices } from './app.js';
import type { Config } from './config.js';
import type { JobTypeDefinition } from './engine/index.js';
import { PROBLEM_CONTENT_TYPE, toProblem } from './errors/problem.js';
import { applyRuntimeFlags } from './runtime-flags.js';
import { openStore, type Store } from './store/index.js';

export interface RunningServer {
  app: AppWithServices;
  store: Store;
  url: string;
  /** Where the bootstrap admin key is kept. */
  adminKeyPath: string;
  /** The admin key, only on the start that created it. */
  createdAdminKey: string | null;
  close(): Promise<void>;
}

/**
 * Opens and migrates the store, creates the admin key on first start, and listens. The caller
 * decides what to do with signals (the CLI closes on SIGTERM/SIGINT).
 */
export async function startServer(config: Config): Promise<RunningServer> {
  applyRuntimeFlags();
  mkdirSync(config.dataDir, { recursive: true });
  const store = openStore(config.databaseUrl, {
    poolSize: config.poolSize,
    preparedStatements: config.pgPreparedStatements,
    onIdleError: (error) =>
      app?.log.warn({ err: error }, 'idle database connection failed; it will be replaced'),
  });
  let app: AppWithServices | undefined;
  try {
    await store.migrate();
    app = await buildApp({ config, store });
    const adminKeyPath = join(config.dataDir, 'admin-key');
    const createdAdminKey = await app.services.credentials.bootstrapAdminKey();
    if (createdAdminKey) {
      writeFileSync(adminKeyPath, createdAdminKey + '\n', { mode: 0o600 });
      chmodSync(adminKeyPath, 0o600);
    }
    const address = await app.listen({ host: config.host, port: config.port });
    const url = address.replace('[::1]', 'localhost').replace('127.0.0.1', 'localhost');
    let closing: Promise<void> | undefined;
    const running: RunningServer = {
      app,
      store,
      url,
      adminKeyPath: createdAdminKey || existsSync(adminKeyPath) ? adminKeyPath : '',
      createdAdminKey,
      close: () => {
        // Stops accepting connections, lets in-flight requests finish, then closes the store.
        closing ??= (async () => {
          await running.app.close();
          await store.close();
        })();
        return closing;
      },
    };
    return running;
  } catch (error) {
    await app?.close().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw error;
  }
}

export interface RunningWorker {
  app: AppWithServices;
  store: Store;
  /** Where the worker answers /metrics, /healthz and /readyz (when started with a metrics port). */
  metricsUrl: string | null;
  close(): Promise<void>;
}

/** The only paths a worker answers on its metrics port. */
const WORKER_PATHS = new Set(['/metrics', '/healthz', '/readyz']);

/**
 * A worker's own small listener for Prometheus and health checks: its job durations and counts
 * exist only in the process that ran the jobs. The requests go through the app's own routes
 * (`inject`), so a metrics token and `--no-metrics` apply as on an API process; the API itself is
 * not served here.
 */
async function listenForMetrics(app: AppWithServices, host: string, port: number): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (req.method !== 'GET' || !WORKER_PATHS.has(path)) {
      res.writeHead(404, { 'content-type': PROBLEM_CONTENT_TYPE });
      const detail =
        'A worker process answers only GET /metrics, /healthz and /readyz; the API is on the serve processes.';
      res.end(JSON.stringify(toProblem('not_found', detail)));
      return;
    }
    const authorization = req.headers.authorization;
    app
      .inject({ method: 'GET', url: req.url ?? path, headers: authorization ? { authorization } : {} })
      .then((answer) => {
        const type = answer.headers['content-type'];
        res.writeHead(answer.statusCode, type ? { 'content-type': String(type) } : {});
        res.end(answer.rawPayload);
      })
      .catch(() => {
        res.writeHead(500);
        res.end();
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}

/**
 * A worker process: the job runner and the schedule, on the shared store, without an HTTP
 * listener. Its close hands unfinished jobs back to the queue.
 */
export async function startWorker(
  config: Config,
  options: { jobTypes?: readonly JobTypeDefinition[]; metricsPort?: number } = {},
): Promise<RunningWorker> {
  applyRuntimeFlags();
  mkdirSync(config.dataDir, { recursive: true });
  let app: AppWithServices | undefined;
  const store = openStore(config.databaseUrl, {
    poolSize: config.poolSize,
    preparedStatements: config.pgPreparedStatements,
    onIdleError: (error) =>
      app?.log.warn({ err: error }, 'idle database connection failed; it will be replaced'),
  });
  try {
    await store.migrate();
    app = await buildApp({ config: { ...config, worker: true }, store, jobTypes: options.jobTypes ?? [] });
    await app.ready();
    const worker = app;
    const metrics =
      options.metricsPort === undefined
        ? null
        : await listenForMetrics(worker, config.host, options.metricsPort);
    const address = metrics?.address() as AddressInfo | undefined;
    let closing: Promise<void> | undefined;
    return {
      app: worker,
      store,
      metricsUrl: address
        ? `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${address.port}`
        : null,
      close: () => {
        closing ??= (async () => {
          if (metrics) {
            metrics.closeAllConnections();
            await new Promise<void>((resolve) => metrics.close(() => resolve()));
          }
          await worker.close();
          await store.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    await app?.close().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw error;
  }
}
