import type { Definition, Job } from '@batchyard/sdk';
import { useRef, useState } from 'react';
import { CliCommand, Empty, Json, Loaded } from '../components.js';
import { formatDate, formatDuration, JOB_STATUSES, useAsync } from '../lib.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';
import { DeleteDefinitionConfirm, DeletedDefinitionNotice } from './definition-delete.js';
import { DefinitionForm, useDefinitionTypes } from './definition-form.js';
import { RunDefinitionForm } from './definition-run.js';
import { JobTable, useLiveJobs } from './jobs.js';

export function DefinitionsPage() {
  const { client, workspaceId, me } = useSession();
  const canWrite = me.role === 'admin' || me.role === 'editor';
  const state = useAsync<Definition[]>(
    async (signal) =>
      (await client.definitions.list({ limit: 1000, ...(workspaceId ? { workspaceId } : {}) }, { signal }))
        .data,
    [client, workspaceId],
  );
  return (
    <section>
      <div className="page-head">
        <h1>Job definitions</h1>
        {canWrite ? (
          <Link to="/definitions/new" className="button-link">
            New definition
          </Link>
        ) : null}
      </div>
      <DeletedDefinitionNotice />
      <Loaded state={state} what="Loading definitions">
        {(definitions) =>
          definitions.length === 0 ? (
            <Empty>
              No job definitions in this workspace.{' '}
              {canWrite ? <Link to="/definitions/new">Create one</Link> : null} (or with{' '}
              <code>batchyard definitions create</code>).
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

function DefinitionDetail({ definition: first }: { definition: Definition }) {
  const { client, me } = useSession();
  const canWrite = me.role === 'admin' || me.role === 'editor';
  const [d, setDefinition] = useState(first);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<string>();
  const [deleting, setDeleting] = useState(false);
  const deleteRef = useRef<HTMLButtonElement>(null);
  const [statusFilter, setStatusFilter] = useState('');
  const types = useDefinitionTypes();
  const type = types.data?.find((t) => t.name === d.type);
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

  return (
    <>
      <div className="page-head">
        <h1>{d.name}</h1>
        {canWrite && !editing ? (
          <div className="actions" role="group" aria-label="Definition actions">
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setSaved(undefined);
                setDeleting(false);
                setEditing(true);
              }}
            >
              Edit
            </button>
            <button
              type="button"
              className="danger"
              ref={deleteRef}
              aria-expanded={deleting}
              onClick={() => {
                setSaved(undefined);
                setDeleting(true);
              }}
            >
              Delete
            </button>
          </div>
        ) : null}
      </div>
      {deleting && !editing ? (
        <DeleteDefinitionConfirm
          definition={d}
          onCancel={() => {
            setDeleting(false);
            deleteRef.current?.focus();
          }}
        />
      ) : null}
      {saved ? (
        <div className="notice notice-succeeded" role="status">
          <span>
            Saved {d.name}
            {d.nextRunAt ? `; next run ${formatDate(d.nextRunAt)}` : ''}.
          </span>
          <CliCommand command={saved} label="save the changes just made" />
        </div>
      ) : null}
      {editing ? (
        <Loaded state={types} what="Loading job types">
          {(list) => (
            <DefinitionForm
              types={list}
              definition={d}
              onSaved={(next, cli) => {
                setDefinition(next);
                setSaved(cli);
                setEditing(false);
              }}
              onCancel={() => setEditing(false)}
            />
          )}
        </Loaded>
      ) : (
        <>
          <dl className="facts">
            <dt>Type</dt>
            <dd>
              <code>{d.type}</code>
            </dd>
            <dt>Schedule</dt>
            <dd>{d.schedule ? `${d.schedule} (${d.timezone})` : 'manual'}</dd>
            <dt>Enabled</dt>
            <dd>{d.enabled ? 'yes' : 'no'}</dd>
            <dt>Next run</dt>
            <dd>{d.nextRunAt ? <time dateTime={d.nextRunAt}>{formatDate(d.nextRunAt)}</time> : '—'}</dd>
            <dt>Max running</dt>
            <dd>{d.maxRunning ?? '—'}</dd>
            <dt>Max starts per hour</dt>
            <dd>{d.maxStartsPerHour ?? '—'}</dd>
            <dt>Timeout</dt>
            <dd>{d.timeoutMs ? formatDuration(d.timeoutMs) : 'the type’s'}</dd>
            <dt>Concurrency key</dt>
            <dd>{d.concurrencyKey ? <code>{d.concurrencyKey}</code> : '—'}</dd>
            <dt>Key limits</dt>
            <dd>
              {d.keyLimits
                ? `${d.keyLimits.maxRunning} at once${d.keyLimits.rate ? `, ${d.keyLimits.rate.max} per ${formatDuration(d.keyLimits.rate.windowMs)}` : ''}`
                : 'the type’s'}
            </dd>
          </dl>
          {d.description ? <p>{d.description}</p> : null}
          <h2>Default parameters</h2>
          <Json value={d.parameters} />
        </>
      )}

      {canWrite && !editing ? (
        <Loaded state={types} what="Loading the job type">
          {() => (
            <RunDefinitionForm key={d.updatedAt} definition={d} type={type} onStarted={instances.reload} />
          )}
        </Loaded>
      ) : null}

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
