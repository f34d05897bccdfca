import type { JobLogLine } from '@batchyard/sdk';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Empty, ErrorBox } from '../components.js';
import { isAbort } from '../lib.js';
import { useSession } from '../session.js';

/** The server keeps a job's newest 1,000 lines; the page shows as many. */
const SHOWN = 1000;
/** New lines are added to the page at most this often (a busy job writes hundreds a second). */
const RENDER_MS = 100;

/**
 * A job's log: the lines there are, then (while the job runs) each new one as it is written,
 * following the server's stream. It stops when the job has ended, and follows again after a retry.
 */
export function JobLogPanel({ jobId, running }: { jobId: string; running: boolean }) {
  const { client } = useSession();
  const [lines, setLines] = useState<JobLogLine[]>([]);
  const [dropped, setDropped] = useState(0);
  const [error, setError] = useState<unknown>();
  /** The last line shown: a new read (the job ended, or was retried) goes on after it. */
  const after = useRef(0);
  const box = useRef<HTMLOListElement>(null);
  const atBottom = useRef(true);

  useEffect(() => {
    const controller = new AbortController();
    let pending: JobLogLine[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const show = () => {
      timer = undefined;
      const batch = pending;
      pending = [];
      setLines((shown) => {
        const last = shown.at(-1)?.seq ?? 0;
        return [...shown, ...batch.filter((line) => line.seq > last)].slice(-SHOWN);
      });
    };
    setError(undefined);
    (async () => {
      const stream = client.jobs.logs(jobId, {
        follow: running,
        after: after.current,
        signal: controller.signal,
        onDropped: (count) => setDropped((total) => total + count),
      });
      for await (const line of stream) {
        after.current = line.seq;
        pending.push(line);
        timer ??= setTimeout(show, RENDER_MS);
      }
    })().catch((e: unknown) => {
      if (!controller.signal.aborted && !isAbort(e)) setError(e);
    });
    return () => {
      controller.abort();
      clearTimeout(timer);
      if (pending.length > 0) show();
    };
  }, [client, jobId, running]);

  // Stays scrolled to the newest line, unless the reader scrolled up to read older ones.
  useLayoutEffect(() => {
    const list = box.current;
    if (list && atBottom.current) list.scrollTop = list.scrollHeight;
  }, [lines]);

  return (
    <>
      <h2>
        Log{' '}
        {running ? (
          <span className="muted small" aria-live="polite">
            (following)
          </span>
        ) : null}
      </h2>
      {error ? <ErrorBox error={error} /> : null}
      {dropped > 0 ? (
        <p className="muted small" data-testid="log-dropped">
          {dropped.toLocaleString('en')} earlier line{dropped === 1 ? ' was' : 's were'} dropped (a job keeps
          its newest 1,000).
        </p>
      ) : null}
      {lines.length === 0 ? (
        <Empty>{running ? 'No log lines yet.' : 'No log lines.'}</Empty>
      ) : (
        <ol
          className="job-log"
          aria-label="Job log"
          ref={box}
          onScroll={(event) => {
            const list = event.currentTarget;
            atBottom.current = list.scrollHeight - list.scrollTop - list.clientHeight < 8;
          }}
        >
          {lines.map((line) => (
            <li key={line.seq} data-seq={line.seq} data-level={line.level}>
              <time dateTime={line.at} title={line.at}>
                {new Date(line.at).toLocaleTimeString()}
              </time>{' '}
              <span className={`log-level log-${line.level}`}>{line.level}</span>{' '}
              {line.attempt > 1 ? <span className="muted">[attempt {line.attempt}] </span> : null}
              <span className="log-message">{line.message}</span>
              {line.fields && Object.keys(line.fields).length > 0 ? (
                <>
                  {' '}
                  <code className="log-fields">{JSON.stringify(line.fields)}</code>
                </>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
