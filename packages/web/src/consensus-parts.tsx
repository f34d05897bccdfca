import type { Me, Project, Task, TaskAgreement, TaskAnnotation } from '@batchyard/sdk';
import { useState } from 'react';
import { CliCommand, Empty, ErrorBox, Json, Loaded } from './components.js';
import { cliCommand, fieldProblems, formatDate, onlyFieldProblems, useAsync } from './lib.js';
import { useSession } from './session.js';
import { JsonEditor, dataText, parseData } from './task-parts.js';

/** Who may choose a consensus result: admin and editor keys, and members who review or manage. */
export function canChoose(me: Pick<Me, 'role' | 'member'>): boolean {
  if (me.role !== 'admin' && me.role !== 'editor') return false;
  return me.member === null || me.member.role !== 'annotator';
}

/** Who may set or remove a gold answer (and filter on it): admin and editor keys, and managers. */
export function canEditGold(me: Pick<Me, 'role' | 'member'>): boolean {
  if (me.role !== 'admin' && me.role !== 'editor') return false;
  return me.member === null || me.member.role === 'manager';
}

const percent = (score: number) => `${(score * 100).toFixed(1)}%`;

/** The consensus settings of a project's workflow, read-only (the project's edit form changes them). */
export function WorkflowFacts({ project }: { project: Project | undefined }) {
  const w = project?.workflow;
  if (!w) return null;
  return (
    <section className="card workflow" aria-label="Workflow">
      <h2>Workflow</h2>
      <dl className="facts">
        <dt>Annotations per task</dt>
        <dd data-field="annotationsPerTask">{w.annotationsPerTask}</dd>
        <dt>Agreement threshold</dt>
        <dd data-field="agreementThreshold">{w.agreementThreshold}</dd>
        <dt>Gold rate</dt>
        <dd data-field="goldRate">
          {w.goldRate === 0
            ? '0 (gold tasks never handed out)'
            : `${w.goldRate} (every ${Math.round(1 / w.goldRate)} claims)`}
        </dd>
      </dl>
      <p className="muted small">
        Change them with <code>batchyard projects update</code> (--annotations-per-task,
        --agreement-threshold, --gold-rate).
      </p>
    </section>
  );
}

/**
 * A consensus task's agreement and its annotations (who, what, when, which one is the result), with a
 * Choose button per annotation for those who may choose; `onChosen` gets the task as it is after.
 */
export function AgreementPanel({ task, onChosen }: { task: Task; onChosen: (task: Task) => void }) {
  // Nothing to read for a task never annotated by several members.
  const agreement = task.agreement;
  return agreement ? <Agreement task={task} agreement={agreement} onChosen={onChosen} /> : null;
}

