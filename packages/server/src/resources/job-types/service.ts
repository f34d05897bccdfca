import type { Principal } from '../../auth/principal.js';
import type { JobEngine } from '../../engine/index.js';
import { ApiError, badField, notFound } from '../../errors/problem.js';
import { parseJson, type Store } from '../../store/index.js';
import { deleteJobType, findJobType, listJobTypes, upsertJobType } from '../../store/queries/jobs.js';
import { recordAudit } from '../audit/service.js';
import type { JobPreparer } from '../jobs/prepare.js';
import { listScope, resolveTargetWorkspace } from '../workspaces/service.js';

/** Job types: the built-in ones, and the custom ones registered per workspace for remote workers. */
export class JobTypeService {
  constructor(
    private readonly store: Store,
    private readonly engine: JobEngine,
    private readonly preparer: JobPreparer,
  ) {}

  async listTypes(principal: Principal, workspaceId: string | undefined) {
    const scope = listScope(principal, workspaceId);
    const builtIn = [...this.engine.types.values()].map((t) => ({
      name: t.name,
      workspaceId: null,
      builtIn: true,
      description: t.description,
      argumentsSchema: t.argumentsSchema ?? null,
    }));
    const registered = (await listJobTypes(this.store.db, scope)).map((t) => ({
      name: t.name,
      workspaceId: t.workspace_id as string | null,
      builtIn: false,
      description: t.description,
      argumentsSchema: parseJson<Record<string, unknown>>(t.arguments_schema),
    }));
    return [...builtIn, ...registered];
  }

  async putType(
    principal: Principal,
    name: string,
    input: {
      workspaceId?: string;
      description?: string | null;
      argumentsSchema?: Record<string, unknown> | null;
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
    const existing = await findJobType(this.store.db, workspaceId, name);
    await this.store.transaction(async (trx) => {
      await upsertJobType(trx, {
        workspace_id: workspaceId,
        name,
        description: input.description ?? null,
        arguments_schema: input.argumentsSchema ? JSON.stringify(input.argumentsSchema) : null,
        created_at: existing?.created_at ?? now,
        updated_at: now,
      });
      await recordAudit(trx, principal, {
        action: existing ? 'job_type.update' : 'job_type.create',
        resourceType: 'job_type',
        resourceId: name,
        workspaceId,
        summary: { argumentsSchema: input.argumentsSchema ? 'set' : null },
      });
    });
    return {
      name,
      workspaceId: workspaceId as string | null,
      builtIn: false,
      description: input.description ?? null,
      argumentsSchema: input.argumentsSchema ?? null,
    };
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
