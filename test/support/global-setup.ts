import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { testPostgresUrl } from './env.js';
import { prepareSeedClients } from './seed-clients.js';

const root = new URL('../..', import.meta.url).pathname;

/** The newest modification time of any file under `dir` (0 when it does not exist). */
function newest(dir: string): number {
  let latest = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true, recursive: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

/**
 * Tests import the packages from source, but the processes they start (the CLI, `node -e` racers,
 * the dashboard's bundle) run the builds: a build older than its sources would test stale code.
 */
function refuseStaleBuilds(): void {
  const stale = ['server', 'sdk', 'cli', 'web'].filter((pkg) => {
    const built = newest(join(root, 'packages', pkg, 'dist'));
    return built === 0 || newest(join(root, 'packages', pkg, 'src')) > built;
  });
  if (stale.length > 0)
    throw new Error(
      `the build of ${stale.map((p) => `packages/${p}`).join(', ')} is missing or older than its sources: ` +
        'run `npm run build` first (npm test does)',
    );
}

/** Fails the whole run at once on a stale build, or when PostgreSQL tests are on and unreachable. */
export default async function globalSetup(project: TestProject): Promise<void> {
  refuseStaleBuilds();
  provideSeedClients(project);
  const url = testPostgresUrl();
  if (url === null) {
    console.warn(
      '\n*** BATCHYARD_TEST_POSTGRES_URL=off: PostgreSQL tests are NOT running (SQLite only). ***\n',
    );
    return;
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    throw new Error(
      `PostgreSQL for tests is unreachable at ${url} (${(error as Error).message}). Start it, point ` +
        'BATCHYARD_TEST_POSTGRES_URL at a server, or set BATCHYARD_TEST_POSTGRES_URL=off to run SQLite only.',
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The python holding the five seed clients ('' when there is none). */
    seedPython: string;
    /** Why there is none ('' when there is). */
    seedClientsProblem: string;
  }
}

/** Builds (or finds) the seed clients' python once per run; without it the compat client suites say so loudly. */
function provideSeedClients(project: TestProject): void {
  const prepared = prepareSeedClients();
  project.provide('seedPython', 'python' in prepared ? prepared.python : '');
  project.provide('seedClientsProblem', 'problem' in prepared ? prepared.problem : '');
  if ('problem' in prepared) console.warn(`\n*** The seed clients are NOT tested: ${prepared.problem} ***\n`);
}
