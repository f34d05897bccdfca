import { Type, type Static } from '@sinclair/typebox';
import { REVIEW_STAGE_PATTERN } from '../projects/schema.js';
import { ListQueryProperties, Nullable, Timestamp } from '../../http/schemas.js';
import { FilterOperatorSchema } from '../datasets/schema.js';
import { LABEL_FORMATS, LABEL_LIMITS } from './labels/convention.js';

const NAME_PATTERN =
  'Tasks whose name contains a match of this RE2 pattern, in the subset both stores read alike (no backreferences or lookaround; docs/tasks.md, "Name patterns").';

export const TASK_STATUSES = ['pending', 'in_progress', 'complete', 'to_review', 'reviewed'] as const;
export const TaskStatusSchema = Type.Union(
  TASK_STATUSES.map((s) => Type.Literal(s)),
  {
    description:
      'pending → in_progress → complete → to_review → reviewed; redo sends complete, to_review or reviewed back to pending.',
  },
);

const JsonObject = Type.Record(Type.String(), Type.Unknown());

export const TaskEventSchema = Type.Object({
  from: Nullable(TaskStatusSchema),
  to: TaskStatusSchema,
  action: Type.String({
    description:
      'transition, review, redo, redo_reset, update (data, resources, priority or prediction), assign, unassign, claim, submit, skip, lease_expired, release (its member removed), verdict, consensus (the last annotation landed) or choose (a reviewer chose the result).',
  }),
  actor: Nullable(Type.String({ description: 'The credential that acted.' })),
  memberId: Nullable(Type.String({ description: 'The member the credential acts for.' })),
  reason: Nullable(Type.String()),
  details: Nullable(Type.Record(Type.String(), Type.Unknown())),
  at: Timestamp,
});

/** Claim queues take higher priorities first (then older tasks). */
const Priority = Type.Integer({
  minimum: -1_000_000,
  maximum: 1_000_000,
  description: 'Higher first in claim queues (then older first); default 0.',
});

export const PredictionSchema = Type.Object({
  modelVersion: Nullable(Type.String()),
  score: Nullable(Type.Number()),
  data: Type.Optional(JsonObject),
});

export const PredictionInput = Type.Object(
  {
    modelVersion: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    score: Type.Optional(Nullable(Type.Number())),
    data: Type.Optional(JsonObject),
  },
  {
    additionalProperties: false,
    description:
      'A model\'s pre-label. Its `data` seeds the task\'s data when a member claims the task while its data is still empty (docs/tasks.md, "Pre-labels").',
  },
);
export type PredictionInputType = Static<typeof PredictionInput>;

export const TaskSchema = Type.Object({
  id: Type.String({ examples: ['tsk_01jd4n8k6m3v4b2c1x0z9y8w7t'] }),
  workspaceId: Type.String(),
  projectId: Type.String(),
  batchId: Type.String(),
  name: Type.String(),
  resources: Type.Array(Type.String()),
  status: TaskStatusSchema,
  properties: Type.Object({ score: Nullable(Type.Number()), custom: JsonObject }),
  data: Type.Optional(JsonObject),
  initialData: Type.Optional(JsonObject),
  history: Type.Optional(Type.Array(TaskEventSchema)),
  priority: Type.Integer(),
  assigneeId: Nullable(Type.String({ description: 'The member the task is assigned to.' })),
  lease: Nullable(
    Type.Object(
      { memberId: Type.String(), expiresAt: Timestamp },
      { description: 'The claim on the task: who holds it and until when (heartbeats renew it).' },
    ),
  ),
  prediction: Nullable(
    Type.Object(PredictionSchema.properties, {
      description: 'A pre-label; its `data` only with include=data.',
    }),
  ),
  reviewStage: Nullable(
    Type.String({ description: 'The review stage a to_review task waits at (null: none).' }),
  ),
  lastRejection: Nullable(
    Type.Object(
      {
        reason: Type.String(),
        stage: Nullable(Type.String()),
        memberId: Nullable(Type.String()),
        at: Timestamp,
      },
      { description: "The last reviewer's rejection: why, at which stage, by whom." },
    ),
  ),
  agreement: Nullable(
    Type.Object(
      {
        score: Nullable(
          Type.Number({
            description: 'How far the annotations agree, 0 to 1 (null until the last one lands).',
          }),
        ),
        annotations: Type.Integer({ description: 'Annotations made so far.' }),
        chosenAnnotationId: Nullable(
          Type.String({ description: "The annotation whose data is the task's data." }),
        ),
        chosenBy: Nullable(
          Type.Union([Type.Literal('majority'), Type.Literal('reviewer')], {
            description: 'majority: the annotation agreeing most with the others; reviewer: chosen by one.',
          }),
        ),
      },
      {
        description:
          'Consensus (projects with annotationsPerTask > 1); null for a task never annotated that way.',
      },
    ),
  ),
  gold: Type.Optional(
    Type.Object(
      { data: Type.Optional(JsonObject) },
      {
        description:
          'Gold tasks only, and only for callers who may see gold (not annotators, not worker keys): the known answer, its `data` with include=data. Members answer gold tasks from their claim queue like any other; the quality report scores them (docs/tasks.md, "Gold tasks").',
      },
    ),
  ),
  createdBy: Nullable(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Task = Static<typeof TaskSchema>;

export const AnnotationSchema = Type.Object({
  id: Type.String({ examples: ['ann_01jd4n8k6m3v4b2c1x0z9y8w7t'] }),
  taskId: Type.String(),
  memberId: Type.String({ description: 'The member who made it.' }),
  data: JsonObject,
  chosen: Type.Boolean({ description: "Whether the task's data is this annotation's." }),
  createdAt: Timestamp,
});
export type Annotation = Static<typeof AnnotationSchema>;
export const AnnotationListSchema = Type.Object({ data: Type.Array(AnnotationSchema) });
export const AnnotationParams = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 100 }),
    annotationId: Type.String({ minLength: 1, maxLength: 100 }),
  },
  { additionalProperties: false },
);

