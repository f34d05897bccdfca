// The labels benchmark's tasks: task i is an image of one of three sizes with 1–3 boxes (the label
// convention's bbox, docs/tasks.md#labels) of five classes, made from i alone so that every system
// sees the same tasks without a million of them held in memory.

/** The classes the boxes use, sorted by code point (as an export without `classes` sorts them). */
export const CLASSES = ['bicycle', 'car', 'dog', 'person', 'traffic light'];
const SIZES = [
  [640, 480],
  [1280, 720],
  [1920, 1080],
];

/** A 32-bit integer hash (Murmur3's finaliser): boxes that look random, from i alone. */
function mix(x) {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

export const labelCount = (i) => 1 + (mix(i) % 3);

/** The labels of tasks 0 … n-1 in all. */
export function totalLabels(n) {
  let total = 0;
  for (let i = 0; i < n; i++) total += labelCount(i);
  return total;
}

/**
 * Task i: `img-<i>`, its image `s3://bucket/images/img-<i>.jpg`, `data.image` its size, and
 * `data.labels` 1–3 boxes inside it, whole pixels except the third box's corner (x.5, y.5).
 */
export function labelTask(i) {
  const [width, height] = SIZES[mix(i + 0x9e3779b9) % SIZES.length];
  const labels = [];
  for (let k = 0; k < labelCount(i); k++) {
    const h = mix(i * 4 + k + 1);
    const bw = 8 + (h % (width / 2));
    const bh = 8 + ((h >>> 7) % (height / 2));
    const half = k === 2 ? 0.5 : 0;
    const x = ((h >>> 3) % (width - bw - 1)) + half;
    const y = ((h >>> 11) % (height - bh - 1)) + half;
    labels.push({ class: CLASSES[(h >>> 21) % CLASSES.length], bbox: [x, y, bw, bh] });
  }
  return {
    name: `img-${i}`,
    resources: [`s3://bucket/images/img-${i}.jpg`],
    data: { image: { width, height }, labels },
  };
}
