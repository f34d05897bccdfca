import type { Db } from '../index.js';
import type { SheetRowsTable, SheetsTable, SheetValuesTable } from '../tables.js';

export type SheetRow = SheetsTable;
export type SheetRowRow = SheetRowsTable;
export type SheetValueRow = SheetValuesTable;

export async function insertSheet(db: Db, sheet: SheetRow): Promise<void> {
  await db.insertInto('sheets').values(sheet).execute();
}

/** The sheet of a task; `lock` holds its row until the transaction ends (PostgreSQL). */
export async function findSheet(db: Db, taskId: string, lock = false): Promise<SheetRow | undefined> {
  let query = db.selectFrom('sheets').selectAll().where('task_id', '=', taskId);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row && { ...row, next_seq: Number(row.next_seq) };
}

export async function updateSheet(
  db: Db,
  taskId: string,
  changes: Partial<Pick<SheetRow, 'columns' | 'next_seq'>>,
  at: number,
) {
  await db
    .updateTable('sheets')
    .set({ ...changes, updated_at: at })
    .where('task_id', '=', taskId)
    .execute();
}

export async function insertSheetRows(db: Db, rows: readonly SheetRowRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('sheet_rows')
      .values(rows.slice(i, i + 500))
      .execute();
}

export async function sheetRowIds(db: Db, taskId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('sheet_rows').select('id').where('task_id', '=', taskId).execute();
  return new Set(rows.map((r) => r.id));
}

/** Rows after `afterSeq` (before, for `desc`), in order, with one extra to tell if more follow. */
export async function sheetRowsPage(
  db: Db,
  taskId: string,
  afterSeq: number | null,
  order: 'asc' | 'desc',
  limit: number,
): Promise<SheetRowRow[]> {
  let query = db.selectFrom('sheet_rows').selectAll().where('task_id', '=', taskId);
  if (afterSeq !== null) query = query.where('seq', order === 'asc' ? '>' : '<', afterSeq);
  const rows = await query
    .orderBy('seq', order)
    .limit(limit + 1)
    .execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

export async function sheetValues(
  db: Db,
  taskId: string,
  rowIds: readonly string[],
): Promise<SheetValueRow[]> {
  if (rowIds.length === 0) return [];
  const rows = await db
    .selectFrom('sheet_values')
    .selectAll()
    .where('task_id', '=', taskId)
    .where('row_id', 'in', [...rowIds])
    .execute();
  // No Number(): a value the driver read as null (an Infinity stored before bodies were checked)
  // stays null rather than becoming 0.
  return rows;
}

export async function findSheetValue(
  db: Db,
  key: Pick<SheetValueRow, 'task_id' | 'row_id' | 'col_id' | 'lot_id'>,
): Promise<number | undefined> {
  const row = await db
    .selectFrom('sheet_values')
    .select('value')
    .where('task_id', '=', key.task_id)
    .where('row_id', '=', key.row_id)
    .where('col_id', '=', key.col_id)
    .where('lot_id', '=', key.lot_id)
    .executeTakeFirst();
  return row === undefined ? undefined : Number(row.value);
}

export async function putSheetValue(db: Db, value: SheetValueRow, exists: boolean): Promise<void> {
  if (exists) {
    await db
      .updateTable('sheet_values')
      .set({ value: value.value })
      .where('task_id', '=', value.task_id)
      .where('row_id', '=', value.row_id)
      .where('col_id', '=', value.col_id)
      .where('lot_id', '=', value.lot_id)
      .execute();
  } else {
    await db.insertInto('sheet_values').values(value).execute();
  }
}

export async function deleteSheetValue(
  db: Db,
  key: Pick<SheetValueRow, 'task_id' | 'row_id' | 'col_id' | 'lot_id'>,
): Promise<void> {
  await db
    .deleteFrom('sheet_values')
    .where('task_id', '=', key.task_id)
    .where('row_id', '=', key.row_id)
    .where('col_id', '=', key.col_id)
    .where('lot_id', '=', key.lot_id)
    .execute();
}
