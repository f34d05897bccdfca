import { PNG } from 'pngjs';
import type { LabeledImage } from './convention.js';
import type { LabelWriting } from './read.js';
import { drawShape } from './raster.js';
import { ImageStems, zipFile, type ZipEntry } from './zip.js';

/** An image's semantic mask: 8-bit greyscale, each pixel the class id of its label (0: background). */
export function maskPng(image: LabeledImage): Buffer {
  const { width, height } = image;
  const data = new Uint8Array(width * height);
  for (const label of image.labels)
    if (label.shape) drawShape(data, width, height, label.shape, label.classIndex + 1);
  return PNG.sync.write(
    { width, height, data: Buffer.from(data.buffer, data.byteOffset, data.length) } as PNG,
    { colorType: 0, inputColorType: 0, bitDepth: 8, inputHasAlpha: false },
  );
}

/** The class map of a masks export: pixel value → class name, 0 being the background. */
export const classMap = (classes: readonly string[]) =>
  `${JSON.stringify({ 0: '_background_', ...Object.fromEntries(classes.map((c, i) => [i + 1, c])) }, null, 2)}\n`;

/** Semantic masks: a zip of `masks/<image stem>.png`, one per image, and `classes.json`. */
export function masksZip(
  images: AsyncIterable<LabeledImage[]>,
  writing: LabelWriting,
): AsyncIterable<Buffer> {
  const { classes, now, tally } = writing;
  const stems = new ImageStems();
  async function* entries(): AsyncGenerator<ZipEntry> {
    yield { name: 'classes.json', data: Buffer.from(classMap(classes)) };
    for await (const page of images)
      for (const image of page) {
        tally.keypointsLeftOut += image.labels.filter((l) => l.keypoints).length;
        yield {
          name: `masks/${stems.stem(image.file, image.taskId)}.png`,
          data: maskPng(image),
          store: true,
        };
      }
  }
  return zipFile(entries(), now);
}
