import type { Job } from '@batchyard/sdk';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useSession } from './session.js';
import { abortedBy, describeError, FINISHED, followJob, jobPercent } from './lib.js';
import { Link } from './router.js';

/** An API problem: its detail and code (and the bad fields), or any other error's message. */
export function ErrorBox({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { title, detail, code, extra } = describeError(error);
  return (
    <div className="error" role="alert">
      <strong>{title}</strong>
      {code ? (
        <>
          {' '}
          <code className="error-code">{code}</code>
        </>
      ) : null}
      <p className="error-detail">{detail}</p>
      {extra.length > 0 ? (
        <ul>
          {extra.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
      {onRetry ? (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      {what}…
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

/** Loading, error or the content. */
export function Loaded<T>({
  state,
  children,
  what,
}: {
  state: { data: T | undefined; error: unknown; loading: boolean; reload: () => void };
  children: (data: T) => ReactNode;
  what?: string;
}) {
  if (state.error) return <ErrorBox error={state.error} onRetry={state.reload} />;
  if (state.data === undefined) return <Loading what={what} />;
  return <>{children(state.data)}</>;
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge badge-${status}`}>{status.replace('_', ' ')}</span>;
}

export function ProgressBar({ job, label }: { job: Pick<Job, 'progress' | 'status'>; label: string }) {
  const percent = jobPercent(job);
  const text = percent === undefined ? 'no progress reported' : `${Math.floor(percent)}%` + progressText(job);
  return (
    <div
      className={`progress progress-${job.status}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent === undefined ? undefined : Math.round(percent * 10) / 10}
      aria-valuetext={text}
      title={text}
    >
      <div className="progress-fill" style={{ width: `${percent ?? 0}%` }} />
      <span className="progress-text">{percent === undefined ? '—' : `${Math.floor(percent)}%`}</span>
    </div>
  );
}

function progressText(job: Pick<Job, 'progress'>): string {
  const p = job.progress;
  if (!p) return '';
  const of = p.total === null ? `${p.done}` : `${p.done} of ${p.total}`;
  return ` (${of}${p.unit ? ` ${p.unit}` : ''})${p.message ? `: ${p.message}` : ''}`;
}

export function Json({ value }: { value: unknown }) {
  if (value === undefined || value === null) return <span className="muted">—</span>;
  return <pre className="json">{JSON.stringify(value, null, 2)}</pre>;
}

/**
 * A job an action started: its status and progress live, a link to it, and `onEnd` once it
 * ended (to reload what it changed).
 */
export function JobNotice({
  job: first,
  onEnd,
  label,
}: {
  job: Job;
  onEnd?: (job: Job) => void;
  label: string;
}) {
  const { client } = useSession();
  const [job, setJob] = useState(first);
  const onEndRef = useRef(onEnd);
  onEndRef.current = onEnd;
  useEffect(() => {
    const controller = new AbortController();
    let ended = false;
    followJob(
      client,
      first.id,
      (next) => {
        setJob(next);
        if (!ended && FINISHED.has(next.status)) {
          ended = true;
          onEndRef.current?.(next);
        }
      },
      controller.signal,
    );
    return () => controller.abort();
  }, [client, first.id]);
  return (
    <div className={`notice notice-${job.status}`} role="status" aria-live="polite">
      <span>
        {label}: <Link to={`/jobs/${job.id}`}>{job.type}</Link> <StatusBadge status={job.status} />
      </span>
      <ProgressBar job={job} label={`${label} progress`} />
      {job.status === 'aborted' ? (
        <span>{abortedBy(job)?.name ? `aborted by ${abortedBy(job)!.name}` : 'aborted'}</span>
      ) : job.error ? (
        <span className="error-detail">
          {job.error.message} <code>{job.error.code}</code>
        </span>
      ) : null}
    </div>
  );
}
