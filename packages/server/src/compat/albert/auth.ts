import type { FastifyRequest } from 'fastify';
import type { CompatContext, Principal } from '../context.js';
import { header } from '../family.js';

/**
 * `Authorization: Bearer <token>`, where the token is a Batchyard API key or the access token
 * the Albert token endpoint issued for an API client: the one authenticator decides either way.
 */
export function authenticateAlbert(request: FastifyRequest, context: CompatContext): Promise<Principal> {
  return context.authenticator.authenticate(header(request, 'authorization'));
}
