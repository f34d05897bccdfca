import type { Store } from '../index.js';
import type { TaskFilter } from '../queries/tasks.js';
import { csvHeader } from './csv.js';
import {
  csvCells,
  flattenedColumns,
  type ExportCsvSpec,
  type ExportField,
  type ExportLineSpec,
  type ExportPiece,
  type FlattenedKeys,
  type JsonColumn,
} from './fields.js';

export { EXPORT_FIELD_VALUES, type ExportField, type ExportPiece } from './fields.js';

export type ExportFormat = 'json' | 'jsonl' | 'csv';

/**
 * What each backend does for an export (sqlite.ts, postgres.ts; the store's dialect holds one).
 * SQLite builds JSON lines in SQL a page at a time and writes CSV lines in JavaScript; PostgreSQL
 * streams one COPY and rewrites its text on the way.
 */
export interface ExportBackend {
  /** The JSON lines of the tasks a filter selects, in id order. */
  lines(store: Store, filter: TaskFilter, spec: ExportLineSpec): AsyncGenerator<ExportPiece>;
  /** The CSV lines (no header) of the tasks a filter selects, in id order. */
  csv(store: Store, filter: TaskFilter, spec: ExportCsvSpec): AsyncGenerator<ExportPiece>;
  /** The distinct top-level keys of a JSON column over the tasks a filter selects, sorted. */
  jsonKeys(store: Store, filter: TaskFilter, column: JsonColumn): Promise<string[]>;
}

/**
 * The text of an export of the tasks a filter selects, in pieces (each with the count of tasks
 * whose lines it holds): a JSON array, JSON lines, or CSV with a header where data and custom
 * become one column per top-level key.
 */
export async function* exportTasks(
  store: Store,
  filter: TaskFilter,
  format: ExportFormat,
  fields: readonly ExportField[],
): AsyncGenerator<ExportPiece> {
  const backend = store.dialect.taskExport;
  if (format === 'csv') {
    const keys: FlattenedKeys = {};
    for (const column of flattenedColumns(fields))
      keys[column] = await backend.jsonKeys(store, filter, column);
    const cells = csvCells(fields, keys);
    yield { bytes: Buffer.from(csvHeader(cells)), rows: 0 };
    yield* backend.csv(store, filter, { cells });
    return;
  }
  const array = format === 'json';
  const spec = { fields, prefix: array ? ',\n' : '', suffix: array ? '' : '\n' };
  if (!array) {
    yield* backend.lines(store, filter, spec);
    return;
  }
  // JSON arrays: every line comes as `,\n<task>`; the first one loses its comma.
  yield { bytes: Buffer.from('['), rows: 0 };
  let count = 0;
  for await (const piece of backend.lines(store, filter, spec)) {
    yield count === 0 && piece.bytes.length > 0 ? { ...piece, bytes: piece.bytes.subarray(1) } : piece;
    count += piece.rows;
  }
  yield { bytes: Buffer.from(count === 0 ? ']\n' : '\n]\n'), rows: 0 };
}
