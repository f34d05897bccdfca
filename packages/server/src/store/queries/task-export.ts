import type BetterSqlite3 from 'better-sqlite3';
import { sql, type AliasedRawBuilder, type CompiledQuery, type RawBuilder } from 'kysely';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { Store } from '../index.js';
import { taskWhere, type TaskFilter } from './tasks.js';

/** The task fields an export can hold (the API's EXPORT_FIELDS). */
export type ExportField =
  | 'id'
  | 'name'
  | 'batchId'
  | 'status'
  | 'resources'
  | 'data'
  | 'initialData'
  | 'properties'
  | 'createdBy'
  | 'createdAt'
  | 'updatedAt';

/**
 * The JSON lines of an export: each task as `JSON.stringify` of the API's task picked to `fields`
 * writes it (the stored JSON text spliced in as it is), between `prefix` and `suffix` (`,\n` before
 * each task of a JSON array, `\n` after each line of JSONL).
 */
export interface ExportLineSpec {
  fields: readonly ExportField[];
  prefix: string;
  suffix: string;
}

/** One page of export text: `rows` lines, each as prefix + line + suffix, in id order. */
export interface ExportPage {
  bytes: Buffer;
  rows: number;
  lastId: string;
}

/**
 * JavaScript's number and date texts, for the values SQLite's own formatting writes differently
 * (exponents, out-of-range dates); the common ones are formatted in SQL.
 */
const JS_NUMBER = 'batchyard_js_number';
const JS_ISO = 'batchyard_js_iso';
const withFunctions = new WeakSet<BetterSqlite3.Database>();

function registerFunctions(db: BetterSqlite3.Database): void {
  if (withFunctions.has(db)) return;
  db.function(JS_NUMBER, { deterministic: true }, (value: unknown) => JSON.stringify(Number(value)));
  db.function(JS_ISO, { deterministic: true }, (ms: unknown) => new Date(Number(ms)).toISOString());
  withFunctions.add(db);
}

/** The ISO text of a millisecond time in SQL (years 0000–9999; null outside them). */
const sqlIso = (ms: RawBuilder<unknown>) =>
  sql<string>`(case when ${ms} between 0 and 253402300799999 then strftime('%Y-%m-%dT%H:%M:%fZ', ${ms} / 1000.0, 'unixepoch') end)`;

/**
 * The SQL of export lines (SQLite) in two steps, so that what a line uses twice is computed once:
 * `values`, the columns of each matching row with the score's digits and the creation time's text;
 * then `line`, made from those columns.
 */
function sqliteLine(spec: ExportLineSpec): {
  values: AliasedRawBuilder<unknown, string>[];
  line: RawBuilder<string>;
} {
  const fields = new Set(spec.fields);
  const values: AliasedRawBuilder<unknown, string>[] = [sql`id`.as('id')];
  const take = (...columns: string[]) => columns.forEach((c) => values.push(sql.ref(c).as(c)));
  if (fields.has('batchId')) take('batch_id');
  if (fields.has('name')) take('name');
  if (fields.has('status')) take('status');
  if (fields.has('createdBy')) take('created_by');
  if (fields.has('resources')) take('resources');
  if (fields.has('initialData')) take('initial_data');
  if (fields.has('data')) take('data');
  if (fields.has('properties')) {
    take('score', 'custom');
    values.push(sql`printf('%.15g', score)`.as('score15'));
  }
  if (fields.has('createdAt') || fields.has('updatedAt')) take('created_at');
  if (fields.has('createdAt')) values.push(sqlIso(sql`created_at`).as('created_iso'));
  if (fields.has('updatedAt')) take('updated_at');

  // A REAL as JavaScript writes it (the shortest digits that give the value back): when 15
  // significant digits do, `%.15g` writes those, and in JavaScript's plain notation between 1e-4
  // and 1e15; other values (16 or 17 digits, exponents) go to JavaScript. SQLite's own text of a
  // REAL has 17 digits where 16 would do, and `.0` on integers.
  const score = sql`(case when score is null then null when score = 0 then '0' when abs(score) >= 1e-4 and abs(score) < 1e15 and cast(score15 as real) = score then score15 else ${sql.raw(JS_NUMBER)}(score) end)`;
  const createdAt = sql`ifnull(created_iso, ${sql.raw(JS_ISO)}(created_at))`;
  // Tasks are mostly updated as they were created: the creation text serves twice.
  const updatedAt = fields.has('createdAt')
    ? sql`(case when updated_at = created_at and created_iso is not null then created_iso else ifnull(${sqlIso(sql`updated_at`)}, ${sql.raw(JS_ISO)}(updated_at)) end)`
    : sql`ifnull(${sqlIso(sql`updated_at`)}, ${sql.raw(JS_ISO)}(updated_at))`;
  const parts: RawBuilder<unknown>[] = [];
  spec.fields.forEach((field, i) => {
    parts.push(sql.lit(`${i === 0 ? '{' : ','}"${field}":`));
    switch (field) {
      case 'id':
        return parts.push(sql`json_quote(id)`);
      case 'batchId':
        return parts.push(sql`json_quote(batch_id)`);
      case 'name':
        return parts.push(sql`json_quote(name)`);
      case 'status':
        return parts.push(sql`json_quote(status)`);
      case 'createdBy':
        return parts.push(sql`json_quote(created_by)`);
      case 'resources':
        return parts.push(sql`resources`);
      case 'data':
        return parts.push(sql`data`);
      case 'initialData':
        return parts.push(sql`ifnull(initial_data, 'null')`);
      case 'properties':
        return parts.push(
          sql`'{"score":'`,
          sql`ifnull(${score}, 'null')`,
          sql`',"custom":'`,
          sql`custom`,
          sql`'}'`,
        );
      case 'createdAt':
        return parts.push(sql`'"'`, createdAt, sql`'"'`);
      case 'updatedAt':
        return parts.push(sql`'"'`, updatedAt, sql`'"'`);
    }
  });
  parts.push(sql`'}'`);
  return { values, line: sql<string>`(${sql.join(parts, sql` || `)})` };
}

