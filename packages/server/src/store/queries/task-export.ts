import type BetterSqlite3 from 'better-sqlite3';
import { sql, type AliasedRawBuilder, type RawBuilder } from 'kysely';
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
