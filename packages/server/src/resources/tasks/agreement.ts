/**
 * Agreement between annotations of one task (consensus, gold answers): pure, no store.
 *
 * Two annotations' `data` objects score from 0 (nothing in common) to 1 (the same work):
 * - the score is the mean of a per-field score over the union of the top-level fields of both;
 *   `image` (the image's size, an input of the label convention rather than work) is left out when
 *   either side has `labels`; nothing to compare at all (`{}` and `{}`) is 1;
 * - `labels` (the label convention, docs/tasks.md "Labels"): labels are matched one to one within a
 *   class so that the sum of the matched pairs' IoU is the largest possible; the field scores
 *   sum of matched IoUs / max(count a, count b) (1 when both have none), an F-style measure that
 *   costs a missing or an extra label as much as a wrong one;
 * - any other field: 1 when the values are deeply equal (strings, numbers, booleans, null, arrays in
 *   order, objects by keys), else 0; a field present on one side only is 0.
 *
 * IoU of two shapes of the same class, whatever their kinds:
 * - box and box: exact;
 * - boxes and polygons: areas integrated over 1,024 horizontal lines spread over the pair's vertical
 *   extent; on each line the inside spans (even-odd rule) are exact, so the only error is the line
 *   spacing (well under 1 % for ordinary shapes; the same shape twice is exactly 1);
 * - a mask against anything: pixels, a box or polygon covering the pixels whose centre lies inside
 *   it (as the masks export draws it), masks of different sizes share nothing.
 * A label that is not a valid shape (no class, no or several shapes, a malformed one) agrees only
 * with a deeply equal label. With more than 60 labels of one class on a side, the matching is greedy
 * (best pairs first, the better of both directions) instead of optimal, to bound its cost.
 */

type Point = [number, number];
type Shape =
  | { kind: 'poly'; points: Point[]; box: Box }
  | { kind: 'mask'; height: number; width: number; counts: number[] };
type Box = { x0: number; y0: number; x1: number; y1: number };
type Label = { cls: string; shape: Shape } | { cls: string; raw: unknown };

/** Lines over a pair's vertical extent when integrating polygon areas. */
const SCAN_LINES = 1024;
/** Largest class size matched optimally (the Hungarian method is cubic). */
const OPTIMAL_MATCH_LIMIT = 60;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** How far two annotations' data agree, from 0 to 1 (see the rules above). Symmetric. */
export function agreementScore(a: unknown, b: unknown): number {
  if (!isObject(a) || !isObject(b)) return deepEqual(a, b) ? 1 : 0;
  const withLabels = 'labels' in a || 'labels' in b;
  const fields = new Set([...Object.keys(a), ...Object.keys(b)]);
  if (withLabels) fields.delete('image');
  if (fields.size === 0) return 1;
  let sum = 0;
  for (const field of fields) {
    // Labels absent or null are an image without labels, as in the label convention.
    if (field === 'labels') sum += labelsScore(a.labels, b.labels);
    else if (field in a && field in b && deepEqual(a[field], b[field])) sum += 1;
  }
  return clamp(sum / fields.size);
}

/**
 * The agreement of several annotations: the mean of every pair's score, and the majority, the
 * annotation agreeing most with the others (the sum of its scores; the earliest on a tie). One
 * annotation scores 1; none scores 1 with no majority (-1).
 */
export function consensusScore(annotations: unknown[]): { score: number; majorityIndex: number } {
  const n = annotations.length;
  if (n === 0) return { score: 1, majorityIndex: -1 };
  if (n === 1) return { score: 1, majorityIndex: 0 };
  const sums = new Array<number>(n).fill(0);
  let total = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const s = agreementScore(annotations[i], annotations[j]);
      sums[i]! += s;
      sums[j]! += s;
      total += s;
    }
  }
  let majorityIndex = 0;
  for (let i = 1; i < n; i++) if (sums[i]! > sums[majorityIndex]! + 1e-12) majorityIndex = i;
  return { score: clamp(total / ((n * (n - 1)) / 2)), majorityIndex };
}

/** Rounds away float noise (so a ≈ b ⇒ equal scores) and keeps the score in [0, 1]. */
function clamp(score: number): number {
  return Math.min(1, Math.max(0, Math.round(score * 1e9) / 1e9));
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a))
    return Array.isArray(b) && a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

