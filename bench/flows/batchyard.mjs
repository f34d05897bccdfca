// Batchyard in the flows benchmark: a flow created through the flow service of an app with
// in-process handlers, on the embedded store (SQLite) or PostgreSQL.
import os from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp, loadConfig, openStore } from '@batchyard/server';
import { CONCURRENCY, postgres as pgAdmin } from './settings.mjs';
import { record } from './timing.mjs';

export const settings = { jobConcurrency: CONCURRENCY, leaseSeconds: 30, poolSize: 10 };

const PRINCIPAL = { kind: 'key', id: 'bench', name: 'bench', workspaceId: null, role: 'admin' };

export function batchyard({ name, postgres = false }) {
  let dataDir;
  let db;
  let store;
  let app;
  let workspaceId;
  return {
    name,
    peer: false,
    async setup() {
      dataDir = mkdtempSync(join(os.tmpdir(), `bench-${name}-`));
      let url = `sqlite:${join(dataDir, 'batchyard.db')}`;
      if (postgres) {
        db = await pgAdmin.createDatabase(name);
        url = db.url;
      }
      store = openStore(url, { poolSize: 10 });
      await store.migrate();
      app = await buildApp({
        store,
        logger: false,
        config: loadConfig(
          {
            dataDir,
            logLevel: 'silent',
            jwtSecret: 'x'.repeat(32),
            worker: true,
            jobConcurrency: CONCURRENCY,
            leaseSeconds: 30,
            rateLimitPerMinute: 0,
            poolSize: 10,
          },
          {},
        ),
        jobTypes: [
          {
            name: 'bench.step',
            description: 'records its start and end by role',
            handler: async (ctx) => {
              record(ctx.arguments.role);
              return null;
            },
          },
        ],
      });
      workspaceId = (await app.services.workspaces.create(undefined, { name: 'bench' })).id;
      await app.ready();
    },
    /** Runs `jobs` (key → {role, dependsOn}) as one flow; resolves when it has ended. */
    async runGraph(jobs) {
      const flow = await app.services.flows.create(PRINCIPAL, {
        name: 'bench',
        workspaceId,
        jobs: Object.fromEntries(
          Object.entries(jobs).map(([key, job]) => [
            key,
            {
              type: 'bench.step',
              arguments: { role: job.role },
              maxAttempts: 1,
              ...(job.dependsOn ? { dependsOn: job.dependsOn } : {}),
            },
          ]),
        ),
      });
      const ended = await app.services.flows.get(PRINCIPAL, flow.id, 60);
      if (ended.status !== 'succeeded') throw new Error(`flow ${flow.id} ended ${ended.status}`);
    },
    async teardown() {
      await app?.close().catch(() => undefined);
      await store?.close().catch(() => undefined);
      if (db) await pgAdmin.dropDatabase(db.name);
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
