import { ApiError } from '../errors/problem.js';
import type { EventBus } from '../engine/index.js';
import type { Store } from '../store/index.js';
import {
  findApiClient,
  findApiKeyForAuth,
  touchApiKey,
  type ApiClientRow,
  type AuthKeyRow,
} from '../store/queries/credentials.js';
import type { MemberRole, Role } from '../store/tables.js';
import type { TokenSigner } from './jwt.js';
import { isApiKeyToken, parseApiKeyToken, secretMatches } from './secrets.js';

export type { Role } from '../store/tables.js';
export const ROLES: readonly Role[] = ['admin', 'editor', 'viewer', 'worker'];

/** Who is calling: an API key or an API client (through its access token). */
export interface Principal {
  kind: 'key' | 'client';
  id: string;
  name: string;
  /** null: an instance-wide credential that sees every workspace. */
  workspaceId: string | null;
  role: Role;
  /** The person an API key acts for (a member's key): task history and audit entries name them. */
  member?: { id: string; role: MemberRole } | undefined;
  /** The request acting with this credential (set per request; audit entries name it). */
  requestId?: string;
}

/**
 * A member's key has the editor role, narrowed by the member's role on `write` routes: a route
 * lists the member roles it takes (`config.memberRoles`), managers only when it lists none.
 * Annotators and reviewers read what editors read.
 */
export function checkMemberAccess(
  principal: Principal,
  access: Exclude<Access, 'public'>,
  memberRoles: readonly MemberRole[] = ['manager'],
): void {
  if (!principal.member || access !== 'write') return;
  if (!memberRoles.includes(principal.member.role)) {
    throw new ApiError(
      'insufficient_role',
      `A member with the ${principal.member.role} role cannot do this; it needs ${memberRoles.join(' or ')}.`,
    );
  }
}

/**
 * What a route requires of its caller:
 * - `public`: no credential;
 * - `any`: any valid credential, workers included;
 * - `read`: admin, editor or viewer; `write`: admin or editor; `admin`: admin;
 * - `worker`: worker or admin (the remote-worker endpoints);
 * - `instance`: an instance-wide admin.
 */
export type Access = 'public' | 'any' | 'read' | 'write' | 'admin' | 'worker' | 'instance';

const ALLOWED: Record<Exclude<Access, 'public' | 'instance'>, readonly Role[]> = {
  any: ROLES,
  read: ['admin', 'editor', 'viewer'],
  write: ['admin', 'editor'],
  admin: ['admin'],
  worker: ['admin', 'worker'],
};

export function checkAccess(principal: Principal, access: Exclude<Access, 'public'>): void {
  if (access === 'instance') {
    if (principal.role === 'admin' && principal.workspaceId === null) return;
    throw new ApiError(
      'instance_admin_required',
      'This operation needs an instance-wide admin credential; this one belongs to a workspace.',
    );
  }
  if (!ALLOWED[access].includes(principal.role)) {
    throw new ApiError(
      'insufficient_role',
      `The ${principal.role} role cannot do this; it needs ${ALLOWED[access].join(' or ')}.`,
    );
  }
}

/** The workspace this credential is confined to (null: all of them). */
export function scopeOf(principal: Principal): string | null {
  return principal.workspaceId;
}

/** True when the credential may see resources of `workspaceId`. */
export function canSeeWorkspace(principal: Principal, workspaceId: string | null): boolean {
  return principal.workspaceId === null || principal.workspaceId === workspaceId;
}

/**
 * A 401 with its `WWW-Authenticate` challenge (RFC 6750 §3): no error code when no credential was
 * sent, `invalid_request` for a malformed header, `invalid_token` for a bad token.
 */
