import type { Db, Store } from '../../index.js';
import { insertAuditEntries, type AuditRow } from '../audit.js';
import type { TaskRow } from './read.js';

/**
 * Inserts tasks, skipping those whose checked name the batch already holds (another request may
 * have won the race since the names were looked up), and returns the ids actually inserted.
 * Atomically: in one transaction, or as one statement when the backend takes them all in one (a
 * BEGIN and a COMMIT are two round trips more than the insert); `audit` records the create with
 * how many tasks it created, when it created any.
 */
export async function insertTasksAtomically(
  store: Store,
  rows: readonly TaskRow[],
  audit: AuditRow | null = null,
  /** More writes about the tasks inserted (their gold answers), in the same transaction. */
  also?: (db: Db, inserted: Set<string>) => Promise<void>,
): Promise<Set<string>> {
  const backend = store.dialect.tasks;
  if (
    !also &&
    backend.bulkInsert &&
    backend.bulkInsertRows !== undefined &&
    rows.length >= backend.bulkInsertRows
  ) {
    const inserted = await backend.bulkInsert(store, rows, audit);
    if (inserted) return inserted;
  }
  if (!also && backend.rowsPerInsert !== null && rows.length <= backend.rowsPerInsert)
    return backend.insert(store, store.db, rows, audit);
  return store.transaction(async (trx) => {
    const inserted = await backend.insert(store, trx, rows, null);
    if (also) await also(trx, inserted);
    if (audit && inserted.size > 0) await insertAuditEntries(trx, [withCreated(audit, inserted.size)]);
    return inserted;
  });
}

/** The audit entry of a create, with how many tasks it created in its summary. */
function withCreated(audit: AuditRow, created: number): AuditRow {
  return { ...audit, summary: JSON.stringify({ ...(JSON.parse(audit.summary) as object), created }) };
}
