/**
 * Where the flow page draws each job: layers by dependency depth (a job's layer is 1 + the deepest
 * of its dependencies), each layer wrapped into rows of at most `columns` boxes, and a layer of
 * more than `collapseOver` jobs drawn as one box of counts unless it is expanded. Pure: the page
 * recomputes it only when the graph's shape, the width or the expanded layers change.
 */

/** The part of a flow job the layout reads. */
export interface GraphJob {
  key: string;
  dependsOn: readonly string[];
}

export const BOX_WIDTH = 200;
export const BOX_HEIGHT = 64;
export const GAP_X = 20;
/** Between the rows of one wrapped layer. */
export const GAP_ROW = 14;
/** Between layers: room for the edges to bend. */
export const GAP_LAYER = 56;
/** A layer of more jobs than this is drawn as counts per status until "show all". */
export const COLLAPSE_OVER = 50;
/** Boxes of such a layer once shown: its key and status only (the type is in its text for readers). */
export const COMPACT_WIDTH = 136;
export const COMPACT_HEIGHT = 40;
const COMPACT_GAP_ROW = 8;

export interface PlacedBox {
  key: string;
  x: number;
  y: number;
  width: number;
  height: number;
  compact: boolean;
}

export interface CollapsedLayer {
  layer: number;
  keys: string[];
  x: number;
  y: number;
  width: number;
}

/** A box drawn around a layer wrapped into rows, so it reads as one group its edges reach. */
export interface LayerFrame {
  layer: number;
  x: number;
  y: number;
  width: number;
  height: number;
}
const FRAME_PAD = 6;

