/** The flow graph's layout (pure): layers by dependency depth, wrapping, collapsing, edges. */
import { describe, expect, it } from 'vitest';
import { COLLAPSE_OVER, layerOf, layoutGraph, type GraphJob } from '../src/flow-layout.js';

const diamond: GraphJob[] = [
  { key: 'a', dependsOn: [] },
  { key: 'b', dependsOn: ['a'] },
  { key: 'c', dependsOn: ['a'] },
  { key: 'd', dependsOn: ['b', 'c'] },
];

function fanIn(parents: number): GraphJob[] {
  const keys = Array.from({ length: parents }, (_, i) => `p${i}`);
  return [...keys.map((key) => ({ key, dependsOn: [] })), { key: 'sum', dependsOn: keys }];
}

describe('flow graph layout', () => {
  it('puts a job one layer below the deepest of its dependencies', () => {
    const layers = layerOf([
      { key: 'late', dependsOn: ['a', 'b'] },
      { key: 'b', dependsOn: ['a'] },
      { key: 'a', dependsOn: [] },
      { key: 'alone', dependsOn: [] },
    ]);
    expect(Object.fromEntries(layers)).toEqual({ a: 0, b: 1, late: 2, alone: 0 });
  });

  it('ignores unknown keys and cuts a cycle instead of looping', () => {
    const layers = layerOf([
      { key: 'x', dependsOn: ['y', 'nowhere'] },
      { key: 'y', dependsOn: ['x'] },
    ]);
    expect([...layers.keys()].sort()).toEqual(['x', 'y']);
  });

  it('draws a diamond as 3 layers, 4 boxes and one edge per dependency, top to bottom', () => {
    const layout = layoutGraph(diamond, { columns: 5, expanded: new Set() });
    expect(layout.layers).toEqual([['a'], ['b', 'c'], ['d']]);
    expect(layout.boxes).toHaveLength(4);
    expect(layout.edges.map((e) => `${e.from}>${e.to}`).sort()).toEqual(['a>b', 'a>c', 'b>d', 'c>d']);
    for (const edge of layout.edges) expect(edge.y2).toBeGreaterThan(edge.y1);
    const at = new Map(layout.boxes.map((b) => [b.key, b]));
    expect(at.get('b')!.y).toBe(at.get('c')!.y);
    expect(at.get('b')!.x).toBeLessThan(at.get('c')!.x);
    expect(layout.frames).toHaveLength(0);
  });

  it('wraps a layer wider than the columns into rows inside a frame its edges reach', () => {
    const layout = layoutGraph(diamond, { columns: 1, expanded: new Set() });
    const at = new Map(layout.boxes.map((b) => [b.key, b]));
    expect(at.get('c')!.y).toBeGreaterThan(at.get('b')!.y);
    expect(layout.frames).toEqual([expect.objectContaining({ layer: 1 })]);
    const frame = layout.frames[0]!;
    for (const edge of layout.edges) {
      if (edge.to === 'b' || edge.to === 'c') expect(edge.y2).toBe(frame.y);
      if (edge.from === 'b' || edge.from === 'c') expect(edge.y1).toBe(frame.y + frame.height);
    }
    expect(layout.width).toBeLessThanOrEqual(200);
  });

  it('collapses a layer of more than 50 jobs into one box with one edge, until expanded', () => {
    const jobs = fanIn(500);
    const collapsed = layoutGraph(jobs, { columns: 5, expanded: new Set() });
    expect(collapsed.collapsed).toEqual([expect.objectContaining({ layer: 0 })]);
    expect(collapsed.collapsed[0]!.keys).toHaveLength(500);
    expect(collapsed.boxes.map((b) => b.key)).toEqual(['sum']);
    expect(collapsed.edges).toEqual([expect.objectContaining({ from: 'layer:0', to: 'sum' })]);

    const expanded = layoutGraph(jobs, { columns: 5, expanded: new Set([0]) });
    expect(expanded.collapsed).toHaveLength(0);
    expect(expanded.boxes).toHaveLength(501);
    expect(expanded.edges).toHaveLength(500);
    expect(expanded.boxes.filter((b) => b.compact)).toHaveLength(500);
    for (const box of expanded.boxes) expect(box.x + box.width).toBeLessThanOrEqual(expanded.width);

    const small = layoutGraph(fanIn(COLLAPSE_OVER), { columns: 5, expanded: new Set() });
    expect(small.collapsed).toHaveLength(0);
  });

  it('orders a layer by where its dependencies are, so edges cross less', () => {
    const layout = layoutGraph(
      [
        { key: 'left', dependsOn: [] },
        { key: 'right', dependsOn: [] },
        { key: 'z-under-left', dependsOn: ['left'] },
        { key: 'a-under-right', dependsOn: ['right'] },
      ],
      { columns: 5, expanded: new Set() },
    );
    expect(layout.layers[1]).toEqual(['z-under-left', 'a-under-right']);
  });

  it('lays out the largest flow (5,000 jobs, 50 deep) quickly', () => {
    const jobs: GraphJob[] = [];
    for (let layer = 0; layer < 50; layer++) {
      for (let i = 0; i < 100; i++) {
        jobs.push({
          key: `j${layer}-${i}`,
          dependsOn: layer === 0 ? [] : [`j${layer - 1}-${i}`, `j${layer - 1}-${(i + 1) % 100}`],
        });
      }
    }
    const started = performance.now();
    const layout = layoutGraph(jobs, { columns: 6, expanded: new Set() });
    expect(performance.now() - started).toBeLessThan(500);
    expect(layout.layers).toHaveLength(50);
    expect(layout.collapsed).toHaveLength(50);
    const all = layoutGraph(jobs, { columns: 6, expanded: new Set(Array.from({ length: 50 }, (_, i) => i)) });
    expect(all.boxes).toHaveLength(5000);
    expect(all.edges).toHaveLength(49 * 200);
  });
});
