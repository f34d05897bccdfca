import type { FastifyRequest } from 'fastify';
import { unauthorized } from '../../auth/principal.js';
import type { CompatContext, Principal } from '../context.js';
import { header } from '../family.js';

/**
 * Mammoth sends `X-API-KEY` and `X-API-SECRET` on every call: here a Batchyard API client's id and
 * secret, checked by the one authenticator (so roles and the client's workspace hold as natively).
 */
export async function authenticateMammoth(
  request: FastifyRequest,
  context: CompatContext,
): Promise<Principal> {
  const clientId = header(request, 'x-api-key');
  const secret = header(request, 'x-api-secret');
  if (!clientId || !secret) {
    throw unauthorized('unauthenticated', 'Send X-API-KEY (an API client id) and X-API-SECRET (its secret).');
  }
  return context.authenticator.authenticateClient(clientId, secret);
}
