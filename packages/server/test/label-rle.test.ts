import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labelReadersPython, readLabelExport } from '../../../test/support/label-readers.js';
import { decodeRle, encodeRle } from '../src/resources/tasks/labels/rle.js';

/**
 * Our COCO compressed-RLE codec against pycocotools (its C `rleToString`/`rleFrString` through
 * `frPyObjects` and `mask.encode`): the same strings both ways, on random counts and masks.
 */

/** A small seeded generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random counts adding up to h × w: runs short and long, zeros included. */
function randomCounts(next: () => number, h: number, w: number): number[] {
  const total = h * w;
  const counts: number[] = [];
  let left = total;
  while (left > 0) {
    const scale = [1, 30, 1000, 1e6, 1e9][Math.floor(next() * 5)]!;
    const run = Math.min(left, Math.floor(next() * scale));
    counts.push(run);
    left -= run;
  }
  if (counts.length % 2 === 1 && next() < 0.5) counts.push(0);
  return counts;
}

/** COCO's column-major counts of an h × w mask set in the rectangles [x, y, w, h]. */
function rectCounts(h: number, w: number, rects: number[][]): number[] {
  const set = (x: number, y: number) =>
    rects.some(([rx, ry, rw, rh]) => x >= rx! && x < rx! + rw! && y >= ry! && y < ry! + rh!);
  const counts: number[] = [];
  let value = false;
  let run = 0;
  for (let x = 0; x < w; x++)
    for (let y = 0; y < h; y++) {
      if (set(x, y) !== value) {
        counts.push(run);
        value = !value;
        run = 0;
      }
      run++;
    }
  counts.push(run);
  return counts;
}

describe('COCO compressed RLE', () => {
  let python: string;
  let dir: string;
  beforeAll(() => {
    python = labelReadersPython();
    dir = mkdtempSync(join(tmpdir(), 'label-rle-'));
  }, 900_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('encodes and decodes counts exactly as pycocotools does', async () => {
    const next = random(17);
    const sizes: [number, number][] = [
      [1, 1],
      [3, 5],
      [80, 100],
      [480, 640],
      [4000, 6000],
      // Past 2^31 pixels (below pycocotools' 32-bit counts): runs of more than 5 groups.
      [60_000, 70_000],
    ];
    const cases = sizes.flatMap(([h, w]) =>
      Array.from({ length: 40 }, () => ({ size: [h, w], counts: randomCounts(next, h, w) })),
    );
    cases.push(
      { size: [2, 2], counts: [4] },
      { size: [2, 2], counts: [0, 4] },
      { size: [2, 2], counts: [0, 0, 4] },
    );
    const file = join(dir, 'counts.json');
    writeFileSync(file, JSON.stringify({ counts: cases }));
    const coco = await readLabelExport(python, 'rle', file);
    expect(coco.counts).toHaveLength(cases.length);
    cases.forEach((c, i) => {
      const theirs = coco.counts[i].string as string;
      expect(encodeRle(c.counts)).toBe(theirs);
      expect(decodeRle(theirs)).toEqual(c.counts);
    });
  });

  it('gives mask.encode’s string for masks drawn from rectangles', async () => {
    const next = random(5);
    const masks = Array.from({ length: 60 }, () => {
      const h = 1 + Math.floor(next() * 60);
      const w = 1 + Math.floor(next() * 60);
      const rects = Array.from({ length: Math.floor(next() * 4) }, () => {
        const x = Math.floor(next() * w);
        const y = Math.floor(next() * h);
        return [x, y, 1 + Math.floor(next() * (w - x)), 1 + Math.floor(next() * (h - y))];
      });
      return { size: [h, w], set: rects };
    });
    const file = join(dir, 'masks.json');
    writeFileSync(file, JSON.stringify({ masks }));
    const coco = await readLabelExport(python, 'rle', file);
    masks.forEach((m, i) => {
      const counts = rectCounts(m.size[0]!, m.size[1]!, m.set);
      expect(encodeRle(counts)).toBe(coco.masks[i].string);
      expect(decodeRle(coco.masks[i].string)).toEqual(counts);
    });
  });

  it('says why a string is not COCO RLE', () => {
    expect(decodeRle('')).toEqual([]);
    expect(decodeRle('0a~')).toMatch(/character outside/);
    // 'P' (48 + 32): a group that says more follow, then the end.
    expect(decodeRle('1P')).toMatch(/ends inside a number/);
    expect(decodeRle('o'.repeat(20))).toMatch(/ends inside a number|too large/);
  });
});
