import { Option, type Command } from 'commander';
import type { Config, ConfigInput } from '@batchyard/server';

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
  pgPreparedStatements: {
    flag: '--pg-prepared-statements',
    value: '<n>',
    env: 'BATCHYARD_PG_PREPARED_STATEMENTS',
    description: 'named prepared statements per PostgreSQL connection, 0 for none (default 200)',
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
