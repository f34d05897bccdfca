import { every, type Duty } from './duty.js';

const SWEEP_MS = 60_000;

/**
 * Every minute where handlers run: batches left behind by jobs that ended without cleaning up are
 * removed (the batches resource does it, through the `sweepBatches` hook).
 */
export const batchSweep: Duty = ({ runHandlers, hooks, logger }) => {
  const sweep = hooks.sweepBatches;
  if (!runHandlers || !sweep) return undefined;
  return every(SWEEP_MS, sweep, (err) => logger.warn({ err }, 'batch sweep failed'));
};