const statements = new WeakMap<object, Map<string, BetterSqlite3.Statement<unknown[]>>>();

/**
 * Export text built by SQLite, a page at a time in id order: each line is made in SQL and a page's
 * lines come back as one blob of UTF-8 (no string per row or per value on the JavaScript side).
 */
export async function sqliteExportPage(
  store: Store,
  filter: TaskFilter,
  spec: ExportLineSpec,
  afterId: string,
  limit: number,
): Promise<ExportPage | null> {
  const driver = store.dialect.driver;
  if (driver.kind !== 'sqlite') throw new Error('sqliteExportPage needs the SQLite store');
  const { values, line } = sqliteLine(spec);
  // The page's rows come to the aggregate in the subquery's order (its LIMIT keeps it a separate
  // step, run in id order), so the blob holds the lines in id order.
  const page = store.db
    .selectFrom('tasks')
    .select(values)
    .where(taskWhere(store, filter))
    .where('tasks.id', '>', afterId)
    .orderBy('tasks.id')
    .limit(limit);
  const query = store.db
    .selectFrom(page.as('page'))
    .select([
      sql<number>`count(*)`.as('rows'),
      sql<string>`max(id)`.as('last_id'),
      sql<Buffer>`cast(group_concat(${spec.prefix} || ${line} || ${spec.suffix}, '') as blob)`.as('bytes'),
    ])
    .compile();
  // Holding Kysely's connection keeps another request's open transaction out of this read.
  return store.db.connection().execute(async () => {
    const raw = driver.database();
    if (!raw) throw new Error('SQLite connection is not open');
    registerFunctions(raw);
    let cache = statements.get(raw);
    if (!cache) statements.set(raw, (cache = new Map()));
    let statement = cache.get(query.sql);
    if (!statement) {
      if (cache.size >= 20) cache.clear();
      statement = raw.prepare<unknown[]>(query.sql).raw(true);
      cache.set(query.sql, statement);
    }
    const [rows, lastId, bytes] = statement.get(query.parameters) as [number, string | null, Buffer | null];
    return rows === 0 || lastId === null || bytes === null ? null : { bytes, rows, lastId };
  });
}

