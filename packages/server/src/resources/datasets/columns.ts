import { ApiError, badField, type FieldError } from '../../errors/problem.js';
import type { DatasetRow } from '../../store/queries/datasets.js';
import type { Column } from './schema.js';

/** A dataset's columns, stored as JSON on its row. */
export function parseColumns(row: Pick<DatasetRow, 'columns'>): Column[] {
  return JSON.parse(row.columns) as Column[];
}

/** A column by id, or else by name (ignoring case). */
export function findColumn(columns: readonly Column[], key: string): Column | undefined {
  return columns.find((c) => c.id === key) ?? columns.find((c) => c.name.toLowerCase() === key.toLowerCase());
}

export function requireColumn(
  columns: readonly Column[],
  key: string,
  where: FieldError['in'],
  pointer: string,
): Column {
  const column = findColumn(columns, key);
  if (!column) {
    throw new ApiError(
      'unknown_column',
      `No column "${key}"; columns: ${columns.map((c) => c.name).join(', ')}.`,
      {
        errors: [{ in: where, pointer, message: `no column "${key}"` }],
      },
    );
  }
  return column;
}

/** Column ids are `c1`, `c2`, …: a name of that shape (any case) would make a key mean two columns. */
const ID_SHAPED = /^c[0-9]+$/i;

/** Refuses new names shaped like column ids; `pointer` is the array the names came from. */
export function checkNewNames(names: readonly { name: string }[], pointer: string) {
  names.forEach((c, i) => {
    if (ID_SHAPED.test(c.name.trim())) {
      throw badField(
        'body',
        `${pointer}/${i}/name`,
        `"${c.name}" has the shape of a column id (c1, c2, …); choose another name so names and ids never mean two columns`,
      );
    }
  });
}

/** Refuses two columns of one name (names ignore case); `pointer` is the array the names came from. */
export function checkColumnNames(columns: readonly { name: string }[], pointer: string) {
  const seen = new Map<string, number>();
  columns.forEach((c, i) => {
    const key = c.name.toLowerCase();
    if (seen.has(key)) {
      throw badField('body', `${pointer}/${i}/name`, `duplicate column name "${c.name}" (names ignore case)`);
    }
    seen.set(key, i);
  });
}

/** Types a key column may have: those whose values compare as the key index needs. */
export const KEY_TYPES = new Set(['text', 'numeric', 'date']);
