import type { Duty } from './duty.js';

/** Job ids seen in change events are handed on together, a few times a second. */
const FLUSH_MS = 200;

/**
 * Hands the ids of jobs that changed to the `jobsChanged` hook, gathered over 200 ms, in every
 * process (webhooks turn the finished ones into job.finished deliveries).
 */
export const changedJobs: Duty = ({ events, hooks, logger }) => {
  const jobsChanged = hooks.jobsChanged;
  if (!jobsChanged) return undefined;
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const unsubscribe = events.subscribe((event) => {
    if (event.kind !== 'changed') return;
    for (const id of event.ids) pending.add(id);
    timer ??= setTimeout(() => {
      timer = undefined;
      const ids = [...pending];
      pending = new Set();
      void jobsChanged(ids).catch((err: unknown) =>
        logger.error({ err }, 'recording job.finished deliveries failed'),
      );
    }, FLUSH_MS);
  });
  return {
    stop: () => {
      unsubscribe();
      clearTimeout(timer);
      timer = undefined;
    },
  };
};
