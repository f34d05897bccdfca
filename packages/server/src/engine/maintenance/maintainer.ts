import { auditRetention } from './audit-retention.js';
import { batchSweep } from './batch-sweep.js';
import { changedJobs } from './changed-jobs.js';
import { cronFiring } from './cron.js';
import { deadlineSweep } from './deadline-sweep.js';
import type { Duty, MaintenanceContext, RunningDuty } from './duty.js';
import { idempotencyPruning } from './idempotency-pruning.js';
import { jobPruning } from './job-pruning.js';
import { keyVacuum } from './key-vacuum.js';
import { leaseSweep } from './lease-sweep.js';
import { taskLeaseSweep } from './task-lease-sweep.js';

/** Every periodic duty of a process, each in its own file. */
const DUTIES: readonly Duty[] = [
  leaseSweep,
  deadlineSweep,
  jobPruning,
  keyVacuum,
  batchSweep,
  cronFiring,
  idempotencyPruning,
  auditRetention,
  changedJobs,
  taskLeaseSweep,
];

/** Starts and stops every periodic duty of the process (River's maintainer, Oban's plugins). */
export class Maintainer {
  private running: RunningDuty[] | undefined;

  start(context: MaintenanceContext): void {
    if (this.running) return;
    this.running = DUTIES.map((duty) => duty(context)).filter((d): d is RunningDuty => d !== undefined);
  }

  async stop(): Promise<void> {
    const running = this.running ?? [];
    this.running = undefined;
    await Promise.all(running.map((duty) => duty.stop()));
  }
}
