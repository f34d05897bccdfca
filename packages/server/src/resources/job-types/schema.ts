import { Type } from '@sinclair/typebox';
import { Nullable } from '../../http/schemas.js';
import { JsonObject } from '../jobs/schema.js';

export const JobTypeSchema = Type.Object({
  name: Type.String(),
  workspaceId: Nullable(Type.String({ description: 'null for built-in types.' })),
  builtIn: Type.Boolean(),
  description: Nullable(Type.String()),
  argumentsSchema: Nullable(JsonObject),
});

export const PutJobTypeBody = Type.Object(
  {
    workspaceId: Type.Optional(Type.String()),
    description: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
    argumentsSchema: Type.Optional(Nullable(JsonObject)),
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
