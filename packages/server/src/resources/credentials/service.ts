import type { Principal } from '../../auth/principal.js';
import type { TokenSigner } from '../../auth/jwt.js';
import { formatApiKeyToken, hashSecret, newSecret, secretMatches } from '../../auth/secrets.js';
import { ApiError, badField, notFound } from '../../errors/problem.js';
import type { ParsedList } from '../../http/list.js';
import { isoTime } from '../../time.js';
import { newId } from '../../ids.js';
import { recordAudit } from '../audit/service.js';
import { activeMember } from '../members/service.js';
import type { Store } from '../../store/index.js';
import {
  findApiClient,
  findApiKey,
  insertApiClient,
  insertApiKey,
  listApiClients,
  listApiKeys,
  revokeCredential,
  type ApiClientRow,
  type ApiKeyRow,
} from '../../store/queries/credentials.js';
import { insertSettingOnce } from '../../store/queries/settings.js';
import { findWorkspace } from '../../store/queries/workspaces.js';
import type { Role } from '../../store/tables.js';
import type { ApiClient, ApiKey, CreateApiClientInput, CreateApiKeyInput } from './schema.js';

export function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    role: row.role,
    hint: row.hint,
    createdAt: isoTime(row.created_at),
    createdBy: row.created_by,
    revokedAt: isoTime(row.revoked_at),
    expiresAt: isoTime(row.expires_at),
    lastUsedAt: isoTime(row.last_used_at),
    memberId: row.member_id ?? null,
  };
}

export function toApiClient(row: ApiClientRow): ApiClient {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    role: row.role,
    createdAt: isoTime(row.created_at),
    createdBy: row.created_by,
    revokedAt: isoTime(row.revoked_at),
  };
}

const BOOTSTRAP_SETTING = 'bootstrap_admin_key';
/** Every member's key: editor, narrowed on write routes by the member's role (auth/principal.ts). */
const MEMBER_KEY_ROLE: Role = 'editor';

function newApiKeyRow(input: {
  workspaceId: string | null;
  name: string;
  role: Role;
  createdBy: string | null;
  expiresAt: number | null;
  memberId?: string | null;
}): { row: ApiKeyRow; token: string } {
  const id = newId('key');
  const secret = newSecret();
  const token = formatApiKeyToken(id, secret);
  const row: ApiKeyRow = {
    id,
    workspace_id: input.workspaceId,
    name: input.name,
    role: input.role,
    secret_hash: hashSecret(secret),
    hint: token.slice(-4),
    created_at: Date.now(),
    created_by: input.createdBy,
    revoked_at: null,
    expires_at: input.expiresAt,
    last_used_at: null,
    member_id: input.memberId ?? null,
  };
  return { row, token };
}

/** API keys, API clients and the client-credentials grant. */
export class CredentialService {
  constructor(
    private readonly store: Store,
    private readonly signer: TokenSigner,
    /** Tells every process's authenticator that these credentials changed. */
    private readonly credentialsChanged: (ids: string[]) => void,
  ) {}

  /** Where a new credential goes: `undefined` means the caller's own workspace. */
  private async targetWorkspace(
    principal: Principal,
    workspaceId: string | null | undefined,
  ): Promise<string | null> {
    if (workspaceId === undefined) {
      if (principal.workspaceId === null) {
        throw badField(
          'body',
          '/workspaceId',
          'is required for an instance admin: a workspace id, or null for an instance-wide credential',
        );
      }
      return principal.workspaceId;
    }
    if (workspaceId === null) {
      if (principal.workspaceId !== null) {
        throw new ApiError(
          'instance_admin_required',
          'Only an instance admin can create instance-wide credentials.',
        );
      }
      return null;
    }
    const visible = principal.workspaceId === null || principal.workspaceId === workspaceId;
    if (!visible || !(await findWorkspace(this.store.db, workspaceId)))
      throw notFound('Workspace', workspaceId);
    return workspaceId;
  }

  private listScope(principal: Principal, workspaceId: string | undefined): string | null | undefined {
    if (principal.workspaceId !== null) {
      if (workspaceId !== undefined && workspaceId !== principal.workspaceId)
        throw notFound('Workspace', workspaceId);
      return principal.workspaceId;
    }
    if (workspaceId === 'none') return null;
    return workspaceId;
  }

  async createKey(principal: Principal, input: CreateApiKeyInput): Promise<ApiKey & { token: string }> {
    const { workspaceId, role, memberId } = await this.keyOwner(principal, input);
    const now = Date.now();
    if (input.expiresAt && Date.parse(input.expiresAt) <= now) {
      throw badField('body', '/expiresAt', 'must be in the future');
    }
    const { row, token } = newApiKeyRow({
      workspaceId,
      name: input.name,
      role,
      createdBy: principal?.id ?? null,
      expiresAt: input.expiresAt ? Date.parse(input.expiresAt) : null,
      memberId,
    });
    await this.store.transaction(async (trx) => {
      await insertApiKey(trx, row);
      await recordAudit(trx, principal, {
        action: 'key.create',
        resourceType: 'key',
        resourceId: row.id,
        workspaceId,
        summary: { name: row.name, role: row.role, expiresAt: input.expiresAt ?? null, memberId },
      });
    });
    return { ...toApiKey(row), token };
  }

