import { Type, type Static } from '@sinclair/typebox';
import { ListQueryProperties, Nullable, Timestamp } from '../../http/schemas.js';

const Name = Type.String({ minLength: 1, maxLength: 200, description: 'Unique within the workspace.' });
const Description = Type.String({ maxLength: 4000 });
const TaskSchema = Type.Record(Type.String(), Type.Unknown(), {
  description: "JSON Schema every task's `data` must satisfy (null: no check).",
});

export const ProjectSchema = Type.Object({
  id: Type.String({ examples: ['prj_01jd4n8k6m3v4b2c1x0z9y8w7t'] }),
  numericId: Type.Integer({
    description:
      'Persistent integer id, unique among its kind in the instance (for clients that need integer ids, e.g. the Mammoth compat adapter).',
  }),
  workspaceId: Type.String(),
  name: Type.String(),
  description: Nullable(Type.String()),
  taskSchema: Nullable(TaskSchema),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Project = Static<typeof ProjectSchema>;
export const PROJECT_FIELDS = Object.keys(ProjectSchema.properties);

export const CreateProjectBody = Type.Object(
  {
    workspaceId: Type.Optional(
      Type.String({
        description: "Defaults to the credential's workspace; required for instance credentials.",
      }),
    ),
    name: Name,
    description: Type.Optional(Nullable(Description)),
    taskSchema: Type.Optional(Nullable(TaskSchema)),
  },
  { additionalProperties: false },
);
export type CreateProjectInput = Static<typeof CreateProjectBody>;

export const UpdateProjectBody = Type.Object(
  {
    name: Type.Optional(Name),
    description: Type.Optional(Nullable(Description)),
    taskSchema: Type.Optional(Nullable(TaskSchema)),
  },
  { additionalProperties: false },
);
export type UpdateProjectInput = Static<typeof UpdateProjectBody>;

export const ListProjectsQuery = Type.Object(
  { ...ListQueryProperties, workspaceId: Type.Optional(Type.String({ minLength: 1 })) },
  { additionalProperties: false },
);
export const DeleteProjectQuery = Type.Object(
  { force: Type.Optional(Type.Boolean({ description: 'Delete the project with all its data.' })) },
  { additionalProperties: false },
);
