import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';

/*
 * Our own zip writer, because of measured memory. zip-stream (archiver's writer), used before,
 * kept an object per entry for the central directory (about 0.45 KB of heap) and wrote each header
 * field as its own small buffer through a stream: on 100,000 images the YOLO, VOC and masks zips
 * peaked at +320 to +400 MB RSS over their start, against +0 MB for COCO (docs/benchmarks.md). This
 * one packs each entry's central directory record (46 bytes + its name) into 64 KB slabs, about
 * 70 bytes an image of the exports (7 MB for 100,000), and copies headers and data straight into the
 * 256 KB pieces it hands on: the same zips now peak at +14 to +18 MB (YOLO, VOC) and +0 to +2 MB
 * (masks), all under 235 MB of RSS, and YOLO takes 5 s instead of 16. yazl, tried before
 * zip-stream, scanned every earlier entry for each new one (95 s and 640 MB for 100,000 entries).
 *
 * Entries are whole buffers, so the CRC-32 and both sizes go in the local header (no data
 * descriptors). ZIP64 (APPNOTE 4.3.14–4.3.16, 4.5.3) where a size or offset reaches 4 GiB or the
 * count 65,535.
 */

const PIECE = 256 * 1024;
const SLAB = 64 * 1024;
/** Slabs of the central directory kept in memory before the rest goes to a temporary file (1 MB). */
const IN_MEMORY_SLABS = 16;
const MAX16 = 0xffff;
const MAX32 = 0xffffffff;
const CENTRAL_HEADER = 46;
/** Version 4.5 (ZIP64) on Unix, whose external attributes carry the file mode. */
const MADE_BY = (3 << 8) | 45;
/** A regular file, rw-r--r--: with Unix as "made by", a mode of 0 would extract unreadable. */
const FILE_MODE = (0o100644 << 16) >>> 0;
const UTF8_NAME = 1 << 11;

export interface ZipEntry {
  name: string;
  data: Buffer;
  /** Stored as it is (data already compressed, a PNG); otherwise deflated where that makes it smaller. */
  store?: boolean;
}

export interface ZipOptions {
  /** Writes every size and offset through the ZIP64 fields, even small ones (for tests of them). */
  forceZip64?: boolean;
}

const CRC_TABLE = new Int32Array(256);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  CRC_TABLE[n] = c;
}

/**
 * CRC-32 (ISO-HDLC, zip's), a byte at a time from a table: about 380 MB/s here, 0.1 s for the
 * 100,000 entries of a YOLO export of 16 s; crc-32 (slice-by-16) is about 3 × faster, not worth a
 * dependency. `zlib.crc32` needs Node 22.2.
 */
