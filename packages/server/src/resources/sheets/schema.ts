import { Type, type Static } from '@sinclair/typebox';
import { Nullable, Timestamp } from '../../http/schemas.js';

const Key = Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_.:-]+$' });
const Name = Type.String({ minLength: 1, maxLength: 500 });

export const LotSchema = Type.Object({ id: Type.String(), name: Type.String() });
export const SheetColumnSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  lots: Type.Array(LotSchema),
});
export type SheetColumn = Static<typeof SheetColumnSchema>;

const NewLot = Type.Object({ id: Type.Optional(Key), name: Name }, { additionalProperties: false });
const NewColumn = Type.Object(
  {
    id: Type.Optional(Key),
    name: Name,
    lots: Type.Optional(Type.Array(NewLot, { maxItems: 1000 })),
  },
  { additionalProperties: false },
);
const CellInput = Type.Union([
  Type.Number(),
  Type.Object(
    {
      value: Type.Optional(Type.Number()),
      lots: Type.Optional(Type.Record(Type.String(), Type.Number())),
    },
    { additionalProperties: false },
  ),
]);
const NewRow = Type.Object(
  {
    id: Type.Optional(Key),
    name: Name,
    values: Type.Optional(
      Type.Record(Type.String(), CellInput, {
        description: 'By column id: a number, or {value, lots: {lotId: number}}.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type NewRowInput = Static<typeof NewRow>;
export type NewColumnInput = Static<typeof NewColumn>;

export const CreateSheetBody = Type.Object(
  {
    columns: Type.Array(NewColumn, { minItems: 1, maxItems: 500 }),
    rows: Type.Optional(Type.Array(NewRow, { maxItems: 10_000 })),
  },
  { additionalProperties: false },
);
export type CreateSheetInput = Static<typeof CreateSheetBody>;

export const UpdateSheetBody = Type.Object(
  {
    addColumns: Type.Optional(Type.Array(NewColumn, { minItems: 1, maxItems: 500 })),
    addLots: Type.Optional(
      Type.Array(
        Type.Object(
          { columnId: Type.String(), lots: Type.Array(NewLot, { minItems: 1 }) },
          { additionalProperties: false },
        ),
        {
          minItems: 1,
        },
      ),
    ),
    addRows: Type.Optional(Type.Array(NewRow, { minItems: 1, maxItems: 10_000 })),
  },
  { additionalProperties: false },
);
export type UpdateSheetInput = Static<typeof UpdateSheetBody>;

export const CellSchema = Type.Object({
  value: Nullable(Type.Number({ description: "The column's own value in this row." })),
  lots: Type.Record(Type.String(), Type.Number(), { description: 'The value per lot.' }),
});

export const SheetRowSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  key: Type.String({ description: 'Its position; pass the last one as startKey to read on.' }),
  values: Type.Record(Type.String(), CellSchema, {
    description: 'By column id; columns without values are left out.',
  }),
});

export const SheetSchema = Type.Object({
  taskId: Type.String(),
  columns: Type.Array(SheetColumnSchema),
  rows: Type.Array(SheetRowSchema),
  size: Type.Integer({ description: 'Rows in the sheet.' }),
  lastKey: Nullable(
    Type.String({ description: 'Key of the last row here when more follow (null on the last page).' }),
  ),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Sheet = Static<typeof SheetSchema>;

export const GetSheetQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
    startKey: Type.Optional(
      Type.String({ pattern: '^[0-9]+$', description: 'The lastKey of the previous page.' }),
    ),
    order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')], { default: 'asc' })),
  },
  { additionalProperties: false },
);

export const PatchValuesBody = Type.Object(
  {
    patches: Type.Array(
      Type.Object(
        {
          rowId: Type.String({ minLength: 1 }),
          colId: Type.String({ minLength: 1 }),
          lotId: Type.Optional(Type.String({ minLength: 1 })),
          operation: Type.Union([Type.Literal('add'), Type.Literal('update'), Type.Literal('delete')]),
          newValue: Type.Optional(Type.Number()),
          oldValue: Type.Optional(
            Type.Number({ description: 'When given, the current value must equal it.' }),
          ),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 1000 },
    ),
  },
  { additionalProperties: false },
);
export type PatchValuesInput = Static<typeof PatchValuesBody>;
