import type { Batchyard, Job, JobBulkAction, JobBulkItem } from '@batchyard/sdk';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { CliCommand, ErrorBox } from '../components.js';
import { cliCommand, describeError, FINISHED, RETRYABLE, saveBlob } from '../lib.js';
import { useSession } from '../session.js';

/** What one of the job actions did, in words, with the command that does the same from the shell. */
export interface ActionOutcome {
  ok: boolean;
  text: string;
  command: string;
}

const DONE: Record<JobBulkAction, string> = { abort: 'aborted', retry: 'retried', delete: 'deleted' };

/** "1 job", "3 jobs". */
export function jobCount(n: number): string {
  return `${n.toLocaleString()} job${n === 1 ? '' : 's'}`;
}

/** Why a bulk job left a job alone, in words (its `reason` is the single action's error code). */
export function skipReasonText(item: Pick<JobBulkItem, 'reason' | 'status'>): string {
  const status = item.status ?? 'unknown';
  switch (item.reason) {
    case 'job_finished':
      return `already ${status}`;
    case 'job_not_retryable':
      return `${status}: only failed, aborted, skipped or expired jobs are retried`;
    case 'job_not_finished':
      return `${status}: only finished jobs are deleted`;
    case 'job_in_flow':
      return 'part of a flow: delete the flow';
    case 'dependencies_not_succeeded':
      return 'a job it depends on did not succeed: retry that one first';
    case 'not_matched':
      return 'not found (deleted meanwhile, or another workspace)';
    default:
      return item.reason ?? 'left alone';
  }
}

/**
 * Aborts, retries or deletes one job and says what happened, refusal included (the server's
 * detail and code): an action the job's state does not allow is an outcome, not a crash.
 */
export async function actOnJob(
  client: Batchyard,
  action: JobBulkAction,
  id: string,
): Promise<{ outcome: ActionOutcome; job?: Job }> {
  const command = cliCommand('jobs', action, id);
  try {
    if (action === 'delete') {
      await client.jobs.delete(id);
      return { outcome: { ok: true, text: `Job ${id} deleted, with its artifacts.`, command } };
    }
    const job = action === 'abort' ? await client.jobs.abort(id) : await client.jobs.retry(id);
    const text =
      action === 'abort'
        ? job.status === 'aborted'
          ? `Job ${id} aborted.`
          : `Abort of job ${id} requested: it was ${job.status}, its handler is stopping.`
        : `Job ${id} retried: ${job.status} again (attempt ${job.attempt} of ${job.maxAttempts} done).`;
    return { outcome: { ok: true, text, command }, job };
  } catch (error) {
    const { detail, code } = describeError(error);
    return {
      outcome: {
        ok: false,
        text: `Job ${id} not ${DONE[action]}: refused, ${detail}${code ? ` (${code})` : ''}`,
        command,
      },
    };
  }
}

