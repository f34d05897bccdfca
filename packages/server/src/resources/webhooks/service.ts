import { createHmac, randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Principal } from '../../auth/principal.js';
import type { JobContext, JobEngine, JobTypeDefinition } from '../../engine/index.js';
import { builtinJobType } from '../../engine/index.js';
import { NonRetryableError } from '../../engine/index.js';
import { ApiError, notFound } from '../../errors/problem.js';
import type { ParsedList } from '../../http/list.js';
import { isoTime } from '../../time.js';
import { DestinationError, DestinationPolicy } from '../../http/destinations.js';
import { newId } from '../../ids.js';
import { changedFields, recordAudit } from '../audit/service.js';
import type { Store } from '../../store/index.js';
import { findProject } from '../../store/queries/projects.js';
import { insertJobs, type JobRow } from '../../store/queries/jobs.js';
import {
  deleteWebhook,
  enabledWebhooks,
  findDelivery,
  findWebhook,
  finishedJobs,
  insertDeliveries,
  insertWebhook,
  listDeliveries,
  listWebhooks,
  recordAttempt,
  updateWebhook,
  type DeliveryRow,
  type WebhookRow,
} from '../../store/queries/webhooks.js';
import type { JobService, PrepareCache } from '../jobs/service.js';
import { listScope } from '../workspaces/service.js';
import { requireFilterProject } from '../projects/service.js';
import type { CreateWebhookInput, Delivery, UpdateWebhookInput, Webhook, WebhookEvent } from './schema.js';
import { SendError, sendDelivery } from './send.js';

export const DELIVERY_JOB_TYPE = 'webhook.deliver';
/** A delivery's whole exchange (DNS, connect, TLS, request and answer) ends within this time. */
const DELIVERY_TIMEOUT_MS = 10_000;
/** The connection to a receiver (TLS included) is up within this time, or the attempt fails. */
const CONNECT_TIMEOUT_MS = 5000;
/** How long the check of a new URL waits for DNS; a name that does not answer is checked at delivery. */
const CREATE_LOOKUP_TIMEOUT_MS = 3000;

export function toWebhook(row: WebhookRow, withSecret = false): Webhook {
  const webhook: Webhook = {
    id: row.id,
    workspaceId: row.workspace_id,
    projectId: row.project_id,
    url: row.url,
    events: JSON.parse(row.events) as Webhook['events'],
    description: row.description,
    enabled: Number(row.enabled) === 1,
    maxAttempts: Number(row.max_attempts),
    backoffMs: Number(row.backoff_ms),
    secretHint: row.secret.slice(-4),
    createdAt: isoTime(row.created_at),
    updatedAt: isoTime(row.updated_at),
  };
  if (withSecret) webhook.secret = row.secret;
  return webhook;
}

export function toDelivery(row: DeliveryRow): Delivery {
  return {
    id: row.id,
    webhookId: row.webhook_id,
    event: row.event,
    status: row.status,
    attempts: Number(row.attempts),
    lastStatusCode: row.last_status_code === null ? null : Number(row.last_status_code),
    lastError: row.last_error,
    durationMs: row.duration_ms === null ? null : Number(row.duration_ms),
    jobId: row.job_id,
    payload: JSON.parse(row.payload) as unknown,
    createdAt: isoTime(row.created_at),
    updatedAt: isoTime(row.updated_at),
    deliveredAt: isoTime(row.delivered_at),
  };
}

function newSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/**
 * The Standard Webhooks signature: HMAC-SHA256 with the secret's bytes over
 * `<id>.<timestamp>.<body>`, base64, prefixed `v1,`.
 */
