import type { Member, Task } from '@batchyard/sdk';
import { StatusBadge } from '../components.js';
import { formatDate } from '../lib.js';
import { Link } from '../router.js';

export type PrioritySort = '' | 'priority:desc' | 'priority:asc';

/** The task list's table: a checkbox per task (and for the page), priority sortable, assignee by name. */
export function TaskTable({
  tasks,
  selected,
  toggle,
  setSelected,
  members,
  sort,
  onSort,
}: {
  tasks: Task[];
  selected: Set<string>;
  toggle: (id: string) => void;
  setSelected: (s: Set<string>) => void;
  members: readonly Member[];
  sort: PrioritySort;
  onSort: (sort: PrioritySort) => void;
}) {
  const names = new Map(members.map((m) => [m.id, m.name]));
  // Highest first, then lowest first, then back to creation order.
  const nextSort = sort === '' ? 'priority:desc' : sort === 'priority:desc' ? 'priority:asc' : '';
  const all = tasks.length > 0 && tasks.every((t) => selected.has(t.id));
  return (
    <div className="table-wrap">
      <table className="tasks">
        <thead>
          <tr>
            <th scope="col">
              <input
                type="checkbox"
                aria-label="Select every task on this page"
                checked={all}
                onChange={(e) => {
                  const next = new Set(selected);
                  for (const t of tasks) {
                    if (e.target.checked) next.add(t.id);
                    else next.delete(t.id);
                  }
                  setSelected(next);
                }}
              />
            </th>
            <th scope="col">Name</th>
            <th scope="col">Status</th>
            <th scope="col">Batch</th>
            <th
              scope="col"
              aria-sort={
                sort === 'priority:desc' ? 'descending' : sort === 'priority:asc' ? 'ascending' : 'none'
              }
            >
              <button
                type="button"
                className="link sort"
                onClick={() => onSort(nextSort)}
                aria-label={`Priority: ${
                  sort === '' ? 'not sorted' : sort === 'priority:desc' ? 'highest first' : 'lowest first'
                }; sort ${nextSort === '' ? 'by creation' : nextSort === 'priority:desc' ? 'highest first' : 'lowest first'}`}
              >
                Priority {sort === 'priority:desc' ? '↓' : sort === 'priority:asc' ? '↑' : '↕'}
              </button>
            </th>
            <th scope="col">Assignee</th>
            <th scope="col">Score</th>
            <th scope="col">Custom</th>
            <th scope="col">Updated</th>
          </tr>
        </thead>
        <tbody>
          {tasks.map((t) => (
            <tr key={t.id} data-task-id={t.id} data-status={t.status}>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Select ${t.name}`}
                  checked={selected.has(t.id)}
                  onChange={() => toggle(t.id)}
                />
              </td>
              <td data-label="Name">
                <Link to={`/tasks/${t.id}`}>{t.name}</Link>
                {t.gold ? (
                  <>
                    {' '}
                    <span className="badge badge-gold">gold</span>
                  </>
                ) : null}
              </td>
              <td data-label="Status">
                <StatusBadge status={t.status} />
              </td>
              <td data-label="Batch">
                <code className="small">{t.batchId}</code>
              </td>
              <td data-label="Priority">{t.priority}</td>
              <td data-label="Assignee" data-assignee={t.assigneeId ?? ''}>
                {t.assigneeId
                  ? (names.get(t.assigneeId) ?? <code className="small">{t.assigneeId}</code>)
                  : '—'}
              </td>
              <td data-label="Score">{t.properties.score ?? '—'}</td>
              <td data-label="Custom">
                {Object.keys(t.properties.custom).length > 0 ? (
                  <code className="small">{JSON.stringify(t.properties.custom)}</code>
                ) : (
                  '—'
                )}
              </td>
              <td data-label="Updated">{formatDate(t.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
