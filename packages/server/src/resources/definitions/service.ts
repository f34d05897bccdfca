import { Cron } from 'croner';
import type { Principal } from '../../auth/principal.js';
import { ApiError, badField, notFound } from '../../errors/problem.js';
import type { ParsedList } from '../../http/list.js';
import { isoTime } from '../../time.js';
import { newId } from '../../ids.js';
import { changedFields, recordAudit } from '../audit/service.js';
import type { Store } from '../../store/index.js';
import {
  claimTick,
  deleteDefinition,
  dueDefinitions,
  findDefinition,
  insertDefinition,
  instanceCounts,
  listDefinitions,
  lockDefinition,
  updateDefinition,
  type DefinitionRow,
} from '../../store/queries/definitions.js';
import { insertJobs } from '../../store/queries/jobs.js';
import { setDefinitionKeyLimits } from '../../store/queries/job-keys.js';
import { keyLimitsOf, keyLimitsView, storedKeyLimits, type StoredKeyLimits } from '../jobs/key-limits.js';
import { findProject } from '../../store/queries/projects.js';
import { toJob, type JobService } from '../jobs/service.js';
import type { Job } from '../jobs/schema.js';
import { listScope, resolveTargetWorkspace } from '../workspaces/service.js';
import { requireFilterProject } from '../projects/service.js';
import type { CreateDefinitionInput, Definition, SchedulePreview, UpdateDefinitionInput } from './schema.js';

const HOUR_MS = 3_600_000;

export function toDefinition(row: DefinitionRow): Definition {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    projectId: row.project_id,
    name: row.name,
    type: row.type,
    description: row.description,
    parameters: JSON.parse(row.parameters) as Record<string, unknown>,
    schedule: row.schedule,
    timezone: row.timezone,
    enabled: row.enabled === 1,
    maxRunning: row.max_running,
    maxStartsPerHour: row.max_starts_per_hour,
    timeoutMs: row.timeout_ms ?? null,
    concurrencyKey: row.concurrency_key ?? null,
    keyLimits: keyLimitsView(row),
    nextRunAt: isoTime(row.next_run_at),
    createdBy: row.created_by,
    createdAt: isoTime(row.created_at),
    updatedAt: isoTime(row.updated_at),
  };
}

/** An instance's concurrency key (the run's, else the definition's) and the definition's key limits. */
function instanceKey(
  definition: DefinitionRow,
  runKey?: string,
): { concurrencyKey?: string; definitionKeyLimits?: StoredKeyLimits | null } {
  const key = runKey ?? definition.concurrency_key ?? undefined;
  return key === undefined ? {} : { concurrencyKey: key, definitionKeyLimits: keyLimitsOf(definition) };
}

/**
 * The first `count` ticks of `schedule` strictly after `after` (each the tick after the one
 * before, as the scheduler moves `next_run_at`), or throws a field error in `location`.
 */
export function nextTicks(
  schedule: string,
  timezone: string,
  after: number,
  count: number,
  location: 'body' | 'query' = 'body',
): number[] {
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
  } catch {
    throw badField(location, '/timezone', `"${timezone}" is not an IANA time zone (e.g. UTC, Europe/Paris)`);
  }
  let cron: Cron;
  try {
    cron = new Cron(schedule, { paused: true, timezone });
  } catch (error) {
    throw badField(location, '/schedule', `is not a valid cron expression: ${(error as Error).message}`);
  }
  const ticks: number[] = [];
  let from = new Date(after);
  while (ticks.length < count) {
    const next = cron.nextRun(from);
    if (!next) break;
    ticks.push(next.getTime());
    from = next;
  }
  return ticks;
}

/** The first tick of `schedule` strictly after `after`, or throws a field error. */
export function nextTick(schedule: string, timezone: string, after: number): number | null {
  return nextTicks(schedule, timezone, after, 1)[0] ?? null;
}

/** The next fire times of a schedule, for a form to show before the definition is saved. */
export function previewSchedule(input: {
  schedule: string;
  timezone?: string;
  count?: number;
  after?: string;
}): SchedulePreview {
  const timezone = input.timezone ?? 'UTC';
  const after = input.after === undefined ? Date.now() : Date.parse(input.after);
  const times = nextTicks(input.schedule, timezone, after, input.count ?? 5, 'query');
  return { schedule: input.schedule, timezone, times: times.map((t) => isoTime(t)) };
}

/** Job definitions: stored job templates, run by hand or on a cron schedule, with throttles. */
export class DefinitionService {
  constructor(
    private readonly store: Store,
    private readonly jobs: JobService,
  ) {}

  private async checkParameters(workspaceId: string, type: string, parameters: Record<string, unknown>) {
    this.jobs.refuseInternalType(type);
    const schema = await this.jobs.argumentsSchemaFor(workspaceId, type);
    if (!schema) return;
    // Defaults may leave out what each run supplies: check them without `required`.
    const { required: _required, ...partial } = schema;
    this.jobs.checkArgumentsAgainst(partial, type, structuredClone(parameters), '/parameters');
  }

