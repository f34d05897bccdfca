// The peers' writers: the least JavaScript that writes the same COCO file and the same YOLO zip as
// Batchyard from rows of (id, name, image file, width, height, labels), with synchronous writes of
// 1 MiB buffers. No checks: the peers know every label is a valid box of a known class. Both
// backends' peers (sqlite-peer.mjs, postgres-peer.mjs) feed them.
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { crc32, deflateRawSync } from 'node:zlib';

const BUFFER = 1 << 20;

/** A file written through one 1 MiB buffer. */
class Out {
  constructor(path) {
    this.fd = openSync(path, 'w');
    this.buf = Buffer.allocUnsafe(BUFFER);
    this.pos = 0;
    this.written = 0;
  }
  text(s) {
    if (this.pos + s.length * 3 > BUFFER) this.flush();
    if (s.length * 3 > BUFFER) return this.bytes(Buffer.from(s));
    const n = this.buf.write(s, this.pos);
    this.pos += n;
    this.written += n;
  }
  bytes(b) {
    if (this.pos + b.length > BUFFER) this.flush();
    if (b.length > BUFFER) {
      writeSync(this.fd, b);
    } else {
      b.copy(this.buf, this.pos);
      this.pos += b.length;
    }
    this.written += b.length;
  }
  flush() {
    if (this.pos > 0) writeSync(this.fd, this.buf, 0, this.pos);
    this.pos = 0;
  }
  close() {
    this.flush();
    closeSync(this.fd);
  }
}

/**
 * COCO: annotations written as they come, images to a spool file appended after them, as
 * Batchyard's writer does (constant memory). `classes` are known (sorted), not discovered.
 */
export function cocoWriter(path, spoolPath, classes, date) {
  const out = new Out(path);
  const spool = new Out(spoolPath);
  const category = new Map(classes.map((c, i) => [c, i + 1]));
  out.text(
    `{"info":${JSON.stringify({ description: 'Batchyard task export', version: '1.0', date_created: date.toISOString() })},"licenses":[],"annotations":[`,
  );
  let imageId = 0;
  let annotationId = 0;
  return {
    add(id, name, file, width, height, labels) {
      imageId++;
      spool.text(
        `${imageId === 1 ? '' : ','}{"id":${imageId},"file_name":${JSON.stringify(file)},"width":${width},"height":${height},"task_id":${JSON.stringify(id)},"task_name":${JSON.stringify(name)}}`,
      );
      for (const label of labels) {
        annotationId++;
        const [x, y, w, h] = label.bbox;
        out.text(
          `${annotationId === 1 ? '' : ','}{"id":${annotationId},"image_id":${imageId},"category_id":${category.get(label.class)},"bbox":[${x},${y},${w},${h}],"area":${w * h},"segmentation":[],"iscrowd":0}`,
        );
      }
    },
    finish() {
      spool.close();
      out.text('],"images":[');
      out.flush();
      const fd = openSync(spoolPath, 'r');
      for (let n; (n = readSync(fd, out.buf, 0, BUFFER, null)) > 0;) writeSync(out.fd, out.buf, 0, n);
      closeSync(fd);
      out.text(
        `],"categories":${JSON.stringify(classes.map((name, i) => ({ id: i + 1, name, supercategory: '' })))}}\n`,
      );
      out.close();
      return { images: imageId, labels: annotationId };
    },
  };
}

const unit = (value, side) => Number((value / side).toFixed(6)).toString();

/**
 * YOLO: a zip of `data.yaml` (deflated) and `labels/<stem>.txt` per image (stored), with CRC-32 by
 * zlib, the central directory kept in memory (as Batchyard's) and ZIP64 end records past 65,535
 * entries.
 */
