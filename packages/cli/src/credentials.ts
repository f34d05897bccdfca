// What API keys and OAuth clients share: roles, scope and state.

export const ROLES = ['admin', 'editor', 'viewer', 'worker'] as const;

/** `workspaceId` of a credential: a workspace id, or null for instance-wide. */
export function formatScope(value: unknown): string {
  return value === null ? 'instance' : value === undefined ? '-' : String(value);
}

/** A credential's state from its revokedAt (and expiresAt, for keys). */
export function formatCredentialStatus(_value: unknown, row: Record<string, unknown>): string {
  if (typeof row.revokedAt === 'string') return 'revoked';
  if (typeof row.expiresAt === 'string' && Date.parse(row.expiresAt) <= Date.now()) return 'expired';
  return 'active';
}

/** The `workspaceId` for creating a credential: `--workspace <id>`, `--instance` (null) or the default. */
export function credentialScope(flags: { workspace?: string; instance?: boolean }): {
  workspaceId?: string | null;
} {
  if (flags.instance) return { workspaceId: null };
  if (flags.workspace !== undefined) return { workspaceId: flags.workspace };
  return {};
}

/** The `workspaceId` filter of a credential list: `--workspace <id>`, or `--instance` (`none`). */
export function credentialFilter(flags: { workspace?: string; instance?: boolean }): {
  workspaceId?: string;
} {
  if (flags.instance) return { workspaceId: 'none' };
  if (flags.workspace !== undefined) return { workspaceId: flags.workspace };
  return {};
}
