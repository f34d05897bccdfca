import { earliestTick } from '../../store/queries/definitions.js';
import type { Duty, MaintenanceContext, RunningDuty } from './duty.js';

const MAX_SLEEP_MS = 1000;

/**
 * Fires scheduled definitions (through the `fireDueSchedules` hook). Wakes at the earliest tick
 * (re-checked at least every second, so definitions created by other processes are seen); safe to
 * run in every process.
 */
class CronFiring implements RunningDuty {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private running: Promise<void> | undefined;

  constructor(
    private readonly context: MaintenanceContext,
    private readonly fireDue: () => Promise<unknown>,
  ) {
    this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick();
    }, ms);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    let sleep = MAX_SLEEP_MS;
    try {
      await this.fireDue();
      const next = await earliestTick(this.context.store.db);
      if (next !== null) sleep = Math.max(0, Math.min(MAX_SLEEP_MS, next - Date.now()));
    } catch (err) {
      this.context.logger.error({ err }, 'scheduler tick failed');
    }
    this.schedule(sleep);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}

/** Schedules fire where handlers run: API-only processes (--no-worker) leave them to the workers. */
export const cronFiring: Duty = (context) => {
  const fireDue = context.hooks.fireDueSchedules;
  if (!context.runHandlers || !fireDue) return undefined;
  return new CronFiring(context, fireDue);
};
