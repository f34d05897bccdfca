import { Type, type Static } from '@sinclair/typebox';
import { ListQueryProperties, Nullable, Timestamp } from '../../http/schemas.js';

const Name = Type.String({ minLength: 1, maxLength: 200, description: 'Unique within the workspace.' });
const Description = Type.String({ maxLength: 4000 });
const TaskSchema = Type.Record(Type.String(), Type.Unknown(), {
  description: "JSON Schema every task's `data` must satisfy (null: no check).",
});

/** A review stage's name: letters, digits, _ and -, 1 to 50 of them. */
export const REVIEW_STAGE_PATTERN = '^[A-Za-z0-9_-]{1,50}$';
const ReviewStages = Type.Array(
  Type.String({ pattern: REVIEW_STAGE_PATTERN, description: 'A stage name: letters, digits, _ and -.' }),
  {
    maxItems: 10,
    description: 'Review stages in order (unique names, at most 10); empty: no stages.',
  },
);
const ExcludeSelfReview = Type.Boolean({
  description: 'A member may not give a verdict on a task they submitted.',
});
const AnnotationsPerTask = Type.Integer({
  minimum: 1,
  maximum: 20,
  description: 'Consensus: how many different members annotate each task (1: one, no consensus).',
});
const AgreementThreshold = Type.Number({
  minimum: 0,
  maximum: 1,
  description: 'Consensus: a task whose annotations agree less than this (0 to 1) goes to review.',
});
const GoldRate = Type.Number({
  minimum: 0,
  maximum: 1,
  description:
    'Share of claims that hand out a gold task (0: none). Deterministic: every round(1/goldRate)-th claim of a member in the project is a gold task they have not answered, when one is left (docs/tasks.md, "Gold tasks").',
});
export const WorkflowSchema = Type.Object({
  reviewStages: ReviewStages,
  excludeSelfReview: ExcludeSelfReview,
  annotationsPerTask: AnnotationsPerTask,
  agreementThreshold: AgreementThreshold,
  goldRate: GoldRate,
});
export type Workflow = Static<typeof WorkflowSchema>;
const WorkflowInput = Type.Object(
  {
    reviewStages: Type.Optional(ReviewStages),
    excludeSelfReview: Type.Optional(ExcludeSelfReview),
    annotationsPerTask: Type.Optional(AnnotationsPerTask),
    agreementThreshold: Type.Optional(AgreementThreshold),
    goldRate: Type.Optional(GoldRate),
  },
  {
    additionalProperties: false,
    description:
      'The review workflow (fields left out keep their value; defaults: no stages, excludeSelfReview true, annotationsPerTask 1, agreementThreshold 0.8, goldRate 0).',
  },
);
export type WorkflowInput = Static<typeof WorkflowInput>;

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
  workflow: WorkflowSchema,
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
    workflow: Type.Optional(WorkflowInput),
  },
  { additionalProperties: false },
);
export type CreateProjectInput = Static<typeof CreateProjectBody>;

export const UpdateProjectBody = Type.Object(
  {
    name: Type.Optional(Name),
    description: Type.Optional(Nullable(Description)),
    taskSchema: Type.Optional(Nullable(TaskSchema)),
    workflow: Type.Optional(WorkflowInput),
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
