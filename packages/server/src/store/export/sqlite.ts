import type BetterSqlite3 from 'better-sqlite3';
import { sql, type AliasedRawBuilder, type CompiledQuery, type RawBuilder } from 'kysely';
import { isoTime } from '../../time.js';
import type { Store } from '../index.js';
import { sqliteDatabase } from '../driver.js';
import { taskWhere, type TaskFilter } from '../queries/tasks.js';
import { csvCell, csvText } from './csv.js';
import { taskIdInRange, taskIdRanges } from './sqlite-ranges.js';
import { pagesOnReaderThread } from './sqlite-reader.js';
import type { ExportBackend } from './index.js';
import {
  EXPORT_FIELD_VALUES,
  type ExportColumn,
  type ExportCsvSpec,
  type ExportFieldValue,
  type ExportLineSpec,
  type ExportPiece,
  type ExportValue,
  type JsonColumn,
} from './fields.js';

/** Tasks per page read (one statement each). */
const EXPORT_PAGE = 2000;
/** Characters of CSV text per piece (strings this small stay in V8's young generation). */
const EXPORT_PIECE = 32 * 1024;

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
 * The SQL of export lines in two steps, so that what a line uses twice is computed once:
 * `values`, the columns of each matching row with a number's 15 digits and the first time's text;
 * then `line`, made from those columns by each field's kind (see fields.ts).
 */
function sqliteLine(spec: ExportLineSpec): {
  values: AliasedRawBuilder<unknown, string>[];
  line: RawBuilder<string>;
} {
  const values = new Map<string, AliasedRawBuilder<unknown, string>>();
  const pick = (alias: string, value: RawBuilder<unknown> = sql.ref(alias)) => {
    if (!values.has(alias)) values.set(alias, value.as(alias));
    return sql.ref(alias);
  };
  pick('id');
  let firstTime: string | undefined;

  const write = (value: ExportValue): RawBuilder<unknown>[] => {
    const column = pick(value.column);
    switch (value.kind) {
      case 'text':
        return [sql`json_quote(${column})`];
      case 'json':
        return [value.nullable ? sql`ifnull(${column}, 'null')` : column];
      case 'number': {
        // A REAL as JavaScript writes it (the shortest digits that give the value back): when 15
        // significant digits do, `%.15g` writes those, and in JavaScript's plain notation between
        // 1e-4 and 1e15; other values (16 or 17 digits, exponents) go to JavaScript. SQLite's own
        // text of a REAL has 17 digits where 16 would do, and `.0` on integers.
        const digits = pick(`${value.column}15`, sql`printf('%.15g', ${column})`);
        return [
          sql`ifnull((case when ${column} is null then null when ${column} = 0 then '0' when abs(${column}) >= 1e-4 and abs(${column}) < 1e15 and cast(${digits} as real) = ${column} then ${digits} else ${sql.raw(JS_NUMBER)}(${column}) end), 'null')`,
        ];
      }
      case 'time': {
        const iso = sql`ifnull(${sqlIso(column)}, ${sql.raw(JS_ISO)}(${column}))`;
        if (firstTime === undefined) {
          firstTime = value.column;
          const first = pick(`${value.column}_iso`, sqlIso(column));
          return [sql`'"'`, sql`ifnull(${first}, ${sql.raw(JS_ISO)}(${column}))`, sql`'"'`];
        }
        // Tasks are mostly updated as they were created: the first time's text serves twice.
        const first = sql.ref(firstTime);
        const firstIso = sql.ref(`${firstTime}_iso`);
        return [
          sql`'"'`,
          sql`(case when ${column} = ${first} and ${firstIso} is not null then ${firstIso} else ${iso} end)`,
          sql`'"'`,
        ];
      }
    }
  };

  const parts: RawBuilder<unknown>[] = [];
  spec.fields.forEach((field, i) => {
    parts.push(sql.lit(`${i === 0 ? '{' : ','}"${field}":`));
    const spec: ExportFieldValue = EXPORT_FIELD_VALUES[field];
    if (spec.kind !== 'object') return parts.push(...write(spec));
    const members: RawBuilder<unknown>[] = [];
    spec.members.forEach((member, m) => {
      members.push(sql.lit(`${m === 0 ? '{' : ','}"${member.name}":`), ...write(member.value));
    });
    members.push(sql`'}'`);
    if (!spec.nullable) return parts.push(...members);
    const missing = sql.join(
      spec.members.map((m) => sql`${sql.ref(m.value.column)} is null`),
      sql` and `,
    );
    parts.push(sql`(case when ${missing} then 'null' else ${sql.join(members, sql` || `)} end)`);
  });
  parts.push(sql`'}'`);
  return { values: [...values.values()], line: sql<string>`(${sql.join(parts, sql` || `)})` };
}