export function signDelivery(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/** An event to deliver: what happened in which project, and a key naming it once. */
export interface WebhookEventInput {
  projectId: string;
  /** Unique per occurrence: the same key is delivered once per webhook, whoever emits it. */
  key: string;
  data: unknown;
}

/**
 * How long a project's enabled webhooks, once read, serve its events without a new read. Every
 * task create and job end emits an event, and reading the subscriptions was a round trip of each;
 * a webhook created, changed or deleted in any process drops every process's cache at once (the
 * `webhooks` event, LISTEN/NOTIFY on PostgreSQL), so this only bounds a lost notification.
 */
const SUBSCRIPTIONS_CACHE_MS = 5_000;
const SUBSCRIPTIONS_CACHE_PROJECTS = 10_000;

/**
 * Webhook subscriptions and deliveries. Each delivery is a `webhook.deliver` job (so it retries
 * with backoff and survives restarts), signed in the Standard Webhooks style, with a readable log.
 */
export class WebhookService {
  private readonly destinations: DestinationPolicy;
  /** Enabled webhooks by project, with when they were read (secrets left out: deliveries read them). */
  private readonly subscriptions = new Map<string, { hooks: WebhookRow[]; readAt: number }>();
  /** Counts webhook changes seen: a read that a change overtook is not cached. */
  private changes = 0;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly store: Store,
    private readonly deps: { readonly jobs: JobService; readonly engine: JobEngine },
    private readonly log: Pick<FastifyBaseLogger, 'error'>,
    options: { allowedDestinations?: readonly string[] } = {},
  ) {
    this.destinations = new DestinationPolicy(options.allowedDestinations ?? []);
  }

  /**
   * Refuses a URL whose host is, or resolves to, an address the server may not reach (400 naming
   * `/url`). A name that does not resolve now is accepted: every delivery checks again.
   */
  private async checkUrl(url: string): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const slowDns = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, CREATE_LOOKUP_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.destinations.resolve(new URL(url)), slowDns]);
    } catch (error) {
      if (!(error instanceof DestinationError) || error.reason !== 'refused') return;
      throw new ApiError('webhook_destination_refused', `${error.message}.`, {
        errors: [{ in: 'body', pointer: '/url', message: error.message }],
      });
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Turns the finished jobs among `ids` into job.finished events (the engine's changed-jobs duty
   * hands over the ids of changed jobs a few times a second).
   */
  async recordFinishedJobs(ids: readonly string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += 500) {
      const jobs = (await finishedJobs(this.store.db, ids.slice(i, i + 500))).filter(
        (j) => j.type !== DELIVERY_JOB_TYPE,
      );
      if (jobs.length === 0) continue;
      await this.emit(
        'job.finished',
        jobs.map((j) => ({
          projectId: j.project_id!,
          key: `job:${j.id}:${String(j.finished_at)}`,
          data: {
            jobId: j.id,
            type: j.type,
            status: j.status,
            attempt: Number(j.attempt),
            definitionId: j.definition_id,
            error: j.error === null ? null : (JSON.parse(j.error) as unknown),
            finishedAt: isoTime(j.finished_at === null ? null : Number(j.finished_at)),
          },
        })),
      );
    }
  }

  /**
   * Records a delivery (and starts its job) for every enabled webhook of each event's project that
   * listens to `type`. Never throws into the caller's work: a failure is logged by the caller.
   */
  async emit(type: WebhookEvent, events: readonly WebhookEventInput[]): Promise<number> {
    if (events.length === 0) return 0;
    const hooks = await this.enabledIn([...new Set(events.map((e) => e.projectId))]);
    const listening = hooks.filter((h) => (JSON.parse(h.events) as string[]).includes(type));
    if (listening.length === 0) return 0;
    const sends = events.flatMap((event) =>
      listening.filter((hook) => hook.project_id === event.projectId).map((hook) => ({ hook, ...event })),
    );
    return (await this.record(type, sends)).length;
  }

  /**
   * Records one delivery per send, each with its `webhook.deliver` job, in one transaction.
   * Deliveries another process recorded first (the same event key) are dropped with their job.
   * Returns the deliveries recorded here.
   */
  private async record(
    type: WebhookEvent,
    sends: readonly { hook: WebhookRow; key: string; data: unknown }[],
  ): Promise<DeliveryRow[]> {
    const now = Date.now();
    const timestamp = new Date(now).toISOString();
    const jobs = new Map<string, JobRow>();
    // One workspace and type lookup for the whole list, not one per delivery.
    const cache: PrepareCache = { workspaces: new Map(), schemas: new Map() };
    const deliveries: DeliveryRow[] = [];
    for (const { hook, key, data } of sends) {
      const delivery: DeliveryRow = {
        id: newId('msg'),
        webhook_id: hook.id,
        workspace_id: hook.workspace_id,
        event: type,
        event_key: key,
        payload: JSON.stringify({ type, timestamp, data }),
        status: 'pending',
        attempts: 0,
        last_status_code: null,
        last_error: null,
        duration_ms: null,
        job_id: newId('job'),
        created_at: now,
        updated_at: now,
        delivered_at: null,
      };
      deliveries.push(delivery);
      jobs.set(delivery.id, await this.deliveryJob(hook, delivery.id, delivery.job_id!, cache));
    }
    const fresh = await this.store.transaction(async (trx) => {
      const inserted = await insertDeliveries(trx, deliveries);
      const rows = inserted.map((d) => jobs.get(d.id)!);
      for (let i = 0; i < rows.length; i += 200) await insertJobs(this.store, trx, rows.slice(i, i + 200));
      return inserted;
    });
    if (fresh.length > 0) this.deps.engine.events.publish({ kind: 'queued', types: [DELIVERY_JOB_TYPE] });
    return fresh;
  }

  /** The enabled webhooks of these projects, from the cache when it holds them (see SUBSCRIPTIONS_CACHE_MS). */
  private async enabledIn(projectIds: readonly string[]): Promise<WebhookRow[]> {
    this.unsubscribe ??= this.deps.engine.events.subscribe((event) => {
      if (event.kind !== 'webhooks') return;
      this.changes++;
      this.subscriptions.clear();
    });
    const now = Date.now();
    const found = new Map<string, WebhookRow[]>();
    const missing: string[] = [];
    for (const id of projectIds) {
      const cached = this.subscriptions.get(id);
      if (cached && now - cached.readAt < SUBSCRIPTIONS_CACHE_MS) found.set(id, cached.hooks);
      else missing.push(id);
    }
    if (missing.length > 0) {
      const changesBefore = this.changes;
      const read = await enabledWebhooks(this.store.db, missing);
      for (const id of missing) found.set(id, []);
      for (const hook of read) found.get(hook.project_id)?.push({ ...hook, secret: '' });
      // A change seen while reading may have landed after the read: use it this once, keep none.
      if (this.changes === changesBefore) {
        for (const id of missing) {
          if (this.subscriptions.size >= SUBSCRIPTIONS_CACHE_PROJECTS)
            this.subscriptions.delete(this.subscriptions.keys().next().value!);
          this.subscriptions.set(id, { hooks: found.get(id)!, readAt: now });
        }
      }
    }
    return projectIds.flatMap((id) => found.get(id) ?? []);
  }

  /** Tells every process that webhooks changed (after the change committed). */
  private announceChange(): void {
    this.deps.engine.events.publish({ kind: 'webhooks' });
  }

  /** emit(), for callers whose own work is done: a failure is logged, not thrown at them. */
  async emitSafely(type: WebhookEvent, events: readonly WebhookEventInput[]): Promise<void> {
    try {
      await this.emit(type, events);
    } catch (error) {
      this.log.error({ err: error, event: type }, 'recording webhook deliveries failed');
    }
  }

  // ---- Subscriptions -------------------------------------------------------------------------------

  async create(principal: Principal, input: CreateWebhookInput): Promise<Webhook> {
    const project = await findProject(this.store.db, input.projectId, principal.workspaceId);
    if (!project) {
      throw new ApiError('not_found', `Project ${input.projectId} was not found.`, {
        errors: [{ in: 'body', pointer: '/projectId', message: 'no such project in this workspace' }],
      });
    }
    await this.checkUrl(input.url);
    const now = Date.now();
    const row: WebhookRow = {
      id: newId('whk'),
      workspace_id: project.workspace_id,
      project_id: project.id,
      url: input.url,
      events: JSON.stringify(input.events),
      secret: input.secret ?? newSecret(),
      description: input.description ?? null,
      enabled: input.enabled === false ? 0 : 1,
      max_attempts: input.maxAttempts ?? 8,
      backoff_ms: input.backoffMs ?? 5000,
      created_by: principal.id,
      created_at: now,
      updated_at: now,
    };
    await this.store.transaction(async (trx) => {
      await insertWebhook(trx, row);
      await recordAudit(trx, principal, {
        action: 'webhook.create',
        resourceType: 'webhook',
        resourceId: row.id,
        workspaceId: row.workspace_id,
        summary: { projectId: row.project_id, url: row.url, events: input.events },
      });
    });
    this.announceChange();
    return toWebhook(row, true);
  }

  async getRow(principal: Principal, id: string): Promise<WebhookRow> {
    const row = await findWebhook(this.store.db, id, principal.workspaceId);
    if (!row) throw notFound('Webhook', id);
    return row;
  }

  async list(
    principal: Principal,
    filter: { workspaceId?: string | undefined; projectId?: string | undefined },
    list: ParsedList,
  ) {
    const workspaceId = listScope(principal, filter.workspaceId);
    await requireFilterProject(this.store, principal, filter.projectId);
    return listWebhooks(
      this.store.db,
      { workspaceId, projectId: filter.projectId },
      list.sort,
      list.after,
      list.limit,
    );
  }

  async update(principal: Principal, id: string, input: UpdateWebhookInput): Promise<Webhook> {
    const existing = await this.getRow(principal, id);
    if (input.url !== undefined) await this.checkUrl(input.url);
    const changes: Parameters<typeof updateWebhook>[2] = { updated_at: Date.now() };
    if (input.url !== undefined) changes.url = input.url;
    if (input.events !== undefined) changes.events = JSON.stringify(input.events);
    if (input.description !== undefined) changes.description = input.description;
    if (input.enabled !== undefined) changes.enabled = input.enabled ? 1 : 0;
    if (input.maxAttempts !== undefined) changes.max_attempts = input.maxAttempts;
    if (input.backoffMs !== undefined) changes.backoff_ms = input.backoffMs;
    if (input.rotateSecret) changes.secret = newSecret();
    await this.store.transaction(async (trx) => {
      await updateWebhook(trx, id, changes);
      // Which fields changed; a rotated secret is said, never shown.
      await recordAudit(trx, principal, {
        action: 'webhook.update',
        resourceType: 'webhook',
        resourceId: id,
        workspaceId: existing.workspace_id,
        summary: changedFields(input),
      });
    });
    this.announceChange();
    return toWebhook(await this.getRow(principal, id), input.rotateSecret === true);
  }

  async delete(principal: Principal, id: string): Promise<void> {
    const existing = await this.getRow(principal, id);
    await this.store.transaction(async (trx) => {
      await deleteWebhook(trx, id);
      await recordAudit(trx, principal, {
        action: 'webhook.delete',
        resourceType: 'webhook',
        resourceId: id,
        workspaceId: existing.workspace_id,
        summary: { url: existing.url },
      });
    });
    this.announceChange();
  }

  async deliveries(principal: Principal, id: string, status: string | undefined, list: ParsedList) {
    await this.getRow(principal, id);
    return listDeliveries(this.store.db, id, status, list.sort, list.after, list.limit);
  }

  /** Sends a `webhook.ping` event to one webhook now (a delivery like any other). */
  async ping(principal: Principal, id: string): Promise<Delivery> {
    const hook = await this.getRow(principal, id);
    const [delivery] = await this.record('webhook.ping', [
      { hook, key: `ping:${newId('msg')}`, data: { webhookId: hook.id } },
    ]);
    return toDelivery(delivery!);
  }

  // ---- Delivery ------------------------------------------------------------------------------------

  private async deliver(ctx: JobContext): Promise<unknown> {
    const { deliveryId } = ctx.arguments as { deliveryId: string };
    const found = await findDelivery(this.store.db, deliveryId);
    // Only the delivery this job was made for, of a webhook of the job's workspace (defence in depth).
    const delivery = found?.job_id === ctx.id ? found : undefined;
    if (!delivery) throw new NonRetryableError(`Delivery ${deliveryId} is gone.`, { code: 'gone' });
    const hook = await findWebhook(this.store.db, delivery.webhook_id, ctx.workspaceId);
    if (!hook || Number(hook.enabled) !== 1) {
      await recordAttempt(
        this.store.db,
        deliveryId,
        {
          status: 'failed',
          last_status_code: null,
          last_error: 'the webhook was disabled or deleted',
          delivered_at: null,
          duration_ms: null,
        },
        Date.now(),
      );
      throw new NonRetryableError('The webhook was disabled or deleted.', { code: 'webhook_disabled' });
    }
    const timestamp = Math.floor(Date.now() / 1000);
    const last = ctx.attempt >= ctx.maxAttempts;
    let status: number | null = null;
    // A monotonic clock: a wall-clock step during the request must not skew the logged duration.
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    let durationMs: number | null = null;
    try {
      const answer = await sendDelivery(
        hook.url,
        {
          'content-type': 'application/json',
          'user-agent': 'Batchyard-Webhooks/1',
          'webhook-id': delivery.id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signDelivery(hook.secret, delivery.id, timestamp, delivery.payload),
        },
        delivery.payload,
        {
          policy: this.destinations,
          timeoutMs: DELIVERY_TIMEOUT_MS,
          connectTimeoutMs: CONNECT_TIMEOUT_MS,
          signal: ctx.signal,
        },
      );
      durationMs = elapsed();
      status = answer.status;
      if (status < 200 || status >= 300) {
        const redirect = status >= 300 && status < 400 ? ' (redirects are not followed)' : '';
        throw new SendError(
          `the receiver answered ${status}${redirect}${answer.excerpt ? `: ${answer.excerpt}` : ''}`,
          true,
        );
      }
    } catch (error) {
      const message = (error as Error).message;
      const retry = !(error instanceof SendError) || error.retryable;
      await recordAttempt(
        this.store.db,
        deliveryId,
        {
          status: last || !retry ? 'failed' : 'pending',
          last_status_code: status,
          last_error: message,
          delivered_at: null,
          duration_ms: durationMs ?? elapsed(),
        },
        Date.now(),
      );
      if (!retry) {
        throw new NonRetryableError(`Delivery to ${hook.url} failed: ${message}`, {
          code: 'destination_refused',
        });
      }
      throw new Error(`Delivery to ${hook.url} failed: ${message}`);
    }
    await recordAttempt(
      this.store.db,
      deliveryId,
      {
        status: 'succeeded',
        last_status_code: status,
        last_error: null,
        delivered_at: Date.now(),
        duration_ms: durationMs,
      },
      Date.now(),
    );
    return { deliveryId, status };
  }

  /** The job that delivers one delivery, built by the job service like any other job. */
  private async deliveryJob(
    hook: WebhookRow,
    deliveryId: string,
    id: string,
    cache: PrepareCache,
  ): Promise<JobRow> {
    const system: Principal = {
      kind: 'key',
      id: 'system',
      name: 'webhooks',
      workspaceId: hook.workspace_id,
      role: 'admin',
    };
    const backoff = Number(hook.backoff_ms);
    const row = await this.deps.jobs.prepare(
      system,
      {
        type: DELIVERY_JOB_TYPE,
        workspaceId: hook.workspace_id,
        projectId: hook.project_id,
        title: `Deliver to ${hook.url}`,
        arguments: { deliveryId, webhookId: hook.id },
        maxAttempts: Number(hook.max_attempts),
        backoff: { initialMs: backoff, maxMs: Math.min(backoff * 64, 86_400_000) },
      },
      undefined,
      cache,
    );
    return { ...row, id, created_by: null };
  }

  jobTypes(): JobTypeDefinition[] {
    return [
      builtinJobType(
        DELIVERY_JOB_TYPE,
        'Delivers one webhook event (signed), retrying with backoff.',
        (ctx) => this.deliver(ctx),
      ),
    ];
  }
}
