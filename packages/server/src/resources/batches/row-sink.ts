import type { Store } from '../../store/index.js';
import { rowChunkSize } from '../../store/queries/batches.js';
import { insertRowChunk, type StoredValue } from '../../store/rows/index.js';

/**
 * Rows on their way into a batch, written in chunks; each chunk commits with its resume state.
 * `flushBehind` lets the next chunk be read and checked while the previous one is written (one
 * chunk in flight at most, written in order).
 */
export class RowSink {
  private rows: StoredValue[][] = [];
  private errorsSinceFlush = 0;
  private inFlight: Promise<void> | null = null;
  written = 0;
  /** Rows a chunk holds before it is written: the store picks it for its backend. */
  readonly chunkRows: number;

  constructor(
    private readonly store: Store,
    private readonly table: string,
    private readonly columnIds: readonly string[],
    private readonly batchId: string,
  ) {
    this.chunkRows = rowChunkSize(store);
  }

  get pending(): number {
    return this.rows.length;
  }

  add(row: StoredValue[]): void {
    this.rows.push(row);
  }

  addErrors(n: number): void {
    this.errorsSinceFlush += n;
  }

  /** Writes what is pending (after the chunk in flight, if any) and waits for it. */
  async flush(resume: unknown = null): Promise<void> {
    await this.flushBehind(resume);
    await this.settle();
  }

  /** Waits for the chunk in flight, then starts writing what is pending without waiting for it. */
  async flushBehind(resume: unknown = null): Promise<void> {
    await this.settle();
    if (this.rows.length === 0 && this.errorsSinceFlush === 0 && resume === null) return;
    const rows = this.rows;
    const addErrors = this.errorsSinceFlush;
    this.rows = [];
    this.errorsSinceFlush = 0;
    const writing = insertRowChunk(this.store, this.table, this.columnIds, rows, {
      batchId: this.batchId,
      addRows: rows.length,
      addErrors,
      resume: resume === null ? null : JSON.stringify(resume),
    }).then(() => {
      this.written += rows.length;
    });
    writing.catch(() => undefined); // seen by settle()
    this.inFlight = writing;
  }

  /** Waits for the chunk in flight; throws its error. */
  async settle(): Promise<void> {
    const writing = this.inFlight;
    this.inFlight = null;
    if (writing) await writing;
  }
}
