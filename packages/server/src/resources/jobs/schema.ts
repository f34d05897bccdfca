import { Type, type Static } from '@sinclair/typebox';
import { ListQueryProperties, Nullable, Timestamp } from '../../http/schemas.js';
import { ENDED_JOB_STATUSES } from '../../store/tables.js';

export const JOB_STATUSES = [
  'waiting',
  'queued',
  'running',
  'succeeded',
  'failed',
  'aborted',
  'skipped',
  'expired',
] as const;
const ENDED: ReadonlySet<string> = new Set(ENDED_JOB_STATUSES);
/** Whether a job in `status` has ended (only a retry moves it again). */
export const isEnded = (status: string): boolean => ENDED.has(status);
export const JobStatusSchema = Type.Union(JOB_STATUSES.map((s) => Type.Literal(s)));

export const ProgressSchema = Type.Object({
  done: Type.Number({ minimum: 0 }),
  total: Nullable(Type.Number({ minimum: 0 })),
  unit: Nullable(Type.String({ maxLength: 50 })),
  message: Nullable(Type.String({ maxLength: 1000 })),
  percent: Nullable(Type.Number({ description: '100 · done / total, when the total is known.' })),
});

export const JobErrorSchema = Type.Object({
  code: Type.String(),
  message: Type.String(),
  details: Type.Optional(Type.Unknown()),
});

export const ArtifactSchema = Type.Object({
  name: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
  url: Type.String({ description: 'Download path, relative to the server.' }),
  createdAt: Timestamp,
});

export const JsonObject = Type.Record(Type.String(), Type.Unknown());

export const OnDependencyFailure = Type.Union(
  [Type.Literal('fail'), Type.Literal('skip'), Type.Literal('run')],
  {
    description:
      'When a dependency ends without succeeding: `fail` (the default) ends this job `failed` with code `dependency_failed`, `skip` ends it `skipped`, `run` runs it anyway once every dependency has ended.',
  },
);

/** The most jobs one job may depend on. */
export const MAX_DEPENDENCIES = 1000;

export const DependsOn = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
  maxItems: MAX_DEPENDENCIES,
  description:
    'Ids of jobs (of the same workspace) this job waits for: it stays `waiting` until every one has ended, and runs when all succeeded (see onDependencyFailure).',
});

export const StartBefore = Type.String({
  format: 'date-time',
  description:
    'If the job has not started by then it ends `expired` and never runs (its dependents settle as for a failed dependency).',
});

export const DependencySchema = Type.Object({
  id: Type.String(),
  type: Type.String(),
  flowKey: Nullable(Type.String()),
  status: JobStatusSchema,
  result: Type.Unknown({ description: 'What it returned, once it succeeded.' }),
  error: Nullable(JobErrorSchema),
  finishedAt: Nullable(Timestamp),
});
export type Dependency = Static<typeof DependencySchema>;

export const JobSchema = Type.Object({
  id: Type.String({ examples: ['job_01jd4n8k6m3v4b2c1x0z9y8w7t'] }),
  numericId: Type.Integer({
    description:
      'Persistent integer id, unique among its kind in the instance (for clients that need integer ids, e.g. the Mammoth compat adapter).',
  }),
  workspaceId: Type.String(),
  projectId: Nullable(Type.String()),
  type: Type.String(),
  title: Nullable(Type.String()),
  description: Nullable(Type.String()),
  arguments: JsonObject,
  status: JobStatusSchema,
  priority: Type.Integer({ description: 'Higher runs first.' }),
  runAt: Timestamp,
  attempt: Type.Integer({ description: 'Attempts started so far.' }),
  maxAttempts: Type.Integer(),
  timeoutMs: Nullable(
    Type.Integer({
      description:
        'An attempt running longer fails with code `timeout` (retried by the usual policy); null: no limit.',
    }),
  ),
  progress: Nullable(ProgressSchema),
  counters: Type.Record(Type.String(), Type.Number()),
  warnings: Type.Array(Type.String()),
  result: Type.Unknown({ description: 'What the handler returned (succeeded jobs).' }),
  error: Nullable(JobErrorSchema),
  artifacts: Type.Array(ArtifactSchema),
  abortRequested: Type.Boolean(),
  dependencyCount: Type.Integer({
    description: 'Jobs it depends on (`GET /v1/jobs/{id}/dependencies` lists them).',
  }),
  pendingDependencies: Type.Integer({
    description: 'Of those, how many have not ended yet; it waits (status `waiting`) until none.',
  }),
  onDependencyFailure: OnDependencyFailure,
  startBefore: Nullable(Timestamp),
  concurrencyKey: Nullable(Type.String({ description: 'Its concurrency key (null: none).' })),
  flowId: Nullable(Type.String({ description: 'The flow it was created in.' })),
  flowKey: Nullable(Type.String({ description: 'Its name in that flow.' })),
  paused: Type.Boolean({
    description:
      'Queued, and its type is paused (in its workspace or instance-wide): it is not claimed until the type is resumed.',
  }),
  definitionId: Nullable(Type.String()),
  uniqueKey: Nullable(Type.String()),
  createdBy: Nullable(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  startedAt: Nullable(Timestamp),
  finishedAt: Nullable(Timestamp),
});
export type Job = Static<typeof JobSchema>;
export const JOB_FIELDS = Object.keys(JobSchema.properties);

/** A job's time limit per attempt (the job's own, else its definition's, else its type's). */
export const TimeoutMs = Type.Integer({
  minimum: 1,
  maximum: 604_800_000,
  description:
    'Milliseconds an attempt may run (at most 7 days). Past it the handler’s signal fires and the attempt fails with code `timeout`; a remote worker learns it from its next heartbeat.',
});

/** A concurrency key: jobs of one type in one workspace with the same key share its limits. */
export const ConcurrencyKey = Type.String({
  minLength: 1,
  maxLength: 200,
  description:
    'Jobs of the same type and workspace with the same key share its limits (`keyLimits` of the job’s definition, else of its type; by default one at a time): the others stay queued until a slot frees.',
});

/** Limits on each concurrency key of a type's or a definition's jobs. */
export const KeyLimits = Type.Object(
  {
    maxRunning: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 10_000,
        description: 'At most this many jobs of one key run at once (default 1).',
      }),
    ),
    rate: Type.Optional(
      Nullable(
        Type.Object(
          {
            max: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
            windowMs: Type.Integer({ minimum: 1000, maximum: 86_400_000 }),
          },
          {
            additionalProperties: false,
            description:
              'At most `max` jobs of one key start per `windowMs` (a window opens at the first start after the last one closed).',
          },
        ),
      ),
    ),
  },
  { additionalProperties: false },
);
export type KeyLimitsInput = Static<typeof KeyLimits>;

