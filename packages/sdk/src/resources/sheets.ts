import { BatchyardError } from '../core/errors.js';
import type { Query, RequestOptions } from '../core/http.js';
import { pathId } from '../internal/http.js';
import { APIResource } from '../core/resource.js';
import type { operations } from '../generated/api.js';

type JsonBody<
  O extends keyof operations,
  S extends keyof operations[O]['responses'],
> = operations[O]['responses'][S] extends { content: { 'application/json': infer B } } ? B : never;
type RequestBody<O extends keyof operations> = operations[O] extends {
  requestBody: { content: { 'application/json': infer B } };
}
  ? B
  : never;

/** A task's sheet: its columns (with lots) and one page of rows (`lastKey` when more follow). */
export type Sheet = JsonBody<'getSheet', 200>;
export type SheetColumn = Sheet['columns'][number];
/** A row: values by column id, each `{ value, lots: { lotId: number } }`. */
export type SheetRow = Sheet['rows'][number];
export type SheetCell = SheetRow['values'][string];
export type SheetCreateParams = RequestBody<'createSheet'>;
export type SheetUpdateParams = RequestBody<'updateSheet'>;
/** `{ rowId, colId, lotId?, operation: add | update | delete, newValue?, oldValue? }`. */
export type SheetPatch = RequestBody<'patchSheetValues'>['patches'][number];

export interface SheetGetParams {
  /** Rows per page (1–1000, default 100). */
  limit?: number;
  /** The `lastKey` of the previous page. */
  startKey?: string;
  order?: 'asc' | 'desc';
}

/** Per-task sheets: rows × columns of amounts, with per-lot breakdown. */
export class Sheets extends APIResource {
  /** Creates a task's sheet; a second time is a ConflictError with code `sheet_exists`. */
  create(taskId: string, body: SheetCreateParams, options?: RequestOptions): Promise<Sheet> {
    return this.client.request('POST', `/v1/tasks/${pathId(taskId)}/sheet`, { ...options, body });
  }

  /** The columns and one page of rows, from `startKey` on, in `order`. */
  get(taskId: string, params: SheetGetParams = {}, options?: RequestOptions): Promise<Sheet> {
    return this.client.request('GET', `/v1/tasks/${pathId(taskId)}/sheet`, {
      ...options,
      query: params as Query,
    });
  }

  /** Every row of the sheet, page after page (following `lastKey`), in `order`. */
  async *iterate(
    taskId: string,
    params: Omit<SheetGetParams, 'startKey'> = {},
    options?: RequestOptions,
  ): AsyncGenerator<SheetRow, void, undefined> {
    let startKey: string | undefined;
    for (;;) {
      const page = await this.get(taskId, { ...params, ...(startKey ? { startKey } : {}) }, options);
      yield* page.rows;
      if (page.lastKey === null || page.lastKey === startKey) return;
      startKey = page.lastKey;
    }
  }

  /** Adds columns, lots of existing columns, or rows. */
  update(taskId: string, body: SheetUpdateParams, options?: RequestOptions): Promise<Sheet> {
    return this.client.request('PATCH', `/v1/tasks/${pathId(taskId)}/sheet`, { ...options, body });
  }

  /**
   * Adds, updates or deletes values, all or nothing: a stale `oldValue` (ConflictError
   * `stale_value`), an existing value to add (`value_exists`) or a missing one to update or delete
   * (`value_missing`) rejects the whole list.
   */
  patch(
    taskId: string,
    patches: readonly SheetPatch[],
    options?: RequestOptions,
  ): Promise<{ applied: number }> {
    if (!Array.isArray(patches) || patches.length === 0) {
      throw new BatchyardError('`patches` must be a non-empty array.');
    }
    return this.client.request('PATCH', `/v1/tasks/${pathId(taskId)}/sheet/values`, {
      ...options,
      body: { patches },
    });
  }
}
