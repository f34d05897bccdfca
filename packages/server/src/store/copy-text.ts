import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** A value as PostgreSQL COPY's text format writes a field. */
export type CopyValue = string | number | boolean | null | undefined;

// Backslash, tab, newline and carriage return are escaped; \N is null.
const SPECIAL = /[\\\t\n\r]/g;
const HAS_SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
/** COPY text is sent in pieces of about this many characters. */
const PIECE = 65_536;

/** One field of a line in COPY's text format (PostgreSQL). */
export function copyTextField(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'string')
    return HAS_SPECIAL.test(value) ? value.replace(SPECIAL, (c) => ESCAPES[c]!) : value;
  if (typeof value === 'number') return String(value);
  return value ? 't' : 'f';
}

/**
 * `work` on a connection of `pool`'s own. After an error its transaction is rolled back and the
 * connection dropped: one whose COPY broke half way is not trusted again.
 */
export async function onOwnConnection<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    return await work(client);
  } catch (error) {
    broken = true;
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release(broken ? true : undefined);
  }
}

/**
 * Streams rows into `statement` (a `copy … from stdin`) on `client`, each row made a line by `line`
 * (fields from copyTextField, tab-separated, ending in a newline), in pieces of about 64 KiB.
 */
export async function copyRowsIn<T>(
  client: pg.PoolClient,
  statement: string,
  rows: Iterable<T>,
  line: (row: T) => string,
): Promise<void> {
  const pieces = function* () {
    let text = '';
    for (const row of rows) {
      text += line(row);
      if (text.length > PIECE) {
        yield text;
        text = '';
      }
    }
    if (text) yield text;
  };
  await pipeline(Readable.from(pieces()), client.query(copyFrom(statement)));
}
