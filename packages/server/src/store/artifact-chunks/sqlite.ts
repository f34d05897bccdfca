import type { ArtifactChunksBackend } from './index.js';

/** Chunks read per statement. */
const CHUNKS_PER_READ = 8;

/** SQLite: a statement per chunk written, eight chunks per read (artifacts in the database are rare there). */
export const sqliteArtifactChunks: ArtifactChunksBackend = {
  writer(store, artifactId) {
    let seq = 0;
    /** The chunk last stored: the statement copied it into the database before it resolved. */
    let spare: Buffer | undefined;
    return {
      async write(chunk) {
        await store.db
          .insertInto('artifact_chunks')
          .values({ artifact_id: artifactId, seq: seq++, data: chunk })
          .execute();
        spare = chunk;
      },
      buffer(bytes) {
        const free = spare?.length === bytes ? spare : Buffer.allocUnsafe(bytes);
        spare = undefined;
        return free;
      },
      async end() {},
      async abort() {},
    };
  },
  async *read(store, artifactId) {
    let next = 0;
    for (;;) {
      const rows = await store.db
        .selectFrom('artifact_chunks')
        .select(['seq', 'data'])
        .where('artifact_id', '=', artifactId)
        .where('seq', '>=', next)
        .orderBy('seq')
        .limit(CHUNKS_PER_READ)
        .execute();
      for (const row of rows) yield Buffer.from(row.data);
      if (rows.length < CHUNKS_PER_READ) return;
      next = rows[rows.length - 1]!.seq + 1;
    }
  },
};