export interface Edge {
  /** A job key, or `layer:N` for a collapsed layer. */
  from: string;
  to: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface GraphLayout {
  width: number;
  height: number;
  /** Jobs' keys per layer, in drawing order. */
  layers: string[][];
  /** y of each layer's first row (for its label). */
  layerTops: number[];
  boxes: PlacedBox[];
  collapsed: CollapsedLayer[];
  frames: LayerFrame[];
  edges: Edge[];
}

/** Each job's layer; a dependency on a key not in the flow is ignored, and a cycle (never sent) is cut. */
export function layerOf(jobs: readonly GraphJob[]): Map<string, number> {
  const byKey = new Map(jobs.map((j) => [j.key, j]));
  const layer = new Map<string, number>();
  const visiting = new Set<string>();
  const visit = (key: string): number => {
    const known = layer.get(key);
    if (known !== undefined) return known;
    if (visiting.has(key)) return 0;
    visiting.add(key);
    let depth = 0;
    for (const dep of byKey.get(key)?.dependsOn ?? []) {
      if (byKey.has(dep)) depth = Math.max(depth, visit(dep) + 1);
    }
    visiting.delete(key);
    layer.set(key, depth);
    return depth;
  };
  // Chains are at most 50 deep, so the recursion stays shallow.
  for (const job of jobs) visit(job.key);
  return layer;
}

export function layoutGraph(
  jobs: readonly GraphJob[],
  options: { columns: number; expanded: ReadonlySet<number>; collapseOver?: number },
): GraphLayout {
  const columns = Math.max(1, Math.floor(options.columns));
  const collapseOver = options.collapseOver ?? COLLAPSE_OVER;
  const depth = layerOf(jobs);
  const layers: string[][] = [];
  for (const job of jobs) {
    const n = depth.get(job.key) ?? 0;
    (layers[n] ??= []).push(job.key);
  }
  for (let i = 0; i < layers.length; i++) layers[i] ??= [];

  // Order each layer by where its dependencies sit (their mean position), so edges cross less.
  const byKey = new Map(jobs.map((j) => [j.key, j]));
  const position = new Map<string, number>();
  layers.forEach((keys, n) => {
    if (n > 0) {
      const weight = new Map<string, number>();
      keys.forEach((key, i) => {
        const deps = (byKey.get(key)?.dependsOn ?? []).filter((d) => position.has(d));
        weight.set(
          key,
          deps.length === 0 ? i : deps.reduce((sum, d) => sum + position.get(d)!, 0) / deps.length,
        );
      });
      keys.sort((a, b) => weight.get(a)! - weight.get(b)! || (a < b ? -1 : a > b ? 1 : 0));
    }
    // Positions as fractions of the layer, so a wide layer and a narrow one compare.
    keys.forEach((key, i) => position.set(key, keys.length === 1 ? 0.5 : i / (keys.length - 1)));
  });

  const fullWidth = columns * BOX_WIDTH + (columns - 1) * GAP_X;
  const boxes: PlacedBox[] = [];
  const collapsed: CollapsedLayer[] = [];
  const frames: LayerFrame[] = [];
  const layerTops: number[] = [];
  /** Where edges attach to a job: its box, or its collapsed layer's box. */
  const anchor = new Map<string, { node: string; x: number; top: number; bottom: number }>();
  let y = 0;
  layers.forEach((keys, n) => {
    // A wrapped layer's frame needs room above it.
    if (n === 0) y = FRAME_PAD;
    layerTops.push(y);
    if (keys.length > collapseOver && !options.expanded.has(n)) {
      const width = Math.min(fullWidth, Math.max(BOX_WIDTH, 2 * BOX_WIDTH + GAP_X));
      const x = (fullWidth - width) / 2;
      collapsed.push({ layer: n, keys, x, y, width });
      const at = { node: `layer:${n}`, x: x + width / 2, top: y, bottom: y + BOX_HEIGHT };
      for (const key of keys) anchor.set(key, at);
      y += BOX_HEIGHT + GAP_LAYER;
      return;
    }
    // A big layer once shown gets small boxes, many to a row.
    const compact = keys.length > collapseOver;
    const width = compact ? COMPACT_WIDTH : BOX_WIDTH;
    const height = compact ? COMPACT_HEIGHT : BOX_HEIGHT;
    const gapRow = compact ? COMPACT_GAP_ROW : GAP_ROW;
    const perRow = compact ? Math.max(1, Math.floor((fullWidth + GAP_X) / (width + GAP_X))) : columns;
    const rows = Math.ceil(keys.length / perRow);
    const top = y;
    const bottom = y + rows * height + (rows - 1) * gapRow;
    if (rows > 1) {
      const widest = Math.min(keys.length, perRow) * (width + GAP_X) - GAP_X;
      frames.push({
        layer: n,
        x: (fullWidth - widest) / 2 - FRAME_PAD,
        y: top - FRAME_PAD,
        width: widest + 2 * FRAME_PAD,
        height: bottom - top + 2 * FRAME_PAD,
      });
    }
    for (let row = 0; row < rows; row++) {
      const inRow = keys.slice(row * perRow, (row + 1) * perRow);
      const rowWidth = inRow.length * width + (inRow.length - 1) * GAP_X;
      const left = (fullWidth - rowWidth) / 2;
      inRow.forEach((key, i) => {
        const x = left + i * (width + GAP_X);
        boxes.push({ key, x, y, width, height, compact });
        // Edges of a layer wrapped into rows leave from under its last row and arrive above its
        // first, in the box's column, so they never cross the layer's own boxes.
        anchor.set(key, {
          node: key,
          x: x + width / 2,
          top: rows > 1 ? top - FRAME_PAD : y,
          bottom: rows > 1 ? bottom + FRAME_PAD : y + height,
        });
      });
      y += height + (row < rows - 1 ? gapRow : 0);
    }
    y += GAP_LAYER;
  });

  // One edge per dependency; through a collapsed layer, one per pair of drawn boxes.
  const edges: Edge[] = [];
  const seen = new Set<string>();
  for (const job of jobs) {
    const to = anchor.get(job.key);
    if (!to) continue;
    for (const dep of job.dependsOn) {
      const from = anchor.get(dep);
      if (!from) continue;
      const id = `${from.node}\u0000${to.node}`;
      if (seen.has(id)) continue;
      seen.add(id);
      edges.push({ from: from.node, to: to.node, x1: from.x, y1: from.bottom, x2: to.x, y2: to.top });
    }
  }

  return {
    width: fullWidth,
    height: Math.max(BOX_HEIGHT, y - GAP_LAYER) + FRAME_PAD,
    layers,
    layerTops,
    boxes,
    collapsed,
    frames,
    edges,
  };
}

/** How many boxes fit side by side in `width` pixels. */
export function columnsFor(width: number): number {
  return Math.max(1, Math.floor((width + GAP_X) / (BOX_WIDTH + GAP_X)));
}
