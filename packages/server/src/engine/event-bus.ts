import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import type { Store } from '../store/index.js';

/**
 * What the bus carries: job changes for runners, waiters and streams, credential revocations for
 * authenticators, and webhook changes for the webhook service's cached subscriptions.
 */
export type BusEvent =
  /**
   * Jobs of these types became due: runners and long-polling workers should try to claim. `ids`,
   * when given, are jobs just created (the job event stream shows them).
   */
  | { kind: 'queued'; types: string[]; ids?: string[] }
  /**
   * These jobs changed (status, progress, …): waiters re-read them. `running`: they were just
   * claimed or reported progress, so they have not ended, and a wait for their end reads nothing.
   */
  | { kind: 'changed'; ids: string[]; running?: true }
  /** Lines were appended to these jobs' logs: log followers read them. */
  | { kind: 'logs'; ids: string[] }
  /** An abort was asked for these running jobs: their runner fires the AbortSignal. */
  | { kind: 'abort'; ids: string[] }
  /** These credentials (every one without `ids`) were revoked or deleted: authenticators forget them. */
  | { kind: 'credentials'; ids?: string[] }
  /** Webhooks were created, changed or deleted: every process drops its cached subscriptions. */
  | { kind: 'webhooks'; ids?: string[] };

const CHANNEL = 'batchyard_jobs';
// NOTIFY payloads are limited to 8000 bytes: long id lists go out in several notifications.
const IDS_PER_NOTIFICATION = 200;

/**
 * The process's event bus: job changes and credential revocations, in-process and (on PostgreSQL)
 * between processes through LISTEN/NOTIFY (one channel, whose name predates the revocations).
 * Events are hints to wake up: every consumer re-reads the store, and polls as a backstop.
 */
export class EventBus {
  private readonly emitter = new EventEmitter();
  private readonly origin = randomBytes(6).toString('base64url');
  private unlisten: (() => Promise<void>) | undefined;
  private unwatchSettled: (() => Promise<void>) | undefined;

  constructor(private readonly store: Store) {
    this.emitter.setMaxListeners(0);
  }

  /**
   * Starts receiving other processes' events (PostgreSQL), and the store's reports of jobs that
   * left `waiting` (released by their dependencies, or ended by one that failed): those come from
   * the database itself, to every process, so they are emitted here without being sent on.
   */
  async start(): Promise<void> {
    this.unwatchSettled ??= await this.store.dialect.watchSettledJobs((jobs) => {
      const queued = jobs.filter((j) => j.status === 'queued');
      if (queued.length > 0) {
        this.emitter.emit('event', {
          kind: 'queued',
          types: [...new Set(queued.map((j) => j.type))],
          ids: queued.map((j) => j.id).filter(Boolean),
        } satisfies BusEvent);
      }
      const ended = jobs.filter((j) => j.status !== 'queued').map((j) => j.id);
      if (ended.length > 0) this.emitter.emit('event', { kind: 'changed', ids: ended } satisfies BusEvent);
    });
    const notifications = this.store.dialect.notifications;
    if (!notifications || this.unlisten) return;
    this.unlisten = await notifications.listen(CHANNEL, (payload) => {
      try {
        const message = JSON.parse(payload) as { o: string; e: BusEvent };
        if (message.o !== this.origin) this.emitter.emit('event', message.e);
      } catch {
        // Not ours: ignore.
      }
    });
  }

  publish(event: BusEvent): void {
    this.emitter.emit('event', event);
    const notifications = this.store.dialect.notifications;
    if (!notifications) return;
    const ids = event.ids ?? [];
    const parts: BusEvent[] =
      ids.length <= IDS_PER_NOTIFICATION
        ? [event]
        : Array.from({ length: Math.ceil(ids.length / IDS_PER_NOTIFICATION) }, (_, i) => ({
            ...event,
            ids: ids.slice(i * IDS_PER_NOTIFICATION, (i + 1) * IDS_PER_NOTIFICATION),
          }));
    for (const part of parts) {
      notifications.notify(CHANNEL, JSON.stringify({ o: this.origin, e: part })).catch(() => undefined);
    }
  }

  subscribe(listener: (event: BusEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }

  /** Resolves when `predicate` matches an event, or after `timeoutMs`, or when `signal` aborts. */
  waitFor(
    predicate: (event: BusEvent) => boolean,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<boolean> {
    if (signal?.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = (matched: boolean) => {
        clearTimeout(timer);
        unsubscribe();
        signal?.removeEventListener('abort', onAbort);
        resolve(matched);
      };
      const onAbort = () => done(false);
      const unsubscribe = this.subscribe((event) => {
        if (predicate(event)) done(true);
      });
      const timer = setTimeout(() => done(false), timeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
    await this.unlisten?.();
    this.unlisten = undefined;
    await this.unwatchSettled?.();
    this.unwatchSettled = undefined;
  }
}
