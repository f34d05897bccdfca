import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestStore, testDialects, type TestDialect } from '../../../test/support/index.js';
import {
  type ArtifactSource,
  type ArtifactStorage,
  DatabaseArtifactStorage,
  FileArtifactStorage,
  saveJobArtifact,
} from '../src/engine/artifacts.js';
import type { Store } from '../src/store/index.js';
import { insertJobs } from '../src/store/queries/jobs.js';
import { jobRow, seedProject } from './store-fixtures.js';

/** Pieces of 1–70,000 bytes, strings and byte arrays mixed (made from `seed`), `total` bytes in all. */
function pieces(total: number, seed: number): Array<string | Uint8Array> {
  const out: Array<string | Uint8Array> = [];
  let left = total;
  let x = seed;
  while (left > 0) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    const n = Math.min(left, 1 + (x % 70_000));
    if (x % 2 === 0) out.push(String.fromCharCode(97 + (x % 26)).repeat(n));
    else out.push(Uint8Array.from({ length: n }, (_, i) => (i * 31 + x) % 256));
    left -= n;
  }
  return out;
}
const bytesOf = (parts: Array<string | Uint8Array>) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));

/** Artifacts of every size that matters: none, under a chunk, exactly two chunks, a dozen and a bit. */
const SIZES = [
  ['empty.bin', 0],
  ['small.bin', 1000],
  ['exact.bin', 2 * 256 * 1024],
  ['large.bin', 3 * 1024 * 1024 + 17],
] as const;

/** Saves `source` as the job's artifact `name` (bytes, no particular type). */
const save = (
  store: Store,
  storage: ArtifactStorage,
  job: { id: string; workspace_id: string },
  name: string,
  source: ArtifactSource,
) => saveJobArtifact(store, storage, job, name, 'application/octet-stream', source);

/** A fresh store with a project and the running job the artifacts belong to. */
async function storeWithJob(dialect: TestDialect, job: ReturnType<typeof jobRow>) {
  const created = await createTestStore(dialect);
  const store = created.store as unknown as Store;
  await seedProject(store.db);
  await insertJobs(store, store.db, [job]);
  return { store, drop: created.drop };
}

