import { useState, type FormEvent } from 'react';
import { CliCommand, Empty, ErrorBox, Loading } from '../components.js';
import { problemCode, useAsync } from '../lib.js';
import { useSession } from '../session.js';

/** One member's row of `GET /v1/quality` (the SDK has no method for it yet). */
export interface QualityRow {
  memberId: string;
  name: string;
  role: string;
  submitted: number;
  throughputPerHour: number;
  gold: { answered: number; accuracy: number | null };
  agreement: number | null;
  reviews: { verdicts: number; rejected: number; rejectionRate: number | null };
}

export interface QualityReport {
  data: QualityRow[];
  from: string;
  to: string;
}

/** A yyyy-mm-dd day, `days` before today (UTC). */
function day(daysAgo: number): string {
  return new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
}

/** The range sent: from the start of the first day to the end of the last (exclusive), in UTC. */
function range(from: string, to: string): { from: string; to: string } {
  const end = new Date(`${to}T00:00:00.000Z`);
  end.setUTCDate(end.getUTCDate() + 1);
  return { from: new Date(`${from}T00:00:00.000Z`).toISOString(), to: end.toISOString() };
}

const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);

export function QualityPage() {
  const { projectId } = useSession();
  if (!projectId) {
    return (
      <section>
        <h1>Quality</h1>
        <Empty>Pick a project first.</Empty>
      </section>
    );
  }
  return <Quality key={projectId} projectId={projectId} />;
}

function Quality({ projectId }: { projectId: string }) {
  const { client } = useSession();
  const [form, setForm] = useState({ from: day(6), to: day(0) });
  const [applied, setApplied] = useState(form);
  const [formError, setFormError] = useState<string>();
  const sent = range(applied.from, applied.to);
  const report = useAsync<QualityReport>(
    (signal) =>
      client.request<QualityReport>('GET', '/v1/quality', {
        query: { projectId, from: sent.from, to: sent.to },
        signal,
      }),
    [client, projectId, sent.from, sent.to],
  );

  const apply = (event: FormEvent) => {
    event.preventDefault();
    if (!form.from || !form.to || form.from > form.to) {
      setFormError('Pick a start day on or before the end day.');
      return;
    }
    setFormError(undefined);
    setApplied(form);
  };

  // An older server (or one without the report) answers 404 route_not_found for the path itself.
  const unavailable = problemCode(report.error) === 'route_not_found';
  return (
    <section>
      <div className="page-head">
        <h1>Quality</h1>
      </div>
      <form className="card filters" onSubmit={apply} aria-label="Report range">
        <label>
          From
          <input
            type="date"
            value={form.from}
            onChange={(e) => setForm((f) => ({ ...f, from: e.target.value }))}
            aria-invalid={Boolean(formError)}
            aria-describedby={formError ? 'range-error' : undefined}
          />
        </label>
        <label>
          To (included)
          <input
            type="date"
            value={form.to}
            onChange={(e) => setForm((f) => ({ ...f, to: e.target.value }))}
            aria-invalid={Boolean(formError)}
            aria-describedby={formError ? 'range-error' : undefined}
          />
        </label>
        <div className="actions">
          <button type="submit">Show</button>
        </div>
        {formError ? (
          <p id="range-error" className="field-error" role="alert">
            {formError}
          </p>
        ) : null}
        <CliCommand
          label="fetch this report"
          command={`batchyard quality --project ${projectId} --from ${sent.from} --to ${sent.to}`}
        />
      </form>
      {unavailable ? (
        <div className="notice" role="status">
          Quality report not available on this server.
        </div>
      ) : report.error ? (
        <ErrorBox error={report.error} onRetry={report.reload} />
      ) : !report.data ? (
        <Loading what="Loading the report" />
      ) : report.data.data.length === 0 ? (
        <Empty>No member worked on this project between these days.</Empty>
      ) : (
        <QualityTable rows={report.data.data} />
      )}
    </section>
  );
}

function QualityTable({ rows }: { rows: QualityRow[] }) {
  return (
    <div className="table-wrap">
      <table className="quality">
        <caption className="sr-only">Quality per member</caption>
        <thead>
          <tr>
            <th scope="col">Member</th>
            <th scope="col">Role</th>
            <th scope="col" className="num">
              Submitted
            </th>
            <th scope="col" className="num">
              Per hour
            </th>
            <th scope="col" className="num">
              Gold answered
            </th>
            <th scope="col" className="num">
              Gold accuracy
            </th>
            <th scope="col" className="num">
              Agreement
            </th>
            <th scope="col" className="num" title="Verdicts given on the member's work">
              Verdicts on their work
            </th>
            <th scope="col" className="num">
              Rejected
            </th>
            <th scope="col" className="num">
              Rejection rate
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.memberId} data-member-id={r.memberId}>
              <th scope="row" data-label="Member">
                {r.name}
              </th>
              <td data-label="Role">{r.role}</td>
              <td data-label="Submitted" className="num">
                {r.submitted}
              </td>
              <td data-label="Per hour" className="num">
                {r.throughputPerHour.toFixed(1)}
              </td>
              <td data-label="Gold answered" className="num">
                {r.gold.answered}
              </td>
              <td data-label="Gold accuracy" className="num">
                {percent(r.gold.accuracy)}
              </td>
              <td data-label="Agreement" className="num">
                {percent(r.agreement)}
              </td>
              <td data-label="Verdicts" className="num">
                {r.reviews.verdicts}
              </td>
              <td data-label="Rejected" className="num">
                {r.reviews.rejected}
              </td>
              <td data-label="Rejection rate" className="num">
                {percent(r.reviews.rejectionRate)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
