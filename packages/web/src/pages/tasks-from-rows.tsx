import type { DatasetColumn, Job, TaskFromRowsParams, TaskFromRowsResult } from '@batchyard/sdk';
import { useState, type FormEvent } from 'react';
import { CliCommand, ErrorBox, FieldError, JobNotice, Loaded, StatusBadge } from '../components.js';
import { cliCommand, fieldProblems, onlyFieldProblems, useAsync } from '../lib.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';

/** A batch tasks can be created in, with the dataset whose columns its rows have. */
export interface RowsBatchChoice {
  id: string;
  label: string;
  datasetId: string;
}

/** The fields a problem's pointer may name; each shows its own messages next to its control. */
const POINTERS = ['/nameColumn', '/namePrefix', '/dataColumns', '/resourcesColumn'] as const;

/**
 * Creates a task per row of a batch, in that batch (`tasks.createFromRows`, a `tasks.from_rows`
 * job): the columns are picked from the batch's dataset, the job is followed with its progress,
 * and its outcome shown as counts and the failed rows with their reasons.
 */
/** The batch a task import or a rows-to-tasks run goes into (both forms of the import page). */
export function BatchSelect({
  choices,
  value,
  onChange,
  disabled,
}: {
  choices: readonly RowsBatchChoice[];
  value: string;
  onChange: (batchId: string) => void;
  disabled: boolean;
}) {
  return (
    <label>
      Batch
      <select value={value} onChange={(e) => onChange(e.target.value)} disabled={disabled}>
        {choices.map((c) => (
          <option key={c.id} value={c.id}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function FromRowsForm({ choices }: { choices: RowsBatchChoice[] }) {
  const { client } = useSession();
  const [batchId, setBatchId] = useState(choices[0]?.id ?? '');
  const datasetId = choices.find((c) => c.id === batchId)?.datasetId ?? '';
  const dataset = useAsync((signal) => client.datasets.get(datasetId, {}, { signal }), [client, datasetId]);
  return (
    <Loaded state={dataset} what="Loading the batch’s columns">
      {(d) => (
        <RowsForm
          key={batchId}
          choices={choices}
          batchId={batchId}
          onBatch={setBatchId}
          columns={d.columns}
        />
      )}
    </Loaded>
  );
}

function RowsForm({
  choices,
  batchId,
  onBatch,
  columns,
}: {
  choices: RowsBatchChoice[];
  batchId: string;
  onBatch: (id: string) => void;
  columns: readonly DatasetColumn[];
}) {
  const { client } = useSession();
  const plain = columns.filter((c) => c.type !== 'json');
  const [nameColumn, setNameColumn] = useState(plain[0]?.name ?? '');
  const [namePrefix, setNamePrefix] = useState('');
  const [data, setData] = useState<ReadonlySet<string>>(new Set(columns.map((c) => c.name)));
  const [resourcesColumn, setResourcesColumn] = useState('');
  const [onExisting, setOnExisting] = useState<'error' | 'skip'>('error');
  const [dataCheck, setDataCheck] = useState(true);
  const [tried, setTried] = useState(false);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<unknown>();
  const [started, setStarted] = useState<Job>();
  const [finished, setFinished] = useState<Job>();

  const every = data.size === columns.length;
  const dataColumns = columns.filter((c) => data.has(c.name)).map((c) => c.name);
  const nameProblems = [
    ...(tried && nameColumn === '' && namePrefix === ''
      ? ['Pick a name column, or give a prefix to name the tasks by row id.']
      : []),
    ...fieldProblems(error, '/nameColumn'),
  ];
  const params: TaskFromRowsParams = {
    ...(nameColumn !== '' ? { nameColumn } : {}),
    ...(namePrefix !== '' ? { namePrefix } : {}),
    ...(every ? {} : { dataColumns }),
    ...(resourcesColumn !== '' ? { resourcesColumn } : {}),
    ...(onExisting === 'skip' ? { onExisting } : {}),
    ...(dataCheck ? {} : { dataCheck: false }),
  };
  const cli = cliCommand(
    'tasks',
    'from-rows',
    batchId,
    ...(nameColumn !== '' ? ['--name-column', nameColumn] : []),
    ...(namePrefix !== '' ? ['--name-prefix', namePrefix] : []),
    ...(every ? [] : ['--data-columns', dataColumns.join(',')]),
    ...(resourcesColumn !== '' ? ['--resources-column', resourcesColumn] : []),
    ...(onExisting === 'skip' ? ['--on-existing', 'skip'] : []),
    ...(dataCheck ? [] : ['--no-data-check']),
    '--wait',
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    setError(undefined);
    if (nameColumn === '' && namePrefix === '') return;
    setStarting(true);
    setStarted(undefined);
    setFinished(undefined);
    try {
      const handle = await client.tasks.createFromRows(batchId, params);
      setStarted(handle.job ?? (await handle.refresh()));
    } catch (e) {
      setError(e);
    } finally {
      setStarting(false);
    }
  };
  const busy = starting || (started !== undefined && finished === undefined);
  const toggle = (name: string, on: boolean) => {
    const next = new Set(data);
    if (on) next.add(name);
    else next.delete(name);
    setData(next);
  };

  return (
    <>
      <form
        className="card entity-form import-form"
        onSubmit={(e) => void submit(e)}
        noValidate
        aria-label="Create tasks from rows"
      >
        <BatchSelect choices={choices} value={batchId} onChange={onBatch} disabled={busy} />
        <div className="upload-options">
          <label>
            Name column
            <select
              value={nameColumn}
              onChange={(e) => setNameColumn(e.target.value)}
              disabled={busy}
              aria-invalid={nameProblems.length > 0}
              aria-describedby={nameProblems.length > 0 ? 'rows-name-error' : 'rows-name-hint'}
            >
              <option value="">none: name by row id</option>
              {plain.map((c) => (
                <option key={c.id} value={c.name}>
                  {c.name} ({c.type})
                </option>
              ))}
            </select>
          </label>
          <label>
            Name prefix
            <input
              value={namePrefix}
              onChange={(e) => setNamePrefix(e.target.value)}
              disabled={busy}
              placeholder="optional, e.g. row-"
              aria-invalid={fieldProblems(error, '/namePrefix').length > 0}
            />
          </label>
        </div>
        <p id="rows-name-hint" className="muted small">
          Each row’s task is named by its value in the name column (after the prefix); without a name column,
          tasks are named prefix + row id. A row with no value there fails.
        </p>
        <FieldError id="rows-name-error" messages={nameProblems} />
        <FieldError id="rows-prefix-error" messages={fieldProblems(error, '/namePrefix')} />
        <fieldset disabled={busy} aria-describedby="rows-data-error">
          <legend>Columns copied into each task’s data (by column name)</legend>
          {columns.map((c) => (
            <label key={c.id} className="check">
              <input
                type="checkbox"
                checked={data.has(c.name)}
                onChange={(e) => toggle(c.name, e.target.checked)}
              />
              {c.name} <span className="muted small">{c.type}</span>
            </label>
          ))}
        </fieldset>
        <FieldError id="rows-data-error" messages={fieldProblems(error, '/dataColumns')} />
        <div className="upload-options">
          <label>
            Resources column
            <select
              value={resourcesColumn}
              onChange={(e) => setResourcesColumn(e.target.value)}
              disabled={busy}
              aria-invalid={fieldProblems(error, '/resourcesColumn').length > 0}
              aria-describedby="rows-resources-error"
            >
              <option value="">none</option>
              {columns
                .filter((c) => c.type === 'text')
                .map((c) => (
                  <option key={c.id} value={c.name}>
                    {c.name}
                  </option>
                ))}
            </select>
          </label>
          <label>
            A name the batch already has
            <select
              value={onExisting}
              onChange={(e) => setOnExisting(e.target.value as 'error' | 'skip')}
              disabled={busy}
            >
              <option value="error">refuse that row (error)</option>
              <option value="skip">skip it (skip)</option>
            </select>
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={dataCheck}
              onChange={(e) => setDataCheck(e.target.checked)}
              disabled={busy}
            />
            Check data against the project’s task schema
          </label>
        </div>
        <FieldError id="rows-resources-error" messages={fieldProblems(error, '/resourcesColumn')} />
        <div className="actions">
          <button type="submit" disabled={busy}>
            {busy ? 'Creating…' : 'Create tasks from rows'}
          </button>
        </div>
        <CliCommand command={cli} label="create these tasks" />
      </form>
      {error && !onlyFieldProblems(error, POINTERS) ? <ErrorBox error={error} /> : null}
      {started ? (
        <JobNotice key={started.id} job={started} label="Tasks from rows" onEnd={setFinished} />
      ) : null}
      {finished?.status === 'succeeded' ? (
        <RowsOutcome result={finished.result as TaskFromRowsResult} command={cli} />
      ) : null}
    </>
  );
}

function RowsOutcome({ result, command }: { result: TaskFromRowsResult; command: string }) {
  const { rows, created, skipped, failed, failures } = result;
  const outcomes = [
    {
      status: 'created',
      badge: 'created',
      count: created,
      why: 'a task named from the row, with its values as data',
    },
    { status: 'skipped', badge: 'skipped', count: skipped, why: 'the batch already has a task of that name' },
    { status: 'failed', badge: 'refused', count: failed, why: failed > 0 ? 'listed below, row by row' : '—' },
  ];
  return (
    <section
      className={`card import-outcome notice-${failed > 0 ? 'failed' : 'succeeded'}`}
      aria-label="Results from rows"
    >
      <p className="import-summary" role="status">
        {created.toLocaleString()} created, {skipped.toLocaleString()} skipped, {failed.toLocaleString()}{' '}
        refused from {rows.toLocaleString()} rows of batch <code>{result.batchId}</code>.{' '}
        <Link to="/tasks">See the tasks</Link>
      </p>
      <div className="table-wrap">
        <table className="compact" aria-label="Results by outcome">
          <thead>
            <tr>
              <th scope="col">Outcome</th>
              <th scope="col">Rows</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {outcomes.map(({ status, badge, count, why }) => (
              <tr key={status} data-status={status}>
                <td data-label="Outcome">
                  <StatusBadge status={badge} />
                </td>
                <td data-label="Rows" data-count={status}>
                  {count.toLocaleString()}
                </td>
                <td data-label="Why">{why}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {failures.length > 0 ? (
        <>
          <p className="small muted">
            {failed > failures.length
              ? `The first ${failures.length.toLocaleString()} of ${failed.toLocaleString()} refused rows.`
              : `${failures.length.toLocaleString()} refused row${failures.length === 1 ? '' : 's'}.`}
          </p>
          <div className="table-wrap">
            <table className="compact" aria-label="Refused rows">
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  <th scope="col">Name</th>
                  <th scope="col">Reason</th>
                </tr>
              </thead>
              <tbody>
                {failures.map((f) => (
                  <tr key={f.index} data-index={f.index} data-code={f.error?.code}>
                    <td data-label="Row">{f.index}</td>
                    <td data-label="Name">{f.name || '—'}</td>
                    <td data-label="Reason">
                      {f.error?.message} <code>{f.error?.code}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      <CliCommand command={command} label="do the same" />
    </section>
  );
}