/** The parts one by one, yielding to the event loop between them, as an export does. */
async function* slowly(parts: Array<string | Uint8Array>): AsyncGenerator<string | Uint8Array> {
  for (const part of parts) {
    yield part;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * Artifacts kept in the database (PostgreSQL's default, so every process sharing it serves them):
 * bytes written as chunks while the next chunk is made, read back whole and in order; a source that
 * fails midway leaves neither the artifact's row nor any of its chunks.
 */
describe.each(testDialects())('database artifact storage on %s', (dialect) => {
  let store: Store;
  let drop: () => Promise<void>;
  let storage: DatabaseArtifactStorage;
  const job = jobRow({ type: 'artifact.test', status: 'running' });

  beforeAll(async () => {
    ({ store, drop } = await storeWithJob(dialect, job));
    storage = new DatabaseArtifactStorage(store);
  });
  afterAll(async () => {
    await drop?.();
  });

  async function readAll(artifactId: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of storage.read(artifactId)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }
  const artifactRows = () =>
    store.db.selectFrom('job_artifacts').selectAll().where('job_id', '=', job.id).execute();
  const chunkCount = async () =>
    Number(
      (
        await store.db
          .selectFrom('artifact_chunks')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('stores a multi-chunk artifact and reads back the same bytes in order', async () => {
    for (const [name, total] of SIZES) {
      const parts = pieces(total, total + 7);
      const saved = await save(store, storage, job, name, slowly(parts));
      expect(saved.size).toBe(total);
      const row = (await artifactRows()).find((r) => r.name === name)!;
      expect(row.size_bytes).toBe(total);
      expect(row.storage).toBe('database');
      const back = await readAll(row.id);
      expect(back.length).toBe(total);
      expect(back.equals(bytesOf(parts))).toBe(true);
    }
  });

  it('keeps every piece of a producer that reuses one buffer (copied before the next is asked for)', async () => {
    const saved = await save(store, storage, job, 'reused.bin', reusedBuffer(30, 100_000));
    expect(saved.size).toBe(3_000_000);
    const row = (await artifactRows()).find((r) => r.name === 'reused.bin')!;
    expect((await readAll(row.id)).equals(reusedBytes(30, 100_000))).toBe(true);
  });

  // 1.5 MB fails inside the first statement's window of chunks (PostgreSQL writes eight 256 KB
  // chunks per COPY), 2.5 MB after one window is stored.
  it.each([1_500_000, 2_500_000])(
    'leaves no row and no chunk when the source fails after %i bytes, and the next write works',
    async (failAt) => {
      const rowsBefore = (await artifactRows()).length;
      const chunksBefore = await chunkCount();
      async function* failing() {
        for (const part of pieces(failAt, 3)) yield part;
        throw new Error('the export broke');
      }
      await expect(save(store, storage, job, 'broken.bin', failing())).rejects.toThrow('the export broke');
      expect((await artifactRows()).length).toBe(rowsBefore);
      expect(await chunkCount()).toBe(chunksBefore);
      const parts = pieces(600_000, failAt);
      const saved = await save(store, storage, job, `after-${failAt}.bin`, slowly(parts));
      const row = (await artifactRows()).find((r) => r.name === `after-${failAt}.bin`)!;
      expect(saved.size).toBe(600_000);
      expect((await readAll(row.id)).equals(bytesOf(parts))).toBe(true);
    },
  );

  // PostgreSQL only (a test defined per store, so SQLite's run shows no skip).
  if (dialect === 'postgres')
    it('compresses chunks with lz4 where the server has it', async () => {
      const { rows } = await sql<{ lz4: boolean; compression: string }>`select
        exists (select 1 from pg_settings where name = 'default_toast_compression' and 'lz4' = any(enumvals)) as lz4,
        (select attcompression::text from pg_attribute
          where attrelid = 'artifact_chunks'::regclass and attname = 'data') as compression`.execute(
        store.db,
      );
      expect(rows[0]!.compression).toBe(rows[0]!.lz4 ? 'l' : '');
    });
});

/** Yields `count` pieces of `size` bytes from one buffer, refilled for each: a producer reusing its piece. */
async function* reusedBuffer(count: number, size: number): AsyncGenerator<Uint8Array> {
  const piece = Buffer.alloc(size);
  for (let i = 0; i < count; i++) {
    piece.fill(i % 251);
    yield piece;
  }
}
const reusedBytes = (count: number, size: number) =>
  Buffer.concat(Array.from({ length: count }, (_, i) => Buffer.alloc(size, i % 251)));

/**
 * Artifacts in the data directory (the embedded default): the same round trips, written in chunks
 * whose buffers take turns; a piece is copied before the next is asked for, so a producer may
 * reuse its buffer.
 */
describe.each(testDialects())('file artifact storage on %s', (dialect) => {
  let store: Store;
  let drop: () => Promise<void>;
  let dataDir: string;
  let storage: FileArtifactStorage;
  const job = jobRow({ type: 'artifact.test', status: 'running' });

  beforeAll(async () => {
    ({ store, drop } = await storeWithJob(dialect, job));
    dataDir = mkdtempSync(join(tmpdir(), 'batchyard-artifacts-'));
    storage = new FileArtifactStorage(dataDir);
  });
  afterAll(async () => {
    await drop?.();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const fileOf = async (name: string) => {
    const row = await store.db
      .selectFrom('job_artifacts')
      .selectAll()
      .where('job_id', '=', job.id)
      .where('name', '=', name)
      .executeTakeFirstOrThrow();
    expect(row.storage).toBe('file');
    return join(dataDir, 'artifacts', row.id);
  };

  it('writes the same bytes in order, from strings and byte arrays of any size', async () => {
    for (const [name, total] of SIZES) {
      const parts = pieces(total, total + 11);
      const saved = await save(store, storage, job, name, slowly(parts));
      expect(saved.size).toBe(total);
      const back = readFileSync(await fileOf(name));
      expect(back.length).toBe(total);
      expect(back.equals(bytesOf(parts))).toBe(true);
    }
  });

  it('keeps every piece of a producer that reuses one buffer (copied before the next is asked for)', async () => {
    // 100 KB pieces over 12 chunks: the two chunk buffers are each reused several times.
    const saved = await save(store, storage, job, 'reused.bin', reusedBuffer(30, 100_000));
    expect(saved.size).toBe(3_000_000);
    expect(readFileSync(await fileOf('reused.bin')).equals(reusedBytes(30, 100_000))).toBe(true);
  });

  it('leaves no file and no row when the source fails after several chunks', async () => {
    async function* failing() {
      for (const part of pieces(1_500_000, 5)) yield part;
      throw new Error('the export broke');
    }
    const filesBefore = readdirSync(join(dataDir, 'artifacts')).length;
    await expect(save(store, storage, job, 'broken.bin', failing())).rejects.toThrow('the export broke');
    expect(readdirSync(join(dataDir, 'artifacts')).length).toBe(filesBefore);
    const row = await store.db
      .selectFrom('job_artifacts')
      .select('id')
      .where('job_id', '=', job.id)
      .where('name', '=', 'broken.bin')
      .executeTakeFirst();
    expect(row).toBeUndefined();
    expect(existsSync(join(dataDir, 'artifacts'))).toBe(true);
  });
});
