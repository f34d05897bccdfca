/**
 * Agreement between annotations (pure): the rules of docs/tasks.md "Consensus", checked on known
 * cases, and as properties (symmetric, 1 on identical, in [0, 1]) on generated annotations.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agreementScore, consensusScore } from '../src/resources/tasks/agreement.js';

const box = (cls: string, x: number, y: number, w: number, h: number) => ({ class: cls, bbox: [x, y, w, h] });
const poly = (cls: string, points: [number, number][]) => ({ class: cls, polygon: points });
/** A column-major RLE of a height × width image whose foreground is the rectangle given. */
function rectMask(cls: string, height: number, width: number, x: number, y: number, w: number, h: number) {
  const pixels: boolean[] = [];
  for (let c = 0; c < width; c++)
    for (let r = 0; r < height; r++) pixels.push(c >= x && c < x + w && r >= y && r < y + h);
  const counts: number[] = [];
  let current = false;
  let run = 0;
  for (const p of pixels) {
    if (p === current) run++;
    else {
      counts.push(run);
      current = p;
      run = 1;
    }
  }
  counts.push(run);
  return { class: cls, mask: { rle: { size: [height, width], counts } } };
}

describe('agreementScore', () => {
  it('compares categorical fields exactly and averages over the union of fields', () => {
    expect(agreementScore({ label: 'cat' }, { label: 'cat' })).toBe(1);
    expect(agreementScore({ label: 'cat' }, { label: 'dog' })).toBe(0);
    expect(agreementScore({ label: 'cat', ok: true }, { label: 'cat', ok: false })).toBe(0.5);
    // A field on one side only counts as a disagreement.
    expect(agreementScore({ label: 'cat' }, { label: 'cat', note: 'x' })).toBe(0.5);
    // Arrays and objects compare deeply; numbers exactly.
    expect(agreementScore({ tags: ['a', 'b'], n: 1 }, { tags: ['a', 'b'], n: 1 })).toBe(1);
    expect(agreementScore({ tags: ['a', 'b'] }, { tags: ['b', 'a'] })).toBe(0);
    expect(agreementScore({ o: { a: 1, b: [2] } }, { o: { b: [2], a: 1 } })).toBe(1);
    expect(agreementScore({ n: 1 }, { n: '1' })).toBe(0);
    expect(agreementScore({}, {})).toBe(1);
    // Not objects: compared whole.
    expect(agreementScore(null, null)).toBe(1);
    expect(agreementScore('a', { a: 1 })).toBe(0);
  });

  it('scores boxes by IoU, matched within a class, over the larger count', () => {
    const image = { width: 100, height: 100 };
    expect(
      agreementScore(
        { image, labels: [box('car', 0, 0, 10, 10)] },
        { image, labels: [box('car', 0, 0, 10, 10)] },
      ),
    ).toBe(1);
    // Half overlap: intersection 50, union 150.
    expect(
      agreementScore({ labels: [box('car', 0, 0, 10, 10)] }, { labels: [box('car', 5, 0, 10, 10)] }),
    ).toBeCloseTo(1 / 3, 9);
    // Another class never matches.
    expect(
      agreementScore({ labels: [box('car', 0, 0, 10, 10)] }, { labels: [box('bus', 0, 0, 10, 10)] }),
    ).toBe(0);
    // A missing label: one of two matched perfectly → 1/2.
    expect(
      agreementScore(
        { labels: [box('car', 0, 0, 10, 10), box('car', 50, 50, 10, 10)] },
        { labels: [box('car', 0, 0, 10, 10)] },
      ),
    ).toBe(0.5);
    // The order of labels does not matter, and the matching is optimal, not greedy.
    const a = [box('p', 0, 0, 10, 10), box('p', 8, 0, 10, 10)];
    const b = [box('p', 4, 0, 10, 10), box('p', 12, 0, 10, 10)];
    const optimal = (iou(0, 4) + iou(8, 12)) / 2;
    expect(agreementScore({ labels: a }, { labels: b })).toBeCloseTo(optimal, 9);
    expect(agreementScore({ labels: [...a].reverse() }, { labels: b })).toBeCloseTo(optimal, 9);
    // Both without labels (absent, null or empty) agree.
    expect(agreementScore({ labels: [] }, { labels: null })).toBe(1);
    expect(agreementScore({ labels: [] }, {})).toBe(1);
    // `image` is the input, not the work: it is not scored beside labels.
    expect(agreementScore({ image, labels: [] }, { image: { width: 1, height: 1 }, labels: [] })).toBe(1);
    // Labels and another field: the mean of both.
    expect(agreementScore({ labels: [box('car', 0, 0, 10, 10)], ok: true }, { labels: [], ok: true })).toBe(
      0.5,
    );
  });

  it('scores polygons by area, against polygons and boxes alike', () => {
    const square = poly('road', [
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
    ]);
    const triangle = poly('road', [
      [0, 0],
      [10, 0],
      [0, 10],
    ]);
    expect(agreementScore({ labels: [square] }, { labels: [box('road', 0, 0, 10, 10)] })).toBeCloseTo(1, 6);
    // The triangle is half the square and lies inside it.
    expect(agreementScore({ labels: [square] }, { labels: [triangle] })).toBeCloseTo(0.5, 2);
    expect(agreementScore({ labels: [triangle] }, { labels: [triangle] })).toBe(1);
    // Shifted triangles: intersection is a triangle of side 5 (area 12.5), union 100 - 12.5.
    const shifted = poly('road', [
      [5, 0],
      [15, 0],
      [5, 10],
    ]);
    expect(agreementScore({ labels: [triangle] }, { labels: [shifted] })).toBeCloseTo(12.5 / 87.5, 2);
  });

  it('scores masks by pixels, against masks, boxes and polygons', () => {
    const m = rectMask('sky', 20, 30, 2, 3, 10, 5);
    expect(agreementScore({ labels: [m] }, { labels: [m] })).toBe(1);
    // The same rectangle as a box covers the same pixels.
    expect(agreementScore({ labels: [m] }, { labels: [box('sky', 2, 3, 10, 5)] })).toBe(1);
    // Half of it (5 of 10 columns).
    expect(agreementScore({ labels: [m] }, { labels: [rectMask('sky', 20, 30, 2, 3, 5, 5)] })).toBe(0.5);
    expect(
      agreementScore({ labels: [rectMask('sky', 20, 30, 2, 3, 5, 5)] }, { labels: [box('sky', 2, 3, 5, 5)] }),
    ).toBe(1);
    // Different sizes share nothing.
    expect(agreementScore({ labels: [m] }, { labels: [rectMask('sky', 21, 30, 2, 3, 10, 5)] })).toBe(0);
  });

  it('scores a shape that covers nothing 1 against itself, 0 against another', () => {
    // Found by the property below (fast-check seed -1057014718): 0 / 0 areas had scored 0.
    const line = poly('car', [
      [0, 0],
      [11, 17],
      [11, 17],
    ]);
    expect(agreementScore({ labels: [line] }, { labels: [structuredClone(line)] })).toBe(1);
    const flat = box('car', 5, 5, 0, 10);
    expect(agreementScore({ labels: [flat] }, { labels: [box('car', 5, 5, 0, 10)] })).toBe(1);
    expect(agreementScore({ labels: [line] }, { labels: [flat] })).toBe(0);
    expect(agreementScore({ labels: [flat] }, { labels: [box('car', 6, 5, 0, 10)] })).toBe(0);
  });

  it('compares invalid labels whole', () => {
    const bad = { class: 'car', bbox: [0, 0, -1, 5] };
    expect(agreementScore({ labels: [bad] }, { labels: [bad] })).toBe(1);
    expect(agreementScore({ labels: [bad] }, { labels: [{ ...bad, bbox: [0, 0, -1, 6] }] })).toBe(0);
    expect(agreementScore({ labels: ['x'] }, { labels: ['x'] })).toBe(1);
    expect(agreementScore({ labels: 'x' }, { labels: 'x' })).toBe(1);
    expect(agreementScore({ labels: 'x' }, { labels: [] })).toBe(0);
  });
});

