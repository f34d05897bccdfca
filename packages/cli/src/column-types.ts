import type { ColumnType } from '@batchyard/sdk';

/** The types a dataset column can have. */
export const COLUMN_TYPES: readonly ColumnType[] = ['text', 'numeric', 'date', 'boolean', 'json'];
