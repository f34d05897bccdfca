import ZipStream from 'zip-stream';

export interface ZipEntry {
  name: string;
  data: Buffer;
}

/**
 * A zip file of the entries, streamed: each entry is compressed and handed on before the next one
 * is read, so memory holds one entry at a time (and the central directory, a few dozen bytes an
 * entry). zip-stream (archiver's zip writer) switches to ZIP64 past 65,535 entries or 4 GB.
 */
export async function* zipFile(entries: AsyncIterable<ZipEntry>, date: Date): AsyncGenerator<Buffer> {
  const zip = new ZipStream({ zlib: { level: 6 } });
  const out: Buffer[] = [];
  let failed: Error | undefined;
  zip.on('data', (chunk: Buffer) => out.push(chunk));
  zip.on('error', (error: Error) => (failed = error));
  const ended = new Promise<void>((resolve, reject) => {
    zip.on('end', resolve);
    zip.on('error', reject);
  });
  ended.catch(() => undefined);
  for await (const entry of entries) {
    await new Promise<void>((resolve, reject) =>
      zip.entry(entry.data, { name: entry.name, date }, (error) => (error ? reject(error) : resolve())),
    );
    if (failed) throw failed;
    if (out.length > 0) yield Buffer.concat(out.splice(0));
  }
  zip.finalize();
  await ended;
  if (out.length > 0) yield Buffer.concat(out.splice(0));
}

/**
 * File names of images in a zip: the base name of `resources[0]` without its extension (a URL's
 * path too), other characters than letters, digits, `.`, `_` and `-` turned to `_`; a name already
 * taken in the export gets `_<task id>` appended.
 */
export class ImageStems {
  private readonly taken = new Set<string>();

  stem(file: string, taskId: string): string {
    const path = file.replace(/[?#].*$/, '');
    const base = path.slice(path.lastIndexOf('/') + 1).replace(/\.[^.]*$/, '');
    let stem = base.replace(/[^\p{L}\p{N}._-]/gu, '_').slice(0, 150) || taskId;
    if (this.taken.has(stem)) stem = `${stem}_${taskId}`;
    this.taken.add(stem);
    return stem;
  }
}
