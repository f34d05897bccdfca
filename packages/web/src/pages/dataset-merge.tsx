import type { Batch, BatchMergeParams, Dataset, Job, MergeResult } from '@batchyard/sdk';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { CliCommand, ErrorBox, FieldError, StatusBadge } from '../components.js';
import { cliCommand, FINISHED, onlyFieldProblems, useAsync } from '../lib.js';
import { useSession } from '../session.js';
import { problemsAt, ServerRefusal, useOtherDatasets } from './dataset-sources.js';
import { JobLine, useFollowedJob } from './job-outcome.js';

type Strategy = BatchMergeParams['strategy'];

const STRATEGIES: readonly { value: Strategy; text: string }[] = [
  { value: 'abort', text: 'abort: a key the target already has fails the merge' },
  { value: 'override', text: "override: on commit, the target's rows with those keys are replaced" },
  { value: 'skip', text: "skip: on commit, the draft's rows with those keys are left out" },
];

/** Commit's result: rows of the target replaced (override) or of the draft left out (skip). */
interface CommitResult {
  rowsReplaced: number;
  rowsSkipped: number;
}

/**
 * Squash-and-merge from the page: a source dataset (all its active batches, or the ones picked),
 * a key-conflict strategy; the merge job writes one draft batch, which is then committed or
 * closed from here.
 */
