import { shapeBox, type Shape } from './convention.js';

/**
 * Drawing labels into a semantic mask: one byte per pixel, row by row. A pixel belongs to a shape
 * when its centre (x + 0.5, y + 0.5) lies inside it (a polygon by the even-odd rule); an RLE mask
 * sets exactly its pixels. Later labels paint over earlier ones.
 */
export function drawShape(
  mask: Uint8Array,
  width: number,
  height: number,
  shape: Shape,
  value: number,
): void {
  if (shape.kind === 'bbox') {
    const [x, y, w, h] = shape.box;
    fillRows(mask, width, height, y, y + h, () => [[x, x + w]], value);
  } else if (shape.kind === 'polygon') {
    const points = shape.points;
    const [, top, , tall] = shapeBox(shape);
    fillRows(mask, width, height, top, top + tall, (cy) => crossings(points, cy), value);
  } else {
    // Column-major runs, background first: run i covers pixels at..at+run-1, where pixel p is
    // column floor(p / height), row p % height.
    let at = 0;
    shape.counts.forEach((run, i) => {
      if (i % 2 === 1)
        for (let p = at; p < at + run; p++) mask[(p % height) * width + Math.floor(p / height)] = value;
      at += run;
    });
  }
}

/** Fills, in each row whose centre lies in [top, bottom), the pixels whose centres lie in each span. */
function fillRows(
  mask: Uint8Array,
  width: number,
  height: number,
  top: number,
  bottom: number,
  spans: (cy: number) => [number, number][],
  value: number,
): void {
  const first = Math.max(0, Math.ceil(top - 0.5));
  const last = Math.min(height, Math.ceil(bottom - 0.5));
  for (let row = first; row < last; row++) {
    for (const [from, to] of spans(row + 0.5)) {
      const start = Math.max(0, Math.ceil(from - 0.5));
      const end = Math.min(width, Math.ceil(to - 0.5));
      if (end > start) mask.fill(value, row * width + start, row * width + end);
    }
  }
}

/** Where a horizontal line crosses a polygon's edges, sorted, in pairs (inside spans, even-odd). */
function crossings(points: readonly [number, number][], cy: number): [number, number][] {
  const xs: number[] = [];
  for (let i = 0; i < points.length; i++) {
    const [x0, y0] = points[i]!;
    const [x1, y1] = points[(i + 1) % points.length]!;
    // Half-open on y, so a vertex shared by two edges counts once.
    if (y0 <= cy !== y1 <= cy) xs.push(x0 + ((cy - y0) * (x1 - x0)) / (y1 - y0));
  }
  xs.sort((a, b) => a - b);
  const spans: [number, number][] = [];
  for (let i = 0; i + 1 < xs.length; i += 2) spans.push([xs[i]!, xs[i + 1]!]);
  return spans;
}
