import type { Dataset } from '@batchyard/sdk';
import { useState, type FormEvent } from 'react';
import { CliCommand, Empty, ErrorBox, FieldError, SelectField, TextField } from '../components.js';
import { cliCommand, fieldProblems, onlyFieldProblems } from '../lib.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';

const TYPES = ['text', 'numeric', 'date', 'boolean', 'json'] as const;
type ColumnType = (typeof TYPES)[number];
/** Merges decide conflicts on the key column: only these types can be one (docs/datasets.md). */
const KEY_TYPES: ReadonlySet<ColumnType> = new Set(['text', 'numeric', 'date']);

interface Column {
  /** A stable React key while the column is edited (not sent). */
  uid: number;
  name: string;
  type: ColumnType;
}

let nextUid = 1;
const newColumn = (name = '', type: ColumnType = 'text'): Column => ({ uid: nextUid++, name, type });

/** What the page checks before sending, per column index (the server checks the rest). */
function columnProblems(columns: readonly Column[]): Map<number, string[]> {
  const problems = new Map<number, string[]>();
  const seen = new Map<string, number>();
  columns.forEach((c, i) => {
    const list: string[] = [];
    const name = c.name.trim();
    if (name === '') list.push('A column needs a name.');
    else if (name.startsWith('_')) list.push('A column name may not start with "_".');
    else if (/^c\d+$/i.test(name)) list.push('A column name may not look like a column id (c1, c12).');
    const lower = name.toLowerCase();
    if (name !== '' && seen.has(lower)) list.push(`Same name as column ${seen.get(lower)! + 1}.`);
    else seen.set(lower, i);
    if (list.length > 0) problems.set(i, list);
  });
  return problems;
}

