import type { Job, Member, TaskBulkResult, TaskFilter } from '@batchyard/sdk';

/** What an assignment answered, by ids or by filter (a job's result), in one shape. */
interface Outcome {
  text: string;
  matched?: number;
  applied: number;
  refused: number;
  refusals: TaskBulkResult['results'];
}
import { useState } from 'react';
import { CliCommand, ErrorBox, ProgressBar } from '../components.js';
import { cliCommand } from '../lib.js';
import { useSession } from '../session.js';

type Scope = 'selected' | 'matching';
type Action = 'assign' | 'unassign';

/** Whether this credential may assign: plain editors and admins, and managers among members. */
export function canAssign(me: { role: string; member: { role: string } | null }): boolean {
  if (me.role !== 'admin' && me.role !== 'editor') return false;
  return me.member === null || me.member.role === 'manager';
}

/** The CLI's filter flags for what the task list shows (those the CLI has). */
export function filterFlags(filter: TaskFilter): string[] {
  const flags = ['--project', filter.projectId];
  if (filter.statuses?.length) flags.push('--status', filter.statuses.join(','));
  if (filter.batchIds?.length) flags.push('--batch', filter.batchIds.join(','));
  if (filter.nameRegex) flags.push('--name-regex', filter.nameRegex);
  if (filter.assignee) flags.push('--assignee', filter.assignee);
  for (const w of filter.where ?? []) flags.push('--where', `${w.field}:${w.operator}:${String(w.value)}`);
  return flags;
}

/**
 * Assigns the selected tasks, or every task matching the list's filter, to a member picked from
 * the workspace's members (or takes them away from their assignee). By ids the answer is per task;
 * by filter it is a `tasks.bulk` job, followed until it ends.
 */
export function AssignActions({
  ids,
  filter,
  members,
  onDone,
}: {
  ids: readonly string[];
  filter: TaskFilter;
  members: readonly Member[];
  onDone: () => void;
}) {
  const { client } = useSession();
  const active = members.filter((m) => m.removedAt === null);
  const [memberId, setMemberId] = useState('');
  const [pending, setPending] = useState<{ action: Action; scope: Scope }>();
  const [busy, setBusy] = useState(false);
  const [job, setJob] = useState<Job>();
  const [error, setError] = useState<unknown>();
  const [memberMissing, setMemberMissing] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();

  const ask = (action: Action, scope: Scope) => {
    if (action === 'assign' && !memberId) {
      setMemberMissing(true);
      return;
    }
    setMemberMissing(false);
    setOutcome(undefined);
    setError(undefined);
    if (scope === 'selected') void run(action, scope);
    else setPending({ action, scope });
  };

  const run = async (action: Action, scope: Scope) => {
    setPending(undefined);
    setBusy(true);
    setJob(undefined);
    try {
      const params = { onProgress: setJob };
      const who = active.find((m) => m.id === memberId)?.name ?? memberId;
      const text = action === 'assign' ? `Assigned to ${who}` : 'Unassigned';
      if (scope === 'selected') {
        const selection = { ids: [...ids] };
        const r =
          action === 'assign'
            ? await client.tasks.assign(selection, memberId)
            : await client.tasks.unassign(selection);
        setOutcome({ text, ...r, refusals: r.results.filter((x) => x.status === 'refused') });
      } else {
        const r =
          action === 'assign'
            ? await client.tasks.assign({ filter }, memberId, params)
            : await client.tasks.unassign({ filter }, params);
        setOutcome({ text, ...r });
      }
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const memberFlag = memberId || 'mem_…';
  return (
    <div className="card assign" role="region" aria-label="Assignment">
      <div className="actions">
        <label>
          Assign to
          <select
            value={memberId}
            onChange={(e) => {
              setMemberId(e.target.value);
              setMemberMissing(false);
            }}
            aria-invalid={memberMissing}
            aria-describedby={memberMissing ? 'assign-member-error' : undefined}
          >
            <option value="">Pick a member…</option>
            {active.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name} ({m.role})
              </option>
            ))}
          </select>
        </label>
        <button type="button" disabled={busy || ids.length === 0} onClick={() => ask('assign', 'selected')}>
          Assign selected{ids.length > 0 ? ` (${ids.length})` : ''}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={busy || ids.length === 0}
          onClick={() => ask('unassign', 'selected')}
        >
          Unassign selected
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={() => ask('assign', 'matching')}>
          Assign all matching…
        </button>
        <button
          type="button"
          className="secondary"
          disabled={busy}
          onClick={() => ask('unassign', 'matching')}
        >
          Unassign all matching…
        </button>
      </div>
      {memberMissing ? (
        <p id="assign-member-error" className="field-error" role="alert">
          Pick the member to assign the tasks to.
        </p>
      ) : null}
      {pending ? (
        <div className="confirm" role="group" aria-label="Confirm assignment">
          <p>
            {pending.action === 'assign'
              ? `Assign every task matching the filters to ${active.find((m) => m.id === memberId)?.name ?? memberId}?`
              : 'Unassign every task matching the filters?'}{' '}
            <span className="muted small">
              One tasks.bulk job does it; tasks it cannot change are listed.
            </span>
          </p>
          <div className="actions">
            <button type="button" onClick={() => void run(pending.action, pending.scope)}>
              Confirm {pending.action}
            </button>
            <button type="button" className="secondary" onClick={() => setPending(undefined)}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
      {busy && job ? <ProgressBar job={job} label="Assignment progress" /> : null}
      {error ? <ErrorBox error={error} /> : null}
      {outcome ? (
        <div className="notice" role="status">
          {outcome.text}: {outcome.matched !== undefined ? `${outcome.matched} matched, ` : ''}
          {outcome.applied} applied, {outcome.refused} refused.
          {outcome.refusals.length > 0 ? (
            <ul>
              {outcome.refusals.slice(0, 20).map((r) => (
                <li key={r.id}>
                  <code>{r.id}</code>: {r.error?.message} <code>{r.error?.code}</code>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {ids.length > 0 ? (
        <CliCommand
          label="assign the selected tasks"
          command={cliCommand('tasks', 'assign', memberFlag, ...ids)}
        />
      ) : null}
      <CliCommand
        label="assign every matching task"
        command={cliCommand('tasks', 'assign', memberFlag, ...filterFlags(filter))}
      />
    </div>
  );
}
