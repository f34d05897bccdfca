import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labelReadersPython } from '../../../test/support/label-readers.js';
import { crc32, zipFile, type ZipEntry, type ZipOptions } from '../src/resources/tasks/labels/zip.js';

/**
 * The label exports' zip writer read back by Python's zipfile (each entry's CRC checked by
 * testzip) and by Info-ZIP's `unzip -t`.
 */

/** Python: every entry of the zip as zipfile sees it, its data in base64, after testzip. */
const READ = `
import base64, json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None, "a zip entry is corrupt"
print(json.dumps([
    {"name": i.filename, "method": i.compress_type, "size": i.file_size, "compressed": i.compress_size,
     "utf8": bool(i.flag_bits & 0x800), "dateTime": list(i.date_time), "mode": i.external_attr >> 16,
     "data": base64.b64encode(z.read(i)).decode()}
    for i in z.infolist()
]))
`;

interface Read {
  name: string;
  method: number;
  size: number;
  compressed: number;
  utf8: boolean;
  dateTime: number[];
  mode: number;
  data: string;
}

async function* from(entries: ZipEntry[] | (() => Generator<ZipEntry>)): AsyncGenerator<ZipEntry> {
  yield* typeof entries === 'function' ? entries() : entries;
}

describe('zip writer', () => {
  let python: string;
  let dir: string;
  let n = 0;
  beforeAll(() => {
    python = labelReadersPython();
    dir = mkdtempSync(join(tmpdir(), 'zip-writer-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Writes the zip to a file; returns it with the pieces' sizes. */
  const write = async (entries: Parameters<typeof from>[0], date: Date, options?: ZipOptions) => {
    const pieces: Buffer[] = [];
    for await (const piece of zipFile(from(entries), date, options)) pieces.push(piece);
    const file = join(dir, `${n++}.zip`);
    const bytes = Buffer.concat(pieces);
    writeFileSync(file, bytes);
    return { file, bytes, sizes: pieces.map((p) => p.length) };
  };
  const pythonReads = (file: string) =>
    new Promise<Read[]>((resolve, reject) =>
      execFile(python, ['-c', READ, file], { maxBuffer: 256 * 2 ** 20 }, (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout) as Read[]),
      ),
    );
  // Info-ZIP's unzip -t tests every entry; it exits non-zero on any error or warning.
  const unzipTests = (file: string) => execFileSync('unzip', ['-tq', file], { encoding: 'utf8' });

  const date = new Date(2026, 2, 14, 15, 9, 27); // local time, as DOS times are
  const text = Buffer.from('cat 0.5 0.5 0.25 0.25\n'.repeat(200));
  const noise = randomBytes(600 * 1024); // past two 256 KB pieces, incompressible
  const entries: ZipEntry[] = [
    { name: 'data.yaml', data: text },
    { name: 'labels/stored.txt', data: text, store: true },
    { name: 'labels/empty.txt', data: Buffer.alloc(0) },
    { name: 'labels/empty-stored.txt', data: Buffer.alloc(0), store: true },
    { name: 'labels/voilà-東京-🙂.txt', data: Buffer.from('é\n') },
    { name: 'masks/noise.png', data: noise },
    { name: 'masks/noise-deflate-asked.png', data: noise, store: false },
  ];
  const expectRead = (read: Read[]) => {
    expect(read.map((r) => r.name)).toEqual(entries.map((e) => e.name));
    read.forEach((r, i) => {
      const entry = entries[i]!;
      expect(Buffer.from(r.data, 'base64').equals(entry.data)).toBe(true);
      expect(r.size).toBe(entry.data.length);
      expect(r.dateTime).toEqual([2026, 3, 14, 15, 9, 26]); // two-second resolution
      expect(r.mode).toBe(0o100644);
      expect(r.utf8).toBe(entry.name === 'labels/voilà-東京-🙂.txt');
    });
    const [yaml, stored, empty, emptyStored, unicode, noisePng, noiseAsked] = read;
    expect(yaml!.method).toBe(8); // deflated: 4,400 bytes of repeated lines shrink
    expect(yaml!.compressed).toBeLessThan(200);
    expect(stored!.method).toBe(0);
    expect(stored!.compressed).toBe(text.length);
    // Deflate does not pay for these: stored instead.
    for (const r of [empty, emptyStored, unicode, noisePng, noiseAsked]) expect(r!.method).toBe(0);
  };

  it('Python and unzip read stored, deflated, empty and UTF-8-named entries, the pieces 256 KB', async () => {
    const { file, bytes, sizes } = await write(entries, date);
    expectRead(await pythonReads(file));
    expect(unzipTests(file)).toMatch(/No errors detected/);
    expect(sizes.slice(0, -1).every((s) => s === 256 * 1024)).toBe(true);
    expect(sizes.at(-1)).toBeGreaterThan(0);
    // Small: no ZIP64 record, and the count in the end record.
    expect(bytes.indexOf(Buffer.from([0x50, 0x4b, 0x06, 0x06]))).toBe(-1);
    expect(bytes.readUInt16LE(bytes.length - 12)).toBe(entries.length);
  });

  it('ZIP64 extra fields, end record and locator hold every size and offset when forced', async () => {
    const { file, bytes } = await write(entries, date, { forceZip64: true });
    expectRead(await pythonReads(file));
    expect(unzipTests(file)).toMatch(/No errors detected/);
    // End record with -1 offsets, the locator 20 bytes before it pointing at the ZIP64 record.
    const end = bytes.length - 22;
    expect(bytes.readUInt32LE(end)).toBe(0x06054b50);
    expect(bytes.readUInt32LE(end + 16)).toBe(0xffffffff);
    expect(bytes.readUInt32LE(end - 20)).toBe(0x07064b50);
    const record = Number(bytes.readBigUInt64LE(end - 12));
    expect(bytes.readUInt32LE(record)).toBe(0x06064b50);
    expect(bytes.readBigUInt64LE(record + 32)).toBe(BigInt(entries.length));
    // The second entry's local header has a ZIP64 extra with both sizes.
    const second = bytes.indexOf(Buffer.from('labels/stored.txt')) - 30;
    expect(bytes.readUInt32LE(second + 18)).toBe(0xffffffff);
    expect(bytes.readUInt16LE(second + 30 + 17)).toBe(0x0001);
    expect(Number(bytes.readBigUInt64LE(second + 30 + 17 + 4))).toBe(text.length);
  });

  it('more than 65,535 entries go through the ZIP64 end record; Python and unzip read them all', async () => {
    const count = 70_000;
    const many = function* () {
      for (let i = 0; i < count; i++)
        yield { name: `labels/frame-${i}.txt`, data: Buffer.from(`${i % 7} 0.5 0.5 0.1 0.1\n`), store: true };
    };
    const { file, bytes } = await write(many, date);
    const read = await pythonReads(file);
    expect(read).toHaveLength(count);
    for (const i of [0, 1, 65_534, 65_535, 65_536, count - 1]) {
      expect(read[i]!.name).toBe(`labels/frame-${i}.txt`);
      expect(Buffer.from(read[i]!.data, 'base64').toString()).toBe(`${i % 7} 0.5 0.5 0.1 0.1\n`);
    }
    expect(unzipTests(file)).toMatch(/No errors detected/);
    expect(bytes.readUInt16LE(bytes.length - 12)).toBe(0xffff);
    const record = Number(bytes.readBigUInt64LE(bytes.length - 22 - 12));
    expect(bytes.readBigUInt64LE(record + 32)).toBe(BigInt(count));
  }, 120_000);

  it('an empty zip is valid', async () => {
    const { file, bytes } = await write([], date);
    expect(bytes.length).toBe(22);
    expect(await pythonReads(file)).toEqual([]);
  });

  it('CRC-32 matches the standard check value and zlib', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).toBe(0);
    const data = readFileSync(new URL(import.meta.url));
    const viaPython = execFileSync(
      python,
      ['-c', 'import sys, zlib; print(zlib.crc32(sys.stdin.buffer.read()))'],
      {
        input: data,
        encoding: 'utf8',
      },
    );
    expect(crc32(data)).toBe(Number(viaPython.trim()));
  });
});
