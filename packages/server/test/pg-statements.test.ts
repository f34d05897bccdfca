import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects, type TestDatabase } from '../../../test/support/index.js';
import { statementCachingClient } from '../src/store/postgres-statements.js';

/**
 * The PostgreSQL connections' named statements (store/postgres-statements.ts): a text run twice is
 * prepared once on its connection, the set is bounded, and a statement prepared before a schema
 * change does not fail the calls after it.
 */
describe.runIf(testDialects().includes('postgres'))('named prepared statements on PostgreSQL', () => {
  let db: TestDatabase;
  const clients: pg.Client[] = [];

  const connect = async (limit: number): Promise<pg.Client> => {
    const Client = statementCachingClient({ limit });
    const client = new Client({ connectionString: db.url });
    await client.connect();
    clients.push(client);
    return client;
  };
  const prepared = async (client: pg.Client): Promise<string[]> =>
    (
      await client.query<{ statement: string }>(
        'select statement from pg_prepared_statements order by statement',
      )
    ).rows.map((row) => row.statement);

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    for (const client of clients) await client.end().catch(() => undefined);
    await db.drop();
  });

  it('prepares a text on its second call and answers every call with its own values', async () => {
    const client = await connect(10);
    const text = 'select $1::int + 1 as n';
    const answers: number[] = [];
    for (let i = 0; i < 5; i++) answers.push((await client.query<{ n: number }>(text, [i])).rows[0]!.n);
    expect(answers).toEqual([1, 2, 3, 4, 5]);
    expect(await prepared(client)).toContain(text);
    // Callback form, as pg.Pool#query calls it.
    const viaCallback = await new Promise<number>((resolve, reject) =>
      client.query(text, [41], (error: Error | null, result: pg.QueryResult<{ n: number }>) =>
        error ? reject(error) : resolve(result.rows[0]!.n),
      ),
    );
    expect(viaCallback).toBe(42);
  });

  it('keeps at most `limit` statements on a connection; the rest run unnamed', async () => {
    const client = await connect(3);
    for (let k = 0; k < 8; k++) {
      for (let i = 0; i < 3; i++) {
        const { rows } = await client.query<{ n: number }>(`select $1::int * ${k} as n`, [i]);
        expect(rows[0]!.n).toBe(i * k);
      }
    }
    const texts = (await prepared(client)).filter((text) => text.startsWith('select $1::int *'));
    expect(texts).toHaveLength(3);
  });

  it('sends everything unnamed with a limit of 0', async () => {
    expect(statementCachingClient({ limit: 0 })).toBe(pg.Client);
  });

  it('answers a statement prepared before its table changed, outside a transaction', async () => {
    const client = await connect(10);
    await client.query('create table changing (a int)');
    await client.query('insert into changing values (1)');
    for (let i = 0; i < 3; i++)
      expect((await client.query('select * from changing where a = $1', [1])).rows).toEqual([{ a: 1 }]);
    expect(await prepared(client)).toContain('select * from changing where a = $1');
    // Another connection changes the table's columns: the prepared `select *` would now fail
    // with "cached plan must not change result type".
    const other = await connect(0);
    await other.query('alter table changing add column b text');
    await other.query(`update changing set b = 'x'`);
    expect((await client.query('select * from changing where a = $1', [1])).rows).toEqual([{ a: 1, b: 'x' }]);
    expect((await client.query('select * from changing where a = $1', [1])).rows).toEqual([{ a: 1, b: 'x' }]);
    expect((await client.query('select * from changing where a = $1', [1])).rows).toEqual([{ a: 1, b: 'x' }]);

    // Inside a transaction the error is the caller's (a retry there would run in an aborted
    // transaction); the next call after the rollback prepares the new shape.
    await other.query('alter table changing add column c int');
    await client.query('begin');
    await expect(client.query('select * from changing where a = $1', [1])).rejects.toMatchObject({
      code: '0A000',
    });
    await client.query('rollback');
    expect((await client.query('select * from changing where a = $1', [1])).rows).toEqual([
      { a: 1, b: 'x', c: null },
    ]);
  });
});
