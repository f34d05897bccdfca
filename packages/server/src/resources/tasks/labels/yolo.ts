import { shapeBox, type LabeledImage } from './convention.js';
import { ImageStems, zipFile, type ZipEntry } from './zip.js';

/** A coordinate normalised by the image's side, six decimals (YOLO's text form). */
const unit = (value: number, side: number) => Number((value / side).toFixed(6)).toString();

/**
 * A YOLO label line: `class cx cy w h` for a box or a mask (its bounding box), `class x1 y1 x2 y2 …`
 * for a polygon (YOLO's segment form), each coordinate divided by the image's width or height.
 */
export function yoloLine(image: LabeledImage, label: LabeledImage['labels'][number]): string {
  const { width: w, height: h } = image;
  if (label.shape.kind === 'polygon')
    return [label.classIndex, ...label.shape.points.flatMap(([x, y]) => [unit(x, w), unit(y, h)])].join(' ');
  const [x, y, bw, bh] = shapeBox(label.shape);
  return [label.classIndex, unit(x + bw / 2, w), unit(y + bh / 2, h), unit(bw, w), unit(bh, h)].join(' ');
}

/** `data.yaml`: the class names by YOLO id (JSON strings are YAML double-quoted scalars). */
export function dataYaml(classes: readonly string[]): string {
  const names = classes.map((name, i) => `  ${i}: ${JSON.stringify(name)}`).join('\n');
  return `# Batchyard task export: put each image in images/ beside labels/, under the same stem.\npath: .\ntrain: images\nval: images\nnc: ${classes.length}\nnames:${classes.length === 0 ? ' {}' : `\n${names}`}\n`;
}

/** A YOLO dataset's zip: `data.yaml` and `labels/<image stem>.txt` per image (empty when it has no labels). */
export function yoloZip(
  images: AsyncIterable<LabeledImage>,
  classes: readonly string[],
  now: Date,
): AsyncIterable<Buffer> {
  const stems = new ImageStems();
  async function* entries(): AsyncGenerator<ZipEntry> {
    yield { name: 'data.yaml', data: Buffer.from(dataYaml(classes)) };
    for await (const image of images) {
      const lines = image.labels.map((label) => `${yoloLine(image, label)}\n`).join('');
      // Stored: a few dozen bytes gain nothing from deflate, which costs a zlib stream an entry.
      yield {
        name: `labels/${stems.stem(image.file, image.taskId)}.txt`,
        data: Buffer.from(lines),
        store: true,
      };
    }
  }
  return zipFile(entries(), now);
}