/** The notice an action leaves: what it did, and its command with Copy. */
export function OutcomeNotice({ outcome, label }: { outcome: ActionOutcome; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  // The row acted on may be far down the list: bring what happened into view.
  useEffect(() => {
    // A block: scrollIntoView returns a promise in newer browsers, which React would call as a cleanup.
    ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [outcome]);
  return (
    <div
      ref={ref}
      className={`notice action-outcome notice-${outcome.ok ? 'succeeded' : 'failed'}`}
      role="status"
      aria-live="polite"
    >
      <p className="outcome-text">{outcome.text}</p>
      <CliCommand command={outcome.command} label={label} />
    </div>
  );
}

/** Downloads a job's artifact and says so, with the CLI command that saves it. */
export async function downloadArtifact(
  client: Batchyard,
  jobId: string,
  name: string,
): Promise<ActionOutcome> {
  const command = cliCommand('jobs', 'artifacts', 'get', jobId, name);
  try {
    const response = await client.jobs.downloadArtifact(jobId, name);
    const blob = await response.blob();
    saveBlob(blob, name);
    return {
      ok: true,
      text: `Downloaded ${name} of job ${jobId} (${blob.size.toLocaleString()} bytes).`,
      command,
    };
  } catch (error) {
    const { detail, code } = describeError(error);
    return {
      ok: false,
      text: `${name} of job ${jobId} not downloaded: ${detail}${code ? ` (${code})` : ''}`,
      command,
    };
  }
}

/** A job's artifacts, each with a Download button (type and size beside it). */
export function ArtifactList({
  job,
  busy,
  onDownload,
}: {
  job: Job;
  busy: boolean;
  onDownload: (name: string) => void;
}) {
  if (job.artifacts.length === 0) return <p className="empty">Job {job.id} has no artifacts.</p>;
  return (
    <ul className="artifacts" aria-label={`Artifacts of ${job.id}`}>
      {job.artifacts.map((a) => (
        <li key={a.name}>
          <button type="button" className="link" onClick={() => onDownload(a.name)} disabled={busy}>
            Download {a.name}
          </button>{' '}
          <span className="muted small">
            {a.contentType}, {a.size.toLocaleString()} bytes
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Asks before deleting a job (it takes its artifacts with it). */
export function ConfirmDelete({
  job,
  onConfirm,
  onCancel,
}: {
  job: Pick<Job, 'id' | 'title' | 'type'>;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const cancel = useRef<HTMLButtonElement>(null);
  // Asked away from the row's button: focus moves here (on the harmless choice) and into view.
  useEffect(() => {
    cancel.current?.focus();
  }, [job.id]);
  return (
    <div className="card confirm" role="group" aria-label="Confirm delete">
      <p>
        Delete job <code>{job.id}</code> ({job.title || job.type}) and its artifacts? This cannot be undone.
      </p>
      <CliCommand command={cliCommand('jobs', 'delete', job.id)} label="delete this job" />
      <div className="actions">
        <button type="button" className="danger" onClick={onConfirm}>
          Confirm delete
        </button>
        <button type="button" className="secondary" onClick={onCancel} ref={cancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

/**
 * The actions on one row of the job list: Abort, Retry and Delete as the job's state allows (for
 * editors and admins), and its artifacts for everyone. `view` holds the confirmation, the artifact
 * list and the outcome, shown once above the table.
 */
export function useRowActions({
  canChange,
  onChanged,
}: {
  canChange: boolean;
  /** A job changed (its new state) or was deleted (null). */
  onChanged: (id: string, job: Job | null) => void;
}): { buttons: (job: Job) => ReactNode; view: ReactNode } {
  const { client } = useSession();
  const [busy, setBusy] = useState<string>();
  const [confirming, setConfirming] = useState<Job>();
  const [artifactsOf, setArtifactsOf] = useState<Job>();
  const [outcome, setOutcome] = useState<ActionOutcome>();
  const [error, setError] = useState<unknown>();

  const run = async (action: JobBulkAction, id: string) => {
    setBusy(id);
    setError(undefined);
    setOutcome(undefined);
    setConfirming(undefined);
    const done = await actOnJob(client, action, id);
    setOutcome(done.outcome);
    setBusy(undefined);
    if (action === 'delete' && done.outcome.ok) {
      if (artifactsOf?.id === id) setArtifactsOf(undefined);
      onChanged(id, null);
    } else if (done.job) onChanged(id, done.job);
  };
  const openArtifacts = async (id: string) => {
    setBusy(id);
    setError(undefined);
    setOutcome(undefined);
    try {
      // The list leaves artifacts out; the job itself has them.
      setArtifactsOf(await client.jobs.get(id));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(undefined);
    }
  };
  const download = async (jobId: string, name: string) => {
    setBusy(jobId);
    setOutcome(await downloadArtifact(client, jobId, name));
    setBusy(undefined);
  };

  const buttons = (job: Job) => {
    const finished = FINISHED.has(job.status);
    const off = busy === job.id;
    return (
      <div className="actions row-actions" role="group" aria-label={`Actions on ${job.id}`}>
        {canChange && !finished ? (
          <button
            type="button"
            className="secondary small"
            disabled={off || job.abortRequested}
            onClick={() => void run('abort', job.id)}
          >
            Abort
          </button>
        ) : null}
        {canChange && RETRYABLE.has(job.status) ? (
          <button
            type="button"
            className="secondary small"
            disabled={off}
            onClick={() => void run('retry', job.id)}
          >
            Retry
          </button>
        ) : null}
        {canChange && finished && !job.flowId ? (
          <button
            type="button"
            className="secondary small"
            disabled={off}
            onClick={() => {
              setOutcome(undefined);
              setConfirming(job);
            }}
          >
            Delete
          </button>
        ) : null}
        <button
          type="button"
          className="secondary small"
          disabled={off}
          aria-expanded={artifactsOf?.id === job.id}
          onClick={() =>
            artifactsOf?.id === job.id ? setArtifactsOf(undefined) : void openArtifacts(job.id)
          }
        >
          Artifacts
        </button>
      </div>
    );
  };

  const view = (
    <div className="row-action-panel">
      {confirming ? (
        <ConfirmDelete
          job={confirming}
          onConfirm={() => void run('delete', confirming.id)}
          onCancel={() => setConfirming(undefined)}
        />
      ) : null}
      {artifactsOf ? (
        <ArtifactsPanel
          job={artifactsOf}
          busy={busy === artifactsOf.id}
          onDownload={(name) => void download(artifactsOf.id, name)}
          onClose={() => setArtifactsOf(undefined)}
        />
      ) : null}
      {error ? <ErrorBox error={error} /> : null}
      {outcome ? <OutcomeNotice outcome={outcome} label="do the same" /> : null}
    </div>
  );
  return { buttons, view };
}

/** A job's artifacts opened from its row: focused (and so scrolled to) when it opens. */
function ArtifactsPanel({
  job,
  busy,
  onDownload,
  onClose,
}: {
  job: Job;
  busy: boolean;
  onDownload: (name: string) => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [job.id]);
  return (
    <section className="card" aria-label={`Artifacts of job ${job.id}`} tabIndex={-1} ref={ref}>
      <h2 className="small-heading">
        Artifacts of <code>{job.id}</code> ({job.title || job.type})
      </h2>
      <ArtifactList job={job} busy={busy} onDownload={onDownload} />
      <button type="button" className="secondary small" onClick={onClose}>
        Close
      </button>
    </section>
  );
}
