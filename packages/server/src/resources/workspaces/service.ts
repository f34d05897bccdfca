import { dropRowsTablesOf } from '../../store/queries/datasets.js';
import { idsOfNumeric } from '../../store/queries/numeric-ids.js';
import { ApiError, badField, notFound } from '../../errors/problem.js';
import { checkAccess, type Principal } from '../../auth/principal.js';
import { isoTime } from '../../time.js';
import type { ParsedList } from '../../http/list.js';
import { newId } from '../../ids.js';
import { recordAudit } from '../audit/service.js';
import type { Store } from '../../store/index.js';
import {
  countProjectsInWorkspace,
  deleteWorkspace,
  findWorkspace,
  insertWorkspace,
  listWorkspaces,
  updateWorkspace,
  type WorkspaceRow,
} from '../../store/queries/workspaces.js';
import type { Workspace } from './schema.js';

export function toWorkspace(row: WorkspaceRow): Workspace {
  return {
    id: row.id,
    numericId: row.numeric_id as number,
    name: row.name,
    weight: row.claim_weight ?? 1,
    createdAt: isoTime(row.created_at),
    updatedAt: isoTime(row.updated_at),
  };
}

/**
 * The workspace a new resource goes into: the credential's own when `workspaceId` is absent, or
 * the named one if the credential can see it (404 otherwise, like a missing one).
 */
export async function resolveTargetWorkspace(
  store: Store,
  principal: Principal,
  workspaceId: string | undefined,
): Promise<string> {
  if (workspaceId === undefined) {
    if (principal.workspaceId === null) {
      throw badField('body', '/workspaceId', 'is required for an instance-wide credential');
    }
    return principal.workspaceId;
  }
  const visible = principal.workspaceId === null || principal.workspaceId === workspaceId;
  if (!visible || !(await findWorkspace(store.db, workspaceId))) throw notFound('Workspace', workspaceId);
  return workspaceId;
}

/**
 * Which workspace a list covers: the one asked for (404 when the credential cannot see it), else
 * the credential's own, else (instance credentials) all of them (null).
 */
export function listScope(principal: Principal, workspaceId: string | undefined): string | null {
  if (workspaceId === undefined) return principal.workspaceId;
  if (principal.workspaceId !== null && principal.workspaceId !== workspaceId)
    throw notFound('Workspace', workspaceId);
  return workspaceId;
}

export class WorkspaceService {
  constructor(
    private readonly store: Store,
    /** Tells every process's authenticator that credentials went (with the workspace). */
    private readonly credentialsChanged: () => void,
  ) {}

  async create(principal: Principal | undefined, input: { name: string }): Promise<Workspace> {
    const now = Date.now();
    const row: WorkspaceRow = { id: newId('ws'), name: input.name, created_at: now, updated_at: now };
    try {
      await this.store.transaction(async (trx) => {
        await insertWorkspace(trx, row);
        await recordAudit(trx, principal, {
          action: 'workspace.create',
          resourceType: 'workspace',
          resourceId: row.id,
          workspaceId: row.id,
          summary: { name: row.name },
        });
      });
    } catch (error) {
      if (this.store.isUniqueViolation(error)) throw this.nameTaken(input.name);
      throw error;
    }
    return toWorkspace(row);
  }

  /** The workspace, if this credential may see it; 404 otherwise (never 403: ids do not leak). */

  /** The ids of the principal's workspace's workspace (itself) by numeric id; numbers not found are left out. */
  idsByNumericId(principal: Principal, numericIds: readonly number[]): Promise<Map<number, string>> {
    return idsOfNumeric(this.store.db, 'workspaces', principal.workspaceId, numericIds);
  }

  async get(principal: Principal, id: string): Promise<WorkspaceRow> {
    const visible = principal.workspaceId === null || principal.workspaceId === id;
    const row = visible ? await findWorkspace(this.store.db, id) : undefined;
    if (!row) throw notFound('Workspace', id);
    return row;
  }

  list(principal: Principal, list: ParsedList) {
    return listWorkspaces(
      this.store.db,
      { onlyId: principal.workspaceId },
      list.sort,
      list.after,
      list.limit,
    );
  }

  /** Renames it; its claim weight (how many jobs it gets per round of claims) is an instance admin's call. */
  async update(
    principal: Principal,
    id: string,
    changes: { name?: string; weight?: number },
  ): Promise<Workspace> {
    await this.get(principal, id);
    if (changes.weight !== undefined) checkAccess(principal, 'instance');
    const { weight, ...rest } = changes;
    try {
      const row = await this.store.transaction(async (trx) => {
        const updated = await updateWorkspace(trx, id, {
          ...rest,
          ...(weight !== undefined ? { claim_weight: weight } : {}),
          updated_at: Date.now(),
        });
        if (!updated) throw notFound('Workspace', id);
        await recordAudit(trx, principal, {
          action: 'workspace.update',
          resourceType: 'workspace',
          resourceId: id,
          workspaceId: id,
          summary: { ...changes },
        });
        return updated;
      });
      return toWorkspace(row);
    } catch (error) {
      if (changes.name !== undefined && this.store.isUniqueViolation(error))
        throw this.nameTaken(changes.name);
      throw error;
    }
  }

  async delete(principal: Principal, id: string, force: boolean): Promise<void> {
    await this.get(principal, id);
    await this.store.transaction(async (trx) => {
      const projects = await countProjectsInWorkspace(trx, id);
      if (projects > 0 && !force) {
        throw new ApiError(
          'workspace_not_empty',
          `Workspace ${id} still has ${projects} project(s); delete them or pass force=true.`,
        );
      }
      await dropRowsTablesOf(trx, { workspaceId: id });
      await deleteWorkspace(trx, id);
      await recordAudit(trx, principal, {
        action: 'workspace.delete',
        resourceType: 'workspace',
        resourceId: id,
        workspaceId: id,
        summary: { force, projects },
      });
    });
    this.credentialsChanged();
  }

  private nameTaken(name: string): ApiError {
    return new ApiError('name_taken', `A workspace named "${name}" already exists.`, {
      errors: [{ in: 'body', pointer: '/name', message: 'is already taken' }],
    });
  }
}
