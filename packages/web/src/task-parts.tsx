import type { Task, TaskEvent } from '@batchyard/sdk';
import { Empty, Json, TextAreaField } from './components.js';
import { formatDate } from './lib.js';

/** A task's data as typed in the editor: a JSON object, or why it is not one. */
export function parseData(text: string): { value: Record<string, unknown> } | { message: string } {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    return { message: `Not valid JSON: ${(error as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { message: 'The data must be a JSON object, e.g. {"label": "cat"}.' };
  }
  return { value: value as Record<string, unknown> };
}

/**
 * A JSON editor for a task's data: a labelled text area checked as you type (the check runs again
 * before sending), with the page's or the server's messages under it.
 */
export function JsonEditor({
  id,
  label,
  text,
  onChange,
  problems,
  disabled,
}: {
  id: string;
  label: string;
  text: string;
  onChange: (text: string) => void;
  problems: readonly string[];
  disabled?: boolean;
}) {
  const parsed = parseData(text);
  const messages = [...('message' in parsed ? [parsed.message] : []), ...problems];
  const rows = Math.min(24, Math.max(6, text.split('\n').length + 1));
  return (
    <div className="json-editor">
      <TextAreaField
        id={id}
        label={label}
        className="code"
        spellCheck={false}
        rows={rows}
        value={text}
        disabled={disabled}
        onChange={onChange}
        errors={messages}
      />
    </div>
  );
}

/** Data shown pretty-printed in the editor. */
export function dataText(data: unknown): string {
  return JSON.stringify(data ?? {}, null, 2);
}

/** The last rejection of a task, when it came back from review. */
export function LastRejection({ task }: { task: Task }) {
  const r = task.lastRejection;
  if (!r) return null;
  return (
    <div className="notice notice-failed rejection" role="note" aria-label="Last rejection">
      <strong>Rejected{r.stage ? ` at ${r.stage}` : ''}:</strong> <span className="reason">{r.reason}</span>{' '}
      <span className="muted small">{formatDate(r.at)}</span>
    </div>
  );
}

/** The model's prediction, said to have seeded the data when the claim copied it in. */
export function Prediction({ task, seeded }: { task: Task; seeded: boolean }) {
  const p = task.prediction;
  if (!p) return null;
  return (
    <section className="card prediction" aria-label="Prediction">
      <h3>
        Prediction{p.modelVersion ? ` of ${p.modelVersion}` : ''}
        {p.score !== null ? ` (score ${p.score})` : ''}
      </h3>
      {seeded ? <p className="muted small">It seeded this task’s data when you claimed it.</p> : null}
      {p.data ? <Json value={p.data} /> : null}
    </section>
  );
}

/** The history entries that are review verdicts, newest first. */
export function verdictsOf(task: Task): TaskEvent[] {
  return (task.history ?? []).filter((h) => h.action === 'verdict').reverse();
}

/** The verdicts given on a task; `names` maps member ids to names (else the credential is shown). */
export function VerdictHistory({ task, names }: { task: Task; names: ReadonlyMap<string, string> }) {
  const verdicts = verdictsOf(task);
  if (verdicts.length === 0) return <Empty>No verdicts yet.</Empty>;
  return (
    <div className="table-wrap">
      <table className="compact verdicts">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Verdict</th>
            <th scope="col">Stage</th>
            <th scope="col">By</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {verdicts.map((h, i) => {
            const d = (h.details ?? {}) as { verdict?: string; stage?: string | null };
            return (
              <tr key={i} data-verdict={d.verdict}>
                <td data-label="When">{formatDate(h.at)}</td>
                <td data-label="Verdict">{d.verdict ?? '—'}</td>
                <td data-label="Stage">{d.stage ?? '—'}</td>
                <td data-label="By">{(h.memberId ? names.get(h.memberId) : undefined) ?? h.actor ?? '—'}</td>
                <td data-label="Reason">{h.reason ?? '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
