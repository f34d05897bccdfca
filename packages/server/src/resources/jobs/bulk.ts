import type { Principal } from '../../auth/principal.js';
import { builtinJobType, type JobEngine, type JobTypeDefinition } from '../../engine/index.js';
import { ApiError, badField } from '../../errors/problem.js';
import type { Store } from '../../store/index.js';
import { findDefinition } from '../../store/queries/definitions.js';
import { findFlow } from '../../store/queries/flows.js';
import { jobIdsInWorkspace } from '../../store/queries/job-bulk.js';
import { findProject } from '../../store/queries/projects.js';
import { resolveTargetWorkspace } from '../workspaces/service.js';
import { runJobBulk, type BulkArguments } from './bulk-run.js';
import type { BulkJobsInput, Job } from './schema.js';
import type { JobService } from './service.js';

export const BULK_JOB_TYPE = 'jobs.bulk';

/** Abort, retry or delete the jobs a filter selects, as a `jobs.bulk` job. */
export class JobBulk {
  constructor(
    private readonly store: Store,
    private readonly deps: { readonly engine: JobEngine; readonly jobs: JobService },
  ) {}

  jobTypes(): JobTypeDefinition[] {
    return [
      builtinJobType(
        BULK_JOB_TYPE,
        'Aborts, retries or deletes the jobs a filter selects, with a result per job (results.jsonl).',
        (ctx) => runJobBulk(this.store, this.deps.engine, ctx),
      ),
    ];
  }

  /** Checks the filter (at least one criterion; its definition and project in the workspace) and starts the job. */
  async start(principal: Principal, input: BulkJobsInput): Promise<Job> {
    const { filter } = input;
    // The workspace first: another workspace's is a 404 whatever the rest of the request says.
    const workspaceId = await resolveTargetWorkspace(this.store, principal, input.workspaceId);
    const criteria = Object.entries(filter).filter(([, value]) => value !== undefined);
    if (criteria.length === 0) {
      // An empty filter would be every job of the workspace: that has to be asked for explicitly.
      throw badField(
        'body',
        '/filter',
        'give at least one criterion (ids, types, statuses, definitionId, projectId, flowId, createdGte, createdLt); for every job, list every status',
      );
    }
    const createdGte = filter.createdGte ? Date.parse(filter.createdGte) : undefined;
    const createdLt = filter.createdLt ? Date.parse(filter.createdLt) : undefined;
    if (createdGte !== undefined && createdLt !== undefined && createdLt <= createdGte) {
      throw badField('body', '/filter/createdLt', 'must be later than createdGte');
    }
    if (filter.ids) {
      // Named jobs must be the workspace's (another workspace's are 404, as everywhere).
      const found = await jobIdsInWorkspace(this.store.db, workspaceId, filter.ids);
      const missing = filter.ids.findIndex((id) => !found.has(id));
      if (missing >= 0) {
        throw new ApiError('not_found', `Job ${filter.ids[missing]} was not found.`, {
          errors: [
            { in: 'body', pointer: `/filter/ids/${missing}`, message: 'no such job in this workspace' },
          ],
        });
      }
    }
    if (
      filter.definitionId !== undefined &&
      !(await findDefinition(this.store.db, filter.definitionId, workspaceId))
    ) {
      throw new ApiError('not_found', `Job definition ${filter.definitionId} was not found.`, {
        errors: [
          {
            in: 'body',
            pointer: '/filter/definitionId',
            message: 'no such job definition in this workspace',
          },
        ],
      });
    }
    if (
      filter.projectId !== undefined &&
      !(await findProject(this.store.db, filter.projectId, workspaceId))
    ) {
      throw new ApiError('not_found', `Project ${filter.projectId} was not found.`, {
        errors: [{ in: 'body', pointer: '/filter/projectId', message: 'no such project in this workspace' }],
      });
    }
    if (filter.flowId !== undefined && !(await findFlow(this.store.db, filter.flowId, workspaceId))) {
      throw new ApiError('not_found', `Flow ${filter.flowId} was not found.`, {
        errors: [{ in: 'body', pointer: '/filter/flowId', message: 'no such flow in this workspace' }],
      });
    }
    const args: BulkArguments = {
      action: input.action,
      filter: { ...filter, ...(filter.ids ? { ids: [...new Set(filter.ids)] } : {}) },
      actor: { kind: principal.kind, id: principal.id, name: principal.name, role: principal.role },
      requestId: principal.requestId ?? null,
    };
    const { job } = await this.deps.jobs.create(principal, {
      type: BULK_JOB_TYPE,
      workspaceId,
      projectId: filter.projectId,
      title: `Bulk ${input.action}`,
      arguments: args as unknown as Record<string, unknown>,
      maxAttempts: 5,
    });
    return job;
  }
}
