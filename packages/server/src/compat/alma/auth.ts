import type { FastifyRequest } from 'fastify';
import type { CompatContext, Principal } from '../context.js';
import { header } from '../family.js';

/**
 * Alma's `Authorization: apikey <key>`: the key is a Batchyard API key (or access token), checked by
 * the one authenticator, so roles and workspaces hold as on the native API.
 */
export function authenticateAlma(request: FastifyRequest, context: CompatContext): Promise<Principal> {
  const match = /^apikey\s+(\S+)$/i.exec(header(request, 'authorization')?.trim() ?? '');
  return context.authenticator.authenticate(match?.[1] ? `Bearer ${match[1]}` : undefined);
}
