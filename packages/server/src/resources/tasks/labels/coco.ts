import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shapeArea, shapeBox, type LabeledImage, type Label } from './convention.js';

/** Characters of JSON text gathered before a piece is handed on. */
const PIECE = 64 * 1024;

/** A label as a COCO annotation (without its ids). */
function annotation(label: Label): Record<string, unknown> {
  const { shape } = label;
  const segmentation =
    shape.kind === 'polygon'
      ? [shape.points.flat()]
      : shape.kind === 'mask'
        ? { size: shape.size, counts: shape.counts }
        : [];
  return {
    category_id: label.classIndex + 1,
    bbox: shapeBox(shape),
    area: shapeArea(shape),
    segmentation,
    iscrowd: label.iscrowd ? 1 : 0,
  };
}

/**
 * One COCO instances file (`{info, images, annotations, categories}`), in pieces at constant
 * memory: images are written as they come while their annotations are spooled to a temporary file,
 * which is copied after the images; categories (the classes, ids from 1) come last. Image ids are
 * 1, 2, … in task id order; each image keeps its task's id and name.
 */
export async function* cocoFile(
  images: AsyncIterable<LabeledImage>,
  classes: readonly string[],
  now: Date,
): AsyncGenerator<string | Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), 'batchyard-coco-'));
  try {
    const spoolPath = join(dir, 'annotations.json');
    const spool = createWriteStream(spoolPath);
    const spoolError = once(spool, 'error').then(([e]) => Promise.reject(e as Error));
    spoolError.catch(() => undefined);
    let spooled = '';
    const flushSpool = async () => {
      if (spooled === '') return;
      const ok = spool.write(spooled);
      spooled = '';
      if (!ok) await Promise.race([once(spool, 'drain'), spoolError]);
    };

    let text = `{"info":${JSON.stringify({ description: 'Batchyard task export', version: '1.0', date_created: now.toISOString() })},"licenses":[],"images":[`;
    let imageId = 0;
    let annotationId = 0;
    for await (const image of images) {
      imageId++;
      text += `${imageId === 1 ? '' : ','}${JSON.stringify({
        id: imageId,
        file_name: image.file,
        width: image.width,
        height: image.height,
        task_id: image.taskId,
        task_name: image.taskName,
      })}`;
      for (const label of image.labels) {
        annotationId++;
        const a = { id: annotationId, image_id: imageId, ...annotation(label) };
        spooled += `${annotationId === 1 ? '' : ','}${JSON.stringify(a)}`;
        if (spooled.length >= PIECE) await flushSpool();
      }
      if (text.length >= PIECE) {
        yield text;
        text = '';
      }
    }
    await flushSpool();
    spool.end();
    await Promise.race([once(spool, 'close'), spoolError]);
    yield `${text}],"annotations":[`;
    for await (const chunk of createReadStream(spoolPath)) yield chunk as Buffer;
    const categories = classes.map((name, i) => ({ id: i + 1, name, supercategory: '' }));
    yield `],"categories":${JSON.stringify(categories)}}\n`;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
