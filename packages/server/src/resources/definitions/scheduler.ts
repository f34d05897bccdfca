import type { Store } from '../../store/index.js';
import { earliestTick } from '../../store/queries/definitions.js';
import type { DefinitionService } from './service.js';

const MAX_SLEEP_MS = 1000;

/**
 * Fires scheduled definitions. Wakes at the earliest tick (re-checked at least every second, so
 * definitions created by other processes are seen); safe to run in every process.
 */
export class DefinitionScheduler {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private running: Promise<void> | undefined;

  constructor(
    private readonly store: Store,
    private readonly definitions: DefinitionService,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
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
      await this.definitions.fireDue();
      const next = await earliestTick(this.store.db);
      if (next !== null) sleep = Math.max(0, Math.min(MAX_SLEEP_MS, next - Date.now()));
    } catch (error) {
      this.onError(error);
    }
    this.schedule(sleep);
  }

  async close(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}
