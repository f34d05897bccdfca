/**
 * The one table of export fields: each field of the API's task, the column(s) it is read from and
 * the kind of value it is. Each backend (sqlite.ts, postgres.ts) knows how to write each kind as
 * JSON and as CSV cells; a new field is one line here.
 */

/** A stored value and how an export writes it. */
export type ExportValue =
  /** A text column: a JSON string (null when missing); a CSV cell as it is. */
  | {
      kind: 'text';
      column:
        | 'id'
        | 'batch_id'
        | 'name'
        | 'status'
        | 'created_by'
        | 'review_stage'
        | 'assignee_id'
        | 'prediction_model_version'
        | 'chosen_annotation_id'
        | 'chosen_by';
    }
  /**
   * A JSON column: its stored JSON text as it is ('null' when missing). `flatten`: in CSV, one
   * column per top-level key of the tasks exported, instead of the JSON text in one cell.
   */
  | { kind: 'json'; column: JsonColumn; nullable: boolean; flatten: boolean }
  /** A number column: JavaScript's text of the number (null when missing). */
  | {
      kind: 'number';
      column: 'score' | 'priority' | 'prediction_score' | 'agreement_score' | 'annotation_count';
    }
  /** A millisecond time: its ISO 8601 text (a JSON string). */
  | { kind: 'time'; column: 'created_at' | 'updated_at' };

export type JsonColumn = 'resources' | 'data' | 'initial_data' | 'custom' | 'prediction_data';
export type ExportColumn = ExportValue['column'];

/**
 * A field: one value, or a JSON object of named values (in CSV, a column per member). `nullable`:
 * the object is JSON `null` when every member is missing (as the API shows no prediction).
 */
export type ExportFieldValue =
  ExportValue | { kind: 'object'; members: readonly ExportMember[]; nullable?: boolean };
export interface ExportMember {
  name: string;
  value: ExportValue;
}

const text = (column: Extract<ExportValue, { kind: 'text' }>['column']): ExportValue => ({
  kind: 'text',
  column,
});
const json = (column: JsonColumn, options: { nullable?: boolean; flatten?: boolean } = {}): ExportValue => ({
  kind: 'json',
  column,
  nullable: options.nullable ?? false,
  flatten: options.flatten ?? false,
});
const time = (column: 'created_at' | 'updated_at'): ExportValue => ({ kind: 'time', column });

/** The task fields an export can hold (the API's EXPORT_FIELDS), in the API's names. */
export const EXPORT_FIELD_VALUES = {
  id: text('id'),
  name: text('name'),
  batchId: text('batch_id'),
  status: text('status'),
  resources: json('resources'),
  data: json('data', { flatten: true }),
  initialData: json('initial_data', { nullable: true }),
  properties: {
    kind: 'object',
    members: [
      { name: 'score', value: { kind: 'number', column: 'score' } },
      { name: 'custom', value: json('custom', { flatten: true }) },
    ],
  },
  createdBy: text('created_by'),
  reviewStage: text('review_stage'),
  priority: { kind: 'number', column: 'priority' },
  assigneeId: text('assignee_id'),
  prediction: {
    kind: 'object',
    nullable: true,
    members: [
      { name: 'modelVersion', value: text('prediction_model_version') },
      { name: 'score', value: { kind: 'number', column: 'prediction_score' } },
      { name: 'data', value: json('prediction_data', { nullable: true }) },
    ],
  },
  agreement: {
    kind: 'object',
    members: [
      { name: 'score', value: { kind: 'number', column: 'agreement_score' } },
      { name: 'annotations', value: { kind: 'number', column: 'annotation_count' } },
      { name: 'chosenAnnotationId', value: text('chosen_annotation_id') },
      { name: 'chosenBy', value: text('chosen_by') },
    ],
  },
  createdAt: time('created_at'),
  updatedAt: time('updated_at'),
} as const satisfies Record<string, ExportFieldValue>;

export type ExportField = keyof typeof EXPORT_FIELD_VALUES;

/** A field's values in order, each with the CSV header name of its column(s). */
export function fieldValues(field: ExportField): { header: string; value: ExportValue }[] {
  const spec: ExportFieldValue = EXPORT_FIELD_VALUES[field];
  if (spec.kind !== 'object') return [{ header: field, value: spec }];
  return spec.members.map((m) => ({ header: `${field}.${m.name}`, value: m.value }));
}

/** The JSON columns a CSV export of `fields` flattens: their top-level keys are its columns. */
export function flattenedColumns(fields: readonly ExportField[]): JsonColumn[] {
  return fields.flatMap((f) =>
    fieldValues(f).flatMap(({ value }) => (value.kind === 'json' && value.flatten ? [value.column] : [])),
  );
}

/** The top-level keys of each flattened JSON column, over the tasks exported. */
export type FlattenedKeys = Partial<Record<JsonColumn, readonly string[]>>;

/**
 * The cells of a CSV line in order: one per value, or one per key of a flattened JSON column
 * (named `<field>.<key>`: `data.x`, and custom's keys as `properties.x`).
 */
export type CsvCell = { header: string; value: ExportValue; key?: string };

export function csvCells(fields: readonly ExportField[], keys: FlattenedKeys): CsvCell[] {
  return fields.flatMap((field) =>
    fieldValues(field).flatMap(({ header, value }) =>
      value.kind === 'json' && value.flatten
        ? (keys[value.column] ?? []).map((key) => ({ header: `${field}.${key}`, value, key }))
        : [{ header, value }],
    ),
  );
}

/**
 * The JSON lines of an export: each task as `JSON.stringify` of the API's task picked to `fields`
 * writes it (the stored JSON text spliced in as it is), between `prefix` and `suffix` (`,\n` before
 * each task of a JSON array, `\n` after each line of JSONL).
 */
export interface ExportLineSpec {
  fields: readonly ExportField[];
  prefix: string;
  suffix: string;
}

/** A CSV export's cells, in the header's order. */
export interface ExportCsvSpec {
  cells: readonly CsvCell[];
}

/** A piece of export text: `rows` tasks' lines (0 for a header or a bracket), in id order. */
export interface ExportPiece {
  bytes: Buffer;
  rows: number;
}
