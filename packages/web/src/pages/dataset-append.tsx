import {
  type AppendResult,
  type BatchFromDatasetParams,
  type ColumnType,
  type Dataset,
  type DatasetColumn,
  type Job,
  type RowErrorPolicy,
} from '@batchyard/sdk';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { CliCommand, ErrorBox, FieldError } from '../components.js';
import { cliCommand, FINISHED, onlyFieldProblems } from '../lib.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';
import { appendCli, problemsAt, ServerRefusal, useOtherDatasets } from './dataset-sources.js';
import { JobLine, RowErrorReport, useFollowedJob } from './job-outcome.js';

export const COLUMN_TYPES: readonly ColumnType[] = ['text', 'numeric', 'date', 'boolean', 'json'];
/** The destination select's value for "leave this source column out". */
const IGNORE = '__ignore__';

interface MappingRow {
  /** '' (not chosen yet), IGNORE, or a destination column id. */
  dest: string;
  expectedType: ColumnType;
}

/** First guess of a mapping: each source column to the destination column of the same name. */
function guessMapping(source: readonly DatasetColumn[], target: readonly DatasetColumn[]) {
  const rows: Record<string, MappingRow> = {};
  for (const column of source) {
    const same = target.find((t) => t.name.toLowerCase() === column.name.toLowerCase());
    rows[column.id] = { dest: same?.id ?? '', expectedType: same?.type ?? column.type };
  }
  return rows;
}

/**
 * "Append from another dataset": the source, a column-mapping editor (each source column to a
 * destination column with its expected type, or ignored), the options; a dry run first
 * (validateOnly: the rows that would be refused and why), then the append for real, followed
 * live, with the new batch and the per-row error report.
 */
