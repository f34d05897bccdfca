import { Type, type Static } from '@sinclair/typebox';
import { badField } from '../../errors/problem.js';
import type { PatchValuesInput, Sheet } from '../../resources/sheets/schema.js';
import { albertTaskId } from './ids.js';

// Albert's wire shapes (WIRE.md §2), and their translation to and from Batchyard's sheets.

const Text = Type.String({ minLength: 1, maxLength: 200 });

export const TokenBody = Type.Object({
  grant_type: Type.String({ maxLength: 100 }),
  client_id: Type.String({ minLength: 1, maxLength: 200 }),
  client_secret: Type.String({ minLength: 1, maxLength: 500 }),
});
export type TokenInput = Static<typeof TokenBody>;

export const CreateBody = Type.Object({ parentId: Text }, { additionalProperties: false });
export type CreateInput = Static<typeof CreateBody>;

export const GetQuery = Type.Object(
  {
    id: Text,
    type: Type.Optional(Type.Literal('taskId')),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
    startKey: Type.Optional(Type.String({ pattern: '^[0-9]{1,15}$' })),
    orderBy: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')], { default: 'desc' })),
  },
  { additionalProperties: false },
);
export type GetInput = Static<typeof GetQuery>;

export const TaskParams = Type.Object({ id: Text });

const Amount = Type.String({ maxLength: 100 });
export const PatchBody = Type.Array(
  Type.Object(
    {
      Id: Type.Object({ rowId: Text, colId: Type.Optional(Text) }, { additionalProperties: false }),
      data: Type.Array(
        Type.Object(
          {
            attribute: Type.Optional(Type.Literal('lotId')),
            operation: Type.Union([Type.Literal('add'), Type.Literal('update'), Type.Literal('delete')]),
            lotId: Type.Optional(Text),
            newValue: Type.Optional(Amount),
            oldValue: Type.Optional(Amount),
          },
          { additionalProperties: false },
        ),
        { minItems: 1, maxItems: 1000 },
      ),
      lotId: Type.Optional(Text),
    },
    { additionalProperties: false },
  ),
  { minItems: 1, maxItems: 1000 },
);
export type PatchInput = Static<typeof PatchBody>;

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d{1,3})?$/;

/**
 * Albert's amounts are strings ("10"); the sheet holds numbers. Converted exactly or refused: a
 * decimal with more than 15 significant digits would not come back as written.
 */
export function parseAmount(text: string, pointer: string): number {
  const mantissa = text
    .replace(/[eE].*$/, '')
    .replace(/^[+-]/, '')
    .replace('.', '');
  const significant = mantissa.replace(/^0+/, '').replace(/0+$/, '');
  const value = Number(text);
  if (!DECIMAL.test(text) || !Number.isFinite(value)) {
    throw badField('body', pointer, `"${text.slice(0, 40)}" is not a finite decimal number`);
  }
  if (significant.length > 15) {
    throw badField(
      'body',
      pointer,
      `"${text.slice(0, 40)}" has more than 15 significant digits; it would not be kept exactly`,
    );
  }
  return value === 0 ? 0 : value;
}

function amount(value: number): string {
  return String(value);
}

/** Albert's patch list → the sheet's value patches (one per datum, in order). */
export function toValuePatches(input: PatchInput): PatchValuesInput {
  const patches: PatchValuesInput['patches'] = [];
  input.forEach((payload, i) => {
    const colId = payload.Id.colId;
    if (colId === undefined) throw badField('body', `/${i}/Id/colId`, 'colId is required');
    payload.data.forEach((datum, j) => {
      const at = `/${i}/data/${j}`;
      const lotId = datum.lotId ?? payload.lotId;
      patches.push({
        rowId: payload.Id.rowId,
        colId,
        operation: datum.operation,
        ...(lotId === undefined ? {} : { lotId }),
        ...(datum.newValue === undefined ? {} : { newValue: parseAmount(datum.newValue, `${at}/newValue`) }),
        ...(datum.oldValue === undefined ? {} : { oldValue: parseAmount(datum.oldValue, `${at}/oldValue`) }),
      });
    });
  });
  if (patches.length > 1000) throw badField('body', '', 'at most 1000 values per request');
  return { patches };
}

interface AlbertValue {
  id: string;
  colId: string;
  type: 'INV';
  name: string;
  value: string;
  isEditable: boolean;
}

interface AlbertRow {
  id: string;
  rowId: string;
  type: 'INV';
  name: string;
  isLotParent: boolean;
  Values: AlbertValue[];
  ChildRows: AlbertRow[];
}

/**
 * A sheet page as Albert's BatchData: columns are `Product` (their lots as `Lots`), rows are `Rows`
 * with each column's own value in `Values` and, per lot that has a value, a child row (id = the lot).
 */
export function toBatchData(sheet: Sheet) {
  const lotNames = new Map<string, string>();
  for (const column of sheet.columns) for (const lot of column.lots) lotNames.set(lot.id, lot.name);
  return {
    albertId: albertTaskId(sheet.taskId),
    size: sheet.size,
    lastKey: sheet.lastKey,
    status: 'active',
    Created: { at: sheet.createdAt },
    Updated: { at: sheet.updatedAt },
    Product: sheet.columns.map((column) => ({
      id: column.id,
      colId: column.id,
      name: column.name,
      status: 'active',
      parentId: null,
      Lots: column.lots.map((lot) => ({ id: lot.id, colId: lot.id, name: lot.name, parentId: column.id })),
    })),
    Rows: sheet.rows.map((row): AlbertRow => {
      const values: AlbertValue[] = [];
      const children = new Map<string, AlbertRow>();
      for (const [colId, cell] of Object.entries(row.values)) {
        if (cell.value !== null) {
          values.push({
            id: row.id,
            colId,
            type: 'INV',
            name: row.name,
            value: amount(cell.value),
            isEditable: true,
          });
        }
        for (const [lotId, lotValue] of Object.entries(cell.lots)) {
          const name = lotNames.get(lotId) ?? lotId;
          let child = children.get(lotId);
          if (!child) {
            child = {
              id: lotId,
              rowId: row.id,
              type: 'INV',
              name,
              isLotParent: false,
              Values: [],
              ChildRows: [],
            };
            children.set(lotId, child);
          }
          child.Values.push({
            id: lotId,
            colId,
            type: 'INV',
            name,
            value: amount(lotValue),
            isEditable: true,
          });
        }
      }
      return {
        id: row.id,
        rowId: row.id,
        type: 'INV',
        name: row.name,
        isLotParent: children.size > 0,
        Values: values,
        ChildRows: [...children.values()],
      };
    }),
  };
}
