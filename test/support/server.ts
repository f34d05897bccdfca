import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildApp,
  loadConfig,
  type AppWithServices,
  type ConfigInput,
  type JobTypeDefinition,
  type Store,
} from '@batchyard/server';
import type { TestDialect } from './env.js';
import { createTestStore } from './store.js';

export interface TestServer {
  dialect: TestDialect;
  app: AppWithServices;
  store: Store;
  /** Base URL of the listening server (real HTTP on 127.0.0.1, random port). */
  url: string;
  /** The database the server uses (a fresh one per server). */
  databaseUrl: string;
  /** An instance-wide admin API key. */
  adminToken: string;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * The real server on a fresh database, listening on a random port. Use `app.inject()` for
 * route-level tests and `url` for SDK and CLI tests over real HTTP.
 */
export async function startTestServer(
  dialect: TestDialect,
  config: ConfigInput = {},
  options: { jobTypes?: JobTypeDefinition[] } = {},
): Promise<TestServer> {
  const { store, url: databaseUrl, drop } = await createTestStore(dialect);
  const dataDir = mkdtempSync(join(tmpdir(), 'batchyard-data-'));
  const app = await buildApp({
    config: loadConfig({ dataDir, databaseUrl, logLevel: 'silent', port: 0, ...config }, {}),
    store,
    logger: false,
    jobTypes: options.jobTypes ?? [],
  });
  const adminToken = await app.services.credentials.bootstrapAdminKey();
  if (!adminToken) throw new Error('fresh database already had an admin key');
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    dialect,
    app,
    store,
    url: address,
    databaseUrl,
    adminToken,
    dataDir,
    close: async () => {
      // A connection a client opened but never used would hold close() for the headers timeout.
      app.server.closeAllConnections();
      await app.close();
      await drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
