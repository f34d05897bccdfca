import type { FilterOperator } from '../../filters.js';
import type { ColumnType } from '../tables.js';

/**
 * A dataset's rows live in a table of their own (`rows_<ulid>`), with one typed physical column per
 * dataset column (named by the column id, `c<n>`), plus `_id` (row id, never reused) and `_batch`,
 * the batch's `row_key`: a small integer given at its creation, unique in its dataset and never
 * reused (an integer costs about a third less per inserted row than the 30-character batch id, in
 * the table and its index). Real columns keep ingestion close to a plain insert and let filters
 * and sorts use the database's own comparisons. A dataset's visible rows are those whose batch is
 * `active`: suspending or restoring a batch flips its state and never rewrites a row. Callers
 * name batches by id; the keys stay in this layer.
 */
export interface RowColumn {
  id: string;
  type: ColumnType;
}

/**
 * A row's values in storage form, in the order of the columns given with them: text, dates (ISO
 * 8601 text) and json (JSON text) are strings, numerics numbers, booleans booleans, missing null.
 */
export type StoredValue = string | number | boolean | null;

export type RowFilterOperator = FilterOperator;
export interface RowFilter {
  column: RowColumn;
  operator: RowFilterOperator;
  /** Storage form; an array for `in`. */
  value: StoredValue | StoredValue[];
}

/** Which rows of the table a read covers. */
export type RowScope =
  { kind: 'active'; datasetId: string } | { kind: 'batches'; batchIds: readonly string[] };

export interface RowSort {
  column: RowColumn | null; // null: by row id only
  direction: 'asc' | 'desc';
}

export interface StoredRow {
  _id: number;
  /** The batch id (mapped from the stored key). */
  _batch: string;
  [columnId: string]: unknown;
}

const IDENT = /^[a-z0-9_]+$/;
/** Table and column names come from our own ids; anything else never reaches SQL. */
export function ident(name: string): string {
  if (!IDENT.test(name)) throw new Error(`unsafe identifier ${JSON.stringify(name)}`);
  return name;
}

/** What to record on the batch in the same transaction as a chunk of rows. */
export interface ChunkBookkeeping {
  batchId: string;
  addRows: number;
  addErrors: number;
  /** Resume state (JSON text) for a retry of the creating job, or null. */
  resume: string | null;
}

/** A column copied as it is from one rows table to another (same type). */
export interface CopiedColumn {
  from: string;
  to: string;
}

export interface RowQuery {
  table: string;
  scope: RowScope;
  filters: readonly RowFilter[];
  conjunction?: 'and' | 'or';
  columns: readonly RowColumn[];
  sort: RowSort;
  /** The sort value and row id of the last row of the previous page. */
  after: { value: StoredValue; id: number } | null;
  limit: number;
}
