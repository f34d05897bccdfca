/**
 * Dataset rows (see types.ts for how they are stored): one module per concern, the backends'
 * differences in sqlite.ts and postgres.ts behind RowsBackend (the store's dialect holds one).
 */
export type { RowsBackend } from './backend.js';
export type {
  ChunkBookkeeping,
  CopiedColumn,
  RowColumn,
  RowFilter,
  RowFilterOperator,
  RowQuery,
  RowScope,
  RowSort,
  StoredRow,
  StoredValue,
} from './types.js';
export {
  addRowsColumns,
  convertRowsTablesToBatchKeys,
  createKeyIndex,
  createRowsTable,
  dropRowsTable,
  lockRowsTable,
} from './ddl.js';
export { whereRows } from './where.js';
export {
  batchRowIdRange,
  copyRowChunk,
  deleteBatchRowRange,
  deleteBatchRows,
  insertRowChunk,
} from './write.js';
export { countRows, queryRows, rowsByIds, scanRowIds, scanRows } from './read.js';
export { conflictingKeys, resolveConflicts } from './conflicts.js';
