import { Type, type Static } from '@sinclair/typebox';
import { ListQueryProperties, Nullable, Timestamp } from '../../http/schemas.js';

export const MEMBER_ROLES = ['annotator', 'reviewer', 'manager'] as const;
export const MemberRoleSchema = Type.Union(
  MEMBER_ROLES.map((r) => Type.Literal(r)),
  {
    description:
      'annotator: claims, works on and submits tasks; reviewer: also reviews, redoes and moves tasks; manager: every editor action (creating, assigning, bulk operations). See docs/tasks.md, "Members".',
  },
);

const Name = Type.String({ minLength: 1, maxLength: 200 });
const Email = Type.String({
  minLength: 3,
  maxLength: 320,
  pattern: '^[^\\s@]+@[^\\s@]+$',
  description: 'Unique among the workspace members not removed (compared without case).',
});

export const MemberSchema = Type.Object({
  id: Type.String({ examples: ['mem_01jd4n8k6m3v4b2c1x0z9y8w7t'] }),
  workspaceId: Type.String(),
  name: Type.String(),
  email: Type.String(),
  role: MemberRoleSchema,
  createdBy: Nullable(Type.String({ description: 'The credential that added the member.' })),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  removedAt: Nullable(Timestamp),
});
export type Member = Static<typeof MemberSchema>;
export const MEMBER_FIELDS = Object.keys(MemberSchema.properties);

export const CreateMemberBody = Type.Object(
  {
    workspaceId: Type.Optional(
      Type.String({
        description: "Defaults to the credential's workspace; required for instance credentials.",
      }),
    ),
    name: Name,
    email: Email,
    role: MemberRoleSchema,
  },
  { additionalProperties: false },
);
export type CreateMemberInput = Static<typeof CreateMemberBody>;

export const UpdateMemberBody = Type.Object(
  { name: Type.Optional(Name), email: Type.Optional(Email), role: Type.Optional(MemberRoleSchema) },
  { additionalProperties: false },
);
export type UpdateMemberInput = Static<typeof UpdateMemberBody>;

export const ListMembersQuery = Type.Object(
  {
    ...ListQueryProperties,
    workspaceId: Type.Optional(Type.String({ minLength: 1 })),
    roles: Type.Optional(Type.String({ description: 'Comma-separated roles.' })),
    email: Type.Optional(Type.String({ maxLength: 320 })),
    includeRemoved: Type.Optional(Type.Boolean({ default: false, description: 'Removed members too.' })),
  },
  { additionalProperties: false },
);
export type ListMembersInput = Static<typeof ListMembersQuery>;
