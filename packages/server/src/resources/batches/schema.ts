import { Type, type Static } from '@sinclair/typebox';
import { ListQueryProperties, Nullable, Timestamp } from '../../http/schemas.js';
import { ColumnTypeSchema } from '../datasets/schema.js';

export const BatchStateSchema = Type.Union(
  ['pending', 'active', 'suspended', 'draft', 'deleting'].map((s) => Type.Literal(s)),
  {
    description:
      'pending (its creating job runs) → active | draft; active ⇄ suspended; draft → active (commit) or gone (close); any → deleting → gone.',
  },
);

export const BatchSchema = Type.Object({
  id: Type.String({ examples: ['bat_01jd4n8k6m3v4b2c1x0z9y8w7t'] }),
  numericId: Type.Integer({
    description:
      'Persistent integer id, unique among its kind in the instance (for clients that need integer ids, e.g. the Mammoth compat adapter).',
  }),
  workspaceId: Type.String(),
  projectId: Type.String(),
  datasetId: Type.String(),
  name: Type.String(),
  state: BatchStateSchema,
  source: Type.Object(
    { kind: Type.Union(['api', 'upload', 'dataset', 'merge', 'search'].map((k) => Type.Literal(k))) },
    { additionalProperties: true, description: 'Where the rows came from: kind plus its details.' },
  ),
  rowCount: Type.Integer(),
  errorCount: Type.Integer({ description: 'Rows refused by the type check (see the job’s errors.jsonl).' }),
  columnCount: Type.Integer(),
  strategy: Nullable(Type.String({ description: 'Drafts: the key-conflict strategy applied on commit.' })),
  draftNumber: Nullable(
    Type.Integer({
      description:
        'A merge’s draft: its number in the project (1, 2, …), given when the merge starts and kept after commit.',
    }),
  ),
  jobId: Nullable(Type.String({ description: 'The job that created the batch or last changed it.' })),
  createdBy: Nullable(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Batch = Static<typeof BatchSchema>;
export const BATCH_FIELDS = Object.keys(BatchSchema.properties);

const BatchName = Type.String({ minLength: 1, maxLength: 200 });
export const RowErrorPolicySchema = Type.Union([Type.Literal('fail'), Type.Literal('skip')], {
  default: 'fail',
  description:
    'fail: any bad row fails the whole batch (nothing is kept); skip: bad rows are left out and reported.',
});

export const CreateBatchBody = Type.Object(
  {
    name: Type.Optional(BatchName),
    rows: Type.Array(Type.Unknown(), {
      maxItems: 10_000,
      description: 'Rows as objects keyed by column name (or id). For more, upload JSONL or CSV.',
    }),
    onRowError: Type.Optional(RowErrorPolicySchema),
  },
  { additionalProperties: false },
);
export type CreateBatchInput = Static<typeof CreateBatchBody>;

export const UploadBatchQuery = Type.Object(
  {
    name: Type.Optional(BatchName),
    onRowError: Type.Optional(RowErrorPolicySchema),
    format: Type.Optional(
      Type.Union([Type.Literal('json'), Type.Literal('jsonl'), Type.Literal('csv')], {
        description: 'Defaults from Content-Type: application/json, application/x-ndjson, text/csv.',
      }),
    ),
    total: Type.Optional(Type.Integer({ minimum: 0, description: 'Rows expected, for the progress total.' })),
  },
  { additionalProperties: false },
);

const MappingEntry = Type.Object(
  {
    source: Type.String({ minLength: 1, description: 'Source column (id or name, per mapBy).' }),
    target: Type.String({ minLength: 1, description: 'Target column (id or name, per mapBy).' }),
    expectedType: ColumnTypeSchema,
  },
  { additionalProperties: false },
);

export const AppendBatchBody = Type.Object(
  {
    sourceDatasetId: Type.String({ minLength: 1 }),
    mapBy: Type.Optional(Type.Union([Type.Literal('id'), Type.Literal('name')], { default: 'name' })),
    mapping: Type.Array(MappingEntry, { maxItems: 500 }),
    ignore: Type.Optional(
      Type.Array(Type.String(), { maxItems: 500, description: 'Source columns left out on purpose.' }),
    ),
    name: Type.Optional(BatchName),
    validateOnly: Type.Optional(Type.Boolean({ default: false })),
    deleteSource: Type.Optional(Type.Boolean({ default: false })),
    newDataset: Type.Optional(
      Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
    ),
    onRowError: Type.Optional(RowErrorPolicySchema),
  },
  { additionalProperties: false },
);
export type AppendBatchInput = Static<typeof AppendBatchBody>;

export const BatchIdsBody = Type.Object(
  { ids: Type.Array(Type.String({ minLength: 1 }), { minItems: 1, maxItems: 1000 }) },
  { additionalProperties: false },
);

export const RemoveBatchesQuery = Type.Object(
  { ids: Type.String({ minLength: 1, description: 'Comma-separated batch ids.' }) },
  { additionalProperties: false },
);

export const ListBatchesQuery = Type.Object(
  {
    ...ListQueryProperties,
    ids: Type.Optional(Type.String({ description: 'Comma-separated batch ids.' })),
    states: Type.Optional(Type.String({ description: 'Comma-separated states.' })),
    minRowCount: Type.Optional(Type.Integer({ minimum: 0 })),
    maxRowCount: Type.Optional(Type.Integer({ minimum: 0 })),
    createdAfter: Type.Optional(Timestamp),
    createdBefore: Type.Optional(Timestamp),
  },
  { additionalProperties: false },
);

export const MergeBody = Type.Object(
  {
    source: Type.Object(
      {
        datasetId: Type.String({ minLength: 1 }),
        batchIds: Type.Optional(
          Type.Array(Type.String({ minLength: 1 }), {
            minItems: 1,
            maxItems: 1000,
            description: 'Only these batches of the source (default: all its active batches).',
          }),
        ),
      },
      { additionalProperties: false },
    ),
    strategy: Type.Union([Type.Literal('abort'), Type.Literal('override'), Type.Literal('skip')], {
      description:
        'Key conflicts with the target’s active rows: abort fails, override replaces the target’s rows on commit, skip leaves the draft’s conflicting rows out.',
    }),
    name: Type.Optional(BatchName),
  },
  { additionalProperties: false },
);
export type MergeInput = Static<typeof MergeBody>;
