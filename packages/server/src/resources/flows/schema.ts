import { Type, type Static } from '@sinclair/typebox';
import { ListQueryProperties, Nullable, Timestamp } from '../../http/schemas.js';
import { CreateJobBody, JobStatusSchema, OnDependencyFailure } from '../jobs/schema.js';

export const FLOW_STATUSES = ['running', 'succeeded', 'failed', 'aborted'] as const;
export const FlowStatusSchema = Type.Union(FLOW_STATUSES.map((s) => Type.Literal(s)));

/** The most jobs in one flow. */
export const MAX_FLOW_JOBS = 5000;

export const FlowKey = Type.String({
  minLength: 1,
  maxLength: 100,
  pattern: '^[A-Za-z0-9_.:-]{1,100}$',
  description: 'A job’s name in its flow: letters, digits and . _ : -',
});

const {
  type,
  title,
  description,
  arguments: args,
  priority,
  runAt,
  maxAttempts,
  timeoutMs,
  backoff,
  startBefore,
} = CreateJobBody.properties;

export const FlowJobInput = Type.Object(
  {
    type,
    title,
    description,
    arguments: args,
    priority,
    runAt,
    maxAttempts,
    timeoutMs,
    backoff,
    startBefore,
    dependsOn: Type.Optional(
      Type.Array(FlowKey, {
        maxItems: 1000,
        description: 'Names of jobs of this flow that this one waits for.',
      }),
    ),
    onDependencyFailure: Type.Optional(OnDependencyFailure),
  },
  { additionalProperties: false },
);
export type FlowJobInput = Static<typeof FlowJobInput>;

export const CreateFlowBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    workspaceId: Type.Optional(Type.String({ description: "Defaults to the credential's workspace." })),
    projectId: Type.Optional(Type.String({ description: 'The project of every job of the flow.' })),
    jobs: Type.Record(FlowKey, FlowJobInput, {
      additionalProperties: false,
      minProperties: 1,
      maxProperties: MAX_FLOW_JOBS,
      description: 'The jobs, by their name in the flow; `dependsOn` names others of them.',
    }),
  },
  { additionalProperties: false },
);
export type CreateFlowInput = Static<typeof CreateFlowBody>;

export const FlowJobSchema = Type.Object({
  key: Type.String(),
  id: Type.String(),
  type: Type.String(),
  status: JobStatusSchema,
  dependsOn: Type.Array(Type.String(), { description: 'Names of the jobs it waits for.' }),
  percent: Nullable(Type.Number({ description: 'Its progress, when it reports a total.' })),
  startedAt: Nullable(Timestamp),
  finishedAt: Nullable(Timestamp),
});

export const FlowProgressSchema = Type.Object({
  total: Type.Integer(),
  unfinished: Type.Integer({ description: 'Jobs waiting, queued or running.' }),
  succeeded: Type.Integer(),
  percent: Type.Number({
    description:
      'Over its jobs: an ended job counts 100, a running one its own percent (0 without a total), others 0.',
  }),
});

export const FlowSchema = Type.Object({
  id: Type.String({ examples: ['flw_01jd4n8k6m3v4b2c1x0z9y8w7t'] }),
  workspaceId: Type.String(),
  projectId: Nullable(Type.String()),
  name: Type.String(),
  status: FlowStatusSchema,
  abortRequested: Type.Boolean(),
  progress: FlowProgressSchema,
  jobs: Type.Optional(
    Type.Array(FlowJobSchema, { description: 'Every job of the flow (on a single flow, not in lists).' }),
  ),
  createdBy: Nullable(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  finishedAt: Nullable(Timestamp),
});
export type Flow = Static<typeof FlowSchema>;
export const FLOW_FIELDS = Object.keys(FlowSchema.properties);

export const ListFlowsQuery = Type.Object(
  {
    ...ListQueryProperties,
    workspaceId: Type.Optional(Type.String()),
    projectId: Type.Optional(Type.String()),
    status: Type.Optional(Type.String({ description: 'One status, or several separated by commas.' })),
  },
  { additionalProperties: false },
);

export const GetFlowQuery = Type.Object(
  {
    wait: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 60,
        description: 'Long-poll: answer when the flow ends or after this many seconds.',
      }),
    ),
  },
  { additionalProperties: false },
);