// ---------------------------------------------------------------------------------------------
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
class CopyBinaryRows {
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
async function* postgresCopy<T>(
  store: Store,
  query: CompiledQuery,
  width: number,
  chunk: (reader: CopyBinaryRows, data: Buffer) => T | null,
  end: () => T | null,
): AsyncGenerator<T> {
  const driver = store.dialect.driver;
  if (driver.kind !== 'postgres') throw new Error('postgresCopy needs the PostgreSQL store');
  const client = await driver.pool.connect();
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

/**
 * JSON text of PostgreSQL rewritten as `JSON.stringify` writes it, byte by byte: no whitespace
 * outside strings (jsonb's text has a space after `:` and `,`), numbers in JavaScript's shortest
 * form, and `@<ms>` (a time, written by the export's SQL) as its quoted ISO text. Strings are
 * copied as they are: PostgreSQL escapes exactly what JSON.stringify does (`"`, `\`, controls as
 * \b \f \n \r \t or lowercase \u00xx) and jsonb holds no lone surrogates.
 */
class JsonCompactor {
  private lastMs = NaN;
  private lastIso: Buffer = Buffer.alloc(0);

  /** The ISO text of the time whose milliseconds' digits are src[start, end), quoted or not. */
  time(src: Buffer, start: number, end: number, out: Buffer, pos: number, quoted: boolean): number {
    const negative = src[start] === 0x2d;
    let ms = 0;
    for (let k = negative ? start + 1 : start; k < end; k++) ms = ms * 10 + (src[k]! - 0x30);
    if (negative) ms = -ms;
    if (ms !== this.lastMs) {
      this.lastMs = ms;
      this.lastIso = Buffer.from(`"${new Date(ms).toISOString()}"`, 'latin1');
    }
    return quoted
      ? pos + this.lastIso.copy(out, pos)
      : pos + this.lastIso.copy(out, pos, 1, this.lastIso.length - 1);
  }

  /** Writes src[start, end) compacted at out[pos]; returns the new position. */
  write(src: Buffer, start: number, end: number, out: Buffer, pos: number): number {
    let i = start;
    while (i < end) {
      const c = src[i]!;
      if (c === 0x22) {
        // A string, to its closing quote.
        out[pos++] = c;
        i++;
        for (;;) {
          const d = src[i++]!;
          out[pos++] = d;
          if (d === 0x22) break;
          if (d === 0x5c) out[pos++] = src[i++]!;
        }
      } else if (c === 0x20) i++;
      else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
        let j = i;
        let digits = 0;
        let plain = true;
        let dot = -1;
        for (; j < end; j++) {
          const d = src[j]!;
          if (d >= 0x30 && d <= 0x39) digits++;
          else if (d === 0x2e) dot = j;
          else if (d === 0x2d && j === i) continue;
          else if (d === 0x65 || d === 0x45 || d === 0x2b || d === 0x2d) plain = false;
          else break;
        }
        // Plain digits that JavaScript writes the same way: at most 15 of them (they give the
        // double back), no trailing zero after the point, not -0, not below 1e-6 (0.000000…).
        const negative = c === 0x2d;
        const first = negative ? i + 1 : i;
        if (
          plain &&
          digits <= 15 &&
          !(dot >= 0 && src[j - 1] === 0x30) &&
          !(negative && j - i === 2 && src[first] === 0x30) &&
          !(dot === first + 1 && src[first] === 0x30 && tinyFraction(src, dot + 1, j))
        ) {
          for (; i < j; i++) out[pos++] = src[i]!;
        } else {
          pos += out.write(JSON.stringify(Number(src.toString('latin1', i, j))), pos, 'latin1');
          i = j;
        }
      } else if (c === 0x40) {
        // @<ms>: a time.
        let j = i + 1;
        while (j < end && (src[j] === 0x2d || (src[j]! >= 0x30 && src[j]! <= 0x39))) j++;
        pos = this.time(src, i + 1, j, out, pos, true);
        i = j;
      } else {
        out[pos++] = c;
        i++;
      }
    }
    return pos;
  }
}

/** Whether the fraction digits src[start, end) begin with six zeros (a value below 1e-6). */
function tinyFraction(src: Buffer, start: number, end: number): boolean {
  if (end - start < 7) return false;
  for (let k = start; k < start + 6; k++) if (src[k] !== 0x30) return false;
  return true;
}

/** The SQL of a line (PostgreSQL), its JSON text to be compacted by JsonCompactor. */
function postgresLine(spec: ExportLineSpec): RawBuilder<string> {
  const text = (column: string) => sql`coalesce(to_json(${sql.ref(column)})::text, 'null')`;
  const parts: RawBuilder<unknown>[] = [];
  spec.fields.forEach((field, i) => {
    parts.push(sql.lit(`${i === 0 ? '{' : ','}"${field}":`));
    switch (field) {
      case 'id':
        return parts.push(text('id'));
      case 'batchId':
        return parts.push(text('batch_id'));
      case 'name':
        return parts.push(text('name'));
      case 'status':
        return parts.push(text('status'));
      case 'createdBy':
        return parts.push(text('created_by'));
      case 'resources':
        return parts.push(sql`resources::text`);
      case 'data':
        return parts.push(sql`data::text`);
      case 'initialData':
        return parts.push(sql`coalesce(initial_data::text, 'null')`);
      case 'properties':
        return parts.push(
          sql`'{"score":'`,
          sql`coalesce(score::text, 'null')`,
          sql`',"custom":'`,
          sql`custom::text`,
          sql`'}'`,
        );
      case 'createdAt':
        return parts.push(sql`'@'`, sql`created_at::text`);
      case 'updatedAt':
        return parts.push(sql`'@'`, sql`updated_at::text`);
    }
  });
  parts.push(sql`'}'`);
  return sql<string>`(${sql.join(parts, sql` || `)})`;
}

/** Bytes of export text per piece handed on (PostgreSQL). */
const PIECE_BYTES = 256 * 1024;

/**
 * Export text on PostgreSQL: the lines built by PostgreSQL, streamed by one COPY in id order,
 * compacted into pieces of about 256 KB (each with the count of its lines).
 */
export async function* postgresExportText(
  store: Store,
  filter: TaskFilter,
  spec: ExportLineSpec,
): AsyncGenerator<{ bytes: Buffer; rows: number }> {
  const query = store.db
    .selectFrom('tasks')
    .select(postgresLine(spec).as('line'))
    .where(taskWhere(store, filter))
    .orderBy('tasks.id')
    .compile();
  const prefix = Buffer.from(spec.prefix);
  const suffix = Buffer.from(spec.suffix);
  const compactor = new JsonCompactor();
  let out = Buffer.allocUnsafe(PIECE_BYTES);
  let pos = 0;
  let rows = 0;
  const ready: { bytes: Buffer; rows: number }[] = [];
  const flush = (need: number) => {
    if (pos > 0) ready.push({ bytes: out.subarray(0, pos), rows });
    out = Buffer.allocUnsafe(Math.max(PIECE_BYTES, need));
    pos = 0;
    rows = 0;
  };
  const line = (buf: Buffer, fields: Int32Array) => {
    const start = fields[0]!;
    const end = fields[1]!;
    // Compaction never grows a line by more than twice its length (a number's JavaScript text,
    // a time's ISO text).
    const need = 2 * (end - start) + 64 + prefix.length + suffix.length;
    if (pos + need > out.length) flush(need);
    pos += prefix.copy(out, pos);
    pos = compactor.write(buf, start, end, out, pos);
    pos += suffix.copy(out, pos);
    rows++;
  };
  const pieces = postgresCopy(
    store,
    query,
    1,
    (reader, data) => {
      reader.feed(data, line);
      if (pos >= PIECE_BYTES / 2) flush(0);
      return ready.length > 0 ? ready.splice(0) : null;
    },
    () => {
      flush(0);
      return ready.length > 0 ? ready.splice(0) : null;
    },
  );
  for await (const some of pieces) yield* some;
}

/** What a CSV export's COPY field holds, and how it is written. */
const enum Cell {
  /** Text, quoted when needed. */
  Text,
  /** jsonb text, compacted, then quoted when needed. */
  Json,
  /** A number's text, in JavaScript's form. */
  Number,
  /** Milliseconds' digits, as ISO text. */
  Time,
  /** A top-level value of data or custom: `->>` text, then (the next field) its jsonb type. */
  Value,
}

/** The header's columns of a CSV export: data and custom flattened to one column per key. */
export interface CsvSpec {
  fields: readonly ExportField[];
  dataKeys: readonly string[];
  customKeys: readonly string[];
}

/** Writes src[start, end) as one RFC 4180 cell (quoted when it holds `"`, `,`, CR or LF). */
function csvBytes(src: Buffer, start: number, end: number, out: Buffer, pos: number): number {
  let quote = false;
  for (let k = start; k < end; k++) {
    const c = src[k]!;
    if (c === 0x22 || c === 0x2c || c === 0x0a || c === 0x0d) {
      quote = true;
      break;
    }
  }
  if (!quote) return pos + src.copy(out, pos, start, end);
  out[pos++] = 0x22;
  for (let k = start; k < end; k++) {
    const c = src[k]!;
    out[pos++] = c;
    if (c === 0x22) out[pos++] = 0x22;
  }
  out[pos++] = 0x22;
  return pos;
}

/**
 * CSV export text on PostgreSQL: one COPY in binary format whose fields are the cells (data and
 * custom values picked by key in SQL), written byte by byte in the header's order; pieces of
 * about 256 KB with the count of their lines.
 */
export async function* postgresExportCsv(
  store: Store,
  filter: TaskFilter,
  spec: CsvSpec,
): AsyncGenerator<{ bytes: Buffer; rows: number }> {
  const columns: AliasedRawBuilder<unknown, string>[] = [];
  const kinds: Cell[] = [];
  const add = (kind: Cell, ...values: RawBuilder<unknown>[]) => {
    kinds.push(kind);
    for (const value of values) columns.push(value.as(`c${columns.length}`));
  };
  const value = (column: 'data' | 'custom', key: string) =>
    add(Cell.Value, sql`${sql.ref(column)} ->> ${key}`, sql`jsonb_typeof(${sql.ref(column)} -> ${key})`);
  for (const field of spec.fields) {
    if (field === 'data') for (const key of spec.dataKeys) value('data', key);
    else if (field === 'properties') {
      add(Cell.Number, sql`score::text`);
      for (const key of spec.customKeys) value('custom', key);
    } else if (field === 'id') add(Cell.Text, sql`id`);
    else if (field === 'batchId') add(Cell.Text, sql`batch_id`);
    else if (field === 'name') add(Cell.Text, sql`name`);
    else if (field === 'status') add(Cell.Text, sql`status`);
    else if (field === 'createdBy') add(Cell.Text, sql`created_by`);
    else if (field === 'resources') add(Cell.Json, sql`resources::text`);
    else if (field === 'initialData') add(Cell.Json, sql`initial_data::text`);
    else if (field === 'createdAt') add(Cell.Time, sql`created_at::text`);
    else add(Cell.Time, sql`updated_at::text`);
  }
  if (columns.length === 0) add(Cell.Text, sql`null::text`);
  const query = store.db
    .selectFrom('tasks')
    .select(columns)
    .where(taskWhere(store, filter))
    .orderBy('tasks.id')
    .compile();
  const width = columns.length;
  const cells = kinds.length;
  const compactor = new JsonCompactor();
  let scratch = Buffer.allocUnsafe(64 * 1024);
  let out = Buffer.allocUnsafe(PIECE_BYTES);
  let pos = 0;
  let rows = 0;
  const ready: { bytes: Buffer; rows: number }[] = [];
  const flush = (need: number) => {
    if (pos > 0) ready.push({ bytes: out.subarray(0, pos), rows });
    out = Buffer.allocUnsafe(Math.max(PIECE_BYTES, need));
    pos = 0;
    rows = 0;
  };
  const json = (buf: Buffer, start: number, end: number) => {
    if (scratch.length < 2 * (end - start) + 64) scratch = Buffer.allocUnsafe(2 * (end - start) + 64);
    const length = compactor.write(buf, start, end, scratch, 0);
    pos = csvBytes(scratch, 0, length, out, pos);
  };
  const line = (buf: Buffer, f: Int32Array) => {
    let need = 2 + 64 * cells;
    for (let k = 0; k < width; k++) if (f[2 * k]! >= 0) need += 2 * (f[2 * k + 1]! - f[2 * k]!) + 2;
    if (pos + need > out.length) flush(need);
    let k = 0;
    for (let c = 0; c < cells; c++) {
      if (c > 0) out[pos++] = 0x2c;
      const kind = kinds[c]!;
      const start = f[2 * k]!;
      const end = f[2 * k + 1]!;
      k++;
      if (kind === Cell.Value) {
        const type = f[2 * k]! < 0 ? 0 : buf[f[2 * k]!]!;
        k++;
        if (start < 0) continue;
        // jsonb_typeof: string, number, boolean, object, array (null's text is SQL null).
        if (type === 0x73) pos = csvBytes(buf, start, end, out, pos);
        else if (type === 0x6f || type === 0x61) json(buf, start, end);
        else pos = compactor.write(buf, start, end, out, pos);
      } else if (start < 0) continue;
      else if (kind === Cell.Text) pos = csvBytes(buf, start, end, out, pos);
      else if (kind === Cell.Json) json(buf, start, end);
      else if (kind === Cell.Number) pos = compactor.write(buf, start, end, out, pos);
      else pos = compactor.time(buf, start, end, out, pos, false);
    }
    out[pos++] = 0x0d;
    out[pos++] = 0x0a;
    rows++;
  };
  const pieces = postgresCopy(
    store,
    query,
    width,
    (reader, data) => {
      reader.feed(data, line);
      if (pos >= PIECE_BYTES / 2) flush(0);
      return ready.length > 0 ? ready.splice(0) : null;
    },
    () => {
      flush(0);
      return ready.length > 0 ? ready.splice(0) : null;
    },
  );
  for await (const some of pieces) yield* some;
}
