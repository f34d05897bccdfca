// The batches benchmark's peer on PostgreSQL: the same rows loaded with one COPY into a plain table
// of a fresh database, then copied with INSERT … SELECT.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { copyText } from '../lib/common.mjs';
import { cpuPerUnitUs, cpuWindow } from '../lib/server.mjs';
import { postgres } from './settings.mjs';

const require = createRequire(import.meta.url);
const { from: copyFrom } = require('pg-copy-streams');
const { createDatabase, dropDatabase, settle: settlePostgres } = postgres;
const now = () => performance.now();

export const names = { ingest: 'postgres COPY', append: 'postgres INSERT…SELECT' };

/** The peer's table: the physical types Batchyard uses, no key and no index. */
export const PLAIN_PG =
  'id double precision, name text, price double precision, day text, active boolean, note text';

/** Loads `rows` with one COPY into a fresh database, then copies them into a second table; the time of each. */
export async function ingestAndAppend(rows) {
  const db = await createDatabase('peer');
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    await client.query(`create table t1 (${PLAIN_PG})`);
    await client.query(`create table t2 (${PLAIN_PG})`);
    await settlePostgres();
    function* lines() {
      let text = '';
      for (const r of rows) {
        text += `${r.id}\t${copyText(r.name)}\t${r.price}\t${r.day}\t${r.active ? 't' : 'f'}\t${copyText(r.note)}\n`;
        if (text.length > 65536) {
          yield text;
          text = '';
        }
      }
      if (text) yield text;
    }
    const cpu = cpuWindow({ postgres: true });
    let t0 = now();
    await pipeline(
      Readable.from(lines()),
      client.query(copyFrom('copy t1 (id, name, price, day, active, note) from stdin')),
    );
    const ingestMs = now() - t0;
    const ingestCpu = cpuPerUnitUs(cpu(), rows.length);
    await settlePostgres();
    t0 = now();
    await client.query(
      'insert into t2 (id, name, price, day, active, note) select id, name, price, day, active, note from t1',
    );
    const appendMs = now() - t0;
    const { rows: counted } = await client.query('select count(*)::int as n from t2');
    if (counted[0].n !== rows.length) throw new Error(`postgres peer: ${counted[0].n} rows in t2`);
    return { ingestMs, appendMs, ingestCpu };
  } finally {
    await client.end();
    await dropDatabase(db.name);
  }
}