  /**
   * Whose key it is: a member's (its workspace, the editor role) or a plain credential's (the
   * role given, in the workspace given or the caller's).
   */
  private async keyOwner(
    principal: Principal,
    input: CreateApiKeyInput,
  ): Promise<{ workspaceId: string | null; role: Role; memberId: string | null }> {
    if (input.memberId === undefined) {
      const workspaceId = await this.targetWorkspace(principal, input.workspaceId);
      if (input.role === undefined) throw badField('body', '/role', 'is required (unless memberId is given)');
      return { workspaceId, role: input.role, memberId: null };
    }
    const member = await activeMember(this.store.db, principal, input.memberId, {
      in: 'body',
      pointer: '/memberId',
    });
    if (input.workspaceId !== undefined && input.workspaceId !== member.workspace_id)
      throw badField('body', '/workspaceId', "a member's key goes in the member's workspace");
    if (input.role !== undefined && input.role !== MEMBER_KEY_ROLE)
      throw badField(
        'body',
        '/role',
        `a member's key has the ${MEMBER_KEY_ROLE} role (narrowed by the member's role)`,
      );
    return { workspaceId: member.workspace_id, role: MEMBER_KEY_ROLE, memberId: member.id };
  }

  /**
   * Creates the first instance admin key, once per database even when several processes start
   * together. Returns the token when this call created it, null when it existed already.
   */
  async bootstrapAdminKey(): Promise<string | null> {
    return this.store.transaction(async (trx) => {
      if (!(await insertSettingOnce(trx, BOOTSTRAP_SETTING, 'created', Date.now()))) return null;
      const { row, token } = newApiKeyRow({
        workspaceId: null,
        name: 'bootstrap admin',
        role: 'admin',
        createdBy: null,
        expiresAt: null,
      });
      await insertApiKey(trx, row);
      return token;
    });
  }

  async getKey(principal: Principal, id: string): Promise<ApiKeyRow> {
    const row = await findApiKey(this.store.db, id);
    if (!row || !(principal.workspaceId === null || principal.workspaceId === row.workspace_id)) {
      throw notFound('API key', id);
    }
    return row;
  }

  listKeys(principal: Principal, workspaceId: string | undefined, list: ParsedList) {
    const scope = this.listScope(principal, workspaceId);
    return listApiKeys(this.store.db, { workspaceId: scope }, list.sort, list.after, list.limit);
  }

  async revokeKey(principal: Principal, id: string): Promise<ApiKey> {
    const key = await this.getKey(principal, id);
    await this.store.transaction(async (trx) => {
      await revokeCredential(trx, 'api_keys', id, Date.now());
      await recordAudit(trx, principal, {
        action: 'key.revoke',
        resourceType: 'key',
        resourceId: id,
        workspaceId: key.workspace_id,
        summary: { name: key.name },
      });
    });
    this.credentialsChanged([id]);
    return toApiKey(await this.getKey(principal, id));
  }

  async createClient(
    principal: Principal,
    input: CreateApiClientInput,
  ): Promise<ApiClient & { clientSecret: string }> {
    const workspaceId = await this.targetWorkspace(principal, input.workspaceId);
    const clientSecret = `bcs_${newSecret()}`;
    const row: ApiClientRow = {
      id: newId('cli'),
      workspace_id: workspaceId,
      name: input.name,
      role: input.role as Role,
      secret_hash: hashSecret(clientSecret),
      created_at: Date.now(),
      created_by: principal.id,
      revoked_at: null,
    };
    await this.store.transaction(async (trx) => {
      await insertApiClient(trx, row);
      await recordAudit(trx, principal, {
        action: 'client.create',
        resourceType: 'client',
        resourceId: row.id,
        workspaceId,
        summary: { name: row.name, role: row.role },
      });
    });
    return { ...toApiClient(row), clientSecret };
  }

  async getClient(principal: Principal, id: string): Promise<ApiClientRow> {
    const row = await findApiClient(this.store.db, id);
    if (!row || !(principal.workspaceId === null || principal.workspaceId === row.workspace_id)) {
      throw notFound('API client', id);
    }
    return row;
  }

  listClients(principal: Principal, workspaceId: string | undefined, list: ParsedList) {
    const scope = this.listScope(principal, workspaceId);
    return listApiClients(this.store.db, { workspaceId: scope }, list.sort, list.after, list.limit);
  }

  async revokeClient(principal: Principal, id: string): Promise<ApiClient> {
    const client = await this.getClient(principal, id);
    await this.store.transaction(async (trx) => {
      await revokeCredential(trx, 'api_clients', id, Date.now());
      await recordAudit(trx, principal, {
        action: 'client.revoke',
        resourceType: 'client',
        resourceId: id,
        workspaceId: client.workspace_id,
        summary: { name: client.name },
      });
    });
    this.credentialsChanged([id]);
    return toApiClient(await this.getClient(principal, id));
  }

  /** The client-credentials grant: an access token for a valid, unrevoked client. */
  async issueToken(
    clientId: string,
    clientSecret: string,
  ): Promise<{ accessToken: string; expiresIn: number }> {
    const client = await findApiClient(this.store.db, clientId);
    if (!client || client.revoked_at !== null || !secretMatches(clientSecret, client.secret_hash)) {
      throw new ApiError('invalid_client', 'Unknown client, revoked client or wrong client secret.', {
        extensions: { error: 'invalid_client' },
        headers: { 'www-authenticate': 'Basic realm="batchyard"' },
      });
    }
    const accessToken = await this.signer.sign({ sub: client.id, ws: client.workspace_id });
    return { accessToken, expiresIn: this.signer.ttlSeconds };
  }
}
