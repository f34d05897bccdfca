import { expireJobs } from '../../store/queries/job-dependencies.js';
import { every, type Duty, type MaintenanceContext } from './duty.js';

/** Claims never start a job past its deadline; this only makes its end visible soon after. */
const SWEEP_MS = 1_000;

/**
 * Ends `expired` the jobs that did not start before their `startBefore` (waiting or queued), in
 * every process (the statement is safe to run concurrently). Their dependents settle in the same
 * statement, by the store's triggers.
 */
export async function sweepDeadlines(context: MaintenanceContext): Promise<void> {
  const expired = await expireJobs(context.store);
  if (expired.length === 0) return;
  context.logger.info({ jobs: expired.map((j) => j.id) }, 'jobs expired before they started');
  context.events.publish({ kind: 'changed', ids: expired.map((j) => j.id) });
}

export const deadlineSweep: Duty = (context) =>
  every(
    SWEEP_MS,
    () => sweepDeadlines(context),
    (err) => context.logger.warn({ err }, 'job deadline sweep failed'),
  );
