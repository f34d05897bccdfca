import type { Store } from '../../store/index.js';
import { releaseExpiredConsensusLeases, releaseExpiredLeases } from '../../store/queries/tasks.js';
import { every, type Duty } from './duty.js';

const SWEEP_MS = 15_000;
/** Tasks released per transaction; a sweep goes on until none is left. */
const BATCH = 500;

/** Releases every expired task lease, a batch per transaction; returns how many. */
export async function sweepExpiredTaskLeases(store: Store): Promise<number> {
  let total = 0;
  for (;;) {
    const released = await store.transaction((trx) =>
      releaseExpiredLeases(store, trx, null, Date.now(), BATCH),
    );
    // Members' own leases on tasks collecting several annotations (consensus).
    const places = await store.transaction((trx) =>
      releaseExpiredConsensusLeases(store, trx, null, Date.now(), BATCH),
    );
    total += released.length + places.length;
    if (released.length < BATCH && places.length < BATCH) return total;
  }
}

/**
 * Every 15 s, in every process: claimed tasks whose lease ran out (their member stopped
 * heartbeating) go back to `pending`, so lists show them in the queue again. A claim also releases
 * its project's expired leases before it picks, so nothing waits for this sweep.
 */
export const taskLeaseSweep: Duty = ({ store, logger }) =>
  every(
    SWEEP_MS,
    () => sweepExpiredTaskLeases(store),
    (err) => logger.warn({ err }, 'task lease sweep failed'),
  );
