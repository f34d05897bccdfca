import { sql, type AliasedRawBuilder, type CompiledQuery, type RawBuilder } from 'kysely';
import type { Store } from '../index.js';
import { taskWhere, type TaskFilter } from '../queries/tasks.js';
import { postgresCopy } from './copy-binary.js';
import { csvBytes } from './csv.js';
import type { ExportBackend } from './index.js';
import {
  EXPORT_FIELD_VALUES,
  type ExportCsvSpec,
  type ExportFieldValue,
  type ExportLineSpec,
  type ExportPiece,
  type ExportValue,
  type JsonColumn,
} from './fields.js';
import { JsonCompactor } from './json-compactor.js';

/** Bytes of export text per piece handed on. */
const PIECE_BYTES = 256 * 1024;

/** A value's JSON text in SQL by its kind, to be compacted by JsonCompactor. */
function jsonText(value: ExportValue): RawBuilder<unknown>[] {
  const column = sql.ref(value.column);
  switch (value.kind) {
    case 'text':
      return [sql`coalesce(to_json(${column})::text, 'null')`];
    case 'json':
      return [value.nullable ? sql`coalesce(${column}::text, 'null')` : sql`${column}::text`];
    case 'number':
      return [sql`coalesce(${column}::text, 'null')`];
    case 'time':
      // @<ms>: JsonCompactor writes the time's quoted ISO text.
      return [sql`'@'`, sql`${column}::text`];
  }
}

/** The SQL of a line, its JSON text to be compacted by JsonCompactor. */
function postgresLine(spec: ExportLineSpec): RawBuilder<string> {
  const parts: RawBuilder<unknown>[] = [];
  spec.fields.forEach((field, i) => {
    parts.push(sql.lit(`${i === 0 ? '{' : ','}"${field}":`));
    const value: ExportFieldValue = EXPORT_FIELD_VALUES[field];
    if (value.kind !== 'object') return parts.push(...jsonText(value));
    const members: RawBuilder<unknown>[] = [];
    value.members.forEach((member, m) => {
      members.push(sql.lit(`${m === 0 ? '{' : ','}"${member.name}":`), ...jsonText(member.value));
    });
    members.push(sql`'}'`);
    if (!value.nullable) return parts.push(...members);
    const missing = sql.join(
      value.members.map((m) => sql`${sql.ref(m.value.column)} is null`),
      sql` and `,
    );
    parts.push(sql`(case when ${missing} then 'null' else ${sql.join(members, sql` || `)} end)`);
  });
  parts.push(sql`'}'`);
  return sql<string>`(${sql.join(parts, sql` || `)})`;
}

/**
 * Streams a query's rows (one COPY, see copy-binary.ts) through `line`, which writes each row into
 * the piece being filled; yields pieces of about 256 KB, each with the count of its lines.
 */
async function* pieces(
  store: Store,
  query: CompiledQuery,
  width: number,
  line: (out: Output, buf: Buffer, fields: Int32Array) => void,
): AsyncGenerator<ExportPiece> {
  const out = new Output();
  const rows = postgresCopy(
    store,
    query,
    width,
    (reader, data) => {
      reader.feed(data, (buf, fields) => line(out, buf, fields));
      if (out.pos >= PIECE_BYTES / 2) out.flush(0);
      return out.ready.length > 0 ? out.ready.splice(0) : null;
    },
    () => {
      out.flush(0);
      return out.ready.length > 0 ? out.ready.splice(0) : null;
    },
  );
  for await (const some of rows) yield* some;
}

/** The piece being filled, and the full ones not yet handed on. */
class Output {
  buf = Buffer.allocUnsafe(PIECE_BYTES);
  pos = 0;
  rows = 0;
  readonly ready: ExportPiece[] = [];

  /** Makes room for `need` bytes more, handing on the piece when it has not. */
  room(need: number): void {
    if (this.pos + need > this.buf.length) this.flush(need);
  }

  flush(need: number): void {
    if (this.pos > 0) this.ready.push({ bytes: this.buf.subarray(0, this.pos), rows: this.rows });
    this.buf = Buffer.allocUnsafe(Math.max(PIECE_BYTES, need));
    this.pos = 0;
    this.rows = 0;
  }
}

