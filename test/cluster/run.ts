/**
 * The scale-out check (`npm run test:cluster`): a Batchyard deployment split into processes on one
 * fresh PostgreSQL database, loaded through the SDK while processes are killed with SIGKILL and
 * restarted, then checked from the database itself.
 *
 * Processes (each a child process, logs under the run's directory):
 * - 2 API processes: `batchyard serve --no-worker` (the real CLI binary, packages/cli/dist/bin.js);
 * - 2 worker processes: `batchyard worker` (built-in job types: the append, system.sleep);
 * - 2 remote workers: the SDK's createWorker (test/cluster/remote-worker.ts) running the custom
 *   type `cluster.record`, claiming over HTTP from both API processes (BATCHYARD_URL="a,b").
 *   Custom job types run this way in a real deployment: the stock `batchyard worker` binary has no
 *   way to load your code, and remote workers deploy, scale and fail independently of the server.
 *
 * Load, all at once: JOBS `cluster.record` jobs (jobs.createMany), TASKS task creations
 * (tasks.create, 1000 per request), one batch append of SOURCE_ROWS rows (a job on the `batchyard
 * worker` processes), and long-poll and event-stream waits on `system.sleep` jobs held by API
 * process 1. Midway, API process 1, one `batchyard worker` (the one running the append, if any)
 * and remote worker 1 are killed with SIGKILL, then restarted. A second before the kills, two flows
 * of `cluster.flow` jobs (run by the remote workers) start: a diamond whose head runs past the
 * restart, and a 500-way fan-in whose parents (2 s each) are in flight when remote worker 1 dies.
 *
 * "Exactly once" here (leases give at-least-once execution, exactly-once completion):
 * - every job ends `succeeded`, once: its row has one outcome, written by the execution holding the
 *   lease of its last attempt (result.attempt = job.attempt, and that execution is on record);
 * - no two executions of one attempt (the lease excludes concurrent runs of a job);
 * - a job runs more than once only when an earlier attempt's worker, or the API process relaying
 *   its claim or completion, was killed: every extra execution has a lower attempt number than the
 *   final one and was in flight at a kill (by the killed remote worker, or started at most one
 *   lease before a kill). The handler's effect is keyed by job id, so a re-run is harmless.
 *
 * Sizes: CLUSTER_JOBS, CLUSTER_TASKS, CLUSTER_SOURCE_ROWS, CLUSTER_SPREAD_MS (how long the load
 * is spread over; the kills come at its middle). PostgreSQL: BATCHYARD_TEST_POSTGRES_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres); unreachable is a failure, never a skip.
 * Ends with "cluster: N passed, N failed" (one per check) and exits non-zero when any check failed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Batchyard, type Job, type JobHandle } from '@batchyard/sdk';

const root = new URL('../..', import.meta.url).pathname;
const BIN = join(root, 'packages/cli/dist/bin.js');
const num = (name: string, fallback: number) => {
  const value = process.env[name];
  return value ? Number(value) : fallback;
};
const JOBS = num('CLUSTER_JOBS', 20_000);
const TASKS = num('CLUSTER_TASKS', 100_000);
const SOURCE_ROWS = num('CLUSTER_SOURCE_ROWS', 100_000);
const SPREAD_MS = num('CLUSTER_SPREAD_MS', 24_000);
const LEASE_SECONDS = 10;
const JOB_CHUNK = 250;
const TASK_CHUNK = 1000;
const SLEEP_MS = 15_000;
const ADMIN_URL = process.env.BATCHYARD_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
const log = (message: string) => console.log(`[cluster ${elapsed()}] ${message}`);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// Checks

const results: Array<{ name: string; ok: boolean; detail: string }> = [];
function check(name: string, ok: boolean, detail = ''): void {
  results.push({ name, ok, detail });
  console.log(`${ok ? '  ✓' : '  ✗'} ${name}${detail ? ` — ${detail}` : ''}`);
}
function finish(extraFailure?: string): never {
  if (extraFailure) check('the run completed', false, extraFailure);
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  // The last line, read by .ci/run to add these checks to the run's total.
  console.log(`\ncluster (${elapsed()}):`);
  console.log(`cluster: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

// ---------------------------------------------------------------------------------------------
// Processes

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

class Proc {
  child: ChildProcess | undefined;
  starts = 0;
  constructor(
    readonly name: string,
    readonly args: string[],
    readonly env: Record<string, string>,
    readonly ready: RegExp,
    readonly logDir: string,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Spawns it and resolves once its output matches `ready`. */
  start(): Promise<void> {
    this.starts++;
    const out = createWriteStream(join(this.logDir, `${this.name}.${this.starts}.log`));
    const child = spawn(process.execPath, this.args, {
      cwd: root,
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout!.pipe(out);
    child.stderr!.pipe(out);
    return new Promise((resolve, reject) => {
      let seen = '';
      const timer = setTimeout(() => reject(new Error(`${this.name} did not start in 60 s`)), 60_000);
      const onData = (chunk: Buffer) => {
        seen += chunk.toString();
        if (this.ready.test(seen)) {
          clearTimeout(timer);
          child.stdout!.off('data', onData);
          resolve();
        }
      };
      child.stdout!.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${this.name} exited with ${code} during start-up:\n${seen.slice(-2000)}`));
      });
    });
  }

  exited(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => child.once('exit', () => resolve()));
  }

  async kill9(): Promise<void> {
    this.child?.kill('SIGKILL');
    await this.exited();
  }

  /** SIGTERM, then SIGKILL after `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), graceMs);
    await this.exited();
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------------------------

interface WaitOutcome {
  kind: 'long-poll' | 'event stream';
  job?: Job;
  error?: unknown;
  onKilledApiAtKill: boolean;
  baseUrlAfter: string;
  progressAfterKill: number;
}

// Whatever goes wrong outside the checks still ends with the count line, as a failure.
process.on('unhandledRejection', (error) =>
  finish(`unhandled rejection: ${String((error as Error)?.stack ?? error)}`),
);
process.on('uncaughtException', (error) => finish(`uncaught exception: ${String(error.stack ?? error)}`));

async function main(): Promise<void> {
  if (ADMIN_URL === 'off') {
    // Asked for explicitly (the SQLite half of the suite only): said so, never silent.
    console.log('cluster: not run: BATCHYARD_TEST_POSTGRES_URL=off (it needs PostgreSQL)');
    console.log('cluster: 0 passed, 0 failed');
    process.exit(0);
  }
  // --- database ------------------------------------------------------------------------------
  const dbName = `batchyard_cluster_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 5000 });
  try {
    await admin.connect();
    await admin.query(`create database ${dbName}`);
  } catch (error) {
    console.error(`PostgreSQL is unreachable at ${ADMIN_URL}: ${(error as Error).message}`);
    finish(`PostgreSQL unreachable at ${ADMIN_URL}`);
  } finally {
    await admin.end().catch(() => undefined);
  }
  const dbUrl = new URL(ADMIN_URL);
  dbUrl.pathname = `/${dbName}`;
  const databaseUrl = dbUrl.toString();
  const db = new pg.Pool({ connectionString: databaseUrl, max: 3 });
  const dir = mkdtempSync(join(tmpdir(), 'batchyard-cluster-'));
  const logDir = join(dir, 'logs');
  mkdirSync(logDir);
  log(`database ${dbName}, files in ${dir}`);

  const procs: Proc[] = [];
  let keepDir = false;
  const cleanup = async () => {
    await Promise.all(procs.map((p) => p.stop()));
    await db.end().catch(() => undefined);
    const drop = new pg.Client({ connectionString: ADMIN_URL });
    try {
      await drop.connect();
      await drop.query(`drop database if exists ${dbName} with (force)`);
    } catch (error) {
      console.error(`could not drop ${dbName}: ${(error as Error).message}`);
    } finally {
      await drop.end().catch(() => undefined);
    }
    if (!keepDir) rmSync(dir, { recursive: true, force: true });
    else log(`logs kept in ${logDir}`);
  };

  try {
    if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run \`npm run build\` first`);
    // --- processes -----------------------------------------------------------------------------
    const jwtSecret = randomBytes(32).toString('hex');
    const common = { BATCHYARD_DATABASE_URL: databaseUrl, BATCHYARD_JWT_SECRET: jwtSecret };
    const ports = [await freePort(), await freePort()];
    const apiUrls = ports.map((port) => `http://127.0.0.1:${port}`);
    const apis = ports.map(
      (port, i) =>
        new Proc(
          `api${i + 1}`,
          [BIN, 'serve', '--no-worker', '--host', '127.0.0.1', '--port', String(port)].concat(
            ['--data-dir', join(dir, `api${i + 1}`), '--pool-size', '6', '--rate-limit', '0'],
            ['--log-level', 'warn'],
          ),
          common,
          /Batchyard is running at/,
          logDir,
        ),
    );
    const workers = [1, 2].map(
      (i) =>
        new Proc(
          `worker${i}`,
          [BIN, 'worker', '--data-dir', join(dir, `worker${i}`), '--pool-size', '4'].concat([
            '--lease-seconds',
            String(LEASE_SECONDS),
            '--job-concurrency',
            '4',
            '--log-level',
            'warn',
          ]),
          common,
          /Batchyard worker is running/,
          logDir,
        ),
    );
    procs.push(...apis, ...workers);
    let phase = Date.now();
    await apis[0]!.start(); // the first start creates the admin key
    await Promise.all([apis[1]!.start(), ...workers.map((w) => w.start())]);
    const adminKey = readFileSync(join(dir, 'api1', 'admin-key'), 'utf8').trim();
    log(`2 API + 2 worker processes up in ${Date.now() - phase} ms (${apiUrls.join(', ')})`);

    // --- workspace, credentials, job type, datasets --------------------------------------------
    const setup = new Batchyard({ baseUrl: apiUrls, token: adminKey });
    const workspace = await setup.workspaces.create({ name: 'cluster' });
    const editorToken = (
      await setup.keys.create({ name: 'driver', role: 'admin', workspaceId: workspace.id })
    ).token;
    const workerToken = (
      await setup.keys.create({ name: 'remote-workers', role: 'worker', workspaceId: workspace.id })
    ).token;
    // Two drivers, each preferring another API process (a client sticks to one until it fails).
    const clientA = new Batchyard({ baseUrl: apiUrls, token: editorToken, maxRetries: 4 });
    const clientB = new Batchyard({ baseUrl: [...apiUrls].reverse(), token: editorToken, maxRetries: 4 });
    await clientA.jobs.types.put('cluster.record', {
      description: 'records each execution (cluster run)',
      argumentsSchema: { type: 'object', required: ['n'], properties: { n: { type: 'integer' } } },
    });
    await clientA.jobs.types.put('cluster.flow', {
      description: 'a job of a flow, sleeping `ms` (cluster run)',
      argumentsSchema: { type: 'object', properties: { ms: { type: 'integer' } } },
    });
    const project = await clientA.projects.create({ workspaceId: workspace.id, name: 'cluster' });
    const taskDataset = await clientA.datasets.create({
      projectId: project.id,
      name: 'for-tasks',
      columns: [{ name: 'k', type: 'text' }],
    });
    const taskBatch = (
      await (await clientA.batches.create(taskDataset.id, [{ k: 'one' }], { name: 'tasks' })).wait()
    ).result as { batchId: string };
    const columns = [
      { name: 'k', type: 'text' as const },
      { name: 'v', type: 'numeric' as const },
    ];
    const source = await clientA.datasets.create({ projectId: project.id, name: 'source', columns });
    const target = await clientA.datasets.create({ projectId: project.id, name: 'target', columns });
    phase = Date.now();
    async function* sourceRows() {
      for (let i = 0; i < SOURCE_ROWS; i++) yield { k: `r${i}`, v: i };
    }
    const ingest = await (
      await clientA.batches.create(source.id, sourceRows(), { total: SOURCE_ROWS })
    ).wait();
    log(`uploaded ${SOURCE_ROWS} source rows in ${Date.now() - phase} ms (${ingest.status})`);

    // --- remote workers --------------------------------------------------------------------------
    const remotes = [1, 2].map(
      (i) =>
        new Proc(
          `remote${i}`,
          ['--import', 'tsx', join(root, 'test/cluster/remote-worker.ts')],
          {
            BATCHYARD_URL: (i === 1 ? apiUrls : [...apiUrls].reverse()).join(','),
            BATCHYARD_TOKEN: workerToken,
            RECORD_FILE: join(dir, `executions-${i}.log`),
            WORKER_NAME: `remote${i}`,
            WORKER_LEASE_SECONDS: String(LEASE_SECONDS),
          },
          /^ready /m,
          logDir,
        ),
    );
    procs.push(...remotes);
    await Promise.all(remotes.map((r) => r.start()));
    // Each process is up only once it said so (Proc.start waits for its ready line) and still runs.
    const upProcs = procs.filter((p) => p.child?.exitCode === null && p.child.signalCode === null);
    check(
      'cluster up: 2 API processes, 2 worker processes, 2 remote workers',
      procs.length === 6 && upProcs.length === 6,
      `${upProcs.length} of ${procs.length} processes running`,
    );

    // --- load ------------------------------------------------------------------------------------
    const loadStart = Date.now();
    const killAt = loadStart + SPREAD_MS / 2;
    /** Waits until `index` of `count` chunks is due, spreading a lane over SPREAD_MS. */
    const paced = async (index: number, count: number) => {
      const due = loadStart + (SPREAD_MS * 0.9 * index) / count;
      if (due > Date.now()) await pause(due - Date.now());
    };

    // Waits held by API process 1 (each client prefers it): long-poll and event stream.
    const sleepers: JobHandle[] = [];
    for (let i = 0; i < 4; i++) {
      sleepers.push(
        await clientA.jobs.create({ type: 'system.sleep', arguments: { ms: SLEEP_MS, steps: 30 } }),
      );
    }
    let killed = false;
    const waitClients: Array<{ client: Batchyard; outcome: WaitOutcome }> = [];
    const waitOutcomes: Promise<WaitOutcome>[] = sleepers.map(async (handle, i) => {
      const client = new Batchyard({ baseUrl: apiUrls, token: editorToken });
      const kind = i % 2 === 0 ? 'long-poll' : 'event stream';
      let progressAfterKill = 0;
      const outcome: WaitOutcome = {
        kind,
        onKilledApiAtKill: false,
        baseUrlAfter: '',
        progressAfterKill: 0,
      };
      waitClients.push({ client, outcome });
      try {
        outcome.job = await client.jobs.wait(handle.id, {
          ...(kind === 'event stream'
            ? {
                onProgress: () => {
                  if (killed) progressAfterKill++;
                },
              }
            : {}),
          timeoutMs: 240_000,
        });
      } catch (error) {
        outcome.error = error;
      }
      outcome.baseUrlAfter = client.baseUrl;
      outcome.progressAfterKill = progressAfterKill;
      return outcome;
    });

    // Jobs: two lanes of createMany.
    const jobChunks = Math.ceil(JOBS / JOB_CHUNK);
    const ackedJobs = new Map<string, number>(); // id → n
    const uncertainJobChunks: number[] = [];
    const jobLane = async (lane: number, client: Batchyard) => {
      for (let c = lane; c < jobChunks; c += 2) {
        await paced(c, jobChunks);
        const body: Array<{ type: string; arguments: { n: number }; maxAttempts: number }> = [];
        for (let n = c * JOB_CHUNK; n < Math.min(JOBS, (c + 1) * JOB_CHUNK); n++) {
          body.push({ type: 'cluster.record', arguments: { n }, maxAttempts: 5 });
        }
        try {
          const handles = await client.jobs.createMany(body);
          handles.forEach((h, i) => ackedJobs.set(h.id, body[i]!.arguments.n));
        } catch (error) {
          // No answer (the API process died holding the request): reconciled below.
          uncertainJobChunks.push(c);
          log(`job chunk ${c}: ${(error as Error).name}: ${(error as Error).message.slice(0, 160)}`);
        }
      }
    };

    // Tasks: two lanes of 1000-task requests.
    const taskChunks = Math.ceil(TASKS / TASK_CHUNK);
    const ackedTasks = new Map<string, string>(); // name → id
    let taskRetries = 0;
    let skippedOnRetry = 0;
    const taskLane = async (lane: number, client: Batchyard) => {
      for (let c = lane; c < taskChunks; c += 2) {
        await paced(c, taskChunks);
        const items = [];
        for (let i = c * TASK_CHUNK; i < Math.min(TASKS, (c + 1) * TASK_CHUNK); i++) {
          items.push({ name: `t${String(i).padStart(6, '0')}`, data: { i } });
        }
        for (let attempt = 0; ; attempt++) {
          try {
            // A retry after an unanswered request skips what that request did create.
            const result = await client.tasks.create(taskBatch.batchId, items, {
              chunkSize: TASK_CHUNK,
              onExisting: attempt === 0 ? 'error' : 'skip',
            });
            if (result.failed > 0) throw new Error(`${result.failed} tasks failed`);
            for (const item of result.results) {
              // A skipped task (retry of an unanswered request) was created by that request: the
              // answer says it exists, without its id.
              const entry = item as { index: number; status: string; id?: string | null };
              if (entry.status === 'skipped') skippedOnRetry++;
              ackedTasks.set(items[entry.index]!.name, entry.id ?? '');
            }
            break;
          } catch (error) {
            taskRetries++;
            log(`task chunk ${c}: ${(error as Error).name}: ${(error as Error).message.slice(0, 160)}`);
            if (attempt >= 20) throw error;
            await pause(1000);
          }
        }
      }
    };

    // The append: created at the middle of the load; the kills wait for it to run, and take its worker.
    let appendId: string | undefined;
    const appendJob = (async () => {
      await pause(Math.max(0, killAt - Date.now()));
      const handle = await clientA.batches.createFromDataset(target.id, {
        sourceDatasetId: source.id,
        mapping: columns.map((c) => ({ source: c.name, target: c.name, expectedType: c.type })),
        name: 'appended',
      });
      appendId = handle.id;
      const waiter = new Batchyard({ baseUrl: apiUrls, token: editorToken });
      return waiter.jobs.wait(handle.id, { onProgress: () => undefined, timeoutMs: 240_000 });
    })();
    // Settled into a value at once: a rejection before the checks read it must not be unhandled
    // (it would kill this process before its count line).
    const appendOutcome = appendJob.catch((error: unknown) => error);

    // Flows: started a second before the kills, so that the kills land in them.
    const flowIds: string[] = [];
    const flows = (async () => {
      await pause(Math.max(0, killAt - 1000 - Date.now()));
      const step = (ms: number, dependsOn?: string[]) => ({
        type: 'cluster.flow',
        arguments: { ms },
        maxAttempts: 5,
        ...(dependsOn ? { dependsOn } : {}),
      });
      const diamond = await clientB.flows.create({
        name: 'diamond',
        jobs: {
          head: step(6000),
          left: step(500, ['head']),
          right: step(200, ['head']),
          tail: step(100, ['left', 'right']),
        },
      });
      const fanIn: Record<string, ReturnType<typeof step>> = {};
      const parents = Array.from({ length: 500 }, (_, i) => `p${i}`);
      for (const key of parents) fanIn[key] = step(2000);
      fanIn.sink = step(50, parents);
      const gathered = await clientB.flows.create({ name: 'fan-in', jobs: fanIn });
      flowIds.push(diamond.id, gathered.id);
      log(`flows started: diamond ${diamond.id}, fan-in ${gathered.id}`);
    })();

    // The kills.
    const victims: { remoteWorkerId?: string; cliWorker?: Proc; killTimes: number[] } = { killTimes: [] };
    const kills = (async () => {
      await pause(Math.max(0, killAt - Date.now()));
      // Up to 5 s for the append to be running, so that its worker is the one to die.
      let owner: string | null = null;
      for (let i = 0; i < 100 && owner === null; i++) {
        if (appendId) {
          const { rows } = await db.query<{ lease_owner: string | null; status: string }>(
            `select lease_owner, status from jobs where id = $1`,
            [appendId],
          );
          if (rows[0]?.status === 'running') owner = rows[0].lease_owner;
          else if (rows[0] && rows[0].status !== 'queued') break;
        }
        if (owner === null) await pause(50);
      }
      const ownerPid = Number(owner?.split(':')[1]);
      const cliVictim = workers.find((w) => w.pid === ownerPid) ?? workers[0]!;
      victims.cliWorker = cliVictim;
      victims.remoteWorkerId = `remote1-${remotes[0]!.pid}`;
      const onApi1 = waitClients.filter((w) => w.client.baseUrl === apiUrls[0]);
      for (const w of onApi1) w.outcome.onKilledApiAtKill = true;
      const running = await db.query<{ n: string }>(
        `select count(*) as n from jobs where status = 'running'`,
      );
      killed = true;
      victims.killTimes.push(Date.now());
      await Promise.all([apis[0]!.kill9(), cliVictim.kill9(), remotes[0]!.kill9()]);
      log(
        `SIGKILL: api1, ${cliVictim.name}${owner ? ' (running the append)' : ' (the append was not running)'}, remote1` +
          ` (${running.rows[0]!.n} jobs running; ${onApi1.length} waits held by api1)`,
      );
      await pause(2000);
      const restart = Date.now();
      await Promise.all([apis[0]!.start(), cliVictim.start(), remotes[0]!.start()]);
      victims.killTimes.push(Date.now());
      log(`restarted api1, ${cliVictim.name}, remote1 in ${Date.now() - restart} ms`);
    })();

    await Promise.all([
      jobLane(0, clientA),
      jobLane(1, clientB),
      taskLane(0, clientA),
      taskLane(1, clientB),
      kills,
      flows,
    ]);
    log(
      `load sent in ${Date.now() - loadStart} ms: ${ackedJobs.size} jobs and ${ackedTasks.size} tasks acknowledged` +
        ` (${uncertainJobChunks.length} job chunks unanswered, ${taskRetries} task requests retried)`,
    );

    // Unanswered job chunks: create what the store does not have (a client that got no answer
    // checks before sending again).
    if (uncertainJobChunks.length > 0) {
      const { rows } = await db.query<{ n: number }>(
        `select (arguments->>'n')::int as n from jobs where type = 'cluster.record'`,
      );
      const have = new Set(rows.map((r) => r.n));
      for (const c of uncertainJobChunks) {
        const body: Array<{ type: string; arguments: { n: number }; maxAttempts: number }> = [];
        for (let n = c * JOB_CHUNK; n < Math.min(JOBS, (c + 1) * JOB_CHUNK); n++) {
          if (!have.has(n)) body.push({ type: 'cluster.record', arguments: { n }, maxAttempts: 5 });
        }
        if (body.length === 0) continue;
        const handles = await clientB.jobs.createMany(body);
        handles.forEach((h, i) => ackedJobs.set(h.id, body[i]!.arguments.n));
        log(`job chunk ${c}: ${body.length} jobs were not in the store; created now`);
      }
    }

    // --- drain -------------------------------------------------------------------------------------
    phase = Date.now();
    const deadline = Date.now() + 240_000;
    for (;;) {
      const { rows } = await db.query<{ n: string }>(
        `select count(*) as n from jobs where status in ('waiting', 'queued', 'running')`,
      );
      if (Number(rows[0]!.n) === 0) break;
      if (Date.now() > deadline) {
        check('every job finished within 240 s of the load', false, `${rows[0]!.n} still queued or running`);
        break;
      }
      await pause(500);
    }
    const waits = await Promise.all(waitOutcomes);
    const append = await appendOutcome;
    log(`drained in ${Date.now() - phase} ms; load + drain ${Date.now() - loadStart} ms`);

    // --- checks ------------------------------------------------------------------------------------
    console.log('\nchecks:');
    // Jobs: one per n.
    const jobs = (
      await db.query<{
        id: string;
        n: number;
        status: string;
        attempt: number;
        result: { by: string; attempt: number; n: number } | null;
      }>(
        `select id, (arguments->>'n')::int as n, status, attempt, result from jobs where type = 'cluster.record'`,
      )
    ).rows.map((row) => ({
      ...row,
      result: typeof row.result === 'string' ? JSON.parse(row.result) : row.result,
    }));
    const perN = new Map<number, number>();
    for (const job of jobs) perN.set(job.n, (perN.get(job.n) ?? 0) + 1);
    const missingN = JOBS - [...perN.keys()].filter((n) => n >= 0 && n < JOBS).length;
    const doubledN = [...perN.values()].filter((count) => count > 1).length;
    check(
      `jobs: ${JOBS} cluster.record jobs, one per sequence number`,
      jobs.length === JOBS && missingN === 0 && doubledN === 0,
      `${jobs.length} in the store, ${missingN} missing, ${doubledN} created twice`,
    );
    const byId = new Map(jobs.map((job) => [job.id, job]));
    const lostAcked = [...ackedJobs.keys()].filter((id) => byId.get(id)?.status !== 'succeeded');
    check(
      'jobs: every acknowledged job is in the store and succeeded',
      ackedJobs.size === JOBS && lostAcked.length === 0,
      `${ackedJobs.size} acknowledged, ${lostAcked.length} not succeeded${lostAcked.length ? ` (${lostAcked.slice(0, 3).join(', ')})` : ''}`,
    );

    // Executions.
    const executions = new Map<string, Array<{ attempt: number; by: string; at: number }>>();
    for (const i of [1, 2]) {
      const file = join(dir, `executions-${i}.log`);
      if (!existsSync(file)) continue;
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        if (!line) continue;
        const [id, attempt, by, at] = line.split(' ');
        const list = executions.get(id!) ?? [];
        list.push({ attempt: Number(attempt), by: by!, at: Number(at) });
        executions.set(id!, list);
      }
    }
    let notSucceeded = 0;
    let unrecorded = 0;
    let sameAttemptTwice = 0;
    let badFinal = 0;
    let rerunJobs = 0;
    let extraExecutions = 0;
    let unexplained = 0;
    const firstKill = victims.killTimes[0] ?? Infinity;
    const lastRestart = victims.killTimes[1] ?? firstKill;
    for (const job of jobs) {
      if (job.status !== 'succeeded') notSucceeded++;
      const runs = executions.get(job.id) ?? [];
      if (runs.length === 0) {
        unrecorded++;
        continue;
      }
      if (new Set(runs.map((r) => r.attempt)).size !== runs.length) sameAttemptTwice++;
      const final = runs.find((r) => r.by === job.result?.by && r.attempt === job.result?.attempt);
      if (!final || job.result?.attempt !== job.attempt || job.result?.n !== job.n) badFinal++;
      if (runs.length > 1) {
        rerunJobs++;
        extraExecutions += runs.length - 1;
        for (const run of runs) {
          if (run === final) continue;
          const byKilledWorker = run.by === victims.remoteWorkerId;
          const inFlightAtKill =
            run.at >= firstKill - LEASE_SECONDS * 1000 - 2000 && run.at <= lastRestart + 1000;
          if (run.attempt >= job.attempt || !(byKilledWorker || inFlightAtKill)) unexplained++;
        }
      }
    }
    const retried = jobs.filter((job) => job.attempt > 1).length;
    check(
      'jobs: exactly once — each ended succeeded once, by the execution holding its last attempt',
      notSucceeded === 0 && unrecorded === 0 && badFinal === 0,
      `${notSucceeded} not succeeded, ${unrecorded} with no execution on record, ${badFinal} whose result is not from its last attempt`,
    );
    check(
      'jobs: no attempt ran twice (leases exclude concurrent runs)',
      sameAttemptTwice === 0,
      `${sameAttemptTwice} jobs with two executions of one attempt`,
    );
    check(
      'jobs: re-runs only of executions in flight at the kills, each under a new attempt',
      unexplained === 0,
      `${retried} jobs needed more than one attempt, ${rerunJobs} ran more than once (${extraExecutions} extra executions), ${unexplained} unexplained`,
    );

    // Flows: both succeeded; each dependent started once, after every one of its parents ended.
    const flowRows = (
      await db.query<{ id: string; name: string; status: string }>(
        `select id, name, status from flows where id = any($1)`,
        [flowIds],
      )
    ).rows;
    check(
      'flows: the diamond and the 500-way fan-in both succeeded',
      flowIds.length === 2 && flowRows.length === 2 && flowRows.every((f) => f.status === 'succeeded'),
      flowRows.map((f) => `${f.name} ${f.status}`).join(', ') || 'no flows',
    );
    const early = (
      await db.query<{ id: string; started_at: string; last_parent: string }>(
        `select j.id, j.started_at, max(p.finished_at) as last_parent
           from jobs j join job_dependencies d on d.job_id = j.id join jobs p on p.id = d.depends_on_id
          where j.flow_id = any($1)
          group by j.id, j.started_at
         having j.started_at is null or j.started_at < max(p.finished_at)`,
        [flowIds],
      )
    ).rows;
    const dependents = (
      await db.query<{ id: string; flow_key: string }>(
        `select id, flow_key from jobs where flow_id = any($1) and dependency_count > 0`,
        [flowIds],
      )
    ).rows;
    const startedTwice = dependents.filter((d) => (executions.get(d.id)?.length ?? 0) !== 1);
    check(
      `flows: each of the ${dependents.length} dependents started once, after all its parents ended`,
      dependents.length === 4 && early.length === 0 && startedTwice.length === 0,
      `${early.length} started before a parent ended, ${startedTwice.length} not started exactly once` +
        (startedTwice.length ? ` (${startedTwice.map((d) => d.flow_key).join(', ')})` : ''),
    );
    const flowReruns = (
      await db.query<{ n: string }>(
        `select count(*) as n from jobs where flow_id = any($1) and attempt > 1`,
        [flowIds],
      )
    ).rows[0]!.n;
    log(`flows: ${flowReruns} flow jobs needed another attempt after the kills`);

    // Tasks.
    const taskCounts = (
      await db.query<{ total: string; names: string; dup: string }>(
        `select count(*) as total, count(distinct name) as names,
                (select count(*) from (select name from tasks where batch_id = $1 and name like 't%'
                   group by name having count(*) > 1) d) as dup
           from tasks where batch_id = $1 and name like 't%'`,
        [taskBatch.batchId],
      )
    ).rows[0]!;
    check(
      `tasks: ${TASKS} by name, each exactly once`,
      Number(taskCounts.total) === TASKS &&
        Number(taskCounts.names) === TASKS &&
        Number(taskCounts.dup) === 0,
      `${taskCounts.total} tasks, ${taskCounts.names} names, ${taskCounts.dup} duplicated`,
    );
    const storedTasks = new Map(
      (
        await db.query<{ id: string; name: string }>(`select id, name from tasks where batch_id = $1`, [
          taskBatch.batchId,
        ])
      ).rows.map((row) => [row.name, row.id]),
    );
    const lostTasks = [...ackedTasks].filter(
      ([name, id]) => !storedTasks.has(name) || (id !== '' && storedTasks.get(name) !== id),
    ).length;
    check(
      'tasks: every acknowledged task is in the store (same id)',
      ackedTasks.size === TASKS && lostTasks === 0,
      `${ackedTasks.size} acknowledged (${skippedOnRetry} by a retry that found them made by an unanswered request), ${lostTasks} missing or different`,
    );

    // The append.
    if (append instanceof Error || !(append as Job).status) {
      check('append: succeeded', false, String(append));
    } else {
      const job = append as Job;
      const result = job.result as { batchId?: string; rowCount?: number } | null;
      let stored = -1;
      let distinct = -1;
      if (result?.batchId) {
        const batch = await db.query<{ row_key: number; row_count: number }>(
          `select row_key, row_count from batches where id = $1`,
          [result.batchId],
        );
        const table = (
          await db.query<{ table_name: string }>(
            `select table_name from information_schema.tables where table_name = $1`,
            [`rows_${target.id.slice(target.id.indexOf('_') + 1)}`],
          )
        ).rows[0]?.table_name;
        const keyColumn = target.columns.find((c) => c.name === 'k')!.id;
        if (table && batch.rows[0]) {
          const counts = await db.query<{ n: string; d: string }>(
            `select count(*) as n, count(distinct "${keyColumn}") as d from "${table}" where _batch = $1`,
            [batch.rows[0].row_key],
          );
          stored = Number(counts.rows[0]!.n);
          distinct = Number(counts.rows[0]!.d);
        }
      }
      check(
        `append: succeeded with ${SOURCE_ROWS} rows, none duplicated`,
        job.status === 'succeeded' && stored === SOURCE_ROWS && distinct === SOURCE_ROWS,
        `status ${job.status}, attempt ${job.attempt}, ${stored} rows stored, ${distinct} distinct keys`,
      );
    }

    // Waits.
    for (const kind of ['long-poll', 'event stream'] as const) {
      const mine = waits.filter((w) => w.kind === kind);
      const ok = mine.every(
        (w) =>
          w.job?.status === 'succeeded' &&
          w.onKilledApiAtKill &&
          w.baseUrlAfter === apiUrls[1] &&
          (kind === 'long-poll' || w.progressAfterKill > 0),
      );
      check(
        `waits: ${kind} waits held by the killed API process resumed on the other one`,
        ok,
        mine
          .map(
            (w) =>
              `${w.job?.status ?? (w.error as Error)?.message}, on api1 at the kill: ${w.onKilledApiAtKill}, now on ${w.baseUrlAfter === apiUrls[1] ? 'api2' : w.baseUrlAfter}` +
              (kind === 'event stream' ? `, ${w.progressAfterKill} progress events after the kill` : ''),
          )
          .join('; '),
      );
    }

    // Per-key limits across processes (after the kills, every process up): both remote workers
    // claim through both API processes.
    await keyLimitsPhase(
      clientA,
      db,
      [1, 2].map((i) => join(dir, `executions-${i}.log.keys`)),
    );

    // Everything back.
    const ready = await Promise.all(
      apiUrls.map((url) =>
        fetch(`${url}/readyz`)
          .then((r) => r.status)
          .catch(() => 0),
      ),
    );
    const alive = procs.every((p) => p.child?.exitCode === null && p.child.signalCode === null);
    check(
      'restarted processes serve again: both /readyz answer 200, every process alive',
      ready.every((s) => s === 200) && alive,
      `readyz ${ready.join(', ')}`,
    );
    console.log(
      `\nsummary: ${JOBS} jobs, ${TASKS} tasks, ${SOURCE_ROWS}-row append; SIGKILL at ${((firstKill - loadStart) / 1000).toFixed(1)} s of the load;` +
        ` ${retried} jobs re-run after the kills; total ${elapsed()}`,
    );
    if (results.some((r) => !r.ok)) keepDir = true;
  } catch (error) {
    keepDir = true;
    console.error(error);
    await cleanup();
    finish(`${(error as Error).name}: ${(error as Error).message}`);
  }
  await cleanup();
  finish();
}

