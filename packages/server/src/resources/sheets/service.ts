import type { Principal } from '../../auth/principal.js';
import { changedFields, recordAudit } from '../audit/service.js';
import { ApiError, badField, notFound } from '../../errors/problem.js';
import { isoTime } from '../../time.js';
import type { Db, Store } from '../../store/index.js';
import { findBatch } from '../../store/queries/datasets.js';
import { countSheetRows, insertSheetValues, lockSheet } from '../../store/queries/sheet-contents.js';
import {
  deleteSheetValue,
  findSheet,
  findSheetValue,
  insertSheet,
  insertSheetRows,
  putSheetValue,
  sheetRowIds,
  sheetRowsPage,
  sheetValues,
  updateSheet,
  type SheetRow,
  type SheetRowRow,
  type SheetValueRow,
} from '../../store/queries/sheets.js';
import { findTask } from '../../store/queries/tasks.js';
import type {
  CreateSheetInput,
  NewColumnInput,
  NewRowInput,
  PatchValuesInput,
  Sheet,
  SheetColumn,
  UpdateSheetInput,
} from './schema.js';

/** A value, and the share of each lot, of one column in one row. */
interface Cell {
  value: number | null;
  lots: Record<string, number>;
}

/**
 * Per-task sheets: columns (with lots) × rows of numeric values. Rows are read in the order they
 * were added, a page at a time (`startKey` → `lastKey`); value patches apply all or nothing.
 */
export class SheetService {
  constructor(private readonly store: Store) {}

  private async task(principal: Principal, taskId: string) {
    const task = await findTask(this.store.db, taskId, principal.workspaceId);
    if (!task) throw notFound('Task', taskId);
    return task;
  }

  /** Sheets change only while their task can be worked on (its batch active or draft). */
  private async workable(principal: Principal, taskId: string) {
    const task = await this.task(principal, taskId);
    const batch = await findBatch(this.store.db, task.batch_id, null);
    if (!batch || (batch.state !== 'active' && batch.state !== 'draft')) {
      throw new ApiError(
        'invalid_batch_state',
        `Task ${taskId} is in batch ${task.batch_id}, which is ${batch?.state ?? 'gone'}: its sheet cannot change.`,
      );
    }
    return task;
  }

  private buildColumns(
    existing: SheetColumn[],
    added: readonly NewColumnInput[],
    pointer: string,
  ): SheetColumn[] {
    const columns = existing.map((c) => ({ ...c, lots: [...c.lots] }));
    added.forEach((input, i) => {
      const id = input.id ?? `col${columns.length + 1}`;
      if (columns.some((c) => c.id === id))
        throw badField('body', `${pointer}/${i}/id`, `column id "${id}" is taken`);
      const lots = (input.lots ?? []).map((lot, j) => ({ id: lot.id ?? `lot${j + 1}`, name: lot.name }));
      if (new Set(lots.map((l) => l.id)).size !== lots.length) {
        throw badField('body', `${pointer}/${i}/lots`, 'lot ids must be unique in a column');
      }
      columns.push({ id, name: input.name, lots });
    });
    return columns;
  }

  /** Rows to insert and their initial values, checked against the columns. */
  private buildRows(
    taskId: string,
    columns: SheetColumn[],
    taken: Set<string>,
    firstSeq: number,
    rows: readonly NewRowInput[],
    pointer: string,
  ): { rows: SheetRowRow[]; values: SheetValueRow[] } {
    const outRows: SheetRowRow[] = [];
    const values: SheetValueRow[] = [];
    rows.forEach((input, i) => {
      const seq = firstSeq + i;
      const id = input.id ?? `row${seq}`;
      if (taken.has(id)) throw badField('body', `${pointer}/${i}/id`, `row id "${id}" is taken`);
      taken.add(id);
      outRows.push({ task_id: taskId, seq, id, name: input.name });
      for (const [colId, cell] of Object.entries(input.values ?? {})) {
        const column = columns.find((c) => c.id === colId);
        if (!column) throw badField('body', `${pointer}/${i}/values/${colId}`, `no column "${colId}"`);
        const value = typeof cell === 'number' ? cell : cell.value;
        if (value !== undefined)
          values.push({ task_id: taskId, row_id: id, col_id: colId, lot_id: '', value });
        if (typeof cell !== 'number') {
          for (const [lotId, lotValue] of Object.entries(cell.lots ?? {})) {
            if (!column.lots.some((l) => l.id === lotId)) {
              throw badField(
                'body',
                `${pointer}/${i}/values/${colId}/lots/${lotId}`,
                `column "${colId}" has no lot "${lotId}"`,
              );
            }
            values.push({ task_id: taskId, row_id: id, col_id: colId, lot_id: lotId, value: lotValue });
          }
        }
      }
    });
    return { rows: outRows, values };
  }

