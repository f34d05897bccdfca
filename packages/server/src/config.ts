import { join, resolve } from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { parseAllowEntry, splitAllowList } from './http/destinations.js';

export const ConfigSchema = Type.Object(
  {
    host: Type.String({ minLength: 1 }),
    port: Type.Integer({ minimum: 0, maximum: 65535 }),
    dataDir: Type.String({ minLength: 1 }),
    /** `sqlite:<path>` or `postgres://…`; defaults to `sqlite:<dataDir>/batchyard.db`. */
    databaseUrl: Type.String({ minLength: 1 }),
    logLevel: Type.Union(
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    ),
    /** Largest accepted request body, in bytes. */
    bodyLimit: Type.Integer({ minimum: 1024 }),
    /** HS256 secret for access tokens; read from (or created in) `<dataDir>/jwt-secret` when absent. */
    jwtSecret: Type.Optional(Type.String({ minLength: 32 })),
    tokenTtlSeconds: Type.Integer({ minimum: 60, maximum: 86400 }),
    /** Requests per minute per credential (or per IP before authentication); 0 turns the limit off. */
    rateLimitPerMinute: Type.Integer({ minimum: 0 }),
    idempotencyTtlHours: Type.Integer({ minimum: 24 }),
    /** Connections per process to PostgreSQL. */
    poolSize: Type.Integer({ minimum: 1, maximum: 500 }),
    /**
     * Named prepared statements kept per PostgreSQL connection (parsed and planned once instead of on
     * every call); 0 sends every query unnamed, for a pooler that cannot carry them.
     */
    pgPreparedStatements: Type.Integer({ minimum: 0, maximum: 10000 }),
    /** Run the built-in job handlers in this process (`--no-worker` serves the API alone). */
    worker: Type.Boolean(),
    /** Jobs run at once by this process's in-process handlers. */
    jobConcurrency: Type.Integer({ minimum: 1, maximum: 1000 }),
    /** Lease of a running attempt; a worker silent this long is presumed dead. */
    leaseSeconds: Type.Integer({ minimum: 2, maximum: 3600 }),
    /** Finished jobs are deleted after this many days. */
    jobRetentionDays: Type.Number({ minimum: 0.0001, maximum: 3650 }),
    /** Audit-log entries are deleted after this many days. */
    auditRetentionDays: Type.Number({ minimum: 0.0001, maximum: 36500 }),
    /** Where artifacts go: the data directory, the database, or auto (database on PostgreSQL). */
    artifactStorage: Type.Union([Type.Literal('auto'), Type.Literal('file'), Type.Literal('database')]),
    /** Serve Prometheus metrics at /metrics (`--no-metrics` turns the endpoint off). */
    metrics: Type.Boolean(),
    /** When set, /metrics requires `Authorization: Bearer <this token>`; when absent it is public. */
    metricsToken: Type.Optional(Type.String({ minLength: 16 })),
    /**
     * Destinations webhooks may reach although they are loopback, private, link-local…: addresses,
     * CIDR ranges or host names, each optionally with `:port`. Empty: public addresses only.
     */
    webhookAllowedDestinations: Type.Array(Type.String({ minLength: 1 })),
    /** Failed authentications per address per minute before they get 429; 0 turns the limit off. */
    authFailuresPerMinute: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);

export type Config = Static<typeof ConfigSchema>;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Flags as the CLI parses them; every one is optional and overrides its environment variable. */
export interface ConfigInput {
  host?: string | undefined;
  port?: string | number | undefined;
  dataDir?: string | undefined;
  databaseUrl?: string | undefined;
  logLevel?: string | undefined;
  bodyLimit?: string | number | undefined;
  jwtSecret?: string | undefined;
  tokenTtlSeconds?: string | number | undefined;
  rateLimitPerMinute?: string | number | undefined;
  idempotencyTtlHours?: string | number | undefined;
  poolSize?: string | number | undefined;
  pgPreparedStatements?: string | number | undefined;
  worker?: boolean | undefined;
  jobConcurrency?: string | number | undefined;
  leaseSeconds?: string | number | undefined;
  jobRetentionDays?: string | number | undefined;
  auditRetentionDays?: string | number | undefined;
  artifactStorage?: string | undefined;
  metrics?: boolean | undefined;
  metricsToken?: string | undefined;
  /** A list, or one comma-separated string (as in the environment). */
  webhookAllowedDestinations?: string | readonly string[] | undefined;
  authFailuresPerMinute?: string | number | undefined;
}

/** The flag and the environment variable behind each setting, for error messages and docs. */
export const CONFIG_SOURCES: Record<keyof Config, { flag: string; env: string }> = {
  host: { flag: '--host', env: 'BATCHYARD_HOST' },
  port: { flag: '--port', env: 'BATCHYARD_PORT' },
  dataDir: { flag: '--data-dir', env: 'BATCHYARD_DATA_DIR' },
  databaseUrl: { flag: '--database-url', env: 'BATCHYARD_DATABASE_URL' },
  logLevel: { flag: '--log-level', env: 'BATCHYARD_LOG_LEVEL' },
  bodyLimit: { flag: '--body-limit', env: 'BATCHYARD_BODY_LIMIT' },
  jwtSecret: { flag: '--jwt-secret', env: 'BATCHYARD_JWT_SECRET' },
  tokenTtlSeconds: { flag: '--token-ttl', env: 'BATCHYARD_TOKEN_TTL_SECONDS' },
  rateLimitPerMinute: { flag: '--rate-limit', env: 'BATCHYARD_RATE_LIMIT_PER_MINUTE' },
  idempotencyTtlHours: { flag: '--idempotency-ttl-hours', env: 'BATCHYARD_IDEMPOTENCY_TTL_HOURS' },
  poolSize: { flag: '--pool-size', env: 'BATCHYARD_POOL_SIZE' },
  pgPreparedStatements: { flag: '--pg-prepared-statements', env: 'BATCHYARD_PG_PREPARED_STATEMENTS' },
  worker: { flag: '--no-worker', env: 'BATCHYARD_WORKER' },
  jobConcurrency: { flag: '--job-concurrency', env: 'BATCHYARD_JOB_CONCURRENCY' },
  leaseSeconds: { flag: '--lease-seconds', env: 'BATCHYARD_LEASE_SECONDS' },
  jobRetentionDays: { flag: '--job-retention-days', env: 'BATCHYARD_JOB_RETENTION_DAYS' },
  auditRetentionDays: { flag: '--audit-retention-days', env: 'BATCHYARD_AUDIT_RETENTION_DAYS' },
  artifactStorage: { flag: '--artifact-storage', env: 'BATCHYARD_ARTIFACT_STORAGE' },
  metrics: { flag: '--no-metrics', env: 'BATCHYARD_METRICS' },
  metricsToken: { flag: '--metrics-token', env: 'BATCHYARD_METRICS_TOKEN' },
  webhookAllowedDestinations: { flag: '--webhook-allow', env: 'BATCHYARD_WEBHOOK_ALLOW' },
  authFailuresPerMinute: { flag: '--auth-failure-limit', env: 'BATCHYARD_AUTH_FAILURES_PER_MINUTE' },
};

const NUMERIC: ReadonlySet<keyof Config> = new Set([
  'port',
  'bodyLimit',
  'tokenTtlSeconds',
  'rateLimitPerMinute',
  'idempotencyTtlHours',
  'poolSize',
  'pgPreparedStatements',
  'jobConcurrency',
  'leaseSeconds',
  'jobRetentionDays',
  'auditRetentionDays',
  'authFailuresPerMinute',
]);

function toNumber(value: string | number): number | string {
  if (typeof value === 'number') return value;
  return /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value;
}

/**
 * Builds the configuration from flags, then environment, then defaults, and validates it. Throws a
 * ConfigError that names the flag or variable at fault.
 */
export function loadConfig(input: ConfigInput = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const pick = (key: keyof Config): unknown => {
    const fromFlag = input[key as keyof ConfigInput];
    if (fromFlag !== undefined) return fromFlag;
    const fromEnv = env[CONFIG_SOURCES[key].env];
    return fromEnv === undefined || fromEnv === '' ? undefined : fromEnv;
  };

  const dataDir = resolve(String(pick('dataDir') ?? './.batchyard'));
  const raw: Record<string, unknown> = {
    host: pick('host') ?? '127.0.0.1',
    port: pick('port') ?? 8080,
    dataDir,
    databaseUrl: pick('databaseUrl') ?? `sqlite:${join(dataDir, 'batchyard.db')}`,
    logLevel: pick('logLevel') ?? 'info',
    bodyLimit: pick('bodyLimit') ?? 1024 * 1024,
    jwtSecret: pick('jwtSecret'),
    tokenTtlSeconds: pick('tokenTtlSeconds') ?? 3600,
    rateLimitPerMinute: pick('rateLimitPerMinute') ?? 6000,
    idempotencyTtlHours: pick('idempotencyTtlHours') ?? 24,
    poolSize: pick('poolSize') ?? 10,
    pgPreparedStatements: pick('pgPreparedStatements') ?? 200,
    worker: pick('worker') ?? true,
    jobConcurrency: pick('jobConcurrency') ?? 10,
    leaseSeconds: pick('leaseSeconds') ?? 30,
    jobRetentionDays: pick('jobRetentionDays') ?? 30,
    auditRetentionDays: pick('auditRetentionDays') ?? 365,
    artifactStorage: pick('artifactStorage') ?? 'auto',
    metrics: pick('metrics') ?? true,
    metricsToken: pick('metricsToken'),
    webhookAllowedDestinations: splitAllowList(
      (pick('webhookAllowedDestinations') as string | readonly string[] | undefined) ?? [],
    ),
    authFailuresPerMinute: pick('authFailuresPerMinute') ?? 20,
  };
  if (raw.jwtSecret === undefined) delete raw.jwtSecret;
  if (raw.metricsToken === undefined) delete raw.metricsToken;
  for (const key of NUMERIC) raw[key] = toNumber(raw[key] as string | number);
  for (const key of ['worker', 'metrics'] as const) {
    const value = raw[key];
    if (typeof value === 'string') raw[key] = !['false', '0', 'no', 'off'].includes(value.toLowerCase());
  }

  const problems = [...Value.Errors(ConfigSchema, raw)].map((error) => {
    const key = error.path.slice(1) as keyof Config;
    const source = CONFIG_SOURCES[key];
    const where = source ? `${source.flag} / ${source.env}` : error.path;
    return `${where}: ${error.message} (got ${JSON.stringify(error.value)})`;
  });
  for (const entry of raw.webhookAllowedDestinations as string[]) {
    try {
      parseAllowEntry(entry);
    } catch (error) {
      problems.push(`--webhook-allow / BATCHYARD_WEBHOOK_ALLOW: ${(error as Error).message}`);
    }
  }
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  if (!/^(sqlite:|postgres(ql)?:\/\/)/.test(raw.databaseUrl as string)) {
    throw new ConfigError(
      `Invalid configuration:\n  --database-url / BATCHYARD_DATABASE_URL: expected sqlite:<path> or postgres://… (got ${JSON.stringify(raw.databaseUrl)})`,
    );
  }
  return raw as Config;
}