/** Export lines built by PostgreSQL, streamed by one COPY in id order and compacted on the way. */
async function* lines(store: Store, filter: TaskFilter, spec: ExportLineSpec): AsyncGenerator<ExportPiece> {
  const query = store.db
    .selectFrom('tasks')
    .select(postgresLine(spec).as('line'))
    .where(taskWhere(store, filter))
    .orderBy('tasks.id')
    .compile();
  const prefix = Buffer.from(spec.prefix);
  const suffix = Buffer.from(spec.suffix);
  const compactor = new JsonCompactor();
  yield* pieces(store, query, 1, (out, buf, fields) => {
    const start = fields[0]!;
    const end = fields[1]!;
    // Compaction never grows a line by more than twice its length (a number's JavaScript text,
    // a time's ISO text).
    out.room(2 * (end - start) + 64 + prefix.length + suffix.length);
    out.pos += prefix.copy(out.buf, out.pos);
    out.pos = compactor.write(buf, start, end, out.buf, out.pos);
    out.pos += suffix.copy(out.buf, out.pos);
    out.rows++;
  });
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
  /** A top-level value of a flattened JSON column: `->>` text, then (the next field) its jsonb type. */
  Value,
}

const CELLS = { text: Cell.Text, json: Cell.Json, number: Cell.Number, time: Cell.Time } as const;

/**
 * CSV lines: one COPY in binary format whose fields are the cells (values of flattened JSON
 * columns picked by key in SQL), written byte by byte in the header's order.
 */
async function* csv(store: Store, filter: TaskFilter, spec: ExportCsvSpec): AsyncGenerator<ExportPiece> {
  const columns: AliasedRawBuilder<unknown, string>[] = [];
  const kinds: Cell[] = [];
  const add = (kind: Cell, ...values: RawBuilder<unknown>[]) => {
    kinds.push(kind);
    for (const value of values) columns.push(value.as(`c${columns.length}`));
  };
  for (const { value, key } of spec.cells) {
    const column = sql.ref(value.column);
    if (key !== undefined) add(Cell.Value, sql`${column} ->> ${key}`, sql`jsonb_typeof(${column} -> ${key})`);
    else if (value.kind === 'text') add(Cell.Text, column);
    else add(CELLS[value.kind], sql`${column}::text`);
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
  const json = (out: Output, buf: Buffer, start: number, end: number) => {
    if (scratch.length < 2 * (end - start) + 64) scratch = Buffer.allocUnsafe(2 * (end - start) + 64);
    const length = compactor.write(buf, start, end, scratch, 0);
    out.pos = csvBytes(scratch, 0, length, out.buf, out.pos);
  };
  yield* pieces(store, query, width, (out, buf, f) => {
    let need = 2 + 64 * cells;
    for (let k = 0; k < width; k++) if (f[2 * k]! >= 0) need += 2 * (f[2 * k + 1]! - f[2 * k]!) + 2;
    out.room(need);
    let k = 0;
    for (let c = 0; c < cells; c++) {
      if (c > 0) out.buf[out.pos++] = 0x2c;
      const kind = kinds[c]!;
      const start = f[2 * k]!;
      const end = f[2 * k + 1]!;
      k++;
      if (kind === Cell.Value) {
        const type = f[2 * k]! < 0 ? 0 : buf[f[2 * k]!]!;
        k++;
        if (start < 0) continue;
        // jsonb_typeof: string, number, boolean, object, array (null's text is SQL null).
        if (type === 0x73) out.pos = csvBytes(buf, start, end, out.buf, out.pos);
        else if (type === 0x6f || type === 0x61) json(out, buf, start, end);
        else out.pos = compactor.write(buf, start, end, out.buf, out.pos);
      } else if (start < 0) continue;
      else if (kind === Cell.Text) out.pos = csvBytes(buf, start, end, out.buf, out.pos);
      else if (kind === Cell.Json) json(out, buf, start, end);
      else if (kind === Cell.Number) out.pos = compactor.write(buf, start, end, out.buf, out.pos);
      else out.pos = compactor.time(buf, start, end, out.buf, out.pos, false);
    }
    out.buf[out.pos++] = 0x0d;
    out.buf[out.pos++] = 0x0a;
    out.rows++;
  });
}

/** The distinct top-level keys of a JSON column over the tasks a filter selects (CSV headers). */
async function jsonKeys(store: Store, filter: TaskFilter, column: JsonColumn): Promise<string[]> {
  const rows = await store.db
    .selectFrom(['tasks', sql`jsonb_object_keys(${sql.ref(`tasks.${column}`)})`.as('k')])
    .select(sql<string>`k`.as('key'))
    .distinct()
    .where(taskWhere(store, filter))
    .execute();
  return rows.map((r) => String(r.key)).sort();
}

export const postgresExport: ExportBackend = { lines, csv, jsonKeys };
