import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unit } from '../src/resources/tasks/labels/yolo.js';

/** YOLO's text of a coordinate by definition: six decimals, then the number's own text. */
const byToFixed = (value: number, side: number) => Number((value / side).toFixed(6)).toString();

describe('YOLO coordinates (unit)', () => {
  it('writes what toFixed(6) and String write, at the edges', () => {
    const cases: [number, number][] = [
      [0, 1],
      [-0, 1],
      [-0.0000001, 1],
      [1, 1],
      [640, 640],
      [1e-6, 1],
      [-1e-6, 1],
      [-5e-6, 1],
      [0.1, 3],
      [2, 3],
      [999.9999996, 1],
      [-999.9999994, 1],
      [123456789, 1000],
      [1e9, 1],
      [0.0000015, 1],
      [0.0000025, 1],
    ];
    for (const [value, side] of cases)
      expect(unit(value, side), `${value} / ${side}`).toBe(byToFixed(value, side));
  });

  it('writes what toFixed(6) and String write for any box coordinate', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e5, max: 1e5, noNaN: true }),
        fc.integer({ min: 1, max: 20_000 }),
        (value, side) => unit(value, side) === byToFixed(value, side),
      ),
      { numRuns: 20_000 },
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1920 * 1000 }),
        fc.integer({ min: 1, max: 1000 }),
        (milli, side) => {
          const value = milli / 1000;
          return unit(value, side) === byToFixed(value, side);
        },
      ),
      { numRuns: 20_000 },
    );
  });
});
