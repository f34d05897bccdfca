import { deleteFlow, flowJobIds, oldFinishedFlowIds } from '../../store/queries/flows.js';
import { pruneIdleJobKeys } from '../../store/queries/job-keys.js';
import { deleteJobs, listAllArtifacts, oldFinishedJobIds } from '../../store/queries/jobs.js';
import { every, type Duty, type MaintenanceContext } from './duty.js';

const PRUNE_MS = 60 * 60_000;

/**
 * Deletes finished jobs older than the retention, with their artifacts, 500 at a time; a flow's
 * jobs go with their flow, once the flow itself ended before the retention; and idle concurrency keys.
 */
export async function pruneOldJobs(
  context: Pick<MaintenanceContext, 'store' | 'artifacts' | 'retentionMs'>,
): Promise<void> {
  const before = Date.now() - context.retentionMs;
  const { store, artifacts } = context;
  for (;;) {
    const doomed = await oldFinishedJobIds(store.db, before, 500);
    if (doomed.length === 0) break;
    const files = await listAllArtifacts(store.db, doomed);
    await artifacts.delete(files.map((f) => f.id));
    await deleteJobs(store.db, doomed);
  }
  // Keys with no jobs left keep a row of zeros until here (a rate window still open keeps it).
  await pruneIdleJobKeys(store.db, Date.now());
  for (;;) {
    const flows = await oldFinishedFlowIds(store.db, before, 50);
    if (flows.length === 0) return;
    for (const flowId of flows) {
      const files = await listAllArtifacts(store.db, await flowJobIds(store.db, flowId));
      await artifacts.delete(files.map((f) => f.id));
      await store.transaction((trx) => deleteFlow(trx, flowId));
    }
  }
}

/** Hourly, in every process. */
export const jobPruning: Duty = (context) =>
  every(
    PRUNE_MS,
    () => pruneOldJobs(context),
    (err) => context.logger.warn({ err }, 'job housekeeping failed'),
  );
