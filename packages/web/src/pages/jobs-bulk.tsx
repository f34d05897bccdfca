import type { Job, JobBulkAction, JobBulkFilter, JobBulkResult } from '@batchyard/sdk';
import { useState } from 'react';
import { ErrorBox, JobNotice } from '../components.js';
import { useSession } from '../session.js';

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

  const start = async () => {
    if (!pending) return;
    setError(undefined);
    try {
      const handle = await client.jobs.bulk({
        action: pending.action,
        filter: pending.scope === 'selected' ? { ids: [...selected] } : filter!,
        ...(workspaceId ? { workspaceId } : {}),
      });
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
              skipped and listed with the reason.
            </span>
          </p>
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
            setEnded(job);
            onEnded();
          }}
        />
      ) : null}
      {result && ended?.id === started?.id ? (
        <p className="muted small bulk-result" role="status">
          {result.applied} applied, {result.skipped} skipped
          {Object.keys(result.skippedBy).length > 0
            ? ` (${Object.entries(result.skippedBy)
                .map(([reason, n]) => `${n} ${reason}`)
                .join(', ')})`
            : ''}
          ; each job’s outcome is in the bulk job’s results.jsonl.
        </p>
      ) : null}
    </div>
  );
}
