import {
  readKeypoints,
  readKeypointSpec,
  keypointsBox,
  type Keypoint,
  type KeypointSpec,
} from './keypoints.js';
import { LABEL_LIMITS } from './limits.js';
import { pngMaskCounts } from './png-mask.js';
import { decodeRle } from './rle.js';

/**
 * The label convention in task data (docs/tasks.md, "Labels"): the image is the task's
 * `resources[0]`, its size is `data.image: {width, height}` and its labels are `data.labels`, each
 * `{class, bbox | polygon | mask, keypoints?}` in pixels. This file reads one exported task into an
 * image and its labels, saying why when it cannot (the export reports such tasks and labels, never
 * drops them silently).
 */

export { LABEL_LIMITS } from './limits.js';
export type { Keypoint, KeypointSpec } from './keypoints.js';

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
  /**
   * COCO's RLE counts: runs over the pixels in column-major order, background first. `compressed`:
   * COCO writes it as the compressed string (given so, or read from a PNG) rather than the list.
   */
  | { kind: 'mask'; size: [number, number]; counts: number[]; compressed: boolean };

export interface Label {
  /** Index of the label's class in the export's class list (0-based). */
  classIndex: number;
  /** Null for a keypoint-only label. */
  shape: Shape | null;
  keypoints: Keypoint[] | null;
  /** The label's own `keypointNames` and `skeleton`, when it gives them. */
  keypointSpec: KeypointSpec | null;
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

/** Why a task or one of its labels is left out (`label` is the label's index in `data.labels`). */
export interface Skip {
  taskId: string;
  label?: number;
  reason: string;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * The image of a task (`file` its `resources[0]`, `image` its `data.image` `{width, height}`), or
 * why the task cannot be exported.
 */
export function readImage(
  file: unknown,
  image: unknown,
): { file: string; width: number; height: number } | string {
  if (typeof file !== 'string' || file === '') return 'no image: resources[0] is missing';
  if (!isObject(image)) return 'no image size: data.image {width, height} is missing';
  const { width, height } = image;
  if (!isSide(width)) return sideError('width');
  if (!isSide(height)) return sideError('height');
  return { file, width, height };
}

const isSide = (v: unknown): v is number =>
  Number.isInteger(v) && (v as number) >= 1 && (v as number) <= LABEL_LIMITS.side;
const sideError = (name: string) =>
  `data.image.${name} must be a whole number of pixels from 1 to ${LABEL_LIMITS.side}`;

/** The raw labels of a task (the value of `data.labels`; none when absent), or why they cannot be read. */
export function rawLabels(labels: unknown): unknown[] | string {
  if (labels === undefined || labels === null) return [];
  return Array.isArray(labels) ? labels : 'data.labels must be an array';
}

const SHAPE_KINDS = ['bbox', 'polygon', 'mask'] as const;

/** The class name of a raw label, when it has one. */
export function labelClass(raw: unknown): string | undefined {
  const name = isObject(raw) ? raw.class : undefined;
  return typeof name === 'string' && name !== '' ? name : undefined;
}

/**
 * A label's shape and keypoints checked against its image: at most one of bbox, polygon or mask,
 * and keypoints, at least one of them; every point inside the image (0 ≤ x ≤ width, 0 ≤ y ≤
 * height), boxes and polygons of positive area, masks of the image's size.
 */
export function readLabel(
  raw: Record<string, unknown>,
  width: number,
  height: number,
): Pick<Label, 'shape' | 'keypoints' | 'keypointSpec'> | string {
  // Counted by hand: an array per label (filter) is a measurable share of a box export.
  let kind: 'bbox' | 'polygon' | 'mask' | undefined;
  let kinds = 0;
  for (const k of SHAPE_KINDS)
    if (raw[k] !== undefined) {
      kind = k;
      kinds++;
    }
  if (kinds > 1 || (kinds === 0 && raw.keypoints === undefined))
    return 'a label needs one of bbox, polygon or mask, or keypoints (with at most one of those)';
  let keypoints: Keypoint[] | null = null;
  let keypointSpec: KeypointSpec | null = null;
  if (raw.keypoints !== undefined) {
    const read = readKeypoints(raw.keypoints, width, height);
    if (typeof read === 'string') return read;
    keypoints = read;
    if (kinds === 0 && keypointsBox(read) === null)
      return 'a keypoint-only label needs a labelled keypoint (v 1 or 2) to have a box';
    if (raw.keypointNames !== undefined || raw.skeleton !== undefined) {
      const spec = readKeypointSpec(raw.keypointNames, raw.skeleton, read.length);
      if (typeof spec === 'string') return spec;
      keypointSpec = spec;
    }
  } else if (raw.keypointNames !== undefined || raw.skeleton !== undefined)
    return 'keypointNames and skeleton go with keypoints';
  const shape = kind === undefined ? null : readShape(kind, raw, width, height);
  if (typeof shape === 'string') return shape;
  return { shape, keypoints, keypointSpec };
}

function readShape(
  kind: 'bbox' | 'polygon' | 'mask',
  raw: Record<string, unknown>,
  width: number,
  height: number,
): Shape | string {
  const inside = (x: number, y: number) => x >= 0 && y >= 0 && x <= width && y <= height;
  if (kind === 'bbox') {
    const b = raw.bbox;
    if (!Array.isArray(b) || b.length !== 4 || !b.every(isNumber))
      return 'bbox must be [x, y, width, height]';
    const box = b as Box;
    if (box[2] <= 0 || box[3] <= 0) return 'bbox width and height must be positive';
    if (!inside(box[0], box[1]) || !inside(box[0] + box[2], box[1] + box[3]))
      return 'bbox lies outside the image';
    return { kind: 'bbox', box };
  }
  if (kind === 'polygon') {
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
  const counts = readMask(raw.mask, width, height);
  if (typeof counts === 'string') return counts;
  let total = 0;
  for (const c of counts.counts) {
    if (!Number.isInteger(c) || c < 0) return 'mask counts must be whole numbers ≥ 0';
    total += c;
  }
  if (total !== width * height) return 'mask counts do not add up to height × width';
  if (maskArea(counts.counts) === 0) return 'mask is empty';
  return { kind: 'mask', size: [height, width], ...counts };
}

/** A mask's RLE counts: given as a list or as COCO's compressed string, or read from a PNG. */
function readMask(
  m: unknown,
  width: number,
  height: number,
): { counts: number[]; compressed: boolean } | string {
  const form =
    'mask must be {rle: {size: [height, width], counts: [...] or "<compressed>"}} or {png: "<base64>"}';
  if (!isObject(m)) return form;
  if (m.png !== undefined && m.rle !== undefined) return form;
  if (m.png !== undefined) {
    if (typeof m.png !== 'string') return form;
    const counts = pngMaskCounts(m.png, width, height);
    return typeof counts === 'string' ? counts : { counts, compressed: true };
  }
  const rle = m.rle;
  if (!isObject(rle) || !Array.isArray(rle.size)) return form;
  if (rle.size[0] !== height || rle.size[1] !== width) return 'mask size differs from the image size';
  if (Array.isArray(rle.counts)) return { counts: rle.counts as number[], compressed: false };
  if (typeof rle.counts !== 'string') return form;
  const counts = decodeRle(rle.counts);
  return typeof counts === 'string' ? counts : { counts, compressed: true };
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

/**
 * A label's box: its shape's, or for a keypoint-only label the box of its labelled keypoints
 * (never null: a keypoint-only label without one is refused when read).
 */
export const labelBox = (label: Label): Box =>
  label.shape ? shapeBox(label.shape) : (keypointsBox(label.keypoints ?? []) ?? [0, 0, 0, 0]);

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
