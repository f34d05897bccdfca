// The batches benchmark's peer on the embedded store's engine, better-sqlite3: the same rows
// inserted into a plain table in one transaction, then copied with INSERT … SELECT.
import os from 'node:os';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { cpuPerUnitUs, cpuWindow } from '../lib/server.mjs';

const require = createRequire(import.meta.url);
const BetterSqlite3 = require('better-sqlite3');
const now = () => performance.now();

export const names = { ingest: 'better-sqlite3 insert', append: 'sqlite INSERT…SELECT' };

/** The peer's table: the six columns, no key and no index. */
export const PLAIN_SQLITE = 'id real, name text, price real, day text, active integer, note text';

/** Inserts `rows` into a fresh file, then copies them into a second table; the time of each. */
export async function ingestAndAppend(rows) {
  const dir = mkdtempSync(join(os.tmpdir(), 'bench-batches-peer-'));
  const db = new BetterSqlite3(join(dir, 'peer.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec(`create table t1 (${PLAIN_SQLITE})`);
    db.exec(`create table t2 (${PLAIN_SQLITE})`);
    const insert = db.prepare(
      'insert into t1 (id, name, price, day, active, note) values (?, ?, ?, ?, ?, ?)',
    );
    const cpu = cpuWindow();
    let t0 = now();
    db.transaction(() => {
      for (const r of rows) insert.run(r.id, r.name, r.price, r.day, r.active ? 1 : 0, r.note);
    })();
    const ingestMs = now() - t0;
    const ingestCpu = cpuPerUnitUs(cpu(), rows.length);
    t0 = now();
    db.exec(
      'insert into t2 (id, name, price, day, active, note) select id, name, price, day, active, note from t1',
    );
    const appendMs = now() - t0;
    const n = db.prepare('select count(*) as n from t2').get().n;
    if (n !== rows.length) throw new Error(`sqlite peer: ${n} rows in t2`);
    return { ingestMs, appendMs, ingestCpu };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
