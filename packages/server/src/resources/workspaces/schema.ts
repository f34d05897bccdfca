import { Type, type Static } from '@sinclair/typebox';
import { ListQueryProperties, Timestamp } from '../../http/schemas.js';

const Name = Type.String({ minLength: 1, maxLength: 200, description: 'Unique across the instance.' });

export const WorkspaceSchema = Type.Object({
  id: Type.String({ examples: ['ws_01jd4n8k6m3v4b2c1x0z9y8w7t'] }),
  numericId: Type.Integer({
    description:
      'Persistent integer id, unique among its kind in the instance (for clients that need integer ids, e.g. the Mammoth compat adapter).',
  }),
  name: Type.String(),
  weight: Type.Integer({
    description:
      'Its share of job claims against other workspaces with queued jobs of the same type (default 1; set by an instance admin).',
  }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Workspace = Static<typeof WorkspaceSchema>;
export const WORKSPACE_FIELDS = Object.keys(WorkspaceSchema.properties);

export const CreateWorkspaceBody = Type.Object({ name: Name }, { additionalProperties: false });
export const UpdateWorkspaceBody = Type.Object(
  {
    name: Type.Optional(Name),
    weight: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 1000,
        description: 'Claim weight (1 to 1000): an instance-wide admin credential only.',
      }),
    ),
  },
  { additionalProperties: false },
);
export const ListWorkspacesQuery = Type.Object(ListQueryProperties, { additionalProperties: false });
export const DeleteWorkspaceQuery = Type.Object(
  {
    force: Type.Optional(
      Type.Boolean({ description: 'Delete the workspace with all its projects and credentials.' }),
    ),
  },
  { additionalProperties: false },
);
