import { Type } from '@sinclair/typebox';
import { Nullable } from '../../http/schemas.js';
import { JsonObject, KeyLimits } from '../jobs/schema.js';

export const JobTypeSchema = Type.Object({
  name: Type.String(),
  workspaceId: Nullable(Type.String({ description: 'null for built-in types.' })),
  builtIn: Type.Boolean(),
  internal: Type.Boolean({
    description:
      "A resource's own type (batch.*, tasks.*, …): the server makes its jobs; `POST /v1/jobs` and job definitions refuse it.",
  }),
  description: Nullable(Type.String()),
  argumentsSchema: Nullable(JsonObject),
  keyLimits: Nullable(
    Type.Object(
      {
        maxRunning: Type.Integer(),
        rate: Nullable(Type.Object({ max: Type.Integer(), windowMs: Type.Integer() })),
      },
      { description: 'Limits on each concurrency key of its jobs (null: one at a time, no rate).' },
    ),
  ),
  paused: Type.Boolean({
    description:
      'Its queued jobs are not claimed (in the workspace listed, or instance-wide) until it is resumed; running jobs finish normally.',
  }),
  pausedScope: Nullable(
    Type.Union([Type.Literal('workspace'), Type.Literal('instance')], {
      description:
        '`instance`: paused instance-wide by an instance admin (that wins over a workspace resume).',
    }),
  ),
});

export const PauseJobTypeBody = Type.Object(
  {
    workspaceId: Type.Optional(
      Type.String({
        description: "The workspace whose jobs of this type pause; defaults to the credential's.",
      }),
    ),
    instanceWide: Type.Optional(
      Type.Boolean({ description: 'Every workspace at once (an instance-wide admin credential only).' }),
    ),
  },
  { additionalProperties: false },
);

export const PutJobTypeBody = Type.Object(
  {
    workspaceId: Type.Optional(Type.String()),
    description: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
    argumentsSchema: Type.Optional(Nullable(JsonObject)),
    keyLimits: Type.Optional(Nullable(KeyLimits)),
  },
  { additionalProperties: false },
);

export const TypeParams = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 100, pattern: '^[a-z][a-z0-9_.:-]*$' }) },
  { additionalProperties: false },
);
export const WorkspaceQuery = Type.Object(
  { workspaceId: Type.Optional(Type.String()) },
  { additionalProperties: false },
);

export const JobKeySchema = Type.Object({
  type: Type.String(),
  workspaceId: Type.String(),
  key: Type.String(),
  queued: Type.Integer({ description: 'Its jobs waiting for a slot (or their runAt).' }),
  running: Type.Integer(),
  maxRunning: Type.Integer(),
  rate: Nullable(Type.Object({ max: Type.Integer(), windowMs: Type.Integer() })),
  windowStarts: Type.Integer({ description: 'Jobs started in the current rate window (0 without a rate).' }),
  nextTurnAt: Nullable(
    Type.String({
      format: 'date-time',
      description:
        'When it may next start a job, if later than now: its rate window is full, or its queued jobs are not due yet.',
    }),
  ),
});

export const ListJobKeysQuery = Type.Object(
  {
    workspaceId: Type.Optional(Type.String()),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  },
  { additionalProperties: false },
);
