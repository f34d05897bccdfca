import { Type, type Static } from '@sinclair/typebox';
import { ListQueryProperties, Nullable, Timestamp } from '../../http/schemas.js';

export const AuditEntrySchema = Type.Object({
  id: Type.String({ examples: ['aud_01jd4n8k6m3v4b2c1x0z9y8w7t'] }),
  workspaceId: Nullable(Type.String({ description: 'null: an instance-level change (instance keys).' })),
  actor: Type.Object({
    kind: Type.Union([Type.Literal('key'), Type.Literal('client')]),
    id: Type.String({ description: 'The API key or client that made the change.' }),
    name: Type.String({ description: "The credential's name when it made the change." }),
    memberId: Nullable(Type.String({ description: 'The member the credential acts for (a member key).' })),
  }),
  action: Type.String({ examples: ['project.create', 'task.review', 'job.abort'] }),
  resourceType: Type.String({ examples: ['project'] }),
  resourceId: Type.String(),
  requestId: Nullable(Type.String()),
  summary: Type.Record(Type.String(), Type.Unknown(), {
    description: 'What changed (the fields sent, counts for bulk changes); never a secret.',
  }),
  createdAt: Timestamp,
});
export type AuditEntry = Static<typeof AuditEntrySchema>;
export const AUDIT_FIELDS = Object.keys(AuditEntrySchema.properties);

const CommaList = (description: string) =>
  Type.Optional(Type.String({ minLength: 1, maxLength: 2000, description }));

export const ListAuditQuery = Type.Object(
  {
    ...ListQueryProperties,
    workspaceId: Type.Optional(Type.String({ minLength: 1 })),
    actorId: Type.Optional(Type.String({ minLength: 1, description: 'Changes by this key or client.' })),
    action: CommaList('Comma-separated actions, e.g. `project.create,project.delete`.'),
    resourceType: CommaList('Comma-separated resource types, e.g. `task,batch`.'),
    resourceId: Type.Optional(Type.String({ minLength: 1 })),
    requestId: Type.Optional(Type.String({ minLength: 1 })),
    createdAfter: Type.Optional(Type.String({ format: 'date-time', description: 'At or after this time.' })),
    createdBefore: Type.Optional(
      Type.String({ format: 'date-time', description: 'Strictly before this time.' }),
    ),
  },
  { additionalProperties: false },
);
export type ListAuditInput = Static<typeof ListAuditQuery>;
