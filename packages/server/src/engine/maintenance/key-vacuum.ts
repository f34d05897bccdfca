import { vacuumJobKeys } from '../../store/queries/job-keys.js';
import { every, type Duty } from './duty.js';

const VACUUM_MS = 5_000;

/**
 * Every 5 s, in every process: reclaims the dead versions of concurrency-key rows, which the
 * claim would otherwise step over (see vacuumJobKeys). Several processes doing it at once skip
 * each other (SKIP_LOCKED).
 */
export const keyVacuum: Duty = (context) =>
  every(
    VACUUM_MS,
    () => vacuumJobKeys(context.store),
    (err) => context.logger.warn({ err }, 'job housekeeping failed'),
  );