export function unauthorized(
  code: 'unauthenticated' | 'invalid_token',
  detail: string,
  error?: 'invalid_request' | 'invalid_token',
): ApiError {
  const challenge =
    error === undefined
      ? 'Bearer realm="batchyard"'
      : `Bearer realm="batchyard", error="${error}", error_description="${detail.replace(/["\\]/g, '')}"`;
  return new ApiError(code, detail, { headers: { 'www-authenticate': challenge } });
}

const TOUCH_INTERVAL_MS = 60_000;
/**
 * How long a credential read from the store is trusted without reading it again. A revocation or
 * a workspace deletion reaches every process at once through the `credentials` event (LISTEN/NOTIFY
 * on PostgreSQL); this bound covers a notification lost while a listener reconnected.
 */
const CREDENTIAL_CACHE_MS = 5_000;
const CREDENTIAL_CACHE_SIZE = 10_000;

/** A credential row as read, with when it was read. */
interface Cached<Row> {
  row: Row;
  readAt: number;
}

/**
 * A small map of recently read credentials. Every request names its credential, and reading it
 * was one store round trip per request (on PostgreSQL a third of a task read's time).
 */
class CredentialCache<Row> {
  private readonly entries = new Map<string, Cached<Row>>();

  get(id: string, now: number): Row | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (now - entry.readAt < CREDENTIAL_CACHE_MS) return entry.row;
    this.entries.delete(id);
    return undefined;
  }

  set(id: string, row: Row, now: number): void {
    if (this.entries.size >= CREDENTIAL_CACHE_SIZE) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(id, { row, readAt: now });
  }

  forget(ids: readonly string[] | undefined): void {
    if (ids === undefined) this.entries.clear();
    else for (const id of ids) this.entries.delete(id);
  }
}

/**
 * How often a watched credential (an open stream or long-poll) is checked again without being told
 * to: a backstop for a lost notification, and how an expiring key or access token ends its stream.
 */
const WATCH_RECHECK_MS = 15_000;

export class Authenticator {
  private readonly keys = new CredentialCache<AuthKeyRow>();
  private readonly clients = new CredentialCache<ApiClientRow>();
  private events: EventBus | undefined;

  constructor(
    private readonly store: Store,
    private readonly signer: TokenSigner,
  ) {}

  /** Forgets cached credentials when any process revokes or deletes some. */
  listen(events: EventBus): () => void {
    this.events = events;
    return events.subscribe((event) => {
      if (event.kind !== 'credentials') return;
      this.keys.forget(event.ids);
      this.clients.forget(event.ids);
    });
  }

  /**
   * A signal that aborts (with the 401 as its reason) once the credential of an open stream or
   * long-poll stops being valid: revoked, its workspace deleted, or expired. It checks again when
   * any process announces a change to this credential (or to all of them), and every 15 s. Call
   * `stop` when the stream ends.
   */
  watch(principal: Principal, authorization: string | undefined): { signal: AbortSignal; stop(): void } {
    const controller = new AbortController();
    let checking = false;
    let again = false;
    const check = async (): Promise<void> => {
      if (controller.signal.aborted) return;
      if (checking) {
        again = true;
        return;
      }
      checking = true;
      try {
        do {
          again = false;
          try {
            await this.authenticate(authorization);
          } catch (error) {
            if (error instanceof ApiError && error.status === 401) controller.abort(error);
          }
        } while (again && !controller.signal.aborted);
      } finally {
        checking = false;
      }
    };
    const unsubscribe = this.events?.subscribe((event) => {
      if (event.kind === 'credentials' && (event.ids === undefined || event.ids.includes(principal.id)))
        void check();
    });
    const timer = setInterval(() => void check(), WATCH_RECHECK_MS);
    timer.unref();
    const stop = () => {
      clearInterval(timer);
      unsubscribe?.();
    };
    controller.signal.addEventListener('abort', stop, { once: true });
    return { signal: controller.signal, stop };
  }

