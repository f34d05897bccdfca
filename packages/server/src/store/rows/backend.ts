import type { Kysely, RawBuilder } from 'kysely';
import type { Db, Store } from '../index.js';
import type { ChunkBookkeeping, StoredValue } from './types.js';

/** What differs per backend for dataset rows (sqlite.ts, postgres.ts; the store's dialect holds one). */
export interface RowsBackend {
  /** The definition of a new rows table's `_id` column (row ids are never reused). */
  readonly idColumn: string;
  /** Migration 0010: rewrites rows table `table` (if it exists) with batch keys in `_batch`. */
  convertTableToBatchKeys(db: Kysely<unknown>, table: string): Promise<void>;
  /** Takes a rows table for the rest of the transaction (see lockRowsTable). */
  lockTable(db: Db, table: string): Promise<void>;
  /** Writes one chunk of rows and the batch's bookkeeping in one transaction (see insertRowChunk). */
  insertChunk(
    store: Store,
    table: string,
    columnIds: readonly string[],
    rows: readonly StoredValue[][],
    book: ChunkBookkeeping,
  ): Promise<void>;
  /** A select of the lowest (`lo`) and highest (`hi`) row id of the rows whose `_batch` is `key`. */
  rowIdRange(table: RawBuilder<unknown>, key: RawBuilder<unknown>): RawBuilder<{ lo: unknown; hi: unknown }>;
}