// ---------------------------------------------------------------------------------------------
// Per-key limits across processes

const KEYED = { keys: 20, jobsPerKey: 30, maxRunning: 3 };
const RATED = { keys: 2, jobsPerKey: 16, max: 4, windowMs: 1000 };

/**
 * Jobs of `cluster.keyed` (KEYED.keys keys, at most KEYED.maxRunning running per key) and of
 * `cluster.rated` (at most RATED.max starts per RATED.windowMs window per key), run by the two
 * remote workers through the two API processes. Checked three ways: the running count per key
 * sampled from the database while they run; the handlers' own start and end times (an execution
 * is held from before its handler starts to after it ends, so overlapping handlers of one key are
 * overlapping runs); and each rated key's starts, replayed through the fixed windows from the
 * database's start times (the same clock the limit reads).
 */
async function keyLimitsPhase(client: Batchyard, db: pg.Pool, recordFiles: string[]): Promise<void> {
  await client.jobs.types.put('cluster.keyed', {
    description: 'keyed jobs (cluster run)',
    keyLimits: { maxRunning: KEYED.maxRunning },
  });
  await client.jobs.types.put('cluster.rated', {
    description: 'rate-limited keyed jobs (cluster run)',
    keyLimits: { maxRunning: 50, rate: { max: RATED.max, windowMs: RATED.windowMs } },
  });
  const phaseStart = Date.now();
  const keyed = [];
  for (let j = 0; j < KEYED.jobsPerKey; j++)
    for (let k = 0; k < KEYED.keys; k++)
      keyed.push({
        type: 'cluster.keyed',
        concurrencyKey: `key${k}`,
        arguments: { ms: 20 + ((j * 7 + k) % 30) },
      });
  const rated = [];
  for (let j = 0; j < RATED.jobsPerKey; j++)
    for (let k = 0; k < RATED.keys; k++)
      rated.push({ type: 'cluster.rated', concurrencyKey: `r${k}`, arguments: { ms: 1 } });
  // Sampled from the first enqueue to the last job's end.
  let sampling = true;
  let samples = 0;
  const maxSampled = new Map<string, number>();
  const sampler = (async () => {
    while (sampling) {
      const { rows } = await db.query<{ type: string; key: string; n: string }>(
        `select type, concurrency_key as key, count(*) as n from jobs
         where type in ('cluster.keyed', 'cluster.rated') and status = 'running' group by 1, 2`,
      );
      samples++;
      for (const row of rows) {
        const id = `${row.type} ${row.key}`;
        maxSampled.set(id, Math.max(maxSampled.get(id) ?? 0, Number(row.n)));
      }
      await pause(10);
    }
  })();
  let left = -1;
  try {
    for (let i = 0; i < keyed.length; i += 200) await client.jobs.createMany(keyed.slice(i, i + 200));
    await client.jobs.createMany(rated);
    const deadline = Date.now() + 120_000;
    for (;;) {
      const { rows } = await db.query<{ n: string }>(
        `select count(*) as n from jobs where type in ('cluster.keyed', 'cluster.rated') and status not in ('succeeded')`,
      );
      left = Number(rows[0]!.n);
      if (left === 0 || Date.now() > deadline) break;
      await pause(100);
    }
  } finally {
    sampling = false;
    await sampler;
  }
  log(`keys phase: ${keyed.length + rated.length} jobs in ${Date.now() - phaseStart} ms, ${samples} samples`);
  check(
    `keys: ${keyed.length} keyed and ${rated.length} rated jobs all succeeded`,
    left === 0,
    `${left} not succeeded after 120 s`,
  );

  const sampledKeyed = [...maxSampled].filter(([id]) => id.startsWith('cluster.keyed '));
  const sampledMax = Math.max(0, ...sampledKeyed.map(([, n]) => n));
  check(
    `keys: sampled running count never above maxRunning ${KEYED.maxRunning} on any key (and reached it)`,
    sampledMax === KEYED.maxRunning,
    `highest sampled ${sampledMax} over ${samples} samples; keys above: ${sampledKeyed.filter(([, n]) => n > KEYED.maxRunning).length}`,
  );

  // The handlers' intervals per key, from both processes.
  const intervals = new Map<string, Array<{ start: number; end: number; by: string }>>();
  for (const [i, file] of recordFiles.entries()) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const [, type, key, start, end] = line.split(' ');
      if (type !== 'cluster.keyed') continue;
      const list = intervals.get(key!) ?? [];
      list.push({ start: Number(start), end: Number(end), by: `remote${i + 1}` });
      intervals.set(key!, list);
    }
  }
  let overlapMax = 0;
  let keysOnBoth = 0;
  let executions = 0;
  for (const list of intervals.values()) {
    executions += list.length;
    if (new Set(list.map((x) => x.by)).size === 2) keysOnBoth++;
    // Sweep: an end at the same millisecond as a start frees its slot first.
    const events = list.flatMap((x) => [
      { at: x.start, d: 1 },
      { at: x.end, d: -1 },
    ]);
    events.sort((a, b) => a.at - b.at || a.d - b.d);
    let running = 0;
    for (const e of events) overlapMax = Math.max(overlapMax, (running += e.d));
  }
  check(
    `keys: handlers of one key never overlap more than ${KEYED.maxRunning}, across both remote workers`,
    executions === keyed.length && overlapMax <= KEYED.maxRunning && overlapMax > 1 && keysOnBoth > 0,
    `${executions} executions recorded, most at once on a key ${overlapMax}, ${keysOnBoth} of ${intervals.size} keys ran on both workers`,
  );

  // Rated keys: replay the starts through the fixed windows (a window opens at the first start at
  // or after the previous one closed).
  const { rows: starts } = await db.query<{ key: string; at: string }>(
    `select concurrency_key as key, attempt_started_at as at from jobs where type = 'cluster.rated' order by 1, 2`,
  );
  const byKey = new Map<string, number[]>();
  for (const row of starts) byKey.set(row.key, [...(byKey.get(row.key) ?? []), Number(row.at)]);
  let worstWindow = 0;
  let shortestSpan = Infinity;
  for (const times of byKey.values()) {
    let windowStart = -Infinity;
    let inWindow = 0;
    for (const at of times) {
      if (at >= windowStart + RATED.windowMs) {
        windowStart = at;
        inWindow = 0;
      }
      worstWindow = Math.max(worstWindow, ++inWindow);
    }
    shortestSpan = Math.min(shortestSpan, times[times.length - 1]! - times[0]!);
  }
  const minSpan = (Math.ceil(RATED.jobsPerKey / RATED.max) - 1) * RATED.windowMs;
  check(
    `keys: at most ${RATED.max} starts per ${RATED.windowMs} ms window on each rated key, across processes`,
    byKey.size === RATED.keys && worstWindow === RATED.max && shortestSpan >= minSpan,
    `most starts in a window ${worstWindow}; first to last start of a key ≥ ${shortestSpan} ms (at least ${minSpan} expected)`,
  );

  const { rows: counts } = await db.query<{ n: string }>(
    `select count(*) as n from job_keys where type in ('cluster.keyed', 'cluster.rated') and (queued <> 0 or running <> 0)`,
  );
  check(
    'keys: every key row back to 0 queued, 0 running',
    Number(counts[0]!.n) === 0,
    `${counts[0]!.n} rows not at 0`,
  );
}

await main();
