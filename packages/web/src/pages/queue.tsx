import type { Task } from '@batchyard/sdk';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { CliCommand, Empty, ErrorBox, Resources, StatusBadge, TextField } from '../components.js';
import { cliCommand, fieldProblems, formatDate, onlyFieldProblems, problemCode, useAsync } from '../lib.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';
import { dataText, JsonEditor, LastRejection, parseData, Prediction } from '../task-parts.js';

/** A batch to claim from, with the dataset it belongs to (for the picker's labels). */
interface BatchChoice {
  id: string;
  label: string;
}

/** The annotator's page: claim the next task of the queue, edit its data, submit or skip it. */
export function QueuePage() {
  const { projectId } = useSession();
  if (!projectId) {
    return (
      <section>
        <h1>Queue</h1>
        <Empty>Pick a project first.</Empty>
      </section>
    );
  }
  return <Queue key={projectId} projectId={projectId} />;
}

type Outcome =
  | { kind: 'empty' }
  | { kind: 'submitted' | 'skipped'; name: string }
  | { kind: 'lost'; name: string; text: string };

function Queue({ projectId }: { projectId: string }) {
  const { client, me } = useSession();
  const [batchId, setBatchId] = useState('');
  const [lease, setLease] = useState('300');
  const [task, setTask] = useState<Task>();
  const [seeded, setSeeded] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [version, setVersion] = useState(0);
  const leaseSeconds = Math.min(3600, Math.max(1, Math.round(Number(lease)) || 300));

  // Tasks this member still holds under a live lease (the page was left or reloaded): resumable.
  const held = useAsync<Task[]>(
    async (signal) => {
      const memberId = me.member?.id;
      if (!memberId) return [];
      const page = await client.tasks.list(
        { projectId, statuses: ['in_progress'], sort: 'updatedAt:desc', limit: 200 },
        { signal },
      );
      return page.data.filter(
        (t) => t.lease?.memberId === memberId && Date.parse(t.lease.expiresAt) > Date.now(),
      );
    },
    [client, projectId, me.member?.id, version],
  );

  /** Shows a task this member holds, with its history (whether the prediction seeded its data). */
  const show = async (id: string) => {
    const full = await client.tasks.get(id, { include: ['data', 'history'] });
    const last = [...(full.history ?? [])].reverse().find((h) => h.action === 'claim');
    setSeeded(Boolean((last?.details as { seeded?: boolean } | null)?.seeded));
    setTask(full);
  };

  const resume = async (id: string) => {
    setBusy(true);
    setError(undefined);
    setOutcome(undefined);
    try {
      await show(id);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const batches = useAsync<BatchChoice[]>(
    async (signal) => {
      const datasets = await client.datasets.list({ projectId, limit: 100 }, { signal });
      const lists = await Promise.all(
        datasets.data.map(async (d) => {
          const page = await client.batches.list(d.id, { states: ['active'], limit: 100 }, { signal });
          return page.data.map((b) => ({ id: b.id, label: `${d.name} / ${b.name ?? b.id}` }));
        }),
      );
      return lists.flat();
    },
    [client, projectId],
  );

  const claim = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setOutcome(undefined);
    try {
      const claimed = await client.tasks.claim({
        projectId,
        ...(batchId ? { batchId } : {}),
        leaseSeconds,
      });
      if (!claimed) {
        setTask(undefined);
        setOutcome({ kind: 'empty' });
        return;
      }
      await show(claimed.id);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const done = (next: Outcome) => {
    setTask(undefined);
    setOutcome(next);
    setVersion((v) => v + 1);
  };
  // Hidden while re-read: the last answer may still list the task just submitted or skipped.
  const resumable = task || held.loading ? [] : (held.data ?? []);

  return (
    <section>
      <div className="page-head">
        <h1>Queue</h1>
        {me.member ? (
          <span className="muted small">working as a member ({me.member.role})</span>
        ) : (
          <span className="muted small">
            Only a member’s key claims tasks (see <Link to="/tasks">Tasks</Link> to assign work).
          </span>
        )}
      </div>
      <form className="card filters" onSubmit={claim} aria-label="Claim a task">
        <label>
          Batch
          <select value={batchId} onChange={(e) => setBatchId(e.target.value)} disabled={Boolean(task)}>
            <option value="">Any batch of the project</option>
            {(batches.data ?? []).map((b) => (
              <option key={b.id} value={b.id}>
                {b.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Lease (seconds)
          <input
            type="number"
            min={1}
            max={3600}
            value={lease}
            onChange={(e) => setLease(e.target.value)}
            disabled={Boolean(task)}
          />
        </label>
        <div className="actions">
          <button type="submit" disabled={busy || Boolean(task)}>
            {busy && !task ? 'Claiming…' : 'Claim next'}
          </button>
        </div>
        <CliCommand
          label="claim the next task"
          command={cliCommand(
            'tasks',
            'claim',
            '--project',
            projectId,
            ...(batchId ? ['--batch', batchId] : []),
            '--lease',
            String(leaseSeconds),
          )}
        />
      </form>
      {resumable.length > 0 ? (
        <div className="notice" role="region" aria-label="Tasks you hold">
          <span>You still hold {resumable.length === 1 ? 'a task' : `${resumable.length} tasks`}:</span>
          {resumable.map((t) => (
            <button
              key={t.id}
              type="button"
              className="secondary small"
              disabled={busy}
              onClick={() => void resume(t.id)}
            >
              Resume {t.name}
            </button>
          ))}
          <span className="muted small">(until its lease runs out, no one else gets it)</span>
        </div>
      ) : null}
      {batches.error ? <ErrorBox error={batches.error} onRetry={batches.reload} /> : null}
      {held.error ? <ErrorBox error={held.error} onRetry={held.reload} /> : null}
      {error ? <ErrorBox error={error} /> : null}
      {outcome?.kind === 'empty' ? (
        <div className="notice" role="status">
          The queue is empty: no task of this {batchId ? 'batch' : 'project'} is waiting for you. Try again
          later.
        </div>
      ) : null}
      {outcome?.kind === 'submitted' || outcome?.kind === 'skipped' ? (
        <div className="notice notice-succeeded" role="status">
          {outcome.kind === 'submitted' ? 'Submitted' : 'Skipped'} {outcome.name}. Claim the next one when you
          are ready.
        </div>
      ) : null}
      {outcome?.kind === 'lost' ? (
        <div className="notice notice-failed" role="alert">
          Lease lost on {outcome.name}: it ran out or the task was moved, so it went back to the queue (or
          another member holds it now). Your work on it was not sent.
          <details>
            <summary>Your edits (to copy)</summary>
            <pre className="json">{outcome.text}</pre>
          </details>
        </div>
      ) : null}
      {task ? (
        <ClaimedTask
          key={task.id}
          task={task}
          seeded={seeded}
          leaseSeconds={leaseSeconds}
          onSubmitted={() => done({ kind: 'submitted', name: task.name })}
          onSkipped={() => done({ kind: 'skipped', name: task.name })}
          onLost={(text) => done({ kind: 'lost', name: task.name, text })}
        />
      ) : null}
    </section>
  );
}

/** The task being worked on: renews its lease while open, then is submitted or skipped. */
function ClaimedTask({
  task,
  seeded,
  leaseSeconds,
  onSubmitted,
  onSkipped,
  onLost,
}: {
  task: Task;
  seeded: boolean;
  leaseSeconds: number;
  onSubmitted: () => void;
  onSkipped: () => void;
  onLost: (text: string) => void;
}) {
  const { client } = useSession();
  const [text, setText] = useState(() => dataText(task.data));
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string[]>([]);
  const [expiresAt, setExpiresAt] = useState(task.lease?.expiresAt ?? null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  // The editor's text goes with a lost lease, so the work can still be copied.
  const lostRef = useRef(() => onLost(text));
  lostRef.current = () => onLost(text);

  // Heartbeats at a third of the lease, so two may be missed before it runs out.
  useEffect(() => {
    const every = Math.max(1000, (leaseSeconds * 1000) / 3);
    const timer = setInterval(() => {
      client.tasks.heartbeat(task.id, { leaseSeconds }).then(
        (t) => setExpiresAt(t.lease?.expiresAt ?? null),
        (e: unknown) => {
          if (problemCode(e) === 'task_lease_lost') lostRef.current();
          else setError(e);
        },
      );
    }, every);
    return () => clearInterval(timer);
  }, [client, task.id, leaseSeconds]);

  const act = async (call: () => Promise<unknown>, then: () => void) => {
    setBusy(true);
    setError(undefined);
    try {
      await call();
      then();
    } catch (e) {
      if (problemCode(e) === 'task_lease_lost') lostRef.current();
      else setError(e);
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseData(text);
    if ('message' in parsed) return; // shown under the editor already
    void act(() => client.tasks.submit(task.id, { data: parsed.value }), onSubmitted);
  };
  const skip = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim() === '') {
      setReasonError(['Say why you skip it: the reason is kept with the task.']);
      document.getElementById('skip-reason')?.focus();
      return;
    }
    setReasonError([]);
    void act(() => client.tasks.skip(task.id, reason.trim()), onSkipped);
  };

  const parsed = parseData(text);
  const dataProblems = fieldProblems(error, '/data');
  const reasonProblems = [...reasonError, ...fieldProblems(error, '/reason')];
  const compactData = 'value' in parsed ? JSON.stringify(parsed.value) : '{…}';
  return (
    <article className="card claimed" aria-label={`Task ${task.name}`} data-task-id={task.id}>
      <h2>
        {task.name} <StatusBadge status={task.status} />
      </h2>
      <dl className="facts">
        <dt>Id</dt>
        <dd>
          <Link to={`/tasks/${task.id}`}>
            <code>{task.id}</code>
          </Link>
        </dd>
        <dt>Priority</dt>
        <dd>{task.priority}</dd>
        <dt>Lease until</dt>
        <dd>
          {formatDate(expiresAt)} <span className="muted small">(renewed while this page is open)</span>
        </dd>
      </dl>
      <LastRejection task={task} />
      <h3>Resources</h3>
      <Resources resources={task.resources} />
      <Prediction task={task} seeded={seeded} />
      <form onSubmit={submit} aria-label="Submit the task">
        <JsonEditor
          id="task-data"
          label="Task data (JSON)"
          text={text}
          onChange={setText}
          problems={dataProblems}
          disabled={busy}
        />
        <div className="actions">
          <button type="submit" disabled={busy || 'message' in parsed}>
            Submit
          </button>
        </div>
        <CliCommand
          label="submit this task"
          command={cliCommand('tasks', 'submit', task.id, '--data-json', compactData)}
        />
        <CliCommand
          label="renew the lease"
          command={cliCommand('tasks', 'heartbeat', task.id, '--lease', String(leaseSeconds))}
        />
      </form>
      <form onSubmit={skip} aria-label="Skip the task" className="skip-form">
        <TextField
          id="skip-reason"
          label="Reason to skip"
          value={reason}
          onChange={setReason}
          placeholder="image unreadable"
          errors={reasonProblems}
        />
        <div className="actions">
          <button type="submit" className="secondary" disabled={busy}>
            Skip
          </button>
        </div>
        <CliCommand
          label="skip this task"
          command={cliCommand('tasks', 'skip', task.id, '--reason', reason.trim() || '…')}
        />
      </form>
      {error && !onlyFieldProblems(error, ['/data', '/reason']) ? <ErrorBox error={error} /> : null}
    </article>
  );
}