// ---- Labels ---------------------------------------------------------------------------------

function labelsScore(a: unknown, b: unknown): number {
  const la = a === null || a === undefined ? [] : a;
  const lb = b === null || b === undefined ? [] : b;
  if (!Array.isArray(la) || !Array.isArray(lb)) return deepEqual(a, b) ? 1 : 0;
  const most = Math.max(la.length, lb.length);
  if (most === 0) return 1;
  const byClass = (labels: unknown[]) => {
    const groups = new Map<string, Label[]>();
    for (const raw of labels) {
      const label = readLabel(raw);
      const group = groups.get(label.cls) ?? [];
      group.push(label);
      groups.set(label.cls, group);
    }
    return groups;
  };
  const ga = byClass(la);
  const gb = byClass(lb);
  let matched = 0;
  for (const [cls, as] of ga) {
    const bs = gb.get(cls);
    if (bs) matched += bestMatching(as.map((x) => bs.map((y) => labelIoU(x, y))));
  }
  return Math.min(1, matched / most);
}

/** Invalid labels are grouped under a class no valid label has, and compared whole. */
const INVALID = '\u0000invalid';

function readLabel(raw: unknown): Label {
  if (!isObject(raw) || typeof raw.class !== 'string' || raw.class === '') return { cls: INVALID, raw };
  const shape = readShape(raw);
  return shape ? { cls: raw.class, shape } : { cls: INVALID, raw };
}

function readShape(raw: Record<string, unknown>): Shape | undefined {
  const kinds = (['bbox', 'polygon', 'mask'] as const).filter((k) => raw[k] !== undefined);
  if (kinds.length !== 1) return undefined;
  if (kinds[0] === 'bbox') {
    const b = raw.bbox;
    if (!Array.isArray(b) || b.length !== 4 || !b.every(isNumber)) return undefined;
    const [x, y, w, h] = b as number[] as [number, number, number, number];
    if (w <= 0 || h <= 0) return undefined;
    const points: Point[] = [
      [x, y],
      [x + w, y],
      [x + w, y + h],
      [x, y + h],
    ];
    return { kind: 'poly', points, box: { x0: x, y0: y, x1: x + w, y1: y + h } };
  }
  if (kinds[0] === 'polygon') {
    const p = raw.polygon;
    if (!Array.isArray(p) || p.length < 3) return undefined;
    if (!p.every((q) => Array.isArray(q) && q.length === 2 && q.every(isNumber))) return undefined;
    const points = p as Point[];
    const box = boundsOf(points);
    if (box.x1 <= box.x0 || box.y1 <= box.y0) return undefined;
    return { kind: 'poly', points, box };
  }
  const rle = isObject(raw.mask) ? raw.mask.rle : undefined;
  if (!isObject(rle) || !Array.isArray(rle.size) || !Array.isArray(rle.counts)) return undefined;
  const [height, width] = rle.size as unknown[];
  if (
    !Number.isInteger(height) ||
    !Number.isInteger(width) ||
    (height as number) < 1 ||
    (width as number) < 1
  )
    return undefined;
  let total = 0;
  for (const c of rle.counts as unknown[]) {
    if (!Number.isInteger(c) || (c as number) < 0) return undefined;
    total += c as number;
  }
  if (total !== (height as number) * (width as number)) return undefined;
  return { kind: 'mask', height: height as number, width: width as number, counts: rle.counts as number[] };
}

function boundsOf(points: readonly Point[]): Box {
  let [x0, y0] = points[0]!;
  let [x1, y1] = points[0]!;
  for (const [x, y] of points) {
    x0 = Math.min(x0, x);
    x1 = Math.max(x1, x);
    y0 = Math.min(y0, y);
    y1 = Math.max(y1, y);
  }
  return { x0, y0, x1, y1 };
}

function labelIoU(a: Label, b: Label): number {
  if (!('shape' in a) || !('shape' in b)) return 'raw' in a && 'raw' in b && deepEqual(a.raw, b.raw) ? 1 : 0;
  const sa = a.shape;
  const sb = b.shape;
  // The same shape twice is 1 even when it covers nothing (a polygon whose points are on a line, an
  // empty mask), where the ratio of areas would be 0 / 0.
  if (deepEqual(sa, sb)) return 1;
  if (sa.kind === 'poly' && sb.kind === 'poly') return polygonIoU(sa, sb);
  return pixelIoU(sa, sb);
}