  async create(principal: Principal, taskId: string, input: CreateSheetInput): Promise<Sheet> {
    const task = await this.workable(principal, taskId);
    const columns = this.buildColumns([], input.columns, '/columns');
    const { rows, values } = this.buildRows(taskId, columns, new Set(), 1, input.rows ?? [], '/rows');
    const now = Date.now();
    await this.store.transaction(async (trx) => {
      try {
        await insertSheet(trx, {
          task_id: taskId,
          workspace_id: task.workspace_id,
          columns: JSON.stringify(columns),
          next_seq: rows.length + 1,
          created_at: now,
          updated_at: now,
        });
      } catch (error) {
        if (this.store.isUniqueViolation(error)) throw sheetExists(taskId);
        throw error;
      }
      await insertSheetRows(trx, rows);
      await insertSheetValues(trx, values);
      await recordAudit(trx, principal, {
        action: 'sheet.create',
        resourceType: 'task',
        resourceId: taskId,
        workspaceId: task.workspace_id,
        summary: { columns: columns.length, rows: rows.length, values: values.length },
      });
    });
    return this.get(principal, taskId, { limit: 100 });
  }

  async update(principal: Principal, taskId: string, input: UpdateSheetInput): Promise<Sheet> {
    const task = await this.workable(principal, taskId);
    await this.store.transaction(async (trx) => {
      const sheet = await this.locked(trx, taskId);
      let columns = this.buildColumns(
        JSON.parse(sheet.columns) as SheetColumn[],
        input.addColumns ?? [],
        '/addColumns',
      );
      input.addLots?.forEach((add, i) => {
        const column = columns.find((c) => c.id === add.columnId);
        if (!column) throw badField('body', `/addLots/${i}/columnId`, `no column "${add.columnId}"`);
        add.lots.forEach((lot, j) => {
          const id = lot.id ?? `lot${column.lots.length + 1}`;
          if (column.lots.some((l) => l.id === id))
            throw badField('body', `/addLots/${i}/lots/${j}/id`, `lot id "${id}" is taken`);
          column.lots.push({ id, name: lot.name });
        });
      });
      columns = [...columns];
      const { rows, values } = this.buildRows(
        taskId,
        columns,
        await sheetRowIds(trx, taskId),
        sheet.next_seq,
        input.addRows ?? [],
        '/addRows',
      );
      await insertSheetRows(trx, rows);
      await insertSheetValues(trx, values);
      await updateSheet(
        trx,
        taskId,
        { columns: JSON.stringify(columns), next_seq: sheet.next_seq + rows.length },
        Date.now(),
      );
      await recordAudit(trx, principal, {
        action: 'sheet.update',
        resourceType: 'task',
        resourceId: taskId,
        workspaceId: task.workspace_id,
        summary: { ...changedFields(input), rows: rows.length, values: values.length },
      });
    });
    return this.get(principal, taskId, { limit: 100 });
  }

  private async locked(db: Db, taskId: string): Promise<SheetRow> {
    const sheet = await lockSheet(this.store, db, taskId);
    if (!sheet) throw notFound('Sheet of task', taskId);
    return sheet;
  }

