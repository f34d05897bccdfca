import type { JobType } from '@batchyard/sdk';
import { useState } from 'react';
import { ErrorBox } from '../components.js';
import { useSession } from '../session.js';

/**
 * The job types of the workspace, each with a Pause or Resume button. A paused type's queued jobs
 * stay queued (shown "paused") until it is resumed; an instance-wide pause is lifted only
 * instance-wide, by an instance admin.
 */
export function JobTypesPanel({ types, onChanged }: { types: JobType[]; onChanged: () => void }) {
  const { client, workspaceId } = useSession();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState<string>();
  const paused = types.filter((t) => t.paused).length;
  const toggle = async (type: JobType) => {
    setError(undefined);
    setBusy(type.name);
    const params =
      type.pausedScope === 'instance'
        ? { instanceWide: true }
        : (type.workspaceId ?? workspaceId)
          ? { workspaceId: (type.workspaceId ?? workspaceId)! }
          : {};
    try {
      if (type.paused) await client.jobs.types.resume(type.name, params);
      else await client.jobs.types.pause(type.name, params);
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <details className="card job-types" open={paused > 0}>
      <summary>Job types{paused > 0 ? ` (${paused} paused)` : ''}: pause or resume per type</summary>
      {error ? <ErrorBox error={error} /> : null}
      <div className="table-wrap">
        <table>
          <caption className="sr-only">Job types and whether they are paused</caption>
          <thead>
            <tr>
              <th scope="col">Type</th>
              <th scope="col">Kind</th>
              <th scope="col">Per key</th>
              <th scope="col">State</th>
              <th scope="col">
                <span className="sr-only">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {types.map((type) => (
              <tr key={`${type.workspaceId ?? ''}:${type.name}`} data-job-type={type.name}>
                <td data-label="Type">
                  <code>{type.name}</code>
                  {type.description ? <div className="muted small">{type.description}</div> : null}
                </td>
                <td data-label="Kind">{type.builtIn ? 'built-in' : 'custom'}</td>
                <td data-label="Per key">{keyLimitsText(type.keyLimits)}</td>
                <td data-label="State">
                  {type.pausedScope === 'instance'
                    ? 'paused instance-wide'
                    : type.paused
                      ? 'paused'
                      : 'running'}
                </td>
                <td data-label="Action">
                  <button
                    type="button"
                    className="secondary"
                    disabled={busy === type.name}
                    onClick={() => void toggle(type)}
                    aria-label={`${type.paused ? 'Resume' : 'Pause'} ${type.name}`}
                  >
                    {type.paused
                      ? type.pausedScope === 'instance'
                        ? 'Resume everywhere'
                        : 'Resume'
                      : 'Pause'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/** A type's limits on each concurrency key: "2 at once · 100 per 60 s" (default: one at a time). */
export function keyLimitsText(limits: JobType['keyLimits'] | undefined): string {
  if (!limits) return '1 at once';
  const rate = limits.rate ? ` · ${limits.rate.max} per ${limits.rate.windowMs / 1000} s` : '';
  return `${limits.maxRunning} at once${rate}`;
}
