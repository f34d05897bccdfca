// The claim queue when a suspended batch holds many pending tasks ahead of an active batch:
// before (one index read of the project's queue, stepping over each suspended task) and after
// (the active batches first, then each one's queue: store/queries/tasks/claim.ts).
//
//   npx tsx bench/claims/suspended-batch.ts sqlite|postgres [suspendedTasks=50000]
//
// Prints the median time of each statement (run directly, 30 times) and of whole claims through
// the API (claim then submit), and on PostgreSQL the buffers each statement reads.
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { startTestServer } from '../../test/support/server.js';

const dialect = (process.argv[2] ?? 'sqlite') as 'sqlite' | 'postgres';
const SUSPENDED = Number(process.argv[3] ?? 50_000);
const RUNS = 30;

const server = await startTestServer(dialect);
const { app } = server;
async function api(method: string, url: string, token: string, body?: unknown) {
  const res = await app.inject({
    method: method as 'GET',
    url,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { payload: JSON.stringify(body) } : {}),
  });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.statusCode === 204 ? null : res.json();
}
async function finished(token: string, id: string) {
  for (;;) {
    const job = await api('GET', `/v1/jobs/${id}?wait=10`, token);
    if (['succeeded', 'failed', 'aborted'].includes(job.status)) return job;
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function timed(fn: () => Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

try {
  const ws = await api('POST', '/v1/workspaces', server.adminToken, { name: 'bench' });
  const admin = (
    await api('POST', '/v1/keys', server.adminToken, { name: 'a', role: 'admin', workspaceId: ws.id })
  ).token as string;
  const project = await api('POST', '/v1/projects', admin, { name: 'queue' });
  const dataset = await api('POST', '/v1/datasets', admin, {
    projectId: project.id,
    name: 'd',
    columns: [{ name: 'v', type: 'numeric' }],
  });
  const batch = async (name: string) =>
    (
      await finished(
        admin,
        (await api('POST', `/v1/datasets/${dataset.id}/batches`, admin, { name, rows: [{ v: 1 }] })).id,
      )
    ).result.batchId as string;
  const suspended = await batch('suspended');
  for (let i = 0; i < SUSPENDED; i += 10_000) {
    const tasks = Array.from({ length: Math.min(10_000, SUSPENDED - i) }, (_, j) => ({ name: `s${i + j}` }));
    await api('POST', `/v1/batches/${suspended}/tasks`, admin, { tasks });
  }
  const active = await batch('active');
  await api('POST', `/v1/batches/${active}/tasks`, admin, {
    tasks: Array.from({ length: 200 }, (_, j) => ({ name: `a${j}` })),
  });
  await finished(
    admin,
    (await api('POST', `/v1/datasets/${dataset.id}/batches/suspend`, admin, { ids: [suspended] })).id,
  );
  const member = await api('POST', '/v1/members', admin, {
    name: 'm',
    email: 'm@example.org',
    role: 'annotator',
  });
  const token = (await api('POST', '/v1/keys', admin, { name: 'm', memberId: member.id })).token as string;
  const db = server.store.db;
  if (dialect === 'postgres') await sql`analyze`.execute(db);

  const eligible = sql`(t.assignee_id is null or t.assignee_id = ${member.id})
    and not exists (select 1 from task_skips s where s.task_id = t.id and s.member_id = ${member.id})`;
  const before = sql`select t.id from tasks t
    where t.project_id = ${project.id} and t.status = 'pending' and ${eligible}
      and exists (select 1 from batches b where b.id = t.batch_id and b.state = 'active')
    order by t.priority desc, t.id limit 1`;
  const heads = sql`select h.batch_id from (
      select b.id as batch_id,
        (select t.id from tasks t where t.batch_id = b.id and t.status = 'pending' and ${eligible}
          order by t.priority desc, t.id limit 1) as head
      from batches b where b.project_id = ${project.id} and b.state = 'active') h
    join tasks c on c.id = h.head order by c.priority desc, c.id`;
  const queue = sql`select t.id from tasks t
    where t.batch_id = ${active} and t.status = 'pending' and ${eligible}
    order by t.priority desc, t.id limit 1`;

  // Both find the active batch's first task.
  const first = (await before.execute(db)).rows[0] as { id: string };
  const order = (await heads.execute(db)).rows as { batch_id: string }[];
  const head = (await queue.execute(db)).rows[0] as { id: string };
  if (first.id !== head.id || order.length !== 1 || order[0]!.batch_id !== active)
    throw new Error(`the statements disagree: ${JSON.stringify({ first, order, head })}`);
  const beforeMs = await timed(() => before.execute(db));
  const afterMs = await timed(async () => {
    await heads.execute(db);
    await queue.execute(db);
  });
  const claimMs = await timed(async () => {
    const task = await api('POST', '/v1/tasks/claim', token, { projectId: project.id });
    await api('POST', `/v1/tasks/${task.id}/submit`, token, {});
  });
  console.log(
    `${dialect}: ${SUSPENDED} pending tasks in a suspended batch ahead of an active one: ` +
      `before ${beforeMs.toFixed(2)} ms, after ${afterMs.toFixed(2)} ms (statements, median of ${RUNS}); ` +
      `a whole claim + submit through the API now ${claimMs.toFixed(2)} ms`,
  );
  if (dialect === 'postgres') {
    for (const [name, statement] of [
      ['before', before],
      ['after: active batches', heads],
      ['after: the batch queue', queue],
    ] as const) {
      const { rows } = await sql<{
        'QUERY PLAN': string;
      }>`explain (analyze, buffers, format text) ${statement}`.execute(db);
      const plan = rows.map((r) => r['QUERY PLAN']);
      const buffers = plan.find((l) => l.includes('Buffers')) ?? '';
      const time = plan.find((l) => l.startsWith('Execution Time')) ?? '';
      console.log(`  ${name}: ${buffers.trim()}; ${time}`);
    }
  }
} finally {
  await server.close();
}
