import type { Definition, Job } from '@batchyard/sdk';
import { useState, type FormEvent } from 'react';
import { Empty, ErrorBox, Json, JobNotice, Loaded } from '../components.js';
import { formatDate, JOB_STATUSES, parseValue, useAsync } from '../lib.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';
import { JobTable, useLiveJobs } from './jobs.js';

export function DefinitionsPage() {
  const { client, workspaceId } = useSession();
  const state = useAsync<Definition[]>(
    async (signal) =>
      (await client.definitions.list({ limit: 1000, ...(workspaceId ? { workspaceId } : {}) }, { signal }))
        .data,
    [client, workspaceId],
  );
  return (
    <section>
      <h1>Job definitions</h1>
      <Loaded state={state} what="Loading definitions">
        {(definitions) =>
          definitions.length === 0 ? (
            <Empty>
              No job definitions in this workspace. Create one with the CLI (
              <code>batchyard definitions create</code>) or the SDK.
            </Empty>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Type</th>
                    <th scope="col">Schedule</th>
                    <th scope="col">Enabled</th>
                    <th scope="col">Next run</th>
                  </tr>
                </thead>
                <tbody>
                  {definitions.map((d) => (
                    <tr key={d.id}>
                      <td data-label="Name">
                        <Link to={`/definitions/${d.id}`}>{d.name}</Link>
                      </td>
                      <td data-label="Type">
                        <code>{d.type}</code>
                      </td>
                      <td data-label="Schedule">{d.schedule ? `${d.schedule} (${d.timezone})` : 'manual'}</td>
                      <td data-label="Enabled">{d.enabled ? 'yes' : 'no'}</td>
                      <td data-label="Next run">{formatDate(d.nextRunAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
    </section>
  );
}

export function DefinitionPage({ id }: { id: string }) {
  const { client } = useSession();
  const definition = useAsync<Definition>(
    (signal) => client.definitions.get(id, {}, { signal }),
    [client, id],
  );
  return (
    <section>
      <p className="crumbs">
        <Link to="/definitions">Definitions</Link> / <code>{id}</code>
      </p>
      <Loaded state={definition} what="Loading the definition">
        {(d) => <DefinitionDetail definition={d} />}
      </Loaded>
    </section>
  );
}

function DefinitionDetail({ definition: d }: { definition: Definition }) {
  const { client } = useSession();
  const [params, setParams] = useState(() => JSON.stringify(d.parameters, null, 2));
  const [error, setError] = useState<unknown>();
  const [started, setStarted] = useState<Job>();
  const [statusFilter, setStatusFilter] = useState('');
  const instances = useAsync<Job[]>(
    async (signal) =>
      (
        await client.definitions.instances(
          d.id,
          { limit: 50, ...(statusFilter ? { status: statusFilter as Job['status'] } : {}) },
          { signal },
        )
      ).data,
    [client, d.id, statusFilter],
  );
  useLiveJobs(instances.data ?? [], (job) =>
    instances.setData((instances.data ?? []).map((j) => (j.id === job.id ? job : j))),
  );

  const run = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      const parsed = parseValue(params);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new Error('Parameters must be a JSON object.');
      }
      const handle = await client.definitions.run(d.id, { parameters: parsed as Record<string, unknown> });
      setStarted(handle.job);
      instances.reload();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <>
      <h1>{d.name}</h1>
      <dl className="facts">
        <dt>Type</dt>
        <dd>
          <code>{d.type}</code>
        </dd>
        <dt>Schedule</dt>
        <dd>{d.schedule ? `${d.schedule} (${d.timezone})` : 'manual'}</dd>
        <dt>Enabled</dt>
        <dd>{d.enabled ? 'yes' : 'no'}</dd>
        <dt>Max running</dt>
        <dd>{d.maxRunning ?? '—'}</dd>
        <dt>Max starts per hour</dt>
        <dd>{d.maxStartsPerHour ?? '—'}</dd>
        <dt>Next run</dt>
        <dd>{formatDate(d.nextRunAt)}</dd>
      </dl>
      {d.description ? <p>{d.description}</p> : null}
      <h2>Default parameters</h2>
      <Json value={d.parameters} />

      <form className="card" onSubmit={run} aria-label="Run the definition">
        <h2>Run</h2>
        <label htmlFor="run-params">Parameters (JSON, merged over the defaults)</label>
        <textarea id="run-params" rows={6} value={params} onChange={(e) => setParams(e.target.value)} />
        <div className="actions">
          <button type="submit">Run now</button>
        </div>
        {error ? <ErrorBox error={error} /> : null}
        {started ? <JobNotice key={started.id} job={started} label="Started" /> : null}
      </form>

      <div className="page-head">
        <h2>Instances</h2>
        <label>
          Status
          <select value={statusFilter} onChange={(e) => setStatusFilter(e.target.value)}>
            <option value="">All</option>
            {JOB_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      </div>
      <Loaded state={instances} what="Loading instances">
        {(jobs) =>
          jobs.length === 0 ? (
            <Empty>No instances{statusFilter ? ' with this status' : ' yet'}.</Empty>
          ) : (
            <JobTable jobs={jobs} caption={`Instances of ${d.name}`} />
          )
        }
      </Loaded>
    </>
  );
}
