/**
 * The label convention in task data (docs/tasks.md, "Labels"): the image is the task's
 * `resources[0]`, its size is `data.image: {width, height}` and its labels are `data.labels`, each
 * `{class, bbox | polygon | mask}` in pixels. This file reads one exported task into an image and
 * its labels, saying why when it cannot (the export reports such tasks and labels, never drops them
 * silently).
 */

/** The export formats of images and their labels (the others export tasks). */
export const LABEL_FORMATS = ['coco', 'yolo', 'voc', 'masks'] as const;
export type LabelFormat = (typeof LABEL_FORMATS)[number];
export const isLabelFormat = (format: string): format is LabelFormat =>
  (LABEL_FORMATS as readonly string[]).includes(format);

/** A box: `[x, y, width, height]`, the top-left corner and the size, in pixels. */
export type Box = [number, number, number, number];

export type Shape =
  | { kind: 'bbox'; box: Box }
  /** A closed polygon, at least 3 points `[x, y]`. */
  | { kind: 'polygon'; points: [number, number][] }
  /** COCO's uncompressed RLE: runs over the pixels in column-major order, background first. */
  | { kind: 'mask'; size: [number, number]; counts: number[] };

export interface Label {
  /** Index of the label's class in the export's class list (0-based). */
  classIndex: number;
  shape: Shape;
  iscrowd: boolean;
}

export interface LabeledImage {
  taskId: string;
  taskName: string;
  /** `resources[0]` as it is. */
  file: string;
  width: number;
  height: number;
  labels: Label[];
}

/** A task as the export reads it (its JSON line). */
export interface ExportedTask {
  id: string;
  name: string;
  resources: unknown;
  data: unknown;
}

/** Why a task or one of its labels is left out (`label` is the label's index in `data.labels`). */
export interface Skip {
  taskId: string;
  label?: number;
  reason: string;
}

/** Bounds of the convention (documented in docs/tasks.md). */
export const LABEL_LIMITS = {
  /** Largest image side, in pixels. */
  side: 100_000,
  /** Classes of one export (a mask's pixel is one byte: 255 classes and the background). */
  classes: 1000,
  maskClasses: 255,
  /** Pixels of one semantic mask (one byte each, held while the PNG is written). */
  maskPixels: 50_000_000,
} as const;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The image of a task (resource and size), or why the task cannot be exported. */
export function readImage(task: ExportedTask): { file: string; width: number; height: number } | string {
  const file = Array.isArray(task.resources) ? (task.resources[0] as unknown) : undefined;
  if (typeof file !== 'string' || file === '') return 'no image: resources[0] is missing';
  const image = isObject(task.data) ? task.data.image : undefined;
  if (!isObject(image)) return 'no image size: data.image {width, height} is missing';
  const { width, height } = image;
  for (const [name, v] of [
    ['width', width],
    ['height', height],
  ] as const) {
    if (!Number.isInteger(v) || (v as number) < 1 || (v as number) > LABEL_LIMITS.side)
      return `data.image.${name} must be a whole number of pixels from 1 to ${LABEL_LIMITS.side}`;
  }
  return { file, width: width as number, height: height as number };
}

/** The raw labels of a task (`data.labels`; none when absent), or why they cannot be read. */
export function rawLabels(task: ExportedTask): unknown[] | string {
  const labels = isObject(task.data) ? task.data.labels : undefined;
  if (labels === undefined || labels === null) return [];
  return Array.isArray(labels) ? labels : 'data.labels must be an array';
}

/** The class name of a raw label, when it has one. */
export function labelClass(raw: unknown): string | undefined {
  const name = isObject(raw) ? raw.class : undefined;
  return typeof name === 'string' && name !== '' ? name : undefined;
}

/**
 * A label's shape checked against its image: one of bbox, polygon or mask, every point inside the
 * image (0 ≤ x ≤ width, 0 ≤ y ≤ height), boxes and polygons of positive area, masks of the image's size.
 */