/** Creates a dataset in the current project: a name and typed columns, optionally a key column. */
export function NewDatasetPage() {
  const { client, projectId, projects } = useSession();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [columns, setColumns] = useState<Column[]>(() => [newColumn()]);
  const [key, setKey] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [created, setCreated] = useState<{ dataset: Dataset; cli: string }>();
  const project = projects.find((p) => p.id === projectId);

  if (!projectId || !project) {
    return (
      <section>
        <h1>New dataset</h1>
        <Empty>
          Pick a project first, or <Link to="/projects/new">create one</Link>.
        </Empty>
      </section>
    );
  }

  const local = tried ? columnProblems(columns) : new Map<number, string[]>();
  const nameProblems = [
    ...(tried && name.trim() === '' ? ['A dataset needs a name.'] : []),
    ...fieldProblems(error, '/name'),
  ];
  const keyProblems = fieldProblems(error, '/keyColumn');
  const columnsProblems = [
    ...(tried && columns.length === 0 ? ['A dataset needs at least one column.'] : []),
    ...(error ? fieldProblems(error, '/columns').filter((m) => !/^\d+\//.test(m)) : []),
  ];
  const problemsOf = (i: number) => [...(local.get(i) ?? []), ...fieldProblems(error, `/columns/${i}`)];
  const keyable = columns.filter((c) => c.name.trim() !== '' && KEY_TYPES.has(c.type));
  const keyName = keyable.some((c) => c.name.trim() === key) ? key : '';

  const cli = cliCommand(
    'datasets',
    'create',
    '--project',
    projectId,
    '--name',
    name.trim() || 'NAME',
    ...columns.flatMap((c) => ['--column', `${c.name.trim() || 'NAME'}:${c.type}`]),
    ...(keyName ? ['--key', keyName] : []),
    ...(description ? ['--description', description] : []),
  );

  const update = (uid: number, change: Partial<Column>) =>
    setColumns((list) => list.map((c) => (c.uid === uid ? { ...c, ...change } : c)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    setCreated(undefined);
    if (name.trim() === '' || columns.length === 0 || columnProblems(columns).size > 0) return;
    setBusy(true);
    setError(undefined);
    try {
      const dataset = await client.datasets.create({
        projectId,
        name: name.trim(),
        ...(description ? { description } : {}),
        columns: columns.map((c) => ({ name: c.name.trim(), type: c.type })),
        ...(keyName ? { keyColumn: keyName } : {}),
      });
      setCreated({ dataset, cli });
      setName('');
      setDescription('');
      setColumns([newColumn()]);
      setKey('');
      setTried(false);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section>
      <p className="crumbs">
        <Link to="/datasets">Datasets</Link> / new
      </p>
      <h1>New dataset</h1>
      <p className="muted">In project {project.name}.</p>
      {created ? <Created {...created} /> : null}
      <form className="card entity-form" onSubmit={submit} noValidate>
        <TextField id="dataset-name" label="Name" value={name} onChange={setName} errors={nameProblems} />
        <label htmlFor="dataset-description">Description (optional)</label>
        <input
          id="dataset-description"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />

        <fieldset className="columns-editor" aria-describedby="dataset-columns-error">
          <legend>Columns, in order</legend>
          <ol>
            {columns.map((c, i) => {
              const problems = problemsOf(i);
              const errorId = `column-${c.uid}-error`;
              return (
                <li key={c.uid}>
                  <label>
                    Column {i + 1} name
                    <input
                      value={c.name}
                      onChange={(e) => update(c.uid, { name: e.target.value })}
                      aria-invalid={problems.length > 0}
                      aria-describedby={problems.length > 0 ? errorId : undefined}
                    />
                  </label>
                  <label>
                    Column {i + 1} type
                    <select
                      value={c.type}
                      onChange={(e) => update(c.uid, { type: e.target.value as ColumnType })}
                    >
                      {TYPES.map((t) => (
                        <option key={t} value={t}>
                          {t}
                        </option>
                      ))}
                    </select>
                  </label>
                  <button
                    type="button"
                    className="secondary small"
                    onClick={() => setColumns((list) => list.filter((x) => x.uid !== c.uid))}
                    aria-label={`Remove column ${i + 1}${c.name ? ` (${c.name})` : ''}`}
                  >
                    Remove
                  </button>
                  <FieldError id={errorId} messages={problems} />
                </li>
              );
            })}
          </ol>
          <button
            type="button"
            className="secondary small"
            onClick={() => setColumns((l) => [...l, newColumn()])}
          >
            Add column
          </button>
          <FieldError id="dataset-columns-error" messages={columnsProblems} />
        </fieldset>

        <SelectField
          id="dataset-key"
          label="Key column (optional; merges decide conflicts on it)"
          value={keyName}
          onChange={setKey}
          errors={keyProblems}
        >
          <option value="">(none)</option>
          {keyable.map((c) => (
            <option key={c.uid} value={c.name.trim()}>
              {c.name.trim()} ({c.type})
            </option>
          ))}
        </SelectField>

        <div className="actions">
          <button type="submit" disabled={busy}>
            {busy ? 'Creating…' : 'Create dataset'}
          </button>
        </div>
        <CliCommand command={cli} label="create this dataset" />
      </form>
      {error && !onlyFieldProblems(error, ['/name', '/columns', '/keyColumn']) ? (
        <ErrorBox error={error} />
      ) : null}
    </section>
  );
}

function Created({ dataset, cli }: { dataset: Dataset; cli: string }) {
  const key = dataset.columns.find((c) => c.id === dataset.keyColumn)?.name;
  const count = dataset.columns.length;
  return (
    <div className="notice notice-succeeded" role="status">
      <span>
        Created dataset <Link to={`/datasets/${dataset.id}`}>{dataset.name}</Link> (<code>{dataset.id}</code>)
        with {count} column{count === 1 ? '' : 's'}
        {key ? `, keyed on ${key}` : ''}. <Link to={`/datasets/${dataset.id}`}>Upload a file into it</Link>.
      </span>
      <CliCommand command={cli} label="the dataset just created" />
    </div>
  );
}
