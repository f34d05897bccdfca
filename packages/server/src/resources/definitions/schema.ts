import { Type, type Static } from '@sinclair/typebox';
import { ListQueryProperties, Nullable, Timestamp } from '../../http/schemas.js';
import { ConcurrencyKey, KeyLimits, TimeoutMs } from '../jobs/schema.js';

const JsonObject = Type.Record(Type.String(), Type.Unknown());
const Schedule = Type.String({
  minLength: 9,
  maxLength: 200,
  description: 'Cron expression: 5 fields (minute precision) or 6 (with seconds first), e.g. `0 3 * * *`.',
});
const Timezone = Type.String({
  minLength: 1,
  maxLength: 64,
  description: 'IANA time zone of the schedule (default UTC).',
});
const Throttle = (description: string) => Type.Integer({ minimum: 1, maximum: 1_000_000, description });

export const DefinitionSchema = Type.Object({
  id: Type.String({ examples: ['jdf_01jd4n8k6m3v4b2c1x0z9y8w7t'] }),
  workspaceId: Type.String(),
  projectId: Nullable(Type.String()),
  name: Type.String(),
  type: Type.String(),
  description: Nullable(Type.String()),
  parameters: JsonObject,
  schedule: Nullable(Type.String()),
  timezone: Type.String(),
  enabled: Type.Boolean(),
  maxRunning: Nullable(Type.Integer()),
  maxStartsPerHour: Nullable(Type.Integer()),
  timeoutMs: Nullable(Type.Integer({ description: 'Default timeoutMs of its instances; null: the type’s.' })),
  concurrencyKey: Nullable(
    Type.String({ description: 'The concurrency key of its instances unless a run names another.' }),
  ),
  keyLimits: Nullable(
    Type.Object(
      {
        maxRunning: Type.Integer(),
        rate: Nullable(Type.Object({ max: Type.Integer(), windowMs: Type.Integer() })),
      },
      { description: 'Limits on each concurrency key of its instances; null: the type’s.' },
    ),
  ),
  nextRunAt: Nullable(Timestamp),
  createdBy: Nullable(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Definition = Static<typeof DefinitionSchema>;
export const DEFINITION_FIELDS = Object.keys(DefinitionSchema.properties);

export const CreateDefinitionBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    type: Type.String({ minLength: 1, maxLength: 100, pattern: '^[a-z][a-z0-9_.:-]*$' }),
    workspaceId: Type.Optional(Type.String()),
    projectId: Type.Optional(Type.String()),
    description: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
    parameters: Type.Optional(JsonObject),
    schedule: Type.Optional(Nullable(Schedule)),
    timezone: Type.Optional(Timezone),
    enabled: Type.Optional(Type.Boolean()),
    maxRunning: Type.Optional(Nullable(Throttle('At most this many instances queued or running at once.'))),
    maxStartsPerHour: Type.Optional(Nullable(Throttle('At most this many instances started in any hour.'))),
    timeoutMs: Type.Optional(Nullable(TimeoutMs)),
    concurrencyKey: Type.Optional(Nullable(ConcurrencyKey)),
    keyLimits: Type.Optional(Nullable(KeyLimits)),
  },
  { additionalProperties: false },
);
export type CreateDefinitionInput = Static<typeof CreateDefinitionBody>;

export const UpdateDefinitionBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    description: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
    parameters: Type.Optional(JsonObject),
    schedule: Type.Optional(Nullable(Schedule)),
    timezone: Type.Optional(Timezone),
    enabled: Type.Optional(Type.Boolean()),
    maxRunning: Type.Optional(Nullable(Throttle('At most this many instances queued or running at once.'))),
    maxStartsPerHour: Type.Optional(Nullable(Throttle('At most this many instances started in any hour.'))),
    timeoutMs: Type.Optional(Nullable(TimeoutMs)),
    concurrencyKey: Type.Optional(Nullable(ConcurrencyKey)),
    keyLimits: Type.Optional(Nullable(KeyLimits)),
  },
  { additionalProperties: false },
);
export type UpdateDefinitionInput = Static<typeof UpdateDefinitionBody>;

export const RunDefinitionBody = Type.Object(
  {
    parameters: Type.Optional(JsonObject),
    title: Type.Optional(Type.String({ maxLength: 500 })),
    priority: Type.Optional(Type.Integer({ minimum: -1000, maximum: 1000 })),
    concurrencyKey: Type.Optional(ConcurrencyKey),
  },
  { additionalProperties: false },
);

export const ListDefinitionsQuery = Type.Object(
  {
    ...ListQueryProperties,
    workspaceId: Type.Optional(Type.String()),
    projectId: Type.Optional(Type.String()),
    type: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

export const ListInstancesQuery = Type.Object(
  {
    ...ListQueryProperties,
    status: Type.Optional(Type.String({ description: 'One status, or several separated by commas.' })),
    createdAfter: Type.Optional(Timestamp),
    createdBefore: Type.Optional(Timestamp),
  },
  { additionalProperties: false },
);

export const SchedulePreviewQuery = Type.Object(
  {
    schedule: Schedule,
    timezone: Type.Optional(Timezone),
    count: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 50, default: 5, description: 'How many fire times (default 5).' }),
    ),
    after: Type.Optional(
      Type.String({ format: 'date-time', description: 'The times after this instant (default: now).' }),
    ),
  },
  { additionalProperties: false },
);

export const SchedulePreviewSchema = Type.Object({
  schedule: Type.String(),
  timezone: Type.String(),
  times: Type.Array(Timestamp, {
    description:
      'The next fire times, as the scheduler computes them (fewer when the expression stops firing, e.g. `0 0 30 2 *`).',
  }),
});
export type SchedulePreview = Static<typeof SchedulePreviewSchema>;
