import { sql, type RawBuilder } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { ChunkBookkeeping, StoredValue } from './index.js';

// COPY's text format: backslash, tab, newline and carriage return are escaped; \N is null.
const SPECIAL = /[\\\t\n\r]/g;
const HAS_SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function copyField(value: StoredValue | undefined): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'string')
    return HAS_SPECIAL.test(value) ? value.replace(SPECIAL, (c) => ESCAPES[c]!) : value;
  if (typeof value === 'number') return String(value);
  return value ? 't' : 'f';
}

/** One transaction: COPY the chunk's rows, then the batch's counts and resume state. */
export async function copyRowsPostgres(
  pool: pg.Pool,
  table: string,
  columnIds: readonly string[],
  rows: readonly StoredValue[][],
  book: ChunkBookkeeping,
): Promise<void> {
  const client = await pool.connect();
  let failed = false;
  try {
    await client.query('begin');
    const found = await client.query<{ row_key: number }>('select row_key from batches where id = $1', [
      book.batchId,
    ]);
    if (found.rows.length === 0) throw new Error(`batch ${book.batchId} is gone`);
    const batch = String(found.rows[0]!.row_key);
    const width = columnIds.length;
    const lines = function* () {
      let text = '';
      for (const row of rows) {
        text += batch;
        for (let i = 0; i < width; i++) text += '\t' + copyField(row[i]);
        text += '\n';
        if (text.length > 65536) {
          yield text;
          text = '';
        }
      }
      if (text) yield text;
    };
    await pipeline(
      Readable.from(lines()),
      client.query(copyFrom(`copy ${table} (_batch${columnIds.map((c) => `, ${c}`).join('')}) from stdin`)),
    );
    await client.query(
      'update batches set row_count = row_count + $1, error_count = error_count + $2, resume = $3 where id = $4',
      [book.addRows, book.addErrors, book.resume, book.batchId],
    );
    await client.query('commit');
  } catch (error) {
    failed = true;
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    // A connection whose COPY broke half way is not trusted again.
    client.release(failed ? true : undefined);
  }
}

/** A list of text values as one parameter (an array), for `x in (…)` with any number of values. */
export function textListPostgres(values: readonly string[]): RawBuilder<unknown> {
  return sql`(select unnest(${values}::text[]))`;
}