  async create(principal: Principal, input: CreateDefinitionInput): Promise<Definition> {
    const workspaceId = await resolveTargetWorkspace(this.store, principal, input.workspaceId);
    const parameters = input.parameters ?? {};
    await this.checkParameters(workspaceId, input.type, parameters);
    if (input.projectId !== undefined && !(await findProject(this.store.db, input.projectId, workspaceId))) {
      throw new ApiError('not_found', `Project ${input.projectId} was not found.`, {
        errors: [{ in: 'body', pointer: '/projectId', message: 'no such project in this workspace' }],
      });
    }
    const now = Date.now();
    const timezone = input.timezone ?? 'UTC';
    const enabled = input.enabled ?? true;
    const schedule = input.schedule ?? null;
    const row: DefinitionRow = {
      id: newId('jdf'),
      workspace_id: workspaceId,
      project_id: input.projectId ?? null,
      name: input.name,
      type: input.type,
      description: input.description ?? null,
      parameters: JSON.stringify(parameters),
      schedule,
      timezone,
      enabled: enabled ? 1 : 0,
      max_running: input.maxRunning ?? null,
      max_starts_per_hour: input.maxStartsPerHour ?? null,
      timeout_ms: input.timeoutMs ?? null,
      concurrency_key: input.concurrencyKey ?? null,
      ...storedKeyLimits(input.keyLimits ?? null),
      next_run_at: schedule ? nextTick(schedule, timezone, now) : null,
      created_by: principal.id,
      created_at: now,
      updated_at: now,
    };
    try {
      await this.store.transaction(async (trx) => {
        await insertDefinition(trx, row);
        await recordAudit(trx, principal, {
          action: 'definition.create',
          resourceType: 'definition',
          resourceId: row.id,
          workspaceId: row.workspace_id,
          summary: { name: row.name, type: row.type, schedule: row.schedule },
        });
      });
    } catch (error) {
      if (this.store.isUniqueViolation(error)) throw nameTaken(input.name);
      throw error;
    }
    return toDefinition(row);
  }

  async get(principal: Principal, id: string): Promise<DefinitionRow> {
    const row = await findDefinition(this.store.db, id, principal.workspaceId);
    if (!row) throw notFound('Job definition', id);
    return row;
  }

  async list(
    principal: Principal,
    query: { workspaceId?: string; projectId?: string; type?: string },
    list: ParsedList,
  ) {
    const workspaceId = listScope(principal, query.workspaceId);
    await requireFilterProject(this.store, principal, query.projectId);
    return listDefinitions(
      this.store.db,
      { workspaceId, projectId: query.projectId, type: query.type },
      list.sort,
      list.after,
      list.limit,
    );
  }

  async update(principal: Principal, id: string, input: UpdateDefinitionInput): Promise<Definition> {
    const current = await this.get(principal, id);
    const changes: Partial<DefinitionRow> = { updated_at: Date.now() };
    if (input.name !== undefined) changes.name = input.name;
    if (input.description !== undefined) changes.description = input.description;
    if (input.parameters !== undefined) {
      await this.checkParameters(current.workspace_id, current.type, input.parameters);
      changes.parameters = JSON.stringify(input.parameters);
    }
    if (input.enabled !== undefined) changes.enabled = input.enabled ? 1 : 0;
    if (input.maxRunning !== undefined) changes.max_running = input.maxRunning;
    if (input.maxStartsPerHour !== undefined) changes.max_starts_per_hour = input.maxStartsPerHour;
    if (input.timeoutMs !== undefined) changes.timeout_ms = input.timeoutMs;
    if (input.concurrencyKey !== undefined) changes.concurrency_key = input.concurrencyKey;
    if (input.keyLimits !== undefined) Object.assign(changes, storedKeyLimits(input.keyLimits));
    if (input.schedule !== undefined || input.timezone !== undefined) {
      const schedule = input.schedule !== undefined ? input.schedule : current.schedule;
      const timezone = input.timezone ?? current.timezone;
      changes.schedule = schedule;
      changes.timezone = timezone;
      changes.next_run_at = schedule ? nextTick(schedule, timezone, Date.now()) : null;
    }
    try {
      const row = await this.store.transaction(async (trx) => {
        const updated = await updateDefinition(trx, id, changes);
        if (!updated) throw notFound('Job definition', id);
        // Keys its unfinished instances hold take the new limits at once.
        if (input.keyLimits !== undefined)
          await setDefinitionKeyLimits(trx, current, storedKeyLimits(input.keyLimits));
        await recordAudit(trx, principal, {
          action: 'definition.update',
          resourceType: 'definition',
          resourceId: id,
          workspaceId: current.workspace_id,
          summary: changedFields(input),
        });
        return updated;
      });
      return toDefinition(row);
    } catch (error) {
      if (input.name !== undefined && this.store.isUniqueViolation(error)) throw nameTaken(input.name);
      throw error;
    }
  }

  async delete(principal: Principal, id: string): Promise<void> {
    const current = await this.get(principal, id);
    await this.store.transaction(async (trx) => {
      await deleteDefinition(trx, id);
      await recordAudit(trx, principal, {
        action: 'definition.delete',
        resourceType: 'definition',
        resourceId: id,
        workspaceId: current.workspace_id,
        summary: { name: current.name },
      });
    });
  }

