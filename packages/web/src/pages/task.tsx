import { NotFoundError, type Sheet, type Task } from '@batchyard/sdk';
import { useState, type FormEvent } from 'react';
import { CliCommand, Empty, ErrorBox, FieldError, Json, Loaded, StatusBadge } from '../components.js';
import { cliCommand, fieldProblems, formatDate, onlyFieldProblems, useAsync } from '../lib.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';
import { AgreementPanel, GoldPanel, canEditGold } from '../consensus-parts.js';

export function TaskPage({ id }: { id: string }) {
  const { client, me } = useSession();
  const task = useAsync<Task>(
    (signal) => client.tasks.get(id, { include: ['data', 'history'] }, { signal }),
    [client, id],
  );
  const sheet = useAsync<Sheet | null>(
    async (signal) => {
      try {
        return await client.sheets.get(id, { limit: 1 }, { signal });
      } catch (error) {
        if (error instanceof NotFoundError && error.code !== 'route_not_found') return null;
        throw error;
      }
    },
    [client, id],
  );
  return (
    <section>
      <p className="crumbs">
        <Link to="/tasks">Tasks</Link> / <code>{id}</code>
      </p>
      <Loaded state={task} what="Loading the task">
        {(t) => (
          <>
            <h1>
              {t.name} <StatusBadge status={t.status} />
              {t.gold ? (
                <>
                  {' '}
                  <span className="badge badge-gold">gold</span>
                </>
              ) : null}
            </h1>
            <dl className="facts">
              <dt>Id</dt>
              <dd>
                <code>{t.id}</code>
              </dd>
              <dt>Batch</dt>
              <dd>
                <code>{t.batchId}</code>
              </dd>
              <dt>Score</dt>
              <dd>{t.properties.score ?? '—'}</dd>
              <dt>Priority</dt>
              <dd data-testid="task-priority">{t.priority}</dd>
              <dt>Created</dt>
              <dd>{formatDate(t.createdAt)}</dd>
              <dt>Updated</dt>
              <dd>{formatDate(t.updatedAt)}</dd>
            </dl>
            <h2>Resources</h2>
            {t.resources.length === 0 ? (
              <Empty>No resources.</Empty>
            ) : (
              <ul>
                {t.resources.map((r) => (
                  <li key={r}>
                    <code>{r}</code>
                  </li>
                ))}
              </ul>
            )}
            <h2>Data</h2>
            <Json value={t.data} />
            <AgreementPanel task={t} onChosen={task.reload} />
            {canEditGold(me) ? <PriorityForm task={t} onChanged={task.reload} /> : null}
            {canEditGold(me) ? <GoldPanel task={t} onChanged={task.reload} /> : null}
            <h2>Custom properties</h2>
            <Json value={t.properties.custom} />
            <h2>History</h2>
            {!t.history || t.history.length === 0 ? (
              <Empty>No moves yet.</Empty>
            ) : (
              <div className="table-wrap">
                <table className="compact">
                  <thead>
                    <tr>
                      <th scope="col">When</th>
                      <th scope="col">Action</th>
                      <th scope="col">From</th>
                      <th scope="col">To</th>
                      <th scope="col">By</th>
                      <th scope="col">Reason</th>
                    </tr>
                  </thead>
                  <tbody>
                    {t.history.map((h, i) => (
                      <tr key={i}>
                        <td data-label="When">{formatDate(h.at)}</td>
                        <td data-label="Action">{h.action}</td>
                        <td data-label="From">{h.from}</td>
                        <td data-label="To">{h.to}</td>
                        <td data-label="By">{h.actor ?? '—'}</td>
                        <td data-label="Reason">{h.reason ?? '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </Loaded>
      <h2>Sheet</h2>
      <Loaded state={sheet} what="Loading the sheet">
        {(s) =>
          s === null ? <Empty>This task has no sheet.</Empty> : <SheetSummary taskId={id} sheet={s} />
        }
      </Loaded>
    </section>
  );
}

const PRIORITY_LIMIT = 1_000_000;

/** Sets the task's priority (claim queues hand out higher ones first): editors and managers. */
function PriorityForm({ task, onChanged }: { task: Task; onChanged: () => void }) {
  const { client } = useSession();
  const [value, setValue] = useState(String(task.priority));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const text = value.trim();
  const number = /^-?\d+$/.test(text) ? Number(text) : NaN;
  const local =
    text === ''
      ? ['A priority is a whole number.']
      : !Number.isInteger(number)
        ? ['A priority is a whole number (e.g. 5 or -2).']
        : Math.abs(number) > PRIORITY_LIMIT
          ? ['A priority is from -1,000,000 to 1,000,000.']
          : [];
  const problems = [...local, ...fieldProblems(error, '/priority')];
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (local.length > 0) return;
    setBusy(true);
    setError(undefined);
    setSaved(false);
    try {
      await client.tasks.update(task.id, { priority: number });
      onChanged();
      setSaved(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="inline-form" onSubmit={submit} noValidate aria-label="Task priority">
      <label htmlFor="task-priority-input">Priority</label>
      <input
        id="task-priority-input"
        inputMode="numeric"
        value={value}
        onChange={(e) => {
          setValue(e.target.value);
          setSaved(false);
        }}
        aria-invalid={problems.length > 0}
        aria-describedby={`task-priority-hint${problems.length > 0 ? ' task-priority-error' : ''}`}
      />
      <button type="submit" disabled={busy || local.length > 0 || number === task.priority}>
        {busy ? 'Saving…' : 'Set priority'}
      </button>
      <span id="task-priority-hint" className="hint">
        Claim queues hand out higher priorities first.
      </span>
      {saved ? (
        <span className="muted small" role="status">
          Saved.
        </span>
      ) : null}
      <FieldError id="task-priority-error" messages={problems} />
      <CliCommand
        command={cliCommand('tasks', 'priority', task.id, Number.isInteger(number) ? String(number) : 'N')}
        label="set this priority"
      />
      {error && !onlyFieldProblems(error, ['/priority']) ? <ErrorBox error={error} /> : null}
    </form>
  );
}

/** What the sheet holds; the sheet itself (browsing and editing) is its own page. */
function SheetSummary({ taskId, sheet }: { taskId: string; sheet: Sheet }) {
  return (
    <p>
      {sheet.size} row{sheet.size === 1 ? '' : 's'}; columns{' '}
      {sheet.columns
        .map((c) => (c.lots.length > 0 ? `${c.name} (${c.lots.map((l) => l.name).join(', ')})` : c.name))
        .join(', ')}
      . <Link to={`/tasks/${encodeURIComponent(taskId)}/sheet`}>Open the sheet</Link>
    </p>
  );
}