function Agreement({
  task,
  agreement,
  onChosen,
}: {
  task: Task;
  agreement: TaskAgreement;
  onChosen: (task: Task) => void;
}) {
  const { client, me, projects, workspaceId } = useSession();
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
  const names = members.data ?? new Map<string, string>();
  const threshold = projects.find((p) => p.id === task.projectId)?.workflow?.agreementThreshold;
  const annotations = useAsync<TaskAnnotation[]>(
    (signal) => client.tasks.annotations(task.id, { signal }),
    [client, task.id, agreement.chosenAnnotationId, agreement.annotations],
  );
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<unknown>();
  const may = canChoose(me);

  const choose = async (annotationId: string) => {
    setBusy(annotationId);
    setError(undefined);
    try {
      onChosen(await client.tasks.choose(task.id, annotationId));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(undefined);
    }
  };

  const below = agreement.score !== null && threshold !== undefined && agreement.score < threshold;
  return (
    <section className="card agreement" aria-label="Consensus">
      <h3>Consensus</h3>
      <p className="agreement-score">
        Agreement{' '}
        <strong data-score={agreement.score ?? ''}>
          {agreement.score === null ? 'not yet (still collecting)' : percent(agreement.score)}
        </strong>
        {threshold !== undefined ? (
          <span className={below ? 'below' : 'muted'}>
            {' '}
            · threshold {percent(threshold)}
            {below ? ' (below: sent to review)' : ''}
          </span>
        ) : null}
        <span className="muted">
          {' '}
          · {agreement.annotations} annotation{agreement.annotations === 1 ? '' : 's'}
          {agreement.chosenBy ? ` · result chosen by ${agreement.chosenBy}` : ''}
        </span>
      </p>
      <Loaded state={annotations} what="Loading the annotations">
        {(list) =>
          list.length === 0 ? (
            <Empty>No annotation yet.</Empty>
          ) : (
            <div className="table-wrap">
              <table className="compact annotations">
                <thead>
                  <tr>
                    <th scope="col">Member</th>
                    <th scope="col">Data</th>
                    <th scope="col">Result</th>
                    <th scope="col">When</th>
                    {may ? <th scope="col">Choose</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {list.map((a) => {
                    const who = names.get(a.memberId) ?? a.memberId;
                    return (
                      <tr key={a.id} data-annotation-id={a.id} className={a.chosen ? 'chosen' : undefined}>
                        <td data-label="Member">{who}</td>
                        <td data-label="Data">
                          <Json value={a.data} />
                        </td>
                        <td data-label="Result">{a.chosen ? '✓ chosen' : ''}</td>
                        <td data-label="When">{formatDate(a.createdAt)}</td>
                        {may ? (
                          <td data-label="Choose">
                            {a.chosen ? null : (
                              <button
                                type="button"
                                className="secondary small"
                                disabled={busy !== undefined || agreement.score === null}
                                aria-label={`Choose ${who}'s annotation`}
                                onClick={() => void choose(a.id)}
                              >
                                Choose
                              </button>
                            )}
                          </td>
                        ) : null}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
      {error ? <ErrorBox error={error} /> : null}
      <CliCommand
        label="list this task's annotations"
        command={cliCommand('tasks', 'annotations', task.id)}
      />
      {may
        ? (annotations.data ?? [])
            .filter((a) => !a.chosen)
            .map((a) => (
              <CliCommand
                key={a.id}
                label={`choose ${names.get(a.memberId) ?? a.memberId}'s annotation`}
                command={cliCommand('tasks', 'choose', task.id, a.id)}
              />
            ))
        : null}
    </section>
  );
}

/**
 * A task's known answer for editors, admins and managers: whether it is gold and its answer, set (a
 * JSON object, checked before sending and by the server against the task schema) or remove it.
 */
export function GoldPanel({ task, onChanged }: { task: Task; onChanged: (task: Task) => void }) {
  const { client } = useSession();
  const [text, setText] = useState(() => dataText(task.gold?.data ?? {}));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const gold = task.gold;

  const send = async (data: Record<string, unknown> | null) => {
    setBusy(true);
    setError(undefined);
    try {
      const after = await client.tasks.setGold(task.id, data);
      onChanged(after);
      if (data === null) setText(dataText({}));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const save = () => {
    const parsed = parseData(text);
    if ('message' in parsed) {
      document.getElementById('gold-data')?.focus();
      return;
    }
    void send(parsed.value);
  };
  // Field problems from the server (`/data/...`) go under the editor; the rest in the error box.
  const problems = fieldProblems(error, '/data');
  return (
    <section className="card gold" aria-label="Gold answer">
      <h2>Gold answer</h2>
      {gold ? (
        <>
          <p>
            <strong className="gold-state">This is a gold task.</strong>{' '}
            <span className="muted small">
              Members answer it from their queue; their answers are scored against:
            </span>
          </p>
          <Json value={gold.data ?? {}} />
        </>
      ) : (
        <p className="gold-state muted">Not a gold task. Give a known answer to make it one.</p>
      )}
      <JsonEditor
        id="gold-data"
        label={gold ? 'New known answer (JSON)' : 'Known answer (JSON)'}
        text={text}
        onChange={setText}
        problems={problems}
        disabled={busy}
      />
      <div className="actions">
        <button type="button" disabled={busy} onClick={save}>
          {gold ? 'Replace the gold answer' : 'Make gold'}
        </button>
        {gold ? (
          <button type="button" className="danger" disabled={busy} onClick={() => void send(null)}>
            Remove gold
          </button>
        ) : null}
      </div>
      {error && !onlyFieldProblems(error, ['/data']) ? <ErrorBox error={error} /> : null}
      <CliCommand
        label="set this task's gold answer"
        command={cliCommand('tasks', 'gold', task.id, '--data-json', compact(text))}
      />
      {gold ? (
        <CliCommand
          label="remove this task's gold answer"
          command={cliCommand('tasks', 'gold', task.id, '--remove')}
        />
      ) : null}
    </section>
  );
}

/** The editor's text on one line for the CLI command (as typed when it is not valid JSON). */
function compact(text: string): string {
  const parsed = parseData(text);
  return 'value' in parsed ? JSON.stringify(parsed.value) : text.trim();
}