const ReviewStageFilter = Type.String({
  pattern: REVIEW_STAGE_PATTERN,
  description: 'Only tasks waiting at this review stage.',
});

/** Longest reason a verdict keeps. */
export const MAX_VERDICT_REASON = 2000;

export const VerdictBody = Type.Object(
  {
    verdict: Type.Union([Type.Literal('accept'), Type.Literal('reject')]),
    reason: Type.Optional(
      Type.String({
        maxLength: MAX_VERDICT_REASON,
        description: 'Why (required to reject): the annotator sees it on the task.',
      }),
    ),
    stage: Type.Optional(
      Type.String({
        pattern: REVIEW_STAGE_PATTERN,
        description: 'The stage the verdict is for: refused (409) when the task is at another.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type VerdictInput = Static<typeof VerdictBody>;

const GoldInput = Type.Object(
  { data: JsonObject },
  {
    additionalProperties: false,
    description:
      "The known answer: makes the task a gold task. Its `data` is checked against the project's task schema like a task's (unless dataCheck is false).",
  },
);

export const SetGoldBody = Type.Object(
  {
    data: Type.Union([JsonObject, Type.Null()], {
      description: 'The known answer (null: the task is no longer gold; its answers stay in the report).',
    }),
    dataCheck: Type.Optional(
      Type.Boolean({
        default: true,
        description: "false: skip the check against the project's task schema.",
      }),
    ),
  },
  { additionalProperties: false },
);
export type SetGoldInput = Static<typeof SetGoldBody>;

export const NewTaskSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 500 }),
    resources: Type.Optional(Type.Array(Type.String({ maxLength: 4000 }), { maxItems: 100 })),
    data: Type.Optional(JsonObject),
    properties: Type.Optional(
      Type.Object(
        { score: Type.Optional(Nullable(Type.Number())), custom: Type.Optional(JsonObject) },
        { additionalProperties: false },
      ),
    ),
    priority: Type.Optional(Priority),
    prediction: Type.Optional(PredictionInput),
    gold: Type.Optional(GoldInput),
  },
  { additionalProperties: false },
);
export type NewTask = Static<typeof NewTaskSchema>;

export const CreateTasksBody = Type.Object(
  {
    tasks: Type.Array(NewTaskSchema, { minItems: 1, maxItems: 10_000 }),
    onExisting: Type.Optional(
      Type.Union([Type.Literal('error'), Type.Literal('skip')], {
        default: 'error',
        description: 'A name the batch already has: an error for that task, or skipped.',
      }),
    ),
    uniqueCheck: Type.Optional(
      Type.Boolean({
        default: true,
        description:
          'false: do not check names against the batch (duplicates inside the request are still errors).',
      }),
    ),
    dataCheck: Type.Optional(
      Type.Boolean({
        default: true,
        description: "false: skip the check of `data` against the project's task schema.",
      }),
    ),
  },
  { additionalProperties: false },
);
export type CreateTasksInput = Static<typeof CreateTasksBody>;

export const ItemResultSchema = Type.Object({
  index: Type.Integer(),
  name: Type.String(),
  status: Type.Union([Type.Literal('created'), Type.Literal('skipped'), Type.Literal('failed')]),
  id: Type.Optional(Type.String()),
  error: Type.Optional(
    Type.Object({ code: Type.String(), message: Type.String(), pointer: Type.Optional(Type.String()) }),
  ),
});

export const CreateTasksResponse = Type.Object({
  created: Type.Integer(),
  skipped: Type.Integer(),
  failed: Type.Integer(),
  results: Type.Array(ItemResultSchema),
});

/** A filter on tasks in a body (bulk operations, exports). */
export const TaskFilterSchema = Type.Object(
  {
    projectId: Type.String({ minLength: 1 }),
    batchIds: Type.Optional(Type.Array(Type.String(), { maxItems: 1000 })),
    statuses: Type.Optional(Type.Array(TaskStatusSchema, { maxItems: 5 })),
    ids: Type.Optional(Type.Array(Type.String(), { maxItems: 10_000 })),
    names: Type.Optional(Type.Array(Type.String(), { maxItems: 10_000 })),
    nameRegex: Type.Optional(Type.String({ maxLength: 500, description: NAME_PATTERN })),
    assignee: Type.Optional(
      Type.String({ minLength: 1, description: 'A member id, or `none` for tasks assigned to nobody.' }),
    ),
    reviewStage: Type.Optional(ReviewStageFilter),
    where: Type.Optional(
      Type.Array(
        Type.Object(
          {
            field: Type.String({
              description:
                '`data.<path>`, `properties.score`, `properties.<custom path>`, `prediction.score`, `agreement.score`, `priority`, `createdAt` or `updatedAt`.',
            }),
            operator: FilterOperatorSchema,
            value: Type.Unknown(),
          },
          { additionalProperties: false },
        ),
        { maxItems: 50 },
      ),
    ),
  },
  { additionalProperties: false },
);
export type TaskFilterInput = Static<typeof TaskFilterSchema>;

export const VerdictsBody = Type.Object(
  {
    ids: Type.Optional(
      Type.Array(Type.String(), {
        minItems: 1,
        maxItems: 1000,
        description: 'The tasks (each named once), answered one by one (200). Either ids or filter.',
      }),
    ),
    filter: Type.Optional(
      Type.Object(TaskFilterSchema.properties, {
        additionalProperties: false,
        description:
          'The tasks a filter selects (statuses default to to_review): a tasks.bulk job (202) with a result per refused task.',
      }),
    ),
    ...VerdictBody.properties,
  },
  { additionalProperties: false },
);
export type VerdictsInput = Static<typeof VerdictsBody>;

export const ListTasksQuery = Type.Object(
  {
    ...ListQueryProperties,
    projectId: Type.String({ minLength: 1 }),
    batchIds: Type.Optional(Type.String({ description: 'Comma-separated.' })),
    statuses: Type.Optional(Type.String({ description: 'Comma-separated.' })),
    ids: Type.Optional(Type.String({ description: 'Comma-separated.' })),
    names: Type.Optional(Type.String({ description: 'Comma-separated.' })),
    nameRegex: Type.Optional(Type.String({ maxLength: 500, description: NAME_PATTERN })),
    assignee: Type.Optional(
      Type.String({ minLength: 1, description: 'A member id, or `none` for tasks assigned to nobody.' }),
    ),
    reviewStage: Type.Optional(ReviewStageFilter),
    isGold: Type.Optional(
      Type.Boolean({
        description:
          'true: only gold tasks; false: only the others (callers who may see gold only: not annotators).',
      }),
    ),
    filter: Type.Optional(
      Type.Union([Type.String(), Type.Array(Type.String(), { maxItems: 50 })], {
        description:
          'Repeatable `field:operator:value` on `data.<path>`, `properties.score`, `properties.<path>`, `prediction.score`, `agreement.score`, `priority`, `createdAt`, `updatedAt`; operators eq, ne, gt, gte, lt, lte, in (JSON array), like.',
      }),
    ),
    include: Type.Optional(
      Type.String({ description: 'Heavy fields to add: `data` (with initialData), `history`.' }),
    ),
  },
  { additionalProperties: false },
);

export const GetTaskQuery = Type.Object(
  { include: ListTasksQuery.properties.include },
  { additionalProperties: false },
);

const Selection = {
  ids: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { minItems: 1, maxItems: 1000 })),
  filter: Type.Optional(TaskFilterSchema),
  reason: Type.Optional(Type.String({ maxLength: 2000 })),
};

