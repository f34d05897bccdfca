import { labelBox, type LabeledImage } from './convention.js';
import type { Keypoint } from './keypoints.js';
import type { LabelWriting } from './read.js';
import { ImageStems, zipFile, type ZipEntry } from './zip.js';

/**
 * A coordinate normalised by the image's side, six decimals (YOLO's text form):
 * `Number((value / side).toFixed(6)).toString()`, four times a box. Away from a tie, rounding
 * q × 10⁶ (off by far less than 10⁻⁶ below 10⁹) gives toFixed's digits r, and r / 10⁶, a
 * correctly rounded division, is the number those digits parse to; near a tie, toFixed decides.
 */
export function unit(value: number, side: number): string {
  const q = value / side;
  const scaled = q * 1e6;
  const r = Math.round(scaled);
  if (Math.abs(scaled) < 1e9 && Math.abs(Math.abs(scaled - r) - 0.5) > 1e-6) return micros(r);
  return Number(q.toFixed(6)).toString();
}

const ZEROS = ['', '0', '00', '000', '0000', '00000'];

/**
 * `String(r / 1e6)` for an integer |r| < 10⁹, from r's digits: r × 10⁻⁶ has at most 15 significant
 * digits, so it is the shortest text that reads back as that quotient (what String writes), and
 * it is written here without dividing. About half the time of String on a double (measured on
 * 3,000,000 coordinates; this is a YOLO export's most frequent call, four times a box).
 */
function micros(r: number): string {
  if (r === 0) return '0';
  const a = r < 0 ? -r : r;
  const whole = Math.floor(a / 1e6);
  let fraction = a - whole * 1e6;
  const head = r < 0 ? `-${whole}` : `${whole}`;
  if (fraction === 0) return head;
  let digits = 6;
  while (fraction % 10 === 0) {
    fraction /= 10;
    digits--;
  }
  const tail = `${fraction}`;
  return `${head}.${ZEROS[digits - tail.length]!}${tail}`;
}

/**
 * A YOLO label line: `class cx cy w h` for a box, a mask (its bounding box) or a keypoint-only
 * label (its keypoints' box), `class x1 y1 x2 y2 …` for a polygon (YOLO's segment form), each
 * coordinate divided by the image's width or height. In a pose dataset (`pose`: the keypoints
 * every line has) every line is `class cx cy w h` and then `x y v` per keypoint, `0 0 0` for each
 * of a label without keypoints (a polygon gives its box).
 */
export function yoloLine(
  image: LabeledImage,
  label: LabeledImage['labels'][number],
  pose: number | null = null,
): string {
  const { width: w, height: h } = image;
  if (label.shape?.kind === 'bbox' && pose === null) {
    const [x, y, bw, bh] = label.shape.box;
    return `${label.classIndex} ${unit(x + bw / 2, w)} ${unit(y + bh / 2, h)} ${unit(bw, w)} ${unit(bh, h)}`;
  }
  if (label.shape?.kind === 'polygon' && pose === null)
    return [label.classIndex, ...label.shape.points.flatMap(([x, y]) => [unit(x, w), unit(y, h)])].join(' ');
  const [x, y, bw, bh] = labelBox(label);
  const line = [label.classIndex, unit(x + bw / 2, w), unit(y + bh / 2, h), unit(bw, w), unit(bh, h)];
  if (pose === null) return line.join(' ');
  const points: readonly Keypoint[] = label.keypoints ?? Array.from({ length: pose }, () => [0, 0, 0]);
  return [...line, ...points.flatMap(([px, py, v]) => [unit(px, w), unit(py, h), v])].join(' ');
}

/** `data.yaml`: the class names by YOLO id (JSON strings are YAML double-quoted scalars), and `kpt_shape` for a pose dataset. */
export function dataYaml(classes: readonly string[], pose: number | null = null): string {
  const names = classes.map((name, i) => `  ${i}: ${JSON.stringify(name)}`).join('\n');
  const kpt = pose === null ? '' : `kpt_shape: [${pose}, 3]\n`;
  return `# Batchyard task export: put each image in images/ beside labels/, under the same stem.\npath: .\ntrain: images\nval: images\n${kpt}nc: ${classes.length}\nnames:${classes.length === 0 ? ' {}' : `\n${names}`}\n`;
}

/** A YOLO dataset's zip: `data.yaml` and `labels/<image stem>.txt` per image (empty when it has no labels). */
export function yoloZip(images: AsyncIterable<LabeledImage[]>, writing: LabelWriting): AsyncIterable<Buffer> {
  const { classes, pose, tally } = writing;
  const stems = new ImageStems();
  async function* entries(): AsyncGenerator<ZipEntry | ZipEntry[]> {
    yield { name: 'data.yaml', data: Buffer.from(dataYaml(classes, pose)) };
    for await (const page of images) {
      const batch: ZipEntry[] = [];
      for (const image of page) {
        let lines = '';
        for (const label of image.labels) {
          if (label.keypoints) {
            if (pose === null) tally.keypointsLeftOut++;
            else tally.keypointLabels++;
          }
          lines += `${yoloLine(image, label, pose)}\n`;
        }
        // Stored: a few dozen bytes gain nothing from deflate, which costs a zlib stream an entry.
        batch.push({
          name: `labels/${stems.stem(image.file, image.taskId)}.txt`,
          data: Buffer.from(lines),
          store: true,
        });
      }
      yield batch;
    }
  }
  return zipFile(entries(), writing.now);
}
