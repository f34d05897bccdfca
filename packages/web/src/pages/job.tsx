import type { Job } from '@batchyard/sdk';
import { useEffect, useState } from 'react';
import { Empty, ErrorBox, Json, Loaded, ProgressBar, StatusBadge } from '../components.js';
import {
  abortedBy,
  FINISHED,
  followJob,
  formatDate,
  jobDuration,
  RETRYABLE,
  useAsync,
  useNow,
} from '../lib.js';
import { Link, navigate } from '../router.js';
import { JobDependencies } from './job-dependencies.js';
import {
  actOnJob,
  ArtifactList,
  ConfirmDelete,
  downloadArtifact,
  OutcomeNotice,
  type ActionOutcome,
} from './jobs-actions.js';
import { JobLogPanel } from './job-log.js';
import { useSession } from '../session.js';

export function JobPage({ id }: { id: string }) {
  const { client } = useSession();
  const state = useAsync<Job>((signal) => client.jobs.get(id, {}, { signal }), [client, id]);
  return (
    <section>
      <p className="crumbs">
        <Link to="/jobs">Jobs</Link> / <code>{id}</code>
      </p>
      <Loaded state={state} what="Loading the job">
        {(job) => <JobDetail job={job} setJob={state.setData} reload={state.reload} />}
      </Loaded>
    </section>
  );
}