export function readShape(raw: Record<string, unknown>, width: number, height: number): Shape | string {
  const kinds = (['bbox', 'polygon', 'mask'] as const).filter((k) => raw[k] !== undefined);
  if (kinds.length !== 1) return 'a label needs exactly one of bbox, polygon or mask';
  const inside = (x: number, y: number) => x >= 0 && y >= 0 && x <= width && y <= height;
  if (kinds[0] === 'bbox') {
    const b = raw.bbox;
    if (!Array.isArray(b) || b.length !== 4 || !b.every(isNumber))
      return 'bbox must be [x, y, width, height]';
    const box = b as Box;
    if (box[2] <= 0 || box[3] <= 0) return 'bbox width and height must be positive';
    if (!inside(box[0], box[1]) || !inside(box[0] + box[2], box[1] + box[3]))
      return 'bbox lies outside the image';
    return { kind: 'bbox', box };
  }
  if (kinds[0] === 'polygon') {
    const p = raw.polygon;
    if (!Array.isArray(p) || p.length < 3) return 'polygon must be at least 3 points [x, y]';
    for (const point of p as unknown[]) {
      if (!Array.isArray(point) || point.length !== 2 || !point.every(isNumber))
        return 'polygon must be at least 3 points [x, y]';
      if (!inside(point[0] as number, point[1] as number)) return 'polygon lies outside the image';
    }
    const points = p as [number, number][];
    if (polygonArea(points) === 0) return 'polygon has no area';
    return { kind: 'polygon', points };
  }
  const m = raw.mask;
  const rle = isObject(m) ? m.rle : undefined;
  if (!isObject(rle) || !Array.isArray(rle.size) || !Array.isArray(rle.counts))
    return 'mask must be {rle: {size: [height, width], counts: [...]}}';
  if (rle.size[0] !== height || rle.size[1] !== width) return 'mask size differs from the image size';
  let total = 0;
  for (const c of rle.counts as unknown[]) {
    if (!Number.isInteger(c) || (c as number) < 0) return 'mask counts must be whole numbers ≥ 0';
    total += c as number;
  }
  if (total !== width * height) return 'mask counts do not add up to height × width';
  const counts = rle.counts as number[];
  if (maskArea(counts) === 0) return 'mask is empty';
  return { kind: 'mask', size: [height, width], counts };
}

/** A label's `iscrowd` (COCO's flag; false unless the label says true). */
export const labelCrowd = (raw: Record<string, unknown>): boolean => raw.iscrowd === true;

// ---- Geometry --------------------------------------------------------------------------------

/** Area of a simple polygon by the shoelace formula. */
export function polygonArea(points: readonly [number, number][]): number {
  let twice = 0;
  for (let i = 0; i < points.length; i++) {
    const [x0, y0] = points[i]!;
    const [x1, y1] = points[(i + 1) % points.length]!;
    twice += x0 * y1 - x1 * y0;
  }
  return Math.abs(twice) / 2;
}

/** Foreground pixels of an RLE (the odd runs). */
export function maskArea(counts: readonly number[]): number {
  let area = 0;
  for (let i = 1; i < counts.length; i += 2) area += counts[i]!;
  return area;
}

/** The area a label covers: a box's, a polygon's, or a mask's pixel count. */
export function shapeArea(shape: Shape): number {
  if (shape.kind === 'bbox') return shape.box[2] * shape.box[3];
  if (shape.kind === 'polygon') return polygonArea(shape.points);
  return maskArea(shape.counts);
}

/** The bounding box of a shape (for a mask, of its pixels, as pycocotools' `toBbox` gives it). */
export function shapeBox(shape: Shape): Box {
  if (shape.kind === 'bbox') return shape.box;
  if (shape.kind === 'polygon') {
    // A loop, not Math.min(...xs): a polygon may have more points than a call takes arguments.
    let [minX, minY] = shape.points[0]!;
    let [maxX, maxY] = shape.points[0]!;
    for (const [x, y] of shape.points) {
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
    return [minX, minY, maxX - minX, maxY - minY];
  }
  const h = shape.size[0];
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -1;
  let maxY = -1;
  let at = 0;
  shape.counts.forEach((run, i) => {
    if (i % 2 === 1 && run > 0) {
      const first = at;
      const last = at + run - 1;
      const x0 = Math.floor(first / h);
      const x1 = Math.floor(last / h);
      minX = Math.min(minX, x0);
      maxX = Math.max(maxX, x1);
      // A run over more than one column covers every row.
      minY = Math.min(minY, x0 === x1 ? first % h : 0);
      maxY = Math.max(maxY, x0 === x1 ? last % h : h - 1);
    }
    at += run;
  });
  return [minX, minY, maxX - minX + 1, maxY - minY + 1];
}