export function yoloWriter(path, classes, date) {
  const out = new Out(path);
  const central = [];
  const dos = {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | (date.getSeconds() >> 1),
    date: ((date.getFullYear() - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
  const index = new Map(classes.map((c, i) => [c, i]));
  const header = Buffer.alloc(46 + 1024);
  let count = 0;
  const entry = (name, data, deflate) => {
    const body = deflate ? deflateRawSync(data, { level: 6 }) : data;
    const crc = crc32(data);
    const offset = out.written;
    const method = deflate ? 8 : 0;
    let at = header.writeUInt32LE(0x04034b50, 0);
    at = header.writeUInt16LE(method === 8 ? 20 : 10, at);
    at = header.writeUInt16LE(0, at);
    at = header.writeUInt16LE(method, at);
    at = header.writeUInt16LE(dos.time, at);
    at = header.writeUInt16LE(dos.date, at);
    at = header.writeUInt32LE(crc, at);
    at = header.writeUInt32LE(body.length, at);
    at = header.writeUInt32LE(data.length, at);
    at = header.writeUInt16LE(Buffer.byteLength(name), at);
    at = header.writeUInt16LE(0, at);
    at += header.write(name, at);
    out.bytes(header.subarray(0, at));
    out.bytes(body);
    at = header.writeUInt32LE(0x02014b50, 0);
    at = header.writeUInt16LE((3 << 8) | 45, at);
    at = header.writeUInt16LE(method === 8 ? 20 : 10, at);
    at = header.writeUInt16LE(0, at);
    at = header.writeUInt16LE(method, at);
    at = header.writeUInt16LE(dos.time, at);
    at = header.writeUInt16LE(dos.date, at);
    at = header.writeUInt32LE(crc, at);
    at = header.writeUInt32LE(body.length, at);
    at = header.writeUInt32LE(data.length, at);
    at = header.writeUInt16LE(Buffer.byteLength(name), at);
    at = header.writeUInt32LE(0, at); // extra and comment lengths
    at = header.writeUInt32LE(0, at); // disk, internal attributes
    at = header.writeUInt32LE((0o100644 << 16) >>> 0, at);
    at = header.writeUInt32LE(offset, at);
    at += header.write(name, at);
    central.push(Buffer.from(header.subarray(0, at)));
    count++;
  };
  const names = classes.map((name, i) => `  ${i}: ${JSON.stringify(name)}`).join('\n');
  entry(
    'data.yaml',
    Buffer.from(
      `# Batchyard task export: put each image in images/ beside labels/, under the same stem.\npath: .\ntrain: images\nval: images\nnc: ${classes.length}\nnames:\n${names}\n`,
    ),
    true,
  );
  let images = 0;
  let labelsWritten = 0;
  return {
    add(id, name, file, width, height, labels) {
      let text = '';
      for (const label of labels) {
        const [x, y, w, h] = label.bbox;
        text += `${index.get(label.class)} ${unit(x + w / 2, width)} ${unit(y + h / 2, height)} ${unit(w, width)} ${unit(h, height)}\n`;
      }
      const stem = file.slice(file.lastIndexOf('/') + 1).replace(/\.[^.]*$/, '');
      entry(`labels/${stem}.txt`, Buffer.from(text), false);
      images++;
      labelsWritten += labels.length;
    },
    finish() {
      const start = out.written;
      let size = 0;
      for (const record of central) {
        out.bytes(record);
        size += record.length;
      }
      const end = Buffer.alloc(98);
      let at = 0;
      if (count >= 0xffff) {
        const record = out.written;
        at = end.writeUInt32LE(0x06064b50, at);
        at = end.writeBigUInt64LE(44n, at);
        at = end.writeUInt16LE((3 << 8) | 45, at);
        at = end.writeUInt16LE(45, at);
        at = end.writeUInt32LE(0, at);
        at = end.writeUInt32LE(0, at);
        at = end.writeBigUInt64LE(BigInt(count), at);
        at = end.writeBigUInt64LE(BigInt(count), at);
        at = end.writeBigUInt64LE(BigInt(size), at);
        at = end.writeBigUInt64LE(BigInt(start), at);
        at = end.writeUInt32LE(0x07064b50, at);
        at = end.writeUInt32LE(0, at);
        at = end.writeBigUInt64LE(BigInt(record), at);
        at = end.writeUInt32LE(1, at);
      }
      at = end.writeUInt32LE(0x06054b50, at);
      at = end.writeUInt32LE(0, at);
      at = end.writeUInt16LE(Math.min(count, 0xffff), at);
      at = end.writeUInt16LE(Math.min(count, 0xffff), at);
      at = end.writeUInt32LE(size, at);
      at = end.writeUInt32LE(start, at);
      at = end.writeUInt16LE(0, at);
      out.bytes(end.subarray(0, at));
      out.close();
      return { images, labels: labelsWritten };
    },
  };
}
