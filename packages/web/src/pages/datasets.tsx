import {
  FILTER_OPERATOR_WORDS,
  type Batch,
  type Dataset,
  type FilterOperatorWord,
  type Job,
  type Row,
} from '@batchyard/sdk';
import { useState, type FormEvent } from 'react';
import { Empty, ErrorBox, JobNotice, Loaded, StatusBadge } from '../components.js';
import { formatDate, useAsync } from '../lib.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';
import { AppendPanel } from './dataset-append.js';
import { MergePanel } from './dataset-merge.js';
import { UploadPanel } from './dataset-upload.js';

export function DatasetsPage() {
  const { client, projectId, me } = useSession();
  const canWrite = me.role === 'admin' || me.role === 'editor';
  const state = useAsync<Dataset[]>(
    async (signal) =>
      projectId ? (await client.datasets.list({ projectId, limit: 1000 }, { signal })).data : [],
    [client, projectId],
  );
  return (
    <section>
      <div className="page-head">
        <h1>Datasets</h1>
        {projectId && canWrite ? (
          <Link to="/datasets/new" className="button-link">
            New dataset
          </Link>
        ) : null}
      </div>
      {!projectId ? (
        <Empty>Pick a project first.</Empty>
      ) : (
        <Loaded state={state} what="Loading datasets">
          {(datasets) =>
            datasets.length === 0 ? (
              <Empty>This project has no datasets yet.</Empty>
            ) : (
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">Columns</th>
                      <th scope="col">Rows</th>
                      <th scope="col">Batches</th>
                      <th scope="col">Updated</th>
                    </tr>
                  </thead>
                  <tbody>
                    {datasets.map((d) => (
                      <tr key={d.id}>
                        <td data-label="Name">
                          <Link to={`/datasets/${d.id}`}>{d.name}</Link>
                        </td>
                        <td data-label="Columns">
                          {d.columns.map((c) => `${c.name}: ${c.type}`).join(', ') || '—'}
                        </td>
                        <td data-label="Rows">{d.rowCount.toLocaleString()}</td>
                        <td data-label="Batches">{d.batchCount}</td>
                        <td data-label="Updated">{formatDate(d.updatedAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </Loaded>
      )}
    </section>
  );
}

export function DatasetPage({ id }: { id: string }) {
  const { client, me } = useSession();
  const canWrite = me.role === 'admin' || me.role === 'editor';
  const dataset = useAsync<Dataset>((signal) => client.datasets.get(id, {}, { signal }), [client, id]);
  const [version, setVersion] = useState(0);
  const changed = () => {
    setVersion((v) => v + 1);
    dataset.reload();
  };
  return (
    <section>
      <p className="crumbs">
        <Link to="/datasets">Datasets</Link> / <code>{id}</code>
      </p>
      <Loaded state={dataset} what="Loading the dataset">
        {(d) => (
          <>
            <h1>{d.name}</h1>
            <p className="muted">
              {d.rowCount.toLocaleString()} rows in active batches · {d.batchCount} batches
            </p>
            <h2>Columns</h2>
            <div className="table-wrap">
              <table className="compact">
                <thead>
                  <tr>
                    <th scope="col">Id</th>
                    <th scope="col">Name</th>
                    <th scope="col">Type</th>
                  </tr>
                </thead>
                <tbody>
                  {d.columns.map((c) => (
                    <tr key={c.id}>
                      <td data-label="Id">
                        <code>{c.id}</code>
                      </td>
                      <td data-label="Name">
                        {c.name}
                        {d.keyColumn === c.id ? <span className="badge"> key</span> : null}
                      </td>
                      <td data-label="Type">{c.type}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {canWrite ? (
              <UploadPanel
                dataset={d}
                onUploaded={() => {
                  setVersion((v) => v + 1);
                  dataset.reload();
                }}
              />
            ) : null}
            {canWrite ? (
              <>
                <AppendPanel dataset={d} version={version} onChanged={changed} />
                <MergePanel dataset={d} version={version} onChanged={changed} />
              </>
            ) : null}
            <Batches
              dataset={d}
              version={version}
              onChanged={() => {
                setVersion((v) => v + 1);
                dataset.reload();
              }}
            />
            <RowsView dataset={d} version={version} />
          </>
        )}
      </Loaded>
    </section>
  );
}

type BatchAction = 'suspend' | 'restore' | 'delete' | 'commit' | 'close';

function Batches({
  dataset,
  version,
  onChanged,
}: {
  dataset: Dataset;
  version: number;
  onChanged: () => void;
}) {
  const { client } = useSession();
  const [tick, setTick] = useState(0);
  const batches = useAsync<Batch[]>(
    async (signal) => {
      const page = await client.batches.list(dataset.id, { limit: 1000, sort: 'createdAt:desc' }, { signal });
      return page.data as Batch[];
    },
    [client, dataset.id, tick, version],
  );
  const [started, setStarted] = useState<{ job: Job; label: string }[]>([]);
  const [error, setError] = useState<unknown>();

  const act = async (batch: Batch, action: BatchAction) => {
    setError(undefined);
    if (action === 'delete' && !window.confirm(`Delete batch ${batch.name} and its rows and tasks?`)) return;
    try {
      const handle =
        action === 'suspend'
          ? await client.batches.suspend(dataset.id, [batch.id])
          : action === 'restore'
            ? await client.batches.restore(dataset.id, [batch.id])
            : action === 'delete'
              ? await client.batches.delete(batch.id)
              : action === 'commit'
                ? await client.batches.commit(batch.id)
                : await client.batches.close(batch.id);
      const job = handle.job ?? (await handle.refresh());
      setStarted((old) => [{ job, label: `${action} ${batch.name}` }, ...old].slice(0, 5));
      setTick((t) => t + 1);
    } catch (e) {
      setError(e);
    }
  };
  const actionsFor = (state: Batch['state']): BatchAction[] =>
    state === 'active'
      ? ['suspend', 'delete']
      : state === 'suspended'
        ? ['restore', 'delete']
        : state === 'draft'
          ? ['commit', 'close', 'delete']
          : [];

  return (
    <>
      <h2>Batches</h2>
      {error ? <ErrorBox error={error} /> : null}
      {started.map(({ job, label }) => (
        <JobNotice
          key={job.id}
          job={job}
          label={label}
          onEnd={() => {
            setTick((t) => t + 1);
            onChanged();
          }}
        />
      ))}
      <Loaded state={batches} what="Loading batches">
        {(list) =>
          list.length === 0 ? (
            <Empty>No batches: upload a file above, or rows with the CLI or the SDK.</Empty>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">State</th>
                    <th scope="col">Source</th>
                    <th scope="col">Rows</th>
                    <th scope="col">Created</th>
                    <th scope="col">Actions</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((b) => (
                    <tr key={b.id} data-batch-id={b.id}>
                      <td data-label="Name">
                        {b.name}
                        <div className="muted small">
                          <code>{b.id}</code>
                        </div>
                      </td>
                      <td data-label="State">
                        <StatusBadge status={b.state} />
                      </td>
                      <td data-label="Source">{b.source.kind}</td>
                      <td data-label="Rows">
                        {b.rowCount.toLocaleString()}
                        {b.errorCount > 0 ? <span className="muted"> ({b.errorCount} refused)</span> : null}
                      </td>
                      <td data-label="Created">{formatDate(b.createdAt)}</td>
                      <td data-label="Actions">
                        <div className="actions">
                          {actionsFor(b.state).map((action) => (
                            <button
                              key={action}
                              type="button"
                              className={action === 'delete' || action === 'close' ? 'danger small' : 'small'}
                              onClick={() => act(b, action)}
                              aria-label={`${action[0]!.toUpperCase()}${action.slice(1)} batch ${b.name}`}
                            >
                              {action[0]!.toUpperCase() + action.slice(1)}
                            </button>
                          ))}
                          {b.jobId ? (
                            <Link to={`/jobs/${b.jobId}`} className="small">
                              last job
                            </Link>
                          ) : null}
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
    </>
  );
}

interface RowFilterInput {
  column: string;
  operator: FilterOperatorWord;
  value: string;
}

function RowsView({ dataset, version }: { dataset: Dataset; version: number }) {
  const { client } = useSession();
  const [draft, setDraft] = useState<RowFilterInput>({
    column: dataset.columns[0]?.name ?? '',
    operator: 'eq',
    value: '',
  });
  const [filters, setFilters] = useState<RowFilterInput[]>([]);
  const [sort, setSort] = useState('');
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const rows = useAsync(
    (signal) =>
      client.rows.list(
        dataset.id,
        {
          filter: filters.map((f) => `${f.column}:${f.operator}:${f.value}`),
          limit: 50,
          ...(sort ? { sort } : {}),
          ...(cursor ? { cursor } : {}),
        },
        { signal },
      ),
    [client, dataset.id, JSON.stringify(filters), sort, cursor, version],
  );
  const add = (event: FormEvent) => {
    event.preventDefault();
    if (!draft.column) return;
    setFilters((old) => [...old, draft]);
    setDraft({ ...draft, value: '' });
    setCursors([undefined]);
  };
  const columns = dataset.columns.map((c) => c.name);

  return (
    <>
      <h2 id="rows-heading">Rows</h2>
      <form className="filters" onSubmit={add} aria-label="Row filters">
        <label>
          Column
          <select value={draft.column} onChange={(e) => setDraft({ ...draft, column: e.target.value })}>
            {columns.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
        <label>
          Operator
          <select
            value={draft.operator}
            onChange={(e) => setDraft({ ...draft, operator: e.target.value as RowFilterInput['operator'] })}
          >
            {FILTER_OPERATOR_WORDS.map((o) => (
              <option key={o}>{o}</option>
            ))}
          </select>
        </label>
        <label>
          Value
          <input
            value={draft.value}
            onChange={(e) => setDraft({ ...draft, value: e.target.value })}
            placeholder={draft.operator === 'in' ? '["a","b"]' : draft.operator === 'like' ? 'a%' : ''}
          />
        </label>
        <button type="submit">Add filter</button>
        <label>
          Sort
          <select
            value={sort}
            onChange={(e) => {
              setSort(e.target.value);
              setCursors([undefined]);
            }}
          >
            <option value="">row id</option>
            {columns.flatMap((c) => [
              <option key={c} value={c}>
                {c} ↑
              </option>,
              <option key={`${c}:desc`} value={`${c}:desc`}>
                {c} ↓
              </option>,
            ])}
          </select>
        </label>
      </form>
      {filters.length > 0 ? (
        <ul className="chips" aria-label="Active row filters">
          {filters.map((f, i) => (
            <li key={i}>
              <code>
                {f.column} {f.operator} {f.value}
              </code>
              <button
                type="button"
                className="link"
                aria-label={`Remove filter ${f.column} ${f.operator} ${f.value}`}
                onClick={() => {
                  setFilters((old) => old.filter((_, j) => j !== i));
                  setCursors([undefined]);
                }}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <Loaded state={rows} what="Loading rows">
        {(page) =>
          page.data.length === 0 ? (
            <Empty>No rows{filters.length > 0 ? ' match these filters' : ' in active batches'}.</Empty>
          ) : (
            <>
              <div className="table-wrap">
                <table className="rows" aria-labelledby="rows-heading">
                  <thead>
                    <tr>
                      <th scope="col">Row</th>
                      {columns.map((c) => (
                        <th key={c} scope="col">
                          {c}
                        </th>
                      ))}
                      <th scope="col">Batch</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.data.map((row: Row) => {
                      const r = row as Record<string, unknown>;
                      return (
                        <tr key={String(r._id)}>
                          <td data-label="Row">{String(r._id)}</td>
                          {columns.map((c) => (
                            <td key={c} data-label={c}>
                              {cell(r[c])}
                            </td>
                          ))}
                          <td data-label="Batch">
                            <code className="small">{String(r._batchId)}</code>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              <Pager
                hasPrevious={cursors.length > 1}
                nextCursor={page.nextCursor}
                onPrevious={() => setCursors((c) => c.slice(0, -1))}
                onNext={(next) => setCursors((c) => [...c, next])}
                page={cursors.length}
              />
            </>
          )
        }
      </Loaded>
    </>
  );
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export function Pager({
  hasPrevious,
  nextCursor,
  onPrevious,
  onNext,
  page,
}: {
  hasPrevious: boolean;
  nextCursor: string | null;
  onPrevious: () => void;
  onNext: (cursor: string) => void;
  page: number;
}) {
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" className="secondary" disabled={!hasPrevious} onClick={onPrevious}>
        Previous page
      </button>
      <span>Page {page}</span>
      <button
        type="button"
        className="secondary"
        disabled={nextCursor === null}
        onClick={() => nextCursor && onNext(nextCursor)}
      >
        Next page
      </button>
    </nav>
  );
}
