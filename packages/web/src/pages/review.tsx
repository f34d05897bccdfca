import type { Task } from '@batchyard/sdk';
import { useState, type FormEvent } from 'react';
import { CliCommand, Empty, ErrorBox, FieldError, Json, Loaded, Resources } from '../components.js';
import { cliCommand, fieldProblems, formatDate, onlyFieldProblems, useAsync } from '../lib.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';
import { LastRejection, VerdictHistory } from '../task-parts.js';
import { AgreementPanel, WorkflowFacts } from '../consensus-parts.js';
import { Pager } from './datasets.js';

/** The server's limit on a verdict's reason (shown as a counter; the server checks it). */
const REASON_MAX = 2000;

/** The reviewer's page: tasks waiting for review in the project, per stage; accept or reject each. */
export function ReviewPage() {
  const { projectId } = useSession();
  if (!projectId) {
    return (
      <section>
        <h1>Review</h1>
        <Empty>Pick a project first.</Empty>
      </section>
    );
  }
  return <Review key={projectId} projectId={projectId} />;
}

function Review({ projectId }: { projectId: string }) {
  const { client, projects } = useSession();
  const project = projects.find((p) => p.id === projectId);
  const stages = project?.workflow?.reviewStages ?? [];
  const [stage, setStage] = useState('');
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [openId, setOpenId] = useState<string>();
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState<string>();
  const cursor = cursors[cursors.length - 1];
  const page = useAsync(
    (signal) =>
      client.tasks.list(
        {
          projectId,
          statuses: ['to_review'],
          ...(stage ? { reviewStage: stage } : {}),
          sort: 'priority:desc,id',
          limit: 50,
          ...(cursor ? { cursor } : {}),
        },
        { signal },
      ),
    [client, projectId, stage, cursor, version],
  );

  return (
    <section>
      <div className="page-head">
        <h1>Review</h1>
      </div>
      <div className="card filters" role="group" aria-label="Review queue">
        <label>
          Stage
          <select
            value={stage}
            onChange={(e) => {
              setStage(e.target.value);
              setCursors([undefined]);
            }}
          >
            <option value="">{stages.length === 0 ? 'Waiting for review' : 'Every stage'}</option>
            {stages.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <CliCommand
          label="list the tasks waiting for review"
          command={cliCommand(
            'tasks',
            'list',
            '--project',
            projectId,
            '--status',
            'to_review',
            ...(stage ? ['--review-stage', stage] : []),
          )}
        />
      </div>
      <WorkflowFacts project={project} />
      {notice ? (
        <div className="notice notice-succeeded" role="status">
          {notice}
        </div>
      ) : null}
      <div className="review-layout">
        <Loaded state={page} what="Loading tasks in review">
          {(p) =>
            p.data.length === 0 ? (
              <Empty>No task is waiting for review{stage ? ` at ${stage}` : ''}.</Empty>
            ) : (
              <div>
                <div className="table-wrap">
                  <table className="compact review-list">
                    <thead>
                      <tr>
                        <th scope="col">Task</th>
                        <th scope="col">Stage</th>
                        <th scope="col">Priority</th>
                        <th scope="col">Waiting since</th>
                      </tr>
                    </thead>
                    <tbody>
                      {p.data.map((t) => (
                        <tr key={t.id} data-task-id={t.id} className={t.id === openId ? 'open' : undefined}>
                          <td data-label="Task">
                            <button
                              type="button"
                              className="link"
                              aria-pressed={t.id === openId}
                              onClick={() => {
                                setNotice(undefined);
                                setOpenId(t.id);
                              }}
                            >
                              {t.name}
                            </button>
                          </td>
                          <td data-label="Stage">{t.reviewStage ?? '—'}</td>
                          <td data-label="Priority">{t.priority}</td>
                          <td data-label="Waiting since">{formatDate(t.updatedAt)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <Pager
                  hasPrevious={cursors.length > 1}
                  nextCursor={p.nextCursor}
                  onPrevious={() => setCursors((c) => c.slice(0, -1))}
                  onNext={(next) => setCursors((c) => [...c, next])}
                  page={cursors.length}
                />
              </div>
            )
          }
        </Loaded>
        {openId ? (
          <ReviewTask
            key={openId}
            id={openId}
            onDecided={(task, verdict) => {
              setOpenId(undefined);
              setNotice(
                verdict === 'accept'
                  ? `Accepted ${task.name}: ${task.status === 'reviewed' ? 'reviewed' : `now at ${task.reviewStage}`}.`
                  : `Rejected ${task.name}: back to its annotator with your reason.`,
              );
              setVersion((v) => v + 1);
            }}
          />
        ) : null}
      </div>
    </section>
  );
}

function ReviewTask({
  id,
  onDecided,
}: {
  id: string;
  onDecided: (task: Task, verdict: 'accept' | 'reject') => void;
}) {
  const { client, workspaceId } = useSession();
  const members = useAsync<Map<string, string>>(
    async (signal) => {
      const page = await client.members.list(
        { includeRemoved: true, limit: 1000, ...(workspaceId ? { workspaceId } : {}) },
        { signal },
      );
      return new Map(page.data.map((m) => [m.id, m.name]));
    },
    [client, workspaceId],
  );
  const task = useAsync<Task>(
    (signal) => client.tasks.get(id, { include: ['data', 'history'] }, { signal }),
    [client, id],
  );
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const decide = async (t: Task, verdict: 'accept' | 'reject') => {
    if (verdict === 'reject' && reason.trim() === '') {
      setMissing(true);
      document.getElementById('verdict-reason')?.focus();
      return;
    }
    setMissing(false);
    setBusy(true);
    setError(undefined);
    try {
      const after = await client.tasks.verdict(t.id, {
        verdict,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
        // Conditional on the stage shown: a task another reviewer moved on meanwhile is refused.
        ...(t.reviewStage ? { stage: t.reviewStage } : {}),
      });
      onDecided(after, verdict);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const reasonProblems = [
    ...(missing ? ['A reason is required to reject: the annotator sees it on the task.'] : []),
    ...fieldProblems(error, '/reason'),
  ];
  const verdictProblems = fieldProblems(error, '/verdict');
  const stageProblems = fieldProblems(error, '/stage');
  return (
    <article className="card review-task" aria-label="Task under review">
      <Loaded state={task} what="Loading the task">
        {(t) => (
          <>
            <h2>
              <Link to={`/tasks/${t.id}`}>{t.name}</Link>{' '}
              <span className="muted small">{t.reviewStage ? `at ${t.reviewStage}` : t.status}</span>
            </h2>
            <LastRejection task={t} />
            <h3>Resources</h3>
            <Resources resources={t.resources} />
            <h3>Data</h3>
            <Json value={t.data} />
            <AgreementPanel task={t} onChosen={task.reload} />
            <form
              onSubmit={(e: FormEvent) => {
                e.preventDefault();
                void decide(t, 'accept');
              }}
              aria-label="Verdict"
            >
              <label htmlFor="verdict-reason">Reason (required to reject)</label>
              <textarea
                id="verdict-reason"
                rows={3}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                aria-invalid={reasonProblems.length > 0}
                aria-describedby={`verdict-reason-count${reasonProblems.length > 0 ? ' verdict-reason-error' : ''}`}
              />
              <p id="verdict-reason-count" className="muted small">
                {reason.length} / {REASON_MAX} characters
              </p>
              <FieldError id="verdict-reason-error" messages={reasonProblems} />
              <FieldError id="verdict-stage-error" messages={[...verdictProblems, ...stageProblems]} />
              <div className="actions">
                <button type="submit" disabled={busy}>
                  Accept
                </button>
                <button
                  type="button"
                  className="danger"
                  disabled={busy}
                  onClick={() => void decide(t, 'reject')}
                >
                  Reject
                </button>
              </div>
              <CliCommand
                label="accept this task"
                command={cliCommand(
                  'tasks',
                  'accept',
                  t.id,
                  ...(t.reviewStage ? ['--stage', t.reviewStage] : []),
                )}
              />
              <CliCommand
                label="reject this task"
                command={cliCommand(
                  'tasks',
                  'reject',
                  t.id,
                  '--reason',
                  reason.trim() || '…',
                  ...(t.reviewStage ? ['--stage', t.reviewStage] : []),
                )}
              />
            </form>
            {error && !onlyFieldProblems(error, ['/reason', '/verdict', '/stage']) ? (
              <ErrorBox error={error} />
            ) : null}
            <h3>Verdicts</h3>
            <VerdictHistory task={t} names={members.data ?? new Map()} />
          </>
        )}
      </Loaded>
    </article>
  );
}
