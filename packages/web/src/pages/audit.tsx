import type { AuditEntry } from '@batchyard/sdk';
import { useState, type FormEvent } from 'react';
import { Empty, ErrorBox, Json, Loaded } from '../components.js';
import { formatDate, useAsync } from '../lib.js';
import { useSession } from '../session.js';

interface Filters {
  actorId: string;
  action: string;
  resourceType: string;
  resourceId: string;
  since: string;
  until: string;
}

const EMPTY: Filters = { actorId: '', action: '', resourceType: '', resourceId: '', since: '', until: '' };

/** `datetime-local` input (local time, no zone) → ISO 8601 in UTC, or undefined when empty. */
function toIso(local: string): string | undefined {
  if (!local) return undefined;
  const ms = Date.parse(local);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** Changes made by credentials in the workspace, newest first, for admins. */
export function AuditPage() {
  const { client, workspaceId } = useSession();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [more, setMore] = useState<{ entries: AuditEntry[]; cursor: string | null } | null>(null);
  const [moreError, setMoreError] = useState<unknown>();

  const query = () => {
    const since = toIso(filters.since);
    const until = toIso(filters.until);
    return {
      limit: 100,
      ...(workspaceId ? { workspaceId } : {}),
      ...(filters.actorId ? { actorId: filters.actorId.trim() } : {}),
      ...(filters.action ? { action: filters.action.trim() } : {}),
      ...(filters.resourceType ? { resourceType: filters.resourceType.trim() } : {}),
      ...(filters.resourceId ? { resourceId: filters.resourceId.trim() } : {}),
      ...(since ? { createdAfter: since } : {}),
      ...(until ? { createdBefore: until } : {}),
    };
  };
  const page = useAsync(
    async (signal) => {
      setMore(null);
      const first = await client.auditLog.list(query(), { signal });
      return { entries: first.data as AuditEntry[], cursor: first.nextCursor };
    },
    [client, workspaceId, filters],
  );
  const loadMore = async (cursor: string) => {
    setMoreError(undefined);
    try {
      const next = await client.auditLog.list({ ...query(), cursor });
      setMore((m) => ({
        entries: [...(m?.entries ?? []), ...(next.data as AuditEntry[])],
        cursor: next.nextCursor,
      }));
    } catch (error) {
      setMoreError(error);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFilters(draft);
  };
  const field = (key: keyof Filters, label: string, type = 'text', placeholder = '') => (
    <label>
      {label}
      <input
        type={type}
        value={draft[key]}
        placeholder={placeholder}
        onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
      />
    </label>
  );

  return (
    <section>
      <h1>Audit log</h1>
      <form className="filters" onSubmit={submit} aria-label="Audit log filters">
        {field('actorId', 'Actor (key or client id)', 'text', 'key_…')}
        {field('action', 'Actions', 'text', 'task.review,job.abort')}
        {field('resourceType', 'Resource types', 'text', 'task,batch')}
        {field('resourceId', 'Resource id')}
        {field('since', 'Since', 'datetime-local')}
        {field('until', 'Until', 'datetime-local')}
        <button type="submit">Filter</button>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setDraft(EMPTY);
            setFilters(EMPTY);
          }}
        >
          Clear
        </button>
      </form>
      <Loaded state={page} what="Loading the audit log">
        {(first) => {
          const entries = [...first.entries, ...(more?.entries ?? [])];
          const cursor = more ? more.cursor : first.cursor;
          if (entries.length === 0) return <Empty>No changes match.</Empty>;
          return (
            <>
              <div className="table-wrap">
                <table aria-label="Audit log entries">
                  <thead>
                    <tr>
                      <th scope="col">Time</th>
                      <th scope="col">Actor</th>
                      <th scope="col">Action</th>
                      <th scope="col">Resource</th>
                      <th scope="col">Change</th>
                    </tr>
                  </thead>
                  <tbody>
                    {entries.map((e) => (
                      <tr key={e.id}>
                        <td data-label="Time">{formatDate(e.createdAt)}</td>
                        <td data-label="Actor">
                          {e.actor.name} <code>{e.actor.id}</code>
                        </td>
                        <td data-label="Action">
                          <code>{e.action}</code>
                        </td>
                        <td data-label="Resource">
                          {e.resourceType} <code>{e.resourceId}</code>
                        </td>
                        <td data-label="Change">
                          <Json value={e.summary} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {cursor ? (
                <button type="button" className="secondary" onClick={() => void loadMore(cursor)}>
                  Load more
                </button>
              ) : null}
              {moreError ? <ErrorBox error={moreError} /> : null}
            </>
          );
        }}
      </Loaded>
    </section>
  );
}