export function crc32(data: Uint8Array): number {
  let c = -1;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/** MS-DOS time and date (local time, as zip readers take them), clamped to 1980–2107. */
export function dosDateTime(date: Date): { time: number; date: number } {
  const year = date.getFullYear();
  if (year < 1980) return { time: 0, date: (1 << 5) | 1 };
  if (year > 2107) return { time: (23 << 11) | (59 << 5) | 29, date: (127 << 9) | (12 << 5) | 31 };
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | (date.getSeconds() >> 1),
    date: ((year - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

/** A 64-bit little-endian integer from a number (exact below 2^53, far past any zip here). */
function writeUInt64(buf: Buffer, value: number, at: number): number {
  buf.writeUInt32LE(value % 2 ** 32, at);
  buf.writeUInt32LE(Math.floor(value / 2 ** 32), at + 4);
  return at + 8;
}

/** Output gathered into 256 KB pieces (fewer, larger writes downstream); full ones wait in `ready`. */
class Pieces {
  private piece = Buffer.allocUnsafe(PIECE);
  private used = 0;
  readonly ready: Buffer[] = [];
  /** Bytes written so far: the offset of the next. */
  written = 0;

  write(bytes: Buffer, length = bytes.length): void {
    let from = 0;
    while (from < length) {
      const n = Math.min(PIECE - this.used, length - from);
      bytes.copy(this.piece, this.used, from, from + n);
      this.used += n;
      from += n;
      if (this.used === PIECE) {
        this.ready.push(this.piece);
        this.piece = Buffer.allocUnsafe(PIECE);
        this.used = 0;
      }
    }
    this.written += length;
  }

  /** The last, partial piece. */
  rest(): Buffer | undefined {
    return this.used > 0 ? this.piece.subarray(0, this.used) : undefined;
  }
}

/**
 * The central directory, record after record in 64 KB slabs (a few dozen bytes an entry): the first
 * megabyte in memory, the rest written to a temporary file as each slab fills (a million entries'
 * directory is about 70 MB), so that memory stays flat whatever the count.
 */
class Directory {
  private readonly slabs: Buffer[] = [];
  private slab = Buffer.allocUnsafe(SLAB);
  private used = 0;
  private spool: { path: string; fd: number } | null = null;
  size = 0;
  count = 0;

  add(record: Buffer, length: number): void {
    if (length > SLAB - this.used) {
      this.keep(this.slab.subarray(0, this.used));
      this.slab = Buffer.allocUnsafe(Math.max(SLAB, length));
      this.used = 0;
    }
    record.copy(this.slab, this.used, 0, length);
    this.used += length;
    this.size += length;
    this.count++;
  }

  private keep(full: Buffer): void {
    if (this.slabs.length < IN_MEMORY_SLABS) {
      this.slabs.push(full);
      return;
    }
    if (!this.spool) {
      const path = join(tmpdir(), `batchyard-zip-${randomBytes(8).toString('hex')}`);
      this.spool = { path, fd: openSync(path, 'wx+', 0o600) };
    }
    writeSync(this.spool.fd, full);
  }

  *regions(): Generator<Buffer> {
    yield* this.slabs;
    if (this.spool) {
      const chunk = Buffer.allocUnsafe(PIECE);
      for (let at = 0, n; (n = readSync(this.spool.fd, chunk, 0, PIECE, at)) > 0; at += n)
        yield chunk.subarray(0, n);
    }
    yield this.slab.subarray(0, this.used);
  }

  /** Removes the temporary file, if any. */
  close(): void {
    if (!this.spool) return;
    closeSync(this.spool.fd);
    rmSync(this.spool.path, { force: true });
    this.spool = null;
  }
}

const isBatch = (item: ZipEntry | readonly ZipEntry[]): item is readonly ZipEntry[] => Array.isArray(item);

/**
 * A zip file of the entries (one at a time, or a page of them), streamed: each entry is compressed
 * and handed on before the next item is read, so memory holds one item at a time and the packed
 * central directory.
 */
export async function* zipFile(
  entries: AsyncIterable<ZipEntry | readonly ZipEntry[]>,
  date: Date,
  options: ZipOptions = {},
): AsyncGenerator<Buffer> {
  const directory = new Directory();
  try {
    yield* zipEntries(entries, date, options, directory);
  } finally {
    directory.close();
  }
}

async function* zipEntries(
  entries: AsyncIterable<ZipEntry | readonly ZipEntry[]>,
  date: Date,
  options: ZipOptions,
  directory: Directory,
): AsyncGenerator<Buffer> {
  const force = options.forceZip64 ?? false;
  const dos = dosDateTime(date);
  const out = new Pieces();
  // One scratch buffer for either header (local: 30 bytes, central: 46) with the longest name zip
  // allows and a ZIP64 extra.
  const scratch = Buffer.allocUnsafe(CENTRAL_HEADER + MAX16 + 32);

  for await (const item of entries) {
    for (const entry of isBatch(item) ? item : [item]) {
      const nameLength = Buffer.byteLength(entry.name);
      if (nameLength > MAX16)
        throw new Error(`a zip entry's name is longer than 65,535 bytes: ${entry.name}`);
      const crc = crc32(entry.data);
      let method = 0;
      let body = entry.data;
      if (!entry.store && entry.data.length > 0) {
        const deflated = deflateRawSync(entry.data, { level: 6 });
        if (deflated.length < entry.data.length) [method, body] = [8, deflated];
      }
      const size = entry.data.length;
      const compressed = body.length;
      const offset = out.written;
      const flags = nameLength === entry.name.length ? 0 : UTF8_NAME;

      // Local header; its ZIP64 extra, when either size needs it, holds both (4.5.3).
      const localZip64 = force || size >= MAX32 || compressed >= MAX32;
      let at = scratch.writeUInt32LE(0x04034b50, 0);
      at = scratch.writeUInt16LE(localZip64 ? 45 : method === 8 ? 20 : 10, at);
      at = scratch.writeUInt16LE(flags, at);
      at = scratch.writeUInt16LE(method, at);
      at = scratch.writeUInt16LE(dos.time, at);
      at = scratch.writeUInt16LE(dos.date, at);
      at = scratch.writeUInt32LE(crc, at);
      at = scratch.writeUInt32LE(localZip64 ? MAX32 : compressed, at);
      at = scratch.writeUInt32LE(localZip64 ? MAX32 : size, at);
      at = scratch.writeUInt16LE(nameLength, at);
      at = scratch.writeUInt16LE(localZip64 ? 20 : 0, at);
      at += scratch.write(entry.name, at);
      if (localZip64) {
        at = scratch.writeUInt16LE(0x0001, at);
        at = scratch.writeUInt16LE(16, at);
        at = writeUInt64(scratch, size, at);
        at = writeUInt64(scratch, compressed, at);
      }
      out.write(scratch, at);
      out.write(body);

      // Central directory record; its ZIP64 extra holds, in this order, only the fields set to -1.
      const bigSize = force || size >= MAX32;
      const bigCompressed = force || compressed >= MAX32;
      const bigOffset = force || offset >= MAX32;
      const extra = (bigSize ? 8 : 0) + (bigCompressed ? 8 : 0) + (bigOffset ? 8 : 0);
      at = scratch.writeUInt32LE(0x02014b50, 0);
      at = scratch.writeUInt16LE(MADE_BY, at);
      at = scratch.writeUInt16LE(extra > 0 ? 45 : method === 8 ? 20 : 10, at);
      at = scratch.writeUInt16LE(flags, at);
      at = scratch.writeUInt16LE(method, at);
      at = scratch.writeUInt16LE(dos.time, at);
      at = scratch.writeUInt16LE(dos.date, at);
      at = scratch.writeUInt32LE(crc, at);
      at = scratch.writeUInt32LE(bigCompressed ? MAX32 : compressed, at);
      at = scratch.writeUInt32LE(bigSize ? MAX32 : size, at);
      at = scratch.writeUInt16LE(nameLength, at);
      at = scratch.writeUInt16LE(extra > 0 ? extra + 4 : 0, at);
      at = scratch.writeUInt16LE(0, at); // comment length
      at = scratch.writeUInt16LE(0, at); // disk number start
      at = scratch.writeUInt16LE(0, at); // internal attributes
      at = scratch.writeUInt32LE(FILE_MODE, at);
      at = scratch.writeUInt32LE(bigOffset ? MAX32 : offset, at);
      at += scratch.write(entry.name, at);
      if (extra > 0) {
        at = scratch.writeUInt16LE(0x0001, at);
        at = scratch.writeUInt16LE(extra, at);
        if (bigSize) at = writeUInt64(scratch, size, at);
        if (bigCompressed) at = writeUInt64(scratch, compressed, at);
        if (bigOffset) at = writeUInt64(scratch, offset, at);
      }
      directory.add(scratch, at);
    }
    while (out.ready.length > 0) yield out.ready.shift()!;
  }

  const start = out.written;
  for (const region of directory.regions()) {
    out.write(region);
    while (out.ready.length > 0) yield out.ready.shift()!;
  }
  const { count, size } = directory;
  const zip64 = force || count >= MAX16 || size >= MAX32 || start >= MAX32;
  const end = Buffer.alloc(56 + 20 + 22);
  let at = 0;
  if (zip64) {
    const record = out.written;
    at = end.writeUInt32LE(0x06064b50, at); // ZIP64 end of central directory record (4.3.14)
    at = writeUInt64(end, 44, at); // its size after this field
    at = end.writeUInt16LE(MADE_BY, at);
    at = end.writeUInt16LE(45, at);
    at = end.writeUInt32LE(0, at); // this disk
    at = end.writeUInt32LE(0, at); // the disk where the central directory starts
    at = writeUInt64(end, count, at); // entries on this disk
    at = writeUInt64(end, count, at); // entries in all
    at = writeUInt64(end, size, at);
    at = writeUInt64(end, start, at);
    at = end.writeUInt32LE(0x07064b50, at); // its locator (4.3.15)
    at = end.writeUInt32LE(0, at); // the disk holding the record
    at = writeUInt64(end, record, at);
    at = end.writeUInt32LE(1, at); // disks in all
  }
  at = end.writeUInt32LE(0x06054b50, at); // end of central directory record (4.3.16)
  at = end.writeUInt16LE(0, at);
  at = end.writeUInt16LE(0, at);
  at = end.writeUInt16LE(Math.min(count, MAX16), at);
  at = end.writeUInt16LE(Math.min(count, MAX16), at);
  at = end.writeUInt32LE(force ? MAX32 : Math.min(size, MAX32), at);
  at = end.writeUInt32LE(force ? MAX32 : Math.min(start, MAX32), at);
  at = end.writeUInt16LE(0, at); // comment length
  out.write(end, at);
  yield* out.ready.splice(0);
  const rest = out.rest();
  if (rest) yield rest;
}

/**
 * File names of images in a zip: the base name of `resources[0]` without its extension (a URL's
 * path too), other characters than letters, digits, `.`, `_` and `-` turned to `_`; a name already
 * taken in the export gets `_<task id>` appended. The stems taken are kept as 64-bit fingerprints
 * (16 bytes an image in a table, 16 MB for a million, against about 60 bytes of heap a string):
 * two different stems share one with a chance of about 1 in 10^7 in an export of a million images,
 * and the later one then gets its task id too, still a unique name.
 */
export class ImageStems {
  private readonly taken = new Fingerprints();

  stem(file: string, taskId: string): string {
    const path = PLAIN_PATH.test(file) ? file : file.replace(/[?#].*$/, '');
    const base = path.slice(path.lastIndexOf('/') + 1).replace(/\.[^.]*$/, '');
    let stem =
      (PLAIN_STEM.test(base) ? base : base.replace(/[^\p{L}\p{N}._-]/gu, '_')).slice(0, 150) || taskId;
    if (!this.taken.add(stem)) {
      stem = `${stem}_${taskId}`;
      this.taken.add(stem);
    }
    return stem;
  }
}

/** Paths without a query or fragment, and stems that need no character replaced (the regular expressions' fast way out). */
const PLAIN_PATH = /^[^?#]*$/;
const PLAIN_STEM = /^[A-Za-z0-9._-]*$/;

/** A set of strings kept as two 32-bit hashes each, in an open-addressed table that doubles at half full. */
class Fingerprints {
  private table = new Uint32Array(2 * 1024);
  private count = 0;

  /** False when the string's fingerprint is already in the set. */
  add(text: string): boolean {
    let h1 = 0x811c9dc5;
    let h2 = 0x9747b28c;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    h1 = (h1 ^ (h1 >>> 16)) >>> 0;
    // Never 0: an empty slot is (0, 0).
    h2 = ((h2 ^ (h2 >>> 13)) | 1) >>> 0;
    if (this.insert(this.table, h1, h2) === false) return false;
    if (++this.count * 4 > this.table.length) {
      const old = this.table;
      this.table = new Uint32Array(old.length * 2);
      for (let i = 0; i < old.length; i += 2)
        if (old[i + 1] !== 0) this.insert(this.table, old[i]!, old[i + 1]!);
    }
    return true;
  }

  private insert(table: Uint32Array, h1: number, h2: number): boolean {
    const mask = table.length / 2 - 1;
    for (let slot = h1 & mask; ; slot = (slot + 1) & mask) {
      const a = table[2 * slot]!;
      const b = table[2 * slot + 1]!;
      if (b === 0) {
        table[2 * slot] = h1;
        table[2 * slot + 1] = h2;
        return true;
      }
      if (a === h1 && b === h2) return false;
    }
  }
}
