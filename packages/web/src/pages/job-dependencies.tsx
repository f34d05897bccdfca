import type { Job, JobDependency } from '@batchyard/sdk';
import { Empty, Loaded, StatusBadge } from '../components.js';
import { formatDate, useAsync } from '../lib.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';
import { useJobEvents } from './jobs.js';

/**
 * The jobs a job waits for (`GET /v1/jobs/{id}/dependencies`), each with its status and a link,
 * kept live from the job event stream while any has not ended.
 */
export function JobDependencies({ job }: { job: Pick<Job, 'id' | 'pendingDependencies' | 'status'> }) {
  const { client } = useSession();
  const state = useAsync<JobDependency[]>(
    (signal) => client.jobs.dependencies(job.id, { signal }),
    // Read again when the job moves on (a dependency ended and released or settled it).
    [client, job.id, job.status],
  );
  useJobEvents((changed) => {
    const list = state.data;
    if (!list?.some((d) => d.id === changed.id)) return;
    state.setData(
      list.map((d) =>
        d.id === changed.id
          ? { ...d, status: changed.status, finishedAt: changed.finishedAt, error: changed.error }
          : d,
      ),
    );
  }, state.reload);
  return (
    <>
      <h2>Dependencies</h2>
      <p className="muted">
        {job.pendingDependencies > 0
          ? `Waits for ${job.pendingDependencies} of them to end.`
          : 'Every one of them has ended.'}
      </p>
      <Loaded state={state} what="Loading its dependencies">
        {(deps) =>
          deps.length === 0 ? (
            <Empty>No dependencies left (they were deleted).</Empty>
          ) : (
            <div className="table-wrap">
              <table className="compact dependencies" aria-label="Dependencies">
                <thead>
                  <tr>
                    <th scope="col">Job</th>
                    <th scope="col">Status</th>
                    <th scope="col">Finished</th>
                  </tr>
                </thead>
                <tbody>
                  {deps.map((d) => (
                    <tr key={d.id} data-job-id={d.id} data-status={d.status}>
                      <td data-label="Job">
                        <Link to={`/jobs/${d.id}`}>{d.flowKey ?? d.type}</Link>
                        <div className="muted small">
                          {d.type} · <code>{d.id}</code>
                        </div>
                      </td>
                      <td data-label="Status">
                        <StatusBadge status={d.status} />
                        {d.error && d.status !== 'succeeded' ? (
                          <span className="muted small">
                            {' '}
                            <code>{d.error.code}</code>
                          </span>
                        ) : null}
                      </td>
                      <td data-label="Finished">{formatDate(d.finishedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
    </>
  );
}
