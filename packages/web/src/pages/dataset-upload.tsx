import { Batchyard, type Dataset, type IngestResult, type Job, type RowErrorPolicy } from '@batchyard/sdk';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { CliCommand, ErrorBox, FieldError, StatusBadge } from '../components.js';
import { cliCommand, isAbort, saveBlob, tokenStore } from '../lib.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';
import { progressFetch } from '../xhr-fetch.js';

/** Rows of the error report shown in the page; the download has them all. */
const REPORT_ROWS = 200;

interface RowError {
  row: number | null;
  column: string | null;
  reason: string;
}

interface Sending {
  sent: number;
  total: number;
  /** Rows the server has read so far (the ingest job's progress, from the job event stream). */
  rowsRead?: number;
}

interface Outcome {
  job: Job;
  accepted: number;
  refused: number;
  report?: { rows: RowError[]; more: boolean };
}

/**
 * Uploads a CSV or JSON Lines (or JSON array) file into a new batch: the bytes sent as they go out,
 * the rows the server read while it ingests, then what was kept and refused, with the per-row
 * error report as a table and its download.
 */
export function UploadPanel({ dataset, onUploaded }: { dataset: Dataset; onUploaded: () => void }) {
  const { client, projectId } = useSession();
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState('');
  const [policy, setPolicy] = useState<RowErrorPolicy>('fail');
  const [tried, setTried] = useState(false);
  const [sending, setSending] = useState<Sending>();
  const [outcome, setOutcome] = useState<Outcome>();
  const [error, setError] = useState<unknown>();
  const abortRef = useRef<AbortController | null>(null);
  useEffect(() => () => abortRef.current?.abort(), []);

  const format = file ? formatOf(file.name) : undefined;
  const fileProblems = tried
    ? !file
      ? ['Pick a file.']
      : !format
        ? ['The file must end in .csv, .jsonl, .ndjson or .json.']
        : []
    : [];
  const batchName = name.trim() || (file ? file.name.replace(/\.[^.]+$/, '') : '');
  const cli = cliCommand(
    'batches',
    'upload',
    dataset.id,
    file?.name ?? 'FILE',
    ...(batchName ? ['--name', batchName] : []),
    ...(policy === 'skip' ? ['--on-row-error', 'skip'] : []),
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!file || !format) return;
    const controller = new AbortController();
    abortRef.current = controller;
    setError(undefined);
    setOutcome(undefined);
    setSending({ sent: 0, total: file.size });
    const started = Date.now();
    // The ingest job runs while the request streams: its progress comes on the job event stream.
    void watchIngest(client, projectId, dataset.id, started, controller.signal, (rowsRead) =>
      setSending((s) => (s ? { ...s, rowsRead } : s)),
    );
    try {
      const uploader = new Batchyard({
        baseUrl: window.location.origin,
        token: tokenStore.get() ?? '',
        maxRetries: 0,
        // The answer comes once every row is in: a large file takes a while.
        timeoutMs: 30 * 60_000,
        fetch: progressFetch((sent, total) =>
          setSending((s) => (s ? { ...s, sent, total: total || s.total } : s)),
        ),
      });
      const handle = await uploader.batches.create(dataset.id, file, {
        format,
        ...(batchName ? { name: batchName } : {}),
        onRowError: policy,
        signal: controller.signal,
      });
      const job = handle.job ?? (await handle.refresh());
      setOutcome(await outcomeOf(client, job));
      onUploaded();
    } catch (e) {
      if (!isAbort(e)) setError(e);
      else setError(new Error('The upload was cancelled: nothing was kept.'));
    } finally {
      controller.abort();
      abortRef.current = null;
      setSending(undefined);
    }
  };

  const download = async (job: Job) => {
    try {
      const response = await client.jobs.downloadArtifact(job.id, 'errors.jsonl');
      saveBlob(await response.blob(), `${job.id}-errors.jsonl`);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section className="card upload" aria-labelledby="upload-heading">
      <h2 id="upload-heading">Upload a file into a new batch</h2>
      <form onSubmit={submit} noValidate className="upload-form">
        <label htmlFor="upload-file">CSV (header line first), JSON Lines or JSON array file</label>
        <input
          id="upload-file"
          type="file"
          accept=".csv,.jsonl,.ndjson,.json,text/csv,application/x-ndjson,application/json"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setOutcome(undefined);
          }}
          disabled={sending !== undefined}
          aria-invalid={fileProblems.length > 0}
          aria-describedby={fileProblems.length > 0 ? 'upload-file-error' : undefined}
        />
        <FieldError id="upload-file-error" messages={fileProblems} />
        <div className="upload-options">
          <label>
            Batch name
            <input
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder={file ? file.name.replace(/\.[^.]+$/, '') : 'from the file name'}
              disabled={sending !== undefined}
            />
          </label>
          <label>
            Bad rows
            <select
              value={policy}
              onChange={(e) => setPolicy(e.target.value as RowErrorPolicy)}
              disabled={sending !== undefined}
            >
              <option value="fail">fail the batch (keep nothing)</option>
              <option value="skip">skip them (keep the good rows)</option>
            </select>
          </label>
        </div>
        <div className="actions">
          <button type="submit" disabled={sending !== undefined}>
            {sending ? 'Uploading…' : 'Upload'}
          </button>
          {sending ? (
            <button type="button" className="secondary" onClick={() => abortRef.current?.abort()}>
              Cancel upload
            </button>
          ) : null}
        </div>
        <CliCommand command={cli} label="upload this file" />
      </form>

      {sending ? <SendingProgress sending={sending} /> : null}
      {error ? <ErrorBox error={error} /> : null}
      {outcome ? <OutcomeView outcome={outcome} onDownload={() => download(outcome.job)} /> : null}
    </section>
  );
}

