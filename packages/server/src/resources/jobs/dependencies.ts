import { ApiError, badField } from '../../errors/problem.js';
import { failureJson } from '../../engine/index.js';
import { parseJson, type Db, type Store } from '../../store/index.js';
import { MAX_DEPENDENCY_DEPTH } from '../../store/job-flow-schema.js';
import {
  dependencyResults,
  insertDependencies,
  lockDependencies,
  type DependencyResultRow,
} from '../../store/queries/job-dependencies.js';
import type { JobRow } from '../../store/queries/jobs.js';
import { isoTime } from '../../time.js';
import type { Dependency } from './schema.js';

const UNFINISHED = new Set(['waiting', 'queued', 'running']);

/** The caller's `dependsOn` checked for shape: no id twice (errors point into `pointer`). */
export function checkDependsOn(ids: readonly string[], pointer: string): void {
  const seen = new Set<string>();
  ids.forEach((id, index) => {
    if (seen.has(id)) throw badField('body', `${pointer}/${index}`, 'names this job a second time');
    seen.add(id);
  });
}

/** The error of a job that a dependency ended without succeeding ended. */
export function dependencyFailure(dependency: { id: string; status: string }): string {
  return failureJson({
    code: 'dependency_failed',
    message: `Dependency ${dependency.id} ended ${dependency.status}.`,
    details: { dependency: dependency.id, status: dependency.status },
  });
}

/**
 * Ties a new job (not yet written) to the existing jobs `ids`, inside the transaction `trx` that
 * then writes it: locks them (see lockDependencies), and sets the row's status from theirs —
 * `waiting` while some have not ended, `queued` when all succeeded, or ended at once when one
 * ended without succeeding (by its onDependencyFailure). Writes the edges after the row.
 * Returns the function that writes them (call it once the job row is in).
 */
export async function tieToDependencies(
  store: Store,
  trx: Db,
  row: JobRow,
  ids: readonly string[],
  pointer: string,
): Promise<() => Promise<void>> {
  const states = await lockDependencies(store, trx, row.workspace_id, ids);
  const byId = new Map(states.map((s) => [s.id, s]));
  ids.forEach((id, index) => {
    if (!byId.has(id)) {
      throw new ApiError('not_found', `Job ${id} (a dependency) was not found.`, {
        errors: [{ in: 'body', pointer: `${pointer}/${index}`, message: 'no such job in this workspace' }],
      });
    }
  });
  const depth = 1 + Math.max(...states.map((s) => s.dependency_depth));
  if (depth > MAX_DEPENDENCY_DEPTH) {
    throw new ApiError(
      'dependency_too_deep',
      `This job would end a chain of ${depth} dependent jobs; at most ${MAX_DEPENDENCY_DEPTH} are allowed.`,
      { errors: [{ in: 'body', pointer, message: `makes a chain deeper than ${MAX_DEPENDENCY_DEPTH}` }] },
    );
  }
  const pending = states.filter((s) => UNFINISHED.has(s.status)).length;
  const failed = states.find((s) => !UNFINISHED.has(s.status) && s.status !== 'succeeded');
  row.dependency_count = states.length;
  row.pending_dependencies = pending;
  row.dependency_depth = depth;
  if (failed && row.on_dependency_failure !== 'run') {
    row.status = row.on_dependency_failure === 'skip' ? 'skipped' : 'failed';
    row.error = dependencyFailure(failed);
    row.finished_at = row.created_at;
  } else if (pending > 0) {
    row.status = 'waiting';
  }
  return () =>
    insertDependencies(
      trx,
      ids.map((id) => ({ depends_on_id: id, job_id: row.id })),
    );
}

export function toDependency(row: DependencyResultRow): Dependency {
  return {
    id: row.id,
    type: row.type,
    flowKey: row.flow_key,
    status: row.status,
    result: row.status === 'succeeded' ? parseJson(row.result) : null,
    error: parseJson(row.error),
    finishedAt: row.finished_at === null ? null : isoTime(row.finished_at),
  };
}

/** What the jobs `ids` depend on, keyed by job. */
export async function dependenciesOf(db: Db, ids: readonly string[]): Promise<Map<string, Dependency[]>> {
  const rows = await dependencyResults(db, ids);
  return new Map([...rows].map(([id, list]) => [id, list.map(toDependency)]));
}