function JobDetail({ job, setJob, reload }: { job: Job; setJob: (job: Job) => void; reload: () => void }) {
  const { client } = useSession();
  const now = useNow();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [outcome, setOutcome] = useState<ActionOutcome>();
  const running = !FINISHED.has(job.status);
  const aborted = abortedBy(job);

  // Follows the job's event stream while it runs (again after a retry).
  useEffect(() => {
    if (!running) return;
    const controller = new AbortController();
    followJob(client, job.id, setJob, controller.signal);
    return () => controller.abort();
  }, [client, job.id, running, setJob]);

  // Each action says what it did (or why the server refused) with its command.
  const act = async (action: 'abort' | 'retry' | 'delete') => {
    setBusy(true);
    setError(undefined);
    setConfirming(false);
    const done = await actOnJob(client, action, job.id);
    setBusy(false);
    if (action === 'delete' && done.outcome.ok) {
      navigate('/jobs');
      return;
    }
    setOutcome(done.outcome);
    if (done.job) setJob(done.job);
  };
  const download = async (name: string) => {
    setBusy(true);
    setOutcome(await downloadArtifact(client, job.id, name));
    setBusy(false);
  };

  return (
    <>
      <div className="page-head">
        <h1>
          {job.title || job.type} <StatusBadge status={job.status} />
        </h1>
        <div className="actions" role="group" aria-label="Job actions">
          <button
            type="button"
            onClick={() => void act('abort')}
            disabled={busy || !running || job.abortRequested}
          >
            Abort
          </button>
          <button
            type="button"
            onClick={() => void act('retry')}
            disabled={busy || !RETRYABLE.has(job.status)}
          >
            Retry
          </button>
          <button
            type="button"
            className="danger"
            onClick={() => setConfirming(true)}
            disabled={busy || running || job.flowId !== null}
            title={job.flowId ? 'A job of a flow is deleted with its flow.' : undefined}
          >
            Delete
          </button>
          <button type="button" className="secondary" onClick={reload} disabled={busy}>
            Refresh
          </button>
        </div>
      </div>
      {confirming ? (
        <ConfirmDelete job={job} onConfirm={() => void act('delete')} onCancel={() => setConfirming(false)} />
      ) : null}
      {error ? <ErrorBox error={error} /> : null}
      {outcome ? <OutcomeNotice outcome={outcome} label="do the same" /> : null}
      <ProgressBar job={job} label="Job progress" />
      {job.progress?.message ? <p className="muted">{job.progress.message}</p> : null}
      <dl className="facts">
        <dt>Type</dt>
        <dd>
          <code>{job.type}</code>
        </dd>
        <dt>Id</dt>
        <dd>
          <code>{job.id}</code>
        </dd>
        {job.flowId ? (
          <>
            <dt>Flow</dt>
            <dd>
              <Link to={`/flows/${job.flowId}`}>{job.flowId}</Link>, as <code>{job.flowKey}</code>
            </dd>
          </>
        ) : null}
        {job.dependencyCount > 0 ? (
          <>
            <dt>Dependencies</dt>
            <dd>
              {job.dependencyCount} ({job.pendingDependencies} not ended); if one does not succeed:{' '}
              <code>{job.onDependencyFailure}</code>
            </dd>
          </>
        ) : null}
        {job.description ? (
          <>
            <dt>Description</dt>
            <dd>{job.description}</dd>
          </>
        ) : null}
        <dt>Attempts</dt>
        <dd>
          {job.attempt} / {job.maxAttempts}
        </dd>
        {job.timeoutMs !== null && job.timeoutMs !== undefined ? (
          <>
            <dt>Timeout</dt>
            <dd>{job.timeoutMs.toLocaleString('en')} ms per attempt</dd>
          </>
        ) : null}
        {job.concurrencyKey ? (
          <>
            <dt>Concurrency key</dt>
            <dd>
              <code>{job.concurrencyKey}</code> (shares its type&apos;s per-key limits)
            </dd>
          </>
        ) : null}
        <dt>Priority</dt>
        <dd>{job.priority}</dd>
        <dt>Created</dt>
        <dd>{formatDate(job.createdAt)}</dd>
        <dt>Started</dt>
        <dd>{formatDate(job.startedAt)}</dd>
        <dt>Finished</dt>
        <dd>{formatDate(job.finishedAt)}</dd>
        <dt>Duration</dt>
        <dd>{jobDuration(job, now)}</dd>
        {job.definitionId ? (
          <>
            <dt>Definition</dt>
            <dd>
              <Link to={`/definitions/${job.definitionId}`}>{job.definitionId}</Link>
            </dd>
          </>
        ) : null}
        {job.abortRequested && running ? (
          <>
            <dt>Abort</dt>
            <dd>requested; the handler is stopping</dd>
          </>
        ) : null}
        {job.paused ? (
          <>
            <dt>Paused</dt>
            <dd>its type is paused; it stays queued until the type is resumed (on the Jobs page)</dd>
          </>
        ) : null}
      </dl>

      {aborted ? (
        <div className="notice notice-aborted" role="status">
          <strong>Aborted</strong>
          {aborted.name !== null ? (
            <>
              {' '}
              by {aborted.name} <code>{aborted.id}</code>
            </>
          ) : null}
          : stopped on request, not a failure.
        </div>
      ) : job.error ? (
        <div className="error" role="alert">
          <strong>Job error</strong> <code className="error-code">{job.error.code}</code>
          <p className="error-detail">{job.error.message}</p>
          {job.error.details !== undefined ? <Json value={job.error.details} /> : null}
        </div>
      ) : null}

      {job.dependencyCount > 0 ? <JobDependencies job={job} /> : null}

      <JobLogPanel jobId={job.id} running={running} />

      <h2>Arguments</h2>
      <Json value={job.arguments} />

      <h2>Counters</h2>
      {Object.keys(job.counters).length === 0 ? (
        <Empty>No counters.</Empty>
      ) : (
        <dl className="facts">
          {Object.entries(job.counters).map(([name, value]) => (
            <div key={name} className="fact">
              <dt>{name}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}

      <h2>Warnings</h2>
      {job.warnings.length === 0 ? (
        <Empty>No warnings.</Empty>
      ) : (
        <ul className="warnings">
          {job.warnings.map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ul>
      )}

      <h2>Result</h2>
      <Json value={job.result} />

      <h2>Artifacts</h2>
      <ArtifactList job={job} busy={busy} onDownload={(name) => void download(name)} />
    </>
  );
}
