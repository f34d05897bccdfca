import type { Db, Store } from '../index.js';
import { findSheet, type SheetRow, type SheetValueRow } from './sheets.js';

// What the sheet service needs beyond ./sheets.ts: the sheet read for a change (locked where the
// backend needs it), value writes in chunks, and the row count.

/** Values written per INSERT statement. */
const VALUES_CHUNK = 500;

/**
 * The sheet of a task, read to change it: on PostgreSQL its row stays locked until `trx` ends, so
 * concurrent changes of one sheet go one after the other; SQLite runs one transaction at a time.
 */
export function lockSheet(store: Store, trx: Db, taskId: string): Promise<SheetRow | undefined> {
  return findSheet(trx, taskId, store.dialect.locksRows);
}

export async function insertSheetValues(db: Db, values: readonly SheetValueRow[]): Promise<void> {
  for (let i = 0; i < values.length; i += VALUES_CHUNK) {
    await db
      .insertInto('sheet_values')
      .values(values.slice(i, i + VALUES_CHUNK))
      .execute();
  }
}

export async function countSheetRows(db: Db, taskId: string): Promise<number> {
  const size = await db
    .selectFrom('sheet_rows')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('task_id', '=', taskId)
    .executeTakeFirst();
  return Number(size?.n ?? 0);
}
