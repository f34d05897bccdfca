import { notFound } from '../../errors/problem.js';

// Crockford base32, as ULIDs are written; Albert upper-cases every id it sends.
const ALBERT_TASK = /^TAS([0-9A-HJKMNP-TV-Z]{26})$/;
const NATIVE_TASK = /^tsk_([0-9a-hjkmnp-tv-z]{26})$/;

/** Albert's task id (`TAS` + the ULID in upper case) → Batchyard's; anything else is Albert's 404. */
export function nativeTaskId(albertId: string): string {
  const match = ALBERT_TASK.exec(albertId);
  if (!match?.[1]) throw notFound('Task', albertId);
  return `tsk_${match[1].toLowerCase()}`;
}

/** Batchyard's task id → Albert's (stateless: the ULID in upper case behind `TAS`). */
export function albertTaskId(nativeId: string): string {
  const match = NATIVE_TASK.exec(nativeId);
  return match?.[1] ? `TAS${match[1].toUpperCase()}` : nativeId;
}

/** Native task ids inside a message, written as the Albert client knows them. */
export function albertIdsIn(message: string): string {
  return message.replace(/tsk_[0-9a-hjkmnp-tv-z]{26}/g, (id) => albertTaskId(id));
}
