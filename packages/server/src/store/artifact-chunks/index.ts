import type { Store } from '../index.js';

/**
 * An artifact's bytes kept in the store (artifact_chunks), for every process sharing the database
 * to serve: written and read a chunk at a time, in order. The backends differ in how (sqlite.ts:
 * a statement per chunk; postgres.ts: a COPY per window of chunks); the store's dialect holds one.
 */
export interface ArtifactChunksBackend {
  writer(store: Store, artifactId: string): ArtifactChunkWriter;
  /** The artifact's chunks in order, a few at a time: no connection is held between reads. */
  read(store: Store, artifactId: string): AsyncGenerator<Buffer>;
}

/**
 * Writes one artifact's chunks, numbered from 0 in the order given. Calls do not overlap: each
 * `write` is awaited before the next.
 */
export interface ArtifactChunkWriter {
  /** Stores the next chunk. The chunk is the writer's from then on: the caller never refills it. */
  write(chunk: Buffer): Promise<void>;
  /**
   * A buffer of `bytes` to fill as a next chunk: one of this writer's chunks that is stored and no
   * longer referenced, or a new one.
   */
  buffer(bytes: number): Buffer;
  /** Stores whatever is still pending; the artifact is whole once this resolves. */
  end(): Promise<void>;
  /**
   * Gives up after a failure: what is pending is dropped and no connection is kept. Chunks already
   * stored go when the caller deletes the artifact's row (ON DELETE CASCADE).
   */
  abort(): Promise<void>;
}

export function artifactChunkWriter(store: Store, artifactId: string): ArtifactChunkWriter {
  return store.dialect.artifactChunks.writer(store, artifactId);
}

export function readArtifactChunks(store: Store, artifactId: string): AsyncGenerator<Buffer> {
  return store.dialect.artifactChunks.read(store, artifactId);
}
