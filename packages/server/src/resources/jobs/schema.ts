import { Type, type Static } from '@sinclair/typebox';
import { ListQueryProperties, Nullable, Timestamp } from '../../http/schemas.js';

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'aborted'] as const;
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

const JsonObject = Type.Record(Type.String(), Type.Unknown());

export const JobSchema = Type.Object({
  id: Type.String({ examples: ['job_01jd4n8k6m3v4b2c1x0z9y8w7t'] }),
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
  progress: Nullable(ProgressSchema),
  counters: Type.Record(Type.String(), Type.Number()),
  warnings: Type.Array(Type.String()),
  result: Type.Unknown({ description: 'What the handler returned (succeeded jobs).' }),
  error: Nullable(JobErrorSchema),
  artifacts: Type.Array(ArtifactSchema),
  abortRequested: Type.Boolean(),
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

const TypeName = Type.String({
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

export const JobTypeSchema = Type.Object({
  name: Type.String(),
  workspaceId: Nullable(Type.String({ description: 'null for built-in types.' })),
  builtIn: Type.Boolean(),
  description: Nullable(Type.String()),
  argumentsSchema: Nullable(JsonObject),
});

export const PutJobTypeBody = Type.Object(
  {
    workspaceId: Type.Optional(Type.String()),
    description: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
    argumentsSchema: Type.Optional(Nullable(JsonObject)),
  },
  { additionalProperties: false },
);

export const ClaimBody = Type.Object(
  {
    types: Type.Array(TypeName, { minItems: 1, maxItems: 100 }),
    workerId: Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'Stable name of the worker process.',
    }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 1 })),
    waitSeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 30, default: 0 })),
    leaseSeconds: Type.Optional(Type.Integer({ minimum: 5, maximum: 3600, default: 30 })),
  },
  { additionalProperties: false },
);

export const ClaimedJobSchema = Type.Object({
  ...JobSchema.properties,
  checkpoint: Type.Unknown({ description: 'What a previous attempt saved, to resume from.' }),
  leaseExpiresAt: Timestamp,
});

const ProgressInput = Type.Object(
  {
    done: Type.Number({ minimum: 0 }),
    total: Type.Optional(Nullable(Type.Number({ minimum: 0 }))),
    unit: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
    message: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
  },
  { additionalProperties: false },
);

const Counters = Type.Record(Type.String({ maxLength: 100 }), Type.Number());
const Warnings = Type.Array(Type.String({ maxLength: 2000 }), { maxItems: 1000 });

export const HeartbeatBody = Type.Object(
  {
    workerId: Type.String({ minLength: 1, maxLength: 200 }),
    leaseSeconds: Type.Optional(Type.Integer({ minimum: 5, maximum: 3600, default: 30 })),
    progress: Type.Optional(ProgressInput),
    counters: Type.Optional(Counters),
    warnings: Type.Optional(Warnings),
    checkpoint: Type.Optional(Type.Unknown()),
  },
  { additionalProperties: false },
);

export const HeartbeatResponse = Type.Object({
  abort: Type.Boolean({ description: 'True when the job should stop: an abort was asked for.' }),
  leaseExpiresAt: Timestamp,
});

export const CompleteBody = Type.Object(
  {
    workerId: Type.String({ minLength: 1, maxLength: 200 }),
    result: Type.Optional(Type.Unknown()),
    counters: Type.Optional(Counters),
    warnings: Type.Optional(Warnings),
  },
  { additionalProperties: false },
);

export const FailBody = Type.Object(
  {
    workerId: Type.String({ minLength: 1, maxLength: 200 }),
    error: Type.Object(
      {
        code: Type.Optional(Type.String({ maxLength: 100 })),
        message: Type.String({ maxLength: 10_000 }),
        details: Type.Optional(Type.Unknown()),
      },
      { additionalProperties: false },
    ),
    retryable: Type.Optional(Type.Boolean({ default: true })),
    counters: Type.Optional(Counters),
    warnings: Type.Optional(Warnings),
  },
  { additionalProperties: false },
);

export const COMPLETE_MANY_MAX = 1000;

export const CompleteManyBody = Type.Object(
  {
    workerId: Type.String({ minLength: 1, maxLength: 200 }),
    results: Type.Array(
      Type.Object(
        {
          jobId: Type.String({ minLength: 1, maxLength: 100 }),
          result: Type.Optional(Type.Unknown()),
          counters: Type.Optional(Counters),
          warnings: Type.Optional(Warnings),
        },
        { additionalProperties: false },
      ),
      {
        minItems: 1,
        maxItems: COMPLETE_MANY_MAX,
        description: 'One entry per claimed job this worker finished; each job at most once.',
      },
    ),
  },
  { additionalProperties: false },
);
export type CompleteManyInput = Static<typeof CompleteManyBody>;

export const CompleteManyItemSchema = Type.Object({
  jobId: Type.String(),
  status: Nullable(
    Type.Union([Type.Literal('succeeded'), Type.Literal('aborted')], {
      description:
        'How the job ended (aborted when an abort was asked for meanwhile); null when not completed.',
    }),
  ),
  error: Nullable(
    Type.Object(
      {
        code: Type.String({
          description: '`lease_lost` or `not_found`, as the single complete would answer.',
        }),
        message: Type.String(),
      },
      { description: 'Why this job was not completed; null when it was.' },
    ),
  ),
});
export type CompleteManyItem = Static<typeof CompleteManyItemSchema>;

export const CompleteManyResponse = Type.Object({
  data: Type.Array(CompleteManyItemSchema, { description: 'One entry per result, in request order.' }),
  completed: Type.Integer({ description: 'How many jobs this request completed.' }),
});
