import type { TaskStatus } from '../../store/tables.js';
import type { PropertiesInput } from './schema.js';

// The task workflow: which status each operation moves a task to, and from which statuses it may.
// Pure rules (no I/O): the bulk operations apply them, the store records the move.

/** Which transition each bulk operation makes, and from where. */
export type Operation =
  | { kind: 'transition'; to: TaskStatus }
  | { kind: 'review' }
  | { kind: 'redo'; reset: boolean }
  | { kind: 'properties'; score?: number | null | undefined; custom?: PropertiesInput['custom'] }
  | { kind: 'assign'; memberId: string }
  | { kind: 'unassign' };

/** The operations that move a task (properties and assignment change it in place). */
export type MoveOperation = Exclude<Operation, { kind: 'properties' | 'assign' | 'unassign' }>;

/** Allowed moves of `transition` (review and redo have their own). */
const TRANSITIONS: Record<TaskStatus, readonly TaskStatus[]> = {
  pending: ['in_progress'],
  in_progress: ['complete', 'pending'],
  complete: ['to_review'],
  to_review: ['reviewed'],
  reviewed: [],
};
const REDO_FROM: readonly TaskStatus[] = ['complete', 'to_review', 'reviewed'];
const WORKABLE_BATCH_STATES = new Set(['active', 'draft']);

/** Tasks are created, changed and moved only while their batch is active or draft. */
export function isWorkableBatch(state: string | undefined): boolean {
  return state !== undefined && WORKABLE_BATCH_STATES.has(state);
}

/**
 * Where `operation` takes a task in status `from`: the status it moves to, the action its history
 * records, and whether the move is allowed (with the refusal's message when it is not).
 */
export function plannedMove(
  operation: MoveOperation,
  from: TaskStatus,
): { to: TaskStatus; action: string; refusal?: string } {
  let to: TaskStatus;
  let allowed: boolean;
  let action: string = operation.kind;
  if (operation.kind === 'review') {
    to = 'to_review';
    allowed = from === 'complete';
  } else if (operation.kind === 'redo') {
    to = 'pending';
    allowed = REDO_FROM.includes(from);
    if (operation.reset) action = 'redo_reset';
  } else {
    to = operation.to;
    allowed = TRANSITIONS[from].includes(to);
  }
  if (allowed) return { to, action };
  const what = operation.kind === 'transition' ? 'A transition' : `A ${operation.kind}`;
  return { to, action, refusal: `${what} from ${from} to ${to} is not allowed.` };
}
