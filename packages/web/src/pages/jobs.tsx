import type { Job, JobStatus, JobType } from '@batchyard/sdk';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Empty, ErrorBox, JobNotice, Loading, ProgressBar, StatusBadge } from '../components.js';
import {
  FINISHED,
  formatDate,
  isAbort,
  JOB_STATUSES,
  jobDuration,
  parseValue,
  useAsync,
  useNow,
} from '../lib.js';
import { Link, navigate, useLocation } from '../router.js';
import { useSession } from '../session.js';
import { BulkJobActions } from './jobs-bulk.js';
import { useRowActions } from './jobs-actions.js';
import { JobTypesPanel } from './job-types.js';

/** Waits before opening the job event stream again after it broke, doubling up to 30 s. */
const RECONNECT_MS = 1000;

/**
 * Calls `onJob` with every job the caller can see as it is created or changes, from the server's
 * job event stream (one connection, whatever the number of jobs shown). `onReconnect` runs after the
 * stream was broken and is open again, so the page can re-read what it missed.
 */
export function useJobEvents(onJob: (job: Job) => void, onReconnect?: () => void): void {
  const { client } = useSession();
  const onJobRef = useRef(onJob);
  onJobRef.current = onJob;
  const onReconnectRef = useRef(onReconnect);
  onReconnectRef.current = onReconnect;
  useEffect(() => {
    const controller = new AbortController();
    void (async () => {
      let delay = RECONNECT_MS;
      let broken = false;
      while (!controller.signal.aborted) {
        try {
          const stream = client.jobs.events(
            {},
            {
              signal: controller.signal,
              onReady: () => {
                delay = RECONNECT_MS;
                if (broken) onReconnectRef.current?.();
              },
            },
          );
          for await (const job of stream) onJobRef.current(job);
        } catch {
          // Broken or aborted: the loop decides.
        }
        if (controller.signal.aborted) break;
        broken = true;
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, 30_000);
      }
    })();
    return () => controller.abort();
  }, [client]);
}

/** Keeps the given jobs up to date from the job event stream. */
export function useLiveJobs(jobs: Job[], onJob: (job: Job) => void): void {
  const shown = useRef(new Set<string>());
  shown.current = new Set(jobs.map((j) => j.id));
  useJobEvents((job) => {
    if (shown.current.has(job.id)) onJob(job);
  });
}

/** Checkboxes on a job table: which rows are picked for a bulk action. */
export interface JobSelection {
  selected: ReadonlySet<string>;
  set: (ids: readonly string[], on: boolean) => void;
}