export function AppendPanel({
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
  const [mapBy, setMapBy] = useState<'name' | 'id'>('name');
  const [rows, setRows] = useState<Record<string, MappingRow>>({});
  const [name, setName] = useState('');
  const [policy, setPolicy] = useState<RowErrorPolicy>('fail');
  const [deleteSource, setDeleteSource] = useState(false);
  const [intoNew, setIntoNew] = useState(false);
  const [newName, setNewName] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [dry, setDry] = useState<{ job: Job; key: string }>();
  const [real, setReal] = useState<Job>();
  const dryJob = useFollowedJob(dry?.job);
  const realJob = useFollowedJob(real);
  const onChangedRef = useRef(onChanged);
  onChangedRef.current = onChanged;
  const realEnded = realJob !== undefined && FINISHED.has(realJob.status);
  useEffect(() => {
    if (realEnded) onChangedRef.current();
  }, [realEnded]);

  const source = sources.data?.find((d) => d.id === sourceId);
  const targets = dataset.columns;
  const targetById = new Map(targets.map((c) => [c.id, c]));
  const sourceColumns = source?.columns ?? [];
  const rowOf = (c: DatasetColumn): MappingRow => rows[c.id] ?? { dest: '', expectedType: c.type };
  const update = (id: string, change: Partial<MappingRow>) =>
    setRows((old) => {
      const column = sourceColumns.find((c) => c.id === id)!;
      const next = { ...rowOf(column), ...change };
      // A destination brings its type as the expected one (the server checks they agree).
      const dest = change.dest ? targetById.get(change.dest) : undefined;
      if (dest) next.expectedType = dest.type;
      return { ...old, [id]: next };
    });
  const chooseSource = (id: string) => {
    setSourceId(id);
    const chosen = sources.data?.find((d) => d.id === id);
    setRows(chosen ? guessMapping(chosen.columns, targets) : {});
    setError(undefined);
    setTried(false);
  };

  // The checks the page can make before sending.
  const rowProblems = new Map<string, string[]>();
  const typeProblems = new Map<string, string[]>();
  const usedBy = new Map<string, DatasetColumn>();
  for (const column of sourceColumns) {
    const row = rowOf(column);
    const problems: string[] = [];
    if (row.dest === '') problems.push('Map this column to a destination, or ignore it.');
    else if (row.dest !== IGNORE) {
      const dest = targetById.get(row.dest);
      const other = usedBy.get(row.dest);
      if (!dest) problems.push('This destination column no longer exists.');
      else if (other) problems.push(`"${dest.name}" is already the destination of "${other.name}".`);
      else usedBy.set(row.dest, column);
      if (dest && dest.type !== row.expectedType)
        typeProblems.set(column.id, [`"${dest.name}" is ${dest.type}.`]);
    }
    if (problems.length > 0) rowProblems.set(column.id, problems);
  }
  const sourceProblems = source ? [] : ['Choose the dataset to append from.'];
  const newNameProblems = !intoNew
    ? []
    : newName.trim() === ''
      ? ['Name the new dataset.']
      : newName.trim().length > 200
        ? ['At most 200 characters.']
        : [];
  const nameProblems = name.trim().length > 200 ? ['At most 200 characters.'] : [];
  const pageOk =
    sourceProblems.length === 0 &&
    rowProblems.size === 0 &&
    typeProblems.size === 0 &&
    newNameProblems.length === 0 &&
    nameProblems.length === 0;

  // The request, and where each entry of its arrays came from (to place the server's problems).
  const keyOf = (c: DatasetColumn) => (mapBy === 'id' ? c.id : c.name);
  const mapped = sourceColumns.filter((c) => rowOf(c).dest !== '' && rowOf(c).dest !== IGNORE);
  const ignored = sourceColumns.filter((c) => rowOf(c).dest === IGNORE);
  const mapping = mapped.map((c) => {
    const dest = targetById.get(rowOf(c).dest);
    return {
      source: keyOf(c),
      target: dest ? keyOf(dest) : rowOf(c).dest,
      expectedType: rowOf(c).expectedType,
    };
  });
  const body: BatchFromDatasetParams = {
    sourceDatasetId: sourceId,
    mapBy,
    mapping,
    ignore: ignored.map(keyOf),
    onRowError: policy,
    ...(name.trim() ? { name: name.trim() } : {}),
    ...(deleteSource ? { deleteSource: true } : {}),
    ...(intoNew ? { newDataset: { name: newName.trim() } } : {}),
  };
  // What a dry run checked: a change to any of these makes it stale.
  const checkKey = JSON.stringify([sourceId, mapBy, mapping, body.ignore]);
  const dryCurrent = dry !== undefined && dry.key === checkKey;
  const dryResult =
    dryJob?.status === 'succeeded' ? (dryJob.result as Extract<AppendResult, { validateOnly: true }>) : null;

  const send = async (validateOnly: boolean) => {
    setTried(true);
    if (!pageOk) return;
    setBusy(true);
    setError(undefined);
    // A new dry run replaces what the last one (and the append after it) said.
    if (validateOnly) {
      setDry(undefined);
      setReal(undefined);
    }
    try {
      const handle = await client.batches.createFromDataset(dataset.id, {
        ...body,
        ...(validateOnly ? { validateOnly: true } : {}),
      });
      const job = handle.job ?? (await handle.refresh());
      if (validateOnly) setDry({ job, key: checkKey });
      else setReal(job);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send(true);
  };

  // The server's problems, by the field their pointer names.
  const serverAt = (pointer: string) => problemsAt(error, pointer);
  const destServer = (c: DatasetColumn) => {
    const m = mapped.indexOf(c);
    const i = ignored.indexOf(c);
    return m >= 0
      ? [
          ...serverAt(`/mapping/${m}/source`),
          ...serverAt(`/mapping/${m}/target`),
          ...serverAt(`/mapping/${m}`),
        ]
      : i >= 0
        ? serverAt(`/ignore/${i}`)
        : [];
  };
  const typeServer = (c: DatasetColumn) => {
    const m = mapped.indexOf(c);
    return m >= 0 ? serverAt(`/mapping/${m}/expectedType`) : [];
  };
  const fieldsOnly = onlyFieldProblems(error, [
    '/sourceDatasetId',
    '/mapping',
    '/ignore',
    '/name',
    '/newDataset/name',
  ]);
  const cli = appendCli(dataset.id, body, sourceColumns, targets, mapBy);

  return (
    <details className="card mapping-panel">
      <summary>
        <h2 id="append-heading">Append from another dataset</h2>
      </summary>
      <form onSubmit={submit} noValidate aria-labelledby="append-heading" className="mapping-form">
        <p className="hint">
          All the source's <strong>active</strong> rows are appended as one new batch (an append takes no
          choice of batches: to take some batches only, merge them below).
        </p>
        <div className="upload-options">
          <label>
            Source dataset
            <select
              value={sourceId}
              onChange={(e) => chooseSource(e.target.value)}
              aria-invalid={tried && sourceProblems.length > 0}
              aria-describedby="append-source-error"
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
            Send columns by
            <select value={mapBy} onChange={(e) => setMapBy(e.target.value as 'name' | 'id')}>
              <option value="name">name</option>
              <option value="id">id</option>
            </select>
          </label>
        </div>
        <FieldError
          id="append-source-error"
          messages={[...(tried ? sourceProblems : []), ...serverAt('/sourceDatasetId')]}
        />
        {sources.error ? <ErrorBox error={sources.error} onRetry={sources.reload} /> : null}

        {source ? (
          <>
            <h3 id="mapping-heading">Column mapping</h3>
            <p className="hint">
              Every source column goes to a destination column of {dataset.name}, with the type you expect it
              to have, or is ignored. Values are converted to the destination's type; a value that does not
              convert is a refused row. Destination columns left unmapped get no value.
            </p>
            <FieldError id="append-mapping-error" messages={serverAt('/mapping')} />
            <div className="table-wrap">
              <table className="compact mapping" aria-labelledby="mapping-heading">
                <thead>
                  <tr>
                    <th scope="col">Source column</th>
                    <th scope="col">Destination column</th>
                    <th scope="col">Expected type</th>
                  </tr>
                </thead>
                <tbody>
                  {sourceColumns.map((c) => {
                    const row = rowOf(c);
                    const dest = targetById.get(row.dest);
                    const destMessages = [...(tried ? (rowProblems.get(c.id) ?? []) : []), ...destServer(c)];
                    const typeMessages = [...(tried ? (typeProblems.get(c.id) ?? []) : []), ...typeServer(c)];
                    return (
                      <tr key={c.id} data-source-column={c.name}>
                        <td data-label="Source column">
                          {c.name} <span className="muted small">{c.type}</span>
                          <div className="muted small">
                            <code>{c.id}</code>
                          </div>
                        </td>
                        <td data-label="Destination column">
                          <select
                            aria-label={`Destination of ${c.name}`}
                            value={row.dest}
                            onChange={(e) => update(c.id, { dest: e.target.value })}
                            aria-invalid={destMessages.length > 0}
                            aria-describedby={`map-${c.id}-dest-error`}
                          >
                            <option value="">— choose —</option>
                            <option value={IGNORE}>ignore (leave out)</option>
                            {targets.map((t) => (
                              <option key={t.id} value={t.id}>
                                {t.name} ({t.type})
                              </option>
                            ))}
                          </select>
                          {dest && dest.type !== c.type ? (
                            <div className="small muted">
                              {c.type} → {dest.type}: values that do not convert are refused
                            </div>
                          ) : null}
                          <FieldError id={`map-${c.id}-dest-error`} messages={destMessages} />
                        </td>
                        <td data-label="Expected type">
                          <select
                            aria-label={`Expected type of ${c.name}`}
                            value={row.expectedType}
                            disabled={row.dest === IGNORE}
                            onChange={(e) => update(c.id, { expectedType: e.target.value as ColumnType })}
                            aria-invalid={typeMessages.length > 0}
                            aria-describedby={`map-${c.id}-type-error`}
                          >
                            {COLUMN_TYPES.map((t) => (
                              <option key={t}>{t}</option>
                            ))}
                          </select>
                          <FieldError id={`map-${c.id}-type-error`} messages={typeMessages} />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </>
        ) : null}

        <div className="upload-options">
          <label>
            Batch name
            <input
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder={source ? `from ${source.name}` : 'optional'}
              aria-invalid={nameProblems.length > 0 || serverAt('/name').length > 0}
              aria-describedby="append-name-error"
            />
          </label>
          <label>
            Bad rows
            <select value={policy} onChange={(e) => setPolicy(e.target.value as RowErrorPolicy)}>
              <option value="fail">fail the append (keep nothing)</option>
              <option value="skip">skip them (append the others)</option>
            </select>
          </label>
        </div>
        <FieldError id="append-name-error" messages={[...nameProblems, ...serverAt('/name')]} />
        <label className="check">
          <input type="checkbox" checked={deleteSource} onChange={(e) => setDeleteSource(e.target.checked)} />
          Delete the source dataset once the append succeeded
        </label>
        <label className="check">
          <input type="checkbox" checked={intoNew} onChange={(e) => setIntoNew(e.target.checked)} />
          Write {dataset.name}'s rows and the appended ones into a new dataset ({dataset.name} stays as it is)
        </label>
        {intoNew ? (
          <>
            <div className="upload-options">
              <label>
                New dataset name
                <input
                  value={newName}
                  onChange={(e) => setNewName(e.target.value)}
                  aria-invalid={
                    (tried && newNameProblems.length > 0) || serverAt('/newDataset/name').length > 0
                  }
                  aria-describedby="append-new-name-error"
                />
              </label>
            </div>
            <FieldError
              id="append-new-name-error"
              messages={[...(tried ? newNameProblems : []), ...serverAt('/newDataset/name')]}
            />
          </>
        ) : null}

        <div className="actions">
          <button type="submit" disabled={busy}>
            Dry run (validate only)
          </button>
        </div>
        <CliCommand command={cliCommand(...cli.dryRun)} label="dry-run this append" />
        {tried && !pageOk ? (
          <p className="field-error" role="alert">
            Nothing was sent: fix the fields marked above.
          </p>
        ) : null}
        {error ? fieldsOnly ? <ServerRefusal error={error} /> : <ErrorBox error={error} /> : null}
      </form>

      {dryJob ? (
        <div className="mapping-result" aria-label="Dry run">
          <h3>Dry run</h3>
          <JobLine job={dryJob} label="Dry run" />
          {dryResult ? (
            <>
              <dl className="facts upload-counts">
                <dt>Rows checked</dt>
                <dd>{dryResult.rowsChecked.toLocaleString()}</dd>
                <dt>Would be appended</dt>
                <dd>{dryResult.wouldAppend.toLocaleString()}</dd>
                <dt>Would be refused</dt>
                <dd>{dryResult.errorCount.toLocaleString()}</dd>
              </dl>
              <RowErrorReport job={dryJob} count={dryResult.errorCount} label="Rows that would be refused" />
              {!dryCurrent ? (
                <p className="hint" role="status">
                  The source or the mapping changed since this dry run: run it again before appending.
                </p>
              ) : (
                <>
                  {dryResult.errorCount > 0 && policy === 'fail' ? (
                    <p className="hint">
                      With “fail the append”, these refused rows would fail it and nothing would be kept:
                      choose “skip them” to append the others.
                    </p>
                  ) : null}
                  {/* Once per dry run: again only after a failed or aborted append. */}
                  {realJob === undefined || realJob.status === 'failed' || realJob.status === 'aborted' ? (
                    <>
                      <div className="actions">
                        <button type="button" disabled={busy} onClick={() => void send(false)}>
                          Append for real
                        </button>
                      </div>
                      <CliCommand command={cliCommand(...cli.real)} label="append for real" />
                    </>
                  ) : null}
                </>
              )}
            </>
          ) : null}
        </div>
      ) : null}

      {realJob ? <AppendOutcome job={realJob} target={dataset} /> : null}
    </details>
  );
}

function AppendOutcome({ job, target }: { job: Job; target: Dataset }) {
  const result =
    job.status === 'succeeded' ? (job.result as Extract<AppendResult, { batchId: string }>) : null;
  const details = job.error?.details as { errorCount?: number } | undefined;
  const refused = result?.errorCount ?? details?.errorCount ?? 0;
  return (
    <div className="mapping-result" aria-label="Append">
      <h3>Append</h3>
      <JobLine job={job} label="Append" />
      {result ? (
        <>
          <p role="status">
            Created batch <code>{result.batchId}</code>
            {result.datasetId !== target.id ? (
              <>
                {' '}
                in the new dataset <Link to={`/datasets/${result.datasetId}`}>{result.datasetId}</Link>:{' '}
                <strong>{result.rowCount.toLocaleString()}</strong> rows ({target.name}'s active rows, then
                the appended ones)
              </>
            ) : (
              <>
                : <strong>{result.rowCount.toLocaleString()}</strong> rows appended
              </>
            )}
            , <strong>{result.errorCount.toLocaleString()}</strong> refused
            {result.sourceDeleted ? '; the source dataset was deleted' : ''}.
          </p>
        </>
      ) : job.status === 'failed' || job.status === 'aborted' ? (
        <p role="status">No batch was created: nothing was kept.</p>
      ) : null}
      {FINISHED.has(job.status) ? <RowErrorReport job={job} count={refused} label="Refused rows" /> : null}
    </div>
  );
}
