import { Type, type Static } from '@sinclair/typebox';
import { ListQueryProperties, Nullable, Timestamp } from '../../http/schemas.js';

export const WEBHOOK_EVENTS = [
  'task.created',
  'task.status_changed',
  'batch.state_changed',
  'job.finished',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number] | 'webhook.ping';

const EventName = Type.Union(
  WEBHOOK_EVENTS.map((e) => Type.Literal(e)),
  { description: 'task.created, task.status_changed, batch.state_changed, job.finished.' },
);
const Url = Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2000 });
const Secret = Type.String({
  pattern: '^whsec_[A-Za-z0-9+/=]{16,}$',
  description: 'whsec_ followed by base64 of at least 12 bytes; generated when left out.',
});

export const WebhookSchema = Type.Object({
  id: Type.String({ examples: ['whk_01jd4n8k6m3v4b2c1x0z9y8w7t'] }),
  workspaceId: Type.String(),
  projectId: Type.String(),
  url: Type.String(),
  events: Type.Array(EventName),
  description: Nullable(Type.String()),
  enabled: Type.Boolean(),
  maxAttempts: Type.Integer(),
  backoffMs: Type.Integer(),
  secretHint: Type.String({ description: 'The last four characters of the signing secret.' }),
  secret: Type.Optional(
    Type.String({ description: 'The signing secret: answered on create and on rotation only.' }),
  ),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Webhook = Static<typeof WebhookSchema>;
export const WEBHOOK_FIELDS = Object.keys(WebhookSchema.properties).filter((f) => f !== 'secret');

export const CreateWebhookBody = Type.Object(
  {
    projectId: Type.String({ minLength: 1 }),
    url: Url,
    events: Type.Array(EventName, { minItems: 1, uniqueItems: true }),
    description: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
    enabled: Type.Optional(Type.Boolean({ default: true })),
    secret: Type.Optional(Secret),
    maxAttempts: Type.Optional(Type.Integer({ minimum: 1, maximum: 25, default: 8 })),
    backoffMs: Type.Optional(
      Type.Integer({
        minimum: 100,
        maximum: 3_600_000,
        default: 5000,
        description: 'First retry delay; doubles each time.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type CreateWebhookInput = Static<typeof CreateWebhookBody>;

export const UpdateWebhookBody = Type.Object(
  {
    url: Type.Optional(Url),
    events: Type.Optional(Type.Array(EventName, { minItems: 1, uniqueItems: true })),
    description: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
    enabled: Type.Optional(Type.Boolean()),
    maxAttempts: Type.Optional(Type.Integer({ minimum: 1, maximum: 25 })),
    backoffMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 3_600_000 })),
    rotateSecret: Type.Optional(Type.Boolean({ description: 'Make a new signing secret (answered once).' })),
  },
  { additionalProperties: false },
);
export type UpdateWebhookInput = Static<typeof UpdateWebhookBody>;

export const ListWebhooksQuery = Type.Object(
  {
    ...ListQueryProperties,
    projectId: Type.Optional(Type.String({ minLength: 1 })),
    workspaceId: Type.Optional(Type.String({ minLength: 1 })),
  },
  { additionalProperties: false },
);

export const DeliverySchema = Type.Object({
  id: Type.String({ description: 'Also the webhook-id header of the delivery.' }),
  webhookId: Type.String(),
  event: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('succeeded'), Type.Literal('failed')]),
  attempts: Type.Integer(),
  lastStatusCode: Nullable(Type.Integer()),
  lastError: Nullable(Type.String()),
  durationMs: Nullable(
    Type.Integer({
      minimum: 0,
      description:
        'Milliseconds the last attempt took, from sending the request to its answer or failure (timeouts included). Null before the first attempt, and for deliveries logged by versions that did not measure it.',
    }),
  ),
  jobId: Nullable(Type.String()),
  payload: Type.Unknown(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  deliveredAt: Nullable(Timestamp),
});
export type Delivery = Static<typeof DeliverySchema>;

export const ListDeliveriesQuery = Type.Object(
  {
    limit: ListQueryProperties.limit,
    cursor: ListQueryProperties.cursor,
    sort: ListQueryProperties.sort,
    status: Type.Optional(
      Type.Union([Type.Literal('pending'), Type.Literal('succeeded'), Type.Literal('failed')]),
    ),
  },
  { additionalProperties: false },
);