export const ReviewBody = Type.Object(Selection, { additionalProperties: false });
export const AssignBody = Type.Object(
  {
    ids: Selection.ids,
    filter: Selection.filter,
    memberId: Type.String({ minLength: 1, description: "A member of the tasks' workspace, not removed." }),
  },
  { additionalProperties: false },
);
export const UnassignBody = Type.Object(
  { ids: Selection.ids, filter: Selection.filter },
  { additionalProperties: false },
);
export const RedoBody = Type.Object(
  {
    ...Selection,
    reset: Type.Optional(Type.Boolean({ default: false, description: 'Reset data to the initial data.' })),
  },
  { additionalProperties: false },
);
export const TransitionBody = Type.Object(
  { ...Selection, to: TaskStatusSchema },
  { additionalProperties: false },
);
export const PropertiesBody = Type.Object(
  {
    ids: Selection.ids,
    filter: Selection.filter,
    score: Type.Optional(Nullable(Type.Number())),
    custom: Type.Optional(
      Type.Object(
        {
          set: Type.Optional(JsonObject),
          replace: Type.Optional(JsonObject),
          remove: Type.Optional(Type.Array(Type.String(), { maxItems: 1000 })),
        },
        {
          additionalProperties: false,
          description: 'replace: the whole object; set: keys to set; remove: keys to drop.',
        },
      ),
    ),
  },
  { additionalProperties: false },
);
export type PropertiesInput = Static<typeof PropertiesBody>;

