import { recoverExpiredLeases } from '../../store/sql/finishJobs.js';
import type { FinishedJob } from '../runner.js';
import { every, type Duty, type MaintenanceContext } from './duty.js';

const SWEEP_MS = 5_000;

/**
 * Re-queues (or fails, on their last attempt) the running jobs whose lease expired: their worker,
 * in-process or remote, stopped heartbeating. Run by every process, API-only ones included, so
 * that a deployment of API processes and remote workers alone never loses a job (sweeps are
 * idempotent, so several processes doing them is fine).
 */
export async function sweepExpiredLeases(context: MaintenanceContext): Promise<void> {
  const recovered = await recoverExpiredLeases(context.store);
  if (recovered.length === 0) return;
  context.logger.warn(
    { jobs: recovered.map((r) => r.id) },
    'recovered jobs whose worker stopped heartbeating',
  );
  const now = Date.now();
  context.onFinished(
    recovered
      .filter((r) => r.status === 'failed' || r.status === 'aborted')
      .map((r) => ({
        id: r.id,
        type: r.type,
        status: r.status as FinishedJob['status'],
        durationMs: r.started_at === null ? 0 : Math.max(0, now - r.started_at),
      })),
  );
  context.events.publish({ kind: 'changed', ids: recovered.map((r) => r.id) });
  context.events.publish({ kind: 'queued', types: [...new Set(recovered.map((r) => r.type))] });
}

/** Every 5 s, or every half lease when leases are shorter. */
export const leaseSweep: Duty = (context) =>
  every(
    Math.min(SWEEP_MS, Math.floor(context.leaseMs / 2)),
    () => sweepExpiredLeases(context),
    (err) => context.logger.warn({ err }, 'job housekeeping failed'),
  );