function SendingProgress({ sending }: { sending: Sending }) {
  const percent = sending.total > 0 ? Math.min(100, (100 * sending.sent) / sending.total) : 0;
  const text = `${formatBytes(sending.sent)} of ${formatBytes(sending.total)} sent`;
  return (
    <div className="upload-progress" role="status" aria-live="polite">
      <div
        className="progress progress-running"
        role="progressbar"
        aria-label="Bytes sent"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(percent)}
        aria-valuetext={text}
      >
        <div className="progress-fill" style={{ width: `${percent}%` }} />
        <span className="progress-text">{Math.floor(percent)}%</span>
      </div>
      <p className="small">
        {text}
        {sending.rowsRead !== undefined
          ? ` · ${sending.rowsRead.toLocaleString()} rows read by the server`
          : percent >= 100
            ? ' · the server is checking the rows'
            : ''}
      </p>
    </div>
  );
}

function OutcomeView({ outcome, onDownload }: { outcome: Outcome; onDownload: () => void }) {
  const { job, accepted, refused, report } = outcome;
  const result = job.result as Partial<IngestResult> | null;
  return (
    <div className={`upload-outcome notice-${job.status}`}>
      <p role="status">
        <StatusBadge status={job.status} />{' '}
        {job.status === 'succeeded' ? (
          <>
            Created batch <code>{result?.batchId}</code>: <strong>{accepted.toLocaleString()}</strong> rows
            accepted, <strong>{refused.toLocaleString()}</strong> refused.
          </>
        ) : (
          <>
            No batch was created: {job.error?.message ?? 'the upload failed'}{' '}
            {job.error ? <code>{job.error.code}</code> : null}
          </>
        )}{' '}
        <Link to={`/jobs/${job.id}`}>Its job</Link>.
      </p>
      <dl className="facts upload-counts">
        <dt>Rows accepted</dt>
        <dd>{accepted.toLocaleString()}</dd>
        <dt>Rows refused</dt>
        <dd>{refused.toLocaleString()}</dd>
      </dl>
      {report ? (
        <>
          <h3>Refused rows</h3>
          <p className="small">
            {report.more
              ? `The first ${REPORT_ROWS.toLocaleString()} of ${refused.toLocaleString()}; the download lists them all.`
              : `All ${report.rows.length.toLocaleString()}.`}{' '}
            <button type="button" className="link" onClick={onDownload}>
              Download the error report (errors.jsonl)
            </button>
          </p>
          <div className="table-wrap">
            <table className="compact" aria-label="Refused rows">
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  <th scope="col">Column</th>
                  <th scope="col">Reason</th>
                </tr>
              </thead>
              <tbody>
                {report.rows.map((r, i) => (
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
      ) : null}
    </div>
  );
}

/** What an upload's finished job says: rows kept and refused, and the first rows of its error report. */
async function outcomeOf(client: Batchyard, job: Job): Promise<Outcome> {
  const result = job.result as Partial<IngestResult> | null;
  const details = job.error?.details as { errorCount?: number } | undefined;
  const accepted = job.status === 'succeeded' ? (result?.rowCount ?? 0) : 0;
  const refused = result?.errorCount ?? details?.errorCount ?? 0;
  if (!job.artifacts.some((a) => a.name === 'errors.jsonl')) return { job, accepted, refused };
  const text = await (await client.jobs.downloadArtifact(job.id, 'errors.jsonl')).text();
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const rows = lines.slice(0, REPORT_ROWS).map((l) => JSON.parse(l) as RowError);
  return { job, accepted, refused, report: { rows, more: lines.length > REPORT_ROWS } };
}

/** Reports the rows read by this dataset's ingest job (the first started after `since`) until aborted. */
async function watchIngest(
  client: Batchyard,
  projectId: string | null,
  datasetId: string,
  since: number,
  signal: AbortSignal,
  onRows: (rows: number) => void,
): Promise<void> {
  let jobId: string | undefined;
  try {
    for await (const job of client.jobs.events(projectId ? { projectId } : {}, { signal })) {
      if (job.type !== 'batch.ingest') continue;
      if (jobId === undefined) {
        const args = job.arguments as { datasetId?: unknown } | null;
        if (args?.datasetId !== datasetId || Date.parse(job.createdAt) < since - 60_000) continue;
        jobId = job.id;
      } else if (job.id !== jobId) continue;
      if (job.progress) onRows(job.progress.done ?? 0);
    }
  } catch {
    // Aborted when the upload ends, or the stream broke: the bytes bar and the outcome remain.
  }
}

function formatOf(fileName: string): 'csv' | 'jsonl' | 'json' | undefined {
  const extension = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (extension === 'csv') return 'csv';
  if (extension === 'jsonl' || extension === 'ndjson') return 'jsonl';
  if (extension === 'json') return 'json';
  return undefined;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