export const BulkResultSchema = Type.Object({
  applied: Type.Integer(),
  refused: Type.Integer(),
  results: Type.Array(
    Type.Object({
      id: Type.String(),
      status: Type.Union([Type.Literal('applied'), Type.Literal('refused')]),
      from: Type.Optional(TaskStatusSchema),
      to: Type.Optional(TaskStatusSchema),
      error: Type.Optional(Type.Object({ code: Type.String(), message: Type.String() })),
    }),
  ),
});

export const UpdateTaskBody = Type.Object(
  {
    data: Type.Optional(JsonObject),
    resources: Type.Optional(Type.Array(Type.String({ maxLength: 4000 }), { maxItems: 100 })),
    priority: Type.Optional(Priority),
    prediction: Type.Optional(Nullable(PredictionInput)),
    dataCheck: Type.Optional(
      Type.Boolean({ default: true, description: 'false: skip the task schema check.' }),
    ),
  },
  { additionalProperties: false },
);
export type UpdateTaskInput = Static<typeof UpdateTaskBody>;

export const EXPORT_FIELDS = [
  'id',
  'name',
  'batchId',
  'status',
  'resources',
  'data',
  'initialData',
  'properties',
  'createdBy',
  'reviewStage',
  'priority',
  'assigneeId',
  'prediction',
  'agreement',
  'createdAt',
  'updatedAt',
] as const;

