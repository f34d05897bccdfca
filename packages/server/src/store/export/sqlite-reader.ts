import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { CompiledQuery } from 'kysely';
import type { ExportPiece } from './fields.js';

/**
 * Pages of an SQLite export read on a worker thread by a read-only connection of its own. SQLite
 * builds each page's lines there (most of a JSON export's work) while the event loop writes the
 * page before, and no API request waits behind a page's read on the main connection.
 *
 * The worker runs the page query of `lines` (sqlite.ts) again and again, the last id read put
 * into the parameter at `afterAt`, until a page comes back short. It reads at most two pages
 * ahead of what has been taken (`more` hands one back), so memory stays at a few pages. Its
 * functions are the export's own (JS_NUMBER, JS_ISO in sqlite.ts); a query that needs another
 * (a name pattern's REGEXP) stays on the main connection.
 */
const READER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { readonly: true, fileMustExist: true, timeout: 5000 });
db.function('batchyard_js_number', { deterministic: true }, (v) => JSON.stringify(Number(v)));
db.function('batchyard_js_iso', { deterministic: true }, (ms) => new Date(Number(ms)).toISOString());
const statement = db.prepare(workerData.sql).raw(true);
const params = workerData.params;
let credit = workerData.ahead;
let done = false;
function read() {
  while (credit > 0 && !done) {
    credit--;
    const [rows, lastId, bytes] = statement.get(params);
    if (!rows || lastId === null || bytes === null) {
      done = true;
      parentPort.postMessage({ end: true });
      break;
    }
    // A blob of its own is handed over whole; one inside a shared buffer is copied first.
    const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    const buffer = whole ? bytes.buffer : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    parentPort.postMessage({ rows, bytes: buffer }, [buffer]);
    params[workerData.afterAt] = lastId;
    if (rows < workerData.pageSize) {
      done = true;
      parentPort.postMessage({ end: true });
    }
  }
}
function readOrReport() {
  try {
    read();
  } catch (error) {
    done = true;
    parentPort.postMessage({ error: String(error && error.message || error) });
  }
}
parentPort.on('message', (message) => {
  if (message === 'more') {
    credit++;
    readOrReport();
  }
});
readOrReport();
`;

type ReaderMessage =
  { rows: number; bytes: ArrayBuffer } | { end: true } | { error: string } | { exited: number };

/** The worker's pages as export pieces; the worker stops when the pieces are done or dropped. */
export async function* pagesOnReaderThread(
  path: string,
  query: CompiledQuery,
  afterAt: number,
  after: string,
  pageSize: number,
): AsyncGenerator<ExportPiece> {
  const params = [...query.parameters];
  params[afterAt] = after;
  const worker = new Worker(READER_SOURCE, {
    eval: true,
    workerData: {
      driver: createRequire(import.meta.url).resolve('better-sqlite3'),
      path,
      sql: query.sql,
      params,
      afterAt,
      pageSize,
      ahead: 2,
    },
  });
  const inbox: ReaderMessage[] = [];
  let wake: (() => void) | null = null;
  const deliver = (message: ReaderMessage) => {
    inbox.push(message);
    wake?.();
  };
  worker.on('message', deliver);
  worker.on('error', (error) => deliver({ error: error.message }));
  worker.on('exit', (code) => deliver({ exited: code }));
  try {
    for (;;) {
      while (inbox.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      const message = inbox.shift()!;
      if ('error' in message) throw new Error(`export reader thread: ${message.error}`);
      if ('exited' in message) throw new Error(`export reader thread exited (${message.exited})`);
      if ('end' in message) return;
      worker.postMessage('more');
      yield { bytes: Buffer.from(message.bytes), rows: message.rows };
    }
  } finally {
    worker.removeAllListeners();
    worker.on('error', () => undefined); // stopping: nothing is waiting for it any more
    await worker.terminate();
  }
}
