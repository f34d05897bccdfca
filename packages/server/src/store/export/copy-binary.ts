import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { CompiledQuery } from 'kysely';
import type { Store } from '../index.js';
import { postgresStreamPool } from '../driver.js';

// PostgreSQL: one COPY (query) TO STDOUT in binary format, read with backpressure.

/** A parameter's text as pg sends it (null for NULL). */
function parameterText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  throw new Error(`unexpected ${typeof value} parameter in export SQL`);
}

/** A pg parameter as pg sends it (text, untyped), written into the SQL as a literal. */
function inlineParameters(client: pg.PoolClient, text: string, parameters: readonly unknown[]): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "'" || c === '"') {
      // A quoted literal or identifier (a doubled quote stays inside it).
      let end = i + 1;
      for (;;) {
        end = text.indexOf(c, end);
        if (end < 0) throw new Error('unterminated quote in export SQL');
        if (text[end + 1] === c) end += 2;
        else break;
      }
      out += text.slice(i, end + 1);
      i = end + 1;
    } else if (c === '$' && /[0-9]/.test(text[i + 1] ?? '')) {
      let end = i + 1;
      while (/[0-9]/.test(text[end] ?? '')) end++;
      const value = parameterText(parameters[Number(text.slice(i + 1, end)) - 1]);
      // An untyped literal resolves to the type the untyped parameter would.
      out += value === null ? 'null' : client.escapeLiteral(value);
      i = end;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/**
 * Rows of COPY's binary format, whatever the chunks: `row` gets each complete row's buffer and its
 * fields' [start, end) offsets (-1 for null).
 */
export class CopyBinaryRows {
  private rest: Buffer | null = null;
  private header = true;
  private readonly fields: Int32Array;

  constructor(private readonly width: number) {
    this.fields = new Int32Array(width * 2);
  }

  /** False once the trailer is read. */
  feed(chunk: Buffer, row: (buf: Buffer, fields: Int32Array) => void): boolean {
    const buf = this.rest ? Buffer.concat([this.rest, chunk]) : chunk;
    this.rest = null;
    let pos = 0;
    if (this.header) {
      // PGCOPY\n\377\r\n\0, flags, header extension length and the extension.
      if (buf.length < 19 || buf.length < 19 + buf.readUInt32BE(15)) {
        this.rest = buf;
        return true;
      }
      pos = 19 + buf.readUInt32BE(15);
      this.header = false;
    }
    const fields = this.fields;
    const end = buf.length;
    while (pos + 2 <= end) {
      const count = buf.readInt16BE(pos);
      if (count === -1) return false;
      if (count !== this.width) throw new Error(`COPY row of ${count} fields, not ${this.width}`);
      let p = pos + 2;
      let complete = true;
      for (let f = 0; f < count; f++) {
        if (p + 4 > end) {
          complete = false;
          break;
        }
        const length = buf.readInt32BE(p);
        p += 4;
        if (length < 0) {
          fields[2 * f] = -1;
          fields[2 * f + 1] = -1;
          continue;
        }
        if (p + length > end) {
          complete = false;
          break;
        }
        fields[2 * f] = p;
        fields[2 * f + 1] = p + length;
        p += length;
      }
      if (!complete) break;
      row(buf, fields);
      pos = p;
    }
    if (pos < end) this.rest = buf.subarray(pos);
    return true;
  }
}

/**
 * Streams a query's rows through `COPY (query) TO STDOUT (format binary)` in one read-only
 * transaction, with enable_sort off (see listTasks: an index read in id order, not a sort of every
 * match) and float8 written with its shortest exact digits. `chunk` is called per chunk of
 * rows; the generator yields what it returns, so COPY is read only as fast as the consumer pulls.
 */
export async function* postgresCopy<T>(
  store: Store,
  query: CompiledQuery,
  width: number,
  chunk: (reader: CopyBinaryRows, data: Buffer) => T | null,
  end: () => T | null,
): AsyncGenerator<T> {
  const client = await postgresStreamPool(store).connect();
  let broken = true;
  try {
    await client.query('begin read only');
    await client.query('set local enable_sort = off');
    await client.query('set local extra_float_digits = 1');
    const text = inlineParameters(client, query.sql, query.parameters);
    const stream = client.query(copyTo(`copy (${text}) to stdout (format binary)`));
    const reader = new CopyBinaryRows(width);
    try {
      for await (const data of stream as AsyncIterable<Buffer>) {
        const out = chunk(reader, data);
        if (out !== null) yield out;
      }
    } finally {
      stream.destroy();
    }
    const last = end();
    if (last !== null) yield last;
    await client.query('commit');
    broken = false;
  } finally {
    // A connection left in the middle of a COPY (the consumer stopped, an error) is not reused.
    client.release(broken ? true : undefined);
  }
}
