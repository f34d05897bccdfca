import type { FlowJob } from '@batchyard/sdk';
import { useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { StatusBadge } from '../components.js';
import {
  BOX_HEIGHT,
  COLLAPSE_OVER,
  columnsFor,
  layoutGraph,
  type Edge,
  type PlacedBox,
} from '../flow-layout.js';
import { JOB_STATUSES } from '../lib.js';
import { Link } from '../router.js';

/** How many of `jobs` are in each status, in the order statuses are listed everywhere. */
export function countByStatus(jobs: readonly Pick<FlowJob, 'status'>[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const job of jobs) counts.set(job.status, (counts.get(job.status) ?? 0) + 1);
  return JOB_STATUSES.filter((s) => counts.has(s)).map((s) => [s, counts.get(s)!]);
}

/** The page's width available to the graph, followed on window resizes. */
function useWidth(): [RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const measure = () => setWidth(ref.current?.clientWidth ?? 0);
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, []);
  return [ref, width];
}

function edgePath(e: Edge): string {
  const bend = Math.max(24, (e.y2 - e.y1) / 2);
  return `M${e.x1},${e.y1} C${e.x1},${e.y1 + bend} ${e.x2},${e.y2 - bend} ${e.x2},${e.y2 - 4}`;
}

/**
 * A flow's jobs as boxes in layers by dependency depth, with an SVG edge from each dependency to
 * its dependent. Each box is a link to its job; a layer of more than 50 jobs is one box of counts
 * per status until "show all" (then wrapped into rows like any other layer).
 */
export function FlowGraph({ flowId, jobs }: { flowId: string; jobs: FlowJob[] }) {
  const [ref, width] = useWidth();
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set());
  const columns = columnsFor(width);
  // A flow's graph never changes shape (retries change statuses only), so the layout is computed
  // again only for another flow, another width or another set of expanded layers.
  const jobsRef = useRef(jobs);
  jobsRef.current = jobs;
  const expandedKey = [...expanded].sort().join(',');
  const layout = useMemo(
    () => layoutGraph(jobsRef.current, { columns, expanded }),
    [flowId, jobs.length, columns, expandedKey],
  );
  const boxes = useMemo(() => new Map(layout.boxes.map((b) => [b.key, b])), [layout]);
  const byKey = new Map(jobs.map((j) => [j.key, j]));
  const toggle = (layer: number, on: boolean) =>
    setExpanded((old) => {
      const next = new Set(old);
      if (on) next.add(layer);
      else next.delete(layer);
      return next;
    });

  const open = [...expanded]
    .filter((n) => (layout.layers[n]?.length ?? 0) > COLLAPSE_OVER)
    .sort((a, b) => a - b);
  return (
    <div className="flow-graph-wrap" ref={ref}>
      {open.length > 0 ? (
        <div className="actions flow-graph-tools">
          {open.map((n) => (
            <button key={n} type="button" className="secondary" onClick={() => toggle(n, false)}>
              Collapse layer {n + 1} ({layout.layers[n]!.length} jobs)
            </button>
          ))}
        </div>
      ) : null}
      {width === 0 ? null : (
        <div
          className="flow-graph"
          role="group"
          aria-label={`Flow graph: ${jobs.length} jobs in ${layout.layers.length} layers`}
          style={{ width: Math.max(width, layout.width), height: layout.height }}
        >
          <svg
            className="flow-edges"
            width={Math.max(width, layout.width)}
            height={layout.height}
            aria-hidden="true"
            focusable="false"
          >
            <defs>
              <marker
                id="flow-arrow"
                viewBox="0 0 8 8"
                refX="4"
                refY="4"
                markerWidth="7"
                markerHeight="7"
                orient="auto-start-reverse"
              >
                <path d="M0,0 L8,4 L0,8 z" className="flow-arrow" />
              </marker>
            </defs>
            <g transform={`translate(${Math.max(0, (width - layout.width) / 2)},0)`}>
              {layout.edges.map((e) => (
                <path
                  key={`${e.from}>${e.to}`}
                  className={`flow-edge${byKey.get(e.from)?.status === 'succeeded' ? ' flow-edge-done' : ''}`}
                  d={edgePath(e)}
                  markerEnd="url(#flow-arrow)"
                />
              ))}
            </g>
          </svg>
          <div
            className="flow-frames"
            aria-hidden="true"
            style={{ left: Math.max(0, (width - layout.width) / 2), width: layout.width }}
          >
            {layout.frames.map((f) => (
              <div
                key={f.layer}
                className="flow-frame"
                style={{ left: f.x, top: f.y, width: f.width, height: f.height }}
              />
            ))}
          </div>
          <div
            className="flow-layers"
            style={{ left: Math.max(0, (width - layout.width) / 2), width: layout.width }}
          >
            {layout.layers.map((keys, n) => {
              const collapsed = layout.collapsed.find((c) => c.layer === n);
              return (
                <ol key={n} className="flow-layer" aria-label={`Layer ${n + 1}: ${keys.length} jobs`}>
                  {collapsed ? (
                    <li
                      className="flow-collapsed"
                      style={{
                        left: collapsed.x,
                        top: collapsed.y,
                        width: collapsed.width,
                        height: BOX_HEIGHT,
                      }}
                    >
                      <span className="flow-collapsed-title">
                        Layer {n + 1}: {keys.length} jobs
                      </span>
                      <span className="flow-counts">
                        {countByStatus(keys.map((k) => byKey.get(k)!).filter(Boolean)).map(([s, count]) => (
                          <span key={s} className={`flow-count status-${s}`}>
                            {count} {s}
                          </span>
                        ))}
                      </span>
                      <button type="button" className="link" onClick={() => toggle(n, true)}>
                        Show all {keys.length} jobs of layer {n + 1}
                      </button>
                    </li>
                  ) : (
                    keys.map((key) => <FlowNode key={key} job={byKey.get(key)} box={boxes.get(key)} />)
                  )}
                </ol>
              );
            })}
          </div>
        </div>
      )}
    </div>
  );
}

function FlowNode({ job, box }: { job: FlowJob | undefined; box: PlacedBox | undefined }) {
  if (!job || !box) return null;
  const running = job.status === 'running';
  const waitsFor =
    job.dependsOn.length === 0
      ? 'no dependencies'
      : `waits for ${job.dependsOn.slice(0, 5).join(', ')}${job.dependsOn.length > 5 ? ` and ${job.dependsOn.length - 5} more` : ''}`;
  return (
    <li style={{ left: box.x, top: box.y, width: box.width, height: box.height }}>
      <Link
        to={`/jobs/${job.id}`}
        className={`flow-node status-${job.status}${box.compact ? ' compact' : ''}`}
        data-key={job.key}
        data-status={job.status}
        title={`${job.key} (${job.type}): ${job.status}; ${waitsFor}`}
      >
        <span className="flow-node-key">{job.key}</span>
        <span className={box.compact ? 'sr-only' : 'flow-node-type'}>{job.type}</span>
        {box.compact ? (
          <span className="flow-node-status small">
            {job.status}
            {running && job.percent !== null ? ` ${Math.floor(job.percent)}%` : ''}
          </span>
        ) : (
          <span className="flow-node-status">
            <StatusBadge status={job.status} />
            {running && job.percent !== null ? (
              <span className="small"> {Math.floor(job.percent)}%</span>
            ) : null}
          </span>
        )}
        {running && job.percent !== null ? (
          <span className="flow-node-bar" style={{ width: `${job.percent}%` }} aria-hidden="true" />
        ) : null}
      </Link>
    </li>
  );
}
