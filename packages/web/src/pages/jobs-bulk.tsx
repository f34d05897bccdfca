import type { Job, JobBulkAction, JobBulkFilter, JobBulkItem, JobBulkResult } from '@batchyard/sdk';
import { useState } from 'react';
import { CliCommand, ErrorBox, JobNotice } from '../components.js';
import { cliCommand } from '../lib.js';
import { useSession } from '../session.js';
import { jobCount, skipReasonText } from './jobs-actions.js';

/** Refused jobs listed by id under a bulk action's outcome; the results.jsonl has them all. */
const SHOWN_REFUSALS = 10;

const DONE: Record<JobBulkAction, string> = { abort: 'aborted', retry: 'retried', delete: 'deleted' };

/** `batchyard jobs bulk <action> …` for the same jobs. */
function bulkCommand(action: JobBulkAction, filter: JobBulkFilter): string {
  return cliCommand(
    'jobs',
    'bulk',
    action,
    ...(filter.ids ? ['--id', filter.ids.join(',')] : []),
    ...(filter.statuses ? ['--status', filter.statuses.join(',')] : []),
    ...(filter.types ? ['--type', filter.types.join(',')] : []),
    '--wait',
  );
}

/** "3 jobs retried, 1 refused: job_x succeeded: only failed … are retried". */
export function bulkOutcomeText(result: JobBulkResult, refused: readonly JobBulkItem[]): string {
  const head = `${jobCount(result.applied)} ${DONE[result.action]}, ${result.skipped === 0 ? 'none' : result.skipped.toLocaleString()} refused`;
  if (result.skipped === 0) return `${head}.`;
  const listed = refused.map((item) => `${item.id} ${skipReasonText(item)}`).join('; ');
  const more = result.skipped > refused.length ? `; and ${result.skipped - refused.length} more` : '';
  return `${head}: ${listed}${more}.`;
}

const ACTIONS: { action: JobBulkAction; label: string; hint: string }[] = [
  { action: 'abort', label: 'Abort', hint: 'queued or running jobs' },
  { action: 'retry', label: 'Retry', hint: 'failed or aborted jobs' },
  { action: 'delete', label: 'Delete', hint: 'finished jobs, with their artifacts' },
];

type Scope = 'selected' | 'matching';

/** "status failed, type report": the list's filters in words. */
function describeFilter(filter: JobBulkFilter): string {
  const parts: string[] = [];
  if (filter.statuses) parts.push(`status ${filter.statuses.join(' or ')}`);
  if (filter.types) parts.push(`type ${filter.types.join(' or ')}`);
  return parts.join(', ');
}

/**
 * Abort, retry or delete the selected jobs, or every job matching the list's filters, as one
 * `jobs.bulk` job, after a confirmation. Shows that job as it runs and its counts when it ends.
 * `filter` is null when the list is unfiltered: "all matching" would be every job, so it is off.
 */
export function BulkJobActions({
  selected,
  filter,
  onEnded,
}: {
  selected: readonly string[];
  filter: JobBulkFilter | null;
  onEnded: () => void;
}) {
  const { client, workspaceId } = useSession();
  const [pending, setPending] = useState<{ action: JobBulkAction; scope: Scope }>();
  const [started, setStarted] = useState<Job>();
  const [ended, setEnded] = useState<Job>();
  const [error, setError] = useState<unknown>();
  const [refused, setRefused] = useState<JobBulkItem[]>([]);
  const [ranFilter, setRanFilter] = useState<JobBulkFilter>();
  const pendingFilter = pending ? (pending.scope === 'selected' ? { ids: [...selected] } : filter) : null;

  /** The first refused jobs of an ended bulk job, from its results.jsonl (each job's outcome). */
  const readRefusals = async (job: Job) => {
    const result = job.result as JobBulkResult | null;
    const found: JobBulkItem[] = [];
    if (result && result.skipped > 0) {
      try {
        for await (const item of client.jobs.bulkResults(job.id)) {
          if (item.outcome !== 'skipped') continue;
          found.push(item);
          if (found.length >= SHOWN_REFUSALS) break;
        }
      } catch {
        // The counts by reason still show; the artifact is on the bulk job's page.
      }
    }
    setRefused(found);
  };

  const start = async () => {
    if (!pending) return;
    setError(undefined);
    try {
      const ran = pending.scope === 'selected' ? { ids: [...selected] } : filter!;
      const handle = await client.jobs.bulk({
        action: pending.action,
        filter: ran,
        ...(workspaceId ? { workspaceId } : {}),
      });
      setRanFilter(ran);
      setRefused([]);
      setEnded(undefined);
      setStarted(handle.job);
      setPending(undefined);
    } catch (e) {
      setError(e);
    }
  };

  const label = ACTIONS.find((a) => a.action === pending?.action)?.label ?? '';
  const result = ended?.result as JobBulkResult | null | undefined;
  return (
    <div className="bulk-actions">
      <div className="actions" role="group" aria-label="Bulk actions">
        {ACTIONS.map(({ action, label: name, hint }) => (
          <button
            key={`selected-${action}`}
            type="button"
            className="secondary"
            disabled={selected.length === 0}
            title={`${name} the selected ${hint}`}
            onClick={() => setPending({ action, scope: 'selected' })}
          >
            {name} selected{selected.length > 0 ? ` (${selected.length})` : ''}
          </button>
        ))}
        {ACTIONS.map(({ action, label: name, hint }) => (
          <button
            key={`matching-${action}`}
            type="button"
            className="secondary"
            disabled={filter === null}
            title={
              filter === null
                ? 'Pick a status or a type first'
                : `${name} every job matching the filters (${hint})`
            }
            onClick={() => setPending({ action, scope: 'matching' })}
          >
            {name} all matching
          </button>
        ))}
      </div>
      {pending ? (
        <div className="card confirm" role="group" aria-label="Confirm bulk action">
          <p>
            {pending.scope === 'selected'
              ? `${label} ${selected.length} selected job${selected.length === 1 ? '' : 's'}?`
              : `${label} every job matching ${describeFilter(filter!)}, created until now?`}{' '}
            <span className="muted small">
              Only {ACTIONS.find((a) => a.action === pending.action)!.hint} are changed; the others are
              refused and listed with the reason.
            </span>
          </p>
          {pendingFilter ? (
            <CliCommand command={bulkCommand(pending.action, pendingFilter)} label="do this from the shell" />
          ) : null}
          <div className="actions">
            <button type="button" onClick={start}>
              Confirm {label.toLowerCase()}
            </button>
            <button type="button" className="secondary" onClick={() => setPending(undefined)}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
      {error ? <ErrorBox error={error} /> : null}
      {started ? (
        <JobNotice
          key={started.id}
          job={started}
          label={`Bulk ${String(started.arguments.action ?? '')}`}
          onEnd={(job) => {
            void readRefusals(job).then(() => {
              setEnded(job);
              onEnded();
            });
          }}
        />
      ) : null}
      {result && ended?.id === started?.id ? (
        <div
          className={`notice action-outcome notice-${result.skipped === 0 ? 'succeeded' : 'failed'}`}
          role="status"
        >
          <p className="bulk-result">{bulkOutcomeText(result, refused)}</p>
          {result.skipped > 0 ? (
            <p className="muted small">
              Refused by reason:{' '}
              {Object.entries(result.skippedBy)
                .map(([reason, n]) => `${n} ${reason}`)
                .join(', ')}
              ; each job’s outcome is in the bulk job’s {result.results}.
            </p>
          ) : null}
          {ranFilter ? (
            <CliCommand command={bulkCommand(result.action, ranFilter)} label="do the same" />
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
