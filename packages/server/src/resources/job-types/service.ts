import { checkAccess, type Principal } from '../../auth/principal.js';
import type { JobEngine } from '../../engine/index.js';
import { ApiError, badField, notFound } from '../../errors/problem.js';
import { parseJson, type Store } from '../../store/index.js';
import { deletePause, insertPause, jobTypeRegisteredAnywhere } from '../../store/queries/job-pauses.js';
import { listBusyJobKeys, setTypeKeyLimits } from '../../store/queries/job-keys.js';
import { deleteJobType, findJobType, listJobTypes, upsertJobType } from '../../store/queries/jobs.js';
import { recordAudit } from '../audit/service.js';
import { keyLimitsView, storedKeyLimits } from '../jobs/key-limits.js';
import type { JobPreparer } from '../jobs/prepare.js';
import type { KeyLimitsInput } from '../jobs/schema.js';
import { listScope, resolveTargetWorkspace } from '../workspaces/service.js';
import { PauseSet } from './pauses.js';

/** Job types: the built-in ones, and the custom ones registered per workspace for remote workers. */
export class JobTypeService {
  constructor(
    private readonly store: Store,
    private readonly engine: JobEngine,
    private readonly preparer: JobPreparer,
  ) {}

  /**
   * The built-in types and the custom ones of the workspace (every workspace's for an instance
   * credential without `workspaceId`), each saying whether it is paused there: a built-in type in
   * the listed workspace (instance-wide only, when the list covers every workspace), a custom one
   * in its own workspace.
   */
  async listTypes(principal: Principal, workspaceId: string | undefined) {
    const scope = listScope(principal, workspaceId);
    const rows = await listJobTypes(this.store.db, scope);
    const pauses = await PauseSet.load(this.store.db, scope === null ? null : [scope]);
    const paused = (workspace: string | null, name: string) => {
      const pausedScope = pauses.scopeOf(workspace, name);
      return { paused: pausedScope !== null, pausedScope };
    };
    const builtIn = [...this.engine.types.values()].map((t) => ({
      name: t.name,
      workspaceId: null,
      builtIn: true,
      internal: t.internal === true,
      description: t.description,
      argumentsSchema: t.argumentsSchema ?? null,
      keyLimits: t.keyLimits ? keyLimitsView(storedKeyLimits(t.keyLimits)) : null,
      ...paused(scope, t.name),
    }));
    const registered = rows.map((t) => ({
      name: t.name,
      workspaceId: t.workspace_id as string | null,
      builtIn: false,
      internal: false,
      description: t.description,
      argumentsSchema: parseJson<Record<string, unknown>>(t.arguments_schema),
      keyLimits: keyLimitsView(t),
      ...paused(t.workspace_id, t.name),
    }));
    return [...builtIn, ...registered];
  }

  /**
   * Pauses (or resumes) a type: in a workspace (editors and admins of it), or instance-wide (an
   * instance admin). Queued jobs stay queued and claims skip them; running ones finish normally.
   * Pausing what is paused, or resuming what is not, changes nothing and writes no audit entry.
   * A resume wakes every runner and waiting worker (on PostgreSQL through NOTIFY).
   */
  async setPaused(
    principal: Principal,
    name: string,
    input: { workspaceId?: string; instanceWide?: boolean },
    paused: boolean,
  ) {
    let workspaceId: string | null;
    if (input.instanceWide) {
      checkAccess(principal, 'instance');
      if (input.workspaceId !== undefined)
        throw badField('body', '/workspaceId', 'cannot be given with instanceWide: true');
      workspaceId = null;
    } else {
      workspaceId = await resolveTargetWorkspace(this.store, principal, input.workspaceId);
    }
    const custom = this.engine.types.has(name)
      ? undefined
      : workspaceId === null
        ? await jobTypeRegisteredAnywhere(this.store.db, name)
        : await findJobType(this.store.db, workspaceId, name);
    if (!this.engine.types.has(name) && !custom) throw notFound('Job type', name);
    const changed = await this.store.transaction(async (trx) => {
      const done = paused
        ? await insertPause(trx, {
            workspace_id: workspaceId,
            type: name,
            paused_by: principal.id,
            paused_at: Date.now(),
          })
        : await deletePause(trx, workspaceId, name);
      if (done) {
        await recordAudit(trx, principal, {
          action: paused ? 'job_type.pause' : 'job_type.resume',
          resourceType: 'job_type',
          resourceId: name,
          workspaceId,
          summary: { scope: workspaceId === null ? 'instance' : 'workspace' },
        });
      }
      return done;
    });
    if (changed && !paused) this.engine.events.publish({ kind: 'queued', types: [name] });
    const types = await this.listTypes(principal, workspaceId ?? undefined);
    const type = types.find((t) => t.name === name && (t.builtIn || t.workspaceId === workspaceId));
    if (type) return type;
    // An instance-wide pause of a custom type: the type as registered in no one workspace.
    const pausedScope = (await PauseSet.load(this.store.db, [])).scopeOf(null, name);
    return {
      name,
      workspaceId: null,
      builtIn: false,
      internal: false,
      description: null,
      argumentsSchema: null,
      keyLimits: null,
      paused: pausedScope !== null,
      pausedScope,
    };
  }

