// The handler every system's workers call, per job: each phase (bench/jobs/phases.mjs) swaps it, so
// the systems' worker code stays the same from the throughput runs to the latency tests.
let current = () => {};

/** What a worker calls for each job it runs. */
export const onJob = (payload, id) => current(payload, id);

/** Makes `handler` the one the workers call from now on. */
export function setJobHandler(handler) {
  current = handler;
}

/** Back to a handler that does nothing. */
export const clearJobHandler = () => setJobHandler(() => {});
