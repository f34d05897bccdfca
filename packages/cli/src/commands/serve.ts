import { Option, type Command } from 'commander';
import type { Config, ConfigInput, RunningServer } from '@batchyard/server';
import type { Context } from '../context.js';
import { CliError, EXIT } from '../errors.js';
import { printLine } from '../output.js';
import { handler } from './common.js';
import { runUntilSignal } from './lifecycle.js';

interface ServeOption {
  /** The flag (as in the server's CONFIG_SOURCES) and its value placeholder. */
  flag: string;
  value?: string;
  env: string;
  description: string;
}

/**
 * Every server setting as a `serve` flag. Kept here rather than read from the server's
 * CONFIG_SOURCES so that client commands never load the server; a test checks they agree.
 */
export const SERVE_OPTIONS: Record<keyof Config, ServeOption> = {
  host: {
    flag: '--host',
    value: '<host>',
    env: 'BATCHYARD_HOST',
    description: 'address to listen on (default 127.0.0.1)',
  },
  port: {
    flag: '--port',
    value: '<port>',
    env: 'BATCHYARD_PORT',
    description: 'port to listen on, 0 for any free one (default 8080)',
  },
  dataDir: {
    flag: '--data-dir',
    value: '<dir>',
    env: 'BATCHYARD_DATA_DIR',
    description:
      'directory for the SQLite database, the admin key, secrets and artifacts (default ./.batchyard)',
  },
  databaseUrl: {
    flag: '--database-url',
    value: '<url>',
    env: 'BATCHYARD_DATABASE_URL',
    description: 'sqlite:<path> or postgres://… (default sqlite:<data-dir>/batchyard.db)',
  },
  logLevel: {
    flag: '--log-level',
    value: '<level>',
    env: 'BATCHYARD_LOG_LEVEL',
    description: 'fatal, error, warn, info, debug, trace or silent (default info)',
  },
  bodyLimit: {
    flag: '--body-limit',
    value: '<bytes>',
    env: 'BATCHYARD_BODY_LIMIT',
    description: 'largest request body (default 1048576)',
  },
  jwtSecret: {
    flag: '--jwt-secret',
    value: '<secret>',
    env: 'BATCHYARD_JWT_SECRET',
    description: 'access-token signing secret, 32+ characters (default: kept in <data-dir>/jwt-secret)',
  },
  tokenTtlSeconds: {
    flag: '--token-ttl',
    value: '<seconds>',
    env: 'BATCHYARD_TOKEN_TTL_SECONDS',
    description: 'access-token lifetime (default 3600)',
  },
  rateLimitPerMinute: {
    flag: '--rate-limit',
    value: '<per-minute>',
    env: 'BATCHYARD_RATE_LIMIT_PER_MINUTE',
    description: 'requests per minute per credential, 0 for no limit (default 6000)',
  },
  idempotencyTtlHours: {
    flag: '--idempotency-ttl-hours',
    value: '<hours>',
    env: 'BATCHYARD_IDEMPOTENCY_TTL_HOURS',
    description: 'how long Idempotency-Key answers are kept (default 24)',
  },
  poolSize: {
    flag: '--pool-size',
    value: '<n>',
    env: 'BATCHYARD_POOL_SIZE',
    description: 'PostgreSQL connections (default 10)',
  },
  worker: {
    flag: '--no-worker',
    env: 'BATCHYARD_WORKER',
    description: 'serve the API only: run no jobs in this process',
  },
  jobConcurrency: {
    flag: '--job-concurrency',
    value: '<n>',
    env: 'BATCHYARD_JOB_CONCURRENCY',
    description: 'jobs run at once by this process (default 10)',
  },
  leaseSeconds: {
    flag: '--lease-seconds',
    value: '<seconds>',
    env: 'BATCHYARD_LEASE_SECONDS',
    description: 'lease of a running job attempt (default 30)',
  },
  jobRetentionDays: {
    flag: '--job-retention-days',
    value: '<days>',
    env: 'BATCHYARD_JOB_RETENTION_DAYS',
    description: 'finished jobs are deleted after this (default 30)',
  },
  auditRetentionDays: {
    flag: '--audit-retention-days',
    value: '<days>',
    env: 'BATCHYARD_AUDIT_RETENTION_DAYS',
    description: 'audit-log entries are deleted after this (default 365)',
  },
  artifactStorage: {
    flag: '--artifact-storage',
    value: '<where>',
    env: 'BATCHYARD_ARTIFACT_STORAGE',
    description: 'auto, file or database (default auto: database on PostgreSQL)',
  },
  metrics: {
    flag: '--no-metrics',
    env: 'BATCHYARD_METRICS',
    description: 'do not serve Prometheus metrics at /metrics',
  },
  metricsToken: {
    flag: '--metrics-token',
    value: '<token>',
    env: 'BATCHYARD_METRICS_TOKEN',
    description: 'require Authorization: Bearer <token> on /metrics, 16+ characters (default: public)',
  },
  webhookAllowedDestinations: {
    flag: '--webhook-allow',
    value: '<list>',
    env: 'BATCHYARD_WEBHOOK_ALLOW',
    description:
      'private destinations webhooks may reach, comma-separated: addresses, CIDR ranges or host names, each optionally :port (default: public addresses only)',
  },
  authFailuresPerMinute: {
    flag: '--auth-failure-limit',
    value: '<per-minute>',
    env: 'BATCHYARD_AUTH_FAILURES_PER_MINUTE',
    description: 'failed authentications per address per minute before 429, 0 for no limit (default 20)',
  },
};

