import { Type, type Static } from '@sinclair/typebox';
import { ListQueryProperties, Nullable, Timestamp } from '../../http/schemas.js';

const roleSchema = (description: string) =>
  Type.Union(
    [Type.Literal('admin'), Type.Literal('editor'), Type.Literal('viewer'), Type.Literal('worker')],
    { description },
  );
const ROLE_DESCRIPTION =
  'admin: everything in the workspace; editor: read and write data; viewer: read; worker: worker endpoints.';
export const RoleSchema = roleSchema(ROLE_DESCRIPTION);

const CredentialProperties = {
  id: Type.String(),
  workspaceId: Nullable(Type.String()),
  name: Type.String(),
  role: RoleSchema,
  createdAt: Timestamp,
  createdBy: Nullable(Type.String({ description: 'The credential that created this one.' })),
  revokedAt: Nullable(Timestamp),
};

export const ApiKeySchema = Type.Object({
  ...CredentialProperties,
  hint: Type.String({ description: 'The last four characters of the token.' }),
  expiresAt: Nullable(Timestamp),
  lastUsedAt: Nullable(Timestamp),
  memberId: Nullable(Type.String({ description: 'The member (a person) this key acts for.' })),
});
export type ApiKey = Static<typeof ApiKeySchema>;
export const API_KEY_FIELDS = Object.keys(ApiKeySchema.properties);

export const CreatedApiKeySchema = Type.Object({
  ...ApiKeySchema.properties,
  token: Type.String({ description: 'The API key itself. Shown once: only its hash is stored.' }),
});

export const ApiClientSchema = Type.Object(CredentialProperties);
export type ApiClient = Static<typeof ApiClientSchema>;
export const API_CLIENT_FIELDS = Object.keys(ApiClientSchema.properties);

export const CreatedApiClientSchema = Type.Object({
  ...ApiClientSchema.properties,
  clientSecret: Type.String({ description: 'Shown once: only its hash is stored.' }),
});

const WorkspaceIdForCredential = Type.Optional(
  Nullable(
    Type.String({
      description:
        "Defaults to the caller's workspace. Instance admins must give it: a workspace id, or null for an instance-wide credential.",
    }),
  ),
);

export const CreateApiKeyBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    role: Type.Optional(
      roleSchema(
        `${ROLE_DESCRIPTION} Required, except for a member's key (always editor, narrowed by the member's role).`,
      ),
    ),
    memberId: Type.Optional(
      Type.String({
        minLength: 1,
        description:
          'A key that acts for this member: its role is editor, narrowed by the member\'s role (docs/tasks.md, "Members"); the key goes in the member\'s workspace.',
      }),
    ),
    workspaceId: WorkspaceIdForCredential,
    expiresAt: Type.Optional(Nullable(Timestamp)),
  },
  { additionalProperties: false },
);
export type CreateApiKeyInput = Static<typeof CreateApiKeyBody>;

export const CreateApiClientBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    role: RoleSchema,
    workspaceId: WorkspaceIdForCredential,
  },
  { additionalProperties: false },
);
export type CreateApiClientInput = Static<typeof CreateApiClientBody>;

export const ListCredentialsQuery = Type.Object(
  {
    ...ListQueryProperties,
    workspaceId: Type.Optional(
      Type.String({ minLength: 1, description: 'Only this workspace; `none` for instance-wide ones.' }),
    ),
  },
  { additionalProperties: false },
);

export const TokenRequestBody = Type.Object(
  {
    grant_type: Type.String({ description: 'Must be client_credentials.' }),
    client_id: Type.Optional(Type.String()),
    client_secret: Type.Optional(Type.String()),
    scope: Type.Optional(Type.String()),
  },
  {
    additionalProperties: true,
    description: 'Form-encoded or JSON. Credentials may also come as HTTP Basic auth.',
  },
);

export const TokenResponseSchema = Type.Object({
  access_token: Type.String(),
  token_type: Type.Literal('Bearer'),
  expires_in: Type.Integer({ description: 'Seconds until the token expires.' }),
});
