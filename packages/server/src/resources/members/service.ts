import { eventActor, type Principal } from '../../auth/principal.js';
import { ApiError, badField, notFound } from '../../errors/problem.js';
import { splitList, type ParsedList } from '../../http/list.js';
import { newId } from '../../ids.js';
import type { Db, Store } from '../../store/index.js';
import {
  findMember,
  insertMember,
  listMembers,
  markMemberRemoved,
  memberKeyIds,
  revokeMemberKeys,
  updateMember,
  type MemberRow,
} from '../../store/queries/members.js';
import { releaseMemberConsensusLeases, releaseMemberTasks } from '../../store/queries/tasks.js';
import type { MemberRole } from '../../store/tables.js';
import { isoTime } from '../../time.js';
import { changedFields, recordAudit } from '../audit/service.js';
import { listScope, resolveTargetWorkspace } from '../workspaces/service.js';
import {
  MEMBER_ROLES,
  type CreateMemberInput,
  type ListMembersInput,
  type Member,
  type UpdateMemberInput,
} from './schema.js';

export function toMember(row: MemberRow): Member {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    email: row.email,
    role: row.role,
    createdBy: row.created_by,
    createdAt: isoTime(row.created_at),
    updatedAt: isoTime(row.updated_at),
    removedAt: isoTime(row.removed_at),
  };
}

/**
 * A member the caller can see, and that was not removed: what assignment, claims and member keys
 * name. Another workspace's member is 404 (like a missing one); a removed one is `member_removed`.
 */
export async function activeMember(
  db: Db,
  principal: Principal,
  id: string,
  at: { in: 'body' | 'query' | 'path'; pointer: string },
): Promise<MemberRow> {
  const member = await findMember(db, id, principal.workspaceId);
  if (!member) {
    throw new ApiError('not_found', `Member ${id} was not found.`, {
      errors: [{ ...at, message: 'no such member in this workspace' }],
    });
  }
  if (member.removed_at !== null) {
    throw new ApiError('member_removed', `Member ${id} was removed from the workspace.`, {
      errors: [{ ...at, message: 'the member was removed' }],
    });
  }
  return member;
}

/** People of a workspace: who works on tasks, with which role. Managed by admins. */
export class MemberService {
  constructor(
    private readonly store: Store,
    /** Tells every process's authenticator that these keys changed (their member did). */
    private readonly credentialsChanged: (ids: string[]) => void,
  ) {}

  async create(principal: Principal, input: CreateMemberInput): Promise<Member> {
    const workspaceId = await resolveTargetWorkspace(this.store, principal, input.workspaceId);
    const now = Date.now();
    const row: MemberRow = {
      id: newId('mem'),
      workspace_id: workspaceId,
      name: input.name,
      email: input.email.toLowerCase(),
      role: input.role,
      created_by: principal.id,
      created_at: now,
      updated_at: now,
      removed_at: null,
    };
    try {
      await this.store.transaction(async (trx) => {
        await insertMember(trx, row);
        await recordAudit(trx, principal, {
          action: 'member.create',
          resourceType: 'member',
          resourceId: row.id,
          workspaceId,
          summary: { role: row.role },
        });
      });
    } catch (error) {
      if (this.store.isUniqueViolation(error)) throw emailTaken(row.email);
      throw error;
    }
    return toMember(row);
  }

  async get(principal: Principal, id: string): Promise<MemberRow> {
    const row = await findMember(this.store.db, id, principal.workspaceId);
    if (!row) throw notFound('Member', id);
    return row;
  }

  list(principal: Principal, query: ListMembersInput, list: ParsedList) {
    const roles = splitList(query.roles);
    for (const role of roles ?? []) {
      if (!(MEMBER_ROLES as readonly string[]).includes(role))
        throw badField('query', '/roles', `unknown role "${role}"; roles: ${MEMBER_ROLES.join(', ')}`);
    }
    return listMembers(
      this.store.db,
      {
        workspaceId: listScope(principal, query.workspaceId),
        roles: roles as MemberRole[] | undefined,
        email: query.email?.toLowerCase(),
        includeRemoved: query.includeRemoved ?? false,
      },
      list.sort,
      list.after,
      list.limit,
    );
  }

  async update(principal: Principal, id: string, input: UpdateMemberInput): Promise<Member> {
    const existing = await this.get(principal, id);
    if (existing.removed_at !== null)
      throw new ApiError('member_removed', `Member ${id} was removed from the workspace.`);
    const changes: Parameters<typeof updateMember>[2] = { updated_at: Date.now() };
    if (input.name !== undefined) changes.name = input.name;
    if (input.email !== undefined) changes.email = input.email.toLowerCase();
    if (input.role !== undefined) changes.role = input.role;
    let keys: string[] = [];
    try {
      const row = await this.store.transaction(async (trx) => {
        const updated = await updateMember(trx, id, changes);
        if (!updated) throw new ApiError('member_removed', `Member ${id} was removed from the workspace.`);
        await recordAudit(trx, principal, {
          action: 'member.update',
          resourceType: 'member',
          resourceId: id,
          workspaceId: existing.workspace_id,
          summary: { ...changedFields(input), ...(input.role ? { role: input.role } : {}) },
        });
        if (input.role !== undefined && input.role !== existing.role) keys = await memberKeyIds(trx, id);
        return updated;
      });
      // Authentication caches a key with its member's role.
      if (keys.length > 0) this.credentialsChanged(keys);
      return toMember(row);
    } catch (error) {
      if (changes.email !== undefined && this.store.isUniqueViolation(error)) throw emailTaken(changes.email);
      throw error;
    }
  }

  /**
   * Removes a member: its keys are revoked, the tasks it holds (claimed) or is assigned go back to
   * the queue, and the member stays (removed) so that task history and audit entries still name it.
   */
  async remove(principal: Principal, id: string): Promise<void> {
    const member = await this.get(principal, id);
    if (member.removed_at !== null) return;
    const now = Date.now();
    const keys = await this.store.transaction(async (trx) => {
      if (!(await markMemberRemoved(trx, id, now))) return [];
      const revoked = await revokeMemberKeys(trx, id, now);
      const released =
        (await releaseMemberTasks(trx, id, eventActor(principal), now)) +
        (await releaseMemberConsensusLeases(trx, id, eventActor(principal), now));
      await recordAudit(trx, principal, {
        action: 'member.remove',
        resourceType: 'member',
        resourceId: id,
        workspaceId: member.workspace_id,
        summary: { keysRevoked: revoked.length, tasksReleased: released },
      });
      return revoked;
    });
    if (keys.length > 0) this.credentialsChanged(keys);
  }
}

function emailTaken(email: string): ApiError {
  return new ApiError('name_taken', `A member with the email "${email}" is already in the workspace.`, {
    errors: [{ in: 'body', pointer: '/email', message: 'is already taken' }],
  });
}