function iou(x0: number, x1: number) {
  const inter = Math.max(0, 10 - Math.abs(x1 - x0)) * 10;
  return inter / (200 - inter);
}

describe('consensusScore', () => {
  it('is the mean pairwise agreement, the majority agreeing most with the others', () => {
    // Scores are rounded to 9 decimals, so that float noise never tells equal work apart.
    expect(consensusScore([{ l: 'a' }, { l: 'b' }, { l: 'a' }])).toEqual({
      score: 0.333333333,
      majorityIndex: 0,
    });
    expect(consensusScore([{ l: 'b' }, { l: 'a' }, { l: 'a' }])).toEqual({
      score: 0.333333333,
      majorityIndex: 1,
    });
    expect(consensusScore([{ l: 'a' }, { l: 'a' }, { l: 'a' }])).toEqual({ score: 1, majorityIndex: 0 });
    // A tie: the earliest.
    expect(consensusScore([{ l: 'a' }, { l: 'b' }])).toEqual({ score: 0, majorityIndex: 0 });
    expect(consensusScore([{ l: 'a' }])).toEqual({ score: 1, majorityIndex: 0 });
    expect(consensusScore([])).toEqual({ score: 1, majorityIndex: -1 });
  });
});

// ---- Properties -------------------------------------------------------------------------------