export function MergePanel({
  dataset,
  version,
  onChanged,
}: {
  dataset: Dataset;
  /** Bumped when the page's data changed (the sources are read again). */
  version: number;
  onChanged: () => void;
}) {
  const { client } = useSession();
  const sources = useOtherDatasets(dataset, version);
  const [sourceId, setSourceId] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const [strategy, setStrategy] = useState<Strategy | ''>('');
  const [name, setName] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [merge, setMerge] = useState<Job>();
  const [draftAction, setDraftAction] = useState<{ job: Job; action: 'commit' | 'close' }>();
  const mergeJob = useFollowedJob(merge);
  const actionJob = useFollowedJob(draftAction?.job);
  const onChangedRef = useRef(onChanged);
  onChangedRef.current = onChanged;
  const mergeEnded = mergeJob !== undefined && FINISHED.has(mergeJob.status);
  const actionEnded = actionJob !== undefined && FINISHED.has(actionJob.status);
  useEffect(() => {
    if (mergeEnded || actionEnded) onChangedRef.current();
  }, [mergeEnded, actionEnded]);

  const source = sources.data?.find((d) => d.id === sourceId);
  const batches = useAsync<Batch[]>(
    async (signal) =>
      sourceId
        ? ((
            await client.batches.list(
              sourceId,
              { states: ['active', 'suspended'], limit: 1000, sort: 'createdAt' },
              { signal },
            )
          ).data as Batch[])
        : [],
    [client, sourceId],
  );

  // Merge matches columns by name, with the same type: what does not is caught here.
  const columnProblems = (source?.columns ?? []).flatMap((c) => {
    const to = dataset.columns.find((t) => t.name.toLowerCase() === c.name.toLowerCase());
    return !to
      ? [`${dataset.name} has no column "${c.name}" (a merge matches columns by name).`]
      : to.type !== c.type
        ? [`Column "${c.name}" is ${c.type} in ${source!.name} but ${to.type} here.`]
        : [];
  });
  const sourceProblems = source ? columnProblems : ['Choose the dataset to merge.'];
  const strategyProblems = strategy ? [] : ['Choose what a key conflict does.'];
  const nameProblems = name.trim().length > 200 ? ['At most 200 characters.'] : [];
  const pageOk = sourceProblems.length === 0 && strategyProblems.length === 0 && nameProblems.length === 0;
  const key = dataset.columns.find((c) => c.id === dataset.keyColumn);

  const body: BatchMergeParams = {
    source: { datasetId: sourceId, ...(picked.length > 0 ? { batchIds: picked } : {}) },
    strategy: strategy || 'abort',
    ...(name.trim() ? { name: name.trim() } : {}),
  };
  const mergeCli = cliCommand(
    'batches',
    'merge',
    dataset.id,
    '--source',
    sourceId || 'SOURCE',
    ...picked.flatMap((id) => ['--batch', id]),
    '--strategy',
    strategy || 'STRATEGY',
    ...(body.name ? ['--name', body.name] : []),
    '--wait',
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!pageOk) return;
    setBusy(true);
    setError(undefined);
    setDraftAction(undefined);
    try {
      const handle = await client.batches.merge(dataset.id, body);
      setMerge(handle.job ?? (await handle.refresh()));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const result =
    mergeJob?.status === 'succeeded' ? (mergeJob.result as MergeResult & { draftNumber?: number }) : null;
  const act = async (action: 'commit' | 'close') => {
    if (!result) return;
    setBusy(true);
    setError(undefined);
    try {
      const handle = await client.batches[action](result.draftBatchId);
      setDraftAction({ job: handle.job ?? (await handle.refresh()), action });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const conflictKeys = (mergeJob?.error?.details as { keys?: unknown[] } | undefined)?.keys ?? [];
  const serverAt = (pointer: string) => problemsAt(error, pointer);
  const batchServer = picked.flatMap((_, i) => serverAt(`/source/batchIds/${i}`));
  const fieldsOnly = onlyFieldProblems(error, ['/source', '/name']);

  return (
    <details className="card mapping-panel">
      <summary>
        <h2 id="merge-heading">Merge another dataset (squash-and-merge into a draft)</h2>
      </summary>
      <form onSubmit={submit} noValidate aria-labelledby="merge-heading" className="mapping-form">
        <p className="hint">
          The source's batches become <strong>one draft batch</strong> of {dataset.name}, invisible until you
          commit it. Columns are matched by name and must have the same type.{' '}
          {key
            ? `Conflicts are rows whose key (${key.name}) ${dataset.name}'s active rows already have; within the source, the first row of a key wins.`
            : `${dataset.name} has no key column, so there can be no conflicts.`}
        </p>
        <div className="upload-options">
          <label>
            Source dataset
            <select
              value={sourceId}
              onChange={(e) => {
                setSourceId(e.target.value);
                setPicked([]);
                setError(undefined);
              }}
              aria-invalid={tried && sourceProblems.length > 0}
              aria-describedby="merge-source-error"
            >
              <option value="">— choose —</option>
              {(sources.data ?? []).map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name} ({d.rowCount.toLocaleString()} rows)
                </option>
              ))}
            </select>
          </label>
          <label>
            Key conflicts
            <select
              value={strategy}
              onChange={(e) => setStrategy(e.target.value as Strategy | '')}
              aria-invalid={tried && strategyProblems.length > 0}
              aria-describedby="merge-strategy-error"
            >
              <option value="">— choose —</option>
              {STRATEGIES.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.text}
                </option>
              ))}
            </select>
          </label>
          <label>
            Draft name
            <input
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder="optional"
              aria-invalid={nameProblems.length > 0 || serverAt('/name').length > 0}
              aria-describedby="merge-name-error"
            />
          </label>
        </div>
        <FieldError
          id="merge-source-error"
          messages={[
            ...(tried || source ? sourceProblems : []),
            ...serverAt('/source/datasetId'),
            ...serverAt('/source'),
          ]}
        />
        <FieldError id="merge-strategy-error" messages={tried ? strategyProblems : []} />
        <FieldError id="merge-name-error" messages={[...nameProblems, ...serverAt('/name')]} />
        {sources.error ? <ErrorBox error={sources.error} onRetry={sources.reload} /> : null}
        {source ? (
          <fieldset className="merge-batches" aria-describedby="merge-batches-error">
            <legend>Batches of {source.name} (none ticked: all its active batches)</legend>
            {batches.error ? <ErrorBox error={batches.error} onRetry={batches.reload} /> : null}
            {(batches.data ?? []).length === 0 && !batches.loading ? (
              <p className="muted">{source.name} has no active or suspended batches.</p>
            ) : null}
            {(batches.data ?? []).map((b) => (
              <label key={b.id} className="check">
                <input
                  type="checkbox"
                  checked={picked.includes(b.id)}
                  onChange={(e) =>
                    setPicked((old) => (e.target.checked ? [...old, b.id] : old.filter((id) => id !== b.id)))
                  }
                />
                {b.name} <StatusBadge status={b.state} />{' '}
                <span className="muted small">
                  {b.rowCount.toLocaleString()} {b.rowCount === 1 ? 'row' : 'rows'} · <code>{b.id}</code>
                </span>
              </label>
            ))}
            <FieldError id="merge-batches-error" messages={batchServer} />
          </fieldset>
        ) : null}
        <div className="actions">
          <button type="submit" disabled={busy || (merge !== undefined && !mergeEnded)}>
            Merge into a draft
          </button>
        </div>
        <CliCommand command={mergeCli} label="merge into a draft" />
        {tried && !pageOk ? (
          <p className="field-error" role="alert">
            Nothing was sent: fix the fields marked above.
          </p>
        ) : null}
        {error ? fieldsOnly ? <ServerRefusal error={error} /> : <ErrorBox error={error} /> : null}
      </form>

      {mergeJob ? (
        <div className="mapping-result" aria-label="Merge">
          <h3>Merge</h3>
          <JobLine job={mergeJob} label="Merge" />
          {mergeJob.error?.code === 'merge_conflict' ? (
            <p role="status">
              No draft was left. Keys {dataset.name} already has:{' '}
              {conflictKeys.map((k) => (
                <code key={String(k)}>{String(k)} </code>
              ))}
              — merge again with override or skip to resolve them on commit.
            </p>
          ) : null}
          {result ? (
            <>
              <p role="status">
                Draft{result.draftNumber ? ` #${result.draftNumber}` : ''} <code>{result.draftBatchId}</code>{' '}
                is ready: {result.rowCount.toLocaleString()} rows,{' '}
                <strong>{result.conflicts.toLocaleString()}</strong> conflicting with {dataset.name}'s active
                rows
                {result.conflicts > 0
                  ? result.strategy === 'override'
                    ? ` (commit replaces the target's ${result.conflicts === 1 ? 'row' : 'rows'})`
                    : ` (commit leaves the draft's ${result.conflicts === 1 ? 'row' : 'rows'} out)`
                  : ''}
                , {result.duplicateKeysDropped.toLocaleString()} duplicate keys dropped.
              </p>
              {draftAction === undefined ? (
                <>
                  <div className="actions">
                    <button type="button" disabled={busy} onClick={() => void act('commit')}>
                      Commit draft
                    </button>
                    <button
                      type="button"
                      className="danger"
                      disabled={busy}
                      onClick={() => void act('close')}
                    >
                      Close draft
                    </button>
                  </div>
                  <CliCommand
                    command={cliCommand('batches', 'commit', result.draftBatchId, '--wait')}
                    label="commit the draft"
                  />
                  <CliCommand
                    command={cliCommand('batches', 'close', result.draftBatchId, '--wait')}
                    label="close the draft"
                  />
                </>
              ) : null}
            </>
          ) : null}
        </div>
      ) : null}

      {actionJob && draftAction ? (
        <div className="mapping-result" aria-label={draftAction.action === 'commit' ? 'Commit' : 'Close'}>
          <h3>{draftAction.action === 'commit' ? 'Commit' : 'Close'}</h3>
          <JobLine job={actionJob} label={draftAction.action === 'commit' ? 'Commit' : 'Close'} />
          {actionJob.status === 'succeeded' ? (
            <p role="status">
              {draftAction.action === 'commit'
                ? commitText(actionJob.result as CommitResult)
                : 'The draft was closed: its rows are gone.'}
            </p>
          ) : null}
          <CliCommand
            command={cliCommand('batches', draftAction.action, result?.draftBatchId ?? 'DRAFT', '--wait')}
            label={`${draftAction.action} the draft`}
          />
        </div>
      ) : null}
    </details>
  );
}

function commitText(result: CommitResult): string {
  return `The draft is active: ${result.rowsReplaced.toLocaleString()} of the target's rows replaced, ${result.rowsSkipped.toLocaleString()} of the draft's rows left out.`;
}
