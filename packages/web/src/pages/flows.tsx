import type { Flow, FlowStatus } from '@batchyard/sdk';
import { useEffect, useRef, useState } from 'react';
import { Empty, ErrorBox, Loading, StatusBadge } from '../components.js';
import { formatDate, isAbort } from '../lib.js';
import { Link, navigate, useLocation } from '../router.js';
import { useSession } from '../session.js';
import { useJobEvents } from './jobs.js';

export const FLOW_STATUSES: FlowStatus[] = ['running', 'succeeded', 'failed', 'aborted'];
/** A burst of job changes in flows re-reads the list once per this many ms. */
const REREAD_MS = 1000;
/** Deleted flows send no job event: the list is also re-read this often. */
const BACKSTOP_MS = 15_000;

type ListedFlow = Omit<Flow, 'jobs'>;

/** "3/4 jobs ended". */
export function endedText(flow: Pick<Flow, 'progress'>): string {
  const { total, unfinished } = flow.progress;
  return `${total - unfinished}/${total} jobs ended`;
}

/** A flow's progress: its own percent on a single flow; in lists, the share of jobs that ended. */
export function FlowProgress({ flow, label }: { flow: Pick<Flow, 'progress' | 'status'>; label: string }) {
  const percent = Math.max(0, Math.min(100, flow.progress.percent));
  const text = `${Math.floor(percent)}%, ${endedText(flow)}, ${flow.progress.succeeded} succeeded`;
  return (
    <div className="flow-progress">
      <div
        className={`progress progress-${flow.status}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(percent * 10) / 10}
        aria-valuetext={text}
        title={text}
      >
        <div className="progress-fill" style={{ width: `${percent}%` }} />
        <span className="progress-text">{Math.floor(percent)}%</span>
      </div>
      <span className="muted small">{endedText(flow)}</span>
    </div>
  );
}

export function FlowsPage() {
  const { client, workspaceId } = useSession();
  const { search } = useLocation();
  const status = search.get('status') ?? '';
  const [flows, setFlows] = useState<ListedFlow[] | undefined>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const [refresh, setRefresh] = useState(0);
  const query = {
    ...(workspaceId ? { workspaceId } : {}),
    ...(status ? { status: status as FlowStatus } : {}),
    sort: 'createdAt:desc',
    limit: 50,
  };
  const key = JSON.stringify(query);

  useEffect(() => {
    setFlows(undefined);
    setCursor(null);
  }, [key]);
  useEffect(() => {
    const controller = new AbortController();
    client.flows.list(query, { signal: controller.signal }).then(
      (page) => {
        setError(undefined);
        // The first page is replaced; rows loaded with "more" stay.
        setFlows((old) => {
          const ids = new Set(page.data.map((f) => f.id));
          const rest = (old ?? []).slice(page.data.length).filter((f) => !ids.has(f.id));
          return [...(page.data as ListedFlow[]), ...rest];
        });
        setCursor((c) => c ?? page.nextCursor);
      },
      (e: unknown) => {
        if (!isAbort(e)) setError(e);
      },
    );
    return () => controller.abort();
    // `query` is summed up by `key`.
  }, [client, key, refresh]);

  // A flow changes when its jobs do: a job event of any flow re-reads the list (at most once a
  // second, so a flow of thousands of jobs does not flood it), and so does a reconnect.
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const reread = () => setRefresh((n) => n + 1);
  useJobEvents((job) => {
    if (!job.flowId || pending.current) return;
    pending.current = setTimeout(() => {
      pending.current = undefined;
      reread();
    }, REREAD_MS);
  }, reread);
  useEffect(() => {
    const timer = setInterval(reread, BACKSTOP_MS);
    return () => {
      clearInterval(timer);
      clearTimeout(pending.current);
    };
  }, []);

  const setFilter = (value: string) => {
    const next = new URLSearchParams(search);
    if (value) next.set('status', value);
    else next.delete('status');
    const text = next.toString();
    navigate(`/flows${text ? `?${text}` : ''}`, { replace: true });
  };
  const more = async () => {
    if (!cursor) return;
    try {
      const page = await client.flows.list({ ...query, cursor });
      setFlows((old) => [
        ...(old ?? []),
        ...(page.data as ListedFlow[]).filter((f) => !old?.some((o) => o.id === f.id)),
      ]);
      setCursor(page.nextCursor);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section>
      <div className="page-head">
        <h1>Flows</h1>
        <span className="muted small">Live: re-read as their jobs change.</span>
      </div>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Flow filters">
        <label>
          Status
          <select value={status} onChange={(e) => setFilter(e.target.value)}>
            <option value="">All</option>
            {FLOW_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      </form>
      {error ? <ErrorBox error={error} onRetry={reread} /> : null}
      {flows === undefined ? (
        error ? null : (
          <Loading what="Loading flows" />
        )
      ) : flows.length === 0 ? (
        <Empty>
          No flows{status ? ' with this status' : ' yet'}. Flows are created through the API, the SDK (
          <code>client.flows.create</code>) or the CLI (<code>batchyard flows create</code>).
        </Empty>
      ) : (
        <>
          <div className="table-wrap">
            <table className="flows">
              <caption className="sr-only">Flows, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Flow</th>
                  <th scope="col">Status</th>
                  <th scope="col">Progress</th>
                  <th scope="col">Created</th>
                  <th scope="col">Finished</th>
                </tr>
              </thead>
              <tbody>
                {flows.map((flow) => (
                  <tr key={flow.id} data-flow-id={flow.id} data-status={flow.status}>
                    <td data-label="Flow">
                      <Link to={`/flows/${flow.id}`}>{flow.name}</Link>
                      <div className="muted small">
                        <code>{flow.id}</code>
                      </div>
                    </td>
                    <td data-label="Status">
                      <StatusBadge status={flow.status} />
                      {flow.abortRequested && flow.status === 'running' ? (
                        <span className="muted"> aborting</span>
                      ) : null}
                    </td>
                    <td data-label="Progress">
                      <FlowProgress flow={flow} label={`Progress of ${flow.name}`} />
                    </td>
                    <td data-label="Created">{formatDate(flow.createdAt)}</td>
                    <td data-label="Finished">{formatDate(flow.finishedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {cursor ? (
            <button type="button" className="secondary" onClick={more}>
              Load more
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}