// ---- Matching -------------------------------------------------------------------------------

/** The largest sum of IoUs of a one-to-one matching between rows and columns of `iou`. */
function bestMatching(iou: number[][]): number {
  const rows = iou.length;
  const cols = iou[0]?.length ?? 0;
  if (rows === 0 || cols === 0) return 0;
  if (Math.max(rows, cols) > OPTIMAL_MATCH_LIMIT) {
    const transposed = Array.from({ length: cols }, (_, j) => iou.map((row) => row[j]!));
    return Math.max(greedy(iou), greedy(transposed));
  }
  // The Hungarian method (rows ≤ columns) on the cost 1 - IoU: every row is assigned, and a pair
  // that shares nothing adds 0, so the least cost is the largest sum of IoUs.
  const m = rows <= cols ? iou : Array.from({ length: cols }, (_, j) => iou.map((row) => row[j]!));
  const n = m.length;
  const k = m[0]!.length;
  const u = new Array<number>(n + 1).fill(0);
  const v = new Array<number>(k + 1).fill(0);
  const p = new Array<number>(k + 1).fill(0);
  const way = new Array<number>(k + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Array<number>(k + 1).fill(Infinity);
    const used = new Array<boolean>(k + 1).fill(false);
    do {
      used[j0] = true;
      const i0 = p[j0]!;
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= k; j++) {
        if (used[j]) continue;
        const cur = 1 - m[i0 - 1]![j - 1]! - u[i0]! - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= k; j++) {
        if (used[j]) {
          u[p[j]!]! += delta;
          v[j]! -= delta;
        } else minv[j]! -= delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0]!;
      p[j0] = p[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  let sum = 0;
  for (let j = 1; j <= k; j++) if (p[j]! > 0) sum += m[p[j]! - 1]![j - 1]!;
  return sum;
}

/** Best pairs first, each row and column used once (ties: the lower row, then column). */
function greedy(iou: number[][]): number {
  const pairs: [number, number, number][] = [];
  iou.forEach((row, i) => row.forEach((s, j) => s > 0 && pairs.push([s, i, j])));
  pairs.sort((x, y) => y[0] - x[0] || x[1] - y[1] || x[2] - y[2]);
  const usedRows = new Set<number>();
  const usedCols = new Set<number>();
  let sum = 0;
  for (const [s, i, j] of pairs) {
    if (usedRows.has(i) || usedCols.has(j)) continue;
    usedRows.add(i);
    usedCols.add(j);
    sum += s;
  }
  return sum;
}

// ---- Geometry -------------------------------------------------------------------------------

/** Where a line crosses a polygon's edges, in pairs (inside spans, even-odd rule). `axis` 1: y = c. */
function spans(points: readonly Point[], c: number, axis: 0 | 1): [number, number][] {
  const along = axis === 1 ? 0 : 1;
  const xs: number[] = [];
  for (let i = 0; i < points.length; i++) {
    const p0: Point = points[i]!;
    const p1: Point = points[(i + 1) % points.length]!;
    // Half-open, so a vertex shared by two edges counts once.
    if (p0[axis] <= c !== p1[axis] <= c)
      xs.push(p0[along] + ((c - p0[axis]) * (p1[along] - p0[along])) / (p1[axis] - p0[axis]));
  }
  xs.sort((x, y) => x - y);
  const out: [number, number][] = [];
  for (let i = 0; i + 1 < xs.length; i += 2) out.push([xs[i]!, xs[i + 1]!]);
  return out;
}

const spansLength = (s: readonly [number, number][]) => s.reduce((t, [x0, x1]) => t + x1 - x0, 0);

function overlapLength(a: readonly [number, number][], b: readonly [number, number][]): number {
  let total = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const lo = Math.max(a[i]![0], b[j]![0]);
    const hi = Math.min(a[i]![1], b[j]![1]);
    if (hi > lo) total += hi - lo;
    if (a[i]![1] < b[j]![1]) i++;
    else j++;
  }
  return total;
}

function polygonIoU(a: Extract<Shape, { kind: 'poly' }>, b: Extract<Shape, { kind: 'poly' }>): number {
  const { box: ba } = a;
  const { box: bb } = b;
  if (ba.x1 <= bb.x0 || bb.x1 <= ba.x0 || ba.y1 <= bb.y0 || bb.y1 <= ba.y0) return 0;
  if (a.points.length === 4 && b.points.length === 4 && isBox(a) && isBox(b)) {
    const inter =
      (Math.min(ba.x1, bb.x1) - Math.max(ba.x0, bb.x0)) * (Math.min(ba.y1, bb.y1) - Math.max(ba.y0, bb.y0));
    const areaA = (ba.x1 - ba.x0) * (ba.y1 - ba.y0);
    const areaB = (bb.x1 - bb.x0) * (bb.y1 - bb.y0);
    return inter / (areaA + areaB - inter);
  }
  const top = Math.min(ba.y0, bb.y0);
  const step = (Math.max(ba.y1, bb.y1) - top) / SCAN_LINES;
  let areaA = 0;
  let areaB = 0;
  let inter = 0;
  for (let line = 0; line < SCAN_LINES; line++) {
    const y = top + (line + 0.5) * step;
    const sa = spans(a.points, y, 1);
    const sb = spans(b.points, y, 1);
    areaA += spansLength(sa);
    areaB += spansLength(sb);
    inter += overlapLength(sa, sb);
  }
  const union = areaA + areaB - inter;
  return union > 0 ? inter / union : 0;
}

/** A box read from `bbox` (its four corners in that order), whose area is exact. */
function isBox(s: Extract<Shape, { kind: 'poly' }>): boolean {
  const [p0, p1, p2, p3] = s.points as [Point, Point, Point, Point];
  return p0[1] === p1[1] && p1[0] === p2[0] && p2[1] === p3[1] && p3[0] === p0[0];
}

/**
 * Pixel IoU where a mask is involved: column by column, a mask's foreground runs against the other
 * shape's pixels (a mask's runs, or the pixel centres inside a box or polygon).
 */
function pixelIoU(a: Shape, b: Shape): number {
  const mask = a.kind === 'mask' ? a : (b as Extract<Shape, { kind: 'mask' }>);
  const other = mask === a ? b : a;
  if (other.kind === 'mask' && (other.height !== mask.height || other.width !== mask.width)) return 0;
  const columnsA = maskColumns(mask);
  const columnsB =
    other.kind === 'mask'
      ? maskColumns(other)
      : shapeColumns(other.points, other.box, mask.height, mask.width);
  let areaA = 0;
  let areaB = 0;
  let inter = 0;
  for (const s of columnsA.values()) areaA += spansLength(s);
  for (const [x, s] of columnsB) {
    areaB += spansLength(s);
    const m = columnsA.get(x);
    if (m) inter += overlapLength(m, s);
  }
  const union = areaA + areaB - inter;
  return union > 0 ? inter / union : 0;
}

/** A mask's foreground as row spans [first, last + 1) per column (column-major runs). */
function maskColumns(mask: Extract<Shape, { kind: 'mask' }>): Map<number, [number, number][]> {
  const columns = new Map<number, [number, number][]>();
  const h = mask.height;
  let at = 0;
  mask.counts.forEach((run, i) => {
    if (i % 2 === 1) {
      let p = at;
      const end = at + run;
      while (p < end) {
        const x = Math.floor(p / h);
        const stop = Math.min(end, (x + 1) * h);
        const column = columns.get(x) ?? [];
        const last = column[column.length - 1];
        if (last && last[1] === p - x * h) last[1] = stop - x * h;
        else column.push([p - x * h, stop - x * h]);
        columns.set(x, column);
        p = stop;
      }
    }
    at += run;
  });
  return columns;
}

/** The pixels of a box or polygon in an image, as row spans [first, last + 1) per column. */
function shapeColumns(points: readonly Point[], box: Box, height: number, width: number) {
  const columns = new Map<number, [number, number][]>();
  const first = Math.max(0, Math.ceil(box.x0 - 0.5));
  const last = Math.min(width, Math.ceil(box.x1 - 0.5));
  for (let x = first; x < last; x++) {
    const column: [number, number][] = [];
    for (const [y0, y1] of spans(points, x + 0.5, 0)) {
      const start = Math.max(0, Math.ceil(y0 - 0.5));
      const end = Math.min(height, Math.ceil(y1 - 0.5));
      if (end > start) column.push([start, end]);
    }
    if (column.length > 0) columns.set(x, column);
  }
  return columns;
}