  async authenticate(authorization: string | undefined): Promise<Principal> {
    if (!authorization) {
      throw unauthorized(
        'unauthenticated',
        'Send the header Authorization: Bearer <API key or access token>.',
      );
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match?.[1]) {
      throw unauthorized(
        'invalid_token',
        'The Authorization header must be "Bearer <token>".',
        'invalid_request',
      );
    }
    const token = match[1];
    return isApiKeyToken(token) ? this.fromApiKey(token) : this.fromAccessToken(token);
  }

  /**
   * An API client by its id and secret, sent on every request by the compat families whose
   * clients know no token endpoint (Mammoth's X-API-KEY / X-API-SECRET).
   */
  async authenticateClient(clientId: string, clientSecret: string): Promise<Principal> {
    const now = Date.now();
    let client = this.clients.get(clientId, now);
    if (!client) {
      client = await findApiClient(this.store.db, clientId);
      if (client) this.clients.set(client.id, client, now);
    }
    if (!client || !secretMatches(clientSecret, client.secret_hash)) {
      throw unauthorized('invalid_token', 'Unknown API client or wrong client secret.', 'invalid_token');
    }
    if (client.revoked_at !== null)
      throw unauthorized('invalid_token', 'The API client has been revoked.', 'invalid_token');
    return {
      kind: 'client',
      id: client.id,
      name: client.name,
      workspaceId: client.workspace_id,
      role: client.role,
    };
  }

  private async fromApiKey(token: string): Promise<Principal> {
    const parsed = parseApiKeyToken(token);
    const now = Date.now();
    let row = parsed ? this.keys.get(parsed.keyId, now) : undefined;
    if (parsed && !row) {
      row = await findApiKeyForAuth(this.store.db, parsed.keyId);
      if (row) this.keys.set(row.id, row, now);
    }
    if (!parsed || !row || !secretMatches(parsed.secret, row.secret_hash)) {
      throw unauthorized('invalid_token', 'The API key is not valid.', 'invalid_token');
    }
    if (row.revoked_at !== null)
      throw unauthorized('invalid_token', 'The API key has been revoked.', 'invalid_token');
    if (row.expires_at !== null && row.expires_at <= now)
      throw unauthorized('invalid_token', 'The API key has expired.', 'invalid_token');
    if (row.last_used_at === null || row.last_used_at < now - TOUCH_INTERVAL_MS) {
      await touchApiKey(this.store.db, row.id, now);
      row.last_used_at = now;
    }
    if (row.member_id && row.member_removed_at !== null)
      throw unauthorized('invalid_token', 'The member of this API key was removed.', 'invalid_token');
    return {
      kind: 'key',
      id: row.id,
      name: row.name,
      workspaceId: row.workspace_id,
      role: row.role,
      ...(row.member_id && row.member_role ? { member: { id: row.member_id, role: row.member_role } } : {}),
    };
  }

  private async fromAccessToken(token: string): Promise<Principal> {
    const claims = await this.signer.verify(token);
    if (!claims)
      throw unauthorized(
        'invalid_token',
        'The access token is malformed, tampered with or expired.',
        'invalid_token',
      );
    const now = Date.now();
    let client = this.clients.get(claims.sub, now);
    if (!client) {
      client = await findApiClient(this.store.db, claims.sub);
      if (client) this.clients.set(client.id, client, now);
    }
    if (!client || client.workspace_id !== claims.ws) {
      throw unauthorized('invalid_token', 'The access token names an unknown client.', 'invalid_token');
    }
    if (client.revoked_at !== null)
      throw unauthorized('invalid_token', 'The API client has been revoked.', 'invalid_token');
    return {
      kind: 'client',
      id: client.id,
      name: client.name,
      workspaceId: client.workspace_id,
      role: client.role,
    };
  }
}

/** Who a task event names: the credential, and the member it acts for. */
export function eventActor(principal: Principal | undefined): {
  actor: string | null;
  memberId: string | null;
} {
  return { actor: principal?.id ?? null, memberId: principal?.member?.id ?? null };
}
