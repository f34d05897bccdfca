import { createReadStream } from 'node:fs';
import { mkdir, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Store } from '../store/index.js';
import { newId } from '../ids.js';
import { artifactChunkWriter, readArtifactChunks } from '../store/artifact-chunks/index.js';
import { deleteArtifactRow, findArtifact, insertArtifact, setArtifactSize } from '../store/queries/jobs.js';

/**
 * An artifact's bytes: whole, or as pieces. Storage copies each piece before it asks for the next,
 * so a source may refill one buffer for every piece it yields.
 */
export type ArtifactSource = AsyncIterable<Uint8Array | string> | Uint8Array | string;

/**
 * Where artifact bytes live. `file`: the data directory (one machine). `database`: chunks in the
 * store, so every process sharing a PostgreSQL database can serve every artifact.
 */
export interface ArtifactStorage {
  readonly kind: 'file' | 'database';
  /** Streams `source` into storage; returns its size in bytes. Memory stays constant. */
  write(artifactId: string, source: ArtifactSource): Promise<number>;
  read(artifactId: string): Readable;
  delete(artifactIds: readonly string[]): Promise<void>;
}

/** The source's pieces as they come (a whole string or byte array is one piece). */
async function* pieces(source: ArtifactSource): AsyncIterable<Uint8Array | string> {
  if (typeof source === 'string' || source instanceof Uint8Array) yield source;
  else yield* source;
}

const CHUNK_BYTES = 256 * 1024;

/**
 * Writes the source to `sink` in chunks of 256 KB, each chunk's write running while the next one
 * fills; returns the size. Pieces are copied (strings encoded) straight into the chunk being
 * filled: one copy of each byte. Two chunk buffers take turns, each reused once its write has
 * ended, so the writer holds 512 KB whatever the size. Measured on label exports: handing each
 * piece to a stream instead let 16 of them queue, and those buffers outlived enough young
 * collections to be promoted, their memory then freed only by a full collection (tens of MB).
 * `emptyChunk`: an empty source still writes one (empty) chunk. `nextBuffer`: the sink keeps each
 * chunk (a socket may still be sending it after the sink's promise resolves), so each chunk is
 * filled in a buffer the sink gives.
 */
async function writeInChunks(
  source: ArtifactSource,
  sink: (chunk: Buffer) => Promise<void>,
  { emptyChunk = false, nextBuffer }: { emptyChunk?: boolean; nextBuffer?: (bytes: number) => Buffer } = {},
): Promise<number> {
  let size = 0;
  // With `nextBuffer` every chunk after the first is one the sink gives; otherwise two take turns.
  const buffers = nextBuffer
    ? [nextBuffer(CHUNK_BYTES)]
    : [Buffer.allocUnsafe(CHUNK_BYTES), Buffer.allocUnsafe(CHUNK_BYTES)];
  let turn = 0;
  let chunk: Buffer = buffers[0]!;
  let used = 0;
  let inFlight = null as Promise<void> | null;
  const flush = async () => {
    const full = used === chunk.length ? chunk : chunk.subarray(0, used);
    // The other buffer is free once the write using it has ended.
    if (inFlight) await inFlight;
    turn ^= 1;
    if (nextBuffer) buffers[turn] = nextBuffer(CHUNK_BYTES);
    chunk = buffers[turn]!;
    used = 0;
    inFlight = sink(full);
    // Its failure is thrown by the next await of it, not reported as unhandled meanwhile.
    inFlight.catch(() => undefined);
  };
  const add = async (bytes: Uint8Array) => {
    for (let at = 0; at < bytes.byteLength;) {
      const n = Math.min(bytes.byteLength - at, CHUNK_BYTES - used);
      chunk.set(bytes.subarray(at, at + n), used);
      used += n;
      at += n;
      if (used === CHUNK_BYTES) await flush();
    }
  };
  try {
    for await (const piece of pieces(source)) {
      if (typeof piece !== 'string') {
        size += piece.byteLength;
        await add(piece);
      } else if (piece.length * 3 <= CHUNK_BYTES - used) {
        // Fits whatever its encoding (at most 3 bytes a UTF-16 unit).
        const n = chunk.write(piece, used);
        used += n;
        size += n;
      } else {
        const bytes = Buffer.from(piece);
        size += bytes.byteLength;
        await add(bytes);
      }
    }
    if (used > 0 || (emptyChunk && size === 0)) await flush();
    await inFlight;
  } finally {
    // A failed source leaves no write running after the caller removes the artifact.
    await inFlight?.catch(() => undefined);
  }
  return size;
}

export class FileArtifactStorage implements ArtifactStorage {
  readonly kind = 'file';
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'artifacts');
  }

  async write(artifactId: string, source: ArtifactSource): Promise<number> {
    await mkdir(this.dir, { recursive: true });
    const file = await open(join(this.dir, artifactId), 'w', 0o600);
    try {
      return await writeInChunks(source, async (chunk) => {
        for (let at = 0; at < chunk.length;) at += (await file.write(chunk, at)).bytesWritten;
      });
    } finally {
      await file.close();
    }
  }

  read(artifactId: string): Readable {
    // 1 MB reads: with the default 64 KB, a 128 MB download took 0.59–0.63 s instead of 0.28–0.38
    // (a JSONL export of 300,000 tasks, `npm run bench -- tasks`), in sixteen times the writes.
    return createReadStream(join(this.dir, artifactId), { highWaterMark: 1024 * 1024 });
  }

  async delete(artifactIds: readonly string[]): Promise<void> {
    await Promise.all(artifactIds.map((id) => rm(join(this.dir, id), { force: true })));
  }
}

export class DatabaseArtifactStorage implements ArtifactStorage {
  readonly kind = 'database';

  constructor(private readonly store: Store) {}

  async write(artifactId: string, source: ArtifactSource): Promise<number> {
    const writer = artifactChunkWriter(this.store, artifactId);
    try {
      const size = await writeInChunks(source, (chunk) => writer.write(chunk), {
        emptyChunk: true,
        nextBuffer: (bytes) => writer.buffer(bytes),
      });
      await writer.end();
      return size;
    } catch (error) {
      await writer.abort();
      throw error;
    }
  }

  read(artifactId: string): Readable {
    return Readable.from(readArtifactChunks(this.store, artifactId));
  }

  async delete(): Promise<void> {
    // Chunks go with their artifact row (ON DELETE CASCADE).
  }
}

/**
 * Saves an artifact of a job: its row first (size -1 while it is written), then the bytes, then
 * its size. A second write of the same name replaces the first (a retried attempt's output).
 */
export async function saveJobArtifact(
  store: Store,
  artifacts: ArtifactStorage,
  job: { id: string; workspace_id: string },
  name: string,
  contentType: string,
  source: ArtifactSource,
): Promise<{ name: string; contentType: string; size: number }> {
  const previous = await findArtifact(store.db, job.id, name, false);
  if (previous) {
    await deleteArtifactRow(store.db, previous.id);
    await artifacts.delete([previous.id]);
  }
  const id = newId('art');
  await insertArtifact(store.db, {
    id,
    job_id: job.id,
    workspace_id: job.workspace_id,
    name,
    content_type: contentType,
    size_bytes: -1,
    storage: artifacts.kind,
    created_at: Date.now(),
  });
  let size: number;
  try {
    size = await artifacts.write(id, source);
  } catch (error) {
    await deleteArtifactRow(store.db, id).catch(() => undefined);
    await artifacts.delete([id]).catch(() => undefined);
    throw error;
  }
  await setArtifactSize(store.db, id, size);
  return { name, contentType, size };
}
