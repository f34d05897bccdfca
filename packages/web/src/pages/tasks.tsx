import {
  FILTER_OPERATOR_WORDS,
  type Member,
  type TaskBulkResult,
  type TaskFilter,
  type TaskFilterOperator,
  type TaskStatus,
} from '@batchyard/sdk';
import { useState, type FormEvent } from 'react';
import { AssignActions, canAssign } from './tasks-assign.js';
import { canEditGold } from '../consensus-parts.js';
import { TaskTable, type PrioritySort } from './tasks-table.js';
import { ExportTasks } from './tasks-export.js';
import { Empty, ErrorBox, Loaded } from '../components.js';
import { parseValue, useAsync } from '../lib.js';
import { useSession } from '../session.js';
import { Link } from '../router.js';
import { Pager } from './datasets.js';

export const TASK_STATUSES: TaskStatus[] = ['pending', 'in_progress', 'complete', 'to_review', 'reviewed'];

interface Condition {
  field: string;
  operator: TaskFilterOperator;
  value: string;
}

interface FilterForm {
  statuses: TaskStatus[];
  batchIds: string;
  nameRegex: string;
  /** '' any, 'none' nobody, or a member id. */
  assignee: string;
  conditions: Condition[];
  /** '' any, 'gold' only gold tasks, 'plain' only the others (editors, admins, managers). */
  gold: '' | 'gold' | 'plain';
}

const EMPTY_FORM: FilterForm = {
  statuses: [],
  batchIds: '',
  nameRegex: '',
  assignee: '',
  conditions: [],
  gold: '',
};

function toFilter(projectId: string, form: FilterForm): TaskFilter {
  const batchIds = form.batchIds
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const where = form.conditions
    .filter((c) => c.field.trim() !== '')
    .map((c) => ({ field: c.field.trim(), operator: c.operator, value: parseValue(c.value) }));
  return {
    projectId,
    ...(form.statuses.length > 0 ? { statuses: form.statuses } : {}),
    ...(batchIds.length > 0 ? { batchIds } : {}),
    ...(form.nameRegex ? { nameRegex: form.nameRegex } : {}),
    ...(form.assignee ? { assignee: form.assignee } : {}),
    ...(where.length > 0 ? { where } : {}),
  };
}

export function TasksPage() {
  const { projectId } = useSession();
  if (!projectId) {
    return (
      <section>
        <h1>Tasks</h1>
        <Empty>Pick a project first.</Empty>
      </section>
    );
  }
  return <Tasks key={projectId} projectId={projectId} />;
}