const statements = new WeakMap<object, Map<string, BetterSqlite3.Statement<unknown[]>>>();

/**
 * Runs a compiled query on the raw connection, its rows as arrays (an object per row costs as much
 * as reading it). Holding Kysely's connection keeps another request's open transaction out of it.
 */
export function readArrays<T>(
  store: Store,
  query: CompiledQuery,
  read: (statement: BetterSqlite3.Statement<unknown[]>) => T,
): Promise<T> {
  return store.db.connection().execute(async () => {
    const raw = sqliteDatabase(store);
    registerFunctions(raw);
    let cache = statements.get(raw);
    if (!cache) statements.set(raw, (cache = new Map()));
    let statement = cache.get(query.sql);
    if (!statement) {
      if (cache.size >= 50) cache.clear();
      statement = raw.prepare<unknown[]>(query.sql).raw(true);
      cache.set(query.sql, statement);
    }
    return read(statement);
  });
}

/**
 * One page of export lines, each made in SQL, the page's lines coming back as one blob of UTF-8
 * (no string per row or per value on the JavaScript side).
 */
function linesQuery(store: Store, filter: TaskFilter, spec: ExportLineSpec, afterId: string): CompiledQuery {
  const { values, line } = sqliteLine(spec);
  // The page's rows come to the aggregate in the subquery's order (its LIMIT keeps it a separate
  // step, run in id order), so the blob holds the lines in id order.
  const page = store.db
    .selectFrom('tasks')
    .select(values)
    .where(taskWhere(store, filter))
    .where('tasks.id', '>', afterId)
    .orderBy('tasks.id')
    .limit(EXPORT_PAGE);
  return store.db
    .selectFrom(page.as('page'))
    .select([
      sql<number>`count(*)`.as('rows'),
      sql<string>`max(id)`.as('last_id'),
      sql<Buffer>`cast(group_concat(${spec.prefix} || ${line} || ${spec.suffix}, '') as blob)`.as('bytes'),
    ])
    .compile();
}

async function linesPage(
  store: Store,
  query: CompiledQuery,
): Promise<{ bytes: Buffer; rows: number; lastId: string } | null> {
  const [rows, lastId, bytes] = await readArrays(
    store,
    query,
    (s) => s.get(query.parameters) as [number, string | null, Buffer | null],
  );
  return rows === 0 || lastId === null || bytes === null ? null : { bytes, rows, lastId };
}

/** Stands for the last id read in a page query compiled once for the reader thread. */
const AFTER_MARK = '\u0000after';

/**
 * The reader thread's file and the index of the "after" parameter, when the rest of an export
 * can go there: a database in a file (another connection can open it) and a query with no
 * function of the main connection's own (REGEXP).
 */
export function readerPlan(store: Store, filter: TaskFilter, spec: ExportLineSpec) {
  const raw = sqliteDatabase(store);
  if (raw.memory) return null;
  const query = linesQuery(store, filter, spec, AFTER_MARK);
  const afterAt = query.parameters.indexOf(AFTER_MARK);
  if (afterAt < 0 || /\bregexp\b/i.test(query.sql)) return null;
  return { path: raw.name, query, afterAt };
}

async function* lines(store: Store, filter: TaskFilter, spec: ExportLineSpec): AsyncGenerator<ExportPiece> {
  // The first page on the main connection: a small export ends there, without a thread.
  const first = await linesPage(store, linesQuery(store, filter, spec, ''));
  if (!first) return;
  yield { bytes: first.bytes, rows: first.rows };
  if (first.rows < EXPORT_PAGE) return;
  const plan = readerPlan(store, filter, spec);
  if (plan) {
    yield* pagesOnReaderThread(plan.path, plan.query, plan.afterAt, first.lastId, EXPORT_PAGE);
    return;
  }
  let after = first.lastId;
  for (;;) {
    const page = await linesPage(store, linesQuery(store, filter, spec, after));
    if (!page) return;
    yield { bytes: page.bytes, rows: page.rows };
    if (page.rows < EXPORT_PAGE) return;
    after = page.lastId;
  }
}

