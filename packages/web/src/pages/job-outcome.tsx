import type { Job } from '@batchyard/sdk';
import { useEffect, useState } from 'react';
import { ErrorBox, ProgressBar, StatusBadge } from '../components.js';
import { FINISHED, followJob, saveBlob, useAsync } from '../lib.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';

/** Rows of a job's error report shown in the page; the download has them all. */
const REPORT_ROWS = 200;

export interface RowError {
  row: number | null;
  column: string | null;
  reason: string;
}

/** The latest state of a job an action started, followed live until it ends. */
export function useFollowedJob(first: Job | undefined): Job | undefined {
  const { client } = useSession();
  const [job, setJob] = useState(first);
  useEffect(() => {
    setJob(first);
    if (!first || FINISHED.has(first.status)) return;
    const controller = new AbortController();
    followJob(client, first.id, setJob, controller.signal);
    return () => controller.abort();
  }, [client, first]);
  return job;
}

/** A job's status, progress bar and error while it runs and once it ended, with a link to its page. */
export function JobLine({ job, label }: { job: Job; label: string }) {
  return (
    <div className={`notice notice-${job.status}`}>
      <span>
        {label}: <Link to={`/jobs/${job.id}`}>{job.id}</Link> <StatusBadge status={job.status} />
      </span>
      <ProgressBar job={job} label={`${label} progress`} />
      {job.error ? (
        <span className="error-detail">
          {job.error.message} <code>{job.error.code}</code>
        </span>
      ) : null}
    </div>
  );
}

/**
 * A finished batch job's per-row error report (its `errors.jsonl` artifact): the first rows as a
 * table and the whole file as a download. Nothing when the job refused no row.
 */
export function RowErrorReport({ job, count, label }: { job: Job; count: number; label: string }) {
  const { client } = useSession();
  const has = job.artifacts.some((a) => a.name === 'errors.jsonl');
  const [error, setError] = useState<unknown>();
  const report = useAsync<{ rows: RowError[]; more: boolean } | null>(
    async (signal) => {
      if (!has) return null;
      const text = await (await client.jobs.downloadArtifact(job.id, 'errors.jsonl', { signal })).text();
      const lines = text.split('\n').filter((l) => l.trim() !== '');
      return {
        rows: lines.slice(0, REPORT_ROWS).map((l) => JSON.parse(l) as RowError),
        more: lines.length > REPORT_ROWS,
      };
    },
    [client, job.id, has],
  );
  if (!has) return null;
  const download = async () => {
    setError(undefined);
    try {
      const response = await client.jobs.downloadArtifact(job.id, 'errors.jsonl');
      saveBlob(await response.blob(), `${job.id}-errors.jsonl`);
    } catch (e) {
      setError(e);
    }
  };
  const headingId = `report-${job.id}`;
  return (
    <div className="row-report">
      <h3 id={headingId}>{label}</h3>
      {report.error ? <ErrorBox error={report.error} onRetry={report.reload} /> : null}
      {error ? <ErrorBox error={error} /> : null}
      {report.data ? (
        <>
          <p className="small">
            {report.data.more
              ? `The first ${REPORT_ROWS.toLocaleString()} of ${count.toLocaleString()}; the download lists them all.`
              : `All ${report.data.rows.length.toLocaleString()}.`}{' '}
            Row numbers are the source rows' ids.{' '}
            <button type="button" className="link" onClick={download}>
              Download the error report (errors.jsonl)
            </button>
          </p>
          <div className="table-wrap">
            <table className="compact" aria-labelledby={headingId}>
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  <th scope="col">Column</th>
                  <th scope="col">Reason</th>
                </tr>
              </thead>
              <tbody>
                {report.data.rows.map((r, i) => (
                  <tr key={i}>
                    <td data-label="Row">{r.row ?? '—'}</td>
                    <td data-label="Column">{r.column ?? '—'}</td>
                    <td data-label="Reason">{r.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : report.loading ? (
        <p className="loading">Loading the error report…</p>
      ) : null}
    </div>
  );
}
