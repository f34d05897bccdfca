import { pruneIdempotencyKeys } from '../../store/queries/idempotency.js';
import { every, type Duty } from './duty.js';

const PRUNE_MS = 60 * 60_000;

/** Hourly, in every process: idempotency keys past their time to live are deleted. */
export const idempotencyPruning: Duty = ({ store, logger }) =>
  every(
    PRUNE_MS,
    () => pruneIdempotencyKeys(store.db, Date.now()),
    (err) => logger.warn({ err }, 'idempotency prune failed'),
  );
