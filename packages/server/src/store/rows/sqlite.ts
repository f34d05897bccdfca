import type BetterSqlite3 from 'better-sqlite3';
import type { ChunkBookkeeping, StoredValue } from './index.js';

type Statement = BetterSqlite3.Statement<unknown[]>;

// Prepared once per connection and statement text: Kysely would compile and prepare each insert
// again, which costs more than the insert itself at hundreds of thousands of rows per second.
const prepared = new WeakMap<BetterSqlite3.Database, Map<string, Statement>>();

function statement(raw: BetterSqlite3.Database, text: string): Statement {
  let cache = prepared.get(raw);
  if (!cache) prepared.set(raw, (cache = new Map()));
  let stmt = cache.get(text);
  if (!stmt) cache.set(text, (stmt = raw.prepare(text)));
  return stmt;
}

/** One transaction: the chunk's rows, then the batch's counts and resume state. */
export function insertRowsSqlite(
  raw: BetterSqlite3.Database,
  table: string,
  columnIds: readonly string[],
  rows: readonly StoredValue[][],
  book: ChunkBookkeeping,
): void {
  const insert = statement(
    raw,
    `insert into ${table} (_batch${columnIds.map((c) => `, ${c}`).join('')}) values (?${', ?'.repeat(columnIds.length)})`,
  );
  const update = statement(
    raw,
    'update batches set row_count = row_count + ?, error_count = error_count + ?, resume = ? where id = ?',
  );
  const width = columnIds.length;
  const params: unknown[] = new Array<unknown>(width + 1);
  raw.transaction(() => {
    params[0] = book.batchId;
    for (const row of rows) {
      for (let i = 0; i < width; i++) {
        const v = row[i] ?? null;
        params[i + 1] = typeof v === 'boolean' ? (v ? 1 : 0) : v;
      }
      insert.run(params);
    }
    update.run(book.addRows, book.addErrors, book.resume, book.batchId);
  })();
}
