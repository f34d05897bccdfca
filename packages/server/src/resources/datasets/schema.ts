import { Type, type Static } from '@sinclair/typebox';
import { ListQueryProperties, Nullable, Timestamp } from '../../http/schemas.js';
import { OPERATOR_SPELLINGS } from '../../filters.js';

export const ColumnTypeSchema = Type.Union(
  [
    Type.Literal('text'),
    Type.Literal('numeric'),
    Type.Literal('date'),
    Type.Literal('boolean'),
    Type.Literal('json'),
  ],
  {
    description:
      'text, numeric (a double), date (ISO 8601 date or date-time), boolean, or json (any JSON value).',
  },
);

const ColumnName = Type.String({
  minLength: 1,
  maxLength: 128,
  pattern: '^[^_]',
  description:
    'Unique in the dataset (ignoring case); may not start with `_` (row fields `_id`, `_batchId`) nor have the shape of a column id (`c1`, `C12`).',
});

export const ColumnSchema = Type.Object({
  id: Type.String({ description: 'Stable column id (`c1`, `c2`, …): never reused, kept across renames.' }),
  name: Type.String(),
  type: ColumnTypeSchema,
});
export type Column = Static<typeof ColumnSchema>;

const NewColumn = Type.Object({ name: ColumnName, type: ColumnTypeSchema }, { additionalProperties: false });

export const DatasetSchema = Type.Object({
  id: Type.String({ examples: ['ds_01jd4n8k6m3v4b2c1x0z9y8w7t'] }),
  numericId: Type.Integer({
    description:
      'Persistent integer id, unique among its kind in the instance (for clients that need integer ids, e.g. the Mammoth compat adapter).',
  }),
  workspaceId: Type.String(),
  projectId: Type.String(),
  name: Type.String(),
  description: Nullable(Type.String()),
  columns: Type.Array(ColumnSchema),
  keyColumn: Nullable(
    Type.String({ description: 'Id of the key column (merge conflicts are decided on it).' }),
  ),
  rowCount: Type.Integer({ description: 'Rows of active batches.' }),
  batchCount: Type.Integer({ description: 'Batches in any state but deleting.' }),
  createdBy: Nullable(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Dataset = Static<typeof DatasetSchema>;
export const DATASET_FIELDS = Object.keys(DatasetSchema.properties);

const Name = Type.String({ minLength: 1, maxLength: 200, description: 'Unique within the project.' });

export const CreateDatasetBody = Type.Object(
  {
    projectId: Type.String({ minLength: 1 }),
    name: Name,
    description: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
    columns: Type.Array(NewColumn, { minItems: 1, maxItems: 500 }),
    keyColumn: Type.Optional(Nullable(Type.String({ description: 'Name of the key column.' }))),
  },
  { additionalProperties: false },
);
export type CreateDatasetInput = Static<typeof CreateDatasetBody>;

export const UpdateDatasetBody = Type.Object(
  {
    name: Type.Optional(Name),
    description: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
    addColumns: Type.Optional(Type.Array(NewColumn, { minItems: 1, maxItems: 500 })),
    renameColumns: Type.Optional(
      Type.Array(Type.Object({ id: Type.String(), name: ColumnName }, { additionalProperties: false }), {
        minItems: 1,
      }),
    ),
    keyColumn: Type.Optional(
      Nullable(Type.String({ description: 'Id or name of the new key column; null: none.' })),
    ),
  },
  { additionalProperties: false },
);
export type UpdateDatasetInput = Static<typeof UpdateDatasetBody>;

export const ListDatasetsQuery = Type.Object(
  {
    ...ListQueryProperties,
    projectId: Type.Optional(Type.String({ minLength: 1 })),
    workspaceId: Type.Optional(Type.String({ minLength: 1 })),
  },
  { additionalProperties: false },
);

export const DeleteDatasetQuery = Type.Object(
  {
    force: Type.Optional(Type.Boolean({ description: 'Delete the dataset with all its batches and rows.' })),
  },
  { additionalProperties: false },
);

export const FilterOperatorSchema = Type.Union(
  OPERATOR_SPELLINGS.map((op) => Type.Literal(op)),
  {
    description:
      '=, !=, >, >=, <, <= (or eq, ne, gt, gte, lt, lte), in (an array), like (case-insensitive, % and _ wildcards).',
  },
);

export const RowFilterSchema = Type.Object(
  {
    key: Type.String({ minLength: 1, description: 'Column name or id.' }),
    operator: FilterOperatorSchema,
    value: Type.Unknown(),
  },
  { additionalProperties: false },
);
export type RowFilterInput = Static<typeof RowFilterSchema>;

export const ListRowsQuery = Type.Object(
  {
    limit: ListQueryProperties.limit,
    cursor: ListQueryProperties.cursor,
    sort: Type.Optional(
      Type.String({ maxLength: 200, description: '`column[:asc|desc]` (name or id); default: row id.' }),
    ),
    columns: Type.Optional(
      Type.String({ maxLength: 10000, description: 'Comma-separated column names to return.' }),
    ),
    filter: Type.Optional(
      Type.Union([Type.String(), Type.Array(Type.String(), { maxItems: 50 })], {
        description:
          'Repeatable `column:operator:value`, operators eq, ne, gt, gte, lt, lte, like, in (value a JSON array), e.g. `price:gte:10`.',
      }),
    ),
  },
  { additionalProperties: false },
);

export const RowSchema = Type.Object(
  { _id: Type.Integer(), _batchId: Type.String() },
  { additionalProperties: true, description: 'Values by column name, with the row id and its batch.' },
);

export const SearchBody = Type.Object(
  {
    conjunction: Type.Optional(Type.Union([Type.Literal('and'), Type.Literal('or')], { default: 'and' })),
    filters: Type.Array(RowFilterSchema, { maxItems: 100 }),
  },
  { additionalProperties: false },
);
export type SearchInput = Static<typeof SearchBody>;

export const DatasetFromSearchBody = Type.Object(
  {
    searchJobId: Type.String({ minLength: 1, description: 'A succeeded search job.' }),
    name: Name,
    description: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
  },
  { additionalProperties: false },
);
export type DatasetFromSearchInput = Static<typeof DatasetFromSearchBody>;