export function JobTable({
  jobs,
  caption,
  selection,
  actions,
}: {
  jobs: Job[];
  caption: string;
  selection?: JobSelection;
  /** Buttons acting on one row (abort, retry, delete, artifacts), in a last column. */
  actions?: (job: Job) => ReactNode;
}) {
  const now = useNow();
  const allSelected = jobs.length > 0 && jobs.every((j) => selection?.selected.has(j.id));
  return (
    <div className="table-wrap">
      <table className="jobs">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {selection ? (
              <th scope="col" className="select">
                <input
                  type="checkbox"
                  aria-label="Select all shown jobs"
                  checked={allSelected}
                  onChange={(e) =>
                    selection.set(
                      jobs.map((j) => j.id),
                      e.target.checked,
                    )
                  }
                />
              </th>
            ) : null}
            <th scope="col">Job</th>
            <th scope="col">Status</th>
            <th scope="col">Progress</th>
            <th scope="col">Duration</th>
            <th scope="col">Attempts</th>
            <th scope="col">Created</th>
            {actions ? <th scope="col">Actions</th> : null}
          </tr>
        </thead>
        <tbody>
          {jobs.map((job) => (
            <tr key={job.id} data-job-id={job.id} data-status={job.status}>
              {selection ? (
                <td className="select">
                  <input
                    type="checkbox"
                    aria-label={`Select ${job.id}`}
                    checked={selection.selected.has(job.id)}
                    onChange={(e) => selection.set([job.id], e.target.checked)}
                  />
                </td>
              ) : null}
              <td data-label="Job">
                <Link to={`/jobs/${job.id}`}>{job.title || job.type}</Link>
                <div className="muted small">
                  {job.type} · <code>{job.id}</code>
                </div>
                {job.flowId ? (
                  <div className="muted small">
                    in flow <Link to={`/flows/${job.flowId}`}>{job.flowId}</Link> as{' '}
                    <code>{job.flowKey}</code>
                  </div>
                ) : null}
              </td>
              <td data-label="Status">
                <StatusBadge status={job.status} />
                {job.abortRequested && !FINISHED.has(job.status) ? (
                  <span className="muted"> aborting</span>
                ) : null}
                {job.paused ? <span className="muted"> paused</span> : null}
              </td>
              <td data-label="Progress">
                <ProgressBar job={job} label={`Progress of ${job.id}`} />
              </td>
              <td data-label="Duration">{jobDuration(job, now)}</td>
              <td data-label="Attempts">
                {job.attempt} / {job.maxAttempts}
              </td>
              <td data-label="Created">{formatDate(job.createdAt)}</td>
              {actions ? <td data-label="Actions">{actions(job)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Whether `next` may replace `shown`: the event stream may already have brought a later state (an
 * abort's answer says "running" while the job has ended meanwhile). In the same millisecond, an
 * ended state wins.
 */
function isNotOlder(next: Job, shown: Job): boolean {
  if (next.updatedAt !== shown.updatedAt) return next.updatedAt > shown.updatedAt;
  return !(FINISHED.has(shown.status) && !FINISHED.has(next.status));
}

export function JobsPage() {
  const { client, workspaceId, me } = useSession();
  const { search } = useLocation();
  const status = search.get('status') ?? '';
  const type = search.get('type') ?? '';
  const [jobs, setJobs] = useState<Job[] | undefined>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const [refresh, setRefresh] = useState(0);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const canChange = me.role === 'admin' || me.role === 'editor';
  const types = useAsync<JobType[]>(
    (signal) => client.jobs.types.list(workspaceId ? { workspaceId } : {}, { signal }),
    [client, workspaceId],
  );

  const query = {
    workspaceId: workspaceId ?? undefined,
    status: (status || undefined) as JobStatus | undefined,
    type: type || undefined,
  };
  const key = JSON.stringify(query);
  useEffect(() => {
    setJobs(undefined);
    setSelected(new Set());
  }, [key]);
  const selection: JobSelection = {
    selected,
    set: (ids, on) =>
      setSelected((old) => {
        const next = new Set(old);
        for (const id of ids) {
          if (on) next.add(id);
          else next.delete(id);
        }
        return next;
      }),
  };
  // "All matching" acts on the list's filters; with none it would be every job, so it is offered only with one.
  const bulkFilter =
    status || type
      ? { ...(status ? { statuses: [status as JobStatus] } : {}), ...(type ? { types: [type] } : {}) }
      : null;
  useEffect(() => {
    const controller = new AbortController();
    const load = () => {
      client.jobs.list({ ...query, sort: 'createdAt:desc', limit: 50 }, { signal: controller.signal }).then(
        (page) => {
          setError(undefined);
          // The first page is replaced; rows loaded with "more" stay, with their live state.
          setJobs((old) => {
            const ids = new Set(page.data.map((j) => j.id));
            const rest = (old ?? []).slice(page.data.length).filter((j) => !ids.has(j.id));
            return [...page.data, ...rest];
          });
          setCursor((c) => c ?? page.nextCursor);
        },
        (e: unknown) => {
          if (!isAbort(e)) setError(e);
        },
      );
    };
    load();
    return () => controller.abort();
    // `query` is summed up by `key`.
  }, [client, key, refresh]);

  // Jobs change and appear from the event stream: known ones are replaced, new ones that pass the
  // filters go on top. After a broken stream the first page is read again.
  useJobEvents(
    (job) =>
      setJobs((old) => {
        if (!old) return old;
        if (old.some((j) => j.id === job.id)) return old.map((j) => (j.id === job.id ? job : j));
        const matches =
          (!query.workspaceId || job.workspaceId === query.workspaceId) &&
          (!query.status || job.status === query.status) &&
          (!query.type || job.type === query.type);
        const newest = old[0];
        return matches && (!newest || job.createdAt >= newest.createdAt) ? [job, ...old] : old;
      }),
    () => setRefresh((n) => n + 1),
  );

  // One job at a time, from its row: the row changes in place (a deleted one goes, as no event says so).
  const rowActions = useRowActions({
    canChange,
    onChanged: (id, job) =>
      setJobs((old) =>
        old === undefined
          ? old
          : job === null
            ? old.filter((j) => j.id !== id)
            : old.map((j) => (j.id === id && isNotOlder(job, j) ? job : j)),
      ),
  });
  useEffect(() => {
    // A selected row deleted from its own button is no longer selected.
    if (!jobs) return;
    setSelected((old) => {
      const kept = [...old].filter((id) => jobs.some((j) => j.id === id));
      return kept.length === old.size ? old : new Set(kept);
    });
  }, [jobs]);

  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(search);
    if (value) next.set(name, value);
    else next.delete(name);
    setCursor(null);
    const text = next.toString();
    navigate(`/jobs${text ? `?${text}` : ''}`, { replace: true });
  };
  const more = async () => {
    if (!cursor) return;
    try {
      const page = await client.jobs.list({ ...query, sort: 'createdAt:desc', limit: 50, cursor });
      setJobs((old) => [...(old ?? []), ...page.data.filter((j) => !old?.some((o) => o.id === j.id))]);
      setCursor(page.nextCursor);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section>
      <div className="page-head">
        <h1>Jobs</h1>
        <span className="muted small" aria-live="polite">
          Live: jobs appear and change as the server’s event stream reports them.
        </span>
      </div>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Job filters">
        <label>
          Status
          <select value={status} onChange={(e) => setFilter('status', e.target.value)}>
            <option value="">All</option>
            {JOB_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Type
          <select value={type} onChange={(e) => setFilter('type', e.target.value)}>
            <option value="">All</option>
            {(types.data ?? []).map((t) => (
              <option key={t.name} value={t.name}>
                {t.name}
              </option>
            ))}
            {type && !types.data?.some((t) => t.name === type) ? <option value={type}>{type}</option> : null}
          </select>
        </label>
      </form>
      <NewJob
        // A resource's internal types are made by the server, never by `POST /v1/jobs`.
        types={(types.data ?? []).filter((t) => !t.internal)}
        onCreated={() => setRefresh((n) => n + 1)}
      />
      {canChange ? (
        <BulkJobActions
          selected={[...selected]}
          filter={bulkFilter}
          onEnded={() => {
            // Read from scratch: a refresh keeps rows it does not see again, and deleted jobs send no event.
            setSelected(new Set());
            setJobs(undefined);
            setCursor(null);
            setRefresh((n) => n + 1);
          }}
        />
      ) : null}
      {types.data ? (
        <JobTypesPanel
          types={types.data}
          onChanged={() => {
            // Queued jobs of the type change their paused flag without an event: read them again.
            types.reload();
            setRefresh((n) => n + 1);
          }}
        />
      ) : null}
      {error ? <ErrorBox error={error} onRetry={() => setRefresh((n) => n + 1)} /> : null}
      {rowActions.view}
      {jobs === undefined ? (
        error ? null : (
          <Loading what="Loading jobs" />
        )
      ) : jobs.length === 0 ? (
        <Empty>No jobs{status || type ? ' match these filters' : ' yet'}.</Empty>
      ) : (
        <>
          <JobTable
            jobs={jobs}
            caption="Jobs, newest first"
            actions={rowActions.buttons}
            {...(canChange ? { selection } : {})}
          />
          {cursor ? (
            <button type="button" className="secondary" onClick={more}>
              Load more
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}

function NewJob({ types, onCreated }: { types: JobType[]; onCreated: () => void }) {
  const { client, workspaceId, projectId } = useSession();
  const [open, setOpen] = useState(false);
  const [type, setType] = useState('');
  const [args, setArgs] = useState('{}');
  const [error, setError] = useState<unknown>();
  const [created, setCreated] = useState<Job>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      const parsed = parseValue(args);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new Error('Arguments must be a JSON object.');
      }
      const handle = await client.jobs.create({
        type: type || types[0]?.name || 'system.noop',
        arguments: parsed as Record<string, unknown>,
        ...(workspaceId ? { workspaceId } : {}),
        ...(projectId ? { projectId } : {}),
      });
      setCreated(handle.job);
      onCreated();
    } catch (e) {
      setError(e);
    }
  };
  if (!open) {
    return (
      <button type="button" className="secondary" onClick={() => setOpen(true)}>
        New job…
      </button>
    );
  }
  return (
    <form className="card inline-form" onSubmit={submit} aria-label="New job">
      <label>
        Type
        <select value={type} onChange={(e) => setType(e.target.value)}>
          {types.map((t) => (
            <option key={t.name} value={t.name}>
              {t.name}
            </option>
          ))}
        </select>
      </label>
      <label className="grow">
        Arguments (JSON)
        <textarea rows={3} value={args} onChange={(e) => setArgs(e.target.value)} />
      </label>
      <div className="actions">
        <button type="submit">Create job</button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
      {error ? <ErrorBox error={error} /> : null}
      {created ? <JobNotice key={created.id} job={created} label="Created" /> : null}
    </form>
  );
}