export const ExportTasksBody = Type.Object(
  {
    filter: TaskFilterSchema,
    format: Type.Union(
      (['json', 'jsonl', 'csv', ...LABEL_FORMATS] as const).map((f) => Type.Literal(f)),
      {
        description:
          'json, jsonl or csv: the tasks themselves. coco, yolo, voc or masks: the images and labels in task data (see the Labels section of the task docs).',
      },
    ),
    classes: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 200 }), {
        minItems: 1,
        maxItems: LABEL_LIMITS.classes,
        uniqueItems: true,
        description:
          'Label formats only: the classes to export, in id order (COCO category i+1, YOLO class i, mask value i+1). Default: every class the selected labels use, sorted. Labels of other classes are left out and reported.',
      }),
    ),
    keypoints: Type.Optional(
      Type.Record(
        Type.String({ minLength: 1, maxLength: 200 }),
        Type.Object(
          {
            names: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), {
              minItems: 1,
              maxItems: LABEL_LIMITS.keypoints,
              uniqueItems: true,
              description: "The class's keypoints in order: a label of the class has this many.",
            }),
            skeleton: Type.Optional(
              Type.Array(Type.Array(Type.Integer({ minimum: 1 }), { minItems: 2, maxItems: 2 }), {
                maxItems: LABEL_LIMITS.skeleton,
                description: 'Edges between keypoints, each two 1-based keypoint numbers (COCO).',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        {
          maxProperties: LABEL_LIMITS.classes,
          description:
            "Label formats only: keypoint names and skeleton by class name (COCO categories' keypoints and skeleton); a label of such a class with another number of keypoints is left out and reported.",
        },
      ),
    ),
    fields: Type.Optional(
      Type.Array(Type.Union(EXPORT_FIELDS.map((f) => Type.Literal(f))), {
        minItems: 1,
        uniqueItems: true,
        description:
          'json, jsonl and csv only. Default: every field but initialData, reviewStage, priority, assigneeId, prediction and agreement (asked for by name). In CSV, data and properties become one column per top-level key; prediction becomes prediction.modelVersion, prediction.score and prediction.data.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type ExportTasksInput = Static<typeof ExportTasksBody>;

export const ImportTasksQuery = Type.Object(
  {
    onExisting: CreateTasksBody.properties.onExisting,
    uniqueCheck: CreateTasksBody.properties.uniqueCheck,
    dataCheck: CreateTasksBody.properties.dataCheck,
    format: Type.Optional(
      Type.Union([Type.Literal('json'), Type.Literal('jsonl')], {
        description: 'Defaults from Content-Type: application/json (an array) or application/x-ndjson.',
      }),
    ),
  },
  { additionalProperties: false },
);

const columnKey = (description: string) => Type.String({ minLength: 1, maxLength: 200, description });

export const TasksFromRowsBody = Type.Object(
  {
    nameColumn: Type.Optional(
      columnKey(
        "The column whose value names each row's task (id or name; with namePrefix, the name is the prefix then the value). Required unless namePrefix is given.",
      ),
    ),
    namePrefix: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description:
          "Without nameColumn: tasks are named `<namePrefix><row id>` (the row's `_id`, stable and unique in its dataset). With nameColumn: put before each value.",
      }),
    ),
    dataColumns: Type.Optional(
      Type.Array(columnKey('A column id (c1, c2, …) or name.'), {
        maxItems: 1000,
        description:
          "The columns copied into each task's `data`, keyed by column name (default: every column).",
      }),
    ),
    resourcesColumn: Type.Optional(
      columnKey("A text column whose value becomes the task's resources[0] (empty or null: no resources)."),
    ),
    onExisting: CreateTasksBody.properties.onExisting,
    dataCheck: CreateTasksBody.properties.dataCheck,
  },
  { additionalProperties: false },
);
export type TasksFromRowsInput = Static<typeof TasksFromRowsBody>;

export const DuplicateNamesBody = Type.Object(
  { names: Type.Array(Type.String({ minLength: 1, maxLength: 500 }), { minItems: 1, maxItems: 10_000 }) },
  { additionalProperties: false },
);

export const DuplicateNamesResponse = Type.Object({
  duplicates: Type.Array(Type.String(), {
    description: 'The names asked that a task of the batch has, once each.',
  }),
});

const LeaseSeconds = Type.Optional(
  Type.Integer({
    minimum: 1,
    maximum: 3600,
    default: 300,
    description: 'How long the claim holds without a heartbeat (1–3600 s, default 300).',
  }),
);

export const ClaimTaskBody = Type.Object(
  {
    projectId: Type.String({ minLength: 1 }),
    batchId: Type.Optional(Type.String({ minLength: 1, description: 'Only this batch of the project.' })),
    leaseSeconds: LeaseSeconds,
  },
  { additionalProperties: false },
);
export type ClaimTaskInput = Static<typeof ClaimTaskBody>;

export const HeartbeatBody = Type.Object({ leaseSeconds: LeaseSeconds }, { additionalProperties: false });

export const SubmitTaskBody = Type.Object(
  {
    data: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), {
        description: "The work done: the task's new data (kept as is when absent).",
      }),
    ),
    dataCheck: Type.Optional(
      Type.Boolean({
        default: true,
        description: "false: skip the check against the project's task schema.",
      }),
    ),
  },
  { additionalProperties: false },
);
export type SubmitTaskInput = Static<typeof SubmitTaskBody>;

export const SkipTaskBody = Type.Object(
  {
    reason: Type.String({
      minLength: 1,
      maxLength: 2000,
      description: 'Why the member skips the task (recorded).',
    }),
  },
  { additionalProperties: false },
);