/**
 * Adds a flag per server setting to `command`; returns the attribute name of each, for
 * `configInputOf`. Shared by `serve` and `worker`.
 */
export function addConfigOptions(command: Command): Map<keyof Config, string> {
  const attributes = new Map<keyof Config, string>();
  for (const [key, spec] of Object.entries(SERVE_OPTIONS) as [keyof Config, ServeOption][]) {
    const option = new Option(
      spec.value ? `${spec.flag} ${spec.value}` : spec.flag,
      `${spec.description} [env ${spec.env}]`,
    );
    attributes.set(key, option.attributeName());
    command.addOption(option);
  }
  return attributes;
}

/** The settings given as flags on the command line (loadConfig reads the environment and defaults). */
export function configInputOf(command: Command, attributes: Map<keyof Config, string>): ConfigInput {
  const options = command.opts<Record<string, unknown>>();
  const input: Record<string, unknown> = {};
  for (const [key, attribute] of attributes) {
    if (command.getOptionValueSource(attribute) === 'cli') input[key] = options[attribute];
  }
  return input as ConfigInput;
}

export function registerServe(program: Command, ctx: Context): void {
  const serve = program
    .command('serve')
    .description('Run the Batchyard server (API, dashboard and job runner) on this machine');
  const attributes = addConfigOptions(serve);
  serve.addHelpText(
    'after',
    `
Flags override environment variables, which override the defaults. On first start the server creates
an instance admin key, prints it once and keeps it in <data-dir>/admin-key (mode 0600).
SIGTERM or SIGINT stops it gracefully: requests in flight finish, running jobs are handed back.`,
  );
  serve.action(
    handler(ctx, async (_args, _options, command) => {
      await serveUntilSignal(ctx, configInputOf(command, attributes));
    }),
  );
}

async function serveUntilSignal(ctx: Context, input: ConfigInput): Promise<void> {
  await runUntilSignal(
    ctx,
    input,
    async (server, config) => {
      let running: RunningServer;
      try {
        running = await server.startServer(config);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
          throw new CliError(
            `cannot listen on ${config.host}:${config.port} (${code}); choose another with --host/--port or BATCHYARD_HOST/BATCHYARD_PORT`,
            EXIT.unexpected,
          );
        }
        throw error;
      }
      printBanner(ctx, config, running);
      return running;
    },
    'shutting down (finishing requests in flight, handing back running jobs)',
  );
}

function printBanner(
  ctx: Context,
  config: Config,
  running: { url: string; adminKeyPath: string; createdAdminKey: string | null },
): void {
  const { url } = running;
  printLine(ctx, `Batchyard is running at ${url}`);
  printLine(ctx, `  API docs:  ${url}/docs`);
  printLine(ctx, `  Database:  ${describeDatabase(config.databaseUrl)}`);
  printLine(ctx, `  Jobs:      ${config.worker ? 'run in this process' : 'not run here (--no-worker)'}`);
  printLine(ctx);
  if (running.createdAdminKey) {
    printLine(ctx, `Admin key (created now, shown only this once; also saved in ${running.adminKeyPath}):`);
    printLine(ctx, `  ${running.createdAdminKey}`);
    printLine(ctx);
    printLine(ctx, 'Log in with:');
    printLine(ctx, `  batchyard login --url ${url} --token ${running.createdAdminKey}`);
  } else if (running.adminKeyPath) {
    printLine(ctx, `Admin key: in ${running.adminKeyPath} (created on first start)`);
    printLine(ctx);
    printLine(ctx, 'Log in with:');
    printLine(ctx, `  batchyard login --url ${url} --token "$(cat ${running.adminKeyPath})"`);
  } else {
    printLine(
      ctx,
      'Admin key: its file was removed after first start; log in with any key you created since:',
    );
    printLine(ctx, `  batchyard login --url ${url} --token <token>`);
  }
}

/** The database, without any password. */
export function describeDatabase(databaseUrl: string): string {
  if (databaseUrl.startsWith('sqlite:')) return `SQLite at ${databaseUrl.slice('sqlite:'.length)}`;
  try {
    const url = new URL(databaseUrl);
    return `PostgreSQL at ${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}
