// The Batchyard server of a benchmark, in a process of its own (forked by bench/lib/server.mjs):
// `node bench/lib/server-child.mjs <databaseUrl> <dataDir>`. buildApp + listen on 127.0.0.1 with the
// logger and rate limit off, the in-process job runner on and the V8 flags of `batchyard serve`; it
// answers 'memory', 'live-memory' (after a full GC, with --expose-gc) and 'stop'.
import { applyRuntimeFlags, buildApp, loadConfig, openStore } from '@batchyard/server';

const [, , url, dataDir] = process.argv;
// As `batchyard serve` does (startServer), before the store and the app exist.
applyRuntimeFlags();
// Only BATCHYARD_PG_PREPARED_STATEMENTS is taken from the environment (to compare with and without).
const config = loadConfig(
  { dataDir, logLevel: 'silent', jwtSecret: 'x'.repeat(32), rateLimitPerMinute: 0, poolSize: 10 },
  { BATCHYARD_PG_PREPARED_STATEMENTS: process.env.BATCHYARD_PG_PREPARED_STATEMENTS },
);
const store = openStore(url, { poolSize: config.poolSize, preparedStatements: config.pgPreparedStatements });
await store.migrate();
const app = await buildApp({ store, logger: false, config });
const token = await app.services.credentials.bootstrapAdminKey();
await app.ready();
const base = await app.listen({ port: 0, host: '127.0.0.1' });
process.send({ ready: true, base, token });
process.on('message', async (message) => {
  if (message === 'memory') {
    process.send({ memory: process.memoryUsage() });
    return;
  }
  // Live memory: after a full collection (the child must run with --expose-gc).
  if (message === 'live-memory') {
    globalThis.gc?.();
    process.send({ memory: process.memoryUsage() });
    return;
  }
  if (message !== 'stop') return;
  await app.close();
  await store.close();
  process.exit(0);
});
