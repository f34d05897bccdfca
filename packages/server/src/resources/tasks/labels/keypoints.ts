import type { Box } from './convention.js';
import { LABEL_LIMITS } from './limits.js';

/** A keypoint `[x, y, v]`: COCO's visibility v, 0 not labelled, 1 labelled but hidden, 2 visible. */
export type Keypoint = [number, number, 0 | 1 | 2];

/** Names of a class's keypoints (in order) and its skeleton (pairs of 1-based keypoint indices). */
export interface KeypointSpec {
  names: string[];
  skeleton: [number, number][];
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * A label's `keypoints` checked against its image: 1 to 1000 points `[x, y, v]`, v 0, 1 or 2, a
 * labelled point (v > 0) inside the image. A point not labelled is kept as `[0, 0, 0]`, as COCO
 * writes it, whatever its x and y.
 */
export function readKeypoints(raw: unknown, width: number, height: number): Keypoint[] | string {
  const shape = 'keypoints must be [[x, y, v], …] (v 0, 1 or 2)';
  if (!Array.isArray(raw) || raw.length === 0) return shape;
  if (raw.length > LABEL_LIMITS.keypoints) return `a label has at most ${LABEL_LIMITS.keypoints} keypoints`;
  const points: Keypoint[] = [];
  for (const point of raw as unknown[]) {
    if (!Array.isArray(point) || point.length !== 3 || !point.every(isNumber)) return shape;
    const [x, y, v] = point as [number, number, number];
    if (v !== 0 && v !== 1 && v !== 2) return shape;
    if (v === 0) {
      points.push([0, 0, 0]);
      continue;
    }
    if (x < 0 || y < 0 || x > width || y > height) return 'a labelled keypoint lies outside the image';
    points.push([x, y, v]);
  }
  return points;
}

/** The labelled keypoints (v > 0): COCO's `num_keypoints`. */
export const labelledKeypoints = (points: readonly Keypoint[]): number =>
  points.reduce((n, p) => n + (p[2] > 0 ? 1 : 0), 0);

/** The bounding box of the labelled keypoints (null when none is). */
export function keypointsBox(points: readonly Keypoint[]): Box | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y, v] of points) {
    if (v === 0) continue;
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  return minX === Infinity ? null : [minX, minY, maxX - minX, maxY - minY];
}

/**
 * Keypoint names and skeleton as an export option or a label gives them (`keypointNames`,
 * `skeleton`), checked: 1 to 1000 non-empty names, no name twice, each skeleton edge two different
 * 1-based indices of the names. `count`: the label's keypoints, which the names must match.
 */
export function readKeypointSpec(names: unknown, skeleton: unknown, count?: number): KeypointSpec | string {
  if (
    !Array.isArray(names) ||
    names.length === 0 ||
    names.length > LABEL_LIMITS.keypoints ||
    !names.every((n) => typeof n === 'string' && n !== '' && n.length <= 200)
  )
    return `keypointNames must be 1 to ${LABEL_LIMITS.keypoints} names (non-empty strings)`;
  if (new Set(names).size !== names.length) return 'keypointNames names a keypoint twice';
  if (count !== undefined && names.length !== count)
    return `keypointNames has ${names.length} names for ${count} keypoints`;
  const edges = skeleton ?? [];
  if (!Array.isArray(edges) || edges.length > LABEL_LIMITS.skeleton)
    return `skeleton must be at most ${LABEL_LIMITS.skeleton} pairs [from, to] of keypoint numbers`;
  for (const edge of edges as unknown[]) {
    if (
      !Array.isArray(edge) ||
      edge.length !== 2 ||
      !edge.every((i) => Number.isInteger(i) && (i as number) >= 1 && (i as number) <= names.length) ||
      edge[0] === edge[1]
    )
      return `skeleton edges must be pairs of two different keypoint numbers from 1 to ${names.length}`;
  }
  return { names: names as string[], skeleton: edges as [number, number][] };
}
