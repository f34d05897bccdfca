import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { postgresPool } from '../driver.js';
import { CopyBinaryRows } from '../export/copy-binary.js';
import type { ArtifactChunksBackend, ArtifactChunkWriter } from './index.js';

// PostgreSQL: chunks go in and out through COPY in binary format, a window of eight chunks (2 MB)
// per statement. Measured on 134 MB of export text in 256 KB chunks: an INSERT per chunk took
// 413–488 ms and reading eight chunks per SELECT 609–654 ms (bytea comes back as hex text, twice
// the bytes, decoded in JavaScript); COPY took 268–352 ms and 176–305 ms. A window keeps each
// statement short, so a download never holds a connection while its client is slow, and an
// export holds one only while it makes eight chunks.

/** Chunks per COPY, in and out. */
const WINDOW = 8;

/** PGCOPY\n\377\r\n\0, no flags, no header extension. */
const HEADER = Buffer.from([
  0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0,
]);
/** A field count of -1 ends the data. */
const TRAILER = Buffer.from([0xff, 0xff]);

const COPY_IN = 'copy artifact_chunks (artifact_id, seq, data) from stdin (format binary)';

interface OpenCopy {
  client: pg.PoolClient;
  stream: Writable;
  done: Promise<void>;
  /** The window's chunks: the socket may hold any of them until the COPY has ended. */
  chunks: Buffer[];
}

class CopyChunkWriter implements ArtifactChunkWriter {
  private copy: OpenCopy | null = null;
  /**
   * Chunks of windows that have ended, given out again by buffer(). A new 256 KB buffer per chunk
   * made the server collect garbage through a PostgreSQL export: each one is memory outside the
   * JavaScript heap, and enough of it forces a full collection (378 ms of the last 1.4 s of a
   * 1,000,000-task COCO export, the copy of its spooled images).
   */
  private readonly spare: Buffer[] = [];
  private seq = 0;
  private readonly id: Buffer;

  constructor(
    private readonly pool: pg.Pool,
    artifactId: string,
  ) {
    this.id = Buffer.from(artifactId);
  }

  async write(chunk: Buffer): Promise<void> {
    const copy = this.copy ?? (this.copy = await this.open());
    // The row's three fields: artifact_id (text), seq (int4), then the data's length before it.
    const head = Buffer.allocUnsafe(2 + 4 + this.id.length + 4 + 4 + 4);
    let at = head.writeInt16BE(3, 0);
    at = head.writeInt32BE(this.id.length, at);
    at += this.id.copy(head, at);
    at = head.writeInt32BE(4, at);
    at = head.writeInt32BE(this.seq++, at);
    head.writeInt32BE(chunk.length, at);
    copy.stream.write(head);
    // Written as it is (no copy): the chunk is ours, so nothing refills it while the socket sends it.
    copy.chunks.push(chunk);
    if (!copy.stream.write(chunk)) await Promise.race([once(copy.stream, 'drain'), copy.done]);
    if (copy.chunks.length === WINDOW) await this.close();
  }

  buffer(bytes: number): Buffer {
    const spare = this.spare.pop();
    return spare?.length === bytes ? spare : Buffer.allocUnsafe(bytes);
  }

  async end(): Promise<void> {
    if (this.copy) await this.close();
  }

  async abort(): Promise<void> {
    const copy = this.copy;
    if (!copy) return;
    this.copy = null;
    // CopyFail: PostgreSQL drops the window's rows. The connection is not reused.
    copy.stream.destroy(new Error('artifact write abandoned'));
    await copy.done.catch(() => undefined);
    copy.client.release(true);
  }

  private async open(): Promise<OpenCopy> {
    const client = await this.pool.connect();
    const stream = client.query(copyFrom(COPY_IN));
    const done = finished(stream);
    // Awaited by close() or abort(); meanwhile its failure is not an unhandled rejection.
    done.catch(() => undefined);
    stream.write(HEADER);
    return { client, stream, done, chunks: [] };
  }

  private async close(): Promise<void> {
    const copy = this.copy!;
    this.copy = null;
    copy.stream.end(TRAILER);
    try {
      await copy.done;
    } catch (error) {
      copy.client.release(true);
      throw error;
    }
    copy.client.release();
    // PostgreSQL has every byte of the window: its whole chunks can be filled again.
    for (const chunk of copy.chunks)
      if (chunk.byteOffset === 0 && chunk.length === chunk.buffer.byteLength) this.spare.push(chunk);
  }
}

/** Up to WINDOW chunks from `from` on, read by one COPY: their data, and the last one's seq. */
async function readWindow(
  pool: pg.Pool,
  artifactId: string,
  from: number,
): Promise<{ chunks: Buffer[]; last: number }> {
  const client = await pool.connect();
  const pieces: Buffer[] = [];
  let broken = true;
  try {
    const query = `copy (select seq, data from artifact_chunks where artifact_id = ${client.escapeLiteral(artifactId)} and seq >= ${from} order by seq limit ${WINDOW}) to stdout (format binary)`;
    for await (const piece of client.query(copyTo(query)) as AsyncIterable<Buffer>) pieces.push(piece);
    broken = false;
  } finally {
    client.release(broken ? true : undefined);
  }
  // One copy of the window's bytes; each chunk is then a view of it.
  const all = Buffer.concat(pieces);
  const chunks: Buffer[] = [];
  let last = from - 1;
  new CopyBinaryRows(2).feed(all, (buf, fields) => {
    last = buf.readInt32BE(fields[0]!);
    chunks.push(buf.subarray(fields[2]!, fields[3]!));
  });
  return { chunks, last };
}

export const postgresArtifactChunks: ArtifactChunksBackend = {
  writer(store, artifactId) {
    return new CopyChunkWriter(postgresPool(store), artifactId);
  },
  async *read(store, artifactId) {
    const pool = postgresPool(store);
    for (let from = 0; ;) {
      const { chunks, last } = await readWindow(pool, artifactId, from);
      yield* chunks;
      if (chunks.length < WINDOW) return;
      from = last + 1;
    }
  },
};
