// `node bench/load/round-trip-cost.mjs`: the CPU one trivial statement costs on this machine, in
// Node (pg's client) and in PostgreSQL, over TCP on loopback and over PostgreSQL's Unix socket.
// Every request of the load benchmark makes 1–4 round trips (round-trips.mjs), so this is the floor
// under each one. BENCH_PG_SOCKET_DIR (/var/run/postgresql) names the socket's directory.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { postgresCpuS } from '../lib/server.mjs';

const require = createRequire(new URL('../../packages/server/package.json', import.meta.url));
const pg = require('pg');
const N = 5000;
const SOCKET_DIR = process.env.BENCH_PG_SOCKET_DIR ?? '/var/run/postgresql';

for (const [label, host] of [
  ['tcp 127.0.0.1', '127.0.0.1'],
  ['unix socket', SOCKET_DIR],
  ['tcp 127.0.0.1', '127.0.0.1'],
  ['unix socket', SOCKET_DIR],
]) {
  const client = new pg.Client({ host, user: 'postgres', database: 'postgres' });
  await client.connect();
  for (let i = 0; i < 500; i++) await client.query('select $1::int as x', [i]);
  const node0 = process.cpuUsage();
  const pg0 = postgresCpuS();
  const t0 = performance.now();
  for (let i = 0; i < N; i++) await client.query('select $1::int as x', [i]);
  const wallUs = ((performance.now() - t0) * 1000) / N;
  const node = process.cpuUsage(node0);
  const pgUs = ((postgresCpuS() - pg0) * 1e6) / N;
  console.log(
    `${label}: ${wallUs.toFixed(0)} µs a round trip; CPU: Node ${((node.user + node.system) / N).toFixed(0)} µs, PostgreSQL ${pgUs.toFixed(0)} µs`,
  );
  await client.end();
}