  /**
   * Creates an instance: the run's parameters merged over the defaults, checked against the job
   * type, and the throttles checked and the job inserted in one transaction.
   */
  async run(
    principal: Principal,
    id: string,
    input: {
      parameters?: Record<string, unknown>;
      title?: string;
      priority?: number;
      concurrencyKey?: string;
    },
  ): Promise<Job> {
    const definition = await this.get(principal, id);
    const parameters = {
      ...(JSON.parse(definition.parameters) as Record<string, unknown>),
      ...(input.parameters ?? {}),
    };
    const row = await this.jobs.prepareForCaller(
      principal,
      {
        type: definition.type,
        workspaceId: definition.workspace_id,
        ...(definition.project_id ? { projectId: definition.project_id } : {}),
        arguments: parameters,
        title: input.title ?? definition.name,
        ...(input.priority !== undefined ? { priority: input.priority } : {}),
        ...instanceKey(definition, input.concurrencyKey),
        definitionId: definition.id,
        definitionTimeoutMs: definition.timeout_ms ?? null,
      },
      { type: '/type', arguments: '/parameters' },
    );
    await this.store.transaction(async (trx) => {
      const locked = await lockDefinition(this.store, trx, id);
      if (!locked) throw notFound('Job definition', id);
      await this.checkThrottles(trx, locked, Date.now());
      await insertJobs(this.store, trx, [row]);
      await recordAudit(trx, principal, {
        action: 'definition.run',
        resourceType: 'definition',
        resourceId: id,
        workspaceId: definition.workspace_id,
        summary: { jobId: row.id, parameters: Object.keys(input.parameters ?? {}) },
      });
    });
    this.jobs.announce(row);
    return toJob(row);
  }

  private async checkThrottles(
    db: Parameters<typeof instanceCounts>[0],
    definition: DefinitionRow,
    now: number,
  ): Promise<void> {
    if (definition.max_running === null && definition.max_starts_per_hour === null) return;
    const counts = await instanceCounts(db, definition.id, now - HOUR_MS);
    if (definition.max_running !== null && counts.inFlight >= definition.max_running) {
      throw new ApiError(
        'definition_throttled',
        `Definition ${definition.id} already has ${counts.inFlight} instance(s) queued or running (maxRunning ${definition.max_running}).`,
        { headers: { 'retry-after': '5' } },
      );
    }
    if (definition.max_starts_per_hour !== null && counts.startedInWindow >= definition.max_starts_per_hour) {
      const freeAt = (counts.oldestInWindow ?? now) + HOUR_MS;
      throw new ApiError(
        'definition_throttled',
        `Definition ${definition.id} started ${counts.startedInWindow} instance(s) in the last hour (maxStartsPerHour ${definition.max_starts_per_hour}).`,
        { headers: { 'retry-after': String(Math.max(1, Math.ceil((freeAt - now) / 1000))) } },
      );
    }
  }

  /**
   * Fires every due schedule once. Each tick is claimed by compare-and-set on `next_run_at`, so
   * with several schedulers on one database exactly one fires it; missed ticks (while everything
   * was down) fire once, not once per missed tick. Returns the jobs created.
   */
  async fireDue(now = Date.now()): Promise<string[]> {
    const fired: string[] = [];
    for (const definition of await dueDefinitions(this.store.db, now, 100)) {
      const due = definition.next_run_at!;
      let next: number | null = null;
      try {
        next = definition.schedule
          ? nextTick(definition.schedule, definition.timezone, Math.max(now, due))
          : null;
      } catch {
        next = null; // an unparseable stored schedule stops ticking rather than looping
      }
      const system: Principal = {
        kind: 'key',
        id: `schedule:${definition.id}`,
        name: 'scheduler',
        workspaceId: definition.workspace_id,
        role: 'admin',
      };
      let row;
      try {
        row = await this.jobs.prepareForCaller(system, {
          type: definition.type,
          workspaceId: definition.workspace_id,
          ...(definition.project_id ? { projectId: definition.project_id } : {}),
          arguments: JSON.parse(definition.parameters) as Record<string, unknown>,
          title: definition.name,
          ...instanceKey(definition),
          definitionId: definition.id,
          definitionTimeoutMs: definition.timeout_ms ?? null,
        });
      } catch {
        row = undefined; // parameters no longer valid for the type: skip this tick
      }
      const created = await this.store.transaction(async (trx) => {
        if (!(await claimTick(trx, definition.id, due, next))) return false;
        if (!row) return false;
        try {
          await this.checkThrottles(trx, definition, now);
        } catch {
          return false; // throttled: this tick is skipped
        }
        await insertJobs(this.store, trx, [row]);
        return true;
      });
      if (created && row) {
        this.jobs.announce(row);
        fired.push(row.id);
      }
    }
    return fired;
  }
}

function nameTaken(name: string): ApiError {
  return new ApiError('name_taken', `A job definition named "${name}" already exists in this workspace.`, {
    errors: [{ in: 'body', pointer: '/name', message: 'is already taken' }],
  });
}
