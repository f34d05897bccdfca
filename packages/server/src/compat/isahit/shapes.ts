import type { Project } from '../../resources/projects/schema.js';
import type { Task } from '../../resources/tasks/schema.js';

// The wire shapes isahitlab reads: Mongo-style `_id`, statuses spelled with a hyphen, and the
// "form" project configuration its data check is built from.

type BatchyardStatus = Task['status'];

/**
 * isahit has no "in progress": a task someone has started is still pending to the client (it has
 * no result yet). Filtering on `pending` therefore selects both.
 */
const TO_ISAHIT: Record<BatchyardStatus, string> = {
  pending: 'pending',
  in_progress: 'pending',
  complete: 'complete',
  to_review: 'to-review',
  reviewed: 'reviewed',
};

/** Batchyard statuses for isahit's; `configuring` has none (no Batchyard task is ever configuring). */
export function fromIsahitStatus(status: string): BatchyardStatus[] | null {
  switch (status) {
    case 'pending':
      return ['pending', 'in_progress'];
    case 'complete':
      return ['complete'];
    case 'to-review':
      return ['to_review'];
    case 'reviewed':
      return ['reviewed'];
    case 'configuring':
      return [];
    default:
      return null;
  }
}

/** A task as isahitlab's list and create return it; `data` only when the caller asked for it. */
export function toIsahitTask(task: Partial<Task>, withData: boolean): Record<string, unknown> {
  const doc: Record<string, unknown> = {
    _id: task.id,
    name: task.name,
    batchId: task.batchId,
    projectId: task.projectId,
    status: task.status === undefined ? undefined : TO_ISAHIT[task.status],
    resources: task.resources,
    properties: task.properties,
    createdAt: task.createdAt,
    updatedAt: task.updatedAt,
  };
  if (withData) doc.data = { body: task.data ?? {}, metadata: { body: {} } };
  return doc;
}

export function toIsahitProject(project: Project): Record<string, unknown> {
  return {
    _id: project.id,
    name: project.name,
    description: project.description,
    type: 'form',
    status: 'active',
    createdAt: project.createdAt,
    updatedAt: project.updatedAt,
  };
}