function Tasks({ projectId }: { projectId: string }) {
  const { client, me, workspaceId } = useSession();
  const [form, setForm] = useState<FilterForm>(EMPTY_FORM);
  const [sort, setSort] = useState<PrioritySort>('');
  const members = useAsync<Member[]>(
    async (signal) =>
      (
        await client.members.list(
          { includeRemoved: true, limit: 1000, ...(workspaceId ? { workspaceId } : {}) },
          { signal },
        )
      ).data as Member[],
    [client, workspaceId],
  );
  const [applied, setApplied] = useState<FilterForm>(EMPTY_FORM);
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [version, setVersion] = useState(0);
  const cursor = cursors[cursors.length - 1];
  const filter = toFilter(projectId, applied);
  // Not part of the filter: exports and bulk actions take no isGold.
  const isGold = applied.gold === '' ? {} : { isGold: applied.gold === 'gold' };
  const page = useAsync(
    (signal) =>
      client.tasks.list(
        {
          ...filter,
          ...isGold,
          limit: 50,
          ...(sort ? { sort: `${sort},id` } : {}),
          ...(cursor ? { cursor } : {}),
        },
        { signal },
      ),
    [client, JSON.stringify(filter), applied.gold, cursor, version, sort],
  );

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setApplied(form);
    setCursors([undefined]);
    setSelected(new Set());
  };
  const clear = () => {
    setForm(EMPTY_FORM);
    setApplied(EMPTY_FORM);
    setCursors([undefined]);
    setSelected(new Set());
  };
  const toggle = (id: string) =>
    setSelected((old) => {
      const next = new Set(old);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const setCondition = (i: number, change: Partial<Condition>) =>
    setForm((f) => ({ ...f, conditions: f.conditions.map((c, j) => (j === i ? { ...c, ...change } : c)) }));

  return (
    <section>
      <div className="page-head">
        <h1>Tasks</h1>
        {me.role === 'admin' || me.role === 'editor' ? (
          <Link to="/tasks/import" className="button-link">
            Import tasks…
          </Link>
        ) : null}
        <ExportTasks filter={filter} />
      </div>
      <form className="card filters task-filters" onSubmit={apply} aria-label="Task filters">
        <fieldset>
          <legend>Status</legend>
          {TASK_STATUSES.map((s) => (
            <label key={s} className="check">
              <input
                type="checkbox"
                checked={form.statuses.includes(s)}
                onChange={(e) =>
                  setForm((f) => ({
                    ...f,
                    statuses: e.target.checked ? [...f.statuses, s] : f.statuses.filter((x) => x !== s),
                  }))
                }
              />
              {s.replace('_', ' ')}
            </label>
          ))}
        </fieldset>
        <label>
          Batch ids
          <input
            value={form.batchIds}
            onChange={(e) => setForm((f) => ({ ...f, batchIds: e.target.value }))}
            placeholder="bat_…, bat_…"
          />
        </label>
        <label>
          Name (regular expression)
          <input
            value={form.nameRegex}
            onChange={(e) => setForm((f) => ({ ...f, nameRegex: e.target.value }))}
            placeholder="^img-0"
          />
        </label>
        <label>
          Assignee
          <select
            value={form.assignee}
            onChange={(e) => setForm((f) => ({ ...f, assignee: e.target.value }))}
          >
            <option value="">Anyone or nobody</option>
            <option value="none">Nobody (unassigned)</option>
            {(members.data ?? []).map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
                {m.removedAt ? ' (removed)' : ''}
              </option>
            ))}
          </select>
        </label>
        {canEditGold(me) ? (
          <label>
            Gold
            <select
              value={form.gold}
              onChange={(e) => setForm((f) => ({ ...f, gold: e.target.value as FilterForm['gold'] }))}
            >
              <option value="">Any task</option>
              <option value="gold">Gold tasks only</option>
              <option value="plain">Not gold</option>
            </select>
          </label>
        ) : null}
        <fieldset className="conditions">
          <legend>Data and property conditions</legend>
          {form.conditions.map((c, i) => (
            <div key={i} className="condition">
              <label>
                Field
                <input
                  value={c.field}
                  onChange={(e) => setCondition(i, { field: e.target.value })}
                  placeholder="data.label or properties.score"
                />
              </label>
              <label>
                Operator
                <select
                  value={c.operator}
                  onChange={(e) => setCondition(i, { operator: e.target.value as TaskFilterOperator })}
                >
                  {FILTER_OPERATOR_WORDS.map((o) => (
                    <option key={o}>{o}</option>
                  ))}
                </select>
              </label>
              <label>
                Value
                <input value={c.value} onChange={(e) => setCondition(i, { value: e.target.value })} />
              </label>
              <button
                type="button"
                className="link"
                aria-label={`Remove condition ${i + 1}`}
                onClick={() => setForm((f) => ({ ...f, conditions: f.conditions.filter((_, j) => j !== i) }))}
              >
                Remove
              </button>
            </div>
          ))}
          <button
            type="button"
            className="secondary small"
            onClick={() =>
              setForm((f) => ({
                ...f,
                conditions: [...f.conditions, { field: '', operator: 'eq', value: '' }],
              }))
            }
          >
            Add condition
          </button>
        </fieldset>
        <div className="actions">
          <button type="submit">Apply filters</button>
          <button type="button" className="secondary" onClick={clear}>
            Clear
          </button>
        </div>
      </form>

      <BulkActions
        ids={[...selected]}
        onDone={() => {
          setVersion((v) => v + 1);
        }}
        onClear={() => setSelected(new Set())}
      />
      {canAssign(me) ? (
        <AssignActions
          ids={[...selected]}
          filter={filter}
          members={members.data ?? []}
          onDone={() => setVersion((v) => v + 1)}
        />
      ) : null}
      {members.error ? <ErrorBox error={members.error} onRetry={members.reload} /> : null}

      <Loaded state={page} what="Loading tasks">
        {(p) =>
          p.data.length === 0 ? (
            <Empty>No tasks match these filters.</Empty>
          ) : (
            <>
              <TaskTable
                tasks={p.data}
                selected={selected}
                toggle={toggle}
                setSelected={setSelected}
                members={members.data ?? []}
                sort={sort}
                onSort={(next) => {
                  setSort(next);
                  setCursors([undefined]);
                }}
              />
              <Pager
                hasPrevious={cursors.length > 1}
                nextCursor={p.nextCursor}
                onPrevious={() => setCursors((c) => c.slice(0, -1))}
                onNext={(next) => setCursors((c) => [...c, next])}
                page={cursors.length}
              />
            </>
          )
        }
      </Loaded>
    </section>
  );
}