  async putType(
    principal: Principal,
    name: string,
    input: {
      workspaceId?: string;
      description?: string | null;
      argumentsSchema?: Record<string, unknown> | null;
      keyLimits?: KeyLimitsInput | null;
    },
  ) {
    if (this.engine.types.has(name))
      throw new ApiError('builtin_job_type', `"${name}" is a built-in job type.`);
    const workspaceId = await resolveTargetWorkspace(this.store, principal, input.workspaceId);
    if (input.argumentsSchema) {
      try {
        this.preparer.checkSchema(input.argumentsSchema);
      } catch (error) {
        throw badField('body', '/argumentsSchema', `is not a valid JSON Schema: ${(error as Error).message}`);
      }
    }
    const now = Date.now();
    const limits = storedKeyLimits(input.keyLimits ?? null);
    const existing = await findJobType(this.store.db, workspaceId, name);
    await this.store.transaction(async (trx) => {
      await upsertJobType(trx, {
        workspace_id: workspaceId,
        name,
        description: input.description ?? null,
        arguments_schema: input.argumentsSchema ? JSON.stringify(input.argumentsSchema) : null,
        ...limits,
        created_at: existing?.created_at ?? now,
        updated_at: now,
      });
      // Keys already holding jobs of the type take the new limits at once.
      await setTypeKeyLimits(trx, workspaceId, name, limits);
      await recordAudit(trx, principal, {
        action: existing ? 'job_type.update' : 'job_type.create',
        resourceType: 'job_type',
        resourceId: name,
        workspaceId,
        summary: {
          argumentsSchema: input.argumentsSchema ? 'set' : null,
          keyLimits: input.keyLimits ?? null,
        },
      });
    });
    return {
      name,
      workspaceId: workspaceId as string | null,
      builtIn: false,
      internal: false,
      description: input.description ?? null,
      argumentsSchema: input.argumentsSchema ?? null,
      keyLimits: keyLimitsView(limits),
      ...(await this.pausedIn(workspaceId, name)),
    };
  }

  /** The type's keys holding queued or running jobs in the workspace (at most `limit`, busiest first). */
  async listKeys(principal: Principal, name: string, workspaceId: string | undefined, limit: number) {
    const workspace = await resolveTargetWorkspace(this.store, principal, workspaceId);
    const now = Date.now();
    return (await listBusyJobKeys(this.store.db, workspace, name, limit)).map((k) => ({
      type: k.type,
      workspaceId: k.workspace_id,
      key: k.key,
      queued: k.queued,
      running: k.running,
      maxRunning: k.max_running,
      rate:
        k.rate_max !== null && k.rate_window_ms !== null
          ? { max: k.rate_max, windowMs: k.rate_window_ms }
          : null,
      windowStarts:
        k.rate_window_ms !== null && now < Number(k.window_started_at) + k.rate_window_ms
          ? k.window_starts
          : 0,
      nextTurnAt: Number(k.next_at) > now ? new Date(Number(k.next_at)).toISOString() : null,
    }));
  }

  private async pausedIn(workspaceId: string, name: string) {
    const pausedScope = (await PauseSet.load(this.store.db, [workspaceId])).scopeOf(workspaceId, name);
    return { paused: pausedScope !== null, pausedScope };
  }

  async deleteType(principal: Principal, name: string, workspaceId: string | undefined): Promise<void> {
    if (this.engine.types.has(name))
      throw new ApiError('builtin_job_type', `"${name}" is a built-in job type.`);
    const scope = await resolveTargetWorkspace(this.store, principal, workspaceId);
    await this.store.transaction(async (trx) => {
      if (!(await deleteJobType(trx, scope, name))) throw notFound('Job type', name);
      await recordAudit(trx, principal, {
        action: 'job_type.delete',
        resourceType: 'job_type',
        resourceId: name,
        workspaceId: scope,
      });
    });
  }
}
