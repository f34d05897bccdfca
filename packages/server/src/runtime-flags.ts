import { setFlagsFromString } from 'node:v8';

/**
 * V8 settings for the server process, set before the store and the app are made (startServer and
 * startWorker call this; an embedder calling buildApp directly may too). V8 reads both at each
 * collection, so setting them at run time takes effect. Measured on label exports of 300,000 and
 * 1,000,000 tasks (docs/benchmarks.md#labels, docs/operations.md#memory):
 *
 * - Allocation-site pretenuring off. When V8 sees objects from one allocation site survive young
 *   collections, it allocates every later object from that site straight into the old generation.
 *   An export's rows and parsed JSON live a few milliseconds each, yet one process in two made
 *   that bet on them: its old generation then filled with 115 MB of garbage a second, the export
 *   peaked at 280 MB instead of 215 and took 4.2–6.1 s instead of 3.3–3.7.
 * - The old generation grows to 1.3 × its live size after a full collection, not up to 2–4 ×:
 *   on a COCO export of 1,000,000 tasks V8's heap peaked at 77 MB instead of 145, which keeps
 *   every label export under 250 MB of RSS; bulk creates and exports cost the same CPU within the
 *   noise (the same runs, interleaved). Before pretenuring was off, this flag cost bulk creates
 *   25–45 % more CPU, which is why it is only set together with it.
 * Setting a flag twice is harmless, so callers need not check whether another already did.
 */
export function applyRuntimeFlags(): void {
  setFlagsFromString('--no-allocation-site-pretenuring');
  setFlagsFromString('--heap-growing-percent=30');
}
