import type { Flow } from '@batchyard/sdk';
import { useEffect, useState } from 'react';
import { ErrorBox, Loaded, StatusBadge } from '../components.js';
import { formatDate, formatDuration, JOB_STATUSES, useAsync, useNow } from '../lib.js';
import { Link, navigate } from '../router.js';
import { useSession } from '../session.js';
import { countByStatus, FlowGraph } from './flow-graph.js';
import { FlowProgress } from './flows.js';

/** Waits before opening the flow's event stream again after it broke, doubling up to 30 s. */
const RECONNECT_MS = 1000;

export function FlowPage({ id }: { id: string }) {
  const { client } = useSession();
  const state = useAsync<Flow>((signal) => client.flows.get(id, { signal }), [client, id]);
  return (
    <section>
      <p className="crumbs">
        <Link to="/flows">Flows</Link> / <code>{id}</code>
      </p>
      <Loaded state={state} what="Loading the flow">
        {(flow) => <FlowDetail flow={flow} setFlow={state.setData} />}
      </Loaded>
    </section>
  );
}

/**
 * Follows the flow's event stream (`GET /v1/flows/{id}/events`) while it runs: every `flow` event
 * carries the whole flow with its jobs. A broken stream is opened again with backoff; its first
 * event is the flow as it is then, so nothing is missed.
 */
function useFollowFlow(id: string, running: boolean, setFlow: (flow: Flow) => void): void {
  const { client } = useSession();
  useEffect(() => {
    if (!running) return;
    const controller = new AbortController();
    void (async () => {
      let delay = RECONNECT_MS;
      while (!controller.signal.aborted) {
        let ended = false;
        try {
          for await (const flow of client.flows.follow(id, { signal: controller.signal })) {
            delay = RECONNECT_MS;
            setFlow(flow);
            ended = flow.status !== 'running';
          }
          // The stream ends with `end` once the flow has ended.
          if (ended) return;
        } catch {
          // Broken or aborted: the loop decides.
        }
        if (controller.signal.aborted) return;
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, 30_000);
      }
    })();
    return () => controller.abort();
  }, [client, id, running, setFlow]);
}

function FlowDetail({ flow, setFlow }: { flow: Flow; setFlow: (flow: Flow) => void }) {
  const { client, me } = useSession();
  const now = useNow();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const running = flow.status === 'running';
  const canChange = me.role === 'admin' || me.role === 'editor';
  const jobs = flow.jobs ?? [];
  useFollowFlow(flow.id, running, setFlow);

  const act = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const abort = () => act(async () => setFlow(await client.flows.abort(flow.id)));
  const retry = () => act(async () => setFlow(await client.flows.retry(flow.id)));
  const remove = () =>
    act(async () => {
      if (
        !window.confirm(`Delete flow ${flow.name} with its ${flow.progress.total} jobs and their artifacts?`)
      )
        return;
      await client.flows.delete(flow.id);
      navigate('/flows');
    });
  const counts = new Map(countByStatus(jobs));

  return (
    <>
      <div className="page-head">
        <h1>
          {flow.name} <StatusBadge status={flow.status} />
        </h1>
        {canChange ? (
          <div className="actions" role="group" aria-label="Flow actions">
            {/* Offered as the state allows; the server's refusal (say, a race) shows below. */}
            <button type="button" onClick={abort} disabled={busy || !running || flow.abortRequested}>
              Abort
            </button>
            <button type="button" onClick={retry} disabled={busy || running || flow.status === 'succeeded'}>
              Retry
            </button>
            <button type="button" className="danger" onClick={remove} disabled={busy || running}>
              Delete
            </button>
          </div>
        ) : null}
      </div>
      {error ? <ErrorBox error={error} /> : null}
      <FlowProgress flow={flow} label="Flow progress" />
      <dl className="facts">
        <dt>Id</dt>
        <dd>
          <code>{flow.id}</code>
        </dd>
        <dt>Jobs</dt>
        <dd>
          {flow.progress.total} ({flow.progress.succeeded} succeeded, {flow.progress.unfinished} not ended)
        </dd>
        <dt>Created</dt>
        <dd>{formatDate(flow.createdAt)}</dd>
        <dt>Finished</dt>
        <dd>{formatDate(flow.finishedAt)}</dd>
        <dt>Duration</dt>
        <dd>
          {formatDuration((flow.finishedAt ? Date.parse(flow.finishedAt) : now) - Date.parse(flow.createdAt))}
        </dd>
        {flow.abortRequested && running ? (
          <>
            <dt>Abort</dt>
            <dd>requested; its running jobs are stopping</dd>
          </>
        ) : null}
      </dl>

      <div className="page-head">
        <h2>Graph</h2>
        <span className="muted small" aria-live="polite">
          {running
            ? 'Live: statuses change as the flow’s event stream reports them.'
            : `The flow ${flow.status}.`}
        </span>
      </div>
      <ul className="flow-legend" aria-label="Jobs by status">
        {JOB_STATUSES.map((s) => (
          <li key={s} className={`status-${s}${counts.has(s) ? '' : ' none'}`} data-status={s}>
            <span className="swatch" aria-hidden="true" /> {s} {counts.get(s) ?? 0}
          </li>
        ))}
      </ul>
      <FlowGraph flowId={flow.id} jobs={jobs} />
    </>
  );
}