export const TypeName = Type.String({
  minLength: 1,
  maxLength: 100,
  pattern: '^[a-z][a-z0-9_.:-]*$',
  description: 'Lower-case letters, digits and . _ : -',
});

export const CreateJobBody = Type.Object(
  {
    type: TypeName,
    workspaceId: Type.Optional(Type.String({ description: "Defaults to the credential's workspace." })),
    projectId: Type.Optional(Type.String()),
    title: Type.Optional(Type.String({ maxLength: 500 })),
    description: Type.Optional(Type.String({ maxLength: 4000 })),
    arguments: Type.Optional(JsonObject),
    priority: Type.Optional(Type.Integer({ minimum: -1000, maximum: 1000, default: 0 })),
    runAt: Type.Optional(Timestamp),
    maxAttempts: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    timeoutMs: Type.Optional(TimeoutMs),
    dependsOn: Type.Optional(DependsOn),
    onDependencyFailure: Type.Optional(OnDependencyFailure),
    startBefore: Type.Optional(StartBefore),
    concurrencyKey: Type.Optional(ConcurrencyKey),
    backoff: Type.Optional(
      Type.Object(
        {
          initialMs: Type.Integer({ minimum: 10, maximum: 3_600_000 }),
          maxMs: Type.Integer({ minimum: 10, maximum: 86_400_000 }),
        },
        { additionalProperties: false },
      ),
    ),
    uniqueKey: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 255,
        description: 'While a job with this key is queued or running, creating another returns it.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type CreateJobInput = Static<typeof CreateJobBody>;

export const CreateJobsBatchBody = Type.Object(
  { jobs: Type.Array(CreateJobBody, { minItems: 1, maxItems: 1000 }) },
  { additionalProperties: false },
);

export const ListJobsQuery = Type.Object(
  {
    ...ListQueryProperties,
    workspaceId: Type.Optional(Type.String()),
    projectId: Type.Optional(Type.String()),
    type: Type.Optional(Type.String({ description: 'One type, or several separated by commas.' })),
    status: Type.Optional(Type.String({ description: 'One status, or several separated by commas.' })),
    definitionId: Type.Optional(Type.String()),
    flowId: Type.Optional(Type.String({ description: 'Only the jobs of this flow.' })),
    createdAfter: Type.Optional(Timestamp),
    createdBefore: Type.Optional(Timestamp),
  },
  { additionalProperties: false },
);

export const GetJobQuery = Type.Object(
  {
    fields: ListQueryProperties.fields,
    wait: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 60,
        description: 'Long-poll: answer when the job ends or after this many seconds.',
      }),
    ),
  },
  { additionalProperties: false },
);

export const BULK_ACTIONS = ['abort', 'retry', 'delete'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

/** Which jobs a bulk action covers: every criterion given must hold (at least one is required). */
export const BulkFilterSchema = Type.Object(
  {
    ids: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
        minItems: 1,
        maxItems: 1000,
        description:
          'These jobs (404 for one not in the workspace); one that fails another criterion is reported as skipped with reason not_matched.',
      }),
    ),
    types: Type.Optional(Type.Array(TypeName, { minItems: 1, maxItems: 100 })),
    statuses: Type.Optional(Type.Array(JobStatusSchema, { minItems: 1, maxItems: JOB_STATUSES.length })),
    definitionId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    projectId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    flowId: Type.Optional(
      Type.String({ minLength: 1, maxLength: 100, description: 'The jobs of this flow.' }),
    ),
    createdGte: Type.Optional(Timestamp),
    createdLt: Type.Optional(Timestamp),
  },
  { additionalProperties: false },
);
export type BulkFilter = Static<typeof BulkFilterSchema>;

export const BulkJobsBody = Type.Object(
  {
    action: Type.Union(
      BULK_ACTIONS.map((a) => Type.Literal(a)),
      {
        description:
          'abort: queued or running jobs; retry: failed or aborted ones; delete: finished ones (with their artifacts).',
      },
    ),
    filter: BulkFilterSchema,
    workspaceId: Type.Optional(
      Type.String({ description: "Defaults to the credential's workspace (required for an instance one)." }),
    ),
  },
  { additionalProperties: false },
);
export type BulkJobsInput = Static<typeof BulkJobsBody>;
