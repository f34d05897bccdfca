import { ApiError, badField, notFound } from '../../errors/problem.js';
import { idsOfNumeric } from '../../store/queries/numeric-ids.js';
import { listScope, resolveTargetWorkspace } from '../workspaces/service.js';
import type { Principal } from '../../auth/principal.js';
import { isoTime } from '../../time.js';
import type { ParsedList } from '../../http/list.js';
import { newId } from '../../ids.js';
import { changedFields, recordAudit } from '../audit/service.js';
import { parseJson, type Store } from '../../store/index.js';
import {
  deleteProject,
  findProject,
  insertProject,
  listProjects,
  projectHoldsData,
  updateProject,
  type ProjectRow,
} from '../../store/queries/projects.js';
import { dropRowsTablesOf } from '../../store/queries/datasets.js';
import { formConfiguration, type FormConfiguration } from './form.js';
import type { CreateProjectInput, Project, UpdateProjectInput, Workflow, WorkflowInput } from './schema.js';

const DEFAULT_WORKFLOW: Workflow = {
  reviewStages: [],
  excludeSelfReview: true,
  annotationsPerTask: 1,
  agreementThreshold: 0.8,
  goldRate: 0,
};

/** A project's review workflow (the defaults when none was set). */
export function workflowOf(row: Pick<ProjectRow, 'workflow'>): Workflow {
  const stored = parseJson<Partial<Workflow>>(row.workflow ?? null);
  return { ...DEFAULT_WORKFLOW, ...stored };
}

/** `input` over `current`, as stored JSON; stage names must be unique. */
function workflowColumn(current: Workflow, input: WorkflowInput, pointer: string): string {
  const workflow = { ...current, ...input };
  const seen = new Set<string>();
  workflow.reviewStages.forEach((stage, i) => {
    if (seen.has(stage))
      throw badField('body', `${pointer}/reviewStages/${i}`, `stage "${stage}" is named twice`);
    seen.add(stage);
  });
  return JSON.stringify(workflow);
}

export function toProject(row: ProjectRow): Project {
  return {
    id: row.id,
    numericId: row.numeric_id as number,
    workspaceId: row.workspace_id,
    name: row.name,
    description: row.description,
    taskSchema: parseJson<Record<string, unknown>>(row.task_schema),
    workflow: workflowOf(row),
    createdAt: isoTime(row.created_at),
    updatedAt: isoTime(row.updated_at),
  };
}

export class ProjectService {
  constructor(private readonly store: Store) {}

  async create(principal: Principal, input: CreateProjectInput): Promise<Project> {
    const workspaceId = await resolveTargetWorkspace(this.store, principal, input.workspaceId);
    const now = Date.now();
    const row: ProjectRow = {
      id: newId('prj'),
      workspace_id: workspaceId,
      name: input.name,
      description: input.description ?? null,
      task_schema: input.taskSchema ? JSON.stringify(input.taskSchema) : null,
      workflow: input.workflow ? workflowColumn(DEFAULT_WORKFLOW, input.workflow, '/workflow') : null,
      created_at: now,
      updated_at: now,
    };
    try {
      await this.store.transaction(async (trx) => {
        await insertProject(trx, row);
        await recordAudit(trx, principal, {
          action: 'project.create',
          resourceType: 'project',
          resourceId: row.id,
          workspaceId,
          summary: {
            name: row.name,
            taskSchema: row.task_schema !== null,
            ...(input.workflow ? { workflow: input.workflow } : {}),
          },
        });
      });
    } catch (error) {
      if (this.store.isUniqueViolation(error)) throw nameTaken(input.name);
      throw error;
    }
    return toProject(row);
  }

  /** The ids of the principal's workspace's projects by numeric id; numbers not found are left out. */
  idsByNumericId(principal: Principal, numericIds: readonly number[]): Promise<Map<number, string>> {
    return idsOfNumeric(this.store.db, 'projects', principal.workspaceId, numericIds);
  }

  async get(principal: Principal, id: string): Promise<ProjectRow> {
    const row = await findProject(this.store.db, id, principal.workspaceId);
    if (!row) throw notFound('Project', id);
    return row;
  }

  /** The project's task schema as a labelling form (one input per top-level property). */
  async formConfiguration(principal: Principal, id: string): Promise<FormConfiguration> {
    return formConfiguration(toProject(await this.get(principal, id)).taskSchema);
  }

  async list(principal: Principal, workspaceId: string | undefined, list: ParsedList) {
    const scope = listScope(principal, workspaceId);
    return listProjects(this.store.db, { workspaceId: scope }, list.sort, list.after, list.limit);
  }

  async update(principal: Principal, id: string, input: UpdateProjectInput): Promise<Project> {
    const existing = await this.get(principal, id);
    const changes: Parameters<typeof updateProject>[2] = { updated_at: Date.now() };
    if (input.name !== undefined) changes.name = input.name;
    if (input.description !== undefined) changes.description = input.description;
    if (input.taskSchema !== undefined) {
      changes.task_schema = input.taskSchema === null ? null : JSON.stringify(input.taskSchema);
    }
    if (input.workflow !== undefined)
      changes.workflow = workflowColumn(workflowOf(existing), input.workflow, '/workflow');
    try {
      const row = await this.store.transaction(async (trx) => {
        const updated = await updateProject(trx, id, changes);
        if (!updated) throw notFound('Project', id);
        await recordAudit(trx, principal, {
          action: 'project.update',
          resourceType: 'project',
          resourceId: id,
          workspaceId: existing.workspace_id,
          summary: changedFields(input),
        });
        return updated;
      });
      return toProject(row);
    } catch (error) {
      if (input.name !== undefined && this.store.isUniqueViolation(error)) throw nameTaken(input.name);
      throw error;
    }
  }

  async delete(principal: Principal, id: string, force: boolean): Promise<void> {
    const existing = await this.get(principal, id);
    await this.store.transaction(async (trx) => {
      if (!force && (await projectHoldsData(trx, id))) {
        throw new ApiError(
          'project_not_empty',
          `Project ${id} still holds data; delete it first or pass force=true.`,
        );
      }
      await dropRowsTablesOf(trx, { projectId: id });
      await deleteProject(trx, id);
      await recordAudit(trx, principal, {
        action: 'project.delete',
        resourceType: 'project',
        resourceId: id,
        workspaceId: existing.workspace_id,
        summary: { name: existing.name, force },
      });
    });
  }
}

function nameTaken(name: string): ApiError {
  return new ApiError('name_taken', `A project named "${name}" already exists in this workspace.`, {
    errors: [{ in: 'body', pointer: '/name', message: 'is already taken' }],
  });
}

/**
 * A list filtered by a project the caller cannot see is a 404, as a get of it would be (an empty
 * page would answer the same for a project that exists elsewhere and one that does not, but the
 * API says "not found" for other workspaces' ids everywhere).
 */
export async function requireFilterProject(
  store: Store,
  principal: Principal,
  projectId: string | undefined,
): Promise<void> {
  if (projectId === undefined) return;
  if (!(await findProject(store.db, projectId, principal.workspaceId))) {
    throw new ApiError('not_found', `Project ${projectId} was not found.`, {
      errors: [{ in: 'query', pointer: '/projectId', message: 'no such project in this workspace' }],
    });
  }
}
