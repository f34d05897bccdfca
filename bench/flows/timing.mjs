// What every system's handler records: when each job of a graph started and ended (this process's
// clock), by its role in the graph. Each system's workers call `record` around the job's work.
import { performance } from 'node:perf_hooks';

let marks = new Map();

/** Starts a new graph's record. */
export function resetMarks() {
  marks = new Map();
}

/** Runs a job of role `role` ('parent', 'sink', 'root', 'dependent'), recording its start and end. */
export function record(role) {
  const start = performance.now();
  const list = marks.get(role) ?? [];
  const mark = { start, end: start };
  list.push(mark);
  marks.set(role, list);
  mark.end = performance.now();
}

/** The recorded marks of a role. */
export const marksOf = (role) => marks.get(role) ?? [];