/** ISO text of a millisecond time, remembering the last one (tasks created together share it). */
function isoCache(): (ms: number) => string {
  let lastMs = NaN;
  let last = '';
  return (ms) => (ms === lastMs ? last : ((lastMs = ms), (last = isoTime(ms))));
}

/**
 * CSV lines written in JavaScript (their JSON cells need parsing): the columns the cells read,
 * `id` first (the page's cursor), and a function writing one row (read as an array) as a line.
 */
function csvWriter(spec: ExportCsvSpec): { columns: ExportColumn[]; line: (row: unknown[]) => string } {
  const columns: ExportColumn[] = ['id'];
  const at = (column: ExportColumn) => {
    if (!columns.includes(column)) columns.push(column);
    return columns.indexOf(column);
  };
  // Each flattened JSON column is parsed once per row, whatever the number of its keys.
  const parsed: { column: number; of: JsonColumn }[] = [];
  const parsedAt = (of: JsonColumn) => {
    let p = parsed.findIndex((x) => x.of === of);
    if (p < 0) p = parsed.push({ column: at(of), of }) - 1;
    return p;
  };
  const iso = isoCache();
  const cells = spec.cells.map(({ value, key }): ((r: unknown[], p: Record<string, unknown>[]) => string) => {
    if (value.kind === 'json' && key !== undefined) {
      const p = parsedAt(value.column);
      return (_, objects) => csvCell(objects[p]![key]);
    }
    const i = at(value.column);
    switch (value.kind) {
      case 'text':
        return (r) => csvCell(r[i]);
      case 'json':
        return (r) => (r[i] === null ? '' : csvText(r[i] as string));
      case 'number':
        return (r) => (r[i] === null ? '' : csvCell(Number(r[i])));
      case 'time':
        return (r) => iso(r[i] as number);
    }
  });
  return {
    columns,
    line: (r) => {
      const objects = parsed.map((x) => JSON.parse(r[x.column] as string) as Record<string, unknown>);
      let text = '';
      for (let i = 0; i < cells.length; i++) text += (i === 0 ? '' : ',') + cells[i]!(r, objects);
      return `${text}\r\n`;
    },
  };
}

/** CSV: rows read as arrays a page at a time, each line written in JavaScript. */
async function* csv(store: Store, filter: TaskFilter, spec: ExportCsvSpec): AsyncGenerator<ExportPiece> {
  const { columns, line } = csvWriter(spec);
  let after = '';
  for (;;) {
    const query = store.db
      .selectFrom('tasks')
      .select(columns)
      .where(taskWhere(store, filter))
      .where('tasks.id', '>', after)
      .orderBy('tasks.id')
      .limit(EXPORT_PAGE)
      .compile();
    const rows = await readArrays(store, query, (s) => s.all(query.parameters) as unknown[][]);
    let chunk = '';
    let done = 0;
    for (const row of rows) {
      chunk += line(row);
      done++;
      // Small pieces die young; a page-sized string would wait for a full GC.
      if (chunk.length >= EXPORT_PIECE) {
        yield { bytes: Buffer.from(chunk), rows: done };
        chunk = '';
        done = 0;
      }
    }
    if (chunk) yield { bytes: Buffer.from(chunk), rows: done };
    if (rows.length < EXPORT_PAGE) return;
    after = rows.at(-1)![0] as string;
  }
}

/**
 * The distinct top-level keys of a JSON column over the tasks a filter selects (CSV headers), a
 * range of tasks per statement (sqlite-ranges.ts).
 */
async function jsonKeys(store: Store, filter: TaskFilter, column: JsonColumn): Promise<string[]> {
  const keys = new Set<string>();
  for await (const range of taskIdRanges(store, filter)) {
    const rows = await store.db
      .selectFrom(['tasks', sql`json_each(${sql.ref(`tasks.${column}`)})`.as('k')])
      .select(sql<string>`k.key`.as('key'))
      .distinct()
      .where(taskWhere(store, filter))
      .where(taskIdInRange(range))
      .execute();
    for (const r of rows) keys.add(String(r.key));
  }
  return [...keys].sort();
}

export const sqliteExport: ExportBackend = { lines, csv, jsonKeys };