function BulkActions({ ids, onDone, onClear }: { ids: string[]; onDone: () => void; onClear: () => void }) {
  const { client } = useSession();
  const [reset, setReset] = useState(false);
  const [score, setScore] = useState('');
  const [custom, setCustom] = useState('');
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [outcome, setOutcome] = useState<{ action: string; result: TaskBulkResult }>();

  const run = async (action: string, call: () => Promise<TaskBulkResult>) => {
    setBusy(true);
    setError(undefined);
    setOutcome(undefined);
    try {
      setOutcome({ action, result: await call() });
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const review = () => run('Send to review', () => client.tasks.sendToReview({ ids }));
  const redo = () =>
    run(reset ? 'Redo with reset' : 'Redo', () => client.tasks.sendToRedo({ ids }, { reset }));
  const properties = (event: FormEvent) => {
    event.preventDefault();
    void run('Edit properties', async () => {
      const set = custom.trim() ? parseValue(custom) : undefined;
      if (set !== undefined && (typeof set !== 'object' || set === null || Array.isArray(set))) {
        throw new Error('Custom properties must be a JSON object, e.g. {"team": "red"}.');
      }
      const scoreValue = score.trim() === '' ? undefined : score.trim() === 'null' ? null : Number(score);
      if (typeof scoreValue === 'number' && !Number.isFinite(scoreValue))
        throw new Error('Score must be a number.');
      return client.tasks.updateProperties(
        { ids },
        {
          ...(scoreValue !== undefined ? { score: scoreValue } : {}),
          ...(set ? { custom: { set: set as Record<string, unknown> } } : {}),
        },
      );
    });
  };

  return (
    <div className="bulk card" role="region" aria-label="Selected tasks">
      <div className="actions">
        <strong aria-live="polite">{ids.length} selected</strong>
        <button type="button" onClick={review} disabled={busy || ids.length === 0}>
          Send to review
        </button>
        <button type="button" onClick={redo} disabled={busy || ids.length === 0}>
          Redo
        </button>
        <label className="check">
          <input type="checkbox" checked={reset} onChange={(e) => setReset(e.target.checked)} />
          reset data
        </label>
        <button
          type="button"
          className="secondary"
          onClick={() => setEditing((v) => !v)}
          disabled={ids.length === 0}
        >
          Edit properties…
        </button>
        {ids.length > 0 ? (
          <button type="button" className="link" onClick={onClear}>
            Clear selection
          </button>
        ) : null}
      </div>
      {editing ? (
        <form className="inline-form" onSubmit={properties} aria-label="Edit properties">
          <label>
            Score
            <input
              value={score}
              onChange={(e) => setScore(e.target.value)}
              inputMode="decimal"
              placeholder="0.8"
            />
          </label>
          <label className="grow">
            Custom properties to set (JSON)
            <input value={custom} onChange={(e) => setCustom(e.target.value)} placeholder='{"team": "red"}' />
          </label>
          <button type="submit" disabled={busy || ids.length === 0}>
            Apply to {ids.length}
          </button>
        </form>
      ) : null}
      {error ? <ErrorBox error={error} /> : null}
      {outcome ? (
        <div className="notice" role="status">
          {outcome.action}: {outcome.result.applied} applied, {outcome.result.refused} refused.
          {outcome.result.refused > 0 ? (
            <ul>
              {outcome.result.results
                .filter((r) => r.status === 'refused')
                .map((r) => (
                  <li key={r.id}>
                    <code>{r.id}</code>: {r.error?.message} <code>{r.error?.code}</code>
                  </li>
                ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
