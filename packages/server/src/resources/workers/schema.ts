import { Type, type Static } from '@sinclair/typebox';
import { Nullable, Timestamp } from '../../http/schemas.js';
import { DependencySchema, JobSchema, TypeName } from '../jobs/schema.js';
import { LogLinesInput } from '../job-logs/schema.js';

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
  dependencies: Type.Array(DependencySchema, {
    description: 'The jobs it depends on, with their results (empty without dependencies).',
  }),
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
    logs: Type.Optional(LogLinesInput),
  },
  { additionalProperties: false },
);
export type HeartbeatInput = Static<typeof HeartbeatBody>;

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