const coord = fc.integer({ min: 0, max: 60 });
const side = fc.integer({ min: 1, max: 40 });
const cls = fc.constantFrom('car', 'bus', 'tree');
const labelArb = fc.oneof(
  fc.tuple(cls, coord, coord, side, side).map(([c, x, y, w, h]) => box(c, x, y, w, h)),
  fc
    .tuple(cls, fc.array(fc.tuple(coord, coord), { minLength: 3, maxLength: 7 }))
    .map(([c, points]) => poly(c, points as [number, number][])),
  fc
    .tuple(cls, fc.integer({ min: 0, max: 15 }), fc.integer({ min: 0, max: 15 }), side, side)
    .map(([c, x, y, w, h]) => rectMask(c, 32, 32, x, y, Math.min(w, 32 - x), Math.min(h, 32 - y))),
  fc.constant({ class: 'car' }),
);
const annotationArb = fc.record(
  {
    labels: fc.array(labelArb, { maxLength: 6 }),
    verdict: fc.constantFrom('yes', 'no'),
    tags: fc.array(fc.constantFrom('a', 'b'), { maxLength: 2 }),
    score: fc.integer({ min: 0, max: 2 }),
  },
  { requiredKeys: [] },
);

describe('agreement properties', () => {
  it('is symmetric, in [0, 1], and 1 on identical annotations', () => {
    fc.assert(
      fc.property(annotationArb, annotationArb, (a, b) => {
        const ab = agreementScore(a, b);
        expect(ab).toBeGreaterThanOrEqual(0);
        expect(ab).toBeLessThanOrEqual(1);
        expect(Math.abs(ab - agreementScore(b, a))).toBeLessThan(1e-6);
        expect(agreementScore(a, structuredClone(a))).toBe(1);
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on the order of labels', () => {
    fc.assert(
      fc.property(annotationArb, annotationArb, (a, b) => {
        const reversed = { ...a, ...(a.labels ? { labels: [...a.labels].reverse() } : {}) };
        expect(Math.abs(agreementScore(a, b) - agreementScore(reversed, b))).toBeLessThan(1e-6);
      }),
      { numRuns: 200 },
    );
  });

  it('consensus: in [0, 1], 1 for copies, the majority one of them', () => {
    fc.assert(
      fc.property(fc.array(annotationArb, { minLength: 2, maxLength: 5 }), (list) => {
        const { score, majorityIndex } = consensusScore(list);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1);
        expect(majorityIndex).toBeGreaterThanOrEqual(0);
        expect(majorityIndex).toBeLessThan(list.length);
        expect(consensusScore(list.map(() => structuredClone(list[0]))).score).toBe(1);
      }),
      { numRuns: 100 },
    );
  });

  it('stays fast on many labels of one class (greedy matching past 60)', () => {
    const many = (dx: number) =>
      Array.from({ length: 200 }, (_, i) => box('car', (i % 20) * 50 + dx, Math.floor(i / 20) * 50, 40, 40));
    const started = performance.now();
    const score = agreementScore({ labels: many(0) }, { labels: many(4) });
    expect(score).toBeCloseTo(36 / 44, 6);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