  async get(
    principal: Principal,
    taskId: string,
    query: { limit?: number | undefined; startKey?: string | undefined; order?: 'asc' | 'desc' | undefined },
  ): Promise<Sheet> {
    await this.task(principal, taskId);
    const sheet = await findSheet(this.store.db, taskId);
    if (!sheet) throw notFound('Sheet of task', taskId);
    const limit = query.limit ?? 100;
    const order = query.order ?? 'asc';
    const page = await sheetRowsPage(
      this.store.db,
      taskId,
      query.startKey === undefined ? null : Number(query.startKey),
      order,
      limit,
    );
    const more = page.length > limit;
    if (more) page.pop();
    const cells = new Map<string, Record<string, Cell>>();
    for (const v of await sheetValues(
      this.store.db,
      taskId,
      page.map((r) => r.id),
    )) {
      const row = cells.get(v.row_id) ?? {};
      cells.set(v.row_id, row);
      const cell = (row[v.col_id] ??= { value: null, lots: {} });
      if (v.lot_id === '') cell.value = v.value;
      else cell.lots[v.lot_id] = v.value;
    }
    return {
      taskId,
      columns: JSON.parse(sheet.columns) as SheetColumn[],
      rows: page.map((r) => ({ id: r.id, name: r.name, key: String(r.seq), values: cells.get(r.id) ?? {} })),
      size: await countSheetRows(this.store.db, taskId),
      lastKey: more ? String(page.at(-1)!.seq) : null,
      createdAt: isoTime(sheet.created_at),
      updatedAt: isoTime(sheet.updated_at),
    };
  }

  /**
   * Applies value patches in order, in one transaction: any unknown row, column or lot, any `add`
   * of a value that exists, `update`/`delete` of one that does not, or `oldValue` that is not the
   * current value, rejects the whole list and changes nothing.
   */
  async patch(principal: Principal, taskId: string, input: PatchValuesInput): Promise<{ applied: number }> {
    const task = await this.workable(principal, taskId);
    await this.store.transaction(async (trx) => {
      const sheet = await this.locked(trx, taskId);
      const columns = JSON.parse(sheet.columns) as SheetColumn[];
      const rowIds = await sheetRowIds(trx, taskId);
      for (const [i, p] of input.patches.entries()) {
        const at = `/patches/${i}`;
        if (!rowIds.has(p.rowId)) throw badField('body', `${at}/rowId`, `no row "${p.rowId}"`);
        const column = columns.find((c) => c.id === p.colId);
        if (!column) throw badField('body', `${at}/colId`, `no column "${p.colId}"`);
        if (p.lotId !== undefined && !column.lots.some((l) => l.id === p.lotId)) {
          throw badField('body', `${at}/lotId`, `column "${p.colId}" has no lot "${p.lotId}"`);
        }
        if (p.operation !== 'delete' && p.newValue === undefined) {
          throw badField('body', `${at}/newValue`, `${p.operation} needs newValue`);
        }
        const key = { task_id: taskId, row_id: p.rowId, col_id: p.colId, lot_id: p.lotId ?? '' };
        const current = await findSheetValue(trx, key);
        const where = `row ${p.rowId}, column ${p.colId}${p.lotId ? `, lot ${p.lotId}` : ''}`;
        if (p.operation === 'add' && current !== undefined) {
          throw conflict(
            'value_exists',
            `Patch ${i}: ${where} already has a value (${current}); use update.`,
            at,
          );
        }
        if (p.operation !== 'add' && current === undefined) {
          throw conflict(
            'value_missing',
            `Patch ${i}: ${where} has no value to ${p.operation}; use add.`,
            at,
          );
        }
        if (p.oldValue !== undefined && current !== p.oldValue) {
          throw conflict(
            'stale_value',
            `Patch ${i}: ${where} is ${current ?? 'empty'}, not ${p.oldValue}; read the sheet again. Nothing was applied.`,
            `${at}/oldValue`,
          );
        }
        if (p.operation === 'delete') await deleteSheetValue(trx, key);
        else await putSheetValue(trx, { ...key, value: p.newValue! }, current !== undefined);
      }
      await updateSheet(trx, taskId, {}, Date.now());
      await recordAudit(trx, principal, {
        action: 'sheet.patch',
        resourceType: 'task',
        resourceId: taskId,
        workspaceId: task.workspace_id,
        // Where it changed (the first 100 places), not the values: those stay in the sheet.
        summary: {
          patches: input.patches.length,
          places: input.patches
            .slice(0, 100)
            .map((p) => ({ rowId: p.rowId, colId: p.colId, lotId: p.lotId, operation: p.operation })),
        },
      });
    });
    return { applied: input.patches.length };
  }
}

function sheetExists(taskId: string): ApiError {
  return new ApiError('sheet_exists', `Task ${taskId} already has a sheet; change it with PATCH.`);
}

function conflict(
  code: 'stale_value' | 'value_exists' | 'value_missing',
  detail: string,
  pointer: string,
): ApiError {
  return new ApiError(code, detail, { errors: [{ in: 'body', pointer, message: detail }] });
}
