import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp, type AppWithServices } from './app.js';
import type { Config } from './config.js';
import type { JobTypeDefinition } from './engine/index.js';
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
  mkdirSync(config.dataDir, { recursive: true });
  const store = openStore(config.databaseUrl, {
    poolSize: config.poolSize,
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
  close(): Promise<void>;
}

/**
 * A worker process: the job runner and the schedule, on the shared store, without an HTTP
 * listener. Its close hands unfinished jobs back to the queue.
 */
export async function startWorker(
  config: Config,
  options: { jobTypes?: readonly JobTypeDefinition[] } = {},
): Promise<RunningWorker> {
  mkdirSync(config.dataDir, { recursive: true });
  let app: AppWithServices | undefined;
  const store = openStore(config.databaseUrl, {
    poolSize: config.poolSize,
    onIdleError: (error) =>
      app?.log.warn({ err: error }, 'idle database connection failed; it will be replaced'),
  });
  try {
    await store.migrate();
    app = await buildApp({ config: { ...config, worker: true }, store, jobTypes: options.jobTypes ?? [] });
    await app.ready();
    const worker = app;
    let closing: Promise<void> | undefined;
    return {
      app: worker,
      store,
      close: () => {
        closing ??= (async () => {
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
